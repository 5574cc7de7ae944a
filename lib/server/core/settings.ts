import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { settings, type Settings } from "@/db/schema";

/** The AMAP's settings (one row, created with defaults when the database is prepared). */
export async function getSettings(ex?: Executor): Promise<Settings> {
  const db = ex ?? (await getDb());
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error("settings row missing: the database was not prepared");
  return row;
}
