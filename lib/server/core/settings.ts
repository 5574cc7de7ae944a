import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { settings, type Settings } from "@/db/schema";
import { homeAmapId } from "./amaps";

/** An AMAP's settings (one row per AMAP, created with its defaults with the AMAP). */
export async function getSettings(ex: Executor | undefined, amapId: number): Promise<Settings> {
  const db = ex ?? (await getDb());
  const [row] = await db.select().from(settings).where(eq(settings.amapId, amapId));
  if (!row) throw new Error(`settings row missing for AMAP ${amapId}: the database was not prepared`);
  return row;
}

/** The settings of the AMAP a page shows when its address names none: the deployment's first (core/amaps.ts). */
export async function getHomeSettings(): Promise<Settings> {
  const db = await getDb();
  return getSettings(db, await homeAmapId(db));
}
