import "server-only";
// The commands of the basket exchange, each one offer's change made by
// transition.ts: accept, decline, withdraw, cancel, assign, mark paid, the
// automatic acceptance, the cancellations with a cause, and settling. Reserving
// (reserve.ts) and offering (offer-create.ts) are re-exported here.
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import {
  canMarkPaid,
  decideAccept,
  decideAssign,
  decideCancel,
  decideCancelWithCause,
  decideDecline,
  decideSettle,
  decideWithdraw,
  type Actor,
} from "@/lib/domain/offer";
import { fr } from "@/lib/i18n/fr";
import type { Viewer } from "../auth";
import type { LinkClaims } from "../core";
import { peopleWithRoles } from "../core";
import { kickOutbox } from "../mail";
import {
  actorFor,
  applyDecision,
  cleanReason,
  lockOffer,
  offerIdOfReservation,
  refused,
  transition,
  type CommandResult,
} from "./transition";

export { applyDecision, type CommandResult, type TransitionResult } from "./transition";
export { reserveOffer } from "./reserve";
export { createOffers, MAX_MESSAGE_LENGTH, type OfferInput } from "./offer-create";

export function acceptReservation(viewer: Viewer, reservationId: number, reason = "", link?: LinkClaims) {
  const why = cleanReason(reason);
  return transition(
    viewer,
    (tx) => offerIdOfReservation(tx, reservationId),
    (offer, actor, now) => decideAccept(offer, actor, reservationId, now, why),
    why || null,
    link,
  );
}

export function declineReservation(viewer: Viewer, reservationId: number, reason = "", link?: LinkClaims) {
  const why = cleanReason(reason);
  return transition(
    viewer,
    (tx) => offerIdOfReservation(tx, reservationId),
    (offer, actor, now) => decideDecline(offer, actor, reservationId, now, why),
    why || null,
    link,
  );
}

export function withdrawReservation(viewer: Viewer, reservationId: number, link?: LinkClaims) {
  return transition(
    viewer,
    (tx) => offerIdOfReservation(tx, reservationId),
    (offer, actor, now) => decideWithdraw(offer, actor, reservationId, now),
    null,
    link,
  );
}

export function cancelOffer(viewer: Viewer, offerId: number, reason: string) {
  const why = cleanReason(reason);
  return transition(viewer, async () => offerId, (offer, actor, now) => decideCancel(offer, actor, why, now), why);
}

/** A référent gives an offer straight to an intermittent, with a reason (both parties are emailed). */
export function assignOffer(viewer: Viewer, offerId: number, intermittentId: string, reason: string) {
  const why = cleanReason(reason);
  return transition(
    viewer,
    async () => offerId,
    async (offer, actor, now, tx) => {
      const [taker] = await peopleWithRoles(tx, eq(s.users.id, intermittentId), viewer.amapId);
      return decideAssign(offer, actor, { userId: intermittentId, isActiveIntermittent: taker?.isIntermittent === true }, why, now);
    },
    why,
  );
}

/** The owner records whether the taker has paid. */
export async function setOfferPaid(viewer: Viewer, offerId: number, paid: boolean): Promise<CommandResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const offer = await lockOffer(tx, offerId, viewer.amapId);
    if (!offer) return refused("not_found");
    const refusal = canMarkPaid(offer, await actorFor(tx, viewer));
    if (refusal) return refused(refusal);
    await tx
      .update(s.offers)
      .set({ paidAt: paid ? sql`coalesce(${s.offers.paidAt}, now())` : null, updatedAt: sql`now()` })
      .where(eq(s.offers.id, offerId));
    await tx.insert(s.events).values({
      amapId: viewer.amapId,
      actorId: viewer.userId,
      action: paid ? "offer.paid" : "offer.unpaid",
      offerId,
      fromStatus: offer.status,
      toStatus: offer.status,
    });
    return { ok: true as const, value: null };
  });
}

/** The worker acting on the AMAP's behalf (auto-acceptance setting). */
const SYSTEM_ACTOR: Actor = { userId: "", isIntermittent: false, isReferent: true, isSystem: true };

/**
 * With the auto-accept setting on, the worker accepts a reservation still
 * pending close to the distribution. False when there is nothing to do.
 */
export async function autoAcceptPending(reservationId: number, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const reason = fr.exchange.autoAcceptReason;
  const accepted = await db.transaction(async (tx) => {
    const offerId = await offerIdOfReservation(tx, reservationId);
    const offer = offerId === null ? null : await lockOffer(tx, offerId, "any");
    if (!offer) return false;
    const decision = decideAccept(offer, SYSTEM_ACTOR, reservationId, now, reason);
    if (!decision.ok) return false;
    await applyDecision(tx, offer, decision, null, reason);
    return true;
  });
  if (accepted) kickOutbox();
  return accepted;
}

// ---------------------------------------------------------------------------
// Cancelled along with its distribution or its member's subscription.

export type CancelledWithCause = {
  offerId: number;
  memberId: string;
  /** The live reservations it cancelled; `wasTaker`: the accepted one. */
  reservations: { id: number; intermittentId: string; wasTaker: boolean }[];
};

/**
 * Cancels an offer inside the caller's transaction — a référent cancelling its
 * distribution, or ending the subscription it offers (lib/server/admin) — by
 * the state machine's decideCancelWithCause: no exchange notices, the caller
 * tells the people concerned what happened. Null when the offer is no longer
 * active. The caller wakes the mail worker after its commit.
 */
export async function cancelOfferWithCause(
  tx: Tx,
  viewer: Viewer,
  offerId: number,
  reason: string,
  now = new Date(),
): Promise<CancelledWithCause | null> {
  const actor = await actorFor(tx, viewer);
  const offer = await lockOffer(tx, offerId, viewer.amapId);
  if (!offer) return null;
  const why = cleanReason(reason);
  const decision = decideCancelWithCause(offer, actor, why, now);
  if (!decision.ok) return null;
  await applyDecision(tx, offer, decision, viewer.userId, why);
  const holder = new Map(offer.reservations.map((r) => [r.id, r.intermittentId]));
  return {
    offerId,
    memberId: offer.memberId,
    reservations: decision.reservationChanges.map((c) => ({ id: c.id, intermittentId: holder.get(c.id)!, wasTaker: c.from === "accepted" })),
  };
}


// ---------------------------------------------------------------------------
// Settling: once a distribution has started, its offers are done or unclaimed.

/** Run by the worker. Each offer settles in its own short transaction, with its event. */
export async function settleStartedOffers(now = new Date()): Promise<number> {
  const db = await getDb();
  const due = await db
    .select({ id: s.offers.id })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(
      and(
        inArray(s.offers.status, ["open", "reserved", "exchanged"]),
        sql`${s.distributions.startsAt} <= ${now.toISOString()}::timestamptz`,
      ),
    );
  let settled = 0;
  for (const { id } of due) {
    settled += await db.transaction(async (tx) => {
      const offer = await lockOffer(tx, id, "any");
      if (!offer) return 0;
      const decision = decideSettle(offer, now);
      if (!decision.ok) return 0;
      await applyDecision(tx, offer, decision, null, null);
      return 1;
    });
  }
  return settled;
}
