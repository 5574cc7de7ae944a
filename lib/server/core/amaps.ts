import "server-only";
import type { Executor } from "@/db/client";
import { firstAmapId } from "@/db/queries";

/**
 * The AMAP a request acts in when nothing names one. Every database has at
 * least one AMAP (migration 0005 makes it: a database of one AMAP becomes
 * that AMAP), and until addresses carry their AMAP (/<slug>/…, issue 13's
 * next stage) a deployment serves its first one.
 */
export function homeAmapId(ex: Executor): Promise<number> {
  return firstAmapId(ex);
}
