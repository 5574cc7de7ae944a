// Where someone stands with an offer they come back to, as a table: every
// link action × every state it can meet. And the property the pages rely on:
// "ready" exactly when the state machine would accept the command.
import { describe, expect, it } from "vitest";
import { decideAccept, decideDecline, decideReserve, decideWithdraw, type Actor, type ReservationSnapshot } from "./offer";
import { decisionStanding, reserveStanding, withdrawStanding, type OfferView } from "./offer-standing";

const START = new Date("2026-12-03T17:30:00Z");
const BEFORE = new Date(START.getTime() - 3_600_000);

const owner: Actor = { userId: "alice", isIntermittent: false, isReferent: false };
const jules: Actor = { userId: "jules", isIntermittent: true, isReferent: false };
const hugo: Actor = { userId: "hugo", isIntermittent: true, isReferent: false };
const nina: Actor = { userId: "nina", isIntermittent: false, isReferent: false };

function offer(status: OfferView["status"], reservations: [string, ReservationSnapshot["status"]][] = [], extra: Partial<OfferView> = {}): OfferView {
  return {
    id: 1,
    memberId: "alice",
    status,
    autoAccept: false,
    startsAt: START,
    distributionCancelled: false,
    reservations: reservations.map(([intermittentId, s], i) => ({ id: 10 + i, intermittentId, status: s, position: i + 1 })),
    ...extra,
  };
}

describe("reserving (a « Réserver » link, /paniers?offre=)", () => {
  const cases: [string, OfferView | null, Actor, Date, unknown][] = [
    ["open", offer("open"), jules, BEFORE, { ready: true, step: { as: "pending", waiting: 0 } }],
    ["open, automatic acceptance", offer("open", [], { autoAccept: true }), jules, BEFORE, { ready: true, step: { as: "accepted", waiting: 0 } }],
    ["reserved by someone else: join the queue", offer("reserved", [["hugo", "pending"]]), jules, BEFORE, { ready: true, step: { as: "queued", waiting: 1 } }],
    ["exchanged to someone else", offer("exchanged", [["hugo", "accepted"]]), jules, BEFORE, { ready: false, standstill: "taken" }],
    ["cancelled", offer("cancelled"), jules, BEFORE, { ready: false, standstill: "cancelled" }],
    ["cancelled with its distribution", offer("cancelled", [], { distributionCancelled: true }), jules, BEFORE, { ready: false, standstill: "distribution_cancelled" }],
    ["unclaimed", offer("unclaimed"), jules, START, { ready: false, standstill: "past" }],
    ["done", offer("done", [["hugo", "accepted"]]), jules, START, { ready: false, standstill: "taken" }],
    ["open, but the distribution has started", offer("open"), jules, START, { ready: false, standstill: "past" }],
    ["already reserved by me, awaiting the answer", offer("reserved", [["jules", "pending"]]), jules, BEFORE, { ready: false, standstill: "mine_pending" }],
    ["already queued", offer("reserved", [["hugo", "pending"], ["jules", "queued"]]), jules, BEFORE, { ready: false, standstill: "mine_queued", position: 1 }],
    ["already mine", offer("exchanged", [["jules", "accepted"]]), jules, BEFORE, { ready: false, standstill: "mine_accepted" }],
    ["my own offer", offer("open"), owner, BEFORE, { ready: false, standstill: "own_offer" }],
    ["no longer on the list", offer("open"), nina, BEFORE, { ready: false, standstill: "not_intermittent" }],
    ["declined before, offered again", offer("open", [["jules", "declined"]]), jules, BEFORE, { ready: true, step: { as: "pending", waiting: 0 } }],
    ["gone", null, jules, BEFORE, { ready: false, standstill: "gone" }],
  ];
  it.each(cases)("%s", (_name, view, actor, now, expected) => {
    const standing = reserveStanding(view, actor, now);
    expect(standing).toMatchObject(expected as object);
    if (view) expect(standing.ready, "ready ⇔ the command would accept").toBe(decideReserve(view, actor, now).ok);
  });
});

describe("accepting and declining, for the member", () => {
  const cases: [string, OfferView | null, unknown][] = [
    ["pending", offer("reserved", [["hugo", "pending"]]), { ready: true }],
    ["already accepted", offer("exchanged", [["hugo", "accepted"]]), { ready: false, standstill: "already_accepted" }],
    ["already declined", offer("open", [["hugo", "declined"]]), { ready: false, standstill: "already_declined" }],
    ["withdrawn", offer("open", [["hugo", "withdrawn"]]), { ready: false, standstill: "withdrawn_by_them" }],
    ["offer cancelled", offer("cancelled", [["hugo", "cancelled"]]), { ready: false, standstill: "cancelled" }],
    ["distribution cancelled", offer("cancelled", [["hugo", "cancelled"]], { distributionCancelled: true }), { ready: false, standstill: "distribution_cancelled" }],
    ["expired", offer("unclaimed", [["hugo", "expired"]]), { ready: false, standstill: "past" }],
    ["back in the queue (a référent gave the basket to another)", offer("exchanged", [["hugo", "queued"], ["jules", "accepted"]]), { ready: false, standstill: "refused", refusal: "no_longer_pending" }],
    ["gone", null, { ready: false, standstill: "gone" }],
  ];
  for (const kind of ["accept", "decline"] as const) {
    it.each(cases)(`${kind}: %s`, (_name, view, expected) => {
      const standing = decisionStanding(kind, view, owner, 10, BEFORE);
      expect(standing).toMatchObject(expected as object);
      const decide = kind === "accept" ? decideAccept : decideDecline;
      if (view) expect(standing.ready).toBe(decide(view, owner, 10, BEFORE).ok);
    });
  }

  it("after the start, a pending reservation can no longer be answered", () => {
    expect(decisionStanding("decline", offer("reserved", [["hugo", "pending"]]), owner, 10, START)).toMatchObject({ ready: false, standstill: "past" });
  });

  it("a reservation that is not on the actor's offer is gone", () => {
    expect(decisionStanding("accept", offer("reserved", [["hugo", "pending"]]), jules, 10, BEFORE)).toMatchObject({ ready: false, standstill: "gone" });
    expect(decisionStanding("accept", offer("reserved", [["hugo", "pending"]]), owner, 99, BEFORE)).toMatchObject({ ready: false, standstill: "gone" });
  });
});

describe("withdrawing, for the intermittent", () => {
  const cases: [string, OfferView | null, unknown][] = [
    ["pending", offer("reserved", [["hugo", "pending"]]), { ready: true, step: { from: "pending" } }],
    ["queued", offer("reserved", [["jules", "pending"], ["hugo", "queued"]]), { ready: true, step: { from: "queued" } }],
    ["accepted", offer("exchanged", [["hugo", "accepted"]]), { ready: true, step: { from: "accepted" } }],
    ["already withdrawn", offer("open", [["hugo", "withdrawn"]]), { ready: false, standstill: "already_withdrawn" }],
    ["declined", offer("open", [["hugo", "declined"]]), { ready: false, standstill: "not_retained" }],
    ["offer cancelled", offer("cancelled", [["hugo", "cancelled"]]), { ready: false, standstill: "cancelled" }],
    ["distribution cancelled", offer("cancelled", [["hugo", "cancelled"]], { distributionCancelled: true }), { ready: false, standstill: "distribution_cancelled" }],
    ["expired", offer("unclaimed", [["hugo", "expired"]]), { ready: false, standstill: "past" }],
    ["gone", null, { ready: false, standstill: "gone" }],
  ];
  it.each(cases)("%s", (_name, view, expected) => {
    const id = view?.reservations.find((r) => r.intermittentId === "hugo")?.id ?? 10;
    const standing = withdrawStanding(view, hugo, id, BEFORE);
    expect(standing).toMatchObject(expected as object);
    if (view) expect(standing.ready).toBe(decideWithdraw(view, hugo, id, BEFORE).ok);
  });

  it("after the start, nothing can be withdrawn", () => {
    expect(withdrawStanding(offer("exchanged", [["hugo", "accepted"]]), hugo, 10, START)).toMatchObject({ ready: false, standstill: "past" });
  });
});
