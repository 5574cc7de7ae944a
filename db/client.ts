// The database client: Postgres through the `postgres` driver when
// DATABASE_URL is set, otherwise an embedded PGlite in .data/pglite.
// Opening runs the migrations, names the first référents from the
// configuration, and loads the demo AMAP into an empty database when the
// mode says so (lib/env.ts, runtimeMode).
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { dataDir, getEnv, isNextBuild, pgliteDir, runtimeMode } from "@/lib/env";
import { makePrivateDir, PRIVATE_FILE_MODE, restrictTree } from "@/lib/private-files";
import { applyMigrations, SETUP_LOCK_KEY } from "./migrate";
import { firstAmapId } from "./queries";
import * as schema from "./schema";
import { bootstrapNetworkAdmins, bootstrapReferents, isDatabaseEmpty, seedDemo } from "./seed/demo";
import type { Db, Tx } from "./types";

export type { Db, Executor, Tx } from "./types";

export type DbHandle = {
  db: Db;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
  /** Ends the pool, giving running queries `seconds` to finish. */
  end: (seconds: number) => Promise<void>;
  /**
   * `select 1`, for the health checks. On Postgres through a connection of
   * its own, outside the pool: a loaded process whose pool is busy is not a
   * database that fails to answer (lib/server/core/health.ts).
   */
  probe: () => Promise<void>;
};

// NOTE: Next compiles this module into several server chunks, and PGlite has
// no lock of its own (STACK.md, trap 2): keep exactly one client per process.
const globalForDb = globalThis as unknown as { __espaceDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  // `next build` tries to prerender each page; a page that reached the
  // database there opened (and seeded) the embedded one from the build's
  // workers — two of them at once then collide on its lock. Every page is
  // dynamic (app/layout.tsx); this keeps it so.
  if (isNextBuild()) {
    return Promise.reject(new Error("La base de données n'est pas ouverte pendant `next build` : une page lue à la construction doit être dynamique."));
  }
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

/**
 * How long anything may wait on Postgres, so that a request ends within 10 s
 * when the database is down or stuck (SECURITY.md, « Database outage »):
 * a new connection gives up after 3 s, a statement (lock waits included)
 * after 8 s, and a transaction left idle is ended by the server after 15 s.
 * A connection the server closed (restart, pg_terminate_backend) fails its
 * query at once and leaves the pool, which opens a fresh one on next use.
 * Migrations at start lift the statement limit (prepare below).
 */
export const POSTGRES_LIMITS = { connectSeconds: 3, statementMs: 8_000, idleInTransactionMs: 15_000 } as const;

async function openPostgres(url: string): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    max: 10,
    connect_timeout: POSTGRES_LIMITS.connectSeconds,
    idle_timeout: 60,
    // Sent at connection start, so every statement of every connection has them.
    connection: {
      statement_timeout: POSTGRES_LIMITS.statementMs,
      idle_in_transaction_session_timeout: POSTGRES_LIMITS.idleInTransactionMs,
    },
    // NOTE: with fetch_types on, each new connection first asks for the
    // array types from a promise nobody awaits; a connection cut at that
    // moment (Postgres restarting) becomes an unhandled rejection, which ends
    // a Node process such as `npm run worker`. The schema has no array
    // column and Drizzle sends lists as separate parameters, so nothing needs them.
    // https://github.com/porsager/postgres/blob/v3.4.9/src/connection.js (fetchArrayTypes)
    fetch_types: false,
    onnotice: () => {},
  });
  // NOTE: the driver is patched (patches/postgres+3.4.9.patch, applied by
  // `npm install`): unpatched, a connection cut mid-query kept that query as
  // current, and its next query, while the database refused connections,
  // reconnected in a loop and never settled (test/postgres-driver.test.ts).
  const db = drizzle({ client, schema }) as unknown as Db;
  guardAgainstDriverCrash();
  // One more connection per process (deploy/README.md counts it), opened at the first check.
  const prober = postgres(url, {
    max: 1,
    connect_timeout: POSTGRES_LIMITS.connectSeconds,
    idle_timeout: 60,
    connection: { statement_timeout: POSTGRES_LIMITS.statementMs },
    fetch_types: false,
    onnotice: () => {},
  });
  const endBoth = async (timeout: number) => {
    await Promise.all([client.end({ timeout }), prober.end({ timeout })]);
  };
  return {
    db,
    driver: "postgres",
    close: () => endBoth(5),
    end: endBoth,
    probe: async () => {
      await prober`select 1`;
    },
  };
}

/**
 * NOTE: postgres.js 3.4.9 defers small writes to a setImmediate; when the
 * connection closes first (Postgres restarting, connections killed), the
 * deferred write throws a TypeError on the null socket, outside any promise
 * — an uncaught exception that ends a plain Node process (`npm run worker`;
 * Next only logs it) — and leaves that pooled connection unable to send
 * anything again (each later use waits for the connect timeout).
 * https://github.com/porsager/postgres/issues/1154 ,
 * https://github.com/porsager/postgres/issues/1208 (fix proposed in PR #1168).
 * Until the driver is fixed: recognise exactly that error, and replace the
 * pool with a fresh one (the old one is ended once its queries are done).
 * Any other uncaught exception keeps Node's default: printed, exit code 1 —
 * unless another handler (Next's) is there to decide.
 */
export function isDriverWriteOnClosedSocket(error: unknown): boolean {
  if (!(error instanceof TypeError) || !error.message.includes("reading 'write'")) return false;
  const stack = error.stack ?? "";
  // Thrown from a setImmediate, in the driver's connection module — unbundled
  // (`npm run worker`) or in a chunk of `next build` (names minified, file kept).
  return /processImmediate/.test(stack) && /postgres[\\/]src[\\/]connection\.js|node_modules_postgres_src_/.test(stack);
}


/** The process-wide listener (exported so a test can leave it alone in charge). */
export function driverCrashListener(error: Error): void {
  if (isDriverWriteOnClosedSocket(error)) {
    console.error("[db] connexion à Postgres coupée pendant un envoi : le pool de connexions est renouvelé.");
    void renewPostgresPool();
    return;
  }
  if (process.listenerCount("uncaughtException") > 1) return;
  console.error(error);
  process.exit(1);
}

function guardAgainstDriverCrash(): void {
  if (!process.listeners("uncaughtException").includes(driverCrashListener)) process.on("uncaughtException", driverCrashListener);
}

/**
 * Later getDb() calls get a fresh pool. The old one is ended at once (its
 * queries get 2 s to finish): queries queued on it would otherwise wait for a
 * broken connection's connect timeout, again and again.
 */
async function renewPostgresPool(): Promise<void> {
  const current = globalForDb.__espaceDb;
  if (!current) return;
  const handle = await current.catch(() => undefined);
  if (!handle || handle.driver !== "postgres" || globalForDb.__espaceDb !== current) return;
  globalForDb.__espaceDb = undefined;
  await handle.end(2).catch(() => {});
}

async function openPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dir.startsWith("memory://");
  const release = inMemory ? () => {} : lockDataDir(dir);
  try {
    const client = await PGlite.create(dir);
    // PGlite chmods its files 0666; the folder is already 0700 (lockDataDir).
    if (!inMemory) restrictTree(dir);
    const db = drizzle({ client, schema }) as unknown as Db;
    const close = async () => {
      await client.close();
      if (!inMemory) restrictTree(dir);
      release();
    };
    // One process, one database: the check goes through it like any query.
    return { db, driver: "pglite", close, end: close, probe: async () => void (await db.execute(sql`select 1`)) };
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
  // PGlite's own mkdir is not recursive. DATA_DIR and the database's folder
  // are its user's only (0700; its files 0600, see openPglite).
  if (isInside(dir, dataDir())) makePrivateDir(dataDir());
  makePrivateDir(dir);
  const lockFile = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx", PRIVATE_FILE_MODE);
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

function isInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Migrations, first référents, demo data (runtimeMode): once, under one advisory lock. */
async function prepare({ db, driver }: DbHandle): Promise<void> {
  const env = getEnv();
  const isEmbeddedOnDisk = driver === "pglite" && !pgliteDir().startsWith("memory://");
  // Demo data only in demo mode (the embedded database of `npm start`) or when asked (SEED_DEMO=1).
  const { demoData } = runtimeMode(env);
  const mayGetDemo = demoData === "any" || (demoData === "embedded" && isEmbeddedOnDisk);
  await db.transaction(async (tx) => {
    await holdSetupLock(tx, driver);
    await applyMigrations(tx);
    const shouldSeed = mayGetDemo && (await isDatabaseEmpty(tx));
    if (shouldSeed) await seedDemo(tx, { now: new Date() });
    await bootstrapReferents(tx, env.REFERENT_EMAILS);
    await bootstrapNetworkAdmins(tx, env.NETWORK_ADMIN_EMAILS);
    await tx.insert(schema.settings).values({ amapId: await firstAmapId(tx) }).onConflictDoNothing();
  });
}

async function holdSetupLock(tx: Tx, driver: DbHandle["driver"]): Promise<void> {
  // Migrations may take longer than a request may (POSTGRES_LIMITS), and
  // another instance may hold the lock while it migrates.
  if (driver === "postgres") await tx.execute(sql`set local statement_timeout = 0`);
  await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
}

/**
 * The configured database, opened apart from the process's client, with its
 * migrations applied up to `upTo` (a tag of meta/_journal.json, e.g.
 * "0004_list") and nothing else of the start: no référents, no demo, no
 * settings row. For the tests of a migration: fill a database at an older
 * schema, close it, then `getDb()` migrates it as a start would. The embedded
 * database must be on disk, as an in-memory one ends with its handle.
 */
export async function openDatabaseAt(upTo: string): Promise<DbHandle> {
  const env = getEnv();
  const dir = pgliteDir();
  if (!env.DATABASE_URL && dir.startsWith("memory://")) {
    throw new Error("openDatabaseAt: an in-memory embedded database cannot be opened again by getDb(); set PGLITE_DIR to a folder.");
  }
  const handle = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite(dir);
  try {
    await handle.db.transaction(async (tx) => {
      await holdSetupLock(tx, handle.driver);
      await applyMigrations(tx, { upTo });
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}
