// The offer state machine as a table: every status × command × actor, before
// and at the distribution start; then the finer points one by one.
import { describe, expect, it } from "vitest";
import {
  decideAccept,
  decideAssign,
  decideCancel,
  decideDecline,
  decideOfferLines,
  decideReserve,
  decideSettle,
  decideWithdraw,
  queuePosition,
  canMarkPaid,
  offeringClosesAt,
  OFFER_STATUSES,
  type Actor,
  type Decision,
  type OfferSnapshot,
  type OfferStatus,
  type ReservationSnapshot,
} from "./offer";

const START = new Date("2026-12-03T17:30:00Z"); // jeudi 3 décembre, 18 h 30 à Paris
const BEFORE = new Date(START.getTime() - 60_000);
const AT_START = START;

// Actors: the owner, Pia (first to reserve), Quentin (behind her), Xavier (an
// intermittent with no reservation), Nina (a member, not an intermittent),
// Rose (a référent) — who acts with a reason, or without one ("R0").
const actors = {
  owner: { userId: "owner", isIntermittent: false, isReferent: false },
  P: { userId: "pia", isIntermittent: true, isReferent: false },
  Q: { userId: "quentin", isIntermittent: true, isReferent: false },
  X: { userId: "xavier", isIntermittent: true, isReferent: false },
  N: { userId: "nina", isIntermittent: false, isReferent: false },
  R: { userId: "rose", isIntermittent: false, isReferent: true },
  R0: { userId: "rose", isIntermittent: false, isReferent: true },
} satisfies Record<string, Actor>;
type ActorKey = keyof typeof actors;
const reasonOf = (a: ActorKey) => (a === "R" ? "Pour le compte de l'amapienne, absente." : "");

// Reservation 1 is Pia's, reservation 2 Quentin's; their statuses follow the offer's.
const reservationsFor: Record<OfferStatus, [ReservationSnapshot["status"], ReservationSnapshot["status"]]> = {
  open: ["declined", "withdrawn"],
  reserved: ["pending", "queued"],
  exchanged: ["accepted", "queued"],
  cancelled: ["cancelled", "cancelled"],
  unclaimed: ["expired", "expired"],
  done: ["accepted", "expired"],
};

function snapshot(status: OfferStatus, autoAccept = false): OfferSnapshot {
  const [r1, r2] = reservationsFor[status];
  return {
    id: 7,
    memberId: "owner",
    status,
    autoAccept,
    startsAt: START,
    reservations: [
      { id: 1, intermittentId: "pia", status: r1, position: 1 },
      { id: 2, intermittentId: "quentin", status: r2, position: 2 },
    ],
  };
}

/** A refusal's name, or the next offer status (":new-reservation-status" when one is created). */
function outcome(decision: Decision): string {
  if (!decision.ok) return decision.refusal;
  return decision.newReservation ? `${decision.to}:${decision.newReservation.status}` : decision.to;
}

type Command = (offer: OfferSnapshot, actor: ActorKey, now: Date) => Decision;
const commands: Record<string, Command> = {
  reserve: (o, a, now) => decideReserve(o, actors[a], now),
  accept: (o, a, now) => decideAccept(o, actors[a], 1, now, reasonOf(a)),
  decline: (o, a, now) => decideDecline(o, actors[a], 1, now, reasonOf(a)),
  "withdraw #1": (o, a, now) => decideWithdraw(o, actors[a], 1, now),
  "withdraw #2": (o, a, now) => decideWithdraw(o, actors[a], 2, now),
  cancel: (o, a, now) => decideCancel(o, actors[a], a === "R0" ? " " : "Je ne pars plus.", now),
};

// Columns: open | reserved | exchanged | cancelled | unclaimed | done
const before: Record<string, Record<ActorKey, string[]>> = {
  reserve: {
    owner: ["own_offer", "own_offer", "own_offer", "own_offer", "own_offer", "own_offer"],
    P: ["reserved:pending", "already_in_queue", "offer_closed", "offer_closed", "offer_closed", "offer_closed"],
    Q: ["reserved:pending", "already_in_queue", "offer_closed", "offer_closed", "offer_closed", "offer_closed"],
    X: ["reserved:pending", "reserved:queued", "offer_closed", "offer_closed", "offer_closed", "offer_closed"],
    N: Array(6).fill("not_intermittent"),
    R: Array(6).fill("not_intermittent"),
    R0: Array(6).fill("not_intermittent"),
  },
  accept: {
    owner: ["no_longer_pending", "exchanged", "no_longer_pending", "no_longer_pending", "no_longer_pending", "no_longer_pending"],
    P: Array(6).fill("not_found"),
    Q: Array(6).fill("not_found"),
    X: Array(6).fill("not_found"),
    N: Array(6).fill("not_found"),
    R: ["no_longer_pending", "exchanged", "no_longer_pending", "no_longer_pending", "no_longer_pending", "no_longer_pending"],
    R0: Array(6).fill("reason_required"),
  },
  decline: {
    // Quentin waits behind Pia: declining her promotes him, the offer stays reserved.
    owner: ["no_longer_pending", "reserved", "no_longer_pending", "no_longer_pending", "no_longer_pending", "no_longer_pending"],
    P: Array(6).fill("not_found"),
    Q: Array(6).fill("not_found"),
    X: Array(6).fill("not_found"),
    N: Array(6).fill("not_found"),
    R: ["no_longer_pending", "reserved", "no_longer_pending", "no_longer_pending", "no_longer_pending", "no_longer_pending"],
    R0: Array(6).fill("reason_required"),
  },
  "withdraw #1": {
    owner: Array(6).fill("not_found"),
    // Pia leaves: Quentin moves up (reserved), or takes over as the new taker's candidate (exchanged → reserved).
    P: ["reservation_closed", "reserved", "reserved", "reservation_closed", "reservation_closed", "reservation_closed"],
    Q: Array(6).fill("not_found"),
    X: Array(6).fill("not_found"),
    N: Array(6).fill("not_found"),
    R: Array(6).fill("not_found"),
    R0: Array(6).fill("not_found"),
  },
  "withdraw #2": {
    owner: Array(6).fill("not_found"),
    P: Array(6).fill("not_found"),
    // Quentin leaves the queue: nothing else moves.
    Q: ["reservation_closed", "reserved", "exchanged", "reservation_closed", "reservation_closed", "reservation_closed"],
    X: Array(6).fill("not_found"),
    N: Array(6).fill("not_found"),
    R: Array(6).fill("not_found"),
    R0: Array(6).fill("not_found"),
  },
  cancel: {
    owner: ["cancelled", "cancelled", "cancelled", "offer_closed", "offer_closed", "offer_closed"],
    P: Array(6).fill("not_found"),
    Q: Array(6).fill("not_found"),
    X: Array(6).fill("not_found"),
    N: Array(6).fill("not_found"),
    R: ["cancelled", "cancelled", "cancelled", "offer_closed", "offer_closed", "offer_closed"],
    R0: Array(6).fill("reason_required"),
  },
};

// At the distribution start, whoever could act before is now too late.
const atStart: Record<string, Record<ActorKey, string[]>> = Object.fromEntries(
  Object.entries(before).map(([command, rows]) => [
    command,
    Object.fromEntries(
      Object.entries(rows).map(([actor, cells]) => [
        actor,
        cells.map((cell) =>
          ["own_offer", "not_intermittent", "not_found", "reason_required"].includes(cell) ? cell : "too_late",
        ),
      ]),
    ) as Record<ActorKey, string[]>,
  ]),
);

describe.each([
  ["before the distribution starts", BEFORE, before],
  ["at the distribution start", AT_START, atStart],
] as const)("%s", (_label, now, table) => {
  const cases = Object.entries(table).flatMap(([command, rows]) =>
    Object.entries(rows).flatMap(([actor, cells]) =>
      OFFER_STATUSES.map((status, i) => [command, actor as ActorKey, status, cells[i]!] as const),
    ),
  );
  it.each(cases)("%s by %s on a %s offer → %s", (command, actor, status, expected) => {
    expect(outcome(commands[command]!(snapshot(status), actor, now))).toBe(expected);
  });
});

describe("settling once the distribution has started", () => {
  it.each([
    ["open", "unclaimed"],
    ["reserved", "unclaimed"],
    ["exchanged", "done"],
    ["cancelled", "offer_closed"],
    ["unclaimed", "offer_closed"],
    ["done", "offer_closed"],
  ] as const)("a %s offer → %s", (status, expected) => {
    expect(outcome(decideSettle(snapshot(status), AT_START))).toBe(expected);
    expect(outcome(decideSettle(snapshot(status), BEFORE))).toBe("too_late");
  });

  it("expires whoever still waited", () => {
    const decision = decideSettle(snapshot("reserved"), AT_START);
    expect(decision.ok && decision.reservationChanges).toEqual([
      { id: 1, from: "pending", to: "expired" },
      { id: 2, from: "queued", to: "expired" },
    ]);
    const exchanged = decideSettle(snapshot("exchanged"), AT_START);
    expect(exchanged.ok && exchanged.reservationChanges).toEqual([{ id: 2, from: "queued", to: "expired" }]);
  });
});

describe("the queue", () => {
  it("the first reservation awaits the member, who is asked to decide", () => {
    const decision = decideReserve(snapshot("open"), actors.X, BEFORE);
    expect(decision).toMatchObject({
      ok: true,
      action: "reservation.create",
      from: "open",
      to: "reserved",
      newReservation: { intermittentId: "xavier", status: "pending", position: 3 },
      notices: [
        { kind: "reservation-to-decide", reservation: "new", promoted: false },
        { kind: "reservation-pending", reservation: "new", promoted: false },
      ],
    });
  });

  it("later ones queue in arrival order and are told their place", () => {
    const decision = decideReserve(snapshot("reserved"), actors.X, BEFORE);
    expect(decision).toMatchObject({
      newReservation: { status: "queued", position: 3 },
      notices: [{ kind: "reservation-queued", reservation: "new" }],
    });
  });

  it("with automatic acceptance, the first reservation is accepted at once", () => {
    const decision = decideReserve(snapshot("open", true), actors.X, BEFORE);
    expect(decision).toMatchObject({
      to: "exchanged",
      newReservation: { status: "accepted" },
      notices: [
        { kind: "reservation-accepted-taker", reservation: "new" },
        { kind: "reservation-accepted-owner", reservation: "new" },
      ],
    });
  });

  it("accepting tells the taker, the owner, and those still in line", () => {
    const decision = decideAccept(snapshot("reserved"), actors.owner, 1, BEFORE);
    expect(decision).toMatchObject({
      reservationChanges: [{ id: 1, from: "pending", to: "accepted" }],
      notices: [
        { kind: "reservation-accepted-taker", reservation: 1 },
        { kind: "reservation-accepted-owner", reservation: 1 },
        { kind: "reservation-not-chosen", reservation: 2 },
      ],
    });
  });

  it("declining promotes the next in line and tells both sides", () => {
    const decision = decideDecline(snapshot("reserved"), actors.owner, 1, BEFORE);
    expect(decision).toMatchObject({
      to: "reserved",
      reservationChanges: [
        { id: 1, from: "pending", to: "declined" },
        { id: 2, from: "queued", to: "pending" },
      ],
      notices: [
        { kind: "reservation-declined", reservation: 1 },
        { kind: "reservation-to-decide", reservation: 2, promoted: true },
        { kind: "reservation-pending", reservation: 2, promoted: true },
      ],
    });
  });

  it("declining with nobody in line reopens the offer and announces it again", () => {
    const offer = snapshot("reserved");
    offer.reservations[1]!.status = "withdrawn";
    const decision = decideDecline(offer, actors.owner, 1, BEFORE);
    expect(decision).toMatchObject({
      to: "open",
      reservationChanges: [{ id: 1, from: "pending", to: "declined" }],
      notices: [{ kind: "reservation-declined", reservation: 1 }, { kind: "offer-announced", reopened: true }],
    });
  });

  it("promotes by arrival order, not by id", () => {
    const offer = snapshot("reserved");
    offer.reservations.push({ id: 3, intermittentId: "xavier", status: "queued", position: 0 });
    const decision = decideDecline(offer, actors.owner, 1, BEFORE);
    expect(decision.ok && decision.reservationChanges[1]).toEqual({ id: 3, from: "queued", to: "pending" });
  });

  it("on an automatic-acceptance offer, the next in line becomes the taker", () => {
    const decision = decideWithdraw(snapshot("exchanged", true), actors.P, 1, BEFORE);
    expect(decision).toMatchObject({
      to: "exchanged",
      reservationChanges: [
        { id: 1, from: "accepted", to: "withdrawn" },
        { id: 2, from: "queued", to: "accepted" },
      ],
      notices: [
        { kind: "reservation-withdrawn", reservation: 1, next: "promoted" },
        { kind: "reservation-accepted-taker", reservation: 2 },
        { kind: "reservation-accepted-owner", reservation: 2 },
      ],
    });
  });

  it("the taker withdrawing with nobody in line reopens the offer", () => {
    const offer = snapshot("exchanged");
    offer.reservations[1]!.status = "withdrawn";
    const decision = decideWithdraw(offer, actors.P, 1, BEFORE);
    expect(decision).toMatchObject({
      from: "exchanged",
      to: "open",
      notices: [{ kind: "reservation-withdrawn", next: "reopened" }, { kind: "offer-announced", reopened: true }],
    });
  });

  it("leaving the queue tells nobody", () => {
    const decision = decideWithdraw(snapshot("reserved"), actors.Q, 2, BEFORE);
    expect(decision).toMatchObject({ to: "reserved", reservationChanges: [{ id: 2, to: "withdrawn" }], notices: [] });
  });

  it("cancelling tells everyone still in line", () => {
    const decision = decideCancel(snapshot("exchanged"), actors.owner, "Finalement je suis là.", BEFORE);
    expect(decision).toMatchObject({
      reservationChanges: [
        { id: 1, from: "accepted", to: "cancelled" },
        { id: 2, from: "queued", to: "cancelled" },
      ],
      notices: [
        { kind: "offer-cancelled", reservation: 1, wasTaker: true },
        { kind: "offer-cancelled", reservation: 2, wasTaker: false },
      ],
    });
  });

  it("an unknown reservation id gets the same answer as someone else's", () => {
    expect(outcome(decideAccept(snapshot("reserved"), actors.owner, 99, BEFORE))).toBe("not_found");
    expect(outcome(decideWithdraw(snapshot("reserved"), actors.P, 99, BEFORE))).toBe("not_found");
  });

  it("reports where each one stands", () => {
    const offer = snapshot("reserved");
    offer.reservations.push({ id: 3, intermittentId: "xavier", status: "queued", position: 5 });
    expect(queuePosition(offer.reservations, 1)).toBe(0);
    expect(queuePosition(offer.reservations, 2)).toBe(1);
    expect(queuePosition(offer.reservations, 3)).toBe(2);
    expect(queuePosition(snapshot("exchanged").reservations, 1)).toBeNull();
  });
});

describe("payment", () => {
  it("is recorded by the owner once the basket changed hands", () => {
    expect(canMarkPaid({ memberId: "owner", status: "exchanged" }, actors.owner)).toBeNull();
    expect(canMarkPaid({ memberId: "owner", status: "done" }, actors.owner)).toBeNull();
    expect(canMarkPaid({ memberId: "owner", status: "reserved" }, actors.owner)).toBe("not_exchanged");
    expect(canMarkPaid({ memberId: "owner", status: "exchanged" }, actors.P)).toBe("not_found");
  });
});

describe("offering a basket", () => {
  const distribution = (startsAt: Date, offered: number[] = [], isCancelled = false) => ({
    startsAt,
    isCancelled,
    lines: [10, 11].map((subscriptionId) => ({ subscriptionId, alreadyOffered: offered.includes(subscriptionId) })),
  });

  it("closes the set number of hours before the start", () => {
    const closes = offeringClosesAt(START, 12);
    expect(closes.toISOString()).toBe("2026-12-03T05:30:00.000Z");
    expect(decideOfferLines(distribution(START), [10], 12, new Date(closes.getTime() - 1))).toEqual({
      ok: true,
      subscriptionIds: [10],
    });
    expect(decideOfferLines(distribution(START), [10], 12, closes)).toEqual({ ok: false, refusal: "too_late" });
  });

  it("counts real hours across the night clocks go back", () => {
    // Sunday 25 October 2026, 10:00 in Paris (UTC+1 after the change at 03:00).
    const sunday = new Date("2026-10-25T09:00:00Z");
    expect(offeringClosesAt(sunday, 12).toISOString()).toBe("2026-10-24T21:00:00.000Z");
  });

  it("offers part of the baskets, leaves out those already offered, refuses when nothing is left", () => {
    expect(decideOfferLines(distribution(START, [10]), [10, 11], 12, BEFORE)).toEqual({ ok: false, refusal: "too_late" });
    const early = new Date(START.getTime() - 48 * 3_600_000);
    expect(decideOfferLines(distribution(START, [10]), [10, 11], 12, early)).toEqual({ ok: true, subscriptionIds: [11] });
    expect(decideOfferLines(distribution(START, [10]), [10], 12, early)).toEqual({ ok: false, refusal: "already_offered" });
    expect(decideOfferLines(distribution(START), [99], 12, early)).toEqual({ ok: false, refusal: "not_delivered" });
    expect(decideOfferLines(distribution(START, [], true), [10], 12, early)).toEqual({
      ok: false,
      refusal: "distribution_cancelled",
    });
  });
});

describe("a référent acting for the member", () => {
  it("declining or cancelling tells the member who did it", () => {
    const declined = decideDecline(snapshot("reserved"), actors.R, 1, BEFORE, "Alice est à l'hôpital");
    expect(declined.ok && declined.notices).toContainEqual({ kind: "referent-action", action: "decline", reservation: 1 });
    const cancelled = decideCancel(snapshot("open"), actors.R, "Distribution annulée", BEFORE);
    expect(cancelled.ok && cancelled.notices).toEqual([{ kind: "referent-action", action: "cancel", reservation: null, told: 0 }]);
    // The member acting herself gets no such mail.
    const own = decideCancel(snapshot("open"), actors.owner, "Je reste", BEFORE);
    expect(own.ok && own.notices).toEqual([]);
  });
});

describe("assigning an offer (référents)", () => {
  const xavier = { userId: "xavier", isActiveIntermittent: true };

  it("gives an open offer to an intermittent with a new accepted reservation", () => {
    const decision = decideAssign(snapshot("open"), actors.R, xavier, "Il l'avait demandé par e-mail", BEFORE);
    expect(decision).toMatchObject({
      ok: true,
      action: "reservation.assign",
      to: "exchanged",
      reservationChanges: [],
      newReservation: { intermittentId: "xavier", status: "accepted", position: 3 },
      notices: [
        { kind: "reservation-accepted-taker", reservation: "new" },
        { kind: "reservation-accepted-owner", reservation: "new" },
      ],
    });
  });

  it("accepts the assignee's own place in line; the one awaiting an answer goes back to the head of the queue", () => {
    const decision = decideAssign(snapshot("reserved"), actors.R, { userId: "quentin", isActiveIntermittent: true }, "Arrangement", BEFORE);
    expect(decision).toMatchObject({
      to: "exchanged",
      reservationChanges: [
        // The one pending steps back first: the schema allows one pending-or-accepted row at a time.
        { id: 1, from: "pending", to: "queued" },
        { id: 2, from: "queued", to: "accepted" },
      ],
      notices: [
        { kind: "reservation-accepted-taker", reservation: 2 },
        { kind: "reservation-accepted-owner", reservation: 2 },
        { kind: "reservation-not-chosen", reservation: 1 },
      ],
    });
    expect(decision.ok && decision.newReservation).toBeUndefined();
  });

  it.each([
    ["a member", actors.owner, xavier, "x", "open", BEFORE, "not_found"],
    ["an intermittent", actors.P, xavier, "x", "open", BEFORE, "not_found"],
    ["no reason", actors.R, xavier, " ", "open", BEFORE, "reason_required"],
    ["too late", actors.R, xavier, "x", "open", AT_START, "too_late"],
    ["already exchanged", actors.R, xavier, "x", "exchanged", BEFORE, "offer_closed"],
    ["the owner as taker", actors.R, { userId: "owner", isActiveIntermittent: true }, "x", "open", BEFORE, "own_offer"],
    ["someone off the list", actors.R, { userId: "nina", isActiveIntermittent: false }, "x", "open", BEFORE, "not_intermittent"],
  ] as const)("is refused for %s", (_label, actor, assignee, reason, status, now, refusal) => {
    expect(outcome(decideAssign(snapshot(status), actor, assignee, reason, now))).toBe(refusal);
  });
});
