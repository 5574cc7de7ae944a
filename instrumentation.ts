import { redactErrorForLog } from "./lib/domain/log-text";

// Runs once when a Next.js server starts (not during `next build`).
export async function register() {
  // NOTE: Next documents this exact check; it must stay a literal so the
  // edge bundle drops the Node-only import below.
  // https://nextjs.org/docs/app/guides/instrumentation#importing-runtime-specific-code
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { bootServer } = await import("./lib/server/runtime/boot");
    await bootServer();
  }
}

/**
 * Called by Next with the error of a page, route or action it could not
 * answer, just before Next itself logs that same object, whole (stack and
 * properties): a failed query's parameters are dropped from it here, and the
 * control characters of its message escaped (SECURITY.md, « Logs »).
 * https://nextjs.org/docs/app/api-reference/file-conventions/instrumentation#onrequesterror-optional
 */
export async function onRequestError(error: unknown): Promise<void> {
  redactErrorForLog(error);
  // Maybe the database went away: the next page view asks it again (proxy.ts).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { forgetDatabaseHealth } = await import("./lib/server/core/health");
    forgetDatabaseHealth();
  }
}
