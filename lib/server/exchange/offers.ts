import "server-only";
// Commands of the basket exchange. Each one: a transaction that locks the
// offer row, re-reads the actor's roles, asks the pure state machine
// (lib/domain/offer.ts), then writes the change as conditional updates on the
// expected statuses, one audit event and the outbox rows — or nothing.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/db/client";
import { memberLinesAt } from "@/db/queries";
import * as s from "@/db/schema";
import {
  canMarkPaid,
  decideAccept,
  decideAssign,
  decideCancel,
  decideCancelWithCause,
  decideDecline,
  decideOfferLines,
  decideReserve,
  decideSettle,
  decideWithdraw,
  MAX_REASON_LENGTH,
  type Actor,
  type Decision,
  type OfferSnapshot,
  type OfferStatus,
  type Refusal,
  type ReservationStatus,
} from "@/lib/domain/offer";
import { withoutForbiddenCharacters } from "@/lib/domain/text";
import { fr } from "@/lib/i18n/fr";
import type { Viewer } from "../auth/auth";
import { consumeLink, isLinkUsed, type LinkClaims } from "../links/links";
import { enqueueAnnouncement, enqueueNoticeBatches, enqueueOfferNotices } from "./offer-notices";
import { reservationsOf } from "./offer-rows";
import { peopleWithRoles } from "../auth/people";
import { kickOutbox } from "../mail/enqueue";
import { getSettings } from "../core/settings";

export type CommandResult<T = null> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** A conditional write found the row in another state: the lock should make this impossible. */
class ConflictError extends Error {}

const refused = (refusal: Refusal) => ({ ok: false as const, refusal });

async function actorFor(tx: Executor, viewer: Viewer): Promise<Actor> {
  // Roles are re-read inside the transaction: someone who just left the list cannot reserve.
  return (await actorsFor(tx, [viewer])).get(viewer.userId)!;
}

/** Loads an offer with its reservations, locking the offer row until the transaction ends. */
async function lockOffer(tx: Tx, offerId: number): Promise<OfferSnapshot | null> {
  const [offer] = await tx
    .select({
      id: s.offers.id,
      memberId: s.offers.memberId,
      status: s.offers.status,
      autoAccept: s.offers.autoAccept,
      startsAt: s.distributions.startsAt,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(eq(s.offers.id, offerId))
    .for("update", { of: s.offers });
  if (!offer) return null;
  const reservations = await reservationsOf(tx, [offerId]);
  return { ...offer, reservations };
}

async function offerIdOfReservation(ex: Executor, reservationId: number): Promise<number | null> {
  const [row] = await ex
    .select({ offerId: s.reservations.offerId })
    .from(s.reservations)
    .where(eq(s.reservations.id, reservationId));
  return row?.offerId ?? null;
}

/** A reservation the machine created, as a row: its clock starts with its status. */
function reservationRow(offerId: number, created: NonNullable<Extract<Decision, { ok: true }>["newReservation"]>) {
  return {
    offerId,
    ...created,
    pendingSince: created.status === "pending" ? sql`now()` : null,
    decidedAt: created.status === "accepted" ? sql`now()` : null,
  };
}

/**
 * Writes an accepted decision: status changes, new reservation, released lines, audit event, outbox rows.
 * Exported for lib/server/exchange/offer-machine-db.test.ts, which applies every decision the machine can make.
 */
export async function applyDecision(
  tx: Tx,
  offer: OfferSnapshot,
  decision: Extract<Decision, { ok: true }>,
  actorId: string | null,
  reason: string | null,
): Promise<{ reservationId: number | null; notified: number }> {
  const moved = await tx
    .update(s.offers)
    .set({
      status: decision.to,
      updatedAt: sql`now()`,
      ...(decision.to === "cancelled" ? { cancelReason: reason } : {}),
    })
    .where(and(eq(s.offers.id, offer.id), eq(s.offers.status, decision.from)))
    .returning({ id: s.offers.id });
  if (moved.length !== 1) throw new ConflictError(`offer ${offer.id} is no longer ${decision.from}`);

  for (const change of decision.reservationChanges) {
    const changed = await tx
      .update(s.reservations)
      .set(change.to === "pending" ? { status: change.to, pendingSince: sql`now()` } : { status: change.to, decidedAt: sql`now()` })
      .where(and(eq(s.reservations.id, change.id), eq(s.reservations.status, change.from)))
      .returning({ id: s.reservations.id });
    if (changed.length !== 1) throw new ConflictError(`reservation ${change.id} is no longer ${change.from}`);
  }

  let newReservationId: number | null = null;
  if (decision.newReservation) {
    const [created] = await tx
      .insert(s.reservations)
      .values(reservationRow(offer.id, decision.newReservation))
      .returning({ id: s.reservations.id });
    newReservationId = created!.id;
  }

  if (decision.to === "cancelled") {
    // The baskets can be offered again.
    await tx
      .update(s.offerLines)
      .set({ releasedAt: sql`now()` })
      .where(and(eq(s.offerLines.offerId, offer.id), isNull(s.offerLines.releasedAt)));
  }

  // The reservation the event is about: the one created, the one given (« Attribuer » moves
  // the pending one back first), or else the first one changed (declined, withdrawn…).
  const given = decision.action === "reservation.assign" ? decision.reservationChanges.find((c) => c.to === "accepted") : undefined;
  const subjectReservation = newReservationId ?? given?.id ?? decision.reservationChanges[0]?.id ?? null;
  await tx.insert(s.events).values({
    actorId,
    action: decision.action,
    offerId: offer.id,
    reservationId: subjectReservation,
    fromStatus: decision.from,
    toStatus: decision.to,
    reason,
    data: decision.reservationChanges.length > 0 ? { reservations: decision.reservationChanges } : null,
  });

  const notified = await enqueueOfferNotices(tx, { offerId: offer.id, memberId: offer.memberId }, decision.notices, newReservationId);
  return { reservationId: subjectReservation, notified };
}

export type TransitionResult = {
  offerId: number;
  reservationId: number | null;
  offerStatus: OfferStatus;
  newReservationStatus: ReservationStatus | null;
  /** How many people the transition emails: what its confirmation may say. */
  notified: number;
};

/** Runs one transition: lock, decide, apply — then wake the mail worker. */
async function transition(
  viewer: Viewer,
  locate: (tx: Tx) => Promise<number | null>,
  decide: (offer: OfferSnapshot, actor: Actor, now: Date, tx: Tx) => Decision | Promise<Decision>,
  reason: string | null = null,
  link?: LinkClaims,
): Promise<CommandResult<TransitionResult>> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    // The actor's roles are read first, in this transaction but before the
    // offer's lock: everyone reserving one basket at once queues on that
    // lock, so it is held only for what depends on the offer.
    const actor = await actorFor(tx, viewer);
    const offerId = await locate(tx);
    const offer = offerId === null ? null : await lockOffer(tx, offerId);
    if (!offer) return refused("not_found");
    // From an email link: a spent link says so, whatever the offer became since.
    if (link && (await isLinkUsed(tx, link.nonce))) return refused("link_used");
    const decision = await decide(offer, actor, new Date(), tx);
    if (!decision.ok) return refused(decision.refusal);
    // The link is spent in the same transaction as its action (a racing twin loses here).
    if (link && !(await consumeLink(tx, link))) return refused("link_used");
    const { reservationId, notified } = await applyDecision(tx, offer, decision, viewer.userId, reason);
    const value: TransitionResult = {
      offerId: offer.id,
      reservationId,
      offerStatus: decision.to,
      newReservationStatus: decision.newReservation?.status ?? null,
      notified,
    };
    return { ok: true as const, value };
  });
  if (result.ok) kickOutbox();
  return result;
}

function cleanReason(reason: string): string {
  // Invisible controls and bidi overrides are dropped, not refused: nobody can see them to remove them.
  return withoutForbiddenCharacters(reason, { multiline: true }).trim().slice(0, MAX_REASON_LENGTH);
}

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

/** Every viewer's roles in one statement (reserving needs only "is an active intermittent"). */
async function actorsFor(tx: Executor, viewers: readonly Viewer[]): Promise<Map<string, Actor>> {
  const ids = [...new Set(viewers.map((v) => v.userId))];
  const rows = new Map((await peopleWithRoles(tx, inArray(s.users.id, ids))).map((r) => [r.id, r]));
  const actors = new Map<string, Actor>();
  for (const id of ids) {
    const row = rows.get(id);
    actors.set(id, { userId: id, isIntermittent: row?.isIntermittent === true, isReferent: row?.isReferent === true });
  }
  return actors;
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
    const offer = await lockOffer(tx, offerId);
    if (!offer) return viewers.map(() => refused("not_found"));
    const now = new Date();
    const snapshot: OfferSnapshot = { ...offer, reservations: [...offer.reservations] };
    const results: CommandResult<TransitionResult>[] = [];
    const taken: { index: number; decision: Extract<Decision, { ok: true }>; userId: string }[] = [];
    viewers.forEach((viewer, index) => {
      const decision = decideReserve(snapshot, actors.get(viewer.userId)!, now);
      if (!decision.ok) {
        results[index] = refused(decision.refusal);
        return;
      }
      const created = decision.newReservation!;
      if (decision.reservationChanges.length > 0) throw new Error("a reservation changed other reservations");
      taken.push({ index, decision, userId: viewer.userId });
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
      .values(taken.map(({ decision }) => reservationRow(offer.id, decision.newReservation!)))
      .returning({ id: s.reservations.id, intermittentId: s.reservations.intermittentId });
    // One person reserves once per turn (the machine refuses a second live
    // reservation), so the person names the row.
    const idOf = new Map(inserted.map((r) => [r.intermittentId, r.id]));

    await tx.insert(s.events).values(
      taken.map(({ decision, userId }) => ({
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
      { offerId: offer.id, memberId: offer.memberId },
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
      const [taker] = await peopleWithRoles(tx, eq(s.users.id, intermittentId));
      return decideAssign(offer, actor, { userId: intermittentId, isActiveIntermittent: taker?.isIntermittent === true }, why, now);
    },
    why,
  );
}

/** The owner records whether the taker has paid. */
export async function setOfferPaid(viewer: Viewer, offerId: number, paid: boolean): Promise<CommandResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const offer = await lockOffer(tx, offerId);
    if (!offer) return refused("not_found");
    const refusal = canMarkPaid(offer, await actorFor(tx, viewer));
    if (refusal) return refused(refusal);
    await tx
      .update(s.offers)
      .set({ paidAt: paid ? sql`coalesce(${s.offers.paidAt}, now())` : null, updatedAt: sql`now()` })
      .where(eq(s.offers.id, offerId));
    await tx.insert(s.events).values({
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
    const offer = offerId === null ? null : await lockOffer(tx, offerId);
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
  const offer = await lockOffer(tx, offerId);
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
// Offering ("Céder mon panier").

export type OfferInput = {
  distributionIds: number[];
  subscriptionIds: number[];
  message: string;
  autoAccept: boolean;
};

export const MAX_MESSAGE_LENGTH = 1000;

/**
 * Offers the chosen basket lines for each chosen distribution: one offer per
 * date, all in one transaction — if any date is refused, nothing is offered.
 */
export async function createOffers(
  viewer: Viewer,
  input: OfferInput,
): Promise<CommandResult<{ offerIds: number[] }> | { ok: false; refusal: Refusal; distributionId: number }> {
  const distributionIds = [...new Set(input.distributionIds)];
  const chosen = [...new Set(input.subscriptionIds)];
  if (distributionIds.length === 0 || chosen.length === 0) return refused("nothing_selected");
  const message = withoutForbiddenCharacters(input.message, { multiline: true }).trim().slice(0, MAX_MESSAGE_LENGTH);
  const db = await getDb();
  // Someone else's basket lines are not a choice: with none of the member's own, nothing was chosen
  // (and « not delivered that day » below only ever speaks of the member's own baskets).
  const owned = await db
    .select({ id: s.subscriptions.id })
    .from(s.subscriptions)
    .where(and(eq(s.subscriptions.userId, viewer.userId), inArray(s.subscriptions.id, chosen)));
  const subscriptionIds = owned.map((row) => row.id);
  if (subscriptionIds.length === 0) return refused("nothing_selected");
  const now = new Date();
  let offerIds: number[];
  try {
    offerIds = await db.transaction(async (tx) => {
      // One offering at a time per member: serializes a double submit of the same form.
      await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.id, viewer.userId)).for("update");
      const { offerCloseHours } = await getSettings(tx);
      const created: number[] = [];
      for (const distributionId of distributionIds) {
        const distribution = await loadOfferable(tx, viewer.userId, distributionId);
        if (!distribution) throw new OfferRefused("not_found", distributionId);
        const decision = decideOfferLines(distribution, subscriptionIds, offerCloseHours, now);
        if (!decision.ok) throw new OfferRefused(decision.refusal, distributionId);
        const [offer] = await tx
          .insert(s.offers)
          .values({ memberId: viewer.userId, distributionId, message, autoAccept: input.autoAccept })
          .returning({ id: s.offers.id });
        const lines = distribution.lines.filter((l) => decision.subscriptionIds.includes(l.subscriptionId));
        await tx.insert(s.offerLines).values(
          lines.map((l) => ({
            offerId: offer!.id,
            distributionId,
            subscriptionId: l.subscriptionId,
            contractId: l.contractId,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
          })),
        );
        await tx.insert(s.events).values({
          actorId: viewer.userId,
          action: "offer.create",
          offerId: offer!.id,
          toStatus: "open",
          data: { subscriptionIds: decision.subscriptionIds, autoAccept: input.autoAccept },
        });
        await enqueueOfferNotices(tx, { offerId: offer!.id, memberId: viewer.userId }, [{ kind: "offer-listed" }], null);
        created.push(offer!.id);
      }
      // Several dates at once: one announcement each, listing them all (not one per date).
      await enqueueAnnouncement(tx, { offerIds: created, memberId: viewer.userId }, false);
      return created;
    });
  } catch (error) {
    // A refused date rolls back the dates offered before it.
    if (error instanceof OfferRefused) return { ok: false, refusal: error.refusal, distributionId: error.distributionId };
    throw error;
  }
  kickOutbox();
  return { ok: true, value: { offerIds } };
}

class OfferRefused extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly distributionId: number,
  ) {
    super(refusal);
  }
}

type OfferableLine = {
  subscriptionId: number;
  contractId: number;
  quantity: number;
  unitPriceCents: number;
  alreadyOffered: boolean;
};

/** A distribution with the member's basket lines delivered that day; null if none (or no such date). */
async function loadOfferable(tx: Executor, memberId: string, distributionId: number) {
  const [distribution] = await tx
    .select({ startsAt: s.distributions.startsAt, cancelledAt: s.distributions.cancelledAt })
    .from(s.distributions)
    .where(eq(s.distributions.id, distributionId))
    // Held until the offer commits: a référent cancelling the date (FOR UPDATE)
    // waits for it, then cancels it too (lib/server/admin/calendar/calendar.ts).
    .for("share");
  if (!distribution) return null;
  const stillOffered = await tx
    .select({ subscriptionId: s.offerLines.subscriptionId })
    .from(s.offerLines)
    .where(and(eq(s.offerLines.distributionId, distributionId), isNull(s.offerLines.releasedAt)));
  const offered = new Set(stillOffered.map((l) => l.subscriptionId));
  const lines: OfferableLine[] = (await memberLinesAt(tx, memberId, { id: distributionId, startsAt: distribution.startsAt })).map(
    (line) => ({ ...line, alreadyOffered: offered.has(line.subscriptionId) }),
  );
  if (lines.length === 0) return null;
  return { startsAt: distribution.startsAt, isCancelled: distribution.cancelledAt !== null, lines };
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
      const offer = await lockOffer(tx, id);
      if (!offer) return 0;
      const decision = decideSettle(offer, now);
      if (!decision.ok) return 0;
      await applyDecision(tx, offer, decision, null, null);
      return 1;
    });
  }
  return settled;
}
