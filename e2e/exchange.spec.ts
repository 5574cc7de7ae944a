// The basket exchange, end to end: a member offers a basket (/absence), an
// intermittent reserves it (/paniers), the member answers (/mes-paniers), and
// each step sends the right mail to the right person. Everyone here is made
// for the test (factories, unique addresses, a place of its own); mail is
// always read by recipient, since every offer is announced to every
// intermittent of the database.
import { and, eq } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { addToIntermittents, createContract, createIntermittent, createMember, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { linkClaims, signedLink } from "./email-links";
import { addDistribution, createScene, expect, seedOffer, test } from "./exchange-helpers";
import { latestMailId, signIn, waitForMail, type DevMail } from "./mailbox";
import { expectNoSidewaysScroll, expectTappable } from "./screen";

const VEGETABLES = "Légumes — grand panier";
const EGGS = "Œufs — boîte de 6";
const BOTH = `${VEGETABLES}, ${EGGS}`;
const ALICE_PHONE = "06 12 34 56 78";
const INES_PHONE = "07 98 76 54 32";

/** The outcome of the last action, shown at the top of the page after its redirect. */
async function expectFlash(page: Page, text: string) {
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText(text);
}

function searchParam(name: string, value: string) {
  return (url: URL) => url.searchParams.get(name) === value;
}

async function reservationStatus(db: Db, reservationId: number) {
  const [row] = await db
    .select({ status: s.reservations.status })
    .from(s.reservations)
    .where(eq(s.reservations.id, reservationId));
  return row?.status;
}

async function offerStatus(db: Db, offerId: number) {
  const [row] = await db.select({ status: s.offers.status }).from(s.offers).where(eq(s.offers.id, offerId));
  return row?.status;
}

function attachment(mail: DevMail, filename: string) {
  const found = mail.attachments.find((a) => a.filename === filename);
  expect(found, `pièce jointe ${filename} dans « ${mail.subject} »`).toBeDefined();
  return found!;
}

test.describe("l'échange de paniers", () => {
  // Several people, several browsers, a mail at each step: longer than a one-page test.
  test.describe.configure({ timeout: 60_000 });
  // On the phone, the narrowest screen in common use (360 px); in a deployment of two AMAPs (the demo's network).
  test.use({ viewport: async ({ isMobile }, provide) => provide(isMobile ? { width: 360, height: 740 } : { width: 1280, height: 800 }) });

  test("Alice cède ses légumes, Inès les réserve, Alice valide : chacune reçoit les coordonnées de l'autre", async ({
    page,
    db,
    openSession,
  }) => {
    const scene = await createScene(db);
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: "Martin",
      phone: ALICE_PHONE,
      contractIds: [scene.vegetables.id, scene.eggs.id],
    });
    const ines = await createIntermittent(db, {
      email: uniqueEmail("ines"),
      firstName: "Inès",
      lastName: "Garnier",
      phone: INES_PHONE,
    });
    const message = "Je pars chez ma sœur, bon appétit !";
    const basket = `panier du ${scene.day} (${VEGETABLES})`;

    // Alice offers her vegetables for the date, and keeps her eggs.
    await signIn(page, alice.email);
    await page.goto("/absence");
    await expect(page.getByRole("heading", { level: 1, name: "Absence – proposer son panier" })).toBeVisible();
    const baskets = page.getByRole("group", { name: "Quels paniers ?" });
    const vegetables = baskets.getByRole("checkbox", { name: /^Légumes — grand panier \(22,00\s€\)$/ });
    const eggs = baskets.getByRole("checkbox", { name: /^Œufs — boîte de 6 \(3,50\s€\)$/ });
    await expect(vegetables).toBeChecked();
    await expect(eggs).toBeChecked();
    await eggs.uncheck();
    const date = page.getByRole("group", { name: "Quelles dates ?" }).getByRole("checkbox", { name: scene.slot });
    await expect(date).toBeEnabled();
    await date.check();
    await page.getByLabel("Message aux intermittents (facultatif)").fill(message);
    await expect(page.getByRole("checkbox", { name: "Accepter automatiquement la première réservation" })).not.toBeChecked();
    await page.getByRole("button", { name: "Céder mon panier" }).click();

    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers" && searchParam("cede", "1")(url));
    await expectFlash(page, "Votre panier est proposé aux intermittents.");
    const offerCard = page.getByRole("article", { name: scene.slot });
    await expect(offerCard).toContainText("Proposé");
    await expect(offerCard).toContainText(VEGETABLES);
    await expect(offerCard).not.toContainText("Œufs");
    await expect(offerCard).toContainText(message);
    const listed = await waitForMail(page.request, alice.email, 0, `Panier proposé : ${VEGETABLES} — ${scene.day}`);
    expect(listed.text).not.toContain("Œufs");

    // Inès is told, with the vegetables only, and a « Réserver » link of her own to this very offer.
    const announced = await waitForMail(page.request, ines.email, 0, `Panier disponible : ${VEGETABLES} — ${scene.day}`);
    expect(announced.text).toContain(message);
    expect(announced.text).not.toContain("Œufs");
    expect(announced.text, "pas de coordonnées avant l'échange").not.toContain(ALICE_PHONE);
    const claims = linkClaims(signedLink(announced, "Réserver"));
    expect(claims.action, "le bouton « Réserver » du mail réserve").toBe("reserve");
    expect(claims.userId, "le lien est celui d'Inès").toBe(ines.id);
    const offerId = claims.objectId;
    const [offerRow] = await db.select().from(s.offers).where(eq(s.offers.id, offerId));
    expect(offerRow?.memberId, "le lien vise l'offre d'Alice").toBe(alice.id);
    const lines = await db.select({ contractId: s.offerLines.contractId }).from(s.offerLines).where(eq(s.offerLines.offerId, offerId));
    expect(lines.map((l) => l.contractId)).toEqual([scene.vegetables.id]);

    // Inès reserves on the site (the mail's own link is followed in links.spec.ts).
    const inesPage = await openSession(ines.email);
    await inesPage.goto(`/paniers?offre=${offerId}#offre-${offerId}`);
    await expect(inesPage.getByRole("heading", { level: 1, name: "Paniers disponibles" })).toBeVisible();
    const offered = inesPage.locator(`#offre-${offerId}`).getByRole("article", { name: "Panier d'Alice" });
    await expect(offered).toContainText(VEGETABLES);
    await expect(offered).toContainText(message);
    await expect(offered).not.toContainText("Œufs");
    await expect(offered).not.toContainText(ALICE_PHONE);
    await offered.getByRole("button", { name: "Réserver" }).click();

    await expect(inesPage).toHaveURL((url) => url.pathname === "/paniers" && searchParam("ok", "reserved")(url));
    await expectFlash(inesPage, "Réservation envoyée : vous recevrez un e-mail dès la réponse.");
    const mine = inesPage.locator(`#offre-${offerId}`);
    await expect(mine).toContainText("Votre réservation attend la réponse d'Alice.");
    await expect(mine.getByRole("button")).toHaveCount(0);
    await waitForMail(page.request, ines.email, announced.id, `Réservation envoyée : ${basket}`);
    const toDecide = await waitForMail(page.request, alice.email, listed.id, `Inès souhaite votre ${basket}`);
    expect(toDecide.text, "pas de coordonnées avant la validation").not.toContain(INES_PHONE);

    // Alice sees it on her home page, and validates.
    await page.goto("/");
    await page.getByRole("link", { name: "1 réservation à valider" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers");
    await expect(offerCard).toContainText("Réservation à valider");
    await expect(offerCard).toContainText("Inès Garnier souhaite votre panier.");
    await expect(page.getByText(INES_PHONE)).toHaveCount(0);
    const inesSince = await latestMailId(page.request, ines.email);
    const aliceSince = await latestMailId(page.request, alice.email);
    await offerCard.getByRole("button", { name: "Valider" }).click();

    await expect(page).toHaveURL(searchParam("ok", "accepted"));
    await expectFlash(page, "Réservation validée : vous avez maintenant ses coordonnées, et cette personne a les vôtres.");
    // One state, one name: « Échangé », and nowhere « Repris ».
    await expect(offerCard.getByText("Échangé", { exact: true })).toBeVisible();
    await expect(offerCard).toContainText("Échangé avec Inès Garnier");
    await expect(offerCard).not.toContainText("Repris");
    await expect(offerCard.getByRole("button", { name: "Valider" })).toHaveCount(0);
    // The payment: the button says what it does, never the opposite of what is shown beside it.
    await expect(offerCard).toContainText("Paiement reçu : non");
    await offerCard.getByRole("button", { name: "Noter le paiement reçu" }).click();
    await expect(page).toHaveURL(searchParam("ok", "paid"));
    await expect(offerCard).toContainText("Paiement reçu : oui");
    await expect(offerCard.getByRole("button")).toContainText(["Marquer comme non reçu"]);
    await expect(offerCard.getByRole("button", { name: "Noter le paiement reçu" })).toHaveCount(0);

    // Inès gets the confirmation, with Alice's phone and the pickup for her calendar…
    const accepted = await waitForMail(page.request, ines.email, inesSince, `Réservation validée : ${basket}`);
    expect(accepted.text).toContain(ALICE_PHONE);
    expect(accepted.text).toContain("Émargez au nom d'Alice Martin");
    const ics = attachment(accepted, "panier.ics");
    expect(ics.contentType).toMatch(/^text\/calendar/);
    expect(ics.content).toContain("BEGIN:VEVENT");
    // …and Alice learns who takes it, with Inès's phone.
    const taken = await waitForMail(
      page.request,
      alice.email,
      aliceSince,
      `Votre panier du ${scene.day} est repris par Inès (${VEGETABLES})`,
    );
    expect(taken.text).toContain(INES_PHONE);

    // Inès's page: whose name to sign under, where, and Alice's contact behind the "+".
    await inesPage.goto("/mes-paniers");
    await expect(inesPage.getByRole("heading", { level: 1, name: "Mes paniers échangés" })).toBeVisible();
    const reservation = inesPage.getByRole("article", { name: scene.slot });
    await expect(reservation).toContainText("Validée : le panier est pour vous");
    await expect(reservation.getByText("Émargez au nom d'Alice Martin")).toBeVisible();
    await expect(reservation).toContainText(scene.place.name);
    await expect(reservation.getByText(/^À régler à Alice\s:\s22,00\s€$/)).toBeVisible();
    const phone = reservation.getByText(ALICE_PHONE);
    await expect(phone).toBeHidden();
    await reservation.getByLabel("Voir les coordonnées d'Alice Martin").click();
    await expect(phone).toBeVisible();
    await expect(reservation.getByText(alice.email)).toBeVisible();

    const calendar = reservation.getByRole("link", { name: "Ajouter à mon agenda (.ics)" });
    const href = await calendar.getAttribute("href");
    const [row] = await db
      .select({ id: s.reservations.id })
      .from(s.reservations)
      .where(and(eq(s.reservations.offerId, offerId), eq(s.reservations.intermittentId, ines.id)));
    expect(href).toBe(`/mes-paniers/calendrier/${row!.id}`);
    const file = await inesPage.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toMatch(/^text\/calendar/);
    expect(await file.text()).toContain("BEGIN:VEVENT");

    await inesPage.goto("/");
    await expect(inesPage.getByRole("link", { name: /^Prochain panier à récupérer : / })).toContainText(
      `${scene.slot}, ${scene.place.name} (panier d'Alice)`,
    );
  });

  test("deux réservations : la seconde attend dans la file, et prend le relais quand la première est refusée", async ({
    page,
    db,
    openSession,
  }) => {
    const scene = await createScene(db);
    const marc = await createMember(db, {
      email: uniqueEmail("marc"),
      firstName: "Marc",
      lastName: "Dupuis",
      contractIds: [scene.vegetables.id],
    });
    const basile = await createIntermittent(db, { email: uniqueEmail("basile"), firstName: "Basile", lastName: "Roux" });
    const celeste = await createIntermittent(db, { email: uniqueEmail("celeste"), firstName: "Céleste", lastName: "Faure" });
    const { offerId } = await seedOffer(db, { memberId: marc.id, distribution: scene.distribution, status: "open" });
    const basket = `panier du ${scene.day} (${VEGETABLES})`;

    // Basile first.
    const basilePage = await openSession(basile.email);
    await basilePage.goto(`/paniers?offre=${offerId}#offre-${offerId}`);
    await basilePage.locator(`#offre-${offerId}`).getByRole("button", { name: "Réserver" }).click();
    await expect(basilePage).toHaveURL(searchParam("ok", "reserved"));
    await waitForMail(page.request, basile.email, 0, `Réservation envoyée : ${basket}`);

    // Then Céleste, who can only join the queue.
    const celestePage = await openSession(celeste.email);
    await celestePage.goto(`/paniers?offre=${offerId}`);
    const offer = celestePage.locator(`#offre-${offerId}`);
    await expect(offer).toContainText("1 personne attend déjà la réponse.");
    await expect(offer.getByRole("button", { name: "Réserver" })).toHaveCount(0);
    await offer.getByRole("button", { name: "Rejoindre la file d'attente" }).click();
    await expect(celestePage).toHaveURL((url) => url.pathname === "/paniers" && searchParam("ok", "queued")(url));
    await expectFlash(celestePage, "Vous êtes dans la file d'attente : vous serez prévenu·e si le panier se libère.");
    await expect(offer).toContainText("Vous êtes en 1re position dans la file d'attente.");
    await expect(offer.getByRole("button")).toHaveCount(0);
    const queued = await waitForMail(page.request, celeste.email, 0, `File d'attente : ${basket}`);
    await celestePage.goto("/mes-paniers");
    await expect(celestePage.getByRole("article", { name: scene.slot })).toContainText("En 1re position dans la file d'attente");

    // Marc declines Basile.
    await signIn(page, marc.email);
    await page.goto("/mes-paniers");
    const card = page.getByRole("article", { name: scene.slot });
    await expect(card).toContainText("Basile Roux souhaite votre panier.");
    await expect(card).toContainText("1 autre personne attend.");
    const marcSince = await latestMailId(page.request, marc.email);
    const basileSince = await latestMailId(page.request, basile.email);
    // « Refuser » asks first, with an optional word for Basile; « Non, revenir » changes nothing.
    await card.getByRole("link", { name: "Refuser" }).click();
    const confirm = page.getByRole("dialog", { name: "Refuser la réservation de Basile Roux ?" });
    await expect(confirm).toContainText("Basile Roux sera prévenu·e poliment.");
    await confirm.getByRole("button", { name: "Non, revenir" }).click();
    await expect(confirm).toBeHidden();
    const [basilesReservation] = await db
      .select({ id: s.reservations.id })
      .from(s.reservations)
      .where(and(eq(s.reservations.offerId, offerId), eq(s.reservations.intermittentId, basile.id)));
    expect(await reservationStatus(db, basilesReservation!.id)).toBe("pending");
    const word = "Désolé, un voisin me l'avait demandé avant.";
    await card.getByRole("link", { name: "Refuser" }).click();
    await confirm.getByLabel("Un mot pour Basile Roux (facultatif)").fill(word);
    await confirm.getByRole("button", { name: "Oui, refuser" }).click();

    await expect(page).toHaveURL(searchParam("ok", "declined"));
    await expect(page.getByRole("dialog"), "la boîte se ferme : la réservation suivante n'hérite pas d'un refus ouvert").toHaveCount(0);
    const [declined] = await db
      .select({ reason: s.events.reason })
      .from(s.events)
      .where(and(eq(s.events.reservationId, basilesReservation!.id), eq(s.events.action, "reservation.decline")));
    expect(declined?.reason, "le mot de Marc accompagne le refus").toBe(word);
    await expectFlash(page, "Réservation refusée : la personne est prévenue.");
    await expect(card).toContainText("Céleste Faure souhaite votre panier.");
    await expect(card).not.toContainText("Basile");
    await expect(card.getByRole("button", { name: "Valider" })).toBeVisible();

    await waitForMail(page.request, basile.email, basileSince, `Réservation non retenue : ${basket}`);
    await waitForMail(page.request, celeste.email, queued.id, `C'est votre tour : ${basket}`);
    const promoted = await waitForMail(page.request, marc.email, marcSince, `Céleste souhaite votre ${basket}`);
    expect(promoted.text).toContain("Céleste était la personne suivante dans la file d'attente");

    await celestePage.goto("/mes-paniers");
    await expect(celestePage.getByRole("article", { name: scene.slot })).toContainText("En attente de la réponse de Marc");
    await basilePage.goto("/mes-paniers");
    await expect(basilePage.getByRole("article", { name: scene.slot })).toContainText("Non retenue");
  });

  test("le panier annulé après l'échange : le motif arrive tel quel, comme du texte", async ({ page, db, openSession }) => {
    const scene = await createScene(db);
    const nadia = await createMember(db, {
      email: uniqueEmail("nadia"),
      firstName: "Nadia",
      lastName: "Benali",
      phone: ALICE_PHONE,
      contractIds: [scene.vegetables.id, scene.eggs.id],
    });
    const taker = await createIntermittent(db, {
      email: uniqueEmail("theo"),
      firstName: "Théo",
      lastName: "Lambert",
      phone: INES_PHONE,
    });
    const { offerId, reservationIds } = await seedOffer(db, {
      memberId: nadia.id,
      distribution: scene.distribution,
      status: "exchanged",
      reservations: [{ intermittentId: taker.id, status: "accepted" }],
    });
    const reason = "Je reste finalement : <b>pas de HTML</b> & merci quand même";

    await signIn(page, nadia.email);
    await page.goto("/mes-paniers");
    const card = page.getByRole("article", { name: scene.slot });
    await expect(card).toContainText("Échangé avec Théo Lambert");
    await card.getByText("Annuler", { exact: true }).click();
    await card.getByLabel("Motif d'annulation").fill(reason);
    await card.getByRole("button", { name: "Annuler ce panier" }).click();

    await expect(page).toHaveURL(searchParam("ok", "cancelled"));
    await expectFlash(page, "Le panier est annulé. 1 personne prévenue par e-mail.");
    await expect(card).toContainText("Annulé");
    await expect(card.getByText(`Annulé : ${reason}`, { exact: true })).toBeVisible();
    expect(await offerStatus(db, offerId)).toBe("cancelled");
    expect(await reservationStatus(db, reservationIds[0]!)).toBe("cancelled");

    const cancelled = await waitForMail(page.request, taker.email, 0, `Panier du ${scene.day} annulé (${BOTH})`);
    expect(cancelled.text).toContain(reason);
    expect(cancelled.html).toContain("&lt;b&gt;pas de HTML&lt;/b&gt;");
    expect(cancelled.html).not.toContain("<b>pas");
    const ics = attachment(cancelled, "annulation-panier.ics");
    expect(ics.contentType).toMatch(/^text\/calendar/);
    expect(ics.content).toContain("METHOD:CANCEL");
    expect(ics.content).toContain("BEGIN:VEVENT");

    const takerPage = await openSession(taker.email);
    await takerPage.goto("/mes-paniers");
    const reservation = takerPage.getByRole("article", { name: scene.slot });
    await expect(reservation).toContainText("Annulée par Nadia");
    await expect(reservation.getByText(`Annulé : ${reason}`, { exact: true })).toBeVisible();
    await expect(reservation.locator("b")).toHaveCount(0);
    await expect(reservation).not.toContainText("Émargez");
    await expect(reservation.getByRole("link", { name: "Ajouter à mon agenda (.ics)" })).toHaveCount(0);
  });

  test("un autre membre ne voit ni ne touche le panier d'Alice, même en rejouant sa requête", async ({
    page,
    db,
    openSession,
    request,
    baseURL,
  }) => {
    const scene = await createScene(db);
    const later = await addDistribution(db, scene, 5);
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: "Martin",
      phone: ALICE_PHONE,
      contractIds: [scene.vegetables.id],
    });
    const ines = await createIntermittent(db, {
      email: uniqueEmail("ines"),
      firstName: "Inès",
      lastName: "Garnier",
      phone: INES_PHONE,
    });
    const brunoContract = await createContract(db, { producer: "Ferme e2e" });
    const bruno = await createMember(db, {
      email: uniqueEmail("bruno"),
      firstName: "Bruno",
      lastName: "Petit",
      contractIds: [brunoContract.id],
    });
    const pending = await seedOffer(db, {
      memberId: alice.id,
      distribution: scene.distribution,
      status: "reserved",
      reservations: [{ intermittentId: ines.id, status: "pending" }],
    });
    const exchanged = await seedOffer(db, {
      memberId: alice.id,
      distribution: later.distribution,
      status: "exchanged",
      reservations: [{ intermittentId: ines.id, status: "accepted" }],
    });
    const pendingId = pending.reservationIds[0]!;
    const acceptedId = exchanged.reservationIds[0]!;
    const secrets = [alice.email, ALICE_PHONE, ines.email, INES_PHONE];

    // Alice's "Valider" form, as her page has it: the action's hidden fields and the reservation id.
    await signIn(page, alice.email);
    await page.goto("/mes-paniers");
    const validate = page.locator("form").filter({ has: page.getByRole("button", { name: "Valider" }) });
    await expect(validate).toHaveCount(1);
    const fields = await validate.evaluate((form) =>
      Object.fromEntries([...new FormData(form as HTMLFormElement)].map(([k, v]) => [k, String(v)])),
    );
    expect(fields.reservationId).toBe(String(pendingId));
    expect(Object.keys(fields).some((k) => k.startsWith("$ACTION")), "le formulaire porte l'action").toBe(true);
    const sameOrigin = { Origin: new URL(baseURL!).origin };

    // Bruno sees nothing of it.
    const brunoPage = await openSession(bruno.email);
    await brunoPage.goto("/mes-paniers");
    await expect(brunoPage.getByRole("heading", { level: 1, name: "Mes paniers échangés" })).toBeVisible();
    await expect(brunoPage.getByText("Vous n'avez cédé aucun panier récemment.")).toBeVisible();
    await expect(brunoPage.getByRole("article")).toHaveCount(0);
    await expect(brunoPage.getByRole("button", { name: "Valider" })).toHaveCount(0);
    await expect(brunoPage.getByRole("main")).not.toContainText("Inès");
    // On /paniers, a member who is not an intermittent sees the offer but cannot reserve.
    await brunoPage.goto(`/paniers?offre=${pending.offerId}`);
    await expect(brunoPage.getByText("Pour réserver, il faut être inscrit·e sur la liste des intermittents.")).toBeVisible();
    const seen = brunoPage.locator(`#offre-${pending.offerId}`);
    await expect(seen.getByRole("article", { name: "Panier d'Alice" })).toBeVisible();
    await expect(seen.getByRole("button")).toHaveCount(0);
    for (const secret of secrets) await expect(brunoPage.getByRole("main")).not.toContainText(secret);

    // Bruno replays Alice's form with his own session: refused, nothing written, nothing leaked.
    const replayed = await brunoPage.request.post("/mes-paniers", { multipart: fields, headers: sameOrigin });
    const body = await replayed.text();
    expect(await reservationStatus(db, pendingId)).toBe("pending");
    expect(await offerStatus(db, pending.offerId)).toBe("reserved");
    expect(replayed.status(), "Bruno retrouve sa propre page").toBe(200);
    expect(body).toContain("Ce panier ou cette réservation n'existe pas, ou ne vous concerne pas.");
    for (const secret of secrets) expect(body, "la réponse ne livre aucune coordonnée").not.toContain(secret);
    // Nor can someone signed out: sent to the sign-in form.
    const anonymous = await request.post("/mes-paniers", { multipart: fields, headers: sameOrigin, maxRedirects: 0 });
    expect(await reservationStatus(db, pendingId)).toBe("pending");
    expect(new URL(anonymous.headers().location ?? "", baseURL).pathname).toBe("/connexion");
    for (const secret of secrets) expect(await anonymous.text()).not.toContain(secret);

    // The same request from Alice does validate: the replay is a real call of the action.
    const own = await page.request.post("/mes-paniers", { multipart: fields, headers: sameOrigin });
    expect(own.status()).toBe(200);
    expect(new URL(own.url()).search).toBe("?ok=accepted");
    expect(await reservationStatus(db, pendingId)).toBe("accepted");

    // The pickup's calendar file is Inès's alone.
    const calendar = `/mes-paniers/calendrier/${acceptedId}`;
    const asBruno = await brunoPage.request.get(calendar);
    expect(asBruno.status()).toBe(404);
    expect(await asBruno.text()).not.toContain("BEGIN:VCALENDAR");
    expect((await page.request.get(calendar)).status(), "pas même pour Alice, qui cède le panier").toBe(404);
    expect((await request.get(calendar)).status(), "ni sans session").toBe(404);
    const inesPage = await openSession(ines.email);
    const asInes = await inesPage.request.get(calendar);
    expect(asInes.status()).toBe(200);
    expect(await asInes.text()).toContain("BEGIN:VCALENDAR");

    // Signed out, the page itself sends to the sign-in form.
    const signedOut = await request.get("/mes-paniers", { maxRedirects: 0 });
    expect(signedOut.status()).toBeGreaterThanOrEqual(300);
    expect(signedOut.status()).toBeLessThan(400);
    expect(new URL(signedOut.headers().location ?? "", baseURL).pathname).toBe("/connexion");
  });

  test("le lien d'un e-mail ouvre la page où est le panier, même après la première ; un panier parti est signalé", async ({ page, db }) => {
    // 22 offers at a distribution later than any other of the database: the
    // last ones are past the first page (20 a page), whatever else is offered.
    const scene = await createScene(db, { daysAhead: 250 });
    const offerIds: number[] = [];
    for (let i = 0; i < 22; i++) {
      const member = await createMember(db, { email: uniqueEmail(`loin${i}`), firstName: `Loin${i}`, contractIds: [scene.vegetables.id] });
      offerIds.push((await seedOffer(db, { memberId: member.id, distribution: scene.distribution, status: "open" })).offerId);
    }
    const last = offerIds.at(-1)!;
    const gone = offerIds[0]!;
    await db.update(s.offers).set({ status: "cancelled" }).where(eq(s.offers.id, gone));
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès" });
    await signIn(page, ines.email);

    await page.goto("/paniers");
    await expect(page.getByRole("heading", { level: 1, name: "Paniers disponibles" })).toBeVisible();
    await expect(page.locator(`#offre-${last}`), "pas sur la première page").toHaveCount(0);

    await page.goto(`/paniers?offre=${last}#offre-${last}`);
    const card = page.locator(`#offre-${last}`);
    await expect(card.getByRole("article", { name: "Panier de Loin21" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Pages des paniers disponibles" })).not.toContainText("Page 1 sur");

    // « Réserver » brings back the same page, the card saying where Inès stands.
    await card.getByRole("button", { name: "Réserver" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/paniers" && searchParam("ok", "reserved")(url));
    await expect(page.locator(`#offre-${last}`)).toContainText("Votre réservation attend la réponse de Loin21.");

    // A basket no longer offered: what happened to it, and the list is still there.
    await page.goto(`/paniers?offre=${gone}`);
    await expectFlash(page, "Ce panier a été annulé. Voici les autres paniers disponibles.");
    await expect(page.locator(`#offre-${gone}`)).toHaveCount(0);
    await expect(page.getByRole("article").first()).toBeVisible();
  });

  test("le lien d'un e-mail vers un panier réservé, repris ou à soi dit où en sont les choses ; l'acceptation automatique est annoncée", async ({
    page,
    db,
  }) => {
    const scene = await createScene(db, { daysAhead: 40 });
    const member = (firstName: string) =>
      createMember(db, { email: uniqueEmail(firstName.toLowerCase()), firstName, contractIds: [scene.vegetables.id] });
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès" });
    const other = await createIntermittent(db, { email: uniqueEmail("autre"), firstName: "Paul" });
    const at = { distribution: scene.distribution };
    const reserved = await seedOffer(db, {
      ...at,
      memberId: (await member("Rémi")).id,
      status: "reserved",
      reservations: [{ intermittentId: other.id, status: "pending" }],
    });
    const taken = await seedOffer(db, {
      ...at,
      memberId: (await member("Sacha")).id,
      status: "exchanged",
      reservations: [{ intermittentId: other.id, status: "accepted" }],
    });
    const mine = await seedOffer(db, {
      ...at,
      memberId: (await member("Tom")).id,
      status: "exchanged",
      reservations: [{ intermittentId: ines.id, status: "accepted" }],
    });
    const auto = await seedOffer(db, { ...at, memberId: (await member("Ugo")).id, status: "open", autoAccept: true });
    await signIn(page, ines.email);

    // Reserved by Paul since the mail: the link says so, and Inès may join the queue.
    // The mail's link lands on the card (#offre-…): it is said there, where the person reads.
    await page.goto(`/paniers?offre=${reserved.offerId}#offre-${reserved.offerId}`);
    const card = page.locator(`#offre-${reserved.offerId}`);
    await expect(card.getByRole("status")).toHaveText(
      "Quelqu'un a déjà réservé ce panier : Rémi lui répond d'abord. Vous pouvez rejoindre la file d'attente ; s'il se libère, vous serez prévenu·e.",
    );
    await expect(card.getByRole("status")).toBeInViewport();
    await expect(card).toContainText("1 personne attend déjà la réponse.");
    await expect(card.getByRole("button", { name: "Réserver" })).toHaveCount(0);
    await card.getByRole("button", { name: "Rejoindre la file d'attente" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/paniers" && searchParam("ok", "queued")(url));
    await expect(page.locator(`#offre-${reserved.offerId}`).getByRole("status")).toHaveText("Vous êtes en 1re position dans la file d'attente.");

    // Taken by Paul: said so.
    await page.goto(`/paniers?offre=${taken.offerId}`);
    await expectFlash(page, "Ce panier a déjà trouvé preneur. Voici les autres paniers disponibles.");
    await expect(page.locator(`#offre-${taken.offerId}`)).toHaveCount(0);

    // Inès's own: not « no longer offered », but where to find it.
    await page.goto(`/paniers?offre=${mine.offerId}`);
    await expect(page.getByRole("main").getByRole("status").first()).toContainText(
      "Ce panier est pour vous : tous les détails sont dans « Mes paniers échangés ».",
    );
    await page.getByRole("main").getByRole("link", { name: "Voir mes paniers échangés" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers");

    // Automatic acceptance: the card says the basket is hers at once, and it is.
    await page.goto(`/paniers?offre=${auto.offerId}#offre-${auto.offerId}`);
    const autoCard = page.locator(`#offre-${auto.offerId}`);
    await expect(autoCard).toContainText("Acceptation automatique : le panier est à vous dès que vous le réservez.");
    await expect(page.locator(`#offre-${reserved.offerId}`), "pas sur une offre ordinaire").not.toContainText("Acceptation automatique");
    await autoCard.getByRole("button", { name: "Réserver" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers" && searchParam("ok", "accepted-for-you")(url));
    await expectFlash(page, "C'est à vous : le panier vous est attribué. Tous les détails sont ci-dessous.");
    expect(await offerStatus(db, auto.offerId)).toBe("exchanged");
  });
});

test.describe("l'échange sur un écran de 360 × 740", { tag: "@phone" }, () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("/absence, /paniers et /mes-paniers tiennent dans l'écran, leurs boutons se touchent du doigt", async ({
    page,
    db,
  }) => {
    const scene = await createScene(db);
    const second = await addDistribution(db, scene, 5);
    await addDistribution(db, scene, 6);
    // The longest names and addresses the pages may have to fit.
    const marie = await createMember(db, {
      email: uniqueEmail("marie-berenice.de-la-tour-dupont.amap-des-tilleuls"),
      firstName: "Marie-Bérénice",
      lastName: "de La Tour-Dupont",
      phone: ALICE_PHONE,
      contractIds: [scene.vegetables.id, scene.eggs.id],
    });
    await addToIntermittents(db, { userId: marie.id });
    const jean = await createIntermittent(db, {
      email: uniqueEmail("jean-christophe.bouvier-lefebvre.intermittent"),
      firstName: "Jean-Christophe",
      lastName: "Bouvier-Lefebvre",
      phone: INES_PHONE,
    });
    const zoe = await createMember(db, {
      email: uniqueEmail("zoe-alexandra.montgolfier-saint-exupery"),
      firstName: "Zoé-Alexandra",
      lastName: "Montgolfier-Saint-Exupéry",
      phone: "+33 6 00 00 00 00",
      contractIds: [scene.vegetables.id, scene.eggs.id],
    });
    await addToIntermittents(db, { userId: zoe.id });
    const longMessage =
      "Je pars en vacances toute la semaine : le panier est à vous ! Détails sur https://www.amap-des-tilleuls.example/paniers/semaine-prochaine?distribution=jeudi";
    // Marie's basket, taken by Jean-Christophe; another one awaiting her answer, with someone queued.
    await seedOffer(db, {
      memberId: marie.id,
      distribution: scene.distribution,
      status: "exchanged",
      message: longMessage,
      reservations: [{ intermittentId: jean.id, status: "accepted" }],
    });
    await seedOffer(db, {
      memberId: marie.id,
      distribution: second.distribution,
      status: "reserved",
      reservations: [
        { intermittentId: jean.id, status: "pending" },
        { intermittentId: zoe.id, status: "queued" },
      ],
    });
    // Zoé's basket that Marie takes, and another one still open to her.
    await seedOffer(db, {
      memberId: zoe.id,
      distribution: scene.distribution,
      status: "exchanged",
      reservations: [{ intermittentId: marie.id, status: "accepted" }],
    });
    const open = await seedOffer(db, {
      memberId: zoe.id,
      distribution: second.distribution,
      status: "open",
      message: longMessage,
    });

    await signIn(page, marie.email);

    await page.goto("/absence");
    await expect(page.getByRole("heading", { level: 1, name: "Absence – proposer son panier" })).toBeVisible();
    await expect(page.getByRole("group", { name: "Quelles dates ?" }).getByRole("checkbox")).toHaveCount(3);
    await expect(page.getByText(`${VEGETABLES} : déjà proposé (Échangé)`)).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await expectTappable([page.getByRole("button", { name: "Céder mon panier" })]);

    await page.goto(`/paniers?offre=${open.offerId}#offre-${open.offerId}`);
    const offer = page.locator(`#offre-${open.offerId}`);
    await expect(offer.getByRole("article", { name: "Panier de Zoé-Alexandra" })).toContainText(longMessage);
    await expectNoSidewaysScroll(page, 360);
    await expectTappable([offer.getByRole("button", { name: "Réserver" })]);

    await page.goto("/mes-paniers");
    const taken = page.getByRole("article", { name: scene.slot }).filter({ hasText: "Échangé avec" });
    const toDecide = page.getByRole("article", { name: second.slot }).filter({ hasText: "souhaite votre panier" });
    const mine = page.getByRole("article", { name: scene.slot }).filter({ hasText: "Émargez" });
    await expect(taken).toContainText("Échangé avec Jean-Christophe Bouvier-Lefebvre");
    await expect(toDecide).toContainText("1 autre personne attend.");
    await expect(mine).toContainText("Émargez au nom de Zoé-Alexandra Montgolfier-Saint-Exupéry");
    await taken.getByLabel("Voir les coordonnées de Jean-Christophe Bouvier-Lefebvre").click();
    await mine.getByLabel("Voir les coordonnées de Zoé-Alexandra Montgolfier-Saint-Exupéry").click();
    for (const card of [taken, toDecide, mine]) {
      for (const summary of await card.locator("details:not([open]) > summary").all()) await summary.click();
    }
    await expect(taken.getByText(jean.email)).toBeVisible();
    await expect(mine.getByText(zoe.email)).toBeVisible();
    await expect(taken.getByLabel("Motif d'annulation")).toBeVisible();
    await expect(mine.getByRole("button", { name: "Oui, annuler ma réservation" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await expectTappable([
      toDecide.getByRole("button", { name: "Valider" }),
      toDecide.getByRole("link", { name: "Refuser" }),
      taken.getByRole("button", { name: "Noter le paiement reçu" }),
      mine.getByRole("link", { name: "Ajouter à mon agenda (.ics)" }),
    ]);
  });
});
