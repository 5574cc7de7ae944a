// What the rest of lib/server may use of exchange/ (the dependency-cruiser rule feature-public-api).
export { inOfferContext, offerMember } from "./offer-context";
export { offerMailHandlers } from "./offer-mail";
export type { OfferMailPayloads } from "./offer-mail";
export { decisionLinks, loadOffer, pickupIcs, reservationOf, withdrawLink } from "./offer-mail-data";
export { linesOf, reservationsOf } from "./offer-rows";
export type { BasketLineDTO } from "./offer-rows";
export { acceptReservation, autoAcceptPending, cancelOfferWithCause, declineReservation, reserveOffer, settleStartedOffers, withdrawReservation } from "./offers";
export type { CancelledWithCause } from "./offers";
export { actorOf } from "./views";
export { announceToPartners } from "./partner-announcement";
export { actorOnOffer } from "./partner-access";
