import "server-only";
// The email log for référents: their AMAP's outbox, newest first, each message
// re-rendered on demand from fresh data, and failed ones sent again. Another
// AMAP's message (or the deployment's own, with no AMAP) answers as a missing one.
import { and, count, desc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { events, outbox, type OutboxRow } from "@/db/schema";
import type { Viewer } from "../auth";
import { INERT_TOKEN, linkUrl, withInertLinks } from "../core";
import type { MailKind } from "../mail";
import { isMailKind, mailHandlers } from "./registry";
import { kickOutbox } from "../mail";
import { renderMail } from "../mail";
import { isReferent, referentRead } from "../auth";

export const EMAIL_LOG_PAGE = 50;

export type EmailLogRow = Pick<
  OutboxRow,
  "id" | "kind" | "recipient" | "subject" | "status" | "attempts" | "lastError" | "createdAt" | "sentAt" | "nextAttemptAt"
>;

export async function listEmailLog(
  viewer: Viewer | null,
  { status, page = 1 }: { status?: OutboxRow["status"]; page?: number },
): Promise<{ rows: EmailLogRow[]; total: number } | null> {
  return referentRead(viewer, async (ex, referent) => {
    const where = and(eq(outbox.amapId, referent.amapId), status ? eq(outbox.status, status) : undefined);
    const [rows, [total]] = await Promise.all([
      ex
        .select({
          id: outbox.id,
          kind: outbox.kind,
          recipient: outbox.recipient,
          subject: outbox.subject,
          status: outbox.status,
          attempts: outbox.attempts,
          lastError: outbox.lastError,
          createdAt: outbox.createdAt,
          sentAt: outbox.sentAt,
          nextAttemptAt: outbox.nextAttemptAt,
        })
        .from(outbox)
        .where(where)
        .orderBy(desc(outbox.id))
        .limit(EMAIL_LOG_PAGE)
        .offset((Math.max(1, page) - 1) * EMAIL_LOG_PAGE),
      ex.select({ n: count() }).from(outbox).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  });
}

export type EmailPreview = { row: EmailLogRow; rendered: null | { subject: string; html: string; text: string } };

/**
 * The message as its handler composes it today, with inert links: the
 * preview shows what was sent, never a working « Valider », « Refuser »,
 * « Se désinscrire » or sign-in link of someone else's.
 */
async function render(ex: Executor, row: OutboxRow, amapId: number): Promise<EmailPreview["rendered"]> {
  if (!isMailKind(row.kind)) return null;
  // The sign-in link is the one secret a payload carries (until it is sent): never shown.
  const payload = row.kind === "sign-in" ? { url: linkUrl(INERT_TOKEN) } : row.payload;
  try {
    const handler = mailHandlers[row.kind as MailKind] as (p: unknown, ex: Executor, amapId: number) => ReturnType<(typeof mailHandlers)[MailKind]>;
    return await withInertLinks(async () => {
      const prepared = await handler(payload, ex, amapId);
      if (!prepared || !("element" in prepared)) return null;
      // Bulk handlers also start a personalised render for delivery: not needed here.
      prepared.rendered?.catch(() => {});
      const { html, text } = await renderMail(prepared.element);
      return { subject: prepared.subject, html, text };
    });
  } catch {
    return null;
  }
}

/** One message, rendered again from today's data (the outbox keeps ids, not bodies). */
export async function previewEmail(viewer: Viewer | null, id: number): Promise<EmailPreview | null> {
  return referentRead(viewer, async (ex, referent) => {
    const [row] = await ex
      .select()
      .from(outbox)
      .where(and(eq(outbox.id, id), eq(outbox.amapId, referent.amapId)));
    if (!row) return null;
    return { row, rendered: await render(ex, row, referent.amapId) };
  });
}

export type ResendResult = { ok: true } | { ok: false; refusal: "not_referent" | "not_found" | "not_failed" };

/** Queues a failed message again, with a fresh set of attempts. */
export async function resendEmail(viewer: Viewer, id: number): Promise<ResendResult> {
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<ResendResult> => {
    if (!(await isReferent(tx, viewer))) return { ok: false, refusal: "not_referent" };
    const [row] = await tx
      .select({ status: outbox.status })
      .from(outbox)
      .where(and(eq(outbox.id, id), eq(outbox.amapId, viewer.amapId)))
      .for("update");
    if (!row) return { ok: false, refusal: "not_found" };
    const updated = await tx
      .update(outbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null, claimToken: null })
      .where(and(eq(outbox.id, id), eq(outbox.amapId, viewer.amapId), eq(outbox.status, "failed")))
      .returning({ id: outbox.id });
    if (updated.length === 0) return { ok: false, refusal: "not_failed" };
    await tx.insert(events).values({ amapId: viewer.amapId, actorId: viewer.userId, action: "outbox.resend", data: { outboxId: id } });
    return { ok: true };
  });
  if (result.ok) kickOutbox();
  return result;
}
