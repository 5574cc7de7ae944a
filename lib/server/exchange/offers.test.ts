// The exchange commands against a real database: transitions, audit events,
// outbox rows, refusals that write nothing, and reservations racing.
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  createContract,
  createDistribution,
  createIntermittent,
  createMember,
  createPlace,
  createSubscription,
} from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerForUser, type Viewer } from "../auth/auth";
import { offerStatus as fixtureOfferStatus, reservationsOf as fixtureReservationsOf } from "@/test/exchange-fixtures";
import {
  acceptReservation,
  cancelOffer,
  createOffers,
  declineReservation,
  reserveOffer,
  setOfferPaid,
  settleStartedOffers,
  withdrawReservation,
} from "./offers";

let db: Db;
let veg: s.Contract;
let eggs: s.Contract;
let place: s.Place;

beforeAll(async () => {
  db = await getDb();
  place = await createPlace(db);
  veg = await createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200 });
  eggs = await createContract(db, { product: "Œufs", size: "boîte de 6", unitPriceCents: 350 });
});

beforeEach(async () => {
  // Each test starts with no mail waiting, so outbox counts are its own.
  await db.delete(s.outbox);
});

async function viewer(userId: string): Promise<Viewer> {
  return (await viewerForUser(db, userId))!;
}

/** A distribution `daysAhead` days from now (Paris date), delivering vegetables and eggs. */
async function distributionIn(daysAhead: number, start = "18:30") {
  // A place of its own, so tests never collide on (place, start).
  const own = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 8)}` });
  return createDistribution(db, {
    placeId: own.id,
    date: addDays(parisDate(new Date()), daysAhead),
    start,
    end: "20:00",
    contractIds: [veg.id, eggs.id],
  });
}

async function memberWithBaskets() {
  const user = await createMember(db, { contractIds: [], firstName: "Alice", lastName: "Martin", phone: "06 12 34 56 78" });
  const vegSub = await createSubscription(db, { userId: user.id, contractId: veg.id });
  const eggSub = await createSubscription(db, { userId: user.id, contractId: eggs.id });
  return { user, vegSub, eggSub, viewer: await viewer(user.id) };
}

async function tally() {
  const [[events], [outbox], [reservations]] = await Promise.all([
    db.select({ n: count() }).from(s.events),
    db.select({ n: count() }).from(s.outbox),
    db.select({ n: count() }).from(s.reservations),
  ]);
  return { events: events!.n, outbox: outbox!.n, reservations: reservations!.n };
}

async function outboxKinds(offerId: number) {
  const rows = await db
    .select({ kind: s.outbox.kind, to: s.outbox.recipient })
    .from(s.outbox)
    .where(sql`(${s.outbox.payload}->>'offerId')::int = ${offerId}`)
    .orderBy(s.outbox.id);
  return rows;
}

async function openOffer(options: { autoAccept?: boolean } = {}) {
  const alice = await memberWithBaskets();
  const distribution = await distributionIn(5);
  const result = await createOffers(alice.viewer, {
    distributionIds: [distribution.id],
    subscriptionIds: [alice.vegSub.id],
    message: "Bon appétit !",
    autoAccept: options.autoAccept ?? false,
  });
  if (!result.ok) throw new Error(result.refusal);
  return { ...alice, distribution, offerId: result.value.offerIds[0]! };
}

async function intermittents(n: number) {
  const people = [];
  for (let i = 0; i < n; i++) {
    const user = await createIntermittent(db, { firstName: `Inter${i}`, lastName: "Mittent", phone: `07 00 00 00 ${i}` });
    people.push({ user, viewer: await viewer(user.id) });
  }
  return people;
}

const offerStatus = (offerId: number) => fixtureOfferStatus(db, offerId);

const reservationsOf = (offerId: number) => fixtureReservationsOf(db, offerId);

describe("offering a basket (« Céder mon panier »)", () => {
  it("creates the offer, its lines, one event, and mails the owner and every active intermittent but the owner", async () => {
    const [ines, jules] = await intermittents(2);
    const gone = await createIntermittent(db);
    await db.update(s.intermittentMemberships).set({ leftAt: new Date() }).where(eq(s.intermittentMemberships.userId, gone.id));
    const { offerId, user, vegSub } = await openOffer();

    const [offer] = await db.select().from(s.offers).where(eq(s.offers.id, offerId));
    expect(offer).toMatchObject({ status: "open", message: "Bon appétit !", memberId: user.id });
    const lines = await db.select().from(s.offerLines).where(eq(s.offerLines.offerId, offerId));
    expect(lines).toEqual([expect.objectContaining({ subscriptionId: vegSub.id, quantity: 1, unitPriceCents: 2200 })]);
    const events = await db.select().from(s.events).where(eq(s.events.offerId, offerId));
    expect(events).toEqual([expect.objectContaining({ action: "offer.create", toStatus: "open", actorId: user.id })]);

    const mails = await outboxKinds(offerId);
    expect(mails.filter((m) => m.kind === "offer-listed").map((m) => m.to)).toEqual([user.email]);
    const announced = mails.filter((m) => m.kind === "offer-announced").map((m) => m.to);
    expect(announced).toEqual(expect.arrayContaining([ines!.user.email, jules!.user.email]));
    expect(announced).not.toContain(gone.email);
    expect(announced).not.toContain(user.email);
    expect(new Set(announced).size).toBe(announced.length);
  });

  it("offers several dates at once, and only the lines delivered that day", async () => {
    const alice = await memberWithBaskets();
    const d1 = await distributionIn(3);
    const d2 = await createDistribution(db, {
      placeId: place.id,
      date: addDays(parisDate(new Date()), 10),
      contractIds: [veg.id],
    });
    const result = await createOffers(alice.viewer, {
      distributionIds: [d1.id, d2.id],
      subscriptionIds: [alice.vegSub.id, alice.eggSub.id],
      message: "",
      autoAccept: false,
    });
    expect(result.ok).toBe(true);
    const lines = await db
      .select({ distributionId: s.offerLines.distributionId, subscriptionId: s.offerLines.subscriptionId })
      .from(s.offerLines)
      .innerJoin(s.offers, eq(s.offers.id, s.offerLines.offerId))
      .where(eq(s.offers.memberId, alice.user.id))
      .orderBy(s.offerLines.id);
    expect(lines).toEqual([
      { distributionId: d1.id, subscriptionId: alice.vegSub.id },
      { distributionId: d1.id, subscriptionId: alice.eggSub.id },
      { distributionId: d2.id, subscriptionId: alice.vegSub.id },
    ]);
  });

  it("refuses a basket already offered, a date past the deadline, and someone else's basket — writing nothing", async () => {
    const { user, vegSub, eggSub, viewer: alice, distribution } = await openOffer();
    const before = await tally();
    const again = await createOffers(alice, {
      distributionIds: [distribution.id],
      subscriptionIds: [vegSub.id],
      message: "",
      autoAccept: false,
    });
    expect(again).toMatchObject({ ok: false, refusal: "already_offered", distributionId: distribution.id });

    // Two hours from now, whatever the time of day (a fixed "today 23:58" is
    // more than 12 hours away after midnight): inside the offering deadline.
    const soon = await distributionIn(1);
    await db
      .update(s.distributions)
      .set({ startsAt: new Date(Date.now() + 2 * 3_600_000), endsAt: new Date(Date.now() + 3 * 3_600_000) })
      .where(eq(s.distributions.id, soon.id));
    const late = await createOffers(alice, {
      distributionIds: [distribution.id, soon.id],
      subscriptionIds: [eggSub.id],
      message: "",
      autoAccept: false,
    });
    // The eggs of the first date were offerable, but the whole request is refused.
    expect(late).toMatchObject({ ok: false, refusal: "too_late", distributionId: soon.id });

    const bruno = await memberWithBaskets();
    const foreign = await createOffers(bruno.viewer, {
      distributionIds: [distribution.id],
      subscriptionIds: [eggSub.id],
      message: "",
      autoAccept: false,
    });
    expect(foreign).toMatchObject({ ok: false, refusal: "nothing_selected" });

    expect(await tally()).toEqual(before);
    const offers = await db.select({ n: count() }).from(s.offers).where(eq(s.offers.memberId, user.id));
    expect(offers[0]!.n).toBe(1);
  });
});

describe("reserving", () => {
  it("50 intermittents at the same instant: one pending, 49 queued in arrival order, no error", async () => {
    const { offerId } = await openOffer();
    const people = await intermittents(50);
    await db.delete(s.outbox);
    const results = await Promise.all(people.map((p) => reserveOffer(p.viewer, offerId)));
    expect(results.every((r) => r.ok)).toBe(true);

    const rows = await reservationsOf(offerId);
    expect(rows).toHaveLength(50);
    expect(rows.filter((r) => r.status === "pending")).toHaveLength(1);
    expect(rows.filter((r) => r.status === "queued")).toHaveLength(49);
    // Arrival order: positions 1…50 without gaps, the first one pending, ids in the same order.
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(rows[0]!.status).toBe("pending");
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
    expect(await offerStatus(offerId)).toBe("reserved");

    const events = await db.select().from(s.events).where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.create")));
    expect(events).toHaveLength(50);
    const kinds = (await outboxKinds(offerId)).map((m) => m.kind);
    expect(kinds.filter((k) => k === "reservation-to-decide")).toHaveLength(1);
    expect(kinds.filter((k) => k === "reservation-pending")).toHaveLength(1);
    expect(kinds.filter((k) => k === "reservation-queued")).toHaveLength(49);
  });

  it("a double tap makes one reservation", async () => {
    const { offerId } = await openOffer();
    const [ines] = await intermittents(1);
    const [first, second] = await Promise.all([reserveOffer(ines!.viewer, offerId), reserveOffer(ines!.viewer, offerId)]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((r) => !r.ok)).toMatchObject({ refusal: "already_in_queue" });
    expect(await reservationsOf(offerId)).toHaveLength(1);
  });

  it("refuses the owner, a member who is not an intermittent, and an unknown offer — writing nothing", async () => {
    const { offerId, viewer: alice } = await openOffer();
    const bruno = await memberWithBaskets();
    const before = await tally();
    expect(await reserveOffer(alice, offerId)).toEqual({ ok: false, refusal: "own_offer" });
    expect(await reserveOffer(bruno.viewer, offerId)).toEqual({ ok: false, refusal: "not_intermittent" });
    expect(await reserveOffer(bruno.viewer, 999_999)).toEqual({ ok: false, refusal: "not_found" });
    expect(await tally()).toEqual(before);
  });

  it("with automatic acceptance, the first reservation is the taker at once", async () => {
    const { offerId, user } = await openOffer({ autoAccept: true });
    const [ines, jules] = await intermittents(2);
    await db.delete(s.outbox);
    expect((await reserveOffer(ines!.viewer, offerId)).ok).toBe(true);
    expect(await offerStatus(offerId)).toBe("exchanged");
    expect(await outboxKinds(offerId)).toEqual([
      { kind: "reservation-accepted-taker", to: ines!.user.email },
      { kind: "reservation-accepted-owner", to: user.email },
    ]);
    // Exchanged: nobody else can join.
    expect(await reserveOffer(jules!.viewer, offerId)).toEqual({ ok: false, refusal: "offer_closed" });
  });
});

describe("deciding", () => {
  async function reservedBy(n: number) {
    const offer = await openOffer();
    const people = await intermittents(n);
    for (const p of people) {
      const r = await reserveOffer(p.viewer, offer.offerId);
      if (!r.ok) throw new Error(r.refusal);
    }
    const rows = await reservationsOf(offer.offerId);
    await db.delete(s.outbox);
    return { ...offer, people, rows };
  }

  it("accepting makes the exchange, tells both parties and those still in line", async () => {
    const { offerId, viewer: alice, user, people, rows } = await reservedBy(2);
    const result = await acceptReservation(alice, rows[0]!.id);
    expect(result.ok).toBe(true);
    expect(await offerStatus(offerId)).toBe("exchanged");
    expect((await reservationsOf(offerId)).map((r) => r.status)).toEqual(["accepted", "queued"]);
    expect(await outboxKinds(offerId)).toEqual([
      { kind: "reservation-accepted-taker", to: people[0]!.user.email },
      { kind: "reservation-accepted-owner", to: user.email },
      { kind: "reservation-not-chosen", to: people[1]!.user.email },
    ]);
    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.accept")));
    expect(event).toMatchObject({ actorId: user.id, fromStatus: "reserved", toStatus: "exchanged", reservationId: rows[0]!.id });
  });

  it("declining promotes the next in line and tells both sides", async () => {
    const { offerId, viewer: alice, user, people, rows } = await reservedBy(3);
    expect((await declineReservation(alice, rows[0]!.id)).ok).toBe(true);
    expect((await reservationsOf(offerId)).map((r) => r.status)).toEqual(["declined", "pending", "queued"]);
    expect(await offerStatus(offerId)).toBe("reserved");
    expect(await outboxKinds(offerId)).toEqual([
      { kind: "reservation-declined", to: people[0]!.user.email },
      { kind: "reservation-to-decide", to: user.email },
      { kind: "reservation-pending", to: people[1]!.user.email },
    ]);
  });

  it("declining the last one reopens the offer and announces it again", async () => {
    const { offerId, viewer: alice, rows } = await reservedBy(1);
    expect((await declineReservation(alice, rows[0]!.id)).ok).toBe(true);
    expect(await offerStatus(offerId)).toBe("open");
    const kinds = (await outboxKinds(offerId)).map((m) => m.kind);
    expect(kinds[0]).toBe("reservation-declined");
    expect(kinds.slice(1).every((k) => k === "offer-announced")).toBe(true);
    expect(kinds.length).toBeGreaterThan(1);
  });

  it("another member can neither decide nor cancel, and learns nothing — nothing is written", async () => {
    const { offerId, rows } = await reservedBy(1);
    const bruno = await memberWithBaskets();
    const before = await tally();
    expect(await acceptReservation(bruno.viewer, rows[0]!.id)).toEqual({ ok: false, refusal: "not_found" });
    expect(await declineReservation(bruno.viewer, rows[0]!.id)).toEqual({ ok: false, refusal: "not_found" });
    expect(await cancelOffer(bruno.viewer, offerId, "Je ne suis pas Alice")).toEqual({ ok: false, refusal: "not_found" });
    expect(await setOfferPaid(bruno.viewer, offerId, true)).toEqual({ ok: false, refusal: "not_found" });
    expect(await tally()).toEqual(before);
    expect(await offerStatus(offerId)).toBe("reserved");
  });

  it("an intermittent cannot withdraw someone else's reservation", async () => {
    const { rows, people } = await reservedBy(2);
    expect(await withdrawReservation(people[1]!.viewer, rows[0]!.id)).toEqual({ ok: false, refusal: "not_found" });
  });

  it("two answers at the same instant: one wins, the other is told it is no longer pending", async () => {
    const { offerId, viewer: alice, rows } = await reservedBy(2);
    const [a, d] = await Promise.all([acceptReservation(alice, rows[0]!.id), declineReservation(alice, rows[0]!.id)]);
    expect([a.ok, d.ok].filter(Boolean)).toHaveLength(1);
    expect([a, d].find((r) => !r.ok)).toMatchObject({ refusal: "no_longer_pending" });
    expect(["exchanged", "reserved"]).toContain(await offerStatus(offerId));
  });
});

describe("cancelling and withdrawing", () => {
  it("the owner cancels with a reason: everyone in line is told, the basket can be offered again", async () => {
    const { offerId, viewer: alice, distribution, vegSub } = await openOffer();
    const people = await intermittents(2);
    for (const p of people) await reserveOffer(p.viewer, offerId);
    const [first] = await reservationsOf(offerId);
    await acceptReservation(alice, first!.id);
    await db.delete(s.outbox);

    expect(await cancelOffer(alice, offerId, "   ")).toEqual({ ok: false, refusal: "reason_required" });
    expect((await cancelOffer(alice, offerId, "Finalement je suis là <b>jeudi</b>")).ok).toBe(true);
    const [offer] = await db.select().from(s.offers).where(eq(s.offers.id, offerId));
    expect(offer).toMatchObject({ status: "cancelled", cancelReason: "Finalement je suis là <b>jeudi</b>" });
    expect((await reservationsOf(offerId)).map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    expect((await outboxKinds(offerId)).map((m) => m.kind)).toEqual(["offer-cancelled", "offer-cancelled"]);
    const [cancelledMail] = await db.select().from(s.outbox).where(eq(s.outbox.recipient, people[0]!.user.email));
    expect(cancelledMail!.payload).toMatchObject({ wasTaker: true });
    const released = await db.select().from(s.offerLines).where(and(eq(s.offerLines.offerId, offerId), isNull(s.offerLines.releasedAt)));
    expect(released).toHaveLength(0);

    const again = await createOffers(alice, {
      distributionIds: [distribution.id],
      subscriptionIds: [vegSub.id],
      message: "",
      autoAccept: false,
    });
    expect(again.ok).toBe(true);
  });

  it("the taker withdraws: the next in line moves up, the owner is told", async () => {
    const { offerId, viewer: alice, user } = await openOffer();
    const people = await intermittents(2);
    for (const p of people) await reserveOffer(p.viewer, offerId);
    const [first, second] = await reservationsOf(offerId);
    await acceptReservation(alice, first!.id);
    await db.delete(s.outbox);

    expect((await withdrawReservation(people[0]!.viewer, first!.id)).ok).toBe(true);
    expect(await offerStatus(offerId)).toBe("reserved");
    expect((await reservationsOf(offerId)).map((r) => r.status)).toEqual(["withdrawn", "pending"]);
    expect(await outboxKinds(offerId)).toEqual([
      { kind: "reservation-withdrawn", to: user.email },
      { kind: "reservation-to-decide", to: user.email },
      { kind: "reservation-pending", to: people[1]!.user.email },
    ]);
    expect(second!.who).toBe(people[1]!.user.id);
  });

  it("payment is recorded by the owner once exchanged", async () => {
    const { offerId, viewer: alice } = await openOffer();
    const [ines] = await intermittents(1);
    expect(await setOfferPaid(alice, offerId, true)).toEqual({ ok: false, refusal: "not_exchanged" });
    await reserveOffer(ines!.viewer, offerId);
    const [r] = await reservationsOf(offerId);
    await acceptReservation(alice, r!.id);
    expect((await setOfferPaid(alice, offerId, true)).ok).toBe(true);
    const [offer] = await db.select({ paidAt: s.offers.paidAt }).from(s.offers).where(eq(s.offers.id, offerId));
    expect(offer!.paidAt).toBeInstanceOf(Date);
    expect((await setOfferPaid(alice, offerId, false)).ok).toBe(true);
  });
});

describe("after the distribution starts", () => {
  it("exchanged offers are done, the others unclaimed, waiting reservations expired — each with its event", async () => {
    const exchanged = await openOffer();
    const open = await openOffer();
    const [ines, jules] = await intermittents(2);
    await reserveOffer(ines!.viewer, exchanged.offerId);
    await reserveOffer(jules!.viewer, exchanged.offerId);
    const [r] = await reservationsOf(exchanged.offerId);
    await acceptReservation(exchanged.viewer, r!.id);

    const later = new Date(exchanged.distribution.startsAt.getTime() + 60_000);
    const settled = await settleStartedOffers(later);
    expect(settled).toBeGreaterThanOrEqual(2);
    expect(await offerStatus(exchanged.offerId)).toBe("done");
    expect(await offerStatus(open.offerId)).toBe("unclaimed");
    expect((await reservationsOf(exchanged.offerId)).map((x) => x.status)).toEqual(["accepted", "expired"]);
    const events = await db
      .select({ action: s.events.action, to: s.events.toStatus })
      .from(s.events)
      .where(and(inArray(s.events.offerId, [exchanged.offerId, open.offerId]), eq(s.events.action, "offer.settle")));
    expect(events.map((e) => e.to).sort()).toEqual(["done", "unclaimed"]);
    expect(await settleStartedOffers(later)).toBe(0);
  });
});
