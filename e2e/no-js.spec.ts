// Every form of the member and intermittent pages (/absence, /paniers,
// /mes-paniers) works with JavaScript disabled: plain form posts to the
// server actions, the outcome in the redirect's URL, the state in the
// database. People sign in once with JavaScript (the emailed link), then
// browse in a context without it.
import { and, eq } from "drizzle-orm";
import type { Browser, Page } from "@playwright/test";
import { createIntermittent, createMember, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { addDistribution, createScene, expect, seedOffer, test } from "./exchange-helpers";
import { signIn } from "./mailbox";

const VEGETABLES = "Légumes — grand panier";

async function withoutJs(browser: Browser, signedIn: Page, opened: Page[]): Promise<Page> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: await signedIn.context().storageState(),
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  });
  const page = await context.newPage();
  opened.push(page);
  return page;
}

async function offerStatus(db: Db, offerId: number) {
  const [row] = await db.select({ status: s.offers.status, paidAt: s.offers.paidAt }).from(s.offers).where(eq(s.offers.id, offerId));
  return row;
}

async function reservationsOf(db: Db, offerId: number) {
  const rows = await db
    .select({ intermittentId: s.reservations.intermittentId, status: s.reservations.status })
    .from(s.reservations)
    .where(eq(s.reservations.offerId, offerId))
    .orderBy(s.reservations.position);
  return rows;
}

async function expectFlash(page: Page, text: string) {
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText(text);
}

test.describe("sans JavaScript", () => {
  test.describe.configure({ timeout: 90_000 });
  const opened: Page[] = [];
  test.afterEach(async () => {
    for (const page of opened.splice(0)) await page.context().close();
  });

  test("céder, réserver, rejoindre la file, refuser, valider, noter le paiement, annuler", async ({ page, browser, db, openSession }) => {
    const scene = await createScene(db);
    const alice = await createMember(db, { email: uniqueEmail("alice"), firstName: "Alice", lastName: "Sansjs", contractIds: [scene.vegetables.id, scene.eggs.id] });
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès", lastName: "Sansjs" });
    const jules = await createIntermittent(db, { email: uniqueEmail("jules"), firstName: "Jules", lastName: "Sansjs" });

    await signIn(page, alice.email);
    const alicePage = await withoutJs(browser, page, opened);
    const inesPage = await withoutJs(browser, await openSession(ines.email), opened);
    const julesPage = await withoutJs(browser, await openSession(jules.email), opened);
    await alicePage.goto("/absence");

    // Alice offers her vegetables (not her eggs) for the scene's date.
    await alicePage.getByRole("group", { name: "Quels paniers ?" }).getByRole("checkbox", { name: /^Œufs/ }).uncheck();
    await alicePage.getByRole("group", { name: "Quelles dates ?" }).getByRole("checkbox", { name: scene.slot }).check();
    await alicePage.getByLabel("Message aux intermittents (facultatif)").fill("Sans JavaScript, bon appétit !");
    await alicePage.getByRole("button", { name: "Céder mon panier" }).click();
    await expect(alicePage).toHaveURL((url) => url.pathname === "/mes-paniers" && url.searchParams.get("cede") === "1");
    await expectFlash(alicePage, "Votre panier est proposé aux intermittents.");
    const [offer] = await db
      .select({ id: s.offers.id, status: s.offers.status })
      .from(s.offers)
      .where(eq(s.offers.memberId, alice.id));
    expect(offer?.status).toBe("open");
    const offerId = offer!.id;
    const lines = await db.select({ contractId: s.offerLines.contractId }).from(s.offerLines).where(eq(s.offerLines.offerId, offerId));
    expect(lines.map((l) => l.contractId)).toEqual([scene.vegetables.id]);

    // Inès reserves it: a plain form post.
    await inesPage.goto(`/paniers?offre=${offerId}#offre-${offerId}`);
    const forInes = inesPage.locator(`#offre-${offerId}`);
    await expect(forInes).toContainText(VEGETABLES);
    await forInes.getByRole("button", { name: "Réserver" }).click();
    await expect(inesPage).toHaveURL((url) => url.pathname === "/paniers" && url.searchParams.get("ok") === "reserved");
    await expectFlash(inesPage, "Réservation envoyée : vous recevrez un e-mail dès la réponse.");
    await expect(inesPage.locator(`#offre-${offerId}`)).toContainText("Votre réservation attend la réponse d'Alice.");

    // Jules joins the queue behind her, and sees his place in it.
    await julesPage.goto(`/paniers?offre=${offerId}`);
    const forJules = julesPage.locator(`#offre-${offerId}`);
    await expect(forJules).toContainText("1 personne attend déjà la réponse.");
    await forJules.getByRole("button", { name: "Rejoindre la file d'attente" }).click();
    await expect(julesPage).toHaveURL((url) => url.searchParams.get("ok") === "queued");
    await expect(julesPage.locator(`#offre-${offerId}`)).toContainText("Vous êtes en 1re position dans la file d'attente.");
    expect(await reservationsOf(db, offerId)).toEqual([
      { intermittentId: ines.id, status: "pending" },
      { intermittentId: jules.id, status: "queued" },
    ]);
    expect((await offerStatus(db, offerId))?.status).toBe("reserved");

    // Alice refuses Inès: Jules's reservation becomes the one to answer.
    await alicePage.goto("/mes-paniers");
    const card = alicePage.getByRole("article", { name: scene.slot });
    await expect(card).toContainText("Inès Sansjs souhaite votre panier.");
    // « Refuser » asks first: without JavaScript, on a page of its own, with the optional word for Inès.
    await card.getByRole("link", { name: "Refuser" }).click();
    await expect(alicePage).toHaveURL((url) => /^\/mes-paniers\/refuser\/\d+$/.test(url.pathname));
    const confirmation = alicePage.url();
    await expect(alicePage.getByRole("heading", { level: 1 })).toHaveText("Refuser la réservation d'Inès Sansjs ?");
    await expect(alicePage.getByRole("main")).toContainText("Inès Sansjs sera prévenu·e poliment.");
    await expect(alicePage.getByRole("main").getByRole("link", { name: "Non, revenir" })).toHaveAttribute("href", "/mes-paniers");
    expect((await reservationsOf(db, offerId))[0]?.status, "la page seule ne refuse rien").toBe("pending");
    const word = "Désolée, ma voisine le prend.";
    await alicePage.getByLabel("Un mot pour Inès Sansjs (facultatif)").fill(word);
    await alicePage.getByRole("button", { name: "Oui, refuser" }).click();
    await expect(alicePage).toHaveURL((url) => url.pathname === "/mes-paniers" && url.searchParams.get("ok") === "declined");
    await expectFlash(alicePage, "Réservation refusée : la personne est prévenue.");
    expect(await reservationsOf(db, offerId)).toEqual([
      { intermittentId: ines.id, status: "declined" },
      { intermittentId: jules.id, status: "pending" },
    ]);
    const [declined] = await db
      .select({ reason: s.events.reason })
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.decline")));
    expect(declined?.reason).toBe(word);
    // The same page again: it says it is done, and offers no button.
    await alicePage.goto(confirmation);
    await expect(alicePage.getByRole("heading", { level: 1 })).toHaveText("Cette réservation est déjà refusée");
    await expect(alicePage.getByRole("main").getByRole("button")).toHaveCount(0);
    await alicePage.goto("/mes-paniers");

    // She validates Jules, then notes the payment.
    await expect(card).toContainText("Jules Sansjs souhaite votre panier.");
    await card.getByRole("button", { name: "Valider" }).click();
    await expect(alicePage).toHaveURL((url) => url.searchParams.get("ok") === "accepted");
    expect((await offerStatus(db, offerId))?.status).toBe("exchanged");
    await card.getByRole("button", { name: "Noter le paiement reçu" }).click();
    await expect(alicePage).toHaveURL((url) => url.searchParams.get("ok") === "paid");
    expect((await offerStatus(db, offerId))?.paidAt).not.toBeNull();
    await expect(card).toContainText("Paiement reçu : oui");
    await expect(card.getByRole("button", { name: "Marquer comme non reçu" })).toBeVisible();

    // Then she cancels it, with a reason: the <details> opens without JavaScript.
    await card.getByText("Annuler", { exact: true }).click();
    await card.getByLabel("Motif d'annulation").fill("Finalement je suis là.");
    await card.getByRole("button", { name: "Annuler ce panier" }).click();
    await expect(alicePage).toHaveURL((url) => url.searchParams.get("ok") === "cancelled");
    // Jules (the taker) is told; Inès, refused before, is not concerned any more: the confirmation counts one.
    await expectFlash(alicePage, "Le panier est annulé. 1 personne prévenue par e-mail.");
    expect((await offerStatus(db, offerId))?.status).toBe("cancelled");
    const [jRes] = (await reservationsOf(db, offerId)).filter((r) => r.intermittentId === jules.id);
    expect(jRes?.status).toBe("cancelled");
  });

  test("annuler sa réservation, et un refus s'affiche en clair", async ({ page, browser, db }) => {
    const scene = await createScene(db, { daysAhead: 5 });
    const later = await addDistribution(db, scene, 6);
    const bruno = await createMember(db, { email: uniqueEmail("bruno"), firstName: "Bruno", lastName: "Sansjs", contractIds: [scene.vegetables.id] });
    const lea = await createIntermittent(db, { email: uniqueEmail("lea"), firstName: "Léa", lastName: "Sansjs" });
    const first = await seedOffer(db, { memberId: bruno.id, distribution: scene.distribution, status: "open" });
    const second = await seedOffer(db, { memberId: bruno.id, distribution: later.distribution, status: "open" });

    await signIn(page, lea.email);
    const leaPage = await withoutJs(browser, page, opened);

    // Léa reserves the first, then withdraws from « Mes paniers échangés ».
    await leaPage.goto(`/paniers?offre=${first.offerId}#offre-${first.offerId}`);
    await leaPage.locator(`#offre-${first.offerId}`).getByRole("button", { name: "Réserver" }).click();
    await expect(leaPage).toHaveURL((url) => url.searchParams.get("ok") === "reserved");
    await leaPage.goto("/mes-paniers");
    const card = leaPage.getByRole("article", { name: scene.slot });
    await card.getByText("Annuler ma réservation", { exact: true }).click();
    await card.getByRole("button", { name: "Oui, annuler ma réservation" }).click();
    await expect(leaPage).toHaveURL((url) => url.pathname === "/mes-paniers" && url.searchParams.get("ok") === "withdrawn");
    await expectFlash(leaPage, "Votre réservation est annulée.");
    expect(await reservationsOf(db, first.offerId)).toEqual([{ intermittentId: lea.id, status: "withdrawn" }]);
    expect((await offerStatus(db, first.offerId))?.status).toBe("open");

    // The second is cancelled while her page is open: her « Réserver » is refused in plain French.
    await leaPage.goto(`/paniers?offre=${second.offerId}#offre-${second.offerId}`);
    await db.update(s.offers).set({ status: "cancelled" }).where(eq(s.offers.id, second.offerId));
    await leaPage.locator(`#offre-${second.offerId}`).getByRole("button", { name: "Réserver" }).click();
    await expect(leaPage).toHaveURL((url) => url.pathname === "/paniers" && url.searchParams.get("erreur") === "offer_closed");
    await expect(leaPage.getByRole("main").getByRole("alert")).toHaveText("Ce panier n'est plus disponible.");
    await expect(leaPage.locator(`#offre-${second.offerId}`)).toHaveCount(0);
    expect(await reservationsOf(db, second.offerId)).toEqual([]);
  });
});
