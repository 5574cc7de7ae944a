// Référents: every offer with its history; assigning an open offer with a
// reason reaches both parties; the email log and the settings; nobody else
// gets in.
import { createIntermittent, createMember, createSubscription, uniqueEmail } from "@/db/factories";
import { createScene, expect, seedOffer, tag, test } from "./exchange-helpers";
import { latestMailId, signIn, waitForMail } from "./mailbox";
import { expectNoSidewaysScroll, expectTappable } from "./screen";

test.describe("administration des paniers", () => {
  test("la référente attribue un panier ouvert avec un motif ; l'amapienne et le repreneur sont prévenus", async ({ page, db }) => {
    const scene = await createScene(db);
    const t = tag();
    const alice = await createMember(db, {
      email: uniqueEmail("alice"),
      firstName: "Alice",
      lastName: `Martin-${t}`,
      phone: "06 12 34 56 78",
      contractIds: [],
    });
    await createSubscription(db, { userId: alice.id, contractId: scene.vegetables.id });
    const jules = await createIntermittent(db, { email: uniqueEmail("jules"), firstName: "Jules", lastName: `Faure-${t}`, phone: "07 23 45 67 89" });
    const { offerId } = await seedOffer(db, { memberId: alice.id, distribution: scene.distribution, status: "open" });
    const aliceSince = await latestMailId(page.request, alice.email);
    const julesSince = await latestMailId(page.request, jules.email);

    await signIn(page, "referent@demo.test");
    await page.goto("/admin");
    await page.getByRole("link", { name: /Tous les paniers/ }).click();
    // The filters wait behind « Filtrer », so the list starts on the first screen.
    await page.getByText("Filtrer", { exact: true }).click();
    await page.getByLabel("Amapien·ne (nom ou e-mail)").fill(alice.email);
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.getByRole("link", { name: new RegExp(`Alice Martin-${t}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/paniers/${offerId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(scene.slot);

    const assign = page.locator("form").filter({ has: page.getByRole("button", { name: "Attribuer" }) });
    await assign.getByLabel("Intermittent·e").selectOption({ label: `Jules Faure-${t}` });
    await assign.getByLabel("Motif (envoyé aux personnes concernées)").fill("Jules l'a demandé par téléphone");
    await assign.getByRole("button", { name: "Attribuer" }).click();

    await expect(page.getByRole("main").getByRole("status").first()).toContainText("C'est fait");
    await expect(page.getByText("Échangé", { exact: true })).toBeVisible();
    const history = page.getByRole("region", { name: "Historique" });
    await expect(history.getByText("Attribué par un·e référent·e")).toBeVisible();
    await expect(history.getByText("« Jules l'a demandé par téléphone »")).toBeVisible();

    // Said as it happened: the référente gave the basket, for Alice — not « Alice a validé ».
    const toTaker = await waitForMail(page.request, jules.email, julesSince, /^Panier attribué/);
    expect(toTaker.text).toContain("Rose Lefèvre, référent·e de l'AMAP, vous attribue le panier du");
    expect(toTaker.text).not.toContain("a validé votre réservation");
    expect(toTaker.text).toContain("Jules l'a demandé par téléphone");
    expect(toTaker.text).toContain("06 12 34 56 78");
    expect(toTaker.attachments.map((a) => a.filename)).toContain("panier.ics");
    const toOwner = await waitForMail(page.request, alice.email, aliceSince, /est repris par Jules/);
    expect(toOwner.text).toContain("a attribué votre panier à Jules");
    expect(toOwner.text).toContain("07 23 45 67 89");
  });

  test("le journal des e-mails et les réglages s'ouvrent pour la référente", async ({ page }) => {
    await signIn(page, "referent@demo.test");
    await page.goto("/admin/emails");
    await expect(page.getByRole("heading", { level: 1, name: "Journal des e-mails" })).toBeVisible();
    await page.getByRole("link", { name: "Voir" }).first().click();
    await expect(page.getByRole("main").getByRole("link", { name: /Journal des e-mails/ })).toBeVisible();

    await page.goto("/admin/reglages");
    await expect(page.getByLabel("Nom de l'AMAP")).toHaveValue("AMAP des Tilleuls");
    await page.getByLabel("Délai pour céder un panier (heures avant la distribution)").fill("trois");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Certains champs sont à corriger.");
    // The faulty value stays for correction; nothing was saved.
    await expect(page.getByLabel("Délai pour céder un panier (heures avant la distribution)")).toHaveValue("trois");
    await page.reload();
    await expect(page.getByLabel("Délai pour céder un panier (heures avant la distribution)")).toHaveValue("12");
  });

  test("un·e amapien·ne ou un·e intermittent·e ne voit aucune page d'administration", async ({ page }) => {
    for (const email of ["alice@demo.test", "ines@demo.test"]) {
      await signIn(page, email);
      for (const path of ["/admin", "/admin/paniers", "/admin/paniers/1", "/admin/emails", "/admin/emails/1", "/admin/reglages", "/admin/intermittents"]) {
        const response = await page.goto(path);
        expect(response?.status(), `${email} sur ${path}`).toBe(404);
        await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
      }
      await page.context().clearCookies();
    }
  });

  test("les pages d'administration tiennent sur un téléphone @phone", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, "referent@demo.test");
    for (const path of ["/admin", "/admin/paniers", "/admin/emails", "/admin/reglages"]) {
      await page.goto(path);
      await expectNoSidewaysScroll(page, 360);
    }
    await page.goto("/admin/reglages");
    await expectTappable([page.getByRole("button", { name: "Enregistrer" })]);
  });
});
