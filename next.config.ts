import type { NextConfig } from "next";
import { AMAP_HEADER } from "./lib/domain/amap-path";
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
  // An AMAP's space: /<slug>/page is served by /page. proxy.ts sets the AMAP's
  // header only on such an address (a valid slug, not one of the app's own
  // paths) and drops any a client sends, so the header is the condition.
  // NOTE: a beforeFiles rewrite runs after the proxy and inside the server; a
  // rewrite made by the proxy is not (see the note in proxy.ts).
  async rewrites() {
    const inSpace = [{ type: "header" as const, key: AMAP_HEADER }];
    return {
      beforeFiles: [
        { source: "/:slug", has: inSpace, destination: "/" },
        { source: "/:slug/:rest*", has: inSpace, destination: "/:rest*" },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
