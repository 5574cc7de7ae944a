// Applies the drizzle-kit migrations in db/migrations, on either driver.
// Same bookkeeping table as drizzle-kit (drizzle.__drizzle_migrations), but
// inside one transaction holding an advisory lock, so several instances
// starting together against one Postgres migrate exactly once.
import { readFileSync } from "node:fs";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { desc, sql } from "drizzle-orm";
import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";
import type { Executor } from "./types";

const drizzleSchema = pgSchema("drizzle");
const migrationsTable = drizzleSchema.table("__drizzle_migrations", {
  id: serial("id").primaryKey(),
  hash: text("hash").notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});

/** Arbitrary constant shared by every instance of this application. */
export const SETUP_LOCK_KEY = 7_212_026;

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

/** The migrations' tags ("0004_list"), oldest first, as meta/_journal.json lists them. */
export function migrationTags(): string[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((entry) => entry.tag);
}

export type MigrateOptions = {
  /**
   * Stop after this migration (its tag, e.g. "0004_list"): a database at an
   * older schema, for the tests of a later migration. Default: all of them.
   */
  upTo?: string;
};

/** Runs inside the caller's transaction, which must hold SETUP_LOCK_KEY. Returns how many were applied. */
export async function applyMigrations(tx: Executor, options: MigrateOptions = {}): Promise<number> {
  // readMigrationFiles reads them in the journal's order: the tags line up.
  let migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  if (options.upTo !== undefined) {
    const index = migrationTags().indexOf(options.upTo);
    if (index < 0) throw new Error(`No migration tagged ${options.upTo} in ${migrationsFolder()}.`);
    migrations = migrations.slice(0, index + 1);
  }
  await tx.execute(sql`create schema if not exists drizzle`);
  await tx.execute(
    sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
  );
  const [last] = await tx
    .select({ createdAt: migrationsTable.createdAt })
    .from(migrationsTable)
    .orderBy(desc(migrationsTable.createdAt))
    .limit(1);
  let applied = 0;
  for (const migration of migrations) {
    if (last && Number(last.createdAt) >= migration.folderMillis) continue;
    for (const statement of migration.sql) {
      if (statement.trim()) await tx.execute(sql.raw(statement));
    }
    await tx.insert(migrationsTable).values({ hash: migration.hash, createdAt: migration.folderMillis });
    applied++;
  }
  return applied;
}
