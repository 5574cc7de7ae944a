import "server-only";
// Retention of what the application writes down besides offers (issue 10 §6):
// the email log, used links, join requests and the history's reasons, each
// kept for its period in the settings; and, for a person whose contact
// details retention erases, every trace of them in those. Called by
// `applyRetention`, inside its transaction, once per AMAP with its periods
// (and once for the deployment's own rows, those with no AMAP).
import { and, eq, inArray, isNull, lt, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import { INVITATION_RULES } from "@/lib/domain/intermittents";

const DAY_MS = 86_400_000;

/**
 * A used link recorded before its expiry was (0002_outbox.sql): forgotten
 * this long after its use. Exchange links die when their distribution starts
 * and a season spans a year at most (CALENDAR_LIMITS.seasonDays); unsubscribe
 * links live 60 days.
 */
const LEGACY_LINK_LIFETIME_DAYS = 400;

export type LogRetentionReport = {
  mailsDeleted: number;
  usedLinksDeleted: number;
  joinRequestsDeleted: number;
  invitationsDeleted: number;
  eventsDeleted: number;
};

/** What one AMAP's periods purge (used links name no AMAP: the deployment's). */
export type AmapLogReport = Omit<LogRetentionReport, "usedLinksDeleted">;

/** The rows of an AMAP (`amapId`), or the deployment's own (null). */
const ownedBy = (column: AnyColumn, amapId: number | null): SQL => (amapId === null ? isNull(column) : eq(column, amapId));

/** An id the payload holds under `key`, as an integer (null when absent or not a plain number). */
const payloadId = (key: string) =>
  sql`case when ${s.outbox.payload}->>${key} ~ '^[0-9]{1,9}$' then (${s.outbox.payload}->>${key})::int end`;

/**
 * The log's rows to delete: done with (sent, failed, skipped) and sent (or
 * written) before the cutoff. A row with a dedupe key is a scheduled mail's
 * memory that it went: deleting it while its distribution is still to come
 * would let the next run queue it again (a decision reminder for a basket four
 * months ahead, pending since last season). Those stay until that distribution
 * has started, when no reminder of it can be queued any more.
 */
async function purgeEmailLog(tx: Tx, now: Date, days: number, amapId: number | null): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const deleted = await tx
    .delete(s.outbox)
    .where(
      and(
        ownedBy(s.outbox.amapId, amapId),
        inArray(s.outbox.status, ["sent", "failed", "skipped"]),
        sql`coalesce(${s.outbox.sentAt}, ${s.outbox.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
        or(
          isNull(s.outbox.dedupeKey),
          sql`not exists (
            select 1 from ${s.distributions} d
             where d.starts_at > ${now.toISOString()}::timestamptz
               and (d.id = ${payloadId("distributionId")}
                    or d.id = (select f.distribution_id from ${s.offers} f where f.id = ${payloadId("offerId")})))`,
        ),
      ),
    )
    .returning({ id: s.outbox.id });
  return deleted.length;
}

/** Used links, once past their period and their own expiry (a link forgotten earlier would work again). */
export async function purgeUsedLinks(tx: Tx, now: Date, days: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const deleted = await tx
    .delete(s.usedLinks)
    .where(
      and(
        lt(s.usedLinks.usedAt, cutoff),
        sql`coalesce(${s.usedLinks.expiresAt}, ${s.usedLinks.usedAt} + make_interval(days => ${LEGACY_LINK_LIFETIME_DAYS})) < ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning({ nonce: s.usedLinks.nonce });
  return deleted.length;
}

/** Decided join requests, their period after the decision. A request not yet decided stays for the référents. */
async function purgeJoinRequests(tx: Tx, now: Date, days: number, amapId: number): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const deleted = await tx
    .delete(s.intermittentRequests)
    .where(
      and(
        eq(s.intermittentRequests.amapId, amapId),
        ne(s.intermittentRequests.status, "pending"),
        sql`coalesce(${s.intermittentRequests.decidedAt}, ${s.intermittentRequests.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: s.intermittentRequests.id });
  return deleted.length;
}

/**
 * Invitations (an invited stranger's name and address) go with the join
 * requests' period after their answer or their making — never before the 90
 * quiet days a « Non merci » or a departure earns, which they enforce.
 */
async function purgeInvitations(tx: Tx, now: Date, days: number, amapId: number): Promise<number> {
  const cutoff = new Date(now.getTime() - Math.max(days, INVITATION_RULES.quietDays) * DAY_MS);
  const deleted = await tx
    .delete(s.invitations)
    .where(
      and(
        eq(s.invitations.amapId, amapId),
        sql`coalesce(${s.invitations.decidedAt}, ${s.invitations.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: s.invitations.id });
  return deleted.length;
}

/**
 * The history outside offers (the list, the calendar, the settings), with
 * its reasons, as long as the offers' own (which go with their offer): the
 * same cutoff. So do the reasons given for leaving the list.
 */
async function purgeHistory(tx: Tx, cutoff: Date, amapId: number | null): Promise<number> {
  const deleted = await tx
    .delete(s.events)
    .where(and(ownedBy(s.events.amapId, amapId), isNull(s.events.offerId), lt(s.events.at, cutoff)))
    .returning({ id: s.events.id });
  if (amapId !== null) {
    await tx
      .update(s.intermittentMemberships)
      .set({ leftReason: null })
      .where(
        and(
          eq(s.intermittentMemberships.amapId, amapId),
          lt(s.intermittentMemberships.leftAt, cutoff),
          sql`${s.intermittentMemberships.leftReason} is not null`,
        ),
      );
  }
  return deleted.length;
}

/**
 * The logs of one AMAP (`amapId`) after its periods, or the deployment's own
 * rows (null: outbox rows and events with no AMAP) after the periods given.
 */
export async function purgeLogs(
  tx: Tx,
  now: Date,
  historyCutoff: Date,
  settings: Pick<s.Settings, "emailLogRetentionDays" | "joinRequestRetentionDays">,
  amapId: number | null,
): Promise<AmapLogReport> {
  return {
    mailsDeleted: await purgeEmailLog(tx, now, settings.emailLogRetentionDays, amapId),
    joinRequestsDeleted: amapId === null ? 0 : await purgeJoinRequests(tx, now, settings.joinRequestRetentionDays, amapId),
    invitationsDeleted: amapId === null ? 0 : await purgeInvitations(tx, now, settings.joinRequestRetentionDays, amapId),
    eventsDeleted: await purgeHistory(tx, historyCutoff, amapId),
  };
}

/**
 * A person retention erases leaves no trace elsewhere either: the email log's
 * messages to them (but one being sent right now), their join requests and invitations, the
 * reasons recorded about them. They hold no offer, no reservation and no
 * place on the list, so no reminder can be queued for them again. (Their
 * used links name only an id, and go by the links' own rule.)
 */
export async function forgetPerson(tx: Tx, person: { id: string; email: string }): Promise<void> {
  await tx
    .delete(s.outbox)
    .where(
      and(
        ne(s.outbox.status, "sending"),
        or(sql`lower(${s.outbox.recipient}) = lower(${person.email})`, sql`${s.outbox.payload}->>'userId' = ${person.id}`),
      ),
    );
  await tx.delete(s.intermittentRequests).where(sql`lower(${s.intermittentRequests.email}) = lower(${person.email})`);
  await tx.delete(s.invitations).where(sql`lower(${s.invitations.email}) = lower(${person.email})`);
  await tx.update(s.events).set({ reason: null }).where(eq(s.events.subjectUserId, person.id));
}
