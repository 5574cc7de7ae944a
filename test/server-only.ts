// Resolved in place of the `server-only` package under vitest (see vitest.config.ts).
export {};
