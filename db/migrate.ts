// Applies the drizzle-kit migrations in db/migrations, on either driver.
// Same bookkeeping table as drizzle-kit (drizzle.__drizzle_migrations), but
// inside one transaction holding an advisory lock, so several instances
// starting together against one Postgres migrate exactly once.
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

/** Runs inside the caller's transaction, which must hold SETUP_LOCK_KEY. */
export async function applyMigrations(tx: Executor): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
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
