// Pure rules of signing in by emailed link (DESIGN.md §6), tested in
// sign-in.test.ts: how the address reads on the link's page, which requests
// may press its button, and where the emailed link and its button lead.
import { safeReturnPath } from "./http-security";

/**
 * The address as the link's page shows it: enough for its owner to
 * recognise it, not enough for someone looking over a shoulder.
 * "alice@demo.test" → "a•••e@demo.test".
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "•••";
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const chars = [...local];
  const shown = chars.length > 3 ? `${chars[0]}•••${chars.at(-1)}` : `${chars[0]}•••`;
  return `${shown}@${domain}`;
}

export type PostHeaders = {
  origin: string | null;
  secFetchSite: string | null;
  host: string | null;
  forwardedHost: string | null;
};

/**
 * True for a POST sent by a page of this site: its `Origin` names the host
 * the request was sent to (what Next checks for server actions, STACK.md
 * trap 6), and the browser, when it says so, calls it same-origin. A page on
 * another site cannot pass, so it cannot sign a visitor into an account of
 * its choosing (login CSRF). Every browser sends `Origin` on a form POST; a
 * request without one is refused.
 */
export function isSameOriginPost({ origin, secFetchSite, host, forwardedHost }: PostHeaders): boolean {
  if (secFetchSite !== null && secFetchSite !== "same-origin") return false;
  if (!origin) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const target = (forwardedHost ?? host ?? "").split(",")[0]!.trim();
  return target !== "" && originHost === target;
}

/** How long an emailed link works (the email says 24 heures). */
export const SIGN_IN_LINK_MAX_AGE_SECONDS = 24 * 3600;

/** The Auth.js provider whose callback the link's button posts to. */
export const SIGN_IN_CALLBACK_PATH = "/api/auth/callback/nodemailer";

/** The page an emailed link opens. */
export const SIGN_IN_LINK_PAGE = "/connexion/lien";

export type SignInLinkParts = { token: string; email: string; returnTo: string | null };

/** The emailed link: our page, carrying Auth.js's token and address (and the page to come back to). */
export function signInLinkPath({ token, email, returnTo }: SignInLinkParts): string {
  const query = new URLSearchParams({ token, email });
  if (returnTo) query.set("retour", returnTo);
  return `${SIGN_IN_LINK_PAGE}?${query}`;
}

/** Where the link page's button posts: Auth.js's email callback, with the page to come back to. */
export function signInCallbackPath({ token, email, returnTo }: SignInLinkParts): string {
  return `${SIGN_IN_CALLBACK_PATH}?${new URLSearchParams({ token, email, callbackUrl: returnTo ?? "/" })}`;
}

/**
 * The page of this site a visitor came to /connexion from (its `Referer`:
 * the site sends it to itself only, Referrer-Policy same-origin), to go back
 * to after signing in; null from anywhere else.
 */
export function returnPathFromReferer(referer: string | null, host: string | null): string | null {
  if (!referer || !host) return null;
  try {
    const from = new URL(referer);
    return from.host === host ? safeReturnPath(`${from.pathname}${from.search}`) : null;
  } catch {
    return null;
  }
}
