// Joining the intermittents list, on a 360 px phone, read as each person reads
// it (page text and mails): « Devenir intermittent·e » from the header and the
// home page, the request's confirmation and mails, the référent's count and
// decision with a reason; a member's invitation (« Inscrire une autre
// personne ») that changes nothing until its button; and one client's flood,
// which neither closes the form for others nor buries the queue.
import { and, eq, isNull } from "drizzle-orm";
import { createContract, createIntermittent, createMember, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { expect, test } from "./fixtures";
import { expectNoNewMail, latestMailId, signIn, waitForMail, type DevMail } from "./mailbox";
import { buildActions, callAction } from "./server-actions";
import { expectNoSidewaysScroll } from "./screen";
import {  } from "@/db/queries";
import { firstAmapId } from "@/db/queries";

const NB = "\u202f";
/** Before « : », a full no-break space (lib/domain/french.ts). */
const NBSP = "\u00a0";

function linkIn(mail: DevMail, path: RegExp): string {
  const match = new RegExp(`https?://[^\\s\\]>)]+${path.source}[^\\s\\]>)]*`).exec(mail.text);
  expect(match, `un lien ${path} dans « ${mail.subject} » :\n${mail.text}`).not.toBeNull();
  return match![0];
}

async function isOnList(db: Db, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: s.intermittentMemberships.id })
    .from(s.intermittentMemberships)
    .innerJoin(s.users, eq(s.users.id, s.intermittentMemberships.userId))
    .where(and(eq(s.users.email, email), isNull(s.intermittentMemberships.leftAt)));
  return rows.length > 0;
}

async function sendRequest(page: import("@playwright/test").Page, person: { email: string; firstName: string; lastName: string }) {
  await page.getByLabel("Adresse e-mail").fill(person.email);
  await page.getByLabel("Prénom").fill(person.firstName);
  await page.getByLabel("Nom", { exact: true }).fill(person.lastName);
  await page.getByLabel("Un mot pour les référents (facultatif)").fill("Je passe le jeudi soir.");
  await page.getByRole("button", { name: "Envoyer ma demande" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demande envoyée" })).toBeVisible();
}

test.describe("sur un écran de 360 px", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test.describe.configure({ timeout: 90_000 });

  test("« Devenir intermittent·e » se trouve, la demande est confirmée et part aux référents, qui décident ; la réponse arrive", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Devenir intermittent·e" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(`Vous n'êtes pas amapien·ne mais aimeriez reprendre un panier de temps en temps${NB}?`);
    await expectNoSidewaysScroll(page, 360);
    await page.getByRole("main").getByRole("link", { name: "Devenir intermittent·e" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Devenir intermittent·e" })).toBeVisible();
    // The demo is two AMAPs: a visitor nothing tells about chooses hers first.
    await page.getByRole("main").getByRole("link", { name: "AMAP des Tilleuls", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/tilleuls/devenir-intermittent");

    const refused = { email: uniqueEmail("noe"), firstName: "Noé", lastName: `Refus${Date.now() % 10000}` };
    const accepted = { email: uniqueEmail("yann"), firstName: "Yann", lastName: `Accord${Date.now() % 10000}` };
    const referentSince = await latestMailId(page.request, "referent@demo.test");
    await sendRequest(page, refused);
    // The form gave way to the confirmation: nothing left to send twice.
    await expect(page.getByRole("main")).toContainText("Votre demande est enregistrée, et un e-mail vous le confirme.");
    await expect(page.getByRole("button", { name: "Envoyer ma demande" })).toHaveCount(0);
    await expectNoSidewaysScroll(page, 360);
    await page.goto("/tilleuls/devenir-intermittent");
    await sendRequest(page, accepted);

    const ack = await waitForMail(page.request, refused.email, 0, "Votre demande pour la liste des intermittents — AMAP des Tilleuls");
    expect(ack.text).toContain("Votre demande d'inscription sur la liste des intermittents de l'AMAP des Tilleuls est bien arrivée.");
    const toDecide = await waitForMail(page.request, "referent@demo.test", referentSince, `Demande d'inscription comme intermittent·e${NBSP}: Noé ${refused.lastName}`);
    expect(toDecide.text).toContain(refused.email);
    expect(toDecide.text).toContain("Je passe le jeudi soir.");
    const decide = linkIn(toDecide, /\/admin\/intermittents#demande-\d+/);

    await signIn(page, "referent@demo.test");
    await expect(page.getByRole("main").getByRole("link", { name: /^\d+ demandes? à examiner$/ })).toBeVisible();
    await page.goto(decide);
    const card = page.getByRole("article", { name: `Noé ${refused.lastName}` });
    await card.getByText("Refuser", { exact: true }).first().click();
    await card.getByLabel("Raison transmise à la personne (facultatif)").fill("La liste est complète ; réessayez en septembre.");
    await card.getByRole("button", { name: "Refuser" }).click();
    await expect(page.getByRole("article", { name: `Noé ${refused.lastName}` })).toHaveCount(0);
    await page.getByRole("article", { name: `Yann ${accepted.lastName}` }).getByRole("button", { name: "Accepter" }).click();
    await expect(page.getByRole("article", { name: `Yann ${accepted.lastName}` })).toHaveCount(0);

    const no = await waitForMail(page.request, refused.email, ack.id, "Votre demande d'inscription comme intermittent·e");
    expect(no.text).toContain(`Les référents précisent${NBSP}:`);
    expect(no.text).toContain("La liste est complète ; réessayez en septembre.");
    const yes = await waitForMail(page.request, accepted.email, 0, "Votre inscription comme intermittent·e est acceptée");
    expect(yes.text).toContain("Comment ça marche");
    expect(linkIn(yes, /\/paniers/)).toMatch(/\/paniers$/);
  });

  test("« Inscrire une autre personne » invite : la même phrase pour toute adresse, un seul mail, rien ne change avant le bouton", async ({ page, db, browser }) => {
    const contract = await createContract(db, { product: `Invitations ${Date.now() % 100000}` });
    const member = await createMember(db, { contractIds: [contract.id], firstName: "Alice", lastName: "Invite", email: uniqueEmail("alice") });
    const listed = await createIntermittent(db);
    const friend = uniqueEmail("camille");
    const listedSince = await latestMailId(page.request, listed.email);

    await signIn(page, member.email);
    // Not on the list: /paniers says how to get there.
    await page.goto("/paniers");
    await expect(page.getByRole("main")).toContainText("Pour réserver, il faut être inscrit·e sur la liste des intermittents.");
    await expect(page.getByRole("main").getByRole("link", { name: "S'inscrire sur la liste des intermittents" })).toHaveAttribute("href", "/inscription");

    await page.goto("/inscription");
    const sentence = `C'est noté. Si cette adresse peut recevoir une invitation, un e-mail lui propose de rejoindre la liste des intermittents${NB}; la personne n'y sera inscrite que si elle l'accepte.`;
    const form = page.getByRole("region", { name: "Inscrire une autre personne" });
    for (const email of [friend, listed.email]) {
      await form.getByLabel("Adresse e-mail").fill(email);
      await form.getByLabel("Prénom").fill("Camille");
      await form.getByRole("button", { name: "Envoyer l'invitation" }).click();
      await expect(form.getByRole("status")).toHaveText(sentence);
      await page.reload();
    }
    await expectNoSidewaysScroll(page, 360);

    const invitation = await waitForMail(page.request, friend, 0, `Alice Invite vous propose de rejoindre la liste des intermittents de l'AMAP des Tilleuls`);
    const link = linkIn(invitation, /\/invitation\/[\w.-]+/);
    await expectNoNewMail(page.request, listed.email, listedSince);

    // The invited person, not signed in: opening the page changes nothing.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const guest = await context.newPage();
    await guest.goto(link);
    await expect(guest.getByRole("heading", { level: 1 })).toHaveText(
      "Alice Invite vous propose de rejoindre la liste des intermittents de l'AMAP des Tilleuls",
    );
    await expect(guest.getByRole("main")).toContainText("Rien n'est fait tant que vous n'avez pas appuyé sur un bouton.");
    expect(await isOnList(db, friend)).toBe(false);
    await guest.getByRole("button", { name: "Rejoindre la liste" }).click();
    await expect(guest.getByRole("heading", { level: 1, name: "Bienvenue sur la liste des intermittents" })).toBeVisible();
    expect(await isOnList(db, friend)).toBe(true);
    await waitForMail(page.request, friend, invitation.id, "Bienvenue sur la liste des intermittents — AMAP des Tilleuls");
    await guest.goto(link);
    await expect(guest.getByRole("heading", { level: 1, name: "Cette invitation a déjà servi" })).toBeVisible();
    await expect(guest.getByRole("main")).toContainText("Vous êtes inscrit·e sur la liste des intermittents.");
    await expect(guest.getByRole("button", { name: "Rejoindre la liste" })).toHaveCount(0);
    await context.close();

    // The eleventh of the day is refused, in French.
    const amapId = await firstAmapId(db);
    await db.insert(s.invitations).values(
      Array.from({ length: 8 }, () => ({ amapId, email: uniqueEmail("quota"), firstName: "Q", invitedById: member.id, status: "withheld" as const, nonce: "x" })),
    );
    await form.getByLabel("Adresse e-mail").fill(uniqueEmail("onzieme"));
    await form.getByLabel("Prénom").fill("Onze");
    await form.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await expect(form).toContainText(`Vous avez déjà envoyé 10 invitations aujourd'hui${NBSP}: c'est le maximum par jour. Réessayez demain.`);
  });

  test("une rafale d'un client (X-Forwarded-For forgés) ne ferme pas le formulaire aux autres ; la file n'en montre que 3", async ({ page, request, clientIp, db }) => {
    const action = buildActions().find((a) => a.file === "app/devenir-intermittent/actions.ts" && a.name === "requestToJoinAction")!;
    const tag = `Rafale${Date.now() % 100000}`;
    const answers: string[] = [];
    for (let i = 0; i < 20; i++) {
      // The trusted proxy appends the client's address; what the client wrote before it is ignored.
      const response = await callAction(
        request,
        action,
        { email: uniqueEmail("robot"), firstName: `${tag}-${String(i).padStart(2, "0")}`, lastName: "Robot", phone: "", message: "" },
        // The Tilleuls' form (the demo has two AMAPs: a request names its AMAP).
        { "X-Forwarded-For": `198.51.100.${i}, ${clientIp}`, Cookie: "espace-amap=tilleuls" },
      );
      answers.push(response.headers()["x-action-redirect"] ? "envoyée" : (await response.text()).includes("Trop de demandes") ? "refusée" : "?");
    }
    expect(answers).toEqual([...Array(10).fill("envoyée"), ...Array(10).fill("refusée")]);

    // Another client, meanwhile: the form works.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.77" });
    await page.goto("/tilleuls/devenir-intermittent");
    await sendRequest(page, { email: uniqueEmail("ines"), firstName: "Inès", lastName: tag });

    // The référent's queue: the newest 3 of the flood, and the count of the rest.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": clientIp });
    await signIn(page, "referent@demo.test");
    await page.goto("/admin/intermittents");
    const flood = page.getByRole("article", { name: new RegExp(`^${tag}-\\d+ Robot$`) });
    await expect(flood).toHaveCount(3);
    await expect(flood.first()).toHaveAccessibleName(`${tag}-09 Robot`);
    await expect(flood.nth(2)).toContainText("7 autres demandes, plus anciennes, venues de la même adresse IP ne sont pas affichées.");
    await expect(page.getByRole("article", { name: `Inès ${tag}` })).toBeVisible();
    const pending = await db.select({ id: s.intermittentRequests.id }).from(s.intermittentRequests).where(eq(s.intermittentRequests.lastName, "Robot"));
    expect(pending.length).toBeGreaterThanOrEqual(10);
  });
});
