// The header builder and the request gates proxy.ts applies (SECURITY.md).
import { describe, expect, it } from "vitest";
import {
  clientIp,
  contentSecurityPolicy,
  isBodyTooLarge,
  MAX_BODY_BYTES,
  requestPath,
  safeRedirect,
  safeReturnPath,
  securityHeaders,
} from "./http-security";

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("security headers", () => {
  const http = securityHeaders({ nonce: "abc123==", appUrl: "http://localhost:3000", isDev: false });
  const https = securityHeaders({ nonce: "abc123==", appUrl: "https://intermittents.mon-amap.fr", isDev: false });

  it("scripts run only with the response's nonce: no unsafe-inline, no unsafe-eval in production", () => {
    for (const headers of [http, https]) {
      const script = directives(headers["Content-Security-Policy"]!).get("script-src")!;
      expect(script).toContain("'nonce-abc123=='");
      expect(script).toContain("'strict-dynamic'");
      expect(script).not.toContain("'unsafe-inline'");
      expect(script).not.toContain("'unsafe-eval'");
    }
  });

  it("stylesheets need the nonce too; only style attributes are inline", () => {
    const csp = directives(http["Content-Security-Policy"]!);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("forbids framing, plugins, foreign forms and base tags", () => {
    const csp = directives(http["Content-Security-Policy"]!);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(http["X-Frame-Options"]).toBe("DENY");
  });

  it("never lets an address (a link token) leave for another site, and keeps Origin on same-site posts", () => {
    // "no-referrer" would make browsers send `Origin: null`, and Next would refuse every server action.
    expect(http["Referrer-Policy"]).toBe("same-origin");
    expect(http["X-Content-Type-Options"]).toBe("nosniff");
  });

  it("over http: no HSTS, no upgrade-insecure-requests (a local setup stays usable)", () => {
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    expect(directives(http["Content-Security-Policy"]!).has("upgrade-insecure-requests")).toBe(false);
  });

  it("over https: HSTS and upgrade-insecure-requests", () => {
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(directives(https["Content-Security-Policy"]!).has("upgrade-insecure-requests")).toBe(true);
  });

  it("next dev gets unsafe-eval (React's debugging aids), still no unsafe-inline", () => {
    const script = directives(contentSecurityPolicy({ nonce: "n", appUrl: "http://localhost:3000", isDev: true })).get("script-src")!;
    expect(script).toContain("'unsafe-eval'");
    expect(script).not.toContain("'unsafe-inline'");
  });
});

describe("request body limit", () => {
  it.each([
    ["POST", String(MAX_BODY_BYTES + 1), true],
    ["POST", "99999999999999999999", true],
    ["PUT", "2000000", true],
    ["post", "2000000", true],
    ["POST", String(MAX_BODY_BYTES), false],
    ["POST", "0", false],
    ["POST", null, false],
    ["POST", "12abc", true],
    ["POST", "-5", true],
    ["GET", "2000000", false],
    ["HEAD", "2000000", false],
  ] as const)("%s with Content-Length %s → too large: %s", (method, length, expected) => {
    expect(isBodyTooLarge(method, length)).toBe(expected);
  });
});

describe("client address", () => {
  it("behind N trusted proxies, the client is N entries from the right; what the client wrote further left is ignored", () => {
    expect(clientIp("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientIp("203.0.113.7", 3)).toBe("203.0.113.7");
  });

  it("with no trusted proxy: the rightmost entry (Next's socket address when the client sent none)", () => {
    expect(clientIp("::1", 0)).toBe("::1");
    expect(clientIp(null, 0)).toBe("inconnue");
    expect(clientIp(" , ", 1)).toBe("inconnue");
  });
});

describe("redirects after sign-in", () => {
  const app = "https://amap.example.org";
  it.each([
    ["/mes-paniers", "https://amap.example.org/mes-paniers"],
    ["https://amap.example.org/paniers?x=1", "https://amap.example.org/paniers?x=1"],
    ["https://evil.example/", "https://amap.example.org/"],
    ["//evil.example/x", "https://amap.example.org/"],
    ["/\\evil.example", "https://amap.example.org/"],
    ["http://amap.example.org/", "https://amap.example.org/"],
    ["javascript:alert(1)", "https://amap.example.org/"],
    ["pas une url", "https://amap.example.org/"],
    // A browser drops tabs and newlines from a Location: these are "//evil.example".
    ["/\t/evil.example", "https://amap.example.org/"],
    ["/\n/evil.example", "https://amap.example.org/"],
    ["/\r\n/evil.example", "https://amap.example.org/"],
    ["/%2F/evil.example", "https://amap.example.org/%2F/evil.example"],
  ])("%j → %s", (url, expected) => {
    expect(safeRedirect(url, app)).toBe(expected);
  });
});

describe("the page to come back to after signing in", () => {
  it.each([
    ["/mes-paniers", "/mes-paniers"],
    ["/paniers?offre=12", "/paniers?offre=12"],
    ["/admin/paniers/3#historique", "/admin/paniers/3"],
    ["/", "/"],
    ["//evil.example", null],
    ["/\\evil.example", null],
    ["/\t/evil.example", null],
    ["/\n/evil.example", null],
    ["https://evil.example/", null],
    ["javascript:alert(1)", null],
    ["paniers", null],
    ["/connexion", null],
    ["/connexion/lien?token=x", null],
    ["/api/auth/signout", null],
    ["/" + "a".repeat(600), null],
    [undefined, null],
    [["/paniers"], null],
  ])("%j → %j", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});

describe("the path proxy.ts hands on for « come back here »", () => {
  it.each([
    ["https://amap.example.org/paniers?offre=3", "/paniers?offre=3"],
    ["https://amap.example.org/mes-paniers?_rsc=1x2y", "/mes-paniers"],
    ["https://amap.example.org/paniers?page=2&_rsc=abc", "/paniers?page=2"],
    ["https://amap.example.org/", "/"],
  ])("%s → %s", (url, path) => {
    expect(requestPath(new URL(url))).toBe(path);
  });
});
