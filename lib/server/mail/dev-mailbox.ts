import "server-only";
// Reads the development mailbox. Everything here answers null outside demo
// mode (lib/env.ts, runtimeMode): real mail is never readable through the application.
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { devMails, type DevMail } from "@/db/schema";
import { isDevMailbox } from "@/lib/env";

export async function listDevMails(options: { to?: string; limit?: number } = {}): Promise<DevMail[] | null> {
  if (!isDevMailbox()) return null;
  const db = await getDb();
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  return db
    .select()
    .from(devMails)
    .where(options.to ? sql`lower(${devMails.to}) = ${options.to.trim().toLowerCase()}` : undefined)
    .orderBy(desc(devMails.id))
    .limit(limit);
}

export async function getDevMail(id: number): Promise<DevMail | null> {
  if (!isDevMailbox() || !Number.isSafeInteger(id) || id < 1) return null;
  const db = await getDb();
  const [mail] = await db.select().from(devMails).where(eq(devMails.id, id));
  return mail ?? null;
}
