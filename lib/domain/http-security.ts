// The HTTP protections proxy.ts applies to every response, as pure functions
// so they are tested without a server (http-security.test.ts): the security
// headers (a nonce-based Content-Security-Policy among them) and the
// request-size gate. See SECURITY.md for the reasons behind each value.

/** Largest request body accepted (1 MiB). The CSV import (≤ 200,000 characters) fits well under it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What a refused oversized request reads (plain text: it is often a script or a form post). */
export const BODY_TOO_LARGE_MESSAGE =
  "Requête trop volumineuse : la limite est de 1 Mo. Réduisez le fichier ou le texte envoyé, puis réessayez.";

/**
 * True when a request announces a body over the limit. Only the declared
 * Content-Length is known before the body is read; a chunked body (no
 * Content-Length) is counted as it is read (proxy.ts, readBodyUpTo).
 */
export function isBodyTooLarge(method: string, contentLength: string | null, max = MAX_BODY_BYTES): boolean {
  if (method.toUpperCase() === "GET" || method.toUpperCase() === "HEAD") return false;
  if (contentLength === null) return false;
  const trimmed = contentLength.trim();
  // A malformed length is refused too: no honest client sends one.
  if (!/^\d+$/.test(trimmed)) return trimmed !== "";
  return Number(trimmed) > max;
}

export type SecurityHeaderOptions = {
  /** Fresh, unpredictable, per request (base64). */
  nonce: string;
  /** The configured public address (APP_URL): https turns on HSTS and upgrade-insecure-requests. */
  appUrl: string;
  /** `next dev` needs eval for React's debugging aids; production never does. */
  isDev: boolean;
};

/** The Content-Security-Policy of one response. */
export function contentSecurityPolicy({ nonce, appUrl, isDev }: SecurityHeaderOptions): string {
  const isHttps = new URL(appUrl).protocol === "https:";
  const directives = [
    "default-src 'self'",
    // Scripts run only with this response's nonce; 'strict-dynamic' lets those
    // scripts load Next's chunks. 'self' is ignored by browsers that know
    // 'strict-dynamic' and kept for older ones. No 'unsafe-inline' at all.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets: our own files and nonced <style> elements only. Style
    // attributes (style="…") are allowed: React and Next set a few (route
    // announcer, error pages); they cannot run code, and a nonce cannot
    // cover an attribute.
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** Every security header of a response (CSP included), by name. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const isHttps = new URL(options.appUrl).protocol === "https:";
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    // Links in emails carry tokens in their path (/lien/<token>): no address
    // leaves for another site. Not "no-referrer": with it, browsers send
    // `Origin: null` on same-origin POSTs, and Next refuses server actions
    // whose Origin does not match the host.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    // For browsers that ignore frame-ancestors.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    // Over https only: HSTS sent over http is ignored, and would break a local http setup behind a proxy.
    ...(isHttps ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/**
 * The client's address as far as it can be trusted. `trustedProxies` is the
 * number of reverse proxies in front of the app that append to
 * X-Forwarded-For (TRUSTED_PROXIES): the client is then the entry that many
 * places from the right; entries further left were written by the client and
 * can be forged. With 0 (the app faces the internet directly) Next fills the
 * header with the socket address only when the client sent none, so the value
 * is a hint that a client can forge: SECURITY.md says what that costs.
 */
export function clientIp(xForwardedFor: string | null, trustedProxies: number): string {
  const entries = (xForwardedFor ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return "inconnue";
  const index = trustedProxies > 0 ? entries.length - trustedProxies : entries.length - 1;
  return entries[Math.max(0, index)]!;
}

/**
 * Where a redirect after sign-in or sign-out may lead: a path of this site, or
 * an address on APP_URL's origin; anything else goes to APP_URL's home page.
 * (Auth.js's default compares with the request's own origin, which a forged
 * Host or X-Forwarded-Host header chooses.)
 */
export function safeRedirect(url: string, appUrl: string): string {
  const origin = new URL(appUrl).origin;
  // Parsed as a browser parses a Location header, then judged on the result:
  // a browser drops tabs and newlines, so "/\t/evil.example" is "//evil.example",
  // another site; "/\\evil.example" is one too.
  try {
    // Only a path or a whole address: "pas une url" is neither.
    const target = url.startsWith("/") ? new URL(url, origin) : new URL(url);
    if (target.origin === origin) return target.toString();
  } catch {
    // Not a URL: fall through to the home page.
  }
  return `${origin}/`;
}

/**
 * The path of the page a request is for, set by proxy.ts on every request
 * (any value a client sent is overwritten): where the sign-in page sends the
 * person back (lib/server/auth/auth.ts, signInPath). Read through safeReturnPath.
 */
export const REQUEST_PATH_HEADER = "x-espace-path";

/** A request's path and query as a page sees them: without Next's own `_rsc` cache-buster. */
export function requestPath(url: URL): string {
  const query = new URLSearchParams(url.search);
  query.delete("_rsc");
  const search = query.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

/** Longest return path kept (a path of this site is far shorter; anything longer is not ours). */
const MAX_RETURN_PATH = 512;

/**
 * The page to come back to after signing in (`?retour=` on /connexion): a
 * path of this site, as the browser will read it, or null. Never another
 * site, never the sign-in pages themselves (a loop), never an API route.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > MAX_RETURN_PATH) return null;
  const base = "http://return.invalid";
  let target: URL;
  try {
    target = new URL(value, base);
  } catch {
    return null;
  }
  if (target.origin !== base) return null;
  if (/^\/(connexion|api)(\/|$)/.test(target.pathname)) return null;
  return `${target.pathname}${target.search}`;
}
