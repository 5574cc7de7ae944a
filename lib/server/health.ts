import "server-only";
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";

/** Checks the database answers. Throws when it does not. */
export async function checkHealth(): Promise<{ database: "postgres" | "pglite" }> {
  const { db, driver } = await getDbHandle();
  await db.execute(sql`select 1`);
  return { database: driver };
}
