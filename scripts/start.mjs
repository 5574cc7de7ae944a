// `npm start`: builds the app when there is no build or the sources changed
// since the last one, then serves it (scripts/serve.mjs: `next start` with a
// graceful stop). The configuration decides the mode
// (lib/env.ts, runtimeMode): the demo listens on 127.0.0.1 only, a real
// deployment on every interface; a configuration that cannot work stops here
// with one French line. APP_URL, unset, follows the port (PORT or -p).
// Plain Node on purpose: it runs before anything is compiled (lib/env.ts is
// loaded through tsx). START_SKIP_BUILD=1 serves the existing build as is
// (the e2e suite, which has just built it).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { tsImport } from "tsx/esm/api";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const next = path.join(root, "node_modules", ".bin", "next");
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "db", "emails", "public", "instrumentation.ts", "proxy.ts", "next.config.ts", "postcss.config.mjs", "package-lock.json"];

/** `-p 3301`, `--port=3301`, `-H x`…: the port becomes PORT; the host is the mode's to decide. */
function splitArgs(args) {
  const rest = [];
  let port;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const takesValue = ["-p", "--port", "-H", "--hostname"].includes(flag);
    if (!takesValue) {
      rest.push(args[i]);
      continue;
    }
    const value = inline ?? args[++i];
    if (flag === "-p" || flag === "--port") port = value;
    else console.warn(`Option ${flag} ignorée : l'adresse d'écoute découle de la configuration (README, « Two modes »).`);
  }
  return { port, rest };
}

const { port, rest } = splitArgs(process.argv.slice(2));
const childEnv = { ...process.env, ...(port ? { PORT: port } : {}) };

const { EnvError, parseEnv, runtimeMode } = await tsImport("../lib/env.ts", import.meta.url);
let env;
try {
  env = parseEnv(childEnv);
} catch (error) {
  console.error(error instanceof EnvError ? error.message : String(error));
  process.exit(1);
}
const mode = runtimeMode(env);
if (mode.refusal) {
  console.error(mode.refusal);
  process.exit(1);
}

function newestChange(entry) {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, child)));
  return newest;
}

if (process.env.START_SKIP_BUILD !== "1") {
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...sources.map((s) => newestChange(path.join(root, s))));
  if (builtAt < changedAt) {
    console.log(builtAt ? "Les sources ont changé : nouvelle construction…" : "Première construction de l'application (une minute environ)…");
    const build = spawnSync(next, ["build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

const host = mode.listen === "loopback" ? ["-H", "127.0.0.1"] : [];
if (mode.kind === "demo") {
  console.log(
    `Mode démonstration (ni SMTP_URL ni adresse publique) : le serveur n'écoute que sur cette machine (127.0.0.1). ` +
      `Ouvrez ${env.APP_URL} ; les e-mails arrivent dans ${new URL("/dev/mails", env.APP_URL)}.`,
  );
} else {
  console.log(`Mode déploiement : le serveur écoute sur toutes les interfaces, port ${env.PORT} ; adresse publique ${env.APP_URL}.`);
}

for (const extra of rest) console.warn(`Option ${extra} ignorée.`);
// The server itself: Next's handler with a graceful stop on SIGTERM (scripts/serve.mjs).
const server = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs"), "-p", String(env.PORT), ...host], { cwd: root, stdio: "inherit", env: childEnv });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
