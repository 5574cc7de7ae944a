import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // NOTE: PGlite loads its WASM and data files by URL at run time; bundled, its
  // first query fails with "Received an instance of URL" (STACK.md, trap 1).
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
