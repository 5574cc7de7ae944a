// Backups (issue 14, item 3): a round trip of the configured database —
// embedded PGlite in a real folder without DATABASE_URL, Postgres with it —
// through the functions `npm run backup` / `npm run restore` call, then the
// scripts themselves for what an operator reads.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { typeset } from "@/lib/domain/french";
import { backupDatabase, configuredTarget, restoreDatabase, type BackupTarget } from "@/db/backup";
import { closeDb, getDb, type Db } from "@/db/client";
import { dataDir, getEnv } from "@/lib/env";
import { acceptReservation, reserveOffer } from "@/lib/server/exchange/offers";
import { intermittents, openOffer, vegetablesContract } from "./exchange-fixtures";

// Without DATABASE_URL, this file's embedded database lives in a folder (a
// backup of memory means nothing); set before anything reads the configuration.
vi.hoisted(() => {
  if (!process.env.DATABASE_URL) process.env.PGLITE_DIR = `${process.env.DATA_DIR}/pglite`;
});

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const isPostgres = Boolean(getEnv().DATABASE_URL);
const extraDatabases: string[] = [];

type Snapshot = Record<string, string[]>;

/** Every row of every table of ours (and each sequence's position), as text. */
async function snapshot(query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<Snapshot> {
  const tables = await query(
    `select table_schema || '.' || table_name as name from information_schema.tables
      where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
  );
  const result: Snapshot = {};
  for (const { name } of tables) {
    const rows = await query(`select to_jsonb(t)::text as row from ${String(name)} t order by 1`);
    result[String(name)] = rows.map((r) => String(r.row));
  }
  const sequences = await query(
    `select schemaname || '.' || sequencename || '=' || coalesce(last_value::text, '-') as seq from pg_sequences
      where schemaname in ('public', 'drizzle') order by 1`,
  );
  result.sequences = sequences.map((s) => String(s.seq));
  return result;
}

async function snapshotOf(target: BackupTarget): Promise<Snapshot> {
  if (target.driver === "postgres") {
    const sql = postgres(target.url, { max: 1, onnotice: () => {} });
    try {
      return await snapshot((q) => sql.unsafe(q) as Promise<Record<string, unknown>[]>);
    } finally {
      await sql.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const client = await PGlite.create(target.dir);
  try {
    return await snapshot(async (q) => (await client.query<Record<string, unknown>>(q)).rows);
  } finally {
    await client.close();
  }
}

/** A second, empty database or folder to restore into. */
async function freshTarget(label: string): Promise<BackupTarget> {
  if (!isPostgres) return { driver: "pglite", dir: path.join(dataDir(), `restored-${label}`) };
  const url = new URL(getEnv().DATABASE_URL!);
  const name = `${url.pathname.slice(1)}_${label}`;
  const admin = postgres(getEnv().DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  extraDatabases.push(name);
  url.pathname = `/${name}`;
  return { driver: "postgres", url: url.toString() };
}

/** The scripts as an operator runs them, with this file's database. */
function npmRun(args: string[], target: BackupTarget) {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir() };
  if (target.driver === "postgres") env.DATABASE_URL = target.url;
  else env.PGLITE_DIR = target.dir;
  return run(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", ...args], { cwd: root, env: env as NodeJS.ProcessEnv }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

let db: Db;
let source: BackupTarget;
let before: Snapshot;
const folder = () => path.join(dataDir(), "sauvegardes");

beforeAll(async () => {
  db = await getDb();
  // What an AMAP has after a few days: an offer made, reserved by two people, accepted — through the commands.
  const veg = await vegetablesContract(db);
  const offer = await openOffer(db, veg, { daysAhead: 4, firstName: "Éloïse", message: "Le code du portail : 1234" });
  const [first, second] = await intermittents(db, 2, "sauvegarde");
  const reserved = await reserveOffer(first!.viewer, offer.offerId);
  if (!reserved.ok) throw new Error(reserved.refusal);
  const queued = await reserveOffer(second!.viewer, offer.offerId);
  if (!queued.ok) throw new Error(queued.refusal);
  const accepted = await acceptReservation(offer.viewer, reserved.value.reservationId!);
  if (!accepted.ok) throw new Error(accepted.refusal);
  source = configuredTarget();
  // The embedded database is one process's: the application (here, this file) lets it go before a backup.
  // Postgres is backed up while in use.
  if (source.driver === "pglite") await closeDb();
  before = await snapshotOf(source);
  mkdirSync(folder(), { recursive: true });
}, 120_000);

afterAll(async () => {
  if (extraDatabases.length === 0) return;
  const admin = postgres(getEnv().DATABASE_URL!, { max: 1, onnotice: () => {} });
  for (const name of extraDatabases) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe(`backup and restore (${isPostgres ? "Postgres" : "embedded PGlite"})`, () => {
  it("a backup restored into an empty database gives back every row; the file is readable by its owner only", async () => {
    // What this file made is there (an empty embedded database also gets the demo AMAP).
    expect(before["public.offers"]!.filter((row) => row.includes("Le code du portail : 1234"))).toHaveLength(1);
    expect(before["public.reservations"]!.filter((row) => row.includes('"status": "accepted"')).length).toBeGreaterThanOrEqual(1);
    expect(before["public.users"]!.filter((row) => row.includes("Éloïse"))).toHaveLength(1);
    expect(before["public.outbox"]!.length).toBeGreaterThan(3);
    const file = path.join(folder(), "a.sauvegarde");
    const backup = await backupDatabase(source, file);
    expect(backup).toMatchObject({ ok: true, value: { file, driver: source.driver } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await backupDatabase(source, file)).toMatchObject({ ok: false, refusal: { reason: "fileExists" } });

    const target = await freshTarget("a");
    expect(await restoreDatabase(target, file, { force: false })).toMatchObject({ ok: true, value: { replaced: false } });
    expect(await snapshotOf(target)).toEqual(before);
    if (target.driver === "pglite") expect(statSync(path.join(target.dir, "PG_VERSION")).mode & 0o777).toBe(0o600);
  }, 120_000);

  it("refuses a database that is not empty without --force; with it, replaces it; a damaged file changes nothing", async () => {
    const file = path.join(folder(), "b.sauvegarde");
    expect((await backupDatabase(source, file)).ok).toBe(true);
    const target = await freshTarget("b");
    expect((await restoreDatabase(target, file, { force: false })).ok).toBe(true);
    // Something happens in the restored database, then a restore over it is asked.
    if (target.driver === "postgres") {
      const sql = postgres(target.url, { max: 1, onnotice: () => {} });
      await sql`update users set first_name = 'Changé'`;
      await sql.end();
    } else {
      const { PGlite } = await import("@electric-sql/pglite");
      const client = await PGlite.create(target.dir);
      await client.query("update users set first_name = 'Changé'");
      await client.close();
    }
    const changed = await snapshotOf(target);
    expect(changed).not.toEqual(before);

    const refused = await restoreDatabase(target, file, { force: false });
    expect(refused).toMatchObject({ ok: false, refusal: { reason: target.driver === "postgres" ? "databaseNotEmpty" : "folderNotEmpty" } });
    expect(refused.ok || refused.refusal.message).toMatch(/--force/);
    expect(await snapshotOf(target)).toEqual(changed);

    const damaged = path.join(folder(), "b-coupee.sauvegarde");
    const bytes = readFileSync(file);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await restoreDatabase(target, damaged, { force: true })).ok).toBe(false);
    expect(await snapshotOf(target)).toEqual(changed);

    const forced = await restoreDatabase(target, file, { force: true });
    expect(forced).toMatchObject({ ok: true, value: { replaced: true } });
    expect(await snapshotOf(target)).toEqual(before);
    if (target.driver === "pglite") {
      // The previous folder is kept beside it, for the operator to delete.
      expect(forced.ok && forced.value.movedAsideTo && existsSync(path.join(forced.value.movedAsideTo, "PG_VERSION"))).toBe(true);
    }
  }, 180_000);

  it("npm run backup / restore: usage, refusals and results in French", async () => {
    const usage = await npmRun(["scripts/backup.ts"], source);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain(typeset("Usage : npm run backup -- <fichier>"));
    expect((await npmRun(["scripts/restore.ts", "--force"], source)).stderr).toContain(typeset("Usage : npm run restore -- <fichier> [--force]"));

    const file = path.join(folder(), "c.sauvegarde");
    const made = await npmRun(["scripts/backup.ts", file], source);
    expect(made).toMatchObject({ code: 0 });
    expect(made.stdout).toMatch(new RegExp(`^Sauvegarde de la base (Postgres|embarquée \\(PGlite\\)) écrite dans ${file} \\(\\d`));
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const over = await npmRun(["scripts/restore.ts", file], source);
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/n'est pas vide|contient déjà une base/);
    expect(over.stderr).toContain("--force");

    const notABackup = path.join(folder(), "notes.txt");
    writeFileSync(notABackup, "pas une sauvegarde");
    const wrong = await npmRun(["scripts/restore.ts", notABackup], await freshTarget("c"));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("n'est pas une sauvegarde de l'Espace intermittents");

    const target = await freshTarget("d");
    const restored = await npmRun(["scripts/restore.ts", file], target);
    expect(restored).toMatchObject({ code: 0 });
    expect(restored.stdout).toContain(`restaurée depuis ${file}`);
    expect(await snapshotOf(target)).toEqual(before);
  }, 180_000);

  it("refuses a backup of the other kind of database, naming what to do", async () => {
    const file = path.join(folder(), "autre.sauvegarde");
    writeFileSync(file, isPostgres ? Buffer.from([0x1f, 0x8b, 8, 0, 0]) : "PGDMP");
    const result = await restoreDatabase(source, file, { force: true });
    expect(result).toMatchObject({ ok: false, refusal: { reason: isPostgres ? "pgliteFileForPostgres" : "postgresFileForPglite" } });
    expect(result.ok || result.refusal.message).toContain("DATABASE_URL");
  });
});

describe.skipIf(isPostgres)("the embedded database in use", () => {
  it("is neither backed up nor replaced while another process holds it", async () => {
    const lock = `${(source as { dir: string }).dir}.lock`;
    writeFileSync(lock, String(process.ppid)); // a live process that is not this one
    try {
      const result = await backupDatabase(source, path.join(folder(), "verrou.sauvegarde"));
      expect(result).toMatchObject({ ok: false, refusal: { reason: "inUse" } });
      expect(result.ok || result.refusal.message).toContain("déjà ouverte");
      expect(existsSync(path.join(folder(), "verrou.sauvegarde"))).toBe(false);
    } finally {
      rmSync(lock, { force: true });
    }
  });
});
