import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside Next's react-server build by design; the
      // tests exercise lib/server directly, as the worker script does.
      { find: /^server-only$/, replacement: `${root}/test/server-only.ts` },
    ],
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "test/**/*.test.ts", "emails/**/*.test.tsx"],
    // The cluster test runs alone (npm run test:cluster, vitest.cluster.config.ts).
    exclude: [...configDefaults.exclude, "test/cluster/**"],
    setupFiles: ["test/setup.ts"],
    environment: "node",
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database (PGlite in memory, or a fresh Postgres
    // database); two at a time suits the 2-core machines.
    maxWorkers: 2,
  },
});
