// Isolation of the exchange between two AMAPs of one deployment: every read
// model and command, run by an actor of AMAP 2 (référent, member,
// intermittent) against AMAP 1's offers, reservations, distributions and
// subscriptions, finds nothing — answered as a missing row is — changes no
// row and queues no mail; the same actors see and act on AMAP 2's own rows.
// People are global: AMAP 2's member and intermittent also take part in AMAP
// 1, so a filter on the person alone would show their AMAP-1 rows here.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  createAmap,
  createContract,
  createDistribution,
  createIntermittent,
  createPlace,
  createSubscription,
  createUser,
  addToIntermittents,
} from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth";
import { getAbsencePage } from "./absence-page";
import { listAvailableBaskets } from "./baskets-page";
import { getHomeSummary, pickupCalendar } from "./home-summary";
import { getDeclineConfirmation, getMyExchanges } from "./my-exchanges-page";
import { offerMailHandlers, type OfferMailPayloads } from "./offer-mail";
import { loadOffer } from "./offer-mail-data";
import {
  acceptReservation,
  assignOffer,
  autoAcceptPending,
  cancelOffer,
  cancelOfferWithCause,
  createOffers,
  declineReservation,
  reserveOffer,
  setOfferPaid,
  settleStartedOffers,
  withdrawReservation,
} from "./offers";

let db: Db;
let amap1: number;
let amap2: number;

/** AMAP 1's rows. */
const one = { offerAlice: 0, offerMem2: 0, distribution: 0, subMem2: 0, julesOnMem2: 0, int2OnAlice: 0 };
/** AMAP 2's rows. */
const two = { offer: 0, distribution: 0, subMem2: 0, int2OnOffer: 0 };
/** AMAP 2's actors, each acting in AMAP 2. */
let ref2: Viewer;
let mem2: Viewer;
let int2: Viewer;
/** Only on AMAP 2's list. */
let zoe2: Viewer;
let aliceEmail = "";
let julesId = "";

async function offer(viewer: Viewer, distributionId: number, subscriptionId: number): Promise<number> {
  const result = await createOffers(viewer, { distributionIds: [distributionId], subscriptionIds: [subscriptionId], message: "", autoAccept: false });
  if (!result.ok) throw new Error(result.refusal);
  return result.value.offerIds[0]!;
}

async function reserve(viewer: Viewer, offerId: number): Promise<number> {
  const result = await reserveOffer(viewer, offerId);
  if (!result.ok) throw new Error(result.refusal);
  return result.value.reservationId!;
}

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  amap2 = (await createAmap(db, { slug: "voisins", name: "AMAP des Voisins" })).id;
  const today = parisDate(new Date());

  // AMAP 1: a place, a contract, a distribution in five days.
  const place1 = await createPlace(db, { name: "Lieu un", amapId: amap1 });
  const veg1 = await createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200, amapId: amap1 });
  const d1 = await createDistribution(db, { placeId: place1.id, date: addDays(today, 5), contractIds: [veg1.id] });
  one.distribution = d1.id;

  // AMAP 2: the same, its own.
  const place2 = await createPlace(db, { name: "Lieu deux", amapId: amap2 });
  const veg2 = await createContract(db, { product: "Fruits", size: "panier", unitPriceCents: 1500, amapId: amap2 });
  const d2 = await createDistribution(db, { placeId: place2.id, date: addDays(today, 6), contractIds: [veg2.id] });
  two.distribution = d2.id;

  // People. Alice: a member of AMAP 1 only. Jules: an intermittent of AMAP 1 only.
  const alice = await createUser(db, { firstName: "Alice", lastName: "Martin", phone: "06 12 34 56 78" });
  aliceEmail = alice.email;
  const subAlice = await createSubscription(db, { userId: alice.id, contractId: veg1.id });
  const jules = await createIntermittent(db, { firstName: "Jules", amapId: amap1 });
  julesId = jules.id;
  // AMAP 2's référent, member (also a member of AMAP 1), intermittent (also on AMAP 1's list), and Zoé (AMAP 2's list only).
  const ref2Row = await createUser(db, { firstName: "Rémi", isReferent: true, amapId: amap2 });
  const mem2Row = await createUser(db, { firstName: "Margot" });
  two.subMem2 = (await createSubscription(db, { userId: mem2Row.id, contractId: veg2.id })).id;
  one.subMem2 = (await createSubscription(db, { userId: mem2Row.id, contractId: veg1.id })).id;
  const int2Row = await createIntermittent(db, { firstName: "Ivan", amapId: amap2 });
  await addToIntermittents(db, { userId: int2Row.id, amapId: amap1 });
  const zoeRow = await createIntermittent(db, { firstName: "Zoé", amapId: amap2 });

  const aliceIn1 = await viewerOf(db, alice.id, amap1);
  const mem2In1 = await viewerOf(db, mem2Row.id, amap1);
  const int2In1 = await viewerOf(db, int2Row.id, amap1);
  const julesIn1 = await viewerOf(db, jules.id, amap1);
  ref2 = await viewerOf(db, ref2Row.id, amap2);
  mem2 = await viewerOf(db, mem2Row.id, amap2);
  int2 = await viewerOf(db, int2Row.id, amap2);
  zoe2 = await viewerOf(db, zoeRow.id, amap2);

  // AMAP 1: Alice's basket, taken by Ivan (accepted); Margot's basket, Jules awaiting her answer.
  one.offerAlice = await offer(aliceIn1, d1.id, subAlice.id);
  one.int2OnAlice = await reserve(int2In1, one.offerAlice);
  const accepted = await acceptReservation(aliceIn1, one.int2OnAlice);
  if (!accepted.ok) throw new Error(accepted.refusal);
  one.offerMem2 = await offer(mem2In1, d1.id, one.subMem2);
  one.julesOnMem2 = await reserve(julesIn1, one.offerMem2);

  // AMAP 2: Margot's basket, Ivan awaiting her answer.
  two.offer = await offer(mem2, d2.id, two.subMem2);
  two.int2OnOffer = await reserve(int2, two.offer);
});

/** Every row the exchange may change, and the counts of what it appends. */
async function snapshot() {
  const [offers, reservations, lines, [events], [outbox], [memberships]] = await Promise.all([
    db.select().from(s.offers).orderBy(asc(s.offers.id)),
    db.select().from(s.reservations).orderBy(asc(s.reservations.id)),
    db.select().from(s.offerLines).orderBy(asc(s.offerLines.id)),
    db.select({ n: count() }).from(s.events),
    db.select({ n: count() }).from(s.outbox),
    db.select({ n: count() }).from(s.intermittentMemberships),
  ]);
  return { offers, reservations, lines, events: events!.n, outbox: outbox!.n, memberships: memberships!.n };
}

describe("AMAP 2's actors and AMAP 1's exchange", () => {
  it("every command on AMAP 1's rows is refused as for a missing row, and writes nothing", async () => {
    const before = await snapshot();
    const notFound = { ok: false, refusal: "not_found" };
    const missing = 999_999;

    // Offering: another AMAP's distribution is not found, as a missing one; another AMAP's basket is not a choice, as a missing one.
    const foreignDistribution = await createOffers(mem2, { distributionIds: [one.distribution], subscriptionIds: [two.subMem2], message: "", autoAccept: false });
    const missingDistribution = await createOffers(mem2, { distributionIds: [missing], subscriptionIds: [two.subMem2], message: "", autoAccept: false });
    expect(foreignDistribution).toEqual({ ok: false, refusal: "not_found", distributionId: one.distribution });
    expect(missingDistribution).toEqual({ ok: false, refusal: "not_found", distributionId: missing });
    const foreignBasket = await createOffers(mem2, { distributionIds: [one.distribution], subscriptionIds: [one.subMem2], message: "", autoAccept: false });
    const missingBasket = await createOffers(mem2, { distributionIds: [one.distribution], subscriptionIds: [missing], message: "", autoAccept: false });
    expect(foreignBasket).toEqual(missingBasket);
    expect(foreignBasket).toEqual({ ok: false, refusal: "nothing_selected" });

    for (const actor of [int2, zoe2, ref2]) {
      expect(await reserveOffer(actor, one.offerMem2)).toEqual(notFound);
      expect(await reserveOffer(actor, one.offerAlice)).toEqual(notFound);
    }
    // Margot owns the offer in AMAP 1, yet acting in AMAP 2 she cannot answer Jules; nor can AMAP 2's référent.
    for (const actor of [mem2, ref2]) {
      expect(await acceptReservation(actor, one.julesOnMem2)).toEqual(notFound);
      expect(await declineReservation(actor, one.julesOnMem2, "non")).toEqual(notFound);
      expect(await cancelOffer(actor, one.offerMem2, "non")).toEqual(notFound);
      expect(await setOfferPaid(actor, one.offerMem2, true)).toEqual(notFound);
    }
    expect(await withdrawReservation(int2, one.int2OnAlice)).toEqual(notFound);
    expect(await withdrawReservation(ref2, one.julesOnMem2)).toEqual(notFound);
    expect(await cancelOffer(ref2, one.offerAlice, "non")).toEqual(notFound);
    expect(await setOfferPaid(ref2, one.offerAlice, true)).toEqual(notFound);
    expect(await assignOffer(ref2, one.offerMem2, int2.userId, "pour Ivan")).toEqual(notFound);
    const withCause = await db.transaction((tx) => cancelOfferWithCause(tx, ref2, one.offerAlice, "date annulée"));
    expect(withCause).toBeNull();

    expect(await snapshot()).toEqual(before);
  });

  it("the pages show nothing of AMAP 1, and no contact of its members", async () => {
    // Margot's AMAP-1 basket and offer, Ivan's AMAP-1 exchange with Alice: none of it in AMAP 2.
    const absence = await getAbsencePage(mem2);
    expect(absence.subscriptions.map((x) => x.subscriptionId)).toEqual([two.subMem2]);
    expect(absence.dates.map((d) => d.distributionId)).toEqual([two.distribution]);
    expect(absence.dates[0]!.lines).toMatchObject([{ subscriptionId: two.subMem2, offered: { offerId: two.offer } }]);

    for (const viewer of [int2, zoe2, ref2]) {
      const baskets = await listAvailableBaskets(viewer);
      const listed = baskets.groups.flatMap((g) => g.offers.map((o) => o.offerId));
      expect(listed).toEqual([two.offer]);
      expect(baskets.total).toBe(1);
    }
    // A link to AMAP 1's offers lands as a missing offer's would: not « your own offer » for Margot,
    // not « it is yours » for Ivan, not « taken » for anyone.
    for (const viewer of [mem2, int2, zoe2, ref2]) {
      const missing = await listAvailableBaskets(viewer, { offerId: 999_999 });
      expect(missing.focus).toEqual({ kind: "gone", why: "gone" });
      for (const offerId of [one.offerMem2, one.offerAlice]) {
        expect(await listAvailableBaskets(viewer, { offerId })).toEqual(missing);
      }
    }

    const mine = await getMyExchanges(mem2);
    expect(mine.offers.map((o) => o.offerId)).toEqual([two.offer]);
    expect(mine.offers[0]!.pending).toMatchObject({ reservationId: two.int2OnOffer });
    expect(mine.reservations).toEqual([]);
    const taken = await getMyExchanges(int2);
    expect(taken.offers).toEqual([]);
    expect(taken.reservations.map((r) => r.reservationId)).toEqual([two.int2OnOffer]);
    expect(JSON.stringify([mine, taken])).not.toContain(aliceEmail);
    expect(JSON.stringify([mine, taken])).not.toContain("06 12 34 56 78");

    expect(await getHomeSummary(mem2)).toEqual({ toDecide: 1, myActiveOffers: 1, availableBaskets: 0, nextPickup: null, waiting: 0 });
    expect(await getHomeSummary(int2)).toEqual({ toDecide: 0, myActiveOffers: 0, availableBaskets: 1, nextPickup: null, waiting: 1 });
    expect(await getHomeSummary(ref2)).toMatchObject({ availableBaskets: 1 });

    expect(await getDeclineConfirmation(mem2, one.julesOnMem2)).toBeNull();
    expect(await getDeclineConfirmation(mem2, two.int2OnOffer)).toMatchObject({ reservationId: two.int2OnOffer });
    // Ivan's accepted AMAP-1 pickup: not his to download in AMAP 2 (no other accepted reservation there).
    expect(await pickupCalendar(int2, one.int2OnAlice)).toBeNull();
  });

  it("AMAP 1's own actors still see and act on their rows", async () => {
    const int2In1 = await viewerOf(db, int2.userId, amap1);
    expect(await pickupCalendar(int2In1, one.int2OnAlice)).not.toBeNull();
    const summary = await getHomeSummary(int2In1);
    expect(summary).toMatchObject({ nextPickup: { memberFirstName: "Alice" }, availableBaskets: 1 });
    const mem2In1 = await viewerOf(db, mem2.userId, amap1);
    expect(await getDeclineConfirmation(mem2In1, one.julesOnMem2)).toMatchObject({ reservationId: one.julesOnMem2 });
    expect((await getMyExchanges(mem2In1)).offers.map((o) => o.offerId)).toEqual([one.offerMem2]);
  });

  it("AMAP 2's actors act on AMAP 2's rows", async () => {
    const declined = await declineReservation(mem2, two.int2OnOffer, "");
    expect(declined).toMatchObject({ ok: true, value: { offerId: two.offer } });
    const reserved = await reserveOffer(zoe2, two.offer);
    expect(reserved).toMatchObject({ ok: true, value: { offerId: two.offer, newReservationStatus: "pending" } });
    const events = await db.select({ amapId: s.events.amapId }).from(s.events).where(eq(s.events.offerId, two.offer));
    expect(new Set(events.map((e) => e.amapId))).toEqual(new Set([amap2]));
    const mails = await db.select({ amapId: s.outbox.amapId }).from(s.outbox).where(eq(s.outbox.amapId, amap2));
    expect(mails.length).toBeGreaterThan(0);
  });

  it("announcements go to the offer's AMAP's list only, and its mails carry its AMAP", async () => {
    const announced = await db
      .select({ amapId: s.outbox.amapId, recipient: s.outbox.recipient, payload: s.outbox.payload })
      .from(s.outbox)
      .where(eq(s.outbox.kind, "offer-announced"));
    const about = (offerId: number) => announced.filter((m) => (m.payload as { offerId?: number }).offerId === offerId);
    const users = await db.select({ id: s.users.id, email: s.users.email }).from(s.users);
    const email = new Map(users.map((u) => [u.id, u.email]));
    const toOne = about(one.offerAlice);
    expect(new Set(toOne.map((m) => m.recipient))).toEqual(new Set([email.get(julesId), email.get(int2.userId)]));
    expect(new Set(toOne.map((m) => m.amapId))).toEqual(new Set([amap1]));
    const toTwo = about(two.offer);
    expect(new Set(toTwo.map((m) => m.recipient))).toEqual(new Set([email.get(int2.userId), email.get(zoe2.userId)]));
    expect(new Set(toTwo.map((m) => m.amapId))).toEqual(new Set([amap2]));
  });
});

describe("mail handlers of AMAP 2 and AMAP 1's offers", () => {
  type Kind = keyof OfferMailPayloads;
  const payloads = (): { [K in Kind]: OfferMailPayloads[K] } => ({
    "offer-listed": { offerId: one.offerAlice, userId: "" },
    "offer-announced": { offerId: one.offerMem2, userId: int2.userId, reopened: false },
    "partner-announced": { offerId: one.offerMem2, userId: int2.userId },
    "reservation-to-decide": { offerId: one.offerMem2, reservationId: one.julesOnMem2, userId: mem2.userId, promoted: false },
    "reservation-pending": { offerId: one.offerMem2, reservationId: one.julesOnMem2, userId: julesId, promoted: false },
    "reservation-queued": { offerId: one.offerMem2, reservationId: one.julesOnMem2, userId: julesId },
    "reservation-accepted-taker": { offerId: one.offerAlice, reservationId: one.int2OnAlice, userId: int2.userId },
    "reservation-accepted-owner": { offerId: one.offerAlice, reservationId: one.int2OnAlice, userId: "" },
    "reservation-declined": { offerId: one.offerMem2, reservationId: one.julesOnMem2, userId: julesId },
    "reservation-not-chosen": { offerId: one.offerAlice, reservationId: one.int2OnAlice, userId: int2.userId },
    "offer-cancelled": { offerId: one.offerAlice, reservationId: one.int2OnAlice, userId: int2.userId, wasTaker: true },
    "reservation-withdrawn": { offerId: one.offerAlice, reservationId: one.int2OnAlice, userId: "", next: "none" },
    "referent-action": { offerId: one.offerAlice, userId: "", action: "cancel", reservationId: null },
  });

  it("skip every mail about another AMAP's offer", async () => {
    const aliceId = (await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, aliceEmail)))[0]!.id;
    const all = payloads();
    for (const kind of Object.keys(all) as Kind[]) {
      const payload = { ...all[kind], userId: all[kind].userId || aliceId };
      const handler = offerMailHandlers[kind] as unknown as (p: typeof payload, ex: Db, amapId: number) => Promise<unknown>;
      expect(await handler(payload, db, amap2), kind).toBeNull();
    }
    // The same mails in their own AMAP are written (those whose situation still holds).
    const own = (kind: Kind, payload: OfferMailPayloads[Kind]) =>
      (offerMailHandlers[kind] as unknown as (p: typeof payload, ex: Db, amapId: number) => Promise<unknown>)(payload, db, amap1);
    expect(await own("offer-listed", { offerId: one.offerAlice, userId: aliceId })).not.toBeNull();
    expect(await own("offer-announced", all["offer-announced"])).not.toBeNull();
    expect(await own("reservation-to-decide", all["reservation-to-decide"])).not.toBeNull();
    expect(await own("reservation-accepted-taker", all["reservation-accepted-taker"])).not.toBeNull();
  });

  it("count only the offer's AMAP's list in « votre panier est proposé »", async () => {
    // AMAP 2's list: Ivan and Zoé; AMAP 1's: Jules and Ivan (the owner is never counted).
    const listed = (await offerMailHandlers["offer-listed"]({ offerId: two.offer, userId: mem2.userId }, db, amap2)) as unknown as {
      element: { props: { intermittentCount: number } };
    };
    expect(listed.element.props.intermittentCount).toBe(2);
  });
});

describe("the worker's own moves, in two AMAPs", () => {
  it("loads an offer's mail data in its own AMAP only", async () => {
    expect(await loadOffer(db, amap1, one.offerAlice, int2.userId, false)).not.toBeNull();
    expect(await loadOffer(db, amap2, one.offerAlice, int2.userId, false)).toBeNull();
    expect(await loadOffer(db, amap1, two.offer, int2.userId, false)).toBeNull();
    expect(await loadOffer(db, amap2, two.offer, int2.userId, false)).not.toBeNull();
  });

  it("auto-acceptance and settling write each offer's own AMAP in its history and its mails", async () => {
    const pending = await db
      .select({ id: s.reservations.id })
      .from(s.reservations)
      .where(and(inArray(s.reservations.offerId, [one.offerMem2, two.offer]), eq(s.reservations.status, "pending")));
    expect(pending).toHaveLength(2);
    for (const { id } of pending) expect(await autoAcceptPending(id)).toBe(true);
    expect(await settleStartedOffers(new Date(Date.now() + 30 * 86_400_000))).toBeGreaterThanOrEqual(3);
    const events = await db
      .select({ event: s.events.amapId, offer: s.offers.amapId })
      .from(s.events)
      .innerJoin(s.offers, eq(s.offers.id, s.events.offerId));
    expect(events.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.event !== e.offer)).toEqual([]);
    const mails = await db
      .select({ mail: s.outbox.amapId, offer: s.offers.amapId, kind: s.outbox.kind })
      .from(s.outbox)
      .innerJoin(s.offers, sql`${s.offers.id} = (${s.outbox.payload}->>'offerId')::int`);
    expect(new Set(mails.map((m) => m.offer))).toEqual(new Set([amap1, amap2]));
    expect(mails.filter((m) => m.mail !== m.offer)).toEqual([]);
  });
});
