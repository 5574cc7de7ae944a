import "server-only";
// What the exchange pages show, as DTOs: only the columns a screen needs,
// and contact details only for the two parties of an accepted exchange
// (STYLE.md habit 5). Every read is scoped to the viewer in its WHERE clause.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { basketLabel } from "@/lib/domain/basket";
import {
  LIVE_RESERVATION_STATUSES,
  offeringClosesAt,
  queuePosition,
  type Actor,
  type OfferStatus,
  type ReservationStatus,
} from "@/lib/domain/offer";
import { decisionStanding, reserveStanding, type OfferView, type Standing, type Standstill } from "@/lib/domain/offer-standing";
import { formatMonth, monthOf } from "@/lib/domain/calendar";
import { formatDay, formatSlot, formatTime, parisDate } from "@/lib/domain/time";
import type { Viewer } from "../auth/auth";
import { pickupCalendarFor } from "./offer-mail";
import { linesOf, reservationsOf, type BasketLineDTO } from "./offer-rows";
import { getSettings } from "../core/settings";

export type { BasketLineDTO };
export type PlaceDTO = { name: string; address: string; accessNotes: string };
export type ContactDTO = { fullName: string; phone: string | null; email: string };

const fullName = (first: string, last: string, email: string) => `${first} ${last}`.trim() || email;

function total(lines: BasketLineDTO[]): number {
  return lines.reduce((sum, l) => sum + l.priceCents, 0);
}

// ---------------------------------------------------------------------------
// /absence — "Absence – proposer son panier"

export type AbsenceLineDTO = {
  subscriptionId: number;
  label: string;
  /** « Légumes »: the short name a date's row lists. */
  product: string;
  quantity: number;
  /** The offer this line is already in, for this date. */
  offered: { offerId: number; status: OfferStatus } | null;
};

export type AbsenceDateDTO = {
  distributionId: number;
  slot: string;
  placeName: string;
  /** « décembre 2026 »: the page groups dates by month. */
  month: string;
  /** Past the next ABSENCE_SOON_WEEKS: behind « Voir plus de dates ». */
  isLater: boolean;
  /** Why the date cannot be offered any more, or null. */
  closed: null | { reason: "too_late"; closedAt: string } | { reason: "cancelled" };
  lines: AbsenceLineDTO[];
};

export type AbsenceDTO = {
  /** The member's basket lines (current subscriptions), to pick from. */
  subscriptions: { subscriptionId: number; label: string; quantity: number; unitPriceCents: number }[];
  dates: AbsenceDateDTO[];
  offerCloseHours: number;
};

const ABSENCE_WEEKS = 12;
/** The dates shown at once on a phone; later ones are one tap away. */
const ABSENCE_SOON_WEEKS = 8;

export async function getAbsencePage(viewer: Viewer, now = new Date()): Promise<AbsenceDTO> {
  const db = await getDb();
  const { offerCloseHours } = await getSettings(db);
  const today = parisDate(now);
  const horizon = new Date(now.getTime() + ABSENCE_WEEKS * 7 * 86_400_000);
  const soon = new Date(now.getTime() + ABSENCE_SOON_WEEKS * 7 * 86_400_000);

  const subscriptions = await db
    .select({
      subscriptionId: s.subscriptions.id,
      product: s.contracts.product,
      size: s.contracts.size,
      quantity: s.subscriptions.quantity,
      unitPriceCents: s.contracts.unitPriceCents,
      startsOn: s.subscriptions.startsOn,
      endsOn: s.subscriptions.endsOn,
    })
    .from(s.subscriptions)
    .innerJoin(s.contracts, eq(s.contracts.id, s.subscriptions.contractId))
    .where(and(eq(s.subscriptions.userId, viewer.userId), gte(s.subscriptions.endsOn, today)))
    .orderBy(asc(s.contracts.product), asc(s.contracts.size));

  const rows = await db
    .select({
      distributionId: s.distributions.id,
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      cancelledAt: s.distributions.cancelledAt,
      placeName: s.places.name,
      subscriptionId: s.subscriptions.id,
      startsOn: s.subscriptions.startsOn,
      endsOn: s.subscriptions.endsOn,
    })
    .from(s.distributions)
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .innerJoin(s.distributionContracts, eq(s.distributionContracts.distributionId, s.distributions.id))
    .innerJoin(
      s.subscriptions,
      and(eq(s.subscriptions.contractId, s.distributionContracts.contractId), eq(s.subscriptions.userId, viewer.userId)),
    )
    .where(and(gt(s.distributions.startsAt, now), lte(s.distributions.startsAt, horizon)))
    .orderBy(asc(s.distributions.startsAt), asc(s.subscriptions.id));

  const distributionIds = [...new Set(rows.map((r) => r.distributionId))];
  const offered = distributionIds.length
    ? await db
        .select({
          distributionId: s.offerLines.distributionId,
          subscriptionId: s.offerLines.subscriptionId,
          offerId: s.offers.id,
          status: s.offers.status,
        })
        .from(s.offerLines)
        .innerJoin(s.offers, eq(s.offers.id, s.offerLines.offerId))
        .where(
          and(
            inArray(s.offerLines.distributionId, distributionIds),
            eq(s.offers.memberId, viewer.userId),
            isNull(s.offerLines.releasedAt),
          ),
        )
    : [];
  const offeredKey = (d: number, sub: number) => `${d}:${sub}`;
  const offeredMap = new Map(offered.map((o) => [offeredKey(o.distributionId, o.subscriptionId), o]));
  const labels = new Map(subscriptions.map((sub) => [sub.subscriptionId, sub]));

  const dates = new Map<number, AbsenceDateDTO>();
  for (const r of rows) {
    const day = parisDate(r.startsAt);
    if (r.startsOn > day || r.endsOn < day) continue; // subscription not running that day
    let date = dates.get(r.distributionId);
    if (!date) {
      const closesAt = offeringClosesAt(r.startsAt, offerCloseHours);
      date = {
        distributionId: r.distributionId,
        slot: formatSlot(r.startsAt, r.endsAt),
        placeName: r.placeName,
        month: formatMonth(monthOf(day)),
        isLater: r.startsAt > soon,
        closed: r.cancelledAt
          ? { reason: "cancelled" }
          : now >= closesAt
            ? { reason: "too_late", closedAt: `${formatDay(closesAt)} à ${formatTime(closesAt)}` }
            : null,
        lines: [],
      };
      dates.set(r.distributionId, date);
    }
    const sub = labels.get(r.subscriptionId);
    const hit = offeredMap.get(offeredKey(r.distributionId, r.subscriptionId));
    date.lines.push({
      subscriptionId: r.subscriptionId,
      label: sub ? basketLabel(sub.product, sub.size) : "",
      product: sub?.product ?? "",
      quantity: sub?.quantity ?? 1,
      offered: hit ? { offerId: hit.offerId, status: hit.status } : null,
    });
  }

  return {
    subscriptions: subscriptions
      .filter((sub) => sub.startsOn <= parisDate(horizon))
      .map((sub) => ({
        subscriptionId: sub.subscriptionId,
        label: basketLabel(sub.product, sub.size),
        quantity: sub.quantity,
        unitPriceCents: sub.unitPriceCents,
      })),
    // A date past its deadline with nothing of the member's on it offers nothing to do: left out, so the form stays short.
    dates: [...dates.values()].filter((d) => !(d.closed?.reason === "too_late" && d.lines.every((l) => !l.offered))),
    offerCloseHours,
  };
}

// ---------------------------------------------------------------------------
// /paniers — "Paniers disponibles"

export type AvailableOfferDTO = {
  offerId: number;
  memberFirstName: string;
  message: string;
  lines: BasketLineDTO[];
  totalCents: number;
  status: "open" | "reserved";
  /** The first reservation is accepted at once: the basket is the intermittent's without waiting for an answer. */
  autoAccept: boolean;
  /** People in line (awaiting the answer + waiting behind). */
  queueLength: number;
  /** The viewer's own place in this offer's line. */
  mine: null | { reservationId: number; status: "pending" | "queued"; position: number };
};

export type DistributionGroupDTO = {
  distributionId: number;
  slot: string;
  place: PlaceDTO;
  offers: AvailableOfferDTO[];
};

export type AvailableBasketsDTO = {
  groups: DistributionGroupDTO[];
  /** Offers listed in all (every page). */
  total: number;
  page: number;
  pageCount: number;
  /** What to say about the offer asked for (?offre=), or null: nothing more than its card. */
  focus: FocusDTO | null;
};

/**
 * The offer an email's link asked for (?offre=): listed, but reserved by
 * someone else meanwhile (the viewer may join the queue); or no longer
 * listed, and why.
 */
export type FocusDTO =
  | { kind: "reserved"; memberFirstName: string }
  | { kind: "gone"; why: "gone" | "taken" | "cancelled" | "distribution_cancelled" | "past" | "own_offer" | "mine_accepted" };

const FOCUS_GONE: readonly Standstill[] = ["taken", "cancelled", "distribution_cancelled", "past", "own_offer", "mine_accepted"];

export function actorOf(viewer: Viewer): Actor {
  return { userId: viewer.userId, isIntermittent: viewer.roles.has("intermittent"), isReferent: viewer.roles.has("referent") };
}

/** The offer as the state machine sees it (read only, no lock), with its member's first name. */
async function offerViewOf(offerId: number): Promise<(OfferView & { memberFirstName: string }) | null> {
  const db = await getDb();
  const member = alias(s.users, "member");
  const [row] = await db
    .select({
      id: s.offers.id,
      memberId: s.offers.memberId,
      status: s.offers.status,
      autoAccept: s.offers.autoAccept,
      startsAt: s.distributions.startsAt,
      cancelledAt: s.distributions.cancelledAt,
      memberFirstName: member.firstName,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(member, eq(member.id, s.offers.memberId))
    .where(eq(s.offers.id, offerId));
  if (!row) return null;
  const { cancelledAt, ...offer } = row;
  return { ...offer, distributionCancelled: cancelledAt !== null, reservations: await reservationsOf(db, [offerId]) };
}

async function focusOf(viewer: Viewer, offerId: number, listed: boolean, now: Date): Promise<FocusDTO | null> {
  const offer = await offerViewOf(offerId);
  const standing = reserveStanding(offer, actorOf(viewer), now);
  if (listed) {
    return offer && standing.ready && standing.step.as === "queued" ? { kind: "reserved", memberFirstName: offer.memberFirstName } : null;
  }
  // Cancelling a distribution cancels its offers; said first, whatever the offer's own state.
  const why = offer?.distributionCancelled
    ? "distribution_cancelled"
    : !standing.ready && FOCUS_GONE.includes(standing.standstill)
      ? standing.standstill
      : "gone";
  return { kind: "gone", why: why as Extract<FocusDTO, { kind: "gone" }>["why"] };
}

/**
 * Offers per page of /paniers: about what a phone shows in a few swipes (a
 * distribution or two of an ordinary AMAP); the page stays light (HTML,
 * server time, work for the phone) however many are offered.
 */
export const BASKETS_PAGE_SIZE = 20;

/** What /paniers lists for a viewer: open or reserved offers of others, for distributions still to come and not cancelled. */
export function listedForViewer(viewerId: string, now: Date): SQL {
  return and(
    inArray(s.offers.status, ["open", "reserved"]),
    gt(s.distributions.startsAt, now),
    isNull(s.distributions.cancelledAt),
    ne(s.offers.memberId, viewerId),
  )!;
}

/**
 * The page of /paniers an offer is on (they are listed by distribution, then
 * by offer), or null when it is not listed for the viewer any more. Email
 * links land there (`/paniers?offre=12`), whichever page it is.
 */
async function pageOfOffer(viewer: Viewer, offerId: number, now: Date): Promise<number | null> {
  const db = await getDb();
  const target = alias(s.offers, "target");
  const targetDistribution = alias(s.distributions, "target_distribution");
  // The listed offers up to the target in the page's order; the target is among them when it is listed.
  const [row] = await db
    .select({
      upTo: sql<number>`count(*)::int`,
      listed: sql<boolean>`coalesce(bool_or(${s.offers.id} = ${target.id}), false)`,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(target, eq(target.id, offerId))
    .innerJoin(targetDistribution, eq(targetDistribution.id, target.distributionId))
    .where(
      and(
        listedForViewer(viewer.userId, now),
        sql`(${s.distributions.startsAt}, ${s.offers.id}) <= (${targetDistribution.startsAt}, ${target.id})`,
      ),
    );
  if (!row?.listed) return null;
  return Math.floor((row.upTo - 1) / BASKETS_PAGE_SIZE) + 1;
}

export async function listAvailableBaskets(
  viewer: Viewer,
  { page = 1, offerId, now = new Date() }: { page?: number; offerId?: number; now?: Date } = {},
): Promise<AvailableBasketsDTO> {
  const db = await getDb();
  const member = alias(s.users, "member");
  const focusPage = offerId === undefined ? undefined : await pageOfOffer(viewer, offerId, now);
  const current = Math.max(1, Math.floor(focusPage ?? page));
  // One round trip: the page of offers, with the total count alongside.
  const offers = await db
    .select({
      offerId: s.offers.id,
      status: s.offers.status,
      autoAccept: s.offers.autoAccept,
      message: s.offers.message,
      memberFirstName: member.firstName,
      distributionId: s.distributions.id,
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      placeName: s.places.name,
      placeAddress: s.places.address,
      placeAccess: s.places.accessNotes,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .innerJoin(member, eq(member.id, s.offers.memberId))
    .where(listedForViewer(viewer.userId, now))
    .orderBy(asc(s.distributions.startsAt), asc(s.offers.id))
    .limit(BASKETS_PAGE_SIZE)
    .offset((current - 1) * BASKETS_PAGE_SIZE);
  const listed = offers[0]?.total ?? (current > 1 ? await countAvailable(viewer, now) : 0);
  const ids = offers.map((o) => o.offerId);
  const [lines, reservations] = await Promise.all([
    linesOf(db, ids),
    reservationsOf(db, ids, ["pending", "queued"]),
  ]);
  const byOffer = new Map<number, typeof reservations>();
  for (const r of reservations) {
    const list = byOffer.get(r.offerId);
    if (list) list.push(r);
    else byOffer.set(r.offerId, [r]);
  }

  const groups = new Map<number, DistributionGroupDTO>();
  for (const o of offers) {
    let group = groups.get(o.distributionId);
    if (!group) {
      group = {
        distributionId: o.distributionId,
        slot: formatSlot(o.startsAt, o.endsAt),
        place: { name: o.placeName, address: o.placeAddress, accessNotes: o.placeAccess },
        offers: [],
      };
      groups.set(o.distributionId, group);
    }
    const line = byOffer.get(o.offerId) ?? [];
    const mine = line.find((r) => r.intermittentId === viewer.userId);
    const offerLines = lines.get(o.offerId) ?? [];
    group.offers.push({
      offerId: o.offerId,
      memberFirstName: o.memberFirstName,
      message: o.message,
      lines: offerLines,
      totalCents: total(offerLines),
      status: o.status as "open" | "reserved",
      autoAccept: o.autoAccept,
      queueLength: line.length,
      mine: mine
        ? {
            reservationId: mine.id,
            status: mine.status as "pending" | "queued",
            position: queuePosition(line, mine.id) ?? 0,
          }
        : null,
    });
  }
  return {
    groups: [...groups.values()],
    total: listed,
    page: current,
    pageCount: Math.max(1, Math.ceil(listed / BASKETS_PAGE_SIZE)),
    focus: offerId === undefined ? null : await focusOf(viewer, offerId, focusPage !== null, now),
  };
}

/** How many offers /paniers lists for the viewer (for a page past the end). */
async function countAvailable(viewer: Viewer, now: Date): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(listedForViewer(viewer.userId, now));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------
// /mes-paniers — "Mes paniers échangés"

export type MyOfferDTO = {
  offerId: number;
  slot: string;
  placeName: string;
  status: OfferStatus;
  message: string;
  autoAccept: boolean;
  cancelReason: string | null;
  lines: BasketLineDTO[];
  totalCents: number;
  isPast: boolean;
  canCancel: boolean;
  /** The reservation awaiting the viewer's answer. */
  pending: null | { reservationId: number; intermittentName: string; canDecide: boolean };
  /** People waiting behind the pending one (or behind the taker). */
  queueLength: number;
  /** Once exchanged: the taker, with contact details (the viewer is the other party). */
  taker: null | (ContactDTO & { reservationId: number });
  paid: boolean;
};

export type MyReservationDTO = {
  reservationId: number;
  offerId: number;
  status: ReservationStatus;
  offerStatus: OfferStatus;
  slot: string;
  place: PlaceDTO;
  memberFirstName: string;
  lines: BasketLineDTO[];
  totalCents: number;
  message: string;
  cancelReason: string | null;
  /** 0 = awaiting the member's answer, 1 = first behind, … */
  position: number | null;
  isPast: boolean;
  canWithdraw: boolean;
  /** Once accepted: the member whose name to sign under, with contact details. */
  member: ContactDTO | null;
};

export type MyExchangesDTO = {
  offers: MyOfferDTO[];
  reservations: MyReservationDTO[];
  practicalRules: string;
};

const HISTORY_DAYS = 60;

export async function getMyExchanges(viewer: Viewer, now = new Date()): Promise<MyExchangesDTO> {
  const db = await getDb();
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const settings = await getSettings(db);
  const intermittent = alias(s.users, "intermittent");
  const member = alias(s.users, "member");

  const offerRows = await db
    .select({
      offerId: s.offers.id,
      status: s.offers.status,
      message: s.offers.message,
      autoAccept: s.offers.autoAccept,
      cancelReason: s.offers.cancelReason,
      paidAt: s.offers.paidAt,
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      placeName: s.places.name,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .where(and(eq(s.offers.memberId, viewer.userId), gte(s.distributions.startsAt, since)))
    .orderBy(asc(s.distributions.startsAt), asc(s.offers.id));
  const offerIds = offerRows.map((o) => o.offerId);

  // Reservations on the viewer's offers, with the intermittent's name — and
  // contact only on the accepted one (the viewer's taker).
  const onMyOffers = offerIds.length
    ? await db
        .select({
          id: s.reservations.id,
          offerId: s.reservations.offerId,
          intermittentId: s.reservations.intermittentId,
          status: s.reservations.status,
          position: s.reservations.position,
          firstName: intermittent.firstName,
          lastName: intermittent.lastName,
          email: sql<string | null>`case when ${s.reservations.status} = 'accepted' then ${intermittent.email} end`,
          phone: sql<string | null>`case when ${s.reservations.status} = 'accepted' then ${intermittent.phone} end`,
        })
        .from(s.reservations)
        .innerJoin(intermittent, eq(intermittent.id, s.reservations.intermittentId))
        .where(
          and(inArray(s.reservations.offerId, offerIds), inArray(s.reservations.status, [...LIVE_RESERVATION_STATUSES])),
        )
    : [];

  const myReservationRows = await db
    .select({
      reservationId: s.reservations.id,
      offerId: s.offers.id,
      status: s.reservations.status,
      offerStatus: s.offers.status,
      message: s.offers.message,
      cancelReason: s.offers.cancelReason,
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      placeName: s.places.name,
      placeAddress: s.places.address,
      placeAccess: s.places.accessNotes,
      memberFirst: member.firstName,
      memberLast: member.lastName,
      // Contact details of the member only once the viewer is the accepted taker.
      memberEmail: sql<string | null>`case when ${s.reservations.status} = 'accepted' then ${member.email} end`,
      memberPhone: sql<string | null>`case when ${s.reservations.status} = 'accepted' then ${member.phone} end`,
    })
    .from(s.reservations)
    .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .innerJoin(member, eq(member.id, s.offers.memberId))
    .where(and(eq(s.reservations.intermittentId, viewer.userId), gte(s.distributions.startsAt, since)))
    .orderBy(asc(s.distributions.startsAt), desc(s.reservations.id));

  const reservedOfferIds = [...new Set(myReservationRows.map((r) => r.offerId))];
  const [lines, lineStates] = await Promise.all([
    linesOf(db, [...new Set([...offerIds, ...reservedOfferIds])]),
    reservationsOf(db, reservedOfferIds, ["pending", "queued"]),
  ]);

  const offers: MyOfferDTO[] = offerRows.map((o) => {
    const isPast = o.startsAt <= now;
    const live = onMyOffers.filter((r) => r.offerId === o.offerId);
    const pending = live.find((r) => r.status === "pending");
    const accepted = live.find((r) => r.status === "accepted");
    const offerLines = lines.get(o.offerId) ?? [];
    return {
      offerId: o.offerId,
      slot: formatSlot(o.startsAt, o.endsAt),
      placeName: o.placeName,
      status: o.status,
      message: o.message,
      autoAccept: o.autoAccept,
      cancelReason: o.cancelReason,
      lines: offerLines,
      totalCents: total(offerLines),
      isPast,
      canCancel: !isPast && ["open", "reserved", "exchanged"].includes(o.status),
      pending: pending
        ? {
            reservationId: pending.id,
            intermittentName: fullName(pending.firstName, pending.lastName, ""),
            canDecide: !isPast,
          }
        : null,
      queueLength: live.filter((r) => r.status === "queued").length,
      taker:
        accepted && (o.status === "exchanged" || o.status === "done")
          ? {
              reservationId: accepted.id,
              fullName: fullName(accepted.firstName, accepted.lastName, accepted.email ?? ""),
              phone: accepted.phone,
              email: accepted.email ?? "",
            }
          : null,
      paid: o.paidAt !== null,
    };
  });

  const reservations: MyReservationDTO[] = myReservationRows.map((r) => {
    const isPast = r.startsAt <= now;
    const offerLines = lines.get(r.offerId) ?? [];
    const line = lineStates.filter((x) => x.offerId === r.offerId);
    const isAccepted = r.status === "accepted";
    return {
      reservationId: r.reservationId,
      offerId: r.offerId,
      status: r.status,
      offerStatus: r.offerStatus,
      slot: formatSlot(r.startsAt, r.endsAt),
      place: {
        name: r.placeName,
        address: isAccepted ? r.placeAddress : "",
        accessNotes: isAccepted ? r.placeAccess : "",
      },
      memberFirstName: r.memberFirst,
      lines: offerLines,
      totalCents: total(offerLines),
      message: r.message,
      cancelReason: r.offerStatus === "cancelled" ? r.cancelReason : null,
      position: queuePosition(line, r.reservationId),
      isPast,
      canWithdraw: !isPast && LIVE_RESERVATION_STATUSES.includes(r.status),
      member: isAccepted
        ? {
            fullName: fullName(r.memberFirst, r.memberLast, r.memberEmail ?? ""),
            phone: r.memberPhone,
            email: r.memberEmail ?? "",
          }
        : null,
    };
  });

  return { offers, reservations, practicalRules: settings.practicalRules };
}

/** /mes-paniers/refuser/<id>: « Refuser » without JavaScript, its confirmation page. */
export type DeclineConfirmationDTO = {
  reservationId: number;
  intermittentName: string;
  slot: string;
  placeName: string;
  lines: BasketLineDTO[];
  totalCents: number;
  /** Whether the reservation still awaits the viewer's answer, and if not, what happened. */
  standing: Standing<null>;
};

/** A reservation on one of the viewer's offers, to decline; null when there is none (or it is someone else's). */
export async function getDeclineConfirmation(viewer: Viewer, reservationId: number, now = new Date()): Promise<DeclineConfirmationDTO | null> {
  const db = await getDb();
  const intermittent = alias(s.users, "intermittent");
  const [row] = await db
    .select({
      offerId: s.offers.id,
      first: intermittent.firstName,
      last: intermittent.lastName,
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      placeName: s.places.name,
    })
    .from(s.reservations)
    .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .innerJoin(intermittent, eq(intermittent.id, s.reservations.intermittentId))
    .where(and(eq(s.reservations.id, reservationId), eq(s.offers.memberId, viewer.userId)));
  if (!row) return null;
  const [offer, lines] = await Promise.all([offerViewOf(row.offerId), linesOf(db, [row.offerId])]);
  const offerLines = lines.get(row.offerId) ?? [];
  return {
    reservationId,
    intermittentName: fullName(row.first, row.last, ""),
    slot: formatSlot(row.startsAt, row.endsAt),
    placeName: row.placeName,
    lines: offerLines,
    totalCents: total(offerLines),
    standing: decisionStanding("decline", offer, actorOf(viewer), reservationId, now),
  };
}

// ---------------------------------------------------------------------------
// The signed-in home: what matters now, by role.

export type HomeSummaryDTO = {
  toDecide: number;
  myActiveOffers: number;
  availableBaskets: number;
  nextPickup: null | { slot: string; placeName: string; memberFirstName: string };
  waiting: number;
};

export async function getHomeSummary(viewer: Viewer, now = new Date()): Promise<HomeSummaryDTO> {
  const db = await getDb();
  const member = alias(s.users, "member");
  const upcoming = gt(s.distributions.startsAt, now);
  const [[toDecide], [active], [available], [pickup], [waiting]] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.reservations)
      .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(and(eq(s.offers.memberId, viewer.userId), eq(s.reservations.status, "pending"), upcoming)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.offers)
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(and(eq(s.offers.memberId, viewer.userId), inArray(s.offers.status, ["open", "reserved", "exchanged"]), upcoming)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.offers)
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(
        and(
          inArray(s.offers.status, ["open", "reserved"]),
          ne(s.offers.memberId, viewer.userId),
          upcoming,
          isNull(s.distributions.cancelledAt),
        ),
      ),
    db
      .select({
        startsAt: s.distributions.startsAt,
        endsAt: s.distributions.endsAt,
        placeName: s.places.name,
        memberFirstName: member.firstName,
      })
      .from(s.reservations)
      .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
      .innerJoin(member, eq(member.id, s.offers.memberId))
      .where(and(eq(s.reservations.intermittentId, viewer.userId), eq(s.reservations.status, "accepted"), upcoming))
      .orderBy(asc(s.distributions.startsAt))
      .limit(1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.reservations)
      .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(
        and(eq(s.reservations.intermittentId, viewer.userId), inArray(s.reservations.status, ["pending", "queued"]), upcoming),
      ),
  ]);
  return {
    toDecide: toDecide?.n ?? 0,
    myActiveOffers: active?.n ?? 0,
    availableBaskets: available?.n ?? 0,
    nextPickup: pickup
      ? { slot: formatSlot(pickup.startsAt, pickup.endsAt), placeName: pickup.placeName, memberFirstName: pickup.memberFirstName }
      : null,
    waiting: waiting?.n ?? 0,
  };
}

/** The .ics of the viewer's accepted reservation, or null (not theirs, not accepted, unknown). */
export async function pickupCalendar(viewer: Viewer, reservationId: number) {
  const db = await getDb();
  const [row] = await db
    .select({ offerId: s.reservations.offerId })
    .from(s.reservations)
    .where(
      and(
        eq(s.reservations.id, reservationId),
        eq(s.reservations.intermittentId, viewer.userId),
        eq(s.reservations.status, "accepted"),
      ),
    );
  if (!row) return null;
  return pickupCalendarFor(db, row.offerId, reservationId, viewer.userId);
}
