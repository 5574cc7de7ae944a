// The database client: Postgres through the `postgres` driver when
// DATABASE_URL is set, otherwise an embedded PGlite in .data/pglite.
// Opening runs the migrations, names the first référents from the
// configuration, and loads the demo AMAP into an empty embedded database.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getEnv, pgliteDir } from "@/lib/env";
import { applyMigrations, SETUP_LOCK_KEY } from "./migrate";
import * as schema from "./schema";
import { bootstrapReferents, isDatabaseEmpty, seedDemo } from "./seed/demo";
import type { Db } from "./types";

export type { Db, Executor, Tx } from "./types";

export type DbHandle = {
  db: Db;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
};

// NOTE: Next compiles this module into several server chunks, and PGlite has
// no lock of its own (STACK.md, trap 2): keep exactly one client per process.
const globalForDb = globalThis as unknown as { __espaceDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__espaceDb) {
    const opening = openDatabase();
    globalForDb.__espaceDb = opening;
    // A failed open must not be cached: the next call retries (e.g. Postgres restarting).
    opening.catch(() => {
      if (globalForDb.__espaceDb === opening) globalForDb.__espaceDb = undefined;
    });
  }
  return globalForDb.__espaceDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const pending = globalForDb.__espaceDb;
  globalForDb.__espaceDb = undefined;
  if (pending) await (await pending.catch(() => undefined))?.close();
}

async function openDatabase(): Promise<DbHandle> {
  const env = getEnv();
  const handle = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite(pgliteDir());
  try {
    await prepare(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

async function openPostgres(url: string): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: 10,
    connect_timeout: 10,
    idle_timeout: 60,
    onnotice: () => {},
  });
  const db = drizzle({ client, schema }) as unknown as Db;
  return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDataDir(dir);
  try {
    const client = await PGlite.create(dir);
    const db = drizzle({ client, schema }) as unknown as Db;
    return {
      db,
      driver: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite opens a directory another process already has open without a word,
 * and both corrupt it. A lock file holding our pid stops the second one; a
 * lock left by a dead process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  // PGlite's own mkdir is not recursive.
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      const release = () => {
        try {
          if (readFileSync(lockFile, "utf8") === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // already gone
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockFile, "utf8").trim());
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `La base embarquée ${dir} est déjà ouverte par le processus ${owner} (l'application tourne-t-elle déjà ?). ` +
            `Arrêtez-le, ou définissez DATABASE_URL pour partager une base Postgres.`,
        );
      }
      if (existsSync(lockFile)) unlinkSync(lockFile); // stale: its process is gone
    }
  }
  throw new Error(`Impossible de verrouiller ${lockFile}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Migrations, first référents, demo data: once, under one advisory lock. */
async function prepare({ db, driver }: DbHandle): Promise<void> {
  const env = getEnv();
  const isEmbeddedDefault = driver === "pglite" && !pgliteDir().startsWith("memory://");
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    await applyMigrations(tx);
    const shouldSeed = (isEmbeddedDefault || env.SEED_DEMO) && (await isDatabaseEmpty(tx));
    if (shouldSeed) await seedDemo(tx, { now: new Date() });
    await bootstrapReferents(tx, env.REFERENT_EMAILS);
    await tx.insert(schema.settings).values({ id: 1 }).onConflictDoNothing();
  });
}
