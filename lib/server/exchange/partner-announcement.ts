import "server-only";
// The partners' announcement (DESIGN.md §11): a basket of AMAP B goes to B's
// own intermittents first; still unreserved `partnerDelayHours` after it was
// announced (B's setting), or at the offering deadline if that comes first,
// it is announced to the intermittents of B's partners who opted in, and
// listed for them under « Paniers des AMAP partenaires ». Run every minute
// by the schedule (lib/server/runtime/jobs.ts), on any number of processes:
// an offer is announced to the partners once (its row lock and the
// conditional update on `partners_announced_at`).
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { kickOutbox } from "../mail";

/** At most this many offers per run; the next run takes the rest. */
const BATCH = 200;

/**
 * The offers due for their partners' announcement at `now`: open (nobody
 * holds them), never announced to the partners, their distribution still to
 * come and not cancelled, their AMAP open and with at least one partner, and
 * past the AMAP's delay since they were offered or past its offering deadline.
 */
function dueForPartners(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  return and(
    eq(s.offers.status, "open"),
    isNull(s.offers.partnersAnnouncedAt),
    isNull(s.distributions.cancelledAt),
    isNull(s.amaps.suspendedAt),
    sql`${s.distributions.startsAt} > ${at}`,
    sql`(${s.offers.createdAt} + ${s.settings.partnerDelayHours} * interval '1 hour' <= ${at}
      or ${s.distributions.startsAt} - ${s.settings.offerCloseHours} * interval '1 hour' <= ${at})`,
    sql`exists (select 1 from ${s.amapPartnerships} p
      where p.accepted_at is not null and p.ended_at is null and (p.amap_id = ${s.offers}.amap_id or p.partner_amap_id = ${s.offers}.amap_id))`,
  );
}

/** Announces every offer due to its AMAP's partners; returns how many offers were announced. */
export async function announceToPartners(now = new Date()): Promise<number> {
  const db = await getDb();
  const due = await db
    .select({ id: s.offers.id })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.amaps, eq(s.amaps.id, s.offers.amapId))
    .innerJoin(s.settings, eq(s.settings.amapId, s.offers.amapId))
    .where(dueForPartners(now))
    .orderBy(s.offers.createdAt)
    .limit(BATCH);
  let announced = 0;
  for (const { id } of due) {
    announced += await db.transaction(async (tx) => {
      // Another process announcing it holds the row: skip it, it is being done.
      const [offer] = await tx
        .select({ id: s.offers.id, amapId: s.offers.amapId, memberId: s.offers.memberId })
        .from(s.offers)
        .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
        .innerJoin(s.amaps, eq(s.amaps.id, s.offers.amapId))
        .innerJoin(s.settings, eq(s.settings.amapId, s.offers.amapId))
        .where(and(eq(s.offers.id, id), dueForPartners(now)))
        .for("update", { of: s.offers, skipLocked: true });
      if (!offer) return 0;
      await tx.update(s.offers).set({ partnersAnnouncedAt: now }).where(eq(s.offers.id, offer.id));
      const recipients = await enqueuePartnerAnnouncement(tx, offer);
      await tx.insert(s.events).values({
        amapId: offer.amapId,
        actorId: null,
        action: "offer.partners",
        offerId: offer.id,
        fromStatus: "open",
        toStatus: "open",
        data: { recipients },
      });
      return 1;
    });
  }
  if (announced > 0) kickOutbox();
  return announced;
}

/**
 * One personal mail to each intermittent of the offer's AMAP's partners who
 * opted in to their baskets and did not leave this AMAP's: not to its own
 * intermittents (they had the first announcement), not to the member, not to
 * someone the member refused for this basket. One INSERT … SELECT, driven by
 * the partners' lists (an AMAP's list is found by its index).
 * The payload is OfferMailPayloads["partner-announced"].
 */
export async function enqueuePartnerAnnouncement(tx: Tx, offer: { id: number; amapId: number; memberId: string }): Promise<number> {
  const result = await tx.execute(sql`
    with partners as (
      select case when p.amap_id = ${offer.amapId} then p.partner_amap_id else p.amap_id end as amap_id
        from ${s.amapPartnerships} p
       where p.accepted_at is not null and p.ended_at is null
         and (p.amap_id = ${offer.amapId} or p.partner_amap_id = ${offer.amapId})
    ), reached as (
      select distinct m.user_id
        from ${s.intermittentMemberships} m
        join partners on partners.amap_id = m.amap_id
        join ${s.amaps} a on a.id = m.amap_id and a.suspended_at is null
       where m.left_at is null and m.partner_baskets
         and m.user_id <> ${offer.memberId}
         and not exists (select 1 from ${s.partnerListDepartures} d where d.user_id = m.user_id and d.amap_id = ${offer.amapId})
         and not exists (select 1 from ${s.intermittentMemberships} own
                          where own.amap_id = ${offer.amapId} and own.user_id = m.user_id and own.left_at is null)
         and not exists (select 1 from ${s.reservations} r
                          where r.offer_id = ${offer.id} and r.intermittent_id = m.user_id and r.status = 'declined')
    ), sent as (
      insert into ${s.outbox} (amap_id, kind, recipient, payload)
      select ${offer.amapId}::int, 'partner-announced', u.email, jsonb_build_object('offerId', ${offer.id}::int, 'userId', u.id)
        from reached join ${s.users} u on u.id = reached.user_id
      returning 1)
    select count(*)::int as n from sent`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}
