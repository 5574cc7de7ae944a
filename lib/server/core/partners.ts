import "server-only";
// Partner AMAPs (DESIGN.md §11), as every capability reads them: which AMAPs
// are an AMAP's partners today, and whether a person receives an AMAP's
// baskets as a partner's intermittent. The one definition, used by the
// exchange (listing, reserving, the partners' announcement), the list (the
// opt-in on /inscription) and the network (the partnerships' page).
import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";

export type PartnerAmap = { id: number; slug: string; name: string };

/**
 * A live partnership between `amapId` and the AMAP row at hand (`other`):
 * accepted, not ended. Either side may have asked.
 */
export function livePartnershipWith(amapId: number | SQL, other: SQL = sql`${s.amaps}.id`): SQL {
  return sql`exists (select 1 from ${s.amapPartnerships} p
    where p.accepted_at is not null and p.ended_at is null
      and ((p.amap_id = ${amapId} and p.partner_amap_id = ${other}) or (p.partner_amap_id = ${amapId} and p.amap_id = ${other})))`;
}

/** The AMAP's partners today (a suspended AMAP is nobody's partner while it is), by name. */
export async function partnersOf(ex: Executor, amapId: number): Promise<PartnerAmap[]> {
  return ex
    .select({ id: s.amaps.id, slug: s.amaps.slug, name: s.settings.amapName })
    .from(s.amaps)
    .innerJoin(s.settings, eq(s.settings.amapId, s.amaps.id))
    .where(and(isNull(s.amaps.suspendedAt), livePartnershipWith(amapId)))
    .orderBy(asc(s.settings.amapName));
}

/**
 * The people who receive AMAP `amapId`'s baskets as a partner's intermittent,
 * as a condition on a user id column: on the list of a live partner of
 * `amapId` (not suspended), having opted in to the partners' baskets there,
 * and not having left `amapId`'s baskets. The AMAP they come from is
 * `partnerHomeOf`. Columns go in written out (sql`${s.users}.id`): Drizzle
 * leaves a column's name unqualified inside a raw subquery.
 */
export function receivesAsPartner(userId: SQL | string, amapId: number | SQL): SQL {
  return sql`(exists (select 1 from ${s.intermittentMemberships} m
      join ${s.amaps} a on a.id = m.amap_id and a.suspended_at is null
      where m.user_id = ${userId} and m.left_at is null and m.partner_baskets
        and ${livePartnershipWith(amapId, sql`m.amap_id`)})
    and not exists (select 1 from ${s.partnerListDepartures} d where d.user_id = ${userId} and d.amap_id = ${amapId}))`;
}

/**
 * The partner AMAP through which each person receives `amapId`'s baskets (the
 * first by id when several); people who do not are absent from the map.
 */
export async function partnerHomesOf(ex: Executor, userIds: readonly string[], amapId: number): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const [owner] = await ex.select({ suspendedAt: s.amaps.suspendedAt }).from(s.amaps).where(eq(s.amaps.id, amapId));
  if (!owner || owner.suspendedAt) return new Map();
  const rows = await ex
    .select({ userId: s.intermittentMemberships.userId, amapId: s.intermittentMemberships.amapId })
    .from(s.intermittentMemberships)
    .innerJoin(s.amaps, and(eq(s.amaps.id, s.intermittentMemberships.amapId), isNull(s.amaps.suspendedAt)))
    .where(
      and(
        inArray(s.intermittentMemberships.userId, [...userIds]),
        isNull(s.intermittentMemberships.leftAt),
        eq(s.intermittentMemberships.partnerBaskets, true),
        livePartnershipWith(amapId, sql`${s.intermittentMemberships}.amap_id`),
        sql`not exists (select 1 from ${s.partnerListDepartures} d where d.user_id = ${s.intermittentMemberships}.user_id and d.amap_id = ${amapId})`,
      ),
    )
    .orderBy(asc(s.intermittentMemberships.amapId));
  const homes = new Map<string, number>();
  for (const row of rows) if (!homes.has(row.userId)) homes.set(row.userId, row.amapId);
  return homes;
}

/** The partner AMAP through which a person receives `amapId`'s baskets, or null when they do not. */
export async function partnerHomeOf(ex: Executor, userId: string, amapId: number): Promise<number | null> {
  return (await partnerHomesOf(ex, [userId], amapId)).get(userId) ?? null;
}

/** Live partnerships and open requests touching the AMAP (either side). */
export function partnershipsTouching(amapId: number): SQL {
  return and(
    isNull(s.amapPartnerships.endedAt),
    or(eq(s.amapPartnerships.amapId, amapId), eq(s.amapPartnerships.partnerAmapId, amapId)),
  )!;
}

/** Whether the partnership row is live (accepted, not ended). */
export const partnershipIsLive = and(isNotNull(s.amapPartnerships.acceptedAt), isNull(s.amapPartnerships.endedAt))!;
