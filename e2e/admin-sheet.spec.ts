// The référent's sign sheet and statistics: the sheet of a distribution with
// an exchange made for the test ("récupéré par <taker> pour <member>"), its
// print layout and its PDF; the statistics' chart and CSV; and a 404 for
// anyone else. Everyone and everything here is the test's own (unique names):
// the database is shared by every test of the run, in both projects.
import type { Locator } from "@playwright/test";
import { createIntermittent, createMember, uniqueEmail } from "@/db/factories";
import { createScene, expect, seedOffer, tag, test } from "./exchange-helpers";
import { signIn } from "./mailbox";
import { expectNoSidewaysScroll } from "./screen";

/** A table no wider than its container: nothing to scroll inside it either. */
async function expectFits(table: Locator) {
  const { width, room } = await table.evaluate((el) => ({ width: el.scrollWidth, room: el.parentElement!.clientWidth }));
  expect(width, "largeur du tableau").toBeLessThanOrEqual(room);
}

const REFERENT = "referent@demo.test";
const MEMBER = "alice@demo.test";

/** A distribution of the test's own with an exchanged basket, an open offer and a member who collects. */
async function sceneWithExchange(db: Parameters<typeof createScene>[0]) {
  const scene = await createScene(db);
  const id = tag();
  const emma = await createMember(db, {
    email: uniqueEmail("emma"),
    firstName: `Emma ${id}`,
    lastName: "Laurent",
    contractIds: [scene.vegetables.id, scene.eggs.id],
  });
  const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: `Inès ${id}`, lastName: "Garnier" });
  await seedOffer(db, {
    memberId: emma.id,
    distribution: scene.distribution,
    status: "exchanged",
    contractIds: [scene.vegetables.id],
    reservations: [{ intermittentId: ines.id, status: "accepted" }],
  });
  const chloe = await createMember(db, {
    email: uniqueEmail("chloe"),
    firstName: `Chloé ${id}`,
    lastName: "Bernard",
    contractIds: [scene.vegetables.id],
  });
  await seedOffer(db, { memberId: chloe.id, distribution: scene.distribution, status: "open" });
  return {
    scene,
    member: `Emma ${id} Laurent`,
    taker: `Inès ${id} Garnier`,
    other: `Chloé ${id} Bernard`,
    sheetPath: `/admin/emargement/${scene.distribution.id}`,
  };
}

test.describe("la feuille d'émargement", () => {
  test("le référent imprime la feuille, y lit « récupéré par … pour … » et télécharge le PDF", async ({ page, db }) => {
    const { scene, member, taker, other, sheetPath } = await sceneWithExchange(db);
    await signIn(page, REFERENT);

    // Pick the distribution from the list: its place is the test's own.
    await page.goto("/admin/emargement");
    await expect(page.getByRole("heading", { level: 1, name: "Feuilles d'émargement" })).toBeVisible();
    const entry = page.getByRole("region", { name: "À venir" }).getByRole("link").filter({ hasText: scene.place.name });
    await expect(entry).toContainText(scene.slot);
    await expect(entry).toContainText("1 panier échangé · 1 panier proposé");
    await entry.click();
    await expect(page).toHaveURL((url) => url.pathname === sheetPath);

    await expect(page.getByRole("heading", { level: 1, name: "AMAP des Tilleuls — feuille d'émargement" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(scene.slot);
    await expect(page.getByRole("main")).toContainText(scene.place.name);
    const table = page.getByRole("table", { name: `Paniers à remettre le ${scene.slot}` });
    const emmaRows = table.getByRole("rowgroup").filter({ hasText: member });
    await expect(emmaRows).toContainText(`récupéré par ${taker} pour ${member}`);
    // Emma's eggs are hers to collect; Chloé's vegetables are still on offer.
    await expect(emmaRows.getByRole("row").filter({ hasText: "Œufs — boîte de 6" })).toContainText("à signer");
    await expect(table.getByRole("rowgroup").filter({ hasText: other })).toContainText("proposé, pas encore repris");
    await expect(page.getByRole("region", { name: "Paniers pas encore repris" })).toContainText(
      `Légumes — grand panier de ${other}`,
    );

    // Printed: the sheet alone, with its signature column; no menu, no buttons.
    const print = page.getByRole("button", { name: "Imprimer" });
    await expect(print).toBeVisible();
    await expect(table.getByRole("columnheader", { name: "Signature" })).toBeHidden();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("banner")).toBeHidden();
    await expect(print).toBeHidden();
    await expect(page.getByRole("link", { name: "Télécharger le PDF" })).toBeHidden();
    await expect(table.getByRole("columnheader", { name: "Signature" })).toBeVisible();
    await expect(table).toContainText(`récupéré par ${taker} pour ${member}`);
    await page.emulateMedia({ media: "screen" });

    // The PDF.
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Télécharger le PDF" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^emargement-\d{4}-\d{2}-\d{2}\.pdf$/);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const response = await page.request.get(`${sheetPath}/pdf`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("les statistiques montrent un graphique, un tableau et un export CSV", async ({ page, db }) => {
    await sceneWithExchange(db);
    await signIn(page, REFERENT);
    await page.goto("/admin/statistiques");
    await expect(page.getByRole("heading", { level: 1, name: "Statistiques" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Paniers proposés par mois" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Paniers par mois" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Paniers repris par intermittent·e, depuis le début" })).toBeVisible();
    const csv = await page.request.get("/admin/statistiques/export.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(await csv.text()).toContain('"Mois";"Paniers proposés"');
  });

  test("une amapienne reçoit 404 sur la feuille, son PDF et les statistiques", async ({ page, db }) => {
    const { sheetPath } = await sceneWithExchange(db);
    await signIn(page, MEMBER);
    for (const path of ["/admin/emargement", sheetPath, "/admin/statistiques"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
    }
    for (const path of [`${sheetPath}/pdf`, "/admin/statistiques/export.csv"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(404);
      expect((await response.body()).subarray(0, 5).toString("latin1")).not.toBe("%PDF-");
    }
  });
});

test.describe("sur un écran de 360 × 740", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("la feuille et les statistiques ne défilent pas sur le côté", async ({ page, db }) => {
    const { member, taker, sheetPath } = await sceneWithExchange(db);
    await signIn(page, REFERENT);
    await page.goto("/admin/emargement");
    await expect(page.getByRole("heading", { level: 1, name: "Feuilles d'émargement" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await page.goto(sheetPath);
    await expect(page.getByRole("table")).toContainText(`récupéré par ${taker} pour ${member}`);
    await expectNoSidewaysScroll(page, 360);
    await expectFits(page.getByRole("table"));
    await page.goto("/admin/statistiques");
    await expect(page.getByRole("img", { name: "Paniers proposés par mois" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await expectFits(page.getByRole("table", { name: "Paniers par mois" }));
  });
});
