// `npm run worker`: the outbox worker on its own, for deployments that run it
// apart from the web servers (any number of them may share one Postgres).
// SIGTERM or Ctrl-C: it claims nothing more, hands back at once the messages
// it had claimed and not started (another worker sends them without waiting
// for their lease), lets those in flight finish, then exits.
import { closeDb, getDbHandle } from "@/db/client";
import { EnvError, getEnv, runtimeMode } from "@/lib/env";
import { startBackgroundJobs } from "@/lib/server/runtime/jobs";
import { runScript } from "./run-script";

/** How long the messages in flight get to finish; past it they are retried after their lease, as after a crash. */
const STOP_GRACE_MS = 20_000;

await runScript(async () => {
  const env = getEnv();
  // As the web server: a public APP_URL with no SMTP_URL would keep every mail in a mailbox nobody can read.
  const { refusal } = runtimeMode(env);
  if (refusal) throw new EnvError(refusal);
  const { driver } = await getDbHandle();
  const jobs = startBackgroundJobs({ pollMs: env.OUTBOX_POLL_MS, scheduleMs: env.SCHEDULE_MS });
  console.log(`Envoi des e-mails en cours (base ${driver}, toutes les ${env.OUTBOX_POLL_MS} ms). Ctrl-C pour arrêter.`);
  const stop = async () => {
    console.log("Arrêt demandé : les e-mails non commencés sont rendus aux autres workers, ceux en cours d'envoi se terminent.");
    const timeout = setTimeout(() => {
      console.error(`Arrêt forcé après ${STOP_GRACE_MS / 1000} s : les e-mails encore en cours seront repris après leur bail.`);
      process.exit(1);
    }, STOP_GRACE_MS);
    await jobs.stop();
    await closeDb();
    clearTimeout(timeout);
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Keep the process alive: the worker's timer is unref'd so tests can exit.
  setInterval(() => {}, 1 << 30);
});
