// The Postgres driver as patched in patches/postgres+3.4.9.patch
// (porsager/postgres#1193, PR #1215, unreleased in 3.x): a connection whose
// query was cut by the server must not keep that query as its current one.
// Unpatched, the next query on that connection, while the database refuses
// connections, reconnected in a loop and never settled — a request hung
// until its client gave up, and the pool lost a connection for good.
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";

const url = getEnv().DATABASE_URL;

describe.skipIf(!url)("the patched Postgres driver (Postgres)", () => {
  let admin: postgres.Sql;
  let client: postgres.Sql;
  let dbName: string;

  beforeAll(() => {
    const adminUrl = new URL(url!);
    dbName = adminUrl.pathname.slice(1);
    adminUrl.pathname = "/postgres";
    admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
    client = postgres(url!, { max: 1, connect_timeout: 3, fetch_types: false, onnotice: () => {} });
  });

  afterAll(async () => {
    await admin.unsafe(`alter database ${dbName} allow_connections true`);
    await client.end({ timeout: 1 });
    await admin.end();
  });

  it("settles the next query at once when its connection was cut mid-query and the database refuses connections", async () => {
    // One connection, busy with a query the server then cuts.
    const running = client`select pg_sleep(20)`;
    running.catch(() => {});
    await expect
      .poll(async () => (await admin`select count(*)::int as n from pg_stat_activity where datname = ${dbName} and query like 'select pg_sleep%'`)[0]!.n)
      .toBe(1);
    await admin.unsafe(`alter database ${dbName} allow_connections false`);
    await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName}`;
    await expect(running).rejects.toBeInstanceOf(Error);

    // The same connection, reopened for the next query: the refusal, within the connect limit.
    const started = performance.now();
    await expect(client`select 1`).rejects.toMatchObject({ code: "55000" });
    expect(performance.now() - started).toBeLessThan(3_000);

    // And the database back: the connection works again.
    await admin.unsafe(`alter database ${dbName} allow_connections true`);
    expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
  }, 15_000);
});
