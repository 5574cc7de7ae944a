// `npm run worker`: the outbox worker on its own, for deployments that run it
// apart from the web servers (any number of them may share one Postgres).
import { closeDb, getDbHandle } from "@/db/client";
import { getEnv } from "@/lib/env";
import { startBackgroundJobs } from "@/lib/server/jobs";
import { runScript } from "./run-script";

await runScript(async () => {
  const env = getEnv();
  const { driver } = await getDbHandle();
  const jobs = startBackgroundJobs({ pollMs: env.OUTBOX_POLL_MS });
  console.log(`Envoi des e-mails en cours (base ${driver}, toutes les ${env.OUTBOX_POLL_MS} ms). Ctrl-C pour arrêter.`);
  const stop = async () => {
    await jobs.stop();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // Keep the process alive: the worker's timer is unref'd so tests can exit.
  setInterval(() => {}, 1 << 30);
});
