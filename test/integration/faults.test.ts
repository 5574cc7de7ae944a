// Faults (issue 6, reliability matrix): the SMTP server down, silent, or
// refusing a recipient; the worker killed in the middle of a fan-out; the
// database's connections killed or refused. Mail is delayed, never lost,
// and sent twice only when it was in flight; a server action answers in
// French and the application recovers by itself.
// The database faults need Postgres (DATABASE_URL): they are skipped on PGlite.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getHealth } from "@/app/api/health/route";
import { reserveAction } from "@/app/paniers/actions";
import { idle, type ActionState } from "@/lib/action-state";
import { driverCrashListener, getDb, type Db } from "@/db/client";
import * as s from "@/db/schema";
import { dataDir, getEnv } from "@/lib/env";
import { fr } from "@/lib/i18n/fr";
import { intermittents, memberWithBasket, openOffer, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import type { Viewer } from "@/lib/server/auth/auth";
import { createSmtpMailer, SMTP_TIMEOUTS, type Mailer } from "@/lib/server/mail/mailer";
import { createOffers } from "@/lib/server/exchange/offers";
import { DEFAULT_CONCURRENCY, deliverDue, drainOutbox, LEASE_SECONDS, startOutboxWorker } from "@/lib/server/outbox/worker";
import { enqueueMail } from "@/lib/server/mail/enqueue";
import { firstAmapId } from "@/db/queries";

// Server actions outside Next: who is asking comes from here, and the cache has nothing to revalidate.
const session = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/lib/server/auth/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth/auth")>()),
  getViewer: async () => session.viewer,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// A short address (no AMAP named by it): the actions' redirects stay short (inRequestSpace).
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const FROM = "Espace intermittents <test@localhost>";
const noWait = () => 0;
const isPostgres = Boolean(getEnv().DATABASE_URL);

let db: Db;
let veg: s.Contract;

beforeAll(async () => {
  db = await getDb();
  veg = await vegetablesContract(db);
});

beforeEach(async () => {
  await db.delete(s.outbox);
});

/** Where the member of each test has its vegetables basket: a distribution in five days. */
const inFiveDays = { daysAhead: 5 };

/** Everyone on the list leaves it (each test counts its own audience). */
async function emptyTheList() {
  await db.update(s.intermittentMemberships).set({ leftAt: new Date() }).where(sql`${s.intermittentMemberships.leftAt} is null`);
}

const recipientOf = (m: SmtpSink["messages"][number]) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? "";

function tallyRecipients(sink: SmtpSink): Map<string, number> {
  const seen = new Map<string, number>();
  for (const m of sink.messages) seen.set(recipientOf(m), (seen.get(recipientOf(m)) ?? 0) + 1);
  return seen;
}

async function statuses() {
  const rows = await db.select({ status: s.outbox.status, n: count() }).from(s.outbox).groupBy(s.outbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Calls a server action as a form post would; a redirect (success) comes back as its target. */
async function submit<S>(action: (prev: S, form: FormData) => Promise<S>, fields: Record<string, string>): Promise<S | { redirect: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  try {
    return await action(idle as S, form);
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}

describe("SMTP down while an offer is announced to 500 intermittents", () => {
  it("the offer is made without waiting; once SMTP is back each of the 500 gets it once; a 5xx recipient is not retried", async () => {
    await emptyTheList();
    const people = await intermittents(db, 500, "fanout");
    const rejected = people[123]!.email;
    const member = await memberWithBasket(db, veg, inFiveDays);

    // The SMTP server goes away: its port now refuses connections.
    const first = await startSmtpSink();
    const port = Number(new URL(first.url).port);
    await first.close();
    const mailer = createSmtpMailer(first.url, FROM);
    const errors: unknown[] = [];
    const worker = startOutboxWorker({ db, mailer, pollMs: 3_600_000, backoffMs: noWait, onError: (e) => errors.push(e) });
    try {
      const started = Date.now();
      const result = await createOffers(member.viewer, {
        distributionIds: [member.distribution.id],
        subscriptionIds: [member.sub.id],
        message: "",
        autoAccept: false,
      });
      expect(result.ok).toBe(true);
      // Only outbox rows were written: generous bound for a shared 2-core machine.
      expect(Date.now() - started).toBeLessThan(20_000);
      // The worker, kicked by the commit, tries and fails; the request did not wait for it.
      await expect
        .poll(async () => (await db.select({ n: count() }).from(s.outbox).where(sql`${s.outbox.lastError} is not null`))[0]!.n, { timeout: 30_000 })
        .toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
    // Nothing got out, nothing was given up: every row waits for another try.
    expect(await statuses()).toEqual({ pending: 501 });
    const tried = await db.select({ n: count() }).from(s.outbox).where(sql`${s.outbox.attempts} > 0 and ${s.outbox.lastError} is not null`);
    expect(tried[0]!.n).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    // SMTP is back at the same address; one recipient is refused for good.
    const sink = await startSmtpSink({ port });
    sink.decide = (to) => (to === rejected ? { code: 550, message: "No such user" } : null);
    try {
      const report = await drainOutbox({ db, mailer, backoffMs: noWait });
      expect(report).toMatchObject({ sent: 500, failed: 1 });
      expect((await drainOutbox({ db, mailer, backoffMs: noWait })).claimed).toBe(0);

      const seen = tallyRecipients(sink);
      expect(sink.messages).toHaveLength(500);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
      for (const p of people) if (p.email !== rejected) expect(seen.get(p.email)).toBe(1);
      expect(seen.get(member.user.email)).toBe(1);
      // The 5xx refusal is final: asked once since the server came back, recorded as failed.
      expect(sink.rcptAttempts.filter((a) => a === rejected)).toHaveLength(1);
      const [row] = await db.select().from(s.outbox).where(eq(s.outbox.recipient, rejected));
      expect(row).toMatchObject({ status: "failed" });
      expect(row!.lastError).toMatch(/550|No such user/);
      expect(await statuses()).toEqual({ sent: 500, failed: 1 });
    } finally {
      mailer.close();
      await sink.close();
    }
  }, 180_000);
});

describe("an SMTP server that accepts the connection and never answers", () => {
  it("has every wait bounded, well inside the outbox lease", () => {
    for (const ms of Object.values(SMTP_TIMEOUTS)) expect(ms).toBeGreaterThan(0);
    const worstSend = SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.greetingTimeout + SMTP_TIMEOUTS.socketTimeout;
    expect(worstSend).toBeLessThan((LEASE_SECONDS * 1000) / 2);
  });

  it("holds up no request; the worker times out, retries later, and delivers once the server is sane", async () => {
    await emptyTheList();
    await intermittents(db, 3, "silent");
    const open: net.Socket[] = [];
    const hole = net.createServer((socket) => void open.push(socket)); // says nothing, ever
    await new Promise<void>((resolve) => hole.listen(0, "127.0.0.1", resolve));
    const holePort = (hole.address() as net.AddressInfo).port;
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${holePort}`, FROM, {
      timeouts: { connectionTimeout: 1_000, greetingTimeout: 1_000, socketTimeout: 2_000 },
    });
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "waiting@test.local", payload: { url: "http://localhost:3000/x?token=1" } }]);
    const worker = startOutboxWorker({ db, mailer, pollMs: 3_600_000, backoffMs: () => 60_000, onError: () => {} });
    const sink = await startSmtpSink();
    const good = createSmtpMailer(sink.url, FROM);
    try {
      await expect.poll(() => open.length, { timeout: 10_000 }).toBeGreaterThan(0);
      // While the worker waits on the silent server, an offer (to 3 people) is made.
      const member = await memberWithBasket(db, veg, inFiveDays);
      const made = await createOffers(member.viewer, { distributionIds: [member.distribution.id], subscriptionIds: [member.sub.id], message: "", autoAccept: false });
      expect(made.ok).toBe(true);
      expect(open.some((socket) => !socket.destroyed)).toBe(true); // still unanswered when the request was done

      await worker.stop(); // returns: the greeting timeout ended the wait
      const rows = await db.select().from(s.outbox);
      expect(rows.length).toBe(1 + 1 + 3);
      for (const row of rows.filter((r) => r.attempts > 0)) {
        expect(row.status).toBe("pending");
        expect(row.lastError).toMatch(/timeout|timed out|greeting/i);
        expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
      }
      expect(rows.some((r) => r.attempts > 0)).toBe(true);

      // Later (the backoff is over), through a server that answers: each once.
      await db.update(s.outbox).set({ nextAttemptAt: sql`now()` });
      await drainOutbox({ db, mailer: good, backoffMs: noWait });
      expect(await statuses()).toEqual({ sent: 5 });
      expect(sink.messages).toHaveLength(5);
      expect(new Set(sink.messages.map(recipientOf)).size).toBe(5);
    } finally {
      await worker.stop();
      mailer.close();
      good.close();
      await sink.close();
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => hole.close(resolve));
    }
  }, 60_000);
});

describe("a worker dies in the middle of a fan-out", () => {
  it("(simulated) its claimed rows go out after the lease; only the messages in flight can go twice", async () => {
    const sink = await startSmtpSink();
    const real = createSmtpMailer(sink.url, FROM);
    const total = 100;
    await enqueueMail(db, await firstAmapId(db), "sign-in", Array.from({ length: total }, (_, i) => ({ to: `fan${i}@test.local`, payload: { url: `http://localhost:3000/x?token=${i}` } })));
    // The dying worker: its first 5 sends complete, then the process dies.
    // The messages it had handed to the SMTP server by then never hear back;
    // after that it sends nothing. The rest of its batch never starts.
    let completed = 0;
    let reached = 0;
    let dead = false;
    const dying: Mailer = {
      send: async (mail) => {
        if (dead) return new Promise(() => {});
        reached++;
        const info = await real.send(mail);
        if (dead || ++completed > 5) {
          dead = true;
          return new Promise(() => {});
        }
        return info;
      },
      close: () => {},
    };
    try {
      void deliverDue({ db, mailer: dying, batchSize: 20, concurrency: DEFAULT_CONCURRENCY });
      await expect.poll(() => dead && sink.messages.length === reached, { timeout: 10_000 }).toBe(true);
      await expect.poll(async () => (await statuses()).sent ?? 0).toBe(5);
      // In flight when it died: handed over, not recorded; never more than its concurrency.
      const inFlight = reached - 5;
      expect(inFlight).toBeGreaterThanOrEqual(1);
      expect(inFlight).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
      // Another worker carries on; the dead one's 15 rows stay leased to it.
      await drainOutbox({ db, mailer: real, backoffMs: noWait });
      expect(await statuses()).toEqual({ sent: total - 15, sending: 15 });
      // The lease runs out: they are taken back.
      await db.update(s.outbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(s.outbox.status, "sending"));
      await drainOutbox({ db, mailer: real, backoffMs: noWait });
      expect(await statuses()).toEqual({ sent: total });

      const seen = tallyRecipients(sink);
      expect(seen.size).toBe(total);
      const twice = [...seen.values()].filter((n) => n > 1).length;
      expect(twice).toBe(inFlight);
      expect([...seen.values()].every((n) => n <= 2)).toBe(true);
    } finally {
      real.close();
      await sink.close();
    }
  }, 60_000);

  it("a slow worker whose lease ran out does not send what another worker has taken over", async () => {
    const sink = await startSmtpSink();
    const real = createSmtpMailer(sink.url, FROM);
    await enqueueMail(db, await firstAmapId(db), "sign-in", Array.from({ length: 6 }, (_, i) => ({ to: `slow${i}@test.local`, payload: { url: `http://localhost:3000/x?token=${i}` } })));
    // The slow worker sends one at a time, and its first send hangs until released.
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const slow: Mailer = {
      send: async (mail) => {
        if (++calls === 1) await gate;
        return real.send(mail);
      },
      close: () => {},
    };
    // Its own clock, moved on with the database's below.
    let now = 0;
    try {
      const slowRound = deliverDue({ db, mailer: slow, batchSize: 6, concurrency: 1, clock: () => now });
      await expect.poll(() => calls).toBe(1);
      // Its lease runs out while it waits; another worker takes the rest and sends them.
      now += LEASE_SECONDS * 1000 + 1000;
      await db.update(s.outbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(s.outbox.status, "sending"));
      const other = await deliverDue({ db, mailer: real, backoffMs: noWait });
      expect(other.sent).toBe(6);
      release();
      const late = await slowRound;
      // Its first message was already on its way (in flight: may go twice); the other five are left alone.
      expect(late.lost).toBe(5);
      const seen = tallyRecipients(sink);
      expect(seen.size).toBe(6);
      expect([...seen.values()].filter((n) => n > 1)).toEqual([2]);
      expect(await statuses()).toEqual({ sent: 6 });
    } finally {
      release();
      real.close();
      await sink.close();
    }
  });

  it.skipIf(!isPostgres)("(npm run worker, SIGKILL) every intermittent still gets the offer; duplicates at most the messages in flight", async () => {
    await emptyTheList();
    const people = await intermittents(db, 200, "killed");
    const sink = await startSmtpSink();
    sink.delayMs = 15; // a slow server, so the kill lands mid fan-out
    const root = path.resolve(import.meta.dirname, "../..");
    let child: ChildProcess | undefined;
    let output = "";
    try {
      // One process: tsx as a loader, not its CLI — the CLI runs the script in a
      // child of its own, which a SIGKILL of the CLI would leave running.
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
      const member = await memberWithBasket(db, veg, inFiveDays);
      const made = await createOffers(member.viewer, { distributionIds: [member.distribution.id], subscriptionIds: [member.sub.id], message: "", autoAccept: false });
      expect(made.ok).toBe(true);

      await expect.poll(() => sink.messages.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(40);
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      worker.kill("SIGKILL");
      await exited;
      const atKill = await statuses();
      expect(atKill.sent ?? 0).toBeLessThan(201); // it really died mid-way

      // Its leases run out (time is moved on, again if a claim it had sent
      // lands after the kill); a surviving worker finishes the job.
      sink.delayMs = 0;
      const mailer = createSmtpMailer(sink.url, FROM);
      await expect
        .poll(async () => {
          await db.update(s.outbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(s.outbox.status, "sending"));
          await drainOutbox({ db, mailer, backoffMs: noWait });
          return statuses();
        })
        .toEqual({ sent: 201 });
      mailer.close();
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the sink finish a message the dead worker had handed over

      const seen = tallyRecipients(sink);
      for (const p of people) expect(seen.get(p.email) ?? 0).toBeGreaterThanOrEqual(1);
      expect(seen.get(member.user.email)).toBeGreaterThanOrEqual(1);
      const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
      // Only what the dead worker had in flight could go twice: handed to
      // SMTP, not yet recorded as sent — one round's worth at most.
      expect(duplicates).toBeLessThanOrEqual(DEFAULT_CONCURRENCY);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- worker output ---\n${output}`, { cause: error });
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await sink.close();
    }
  }, 120_000);
});

describe.skipIf(!isPostgres)("the database's connections killed or refused (Postgres)", () => {
  let admin: postgres.Sql;
  let dbName: string;

  beforeAll(() => {
    const url = new URL(getEnv().DATABASE_URL!);
    dbName = url.pathname.slice(1);
    url.pathname = "/postgres";
    admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    await admin.unsafe(`alter database ${dbName} allow_connections true`);
    await admin.end();
  });

  /** What a restart does to the application's pool: every connection to our database is cut. */
  const killConnections = () =>
    admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
  /** Kills, then waits until the server has let them all go and the pool has heard of it. */
  async function killConnectionsAndWait() {
    await killConnections();
    await expect
      .poll(async () => (await admin`select count(*)::int as n from pg_stat_activity where datname = ${dbName}`)[0]!.n)
      .toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const refuseConnections = (refuse: boolean) => admin.unsafe(`alter database ${dbName} allow_connections ${!refuse}`);

  it("after every connection was cut, the next action simply works", async () => {
    const { offerId } = await openOffer(db, veg, inFiveDays);
    const [ines] = await intermittents(db, 1, "cut");
    session.viewer = await viewerOf(db, ines!.id);
    // Warm the pool, then cut every connection in it.
    await Promise.all(Array.from({ length: 6 }, () => db.execute(sql`select pg_sleep(0.01)`)));
    await killConnectionsAndWait();
    expect(await submit(reserveAction, { offerId: String(offerId) })).toEqual({ redirect: `/paniers?ok=reserved&offre=${offerId}#offre-${offerId}` });
    expect((await getHealth()).status).toBe(200);
  });

  it("while the database refuses connections: a French « réessayez », no error page; afterwards, full recovery", async () => {
    const { offerId } = await openOffer(db, veg, inFiveDays);
    const [ines] = await intermittents(db, 1, "down");
    session.viewer = await viewerOf(db, ines!.id);
    await db.delete(s.outbox);
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "later@test.local", payload: { url: "http://localhost:3000/x?token=9" } }]);
    const before = await db.select({ n: count() }).from(s.reservations);

    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    await refuseConnections(true);
    await killConnectionsAndWait();
    try {
      const answer = await submit(reserveAction, { offerId: String(offerId) });
      expect(answer).toEqual({ status: "error", message: fr.errors.actionFailed });
      expect(fr.errors.actionFailed).toMatch(/réessayez/i);
      // Auth.js reads no session when it cannot reach the database: that is
      // not "signed out", and must not send the person to the sign-in page.
      const signedIn = session.viewer;
      session.viewer = null;
      expect(await submit(reserveAction, { offerId: String(offerId) })).toEqual({ status: "error", message: fr.errors.actionFailed });
      session.viewer = signedIn;
      const health = await getHealth();
      expect(health.status).toBe(503);
      expect(JSON.stringify(await health.json())).not.toMatch(/at |\.ts:|postgres:\/\//);
      // The worker's round fails; its loop survives (it reports and polls again).
      await expect(deliverDue({ db, mailer: { send: async () => ({ messageId: "x" }), close: () => {} } })).rejects.toThrow();
      // The log names the cause, without the form's content.
      expect(consoleError).toHaveBeenCalledWith(expect.stringMatching(/^\[action\] error=".*(55000|not currently accepting connections)/));
    } finally {
      await refuseConnections(false);
      consoleError.mockRestore();
    }

    // Back: the same click works, nothing was half-written, mail flows again.
    expect((await db.select({ n: count() }).from(s.reservations))[0]!.n).toBe(before[0]!.n);
    expect(await submit(reserveAction, { offerId: String(offerId) })).toEqual({ redirect: `/paniers?ok=reserved&offre=${offerId}#offre-${offerId}` });
    expect((await getHealth()).status).toBe(200);
    const sink = await startSmtpSink();
    const mailer = createSmtpMailer(sink.url, FROM);
    await drainOutbox({ db, mailer, backoffMs: noWait });
    mailer.close();
    await sink.close();
    expect(sink.messages.map(recipientOf)).toContain("later@test.local");
  }, 60_000);

  it("connections cut in the middle of 30 reservations: every click gets an answer, the queue stays whole, the app recovers", async () => {
    const { offerId } = await openOffer(db, veg, inFiveDays);
    const people = await intermittents(db, 30, "storm");
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    // As in `npm run worker`, the application's guard is the only one to see
    // an uncaught exception (vitest's own listeners would count the driver's
    // known crash, which the guard exists to absorb, as a failure).
    const others = process.listeners("uncaughtException").filter((l) => l !== driverCrashListener);
    for (const l of others) process.off("uncaughtException", l);
    let answers: (ActionState | { redirect: string })[];
    try {
      const viewers = await Promise.all(people.map((p) => viewerOf(db, p.id)));
      // Each click is its own request with its own viewer.
      const clicks = viewers.map((v) => runAs(v, () => submit(reserveAction, { offerId: String(offerId) })));
      const cut = new Promise((resolve) => setTimeout(resolve, 20)).then(killConnections);
      const started = Date.now();
      [answers] = await Promise.all([Promise.all(clicks), cut]);
      // Generous: with broken pooled connections left in place, clicks queued
      // behind them waited 10 s connect timeouts, several times over (30 s+).
      expect(Date.now() - started).toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 200)); // deferred writes of cut connections fire
    } finally {
      for (const l of others) process.on("uncaughtException", l);
      consoleError.mockRestore();
    }
    // A renewed pool, if the guard had to renew it.
    db = await getDb();
    // No click threw: each either reserved or was told to try again, in French.
    for (const a of answers) {
      if ("redirect" in a) expect(a.redirect).toMatch(new RegExp(`^/paniers\\?ok=(reserved|queued)&offre=${offerId}#offre-${offerId}$`));
      else expect(a).toEqual({ status: "error", message: fr.errors.actionFailed });
    }
    // Whatever was cut mid-transaction left nothing behind: one pending, distinct places.
    const rows = await db
      .select({ status: s.reservations.status, position: s.reservations.position, who: s.reservations.intermittentId })
      .from(s.reservations)
      .where(eq(s.reservations.offerId, offerId));
    const ok = answers.filter((a) => "redirect" in a).length;
    expect(rows.length).toBeGreaterThanOrEqual(ok); // a commit whose answer was lost may count too
    expect(rows.filter((r) => r.status === "pending")).toHaveLength(rows.length > 0 ? 1 : 0);
    expect(new Set(rows.map((r) => r.position)).size).toBe(rows.length);
    const events = await db
      .select({ n: count() })
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.create")));
    expect(events[0]!.n).toBe(rows.length);

    // Those told to try again do so, and get in.
    const retry = people.filter((p) => !rows.some((r) => r.who === p.id));
    for (const p of retry) {
      const again = await runAs(await viewerOf(db, p.id), () => submit(reserveAction, { offerId: String(offerId) }));
      expect(again).toMatchObject({ redirect: expect.stringMatching(/^\/paniers\?ok=/) });
    }
    const after = await db
      .select({ status: s.reservations.status })
      .from(s.reservations)
      .where(and(eq(s.reservations.offerId, offerId), inArray(s.reservations.status, ["pending", "queued"])));
    expect(after).toHaveLength(30);
  }, 60_000);
});

/**
 * Runs an action as `v`. The viewer is read once, at the action's start, so
 * concurrent clicks each set it just before their own call.
 */
async function runAs<T>(v: Viewer, body: () => Promise<T>): Promise<T> {
  session.viewer = v;
  return body();
}
