import "server-only";
// A distribution moved or cancelled by a référent (DESIGN.md §9: the people
// concerned are told who did it, and why or the new date). Each is one
// transaction: the distribution's row, its offers through the exchange's
// state machine, the audit events and the outbox rows (calendar-notices.ts
// says who is told; calendar-mail.ts what they read).
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import { checkReason, checkSlot, slotInstants } from "@/lib/domain/calendar";
import { ACTIVE_OFFER_STATUSES } from "@/lib/domain/offer";
import { parisDate } from "@/lib/domain/time";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import type { Viewer } from "../../auth";
import { cancelOfferWithCause, type CancelledWithCause } from "../../exchange";
import { kickOutbox } from "../../mail";
import { command, invalid, isSlotFree, lockChangeable, lockDistribution, refused, type CalendarResult } from "./calendar-kit";
import { enqueueCancellationMails, enqueueMoveMails } from "./calendar-notices";

export type MoveFields = { date: string; start: string; end: string };

export type MoveOutcome = {
  startsAt: Date;
  endsAt: Date;
  /** The people emailed the new date (calendar-notices.ts says who). */
  peopleNotified: number;
};

/** The audit event of a change to a distribution, its id for the mails that tell of it. */
async function distributionEvent(tx: Tx, viewer: Viewer, action: string, data: Record<string, unknown>, reason: string | null = null) {
  const [event] = await tx.insert(s.events).values({ amapId: viewer.amapId, actorId: viewer.userId, action, data, reason }).returning({ id: s.events.id });
  return event!.id;
}

const isoSlot = (slot: { startsAt: Date; endsAt: Date }) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() });

/**
 * "Déplacer": a new day and hours at the same place. Offers on it follow the
 * distribution (their deadlines count from the new start). Everyone concerned
 * is emailed the new date in the same transaction.
 */
export async function moveDistribution(
  viewer: Viewer,
  distributionId: number,
  raw: MoveFields,
  now = new Date(),
): Promise<CalendarResult<MoveOutcome>> {
  const result = await command(viewer, async (tx): Promise<CalendarResult<MoveOutcome>> => {
    const locked = await lockChangeable(tx, viewer.amapId, distributionId, now);
    if (!locked.ok) return locked;
    const checked = checkSlot(raw, parisDate(now));
    if (!checked.ok) return invalid(checked.fields);
    const { date, start, end } = checked.value;
    const slot = slotInstants(date, start, end);
    if (slot.startsAt.getTime() <= now.getTime()) return invalid({ start: "time_past" });
    const { distribution } = locked;
    // The same day and hours: nothing moves, nobody is told.
    if (slot.startsAt.getTime() === distribution.startsAt.getTime() && slot.endsAt.getTime() === distribution.endsAt.getTime()) {
      return { ok: true, value: { ...slot, peopleNotified: 0 } };
    }
    if (!(await isSlotFree(tx, distribution.placeId, date, slot.startsAt, distribution.id))) return refused("slot_taken");
    await tx.update(s.distributions).set(slot).where(eq(s.distributions.id, distribution.id));
    const from = isoSlot(distribution);
    const to = isoSlot(slot);
    const eventId = await distributionEvent(tx, viewer, "distribution.move", { distributionId, from, to });
    const peopleNotified = await enqueueMoveMails(tx, {
      amapId: viewer.amapId,
      distributionId,
      eventId,
      actorId: viewer.userId,
      days: [...new Set([parisDate(distribution.startsAt), date])],
      from,
      to,
    });
    return { ok: true, value: { ...slot, peopleNotified } };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}

export type CancelOutcome = {
  offersCancelled: number;
  /** Offers still active on the date (none, unless one could not be cancelled): the page offers to try again. */
  offersLeft: number;
  /** The people emailed (calendar-notices.ts says who). */
  peopleNotified: number;
};

/**
 * Cancels, in the caller's transaction, the offers still active on a
 * cancelled distribution — each through the exchange's state machine
 * (cancelOfferWithCause: the baskets released, every live reservation
 * cancelled, one audit event per offer) with the distribution's reason — and
 * queues the mails saying so. `everyone`: the members with baskets that day
 * too (the cancellation itself); otherwise only those whose offer it cancels.
 */
async function cancelOffersOf(
  tx: Tx,
  viewer: Viewer,
  distribution: { id: number; startsAt: Date },
  event: { id: number; reason: string },
  everyone: boolean,
  now: Date,
): Promise<CancelOutcome> {
  const active = await tx
    .select({ id: s.offers.id })
    .from(s.offers)
    .where(
      and(
        eq(s.offers.amapId, viewer.amapId),
        eq(s.offers.distributionId, distribution.id),
        inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES]),
      ),
    )
    .orderBy(asc(s.offers.id));
  const offerReason = adminCalendarFr.offerCancelReason(event.reason);
  const cancelled: CancelledWithCause[] = [];
  for (const offer of active) {
    const done = await cancelOfferWithCause(tx, viewer, offer.id, offerReason, now);
    if (done) cancelled.push(done);
  }
  const [left] = await tx
    .select({ n: count() })
    .from(s.offers)
    .where(and(eq(s.offers.distributionId, distribution.id), inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES])));
  const peopleNotified = await enqueueCancellationMails(tx, {
    amapId: viewer.amapId,
    distributionId: distribution.id,
    eventId: event.id,
    actorId: viewer.userId,
    day: parisDate(distribution.startsAt),
    cancelled,
    everyone,
  });
  return { offersCancelled: cancelled.length, offersLeft: Number(left?.n ?? 0), peopleNotified };
}

/**
 * "Annuler la distribution", with a reason — one transaction: the date stays
 * listed, marked cancelled (offering it is refused from then on: createOffers
 * reads the row FOR SHARE, this locks it FOR UPDATE), each active offer on it
 * is cancelled, and everyone concerned is emailed who cancelled it and why.
 */
export async function cancelDistribution(
  viewer: Viewer,
  distributionId: number,
  rawReason: string,
  now = new Date(),
): Promise<CalendarResult<CancelOutcome>> {
  const result = await command(viewer, async (tx): Promise<CalendarResult<CancelOutcome>> => {
    const locked = await lockChangeable(tx, viewer.amapId, distributionId, now);
    if (!locked.ok) return locked;
    const reason = checkReason(rawReason);
    if (!reason.ok) return invalid(reason.fields);
    await tx.update(s.distributions).set({ cancelledAt: sql`now()` }).where(eq(s.distributions.id, distributionId));
    const eventId = await distributionEvent(tx, viewer, "distribution.cancel", { distributionId }, reason.value);
    const outcome = await cancelOffersOf(tx, viewer, locked.distribution, { id: eventId, reason: reason.value }, true, now);
    return { ok: true, value: outcome };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}

/**
 * Cancels the offers still active on a cancelled distribution, with its
 * reason, telling their members and whoever had reserved (the members with
 * baskets that day were told with the cancellation). cancelDistribution
 * leaves none; the page offers this when some are (a date cancelled before
 * offers were cancelled with it, or one the state machine refused).
 */
export async function cancelRemainingOffers(viewer: Viewer, distributionId: number, now = new Date()): Promise<CalendarResult<CancelOutcome>> {
  const result = await command(viewer, async (tx): Promise<CalendarResult<CancelOutcome>> => {
    const distribution = await lockDistribution(tx, viewer.amapId, distributionId);
    if (!distribution?.cancelledAt) return refused("not_found");
    const [event] = await tx
      .select({ id: s.events.id, reason: s.events.reason })
      .from(s.events)
      .where(and(eq(s.events.amapId, viewer.amapId), eq(s.events.action, "distribution.cancel"), sql`(${s.events.data}->>'distributionId')::int = ${distributionId}`))
      .orderBy(desc(s.events.id))
      .limit(1);
    if (!event) return refused("not_found");
    const outcome = await cancelOffersOf(tx, viewer, distribution, { id: event.id, reason: event.reason ?? "" }, false, now);
    return { ok: true, value: outcome };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}
