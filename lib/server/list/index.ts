// What the rest of lib/server may use of list/ (the dependency-cruiser rule feature-public-api).
export { amapOfUnsubscribeLink, leaveListByLink } from "./intermittents";
export { leavePartnerBasketsByLink } from "./partner-baskets";
export { listMailHandlers } from "./list-mail";
export type { ListMailPayloads } from "./list-mail";
