// What the rest of lib/server may use of core/ (the dependency-cruiser rule feature-public-api).
export { installClientAddress } from "./client-address";
export { checkHealth, forgetDatabaseHealth } from "./health";
export { purgeExpiredAuthRows } from "./housekeeping";
export { logError, logWarn } from "./log";
export { peopleWithAnyRole, peopleWithRoles, personWithRolesById, rolesOf, type PersonWithRoles } from "./people";
export { applyRetention } from "./retention";
export { getSettings, type AmapSettings } from "./settings";
export { INERT_TOKEN, consumeLink, createLinkToken, isLinkUsed, linkUrl, linksAreInert, partnerLeaveLink, unsubscribeLink, verifyLinkToken, withInertLinks } from "./signed-links";
export type { LinkAction, LinkClaims } from "./signed-links";
export { homeAmapId } from "./amaps";
export { amapsOfPerson, getRequestSettings, requestAmap, type AmapRef } from "./request-amap";
export { livePartnershipWith, partnerHomeOf, partnerHomesOf, partnersOf, partnershipIsLive, partnershipsTouching, receivesAsPartner, type PartnerAmap } from "./partners";
