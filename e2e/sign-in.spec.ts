// Sign-in by emailed link, for each kind of account of the demo AMAP, and
// what an unknown or malformed address gets (the same page, and no mail).
import { sql } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { createContract, createMember, uniqueEmail } from "@/db/factories";
import { outbox, sessions, users, verificationTokens } from "@/db/schema";
import { expect, test } from "./fixtures";
import { expectNoNewMail, latestMailId, signIn, waitForNewMail } from "./mailbox";

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
  });

  test("le lien ne sert qu'une fois", async ({ page }) => {
    const link = await signIn(page, "jules@demo.test");
    await expectSignedInHome(page, "Jules", ["Intermittent·e"]);
    await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
    await expectSignedOutHome(page);

    await page.goto(link);

    await expect(page).toHaveURL((url) => url.pathname === "/connexion/erreur");
    await expect(page.getByRole("heading", { level: 1, name: "Ce lien ne fonctionne plus" })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
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
