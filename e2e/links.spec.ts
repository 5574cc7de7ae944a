// The email links and the intermittents list, end to end. Every actionable
// mail carries personal signed links (/lien/<token>): opening one changes
// nothing, only the button of its confirmation page acts, and only once.
// Bulk mail can be left in one click (List-Unsubscribe, RFC 8058). The list
// is joined and left on /inscription, filled by members for someone else,
// and by the public through /devenir-intermittent, which référents decide on
// /admin/intermittents. Everyone whose state changes is made for the test
// (the database is shared by the whole run); mail is always read by
// recipient, since every offer is announced to every intermittent.
import { readFile } from "node:fs/promises";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { addToIntermittents, createContract, createIntermittent, createMember, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { typeset } from "@/lib/domain/french";
import type { Db } from "@/db/types";
import { linkClaims, listUnsubscribe, mailHeader, signedLink, signedLinks, tampered } from "./email-links";
import { addDistribution, createScene, expect, test } from "./exchange-helpers";
import { expectNoNewMail, latestMailId, listMails, signIn, waitForMail } from "./mailbox";
import { expectNoSidewaysScroll, expectTappable } from "./screen";
import { firstAmapId } from "@/db/queries";

const VEGETABLES = "Légumes — grand panier";
const LEFT_MAIL = "Vous n'êtes plus sur la liste des intermittents";
const LINK_LABELS = { unsubscribe: "se désinscrire de la liste des intermittents" } as const;

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
const main = (page: Page) => page.getByRole("main");

function outcome(value: string) {
  // Leaving a list is told in that AMAP's space, which the page names.
  const page = value === "unsubscribed" ? "/tilleuls/lien/fait" : "/lien/fait";
  return (url: URL) => url.pathname === page && url.searchParams.get("r") === value;
}

/** On /absence (the member signed in on `page`), offers the basket of the distribution `slot`: the app announces it by mail. */
async function offerBasket(page: Page, slot: string, message = "", { autoAccept = false } = {}) {
  await page.goto("/absence");
  await expect(h1(page)).toHaveText("Absence – proposer son panier");
  const date = page.getByRole("group", { name: "Quelles dates ?" }).getByRole("checkbox", { name: slot });
  await expect(date).toBeEnabled();
  await date.check();
  if (message) await page.getByLabel("Message aux intermittents (facultatif)").fill(message);
  if (autoAccept) await page.getByRole("checkbox", { name: "Accepter automatiquement la première réservation" }).check();
  // « Céder mon panier », or « Céder 2 paniers » when the member has two baskets that day.
  await page.getByRole("button", { name: /^Céder (mon panier|\d+ paniers)$/ }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers");
}

async function reservationsOf(db: Db, offerId: number) {
  return db
    .select({ id: s.reservations.id, intermittentId: s.reservations.intermittentId, status: s.reservations.status })
    .from(s.reservations)
    .where(eq(s.reservations.offerId, offerId))
    .orderBy(asc(s.reservations.position));
}

async function offerStatus(db: Db, offerId: number) {
  const [row] = await db.select({ status: s.offers.status }).from(s.offers).where(eq(s.offers.id, offerId));
  return row?.status;
}

/** Each stay of the person on the list, oldest first. */
async function staysOnList(db: Db, userId: string) {
  return db
    .select({ leftAt: s.intermittentMemberships.leftAt, addedById: s.intermittentMemberships.addedById })
    .from(s.intermittentMemberships)
    .where(eq(s.intermittentMemberships.userId, userId))
    .orderBy(asc(s.intermittentMemberships.id));
}

async function isOnList(db: Db, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: s.intermittentMemberships.id })
    .from(s.intermittentMemberships)
    .where(and(eq(s.intermittentMemberships.userId, userId), isNull(s.intermittentMemberships.leftAt)));
  return rows.length === 1;
}

/**
 * The page of a link whose action no longer applies: what happened, the next
 * useful steps (label → address), and no button that would fail.
 */
async function expectStoppedLink(page: Page, title: string, says: string, next: [string, string][]) {
  await expect(h1(page)).toHaveText(title);
  await expect(page).toHaveTitle(`${title} — Espace intermittents`);
  await expect(main(page).getByRole("status")).toContainText(says);
  await expect(main(page).getByRole("button"), "aucun bouton qui échouerait").toHaveCount(0);
  await expect(main(page).getByRole("link")).toHaveText(next.map(([label]) => label));
  for (const [label, href] of next) await expect(main(page).getByRole("link", { name: label })).toHaveAttribute("href", href);
}

/** The page a used, tampered, expired or someone else's link leads to: a title, and two ways forward. */
async function expectDeadLink(page: Page, title: string) {
  await expect(h1(page)).toHaveText(title);
  await expect(main(page).getByRole("link", { name: "Se connecter" })).toHaveAttribute("href", "/connexion");
  await expect(main(page).getByRole("link", { name: "Voir les paniers disponibles" })).toHaveAttribute("href", "/paniers");
  await expect(main(page).getByRole("button")).toHaveCount(0);
}

test.describe("les liens des e-mails", () => {
  // Several people, several browsers, a mail at each step.
  test.describe.configure({ timeout: 60_000 });

  test("Jules réserve depuis l'e-mail sans se connecter, Alice valide depuis le sien", async ({
    page,
    db,
    request,
    baseURL,
    openVisitor,
  }) => {
    const scene = await createScene(db);
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: "Martin",
      contractIds: [scene.vegetables.id],
    });
    const jules = await createIntermittent(db, { email: uniqueEmail("jules"), firstName: "Jules", lastName: "Moreau" });
    const basket = `panier du ${scene.day} (${VEGETABLES})`;

    await signIn(page, alice.email);
    await offerBasket(page, scene.slot);

    // Jules's announcement: a « Réserver » link of his own, to this offer, on this site.
    const announced = await waitForMail(request, jules.email, 0, `Panier disponible : ${VEGETABLES} — ${scene.day}`);
    const reserve = signedLink(announced, "Réserver");
    expect(new URL(reserve).origin).toBe(new URL(baseURL!).origin);
    const claims = linkClaims(reserve);
    expect(claims).toMatchObject({ userId: jules.id, action: "reserve" });
    const offerId = claims.objectId;
    const [offer] = await db.select({ memberId: s.offers.memberId }).from(s.offers).where(eq(s.offers.id, offerId));
    expect(offer?.memberId, "le lien vise l'offre d'Alice").toBe(alice.id);

    // Opening the link changes nothing (mail scanners fetch links): HEAD, GET, no cookies.
    expect((await request.head(reserve)).status()).toBe(200);
    const fetched = await request.get(reserve);
    expect(fetched.status()).toBe(200);
    expect(await fetched.text()).toContain(typeset("Réserver ce panier ?"));
    expect(await reservationsOf(db, offerId)).toEqual([]);
    expect(await db.select().from(s.usedLinks).where(eq(s.usedLinks.userId, jules.id))).toEqual([]);

    // Nor does Alice opening it, signed in as herself: it is not her link.
    await page.goto(reserve);
    await expectDeadLink(page, "Ce lien a été envoyé à une autre personne");
    expect(await reservationsOf(db, offerId)).toEqual([]);

    // Jules, from his mailbox, never signed in on this browser: the confirmation page.
    const julesPage = await openVisitor();
    await julesPage.goto(reserve);
    await expect(h1(julesPage)).toHaveText("Réserver ce panier ?");
    await expect(main(julesPage)).toContainText("Bonjour Jules,");
    await expect(main(julesPage)).toContainText(scene.slot);
    await expect(main(julesPage)).toContainText(`Panier d'Alice — ${scene.place.name}`);
    await expect(main(julesPage).getByRole("listitem")).toHaveText([/^Légumes — grand panier\s*22,00\s€$/]);
    await expect(main(julesPage)).toContainText("Rien n'est fait tant que vous n'avez pas appuyé sur le bouton.");
    await expect(main(julesPage).getByRole("button")).toHaveText(["Réserver"]);
    expect(await reservationsOf(db, offerId), "la page seule ne réserve rien").toEqual([]);

    await main(julesPage).getByRole("button", { name: "Réserver" }).click();
    await expect(julesPage).toHaveURL(outcome("reserved"));
    await expect(h1(julesPage)).toHaveText("C'est fait");
    await expect(main(julesPage).getByRole("status")).toHaveText("Réservation envoyée : vous recevrez un e-mail dès la réponse.");
    const [reservation] = await reservationsOf(db, offerId);
    expect(reservation).toMatchObject({ intermittentId: jules.id, status: "pending" });
    expect(await offerStatus(db, offerId)).toBe("reserved");
    const sent = await waitForMail(request, jules.email, announced.id, `Réservation envoyée : ${basket}`);
    expect(linkClaims(signedLink(sent, "Annuler ma réservation"))).toMatchObject({
      userId: jules.id,
      action: "withdraw",
      objectId: reservation!.id,
    });

    // The link has served: it says so, and does nothing more.
    await julesPage.goto(reserve);
    await expectDeadLink(julesPage, "Ce lien a déjà servi");
    // A copy with one character of its signature changed is no link at all.
    await julesPage.goto(tampered(reserve));
    await expectDeadLink(julesPage, "Ce lien n'est pas valide");
    expect(await reservationsOf(db, offerId)).toHaveLength(1);

    // Alice's mail: « Valider » then « Refuser », her own links to Jules's reservation.
    const toDecide = await waitForMail(request, alice.email, 0, `Jules souhaite votre ${basket}`);
    const [accept, decline] = signedLinks(toDecide);
    expect(signedLinks(toDecide)).toHaveLength(2);
    expect(accept).toBe(signedLink(toDecide, "Valider"));
    expect(decline).toBe(signedLink(toDecide, "Refuser"));
    expect(linkClaims(accept!)).toMatchObject({ userId: alice.id, action: "accept", objectId: reservation!.id });
    expect(linkClaims(decline!)).toMatchObject({ userId: alice.id, action: "decline", objectId: reservation!.id });

    // She accepts from another browser, without signing in.
    const julesSince = await latestMailId(request, jules.email);
    const alicePhone = await openVisitor();
    await alicePhone.goto(accept!);
    await expect(h1(alicePhone)).toHaveText("Valider cette réservation ?");
    await expect(main(alicePhone)).toContainText("Bonjour Alice,");
    await expect(main(alicePhone)).toContainText("Jules Moreau prendra votre panier.");
    await expect(main(alicePhone)).toContainText(scene.slot);
    expect((await reservationsOf(db, offerId))[0]?.status).toBe("pending");
    await main(alicePhone).getByRole("button", { name: "Valider" }).click();

    await expect(alicePhone).toHaveURL(outcome("accepted"));
    await expect(h1(alicePhone)).toHaveText("C'est fait");
    await expect(main(alicePhone).getByRole("status")).toHaveText(
      "Réservation validée : vous recevez chacun·e les coordonnées de l'autre par e-mail.",
    );
    expect((await reservationsOf(db, offerId))[0]?.status).toBe("accepted");
    expect(await offerStatus(db, offerId)).toBe("exchanged");
    await waitForMail(request, jules.email, julesSince, `Réservation validée : ${basket}`);
    await waitForMail(request, alice.email, toDecide.id, `Votre panier du ${scene.day} est repris par Jules (${VEGETABLES})`);
  });

  test("un lien ancien dit où en sont les choses : réservé depuis, repris, déjà validé, panier annulé", async ({
    page,
    db,
    request,
    openVisitor,
  }) => {
    const scene = await createScene(db);
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: "Martin",
      contractIds: [scene.vegetables.id],
    });
    const jules = await createIntermittent(db, { email: uniqueEmail("jules"), firstName: "Jules", lastName: "Petit" });
    const hugo = await createIntermittent(db, { email: uniqueEmail("hugo"), firstName: "Hugo", lastName: "Moreau" });
    const subject = `Panier disponible : ${VEGETABLES} — ${scene.day}`;
    const basket = `panier du ${scene.day} (${VEGETABLES})`;

    await signIn(page, alice.email);
    await offerBasket(page, scene.slot);
    const julesReserve = signedLink(await waitForMail(request, jules.email, 0, subject), "Réserver");
    const hugoReserve = signedLink(await waitForMail(request, hugo.email, 0, subject), "Réserver");

    // Hugo reserves from his mail.
    const hugoPage = await openVisitor();
    await hugoPage.goto(hugoReserve);
    await expect(hugoPage).toHaveTitle("Réserver ce panier ? — Espace intermittents");
    await main(hugoPage).getByRole("button", { name: "Réserver" }).click();
    await expect(hugoPage).toHaveURL(outcome("reserved"));
    const withdraw = signedLink(await waitForMail(request, hugo.email, 0, `Réservation envoyée : ${basket}`), "Annuler ma réservation");

    // Jules's link, opened after that: not « Réserver », but the queue.
    const julesPage = await openVisitor();
    await julesPage.goto(julesReserve);
    await expect(h1(julesPage)).toHaveText("Rejoindre la file d'attente ?");
    await expect(main(julesPage)).toContainText("Ce panier est déjà réservé : Alice répond d'abord à cette réservation.");
    await expect(main(julesPage)).toContainText("1 personne attend déjà la réponse.");
    await expect(main(julesPage).getByRole("button")).toHaveText(["Rejoindre la file d'attente"]);

    // Alice's mail: « Refuser » asks, with a word for Hugo; she validates instead.
    const toDecide = await waitForMail(request, alice.email, 0, `Hugo souhaite votre ${basket}`);
    const alicePhone = await openVisitor();
    await alicePhone.goto(signedLink(toDecide, "Refuser"));
    await expect(h1(alicePhone)).toHaveText("Refuser cette réservation ?");
    await expect(main(alicePhone)).toContainText("Hugo Moreau sera prévenu·e poliment.");
    await expect(main(alicePhone).getByLabel("Un mot pour Hugo Moreau (facultatif)")).toBeVisible();
    await expect(main(alicePhone).getByRole("button")).toHaveText(["Refuser"]);
    await alicePhone.goto(signedLink(toDecide, "Valider"));
    await main(alicePhone).getByRole("button", { name: "Valider" }).click();
    await expect(alicePhone).toHaveURL(outcome("accepted"));

    // « Refuser » after validating: said, and no button.
    await alicePhone.goto(signedLink(toDecide, "Refuser"));
    await expectStoppedLink(
      alicePhone,
      "Cette réservation est déjà acceptée",
      "Hugo Moreau prend votre panier : ses coordonnées sont dans « Mes paniers échangés ».",
      [["Voir mes paniers échangés", "/mes-paniers"]],
    );
    // Jules's link: the basket has found its taker.
    await julesPage.goto(julesReserve);
    await expectStoppedLink(julesPage, "Ce panier a déjà trouvé preneur", "Une autre personne le prend.", [
      ["Voir les autres paniers", "/paniers"],
    ]);
    // Hugo's « Annuler ma réservation », still good: it says Alice will be told.
    await hugoPage.goto(withdraw);
    await expect(h1(hugoPage)).toHaveText("Annuler votre réservation ?");
    await expect(main(hugoPage)).toContainText("Alice sera prévenu·e.");
    await expect(main(hugoPage).getByRole("button")).toHaveText(["Annuler ma réservation"]);

    // Alice cancels the basket on the site: both links now say so.
    await page.goto("/mes-paniers");
    const card = page.getByRole("article", { name: scene.slot });
    await card.getByText("Annuler", { exact: true }).click();
    await card.getByLabel("Motif d'annulation").fill("Je reste finalement.");
    await card.getByRole("button", { name: "Annuler ce panier" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("ok") === "cancelled");
    await hugoPage.goto(withdraw);
    await expectStoppedLink(hugoPage, "Ce panier a été annulé", "Il n'est plus proposé : il n'y a plus rien à faire.", [
      ["Voir les autres paniers", "/paniers"],
      ["Voir mes paniers échangés", "/mes-paniers"],
    ]);
    await julesPage.goto(julesReserve);
    await expectStoppedLink(julesPage, "Ce panier a été annulé", "Il n'est plus proposé : il n'y a plus rien à faire.", [
      ["Voir les autres paniers", "/paniers"],
    ]);
    expect(await db.select().from(s.usedLinks).where(eq(s.usedLinks.userId, jules.id)), "aucun lien de Jules n'a servi").toEqual([]);
  });

  test("Alice refuse depuis son e-mail avec un mot pour Jules ; un panier à acceptation automatique ne promet pas de validation", async ({
    page,
    db,
    request,
    openVisitor,
  }) => {
    const scene = await createScene(db);
    const later = await addDistribution(db, scene, 5);
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: "Martin",
      contractIds: [scene.vegetables.id],
    });
    const jules = await createIntermittent(db, { email: uniqueEmail("jules"), firstName: "Jules", lastName: "Petit" });
    const basket = `panier du ${scene.day} (${VEGETABLES})`;
    await signIn(page, alice.email);
    await offerBasket(page, scene.slot);

    const julesPage = await openVisitor();
    await julesPage.goto(signedLink(await waitForMail(request, jules.email, 0, `Panier disponible : ${VEGETABLES} — ${scene.day}`), "Réserver"));
    await expect(main(julesPage)).toContainText("Alice valide ensuite la réservation : vous recevrez un e-mail dès sa réponse.");
    await main(julesPage).getByRole("button", { name: "Réserver" }).click();
    await expect(julesPage).toHaveURL(outcome("reserved"));

    const decline = signedLink(await waitForMail(request, alice.email, 0, `Jules souhaite votre ${basket}`), "Refuser");
    const { objectId: reservationId } = linkClaims(decline);
    const alicePhone = await openVisitor();
    await alicePhone.goto(decline);
    const word = "Désolée Jules, ma voisine me l'avait demandé avant.";
    await main(alicePhone).getByLabel("Un mot pour Jules Petit (facultatif)").fill(word);
    await main(alicePhone).getByRole("button", { name: "Refuser" }).click();
    await expect(alicePhone).toHaveURL(outcome("declined"));
    await expect(main(alicePhone).getByRole("status")).toHaveText("Réservation refusée : la personne est prévenue.");
    const [declined] = await db
      .select({ reason: s.events.reason })
      .from(s.events)
      .where(and(eq(s.events.reservationId, reservationId), eq(s.events.action, "reservation.decline")));
    expect(declined?.reason, "le mot d'Alice accompagne le refus").toBe(word);
    await waitForMail(request, jules.email, 0, `Réservation non retenue : ${basket}`);

    // Automatic acceptance: the page says the basket is his at once, and it is.
    await offerBasket(page, later.slot, "", { autoAccept: true });
    const auto = signedLink(await waitForMail(request, jules.email, 0, `Panier disponible : ${VEGETABLES} — ${later.day}`), "Réserver");
    await julesPage.goto(auto);
    await expect(h1(julesPage)).toHaveText("Réserver ce panier ?");
    await expect(main(julesPage)).toContainText(
      "Alice a choisi l'acceptation automatique : dès que vous appuyez sur « Réserver », le panier est à vous, sans attendre de validation.",
    );
    await expect(main(julesPage)).not.toContainText("valide ensuite");
    await main(julesPage).getByRole("button", { name: "Réserver" }).click();
    await expect(julesPage).toHaveURL(outcome("accepted-for-you"));
    await expect(main(julesPage).getByRole("status")).toHaveText("C'est à vous : le panier vous est attribué. Un e-mail vous donne tous les détails.");
    expect(await offerStatus(db, linkClaims(auto).objectId)).toBe("exchanged");
  });

  test("Jules quitte la liste en un clic depuis sa messagerie ; Inès par le lien de son e-mail", async ({
    page,
    db,
    request,
    playwright,
    baseURL,
    openVisitor,
  }) => {
    const scene = await createScene(db);
    const later = await addDistribution(db, scene, 5);
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: "Martin",
      contractIds: [scene.vegetables.id],
    });
    const jules = await createIntermittent(db, { email: uniqueEmail("jules"), firstName: "Jules", lastName: "Moreau" });
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès", lastName: "Garnier" });
    const origin = new URL(baseURL!).origin;

    await signIn(page, alice.email);
    // The sign-in mail is personal, not bulk: no List-Unsubscribe.
    const [signInMail] = await listMails(request, alice.email, 1);
    expect(signInMail?.subject).toMatch(/^Votre lien de connexion/);
    expect(mailHeader(signInMail!, "List-Unsubscribe")).toBeUndefined();
    expect(mailHeader(signInMail!, "List-Unsubscribe-Post")).toBeUndefined();

    await offerBasket(page, scene.slot);
    const announced = await waitForMail(request, jules.email, 0, `Panier disponible : ${VEGETABLES} — ${scene.day}`);
    const { url, mailto } = listUnsubscribe(announced);
    expect(mailHeader(announced, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(mailto).toMatch(/^mailto:[^?@\s]+@[^?\s]+\?subject=desinscription$/);
    expect(new URL(url).origin).toBe(origin);
    const token = new URL(url).pathname.replace(/^\/api\/desinscription\//, "");
    expect(linkClaims(`${origin}/lien/${token}`)).toMatchObject({ userId: jules.id, action: "unsubscribe" });

    // What a mail client does: no cookies, no session.
    const mailClient = await playwright.request.newContext();
    try {
      // GET (a scanner, or the address opened in a browser) changes nothing: it leads to the confirmation page.
      const opened = await mailClient.get(url, { maxRedirects: 0 });
      expect(opened.status()).toBe(303);
      expect(opened.headers().location).toBe(`${origin}/lien/${token}`);
      expect(await isOnList(db, jules.id)).toBe(true);

      // The one-click POST unsubscribes, and answers 200 itself.
      const since = await latestMailId(request, jules.email);
      const oneClick = { data: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" }, maxRedirects: 0 };
      const posted = await mailClient.post(url, oneClick);
      expect(posted.status()).toBe(200);
      expect(posted.headers().location).toBeUndefined();
      expect(await posted.text()).toBe("Vous ne recevrez plus les paniers de l'AMAP des Tilleuls.");
      const stays = await staysOnList(db, jules.id);
      expect(stays).toHaveLength(1);
      expect(stays[0]!.leftAt, "left_at est renseigné").not.toBeNull();
      await waitForMail(request, jules.email, since, LEFT_MAIL);
      // A client that posts twice is answered the same, and nothing more happens.
      const again = await mailClient.post(url, oneClick);
      expect(again.status()).toBe(200);
      expect(await staysOnList(db, jules.id)).toHaveLength(1);
    } finally {
      await mailClient.dispose();
    }

    // A later offer: Inès is told, Jules no longer.
    const julesSince = await latestMailId(request, jules.email);
    await offerBasket(page, later.slot);
    const inesAnnounced = await waitForMail(request, ines.email, 0, `Panier disponible : ${VEGETABLES} — ${later.day}`);
    await expectNoNewMail(request, jules.email, julesSince);

    // Inès leaves through the link in her mail: a confirmation page first, then its button.
    const leave = signedLink(inesAnnounced, LINK_LABELS.unsubscribe);
    expect(linkClaims(leave)).toMatchObject({ userId: ines.id, action: "unsubscribe" });
    const inesPage = await openVisitor();
    await inesPage.goto(leave);
    await expect(h1(inesPage)).toHaveText("Quitter la liste des intermittents ?");
    await expect(main(inesPage)).toContainText("Bonjour Inès,");
    await expect(main(inesPage)).toContainText("Vous ne recevrez plus les paniers de l'AMAP des Tilleuls.");
    await expect(main(inesPage).getByRole("button")).toHaveText(["Se désinscrire"]);
    expect(await isOnList(db, ines.id), "la page seule ne désinscrit pas").toBe(true);
    const inesSince = await latestMailId(request, ines.email);
    await main(inesPage).getByRole("button", { name: "Se désinscrire" }).click();

    await expect(inesPage).toHaveURL(outcome("unsubscribed"));
    await expect(h1(inesPage)).toHaveText("C'est fait");
    await expect(main(inesPage).getByRole("status")).toHaveText(
      "Vous ne recevrez plus les paniers de l'AMAP des Tilleuls. Un e-mail de confirmation vous a été envoyé.",
    );
    expect(await isOnList(db, ines.id)).toBe(false);
    await waitForMail(request, ines.email, inesSince, LEFT_MAIL);
    await inesPage.goto(leave);
    await expectDeadLink(inesPage, "Ce lien a déjà servi");
  });
});

test.describe("la liste des intermittents sur le site", () => {
  test.describe.configure({ timeout: 60_000 });

  test("Inès se désinscrit : la boîte de dialogue demande confirmation, « Non » ne change rien", async ({
    page,
    db,
    request,
  }) => {
    const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès", lastName: "Garnier" });
    await signIn(page, ines.email);
    await page.goto("/inscription");
    await expect(h1(page)).toHaveText("Intermittents (dés)inscription");
    await expect(main(page)).toContainText(/Vous êtes inscrit·e sur la liste des intermittents depuis le \S+\s\S+\s\d{4}\./);

    const trigger = main(page).getByRole("link", { name: "Se désinscrire" });
    await expect(trigger).toHaveAttribute("href", "/inscription/desinscription");
    const dialog = page.getByRole("dialog", { name: "Quitter la liste des intermittents ?" });
    await expect(dialog).toBeHidden();

    // Opened, then « Non »: nothing changes.
    await trigger.click();
    await expect(dialog).toBeVisible();
    await expect(page).toHaveURL((url) => url.pathname === "/inscription");
    await expect(dialog.getByRole("button", { name: "Non, rester inscrit·e" })).toBeFocused();
    expect(await dialog.evaluate((element) => element.contains(document.activeElement)), "le focus est dans la boîte").toBe(true);
    await dialog.getByRole("button", { name: "Non, rester inscrit·e" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL((url) => url.pathname === "/inscription");
    expect(await isOnList(db, ines.id)).toBe(true);
    // Escape closes it too.
    await trigger.click();
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    expect(await isOnList(db, ines.id)).toBe(true);

    // Again, and « Oui ».
    const since = await latestMailId(request, ines.email);
    await trigger.click();
    await dialog.getByRole("button", { name: "Oui, me désinscrire" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/inscription/au-revoir");
    await expect(h1(page)).toHaveText("Vous êtes désinscrit·e");
    await expect(main(page).getByRole("status")).toHaveText(
      "Vous ne recevrez plus d'e-mails de paniers disponibles. Un e-mail de confirmation vous a été envoyé.",
    );
    const stays = await staysOnList(db, ines.id);
    expect(stays).toHaveLength(1);
    expect(stays[0]!.leftAt).not.toBeNull();
    await waitForMail(request, ines.email, since, LEFT_MAIL);

    await page.goto("/inscription");
    await expect(main(page)).toContainText("Vous n'êtes pas inscrit·e sur la liste des intermittents.");
    await expect(main(page).getByRole("button", { name: "S'inscrire" })).toBeVisible();
  });

  test.describe("sans JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("Inès se désinscrit par la page de confirmation", async ({ page, db, request }) => {
      const ines = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès", lastName: "Garnier" });
      await signIn(page, ines.email);
      await page.goto("/inscription");
      const trigger = main(page).getByRole("link", { name: "Se désinscrire" });
      await expect(trigger).toHaveAttribute("href", "/inscription/desinscription");
      await trigger.click();

      await expect(page).toHaveURL((url) => url.pathname === "/inscription/desinscription");
      await expect(h1(page)).toHaveText("Quitter la liste des intermittents ?");
      await expect(main(page).getByRole("link", { name: "Non, rester inscrit·e" })).toHaveAttribute("href", "/inscription");
      expect(await isOnList(db, ines.id), "la page seule ne désinscrit pas").toBe(true);
      const since = await latestMailId(request, ines.email);
      await main(page).getByRole("button", { name: "Oui, me désinscrire" }).click();

      await expect(page).toHaveURL((url) => url.pathname === "/inscription/au-revoir");
      await expect(h1(page)).toHaveText("Vous êtes désinscrit·e");
      expect(await isOnList(db, ines.id)).toBe(false);
      await waitForMail(request, ines.email, since, LEFT_MAIL);
    });
  });

  test("Alice invite Chloé, déjà connue de l'AMAP : rien ne change avant son bouton ; une seconde fois, la même phrase et pas de second mail", async ({
    page,
    db,
    request,
  }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: "Martin",
      contractIds: [contract.id],
    });
    const chloe = await createUser(db, {
      email: uniqueEmail("chloe"),
      firstName: "Chloé",
      lastName: "Bernard",
      phone: "06 34 56 78 90",
    });

    await signIn(page, alice.email);
    await page.goto("/inscription");
    const section = page.getByRole("region", { name: "Inscrire une autre personne" });
    const register = async () => {
      await section.getByLabel("Adresse e-mail").fill(chloe.email);
      await section.getByLabel("Prénom").fill("Cloé");
      await section.getByLabel("Nom", { exact: true }).fill("Bernardo");
      await section.getByLabel("Téléphone (facultatif)").fill("07 11 22 33 44");
      await section.getByRole("button", { name: "Envoyer l'invitation" }).click();
    };
    await register();

    // The same sentence whatever the address (issue 10 §3): nothing tells whether Chloé is known.
    const sentence =
      "C'est noté. Si cette adresse peut recevoir une invitation, un e-mail lui propose de rejoindre la liste des intermittents\u202f; la personne n'y sera inscrite que si elle l'accepte.";
    await expect(section.getByRole("status")).toHaveText(sentence);
    const [row] = await db
      .select({ firstName: s.users.firstName, lastName: s.users.lastName, phone: s.users.phone })
      .from(s.users)
      .where(eq(s.users.id, chloe.id));
    expect(row, "Chloé garde son nom et son téléphone").toEqual({ firstName: "Chloé", lastName: "Bernard", phone: "06 34 56 78 90" });
    expect(await staysOnList(db, chloe.id), "rien ne change avant le bouton de l'invitation").toEqual([]);

    const invitation = await waitForMail(request, chloe.email, 0, "Alice Martin vous propose de rejoindre la liste des intermittents de l'AMAP des Tilleuls");
    expect(invitation.text).toContain("Voir l'invitation");

    // Once more: the same sentence, and no second mail while the first invitation stands.
    await page.reload();
    await register();
    await expect(section.getByRole("status")).toHaveText(sentence);
    await expect(h1(page)).toHaveText("Intermittents (dés)inscription");
    expect(await staysOnList(db, chloe.id)).toEqual([]);
    await expectNoNewMail(request, chloe.email, invitation.id, 1_000);
  });

  test("une demande publique, acceptée par une référente ; l'export CSV ; un·e amapien·ne n'y a pas accès", async ({
    page,
    db,
    request,
    openSession,
  }) => {
    const email = uniqueEmail("gaspard");
    const message = "Je passe tous les jeudis devant la salle.";
    const known = await createIntermittent(db, { email: uniqueEmail("ines"), firstName: "Inès", lastName: "Garnier" });
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const bruno = await createMember(db, {
      email: uniqueEmail("bruno"),
      firstName: "Bruno",
      lastName: "Petit",
      contractIds: [contract.id],
    });

    // A visitor, signed out, asks to join. NOTE: every browser of the run comes
    // from the same address, and the app takes 5 requests an hour from one
    // address: with both projects, this test sends 4 of them.
    const ask = async (person: { email: string; firstName: string; lastName: string; phone: string }) => {
      await page.goto("/tilleuls/devenir-intermittent");
      await expect(h1(page)).toHaveText("Devenir intermittent·e");
      await page.getByLabel("Adresse e-mail").fill(person.email);
      await page.getByLabel("Prénom").fill(person.firstName);
      await page.getByLabel("Nom", { exact: true }).fill(person.lastName);
      await page.getByLabel("Téléphone (facultatif)").fill(person.phone);
      await page.getByLabel("Un mot pour les référents (facultatif)").fill(message);
      await page.getByRole("button", { name: "Envoyer ma demande" }).click();
      await expect(h1(page)).toHaveText("Demande envoyée");
      await expect(main(page).getByRole("status")).toHaveText(
        "Merci ! Votre demande est enregistrée, et un e-mail vous le confirme. Un·e référent·e de l'AMAP l'examine et vous répondra par e-mail.",
      );
    };
    await ask({ email, firstName: "Gaspard", lastName: "Lemoine", phone: "06 11 22 33 44" });
    const requestsFor = (address: string) =>
      db
        .select({ status: s.intermittentRequests.status })
        .from(s.intermittentRequests)
        .where(eq(s.intermittentRequests.email, address));
    expect(await requestsFor(email)).toEqual([{ status: "pending" }]);
    // Someone already on the list gets the same answer (no way to tell who is), and no request.
    await ask({ email: known.email, firstName: "Inès", lastName: "Garnier", phone: "" });
    expect(await requestsFor(known.email)).toEqual([]);

    // Rose, référente, accepts it.
    const rose = await openSession("referent@demo.test");
    await rose.goto("/admin/intermittents");
    await expect(h1(rose)).toHaveText("Liste des intermittents");
    const card = rose
      .getByRole("region", { name: "Demandes en attente" })
      .getByRole("article", { name: "Gaspard Lemoine" })
      .filter({ hasText: email });
    await expect(card).toContainText("06 11 22 33 44");
    await expect(card).toContainText(message);
    await card.getByRole("button", { name: "Accepter" }).click();
    await expect(card).toHaveCount(0);
    const listed = rose.getByRole("region", { name: /^Personnes inscrites \(\d+\)$/ });
    await expect(listed.getByRole("listitem").filter({ hasText: email })).toContainText("Gaspard Lemoine");
    expect(await requestsFor(email)).toEqual([{ status: "approved" }]);
    const [gaspard] = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
    expect(await isOnList(db, gaspard!.id)).toBe(true);
    await waitForMail(request, email, 0, "Votre inscription comme intermittent·e est acceptée");

    // The export downloads, with Gaspard in it.
    const downloading = rose.waitForEvent("download");
    await rose.getByRole("link", { name: "Exporter la liste (CSV)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^intermittents-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await readFile((await download.path())!, "utf8")).toContain(email);
    const exported = await rose.request.get("/admin/intermittents/export");
    expect(exported.status()).toBe(200);
    expect(exported.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(await exported.text()).toContain(email);

    // Bruno, a member, finds neither the page nor the file; nor does someone signed out.
    const brunoPage = await openSession(bruno.email);
    const adminPage = await brunoPage.goto("/admin/intermittents");
    expect(adminPage?.status()).toBe(404);
    await expect(h1(brunoPage)).toHaveText("Page introuvable");
    await expect(main(brunoPage)).not.toContainText(email);
    const asBruno = await brunoPage.request.get("/admin/intermittents/export");
    expect(asBruno.status()).toBe(404);
    expect(await asBruno.text()).not.toContain(email);
    const signedOut = await request.get("/admin/intermittents/export");
    expect(signedOut.status()).toBe(404);
    expect(await signedOut.text()).not.toContain(email);
  });
});

test.describe("les liens et la liste sur un écran de 360 × 740", { tag: "@phone" }, () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test.describe.configure({ timeout: 60_000 });

  test("confirmation, « C'est fait », inscription, demande publique et administration tiennent dans l'écran", async ({
    page,
    db,
    request,
    openVisitor,
    openSession,
  }) => {
    const scene = await createScene(db);
    // The longest names and words the pages may have to fit.
    const marie = await createMember(db, {
      email: uniqueEmail("marie-berenice.de-la-tour-dupont.amap-des-tilleuls"),
      firstName: "Marie-Bérénice",
      lastName: "de La Tour-Dupont",
      contractIds: [scene.vegetables.id, scene.eggs.id],
    });
    await addToIntermittents(db, { userId: marie.id });
    const jean = await createIntermittent(db, {
      email: uniqueEmail("jean-christophe.bouvier-lefebvre.intermittent"),
      firstName: "Jean-Christophe",
      lastName: "Bouvier-Lefebvre",
    });
    const longMessage =
      "Je pars en vacances toute la semaine : le panier est à vous ! Détails sur https://www.amap-des-tilleuls.example/paniers/semaine-prochaine?distribution=jeudi";
    await db.insert(s.intermittentRequests).values({ amapId: await firstAmapId(db),
      email: uniqueEmail("zoe-alexandra.montgolfier-saint-exupery.demande"),
      firstName: "Zoé-Alexandra",
      lastName: "Montgolfier-Saint-Exupéry",
      phone: "+33 6 00 00 00 00",
      message: longMessage,
    });

    await signIn(page, marie.email);
    await offerBasket(page, scene.slot, longMessage);
    const announced = await waitForMail(request, jean.email, 0, `Panier disponible : ${VEGETABLES}, Œufs — boîte de 6 — ${scene.day}`);
    const reserve = signedLink(announced, "Réserver");

    // The link's confirmation page, then « C'est fait », then the same link spent.
    const jeanPage = await openVisitor();
    await jeanPage.goto(reserve);
    await expect(h1(jeanPage)).toHaveText("Réserver ce panier ?");
    await expect(main(jeanPage)).toContainText(longMessage);
    await expectNoSidewaysScroll(jeanPage, 360);
    await expectTappable([main(jeanPage).getByRole("button", { name: "Réserver" })]);
    await main(jeanPage).getByRole("button", { name: "Réserver" }).click();
    await expect(jeanPage).toHaveURL(outcome("reserved"));
    await expect(h1(jeanPage)).toHaveText("C'est fait");
    await expectNoSidewaysScroll(jeanPage, 360);
    await expectTappable([
      main(jeanPage).getByRole("link", { name: "Mes paniers échangés" }),
      main(jeanPage).getByRole("link", { name: "Voir les paniers disponibles" }),
    ]);
    await jeanPage.goto(reserve);
    await expect(h1(jeanPage)).toHaveText("Ce lien a déjà servi");
    await expectNoSidewaysScroll(jeanPage, 360);
    await expectTappable([
      main(jeanPage).getByRole("link", { name: "Se connecter" }),
      main(jeanPage).getByRole("link", { name: "Voir les paniers disponibles" }),
    ]);

    // /inscription, its dialog open and closed.
    await page.goto("/inscription");
    await expect(main(page)).toContainText("Vous êtes inscrit·e sur la liste des intermittents depuis le");
    await expectNoSidewaysScroll(page, 360);
    const trigger = main(page).getByRole("link", { name: "Se désinscrire" });
    await expectTappable([trigger, main(page).getByRole("button", { name: "Envoyer l'invitation" })]);
    await trigger.click();
    const dialog = page.getByRole("dialog", { name: "Quitter la liste des intermittents ?" });
    await expect(dialog).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await expectTappable([
      dialog.getByRole("button", { name: "Oui, me désinscrire" }),
      dialog.getByRole("button", { name: "Non, rester inscrit·e" }),
    ]);
    await dialog.getByRole("button", { name: "Non, rester inscrit·e" }).click();
    await expect(dialog).toBeHidden();

    // The public form.
    await jeanPage.goto("/tilleuls/devenir-intermittent");
    await expect(h1(jeanPage)).toHaveText("Devenir intermittent·e");
    await expectNoSidewaysScroll(jeanPage, 360);
    await expectTappable([main(jeanPage).getByRole("button", { name: "Envoyer ma demande" })]);

    // The référents' page, with a request and a list to fit.
    const rose = await openSession("referent@demo.test");
    await rose.goto("/admin/intermittents");
    const card = rose.getByRole("article", { name: "Zoé-Alexandra Montgolfier-Saint-Exupéry" }).first();
    await expect(card).toContainText(longMessage);
    await expect(rose.getByRole("region", { name: /^Personnes inscrites/ })).toContainText("Marie-Bérénice de La Tour-Dupont");
    await expectNoSidewaysScroll(rose, 360);
    await expectTappable([
      card.getByRole("button", { name: "Accepter" }),
      card.getByText("Refuser", { exact: true }).first(),
      main(rose).getByRole("button", { name: "Ajouter à la liste" }),
      main(rose).getByRole("link", { name: "Exporter la liste (CSV)" }),
      main(rose).getByText("Retirer de la liste").first(),
    ]);
  });
});
