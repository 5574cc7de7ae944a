import "server-only";
// Every admin read and command starts here: the référent flag is read from
// the database in the caller's transaction, so a page guard is never what
// protects the data (STYLE.md habit 3).
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { amapReferents } from "@/db/schema";
import type { Viewer } from "./auth";

export async function isReferent(ex: Executor, viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  const [row] = await ex
    .select({ userId: amapReferents.userId })
    .from(amapReferents)
    .where(and(eq(amapReferents.amapId, viewer.amapId), eq(amapReferents.userId, viewer.userId)));
  return row !== undefined;
}

/**
 * Runs a read for référents only; anyone else gets null (the page answers
 * 404). The read is given the viewer, a référent of `viewer.amapId`: it reads
 * that AMAP's rows only.
 */
export async function referentRead<T>(viewer: Viewer | null, read: (ex: Executor, referent: Viewer) => Promise<T>): Promise<T | null> {
  const db = await getDb();
  if (!viewer || !(await isReferent(db, viewer))) return null;
  return read(db, viewer);
}
