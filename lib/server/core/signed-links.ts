import "server-only";
// Email action links (DESIGN.md §6): a token bound to one recipient, one
// action and one object, signed with a key derived from the auth secret,
// expiring, and usable to complete its action once (its nonce is recorded in
// the transaction of the action). Opening a link changes nothing: the page at
// /lien/<token> asks for confirmation; only its button acts.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { usedLinks } from "@/db/schema";
import { authSecret, getEnv } from "@/lib/env";

export const LINK_ACTIONS = ["reserve", "accept", "decline", "withdraw", "unsubscribe", "leave-partner"] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export type LinkClaims = {
  /** The recipient: the only person the link acts for. */
  userId: string;
  action: LinkAction;
  /**
   * offer id (reserve), reservation id (accept, decline, withdraw), the
   * AMAP whose list to leave (unsubscribe; 0 in the links sent before AMAPs:
   * the deployment's first), the partner AMAP whose baskets to stop (leave-partner).
   */
  objectId: number;
  expiresAt: Date;
  nonce: string;
};

/** Unsubscribe links live 60 days; exchange links die when the distribution starts. */
export const UNSUBSCRIBE_LINK_DAYS = 60;

const VERSION = "v1";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", authSecret(), "", "espace-intermittents/email-links", 32));
  return cachedKey;
}

function sign(data: string): string {
  return createHmac("sha256", key()).update(data).digest("base64url");
}

/** What a link made for a preview holds instead of a token: it verifies as nothing (the link page says « lien invalide »). */
export const INERT_TOKEN = "apercu";

// NOTE: on globalThis, as Next may load this module in several server chunks:
// the preview that starts the context and the handler that makes the links
// must see the same one.
const globalForLinks = globalThis as unknown as { __espaceInertLinks?: AsyncLocalStorage<true> };
const inertLinks: AsyncLocalStorage<true> = (globalForLinks.__espaceInertLinks ??= new AsyncLocalStorage<true>());

/**
 * Runs `body` (a mail handler, for a référent's preview of a message) so that
 * every link it makes is inert: a working token would let whoever reads the
 * preview act as the recipient, without a reason and without anyone told.
 */
export function withInertLinks<T>(body: () => Promise<T>): Promise<T> {
  return inertLinks.run(true, body);
}

/** True inside withInertLinks: a module making its own secret links (invitations) must make them inert too. */
export function linksAreInert(): boolean {
  return inertLinks.getStore() === true;
}

export function createLinkToken(claims: Omit<LinkClaims, "nonce">): string {
  if (inertLinks.getStore()) return INERT_TOKEN;
  const payload = Buffer.from(
    JSON.stringify({
      u: claims.userId,
      a: claims.action,
      o: claims.objectId,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
      n: randomBytes(12).toString("base64url"),
    }),
  ).toString("base64url");
  const data = `${VERSION}.${payload}`;
  return `${data}.${sign(data)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: "invalid" | "expired" };

/** Checks signature, shape and expiry. Says nothing yet about use: see `isLinkUsed`. */
export function verifyLinkToken(token: string, now = new Date()): LinkCheck {
  if (typeof token !== "string" || token.length > 600) return { ok: false, reason: "invalid" };
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: "invalid" };
  const [version, payload, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${version}.${payload}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  let raw: { u?: unknown; a?: unknown; o?: unknown; e?: unknown; n?: unknown };
  try {
    raw = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (
    typeof raw.u !== "string" ||
    typeof raw.a !== "string" ||
    !(LINK_ACTIONS as readonly string[]).includes(raw.a) ||
    typeof raw.o !== "number" ||
    !Number.isSafeInteger(raw.o) ||
    typeof raw.e !== "number" ||
    typeof raw.n !== "string"
  ) {
    return { ok: false, reason: "invalid" };
  }
  const claims: LinkClaims = {
    userId: raw.u,
    action: raw.a as LinkAction,
    objectId: raw.o,
    expiresAt: new Date(raw.e * 1000),
    nonce: raw.n,
  };
  if (now.getTime() >= claims.expiresAt.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}

export async function isLinkUsed(ex: Executor, nonce: string): Promise<boolean> {
  const [row] = await ex.select({ nonce: usedLinks.nonce }).from(usedLinks).where(eq(usedLinks.nonce, nonce));
  return Boolean(row);
}

/** Records the use, inside the action's transaction. False when it was already used. */
export async function consumeLink(ex: Executor, claims: LinkClaims): Promise<boolean> {
  const inserted = await ex
    .insert(usedLinks)
    .values({ nonce: claims.nonce, action: claims.action, userId: claims.userId, expiresAt: claims.expiresAt })
    .onConflictDoNothing()
    .returning({ nonce: usedLinks.nonce });
  return inserted.length === 1;
}

export function linkUrl(token: string): string {
  return new URL(`/lien/${token}`, getEnv().APP_URL).toString();
}

/** The RFC 8058 one-click address (POST unsubscribes; GET shows the confirmation page). */
export function oneClickUnsubscribeUrl(token: string): string {
  return new URL(`/api/desinscription/${token}`, getEnv().APP_URL).toString();
}

/**
 * « Ne plus recevoir les paniers de cette AMAP », in a partner AMAP's
 * announcement: a personal link to leave that AMAP's baskets (`amapId`), and
 * the List-Unsubscribe headers that go with it (RFC 2369, RFC 8058).
 */
export function partnerLeaveLink(userId: string, amapId: number, mailto: string, now = new Date()) {
  const token = createLinkToken({
    userId,
    action: "leave-partner",
    objectId: amapId,
    expiresAt: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000),
  });
  return { url: linkUrl(token), headers: listUnsubscribeHeaders(token, mailto) };
}

function listUnsubscribeHeaders(token: string, mailto: string): { "List-Unsubscribe": string; "List-Unsubscribe-Post": string } {
  const mailtoPart = mailto ? `, <mailto:${mailto.replace(/[\r\n<>,]/g, "")}?subject=desinscription>` : "";
  return {
    "List-Unsubscribe": `<${oneClickUnsubscribeUrl(token)}>${mailtoPart}`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/**
 * A personal link to leave one AMAP's list (`amapId`), and the
 * List-Unsubscribe headers that go with it (RFC 2369, RFC 8058).
 */
export function unsubscribeLink(userId: string, amapId: number, mailto: string, now = new Date()) {
  const token = createLinkToken({
    userId,
    action: "unsubscribe",
    objectId: amapId,
    expiresAt: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * 86_400_000),
  });
  return { url: linkUrl(token), headers: listUnsubscribeHeaders(token, mailto) };
}
