// A database outage answers in seconds, in French (issue 10 §5), in the data
// layer and the request gates: /api/health says only ok / not ok, within
// 3 s; a page view gets the French 503 page from proxy.ts; the sign-in
// action answers « réessayez », not a 500; every wait is bounded; and when
// the database is back, everything works again without a restart. The
// outage is the test's own database refusing connections and its backends
// terminated — never the shared server stopped (Postgres only; on PGlite,
// in-process, only the healthy answers are checked).
import { NextRequest } from "next/server";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as getHealth } from "@/app/api/health/route";
import { requestSignInLink } from "@/app/connexion/actions";
import { getDb, getDbHandle, POSTGRES_LIMITS } from "@/db/client";
import { getEnv } from "@/lib/env";
import { fr } from "@/lib/i18n/fr";
import { isDatabaseAvailable } from "@/lib/server/core/health";
import { proxy } from "@/proxy";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
// `after()` needs a request scope; the known-address work is not what this file tests.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), after: () => {} }));

const isPostgres = Boolean(getEnv().DATABASE_URL);

const page = (path: string, method = "GET") => new NextRequest(`http://localhost:3000${path}`, { method });

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

async function signIn(email: string) {
  const form = new FormData();
  form.set("email", email);
  try {
    return await requestSignInLink({ status: "idle" }, form);
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

beforeAll(async () => {
  await getDb();
});

describe("with the database answering", () => {
  it("/api/health says ok, and nothing else (not the driver)", async () => {
    const response = await getHealth();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("pages pass proxy.ts to Next", async () => {
    expect(await isDatabaseAvailable()).toBe(true);
    const response = await proxy(page("/paniers"));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});

describe.skipIf(!isPostgres)("while the database refuses connections and its backends are cut (Postgres)", () => {
  let admin: postgres.Sql;
  let dbName: string;

  beforeAll(() => {
    const url = new URL(getEnv().DATABASE_URL!);
    dbName = url.pathname.slice(1);
    url.pathname = "/postgres";
    admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    await admin.unsafe(`alter database ${dbName} allow_connections true`);
    await admin.end();
  });

  async function cutTheDatabase() {
    await admin.unsafe(`alter database ${dbName} allow_connections false`);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
    await expect
      .poll(async () => (await admin`select count(*)::int as n from pg_stat_activity where datname = ${dbName}`)[0]!.n)
      .toBe(0);
  }

  it("every connection carries the statement and idle-transaction limits, under the 10 s of a request", async () => {
    const { db } = await getDbHandle();
    const [row] = (await db.execute(
      "select current_setting('statement_timeout') as statement, current_setting('idle_in_transaction_session_timeout') as idle",
    )) as unknown as { statement: string; idle: string }[];
    expect(row).toEqual({ statement: "8s", idle: "15s" });
    expect(POSTGRES_LIMITS.connectSeconds + POSTGRES_LIMITS.statementMs / 1000).toBeLessThan(12);
  });

  it("answers in seconds, in French, then recovers by itself", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await cutTheDatabase();

      // /api/health: 503 « not ok » within 3 s, naming nothing.
      const health = await timed(getHealth);
      expect(health.value.status).toBe(503);
      expect(await health.value.json()).toEqual({ status: "not ok" });
      expect(health.ms).toBeLessThan(3_000);

      // A page view: the French 503 page, at once, with the security headers.
      const view = await timed(() => proxy(page("/paniers?offre=3")));
      expect(view.value.status).toBe(503);
      expect(view.ms).toBeLessThan(3_000);
      expect(view.value.headers.get("retry-after")).toBe("5");
      expect(view.value.headers.get("content-security-policy")).toMatch(/nonce-/);
      const html = await view.value.text();
      expect(html).toContain("Service momentanément indisponible");
      expect(html).toMatch(/Réessayez dans un instant/);
      expect(html).toContain('href="/paniers?offre=3"');
      expect(html).not.toMatch(/postgres|ECONNREFUSED|not currently accepting|\bat \S+ \(/i);
      // HEAD too; server actions (POST) and the API are left to their own answers.
      expect((await proxy(page("/", "HEAD"))).status).toBe(503);
      expect((await proxy(page("/paniers", "POST"))).headers.get("x-middleware-next")).toBe("1");
      expect((await proxy(page("/api/health"))).headers.get("x-middleware-next")).toBe("1");

      // The sign-in action: the form's French « réessayez », not a 500; the log names no address.
      const answer = await timed(() => signIn("someone@test.local"));
      expect(answer.value).toEqual({ status: "error", message: fr.errors.actionFailed, email: "someone@test.local" });
      expect(answer.ms).toBeLessThan(10_000);
      expect(JSON.stringify(consoleError.mock.calls)).not.toContain("someone@test.local");

      // Ten queries at once: each fails within the connect limit, none hangs.
      const { db } = await getDbHandle();
      const storm = await timed(() => Promise.allSettled(Array.from({ length: 10 }, () => db.execute("select 1"))));
      expect(storm.value.every((r) => r.status === "rejected")).toBe(true);
      expect(storm.ms).toBeLessThan(POSTGRES_LIMITS.connectSeconds * 1000 + 1_000);
    } finally {
      await admin.unsafe(`alter database ${dbName} allow_connections true`);
      consoleError.mockRestore();
    }

    // Back: the first requests after it work, with no restart.
    const health = await getHealth();
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await proxy(page("/paniers"))).headers.get("x-middleware-next")).toBe("1");
    expect(await signIn("someone@test.local")).toEqual({ redirect: "/connexion/verification" });
  }, 30_000);
});

describe.skipIf(!isPostgres)("a busy process is not a database outage (Postgres)", () => {
  it("with every pooled connection busy, /api/health says ok and pages pass, at once", async () => {
    const { db } = await getDbHandle();
    // The pool's ten connections held for 3 s, and queries queued behind them: a rush, as one process sees it.
    const busy = Promise.all(Array.from({ length: 12 }, () => db.execute("select pg_sleep(3)")));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const health = await timed(getHealth);
      expect(health.value.status).toBe(200);
      expect(health.ms).toBeLessThan(1_000);
      const view = await timed(() => proxy(page("/paniers")));
      expect(view.value.headers.get("x-middleware-next")).toBe("1");
    } finally {
      await busy;
    }
  }, 30_000);
});
