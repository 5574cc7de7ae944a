// What the rest of lib/server may use of outbox/ (the dependency-cruiser rule feature-public-api).
export { startOutboxWorker } from "./worker";
