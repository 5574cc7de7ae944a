// Every (state, decision) pair the offer state machine can reach from an open
// offer, with three intermittents and up to three reservations: what
// lib/server/exchange/offer-machine-db.test.ts writes to a real database.
import {
  decideAccept,
  decideAssign,
  decideCancel,
  decideCancelWithCause,
  decideDecline,
  decideReserve,
  decideSettle,
  decideWithdraw,
  type Actor,
  type Decision,
  type OfferSnapshot,
} from "@/lib/domain/offer";

export type Accepted = Extract<Decision, { ok: true }>;

const START = new Date(Date.now() + 5 * 86_400_000);
const BEFORE = new Date(START.getTime() - 3_600_000);
const AFTER = new Date(START.getTime() + 60_000);
export const PEOPLE = ["p0", "p1", "p2"] as const;
const MAX_RESERVATIONS = 3;

const owner: Actor = { userId: "owner", isIntermittent: false, isReferent: false };
const referent: Actor = { userId: "rose", isIntermittent: false, isReferent: true };
const system: Actor = { userId: "", isIntermittent: false, isReferent: true, isSystem: true };
const intermittent = (userId: string): Actor => ({ userId, isIntermittent: true, isReferent: false });

/** Every decision the machine accepts from `offer`, named for the failure message. */
function decisionsFrom(offer: OfferSnapshot): { name: string; actor: Actor; decision: Accepted }[] {
  const out: { name: string; actor: Actor; decision: Decision }[] = [];
  const room = offer.reservations.length < MAX_RESERVATIONS;
  for (const p of PEOPLE) {
    if (room) out.push({ name: `reserve ${p}`, actor: intermittent(p), decision: decideReserve(offer, intermittent(p), BEFORE) });
    if (room || offer.reservations.some((r) => r.intermittentId === p && (r.status === "pending" || r.status === "queued"))) {
      out.push({
        name: `assign ${p}`,
        actor: referent,
        decision: decideAssign(offer, referent, { userId: p, isActiveIntermittent: true }, "Arrangement", BEFORE),
      });
    }
  }
  for (const r of offer.reservations) {
    out.push(
      { name: `accept ${r.id}`, actor: owner, decision: decideAccept(offer, owner, r.id, BEFORE) },
      { name: `accept ${r.id} (référent)`, actor: referent, decision: decideAccept(offer, referent, r.id, BEFORE, "Absente") },
      { name: `accept ${r.id} (auto)`, actor: system, decision: decideAccept(offer, system, r.id, BEFORE, "Réglage") },
      { name: `decline ${r.id}`, actor: owner, decision: decideDecline(offer, owner, r.id, BEFORE) },
      { name: `decline ${r.id} (référent)`, actor: referent, decision: decideDecline(offer, referent, r.id, BEFORE, "Absente") },
      {
        name: `withdraw ${r.id}`,
        actor: intermittent(r.intermittentId),
        decision: decideWithdraw(offer, intermittent(r.intermittentId), r.id, BEFORE),
      },
    );
  }
  out.push(
    { name: "cancel", actor: owner, decision: decideCancel(offer, owner, "Je reste", BEFORE) },
    { name: "cancel (référent)", actor: referent, decision: decideCancel(offer, referent, "Absente", BEFORE) },
    { name: "cancel with cause", actor: referent, decision: decideCancelWithCause(offer, referent, "Distribution annulée", BEFORE) },
    { name: "settle", actor: system, decision: decideSettle(offer, AFTER) },
  );
  return out.flatMap((d) => (d.decision.ok ? [{ ...d, decision: d.decision }] : []));
}

/** The state after a decision, as the machine sees it. */
export function next(offer: OfferSnapshot, decision: Accepted): OfferSnapshot {
  const reservations = offer.reservations.map((r) => {
    const change = decision.reservationChanges.find((c) => c.id === r.id);
    return change ? { ...r, status: change.to } : r;
  });
  if (decision.newReservation) {
    reservations.push({ id: Math.max(0, ...offer.reservations.map((r) => r.id)) + 1, ...decision.newReservation });
  }
  return { ...offer, status: decision.to, reservations };
}

/**
 * The state up to what the schema cannot tell apart: people renamed in order
 * of their first reservation, positions renumbered 1, 2, … in order.
 */
export function canonical(o: OfferSnapshot): OfferSnapshot {
  const names = new Map<string, string>();
  for (const r of o.reservations) if (!names.has(r.intermittentId)) names.set(r.intermittentId, PEOPLE[names.size]!);
  const ranks = [...o.reservations].sort((a, b) => a.position - b.position).map((r) => r.id);
  return {
    ...o,
    reservations: o.reservations.map((r) => ({ ...r, intermittentId: names.get(r.intermittentId)!, position: ranks.indexOf(r.id) + 1 })),
  };
}

export const keyOf = (o: OfferSnapshot) =>
  `${o.status}|${o.autoAccept}|${o.reservations.map((r) => `${r.id}:${r.intermittentId}:${r.status}:${r.position}`).join(",")}`;

/** Every reachable (state, decision) pair, breadth-first from an open offer (with and without automatic acceptance). */
export function enumerate(): { state: OfferSnapshot; name: string; actor: Actor; decision: Accepted }[] {
  const seen = new Set<string>();
  const queue: OfferSnapshot[] = [false, true].map((autoAccept) => ({
    id: 1,
    memberId: "owner",
    status: "open",
    autoAccept,
    startsAt: START,
    reservations: [],
  }));
  const cases: ReturnType<typeof enumerate> = [];
  while (queue.length > 0) {
    const state = canonical(queue.shift()!);
    const key = keyOf(state);
    if (seen.has(key)) continue;
    seen.add(key);
        const written = new Set<string>();
    for (const d of decisionsFrom(state)) {
      // Two decisions leading to the same state up to names write the same rows: one of them is enough.
      const signature = `${keyOf(canonical(next(state, d.decision)))}|${d.decision.reservationChanges.length}`;
      if (written.has(signature)) continue;
      written.add(signature);
      cases.push({ state, ...d });
      queue.push(next(state, d.decision));
    }
  }
  return cases;
}

