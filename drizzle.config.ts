// drizzle-kit: `npm run db:generate` writes a migration from db/schema.ts.
// Migrations are applied by the app itself at start (db/migrate.ts), on
// Postgres and PGlite alike, so this file needs no credentials.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
