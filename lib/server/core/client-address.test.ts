// The client's address for the per-client limits (issue 10 §7): with no
// trusted proxy, what a client writes in X-Forwarded-For is replaced by the
// socket's address before the request handler sees it — on a real Node HTTP
// server, as `next start` runs one.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/domain/http-security";
import { installClientAddress } from "./client-address";

let server: http.Server;
let port: number;
let uninstall = () => {};

beforeAll(async () => {
  // Made before the installation, as Next's server may be: the wrapper still applies.
  server = http.createServer((request, response) => {
    response.end(JSON.stringify({ xff: request.headers["x-forwarded-for"] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  uninstall();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function seen(headers: Record<string, string>): Promise<string | null> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
  return ((await response.json()) as { xff: string | null }).xff;
}

describe("the client's address", () => {
  it("behind trusted proxies, is left as they wrote it (nothing installed)", async () => {
    installClientAddress(1);
    expect(await seen({ "X-Forwarded-For": "203.0.113.5, 10.0.0.1" })).toBe("203.0.113.5, 10.0.0.1");
    expect(clientIp("203.0.113.5, 10.0.0.1", 1)).toBe("10.0.0.1");
  });

  it("with no trusted proxy, is the socket's, whatever the client forged — 60 forged headers are one client", async () => {
    uninstall = installClientAddress(0);
    installClientAddress(0); // once per process, however often it is asked
    const addresses = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const header = await seen({ "X-Forwarded-For": `198.51.100.${i}, 192.0.2.${i}` });
      addresses.add(clientIp(header, 0));
    }
    expect([...addresses]).toEqual(["127.0.0.1"]);
    expect(await seen({})).toBe("127.0.0.1");
    uninstall();
    expect(await seen({ "X-Forwarded-For": "198.51.100.1" })).toBe("198.51.100.1");
  });
});
