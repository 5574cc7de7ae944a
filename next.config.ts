import type { NextConfig } from "next";
import { EnvError, getEnv } from "./lib/env";

// Bad configuration stops `next build` and `next start` here, with one line naming the key.
try {
  getEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const nextConfig: NextConfig = {
  // NOTE: PGlite loads its WASM and data files by URL at run time; bundled, its
  // first query fails with "Received an instance of URL" (STACK.md, trap 1).
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
};

export default nextConfig;
