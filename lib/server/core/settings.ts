import "server-only";
import { eq, getTableColumns } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { amaps, settings, type Settings } from "@/db/schema";
import { homeAmapId } from "./amaps";

/** An AMAP's settings, with the address of its space (/<slug>/…). */
export type AmapSettings = Settings & { slug: string };

/** An AMAP's settings (one row per AMAP, created with its defaults with the AMAP). */
export async function getSettings(ex: Executor | undefined, amapId: number): Promise<AmapSettings> {
  const db = ex ?? (await getDb());
  const [row] = await db
    .select({ ...getTableColumns(settings), slug: amaps.slug })
    .from(settings)
    .innerJoin(amaps, eq(amaps.id, settings.amapId))
    .where(eq(settings.amapId, amapId));
  if (!row) throw new Error(`settings row missing for AMAP ${amapId}: the database was not prepared`);
  return row;
}

/** The settings of the deployment's first AMAP (core/amaps.ts). */
export async function getHomeSettings(): Promise<AmapSettings> {
  const db = await getDb();
  return getSettings(db, await homeAmapId(db));
}
