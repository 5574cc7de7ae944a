import "server-only";
// Whether the database answers, in bounded time. Used by /api/health (503
// within 3 s), by proxy.ts before a page is rendered (the French 503 page
// instead of an error page), and before sending a signed-out caller to
// sign-in (see requireViewer, auth.ts).
import { getDbHandle } from "@/db/client";
import { AppError } from "@/lib/app-error";

/** A probe that has not answered by then counts as « not ok ». Under /api/health's 3 s. */
export const HEALTH_TIMEOUT_MS = 2_000;
/** How long a successful probe is trusted before pages ask again (so a loaded server probes ≤ 4 times a second). */
export const HEALTH_FRESH_MS = 250;

export class DatabaseUnavailableError extends AppError {
  constructor(options?: ErrorOptions) {
    super("database_unavailable", "La base de données ne répond pas.", options);
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * Throws DatabaseUnavailableError when the database does not answer `select 1`
 * within `timeoutMs`. The probe has a connection of its own (db/client.ts):
 * under a rush the pool's queue is long, and a check waiting in it timed out
 * while the database answered everyone — HAProxy then took busy instances
 * out, and pages got the « indisponible » page (BENCHMARKS.md, the rush).
 */
export async function checkHealth(timeoutMs = HEALTH_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    // NOTE: a process busy past the deadline runs its due timers before the
    // network answers that came meanwhile (Node's event loop: timers, then
    // I/O); one more turn (setImmediate runs after the I/O) lets a probe that
    // answered in time win the race.
    timer = setTimeout(() => setImmediate(() => reject(new DatabaseUnavailableError())), timeoutMs);
  });
  const probe = (async () => {
    const handle = await getDbHandle();
    await handle.probe();
  })();
  probe.catch(() => {}); // a late failure, after the deadline won, is not unhandled
  try {
    await Promise.race([probe, deadline]);
  } catch (error) {
    forgetDatabaseHealth();
    throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError({ cause: error });
  } finally {
    clearTimeout(timer);
  }
}

// NOTE: on globalThis, as db/client.ts: proxy.ts and the pages are separate server chunks.
const state = globalThis as unknown as { __espaceHealth?: { okAt: number; pending: Promise<boolean> | null } };

/**
 * True when the database answers. Concurrent callers share one probe; a
 * success is trusted for HEALTH_FRESH_MS; a failure never is (each caller
 * after it probes again, so recovery shows at once).
 */
export function isDatabaseAvailable(now = Date.now()): Promise<boolean> {
  const health = (state.__espaceHealth ??= { okAt: 0, pending: null });
  if (now - health.okAt < HEALTH_FRESH_MS) return Promise.resolve(true);
  health.pending ??= checkHealth().then(
    () => {
      health.okAt = Date.now();
      return true;
    },
    () => {
      health.okAt = 0;
      return false;
    },
  ).finally(() => {
    health.pending = null;
  });
  return health.pending;
}

/** A request failed: the next page asks the database again rather than trust the last answer. */
export function forgetDatabaseHealth(): void {
  if (state.__espaceHealth) state.__espaceHealth.okAt = 0;
}
