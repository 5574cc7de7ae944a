// Members and subscriptions for the référents (/admin/amapiens): the CSV
// import with its preview (one bad line reported, the rest imported, a
// second import changing nothing), the template, adding a person and a
// subscription by hand, and a member kept out. The database is shared by the
// whole run and both projects run this file: every person here has a unique
// address and the contracts are this test's own.
import { inArray, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createContract, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { addDays, parisDate } from "@/lib/domain/time";
import { expect, test } from "./fixtures";
import { signIn } from "./mailbox";
import { expectNoSidewaysScroll, expectTappable } from "./screen";

const HEADER = "email;prenom;nom;telephone;contrat;quantite;debut;fin";

/** Two contracts of our own, so no other test's "Légumes — grand panier" makes ours ambiguous. */
async function createOwnContracts(db: Db) {
  const tag = randomUUID().slice(0, 6);
  const kale = await createContract(db, { product: `Chou ${tag}`, size: "grand panier", producer: "Ferme e2e import" });
  const honey = await createContract(db, { product: `Miel ${tag}`, size: "", producer: "Rucher e2e", unitPriceCents: 800 });
  return { kale: `Chou ${tag} — grand panier`, honey: `Miel ${tag}`, ids: [kale.id, honey.id] };
}

async function countRows(db: Db, emails: string[]) {
  const users = await db.select({ id: s.users.id }).from(s.users).where(inArray(sql`lower(${s.users.email})`, emails));
  const [subs] = users.length
    ? await db.select({ n: sql<number>`count(*)::int` }).from(s.subscriptions).where(inArray(s.subscriptions.userId, users.map((u) => u.id)))
    : [{ n: 0 }];
  return { users: users.length, subscriptions: subs!.n };
}

test.describe("sur un écran de 360 px", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test.describe.configure({ timeout: 60_000 });

  test("le référent importe un CSV : la ligne fautive est signalée, les autres importées, un second import ne change rien", async ({ page, db }) => {
    const contracts = await createOwnContracts(db);
    const [anais, basile, celine] = [uniqueEmail("anais"), uniqueEmail("basile"), uniqueEmail("celine")];
    const today = parisDate(new Date());
    const [start, end] = [addDays(today, -30), addDays(today, 150)];
    const frenchDate = (date: string) => date.split("-").reverse().join("/");
    const csv = [
      HEADER,
      `${anais};Anaïs;Import;06 11 22 33 44;${contracts.kale};1;${start};${end}`,
      `${anais};;;;${contracts.honey};2;${frenchDate(start)};${frenchDate(end)}`,
      `${basile};Basile;Import;;Kiwis;1;${start};${end}`,
      `${celine};Céline;Import;;${contracts.kale.toUpperCase()};1;${start};${end}`,
    ].join("\r\n");

    await signIn(page, "referent@demo.test");
    await page.goto("/admin/amapiens/import");
    await expect(page.getByRole("heading", { level: 1, name: "Importer des amapiens (CSV)" })).toBeVisible();
    await expectTappable([page.getByRole("button", { name: "Vérifier" }), page.getByRole("link", { name: "Télécharger le modèle (CSV)" })]);

    // The template downloads, with the import's columns.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger le modèle (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe("modele-import-amapiens.csv");
    expect(readFileSync(await download.path(), "utf8")).toMatch(/^\uFEFF"email";"prenom";"nom";"telephone";"contrat";"quantite";"debut";"fin"\r\n/);

    // Pasted, then checked: nothing is written yet, and line 4 says why it is refused.
    await page.getByLabel("… ou collez ici le contenu du fichier").fill(csv);
    await page.getByRole("button", { name: "Vérifier" }).click();
    const preview = page.getByRole("region", { name: "Vérification" });
    await expect(preview.getByRole("status")).toHaveText(
      "4 lignes lues : 2 personnes à créer, 3 souscriptions à ajouter, 1 ligne avec des erreurs, qui ne sera pas importée.",
    );
    const badLine = preview.getByRole("row").filter({ hasText: basile });
    await expect(badLine).toContainText("Erreur");
    await expect(badLine).toContainText("contrat : Contrat inconnu : « Kiwis ».");
    await expect(preview.getByRole("row").filter({ hasText: celine })).toContainText("OK");
    await expectNoSidewaysScroll(page, 360);
    expect(await countRows(db, [anais, basile, celine])).toEqual({ users: 0, subscriptions: 0 });

    await page.getByRole("button", { name: "Importer les lignes valides" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "Import terminé : 2 personnes créées, 3 souscriptions ajoutées. 1 ligne ignorée pour ses erreurs (ligne 4).",
    );
    expect(await countRows(db, [anais, basile, celine])).toEqual({ users: 2, subscriptions: 3 });

    // The new members are listed, with their current subscriptions.
    await page.getByRole("link", { name: "Voir la liste des amapiens" }).click();
    await page.getByLabel("Rechercher (nom, prénom ou adresse e-mail)").fill(anais);
    await page.getByRole("button", { name: "Rechercher" }).click();
    const list = page.getByRole("list", { name: "Amapiens" });
    await expect(list.getByRole("listitem").filter({ hasText: anais })).toContainText(`${contracts.kale}`);
    await expect(list.getByRole("listitem").filter({ hasText: anais })).toContainText(`${contracts.honey} × 2`);
    await expect(list.getByRole("link", { name: "Anaïs Import" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await page.goto(`/admin/amapiens?q=${encodeURIComponent(celine)}`);
    await expect(list.getByRole("link", { name: "Céline Import" })).toBeVisible();

    // The same file again, uploaded this time: nothing new, nothing written.
    await page.goto("/admin/amapiens/import");
    await page.getByLabel("Fichier CSV").setInputFiles({ name: "amapiens.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`, "utf8") });
    await page.getByRole("button", { name: "Vérifier" }).click();
    await expect(preview.getByRole("status")).toHaveText("4 lignes lues : 3 lignes déjà à jour, 1 ligne avec des erreurs, qui ne sera pas importée.");
    await expect(preview.getByText("Rien de nouveau à importer : les lignes valides sont déjà enregistrées.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Importer les lignes valides" })).toHaveCount(0);
    expect(await countRows(db, [anais, basile, celine])).toEqual({ users: 2, subscriptions: 3 });
  });

  test("le référent ajoute une personne puis sa souscription", async ({ page, db }) => {
    const contracts = await createOwnContracts(db);
    const email = uniqueEmail("ajout");
    await signIn(page, "referent@demo.test");
    await page.goto("/admin/amapiens");
    await expect(page.getByRole("heading", { level: 1, name: "Amapiens et souscriptions" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await page.getByRole("link", { name: "Ajouter une personne" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ajouter une personne" })).toBeVisible();

    await page.getByLabel("Adresse e-mail", { exact: true }).fill(email);
    await page.getByLabel("Prénom", { exact: true }).fill("Dalia");
    await page.getByLabel("Nom", { exact: true }).fill("Nouvelle");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Dalia Nouvelle" })).toBeVisible();
    await expect(page.getByText("La personne est enregistrée. Ajoutez-lui ses souscriptions ci-dessous.")).toBeVisible();

    const today = parisDate(new Date());
    const add = page.getByRole("region", { name: "Ajouter une souscription" });
    await add.getByLabel("Contrat").selectOption({ label: contracts.honey });
    await add.getByLabel("Quantité").fill("3");
    await add.getByLabel("Début").fill(addDays(today, -1));
    await add.getByLabel("Fin (dernier jour)").fill(addDays(today, 60));
    await add.getByRole("button", { name: "Ajouter la souscription" }).click();
    await expect(add.getByRole("status")).toHaveText("Souscription ajoutée.");
    const subscriptions = page.getByRole("region", { name: "Souscriptions", exact: true });
    await expect(subscriptions.getByRole("article", { name: `${contracts.honey} × 3` })).toContainText("en cours");
    await expectNoSidewaysScroll(page, 360);

    // The same contract again over the same dates is refused, in plain French.
    await add.getByLabel("Contrat").selectOption({ label: contracts.honey });
    await add.getByLabel("Début").fill(addDays(today, 10));
    await add.getByLabel("Fin (dernier jour)").fill(addDays(today, 20));
    await add.getByRole("button", { name: "Ajouter la souscription" }).click();
    await expect(add.getByRole("alert")).toHaveText("Cette personne a déjà une souscription à ce contrat sur une partie de ces dates.");
  });
});

test("sans JavaScript, la vérification et l'import marchent aussi", async ({ page, db, browser }) => {
  const contracts = await createOwnContracts(db);
  const [good, bad] = [uniqueEmail("sans-js"), uniqueEmail("sans-js")];
  await signIn(page, "referent@demo.test");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  try {
    const plain = await context.newPage();
    await plain.goto("/admin/amapiens/import");
    await plain
      .getByLabel("… ou collez ici le contenu du fichier")
      .fill(`email,prenom,contrat,debut,fin\n${good},Sacha,${contracts.honey},2026-04-02,2026-09-24\n${bad},,${contracts.honey},2026-04-02,2026-09-24\n`);
    await plain.getByRole("button", { name: "Vérifier" }).click();
    const preview = plain.getByRole("region", { name: "Vérification" });
    await expect(preview.getByRole("row").filter({ hasText: bad })).toContainText("Prénom manquant");
    await plain.getByRole("button", { name: "Importer les lignes valides" }).click();
    await expect(plain.getByRole("main").getByRole("status")).toHaveText(
      "Import terminé : 1 personne créée, 1 souscription ajoutée. 1 ligne ignorée pour ses erreurs (ligne 3).",
    );
    expect(await countRows(db, [good, bad])).toEqual({ users: 1, subscriptions: 1 });
  } finally {
    await context.close();
  }
});

test("un·e amapien·ne n'a accès ni aux pages ni aux fichiers des amapiens", async ({ page }) => {
  await signIn(page, "alice@demo.test");
  for (const path of ["/admin/amapiens", "/admin/amapiens/import", "/admin/amapiens/nouveau"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  }
  for (const path of ["/admin/amapiens/export.csv", "/admin/amapiens/modele.csv"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).not.toContain("@");
  }
});
