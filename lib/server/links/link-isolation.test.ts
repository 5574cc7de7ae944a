// Email links across two AMAPs: a link acts for its recipient in the AMAP of
// the offer it names, so an AMAP-2 email works for AMAP 2's people (who are
// nothing in the deployment's first AMAP), and an AMAP-1 link gives an AMAP-2
// person no more than their roles in AMAP 1. An unsubscribe link names no
// offer: it leaves the deployment's first AMAP's list.
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createDistribution, createIntermittent, createPlace, createSubscription, createUser, addToIntermittents } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerOf } from "@/test/exchange-fixtures";
import { createLinkToken } from "../core";
import { createOffers, reserveOffer } from "../exchange/offers";
import { describeLink, performLink } from "./link-actions";

let db: Db;
let amap1: number;
let amap2: number;
const inAnHour = () => new Date(Date.now() + 3_600_000);
const token = (userId: string, action: "reserve" | "accept" | "decline" | "withdraw" | "unsubscribe", objectId: number) =>
  createLinkToken({ userId, action, objectId, expiresAt: inAnHour() });

async function tally() {
  const [offers, reservations, [events], [outbox], [used], [memberships]] = await Promise.all([
    db.select().from(s.offers).orderBy(asc(s.offers.id)),
    db.select().from(s.reservations).orderBy(asc(s.reservations.id)),
    db.select({ n: count() }).from(s.events),
    db.select({ n: count() }).from(s.outbox),
    db.select({ n: count() }).from(s.usedLinks),
    db.select({ n: count() }).from(s.intermittentMemberships),
  ]);
  return { offers, reservations, events: events!.n, outbox: outbox!.n, used: used!.n, memberships: memberships!.n };
}

/** A member's basket offered in `amapId`, `daysAhead` days from now. */
async function offerIn(amapId: number, daysAhead: number) {
  const place = await createPlace(db, { name: `Lieu ${amapId}-${daysAhead}`, amapId });
  const contract = await createContract(db, { product: "Légumes", size: "panier", amapId });
  const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), daysAhead), contractIds: [contract.id] });
  const member = await createUser(db, { firstName: `Membre${amapId}` });
  const sub = await createSubscription(db, { userId: member.id, contractId: contract.id });
  const result = await createOffers(await viewerOf(db, member.id, amapId), {
    distributionIds: [distribution.id],
    subscriptionIds: [sub.id],
    message: "",
    autoAccept: false,
  });
  if (!result.ok) throw new Error(result.refusal);
  return { member, offerId: result.value.offerIds[0]! };
}

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  amap2 = (await createAmap(db, { slug: "voisins" })).id;
});

describe("an email link acts in the AMAP of the offer it names", () => {
  it("AMAP 2's intermittent reserves AMAP 2's basket from its link; AMAP 2's member answers from hers", async () => {
    const { member, offerId } = await offerIn(amap2, 4);
    const zoe = await createIntermittent(db, { firstName: "Zoé", amapId: amap2 });

    const reserve = token(zoe.id, "reserve", offerId);
    expect(await describeLink(reserve, null)).toMatchObject({ state: "ok", action: "reserve", subject: { memberFirstName: `Membre${amap2}` }, standing: { ready: true } });
    expect(await performLink(reserve, null)).toEqual({ ok: true, outcome: "reserved" });
    const [reservation] = await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId));
    expect(reservation).toMatchObject({ intermittentId: zoe.id, status: "pending" });

    const accept = token(member.id, "accept", reservation!.id);
    expect(await describeLink(accept, null)).toMatchObject({ state: "ok", action: "accept", standing: { ready: true } });
    expect(await performLink(accept, null)).toEqual({ ok: true, outcome: "accepted" });
    const events = await db.select({ amapId: s.events.amapId }).from(s.events).where(eq(s.events.offerId, offerId));
    expect(new Set(events.map((e) => e.amapId))).toEqual(new Set([amap2]));

    const withdraw = token(zoe.id, "withdraw", reservation!.id);
    expect(await describeLink(withdraw, null)).toMatchObject({ state: "ok", action: "withdraw", standing: { ready: true } });
    expect(await performLink(withdraw, null)).toEqual({ ok: true, outcome: "withdrawn" });
  });

  it("an AMAP-1 link gives AMAP 2's people no more than their roles in AMAP 1, and writes nothing", async () => {
    const { offerId } = await offerIn(amap1, 5);
    const zoe = await createIntermittent(db, { firstName: "Zoé", amapId: amap2 });
    const referent2 = await createUser(db, { firstName: "Rémi", isReferent: true, amapId: amap2 });
    const jules = await createIntermittent(db, { firstName: "Jules", amapId: amap1 });
    const reservationId = (await reserveOffer(await viewerOf(db, jules.id, amap1), offerId)) as { ok: true; value: { reservationId: number } };
    const before = await tally();

    // Zoé is on AMAP 2's list only: in AMAP 1 she is not an intermittent.
    const reserve = token(zoe.id, "reserve", offerId);
    expect(await describeLink(reserve, null)).toMatchObject({ state: "ok", standing: { ready: false } });
    expect(await performLink(reserve, null)).toMatchObject({ ok: false });
    // AMAP 2's référent is nobody in AMAP 1: no decision on its reservation, no withdrawal of Jules's.
    for (const action of ["accept", "decline", "withdraw"] as const) {
      const link = token(referent2.id, action, reservationId.value.reservationId);
      expect(await describeLink(link, null)).toMatchObject({ state: "ok", standing: { ready: false } });
      expect(await performLink(link, null)).toMatchObject({ ok: false });
    }
    expect(await tally()).toEqual(before);
  });

  it("someone on both lists acts in each from that AMAP's links", async () => {
    const one = await offerIn(amap1, 6);
    const two = await offerIn(amap2, 7);
    const ivan = await createIntermittent(db, { firstName: "Ivan", amapId: amap2 });
    await addToIntermittents(db, { userId: ivan.id, amapId: amap1 });
    expect(await performLink(token(ivan.id, "reserve", one.offerId), null)).toEqual({ ok: true, outcome: "reserved" });
    expect(await performLink(token(ivan.id, "reserve", two.offerId), null)).toEqual({ ok: true, outcome: "reserved" });
    const offers = await db.select({ id: s.offers.id, amapId: s.offers.amapId, status: s.offers.status }).from(s.offers);
    expect(offers.find((o) => o.id === one.offerId)).toMatchObject({ amapId: amap1, status: "reserved" });
    expect(offers.find((o) => o.id === two.offerId)).toMatchObject({ amapId: amap2, status: "reserved" });

    // An unsubscribe link from before AMAPs names none (0): it leaves the deployment's first AMAP's list, not AMAP 2's.
    const leave = token(ivan.id, "unsubscribe", 0);
    expect(await describeLink(leave, null)).toMatchObject({ state: "ok", action: "unsubscribe", standing: { ready: true } });
    expect(await performLink(leave, null)).toMatchObject({ ok: true, outcome: "unsubscribed" });
    const stays = await db
      .select({ amapId: s.intermittentMemberships.amapId })
      .from(s.intermittentMemberships)
      .where(and(eq(s.intermittentMemberships.userId, ivan.id), isNull(s.intermittentMemberships.leftAt)));
    expect(stays).toEqual([{ amapId: amap2 }]);
  });

  it("a link to a missing offer or reservation is not found, as before", async () => {
    const zoe = await createIntermittent(db, { amapId: amap2 });
    const before = await tally();
    expect(await describeLink(token(zoe.id, "reserve", 999_999), null)).toMatchObject({ state: "ok", subject: null, standing: { ready: false } });
    expect(await performLink(token(zoe.id, "reserve", 999_999), null)).toEqual({ ok: false, refusal: "not_found" });
    expect(await performLink(token(zoe.id, "withdraw", 999_999), null)).toEqual({ ok: false, refusal: "not_found" });
    expect(await tally()).toEqual(before);
  });
});
