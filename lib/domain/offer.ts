// The offer state machine (DESIGN.md §4), as pure functions:
// (snapshot, actor, now, …) → a named refusal, or the next state with the
// reservation changes and the notices to send. No I/O: lib/server/exchange/offers.ts
// loads the snapshot under a row lock, applies the decision, writes the audit
// event and turns the notices into outbox rows, in one transaction.

export const OFFER_STATUSES = ["open", "reserved", "exchanged", "cancelled", "unclaimed", "done"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const RESERVATION_STATUSES = ["pending", "queued", "accepted", "declined", "withdrawn", "cancelled", "expired"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Reservations still in play: awaiting a decision, waiting in line, or the taker. */
export const LIVE_RESERVATION_STATUSES: readonly ReservationStatus[] = ["pending", "queued", "accepted"];
/** Offers that can still change hands. */
export const ACTIVE_OFFER_STATUSES: readonly OfferStatus[] = ["open", "reserved", "exchanged"];

export type Refusal =
  /** No such offer or reservation — or not the actor's: the same answer, so ids cannot be probed. */
  | "not_found"
  | "not_intermittent"
  | "own_offer"
  | "already_offered"
  | "already_in_queue"
  | "too_late"
  | "offer_closed"
  | "no_longer_pending"
  | "reservation_closed"
  | "reason_required"
  | "nothing_selected"
  /** None of the chosen baskets is delivered at the chosen distribution. */
  | "not_delivered"
  | "distribution_cancelled"
  | "not_exchanged"
  /** An email link that already did its action. */
  | "link_used";

export type Actor = {
  userId: string;
  isIntermittent: boolean;
  isReferent: boolean;
  /** The worker acting on a setting (auto-acceptance), not a person. */
  isSystem?: boolean;
};

export type ReservationSnapshot = {
  id: number;
  intermittentId: string;
  status: ReservationStatus;
  position: number;
};

export type OfferSnapshot = {
  id: number;
  memberId: string;
  status: OfferStatus;
  autoAccept: boolean;
  /** When the distribution starts: reserving, deciding and cancelling close then. */
  startsAt: Date;
  reservations: ReservationSnapshot[];
};

/** A reservation a notice is about: an existing id, or the one this transition creates. */
export type ReservationRef = number | "new";

export type Notice =
  | { kind: "offer-listed" }
  | { kind: "offer-announced"; reopened: boolean }
  | { kind: "reservation-to-decide"; reservation: ReservationRef; promoted: boolean }
  | { kind: "reservation-pending"; reservation: ReservationRef; promoted: boolean }
  | { kind: "reservation-queued"; reservation: ReservationRef }
  | { kind: "reservation-accepted-taker"; reservation: ReservationRef }
  | { kind: "reservation-accepted-owner"; reservation: ReservationRef }
  | { kind: "reservation-declined"; reservation: ReservationRef }
  | { kind: "reservation-not-chosen"; reservation: ReservationRef }
  | { kind: "offer-cancelled"; reservation: ReservationRef; wasTaker: boolean }
  | { kind: "reservation-withdrawn"; reservation: ReservationRef; next: "promoted" | "reopened" | "none" }
  /** A référent declined or cancelled on the member's behalf: the member is told who and why. */
  /** told: how many people in line this cancellation told (the member's email says so only when someone was). */
  | { kind: "referent-action"; action: "decline" | "cancel"; reservation: ReservationRef | null; told?: number };

export type NoticeKind = Notice["kind"];

export type Transition = {
  /** Audit name of the transition, e.g. "reservation.accept". */
  action: string;
  from: OfferStatus;
  to: OfferStatus;
  /** Existing reservations whose status changes, with their expected current status. */
  reservationChanges: { id: number; from: ReservationStatus; to: ReservationStatus }[];
  newReservation?: { intermittentId: string; status: ReservationStatus; position: number };
  notices: Notice[];
};

export type Decision = { ok: false; refusal: Refusal } | ({ ok: true } & Transition);

const refuse = (refusal: Refusal): Decision => ({ ok: false, refusal });

function hasStarted(offer: Pick<OfferSnapshot, "startsAt">, now: Date): boolean {
  return now.getTime() >= offer.startsAt.getTime();
}

function liveQueue(offer: OfferSnapshot): ReservationSnapshot[] {
  return offer.reservations
    .filter((r) => r.status === "queued")
    .sort((a, b) => a.position - b.position);
}

/** A référent acting on someone else's offer (the member is then told). */
function actsForOwner(offer: OfferSnapshot, actor: Actor): boolean {
  return offer.memberId !== actor.userId && !actor.isSystem;
}

/** The owner acts, or a référent (who must give a reason). */
function canManage(offer: OfferSnapshot, actor: Actor): boolean {
  return offer.memberId === actor.userId || actor.isReferent;
}

/**
 * The reservation in front leaves (declined or withdrawn): the next in the
 * queue moves up — accepted at once on an auto-accept offer — or, with an
 * empty queue, the offer opens again and is announced again.
 */
function moveQueueOn(offer: OfferSnapshot): Pick<Transition, "to" | "reservationChanges" | "notices"> & {
  next: "promoted" | "reopened";
} {
  const [next] = liveQueue(offer);
  if (!next) {
    return { to: "open", reservationChanges: [], notices: [{ kind: "offer-announced", reopened: true }], next: "reopened" };
  }
  if (offer.autoAccept) {
    return {
      to: "exchanged",
      reservationChanges: [{ id: next.id, from: "queued", to: "accepted" }],
      notices: [
        { kind: "reservation-accepted-taker", reservation: next.id },
        { kind: "reservation-accepted-owner", reservation: next.id },
      ],
      next: "promoted",
    };
  }
  return {
    to: "reserved",
    reservationChanges: [{ id: next.id, from: "queued", to: "pending" }],
    notices: [
      { kind: "reservation-to-decide", reservation: next.id, promoted: true },
      { kind: "reservation-pending", reservation: next.id, promoted: true },
    ],
    next: "promoted",
  };
}

/** An intermittent reserves: first in line awaits the member's answer, the others queue. */
export function decideReserve(offer: OfferSnapshot, actor: Actor, now: Date): Decision {
  if (offer.memberId === actor.userId) return refuse("own_offer");
  if (!actor.isIntermittent) return refuse("not_intermittent");
  if (hasStarted(offer, now)) return refuse("too_late");
  if (offer.status !== "open" && offer.status !== "reserved") return refuse("offer_closed");
  const mine = offer.reservations.find(
    (r) => r.intermittentId === actor.userId && LIVE_RESERVATION_STATUSES.includes(r.status),
  );
  if (mine) return refuse("already_in_queue");
  const position = Math.max(0, ...offer.reservations.map((r) => r.position)) + 1;
  const base = { action: "reservation.create", from: offer.status, reservationChanges: [] };
  if (offer.status === "reserved") {
    return {
      ok: true,
      ...base,
      to: "reserved",
      newReservation: { intermittentId: actor.userId, status: "queued", position },
      notices: [{ kind: "reservation-queued", reservation: "new" }],
    };
  }
  if (offer.autoAccept) {
    return {
      ok: true,
      ...base,
      to: "exchanged",
      newReservation: { intermittentId: actor.userId, status: "accepted", position },
      notices: [
        { kind: "reservation-accepted-taker", reservation: "new" },
        { kind: "reservation-accepted-owner", reservation: "new" },
      ],
    };
  }
  return {
    ok: true,
    ...base,
    to: "reserved",
    newReservation: { intermittentId: actor.userId, status: "pending", position },
    notices: [
      { kind: "reservation-to-decide", reservation: "new", promoted: false },
      { kind: "reservation-pending", reservation: "new", promoted: false },
    ],
  };
}

function pendingDecisionGuard(
  offer: OfferSnapshot,
  actor: Actor,
  reservationId: number,
  now: Date,
  reason: string,
): Refusal | ReservationSnapshot {
  if (!canManage(offer, actor)) return "not_found";
  const reservation = offer.reservations.find((r) => r.id === reservationId);
  if (!reservation) return "not_found";
  if (offer.memberId !== actor.userId && reason.trim() === "") return "reason_required";
  if (hasStarted(offer, now)) return "too_late";
  if (reservation.status !== "pending" || offer.status !== "reserved") return "no_longer_pending";
  return reservation;
}

/** The member (or a référent, with a reason) accepts the pending reservation. */
export function decideAccept(offer: OfferSnapshot, actor: Actor, reservationId: number, now: Date, reason = ""): Decision {
  const guard = pendingDecisionGuard(offer, actor, reservationId, now, reason);
  if (typeof guard === "string") return refuse(guard);
  return {
    ok: true,
    action: "reservation.accept",
    from: offer.status,
    to: "exchanged",
    reservationChanges: [{ id: guard.id, from: "pending", to: "accepted" }],
    notices: [
      { kind: "reservation-accepted-taker", reservation: guard.id },
      { kind: "reservation-accepted-owner", reservation: guard.id },
      // The others stay in line, in case the taker withdraws; they are told.
      ...liveQueue(offer).map((r) => ({ kind: "reservation-not-chosen" as const, reservation: r.id })),
    ],
  };
}

/** The member (or a référent, with a reason) declines the pending reservation. */
export function decideDecline(offer: OfferSnapshot, actor: Actor, reservationId: number, now: Date, reason = ""): Decision {
  const guard = pendingDecisionGuard(offer, actor, reservationId, now, reason);
  if (typeof guard === "string") return refuse(guard);
  const rest = moveQueueOn(offer);
  return {
    ok: true,
    action: "reservation.decline",
    from: offer.status,
    to: rest.to,
    reservationChanges: [{ id: guard.id, from: "pending", to: "declined" }, ...rest.reservationChanges],
    notices: [
      { kind: "reservation-declined", reservation: guard.id },
      ...(actsForOwner(offer, actor) ? [{ kind: "referent-action" as const, action: "decline" as const, reservation: guard.id }] : []),
      ...rest.notices,
    ],
  };
}

/** The intermittent cancels their own reservation (waiting, pending or accepted). */
export function decideWithdraw(offer: OfferSnapshot, actor: Actor, reservationId: number, now: Date): Decision {
  const reservation = offer.reservations.find((r) => r.id === reservationId);
  if (!reservation || reservation.intermittentId !== actor.userId) return refuse("not_found");
  if (hasStarted(offer, now)) return refuse("too_late");
  if (!LIVE_RESERVATION_STATUSES.includes(reservation.status) || !ACTIVE_OFFER_STATUSES.includes(offer.status)) {
    return refuse("reservation_closed");
  }
  const base = { ok: true as const, action: "reservation.withdraw", from: offer.status };
  const withdrawn = { id: reservation.id, from: reservation.status, to: "withdrawn" as const };
  if (reservation.status === "queued") {
    return { ...base, to: offer.status, reservationChanges: [withdrawn], notices: [] };
  }
  const rest = moveQueueOn({ ...offer, reservations: offer.reservations.filter((r) => r.id !== reservation.id) });
  return {
    ...base,
    to: rest.to,
    reservationChanges: [withdrawn, ...rest.reservationChanges],
    notices: [{ kind: "reservation-withdrawn", reservation: reservation.id, next: rest.next }, ...rest.notices],
  };
}

/**
 * A référent gives the basket straight to an intermittent, with a reason:
 * their reservation (or a new one) is accepted; whoever awaited the member's
 * answer goes back to the head of the queue; everyone in line is told.
 */
export function decideAssign(
  offer: OfferSnapshot,
  actor: Actor,
  assignee: { userId: string; isActiveIntermittent: boolean },
  reason: string,
  now: Date,
): Decision {
  if (!actor.isReferent) return refuse("not_found");
  if (reason.trim() === "") return refuse("reason_required");
  if (hasStarted(offer, now)) return refuse("too_late");
  if (offer.status !== "open" && offer.status !== "reserved") return refuse("offer_closed");
  if (assignee.userId === offer.memberId) return refuse("own_offer");
  if (!assignee.isActiveIntermittent) return refuse("not_intermittent");
  const existing = offer.reservations.find(
    (r) => r.intermittentId === assignee.userId && (r.status === "pending" || r.status === "queued"),
  );
  const previous = offer.reservations.find((r) => r.status === "pending" && r.id !== existing?.id);
  // In this order: the one awaiting an answer steps back first, so that the
  // offer never holds two reservations pending or accepted at once (the
  // partial unique index reservations_one_pending_key refuses that row by row).
  const changes: Transition["reservationChanges"] = [
    ...(previous ? [{ id: previous.id, from: "pending" as const, to: "queued" as const }] : []),
    ...(existing ? [{ id: existing.id, from: existing.status, to: "accepted" as const }] : []),
  ];
  const taker: ReservationRef = existing ? existing.id : "new";
  const stillWaiting = offer.reservations.filter(
    (r) => (r.status === "queued" || r.status === "pending") && r.id !== existing?.id,
  );
  return {
    ok: true,
    action: "reservation.assign",
    from: offer.status,
    to: "exchanged",
    reservationChanges: changes,
    ...(existing
      ? {}
      : {
          newReservation: {
            intermittentId: assignee.userId,
            status: "accepted" as const,
            position: Math.max(0, ...offer.reservations.map((r) => r.position)) + 1,
          },
        }),
    notices: [
      { kind: "reservation-accepted-taker", reservation: taker },
      { kind: "reservation-accepted-owner", reservation: taker },
      ...stillWaiting.map((r) => ({ kind: "reservation-not-chosen" as const, reservation: r.id })),
    ],
  };
}

export const MAX_REASON_LENGTH = 500;

/** The member (or a référent) cancels the offer, with a reason; everyone in line is told. */
export function decideCancel(offer: OfferSnapshot, actor: Actor, reason: string, now: Date): Decision {
  if (!canManage(offer, actor)) return refuse("not_found");
  if (reason.trim() === "") return refuse("reason_required");
  if (hasStarted(offer, now)) return refuse("too_late");
  if (!ACTIVE_OFFER_STATUSES.includes(offer.status)) return refuse("offer_closed");
  const live = offer.reservations.filter((r) => LIVE_RESERVATION_STATUSES.includes(r.status));
  return {
    ok: true,
    action: "offer.cancel",
    from: offer.status,
    to: "cancelled",
    reservationChanges: live.map((r) => ({ id: r.id, from: r.status, to: "cancelled" as const })),
    notices: [
      ...live.map((r) => ({ kind: "offer-cancelled" as const, reservation: r.id, wasTaker: r.status === "accepted" })),
      ...(actsForOwner(offer, actor) ? [{ kind: "referent-action" as const, action: "cancel" as const, reservation: null, told: live.length }] : []),
    ],
  };
}

/** Once the distribution has started: an exchanged offer is done, an unclaimed one is marked so. */
export function decideSettle(offer: OfferSnapshot, now: Date): Decision {
  if (!hasStarted(offer, now)) return refuse("too_late");
  if (!ACTIVE_OFFER_STATUSES.includes(offer.status)) return refuse("offer_closed");
  const waiting = offer.reservations.filter((r) => r.status === "pending" || r.status === "queued");
  return {
    ok: true,
    action: "offer.settle",
    from: offer.status,
    to: offer.status === "exchanged" ? "done" : "unclaimed",
    reservationChanges: waiting.map((r) => ({ id: r.id, from: r.status, to: "expired" as const })),
    notices: [],
  };
}

/** The owner records (or un-records) the taker's payment. */
export function canMarkPaid(offer: Pick<OfferSnapshot, "memberId" | "status">, actor: Actor): Refusal | null {
  if (offer.memberId !== actor.userId && !actor.isReferent) return "not_found";
  if (offer.status !== "exchanged" && offer.status !== "done") return "not_exchanged";
  return null;
}

// ---------------------------------------------------------------------------
// Offering ("Céder mon panier").

/** Offering closes this many hours before the distribution starts (a setting). */
export function offeringClosesAt(startsAt: Date, offerCloseHours: number): Date {
  return new Date(startsAt.getTime() - offerCloseHours * 3_600_000);
}

export type OfferableDistribution = {
  startsAt: Date;
  isCancelled: boolean;
  /** Basket lines of the member delivered that day, and whether each is already offered. */
  lines: { subscriptionId: number; alreadyOffered: boolean }[];
};

/**
 * Which of the chosen lines can be offered for this distribution. Lines
 * already offered are left out; nothing left is a refusal.
 */
export function decideOfferLines(
  distribution: OfferableDistribution,
  chosenSubscriptionIds: readonly number[],
  offerCloseHours: number,
  now: Date,
): { ok: false; refusal: Refusal } | { ok: true; subscriptionIds: number[] } {
  if (distribution.isCancelled) return { ok: false, refusal: "distribution_cancelled" };
  if (now.getTime() >= offeringClosesAt(distribution.startsAt, offerCloseHours).getTime()) {
    return { ok: false, refusal: "too_late" };
  }
  const delivered = distribution.lines.filter((l) => chosenSubscriptionIds.includes(l.subscriptionId));
  if (delivered.length === 0) return { ok: false, refusal: "not_delivered" };
  const free = delivered.filter((l) => !l.alreadyOffered).map((l) => l.subscriptionId);
  if (free.length === 0) return { ok: false, refusal: "already_offered" };
  return { ok: true, subscriptionIds: free };
}

/** Where someone stands in an offer's line: 0 = awaiting the member's answer, 1 = first behind, … */
export function queuePosition(reservations: readonly ReservationSnapshot[], reservationId: number): number | null {
  const line = reservations
    .filter((r) => r.status === "pending" || r.status === "queued")
    .sort((a, b) => (a.status === b.status ? a.position - b.position : a.status === "pending" ? -1 : 1));
  const index = line.findIndex((r) => r.id === reservationId);
  return index === -1 ? null : index;
}

// ---------------------------------------------------------------------------
// Cancelled along with what the offer stood on (lib/server/admin): its
// distribution was cancelled, or the member's subscription no longer covers
// the date. Nobody chose to cancel the offer itself.

/**
 * The same transition as a référent's decideCancel — every live reservation
 * cancelled, the baskets released, one audit event — but without its
 * notices: « Alice ne cède plus son panier » and « un·e référent·e a annulé
 * votre panier » would not say what happened. The référent's command that
 * caused it tells the people concerned itself, in the same transaction.
 */
export function decideCancelWithCause(offer: OfferSnapshot, actor: Actor, reason: string, now: Date): Decision {
  if (!actor.isReferent) return refuse("not_found");
  const decision = decideCancel(offer, actor, reason, now);
  return decision.ok ? { ...decision, notices: [] } : decision;
}
