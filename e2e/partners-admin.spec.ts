// Partner AMAPs, as two référents make them on a 360 px phone: Léa (AMAP A)
// proposes, Marc (AMAP B) reads the email, follows its button and accepts on
// the page; both then see the other as a partner. Then the same page without
// JavaScript: proposing and withdrawing are plain form posts.
import { and, eq, isNull, or } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { createAmap, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { expect, tag, test } from "./exchange-helpers";
import { latestMailId, signIn, waitForMail } from "./mailbox";
import { expectNoSidewaysScroll, expectTappable } from "./screen";

async function amapWithReferent(db: Db, name: string, slug: string, firstName: string) {
  const amap = await createAmap(db, { slug, name });
  await db.update(s.settings).set({ contactEmail: `contact-${slug}@test.local` }).where(eq(s.settings.amapId, amap.id));
  const referent = await createUser(db, { isReferent: true, amapId: amap.id, email: uniqueEmail(slug.split("-")[0]), firstName });
  return { id: amap.id, slug, name, email: referent.email };
}

async function rowsOfPair(db: Db, a: number, b: number) {
  const p = s.amapPartnerships;
  return db
    .select({ amapId: p.amapId, acceptedAt: p.acceptedAt })
    .from(p)
    .where(and(isNull(p.endedAt), or(and(eq(p.amapId, a), eq(p.partnerAmapId, b)), and(eq(p.amapId, b), eq(p.partnerAmapId, a)))));
}

const flash = (page: Page) => page.getByRole("main").getByRole("status").first();

test.describe("AMAP partenaires", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("Léa propose, Marc lit l'e-mail et accepte sur la page : chacune voit l'autre parmi ses partenaires", async ({ page, db, openVisitor }) => {
    const t = tag();
    const a = await amapWithReferent(db, `AMAP des Tilleuls ${t}`, `tilleuls-${t}`, "Léa");
    const b = await amapWithReferent(db, `AMAP du Marché ${t}`, `marche-${t}`, "Marc");
    await db.update(s.settings).set({ partnerDelayHours: 36 }).where(eq(s.settings.amapId, a.id));
    const marcSince = await latestMailId(page.request, b.email);

    await signIn(page, a.email);
    await page.goto(`/${a.slug}/admin`);
    await page.getByRole("link", { name: /AMAP partenaires/ }).click();
    await expect(page).toHaveURL((url) => url.pathname.endsWith("/admin/partenaires"));
    const main = page.getByRole("main");
    await expect(page.getByRole("heading", { level: 1, name: "AMAP partenaires" })).toBeVisible();
    await expect(main).toContainText("Un panier que personne n'a réservé 36\u00a0h après son annonce est proposé aux intermittents des AMAP partenaires qui l'ont choisi.");
    await expect(main).toContainText("Aucune AMAP partenaire pour l'instant.");
    await expectNoSidewaysScroll(page, 360);

    await main.getByLabel("AMAP", { exact: true }).selectOption({ label: b.name });
    await expectTappable([main.getByLabel("AMAP", { exact: true }), main.getByRole("button", { name: "Proposer le partenariat" })]);
    await main.getByRole("button", { name: "Proposer le partenariat" }).click();
    await expect(flash(page)).toContainText("Proposition envoyée");
    const sent = main.getByRole("region", { name: "Demandes envoyées" }).getByRole("article", { name: b.name });
    await expect(sent).toContainText("en attente de sa réponse");
    expect(await rowsOfPair(db, a.id, b.id)).toEqual([{ amapId: a.id, acceptedAt: null }]);

    // Marc's email: from his AMAP, about Léa's, with the button to his AMAP's page.
    const mail = await waitForMail(page.request, b.email, marcSince, /vous propose d'être partenaires/);
    expect(mail.subject).toBe(`L'AMAP des Tilleuls ${t} vous propose d'être partenaires`);
    expect(mail.from).toContain(`AMAP du Marché ${t} via Espace intermittents`);
    expect(mail.text).toContain("Bonjour Marc");
    expect(mail.text).toContain(`L'AMAP des Tilleuls ${t} propose à l'AMAP du Marché ${t} de devenir partenaires.`);
    const link = /https?:\/\/\S+\/admin\/partenaires/.exec(mail.text)?.[0];
    expect(link, "le bouton mène à la page des partenaires de son AMAP").toBeTruthy();
    expect(new URL(link!).pathname).toBe(`/${b.slug}/admin/partenaires`);

    const marc = await openVisitor();
    await signIn(marc, b.email);
    await marc.goto(new URL(link!).pathname);
    const request = marc.getByRole("main").getByRole("region", { name: "Demandes reçues" }).getByRole("article", { name: a.name });
    await expect(request).toContainText(`L'AMAP des Tilleuls ${t} vous le propose depuis le`);
    await expectTappable([request.getByRole("button", { name: "Accepter" }), request.getByText("Refuser", { exact: true })]);
    await expectNoSidewaysScroll(marc, 360);
    await request.getByRole("button", { name: "Accepter" }).click();
    await expect(flash(marc)).toContainText("Vous êtes maintenant partenaires");
    const marcPartners = marc.getByRole("main").getByRole("region", { name: "Vos AMAP partenaires" });
    await expect(marcPartners.getByRole("article", { name: a.name })).toContainText("Partenaires depuis le");
    expect(await rowsOfPair(db, a.id, b.id)).toEqual([{ amapId: a.id, acceptedAt: expect.any(Date) }]);

    // Léa sees Marc's AMAP among hers, and is told by email.
    const leaMail = await waitForMail(page.request, a.email, 0, /a accepté/);
    expect(leaMail.subject).toBe(`L'AMAP du Marché ${t} a accepté\u00a0: vous êtes partenaires`);
    await page.goto(`/${a.slug}/admin/partenaires`);
    await expect(main.getByRole("region", { name: "Vos AMAP partenaires" }).getByRole("article", { name: b.name })).toBeVisible();
    await expect(main.getByRole("region", { name: "Demandes envoyées" })).toHaveCount(0);
    // Neither AMAP is offered again in the form.
    await expect(main.getByLabel("AMAP", { exact: true }).locator("option", { hasText: b.name })).toHaveCount(0);
  });

  test("sans JavaScript : proposer, puis retirer la demande", async ({ page, db, browser }) => {
    const t = tag();
    const a = await amapWithReferent(db, `AMAP des Saules ${t}`, `saules-${t}`, "Léa");
    const b = await amapWithReferent(db, `AMAP des Prés ${t}`, `pres-${t}`, "Marc");
    await signIn(page, a.email);
    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL,
      storageState: await page.context().storageState(),
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
    });
    try {
      const noJs = await context.newPage();
      await noJs.goto(`/${a.slug}/admin/partenaires`);
      const main = noJs.getByRole("main");
      await main.getByLabel("AMAP", { exact: true }).selectOption({ label: b.name });
      await main.getByRole("button", { name: "Proposer le partenariat" }).click();
      await expect(flash(noJs)).toContainText("Proposition envoyée");
      expect(await rowsOfPair(db, a.id, b.id)).toEqual([{ amapId: a.id, acceptedAt: null }]);
      const sent = main.getByRole("region", { name: "Demandes envoyées" }).getByRole("article", { name: b.name });
      await sent.getByRole("button", { name: "Retirer la demande" }).click();
      await expect(flash(noJs)).toContainText("Demande retirée.");
      expect(await rowsOfPair(db, a.id, b.id)).toEqual([]);
      await expect(main.getByLabel("AMAP", { exact: true }).locator("option", { hasText: b.name })).toHaveCount(1);
    } finally {
      await context.close();
    }
  });
});
