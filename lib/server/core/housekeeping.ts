import "server-only";
// Periodic clean-up run by the worker loop: expired sign-in tokens and
// sessions. Idempotent, cheap, safe to run from several processes at once.
import { lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessions, signInAttempts, verificationTokens } from "@/db/schema";

export async function purgeExpiredAuthRows(
  db: Db,
  now = new Date(),
): Promise<{ tokens: number; sessions: number; attempts: number }> {
  const tokens = await db.delete(verificationTokens).where(lt(verificationTokens.expires, now)).returning({ t: verificationTokens.token });
  const gone = await db.delete(sessions).where(lt(sessions.expires, now)).returning({ t: sessions.sessionToken });
  // The sign-in limits look one hour back; a day leaves room for a slow clock.
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const attempts = await db.delete(signInAttempts).where(lt(signInAttempts.createdAt, dayAgo)).returning({ id: signInAttempts.id });
  return { tokens: tokens.length, sessions: gone.length, attempts: attempts.length };
}
