import "server-only";
// The distribution sign sheet (DESIGN.md §7) for référents: every basket to
// hand over at one distribution, by member, with who collects it — the member,
// or the taker of an accepted exchange signing in the member's name — and the
// baskets nobody took. Reads only; référents only (null for anyone else).
import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import { basketLabel } from "@/lib/domain/basket";
import type { OfferStatus } from "@/lib/domain/offer";
import {
  compareByLastName,
  leftovers,
  sheetLineState,
  sheetTotals,
  type Leftover,
  type SheetLine,
  type SheetTotals,
} from "@/lib/domain/sign-sheet";
import { addDays, formatSlot, parisDate, parisInstant } from "@/lib/domain/time";
import type { Viewer } from "../../auth";
import { getSettings } from "../../core";
import { referentRead } from "../../auth";

export type SheetMemberDTO = { memberId: string; name: string; lines: SheetLine[] };

export type SignSheetDTO = {
  distributionId: number;
  amapName: string;
  /** "jeudi 3 décembre, 18 h 30 – 20 h". */
  slot: string;
  /** The Paris date, YYYY-MM-DD (the PDF's file name). */
  date: string;
  place: { name: string; address: string };
  isCancelled: boolean;
  /** Once started, baskets still on offer are to give away. */
  hasStarted: boolean;
  /** Sorted by last name. */
  members: SheetMemberDTO[];
  /** Baskets nobody took: unclaimed, and (before the start: still) offered. */
  leftovers: Leftover[];
  totals: SheetTotals;
};

const fullName = (first: string, last: string, email: string) => `${first} ${last}`.trim() || email;

async function readSignSheet(ex: Executor, amapId: number, distributionId: number, now: Date): Promise<SignSheetDTO | null> {
  const [distribution] = await ex
    .select({
      id: s.distributions.id,
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      cancelledAt: s.distributions.cancelledAt,
      placeName: s.places.name,
      placeAddress: s.places.address,
    })
    .from(s.distributions)
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .where(and(eq(s.distributions.id, distributionId), eq(s.distributions.amapId, amapId)));
  if (!distribution) return null;
  const day = parisDate(distribution.startsAt);

  // Every basket delivered that day: subscriptions running then, for a contract delivered then.
  const baskets = await ex
    .select({
      subscriptionId: s.subscriptions.id,
      memberId: s.users.id,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
      email: s.users.email,
      product: s.contracts.product,
      size: s.contracts.size,
      quantity: s.subscriptions.quantity,
    })
    .from(s.subscriptions)
    .innerJoin(s.users, eq(s.users.id, s.subscriptions.userId))
    .innerJoin(s.contracts, eq(s.contracts.id, s.subscriptions.contractId))
    .innerJoin(
      s.distributionContracts,
      and(
        eq(s.distributionContracts.contractId, s.subscriptions.contractId),
        eq(s.distributionContracts.distributionId, distribution.id),
      ),
    )
    .where(and(eq(s.subscriptions.amapId, amapId), lte(s.subscriptions.startsOn, day), gte(s.subscriptions.endsOn, day)))
    .orderBy(asc(s.contracts.product), asc(s.contracts.size), asc(s.subscriptions.id));

  // The live offer holding each line, if any: a cancelled offer releases its lines.
  const offered = await ex
    .select({
      subscriptionId: s.offerLines.subscriptionId,
      quantity: s.offerLines.quantity,
      offerId: s.offers.id,
      status: s.offers.status,
    })
    .from(s.offerLines)
    .innerJoin(s.offers, eq(s.offers.id, s.offerLines.offerId))
    .where(
      and(
        eq(s.offerLines.distributionId, distribution.id),
        isNull(s.offerLines.releasedAt),
        ne(s.offers.status, "cancelled"),
      ),
    );
  const offerIds = [...new Set(offered.map((o) => o.offerId))];
  const takers =
    offerIds.length === 0
      ? []
      : await ex
          .select({
            offerId: s.reservations.offerId,
            firstName: s.users.firstName,
            lastName: s.users.lastName,
            email: s.users.email,
            // A partner AMAP's intermittent: the sheet says which AMAP they come from.
            viaAmapName: sql<string | null>`(select st.amap_name from ${s.settings} st where st.amap_id = ${s.reservations}.via_amap_id)`,
          })
          .from(s.reservations)
          .innerJoin(s.users, eq(s.users.id, s.reservations.intermittentId))
          .where(and(inArray(s.reservations.offerId, offerIds), eq(s.reservations.status, "accepted")));
  const takerOf = new Map(
    takers.map((t) => [t.offerId, `${fullName(t.firstName, t.lastName, t.email)}${t.viaAmapName ? ` (${t.viaAmapName})` : ""}`]),
  );
  const offerOf = new Map(offered.map((o) => [o.subscriptionId, o]));

  const byMember = new Map<string, SheetMemberDTO & { firstName: string; lastName: string }>();
  for (const b of baskets) {
    let member = byMember.get(b.memberId);
    if (!member) {
      member = { memberId: b.memberId, name: fullName(b.firstName, b.lastName, b.email), firstName: b.firstName, lastName: b.lastName || b.email, lines: [] };
      byMember.set(b.memberId, member);
    }
    const offer = offerOf.get(b.subscriptionId);
    member.lines.push({
      label: basketLabel(b.product, b.size),
      quantity: offer?.quantity ?? b.quantity,
      offerId: offer?.offerId ?? null,
      state: sheetLineState(offer ? { status: offer.status as OfferStatus, takerName: takerOf.get(offer.offerId) ?? null } : null),
    });
  }
  const members = [...byMember.values()]
    .sort(compareByLastName)
    .map(({ memberId, name, lines }) => ({ memberId, name, lines }));

  const settings = await getSettings(ex, amapId);
  return {
    distributionId: distribution.id,
    amapName: settings.amapName,
    slot: formatSlot(distribution.startsAt, distribution.endsAt),
    date: day,
    place: { name: distribution.placeName, address: distribution.placeAddress },
    isCancelled: distribution.cancelledAt !== null,
    hasStarted: distribution.startsAt.getTime() <= now.getTime(),
    members,
    leftovers: leftovers(members),
    totals: sheetTotals(members),
  };
}

/** The sign sheet of one distribution; null also for no such distribution. */
export function getSignSheet(viewer: Viewer | null, distributionId: number, now = new Date()): Promise<SignSheetDTO | null> {
  return referentRead(viewer, (ex) => readSignSheet(ex, viewer!.amapId, distributionId, now));
}

export type SheetDistributionDTO = {
  distributionId: number;
  slot: string;
  placeName: string;
  isCancelled: boolean;
  /** Baskets (quantities) by what became of their offer. */
  taken: number;
  offered: number;
  unclaimed: number;
};

export type SheetDistributionsDTO = { upcoming: SheetDistributionDTO[]; recent: SheetDistributionDTO[] };

/** How far back and ahead the list of sheets reaches. */
export const SHEET_DAYS_BACK = 21;
export const SHEET_DAYS_AHEAD = 35;

async function readSheetDistributions(ex: Executor, amapId: number, now: Date): Promise<SheetDistributionsDTO> {
  const today = parisDate(now);
  const from = parisInstant(addDays(today, -SHEET_DAYS_BACK), "00:00");
  const to = parisInstant(addDays(today, SHEET_DAYS_AHEAD + 1), "00:00");
  const rows = await ex
    .select({
      id: s.distributions.id,
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      cancelledAt: s.distributions.cancelledAt,
      placeName: s.places.name,
    })
    .from(s.distributions)
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .where(and(eq(s.distributions.amapId, amapId), gte(s.distributions.startsAt, from), lt(s.distributions.startsAt, to)))
    .orderBy(asc(s.distributions.startsAt), asc(s.places.name));
  const ids = rows.map((r) => r.id);
  const counts =
    ids.length === 0
      ? []
      : await ex
          .select({
            distributionId: s.offerLines.distributionId,
            status: s.offers.status,
            baskets: sql<number>`cast(sum(${s.offerLines.quantity}) as int)`.mapWith(Number),
          })
          .from(s.offerLines)
          .innerJoin(s.offers, eq(s.offers.id, s.offerLines.offerId))
          .where(and(inArray(s.offerLines.distributionId, ids), ne(s.offers.status, "cancelled")))
          .groupBy(s.offerLines.distributionId, s.offers.status);
  const dto = (r: (typeof rows)[number]): SheetDistributionDTO => {
    const mine = counts.filter((c) => c.distributionId === r.id);
    const sum = (statuses: OfferStatus[]) =>
      mine.filter((c) => statuses.includes(c.status as OfferStatus)).reduce((n, c) => n + c.baskets, 0);
    return {
      distributionId: r.id,
      slot: formatSlot(r.startsAt, r.endsAt),
      placeName: r.placeName,
      isCancelled: r.cancelledAt !== null,
      taken: sum(["exchanged", "done"]),
      offered: sum(["open", "reserved"]),
      unclaimed: sum(["unclaimed"]),
    };
  };
  return {
    // A distribution under way is still "upcoming": its sheet is the one in use.
    upcoming: rows.filter((r) => r.endsAt.getTime() > now.getTime()).map(dto),
    recent: rows
      .filter((r) => r.endsAt.getTime() <= now.getTime())
      .reverse()
      .map(dto),
  };
}

/** Recent and upcoming distributions, to pick a sign sheet from. */
export function listSheetDistributions(viewer: Viewer | null, now = new Date()): Promise<SheetDistributionsDTO | null> {
  return referentRead(viewer, (ex) => readSheetDistributions(ex, viewer!.amapId, now));
}
