// A cluster on loopback, as deploy/README.md describes one: web instances and
// outbox workers on one Postgres database, behind HAProxy running the repo's
// own deploy/haproxy.cfg (unchanged; its addresses come from EI_HTTP_BIND,
// EI_WEB1, EI_WEB2). Used by the cluster test (test/cluster/cluster.test.ts)
// and the rush bench. Every process is a child of the caller; their output is
// kept (the last lines) so a failure can show it (`tails()`).
//
//   const cluster = await startCluster({ databaseUrl, instances: 2, workers: 2, smtpUrl });
//   await fetch(`${cluster.proxyUrl}/paniers`);
//   await cluster.instances[0].stop("SIGTERM"); await cluster.instances[0].start();
//   await cluster.stop();
//
// Plain Node only (no app module): the app runs in the children.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

/** The repository's root (where .next, node_modules and deploy/ are). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");

/**
 * The command of one web instance on `port` (loopback only), without the
 * node binary. The one place that says how an instance is started.
 */
export function webInstanceArgs(port: number): string[] {
  return [NEXT_BIN, "start", "--port", String(port), "--hostname", "127.0.0.1"];
}

/** The command of one outbox worker: `npm run worker`'s, run by node itself so signals reach the worker (not npm). */
export function workerArgs(): string[] {
  return ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/worker.ts"];
}

// ---------------------------------------------------------------------------
// Postgres databases of their own.

export type TestDatabase = { name: string; url: string; drop: () => Promise<void> };

/**
 * Creates an empty database `<prefix>_<random>` on the server of `serverUrl`
 * (e.g. postgres://postgres@127.0.0.1:5432/postgres); `drop()` removes it,
 * closing whatever connections are left (WITH (FORCE)).
 */
export async function createDatabase(serverUrl: string, prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`createDatabase: « ${prefix} » is not a plain identifier prefix`);
  const onServer = async (statement: string) => {
    const sql = postgres(serverUrl, { max: 1, connect_timeout: 5, idle_timeout: 1, onnotice: () => {} });
    try {
      await sql.unsafe(statement);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  await onServer(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onServer(`drop database if exists "${name}" with (force)`) };
}

/**
 * Applies the migrations to `databaseUrl` (`npm run db:migrate`'s script, as
 * a child): the database is then ready for seeding before any instance starts.
 * Instances apply them too at start (under an advisory lock), so this is only
 * needed to write data first.
 */
export function migrateDatabase(databaseUrl: string, env: Record<string, string> = {}): void {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/migrate.ts"], {
    cwd: ROOT,
    env: { ...baseEnv(), DATABASE_URL: databaseUrl, ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`npm run db:migrate failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

// ---------------------------------------------------------------------------
// The production build.

/**
 * Builds the app (`next build`) when there is no build yet (.next/BUILD_ID);
 * otherwise reuses it (CI runs this after the e2e step, which has just built).
 * Returns whether it built.
 */
export function ensureBuild(log: (line: string) => void = console.log): boolean {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return false;
  log("no production build (.next/BUILD_ID): next build…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: "inherit",
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) throw new Error(`next build failed (${result.status ?? result.signal})`);
  return true;
}

// ---------------------------------------------------------------------------
// Ports.

/** A port nobody listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------
// Child processes.

const TAIL_LINES = 200;

export type Proc = {
  /** e.g. "web1", "worker2", "haproxy". */
  name: string;
  /** The current child's pid (changes at each start). */
  readonly pid: number | undefined;
  /** True while the child runs. */
  readonly running: boolean;
  /** Starts the process again (same command, same port) and waits until it is ready. */
  start: () => Promise<void>;
  /**
   * Sends `signal` (default SIGTERM) and waits for the exit, SIGKILL after
   * `timeoutMs` (default 30 s). Resolves with the exit code, or the signal
   * name when it was killed by one.
   */
  stop: (signal?: NodeJS.Signals, timeoutMs?: number) => Promise<number | NodeJS.Signals | null>;
  /** The last lines of its stdout and stderr (all its runs), for failure reports. */
  tail: () => string;
  /**
   * Calls `onLine` with each line it prints from now on (stdout and stderr,
   * all its runs), e.g. to count HAProxy's log lines per server. Returns
   * what stops it.
   */
  watch: (onLine: (line: string) => void) => () => void;
};

export type WebInstance = Proc & { port: number; url: string };

type Env = Record<string, string | undefined>;

type Spec = { name: string; command: string; args: string[]; env: Env; ready: (proc: Proc) => Promise<void> };

function baseEnv(): Env {
  // Nothing of the caller's app configuration leaks in (e.g. a test's own DATABASE_URL).
  const env: Env = {};
  for (const key of ["PATH", "HOME", "LANG", "TZ", "TMPDIR", "NODE_OPTIONS"]) if (process.env[key]) env[key] = process.env[key];
  return env;
}

function startProc(spec: Spec): Proc & { launch: () => Promise<void> } {
  let child: ChildProcess | undefined;
  const lines: string[] = [];
  const watchers = new Set<(line: string) => void>();
  const keep = (prefix: string) => {
    let partial = "";
    return (chunk: Buffer) => {
      const text = partial + chunk.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        for (const watcher of watchers) watcher(line);
        lines.push(`${prefix}${line}`);
        if (lines.length > TAIL_LINES) lines.shift();
      }
    };
  };
  const proc = {
    name: spec.name,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    launch: async () => {
      if (proc.running) throw new Error(`${spec.name} is already running`);
      lines.push(`--- ${spec.name} started at ${new Date().toISOString()}`);
      const started = spawn(spec.command, spec.args, { cwd: ROOT, env: spec.env as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
      child = started;
      started.stdout!.on("data", keep(""));
      started.stderr!.on("data", keep("[err] "));
      started.once("exit", (code, signal) => lines.push(`--- ${spec.name} (pid ${started.pid}) exited: ${signal ?? code}`));
      await new Promise<void>((resolve, reject) => {
        started.once("spawn", resolve);
        started.once("error", reject);
      });
      await spec.ready(proc);
    },
    start: () => proc.launch(),
    stop: async (signal: NodeJS.Signals = "SIGTERM", timeoutMs = 30_000) => {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return current?.exitCode ?? current?.signalCode ?? null;
      const exited = new Promise<number | NodeJS.Signals | null>((resolve) => current.once("exit", (code, sig) => resolve(sig ?? code)));
      current.kill(signal);
      const timer = setTimeout(() => current.kill("SIGKILL"), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
    tail: () => lines.join("\n"),
    watch: (onLine: (line: string) => void) => {
      watchers.add(onLine);
      return () => void watchers.delete(onLine);
    },
  };
  return proc as Proc & { launch: () => Promise<void> };
}

/** Waits until `url` answers 200 (or `ok` says so), or fails after `timeoutMs`, or as soon as `proc` exits. */
export async function waitForHttp(url: string, proc?: Proc, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    if (proc && !proc.running) throw new Error(`${proc.name} exited before ${url} answered:\n${proc.tail().split("\n").slice(-40).join("\n")}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------------------
// The cluster.

export type ClusterOptions = {
  /** The database every process uses (see createDatabase, migrateDatabase). */
  databaseUrl: string;
  /** Web instances behind HAProxy. With 1, both of the configuration's servers are that one instance. */
  instances: 1 | 2;
  /** Outbox workers (`npm run worker`), 0 or more. */
  workers: number;
  /** Where mail goes (SMTP_URL), e.g. a test's smtp-server sink; required when workers > 0. */
  smtpUrl?: string;
  /** HAProxy's port (default: a free one). The public address is http://localhost:<it>. */
  proxyPort?: number;
  /** The instances' ports (default: free ones). */
  instancePorts?: number[];
  /** Added to (and overriding) every instance's and worker's environment. */
  env?: Record<string, string>;
  /** Only the workers' (on top of `env`). */
  workerEnv?: Record<string, string>;
};

export type Cluster = {
  /** http://localhost:<HAProxy's port>: also the app's APP_URL. */
  proxyUrl: string;
  instanceUrls: string[];
  instances: WebInstance[];
  workers: Proc[];
  haproxy: Proc;
  /** Starts one more worker (e.g. to replace a killed one); it is then in `workers`. */
  addWorker: () => Promise<Proc>;
  /** The last lines of every process's output, named. */
  tails: () => string;
  /** Stops everything (SIGTERM, SIGKILL after 10 s): workers, instances, then HAProxy. */
  stop: () => Promise<void>;
};

/** The secret every instance shares (sessions signed by one are checked by the others). */
export const CLUSTER_AUTH_SECRET = "cluster-test-secret-shared-by-every-instance-0123456789";

/**
 * Starts HAProxy (deploy/haproxy.cfg, `haproxy -db -f`), the web instances
 * (OUTBOX_IN_PROCESS=0, TRUSTED_PROXIES=1, one AUTH_SECRET, APP_URL the
 * proxy's address) and the workers, and resolves once each instance answers
 * /api/health and HAProxy forwards to them. On a failure to start, stops
 * what it started and throws with their output.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (options.workers > 0 && !options.smtpUrl) throw new Error("startCluster: workers need smtpUrl");
  const proxyPort = options.proxyPort ?? (await freePort());
  const ports = options.instancePorts ?? [];
  while (ports.length < options.instances) ports.push(await freePort());
  // NOTE: localhost, not 127.0.0.1 (STACK.md trap 4): the address in emails and cookies.
  const proxyUrl = `http://localhost:${proxyPort}`;
  const appEnv: Env = {
    ...baseEnv(),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: options.databaseUrl,
    APP_URL: proxyUrl,
    AUTH_SECRET: CLUSTER_AUTH_SECRET,
    OUTBOX_IN_PROCESS: "0",
    TRUSTED_PROXIES: "1",
    SEED_DEMO: "0",
    MAIL_FROM: "Espace intermittents <intermittents@cluster.test>",
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
  };

  const instances: (WebInstance & { launch: () => Promise<void> })[] = ports.slice(0, options.instances).map((port, i) => {
    const url = `http://localhost:${port}`;
    const proc = startProc({
      name: `web${i + 1}`,
      command: process.execPath,
      args: webInstanceArgs(port),
      env: { ...appEnv, PORT: String(port) },
      ready: (p) => waitForHttp(`http://127.0.0.1:${port}/api/health`, p),
    });
    return Object.assign(proc, { port, url });
  });

  const workers: Proc[] = [];
  let workerCount = 0;
  const addWorker = async () => {
    const proc = startProc({
      name: `worker${++workerCount}`,
      command: process.execPath,
      args: workerArgs(),
      env: { ...appEnv, ...options.workerEnv },
      // Ready once it says it is sending (its first line, after the database opened).
      ready: async (p) => {
        const deadline = Date.now() + 60_000;
        while (!/Envoi des e-mails en cours/.test(p.tail())) {
          if (!p.running) throw new Error(`${p.name} exited at start:\n${p.tail()}`);
          if (Date.now() > deadline) throw new Error(`${p.name} did not start within 60 s:\n${p.tail()}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    });
    workers.push(proc);
    await proc.launch();
    return proc as Proc;
  };

  const web1 = `127.0.0.1:${ports[0]}`;
  const web2 = `127.0.0.1:${ports[options.instances === 2 ? 1 : 0]}`;
  const haproxy = startProc({
    name: "haproxy",
    command: "haproxy",
    args: ["-db", "-f", path.join(ROOT, "deploy/haproxy.cfg")],
    env: { PATH: process.env.PATH, EI_HTTP_BIND: `127.0.0.1:${proxyPort}`, EI_WEB1: web1, EI_WEB2: web2 },
    ready: (p) => waitForHttp(`http://127.0.0.1:${proxyPort}/api/health`, p, 60_000),
  });

  const everything = (): Proc[] => [...workers, ...instances, haproxy];
  const cluster: Cluster = {
    proxyUrl,
    instanceUrls: instances.map((i) => i.url),
    instances,
    workers,
    haproxy,
    addWorker,
    tails: () =>
      everything()
        .map((p) => `===== ${p.name} (last lines) =====\n${p.tail().split("\n").slice(-60).join("\n")}`)
        .join("\n"),
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop("SIGTERM", 10_000)));
      await Promise.all(instances.map((i) => i.stop("SIGTERM", 10_000)));
      await haproxy.stop("SIGTERM", 5_000);
    },
  };

  try {
    // The first instance alone first: it applies the migrations, the others then find them done.
    await instances[0]!.launch();
    await Promise.all(instances.slice(1).map((i) => i.launch()));
    await haproxy.launch();
    await waitUntilBalanced(proxyUrl, options.instances);
    for (let i = 0; i < options.workers; i++) await addWorker();
  } catch (error) {
    const tails = cluster.tails();
    await cluster.stop().catch(() => {});
    throw new Error(`${(error as Error).message}\n${tails}`, { cause: error });
  }
  return cluster;
}

/**
 * HAProxy answers through each instance: a few requests in a row all answer
 * 200 (round robin reaches each of them).
 */
async function waitUntilBalanced(proxyUrl: string, instances: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const statuses = [];
    for (let i = 0; i < 2 * instances; i++) {
      try {
        const response = await fetch(`${proxyUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        statuses.push(response.status);
      } catch {
        statuses.push(0);
      }
    }
    if (statuses.every((s) => s === 200)) return;
    if (Date.now() > deadline) throw new Error(`HAProxy (${proxyUrl}) does not answer 200 through every instance: ${statuses.join(", ")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
