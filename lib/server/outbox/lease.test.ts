// A short lease (OUTBOX_LEASE_SECONDS, e.g. the cluster test's few seconds)
// keeps the outbox's promise: only a message in flight can go twice. A round
// longer than its lease renews it as each message starts once half of it has
// gone, so a message still being sent when the first lease ends is not taken
// by another worker; the rows not yet started when it ends go to the other
// worker (and the first one leaves them) — each message goes exactly once.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { firstAmapId } from "@/db/queries";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { createSmtpMailer, type Mailer } from "../mail/mailer";
import { enqueueMail } from "../mail/enqueue";
import { deliverDue } from "./worker";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

it("a round longer than a 3 s lease, against another worker polling all along: each message goes exactly once", async () => {
  const to = Array.from({ length: 12 }, (_, i) => `lease-${i}@test.local`);
  await enqueueMail(db, await firstAmapId(db), "sign-in", to.map((address, i) => ({ to: address, payload: { url: `http://localhost:3000/x?token=lease${i}` } })));
  // One at a time, 1.2 s each: the second starts before half the lease (not
  // renewed, done by 2.5 s); the third starts at ≈ 2.5 s (past half: renewed)
  // and is still being sent when the first lease ends at 3 s.
  sink.delayMs = 1_200;
  const slow = deliverDue({ db, mailer, batchSize: 12, concurrency: 1, leaseSeconds: 3 });
  const other = { claimed: 0, sent: 0 };
  let done = false;
  void slow.finally(() => (done = true));
  while (!done) {
    const round = await deliverDue({ db, mailer, leaseSeconds: 3 });
    other.claimed += round.claimed;
    other.sent += round.sent;
    await new Promise((r) => setTimeout(r, 100));
  }
  const report = await slow;
  // The renewed third one stayed the slow worker's; what its lease left is the other's.
  expect(report.sent).toBeGreaterThanOrEqual(3);
  expect(report.lost).toBe(other.claimed);
  expect(report.sent + other.sent).toBe(12);
  const seen = sink.messages.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text);
  expect(seen.sort()).toEqual([...to].sort());
  expect(await db.select({ n: count() }).from(outbox).where(eq(outbox.status, "sent"))).toEqual([{ n: 12 }]);
}, 60_000);
