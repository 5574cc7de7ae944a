import "server-only";
// What the référents' member commands do beyond the person's row, in the
// command's own transaction: the offers a shortened subscription no longer
// covers are cancelled and their people told; a changed address is told at
// the old address. Outbox rows carry ids; lib/server/admin/members/member-mail.ts
// delivers them.
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import { ACTIVE_OFFER_STATUSES } from "@/lib/domain/offer";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import type { Viewer } from "../../auth";
import { cancelOfferWithCause, type CancelledWithCause } from "../../exchange";
import { enqueueMail } from "../../mail";

export type OffersWithdrawn = { offersCancelled: number; peopleNotified: number };

/**
 * The member's active offers holding a basket of this subscription at a
 * distribution still to come that its period (`startsOn`…`endsOn`, Paris
 * dates) no longer covers: each is cancelled through the exchange's state
 * machine (the whole offer: an offer is taken as one), whoever had reserved is
 * told, and so is the member, in one mail.
 */
export async function withdrawOffersOutside(
  tx: Tx,
  viewer: Viewer,
  subscription: { id: number; userId: string },
  period: { startsOn: string; endsOn: string },
  eventId: number,
  now = new Date(),
): Promise<OffersWithdrawn> {
  const parisDay = sql`(${s.distributions.startsAt} at time zone 'Europe/Paris')::date`;
  const outside = await tx
    .selectDistinct({ id: s.offers.id, startsAt: s.distributions.startsAt })
    .from(s.offerLines)
    .innerJoin(s.offers, eq(s.offers.id, s.offerLines.offerId))
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(
      and(
        eq(s.offers.amapId, viewer.amapId),
        eq(s.offerLines.subscriptionId, subscription.id),
        isNull(s.offerLines.releasedAt),
        inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES]),
        gt(s.distributions.startsAt, now),
        or(sql`${parisDay} < ${period.startsOn}::date`, sql`${parisDay} > ${period.endsOn}::date`),
      ),
    )
    .orderBy(asc(s.distributions.startsAt), asc(s.offers.id));
  if (outside.length === 0) return { offersCancelled: 0, peopleNotified: 0 };

  const cancelled: CancelledWithCause[] = [];
  for (const offer of outside) {
    const done = await cancelOfferWithCause(tx, viewer, offer.id, adminMembersFr.subscriptions.offerCancelReason, now);
    if (done) cancelled.push(done);
  }
  if (cancelled.length === 0) return { offersCancelled: 0, peopleNotified: 0 };

  // Not the référent who made the change, should they hold one of these reservations: they know.
  const holders = cancelled
    .flatMap((c) => c.reservations.map((r) => ({ ...r, offerId: c.offerId })))
    .filter((h) => h.intermittentId !== viewer.userId);
  const people = [...new Set([subscription.userId, ...holders.map((h) => h.intermittentId)])];
  const emails = new Map(
    (await tx.select({ id: s.users.id, email: s.users.email }).from(s.users).where(inArray(s.users.id, people))).map((r) => [r.id, r.email]),
  );
  const base = { subscriptionId: subscription.id, eventId };
  await enqueueMail(
    tx,
    viewer.amapId,
    "subscription-ended-taker",
    holders.map((h) => ({
      to: emails.get(h.intermittentId)!,
      payload: { ...base, userId: h.intermittentId, offerId: h.offerId, reservationId: h.id, wasTaker: h.wasTaker },
    })),
  );
  // The member, unless it is the référent who made the change.
  const toMember = subscription.userId !== viewer.userId;
  if (toMember) {
    await enqueueMail(tx, viewer.amapId, "subscription-ended-owner", [
      { to: emails.get(subscription.userId)!, payload: { ...base, userId: subscription.userId, offerIds: cancelled.map((c) => c.offerId) } },
    ]);
  }
  const told = new Set(holders.map((h) => h.intermittentId));
  if (toMember) told.add(subscription.userId);
  return { offersCancelled: cancelled.length, peopleNotified: told.size };
}

/**
 * A référent changed someone's address: the old address hears of it (who,
 * when, the new one partly hidden, whom to warn) — without it a changed
 * address would be a silent takeover of the account.
 */
export async function enqueueEmailChanged(tx: Tx, input: { amapId: number; userId: string; oldEmail: string; eventId: number }): Promise<void> {
  await enqueueMail(tx, input.amapId, "email-changed", [{ to: input.oldEmail, payload: { userId: input.userId, eventId: input.eventId } }]);
}
