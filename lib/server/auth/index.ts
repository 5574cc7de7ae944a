// What the rest of lib/server may use of auth/ (the dependency-cruiser rule feature-public-api).
export { getViewer, loadRoles, signInPath, viewerForLink } from "./auth";
export type { Viewer } from "./auth";
export { isReferent, referentRead } from "./referent";
export { describeSignInLink, issueSignInUrl } from "./sign-in-link";
