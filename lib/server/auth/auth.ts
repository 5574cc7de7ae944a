import "server-only";
// Sign-in (Auth.js v5: emailed magic links, database sessions) and the
// Viewer: the only way the rest of the server learns who is asking. Commands
// take a Viewer, which only this module can build (STYLE.md habit 3).
import { createHmac } from "node:crypto";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { and, count, eq, gt, sql } from "drizzle-orm";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb, type Executor } from "@/db/client";
import {
  accounts,
  sessions,
  signInAttempts,
  users,
  verificationTokens,
} from "@/db/schema";
import { REQUEST_PATH_HEADER, safeRedirect, safeReturnPath } from "@/lib/domain/http-security";
import { SIGN_IN_LINK_MAX_AGE_SECONDS } from "@/lib/domain/sign-in";
import { authSecret, getEnv, type Env } from "@/lib/env";
import type { LogFields } from "@/lib/domain/log-text";
import { checkHealth, homeAmapId, requestAmap } from "../core";
import { logError, logWarn } from "../core";
import { peopleWithAnyRole, peopleWithRoles, personWithRolesById, rolesOf, type PersonWithRoles } from "../core";

import type { Role } from "@/lib/domain/roles";

export type { Role };

declare const viewerBrand: unique symbol;

/** Who is asking, with roles read from the data. Built only by this module. */
export type Viewer = {
  readonly [viewerBrand]: true;
  readonly userId: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly displayName: string;
  readonly roles: ReadonlySet<Role>;
  /** The AMAP they act in; their roles are theirs in it. */
  readonly amapId: number;
  /** Administers the network (/reseau); the commands read it again in their transaction. */
  readonly isNetworkAdmin: boolean;
};

export function hasRole(viewer: Viewer | null, role: Role): boolean {
  return viewer?.roles.has(role) ?? false;
}

/** The roles of one person today in an AMAP; none for an unknown id. */
export async function loadRoles(ex: Executor, userId: string, amapId: number, now = new Date()): Promise<Set<Role>> {
  const [person] = await peopleWithRoles(ex, eq(users.id, userId), amapId, now);
  return person ? rolesOf(person) : new Set();
}

async function buildViewer(ex: Executor, userId: string, amap?: number): Promise<Viewer | null> {
  const amapId = amap ?? (await homeAmapId(ex));
  const [user] = await peopleWithRoles(ex, eq(users.id, userId), amapId);
  return user ? viewerOf(user, amapId) : null;
}

function viewerOf(user: PersonWithRoles, amapId: number): Viewer {
  const displayName = `${user.firstName} ${user.lastName}`.trim() || user.email;
  return {
    userId: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    displayName,
    roles: rolesOf(user),
    amapId,
    isNetworkAdmin: user.isNetworkAdmin,
  } as unknown as Viewer;
}

/**
 * The person a sign-in link may be sent to: someone an AMAP of the deployment
 * knows (member, intermittent or référent). Anyone else gets the same answer
 * and no mail.
 */
export async function findSignInUser(ex: Executor, email: string): Promise<{ id: string; email: string } | null> {
  const [user] = await peopleWithAnyRole(ex, sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return user ? { id: user.id, email: user.email } : null;
}

export type SignInLimits = { perAddress: number; perIp: number };

/** A keyed hash: enough to count requests, useless to anyone reading the table. */
function keyedHash(kind: "email" | "ip", value: string): string {
  return createHmac("sha256", authSecret()).update(`sign-in:${kind}:${value}`).digest("base64url").slice(0, 32);
}

/**
 * Admits a sign-in request, or not: at most `perAddress` per address and
 * `perIp` per client address in the last hour, known addresses or not (so
 * the limit tells nothing about who is a member). An admitted request is
 * recorded in the database, so every instance counts the same requests.
 * Refused ones are not recorded: the limit caps what is sent, and a flood
 * does not lengthen the wait of the person behind the address.
 */
export async function admitSignInRequest(
  email: string,
  ip: string,
  limits: SignInLimits = { perAddress: getEnv().SIGN_IN_LIMIT_PER_ADDRESS, perIp: getEnv().SIGN_IN_LIMIT_PER_IP },
  now = new Date(),
): Promise<boolean> {
  const emailHash = keyedHash("email", email.trim().toLowerCase());
  const ipHash = keyedHash("ip", ip);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Count-then-insert is made atomic by two transaction-scoped advisory
    // locks, always taken in the same order (address, then IP): no deadlock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${emailHash}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sign-in:${ipHash}`}))`);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const [[byAddress], [byIp]] = await Promise.all([
      tx.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.emailHash, emailHash), gt(signInAttempts.createdAt, hourAgo))),
      tx.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.ipHash, ipHash), gt(signInAttempts.createdAt, hourAgo))),
    ]);
    if ((byAddress?.n ?? 0) >= limits.perAddress || (byIp?.n ?? 0) >= limits.perIp) return false;
    await tx.insert(signInAttempts).values({ emailHash, ipHash, createdAt: now });
    return true;
  });
}

/**
 * Cookie settings from the configured address, never from the request:
 * with an https APP_URL, cookies are Secure and take Auth.js's `__Secure-` /
 * `__Host-` prefixes even when a proxy forgets X-Forwarded-Proto. Auth.js's
 * defaults already make them HttpOnly and SameSite=Lax.
 */
export function cookiePolicy(appUrl: string): { useSecureCookies: boolean } {
  return { useSecureCookies: new URL(appUrl).protocol === "https:" };
}

/**
 * Sessions (database rows, the cookie holds only their token). Auth.js slides
 * a session's `expires` to now + maxAge whenever it is read and its last
 * slide is `updateAge` old, so maxAge is the idle limit: 14 days without use
 * end it. However much it is used, it ends 30 days after sign-in
 * (`created_at`, enforced in updateSession below; the cookie's own Max-Age).
 * « Me déconnecter partout » (signOutEverywhere) ends all of a person's
 * sessions at once.
 */
export const SESSION_IDLE_SECONDS = 14 * 24 * 3600;
export const SESSION_UPDATE_AGE_SECONDS = 24 * 3600;
export const SESSION_MAX_SECONDS = 30 * 24 * 3600;

/** The fields of an Auth.js error: its kind, its text and its cause's (escaped by the log: they may quote a request). */
function describeAuthError(error: Error): LogFields {
  const type = (error as { type?: string }).type;
  return { type: type ?? error.name, message: error.message.slice(0, 200), cause: error.cause instanceof Error ? error.cause : undefined };
}

/** The Auth.js configuration, from the validated environment (tests pass their own). */
export async function authConfig(env: Env = getEnv()): Promise<NextAuthConfig> {
  const db = await getDb();
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  const storeToken = adapter.createVerificationToken!;
  // Links are issued by lib/server/auth/sign-in-link.ts, and Auth.js's own
  // sign-in POST is closed; should it ever run, it keeps no token for an
  // address that gets no link (the table cannot be grown by typing addresses).
  adapter.createVerificationToken = async (token) =>
    (await findSignInUser(db, token.identifier)) ? storeToken(token) : null;
  // The 30-day cap: a slide never takes a session past 30 days after sign-in.
  adapter.updateSession = async ({ sessionToken, expires }) => {
    if (!expires) return null;
    const cap = sql`${sessions.createdAt} + make_interval(secs => ${SESSION_MAX_SECONDS})`;
    const [row] = await db
      .update(sessions)
      .set({ expires: sql`least(${expires.toISOString()}::timestamptz, ${cap})` })
      .where(eq(sessions.sessionToken, sessionToken))
      .returning();
    return row ?? null;
  };
  return {
    adapter,
    logger: {
      error(error) {
        // An expired, used or tampered link is the user's everyday mistake, not a server fault.
        if ((error as { type?: string }).type === "Verification") logWarn("auth", { message: "lien de connexion invalide ou déjà utilisé" });
        else logError("auth", describeAuthError(error));
      },
    },
    secret: authSecret(),
    // The app is self-hosted; APP_URL is the public address. Auth.js then
    // takes its base URL from the request's Host, which a client chooses:
    // links are built on APP_URL (sign-in-link.ts), redirects are checked
    // against it (callbacks.redirect), cookies follow it (cookiePolicy).
    trustHost: true,
    ...cookiePolicy(env.APP_URL),
    session: { strategy: "database", maxAge: SESSION_IDLE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS },
    // The browser keeps the cookie for the 30 days; the database says whether
    // the session still stands. (Auth.js dates the cookie maxAge after sign-in
    // and refreshes it only through its /session route, which our pages never
    // call: without this, a session in daily use would end on day 14.)
    cookies: { sessionToken: { options: { maxAge: SESSION_MAX_SECONDS } } },
    pages: { signIn: "/connexion", verifyRequest: "/connexion/verification", error: "/connexion/erreur" },
    providers: [
      Nodemailer({
        // Unused: links are issued and mailed by lib/server/auth/sign-in-link.ts,
        // through the outbox; Auth.js only checks them, in its callback.
        server: env.SMTP_URL ?? "smtp://localhost:25",
        from: env.MAIL_FROM,
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: async () => {
          throw new Error("sign-in links are issued by lib/server/auth/sign-in-link.ts");
        },
      }),
    ],
    callbacks: {
      redirect: ({ url }) => safeRedirect(url, env.APP_URL),
      session: ({ session, user }) => ({ ...session, user: { ...session.user, id: user.id } }),
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());

/** The signed-in viewer of this request, or null. Memoized per request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  // The session's person on every signed-in request: the prepared read.
  const amapId = (await requestAmap(userId)).id;
  const user = await personWithRolesById(await getDb(), userId, amapId);
  return user ? viewerOf(user, amapId) : null;
});

/**
 * The sign-in page, told to come back to the page of this request (its path,
 * given by proxy.ts) once the person has signed in.
 */
export async function signInPath(): Promise<string> {
  const back = safeReturnPath((await headers()).get(REQUEST_PATH_HEADER));
  return back && back !== "/" ? `/connexion?${new URLSearchParams({ retour: back })}` : "/connexion";
}

/** The viewer, or a redirect to the sign-in page. For pages; commands check again. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) {
    // Auth.js reads "no session" when its query fails: with the database
    // down (a Postgres restart), this throws (the page's « réessayez »)
    // instead of signing out.
    await checkHealth();
    redirect(await signInPath());
  }
  return viewer;
}

/** « Me déconnecter partout »: ends every session of the viewer, on every device. Returns how many. */
export async function signOutEverywhere(viewer: Viewer): Promise<number> {
  const db = await getDb();
  const ended = await db.delete(sessions).where(eq(sessions.userId, viewer.userId)).returning({ token: sessions.sessionToken });
  return ended.length;
}

/**
 * Whom an email link acts for: its recipient, in `amapId` (the AMAP of what the link names; by
 * default the deployment's first). Only for a link already verified (lib/server/core/signed-links.ts).
 */
export async function viewerForLink(claims: { userId: string }, amapId?: number): Promise<Viewer | null> {
  return buildViewer(await getDb(), claims.userId, amapId);
}

/** For integration tests and scripts: the viewer of a user id, as a session would give it (in `amapId`, or the deployment's first AMAP). */
export async function viewerForUser(ex: Executor, userId: string, amapId?: number): Promise<Viewer | null> {
  return buildViewer(ex, userId, amapId);
}
