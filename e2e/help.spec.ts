// The help pages and the menu by role: /aide and /aide/glossaire are public
// and fit a phone; the menu groups the exchange pages under "Espace
// intermittents" and shows each person the entries that serve them.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./mailbox";
import { expectNoSidewaysScroll, expectTappable } from "./screen";

const GROUP = "Espace intermittents";
const ENTRIES = {
  reserve: "Réserver un panier",
  absence: "Absence – proposer son panier",
  mine: "Mes paniers échangés",
  registration: "Intermittents (dés)inscription",
  admin: "Administration",
} as const;

const GLOSSARY = [
  ["adherent", "Adhérent·e"],
  ["amap", "AMAP"],
  ["amapien", "Amapien·ne"],
  ["ceder", "Céder (son panier)"],
  ["contrat", "Contrat"],
  ["distribution", "Distribution"],
  ["emargement", "Émargement"],
  ["file-d-attente", "File d'attente"],
  ["intermittent", "Intermittent·e"],
  ["lieu", "Lieu (de distribution)"],
  ["panier", "Panier"],
  ["referent", "Référent·e"],
  ["repreneur", "Repreneur·euse"],
] as const;

const menu = (page: Page) => page.getByRole("banner").getByRole("navigation", { name: "Menu" });
const group = (page: Page) => menu(page).getByRole("list", { name: GROUP, exact: true });

test.describe("sur un écran de 360 × 740, sans être connecté·e", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("l'aide explique l'espace et donne les consignes de l'AMAP", async ({ page }) => {
    await page.goto("/");
    const helpLink = page.getByRole("banner").getByRole("link", { name: "Aide", exact: true });
    await expectTappable([helpLink, page.getByRole("banner").getByRole("link", { name: "Se connecter" })]);
    await helpLink.click();

    await expect(page).toHaveURL((url) => url.pathname === "/aide");
    await expect(page.getByRole("heading", { level: 1, name: "Aide" })).toBeVisible();
    for (const heading of ["Pour les intermittents", "Pour les amapiens", "Pour tout le monde", "Pour les référents"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    for (const heading of [
      "Devenir intermittent·e",
      "Réserver un panier",
      "Se désinscrire",
      "Céder son panier",
      "Valider ou refuser",
      "Ce qu'il faut dire à la personne qui vous remplace",
      "Annuler",
    ]) {
      await expect(page.getByRole("heading", { level: 3, name: heading, exact: true })).toBeVisible();
    }
    // The demo's settings: its practical rules, one item each, its deadline and its contact.
    const rules = page.getByRole("region", { name: "Les consignes de l'AMAP" });
    await expect(rules.getByRole("listitem").filter({ hasText: "Apportez vos sacs" })).toBeVisible();
    await expect(rules.getByRole("listitem")).toHaveCount(4);
    await expect(page.getByText("Les propositions ferment 12 h avant le début de la distribution.")).toBeVisible();
    await expect(page.getByRole("link", { name: "contact@amap-tilleuls.demo.test" })).toHaveAttribute(
      "href",
      "mailto:contact@amap-tilleuls.demo.test",
    );
    await expectNoSidewaysScroll(page, 360);

    await page.getByRole("main").getByRole("link", { name: "glossaire", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/aide/glossaire");
  });

  test("le glossaire définit chaque mot, avec une ancre", async ({ page }) => {
    await page.goto("/aide/glossaire");
    await expect(page.getByRole("heading", { level: 1, name: "Intermittent : Glossaire" })).toBeVisible();
    const terms = page.getByRole("main").locator("dl > div > dt");
    await expect(terms).toHaveText(GLOSSARY.map(([, term]) => term));
    for (const [id, term] of GLOSSARY) {
      await expect(page.locator(`#${id} dt`)).toHaveText(term);
      await expect(page.locator(`#${id} dd`).first()).not.toBeEmpty();
    }
    await expectNoSidewaysScroll(page, 360);

    await page.goto("/aide/glossaire#emargement");
    await expect(page.locator("#emargement")).toBeInViewport();
    await page.locator("#emargement").getByRole("link", { name: "Repreneur·euse" }).click();
    await expect(page).toHaveURL((url) => url.hash === "#repreneur");
  });

  test("l'en-tête montre l'aide, « Devenir intermittent·e » et la connexion, et rien d'autre", async ({ page }) => {
    await page.goto("/aide");
    await expect(menu(page).getByRole("link")).toHaveText(["Aide", "Devenir intermittent·e"]);
    await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  });
});

test.describe("le menu selon les rôles, sur 360 × 740", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  const accounts = [
    {
      email: "alice@demo.test",
      who: "une amapienne",
      inGroup: [ENTRIES.absence, ENTRIES.mine, ENTRIES.registration],
      hidden: [ENTRIES.reserve, ENTRIES.admin],
    },
    {
      email: "ines@demo.test",
      who: "une intermittente",
      inGroup: [ENTRIES.reserve, ENTRIES.mine, ENTRIES.registration],
      hidden: [ENTRIES.absence, ENTRIES.admin],
    },
    {
      // The demo référente also holds a contract.
      email: "referent@demo.test",
      who: "la référente",
      inGroup: [ENTRIES.absence, ENTRIES.mine, ENTRIES.registration],
      hidden: [ENTRIES.reserve],
      admin: true,
    },
  ];

  for (const account of accounts) {
    test(`${account.email} (${account.who}) voit les entrées qui la concernent`, async ({ page }) => {
      await signIn(page, account.email);
      await expect(page.getByRole("banner").getByRole("button", { name: "Se déconnecter" })).toBeVisible();

      await expect(group(page).getByRole("link")).toHaveText(account.inGroup);
      for (const label of account.hidden) {
        await expect(menu(page).getByRole("link", { name: label, exact: true })).toHaveCount(0);
      }
      const outside = ["Accueil", "Aide", ...(account.admin ? [ENTRIES.admin] : []), "Mon compte"];
      const allLinks = await menu(page).getByRole("link").allTextContents();
      expect(allLinks.filter((label) => !(account.inGroup as readonly string[]).includes(label))).toEqual(outside);

      await expectTappable([
        ...(await menu(page).getByRole("link").all()),
        page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }),
      ]);
      await expectNoSidewaysScroll(page, 360);

      await page.goto("/aide");
      await expect(page.getByRole("heading", { level: 1, name: "Aide" })).toBeVisible();
      await expect(group(page).getByRole("link")).toHaveText(account.inGroup);
      await expectNoSidewaysScroll(page, 360);
    });
  }
});
