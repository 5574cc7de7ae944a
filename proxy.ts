// Next 16's proxy (formerly middleware): runs before every request but static
// assets. It refuses oversized request bodies with a French 413 before Next
// reads them, and sets the security headers, with a fresh nonce that Next
// picks up from the request's Content-Security-Policy header and puts on its
// own scripts (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md).
// Nothing else of the request is changed, but the page's path passed on
// for the sign-in page's « come back here ». The rules live in lib/domain/http-security.ts.
import { NextResponse, type NextRequest } from "next/server";
import { BODY_TOO_LARGE_MESSAGE, isBodyTooLarge, REQUEST_PATH_HEADER, requestPath, securityHeaders } from "@/lib/domain/http-security";
import { getEnv } from "@/lib/env";

export function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({ nonce, appUrl: env.APP_URL, isDev: env.NODE_ENV === "development" });

  if (isBodyTooLarge(request.method, request.headers.get("content-length"))) {
    return new NextResponse(BODY_TOO_LARGE_MESSAGE, {
      status: 413,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8", Connection: "close" },
    });
  }

  // NOTE: Next reads the nonce from the *request's* CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // Where sign-in sends a signed-out visitor back to (lib/server/auth.ts, signInPath).
  requestHeaders.set(REQUEST_PATH_HEADER, requestPath(request.nextUrl));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets, which carry no secrets and are served as files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
