import "server-only";
// The app's side of a web instance's graceful stop (scripts/serve.mjs, which
// runs Next in this same process): once its requests have finished, the
// server calls the stop registered here — the background jobs (the outbox
// worker hands back what it claimed and has not started), then the database.
// NOTE: on globalThis under a registry symbol, because scripts/serve.mjs is
// plain Node outside Next's bundles; the key is spelled the same there.
import { closeDb } from "@/db/client";

const STOP_JOBS = Symbol.for("espace-intermittents.stop-jobs");

const slots = globalThis as unknown as { [STOP_JOBS]?: () => Promise<void> };

/** What the server calls once its requests are done: stops `jobs` (when this process runs them), then closes the database. */
export function onServerStop(jobs: { stop: () => Promise<void> } | null): void {
  slots[STOP_JOBS] = async () => {
    await jobs?.stop();
    await closeDb();
  };
}
