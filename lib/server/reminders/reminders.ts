import "server-only";
// Scheduled reminders, run by the worker every minute. Each due reminder is
// an outbox row whose dedupe key names the reminder's kind, object and slot:
// however many workers run this at once, each reminder is queued once. The
// mail handlers check again at delivery that it still applies.
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import * as s from "@/db/schema";
import {
  autoAcceptAt,
  basketsLeftSlots,
  decisionSlots,
  latestDueSlot,
  MORNING,
  nobodyReservedSlot,
  pickupSlot,
  reminderHorizonMs,
  slotAt,
  slotKey,
} from "@/lib/domain/reminders";
import { autoAcceptPending } from "../exchange";
import { enqueueMail, kickOutbox } from "../mail";
import { getSettings } from "../core";
import { inOfferContext, offerMember } from "../exchange";

export type ReminderReport = { queued: number; autoAccepted: number };

/** Every AMAP's reminders (a suspended AMAP's space sends none). */
export async function runReminders(now = new Date(), db?: Db): Promise<ReminderReport> {
  const ex = db ?? (await getDb());
  const report: ReminderReport = { queued: 0, autoAccepted: 0 };
  for (const { id } of await ex.select({ id: s.amaps.id }).from(s.amaps).where(isNull(s.amaps.suspendedAt)).orderBy(s.amaps.id)) {
    const one = await remindersOf(ex, id, now);
    report.queued += one.queued;
    report.autoAccepted += one.autoAccepted;
  }
  if (report.queued > 0) kickOutbox();
  return report;
}

async function remindersOf(ex: Db, amapId: number, now: Date): Promise<ReminderReport> {
  const settings = await getSettings(ex, amapId);
  // As far ahead as the référents' earliest reminder slot (up to J-7), so none is late or skipped.
  const horizon = new Date(now.getTime() + reminderHorizonMs(settings.intermittentReminders));
  const notStarted = and(eq(s.distributions.amapId, amapId), gt(s.distributions.startsAt, now), isNull(s.distributions.cancelledAt));
  const upcoming = and(notStarted, lte(s.distributions.startsAt, horizon));
  let queued = 0;

  // "Il reste N paniers" — to every active intermittent, per distribution with open offers.
  const withOpenOffers = await ex
    .selectDistinct({ id: s.distributions.id, startsAt: s.distributions.startsAt })
    .from(s.distributions)
    .innerJoin(s.offers, eq(s.offers.distributionId, s.distributions.id))
    .where(and(upcoming, eq(s.offers.status, "open")));
  for (const distribution of withOpenOffers) {
    const slot = latestDueSlot(basketsLeftSlots(distribution.startsAt, settings.intermittentReminders), {
      now,
      before: distribution.startsAt,
    });
    if (!slot) continue;
    const audience = await ex
      .select({ id: s.users.id, email: s.users.email })
      .from(s.intermittentMemberships)
      .innerJoin(s.users, eq(s.users.id, s.intermittentMemberships.userId))
      .where(and(eq(s.intermittentMemberships.amapId, amapId), isNull(s.intermittentMemberships.leftAt)));
    queued += await enqueueMail(
      ex,
      amapId,
      "reminder-baskets-left",
      audience.map((u) => ({
        to: u.email,
        payload: { distributionId: distribution.id, userId: u.id },
        dedupeKey: `reminder:baskets-left:${distribution.id}:${slotKey(slot)}:${u.id}`,
      })),
    );
  }

  // A reservation waiting for the member's answer: X hours on, and the morning of the distribution.
  const pending = await ex
    .select({
      reservationId: s.reservations.id,
      offerId: s.offers.id,
      memberId: s.offers.memberId,
      memberEmail: s.users.email,
      pendingSince: s.reservations.pendingSince,
      createdAt: s.reservations.createdAt,
      startsAt: s.distributions.startsAt,
    })
    .from(s.reservations)
    .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.users, eq(s.users.id, s.offers.memberId))
    // Counted from the reservation (up to a week on), not the distribution: any distribution to come.
    .where(and(notStarted, eq(s.reservations.status, "pending"), eq(s.offers.status, "reserved")));
  let autoAccepted = 0;
  for (const r of pending) {
    const since = r.pendingSince ?? r.createdAt;
    if (settings.autoAcceptHours !== null && now >= autoAcceptAt(r.startsAt, settings.autoAcceptHours)) {
      if (await autoAcceptPending(r.reservationId, now)) autoAccepted++;
      continue;
    }
    const slot = latestDueSlot(decisionSlots(r.startsAt, since, settings.decisionReminderHours), {
      now,
      after: since,
      before: r.startsAt,
    });
    if (!slot) continue;
    const morning = slot.getTime() === slotAt(r.startsAt, 0, MORNING).getTime();
    queued += await enqueueMail(ex, amapId, "reminder-decision", [
      {
        to: r.memberEmail,
        payload: { offerId: r.offerId, reservationId: r.reservationId, userId: r.memberId, morning },
        dedupeKey: `reminder:decision:${r.reservationId}:${slotKey(slot)}`,
      },
    ]);
  }

  // The taker, the morning of the distribution.
  const takers = await ex
    .select({
      reservationId: s.reservations.id,
      offerId: s.offers.id,
      takerId: s.reservations.intermittentId,
      takerEmail: s.users.email,
      decidedAt: s.reservations.decidedAt,
      startsAt: s.distributions.startsAt,
    })
    .from(s.reservations)
    .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.users, eq(s.users.id, s.reservations.intermittentId))
    .where(and(upcoming, eq(s.reservations.status, "accepted"), eq(s.offers.status, "exchanged")));
  for (const t of takers) {
    const slot = latestDueSlot([pickupSlot(t.startsAt)], { now, after: t.decidedAt ?? undefined, before: t.startsAt });
    if (!slot) continue;
    queued += await enqueueMail(ex, amapId, "reminder-pickup", [
      {
        to: t.takerEmail,
        payload: { offerId: t.offerId, reservationId: t.reservationId, userId: t.takerId },
        dedupeKey: `reminder:pickup:${t.reservationId}`,
      },
    ]);
  }

  // The member whose basket nobody has reserved, the evening before.
  const unreserved = await inOfferContext(
    ex
      .select({
        offerId: s.offers.id,
        memberId: s.offers.memberId,
        memberEmail: offerMember.email,
        createdAt: s.offers.createdAt,
        startsAt: s.distributions.startsAt,
      })
      .from(s.offers)
      .$dynamic(),
  ).where(and(upcoming, eq(s.offers.status, "open")));
  for (const o of unreserved) {
    const slot = latestDueSlot([nobodyReservedSlot(o.startsAt)], { now, after: o.createdAt, before: o.startsAt });
    if (!slot) continue;
    queued += await enqueueMail(ex, amapId, "reminder-nobody-reserved", [
      {
        to: o.memberEmail,
        payload: { offerId: o.offerId, userId: o.memberId },
        dedupeKey: `reminder:nobody-reserved:${o.offerId}`,
      },
    ]);
  }

  return { queued, autoAccepted };
}
