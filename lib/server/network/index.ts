// What the rest of lib/server may use of network/ (the dependency-cruiser rule feature-public-api).
export { isNetworkAdmin } from "./network";
export { networkMailHandlers } from "./network-mail";
export type { NetworkMailPayloads } from "./network-mail";
export {
  acceptPartnership,
  endPartnership,
  readPartnerships,
  refusePartnership,
  requestPartnership,
  withdrawPartnershipRequest,
} from "./partnerships";
export type { PartnershipRefusal, PartnershipResult, PartnershipsPage } from "./partnerships";
