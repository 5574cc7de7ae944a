// decideCancelWithCause: an offer cancelled along with its distribution or
// its member's subscription (lib/server/admin), apart from the table of
// offer.test.ts.
import { describe, expect, it } from "vitest";
import { decideCancelWithCause, type Actor, type OfferSnapshot } from "./offer";

describe("cancelled with its distribution or subscription", () => {
  const start = new Date("2030-05-07T16:30:00Z");
  const before = new Date("2030-05-06T10:00:00Z");
  const referent: Actor = { userId: "rose", isIntermittent: false, isReferent: true };
  const snapshot: OfferSnapshot = {
    id: 1,
    memberId: "alice",
    status: "exchanged",
    autoAccept: false,
    startsAt: start,
    reservations: [
      { id: 10, intermittentId: "ines", status: "accepted", position: 1 },
      { id: 11, intermittentId: "paul", status: "queued", position: 2 },
      { id: 12, intermittentId: "lea", status: "declined", position: 3 },
    ],
  };

  it("cancels every live reservation like a référent's cancellation, and leaves the telling to the command that caused it", () => {
    const decision = decideCancelWithCause(snapshot, referent, "Distribution annulée", before);
    expect(decision).toEqual({
      ok: true,
      action: "offer.cancel",
      from: "exchanged",
      to: "cancelled",
      reservationChanges: [
        { id: 10, from: "accepted", to: "cancelled" },
        { id: 11, from: "queued", to: "cancelled" },
      ],
      notices: [],
    });
  });

  it("is for référents only, with a reason, before the distribution, on an active offer", () => {
    expect(decideCancelWithCause(snapshot, { userId: "alice", isIntermittent: false, isReferent: false }, "x", before)).toEqual({
      ok: false,
      refusal: "not_found",
    });
    expect(decideCancelWithCause(snapshot, referent, " ", before)).toEqual({ ok: false, refusal: "reason_required" });
    expect(decideCancelWithCause(snapshot, referent, "x", start)).toEqual({ ok: false, refusal: "too_late" });
    expect(decideCancelWithCause({ ...snapshot, status: "cancelled" }, referent, "x", before)).toEqual({ ok: false, refusal: "offer_closed" });
  });
});
