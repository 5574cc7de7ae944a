import "server-only";
// Background work of a process: the outbox worker (kicked after commits,
// polling as a fallback) and hourly housekeeping. Started by the web process
// (instrumentation.ts) unless OUTBOX_IN_PROCESS=0, and by `npm run worker`.
import { getDb } from "@/db/client";
import { purgeExpiredAuthRows } from "./housekeeping";
import { startOutboxWorker } from "./outbox";

const HOUSEKEEPING_MS = 3_600_000;

export function startBackgroundJobs({ pollMs }: { pollMs: number }): { stop: () => Promise<void> } {
  const worker = startOutboxWorker({ pollMs });
  const housekeeping = async () => {
    try {
      await purgeExpiredAuthRows(await getDb());
    } catch (error) {
      console.error("[housekeeping]", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(housekeeping, HOUSEKEEPING_MS);
  timer.unref?.();
  void housekeeping();
  return {
    stop: async () => {
      clearInterval(timer);
      await worker.stop();
    },
  };
}
