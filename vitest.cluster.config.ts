// `npm run test:cluster`: the cluster test alone (test/cluster/), two web
// instances and two outbox workers behind HAProxy on one Postgres database.
// Left out of `npm test` (vitest.config.ts): it needs a production build,
// HAProxy and Postgres, and takes minutes.
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  // The same aliases (@/, server-only) as the other tests.
  resolve: base.resolve,
  test: {
    include: ["test/cluster/**/*.test.ts"],
    setupFiles: ["test/cluster/setup.ts"],
    globalSetup: ["test/cluster/global-setup.ts"],
    environment: "node",
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
  },
});
