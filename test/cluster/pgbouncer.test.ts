// pgbouncer in transaction mode (deploy/pgbouncer.ini, Debian's pgbouncer):
// the app's tests that lean on Postgres's locks — the sign-in limits and the
// join requests (transaction advisory locks), 200 reservations at once and
// the race between two processes (row locks), the outbox (FOR UPDATE SKIP
// LOCKED), the retention, the migrations of each fresh database — run through
// it with `?prepare=false`, as deploy/README.md says a deployment must.
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { freePort } from "./harness";
import { afterAll, beforeAll, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const THROUGH_LOCKS = [
  "test/integration/sign-in.test.ts",
  "lib/server/auth/auth.test.ts",
  "lib/server/exchange/concurrency.test.ts",
  "lib/server/exchange/reserve-race.test.ts",
  "lib/server/outbox/worker.test.ts",
  "lib/server/list/intermittents.test.ts",
  "lib/server/core/retention.test.ts",
];

let folder: string;
let port: number;
let stopBouncer: () => void = () => {};
let bouncerOutput = "";


/** The kit's file with a port of the test's, and no password (the test's Postgres trusts loopback). */
function testConfig(): string {
  const kit = readFileSync(path.join(root, "deploy/pgbouncer.ini"), "utf8");
  const replaced = kit
    .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
    .replace(/^auth_type = .*$/m, "auth_type = trust")
    .replace(/^auth_file = .*$/m, `auth_file = ${folder}/userlist.txt\nlogfile = ${folder}/pgbouncer.log\nunix_socket_dir =`);
  expect(replaced.match(/^(listen_port|auth_type|auth_file) = .*$/gm)).toHaveLength(3);
  return replaced;
}

beforeAll(async () => {
  const server = new URL(process.env.DATABASE_URL ?? "");
  if (server.protocol !== "postgres:" && server.protocol !== "postgresql:") throw new Error("the cluster suite runs on Postgres: set DATABASE_URL");
  folder = mkdtempSync(path.join(os.tmpdir(), "pgbouncer-"));
  port = await freePort();
  writeFileSync(path.join(folder, "userlist.txt"), `"${decodeURIComponent(server.username || "postgres")}" ""\n`);
  writeFileSync(path.join(folder, "pgbouncer.ini"), testConfig());
  // pgbouncer refuses to run as root: CI (root) has it switch to the postgres user, who must read the folder.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(folder, 0o777);
  const child = spawn("pgbouncer", [...(asRoot ? ["-u", "postgres"] : []), path.join(folder, "pgbouncer.ini")], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d) => (bouncerOutput += d));
  child.stderr.on("data", (d) => (bouncerOutput += d));
  stopBouncer = () => child.kill("SIGTERM");
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(!!socket.end()));
      socket.once("error", () => resolve(false));
    });
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`pgbouncer did not start\n${bouncerOutput}\n${readLog()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(() => {
  stopBouncer();
  rmSync(folder, { recursive: true, force: true });
});

function readLog(): string {
  try {
    return readFileSync(path.join(folder, "pgbouncer.log"), "utf8");
  } catch {
    return "";
  }
}

function bouncerUrl(): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.host = `127.0.0.1:${port}`;
  url.searchParams.set("prepare", "false");
  return url.toString();
}

it("sets the app's time limits on its server connections (connect_query), which it cannot send itself", async () => {
  const sql = postgres(bouncerUrl(), { max: 1, onnotice: () => {} });
  try {
    const [limits] = await sql`select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle`;
    expect(limits).toEqual({ statement: "8s", idle: "15s" });
  } finally {
    await sql.end({ timeout: 5 });
  }
});

it("runs the tests of the locks through pgbouncer in transaction mode, green", async () => {
  const vitest = spawn(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", ...THROUGH_LOCKS], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: bouncerUrl() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  vitest.stdout.on("data", (d) => (output += d));
  vitest.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => vitest.once("exit", resolve));
  const summary = output.split("\n").filter((line) => /Test Files|Tests /.test(line));
  expect(code, `${output.slice(-6000)}\n--- pgbouncer ---\n${readLog().slice(-3000)}`).toBe(0);
  // Every file ran (none was left out by a bad path).
  expect(summary.join(" ")).toMatch(new RegExp(`${THROUGH_LOCKS.length} passed`));
}, 600_000);
