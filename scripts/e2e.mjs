// `npm run test:e2e [-- <playwright args>]`: the Playwright suite against a
// Postgres database of its own. Creates `e2e_<timestamp>_<pid>` on the server
// of DATABASE_URL, builds the app, runs Playwright (which starts
// `next start` on it, see playwright.config.ts), and always drops the
// database afterwards. Exits with Playwright's exit code.
//
//   DATABASE_URL   server to create the run's database on
//                  (default postgres://postgres@127.0.0.1:5432/postgres)
//   E2E_PORT       port for `next start` (default 3100, or any free port if 3100 is taken)
//   E2E_SKIP_BUILD=1  reuse the existing .next build (quicker when only specs changed)
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const log = (message) => console.log(`[e2e] ${message}`);

const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `e2e_${Date.now()}_${process.pid}`;

/** The URL without its password, for messages. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(DATABASE_URL illisible)";
  }
}

function databaseUrl(name) {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs one statement on the server's maintenance database, then disconnects. */
async function onServer(statement) {
  const sql = postgres(serverUrl, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    // No host: the same dual-stack bind `next start` does.
    server.listen({ port }, () => server.close(() => resolve(true)));
  });
}

function anyFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0 }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function choosePort() {
  if (process.env.E2E_PORT) return Number(process.env.E2E_PORT);
  return (await portIsFree(3100)) ? 3100 : anyFreePort();
}

// We stay alive on a signal, to drop the database once the child has stopped.
// Ctrl-C already reaches the child (same process group); a SIGTERM sent to this
// process alone is passed on.
let interrupted = false;
/** @type {import("node:child_process").ChildProcess | null} */
let currentChild = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (signal === "SIGTERM") currentChild?.kill("SIGTERM");
    if (interrupted) return;
    interrupted = true;
    log(`${signal} reçu : arrêt en cours, la base ${dbName} sera supprimée.`);
  });
}

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Spawns a command with inherited output; resolves with its exit code (128 + n when killed by a signal). */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    currentChild = child;
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      currentChild = null;
      if (code !== null) resolve(code);
      else resolve(128 + (SIGNAL_NUMBERS[signal] ?? 1));
    });
  });
}

async function main() {
  for (const name of ["next", "playwright"]) {
    if (!existsSync(bin(name))) {
      console.error(`[e2e] ${bin(name)} introuvable : lancez d'abord \`npm ci\`.`);
      return 1;
    }
  }

  try {
    await onServer(`create database "${dbName}"`);
  } catch (error) {
    console.error(
      `\n[e2e] ÉCHEC : impossible de créer la base de test sur ${redact(serverUrl)}.\n` +
        `[e2e] ${error instanceof Error ? error.message : String(error)}\n` +
        `[e2e] Postgres tourne-t-il ? (pg_isready -h 127.0.0.1) Sinon, indiquez un serveur joignable ` +
        `dans DATABASE_URL (l'utilisateur doit pouvoir créer des bases).\n`,
    );
    return 1;
  }
  log(`base ${dbName} créée sur ${redact(serverUrl)}.`);

  let code = 1;
  try {
    code = await buildAndTest(databaseUrl(dbName));
  } finally {
    try {
      await onServer(`drop database if exists "${dbName}" with (force)`);
      log(`base ${dbName} supprimée.`);
    } catch (error) {
      console.error(
        `[e2e] ATTENTION : la base ${dbName} n'a pas pu être supprimée (${error instanceof Error ? error.message : error}). ` +
          `Supprimez-la à la main : drop database "${dbName}" with (force);`,
      );
      code ||= 1;
    }
  }
  return code;
}

async function buildAndTest(e2eDatabaseUrl) {
  const base = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", E2E_DATABASE_URL: e2eDatabaseUrl };

  if (process.env.E2E_SKIP_BUILD === "1") {
    log("E2E_SKIP_BUILD=1 : build existant réutilisé.");
  } else {
    log("next build…");
    // The build never needs the database (instrumentation skips it), but if a
    // page ever were prerendered, it must read the run's database, not .data/.
    const buildCode = await run(bin("next"), ["build"], { ...base, DATABASE_URL: e2eDatabaseUrl, SMTP_URL: "" });
    if (buildCode !== 0) {
      console.error(`[e2e] ÉCHEC : next build a terminé avec le code ${buildCode}.`);
      return buildCode;
    }
    if (interrupted) return 130;
  }

  // The port is chosen only now: the build takes a while, and another run on
  // the same machine may have taken a port that was free before it.
  const port = await choosePort();
  log(`playwright test sur http://localhost:${port}…`);
  return run(bin("playwright"), ["test", ...process.argv.slice(2)], { ...base, E2E_PORT: String(port) });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("[e2e] ÉCHEC inattendu :", error);
    process.exit(1);
  },
);
