// The web server of a deployment: Next's request handler (what `next start`
// runs) in a Node HTTP server of our own, for one thing `next start` does not
// do — a bounded, graceful stop. On SIGTERM or SIGINT:
//   1. the server stops accepting connections and closes its idle ones (a
//      load balancer's health check fails; HAProxy sends a request that meets
//      a refused or closed connection to another instance, deploy/haproxy.cfg);
//   2. requests in flight finish, each connection closing after its answer,
//      for SHUTDOWN_GRACE_MS at most (10 s); past it the rest are cut;
//   3. the process's background jobs stop: the outbox worker hands back the
//      emails it claimed and has not started (runtime/boot.ts), and the
//      database closes (the embedded one flushes its files);
//   4. exit 0.
// `next start` (Next 16) closes its server on SIGTERM too, but waits without
// bound for every connection and exits with no word to the app's jobs.
//
//   node scripts/serve.mjs [--port 3000] [--hostname 127.0.0.1]
// PORT and HOSTNAME are read when the options are absent; without a hostname
// it listens on every interface, as `next start` does. `npm start`
// (scripts/start.mjs) runs it after choosing the mode; systemd runs it
// directly (deploy/systemd).
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Set by the app (lib/server/runtime/shutdown.ts), which runs in this same process.
const STOP_JOBS = Symbol.for("espace-intermittents.stop-jobs");
/** The app's own stop (jobs, database) gets this long, after the requests. */
const JOBS_GRACE_MS = 10_000;

function option(names, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (names.includes(flag)) return inline ?? args[i + 1];
  }
  return fallback;
}

const port = Number(option(["-p", "--port"], process.env.PORT ?? "3000"));
const hostname = option(["-H", "--hostname"], process.env.HOSTNAME) || undefined;
const graceMs = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`Port invalide : ${option(["-p", "--port"], process.env.PORT)}.`);
  process.exit(1);
}
if (!Number.isFinite(graceMs) || graceMs < 0) {
  console.error(`SHUTDOWN_GRACE_MS invalide : ${process.env.SHUTDOWN_GRACE_MS} (un nombre de millisecondes).`);
  process.exit(1);
}

// As `next start`: production, unless said otherwise.
process.env.NODE_ENV ??= "production";
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

let stopping = false;
const server = http.createServer((req, res) => {
  // Stopping: each connection closes as soon as its answer has gone.
  res.once("finish", () => {
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
  void handle(req, res);
});
server.on("error", (error) => {
  console.error(`Le serveur web ne peut pas écouter sur le port ${port} : ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`Serveur web à l'écoute sur ${hostname ?? "toutes les interfaces"}, port ${port} (arrêt progressif en ${graceMs / 1000} s au plus).`);
});

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const started = performance.now();
  console.log(`${signal} reçu : plus de nouvelles connexions, les requêtes en cours se terminent (${graceMs / 1000} s au plus).`);
  const closed = new Promise((resolve) => server.close(() => resolve(true)));
  server.closeIdleConnections();
  const cut = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve(false), graceMs).unref())]);
  if (!cut) {
    console.error(`Arrêt : des requêtes duraient encore après ${graceMs / 1000} s ; leurs connexions sont coupées.`);
    server.closeAllConnections();
  }
  const stopJobs = globalThis[STOP_JOBS];
  if (typeof stopJobs === "function") {
    const done = await Promise.race([
      Promise.resolve(stopJobs()).then(
        () => true,
        () => true,
      ),
      new Promise((resolve) => setTimeout(() => resolve(false), JOBS_GRACE_MS).unref()),
    ]);
    if (!done) console.error(`Arrêt : les tâches de fond duraient encore après ${JOBS_GRACE_MS / 1000} s ; les e-mails en cours seront repris après leur bail.`);
  }
  await app.close().catch(() => {});
  console.log(`Arrêté en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
