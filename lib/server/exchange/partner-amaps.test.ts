// Shared intermittents between partner AMAPs (DESIGN.md §11), end to end in
// the data layer: a basket of AMAP B (« Marché ») goes to B's own list first;
// still unreserved after B's delay — or at its offering deadline — it is
// announced once to the intermittents of B's partner A (« Tilleuls ») who
// opted in and did not leave B's baskets, listed for them, reserved, taken
// and signed for as B's own; those who did not opt in, who left, or whose
// AMAP is no partner get nothing and may not reserve.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  addToIntermittents,
  createAmap,
  createContract,
  createDistribution,
  createIntermittent,
  createPlace,
  createSubscription,
  createUser,
} from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth";
import { createLinkToken, partnerHomesOf, verifyLinkToken } from "../core";
import { leavePartnerBasketsByLink } from "../list";
import { getPartnerBasketsChoice, setPartnerBaskets } from "../list/partner-baskets";
import { getSignSheet } from "../admin/sign-sheet/sign-sheet";
import { listAvailableBaskets, listPartnerBaskets } from "./baskets-page";
import { getMyExchanges } from "./my-exchanges-page";
import { offerMailHandlers } from "./offer-mail";
import { acceptReservation, createOffers, reserveOffer, withdrawReservation } from "./offers";
import { announceToPartners } from "./partner-announcement";
import { describeLink } from "../links/link-actions";

let db: Db;
let tilleuls: number;
let marche: number;
let lointaine: number;
/** B's member, who offers. */
let margot: Viewer;
/** A's intermittents: Paul opted in; Quentin did not; Rose opted in, then left B's baskets. */
let paul: Viewer;
let quentin: Viewer;
let rose: Viewer;
/** B's own intermittent. */
let sami: Viewer;
/** An intermittent of an AMAP that is no partner, opted in there. */
let lou: Viewer;
let subMargot = 0;
let distribution = 0;
let soonDistribution = 0;
let laterDistribution = 0;

const HOUR = 3_600_000;

async function offer(distributionId: number): Promise<number> {
  const result = await createOffers(margot, { distributionIds: [distributionId], subscriptionIds: [subMargot], message: "", autoAccept: false });
  if (!result.ok) throw new Error(result.refusal);
  return result.value.offerIds[0]!;
}

async function partnerMails(offerId: number) {
  const rows = await db
    .select({ recipient: s.outbox.recipient, payload: s.outbox.payload, amapId: s.outbox.amapId })
    .from(s.outbox)
    .where(eq(s.outbox.kind, "partner-announced"));
  return rows.filter((r) => (r.payload as { offerId: number }).offerId === offerId);
}

async function emailOf(viewer: Viewer): Promise<string> {
  const [row] = await db.select({ email: s.users.email }).from(s.users).where(eq(s.users.id, viewer.userId));
  return row!.email;
}

beforeAll(async () => {
  db = await getDb();
  tilleuls = (await createAmap(db, { slug: "tilleuls-p", name: "AMAP des Tilleuls" })).id;
  marche = (await createAmap(db, { slug: "marche-p", name: "AMAP du Marché" })).id;
  lointaine = (await createAmap(db, { slug: "lointaine-p", name: "AMAP Lointaine" })).id;
  await db.insert(s.amapPartnerships).values({ amapId: tilleuls, partnerAmapId: marche, acceptedAt: new Date() });
  // A partnership asked but never accepted is no partnership.
  await db.insert(s.amapPartnerships).values({ amapId: lointaine, partnerAmapId: marche });

  const today = parisDate(new Date());
  const place = await createPlace(db, { name: "Halle du Marché", amapId: marche });
  const veg = await createContract(db, { product: "Légumes", size: "panier", unitPriceCents: 1800, amapId: marche });
  distribution = (await createDistribution(db, { placeId: place.id, date: addDays(today, 6), contractIds: [veg.id] })).id;
  soonDistribution = (await createDistribution(db, { placeId: place.id, date: addDays(today, 2), contractIds: [veg.id] })).id;
  laterDistribution = (await createDistribution(db, { placeId: place.id, date: addDays(today, 7), contractIds: [veg.id] })).id;

  const margotRow = await createUser(db, { firstName: "Margot", lastName: "Marché" });
  subMargot = (await createSubscription(db, { userId: margotRow.id, contractId: veg.id })).id;
  margot = await viewerOf(db, margotRow.id, marche);

  const paulRow = await createIntermittent(db, { firstName: "Paul", lastName: "Tilleul", phone: "06 11 22 33 44", amapId: tilleuls });
  const quentinRow = await createIntermittent(db, { firstName: "Quentin", amapId: tilleuls });
  const roseRow = await createIntermittent(db, { firstName: "Rose", amapId: tilleuls });
  const samiRow = await createIntermittent(db, { firstName: "Sami", amapId: marche });
  const louRow = await createIntermittent(db, { firstName: "Lou", amapId: lointaine });
  paul = await viewerOf(db, paulRow.id, tilleuls);
  quentin = await viewerOf(db, quentinRow.id, tilleuls);
  rose = await viewerOf(db, roseRow.id, tilleuls);
  sami = await viewerOf(db, samiRow.id, marche);
  lou = await viewerOf(db, louRow.id, lointaine);
  for (const viewer of [paul, rose]) expect((await setPartnerBaskets(viewer, true)).ok).toBe(true);
  await db.update(s.intermittentMemberships).set({ partnerBaskets: true }).where(eq(s.intermittentMemberships.userId, lou.userId));
  // Rose leaves the Marché's baskets from one of its emails.
  const token = createLinkToken({ userId: rose.userId, action: "leave-partner", objectId: marche, expiresAt: new Date(Date.now() + 86_400_000) });
  const check = verifyLinkToken(token);
  if (!check.ok) throw new Error(check.reason);
  expect((await leavePartnerBasketsByLink(check.claims)).ok).toBe(true);
  // Sami, of the Marché, is also on the Tilleuls' list, opted in: he had the Marché's own announcement.
  await addToIntermittents(db, { userId: samiRow.id, amapId: tilleuls });
  await db
    .update(s.intermittentMemberships)
    .set({ partnerBaskets: true })
    .where(and(eq(s.intermittentMemberships.userId, samiRow.id), eq(s.intermittentMemberships.amapId, tilleuls)));
});

describe("a basket nobody reserved in its AMAP", () => {
  let offerId = 0;

  it("goes to its own list only until the AMAP's delay has passed", async () => {
    offerId = await offer(distribution);
    expect(await announceToPartners(new Date(Date.now() + 23 * HOUR))).toBe(0);
    expect(await partnerMails(offerId)).toEqual([]);
    expect((await listPartnerBaskets(paul)).amaps).toEqual([]);
    // Not yet theirs: a partner's intermittent finds it missing.
    const early = await reserveOffer(paul, offerId);
    expect(early).toEqual({ ok: false, refusal: "not_found" });
  });

  it("is then announced once, to the partners' intermittents who opted in and did not leave its AMAP's baskets", async () => {
    const later = new Date(Date.now() + 25 * HOUR);
    // Two processes at the same minute: one announcement.
    const [a, b] = await Promise.all([announceToPartners(later), announceToPartners(later)]);
    expect(a + b).toBe(1);
    expect(await announceToPartners(new Date(Date.now() + 26 * HOUR))).toBe(0);
    const mails = await partnerMails(offerId);
    // Not Sami, though on the Tilleuls' list and opted in: as the Marché's own intermittent he had its announcement.
    expect(mails.map((m) => m.recipient)).toEqual([await emailOf(paul)]);
    expect(mails.map((m) => m.recipient)).not.toContain(await emailOf(sami));
    // Sent in the basket's AMAP's name.
    expect(mails[0]!.amapId).toBe(marche);
    const [event] = await db.select().from(s.events).where(and(eq(s.events.offerId, offerId), eq(s.events.action, "offer.partners")));
    expect(event).toMatchObject({ amapId: marche, actorId: null, data: { recipients: 1 } });
  });

  it("is listed for them under the partners' baskets, with its AMAP, place and hours; not for the others", async () => {
    const section = await listPartnerBaskets(paul);
    expect(section.opted).toBe("in");
    expect(section.amaps).toHaveLength(1);
    expect(section.amaps[0]!.amapName).toBe("AMAP du Marché");
    expect(section.amaps[0]!.groups[0]!.place.name).toBe("Halle du Marché");
    expect(section.amaps[0]!.groups[0]!.offers.map((o) => o.offerId)).toEqual([offerId]);
    expect(await listPartnerBaskets(quentin)).toEqual({ opted: "out", amaps: [] });
    expect((await listPartnerBaskets(rose)).amaps).toEqual([]);
    expect(await listPartnerBaskets(lou)).toEqual({ opted: "none", amaps: [] });
    // /paniers reads the standing with its own list (one query less): the same section for each of them.
    // (Sami, in the Marché, has its baskets listed: his standing comes from the list's row; the others' AMAPs list none.)
    for (const viewer of [paul, quentin, rose, lou, sami]) {
      const { partnerStanding } = await listAvailableBaskets(viewer, { withPartnerStanding: true });
      expect(partnerStanding === null).toBe(viewer !== sami);
      expect(await listPartnerBaskets(viewer, undefined, partnerStanding)).toEqual(await listPartnerBaskets(viewer));
    }
    expect((await listAvailableBaskets(sami, { withPartnerStanding: true })).partnerStanding).toEqual({ optedIn: false, hasPartners: true });
    // On /inscription: the Tilleuls' partner, chosen; the Lointaine's request was never accepted, so it has none.
    expect(await getPartnerBasketsChoice(paul)).toMatchObject({ optedIn: true, partners: [{ id: marche, name: "AMAP du Marché", left: false }] });
    expect(await getPartnerBasketsChoice(rose)).toMatchObject({ optedIn: true, partners: [{ id: marche, left: true }] });
    expect(await getPartnerBasketsChoice(lou)).toEqual({ partners: [], optedIn: false });
    // Who receives the Marché's baskets, and through which AMAP: Paul only (Sami is its own).
    const homes = await partnerHomesOf(db, [paul, quentin, rose, lou].map((v) => v.userId), marche);
    expect(homes).toEqual(new Map([[paul.userId, tilleuls]]));
  });

  it("writes its mail at delivery while it stands, in the AMAP's name, with a link that leaves this AMAP's baskets only", async () => {
    const mail = await offerMailHandlers["partner-announced"]({ offerId, userId: paul.userId }, db, marche);
    expect(mail).not.toBeNull();
    expect(mail!.subject).toContain("de l'AMAP du Marché");
    expect(mail!.headers?.["List-Unsubscribe"]).toMatch(/\/api\/desinscription\//);
    // Rose left the Marché's baskets; Quentin never opted in: nothing for them, whatever the outbox holds.
    expect(await offerMailHandlers["partner-announced"]({ offerId, userId: rose.userId }, db, marche)).toBeNull();
    expect(await offerMailHandlers["partner-announced"]({ offerId, userId: quentin.userId }, db, marche)).toBeNull();
  });

  it("offers its email's « Réserver » to the partners' intermittent it was sent to, and to nobody else", async () => {
    const linkFor = (viewer: Viewer) =>
      createLinkToken({ userId: viewer.userId, action: "reserve", objectId: offerId, expiresAt: new Date(Date.now() + 86_400_000) });
    const paulsPage = await describeLink(linkFor(paul), null);
    expect(paulsPage).toMatchObject({ state: "ok", action: "reserve", standing: { ready: true } });
    const quentinsPage = await describeLink(linkFor(quentin), null);
    expect(quentinsPage).toMatchObject({ state: "ok", action: "reserve", standing: { ready: false } });
  });

  it("is refused to those who did not opt in, who left it, and to a non-partner AMAP's intermittent: nothing written", async () => {
    for (const viewer of [quentin, rose, lou]) {
      expect(await reserveOffer(viewer, offerId), viewer.firstName).toEqual({ ok: false, refusal: "not_found" });
    }
    expect(await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId))).toEqual([]);
  });

  it("is reserved by a partner's intermittent as by its own, validated, and named on its sign sheet with the taker's AMAP", async () => {
    const reserved = await reserveOffer(paul, offerId);
    if (!reserved.ok) throw new Error(reserved.refusal);
    const [row] = await db.select().from(s.reservations).where(eq(s.reservations.id, reserved.value.reservationId!));
    expect(row).toMatchObject({ status: "pending", viaAmapId: tilleuls });
    const accepted = await acceptReservation(margot, reserved.value.reservationId!);
    expect(accepted.ok).toBe(true);

    // In the taker's own AMAP and in the basket's, with the member's contact once accepted.
    for (const amapId of [tilleuls, marche]) {
      const mine = await getMyExchanges(await viewerOf(db, paul.userId, amapId));
      const reservation = mine.reservations.find((r) => r.offerId === offerId);
      expect(reservation, String(amapId)).toMatchObject({ status: "accepted", member: { fullName: "Margot Marché" } });
      expect(reservation!.amapName).toBe(amapId === tilleuls ? "AMAP du Marché" : null);
    }
    const referent = await createUser(db, { firstName: "Régine", isReferent: true, amapId: marche });
    const sheet = await getSignSheet(await viewerOf(db, referent.id, marche), distribution);
    const line = sheet!.members.flatMap((m) => m.lines).find((l) => l.offerId === offerId);
    expect(line?.state).toEqual({ kind: "taken", takerName: "Paul Tilleul (AMAP des Tilleuls)" });

    // The taker withdraws from their own AMAP's space, as anyone holding a reservation may.
    const withdrawn = await withdrawReservation(paul, reserved.value.reservationId!);
    expect(withdrawn.ok).toBe(true);
  });

  it("reaches no one who opted out since", async () => {
    expect((await setPartnerBaskets(paul, false)).ok).toBe(true);
    const second = await offer(laterDistribution);
    expect(await announceToPartners(new Date(Date.now() + 25 * HOUR))).toBeGreaterThanOrEqual(1);
    expect(await partnerMails(second)).toEqual([]);
    expect((await listPartnerBaskets(paul)).opted).toBe("out");
    expect(await reserveOffer(paul, second)).toEqual({ ok: false, refusal: "not_found" });
    // Opting in again brings back the partners one had left, too.
    expect((await setPartnerBaskets(rose, true)).ok).toBe(true);
    expect((await listPartnerBaskets(rose)).amaps.flatMap((a) => a.groups.flatMap((g) => g.offers.map((o) => o.offerId)))).toContain(second);
  });
});

describe("the partners' announcement is never later than the offering deadline", () => {
  it("comes at the deadline when the AMAP's delay would end after it", async () => {
    await db.update(s.settings).set({ partnerDelayHours: 336 }).where(eq(s.settings.amapId, marche));
    expect((await setPartnerBaskets(paul, true)).ok).toBe(true);
    const offerId = await offer(soonDistribution);
    const [row] = await db.select({ startsAt: s.distributions.startsAt }).from(s.distributions).where(eq(s.distributions.id, soonDistribution));
    const [{ offerCloseHours }] = await db.select({ offerCloseHours: s.settings.offerCloseHours }).from(s.settings).where(eq(s.settings.amapId, marche)) as [{ offerCloseHours: number }];
    const deadline = row!.startsAt.getTime() - offerCloseHours * HOUR;
    expect(await announceToPartners(new Date(deadline - 60_000))).toBe(0);
    expect(await announceToPartners(new Date(deadline + 60_000))).toBe(1);
    // Paul, and Rose since she opted in again.
    expect((await partnerMails(offerId)).map((m) => m.recipient).sort()).toEqual([await emailOf(paul), await emailOf(rose)].sort());
  });
});
