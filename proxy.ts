// Next 16's proxy (formerly middleware): runs before every request, build
// assets and files included (so that they carry the security headers too).
// Before Next reads a body it refuses, in French: one over 1 MiB (413, by
// its Content-Length, or by counting a chunked one), a server action from
// another site (403), and an action whose body Next could not decode (400).
// It sets the security headers, with a fresh nonce that Next picks up from
// the request's Content-Security-Policy header and puts on its own scripts
// (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md).
// Nothing else of the request is changed, but the page's path passed on
// for the sign-in page's « come back here ». While the database does not
// answer, page views get the French 503 page (lib/server/core/unavailable-page.ts).
// An address under an AMAP's space (/tilleuls/paniers) is served by the page
// without the slug (/paniers: next.config.ts's rewrite), told which AMAP by a
// header only this proxy sets; the browser remembers the AMAP, and a short address (/paniers, a
// bookmark, an email from before AMAPs, the pages' own links) is served in it
// (lib/domain/amap-path.ts, lib/server/core/request-amap.ts).
// The rules live in lib/domain/http-security.ts and lib/domain/request-checks.ts.
// NOTE: Next buffers a request's body so that both the proxy and the route
// can read it (up to experimental.proxyClientMaxBodySize, 10 MB by default):
// https://nextjs.org/docs/app/api-reference/config/next-config-js/proxyClientMaxBodySize
import { NextResponse, type NextRequest } from "next/server";
import { BODY_TOO_LARGE_MESSAGE, isBodyTooLarge, MAX_BODY_BYTES, REQUEST_PATH_HEADER, requestPath, securityHeaders } from "@/lib/domain/http-security";
import { actionKind, CROSS_ORIGIN_MESSAGE, isCrossOriginAction, isReadableActionBody, MALFORMED_BODY_MESSAGE, readBodyUpTo } from "@/lib/domain/request-checks";
import { AMAP_COOKIE, AMAP_HEADER, splitAmapPath } from "@/lib/domain/amap-path";
import { getEnv } from "@/lib/env";
import { isDatabaseAvailable } from "@/lib/server/core/health";
import { isPageRequest, RETRY_AFTER_SECONDS, unavailablePageHtml } from "@/lib/server/core/unavailable-page";

export async function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({ nonce, appUrl: env.APP_URL, isDev: env.NODE_ENV === "development" });
  // Plain text: the caller is a script or a form post. The connection is
  // closed, so that what is left of an unread body is never taken for a request.
  const refuse = (status: number, message: string) =>
    new NextResponse(message, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8", Connection: "close" } });

  const method = request.method.toUpperCase();
  if (isBodyTooLarge(method, request.headers.get("content-length"))) return refuse(413, BODY_TOO_LARGE_MESSAGE);
  const action = actionKind(method, request.headers);
  if (action && isCrossOriginAction(request.headers)) return refuse(403, CROSS_ORIGIN_MESSAGE);
  // An action's body is read to check it; any other body without a length (chunked), to count it.
  if (method !== "GET" && method !== "HEAD" && (action || request.headers.get("content-length") === null)) {
    const body = await readBodyUpTo(request.body, MAX_BODY_BYTES);
    if (body === "too-large") return refuse(413, BODY_TOO_LARGE_MESSAGE);
    if (body === "broken") return refuse(400, MALFORMED_BODY_MESSAGE);
    if (action && !(await isReadableActionBody(action, request.headers.get("content-type") ?? "", body))) return refuse(400, MALFORMED_BODY_MESSAGE);
  }

  // The database down: a page view gets the French 503 page at once, rather
  // than wait on it and end on an error page (SECURITY.md, « Database outage »).
  if (isPageRequest(request.method, request.nextUrl.pathname) && !(await isDatabaseAvailable())) {
    const html = unavailablePageHtml({ retryPath: requestPath(request.nextUrl), nonce });
    return new NextResponse(request.method === "HEAD" ? null : html, {
      status: 503,
      headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }

  const space = splitAmapPath(request.nextUrl.pathname);

  // NOTE: Next reads the nonce from the *request's* CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // Where sign-in sends a signed-out visitor back to (lib/server/auth/auth.ts, signInPath).
  requestHeaders.set(REQUEST_PATH_HEADER, requestPath(request.nextUrl));
  // Only this proxy names the request's AMAP.
  requestHeaders.delete(AMAP_HEADER);
  // NOTE: the page without the slug is served by next.config.ts's rewrite,
  // which applies only when this header is set, not by a rewrite here: Next
  // takes a proxy's rewrite to another origin than the one it listens on
  // (the browser's « localhost » while `npm start` listens on 127.0.0.1, a
  // public host while it listens on localhost) for an external address,
  // fetches it as a new request, and this proxy, running again on the short
  // path, dropped the AMAP's header: /marche/… showed the AMAP visited last.
  if (space) requestHeaders.set(AMAP_HEADER, space.slug);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (space) {
    response.cookies.set(AMAP_COOKIE, space.slug, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: env.APP_URL.startsWith("https:"),
      maxAge: 400 * 24 * 3600,
    });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// No `config.matcher`: every request, build assets (/_next/static) and
// files (/favicon.ico, a missing one's 404) included.
