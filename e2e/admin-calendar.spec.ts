// The référents' calendar, end to end: the demo référent creates a place and
// a contract of the test's own, generates a season of Tuesdays at that place
// (no demo distribution is touched), moves one date and cancels another; a
// member gets a 404; the forms work without JavaScript.
import { and, eq, isNotNull } from "drizzle-orm";
import type { Locator, Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/db/seed/demo";
import * as s from "@/db/schema";
import { addMonths, monthOf, weeklyDates } from "@/lib/domain/calendar";
import { addDays, formatSlot, parisDate, parisInstant } from "@/lib/domain/time";
import { expect, tag, test } from "./exchange-helpers";
import { signIn } from "./mailbox";
import { expectNoSidewaysScroll, expectTappable } from "./screen";

/** Opens the <details> whose summary reads `summary`, inside `scope`. */
async function open(scope: Locator, summary: string) {
  await scope.locator("summary").filter({ hasText: new RegExp(`^${summary}$`) }).click();
}

/** Opens the months the calendar keeps closed (all but the first two of the page). */
async function openMonths(page: Page) {
  for (const summary of await page.locator("section[aria-labelledby^='mois-'] > details:not([open]) > summary").all()) {
    await summary.click();
  }
}

function slotOf(date: string, start: string, end: string) {
  return formatSlot(parisInstant(date, start), parisInstant(date, end));
}

async function expectStatus(scope: Locator | Page, text: string) {
  await expect(scope.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test.describe("le calendrier des référents", { tag: "@phone" }, () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test.describe.configure({ timeout: 90_000 });

  test("le référent crée un lieu et un contrat, génère une saison, déplace une date et en annule une", async ({ page, db }) => {
    const id = tag();
    const placeName = `Grange ${id}`;
    const producer = `Chèvrerie ${id}`;
    await signIn(page, DEMO_ACCOUNTS.referent);

    // A place.
    await page.goto("/admin/calendrier/lieux");
    await expect(page.getByRole("heading", { level: 1, name: "Lieux de distribution" })).toBeVisible();
    const newPlace = page.getByRole("region", { name: "Ajouter un lieu" });
    await newPlace.getByRole("button", { name: "Ajouter le lieu" }).click();
    await expect(newPlace.getByText("À remplir.")).toBeVisible();
    await newPlace.getByLabel("Nom", { exact: true }).fill(placeName);
    await newPlace.getByLabel("Adresse").fill("12 chemin du Moulin, 69340 Francheville");
    await newPlace.getByLabel("Indications d'accès").fill("Entrée par le portail vert, au fond de la cour.");
    await newPlace.getByRole("button", { name: "Ajouter le lieu" }).click();
    await expectStatus(newPlace, "Le lieu est ajouté.");
    await expect(page.getByRole("article", { name: placeName })).toContainText("Aucune distribution à venir");
    await expectNoSidewaysScroll(page, 360);

    // A contract, its price typed the French way.
    await page.getByRole("navigation", { name: "Sections du calendrier" }).getByRole("link", { name: "Contrats" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Contrats" })).toBeVisible();
    const newContract = page.getByRole("region", { name: "Ajouter un contrat" });
    await newContract.getByLabel("Produit").fill("Fromage");
    await newContract.getByLabel("Producteur·rice").fill(producer);
    await newContract.getByLabel("Taille").fill("4 crottins");
    await newContract.getByLabel("Prix d'un panier (€)").fill("6,80");
    await newContract.getByRole("button", { name: "Ajouter le contrat" }).click();
    await expectStatus(newContract, "Le contrat est ajouté.");
    await expect(page.getByRole("article", { name: `Fromage — 4 crottins, ${producer}` })).toContainText("6,80 €");
    await expectNoSidewaysScroll(page, 360);

    // A season: ten Tuesdays from the first one of next month.
    const nextMonth = addMonths(monthOf(parisDate(new Date())), 1);
    const tuesdays = weeklyDates(`${nextMonth}-01`, addDays(`${nextMonth}-01`, 6 + 63), 2);
    expect(tuesdays).toHaveLength(10);
    await page.goto(`/admin/calendrier?mois=${nextMonth}`);
    await expect(page.getByRole("heading", { level: 1, name: "Calendrier des distributions" })).toBeVisible();
    const season = page.getByRole("region", { name: "Générer une saison" });
    await open(season, "Générer une saison");
    // The form empties after each success: filled again to generate the season twice.
    const fillSeason = async () => {
      await season.getByLabel("Lieu", { exact: true }).selectOption({ label: placeName });
      await season.getByLabel("Jour de la semaine").selectOption({ label: "mardi" });
      await season.getByLabel("Premier jour").fill(tuesdays[0]!);
      await season.getByLabel("Dernier jour").fill(tuesdays.at(-1)!);
      await season.getByLabel("Début", { exact: true }).fill("18:30");
      await season.getByLabel("Fin", { exact: true }).fill("20:00");
      // Only this test's contract: the demo's stay out of this place.
      const boxes = season.getByRole("group", { name: "Contrats livrés" }).getByRole("checkbox");
      for (const box of await boxes.all()) await box.uncheck();
      await season.getByRole("checkbox", { name: `Fromage — 4 crottins · ${producer}` }).check();
    };
    await fillSeason();
    await expectNoSidewaysScroll(page, 360);
    await expectTappable([season.getByRole("button", { name: "Générer les distributions" })]);
    await season.getByRole("button", { name: "Générer les distributions" }).click();
    await expectStatus(season, "10 distributions créées.");

    const ours = page.getByRole("article", { name: new RegExp(` — ${placeName}$`) });
    // Ten Tuesdays run into the third month of the page, which starts closed.
    await openMonths(page);
    await expect(ours).toHaveCount(10);
    for (const [i, date] of tuesdays.entries()) {
      const card = ours.nth(i);
      await expect(card.getByRole("heading", { level: 3 })).toHaveText(slotOf(date, "18:30", "20:00"));
      await expect(card).toContainText("Fromage — 4 crottins");
      await expect(card).toContainText("Aucun panier proposé");
    }
    await expectNoSidewaysScroll(page, 360);

    // Generating it again makes nothing new.
    await fillSeason();
    await season.getByRole("button", { name: "Générer les distributions" }).click();
    await expectStatus(season, "Aucune distribution créée ; 10 dates existaient déjà.");
    await expect(ours).toHaveCount(10);

    // Move the second Tuesday to the Wednesday, an hour later.
    const wednesday = addDays(tuesdays[1]!, 1);
    const second = page.getByRole("article", { name: `${slotOf(tuesdays[1]!, "18:30", "20:00")} — ${placeName}` });
    await open(second, "Déplacer");
    await expectTappable([second.getByLabel("Date", { exact: true }), second.getByLabel("Début", { exact: true }), second.getByLabel("Fin", { exact: true })]);
    // Onto the third Tuesday: that day is taken.
    await second.getByLabel("Date", { exact: true }).fill(tuesdays[2]!);
    await second.getByRole("button", { name: "Déplacer la distribution" }).click();
    await expect(second.getByRole("alert")).toHaveText(/Ce lieu a déjà une distribution ce jour-là/);
    await second.getByLabel("Date", { exact: true }).fill(wednesday);
    await second.getByLabel("Début", { exact: true }).fill("19:30");
    await second.getByLabel("Fin", { exact: true }).fill("21:00");
    await second.getByRole("button", { name: "Déplacer la distribution" }).click();
    const moved = page.getByRole("article", { name: `${slotOf(wednesday, "19:30", "21:00")} — ${placeName}` });
    await expect(moved).toBeVisible();
    await expect(moved.getByRole("heading", { level: 3 })).toHaveText(/^mercredi /);
    await expectStatus(moved, `La distribution est déplacée : ${slotOf(wednesday, "19:30", "21:00")}.`);
    // Nobody has a basket of the test's own contract: the confirmation says so.
    await expectStatus(moved, "Personne n'avait besoin d'être prévenu.");
    await expect(ours).toHaveCount(10);

    // Cancel the fourth, with a reason.
    const fourth = page.getByRole("article", { name: `${slotOf(tuesdays[3]!, "18:30", "20:00")} — ${placeName}` });
    await open(fourth, "Annuler la distribution");
    await fourth.getByRole("button", { name: "Annuler la distribution" }).click();
    await expect(fourth.getByRole("alert")).toHaveText("Certains champs sont à corriger.");
    await expect(fourth.getByText("À remplir.")).toBeVisible();
    await fourth.getByLabel("Motif de l'annulation").fill("Salle réquisitionnée pour les élections");
    await fourth.getByRole("button", { name: "Annuler la distribution" }).click();
    await expectStatus(fourth, "La distribution est annulée. Personne n'avait besoin d'être prévenu.");
    await expect(fourth).toContainText("Annulée");
    await expect(fourth).toContainText("Motif : Salle réquisitionnée pour les élections");
    await expect(fourth.locator("summary")).toHaveCount(0);
    await expectNoSidewaysScroll(page, 360);

    // What the database holds: ten dates at the place, one moved, one cancelled with its reason.
    const [place] = await db.select().from(s.places).where(eq(s.places.name, placeName));
    const rows = await db.select().from(s.distributions).where(eq(s.distributions.placeId, place!.id));
    expect(rows).toHaveLength(10);
    expect(rows.some((d) => d.startsAt.getTime() === parisInstant(wednesday, "19:30").getTime())).toBe(true);
    const cancelled = await db
      .select()
      .from(s.distributions)
      .where(and(eq(s.distributions.placeId, place!.id), isNotNull(s.distributions.cancelledAt)));
    expect(cancelled.map((d) => parisDate(d.startsAt))).toEqual([tuesdays[3]]);
    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.action, "distribution.cancel"), eq(s.events.reason, "Salle réquisitionnée pour les élections")));
    expect(event?.data).toEqual({ distributionId: cancelled[0]!.id });
  });

  test("les formulaires marchent sans JavaScript", async ({ page, browser, db }) => {
    const placeName = `Hangar ${tag()}`;
    await signIn(page, DEMO_ACCOUNTS.referent);
    const context = await browser.newContext({
      storageState: await page.context().storageState(),
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
    });
    try {
      const noJs = await context.newPage();
      await noJs.goto("/admin/calendrier/contrats");
      const newContract = noJs.getByRole("region", { name: "Ajouter un contrat" });
      await newContract.getByLabel("Produit").fill("Jus de pomme");
      await newContract.getByLabel("Producteur·rice").fill(placeName);
      await newContract.getByLabel("Prix d'un panier (€)").fill("trois euros");
      await newContract.getByRole("button", { name: "Ajouter le contrat" }).click();
      // The page comes back with the error next to the field, and what was typed.
      await expect(newContract.getByText("Prix invalide : écrivez par exemple 22,50 (1 000 € au plus).")).toBeVisible();
      await expect(newContract.getByLabel("Produit")).toHaveValue("Jus de pomme");
      await newContract.getByLabel("Prix d'un panier (€)").fill("3,20");
      await newContract.getByRole("button", { name: "Ajouter le contrat" }).click();
      await expect(noJs.getByRole("article", { name: `Jus de pomme, ${placeName}` })).toContainText("3,20 €");
      const [contract] = await db.select().from(s.contracts).where(eq(s.contracts.producer, placeName));
      expect(contract).toMatchObject({ product: "Jus de pomme", unitPriceCents: 320, isActive: true });
      // Deactivated again at once: other tests tick every active contract they see.
      await noJs
        .getByRole("article", { name: `Jus de pomme, ${placeName}` })
        .getByRole("button", { name: "Désactiver" })
        .click();
      await expect(noJs.getByRole("article", { name: `Jus de pomme, ${placeName}` })).toContainText("Désactivé");
    } finally {
      await context.close();
    }
  });
});

test("un·e amapien·ne reçoit une page introuvable sur le calendrier des référents", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.members[0]);
  for (const path of ["/admin/calendrier", "/admin/calendrier/lieux", "/admin/calendrier/contrats"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  }
});
