// proxy.ts itself, as Next calls it: the 413 gate (announced or counted),
// the 403 for a server action from another site, the 400 for a body Next
// could not decode, and the headers, with the nonce handed to Next's
// renderer through the request's CSP header.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { CROSS_ORIGIN_MESSAGE, MALFORMED_BODY_MESSAGE } from "@/lib/domain/request-checks";
import { proxy } from "@/proxy";

// A page view asks the database first (test/outage.test.ts): open it, as a server's start does.
beforeAll(async () => {
  await getDb();
});

const URL_ = "http://localhost:3000/connexion";
const request = (method: string, headers: Record<string, string> = {}, body?: BodyInit) =>
  new NextRequest(URL_, { method, headers, body, ...(body ? { duplex: "half" } : {}) } as ConstructorParameters<typeof NextRequest>[1]);

/** A body of `size` bytes sent in 64 KiB chunks, announcing no length (Transfer-Encoding: chunked). */
function chunked(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(65_536, size - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(97));
    },
  });
}

/** A page's script calling an action with its form, as React's encodeReply writes it. */
function actionForm(root = JSON.stringify([{ status: "idle" }, "$K1"])): FormData {
  const form = new FormData();
  form.append("_1_email", "alice@example.org");
  form.append("0", root);
  return form;
}
const ACTION = { "next-action": "7f00", origin: "http://localhost:3000", host: "localhost:3000" };

async function expectRefused(response: Response, status: number, message: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-middleware-next")).toBeNull();
  expect(await response.text()).toBe(message);
}

describe("proxy", () => {
  it("refuses a POST announcing more than 1 MiB with a French 413, before Next", async () => {
    const response = await proxy(request("POST", { "content-length": String(1024 * 1024 + 1) }));
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.text()).toMatch(/^Requête trop volumineuse : la limite est de 1 Mo\./);
  });

  it("counts a chunked body (no Content-Length): 3 MB gets the French 413, 1 MiB passes", async () => {
    const tooLarge = await proxy(request("POST", { "content-type": "application/octet-stream" }, chunked(3_000_000)));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toMatch(/^Requête trop volumineuse/);
    const justUnder = await proxy(request("POST", { "content-type": "application/octet-stream" }, chunked(1024 * 1024)));
    expect(justUnder.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a server action from another site with a French 403 (Next answers a bare 500)", async () => {
    for (const origin of ["http://evil.example", "null", "http://localhost:3001", "pas une adresse"]) {
      await expectRefused(await proxy(request("POST", { ...ACTION, origin }, actionForm())), 403, CROSS_ORIGIN_MESSAGE);
    }
    // A form posted without JavaScript (multipart, no Next-Action header) is an action too.
    await expectRefused(await proxy(request("POST", { origin: "http://evil.example", host: "localhost:3000" }, actionForm())), 403, CROSS_ORIGIN_MESSAGE);
    // The host a reverse proxy forwarded is the one compared, as Next does.
    const forwarded = await proxy(request("POST", { ...ACTION, origin: "https://amap.example", "x-forwarded-host": "amap.example" }, actionForm()));
    expect(forwarded.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses an action body Next could not decode with a French 400", async () => {
    const cases: [string, Record<string, string>, BodyInit][] = [
      ["JSON object", { "content-type": "application/json" }, '{"a":1}'],
      ["JSON object as text", { "content-type": "text/plain;charset=UTF-8" }, '{"a":1}'],
      ["not JSON", { "content-type": "text/plain;charset=UTF-8" }, "[1,"],
      ["a JSON string", { "content-type": "text/plain;charset=UTF-8" }, '"$K1"'],
      ["multipart cut short", { "content-type": "multipart/form-data; boundary=XYZ" }, '--XYZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$K1"]'],
      ["multipart without boundary", { "content-type": "multipart/form-data" }, "--XYZ--\r\n"],
      ["multipart whose arguments are an object", {}, actionForm('{"a":1}')],
    ];
    for (const [name, headers, body] of cases) {
      const response = await proxy(request("POST", { ...ACTION, ...headers }, body));
      expect(response.status, name).toBe(400);
      expect(await response.text(), name).toBe(MALFORMED_BODY_MESSAGE);
    }
    const broken = await proxy(request("POST", { origin: ACTION.origin, host: ACTION.host, "content-type": "multipart/form-data; boundary=XYZ" }, "--XYZ\r\nContent-Disp"));
    await expectRefused(broken, 400, MALFORMED_BODY_MESSAGE);
  });

  it("lets a well-formed action through, the body still there for Next", async () => {
    const response = await proxy(request("POST", ACTION, actionForm()));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    const withoutOrigin = await proxy(request("POST", { "next-action": "7f00", host: "localhost:3000", "content-type": "text/plain;charset=UTF-8" }, '["$K1"]'));
    expect(withoutOrigin.headers.get("x-middleware-next")).toBe("1");
    // Next's client leaves out the arguments an action never reads (« Se déconnecter »: `[]`).
    const noArguments = await proxy(request("POST", { ...ACTION, "content-type": "text/plain;charset=UTF-8" }, "[]"));
    expect(noArguments.headers.get("x-middleware-next")).toBe("1");
  });

  it("lets everything else through, with the security headers and a fresh nonce given to Next", async () => {
    const first = await proxy(request("POST", { "content-length": "120" }));
    const second = await proxy(request("GET"));
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

describe("an AMAP's space", () => {
  const at = (path: string, method = "GET", headers: Record<string, string> = {}) =>
    proxy(new NextRequest(`http://localhost:3000${path}`, { method, headers }));

  it("names the AMAP of /<slug>/page in a header only the proxy sets (next.config.ts then serves /page), and remembers it", async () => {
    const response = await at("/tilleuls/paniers?offre=3");
    // Not a rewrite of its own: Next would fetch one to another origin as an external address (proxy.ts).
    expect(response.headers.get("x-middleware-rewrite")).toBeNull();
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("x-middleware-request-x-espace-amap")).toBe("tilleuls");
    expect(response.headers.get("x-middleware-request-x-espace-path")).toBe("/tilleuls/paniers?offre=3");
    expect(response.headers.get("set-cookie")).toMatch(/^espace-amap=tilleuls; Path=\/; .*HttpOnly; SameSite=lax/i);
    expect(response.headers.get("content-security-policy")).toMatch(/nonce-/);
  });

  it("never lets a client name the AMAP itself", async () => {
    const forged = await at("/paniers", "GET", { "x-espace-amap": "marche" });
    expect(forged.headers.get("x-middleware-request-x-espace-amap")).toBeNull();
    // Next passes on exactly the headers this list names: the forged one is dropped.
    expect(forged.headers.get("x-middleware-override-headers")?.split(",")).not.toContain("x-espace-amap");
    expect(forged.headers.get("x-middleware-override-headers")?.split(",")).toContain("x-espace-path");
    const inside = await at("/tilleuls/paniers", "GET", { "x-espace-amap": "marche" });
    expect(inside.headers.get("x-middleware-request-x-espace-amap")).toBe("tilleuls");
  });

  it("serves a short address (a bookmark, an old email, a page's own link) as it is: the server finds the AMAP visited last", async () => {
    const short = await at("/paniers?offre=12", "GET", { cookie: "espace-amap=tilleuls" });
    expect(short.status).toBe(200);
    expect(short.headers.get("x-middleware-next")).toBe("1");
    expect(short.headers.get("x-middleware-rewrite")).toBeNull();
    expect(short.headers.get("x-middleware-request-x-espace-amap")).toBeNull();
    expect(short.headers.get("set-cookie")).toBeNull();
  });
});
