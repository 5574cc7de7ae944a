import "server-only";
// What the features use of the outbox: write mail rows in their own
// transaction, and wake the in-process worker after the commit. Delivery is
// lib/server/outbox/, which needs every feature's mail handlers.
import { outbox } from "@/db/schema";
import type { Executor } from "@/db/client";
import type { MailKind, MailPayloads } from "./kinds";

export type NewMail<K extends MailKind> = {
  to: string;
  payload: MailPayloads[K];
  /** Scheduled mail: at most one row per key, ever (e.g. "reminder:offer:12:eve"). */
  dedupeKey?: string;
};

/** Writes outbox rows of an AMAP's mail in the caller's transaction. Returns how many were new. */
export async function enqueueMail<K extends MailKind>(ex: Executor, amapId: number, kind: K, mails: NewMail<K>[]): Promise<number> {
  if (mails.length === 0) return 0;
  const inserted = await ex
    .insert(outbox)
    .values(mails.map((m) => ({ amapId, kind, recipient: m.to, payload: m.payload, dedupeKey: m.dedupeKey ?? null })))
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return inserted.length;
}

export type OutboxWorker = { kick: () => void; stop: () => Promise<void> };

export type WorkerState = { worker?: OutboxWorker };
// NOTE: shared through globalThis because Next may load this module in
// several server chunks; a kick from a server action must reach the worker
// started by instrumentation.ts.
const globalForWorker = globalThis as unknown as { __espaceOutbox?: WorkerState };
export const workerSlot: WorkerState = (globalForWorker.__espaceOutbox ??= {});

/** Asks the in-process worker, if any, to deliver now. Call after a commit that enqueued mail. */
export function kickOutbox(): void {
  workerSlot.worker?.kick();
}
