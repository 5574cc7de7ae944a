import { NextRequest } from "next/server";
import { safeReturnPath } from "@/lib/domain/http-security";
import { isSameOriginPost, SIGN_IN_CALLBACK_PATH, signInLinkPath } from "@/lib/domain/sign-in";
import { signInFr } from "@/lib/i18n/sign-in-fr";
import { handlers } from "@/lib/server/auth/auth";

/**
 * Auth.js's endpoints, with three changes:
 * - its sign-in POST answers 404: links are sent by our form's server action
 *   (app/connexion/actions.ts), under the sign-in limits;
 * - its email callback signs in on a POST from our link page's button only
 *   (login CSRF: never from another site); a GET of it (a link sent before
 *   the link page existed, or a crafted one) only opens that page;
 * - a `callbackUrl` that is not a path of this site is replaced by the home
 *   page before Auth.js sees it: Auth.js answers `javascript:` with a 500 and
 *   logs the raw text.
 */
export async function GET(request: NextRequest) {
  const url = request.nextUrl;
  if (url.pathname === SIGN_IN_CALLBACK_PATH) {
    const path = signInLinkPath({
      token: url.searchParams.get("token") ?? "",
      email: url.searchParams.get("email") ?? "",
      returnTo: safeReturnPath(url.searchParams.get("callbackUrl")),
    });
    // Relative: Next rewrites the host of route handlers' URLs (STACK.md trap 4).
    return new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });
  }
  return handlers.GET(withSafeCallbackUrl(request));
}

export async function POST(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/auth/signin")) return new Response("Introuvable", { status: 404 });
  if (pathname === SIGN_IN_CALLBACK_PATH) {
    const sameOrigin = isSameOriginPost({
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      host: request.headers.get("host"),
      forwardedHost: request.headers.get("x-forwarded-host"),
    });
    if (!sameOrigin) return new Response(signInFr.foreignPost, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return handlers.POST(withSafeCallbackUrl(request));
}

const CALLBACK_COOKIE = /^(__Secure-)?authjs\.callback-url$/;

/**
 * The request with its `callbackUrl` (query) made a path of this site, and
 * without a callback-url cookie Auth.js would refuse — it refuses both with a
 * 500 before our redirect callback (lib/server/auth/auth.ts) gets to judge them.
 */
function withSafeCallbackUrl(request: NextRequest): NextRequest {
  const url = new URL(request.nextUrl.href);
  const raw = url.searchParams.get("callbackUrl");
  const badCookies = request.cookies.getAll().filter((c) => CALLBACK_COOKIE.test(c.name) && !isHttpUrl(c.value));
  if (raw === null && badCookies.length === 0) return request;
  if (raw !== null) url.searchParams.set("callbackUrl", safeReturnPath(raw) ?? "/");
  const headers = new Headers(request.headers);
  if (badCookies.length > 0) {
    const kept = (request.headers.get("cookie") ?? "").split(";").filter((pair) => !CALLBACK_COOKIE.test(pair.split("=")[0]!.trim()));
    headers.set("cookie", kept.join(";"));
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new NextRequest(url, { method: request.method, headers, body: hasBody ? request.body : null, ...(hasBody ? { duplex: "half" } : {}) });
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, "http://x.invalid").protocol);
  } catch {
    return false;
  }
}
