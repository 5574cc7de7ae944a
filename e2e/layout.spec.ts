// The phone is the main device: no page may scroll sideways on a small
// screen, and the header's links and buttons are big enough to tap.
import type { Page } from "@playwright/test";
import { addToIntermittents, createContract, createMember, uniqueEmail } from "@/db/factories";
import type { Db } from "@/db/types";
import { expect, test } from "./fixtures";
import { latestMailId, signIn, waitForNewMail } from "./mailbox";
import { expectNoSidewaysScroll } from "./screen";

/** Someone holding all three roles, with a long name: the fullest header and home page. */
async function createEveryRolePerson(db: Db) {
  const contract = await createContract(db, { producer: "Ferme e2e" });
  const email = uniqueEmail("tous-roles");
  const user = await createMember(db, {
    email,
    firstName: "Marie-Bérénice",
    lastName: "de La Tour-Dupont",
    isReferent: true,
    contractIds: [contract.id],
  });
  await addToIntermittents(db, { userId: user.id });
  return { email, firstName: "Marie-Bérénice" };
}

test.describe("sur un écran de 360 × 740", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("les pages publiques ne défilent pas sur le côté", async ({ page, db }) => {
    // Something in the dev mailbox, so /dev/mails shows a list and not its empty state.
    const contract = await createContract(db, { producer: "Ferme e2e" });
    const email = uniqueEmail("boite");
    await createMember(db, { email, firstName: "Lou", lastName: "Boîte", contractIds: [contract.id] });
    const since = await latestMailId(page.request, email);

    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Espace intermittents" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);

    await page.goto("/connexion");
    await expect(page.getByRole("heading", { level: 1, name: "Se connecter" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);

    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Recevoir mon lien de connexion" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/connexion/verification");
    await expect(page.getByRole("heading", { level: 1, name: "Consultez votre boîte mail" })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
    await waitForNewMail(page.request, email, since);

    await page.goto("/dev/mails");
    await expect(page.getByRole("heading", { level: 1, name: "Boîte mail de développement" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link").filter({ hasText: email })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);
  });

  test("l'accueil connecté ne défile pas sur le côté", async ({ page, db }) => {
    const person = await createEveryRolePerson(db);
    await signIn(page, person.email);
    await expect(page.getByRole("heading", { level: 1, name: `Bonjour ${person.firstName} !` })).toBeVisible();
    await expect(page.getByRole("list", { name: "Dans l'espace, vous êtes :" }).getByRole("listitem")).toHaveText([
      "Amapien·ne",
      "Intermittent·e",
      "Référent·e",
    ]);
    await expectNoSidewaysScroll(page, 360);
  });
});

/** Visible links and buttons of the header, with their height; skips visually hidden ones (the skip link). */
async function headerTapTargets(page: Page) {
  return page
    .getByRole("banner")
    .locator("a, button")
    .evaluateAll((elements) =>
      elements
        .filter((el) => {
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          const visuallyHidden = style.clipPath === "inset(50%)" || (box.width <= 1 && box.height <= 1);
          return style.visibility !== "hidden" && box.width > 0 && box.height > 0 && !visuallyHidden;
        })
        .map((el) => ({
          name: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
          height: Math.round(el.getBoundingClientRect().height * 100) / 100,
        })),
    );
}

function expectTappable(targets: { name: string; height: number }[], names: string[]) {
  for (const name of names) {
    expect(targets.map((t) => t.name).some((n) => n.includes(name)), `« ${name} » est dans l'en-tête`).toBe(true);
  }
  const tooSmall = targets.filter((t) => t.height < 44);
  expect(tooSmall, "liens et boutons de l'en-tête de moins de 44 px de haut").toEqual([]);
}

test("les liens et boutons de l'en-tête font au moins 44 px de haut", { tag: "@phone" }, async ({ page, db }) => {
  await page.goto("/");
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  expectTappable(await headerTapTargets(page), ["Espace intermittents", "Se connecter"]);

  const person = await createEveryRolePerson(db);
  await signIn(page, person.email);
  await expect(page.getByRole("banner").getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  expectTappable(await headerTapTargets(page), ["Espace intermittents", "Se déconnecter", "Accueil"]);
});

test("/api/health répond 200", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  // Only ok / not ok: the driver is nobody's business (issue 10, SECURITY.md).
  expect(await response.json()).toEqual({ status: "ok" });
});
