import "server-only";
// /mes-paniers: what the person offered and reserved, and « Refuser » confirmed from there.
// What a page may show, and to whom: views.ts.
import { and, asc, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { LIVE_RESERVATION_STATUSES, queuePosition, type OfferStatus, type ReservationStatus } from "@/lib/domain/offer";
import { decisionStanding, type Standing } from "@/lib/domain/offer-standing";
import { formatSlot } from "@/lib/domain/time";
import type { Viewer } from "../auth";
import { linesOf, reservationsOf, type BasketLineDTO } from "./offer-rows";
import { getSettings } from "../core";
import { offerViewOf, actorOf, fullName, total, type PlaceDTO, type ContactDTO } from "./views";
import { inOfferContext, offerMember } from "./offer-context";


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
  /** A partner AMAP's basket: that AMAP's name (its distribution, its sheet, its rules); null: the viewer's AMAP's. */
  amapName: string | null;
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
  const settings = await getSettings(db, viewer.amapId);
  const intermittent = alias(s.users, "intermittent");
  const member = offerMember;

  const offerRows = await inOfferContext(
    db
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
      .$dynamic(),
  ).where(and(eq(s.offers.amapId, viewer.amapId), eq(s.offers.memberId, viewer.userId), gte(s.distributions.startsAt, since)))
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

  const myReservationRows = await inOfferContext(
    db
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
        offerAmapId: s.offers.amapId,
        offerAmapName: sql<string>`(select st.amap_name from ${s.settings} st where st.amap_id = ${s.offers}.amap_id)`,
      })
      .from(s.reservations)
      .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
      .$dynamic(),
  ).where(
    and(
      // The viewer's AMAP's baskets, and those of its partners taken as one of its intermittents.
      or(eq(s.offers.amapId, viewer.amapId), eq(s.reservations.viaAmapId, viewer.amapId)),
      eq(s.reservations.intermittentId, viewer.userId),
      gte(s.distributions.startsAt, since),
    ),
  )
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
      amapName: r.offerAmapId === viewer.amapId ? null : r.offerAmapName,
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
  const [row] = await inOfferContext(
    db
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
      .$dynamic(),
  ).innerJoin(intermittent, eq(intermittent.id, s.reservations.intermittentId))
    .where(and(eq(s.reservations.id, reservationId), eq(s.offers.amapId, viewer.amapId), eq(s.offers.memberId, viewer.userId)));
  if (!row) return null;
  const [offer, lines] = await Promise.all([offerViewOf(row.offerId, viewer.amapId), linesOf(db, [row.offerId])]);
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
