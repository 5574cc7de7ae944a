// The `test` every spec imports: Playwright's, plus `db`, a Drizzle database
// on the run's Postgres database for seeding per-test data with the factories
// of db/factories.ts. Never import @/db/client or lib/server here: they pull
// in `server-only`, which throws outside Next.
import { test as base, expect } from "@playwright/test";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import type { Db } from "@/db/types";

type WorkerFixtures = { db: Db };
type TestFixtures = { clientIp: string };

/** A client address of its own for each test (and project and repetition), in 10.0.0.0/8. */
function addressFor(key: string): string {
  let hash = 2166136261;
  for (const char of key) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${hash & 255}`;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  // The e2e server trusts one proxy (TRUSTED_PROXIES=1 in playwright.config.ts):
  // the suite plays it, so the per-IP sign-in limit counts each test apart.
  clientIp: async ({}, provide, testInfo) => {
    await provide(addressFor(`${testInfo.testId}/${testInfo.project.name}/${testInfo.repeatEachIndex}/${testInfo.retry}`));
  },
  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, provide) => {
    await provide({ ...extraHTTPHeaders, "X-Forwarded-For": clientIp });
  },
  db: [
    // Playwright requires the (empty) destructuring pattern.
    async ({}, use) => {
      const url = process.env.E2E_DATABASE_URL;
      if (!url) throw new Error("E2E_DATABASE_URL n'est pas défini : lancez `npm run test:e2e`.");
      const client = postgres(url, { max: 2, onnotice: () => {} });
      const db = drizzle({ client, schema }) as unknown as Db;
      await use(db);
      await client.end({ timeout: 5 });
    },
    { scope: "worker" },
  ],
});

export { expect };
