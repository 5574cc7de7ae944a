// Sign-in by emailed link, for each kind of account of the demo AMAP, and
// what an unknown or malformed address gets (the same page, and no mail).
import { sql } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { createContract, createMember, uniqueEmail } from "@/db/factories";
import { outbox, sessions, users, verificationTokens } from "@/db/schema";
import { expect, test } from "./fixtures";
import { expectNoNewMail, extractSignInLink, followSignInLink, latestMailId, listMails, signIn, waitForNewMail } from "./mailbox";

const ROLES_LIST = "Dans l'espace, vous êtes :";

async function expectSignedInHome(page: Page, firstName: string, badges: string[]) {
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: `Bonjour ${firstName} !` })).toBeVisible();
  await expect(page.getByRole("list", { name: ROLES_LIST }).getByRole("listitem")).toHaveText(badges);
  await expect(page.getByRole("banner").getByRole("button", { name: "Se déconnecter" })).toBeVisible();
}

async function expectSignedOutHome(page: Page) {
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(page.getByRole("heading", { level: 1, name: "Espace intermittents" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("button", { name: "Se déconnecter" })).toHaveCount(0);
}

async function askForLink(page: Page, email: string) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
}

test.describe("connexion par lien", () => {
  const demoAccounts = [
    { email: "referent@demo.test", firstName: "Rose", badges: ["Amapien·ne", "Référent·e"] },
    { email: "alice@demo.test", firstName: "Alice", badges: ["Amapien·ne"] },
    { email: "ines@demo.test", firstName: "Inès", badges: ["Intermittent·e"] },
  ];
  for (const account of demoAccounts) {
    test(`${account.email} se connecte et voit ses rôles`, async ({ page }) => {
      await signIn(page, account.email);
      await expectSignedInHome(page, account.firstName, account.badges);
      // The session survives a reload: the cookie was kept (STACK.md, trap 4).
      await page.reload();
      await expectSignedInHome(page, account.firstName, account.badges);
    });
  }

  test("un·e amapien·ne créé·e pour le test se connecte ; le lien vise APP_URL", async ({ page, db, baseURL }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("membre");
    await createMember(db, { email, firstName: "Capucine", lastName: "Essai", contractIds: [contract.id] });

    const link = await signIn(page, email);

    expect(new URL(link).origin).toBe(new URL(baseURL!).origin);
    await expectSignedInHome(page, "Capucine", ["Amapien·ne"]);
    // The mail greets her by name.
    const [mail] = await listMails(page.request, email, 1);
    expect(mail!.text).toMatch(/^Bonjour Capucine,$/m);
  });

  test("ouvrir le lien (GET, HEAD : un scanner, un aperçu) ne connecte pas et ne consomme rien ; son bouton connecte, une fois", async ({
    page,
    browser,
    db,
  }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("scanne");
    const person = await createMember(db, { email, firstName: "Sacha", lastName: "Scanné", contractIds: [contract.id] });
    const since = await latestMailId(page.request, email);
    await askForLink(page, email);
    const link = extractSignInLink(await waitForNewMail(page.request, email, since));
    const tokens = () => db.select({ t: verificationTokens.token }).from(verificationTokens).where(sql`${verificationTokens.identifier} = ${email}`);
    const sessionsOf = () => db.select({ t: sessions.sessionToken }).from(sessions).where(sql`${sessions.userId} = ${person.id}`);

    // What a mail scanner or a link preview does: opens the link, twice, with GET and HEAD, cookie-less.
    for (const method of ["GET", "HEAD", "GET"] as const) {
      const response = await page.request.fetch(link, { method, maxRedirects: 0, headers: { Cookie: "" } });
      expect(response.status(), `${method} du lien`).toBe(200);
      expect(response.headers()["set-cookie"], `${method} : aucun cookie`).toBeUndefined();
    }
    expect(await tokens(), "le jeton sert encore").toHaveLength(1);
    expect(await sessionsOf(), "aucune session").toEqual([]);

    // The person opens it: a page naming the account, one button; still nothing done.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "Se connecter" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText(/Se connecter en tant que s•••\w@test\.local/);
    await expect(page.getByRole("main").getByRole("button")).toHaveText(["Se connecter"]);
    expect(await sessionsOf()).toEqual([]);
    // A second tab on the same link, opened before the first press.
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: test.info().project.use.extraHTTPHeaders });
    const otherPage = await other.newPage();
    await otherPage.goto(link);

    await page.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
    await expectSignedInHome(page, "Sacha", ["Amapien·ne"]);
    expect(await sessionsOf(), "une session").toHaveLength(1);
    expect(await tokens(), "le jeton a servi").toEqual([]);

    // The other tab's button: the link has served, said in French, no second session.
    await otherPage.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
    await expect(otherPage.getByRole("heading", { level: 1, name: "Ce lien a déjà servi" })).toBeVisible();
    await expect(otherPage.getByRole("main")).not.toContainText("Verification");
    await expect(otherPage.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
    // Opening it again: the same words, and no button.
    await otherPage.goto(link);
    await expect(otherPage.getByRole("heading", { level: 1, name: "Ce lien a déjà servi" })).toBeVisible();
    await expect(otherPage.getByRole("main").getByRole("button")).toHaveCount(0);
    await other.close();
    expect(await sessionsOf()).toHaveLength(1);
  });

  test("un autre site ne peut pas presser le bouton à la place de la personne (CSRF de connexion)", async ({ page, db, baseURL }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("csrf");
    await createMember(db, { email, firstName: "Camille", lastName: "Csrf", contractIds: [contract.id] });
    const since = await latestMailId(page.request, email);
    await askForLink(page, email);
    const link = new URL(extractSignInLink(await waitForNewMail(page.request, email, since)));
    const callback = `/api/auth/callback/nodemailer?${new URLSearchParams({ token: link.searchParams.get("token")!, email, callbackUrl: "/" })}`;

    // What a page elsewhere can make a browser send: a form POST with its own Origin.
    const forged = await page.request.post(callback, { headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    expect(forged.headers()["set-cookie"]).toBeUndefined();
    // A crafted GET of Auth.js's callback only opens the page with the button.
    const crafted = await page.request.get(callback, { maxRedirects: 0 });
    expect(crafted.status()).toBe(303);
    expect(new URL(crafted.headers()["location"]!, baseURL).pathname).toBe("/connexion/lien");
    expect(crafted.headers()["set-cookie"]).toBeUndefined();

    // The link still works for its owner.
    await followSignInLink(page, link.toString());
    await expectSignedInHome(page, "Camille", ["Amapien·ne"]);
  });

  test("le lien ne sert qu'une fois", async ({ page }) => {
    const link = await signIn(page, "jules@demo.test");
    await expectSignedInHome(page, "Jules", ["Intermittent·e"]);
    await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
    await expectSignedOutHome(page);

    await page.goto(link);

    await expect(page.getByRole("heading", { level: 1, name: "Ce lien a déjà servi" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Demander un nouveau lien" })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  });

  test("après connexion, on revient à la page qui a envoyé vers /connexion", async ({ page, db }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("retour");
    await createMember(db, { email, firstName: "Romane", lastName: "Retour", contractIds: [contract.id] });

    // A signed-out visit to a page that needs a session…
    await page.goto("/mes-paniers");
    await expect(page).toHaveURL((url) => url.pathname === "/connexion" && url.searchParams.get("retour") === "/mes-paniers");
    let since = await latestMailId(page.request, email);
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
    await followSignInLink(page, extractSignInLink(await waitForNewMail(page.request, email, since)));
    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers");
    await expect(page.getByRole("heading", { level: 1, name: "Mes paniers échangés" })).toBeVisible();

    // …and « Se connecter » pressed on a public page.
    await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
    await expectSignedOutHome(page);
    await page.goto("/aide/glossaire");
    await page.getByRole("banner").getByRole("link", { name: "Se connecter" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/connexion");
    since = await latestMailId(page.request, email);
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
    await followSignInLink(page, extractSignInLink(await waitForNewMail(page.request, email, since)));
    await expect(page).toHaveURL((url) => url.pathname === "/aide/glossaire");
  });

  test("se déconnecter ramène à l'accueil public et ferme la session", async ({ page, db }) => {
    await signIn(page, "hugo@demo.test");
    await expectSignedInHome(page, "Hugo", ["Amapien·ne", "Intermittent·e"]);

    await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();

    await expectSignedOutHome(page);
    await page.reload();
    await expectSignedOutHome(page);
    const open = await db
      .select({ token: sessions.sessionToken })
      .from(sessions)
      .innerJoin(users, sql`${users.id} = ${sessions.userId}`)
      .where(sql`lower(${users.email}) = 'hugo@demo.test'`);
    expect(open, "la session est supprimée en base").toEqual([]);
  });
});

test.describe("adresses inconnues ou invalides", () => {
  for (const email of ["nobody@demo.test", "nathan@demo.test"]) {
    test(`${email} voit la même page qu'une adresse connue, et ne reçoit rien`, async ({ page, db }) => {
      // What a known address sees, to compare with.
      const contract = await createContract(db, { producer: "Ferme e2e" });
      const known = uniqueEmail("connu");
      await createMember(db, { email: known, firstName: "Yann", lastName: "Connu", contractIds: [contract.id] });
      const knownSince = await latestMailId(page.request, known);
      await askForLink(page, known);
      await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
      const knownPage = await page.getByRole("main").innerText();
      await waitForNewMail(page.request, known, knownSince);

      const since = await latestMailId(page.request, email);
      await askForLink(page, email);

      await expect(page).toHaveURL((url) => url.pathname === "/connexion/verification");
      await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
      expect(await page.getByRole("main").innerText()).toBe(knownPage);
      // The decision is taken before the redirect: nothing was queued…
      const queued = await db
        .select({ id: outbox.id })
        .from(outbox)
        .where(sql`lower(${outbox.recipient}) = ${email}`);
      expect(queued, "aucun mail en file d'attente").toEqual([]);
      // …and no sign-in token is kept for an address that gets no link.
      const tokens = await db
        .select({ token: verificationTokens.token })
        .from(verificationTokens)
        .where(sql`lower(${verificationTokens.identifier}) = ${email}`);
      expect(tokens, "aucun jeton de connexion enregistré").toEqual([]);
      // …and nothing arrives (the worker polls every 500 ms and is kicked at once).
      await expectNoNewMail(page.request, email, since, 2_000);
    });
  }

  test("une adresse invalide affiche une erreur et reste sur /connexion", async ({ page }) => {
    await askForLink(page, "pas-une-adresse");

    await expect(page.getByRole("main").getByRole("alert")).toContainText("Cette adresse e-mail ne semble pas valide");
    await expect(page).toHaveURL((url) => url.pathname === "/connexion");
    await expect(page.getByLabel("Adresse e-mail")).toHaveValue("pas-une-adresse");
    await expect(page.getByLabel("Adresse e-mail")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("heading", { name: "Consultez votre boîte mail" })).toHaveCount(0);
  });
});

test.describe("mon compte", () => {
  test("« Me déconnecter partout » ferme toutes les sessions de la personne, sur chaque appareil", async ({ page, browser, db }) => {
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("partout");
    const person = await createMember(db, { email, firstName: "Paule", lastName: "Partout", contractIds: [contract.id] });
    // Two devices: this page, and another browser.
    const other = await browser.newContext({ baseURL: test.info().project.use.baseURL, extraHTTPHeaders: { "X-Forwarded-For": "10.250.0.1" } });
    const otherPage = await other.newPage();
    await signIn(otherPage, email);
    await expectSignedInHome(otherPage, "Paule", ["Amapien·ne"]);
    await signIn(page, email);
    const sessionsOf = () => db.select({ t: sessions.sessionToken }).from(sessions).where(sql`${sessions.userId} = ${person.id}`);
    expect(await sessionsOf()).toHaveLength(2);

    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Mon compte" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Paule Partout");
    await expect(page.getByRole("main")).toContainText(email);
    await page.getByRole("link", { name: "Me déconnecter partout" }).click();
    const dialog = page.getByRole("dialog", { name: "Vous déconnecter partout ?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Oui, me déconnecter partout" }).click();

    await expect(page).toHaveURL((url) => url.pathname === "/connexion");
    await expect(page.getByRole("main").getByRole("status")).toContainText("Vous êtes déconnecté·e sur tous vos appareils.");
    await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
    expect(await sessionsOf(), "plus aucune session en base").toEqual([]);
    await otherPage.reload();
    await expectSignedOutHome(otherPage);
    await other.close();
  });

  test("« Non, rester connecté·e » ne change rien", async ({ page }) => {
    await signIn(page, "bruno@demo.test");
    await page.goto("/compte");
    await page.getByRole("link", { name: "Me déconnecter partout" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Non, rester connecté·e" }).click();
    await expect(page.getByRole("dialog")).toBeHidden();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  });
});

test.describe("callbackUrl hostile", () => {
  for (const value of ["javascript:alert(1)", "//evil.example", "/\\evil.example"]) {
    test(`${value} : pas d'erreur 500, et l'on reste sur le site`, async ({ request, baseURL }) => {
      for (const path of ["/api/auth/session", "/api/auth/signin", "/api/auth/signout", "/api/auth/callback/nodemailer"]) {
        const response = await request.get(`${path}?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
        expect(response.status(), path).toBeLessThan(500);
        const location = response.headers()["location"];
        if (location) expect(new URL(location, baseURL).origin, path).toBe(new URL(baseURL!).origin);
      }
    });
  }
});
