// The database layer: migrations, the embedded database's lock, the demo and
// the first référents.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadRoles } from "@/lib/server/auth/auth";
import { getDb, isDriverWriteOnClosedSocket, lockDataDir, type Db } from "./client";
import { createUser, uniqueEmail } from "./factories";
import { applyMigrations, migrationTags, SETUP_LOCK_KEY } from "./migrate";
import * as s from "./schema";
import { bootstrapReferents, DEMO_ACCOUNTS, DEMO_PARTNER_SLUG, isDatabaseEmpty, seedDemo } from "./seed/demo";

let db: Db;

beforeAll(async () => {
  db = await getDb();
});

describe("migrations", () => {
  it("are applied once, then re-running them does nothing", async () => {
    const applied = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
      return applyMigrations(tx);
    });
    expect(applied).toBe(0);
    const [settingsRow] = await db.select().from(s.settings);
    expect(settingsRow).toMatchObject({ amapId: 1, offerCloseHours: 12, retentionMonths: 24 });
  });

  it("can stop after a given one, and go on from there later", async () => {
    // A database of its own: the file's database is already at the latest.
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create("memory://");
    try {
      const fresh = drizzle({ client, schema: s }) as unknown as Db;
      const tables = async () =>
        (await client.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public'`)).rows.map((r) => r.name);
      const tags = migrationTags();
      await expect(fresh.transaction((tx) => applyMigrations(tx, { upTo: "0099_nothing" }))).rejects.toThrow(/0099_nothing/);
      expect(await fresh.transaction((tx) => applyMigrations(tx, { upTo: "0001_sign_in_attempts" }))).toBe(2);
      expect(await tables()).toContain("sign_in_attempts");
      expect(await tables()).not.toContain("invitations"); // 0004_list
      expect(await fresh.transaction((tx) => applyMigrations(tx, { upTo: "0001_sign_in_attempts" }))).toBe(0);
      expect(await fresh.transaction((tx) => applyMigrations(tx))).toBe(tags.length - 2);
      expect(await tables()).toContain("invitations");
    } finally {
      await client.close();
    }
  });

  it("keep one settings row per AMAP", async () => {
    await expect(db.insert(s.settings).values({ amapId: 1 })).rejects.toThrow();
  });
});

describe("during `next build`", () => {
  it("the database is not opened (a page prerendered there would have opened and seeded it)", async () => {
    const { closeDb, getDbHandle } = await import("./client");
    await closeDb();
    vi.stubEnv("NEXT_PHASE", "phase-production-build");
    try {
      await expect(getDbHandle()).rejects.toThrow(/n'est pas ouverte pendant `next build`/);
    } finally {
      vi.unstubAllEnvs();
    }
    db = await getDb();
    expect((await db.execute(sql`select 1 as one`)) as unknown).toBeTruthy();
  });
});

describe("the embedded database's lock", () => {
  const dir = () => path.join(mkdtempSync(path.join(os.tmpdir(), "espace-lock-")), "pglite");

  it("refuses a second process, naming the one holding it", () => {
    const target = dir();
    const lockFile = `${target}.lock`;
    const release = lockDataDir(target);
    expect(readFileSync(lockFile, "utf8")).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile)).toBe(false);

    // Another live process (our parent) holds it.
    writeFileSync(lockFile, String(process.ppid));
    expect(() => lockDataDir(target)).toThrow(new RegExp(`déjà ouverte par le processus ${process.ppid}`));
    expect(readFileSync(lockFile, "utf8")).toBe(String(process.ppid));
  });

  it("takes over a lock left by a process that is gone", () => {
    const target = dir();
    writeFileSync(`${target}.lock`, "4194303");
    const release = lockDataDir(target);
    expect(readFileSync(`${target}.lock`, "utf8")).toBe(String(process.pid));
    release();
  });
});

describe("first référents from the configuration", () => {
  it("are named only while the database has no référent", async () => {
    const existing = await createUser(db, { email: uniqueEmail("already") });
    const fresh = uniqueEmail("fresh");
    await bootstrapReferents(db, [existing.email.toUpperCase(), fresh]);
    const referents = await db
      .select({ email: s.users.email })
      .from(s.amapReferents)
      .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId));
    expect(referents.map((r) => r.email).sort()).toEqual([existing.email, fresh].sort());

    const later = uniqueEmail("later");
    await bootstrapReferents(db, [later]);
    expect(await db.select().from(s.users).where(eq(s.users.email, later))).toHaveLength(0);
  });
});

describe("the demo network", () => {
  it("loads a living space into an empty database: the Tilleuls as they always were, and their partner the Marché", async () => {
    await db.transaction(async (tx) => {
      await tx.delete(s.users);
      expect(await isDatabaseEmpty(tx)).toBe(true);
      await seedDemo(tx, { now: new Date() });
    });
    expect(await isDatabaseEmpty(db)).toBe(false);
    const [tilleuls] = await db.select().from(s.amaps).where(eq(s.amaps.slug, "tilleuls"));
    const [marche] = await db.select().from(s.amaps).where(eq(s.amaps.slug, DEMO_PARTNER_SLUG));
    const tally = async (table: typeof s.places | typeof s.contracts | typeof s.distributions, amapId = tilleuls!.id) =>
      (await db.select({ n: count() }).from(table as PgTable).where(eq(table.amapId, amapId)))[0]!.n;
    expect(await tally(s.places)).toBe(2);
    expect(await tally(s.contracts)).toBe(4);
    expect(await tally(s.distributions)).toBe(52);

    const [{ upcoming }] = (await db
      .select({ upcoming: count() })
      .from(s.distributions)
      .where(sql`${s.distributions.startsAt} > now()`)) as [{ upcoming: number }];
    expect(upcoming).toBeGreaterThan(30);

    const rolesOf = async (email: string) => {
      const [user] = await db.select().from(s.users).where(eq(s.users.email, email));
      return loadRoles(db, user!.id, tilleuls!.id);
    };
    expect(await rolesOf(DEMO_ACCOUNTS.referent)).toEqual(new Set(["referent", "member"]));
    // The network's administrator holds no role in the AMAP, and administers the network.
    expect(await rolesOf(DEMO_ACCOUNTS.network)).toEqual(new Set());
    const [nadia] = await db.select().from(s.users).where(eq(s.users.email, DEMO_ACCOUNTS.network));
    expect(nadia!.isNetworkAdmin).toBe(true);
    for (const email of DEMO_ACCOUNTS.members) expect(await rolesOf(email)).toEqual(new Set(["member"]));
    for (const email of DEMO_ACCOUNTS.intermittents) expect(await rolesOf(email)).toEqual(new Set(["intermittent"]));

    const members = await db.selectDistinct({ userId: s.subscriptions.userId }).from(s.subscriptions).where(eq(s.subscriptions.amapId, tilleuls!.id));
    expect(members.length).toBeGreaterThanOrEqual(8);
    const active = await db
      .select()
      .from(s.intermittentMemberships)
      .where(sql`${s.intermittentMemberships.leftAt} is null and ${s.intermittentMemberships.amapId} = ${tilleuls!.id}`);
    expect(active).toHaveLength(6);
    const statuses = await db.selectDistinct({ status: s.offers.status }).from(s.offers).where(eq(s.offers.amapId, tilleuls!.id));
    expect(statuses.map((r) => r.status).sort()).toEqual(["cancelled", "done", "exchanged", "open", "reserved", "unclaimed"]);
    const [settingsRow] = await db.select().from(s.settings).where(eq(s.settings.amapId, tilleuls!.id));
    expect(settingsRow!.amapName).toBe("AMAP des Tilleuls");
    expect(settingsRow!.practicalRules).toContain("Émargez au nom");

    // The Marché: its own place, contracts, season, people; partners with the Tilleuls.
    const [marcheSettings] = await db.select().from(s.settings).where(eq(s.settings.amapId, marche!.id));
    expect(marcheSettings).toMatchObject({ amapName: "AMAP du Marché", contactEmail: "contact@amap-marche.demo.test" });
    expect(await tally(s.places, marche!.id)).toBe(1);
    expect(await tally(s.contracts, marche!.id)).toBe(2);
    expect(await tally(s.distributions, marche!.id)).toBe(26);
    const inMarche = async (email: string) => {
      const [user] = await db.select().from(s.users).where(eq(s.users.email, email));
      return loadRoles(db, user!.id, marche!.id);
    };
    expect(await inMarche(DEMO_ACCOUNTS.marche.referent)).toEqual(new Set(["referent", "member"]));
    for (const email of DEMO_ACCOUNTS.marche.members) expect(await inMarche(email)).toEqual(new Set(["member"]));
    expect(await inMarche(DEMO_ACCOUNTS.marche.intermittent)).toEqual(new Set(["intermittent"]));
    // Nobody of the Tilleuls holds a role in the Marché.
    for (const email of [DEMO_ACCOUNTS.referent, ...DEMO_ACCOUNTS.members, ...DEMO_ACCOUNTS.intermittents]) expect(await inMarche(email)).toEqual(new Set());
    const [partnership] = await db.select().from(s.amapPartnerships);
    expect(partnership).toMatchObject({ amapId: tilleuls!.id, partnerAmapId: marche!.id, endedAt: null });
    expect(partnership!.acceptedAt).toBeInstanceOf(Date);
    const optedIn = await db
      .select({ email: s.users.email, amapId: s.intermittentMemberships.amapId })
      .from(s.intermittentMemberships)
      .innerJoin(s.users, eq(s.users.id, s.intermittentMemberships.userId))
      .where(eq(s.intermittentMemberships.partnerBaskets, true));
    expect(optedIn.sort((a, b) => a.email.localeCompare(b.email))).toEqual([
      { email: DEMO_ACCOUNTS.partnerIntermittent, amapId: tilleuls!.id },
      { email: DEMO_ACCOUNTS.marche.intermittent, amapId: marche!.id },
    ]);
    // A Marché basket past its 24 hours, not yet announced to the partners, still open before its distribution.
    const due = await db
      .select()
      .from(s.offers)
      .where(sql`${s.offers.amapId} = ${marche!.id} and ${s.offers.status} = 'open' and ${s.offers.partnersAnnouncedAt} is null`);
    expect(due).toHaveLength(1);
    expect(Date.now() - due[0]!.createdAt.getTime()).toBeGreaterThan(24 * 3_600_000);
    const [distribution] = await db.select().from(s.distributions).where(eq(s.distributions.id, due[0]!.distributionId));
    expect(distribution!.startsAt.getTime() - Date.now()).toBeGreaterThan(3 * 86_400_000);
  });
});

describe("the guard against postgres.js's write on a closed socket", () => {
  const crash = (stack: string, message = "Cannot read properties of null (reading 'write')") => {
    const error = new TypeError(message);
    error.stack = `TypeError: ${message}\n${stack}`;
    return error;
  };

  it("recognises the driver's crash, unbundled or in a Next build chunk", () => {
    expect(
      isDriverWriteOnClosedSocket(
        crash(
          "    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)",
        ),
      ),
    ).toBe(true);
    expect(
      isDriverWriteOnClosedSocket(
        crash("    at Immediate.a (/app/.next/server/chunks/node_modules_postgres_src_index_1c7qdke4jro45.js:1:9040)\n    at process.processImmediate (node:internal/timers:483:21)"),
      ),
    ).toBe(true);
  });

  it("leaves every other uncaught exception alone", () => {
    expect(isDriverWriteOnClosedSocket(crash("    at Immediate.x (/app/lib/server/mail/outbox.ts:10:1)\n    at process.processImmediate (node:internal/timers:483:21)"))).toBe(false);
    expect(isDriverWriteOnClosedSocket(crash("    at write (/app/node_modules/postgres/src/connection.js:255:22)\n    at Socket.data (node:net:1:1)"))).toBe(false);
    expect(isDriverWriteOnClosedSocket(new Error("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isDriverWriteOnClosedSocket(crash("    at process.processImmediate (node:internal/timers:483:21) postgres/src/connection.js", "x is not a function"))).toBe(false);
  });
});
