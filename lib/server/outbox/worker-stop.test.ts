// A worker told to stop (issue 14, item 2): it hands back at once the rows it
// claimed and has not started, lets the messages in flight finish, and
// another worker sends the rest without waiting for the lease.
// The SIGTERM of `npm run worker` needs Postgres (the embedded database is
// one process's): skipped on PGlite, like the other multi-process tests.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { dataDir, getEnv } from "@/lib/env";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { createSmtpMailer, type Mailer } from "../mail/mailer";
import { deliverDue, drainOutbox, startOutboxWorker } from "./worker";
import { enqueueMail } from "../mail/enqueue";
import { firstAmapId } from "@/db/queries";

const FROM = "Espace intermittents <test@localhost>";
const noWait = () => 0;
const isPostgres = Boolean(getEnv().DATABASE_URL);
const POLL = { timeout: 30_000, interval: 20 };

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, FROM);
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

beforeEach(async () => {
  await db.delete(outbox);
  sink.messages.length = 0;
  sink.rcptAttempts.length = 0;
  sink.delayMs = 0;
});

async function enqueueSignInLinks(n: number, prefix: string): Promise<string[]> {
  const to = Array.from({ length: n }, (_, i) => `${prefix}-${i}@test.local`);
  await enqueueMail(
    db,
    await firstAmapId(db),
    "sign-in",
    to.map((address, i) => ({ to: address, payload: { url: `http://localhost:3000/api/auth/callback/nodemailer?token=${prefix}${i}` } })),
  );
  return to;
}

async function statuses() {
  const rows = await db.select({ status: outbox.status, n: count() }).from(outbox).groupBy(outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

function tallyRecipients(): Map<string, number> {
  const seen = new Map<string, number>();
  for (const m of sink.messages) {
    const to = (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? "";
    seen.set(to, (seen.get(to) ?? 0) + 1);
  }
  return seen;
}

describe("a stopping round", () => {
  it("hands back at once the rows it had not started; another worker sends them while the first finishes its own", async () => {
    const to = await enqueueSignInLinks(10, "handback");
    sink.delayMs = 1_500; // a slow server: the two first messages stay in flight a while
    const stopping = new AbortController();
    const round = deliverDue({ db, mailer, concurrency: 2, backoffMs: noWait, signal: stopping.signal });
    await expect.poll(() => sink.rcptAttempts.length, POLL).toBe(2);
    stopping.abort();

    // While the two in flight are still being accepted, the eight others are
    // due again, and another worker takes them (no lease to wait for).
    await expect.poll(async () => (await statuses()).pending ?? 0, POLL).toBe(8);
    sink.delayMs = 0;
    const other = await deliverDue({ db, mailer, backoffMs: noWait });
    expect(other).toMatchObject({ claimed: 8, sent: 8 });

    const first = await round;
    expect(first).toMatchObject({ claimed: 10, sent: 2, released: 8, lost: 0 });
    expect(await statuses()).toEqual({ sent: 10 });
    const seen = tallyRecipients();
    expect(to.map((address) => seen.get(address))).toEqual(to.map(() => 1));
    // The hand-back gave the claim's attempt back: each message counts the one try that sent it.
    const attempts = await db.select({ attempts: outbox.attempts }).from(outbox);
    expect(attempts.map((r) => r.attempts)).toEqual(to.map(() => 1));
  });

  it("worker.stop() claims nothing more and returns once its messages in flight are recorded", async () => {
    const to = await enqueueSignInLinks(6, "stop");
    sink.delayMs = 500;
    const worker = startOutboxWorker({ db, mailer, pollMs: 3_600_000, concurrency: 1, backoffMs: noWait, onError: () => {} });
    await expect.poll(() => sink.rcptAttempts.length, POLL).toBe(1);
    await worker.stop();
    expect(await statuses()).toEqual({ sent: 1, pending: 5 });
    expect(await drainOutbox({ db, mailer, backoffMs: noWait })).toMatchObject({ claimed: 5, sent: 5 });
    expect([...tallyRecipients().values()]).toEqual(to.map(() => 1));
  });
});

describe.skipIf(!isPostgres)("npm run worker and SIGTERM (Postgres)", () => {
  it("exits at once, every message goes exactly once, the rest without waiting for a lease", async () => {
    const to = await enqueueSignInLinks(120, "sigterm");
    sink.delayMs = 60;
    const root = path.resolve(import.meta.dirname, "../../..");
    let child: ChildProcess | undefined;
    let output = "";
    try {
      // tsx as a loader in this one process, as faults.test.ts does, so the signal reaches the worker itself.
      const worker = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/worker.ts"], {
        cwd: root,
        env: {
          DATABASE_URL: getEnv().DATABASE_URL,
          DATA_DIR: dataDir(),
          SMTP_URL: sink.url,
          MAIL_FROM: FROM,
          OUTBOX_POLL_MS: "200",
        } as unknown as NodeJS.ProcessEnv,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = worker;
      worker.stdout!.on("data", (d) => (output += d));
      worker.stderr!.on("data", (d) => (output += d));
      await expect.poll(() => sink.messages.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(10);

      const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
      const signalledAt = performance.now();
      worker.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(performance.now() - signalledAt).toBeLessThan(10_000);
      const atExit = await statuses();
      expect(atExit.sending ?? 0).toBe(0); // nothing left under a lease
      expect(atExit.sent ?? 0).toBeLessThan(120); // it really stopped mid-way

      // Another worker, now, with time left alone: the rest goes out.
      sink.delayMs = 0;
      await drainOutbox({ db, mailer, backoffMs: noWait });
      expect(await statuses()).toEqual({ sent: 120 });
      const seen = tallyRecipients();
      expect(to.map((address) => seen.get(address) ?? 0)).toEqual(to.map(() => 1));
      expect(await db.$count(outbox, eq(outbox.attempts, 1))).toBe(120);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- worker output ---\n${output}`, { cause: error });
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }, 120_000);
});
