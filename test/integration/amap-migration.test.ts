// A database of today's single AMAP survives the migrations after it: built at
// migration 0004_list, filled with the data that schema's commands wrote
// (test/fixtures/single-amap-0004.sql, scripts/make-migration-fixture.ts),
// then opened as a start after an update opens it — getDb() applies the
// migrations left. Every row stays, roles stay, a link mailed before the
// migration still works. With no migration after 0004 this checks the
// fixture and the path; the move to several AMAPs (DESIGN.md §11) fills in
// the block at the end.
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
// For the move to several AMAPs (migration 0005): each case below checks what
// today's schema has; the AMAP-specific assertions go where it says « 0005 ».
// The last case acts (it spends the link): keep it last.

describe("the one AMAP of a migrated single-AMAP database", () => {
  it("is made from the settings row", async () => {
    const [settings] = await db.select().from(s.settings);
    expect(settings).toMatchObject(facts.settings);
    // 0005: one row in `amaps`, named facts.settings.amapName, with its contact and reply-to
    // addresses and a slug; its settings are the old row's.
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
    // 0005: in each of these tables, amap_id is set on every row, to the one AMAP's id.
  });

  it("gives everyone the roles they had", async () => {
    const referents = await db.select({ id: s.users.id, email: s.users.email }).from(s.users).where(eq(s.users.isReferent, true));
    expect(referents.sort((a, b) => a.email.localeCompare(b.email))).toEqual(facts.referents);
    for (const person of facts.people) {
      const roles = await loadRoles(db, person.id, rolesAtGeneration);
      expect([...roles].sort(), person.email).toEqual([...person.roles].sort());
    }
    // 0005: the same roles, held in the one AMAP (member of it, intermittent of it, référent of it).
  });

  it("keeps the mailed link working: it does what it said", async () => {
    const view = await describeLink(facts.link.token, null);
    expect(view).toMatchObject({ state: "ok", action: "unsubscribe", standing: { ready: true } });
    expect(await performLink(facts.link.token, null)).toEqual({ ok: true, outcome: "unsubscribed" });
    expect(await isLinkUsed(db, facts.link.nonce)).toBe(true);
    expect([...(await loadRoles(db, facts.link.userId))]).not.toContain("intermittent");
    // 0005: the link (objectId 0, made before AMAPs existed) acted in the one AMAP: she left its list.
  });
});
