// Runs once when a Next.js server starts (not during `next build`).
export async function register() {
  // NOTE: Next documents this exact check; it must stay a literal so the
  // edge bundle drops the Node-only import below.
  // https://nextjs.org/docs/app/guides/instrumentation#importing-runtime-specific-code
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { bootServer } = await import("./lib/server/boot");
    await bootServer();
  }
}
