// Partner AMAPs on a 360 px phone (DESIGN.md §11): an intermittent of the
// Tilleuls chooses, on her inscription page, to receive the partners' baskets
// too; a basket of the Marché nobody reserved there for its delay reaches her
// by email, in the Marché's name, and in her « Paniers des AMAP partenaires »;
// she reserves it from the email, its member validates, and she finds the
// member's name and contact in her own space. Having opted out, she gets
// nothing of the next one.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import {
  addToIntermittents,
  createAmap,
  createContract,
  createDistribution,
  createPlace,
  createSubscription,
  createUser,
  uniqueEmail,
} from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { addDays, parisDate } from "@/lib/domain/time";
import { signedLink } from "./email-links";
import { expect, tag, test } from "./exchange-helpers";
import { expectNoNewMail, latestMailId, signIn, waitForMail } from "./mailbox";
import { expectNoSidewaysScroll } from "./screen";

/** Two partner AMAPs, their own: the Tilleuls (Inès on its list) and the Marché (Margot, a member, and its basket lines). */
async function twoPartners(db: Db) {
  const t = tag();
  // Names of their own: other specs look for the demo's « AMAP des Tilleuls » and « AMAP du Marché » by name.
  const tilleuls = await createAmap(db, { slug: `glycines-${t}`, name: `AMAP des Glycines ${t}` });
  const marche = await createAmap(db, { slug: `halle-${t}`, name: `AMAP de la Halle ${t}` });
  await db.insert(s.amapPartnerships).values({ amapId: tilleuls.id, partnerAmapId: marche.id, acceptedAt: new Date() });
  const place = await createPlace(db, { name: `Halle du Marché ${t}`, address: "1 place du Marché, 69001 Lyon", amapId: marche.id });
  const veg = await createContract(db, { product: "Légumes", size: "panier", unitPriceCents: 1800, amapId: marche.id });
  const dates = [5, 6].map((days) => addDays(parisDate(new Date()), days));
  const distributions = [];
  for (const date of dates) {
    distributions.push(await createDistribution(db, { placeId: place.id, date, start: "18:00", end: "19:30", contractIds: [veg.id] }));
  }
  const margot = await createUser(db, { email: uniqueEmail("margot"), firstName: "Margot", lastName: "Marché", phone: "06 55 44 33 22" });
  const subscription = await createSubscription(db, { userId: margot.id, contractId: veg.id });
  const ines = await createUser(db, { email: uniqueEmail("ines"), firstName: "Inès", lastName: "Tilleul" });
  await addToIntermittents(db, { userId: ines.id, amapId: tilleuls.id });
  return { t, tilleuls, marche, place, distributions, margot, subscription, ines };
}

/** Margot's basket at a distribution, offered (as « Céder mon panier » leaves it) this many hours ago. */
async function offeredHoursAgo(db: Db, world: Awaited<ReturnType<typeof twoPartners>>, distributionId: number, hours: number) {
  const [offer] = await db
    .insert(s.offers)
    .values({
      amapId: world.marche.id,
      memberId: world.margot.id,
      distributionId,
      createdAt: new Date(Date.now() - hours * 3_600_000),
    })
    .returning({ id: s.offers.id });
  await db.insert(s.offerLines).values({
    offerId: offer!.id,
    distributionId,
    subscriptionId: world.subscription.id,
    contractId: world.subscription.contractId,
    quantity: 1,
    unitPriceCents: 1800,
  });
  return offer!.id;
}

test.describe("les AMAP partenaires", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("un panier que personne n'a pris au Marché arrive à une intermittente des Tilleuls qui l'a choisi ; elle le réserve ; désinscrite des paniers partenaires, elle ne reçoit plus rien", async ({
    page,
    db,
    openSession,
  }) => {
    // Two announcements waited for, a reservation and its validation by email, two sessions.
    test.setTimeout(120_000);
    const world = await twoPartners(db);
    const { t, ines, margot } = world;
    const tilleuls = `/glycines-${t}`;
    const marche = `AMAP de la Halle ${t}`;

    // Inès chooses the partners' baskets, on her inscription page in her AMAP's space.
    await signIn(page, ines.email);
    await page.goto(`${tilleuls}/inscription`);
    const partners = page.getByRole("region", { name: "Paniers des AMAP partenaires" });
    await expect(partners).toContainText(`partenaire de l'${marche}`);
    await expect(partners).toContainText("Vous ne recevez que les paniers de votre AMAP.");
    await partners.getByRole("button", { name: "Recevoir aussi leurs paniers" }).click();
    await expect(page.getByRole("status").first()).toContainText("vous recevrez aussi les paniers des AMAP partenaires");
    await expectNoSidewaysScroll(page, 360);

    // A basket the Marché's own list has had for 25 hours: the schedule announces it to the partners.
    const inesSince = await latestMailId(page.request, ines.email);
    const offerId = await offeredHoursAgo(db, world, world.distributions[0]!.id, 25);
    const announced = await waitForMail(page.request, ines.email, inesSince, new RegExp(`^Panier de l'${marche}`), 30_000);
    expect(announced.from).toContain(`${marche} via Espace intermittents`);
    expect(announced.text).toContain(`Halle du Marché ${t}`);
    expect(announced.text).toContain(`Les paniers de l'${marche} ne vous intéressent plus`);
    expect(announced.text).toContain("Ne plus les recevoir");

    // Listed in her own space, under the partners' baskets, with the AMAP, its place and hours.
    await page.goto(`${tilleuls}/paniers`);
    const section = page.getByRole("region", { name: "Paniers des AMAP partenaires" });
    await expect(section.getByRole("heading", { name: marche })).toBeVisible();
    await expect(section).toContainText(`Halle du Marché ${t}`);
    await expect(section.locator(`#offre-${offerId}`)).toContainText("Panier de Margot");
    await expectNoSidewaysScroll(page, 360);

    // She reserves from the email; Margot validates from hers.
    const margotSince = await latestMailId(page.request, margot.email);
    await page.goto(signedLink(announced, "Réserver"));
    await page.getByRole("main").getByRole("button", { name: "Réserver" }).click();
    await expect(page.getByRole("main")).toContainText("Réservation envoyée");
    const toDecide = await waitForMail(page.request, margot.email, margotSince, /Inès/);
    const margotPage = await openSession(margot.email);
    await margotPage.goto(signedLink(toDecide, "Valider"));
    await margotPage.getByRole("main").getByRole("button", { name: "Valider" }).click();
    await expect(margotPage.getByRole("main")).toContainText("Réservation validée");

    // In her own AMAP's « Mes paniers échangés »: the basket, its AMAP, whose name to sign under, her contact.
    await page.goto(`${tilleuls}/mes-paniers`);
    const card = page.locator(`#reservation-${(await reservationOf(db, offerId))!}`);
    await expect(card).toContainText(marche);
    await expect(card).toContainText("Émargez au nom de Margot Marché");
    await expect(card).toContainText("06 55 44 33 22");

    // She stops the partners' baskets; the next one is announced to the partners, not to her.
    await page.goto(`${tilleuls}/inscription`);
    await page.getByRole("region", { name: "Paniers des AMAP partenaires" }).getByRole("button", { name: "Ne plus recevoir leurs paniers" }).click();
    await expect(page.getByRole("status").first()).toContainText("vous ne recevrez plus que les paniers de votre AMAP");
    const since = await latestMailId(page.request, ines.email);
    const next = await offeredHoursAgo(db, world, world.distributions[1]!.id, 25);
    await expect
      .poll(async () => (await db.select({ id: s.offers.id }).from(s.offers).where(and(eq(s.offers.id, next), isNotNull(s.offers.partnersAnnouncedAt)))).length, {
        timeout: 30_000,
      })
      .toBe(1);
    await expectNoNewMail(page.request, ines.email, since);
    await page.goto(`${tilleuls}/paniers`);
    await expect(page.locator(`#offre-${next}`)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Paniers des AMAP partenaires" })).toContainText("choisissez-le sur votre page d'inscription");
  });
});

async function reservationOf(db: Db, offerId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ id: s.reservations.id })
    .from(s.reservations)
    .where(and(eq(s.reservations.offerId, offerId), sql`${s.reservations.status} = 'accepted'`));
  return row?.id;
}
