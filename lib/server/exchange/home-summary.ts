import "server-only";
// The home page's summary, and the taker's pickup as a calendar file.
// What a page may show, and to whom: views.ts.
import { and, asc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { formatSlot } from "@/lib/domain/time";
import type { Viewer } from "../auth";
import { pickupCalendarFor } from "./offer-mail-data";
import { inOfferContext, offerMember } from "./offer-context";


export type HomeSummaryDTO = {
  toDecide: number;
  myActiveOffers: number;
  availableBaskets: number;
  nextPickup: null | { slot: string; placeName: string; memberFirstName: string };
  waiting: number;
};

export async function getHomeSummary(viewer: Viewer, now = new Date()): Promise<HomeSummaryDTO> {
  const db = await getDb();
  const member = offerMember;
  const upcoming = gt(s.distributions.startsAt, now);
  const inAmap = eq(s.offers.amapId, viewer.amapId);
  const [[toDecide], [active], [available], [pickup], [waiting]] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.reservations)
      .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(and(inAmap, eq(s.offers.memberId, viewer.userId), eq(s.reservations.status, "pending"), upcoming)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.offers)
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(and(inAmap, eq(s.offers.memberId, viewer.userId), inArray(s.offers.status, ["open", "reserved", "exchanged"]), upcoming)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.offers)
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(
        and(
          inAmap,
          inArray(s.offers.status, ["open", "reserved"]),
          ne(s.offers.memberId, viewer.userId),
          upcoming,
          isNull(s.distributions.cancelledAt),
        ),
      ),
    inOfferContext(
      db
        .select({
          startsAt: s.distributions.startsAt,
          endsAt: s.distributions.endsAt,
          placeName: s.places.name,
          memberFirstName: member.firstName,
        })
        .from(s.reservations)
        .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
        .$dynamic(),
    ).where(and(inAmap, eq(s.reservations.intermittentId, viewer.userId), eq(s.reservations.status, "accepted"), upcoming))
      .orderBy(asc(s.distributions.startsAt))
      .limit(1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.reservations)
      .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(
        and(inAmap, eq(s.reservations.intermittentId, viewer.userId), inArray(s.reservations.status, ["pending", "queued"]), upcoming),
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
    .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
    .where(
      and(
        eq(s.reservations.id, reservationId),
        eq(s.offers.amapId, viewer.amapId),
        eq(s.reservations.intermittentId, viewer.userId),
        eq(s.reservations.status, "accepted"),
      ),
    );
  if (!row) return null;
  return pickupCalendarFor(db, viewer.amapId, row.offerId, reservationId, viewer.userId);
}
