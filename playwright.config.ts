// End-to-end tests: `npm run test:e2e` (scripts/e2e.mjs) creates a Postgres
// database for the run, builds the app and runs Playwright, which starts
// `next start` on that database with the demo AMAP loaded.
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) {
  throw new Error(
    "E2E_DATABASE_URL n'est pas défini : lancez les tests end-to-end avec `npm run test:e2e`, " +
      "qui crée une base Postgres pour la campagne et la supprime ensuite.",
  );
}

const port = Number(process.env.E2E_PORT ?? 3100);
// NOTE: localhost, never 127.0.0.1: Next rewrites the host in route handlers
// and the Auth.js session cookie is lost after the magic link (STACK.md, trap 4).
const baseURL = `http://localhost:${port}`;

// NOTE: Debian's chromium, never a downloaded browser; the networking flags
// stop it flooding the closed network with refused connections (STACK.md, trap 7).
const chromiumPath = "/usr/bin/chromium";
const launchOptions = existsSync(chromiumPath)
  ? {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    }
  : {};

export default defineConfig({
  testDir: "e2e",
  // Two cores; also, both projects sign in as the same demo accounts, and one
  // worker keeps them from consuming each other's magic links.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    headless: true,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    launchOptions,
  },
  projects: [
    {
      name: "phone",
      use: {
        browserName: "chromium",
        userAgent: devices["Pixel 7"].userAgent,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      },
    },
    {
      name: "desktop",
      // Tests tagged @phone check what only matters on a touch screen.
      grepInvert: /@phone/,
      use: {
        ...devices["Desktop Chrome"],
        viewport: { width: 1280, height: 800 },
      },
    },
  ],
  webServer: {
    // The deployment's own server: `next start` with a graceful stop (scripts/serve.mjs).
    command: `node scripts/serve.mjs -p ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      DATABASE_URL: databaseUrl,
      APP_URL: baseURL,
      SEED_DEMO: "1",
      OUTBOX_POLL_MS: "500",
      // The schedule (partners' announcements among others) every 2 s, not every minute: e2e/partners.spec.ts waits on it.
      SCHEDULE_MS: "2000",
      // Empty counts as unset (lib/env.ts): mail goes to the dev mailbox.
      SMTP_URL: "",
      // A fixed secret for the run, so the suite never touches .data/auth-secret.
      AUTH_SECRET: "e2e-only-secret-never-used-outside-the-test-run",
      NEXT_TELEMETRY_DISABLED: "1",
      // The suite plays the reverse proxy: each test sends its own
      // X-Forwarded-For (e2e/fixtures.ts), so the per-IP sign-in limit counts
      // each test apart. The per-address limit is raised because the demo
      // accounts sign in dozens of times per run; lib/server/auth/auth.test.ts
      // proves the default of 5.
      TRUSTED_PROXIES: "1",
      SIGN_IN_LIMIT_PER_ADDRESS: "1000",
    },
  },
});
