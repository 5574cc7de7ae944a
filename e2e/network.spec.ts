// The network's administrator, on a phone: creates an AMAP whose first
// référent is welcomed by email with a link that signs them in to its
// administration, at its own address; suspends it; nobody else gets in.
import { eq } from "drizzle-orm";
import { createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { expect, tag, test } from "./exchange-helpers";
import { extractSignInLink, followSignInLink, latestMailId, signIn, waitForMail } from "./mailbox";
import { expectNoSidewaysScroll } from "./screen";

test.describe("le réseau", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("l'administratrice du réseau crée une AMAP ; sa référente reçoit son lien et arrive dans son espace ; puis l'AMAP est suspendue", async ({
    page,
    db,
    openVisitor,
  }) => {
    const t = tag();
    const admin = await createUser(db, { email: uniqueEmail("reseau"), firstName: "Nadia" });
    await db.update(s.users).set({ isNetworkAdmin: true }).where(eq(s.users.id, admin.id));
    const lea = uniqueEmail("lea");
    const leaSince = await latestMailId(page.request, lea);

    await signIn(page, admin.email);
    await page.goto("/reseau");
    await expect(page.getByRole("heading", { level: 1, name: "Le réseau" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "AMAP des Tilleuls", exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page, 360);

    await page.getByLabel("Nom de l'AMAP").fill(`AMAP du Marché ${t}`);
    await page.getByLabel("Adresse de son espace").fill(`marche-${t}`);
    await page.getByLabel("Premiers référents").fill(lea);
    await page.getByRole("button", { name: "Créer l'AMAP" }).click();
    await expect(page.getByRole("main")).toContainText(`AMAP du Marché ${t} est créée\u00a0: son espace est /marche-${t}.`);
    // A second AMAP at the same address is refused, naming the field.
    await page.getByLabel("Nom de l'AMAP").fill("Une autre");
    await page.getByLabel("Adresse de son espace").fill(`marche-${t}`);
    await page.getByLabel("Premiers référents").fill(uniqueEmail("autre"));
    await page.getByRole("button", { name: "Créer l'AMAP" }).click();
    await expect(page.getByRole("main")).toContainText("Cette adresse est déjà celle d'une autre AMAP");
    await expect(page.getByLabel("Adresse de son espace")).toHaveAttribute("aria-invalid", "true");

    // The first référent's welcome, in the AMAP's name, and its link into the AMAP's administration.
    const welcome = await waitForMail(page.request, lea, leaSince, /Bienvenue/);
    expect(welcome.subject).toBe(`Bienvenue\u00a0: vous êtes référent·e de l'AMAP du Marché ${t}`);
    expect(welcome.from).toContain(`AMAP du Marché ${t} via Espace intermittents`);
    expect(welcome.text).toContain(`/marche-${t}`);
    const leaPage = await openVisitor();
    await followSignInLink(leaPage, extractSignInLink(welcome));
    await expect(leaPage).toHaveURL((url) => url.pathname === `/marche-${t}/admin`);
    await expect(leaPage.getByRole("banner")).toContainText(`AMAP du Marché ${t}`);
    // Référente of her AMAP only: the Tilleuls' administration is not hers.
    const tilleuls = await leaPage.goto("/tilleuls/admin/amapiens");
    expect(tilleuls?.status()).toBe(404);

    // Suspended: its space answers « introuvable », its data kept.
    const card = page.getByRole("main").getByRole("listitem").filter({ has: page.getByRole("link", { name: `AMAP du Marché ${t}` }) });
    await card.getByRole("button", { name: "Suspendre" }).click();
    await expect(page.getByRole("main")).toContainText("L'AMAP est suspendue");
    await expect(card.getByText("Suspendue", { exact: true })).toBeVisible();
    const closed = await leaPage.goto(`/marche-${t}/paniers`);
    expect(closed?.status()).toBe(404);
    const [amap] = await db.select().from(s.amaps).where(eq(s.amaps.slug, `marche-${t}`));
    expect(amap!.suspendedAt).not.toBeNull();
  });

  test("personne d'autre n'y entre : ni une référente, ni un·e amapien·ne", async ({ page }) => {
    await signIn(page, "referent@demo.test");
    const response = await page.goto("/reseau");
    expect(response?.status()).toBe(404);
  });
});
