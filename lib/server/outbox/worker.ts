import "server-only";
// The email outbox (DESIGN.md §5). Rows are written by `enqueueMail` (enqueue.ts) inside
// the caller's transaction, so a rolled-back change sends nothing. Workers
// (in the web process, or alone with `npm run worker`) claim due rows with
// FOR UPDATE SKIP LOCKED and a lease, send them outside any transaction, and
// record the result. A crash mid-send leaves the row `sending` until the
// lease ends, then it is retried (each claim counts as an attempt): at most
// the messages in flight go twice. A worker told to stop (SIGTERM) hands back
// at once the rows it claimed and has not started, so another worker takes
// them without waiting for the lease. A message the SMTP server accepted is
// never sent again because the database failed to record it: the recording
// is retried, not the send (see `recordSent`).
import { randomUUID } from "node:crypto";
import { and, eq, gte, inArray, lt, ne, notInArray, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { getEnv } from "@/lib/env";
import { outbox } from "@/db/schema";
import { adminFr } from "@/lib/i18n/admin-fr";
import { workerSlot, type OutboxWorker } from "../mail";
import type { MailHandler } from "../mail";
import { isMailKind, mailHandlers } from "./registry";
import { isEmailAddress } from "@/lib/domain/intermittents";
import { fr } from "@/lib/i18n/fr";
import { getSettings, homeAmapId, logError } from "../core";
import { getMailer, isPermanentMailError, type Mailer } from "../mail";
import { renderMail } from "../mail";
import { roundCache, type RoundCache } from "../mail";

export const MAX_ATTEMPTS = 12;
/**
 * How long a claimed row stays ours by default (OUTBOX_LEASE_SECONDS); renewed
 * as each message starts once half of it has gone (see deliverOne).
 */
export const LEASE_SECONDS = 120;

/** Messages a worker has in flight at once: what a crash can make go twice. */
export const DEFAULT_CONCURRENCY = 8;

/** 30 s, 1 min, 2 min … capped at one hour. */
export function defaultBackoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type DeliveryOptions = {
  db?: Db;
  mailer?: Mailer;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Messages sent at once within a round. */
  concurrency?: number;
  backoffMs?: (attempts: number) => number;
  /** Milliseconds on a monotonic clock (tests move time on). */
  clock?: () => number;
  /** Aborted when the worker stops: claimed rows not yet started are handed back at once (see `releaseUnstarted`). */
  signal?: AbortSignal;
  /** The claim's lease, in seconds (default OUTBOX_LEASE_SECONDS, itself 120 by default). */
  leaseSeconds?: number;
};

export type DeliveryReport = {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  /** Claimed, but the lease ran out before its turn and another worker took it. */
  lost: number;
  /** Accepted by the SMTP server (counted in `sent`), but the database refused to record it: recorded later, never sent again. */
  unrecorded: number;
  /** Claimed, not yet started when the worker was stopped: handed back, due at once for another worker. */
  released: number;
};

const emptyReport = (): DeliveryReport => ({ claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0, lost: 0, unrecorded: 0, released: 0 });

type ClaimedRow = { id: number; amapId: number | null; kind: string; recipient: string; payload: Record<string, unknown>; attempts: number };

/** What `sent` writes besides the status: kept in memory while the database refuses it. */
type SentRecord = { subject: string; messageId: string; redactPayload: boolean };

// Sent messages whose recording failed, by outbox id, for this process.
// NOTE: on globalThis for the same reason as the worker below.
const globalForUnrecorded = globalThis as unknown as { __espaceOutboxUnrecorded?: Map<number, SentRecord> };
const unrecorded: Map<number, SentRecord> = (globalForUnrecorded.__espaceOutboxUnrecorded ??= new Map());

/**
 * Records a message as sent. The SMTP server has it: whatever the row has
 * become since (a lease that ran out and another claim, a failure recorded by
 * that other worker), it went out, so only a row already `sent` is left alone.
 */
async function recordSent(db: Db, id: number, record: SentRecord): Promise<void> {
  await db
    .update(outbox)
    .set({
      status: "sent",
      sentAt: sql`now()`,
      lockedUntil: null,
      lastError: null,
      subject: record.subject,
      messageId: record.messageId,
      ...(record.redactPayload ? { payload: { redacted: true } } : {}),
    })
    .where(and(eq(outbox.id, id), ne(outbox.status, "sent")));
}

/** Tries again to record the messages sent earlier whose recording failed. Returns how many are still unrecorded. */
async function recordUnrecorded(db: Db): Promise<number> {
  for (const [id, record] of [...unrecorded]) {
    try {
      await recordSent(db, id, record);
      unrecorded.delete(id);
    } catch {
      // Still refused: kept for the next round.
    }
  }
  return unrecorded.size;
}

async function claimDue(db: Db, batchSize: number, token: string, leaseSeconds: number): Promise<{ rows: ClaimedRow[]; gaveUp: number }> {
  // A row whose lease ran out was claimed and never finished: its worker
  // died, perhaps because of this very message. Each claim counted as an
  // attempt; at the limit it is given up like any other failure, instead of
  // being tried again at the end of every lease for ever.
  const gaveUp = await db
    .update(outbox)
    .set({ status: "failed", lockedUntil: null, lastError: adminFr.emails.workerErrors.gaveUp(MAX_ATTEMPTS) })
    .where(and(eq(outbox.status, "sending"), lt(outbox.lockedUntil, sql`now()`), gte(outbox.attempts, MAX_ATTEMPTS)))
    .returning({ id: outbox.id });
  // Sent but not yet recorded by this process: never claimed again here.
  const mine = [...unrecorded.keys()];
  const notMine = mine.length > 0 ? sql`and ${notInArray(outbox.id, mine)}` : sql``;
  const result = await db.execute(sql`
    update ${outbox}
       set last_error = case when status = 'sending' then ${adminFr.emails.workerErrors.interrupted} else last_error end,
           status = 'sending',
           attempts = attempts + 1,
           locked_until = now() + make_interval(secs => ${leaseSeconds}),
           claim_token = ${token}
     where id in (
       select id from ${outbox}
        where ((status = 'pending' and next_attempt_at <= now())
           or (status = 'sending' and locked_until < now() and attempts < ${MAX_ATTEMPTS}))
          ${notMine}
        order by next_attempt_at, id
        limit ${batchSize}
        for update skip locked)
    returning id, amap_id as "amapId", kind, recipient, payload, attempts`);
  // postgres-js returns the rows array itself; PGlite returns { rows }.
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as ClaimedRow[];
  return { rows: rows.map((r) => ({ ...r, id: Number(r.id), amapId: r.amapId === null ? null : Number(r.amapId), attempts: Number(r.attempts) })), gaveUp: gaveUp.length };
}

/** Delivers one round of due rows. Safe to run from several processes at once. */
export async function deliverDue(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const db = options.db ?? (await getDb());
  const mailer = options.mailer ?? getMailer();
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const token = randomUUID();
  const leaseSeconds = options.leaseSeconds ?? getEnv().OUTBOX_LEASE_SECONDS;
  // First what this process sent earlier and could not record (the database was failing).
  await recordUnrecorded(db);
  const { rows, gaveUp } = await claimDue(db, options.batchSize ?? 50, token, leaseSeconds);
  // Local time of the claim: the lease (set by the database before it answered) runs at least until claimedAt + leaseSeconds.
  const clock = options.clock ?? (() => performance.now());
  const claimedAt = clock();
  const report: DeliveryReport = { ...emptyReport(), claimed: rows.length, failed: gaveUp };
  const ours = (id: number) => and(eq(outbox.id, id), eq(outbox.claimToken, token), eq(outbox.status, "sending"));
  // One cache per AMAP of the round: what a handler read for one AMAP never answers a message of another.
  const caches = new Map<number, RoundCache>();
  const cacheOf = (amapId: number) => {
    let cache = caches.get(amapId);
    if (!cache) caches.set(amapId, (cache = roundCache()));
    return cache;
  };

  async function deliverOne(row: ClaimedRow): Promise<void> {
    // A round sends its batch a few at a time: with a slow SMTP server the
    // last rows start long after the claim. Once half the lease has gone,
    // renew it as each one starts; if it already ran out and another worker
    // took the row, leave it to them — so only a message actually in flight
    // can ever go twice. Before that, nobody else can have taken the row.
    if (clock() - claimedAt > (leaseSeconds * 1000) / 2) {
      const renewed = await db
        .update(outbox)
        .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
        .where(ours(row.id))
        .returning({ id: outbox.id });
      if (renewed.length === 0) {
        report.lost++;
        return;
      }
    }
    let sent: SentRecord;
    try {
      if (!isMailKind(row.kind)) throw new Error(`unknown mail kind ${row.kind}`);
      const handler = mailHandlers[row.kind] as MailHandler<unknown>;
      const amapId = row.amapId ?? (await homeAmapId(db));
      const prepared = await handler(row.payload, db, amapId, cacheOf(amapId));
      if (!prepared) {
        await db.update(outbox).set({ status: "skipped", lockedUntil: null }).where(ours(row.id));
        report.skipped++;
        return;
      }
      const { html, text } = await (prepared.rendered ?? renderMail(prepared.element));
      const { amapName, replyTo, contactEmail } = await cacheOf(amapId)(`settings:${amapId}`, () => getSettings(db, amapId));
      // One plain address, or none: a stored value the settings' form would refuse never becomes a recipient list.
      const amapReplyTo = [replyTo, contactEmail].find((address) => isEmailAddress(address));
      const { messageId } = await mailer.send({
        fromName: fr.emails.fromName(amapName.replace(/[\u0000-\u001f\u007f]+/g, " ")),
        to: row.recipient,
        subject: prepared.subject,
        html,
        text,
        headers: prepared.headers,
        // Answers go to the AMAP (its reply-to, else its contact), unless the mail names someone.
        replyTo: prepared.replyTo ?? amapReplyTo,
        attachments: prepared.attachments,
      });
      sent = { subject: prepared.subject, messageId, redactPayload: prepared.redactPayload === true };
    } catch (error) {
      // Not sent (or refused): tried again later, or given up.
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = isPermanentMailError(error) || row.attempts >= MAX_ATTEMPTS;
      await db
        .update(outbox)
        .set(
          giveUp
            ? { status: "failed", lockedUntil: null, lastError: message.slice(0, 2000) }
            : {
                status: "pending",
                lockedUntil: null,
                lastError: message.slice(0, 2000),
                nextAttemptAt: sql`now() + make_interval(secs => ${backoffMs(row.attempts) / 1000})`,
              },
        )
        .where(ours(row.id));
      if (giveUp) report.failed++;
      else report.retried++;
      return;
    }
    // Sent: from here on, a failure is the database's, and the message must
    // not go again. The recording is kept and retried (next rounds, and when
    // the worker stops); the row is never claimed again by this process meanwhile.
    report.sent++;
    try {
      await recordSent(db, row.id, sent);
    } catch {
      unrecorded.set(row.id, sent);
      report.unrecorded++;
    }
  }

  // `concurrency` messages in flight at any moment: each one done starts the next.
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  let next = 0;
  const lane = async () => {
    while (next < rows.length) await deliverOne(rows[next++]!);
  };
  // Stopping: the rows no lane has started go back now (the messages in
  // flight finish and are recorded as usual), so another worker sends them
  // without waiting for the lease.
  let releasing: Promise<void> | undefined;
  const release = () => {
    const unstarted = rows.slice(next).map((row) => row.id);
    next = rows.length;
    releasing = releaseUnstarted(db, unstarted, token).then(
      (count) => void (report.released += count),
      () => {}, // the database refused: the rows come back when their lease ends, as after a crash
    );
  };
  const signal = options.signal;
  if (signal?.aborted) release();
  else signal?.addEventListener("abort", release, { once: true });
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
  } finally {
    signal?.removeEventListener("abort", release);
  }
  await releasing;
  if (report.unrecorded > 0) await recordUnrecorded(db);
  return report;
}

/**
 * Hands back rows this claim holds and has not started: pending, due now,
 * and the attempt their claim counted is taken back (nothing was tried).
 */
async function releaseUnstarted(db: Db, ids: number[], token: string): Promise<number> {
  if (ids.length === 0) return 0;
  const released = await db
    .update(outbox)
    .set({ status: "pending", lockedUntil: null, claimToken: null, attempts: sql`${outbox.attempts} - 1`, nextAttemptAt: sql`now()` })
    .where(and(inArray(outbox.id, ids), eq(outbox.claimToken, token), eq(outbox.status, "sending")))
    .returning({ id: outbox.id });
  return released.length;
}

/** Delivers until nothing is due (each round claims a fresh batch). */
export async function drainOutbox(options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const total = emptyReport();
  for (;;) {
    if (options.signal?.aborted) return total;
    const round = await deliverDue(options);
    for (const key of Object.keys(total) as (keyof DeliveryReport)[]) total[key] += round[key];
    // Stop when the round found nothing new to finish (only retries left, or empty).
    if (round.claimed === 0 || round.sent + round.skipped + round.failed === 0) return total;
  }
}

// ---------------------------------------------------------------------------
// The worker loop: kicked after a commit, polling as a fallback.


export function startOutboxWorker(options: DeliveryOptions & { pollMs: number; onError?: (e: unknown) => void }): OutboxWorker {
  if (workerSlot.worker) return workerSlot.worker;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const stopping = new AbortController();
  const delivery = { ...options, signal: stopping.signal };
  const onError = options.onError ?? ((error) => logError("outbox", { error }));

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await drainOutbox(delivery);
        } catch (error) {
          onError(error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(run, options.pollMs);
  timer.unref?.();
  run();
  const worker: OutboxWorker = {
    kick: () => setImmediate(run),
    /** Claims nothing more, hands back the claimed rows not yet started, lets the messages in flight finish. */
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      stopping.abort();
      await running;
      // A last try at recording what went out (what stays unrecorded may go again after the lease).
      if (unrecorded.size > 0) await recordUnrecorded(options.db ?? (await getDb())).catch(() => {});
      if (workerSlot.worker === worker) workerSlot.worker = undefined;
    },
  };
  workerSlot.worker = worker;
  return worker;
}
