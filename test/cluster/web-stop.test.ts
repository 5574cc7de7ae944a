// A web instance's graceful stop (issue 14, item 2): scripts/serve.mjs, the
// command systemd and `npm start` run, on the production build, told SIGTERM.
// It refuses new connections at once, answers the request it was reading,
// hands back the emails its in-process worker had claimed and not started,
// and exits 0 — within SHUTDOWN_GRACE_MS even when a client never finishes.
// Postgres only (the cluster suite's database), like the other multi-process tests.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { count } from "drizzle-orm";
import { freePort, webInstanceArgs } from "./harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { firstAmapId } from "@/db/queries";
import { outbox } from "@/db/schema";
import { dataDir, getEnv } from "@/lib/env";
import { createSmtpMailer } from "@/lib/server/mail/mailer";
import { enqueueMail } from "@/lib/server/mail/enqueue";
import { drainOutbox } from "@/lib/server/outbox/worker";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";

const root = path.resolve(import.meta.dirname, "../..");
const FROM = "Espace intermittents <test@localhost>";

let db: Db;
let sink: SmtpSink;

beforeAll(async () => {
  if (!getEnv().DATABASE_URL) throw new Error("the cluster suite runs on Postgres: set DATABASE_URL");
  db = await getDb();
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.close();
});


type Instance = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, webInstanceArgs(port), {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: getEnv().DATABASE_URL,
      DATA_DIR: dataDir(),
      APP_URL: `http://localhost:${port}`,
      AUTH_SECRET: "web-stop-test-secret-never-used-elsewhere",
      SMTP_URL: sink.url,
      MAIL_FROM: FROM,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve.mjs exited with ${child.exitCode}\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`serve.mjs did not answer /api/health within 60 s\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, port, output: () => output, exited };
}

/** A POST whose body arrives in two parts: in flight until `finish` is called. */
function slowPost(port: number) {
  let answered!: (a: { status: number; body: string } | { error: string }) => void;
  const answer = new Promise<{ status: number; body: string } | { error: string }>((resolve) => (answered = resolve));
  const request = http.request(
    { host: "127.0.0.1", port, path: "/connexion", method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } },
    (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => answered({ status: response.statusCode ?? 0, body }));
    },
  );
  request.on("error", (error) => answered({ error: (error as NodeJS.ErrnoException).code ?? error.message }));
  request.write("email=");
  return { answer, finish: () => request.end("quelqu-un%40exemple.fr") };
}

async function statuses() {
  const rows = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

function withOutput<T>(instance: Instance, run: () => Promise<T>): Promise<T> {
  return run().catch((error: Error) => {
    throw new Error(`${error.message}\n--- serve.mjs ---\n${instance.output()}`, { cause: error });
  });
}

describe("SIGTERM to a web instance (scripts/serve.mjs)", () => {
  it("answers the request in flight, refuses new connections, hands back its unstarted emails, exits 0", async () => {
    const to = Array.from({ length: 60 }, (_, i) => `arret-${i}@test.local`);
    await enqueueMail(
      db,
      await firstAmapId(db),
      "sign-in",
      to.map((address, i) => ({ to: address, payload: { url: `http://localhost/api/auth/callback/nodemailer?token=arret${i}` } })),
    );
    sink.delayMs = 150; // slow enough that most are still waiting when the signal comes
    const instance = await startInstance({ OUTBOX_IN_PROCESS: "1", OUTBOX_POLL_MS: "200" });
    try {
      await withOutput(instance, async () => {
        await expect.poll(() => sink.messages.length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(3);
        const inFlight = slowPost(instance.port);
        await new Promise((resolve) => setTimeout(resolve, 300)); // the server is reading it
        const signalledAt = performance.now();
        instance.child.kill("SIGTERM");
        await new Promise((resolve) => setTimeout(resolve, 300));
        // New connections are refused from now on: a load balancer sends them elsewhere.
        const fresh = await fetch(`http://127.0.0.1:${instance.port}/api/health`).then(
          (r) => `HTTP ${r.status}`,
          (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message,
        );
        expect(fresh).toBe("ECONNREFUSED");
        // The one being read is answered in full.
        inFlight.finish();
        const answer = await inFlight.answer;
        expect(answer).toMatchObject({ status: 200 });
        expect("body" in answer && answer.body).toContain("</html>");
        expect(await instance.exited).toBe(0);
        expect(performance.now() - signalledAt).toBeLessThan(10_000);
      });
      const atExit = await statuses();
      expect(atExit.sending ?? 0).toBe(0); // nothing left under a lease
      expect(atExit.sent ?? 0).toBeLessThan(60); // it stopped mid-way
      expect(instance.output()).toContain("SIGTERM reçu");

      // Another worker, at once: the rest goes out, each email exactly once.
      sink.delayMs = 0;
      const mailer = createSmtpMailer(sink.url, FROM);
      try {
        await drainOutbox({ db, mailer, backoffMs: () => 0 });
      } finally {
        mailer.close();
      }
      expect(await statuses()).toEqual({ sent: 60 });
      const seen = new Map<string, number>();
      for (const m of sink.messages) {
        const address = (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? "";
        seen.set(address, (seen.get(address) ?? 0) + 1);
      }
      expect(to.map((address) => seen.get(address) ?? 0)).toEqual(to.map(() => 1));
    } finally {
      if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
    }
  }, 120_000);

  it("does not wait past SHUTDOWN_GRACE_MS for a client that never finishes", async () => {
    const instance = await startInstance({ OUTBOX_IN_PROCESS: "0", SHUTDOWN_GRACE_MS: "1500" });
    try {
      await withOutput(instance, async () => {
        const stuck = slowPost(instance.port); // its body never ends
        await new Promise((resolve) => setTimeout(resolve, 300));
        const signalledAt = performance.now();
        instance.child.kill("SIGTERM");
        expect(await instance.exited).toBe(0);
        const took = performance.now() - signalledAt;
        expect(took).toBeGreaterThanOrEqual(1_400);
        expect(took).toBeLessThan(6_000);
        expect(await stuck.answer).toEqual({ error: "ECONNRESET" });
        expect(instance.output()).toContain("leurs connexions sont coupées");
      });
    } finally {
      if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
    }
  }, 120_000);
});
