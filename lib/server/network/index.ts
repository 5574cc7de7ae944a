// What the rest of lib/server may use of network/ (the dependency-cruiser rule feature-public-api).
export { isNetworkAdmin } from "./network";
