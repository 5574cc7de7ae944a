import "server-only";
// Retention (DESIGN.md §8, issue 5): offers older than the retention setting
// are deleted — after their baskets are folded into the monthly statistics —
// and the contact details of people who left the list that long ago are
// erased, with their traces in the email log, join requests and reasons. The
// email log, used links, join requests and the rest of the history go after
// their own periods (issue 10 §6, lib/server/core/retention-logs.ts). Run by the
// worker; idempotent; one transaction per run.
//
// Each AMAP's offers, history, email log, join requests and invitations go
// after that AMAP's own periods (its settings); the deployment's own rows (an
// outbox row or an event with no AMAP, the used links, which name none) after
// the first AMAP's. A person is one account across AMAPs: their contact
// details go only when no AMAP keeps them — a référent nowhere, no stay on any
// list and no subscription within that AMAP's period, no kept offer or
// reservation anywhere.
import { and, asc, eq, inArray, lt, ne, notExists, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { parisDate } from "@/lib/domain/time";
import { forgetPerson, purgeLogs, purgeUsedLinks, type AmapLogReport, type LogRetentionReport } from "./retention-logs";
import { homeAmapId } from "./amaps";

export type RetentionReport = { offersDeleted: number; peopleErased: number } & LogRetentionReport;

export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

const FINAL: s.OfferStatus[] = ["done", "unclaimed", "cancelled"];

/** One AMAP's retention: its settings and the cutoffs they give today. */
type Policy = { amapId: number; settings: s.Settings; cutoff: Date; cutoffDay: string };

/** The cutoff of the AMAP in `column`, as SQL (an AMAP without settings keeps everything). */
function cutoffOf(column: AnyColumn, policies: Policy[], value: (p: Policy) => SQL, otherwise: SQL): SQL {
  if (policies.length === 0) return otherwise;
  const cases = policies.map((p) => sql`when ${p.amapId}::int then ${value(p)}`);
  return sql`(case ${column} ${sql.join(cases, sql` `)} else ${otherwise} end)`;
}

const ZERO_LOGS: LogRetentionReport = { mailsDeleted: 0, usedLinksDeleted: 0, joinRequestsDeleted: 0, invitationsDeleted: 0, eventsDeleted: 0 };

function add(a: LogRetentionReport, b: AmapLogReport & { usedLinksDeleted?: number }): LogRetentionReport {
  return {
    mailsDeleted: a.mailsDeleted + b.mailsDeleted,
    usedLinksDeleted: a.usedLinksDeleted + (b.usedLinksDeleted ?? 0),
    joinRequestsDeleted: a.joinRequestsDeleted + b.joinRequestsDeleted,
    invitationsDeleted: a.invitationsDeleted + b.invitationsDeleted,
    eventsDeleted: a.eventsDeleted + b.eventsDeleted,
  };
}

/** The AMAP's offers past its period: their baskets folded into its monthly statistics, then deleted. Returns how many. */
async function purgeOffers(tx: Tx, policy: Policy): Promise<number> {
  const old = await tx
    .select({ id: s.offers.id })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(and(eq(s.offers.amapId, policy.amapId), lt(s.distributions.startsAt, policy.cutoff), inArray(s.offers.status, FINAL)))
    .for("update", { of: s.offers });
  const ids = old.map((o) => o.id);
  if (ids.length === 0) return 0;
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
  return ids.length;
}

/**
 * People no AMAP keeps any more: they were on a list once, are a référent
 * nowhere, left every list before that list's AMAP's cutoff, hold no
 * subscription ending after its AMAP's cutoff, and are party to no kept
 * offer or reservation. Their contact details go.
 */
async function eraseLeavers(tx: Tx, policies: Policy[]): Promise<number> {
  const stayCutoff = cutoffOf(s.intermittentMemberships.amapId, policies, (p) => sql`${p.cutoff.toISOString()}::timestamptz`, sql`'infinity'::timestamptz`);
  const subscriptionCutoff = cutoffOf(s.subscriptions.amapId, policies, (p) => sql`${p.cutoffDay}::date`, sql`'infinity'::date`);
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
                sql`(${s.intermittentMemberships.leftAt} is null or ${s.intermittentMemberships.leftAt} >= ${stayCutoff})`,
              ),
            ),
        ),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(s.subscriptions)
            .where(and(eq(s.subscriptions.userId, s.users.id), sql`${s.subscriptions.endsOn} >= ${subscriptionCutoff}`)),
        ),
        // Still a party to a kept offer, in any AMAP: keep the name until that offer goes.
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
  return leavers.length;
}

export async function applyRetention(now = new Date(), db?: Db): Promise<RetentionReport> {
  const ex = db ?? (await getDb());
  const homeId = await homeAmapId(ex);
  return ex.transaction(async (tx) => {
    // Serialize concurrent runs (several workers): the second finds nothing left.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('espace-intermittents/retention'))`);
    const policies: Policy[] = (await tx.select().from(s.settings).orderBy(asc(s.settings.amapId))).map((settings) => {
      const cutoff = retentionCutoff(now, settings.retentionMonths);
      return { amapId: settings.amapId, settings, cutoff, cutoffDay: parisDate(cutoff) };
    });
    const home = policies.find((p) => p.amapId === homeId);
    if (!home) throw new Error(`settings row missing for AMAP ${homeId}: the database was not prepared`);

    const offersDeleted = new Map<number, number>();
    for (const policy of policies) offersDeleted.set(policy.amapId, await purgeOffers(tx, policy));
    const peopleErased = await eraseLeavers(tx, policies);

    // Each AMAP's logs by its periods; the deployment's own by the first AMAP's.
    let logs = ZERO_LOGS;
    for (const policy of policies) {
      const own = await purgeLogs(tx, now, policy.cutoff, policy.settings, policy.amapId);
      logs = add(logs, own);
      const offers = offersDeleted.get(policy.amapId) ?? 0;
      // Recorded when offers go (the logs' rolling purge, every hour, would flood the history).
      if (offers > 0) {
        await tx.insert(s.events).values({
          amapId: policy.amapId,
          actorId: null,
          action: "retention.purge",
          data: { offersDeleted: offers, ...own, cutoff: policy.cutoff.toISOString() },
        });
      }
    }
    const deployment = await purgeLogs(tx, now, home.cutoff, home.settings, null);
    const usedLinksDeleted = await purgeUsedLinks(tx, now, home.settings.usedLinkRetentionDays);
    logs = add(logs, { ...deployment, usedLinksDeleted });
    // People belong to no AMAP: their erasure is the deployment's event.
    if (peopleErased > 0) {
      await tx.insert(s.events).values({
        amapId: null,
        actorId: null,
        action: "retention.purge",
        data: { peopleErased, ...deployment, usedLinksDeleted, cutoffs: Object.fromEntries(policies.map((p) => [p.amapId, p.cutoff.toISOString()])) },
      });
    }
    const offersTotal = [...offersDeleted.values()].reduce((a, b) => a + b, 0);
    return { offersDeleted: offersTotal, peopleErased, ...logs };
  });
}
