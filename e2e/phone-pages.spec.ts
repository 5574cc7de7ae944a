// The long pages on a 360 × 740 phone (issue 11, §4–§5): the offer form
// (/absence) fits two screens with the demo data, shows only the dates that
// deliver the ticked baskets, by month, the later ones behind « Voir plus de
// dates », and keeps its button in reach with a count; the référents'
// calendar and offer list keep their months and filters folded. Also the
// statistics' « En cours » column and the favicon.
import type { Page } from "@playwright/test";
import { createDistribution, createMember, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { addDays, formatSlot, parisDate } from "@/lib/domain/time";
import { eq } from "drizzle-orm";
import { createScene, expect, test, type Scene } from "./exchange-helpers";
import { signIn } from "./mailbox";
import { expectNoSidewaysScroll } from "./screen";

const SCREEN = { width: 360, height: 740 };
const VEGETABLES = /^Légumes — grand panier/;
const EGGS = /^Œufs — boîte de 6/;

/** Twelve weekly dates from the scene's: vegetables every week, eggs every other week (weeks 0, 2, 4…). */
async function createSeason(db: Db, scene: Scene) {
  const dates = [{ slot: scene.slot, eggs: true }];
  for (let week = 1; week < 12; week++) {
    const eggs = week % 2 === 0;
    const distribution = await createDistribution(db, {
      placeId: scene.place.id,
      date: addDays(parisDate(new Date()), 4 + 7 * week),
      contractIds: eggs ? [scene.vegetables.id, scene.eggs.id] : [scene.vegetables.id],
    });
    dates.push({ slot: formatSlot(distribution.startsAt, distribution.endsAt), eggs });
  }
  return dates;
}

const datesGroup = (page: Page) => page.getByRole("group", { name: "Quelles dates ?" });
const basketsGroup = (page: Page) => page.getByRole("group", { name: "Quels paniers ?" });
/** The visible date checkboxes' names. */
const visibleDates = async (page: Page) =>
  (await datesGroup(page).getByRole("checkbox").all()).length
    ? await datesGroup(page)
        .getByRole("checkbox")
        .evaluateAll((boxes) => boxes.map((box) => box.getAttribute("aria-label") ?? ""))
    : [];

// Signing in and opening pages as the demo's référent takes long on two busy cores.
test.describe.configure({ timeout: 90_000 });

test.describe("sur un écran de 360 × 740", { tag: "@phone" }, () => {
  test.use({ viewport: SCREEN });

  test("/absence tient en deux écrans avec les données de démonstration, avant « Voir plus de dates »", async ({ page }) => {
    await signIn(page, "alice@demo.test");
    await page.goto("/absence");
    await expect(datesGroup(page)).toBeVisible();
    const form = page.getByRole("main").locator("form");
    const height = (await form.boundingBox())!.height;
    console.log(`/absence (alice@demo.test) : formulaire ${Math.round(height)} px, page ${await page.evaluate(() => document.documentElement.scrollHeight)} px`);
    expect(height, "hauteur du formulaire").toBeLessThanOrEqual(2 * SCREEN.height);
    // By month, and the weeks after the next eight one tap away.
    const months = datesGroup(page).getByRole("group");
    expect(await months.count()).toBeGreaterThanOrEqual(2);
    for (const name of await months.evaluateAll((all) => all.map((g) => g.querySelector("legend")?.textContent ?? ""))) {
      expect(name).toMatch(/^\p{Ll}+\s\d{4}$/u);
    }
    await expect(datesGroup(page).getByText(/^Voir plus de dates \(\d+\)$/)).toBeVisible();
    await expectNoSidewaysScroll(page, SCREEN.width);
  });

  test("/absence : seules les dates des paniers cochés, par mois ; le bouton compte les paniers et reste à portée", async ({
    page,
    db,
  }) => {
    const scene = await createScene(db);
    const season = await createSeason(db, scene);
    const camille = await createMember(db, {
      email: uniqueEmail("camille"),
      firstName: "Camille",
      contractIds: [scene.vegetables.id, scene.eggs.id],
    });
    await signIn(page, camille.email);
    await page.goto("/absence");
    await expect(datesGroup(page)).toBeVisible();

    // Eight weeks at once (weeks 0 to 7), four behind « Voir plus de dates ».
    expect(await visibleDates(page)).toHaveLength(8);
    const more = datesGroup(page).getByText(/^Voir plus de dates/);
    await expect(more).toHaveText("Voir plus de dates (4)");

    // Eggs alone: only the weeks that deliver eggs.
    await basketsGroup(page).getByRole("checkbox", { name: VEGETABLES }).uncheck();
    const eggDates = season.filter((d) => d.eggs).map((d) => d.slot);
    expect((await visibleDates(page)).map((label) => eggDates.some((slot) => label.includes(slot)))).toEqual([true, true, true, true]);
    await expect(more).toHaveText("Voir plus de dates (2)");

    // Vegetables alone, three dates ticked: « Céder 3 paniers », at the bottom of the screen.
    await basketsGroup(page).getByRole("checkbox", { name: VEGETABLES }).check();
    await basketsGroup(page).getByRole("checkbox", { name: EGGS }).uncheck();
    expect(await visibleDates(page)).toHaveLength(8);
    const button = page.getByRole("button", { name: /^Céder/ });
    await expect(button).toHaveText("Céder mon panier");
    for (const slot of season.slice(0, 3).map((d) => d.slot)) await datesGroup(page).getByRole("checkbox", { name: slot }).check();
    await expect(button).toHaveText("Céder 3 paniers");
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = (await button.boundingBox())!;
    expect(box.y, "le bouton est dans l'écran, en bas").toBeGreaterThan(SCREEN.height / 2);
    expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
    await expect(button).toBeInViewport();

    await button.click();
    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers" && url.searchParams.get("cede") === "3");
    const offers = await db.select({ id: s.offers.id }).from(s.offers).where(eq(s.offers.memberId, camille.id));
    expect(offers).toHaveLength(3);
  });
});

test("/absence sans JavaScript : une date où le panier coché n'est pas livré le dit, en commençant par une majuscule", async ({
  page,
  db,
  newContext,
}) => {
  const scene = await createScene(db);
  const season = await createSeason(db, scene);
  const camille = await createMember(db, { email: uniqueEmail("camille"), firstName: "Camille", contractIds: [scene.vegetables.id, scene.eggs.id] });
  await signIn(page, camille.email);
  const context = await newContext({ javaScriptEnabled: false });
  await context.addCookies(await page.context().cookies());
  const noJs = await context.newPage();
  await noJs.goto("/absence");
  // Without JavaScript every date shows; week 1 has no eggs.
  await basketsGroup(noJs).getByRole("checkbox", { name: VEGETABLES }).uncheck();
  await datesGroup(noJs).getByRole("checkbox", { name: season[1]!.slot }).check();
  await noJs.getByRole("button", { name: "Céder mon panier" }).click();
  const alert = noJs.getByRole("alert");
  await expect(alert).toBeVisible();
  // Compared with plain spaces: the catalogue and the dates use non-breaking ones (DESIGN §10).
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");
  expect(plain((await alert.textContent()) ?? "")).toBe(
    plain(`Le panier « Œufs — boîte de 6 » n'est pas livré le ${season[1]!.slot} : décochez cette date, ou cochez un panier livré ce jour-là.`),
  );
  expect(await db.select({ id: s.offers.id }).from(s.offers).where(eq(s.offers.memberId, camille.id))).toEqual([]);
});

test.describe("les pages des référents sur un écran de 360 × 740", { tag: "@phone" }, () => {
  test.use({ viewport: SCREEN });

  test("/admin/calendrier : ce mois-ci et le suivant ouverts, le troisième replié", async ({ page }) => {
    await signIn(page, "referent@demo.test");
    await page.goto("/admin/calendrier");
    const months = page.locator("section[aria-labelledby^='mois-'] > details");
    await expect(months).toHaveCount(3);
    expect(await months.evaluateAll((all) => all.map((d) => (d as HTMLDetailsElement).open))).toEqual([true, true, false]);
    // The third month's dates wait behind its heading.
    console.log(`/admin/calendrier (referent@demo.test) : ${await page.evaluate(() => document.documentElement.scrollHeight)} px`);
    const third = page.locator("section[aria-labelledby^='mois-']").nth(2);
    await expect(third.getByRole("article")).toHaveCount(0);
    await third.locator(":scope > details > summary").click();
    expect(await third.getByRole("article").count()).toBeGreaterThan(0);
    console.log(`/admin/calendrier (referent@demo.test) : ${await page.evaluate(() => document.documentElement.scrollHeight)} px, le 3e mois ouvert`);
    await expectNoSidewaysScroll(page, SCREEN.width);
  });

  test("/admin/paniers : les filtres derrière « Filtrer », la liste dès le premier écran", async ({ page }) => {
    await signIn(page, "referent@demo.test");
    await page.goto("/admin/paniers");
    await expect(page.getByLabel("Du", { exact: true })).toBeHidden();
    const first = page.getByRole("main").getByRole("link").first();
    await expect(first).toBeInViewport();
    console.log(`/admin/paniers (referent@demo.test) : ${await page.evaluate(() => document.documentElement.scrollHeight)} px`);

    await page.getByText("Filtrer", { exact: true }).click();
    await page.getByLabel("État").selectOption({ label: "Échangé" });
    await page.getByRole("button", { name: "Afficher" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("etat") === "exchanged");
    // A filter on: the filters stay open and say so.
    await expect(page.getByLabel("État")).toBeVisible();
    await expect(page.getByText("1 filtre actif")).toBeVisible();
    await expect(page.getByRole("link", { name: "Tout afficher" })).toBeVisible();
  });
});

test("/admin/statistiques : « En cours » de la légende a sa colonne, et chaque mois tombe juste", async ({ page }) => {
  await signIn(page, "referent@demo.test");
  await page.goto("/admin/statistiques");
  const table = page.getByRole("table", { name: "Paniers par mois" });
  const headers = await table.getByRole("columnheader").allTextContents();
  expect(headers).toEqual(["Mois", "Proposés", "Échangés", "En cours", "Non repris", "Annulés"]);
  const legend = await page.locator("figcaption li").allTextContents();
  expect(legend.length).toBeGreaterThan(0);
  for (const item of legend) expect(headers.some((h) => item.includes(h)), `« ${item} » a sa colonne`).toBe(true);
  for (const row of await table.locator("tbody tr, tfoot tr").all()) {
    const [offered, exchanged, pending, unclaimed, cancelled] = (await row.getByRole("cell").allTextContents()).map(Number);
    expect(exchanged! + pending! + unclaimed! + cancelled!).toBe(offered);
  }
});

test("chaque page a son icône (/favicon.ico et l'icône déclarée)", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  for (const path of ["/", "/aide", "/connexion"]) {
    await page.goto(path);
    const icons = await page.locator("link[rel~='icon']").evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
    expect(icons.length, `une icône sur ${path}`).toBeGreaterThan(0);
    for (const href of icons) expect((await request.get(href)).status(), href).toBe(200);
  }
});
