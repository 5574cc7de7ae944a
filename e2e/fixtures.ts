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

export const test = base.extend<object, WorkerFixtures>({
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
