import "server-only";
// One offer's change, as every exchange command makes it: a transaction that
// locks the offer row, re-reads the actor's roles, asks the pure state machine
// (lib/domain/offer.ts), then writes the change as conditional updates on the
// expected statuses, one audit event and the outbox rows — or nothing.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import {
  MAX_REASON_LENGTH,
  type Actor,
  type Decision,
  type OfferSnapshot,
  type OfferStatus,
  type Refusal,
  type ReservationStatus,
} from "@/lib/domain/offer";
import { withoutForbiddenCharacters } from "@/lib/domain/text";
import type { Viewer } from "../auth";
import { consumeLink, isLinkUsed, type LinkClaims } from "../core";
import { peopleWithRoles } from "../core";
import { enqueueOfferNotices } from "./offer-notices";
import { accessToOffer } from "./partner-access";
import { reservationsOf } from "./offer-rows";
import { kickOutbox } from "../mail";
import { AppError } from "@/lib/app-error";
import type { Result } from "@/lib/result";

export type CommandResult<T = null> = Result<T, Refusal>;

/** A conditional write found the row in another state: the lock should make this impossible. */
export class ConflictError extends AppError {
  constructor(what: string) {
    super("conflict", what);
  }
}

export const refused = (refusal: Refusal) => ({ ok: false as const, refusal });

/** Every viewer's roles in one statement (reserving needs only "is an active intermittent"). */
export async function actorsFor(tx: Executor, viewers: readonly Viewer[]): Promise<Map<string, Actor>> {
  // Roles are per AMAP: one query per AMAP the viewers act in (one, today).
  const rows = new Map<string, Awaited<ReturnType<typeof peopleWithRoles>>[number]>();
  for (const amapId of new Set(viewers.map((v) => v.amapId))) {
    const ids = [...new Set(viewers.filter((v) => v.amapId === amapId).map((v) => v.userId))];
    for (const r of await peopleWithRoles(tx, inArray(s.users.id, ids), amapId)) rows.set(r.id, r);
  }
  const actors = new Map<string, Actor>();
  for (const id of new Set(viewers.map((v) => v.userId))) {
    const row = rows.get(id);
    actors.set(id, { userId: id, isIntermittent: row?.isIntermittent === true, isReferent: row?.isReferent === true });
  }
  return actors;
}

export async function actorFor(tx: Executor, viewer: Viewer): Promise<Actor> {
  // Roles are re-read inside the transaction: someone who just left the list cannot reserve.
  return (await actorsFor(tx, [viewer])).get(viewer.userId)!;
}

/**
 * Loads an offer with its reservations, locking the offer row until the
 * transaction ends. Only in `amapId` (the viewer's AMAP): another AMAP's offer
 * is not found. "any" for the deployment's own jobs.
 */
export type LockedOffer = OfferSnapshot & { amapId: number; partnersAnnouncedAt: Date | null };

export async function lockOffer(tx: Tx, offerId: number, amapId: number | "any"): Promise<LockedOffer | null> {
  const [offer] = await tx
    .select({
      id: s.offers.id,
      amapId: s.offers.amapId,
      memberId: s.offers.memberId,
      status: s.offers.status,
      autoAccept: s.offers.autoAccept,
      partnersAnnouncedAt: s.offers.partnersAnnouncedAt,
      startsAt: s.distributions.startsAt,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(amapId === "any" ? eq(s.offers.id, offerId) : and(eq(s.offers.id, offerId), eq(s.offers.amapId, amapId)))
    .for("update", { of: s.offers });
  if (!offer) return null;
  const reservations = await reservationsOf(tx, [offerId]);
  return { ...offer, reservations };
}

export async function offerIdOfReservation(ex: Executor, reservationId: number): Promise<number | null> {
  const [row] = await ex
    .select({ offerId: s.reservations.offerId })
    .from(s.reservations)
    .where(eq(s.reservations.id, reservationId));
  return row?.offerId ?? null;
}

/**
 * A reservation the machine created, as a row: its clock starts with its
 * status. `via`: the partner AMAP its intermittent comes from.
 */
export function reservationRow(offerId: number, created: NonNullable<Extract<Decision, { ok: true }>["newReservation"]>, via: number | null = null) {
  return {
    offerId,
    ...created,
    viaAmapId: via,
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
  offer: OfferSnapshot & { amapId: number },
  decision: Extract<Decision, { ok: true }>,
  actorId: string | null,
  reason: string | null,
  via: number | null = null,
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
      .values(reservationRow(offer.id, decision.newReservation, via))
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
    amapId: offer.amapId,
    actorId,
    action: decision.action,
    offerId: offer.id,
    reservationId: subjectReservation,
    fromStatus: decision.from,
    toStatus: decision.to,
    reason,
    data: decision.reservationChanges.length > 0 ? { reservations: decision.reservationChanges } : null,
  });

  const notified = await enqueueOfferNotices(tx, { offerId: offer.id, memberId: offer.memberId, amapId: offer.amapId }, decision.notices, newReservationId);
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

export async function transition(
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
    const roles = await actorFor(tx, viewer);
    const offerId = await locate(tx);
    const offer = offerId === null ? null : await lockOffer(tx, offerId, "any");
    // Another AMAP's offer is not found, unless shared with the viewer's as its partner (partner-access.ts).
    const access = offer && (await accessToOffer(tx, offer, [viewer], new Map([[viewer.userId, roles]])))[0];
    if (!offer || !access) return refused("not_found");
    const { actor, via } = access;
    // From an email link: a spent link says so, whatever the offer became since.
    if (link && (await isLinkUsed(tx, link.nonce))) return refused("link_used");
    const decision = await decide(offer, actor, new Date(), tx);
    if (!decision.ok) return refused(decision.refusal);
    // The link is spent in the same transaction as its action (a racing twin loses here).
    if (link && !(await consumeLink(tx, link))) return refused("link_used");
    const { reservationId, notified } = await applyDecision(tx, offer, decision, viewer.userId, reason, via);
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

export function cleanReason(reason: string): string {
  // Invisible controls and bidi overrides are dropped, not refused: nobody can see them to remove them.
  return withoutForbiddenCharacters(reason, { multiline: true }).trim().slice(0, MAX_REASON_LENGTH);
}
