// Reliability, as a browser sees it (issue 6): hostile text in an offer's
// message stays text on the pages and in the mail; a tampered or broken
// form post, and a database that refuses connections, get a French message
// rather than an error page — and the app carries on once it is back.
import { eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import postgres from "postgres";
import { createIntermittent, createMember, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { fr } from "@/lib/i18n/fr";
import { createScene, expect, seedOffer, test } from "./exchange-helpers";
import { signIn, waitForMail } from "./mailbox";

const VEGETABLES = "Légumes — grand panier";
const HOSTILE =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> ' +
  '<a href="javascript:window.__pwned = 3">clic</a> javascript:window.__pwned=4\nBcc: evil@example.com';

/** Nothing hostile ran, and no link on the page leads to `javascript:`. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), "aucun script injecté n'a tourné").toBeUndefined();
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator("img[src='x']")).toHaveCount(0);
}

/** The « Réserver » button of an offer, the id it posts replaced by `value` (what a tampered post sends). */
async function tamperOfferId(page: Page, offerId: number, value: string) {
  await page.locator(`#offre-${offerId} button[name="offerId"]`).evaluate((button, v) => ((button as HTMLButtonElement).value = v), value);
}

test.describe("fiabilité", () => {
  test.describe.configure({ timeout: 60_000 });

  test("un message hostile reste du texte : /mes-paniers, /paniers et le mail d'annonce", async ({ page, db, openSession }) => {
    const scene = await createScene(db);
    const alice = await createMember(db, { email: uniqueEmail("alice"), firstName: "Alice", contractIds: [scene.vegetables.id] });
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès" });

    await signIn(page, alice.email);
    await page.goto("/absence");
    await page.getByRole("group", { name: "Quelles dates ?" }).getByRole("checkbox", { name: scene.slot }).check();
    await page.getByLabel("Message aux intermittents (facultatif)").fill(HOSTILE);
    await page.getByRole("button", { name: "Céder mon panier" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers");
    const card = page.getByRole("article", { name: scene.slot });
    await expect(card).toContainText("<script>window.__pwned = 1</script>");
    await expect(card).toContainText('<a href="javascript:window.__pwned = 3">clic</a>');
    await expectInert(page);

    const [offer] = await db.select({ id: s.offers.id, message: s.offers.message }).from(s.offers).where(eq(s.offers.memberId, alice.id));
    expect(offer!.message, "gardé tel que tapé (retours à la ligne du navigateur compris)").toMatch(/^<script>.*\r?\nBcc: evil@example\.com$/s);

    const inesPage = await openSession(ines.email);
    await inesPage.goto(`/paniers?offre=${offer!.id}#offre-${offer!.id}`);
    const offered = inesPage.locator(`#offre-${offer!.id}`);
    await expect(offered).toContainText("<script>window.__pwned = 1</script>");
    await expect(offered).toContainText("Bcc: evil@example.com");
    await expectInert(inesPage);

    // The announcement: one recipient, one subject line, the message escaped and never a link.
    const mail = await waitForMail(page.request, ines.email, 0, `Panier disponible : ${VEGETABLES} — ${scene.day}`);
    expect(mail.to).toBe(ines.email);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(Object.keys(mail.headers).map((k) => k.toLowerCase())).not.toContain("bcc");
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).not.toMatch(/<img src=["']?x/i);
    expect(mail.html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
    expect(mail.html).toContain("&lt;script&gt;");
    expect(mail.text).toContain("<script>window.__pwned = 1</script>");

    // The development mailbox shows it in a sandboxed frame: nothing runs there either.
    await inesPage.goto(`/dev/mails/${mail.id}`);
    await expect(inesPage.getByRole("heading", { level: 1, name: mail.subject })).toBeVisible();
    await expectInert(inesPage);
  });

  test("un formulaire trafiqué reçoit un message en français, et rien n'est écrit", async ({ page, db }) => {
    const scene = await createScene(db);
    const alice = await createMember(db, { email: uniqueEmail("alice"), firstName: "Alice", contractIds: [scene.vegetables.id] });
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès" });
    const { offerId } = await seedOffer(db, { memberId: alice.id, distribution: scene.distribution, status: "open" });

    await signIn(page, ines.email);
    for (const [value, message] of [
      ["abc", fr.exchange.invalidInput],
      ["-1", fr.exchange.invalidInput],
      ["99999999999999999999", fr.exchange.invalidInput],
      ["2000000000", fr.exchange.refusals.not_found],
    ] as const) {
      await page.goto(`/paniers?offre=${offerId}#offre-${offerId}`);
      await tamperOfferId(page, offerId, value);
      await page.locator(`#offre-${offerId}`).getByRole("button", { name: "Réserver" }).click();
      // « Réserver » is a plain form: the refusal comes back in the URL, shown at the top.
      await expect(page).toHaveURL((url) => url.pathname === "/paniers" && url.searchParams.has("erreur"));
      await expect(page.locator("main").getByRole("alert")).toHaveText(message);
      await expect(page.getByRole("heading", { level: 1, name: "Paniers disponibles" })).toBeVisible();
    }
    expect(await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId))).toEqual([]);

    // The untouched form still works.
    await page.goto(`/paniers?offre=${offerId}#offre-${offerId}`);
    await page.locator(`#offre-${offerId}`).getByRole("button", { name: "Réserver" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("ok") === "reserved");
  });

  test("la base refuse les connexions : un message en français, puis tout repart", async ({ page, db }) => {
    const scene = await createScene(db);
    const alice = await createMember(db, { email: uniqueEmail("alice"), firstName: "Alice", contractIds: [scene.vegetables.id] });
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès" });
    const { offerId } = await seedOffer(db, { memberId: alice.id, distribution: scene.distribution, status: "open" });
    await signIn(page, ines.email);
    await page.goto(`/paniers?offre=${offerId}#offre-${offerId}`);
    const reserve = page.locator(`#offre-${offerId}`).getByRole("button", { name: "Réserver" });
    await expect(reserve).toBeVisible();

    const url = new URL(process.env.E2E_DATABASE_URL!);
    const name = url.pathname.slice(1);
    url.pathname = "/postgres";
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const withOthers = async () => (await admin`select count(*)::int as n from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`)[0]!.n;
    try {
      // What a restart looks like from the app: every connection cut, new ones refused.
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
      await expect.poll(withOthers).toBe(0);
      await reserve.click();
      // A French « réessayez » on /paniers — not the sign-in page, no stack trace. The
      // page itself needs the database, so while it is down that is the error page's.
      await expect(page.getByText(/réessayez/i).first()).toBeVisible();
      await expect(page).toHaveURL((u) => u.pathname === "/paniers");
      const body = await page.locator("body").innerText();
      expect(body).not.toMatch(/\bat \S+ \(|\.tsx?:\d|CONNECTION_|ECONNREFUSED|not currently accepting/);
      expect(body).toMatch(/réessayez/i);
    } finally {
      await admin.unsafe(`alter database ${name} allow_connections true`);
      await admin.end();
    }

    // Back: the page and the button work again, without restarting anything.
    await expect(async () => {
      await page.goto(`/paniers?offre=${offerId}#offre-${offerId}`);
      await page.locator(`#offre-${offerId}`).getByRole("button", { name: "Réserver" }).click();
      await expect(page).toHaveURL((u) => u.searchParams.get("ok") === "reserved", { timeout: 5_000 });
    }).toPass({ timeout: 30_000 });
    expect(await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId))).toHaveLength(1);
  });
});
