import "server-only";
// The network's administrator (DESIGN.md §11): creates an AMAP with its first
// référents, suspends one, and reads every AMAP's numbers. The role is read
// from the database in the caller's transaction, as the référent's is
// (auth/referent.ts); a référent's powers stay inside their AMAP.
import { and, count, countDistinct, eq, gte, isNull, lte, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import * as s from "@/db/schema";
import { checkNewAmap, type NewAmapField, type NewAmapInput } from "@/lib/domain/network";
import { parisDate } from "@/lib/domain/time";
import type { Result } from "@/lib/result";
import { amapPath } from "@/lib/domain/amap-path";
import type { Viewer } from "../auth";
import { issueSignInUrl } from "../auth";
import { enqueueMail, kickOutbox } from "../mail";

export type NetworkRefusal = "not_network_admin" | "invalid" | "slug_taken" | "not_found";

export async function isNetworkAdmin(ex: Executor, viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  const [row] = await ex.select({ yes: s.users.isNetworkAdmin }).from(s.users).where(eq(s.users.id, viewer.userId));
  return row?.yes === true;
}

/**
 * « Créer une AMAP »: the AMAP, its settings (named, the first référent's
 * address as its contact until its référents set one) and its first
 * référents — people already known keep their one account —, each welcomed
 * by an email carrying their sign-in link back to the AMAP's administration.
 */
type CreateResult = Result<{ amapId: number; slug: string; referentIds: string[] }, NetworkRefusal, { fields?: NewAmapField[] }>;

export async function createNetworkAmap(viewer: Viewer, input: NewAmapInput): Promise<CreateResult> {
  const checked = checkNewAmap(input);
  const db = await getDb();
  return db.transaction(async (tx): Promise<CreateResult> => {
    if (!(await isNetworkAdmin(tx, viewer))) return { ok: false, refusal: "not_network_admin" } as const;
    if (!checked.ok) return { ok: false, refusal: "invalid", fields: checked.fields } as const;
    const { name, slug, referentEmails } = checked.value;
    const [amap] = await tx.insert(s.amaps).values({ slug }).onConflictDoNothing().returning({ id: s.amaps.id });
    if (!amap) return { ok: false, refusal: "slug_taken", fields: ["slug"] };
    await tx.insert(s.settings).values({ amapId: amap.id, amapName: name, contactEmail: referentEmails[0]! });
    const referentIds: string[] = [];
    for (const email of referentEmails) {
      const [known] = await tx.select({ id: s.users.id }).from(s.users).where(sql`lower(${s.users.email}) = ${email}`);
      const id = known?.id ?? (await tx.insert(s.users).values({ email }).returning({ id: s.users.id }))[0]!.id;
      await tx.insert(s.amapReferents).values({ amapId: amap.id, userId: id });
      referentIds.push(id);
      const url = await issueSignInUrl(tx, email, amapPath(slug, "/admin"));
      await enqueueMail(tx, amap.id, "amap-welcome", [{ to: email, payload: { url, userId: id } }]);
    }
    await tx.insert(s.events).values({
      amapId: amap.id,
      actorId: viewer.userId,
      action: "amap.create",
      data: { slug, name, referents: referentIds },
    });
    return { ok: true, value: { amapId: amap.id, slug, referentIds } };
  }).then((result) => {
    if (result.ok) kickOutbox();
    return result;
  });
}

/** Suspends an AMAP (its space answers 404, its reminders stop; its data stays) or opens it again. */
export async function setAmapSuspended(viewer: Viewer, amapId: number, suspended: boolean): Promise<Result<null, NetworkRefusal>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await isNetworkAdmin(tx, viewer))) return { ok: false, refusal: "not_network_admin" } as const;
    const changed = await tx
      .update(s.amaps)
      .set({ suspendedAt: suspended ? sql`coalesce(${s.amaps.suspendedAt}, now())` : null })
      .where(eq(s.amaps.id, amapId))
      .returning({ id: s.amaps.id });
    if (changed.length === 0) return { ok: false, refusal: "not_found" } as const;
    await tx.insert(s.events).values({ amapId, actorId: viewer.userId, action: suspended ? "amap.suspend" : "amap.reopen" });
    return { ok: true, value: null };
  });
}

export type NetworkRow = {
  amapId: number;
  slug: string;
  name: string;
  suspended: boolean;
  members: number;
  intermittents: number;
  /** Baskets of the month (offer lines × quantities), by the distribution's Paris month. */
  offered: number;
  exchanged: number;
  /** Nobody took them (unclaimed). */
  lost: number;
};

/** Every AMAP with its numbers for a Paris month ("2026-11"); null for anyone but the network's administrator. */
export async function readNetwork(viewer: Viewer | null, month: string, now = new Date()): Promise<NetworkRow[] | null> {
  const db = await getDb();
  if (!(await isNetworkAdmin(db, viewer))) return null;
  const today = parisDate(now);
  const monthOfStart = sql`to_char(${s.distributions.startsAt} at time zone 'Europe/Paris', 'YYYY-MM')`;
  const sumWhere = (statuses: string) =>
    sql<number>`cast(coalesce(sum(${s.offerLines.quantity}) filter (where ${s.offers.status} in (${sql.raw(statuses)})), 0) as int)`.mapWith(Number);
  const [amaps, members, intermittents, live, archived] = await Promise.all([
    db
      .select({ amapId: s.amaps.id, slug: s.amaps.slug, name: s.settings.amapName, suspendedAt: s.amaps.suspendedAt })
      .from(s.amaps)
      .innerJoin(s.settings, eq(s.settings.amapId, s.amaps.id))
      .orderBy(s.settings.amapName),
    db
      .select({ amapId: s.subscriptions.amapId, n: countDistinct(s.subscriptions.userId) })
      .from(s.subscriptions)
      .where(and(lte(s.subscriptions.startsOn, today), gte(s.subscriptions.endsOn, today)))
      .groupBy(s.subscriptions.amapId),
    db
      .select({ amapId: s.intermittentMemberships.amapId, n: count() })
      .from(s.intermittentMemberships)
      .where(isNull(s.intermittentMemberships.leftAt))
      .groupBy(s.intermittentMemberships.amapId),
    db
      .select({
        amapId: s.offers.amapId,
        offered: sumWhere("'open', 'reserved', 'exchanged', 'done', 'unclaimed', 'cancelled'"),
        exchanged: sumWhere("'exchanged', 'done'"),
        lost: sumWhere("'unclaimed'"),
      })
      .from(s.offers)
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .innerJoin(s.offerLines, eq(s.offerLines.offerId, s.offers.id))
      .where(sql`${monthOfStart} = ${month}`)
      .groupBy(s.offers.amapId),
    db
      .select({
        amapId: s.monthlyStats.amapId,
        offered: s.monthlyStats.offered,
        exchanged: s.monthlyStats.exchanged,
        lost: s.monthlyStats.unclaimed,
      })
      .from(s.monthlyStats)
      .where(eq(s.monthlyStats.month, month)),
  ]);
  const by = <T extends { amapId: number }>(rows: T[]) => new Map(rows.map((r) => [r.amapId, r]));
  const [m, i, l, a] = [by(members), by(intermittents), by(live), by(archived)];
  return amaps.map((amap) => ({
    amapId: amap.amapId,
    slug: amap.slug,
    name: amap.name,
    suspended: amap.suspendedAt !== null,
    members: Number(m.get(amap.amapId)?.n ?? 0),
    intermittents: Number(i.get(amap.amapId)?.n ?? 0),
    offered: (l.get(amap.amapId)?.offered ?? 0) + (a.get(amap.amapId)?.offered ?? 0),
    exchanged: (l.get(amap.amapId)?.exchanged ?? 0) + (a.get(amap.amapId)?.exchanged ?? 0),
    lost: (l.get(amap.amapId)?.lost ?? 0) + (a.get(amap.amapId)?.lost ?? 0),
  }));
}
