// French as the AMAP writes it (DESIGN.md §10), read on the pages themselves:
// elision before a name, no-break spaces where a line must not break, one
// title per page, and a confirmation that says people were told only when
// someone was.
import type { Page } from "@playwright/test";
import { createIntermittent, createMember, createSubscription, uniqueEmail } from "@/db/factories";
import { createScene, expect, seedOffer, tag, test } from "./exchange-helpers";
import { signIn } from "./mailbox";

/**
 * The text of the page's main region, exactly as written (no-break spaces
 * kept), without the members' own messages (blockquotes: shown as they typed
 * them, and other specs' offers share this database).
 */
const mainText = (page: Page) =>
  page.getByRole("main").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("blockquote").forEach((quote) => quote.remove());
    return copy.textContent ?? "";
  });

test.describe("le français de l'AMAP", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("« Panier d'Hugo », « réservation d'Inès », et des espaces insécables", async ({ page, db }) => {
    const scene = await createScene(db);
    const t = tag();
    const hugo = await createMember(db, { email: uniqueEmail("hugo"), firstName: "Hugo", lastName: `Hamon-${t}`, contractIds: [] });
    await createSubscription(db, { userId: hugo.id, contractId: scene.vegetables.id });
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès", lastName: `Garnier-${t}` });
    const jules = await createIntermittent(db, { email: uniqueEmail("jules"), firstName: "Jules", lastName: `Faure-${t}` });
    const { offerId } = await seedOffer(db, {
      memberId: hugo.id,
      distribution: scene.distribution,
      status: "reserved",
      reservations: [
        { intermittentId: ines.id, status: "pending" },
        { intermittentId: jules.id, status: "queued" },
      ],
    });

    // Jules, in line: his basket list elides before Hugo, and says his place without guessing his gender.
    await signIn(page, jules.email);
    // ?offre= opens the page holding it (20 a page; other specs' offers share this database).
    await page.goto(`/paniers?offre=${offerId}`);
    const card = page.locator(`#offre-${offerId}`);
    await expect(card).toContainText("Panier d'Hugo");
    await expect(card).toContainText("Vous êtes en 1re position dans la file d'attente.");
    const text = await mainText(page);
    expect(text).not.toContain("Panier de Hugo");
    expect(text).not.toMatch(/ [?!:;]/);
    expect(text).not.toMatch(/\d h\b/);
    expect(text).toMatch(/\d\u00a0h/);

    // The référent deciding for Hugo reads « réservation d'Inès ».
    await signIn(page, "referent@demo.test");
    await page.goto(`/admin/paniers/${offerId}`);
    await expect(page.getByRole("heading", { name: `Décider pour l'amapien·ne (réservation d'Inès Garnier-${t})` })).toBeVisible();
    expect(await mainText(page)).not.toMatch(/ [?!:;]|« | »/);
  });

  test("« Amapien·ne » tient sur une ligne, même dans une case étroite", async ({ page }) => {
    await page.goto("/");
    const lines = await page.evaluate(() => {
      const box = document.createElement("div");
      box.style.width = "1px";
      box.innerHTML = "<span>Amapien·ne</span> <span>intermittent·e</span> <span>inscrit·e</span>";
      document.body.appendChild(box);
      return [...box.querySelectorAll("span")].map((s) => s.getClientRects().length);
    });
    expect(lines).toEqual([1, 1, 1]);
  });

  test("chaque page a un seul titre", async ({ page }) => {
    await signIn(page, "referent@demo.test");
    const paths = ["/", "/paniers", "/absence", "/mes-paniers", "/compte", "/aide", "/aide/glossaire", "/admin", "/admin/paniers",
      "/admin/calendrier", "/admin/intermittents", "/admin/amapiens", "/admin/emargement", "/admin/emails", "/admin/reglages",
      "/admin/statistiques", "/lien/jeton-invalide", "/lien/fait"];
    for (const path of paths) {
      await page.goto(path);
      const title = await page.title();
      expect(title.split("Espace intermittents").length - 1, `${path}: ${title}`).toBe(1);
    }
  });

  test("annuler un panier que personne n'a réservé ne prétend prévenir personne", async ({ page, db }) => {
    const scene = await createScene(db);
    const t = tag();
    const email = uniqueEmail("alice");
    const alice = await createMember(db, { email, firstName: "Alice", lastName: `Martin-${t}`, contractIds: [] });
    await createSubscription(db, { userId: alice.id, contractId: scene.vegetables.id });
    await seedOffer(db, { memberId: alice.id, distribution: scene.distribution, status: "open" });

    await signIn(page, email);
    await page.goto("/mes-paniers");
    const card = page.getByRole("article", { name: scene.slot });
    await card.getByText("Annuler", { exact: true }).click();
    await card.getByLabel("Motif d'annulation").fill("Je suis là finalement");
    await card.getByRole("button", { name: "Annuler ce panier" }).click();
    const flash = page.getByRole("main").getByRole("status").first();
    await expect(flash).toHaveText("Le panier est annulé. Personne n'avait besoin d'être prévenu.");
    await expect(page.getByRole("main")).not.toContainText("personnes concernées sont prévenues");
  });
});
