import "server-only";
// « Réserver »: many people may tap it for one basket at the same instant; in
// one process their reservations are taken in turns, in batches, under one
// lock of the offer (across processes, the row lock orders them).
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import { decideReserve, type Decision, type OfferSnapshot } from "@/lib/domain/offer";
import type { Viewer } from "../auth";
import type { LinkClaims } from "../core";
import { enqueueNoticeBatches } from "./offer-notices";
import { accessToOffer } from "./partner-access";
import { kickOutbox } from "../mail";
import {
  actorsFor,
  ConflictError,
  lockOffer,
  refused,
  reservationRow,
  transition,
  type CommandResult,
  type TransitionResult,
} from "./transition";

/**
 * Reserves a basket. From an email link, alone (the link is spent with it).
 * Otherwise the reservations of one offer that arrive while an earlier one
 * holds its lock are taken together, in arrival order, in one transaction
 * (see reserveTogether): they would wait on that lock one after another anyway.
 */
export function reserveOffer(viewer: Viewer, offerId: number, link?: LinkClaims): Promise<CommandResult<TransitionResult>> {
  if (link) return transition(viewer, async () => offerId, decideReserve, null, link);
  return new Promise((resolve, reject) => {
    const waiting = reservationsWaiting.get(offerId);
    if (waiting) {
      waiting.push({ viewer, resolve, reject });
      return;
    }
    reservationsWaiting.set(offerId, [{ viewer, resolve, reject }]);
    void reserveInTurns(offerId);
  });
}

type WaitingReservation = {
  viewer: Viewer;
  resolve: (result: CommandResult<TransitionResult>) => void;
  reject: (error: unknown) => void;
};

/** Offers with reservations being written by this process, and the callers waiting for the next turn. */
const reservationsWaiting = new Map<number, WaitingReservation[]>();

/** At most this many reservations in one transaction; the others take the next turn. */
const MAX_RESERVATIONS_TOGETHER = 500;

async function reserveInTurns(offerId: number): Promise<void> {
  // Callers arriving in the same tick (a burst) share the first turn.
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (;;) {
    const waiting = reservationsWaiting.get(offerId) ?? [];
    if (waiting.length === 0) {
      reservationsWaiting.delete(offerId);
      return;
    }
    const turn = waiting.splice(0, MAX_RESERVATIONS_TOGETHER);
    try {
      const results = await reserveTogether(offerId, turn.map((w) => w.viewer));
      turn.forEach((w, i) => w.resolve(results[i]!));
      if (results.some((r) => r.ok)) kickOutbox();
    } catch (error) {
      turn.forEach((w) => w.reject(error));
    }
  }
}


/**
 * Several reservations of one offer in one transaction: the offer is locked
 * once, the state machine decides each in arrival order on a snapshot that
 * grows with the ones before it, and the writes go as one update, one insert
 * of reservations, one of events and a few of outbox rows. Each caller gets
 * the answer it would have had alone; another process's commands still wait
 * on the same row lock.
 */
async function reserveTogether(offerId: number, viewers: readonly Viewer[]): Promise<CommandResult<TransitionResult>[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const actors = await actorsFor(tx, viewers);
    const offer = await lockOffer(tx, offerId, "any");
    if (!offer) return viewers.map(() => refused("not_found"));
    // Another AMAP's offer is not found for its viewers (the others of the turn go on), unless shared
    // with theirs as its partner: they reserve as its own intermittents do (partner-access.ts).
    const access = await accessToOffer(tx, offer, viewers, actors);
    const now = new Date();
    const snapshot: OfferSnapshot = { ...offer, reservations: [...offer.reservations] };
    const results: CommandResult<TransitionResult>[] = [];
    const taken: { index: number; decision: Extract<Decision, { ok: true }>; userId: string; via: number | null }[] = [];
    viewers.forEach((viewer, index) => {
      const reach = access[index];
      if (!reach) {
        results[index] = refused("not_found");
        return;
      }
      const decision = decideReserve(snapshot, reach.actor, now);
      if (!decision.ok) {
        results[index] = refused(decision.refusal);
        return;
      }
      const created = decision.newReservation!;
      if (decision.reservationChanges.length > 0) throw new Error("a reservation changed other reservations");
      taken.push({ index, decision, userId: viewer.userId, via: reach.via });
      snapshot.status = decision.to;
      snapshot.reservations.push({ id: -taken.length, ...created });
    });
    if (taken.length === 0) return results;

    const moved = await tx
      .update(s.offers)
      .set({ status: snapshot.status, updatedAt: sql`now()` })
      .where(and(eq(s.offers.id, offer.id), eq(s.offers.status, offer.status)))
      .returning({ id: s.offers.id });
    if (moved.length !== 1) throw new ConflictError(`offer ${offer.id} is no longer ${offer.status}`);

    const inserted = await tx
      .insert(s.reservations)
      .values(taken.map(({ decision, via }) => reservationRow(offer.id, decision.newReservation!, via)))
      .returning({ id: s.reservations.id, intermittentId: s.reservations.intermittentId });
    // One person reserves once per turn (the machine refuses a second live
    // reservation), so the person names the row.
    const idOf = new Map(inserted.map((r) => [r.intermittentId, r.id]));

    await tx.insert(s.events).values(
      taken.map(({ decision, userId }) => ({
        amapId: offer.amapId,
        actorId: userId,
        action: decision.action,
        offerId: offer.id,
        reservationId: idOf.get(userId)!,
        fromStatus: decision.from,
        toStatus: decision.to,
        reason: null,
        data: null,
      })),
    );
    await enqueueNoticeBatches(
      tx,
      { offerId: offer.id, memberId: offer.memberId, amapId: offer.amapId },
      taken.map(({ decision, userId }) => ({ notices: decision.notices, newReservationId: idOf.get(userId)! })),
    );
    for (const { index, decision, userId } of taken) {
      results[index] = {
        ok: true,
        value: {
          offerId: offer.id,
          reservationId: idOf.get(userId)!,
          offerStatus: decision.to,
          newReservationStatus: decision.newReservation!.status,
          // A reservation's notices are personal emails (never an announcement to the list).
          notified: decision.notices.length,
        },
      };
    }
    return results;
  });
}
