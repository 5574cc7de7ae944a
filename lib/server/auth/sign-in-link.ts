import "server-only";
// The emailed sign-in link (DESIGN.md §6). Issued after the answer to the
// request is sent (app/connexion/actions.ts), so a known and an unknown
// address cost the same time; it opens a page of ours that changes nothing
// (mail scanners and link previews open links); only that page's button
// posts the token to Auth.js's email callback (app/api/auth/[...nextauth]).
import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { verificationTokens } from "@/db/schema";
import { SIGN_IN_LINK_MAX_AGE_SECONDS, signInLinkPath } from "@/lib/domain/sign-in";
import { authSecret, getEnv } from "@/lib/env";
import { findSignInUser } from "./auth";
import { enqueueMail, kickOutbox } from "../mail";
import { homeAmapId } from "../core";

/**
 * What the database keeps of a token: Auth.js's own hash, so its callback
 * finds the row. NOTE: sha256(token + secret), as in @auth/core
 * lib/actions/callback/index.ts (`createHash(`${paramToken}${secret}`)`).
 */
export function hashSignInToken(token: string): string {
  return createHash("sha256").update(`${token}${authSecret()}`).digest("hex");
}

/** A fresh sign-in link for this stored address, valid 24 hours, once (the token is kept hashed). */
export async function issueSignInUrl(tx: Executor, email: string, returnTo: string | null, now = new Date()): Promise<string> {
  // As Auth.js makes its own tokens: 32 random bytes.
  const token = randomBytes(32).toString("hex");
  // The stored address, exactly: Auth.js finds the person by it after the button.
  await tx.insert(verificationTokens).values({
    identifier: email,
    token: hashSignInToken(token),
    expires: new Date(now.getTime() + SIGN_IN_LINK_MAX_AGE_SECONDS * 1000),
  });
  // Built on APP_URL, never on the request's Host (SECURITY.md).
  return new URL(signInLinkPath({ token, email, returnTo }), getEnv().APP_URL).toString();
}

/**
 * The known-address work of a sign-in request: for someone the AMAP knows,
 * a fresh token and the email carrying it; for anyone else, nothing. Run
 * after the answer is sent, never before it (SECURITY.md, « No enumeration »).
 */
export async function sendSignInLinkIfKnown(email: string, returnTo: string | null, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const queued = await db.transaction(async (tx) => {
    const person = await findSignInUser(tx, email);
    if (!person) return false;
    const url = await issueSignInUrl(tx, person.email, returnTo, now);
    // Sent in the name of the deployment's first AMAP until addresses name one.
    await enqueueMail(tx, await homeAmapId(tx), "sign-in", [{ to: person.email, payload: { url, userId: person.id } }]);
    return true;
  });
  if (queued) kickOutbox();
  return queued;
}

export type SignInLinkView = { state: "ok"; email: string } | { state: "expired" } | { state: "used" };

/**
 * What an emailed link's page shows: the button while its token is waiting,
 * « déjà servi » once it is gone (used, or never ours), « expiré » past its
 * day. Reads only: opening the link changes nothing.
 */
export async function describeSignInLink(token: string, email: string, ex?: Executor, now = new Date()): Promise<SignInLinkView> {
  // Postgres refuses a NUL in text: such a link was never ours.
  if (!token || !email || token.length > 200 || email.length > 320 || `${token}${email}`.includes("\u0000")) return { state: "used" };
  const db = ex ?? (await getDb());
  const [row] = await db
    .select({ expires: verificationTokens.expires })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.identifier, email), eq(verificationTokens.token, hashSignInToken(token))));
  if (!row) return { state: "used" };
  if (row.expires.getTime() < now.getTime()) return { state: "expired" };
  return { state: "ok", email };
}
