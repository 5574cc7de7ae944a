import "server-only";
// /absence (« Céder mon panier »): the member's baskets and the dates they can offer, by month.
// What a page may show, and to whom: views.ts.
import { and, asc, eq, gt, gte, inArray, isNull, lte } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { basketLabel } from "@/lib/domain/basket";
import { offeringClosesAt, type OfferStatus } from "@/lib/domain/offer";
import { formatMonth, monthOf } from "@/lib/domain/calendar";
import { formatDay, formatSlot, formatTime, parisDate } from "@/lib/domain/time";
import type { Viewer } from "../auth";
import { getSettings } from "../core";


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
  const { offerCloseHours } = await getSettings(db, viewer.amapId);
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
    .where(and(eq(s.subscriptions.amapId, viewer.amapId), eq(s.subscriptions.userId, viewer.userId), gte(s.subscriptions.endsOn, today)))
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
      and(
        eq(s.subscriptions.contractId, s.distributionContracts.contractId),
        eq(s.subscriptions.userId, viewer.userId),
        eq(s.subscriptions.amapId, viewer.amapId),
      ),
    )
    .where(and(eq(s.distributions.amapId, viewer.amapId), gt(s.distributions.startsAt, now), lte(s.distributions.startsAt, horizon)))
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
            eq(s.offers.amapId, viewer.amapId),
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
    if (r.startsOn > day || r.endsOn < day) continue;
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
