import "server-only";
// Background work of a process: the outbox worker (kicked after commits,
// polling as a fallback), the minute schedule (settling, the partners'
// announcements, reminders) and
// hourly housekeeping (expired sign-in rows, retention). Started by the web process
// (instrumentation.ts) unless OUTBOX_IN_PROCESS=0, and by `npm run worker`.
import { getDb } from "@/db/client";
import { purgeExpiredAuthRows } from "../core";
import { applyRetention } from "../core";
import { announceToPartners, settleStartedOffers } from "../exchange";
import { runReminders } from "../reminders";
import { logError } from "../core";
import { startOutboxWorker } from "../outbox";

const HOUSEKEEPING_MS = 3_600_000;

/** `scheduleMs`: SCHEDULE_MS, a minute by default. */
export function startBackgroundJobs({ pollMs, scheduleMs }: { pollMs: number; scheduleMs: number }): { stop: () => Promise<void> } {
  const worker = startOutboxWorker({ pollMs });
  const housekeeping = async () => {
    try {
      await purgeExpiredAuthRows(await getDb());
      await applyRetention();
    } catch (error) {
      logError("housekeeping", { error });
    }
  };
  // A run longer than the interval is not overlapped by the next one.
  let scheduled = false;
  const settle = async () => {
    if (scheduled) return;
    scheduled = true;
    try {
      await settleStartedOffers();
      await announceToPartners();
      await runReminders();
    } catch (error) {
      logError("schedule", { error });
    } finally {
      scheduled = false;
    }
  };
  const timers = [setInterval(housekeeping, HOUSEKEEPING_MS), setInterval(settle, scheduleMs)];
  for (const timer of timers) timer.unref?.();
  void housekeeping();
  void settle();
  return {
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await worker.stop();
    },
  };
}
