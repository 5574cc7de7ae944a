import "server-only";
// What a server process does once at start (from instrumentation.ts): check
// the configuration, open and prepare the database, start the outbox worker,
// and say how they stop (shutdown.ts).
import { getDbHandle } from "@/db/client";
import { authSecret, EnvError, getEnv, runtimeMode } from "@/lib/env";
import { installClientAddress } from "../core";
import { startBackgroundJobs } from "./jobs";
import { onServerStop } from "./shutdown";

export async function bootServer(): Promise<void> {
  try {
    const env = getEnv();
    const mode = runtimeMode(env);
    // A public address without SMTP: nobody could ever sign in. One line, and stop.
    if (mode.refusal) throw new EnvError(mode.refusal);
    authSecret();
    // Before any request is read: the per-client limits count the socket's address unless a proxy is trusted.
    installClientAddress(env.TRUSTED_PROXIES);
    const { driver } = await getDbHandle();
    const jobs = env.OUTBOX_IN_PROCESS ? startBackgroundJobs({ pollMs: env.OUTBOX_POLL_MS, scheduleMs: env.SCHEDULE_MS }) : null;
    // A graceful stop (scripts/serve.mjs) ends them once the requests are done.
    onServerStop(jobs);
    console.log(
      `Espace intermittents : base ${driver === "postgres" ? "Postgres" : "embarquée (PGlite)"}, ` +
        `${mode.kind === "demo" ? "mode démonstration" : "mode déploiement"}, ` +
        `courrier ${env.SMTP_URL ? "SMTP" : "dans la boîte de développement (/dev/mails)"}, ` +
        `adresse publique ${env.APP_URL}.`,
    );
  } catch (error) {
    // Bad configuration or an unreachable database: stop now, with one line.
    console.error(error instanceof EnvError ? error.message : `Démarrage impossible : ${(error as Error).message}`);
    process.exit(1);
  }
}
