// proxy.ts itself, as Next calls it: the 413 gate and the headers, with the
// nonce handed to Next's renderer through the request's CSP header.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const request = (method: string, headers: Record<string, string> = {}) =>
  new NextRequest("http://localhost:3000/connexion", { method, headers });

describe("proxy", () => {
  it("refuses a POST announcing more than 1 MiB with a French 413, before Next", async () => {
    const response = proxy(request("POST", { "content-length": String(1024 * 1024 + 1) }));
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toMatch(/^Requête trop volumineuse : la limite est de 1 Mo\./);
  });

  it("lets everything else through, with the security headers and a fresh nonce given to Next", () => {
    const first = proxy(request("POST", { "content-length": "120" }));
    const second = proxy(request("GET"));
    for (const response of [first, second]) {
      // NextResponse.next(): Next goes on with the request.
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      const csp = response.headers.get("content-security-policy")!;
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'strict-dynamic'/);
      // The same policy reaches the renderer as a request header (that is where Next reads the nonce).
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    }
    expect(first.headers.get("content-security-policy")).not.toBe(second.headers.get("content-security-policy"));
  });
});
