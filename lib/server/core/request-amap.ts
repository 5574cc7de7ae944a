import "server-only";
// The AMAP a request is in: the one its address names (/<slug>/…, passed on
// by proxy.ts); else the one the browser visited last (a short path, an
// email sent before AMAPs); else, for a signed-in person, an AMAP they hold a
// role in; else the deployment's first.
import { and, asc, eq, isNull, or, sql, type Placeholder } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb, type Db, type Executor } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import * as s from "@/db/schema";
import { AMAP_COOKIE, AMAP_HEADER, isValidSlug, spaceHref } from "@/lib/domain/amap-path";
import { homeAmapId } from "./amaps";
import { getSettings, type AmapSettings } from "./settings";

export type AmapRef = { id: number; slug: string };

async function bySlug(ex: Executor, slug: string): Promise<AmapRef | null> {
  const [row] = await ex
    .select({ id: s.amaps.id, slug: s.amaps.slug })
    .from(s.amaps)
    .where(and(eq(s.amaps.slug, slug), isNull(s.amaps.suspendedAt)));
  return row ?? null;
}

/** The person is a référent of the AMAP row at hand, subscribes to it (not ended) or is on its list. */
function holdsARoleIn(userId: string | Placeholder) {
  return or(
    sql`exists (select 1 from ${s.amapReferents} r where r.amap_id = ${s.amaps.id} and r.user_id = ${userId})`,
    sql`exists (select 1 from ${s.subscriptions} x where x.amap_id = ${s.amaps.id} and x.user_id = ${userId} and x.ends_on >= current_date)`,
    sql`exists (select 1 from ${s.intermittentMemberships} m where m.amap_id = ${s.amaps.id} and m.user_id = ${userId} and m.left_at is null)`,
  );
}

/** The first AMAP (by id) where the person is a référent, a member or on the list; null if none. Read on most signed-in requests: prepared. */
async function amapOfPerson(db: Db, userId: string): Promise<AmapRef | null> {
  const [row] = await amapOfPersonStatement(db).execute({ userId });
  return row ?? null;
}

const amapOfPersonStatement = preparedPerDb((db) =>
  db
    .select({ id: s.amaps.id, slug: s.amaps.slug })
    .from(s.amaps)
    .where(and(isNull(s.amaps.suspendedAt), holdsARoleIn(sql.placeholder("userId"))))
    .orderBy(asc(s.amaps.id))
    .limit(1)
    .prepare("amap_of_person"),
);

/**
 * The request's AMAP, and whether anything named it (the address, the AMAP
 * visited last, the person's roles) or it is only the deployment's first.
 */
const resolveRequestAmap = cache(async (userId: string | null): Promise<{ amap: AmapRef; named: boolean }> => {
  const db = await getDb();
  const named = (await headers()).get(AMAP_HEADER);
  if (named) return { amap: (await bySlug(db, named)) ?? notFound(), named: true };
  const last = (await cookies()).get(AMAP_COOKIE)?.value;
  const visited = last && isValidSlug(last) ? await bySlug(db, last) : null;
  if (visited) return { amap: visited, named: true };
  const theirs = userId ? await amapOfPerson(db, userId) : null;
  if (theirs) return { amap: theirs, named: true };
  const id = await homeAmapId(db);
  const [home] = await db.select({ id: s.amaps.id, slug: s.amaps.slug }).from(s.amaps).where(eq(s.amaps.id, id));
  return { amap: home!, named: false };
});

/**
 * The request's AMAP (memoized per request). An address naming an unknown or
 * suspended AMAP is a 404 page.
 */
export async function requestAmap(userId?: string | null): Promise<AmapRef> {
  return (await resolveRequestAmap(userId ?? null)).amap;
}

/** The AMAPs a visitor may choose from (not suspended), by name. */
export async function openAmaps(): Promise<{ id: number; slug: string; name: string }[]> {
  const db = await getDb();
  return db
    .select({ id: s.amaps.id, slug: s.amaps.slug, name: s.settings.amapName })
    .from(s.amaps)
    .innerJoin(s.settings, eq(s.settings.amapId, s.amaps.id))
    .where(isNull(s.amaps.suspendedAt))
    .orderBy(asc(s.settings.amapName), asc(s.amaps.id));
}

/**
 * The request's AMAP when the visitor can only mean that one: something names
 * it (requestAmap), or the deployment has one open AMAP. Null when a visitor
 * nothing tells about could mean any of several (a public page then lets
 * them choose).
 */
export async function namedRequestAmap(userId?: string | null): Promise<AmapRef | null> {
  const { amap, named } = await resolveRequestAmap(userId ?? null);
  if (named) return amap;
  const open = await openAmaps();
  return open.length === 1 ? { id: open[0]!.id, slug: open[0]!.slug } : null;
}

/** The AMAPs where the person holds a role today (référent, member, on the list), by name, with the one of this request. */
export async function amapsOfPerson(userId: string): Promise<{ slug: string; name: string; current: boolean }[]> {
  const db = await getDb();
  const current = await requestAmap(userId);
  const rows = await db
    .select({ slug: s.amaps.slug, name: s.settings.amapName })
    .from(s.amaps)
    .innerJoin(s.settings, eq(s.settings.amapId, s.amaps.id))
    .where(
      and(
        isNull(s.amaps.suspendedAt),
        holdsARoleIn(userId),
      ),
    )
    .orderBy(s.settings.amapName);
  return rows.map((r) => ({ ...r, current: r.slug === current.slug }));
}

/** The settings of the request's AMAP (its name in the header, its rules on /aide). */
export async function getRequestSettings(userId?: string | null): Promise<AmapSettings> {
  return getSettings(await getDb(), (await requestAmap(userId ?? null)).id);
}

/**
 * A page's own path as this request should link or redirect to it: with the
 * AMAP's slug when the request came through /<slug>/… (spaceHref), as it is
 * on a short address. For the actions' redirects and the plain forms' targets.
 */
export async function inRequestSpace(path: string): Promise<string> {
  return spaceHref((await headers()).get(AMAP_HEADER), path);
}
