// Where someone stands with an offer they come back to — an email link, or
// /paniers?offre= — read before anything is offered to them: can they still
// do what they came for, and if not, what happened instead. The answer comes
// from the state machine itself (./offer.ts), so a page shows a button exactly
// when the command behind it would accept; the command still re-checks on POST.
import {
  decideAccept,
  decideDecline,
  decideReserve,
  decideWithdraw,
  LIVE_RESERVATION_STATUSES,
  queuePosition,
  type Actor,
  type Decision,
  type OfferSnapshot,
  type Refusal,
  type ReservationSnapshot,
} from "./offer";

/** An offer as these rules need it: the machine's snapshot, and whether its distribution was cancelled. */
export type OfferView = OfferSnapshot & { distributionCancelled: boolean };

/** What happened instead, in the words of what the person will read. */
export type Standstill =
  /** No such offer or reservation any more (purged, or never theirs). */
  | "gone"
  /** The distribution has started, or is over. */
  | "past"
  | "cancelled"
  | "distribution_cancelled"
  /** Someone else has the basket. */
  | "taken"
  | "own_offer"
  | "not_intermittent"
  /** Reserving: the person already has a reservation on it. */
  | "mine_pending"
  | "mine_queued"
  | "mine_accepted"
  /** Accepting or declining, for the member: the reservation was already answered, or withdrawn. */
  | "already_accepted"
  | "already_declined"
  | "withdrawn_by_them"
  /** Withdrawing, for the intermittent. */
  | "already_withdrawn"
  | "not_retained"
  /** Any other refusal of the machine, said in its own words (see `refusal`). */
  | "refused";

export type Standing<Step> =
  | { ready: true; step: Step }
  | {
      ready: false;
      standstill: Standstill;
      /** The machine's own refusal, for "refused". */
      refusal: Refusal;
      /** mine_queued: the person's place behind the reservation awaiting the answer (1 = first). */
      position: number | null;
    };

export type ReserveStep = {
  /** What the reservation will be: awaiting the member's answer, in the queue, or accepted at once (automatic acceptance). */
  as: "pending" | "queued" | "accepted";
  /** People already in line (awaiting the answer, or queued). */
  waiting: number;
};

export type WithdrawStep = { from: "pending" | "queued" | "accepted" };

const stop = <S>(standstill: Standstill, refusal: Refusal, position: number | null = null): Standing<S> => ({
  ready: false,
  standstill,
  refusal,
  position,
});

/** The offer's end, when it ended: cancelled (and why), or past. Null while it can still change hands. */
function offerEnded(offer: OfferView, refusal: Refusal): Standstill | null {
  if (offer.status === "cancelled") return offer.distributionCancelled ? "distribution_cancelled" : "cancelled";
  if (offer.status === "unclaimed" || refusal === "too_late") return "past";
  return null;
}

function inLine(offer: OfferView): ReservationSnapshot[] {
  return offer.reservations.filter((r) => r.status === "pending" || r.status === "queued");
}

/** Reserving an offer (a « Réserver » link, or the offer /paniers was asked to show). */
export function reserveStanding(offer: OfferView | null, actor: Actor, now: Date): Standing<ReserveStep> {
  if (!offer) return stop("gone", "not_found");
  const decision = decideReserve(offer, actor, now);
  if (decision.ok) {
    const as = decision.newReservation!.status as ReserveStep["as"];
    return { ready: true, step: { as, waiting: inLine(offer).length } };
  }
  const { refusal } = decision;
  if (refusal === "own_offer") return stop("own_offer", refusal);
  const mine = offer.reservations.find((r) => r.intermittentId === actor.userId && LIVE_RESERVATION_STATUSES.includes(r.status));
  if (mine?.status === "accepted") return stop("mine_accepted", refusal);
  if (mine?.status === "pending") return stop("mine_pending", refusal);
  if (mine) return stop("mine_queued", refusal, queuePosition(offer.reservations, mine.id));
  // Someone else has it: said even once the distribution has started.
  if (offer.status === "exchanged" || offer.status === "done") return stop("taken", refusal);
  const ended = offerEnded(offer, refusal);
  if (ended) return stop(ended, refusal);
  if (refusal === "not_intermittent") return stop("not_intermittent", refusal);
  return stop("refused", refusal);
}

/** Accepting or declining a reservation, for the member (a « Valider » or « Refuser » link, or the confirmation page). */
export function decisionStanding(
  kind: "accept" | "decline",
  offer: OfferView | null,
  actor: Actor,
  reservationId: number,
  now: Date,
): Standing<null> {
  const reservation = offer?.reservations.find((r) => r.id === reservationId);
  if (!offer || !reservation) return stop("gone", "not_found");
  const decide: (o: OfferSnapshot, a: Actor, id: number, n: Date) => Decision = kind === "accept" ? decideAccept : decideDecline;
  const decision = decide(offer, actor, reservationId, now);
  if (decision.ok) return { ready: true, step: null };
  const { refusal } = decision;
  if (refusal === "not_found") return stop("gone", refusal);
  if (reservation.status === "accepted") return stop("already_accepted", refusal);
  if (reservation.status === "declined") return stop("already_declined", refusal);
  if (reservation.status === "withdrawn") return stop("withdrawn_by_them", refusal);
  const ended = offerEnded(offer, refusal) ?? (reservation.status === "expired" ? "past" : null);
  if (ended) return stop(ended, refusal);
  return stop("refused", refusal);
}

/** Withdrawing one's own reservation (an « Annuler ma réservation » link). */
export function withdrawStanding(offer: OfferView | null, actor: Actor, reservationId: number, now: Date): Standing<WithdrawStep> {
  const reservation = offer?.reservations.find((r) => r.id === reservationId);
  if (!offer || !reservation) return stop("gone", "not_found");
  const decision = decideWithdraw(offer, actor, reservationId, now);
  if (decision.ok) return { ready: true, step: { from: reservation.status as WithdrawStep["from"] } };
  const { refusal } = decision;
  if (refusal === "not_found") return stop("gone", refusal);
  if (reservation.status === "withdrawn") return stop("already_withdrawn", refusal);
  if (reservation.status === "declined") return stop("not_retained", refusal);
  const ended =
    offerEnded(offer, refusal) ?? (reservation.status === "expired" || offer.status === "done" ? "past" : null);
  if (ended) return stop(ended, refusal);
  return stop("refused", refusal);
}
