import "server-only";
// Delivery side of the emails of a cancelled or moved distribution
// (lib/server/admin/calendar/calendar-notices.ts queues them). Each handler reloads
// the distribution and checks its event still stands — still cancelled; still
// at the date this mail announces (a later move supersedes it) — and drops
// the mail otherwise (null).
import { and, asc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { createElement } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import DistributionCancelledMember, { distributionCancelledMemberSubject } from "@/emails/distribution-cancelled-member";
import DistributionCancelledTaker, { distributionCancelledTakerSubject } from "@/emails/distribution-cancelled-taker";
import DistributionMovedMember, { distributionMovedMemberSubject } from "@/emails/distribution-moved-member";
import DistributionMovedTaker, { distributionMovedTakerSubject } from "@/emails/distribution-moved-taker";
import { basketLabel } from "@/lib/domain/basket";
import { ACTIVE_OFFER_STATUSES, LIVE_RESERVATION_STATUSES } from "@/lib/domain/offer";
import { formatDay, formatSlot, parisDate } from "@/lib/domain/time";
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import type { MailHandler } from "../../mail";
import { loadOffer, pickupIcs, reservationOf, withdrawLink } from "../../exchange";
import { loadDistribution, loadPerson, mail, person, spaceUrl } from "../../mail";
import { getSettings } from "../../core";

/** A distribution's hours, as ISO instants. */
export type SlotPayload = { startsAt: string; endsAt: string };

type Taker = { offerId: number; reservationId: number };

export type CalendarMailPayloads = {
  "distribution-cancelled-member": { distributionId: number; userId: string; eventId: number; offerIds: number[] };
  "distribution-cancelled-taker": { distributionId: number; userId: string; eventId: number; wasTaker: boolean } & Taker;
  "distribution-moved-member": { distributionId: number; userId: string; eventId: number; from: SlotPayload; to: SlotPayload };
  "distribution-moved-taker": { distributionId: number; userId: string; eventId: number; from: SlotPayload; to: SlotPayload } & Taker;
};

export type CalendarMailKind = keyof CalendarMailPayloads;

/** The référent's event on this distribution, in the AMAP: who, and their words. Null when it is not there (purged). */
async function loadEvent(ex: Executor, amapId: number, eventId: number, action: string, distributionId: number) {
  const actor = alias(s.users, "actor");
  const [row] = await ex
    .select({ reason: s.events.reason, first: actor.firstName, last: actor.lastName, email: actor.email })
    .from(s.events)
    .leftJoin(actor, eq(actor.id, s.events.actorId))
    .where(and(eq(s.events.id, eventId), eq(s.events.amapId, amapId), eq(s.events.action, action), sql`(${s.events.data}->>'distributionId')::int = ${distributionId}`));
  if (!row) return null;
  // A référent whose account is gone since is still "a référent".
  const fullName = row.email ? `${row.first ?? ""} ${row.last ?? ""}`.trim() || row.email : adminMailFr.someReferent;
  return { referent: { fullName }, reason: row.reason ?? "" };
}

/** The member's baskets at the distribution on its day: "Légumes — grand panier", "2 × Œufs — boîte de 6". */
async function basketsOf(ex: Executor, amapId: number, userId: string, distributionId: number, startsAt: Date): Promise<string[]> {
  const day = parisDate(startsAt);
  const rows = await ex
    .select({ product: s.contracts.product, size: s.contracts.size, quantity: s.subscriptions.quantity })
    .from(s.subscriptions)
    .innerJoin(s.contracts, eq(s.contracts.id, s.subscriptions.contractId))
    .innerJoin(
      s.distributionContracts,
      and(eq(s.distributionContracts.contractId, s.subscriptions.contractId), eq(s.distributionContracts.distributionId, distributionId)),
    )
    .where(
      and(
        eq(s.subscriptions.amapId, amapId),
        eq(s.subscriptions.userId, userId),
        lte(s.subscriptions.startsOn, day),
        gte(s.subscriptions.endsOn, day),
      ),
    )
    .orderBy(asc(s.contracts.product), asc(s.contracts.size));
  return rows.map((r) => (r.quantity > 1 ? `${r.quantity} × ${basketLabel(r.product, r.size)}` : basketLabel(r.product, r.size)));
}

const contactOf = (settings: s.Settings) => settings.contactEmail || settings.replyTo;

const sameSlot = (slot: SlotPayload, startsAt: Date, endsAt: Date) =>
  new Date(slot.startsAt).getTime() === startsAt.getTime() && new Date(slot.endsAt).getTime() === endsAt.getTime();

/**
 * The move this mail announces still stands: the distribution is not
 * cancelled, is still at `to` (a second move supersedes the first mail, and
 * sends its own from the date the recipient last heard of), and `to` differs
 * from `from` (moved there and back before anyone was told: nothing to say).
 */
function moveStands(d: { startsAt: Date; endsAt: Date; cancelledAt: Date | null }, from: SlotPayload, to: SlotPayload): boolean {
  if (d.cancelledAt || d.startsAt.getTime() <= Date.now()) return false;
  return sameSlot(to, d.startsAt, d.endsAt) && !sameSlot(from, new Date(to.startsAt), new Date(to.endsAt));
}

const dayAndSlot = (slot: SlotPayload) => {
  const startsAt = new Date(slot.startsAt);
  return { day: formatDay(startsAt), slot: formatSlot(startsAt, new Date(slot.endsAt)) };
};

/** How many times the distribution was moved: the calendar event's SEQUENCE (a cancellation comes after). */
export async function movesOf(ex: Executor, distributionId: number): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(s.events)
    .where(and(eq(s.events.action, "distribution.move"), sql`(${s.events.data}->>'distributionId')::int = ${distributionId}`));
  return Number(row?.n ?? 0);
}

type Handlers = { [K in CalendarMailKind]: MailHandler<CalendarMailPayloads[K]> };

export const calendarMailHandlers: Handlers = {
  "distribution-cancelled-member": async ({ distributionId, userId, eventId, offerIds }, ex, amapId) => {
    const [distribution, event, who, settings] = await Promise.all([
      loadDistribution(ex, distributionId, amapId),
      loadEvent(ex, amapId, eventId, "distribution.cancel", distributionId),
      loadPerson(ex, userId),
      getSettings(ex, amapId),
    ]);
    if (!distribution?.cancelledAt || !event || !who) return null;
    const [baskets, holders] = await Promise.all([
      basketsOf(ex, amapId, userId, distributionId, distribution.startsAt),
      offerIds.length === 0
        ? Promise.resolve(0)
        : ex
            .select({ n: sql<number>`count(*)::int` })
            .from(s.reservations)
            .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
            .where(
              and(
                inArray(s.reservations.offerId, offerIds),
                eq(s.offers.amapId, amapId),
                eq(s.offers.memberId, userId),
                eq(s.reservations.status, "cancelled"),
              ),
            )
            .then(([row]) => Number(row?.n ?? 0)),
    ]);
    const props = {
      amapName: settings.amapName,
      recipient: person(who, false),
      day: formatDay(distribution.startsAt),
      slot: formatSlot(distribution.startsAt, distribution.endsAt),
      place: distribution.place,
      ...event,
      baskets,
      ...(offerIds.length > 0 ? { offer: { holders } } : {}),
      contactEmail: contactOf(settings),
      links: { myBaskets: spaceUrl(settings, "/mes-paniers") },
    };
    return mail(distributionCancelledMemberSubject(props), createElement(DistributionCancelledMember, props));
  },

  "distribution-cancelled-taker": async ({ distributionId, userId, eventId, offerId, reservationId, wasTaker }, ex, amapId) => {
    const [distribution, event, loaded] = await Promise.all([
      loadDistribution(ex, distributionId, amapId),
      loadEvent(ex, amapId, eventId, "distribution.cancel", distributionId),
      loadOffer(ex, amapId, offerId, userId, false),
    ]);
    // The reservation went with the distribution (not withdrawn before it).
    if (!distribution?.cancelledAt || !event || !loaded || loaded.status !== "cancelled") return null;
    if (reservationOf(loaded, reservationId)?.status !== "cancelled") return null;
    const data = { ...loaded.data, links: { ...loaded.data.links, baskets: spaceUrl(loaded.settings, "/paniers") } };
    const props = { data, ...event, wasTaker };
    const sequence = (await movesOf(ex, distributionId)) + 1;
    return mail(distributionCancelledTakerSubject(props), createElement(DistributionCancelledTaker, props), {
      attachments: wasTaker ? [pickupIcs(loaded, reservationId, "CANCEL", sequence)] : undefined,
    });
  },

  "distribution-moved-member": async ({ distributionId, userId, eventId, from, to }, ex, amapId) => {
    const [distribution, event, who, settings] = await Promise.all([
      loadDistribution(ex, distributionId, amapId),
      loadEvent(ex, amapId, eventId, "distribution.move", distributionId),
      loadPerson(ex, userId),
      getSettings(ex, amapId),
    ]);
    if (!distribution || !moveStands(distribution, from, to) || !event || !who) return null;
    const [baskets, offers] = await Promise.all([
      basketsOf(ex, amapId, userId, distributionId, distribution.startsAt),
      // The member's offers that follow the move, and how many people in line on them got their own email.
      ex
        .select({ id: s.offers.id, told: sql<number>`count(${s.reservations.id})::int` })
        .from(s.offers)
        .leftJoin(
          s.reservations,
          and(eq(s.reservations.offerId, s.offers.id), inArray(s.reservations.status, [...LIVE_RESERVATION_STATUSES])),
        )
        .where(
          and(
            eq(s.offers.amapId, amapId),
            eq(s.offers.distributionId, distributionId),
            eq(s.offers.memberId, userId),
            inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES]),
          ),
        )
        .groupBy(s.offers.id),
    ]);
    const props = {
      amapName: settings.amapName,
      recipient: person(who, false),
      from: dayAndSlot(from),
      to: dayAndSlot(to),
      place: distribution.place,
      referent: event.referent,
      baskets,
      hasOffer: offers.length > 0,
      told: offers.reduce((sum, offer) => sum + Number(offer.told), 0),
      contactEmail: contactOf(settings),
      links: { myBaskets: spaceUrl(settings, "/mes-paniers") },
    };
    return mail(distributionMovedMemberSubject(props), createElement(DistributionMovedMember, props));
  },

  "distribution-moved-taker": async ({ distributionId, userId, eventId, offerId, reservationId, from, to }, ex, amapId) => {
    const [distribution, event, loaded] = await Promise.all([
      loadDistribution(ex, distributionId, amapId),
      loadEvent(ex, amapId, eventId, "distribution.move", distributionId),
      loadOffer(ex, amapId, offerId, userId, false),
    ]);
    if (!distribution || !moveStands(distribution, from, to) || !event || !loaded) return null;
    // Still in play: a reservation withdrawn or declined meanwhile needs no news of the date.
    const standing = reservationOf(loaded, reservationId)?.status;
    if (standing !== "accepted" && standing !== "pending" && standing !== "queued") return null;
    if (!ACTIVE_OFFER_STATUSES.includes(loaded.status)) return null;
    const props = { data: withdrawLink(loaded, userId, reservationId), from: dayAndSlot(from), referent: event.referent, standing };
    const attachments = standing === "accepted" ? [pickupIcs(loaded, reservationId, "REQUEST", await movesOf(ex, distributionId))] : undefined;
    return mail(distributionMovedTakerSubject(props), createElement(DistributionMovedTaker, props), { attachments });
  },
};
