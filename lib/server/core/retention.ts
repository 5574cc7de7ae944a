import "server-only";
// Retention (DESIGN.md §8, issue 5): offers older than the retention setting
// are deleted — after their baskets are folded into the monthly statistics —
// and the contact details of people who left the list that long ago are
// erased, with their traces in the email log, join requests and reasons. The
// email log, used links, join requests and the rest of the history go after
// their own periods (issue 10 §6, lib/server/core/retention-logs.ts). Run by the
// worker; idempotent; one transaction per run.
import { and, eq, inArray, lt, ne, notExists, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import * as s from "@/db/schema";
import { parisDate } from "@/lib/domain/time";
import { forgetPerson, purgeLogs, type LogRetentionReport } from "./retention-logs";
import { homeAmapId } from "./amaps";
import { getSettings } from "./settings";

export type RetentionReport = { offersDeleted: number; peopleErased: number } & LogRetentionReport;

export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

const FINAL: s.OfferStatus[] = ["done", "unclaimed", "cancelled"];

export async function applyRetention(now = new Date(), db?: Db): Promise<RetentionReport> {
  const ex = db ?? (await getDb());
  // One policy for the deployment: its first AMAP's periods (per-AMAP periods are issue 13's next stage).
  const settings = await getSettings(ex, await homeAmapId(ex));
  const cutoff = retentionCutoff(now, settings.retentionMonths);
  return ex.transaction(async (tx) => {
    // Serialize concurrent runs (several workers): the second finds nothing left.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('espace-intermittents/retention'))`);
    const old = await tx
      .select({ id: s.offers.id })
      .from(s.offers)
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(and(lt(s.distributions.startsAt, cutoff), inArray(s.offers.status, FINAL)))
      .for("update", { of: s.offers });
    const ids = old.map((o) => o.id);
    if (ids.length > 0) {
      const month = sql<string>`to_char(${s.distributions.startsAt} at time zone 'Europe/Paris', 'YYYY-MM')`;
      const baskets = sql<number>`coalesce(sum(${s.offerLines.quantity}), 0)::int`;
      const perMonth = await tx
        .select({
          amapId: s.offers.amapId,
          month,
          offered: baskets,
          exchanged: sql<number>`coalesce(sum(${s.offerLines.quantity}) filter (where ${s.offers.status} in ('exchanged', 'done')), 0)::int`,
          unclaimed: sql<number>`coalesce(sum(${s.offerLines.quantity}) filter (where ${s.offers.status} = 'unclaimed'), 0)::int`,
          cancelled: sql<number>`coalesce(sum(${s.offerLines.quantity}) filter (where ${s.offers.status} = 'cancelled'), 0)::int`,
        })
        .from(s.offers)
        .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
        .innerJoin(s.offerLines, eq(s.offerLines.offerId, s.offers.id))
        .where(inArray(s.offers.id, ids))
        .groupBy(s.offers.amapId, month);
      for (const row of perMonth) {
        await tx
          .insert(s.monthlyStats)
          .values(row)
          .onConflictDoUpdate({
            target: [s.monthlyStats.amapId, s.monthlyStats.month],
            set: {
              offered: sql`${s.monthlyStats.offered} + ${row.offered}`,
              exchanged: sql`${s.monthlyStats.exchanged} + ${row.exchanged}`,
              unclaimed: sql`${s.monthlyStats.unclaimed} + ${row.unclaimed}`,
              cancelled: sql`${s.monthlyStats.cancelled} + ${row.cancelled}`,
            },
          });
      }
      const taken = await tx
        .select({
          amapId: s.offers.amapId,
          month,
          userId: s.reservations.intermittentId,
          label: sql<string>`trim(${s.users.firstName} || ' ' || ${s.users.lastName})`,
          taken: baskets,
        })
        .from(s.offers)
        .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
        .innerJoin(s.offerLines, eq(s.offerLines.offerId, s.offers.id))
        .innerJoin(s.reservations, and(eq(s.reservations.offerId, s.offers.id), eq(s.reservations.status, "accepted")))
        .innerJoin(s.users, eq(s.users.id, s.reservations.intermittentId))
        .where(and(inArray(s.offers.id, ids), eq(s.offers.status, "done")))
        .groupBy(s.offers.amapId, month, s.reservations.intermittentId, s.users.firstName, s.users.lastName);
      if (taken.length > 0) await tx.insert(s.intermittentMonthlyStats).values(taken);
      await tx.delete(s.offers).where(inArray(s.offers.id, ids));
    }

    // People who left the list before the cutoff, hold no recent subscription
    // and are not référents: their contact details go.
    const cutoffDay = parisDate(cutoff);
    const leavers = await tx
      .select({ id: s.users.id, email: s.users.email })
      .from(s.users)
      .where(
        and(
          notExists(tx.select({ one: sql`1` }).from(s.amapReferents).where(eq(s.amapReferents.userId, s.users.id))),
          ne(s.users.email, sql`'efface-' || ${s.users.id} || '@invalid'`),
          sql`exists (select 1 from ${s.intermittentMemberships} m where m.user_id = ${s.users.id})`,
          notExists(
            tx
              .select({ one: sql`1` })
              .from(s.intermittentMemberships)
              .where(
                and(
                  eq(s.intermittentMemberships.userId, s.users.id),
                  sql`(${s.intermittentMemberships.leftAt} is null or ${s.intermittentMemberships.leftAt} >= ${cutoff.toISOString()}::timestamptz)`,
                ),
              ),
          ),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(s.subscriptions)
              .where(and(eq(s.subscriptions.userId, s.users.id), sql`${s.subscriptions.endsOn} >= ${cutoffDay}`)),
          ),
          // Still a party to a kept offer: keep the name until that offer goes.
          notExists(tx.select({ one: sql`1` }).from(s.offers).where(eq(s.offers.memberId, s.users.id))),
          notExists(tx.select({ one: sql`1` }).from(s.reservations).where(eq(s.reservations.intermittentId, s.users.id))),
        ),
      );
    for (const { id, email } of leavers) {
      await forgetPerson(tx, { id, email });
      await tx
        .update(s.users)
        .set({ email: sql`'efface-' || ${s.users.id} || '@invalid'`, firstName: "", lastName: "", name: null, phone: null, image: null })
        .where(eq(s.users.id, id));
      await tx.delete(s.sessions).where(eq(s.sessions.userId, id));
      await tx.delete(s.accounts).where(eq(s.accounts.userId, id));
      // A leaving reason may name or describe the person.
      await tx.update(s.intermittentMemberships).set({ leftReason: null }).where(eq(s.intermittentMemberships.userId, id));
    }
    const logs = await purgeLogs(tx, now, cutoff, settings);
    const report: RetentionReport = { offersDeleted: ids.length, peopleErased: leavers.length, ...logs };
    // Recorded when offers or people go (the logs' rolling purge, every hour, would flood the history).
    if (ids.length > 0 || leavers.length > 0) {
      await tx.insert(s.events).values({ actorId: null, action: "retention.purge", data: { ...report, cutoff: cutoff.toISOString() } });
    }
    return report;
  });
}
