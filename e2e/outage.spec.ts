// A database outage, as a browser and a monitor see it (issue 10 §5), on the
// suite's own server and its own database — never the shared Postgres
// stopped: the run's database refuses connections and its backends are cut
// (what a restart looks like from the app). /api/health says « not ok »
// within 3 s; every page answers the French 503 page within 10 s; the
// sign-in form says « réessayez »; once the database is back, the same
// pages and the sign-in work again with no restart. Tagged @phone: it runs
// once, on the phone viewport.
import postgres from "postgres";
import { fr } from "@/lib/i18n/fr";
import { expect, test } from "./fixtures";

const PAGES = ["/", "/paniers", "/connexion", "/mes-paniers", "/admin/paniers", "/aide"];

test.describe("panne de la base @phone", () => {
  test.describe.configure({ timeout: 90_000 });

  test("la base injoignable : /api/health « not ok » en moins de 3 s, chaque page en français avec 503, la connexion dit « réessayez » ; puis tout repart", async ({ page, request }) => {
    const url = new URL(process.env.E2E_DATABASE_URL!);
    const name = url.pathname.slice(1);
    url.pathname = "/postgres";
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const others = async () =>
      (await admin`select count(*)::int as n from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`)[0]!.n;

    // The sign-in form, loaded while the database answers.
    await page.goto("/connexion");
    await page.getByLabel("Adresse e-mail").fill("alice@demo.test");

    try {
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
      await expect.poll(others).toBe(0);

      let start = Date.now();
      const health = await request.get("/api/health");
      expect(Date.now() - start, "/api/health répond en moins de 3 s").toBeLessThan(3_000);
      expect(health.status()).toBe(503);
      expect(await health.json()).toEqual({ status: "not ok" });

      for (const path of PAGES) {
        start = Date.now();
        const response = await request.get(path, { maxRedirects: 0 });
        expect(Date.now() - start, `${path} répond en moins de 10 s`).toBeLessThan(10_000);
        expect(response.status(), path).toBe(503);
        expect(response.headers()["retry-after"], path).toBe("5");
        const body = await response.text();
        expect(body, path).toContain(fr.errors.unavailableTitle);
        expect(body, path).not.toMatch(/postgres|ECONNREFUSED|not currently accepting|\bat \S+ \(/i);
      }

      // In the browser: the page, in French, with a way to try again.
      const shown = await page.context().newPage();
      const response = await shown.goto("/paniers?offre=1");
      expect(response!.status()).toBe(503);
      await expect(shown.getByRole("heading", { level: 1, name: fr.errors.unavailableTitle })).toBeVisible();
      await expect(shown.getByText(/Réessayez dans un instant/)).toBeVisible();
      await expect(shown.getByRole("link", { name: fr.errors.retry })).toHaveAttribute("href", "/paniers?offre=1");
      await shown.close();

      // The sign-in action: « réessayez » on the form, not a bare 500.
      start = Date.now();
      await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
      await expect(page.getByText(fr.errors.actionFailed)).toBeVisible();
      expect(Date.now() - start, "l'action répond en moins de 10 s").toBeLessThan(10_000);
      await expect(page).toHaveURL((u) => u.pathname === "/connexion");
    } finally {
      await admin.unsafe(`alter database ${name} allow_connections true`);
      await admin.end();
    }

    // Back: health, every page and the sign-in work again, without a restart.
    await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 10_000 }).toBe(200);
    expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok" });
    for (const path of PAGES) {
      // 200, a redirect to sign-in, or the admin's 404 to a stranger: the page's own answer again.
      const status = (await request.get(path, { maxRedirects: 0 })).status();
      expect(status, path).toBeLessThan(500);
    }
    await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
  });
});
