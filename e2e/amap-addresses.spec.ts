// An AMAP's own addresses, on a phone, in the demo network (the Tilleuls and
// their partner the Marché, /marche): a person browsing /marche/… stays in
// /marche/… through the menu, the pages' links and the actions' redirects;
// the public join form goes to the AMAP the visitor chose, and to its
// référents only.
import { and, eq } from "drizzle-orm";
import { addToIntermittents, createSubscription, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { expect, tag, test } from "./exchange-helpers";
import { latestMailId, listMails, signIn, waitForMail } from "./mailbox";
import { expectNoSidewaysScroll } from "./screen";

test.describe("les adresses d'une AMAP", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("dans /marche/…, le menu, les liens et l'absence gardent l'adresse de l'AMAP", async ({ page, db }) => {
    const [marche] = await db.select().from(s.amaps).where(eq(s.amaps.slug, "marche"));
    const [veg] = await db
      .select()
      .from(s.contracts)
      .where(and(eq(s.contracts.amapId, marche!.id), eq(s.contracts.product, "Légumes")));
    const zoe = await createUser(db, { email: uniqueEmail("zoe"), firstName: "Zoé", lastName: "Marché" });
    await createSubscription(db, { userId: zoe.id, contractId: veg!.id });
    await addToIntermittents(db, { userId: zoe.id, amapId: marche!.id });

    await signIn(page, zoe.email);
    await page.goto("/marche/paniers");
    await expect(page.getByRole("heading", { level: 1, name: "Paniers disponibles" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("AMAP du Marché");
    const menu = page.getByRole("navigation", { name: "Menu" });
    await expect(menu.getByRole("link", { name: "Réserver un panier" })).toHaveAttribute("href", "/marche/paniers");

    await menu.getByRole("link", { name: "Mes paniers échangés" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/marche/mes-paniers");
    await expect(page.getByRole("heading", { level: 1, name: "Mes paniers échangés" })).toBeVisible();

    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: /^Absence/ }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/marche/absence");
    await expect(page.getByRole("heading", { level: 1, name: "Absence – proposer son panier" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("AMAP du Marché");
    await expectNoSidewaysScroll(page, 360);
    // The deployment's own pages keep their short address; the home is the AMAP's.
    await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Mon compte" })).toHaveAttribute("href", "/compte");
    await expect(page.getByRole("banner").getByRole("link", { name: /Espace intermittents/ })).toHaveAttribute("href", "/marche");

    // An action's redirect stays there too: offering a basket lands on /marche/mes-paniers.
    await page.getByRole("group", { name: "Quelles dates ?" }).getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Céder mon panier" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/marche/mes-paniers" && url.searchParams.get("cede") === "1");
    await expect(page.getByRole("banner")).toContainText("AMAP du Marché");

    // A short address is still served in place, in the AMAP visited last.
    await page.goto("/mes-paniers");
    await expect(page).toHaveURL((url) => url.pathname === "/mes-paniers");
    await expect(page.getByRole("banner")).toContainText("AMAP du Marché");
  });

  test("« Devenir intermittent·e » : sans AMAP connue on la choisit ; la demande va à cette AMAP et à ses référents seulement", async ({
    openVisitor,
    page,
  }) => {
    const t = tag();
    const visitor = await openVisitor();
    await visitor.goto("/devenir-intermittent");
    await expect(visitor.getByRole("heading", { level: 1, name: "Devenir intermittent·e" })).toBeVisible();
    const choices = visitor.getByRole("main").getByRole("link");
    await expect(choices.getByText("AMAP des Tilleuls", { exact: true })).toBeVisible();
    await expect(visitor.getByLabel("Adresse e-mail")).toHaveCount(0);
    await expectNoSidewaysScroll(visitor, 360);
    await choices.getByText("AMAP du Marché", { exact: true }).click();

    await expect(visitor).toHaveURL((url) => url.pathname === "/marche/devenir-intermittent");
    await expect(visitor.getByRole("main")).toContainText("prendre un panier de l'AMAP du Marché de temps en temps");
    const email = uniqueEmail("candidat");
    const sophieSince = await latestMailId(page.request, "sophie@demo.test");
    const roseSince = await latestMailId(page.request, "referent@demo.test");
    await visitor.getByLabel("Adresse e-mail").fill(email);
    await visitor.getByLabel("Prénom").fill(`Candide ${t}`);
    await visitor.getByRole("button", { name: "Envoyer ma demande" }).click();
    await expect(visitor).toHaveURL((url) => url.pathname === "/marche/devenir-intermittent/merci");
    await expect(visitor.getByRole("heading", { level: 1, name: "Demande envoyée" })).toBeVisible();

    const ack = await waitForMail(page.request, email, 0, /demande/i);
    expect(ack.subject).toBe("Votre demande pour la liste des intermittents — AMAP du Marché");
    const toDecide = await waitForMail(page.request, "sophie@demo.test", sophieSince, new RegExp(`Candide ${t}`));
    expect(toDecide.text).toMatch(/\/marche\/admin\/intermittents#demande-\d+/);
    // The Tilleuls' référente hears nothing of it.
    const roses = await listMails(page.request, "referent@demo.test", 20);
    expect(roses.filter((m) => m.id > roseSince && m.subject.includes(`Candide ${t}`))).toEqual([]);

    // Back on the short address, the visitor's AMAP is now known: its form, named.
    await visitor.goto("/devenir-intermittent");
    await expect(visitor.getByRole("main")).toContainText("l'AMAP du Marché");
    await expect(visitor.getByLabel("Adresse e-mail")).toBeVisible();
  });
});
