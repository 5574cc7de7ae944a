// A database of today's single AMAP survives the migrations after it: built at
// migration 0004_list, filled with the data that schema's commands wrote
// (test/fixtures/single-amap-0004.sql, made by scripts/make-migration-fixture.ts
// of commit e83b0ac, which ran today's commands at 0004 and cannot be built
// against later code), then opened as a start after an update opens it —
// getDb() applies the migrations left (0005 AMAPs, 0006 roles per AMAP).
// Every row stays and belongs to the one AMAP, roles stay (now that AMAP's),
// a link mailed before the migration still works.
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, openDatabaseAt, type Db } from "@/db/client";
import { migrationTags } from "@/db/migrate";
import * as s from "@/db/schema";
import { getEnv } from "@/lib/env";
import { loadRoles } from "@/lib/server/auth/auth";
import { isLinkUsed, verifyLinkToken } from "@/lib/server/core/signed-links";
import { describeLink, performLink } from "@/lib/server/links/link-actions";
import { FIXTURE_AUTH_SECRET, FIXTURE_MIGRATION, loadData, readFixtureFacts } from "@/test/single-amap-fixture";

// Before anything reads the configuration (lib/env.ts caches it): the
// fixture's links are signed with its secret, and the embedded database must
// be on disk to be opened twice (at 0004, then by getDb()).
const saved = { AUTH_SECRET: process.env.AUTH_SECRET, PGLITE_DIR: process.env.PGLITE_DIR };
process.env.AUTH_SECRET = FIXTURE_AUTH_SECRET;
if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = path.join(process.env.DATA_DIR!, "pglite");

const facts = readFixtureFacts();
const rolesAtGeneration = new Date(facts.generatedAt);
let db: Db;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

async function tablesNow(): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'`),
  );
  return rows.map((r) => r.name);
}

async function countRows(table: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`));
  return Number(row!.n);
}

beforeAll(async () => {
  expect(getEnv().AUTH_SECRET).toBe(FIXTURE_AUTH_SECRET);
  const old = await openDatabaseAt(FIXTURE_MIGRATION);
  try {
    await old.db.transaction((tx) => loadData(tx));
  } finally {
    await old.close();
  }
  db = await getDb(); // migrates the rest, as the first start after an update
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("a single-AMAP database, migrated", () => {
  it("was made at the fixture's migration, and now has every migration", async () => {
    expect(facts.migration).toBe(FIXTURE_MIGRATION);
    const tags = migrationTags();
    expect(tags).toContain(FIXTURE_MIGRATION);
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
    expect(Number(row!.n)).toBe(tags.length);
  });

  it("keeps every row of every table it kept", async () => {
    const now = new Set(await tablesNow());
    const kept = Object.keys(facts.counts).filter((table) => now.has(table));
    const counts = Object.fromEntries(await Promise.all(kept.map(async (table) => [table, await countRows(table)] as const)));
    expect(counts).toEqual(Object.fromEntries(kept.map((table) => [table, facts.counts[table]])));
    // The fixture is not empty where it matters (a regenerated one must still be).
    for (const table of ["users", "offers", "reservations", "intermittent_memberships", "outbox", "events"]) {
      expect(facts.counts[table], table).toBeGreaterThan(0);
    }
  });

  it("still accepts the link mailed before the migration, unused; the used one stays used", async () => {
    const check = verifyLinkToken(facts.link.token);
    expect(check).toMatchObject({
      ok: true,
      claims: { userId: facts.link.userId, action: facts.link.action, objectId: facts.link.objectId, nonce: facts.link.nonce },
    });
    expect(await isLinkUsed(db, facts.link.nonce)).toBe(false);

    expect(verifyLinkToken(facts.usedLink.token)).toMatchObject({ ok: true, claims: { nonce: facts.usedLink.nonce } });
    expect(await isLinkUsed(db, facts.usedLink.nonce)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// The move to several AMAPs (migrations 0005 and 0006). The last case acts (it
// spends the link): keep it last.

describe("the one AMAP of a migrated single-AMAP database", () => {
  it("is made from the settings row", async () => {
    const amaps = await db.select().from(s.amaps);
    // « AMAP des Tilleuls » → tilleuls.
    expect(amaps).toEqual([expect.objectContaining({ slug: "tilleuls", suspendedAt: null })]);
    const [settings, ...others] = await db.select().from(s.settings);
    expect(others).toEqual([]);
    expect(settings).toMatchObject({ ...facts.settings, amapId: amaps[0]!.id });
  });

  it("owns every AMAP-owned row", async () => {
    // DESIGN.md §11: places, contracts, distributions, subscriptions, offers and their
    // reservations, the list, join requests and invitations, events, outbox rows, statistics.
    const owned = [
      "places",
      "contracts",
      "distributions",
      "subscriptions",
      "offers",
      "offer_lines",
      "reservations",
      "intermittent_memberships",
      "intermittent_requests",
      "invitations",
      "events",
      "outbox",
      "monthly_stats",
      "intermittent_monthly_stats",
    ];
    for (const table of owned) expect(await countRows(table), table).toBe(facts.counts[table]);
    const [amap] = await db.select().from(s.amaps);
    // Offer lines and reservations belong to their offer; the others carry the AMAP themselves.
    const carrying = owned.filter((table) => table !== "offer_lines" && table !== "reservations");
    for (const table of carrying) {
      const [row] = rowsOf<{ all: number; theirs: number }>(
        await db.execute(
          sql`select count(*)::int as "all", count(*) filter (where amap_id = ${amap!.id})::int as theirs from ${sql.identifier(table)}`,
        ),
      );
      expect({ table, n: Number(row!.theirs) }).toEqual({ table, n: Number(row!.all) });
    }
    // The outbox's pending mail is that AMAP's: it goes out in its name.
    expect(facts.counts["outbox"]).toBeGreaterThan(0);
  });

  it("gives everyone the roles they had", async () => {
    const [amap] = await db.select().from(s.amaps);
    const referents = await db
      .select({ id: s.users.id, email: s.users.email })
      .from(s.amapReferents)
      .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId))
      .where(eq(s.amapReferents.amapId, amap!.id));
    expect(referents.sort((a, b) => a.email.localeCompare(b.email))).toEqual(facts.referents);
    // The same roles, held in the one AMAP (member of it, intermittent of it, référent of it)…
    for (const person of facts.people) {
      const roles = await loadRoles(db, person.id, amap!.id, rolesAtGeneration);
      expect([...roles].sort(), person.email).toEqual([...person.roles].sort());
    }
    // …and none in an AMAP created since.
    const [other] = await db.insert(s.amaps).values({ slug: "marche" }).returning();
    for (const person of facts.people) {
      expect(await loadRoles(db, person.id, other!.id, rolesAtGeneration), person.email).toEqual(new Set());
    }
    await db.delete(s.amaps).where(eq(s.amaps.id, other!.id));
  });

  it("keeps the mailed link working: it does what it said", async () => {
    const view = await describeLink(facts.link.token, null);
    expect(view).toMatchObject({ state: "ok", action: "unsubscribe", standing: { ready: true } });
    expect(await performLink(facts.link.token, null)).toMatchObject({ ok: true, outcome: "unsubscribed" });
    expect(await isLinkUsed(db, facts.link.nonce)).toBe(true);
    // The link (objectId 0, made before AMAPs existed) acted in the one AMAP: she left its list.
    const [amap] = await db.select().from(s.amaps);
    expect([...(await loadRoles(db, facts.link.userId, amap!.id))]).not.toContain("intermittent");
    const [left] = await db
      .select({ amapId: s.intermittentMemberships.amapId, leftReason: s.intermittentMemberships.leftReason })
      .from(s.intermittentMemberships)
      .where(eq(s.intermittentMemberships.userId, facts.link.userId));
    expect(left).toEqual({ amapId: amap!.id, leftReason: "Lien de désinscription" });
  });
});
