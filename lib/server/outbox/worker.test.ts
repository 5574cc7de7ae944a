// The outbox against a real database and a real SMTP server (smtp-server).
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { createSmtpMailer, type Mailer } from "../mail/mailer";
import { adminFr } from "@/lib/i18n/admin-fr";
import { deliverDue, drainOutbox, MAX_ATTEMPTS, startOutboxWorker } from "./worker";
import { enqueueMail } from "../mail/enqueue";
import { firstAmapId } from "@/db/queries";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;

const noWait = () => 0;
/** How long a poll may wait: the machines are shared, and a loaded one takes seconds where a quiet one takes milliseconds. */
const POLL = { timeout: 15_000 };
const link = (n: number) => ({ url: `http://localhost:3000/api/auth/callback/nodemailer?token=t${n}` });

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

beforeEach(async () => {
  await db.delete(outbox);
  sink.messages.length = 0;
  sink.rcptAttempts.length = 0;
  sink.decide = () => null;
});

async function rowFor(recipient: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.recipient, recipient));
  return row!;
}

describe("enqueueMail", () => {
  it("writes nothing that a rolled-back transaction enqueued", async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, await firstAmapId(tx), "sign-in", [{ to: "rollback@test.local", payload: link(1) }]);
        throw new Error("the change fails after enqueueing");
      }),
    ).rejects.toThrow("the change fails");
    const report = await drainOutbox({ db, mailer, backoffMs: noWait });
    expect(report.claimed).toBe(0);
    expect(sink.messages).toHaveLength(0);
    expect(await db.select().from(outbox)).toHaveLength(0);
  });

  it("keeps at most one row per dedupe key", async () => {
    const first = await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "a@test.local", payload: link(1), dedupeKey: "k1" }]);
    const again = await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "a@test.local", payload: link(2), dedupeKey: "k1" }]);
    expect([first, again]).toEqual([1, 0]);
    expect(await db.select().from(outbox)).toHaveLength(1);
  });
});

describe("deliverDue", () => {
  it("renders HTML and text, sends one personal message and records it", async () => {
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "alice@test.local", payload: link(7) }]);
    const report = await deliverDue({ db, mailer });
    expect(report).toMatchObject({ claimed: 1, sent: 1, failed: 0, retried: 0 });
    expect(sink.messages).toHaveLength(1);
    const message = sink.messages[0]!;
    expect(message.to).toMatchObject({ text: "alice@test.local" });
    expect(message.subject).toMatch(/^Votre lien de connexion/);
    expect(message.html).toContain("token=t7");
    expect(message.text).toContain("token=t7");
    const row = await rowFor("alice@test.local");
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.subject).toBe(message.subject);
    // The link is a secret: it does not stay in the database once sent.
    expect(JSON.stringify(row.payload)).not.toContain("token=");
  });

  it("retries a temporary (4xx) refusal and then delivers exactly once", async () => {
    sink.decide = (_to, attempt) => (attempt === 1 ? { code: 451, message: "Try again later" } : null);
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "greylisted@test.local", payload: link(2) }]);

    const first = await deliverDue({ db, mailer, backoffMs: noWait });
    expect(first).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    const waiting = await rowFor("greylisted@test.local");
    expect(waiting.status).toBe("pending");
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toMatch(/451|Try again later/);

    const second = await drainOutbox({ db, mailer, backoffMs: noWait });
    expect(second.sent).toBe(1);
    const third = await drainOutbox({ db, mailer, backoffMs: noWait });
    expect(third.claimed).toBe(0);

    expect(sink.messages).toHaveLength(1);
    expect(sink.rcptAttempts).toEqual(["greylisted@test.local", "greylisted@test.local"]);
    expect(await rowFor("greylisted@test.local")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("waits for the backoff before trying again", async () => {
    sink.decide = () => ({ code: 421, message: "Service not available" });
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "later@test.local", payload: link(3) }]);
    await deliverDue({ db, mailer }); // default backoff: 30 s
    const again = await deliverDue({ db, mailer });
    expect(again.claimed).toBe(0);
    const row = await rowFor("later@test.local");
    const [{ wait }] = (await db
      .select({ wait: sql<number>`extract(epoch from ${outbox.nextAttemptAt} - now())::int` })
      .from(outbox)
      .where(eq(outbox.id, row.id))) as [{ wait: number }];
    expect(wait).toBeGreaterThan(20);
    expect(wait).toBeLessThanOrEqual(30);
  });

  it("gives up at once on a permanent (5xx) refusal", async () => {
    sink.decide = () => ({ code: 550, message: "No such user" });
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "gone@test.local", payload: link(4) }]);
    const report = await drainOutbox({ db, mailer, backoffMs: noWait });
    expect(report).toMatchObject({ sent: 0, failed: 1, retried: 0 });
    await drainOutbox({ db, mailer, backoffMs: noWait });
    expect(sink.rcptAttempts).toEqual(["gone@test.local"]);
    expect(await rowFor("gone@test.local")).toMatchObject({ status: "failed", attempts: 1 });
    expect((await rowFor("gone@test.local")).lastError).toMatch(/550|No such user/);
  });

  it(`gives up on temporary errors after ${MAX_ATTEMPTS} attempts`, async () => {
    sink.decide = () => ({ code: 452, message: "Mailbox full" });
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "full@test.local", payload: link(5) }]);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) await deliverDue({ db, mailer, backoffMs: noWait });
    expect(await rowFor("full@test.local")).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(sink.rcptAttempts).toHaveLength(MAX_ATTEMPTS);
  });

  it("retries when the SMTP server cannot be reached", async () => {
    const unreachable = createSmtpMailer("smtp://127.0.0.1:1", "x@localhost");
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "offline@test.local", payload: link(6) }]);
    const report = await deliverDue({ db, mailer: unreachable, backoffMs: noWait });
    unreachable.close();
    expect(report).toMatchObject({ retried: 1, failed: 0 });
    await drainOutbox({ db, mailer, backoffMs: noWait });
    expect(sink.messages).toHaveLength(1);
    expect(await rowFor("offline@test.local")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("takes back the rows of a worker that died mid-send, and ignores its late report", async () => {
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "crash@test.local", payload: link(8) }]);
    // A worker claims the row and dies: simulate with a mailer that never returns.
    const hanging: Mailer = { send: () => new Promise(() => {}), close: () => {} };
    void deliverDue({ db, mailer: hanging });
    await expect.poll(async () => (await rowFor("crash@test.local")).status, POLL).toBe("sending");
    // While the lease runs, nobody else sends it.
    expect((await deliverDue({ db, mailer })).claimed).toBe(0);
    // The lease ends: the row is claimed again and sent once.
    await db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` });
    expect((await deliverDue({ db, mailer })).sent).toBe(1);
    expect(sink.messages).toHaveLength(1);
    expect(await rowFor("crash@test.local")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("never sends a row twice when two workers run at once", async () => {
    const count = 60;
    await enqueueMail(
      db,
      await firstAmapId(db),
      "sign-in",
      Array.from({ length: count }, (_, i) => ({ to: `crowd${i}@test.local`, payload: link(i) })),
    );
    const second = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
    const [a, b] = await Promise.all([
      drainOutbox({ db, mailer, batchSize: 7, concurrency: 3 }),
      drainOutbox({ db, mailer: second, batchSize: 7, concurrency: 3 }),
    ]);
    second.close();
    expect(a.sent + b.sent).toBe(count);
    const recipients = sink.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text);
    expect(new Set(recipients).size).toBe(count);
    expect(recipients).toHaveLength(count);
    const rows = await db.select().from(outbox);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("keeps its messages in flight: one slow message does not hold up the rest of the round", async () => {
    await enqueueMail(db, await firstAmapId(db), "sign-in", Array.from({ length: 9 }, (_, i) => ({ to: `lane${i}@test.local`, payload: link(i) })));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inFlight = 0;
    let most = 0;
    const firstSlow: Mailer = {
      send: async (m) => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          if (m.to === "lane0@test.local") await gate;
          return await mailer.send(m);
        } finally {
          inFlight--;
        }
      },
      close: () => {},
    };
    const round = deliverDue({ db, mailer: firstSlow, concurrency: 3 });
    try {
      // The eight others go out while the first is still on its way.
      await expect.poll(() => sink.messages.length, POLL).toBe(8);
      expect((await rowFor("lane0@test.local")).status).toBe("sending");
    } finally {
      // Whatever happened, this round ends here: its messages must not reach the next test's sink.
      release();
      await round.catch(() => {});
    }
    expect(await round).toMatchObject({ claimed: 9, sent: 9 });
    expect(most).toBe(3);
  });

  it(`gives up on a message whose worker died at each of ${MAX_ATTEMPTS} attempts (leases run out), instead of retrying it for ever`, async () => {
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "poison@test.local", payload: link(9) }]);
    // A message that kills the worker every time: its send never comes back.
    const dies: Mailer = { send: () => new Promise(() => {}), close: () => {} };
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      void deliverDue({ db, mailer: dies });
      await expect.poll(async () => (await rowFor("poison@test.local")).attempts, POLL).toBe(i);
      expect((await rowFor("poison@test.local")).status).toBe("sending");
      // The lease runs out (120 s in real life).
      await db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` });
    }
    const lastTry = await rowFor("poison@test.local");
    // Every attempt is spent: the next worker records the failure and sends nothing.
    const report = await deliverDue({ db, mailer });
    expect(sink.messages).toHaveLength(0);
    expect(report).toMatchObject({ claimed: 0, failed: 1 });
    // Each lost attempt was said in the log, then the giving up.
    expect(lastTry.lastError).toBe(adminFr.emails.workerErrors.interrupted);
    const row = await rowFor("poison@test.local");
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lockedUntil: null });
    expect(row.lastError).toBe(adminFr.emails.workerErrors.gaveUp(MAX_ATTEMPTS));
    // And nothing more happens to it.
    await db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` });
    expect((await drainOutbox({ db, mailer, backoffMs: noWait })).claimed).toBe(0);
    expect(sink.rcptAttempts).toHaveLength(0);
  });
});

describe("a database failure after the SMTP server accepted a message", () => {
  // The database refuses to record "sent" while the switch is on (a trigger:
  // a real database error, on exactly that write).
  beforeAll(async () => {
    await db.execute(sql`create table if not exists outbox_fault (refuse boolean not null)`);
    await db.execute(sql`
      create or replace function outbox_refuse_sent() returns trigger language plpgsql as $$
      begin
        if new.status = 'sent' and exists (select 1 from outbox_fault where refuse) then
          raise exception 'connection lost (test fault)';
        end if;
        return new;
      end $$`);
    await db.execute(sql`drop trigger if exists outbox_refuse_sent on outbox`);
    await db.execute(sql`create trigger outbox_refuse_sent before update on outbox for each row execute function outbox_refuse_sent()`);
  });
  afterAll(async () => {
    await db.execute(sql`drop trigger if exists outbox_refuse_sent on outbox`);
  });
  const refuseToRecord = async (refuse: boolean) => {
    await db.execute(sql`delete from outbox_fault`);
    await db.execute(sql`insert into outbox_fault (refuse) values (${refuse})`);
  };

  it("retries the recording, not the send: the message goes once", async () => {
    await refuseToRecord(true);
    try {
      await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "accepted@test.local", payload: link(10) }]);
      const first = await deliverDue({ db, mailer, backoffMs: noWait });
      expect(sink.messages).toHaveLength(1);
      // Rounds go on while the database still refuses; even once the lease has run out, this worker does not send it again.
      await drainOutbox({ db, mailer, backoffMs: noWait });
      await db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` });
      await drainOutbox({ db, mailer, backoffMs: noWait });
      expect(sink.messages).toHaveLength(1);
      expect(first).toMatchObject({ claimed: 1, sent: 1, unrecorded: 1, retried: 0, failed: 0 });
      // Not put back as « not sent »: no new attempt was made.
      const row = await rowFor("accepted@test.local");
      expect(row.status).toBe("sending");
      expect(row.attempts).toBe(1);
    } finally {
      await refuseToRecord(false);
    }
    // The database is back: the next round records it.
    expect(await deliverDue({ db, mailer, backoffMs: noWait })).toMatchObject({ claimed: 0 });
    const row = await rowFor("accepted@test.local");
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row.subject).toMatch(/^Votre lien de connexion/);
    expect(row.messageId).toBeTruthy();
    expect(JSON.stringify(row.payload)).not.toContain("token=");
    expect(sink.messages).toHaveLength(1);
    expect(sink.rcptAttempts).toEqual(["accepted@test.local"]);
  });

  it("a stopping worker records what it sent once the database answers again", async () => {
    await refuseToRecord(true);
    const worker = startOutboxWorker({ db, mailer, pollMs: 3_600_000, backoffMs: noWait, onError: () => {} });
    try {
      await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "stopping@test.local", payload: link(11) }]);
      worker.kick();
      await expect.poll(() => sink.messages.length, POLL).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      worker.kick();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sink.messages).toHaveLength(1);
      expect((await rowFor("stopping@test.local")).status).toBe("sending");
    } finally {
      await refuseToRecord(false);
    }
    await worker.stop();
    expect(await rowFor("stopping@test.local")).toMatchObject({ status: "sent", attempts: 1 });
    expect(sink.messages).toHaveLength(1);
  });
});
