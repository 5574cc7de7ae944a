// The référents' calendar against a real database: a season across the clock
// change, skipped days, moving, cancelling (offers cancelled, their people
// emailed), and every command refused to members and intermittents with
// nothing written.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { typeset } from "@/lib/domain/french";
import { getDb, type Db } from "@/db/client";
import {
  createContract,
  createDistribution,
  createIntermittent,
  createMember,
  createPlace,
  createSubscription,
  createUser,
} from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerForUser, type Viewer } from "../../auth/auth";
import { cancelOffer, createOffers, reserveOffer } from "../../exchange/offers";
import {
  addContract,
  addDistributionDate,
  addPlace,
  cancelDistribution,
  cancelRemainingOffers,
  editContract,
  editPlace,
  generateSeries,
  listContracts,
  listDistributions,
  listPlaces,
  moveDistribution,
  setContractActive,
  setDeliveredContracts,
  type SeriesFields,
} from "./calendar";

let db: Db;
let referent: Viewer;
let veg: s.Contract;
let eggs: s.Contract;

const viewer = async (id: string): Promise<Viewer> => (await viewerForUser(db, id))!;
const newPlace = () => createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 8)}` });
const today = () => parisDate(new Date());

beforeAll(async () => {
  db = await getDb();
  referent = await viewer((await createUser(db, { isReferent: true, firstName: "Rose" })).id);
  veg = await createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200 });
  eggs = await createContract(db, { product: "Œufs", size: "boîte de 6", unitPriceCents: 350 });
});

beforeEach(async () => {
  await db.delete(s.outbox);
});

async function distributionsOf(placeId: number) {
  return db.select().from(s.distributions).where(eq(s.distributions.placeId, placeId)).orderBy(asc(s.distributions.startsAt));
}

async function deliveredAt(distributionId: number) {
  const rows = await db
    .select({ contractId: s.distributionContracts.contractId })
    .from(s.distributionContracts)
    .where(eq(s.distributionContracts.distributionId, distributionId));
  return rows.map((r) => r.contractId).sort((a, b) => a - b);
}

const series = (placeId: number | null, overrides: Partial<SeriesFields> = {}): SeriesFields => ({
  placeId,
  weekday: "2",
  from: "2030-03-05",
  to: "2030-04-09",
  start: "18:30",
  end: "20:00",
  contractIds: [veg.id, eggs.id],
  ...overrides,
});

// 1 March 2030: Paris clocks go forward on Sunday 31 March, back on Sunday 27 October.
const MARCH_2030 = new Date("2030-03-01T12:00:00Z");

describe("generating a season", () => {
  it("creates every Tuesday at 18:30 Paris time, whichever side of the clock change", async () => {
    const place = await newPlace();
    const result = await generateSeries(referent, series(place.id), MARCH_2030);
    expect(result).toMatchObject({ ok: true, value: { created: 6, skipped: [] } });
    const created = await distributionsOf(place.id);
    expect(created.map((d) => d.startsAt.toISOString())).toEqual([
      "2030-03-05T17:30:00.000Z",
      "2030-03-12T17:30:00.000Z",
      "2030-03-19T17:30:00.000Z",
      "2030-03-26T17:30:00.000Z",
      "2030-04-02T16:30:00.000Z",
      "2030-04-09T16:30:00.000Z",
    ]);
    expect(created.map((d) => d.endsAt.toISOString().slice(11, 16))).toEqual(["19:00", "19:00", "19:00", "19:00", "18:00", "18:00"]);
    for (const d of created) expect(await deliveredAt(d.id)).toEqual([veg.id, eggs.id].sort((a, b) => a - b));

    const autumn = await newPlace();
    await generateSeries(referent, series(autumn.id, { weekday: "4", from: "2030-10-17", to: "2030-10-31" }), MARCH_2030);
    expect((await distributionsOf(autumn.id)).map((d) => d.startsAt.toISOString())).toEqual([
      "2030-10-17T16:30:00.000Z",
      "2030-10-24T16:30:00.000Z",
      "2030-10-31T17:30:00.000Z",
    ]);

    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.action, "distribution.series"), eq(s.events.actorId, referent.userId)))
      .orderBy(asc(s.events.id))
      .limit(1);
    expect(event!.data).toMatchObject({ placeId: place.id, weekday: 2, from: "2030-03-05", to: "2030-04-09", start: "18:30" });
  });

  it("skips the days the place already has a distribution (even cancelled), and can be run again", async () => {
    const place = await newPlace();
    await createDistribution(db, { placeId: place.id, date: "2030-03-12", start: "17:00", end: "19:00", contractIds: [veg.id] });
    const cancelled = await createDistribution(db, { placeId: place.id, date: "2030-03-26", contractIds: [veg.id] });
    await db.update(s.distributions).set({ cancelledAt: new Date() }).where(eq(s.distributions.id, cancelled.id));
    // Another place's dates do not count.
    const other = await newPlace();
    await createDistribution(db, { placeId: other.id, date: "2030-03-19", contractIds: [veg.id] });

    expect(await generateSeries(referent, series(place.id), MARCH_2030)).toMatchObject({
      ok: true,
      value: { created: 4, skipped: ["2030-03-12", "2030-03-26"] },
    });
    expect(await distributionsOf(place.id)).toHaveLength(6);
    expect(await generateSeries(referent, series(place.id, { from: "2030-03-01", to: "2030-04-16" }), MARCH_2030)).toMatchObject({
      ok: true,
      value: { created: 1, skipped: ["2030-03-05", "2030-03-12", "2030-03-19", "2030-03-26", "2030-04-02", "2030-04-09"] },
    });
    expect(await distributionsOf(place.id)).toHaveLength(7);
  });

  it("two référents generating the same season at once make it once", async () => {
    const place = await newPlace();
    const [a, b] = await Promise.all([
      generateSeries(referent, series(place.id), MARCH_2030),
      generateSeries(referent, series(place.id), MARCH_2030),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.created + b.value.created).toBe(6);
    expect(a.value.skipped.length + b.value.skipped.length).toBe(6);
    expect(await distributionsOf(place.id)).toHaveLength(6);
  });

  it("names the faulty fields and writes nothing", async () => {
    const place = await newPlace();
    const old = await createContract(db, { product: "Miel", isActive: false });
    const before = await tally();
    expect(
      await generateSeries(
        referent,
        series(place.id, { from: "2030-02-01", to: "2030-01-01", start: "20:00", end: "18:00", contractIds: [old.id] }),
        MARCH_2030,
      ),
    ).toEqual({ ok: false, refusal: "invalid", fields: { from: "date_past", to: "date_past", end: "hours_order", contractIds: "unknown_contract" } });
    expect(await generateSeries(referent, series(null, { contractIds: [] }), MARCH_2030)).toEqual({
      ok: false,
      refusal: "invalid",
      fields: { placeId: "unknown_place", contractIds: "no_contract" },
    });
    expect(await tally()).toEqual(before);
  });
});

describe("one date", () => {
  it("adds a date, once a day per place", async () => {
    const place = await newPlace();
    const added = await addDistributionDate(
      referent,
      { placeId: place.id, date: "2030-06-04", start: "18h", end: "19h30", contractIds: [eggs.id] },
      MARCH_2030,
    );
    expect(added.ok).toBe(true);
    const [d] = await distributionsOf(place.id);
    expect(d!.startsAt.toISOString()).toBe("2030-06-04T16:00:00.000Z");
    expect(await deliveredAt(d!.id)).toEqual([eggs.id]);
    expect(
      await addDistributionDate(referent, { placeId: place.id, date: "2030-06-04", start: "10:00", end: "12:00", contractIds: [eggs.id] }, MARCH_2030),
    ).toEqual({ ok: false, refusal: "slot_taken" });
    expect(
      await addDistributionDate(referent, { placeId: place.id, date: "2030-02-04", start: "10:00", end: "12:00", contractIds: [eggs.id] }, MARCH_2030),
    ).toEqual({ ok: false, refusal: "invalid", fields: { date: "date_past" } });
    expect(await distributionsOf(place.id)).toHaveLength(1);
  });

  it("two référents adding the same date at once: one gets it, the other is told the day is taken", async () => {
    const place = await newPlace();
    const input = { placeId: place.id, date: "2030-06-11", start: "18:30", end: "20:00", contractIds: [veg.id] };
    const results = await Promise.all([addDistributionDate(referent, input, MARCH_2030), addDistributionDate(referent, input, MARCH_2030)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, refusal: "slot_taken" }]);
    expect(await distributionsOf(place.id)).toHaveLength(1);
  });

  it("moves a date to a free day and hours, never onto another one, never once cancelled or started", async () => {
    const place = await newPlace();
    const a = await createDistribution(db, { placeId: place.id, date: "2030-05-07", contractIds: [veg.id] });
    const b = await createDistribution(db, { placeId: place.id, date: "2030-05-14", contractIds: [veg.id] });

    expect(await moveDistribution(referent, a.id, { date: "2030-05-09", start: "17:00", end: "19:00" }, MARCH_2030)).toEqual({
      ok: true,
      value: { startsAt: new Date("2030-05-09T15:00:00Z"), endsAt: new Date("2030-05-09T17:00:00Z"), peopleNotified: 0 },
    });
    const [moved] = await db.select().from(s.distributions).where(eq(s.distributions.id, a.id));
    expect(moved!.startsAt.toISOString()).toBe("2030-05-09T15:00:00.000Z");
    expect(moved!.endsAt.toISOString()).toBe("2030-05-09T17:00:00.000Z");
    // Same day, new hours: fine. Onto b's day: refused.
    expect((await moveDistribution(referent, a.id, { date: "2030-05-09", start: "18:00", end: "19:00" }, MARCH_2030)).ok).toBe(true);
    expect(await moveDistribution(referent, a.id, { date: "2030-05-14", start: "10:00", end: "11:00" }, MARCH_2030)).toEqual({
      ok: false,
      refusal: "slot_taken",
    });
    expect(await moveDistribution(referent, a.id, { date: "2030-05-10", start: "19:00", end: "18:00" }, MARCH_2030)).toEqual({
      ok: false,
      refusal: "invalid",
      fields: { end: "hours_order" },
    });

    const events = await db.select().from(s.events).where(eq(s.events.action, "distribution.move"));
    expect(events.find((e) => e.data?.distributionId === a.id)).toMatchObject({
      actorId: referent.userId,
      data: { from: { startsAt: "2030-05-07T16:30:00.000Z" }, to: { startsAt: "2030-05-09T15:00:00.000Z" } },
    });

    await db.update(s.distributions).set({ cancelledAt: new Date() }).where(eq(s.distributions.id, b.id));
    expect(await moveDistribution(referent, b.id, { date: "2030-05-21", start: "18:30", end: "20:00" }, MARCH_2030)).toEqual({
      ok: false,
      refusal: "cancelled",
    });
    const later = new Date("2030-05-10T12:00:00Z");
    expect(await moveDistribution(referent, a.id, { date: "2030-05-28", start: "18:30", end: "20:00" }, later)).toEqual({
      ok: false,
      refusal: "started",
    });
    expect(await moveDistribution(referent, 2_000_000_000, { date: "2030-05-28", start: "18:30", end: "20:00" }, MARCH_2030)).toEqual({
      ok: false,
      refusal: "not_found",
    });
  });
});

/** A date ten days ahead (offering is open) with a member's basket offered and two intermittents in line. */
async function offeredDate() {
  const place = await newPlace();
  const distribution = await createDistribution(db, {
    placeId: place.id,
    date: addDays(today(), 10),
    contractIds: [veg.id, eggs.id],
  });
  const alice = await createMember(db, { contractIds: [], firstName: "Alice" });
  const vegSub = await createSubscription(db, { userId: alice.id, contractId: veg.id });
  const offered = await createOffers(await viewer(alice.id), {
    distributionIds: [distribution.id],
    subscriptionIds: [vegSub.id],
    message: "",
    autoAccept: false,
  });
  if (!offered.ok) throw new Error("offer refused");
  const [offerId] = offered.value.offerIds;
  const ines = await createIntermittent(db, { firstName: "Inès" });
  const paul = await createIntermittent(db, { firstName: "Paul" });
  expect((await reserveOffer(await viewer(ines.id), offerId!)).ok).toBe(true);
  expect((await reserveOffer(await viewer(paul.id), offerId!)).ok).toBe(true);
  // A second member's basket, offered with nobody in line yet.
  const bruno = await createMember(db, { contractIds: [] });
  const eggSub = await createSubscription(db, { userId: bruno.id, contractId: eggs.id });
  const second = await createOffers(await viewer(bruno.id), {
    distributionIds: [distribution.id],
    subscriptionIds: [eggSub.id],
    message: "",
    autoAccept: false,
  });
  if (!second.ok) throw new Error("offer refused");
  await db.delete(s.outbox);
  return { place, distribution, alice, bruno, ines, paul, offerIds: [offerId!, second.value.offerIds[0]!] };
}

describe("cancelling a date", () => {
  it("keeps it listed as cancelled, cancels its offers and emails the people in line", async () => {
    const scene = await offeredDate();
    expect(await cancelDistribution(referent, scene.distribution.id, "  ")).toEqual({
      ok: false,
      refusal: "invalid",
      fields: { reason: "required" },
    });
    const cancelled = await cancelDistribution(referent, scene.distribution.id, "Salle inondée");
    const mail = await db.select({ kind: s.outbox.kind, to: s.outbox.recipient }).from(s.outbox);
    expect(cancelled).toEqual({
      ok: true,
      value: { offersCancelled: 2, offersLeft: 0, peopleNotified: new Set(mail.map((m) => m.to)).size },
    });

    const offers = await db.select().from(s.offers).where(inArray(s.offers.id, scene.offerIds));
    for (const offer of offers) {
      expect(offer).toMatchObject({ status: "cancelled", cancelReason: typeset("Distribution annulée par les référents : Salle inondée") });
    }
    // The people in line are told the distribution is cancelled (not that the member took the basket back), the members too.
    expect(mail).toEqual(
      expect.arrayContaining([
        { kind: "distribution-cancelled-taker", to: scene.ines.email },
        { kind: "distribution-cancelled-taker", to: scene.paul.email },
        { kind: "distribution-cancelled-member", to: scene.alice.email },
        { kind: "distribution-cancelled-member", to: scene.bruno.email },
      ]),
    );
    expect(mail.filter((m) => m.kind === "distribution-cancelled-taker")).toHaveLength(2);
    expect(mail.filter((m) => m.kind === "offer-cancelled" || m.kind === "referent-action")).toEqual([]);
    const reservations = await db.select().from(s.reservations).where(eq(s.reservations.offerId, scene.offerIds[0]!));
    expect(reservations.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);

    const listed = (await listDistributions(referent, {
      from: scene.distribution.startsAt,
      to: new Date(scene.distribution.startsAt.getTime() + 1),
    }))!.find((d) => d.id === scene.distribution.id);
    expect(listed).toMatchObject({ cancelReason: "Salle inondée", activeOffers: 0 });
    expect(listed!.cancelledAt).toBeInstanceOf(Date);

    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.action, "distribution.cancel"), eq(s.events.reason, "Salle inondée")));
    expect(event).toMatchObject({ actorId: referent.userId, data: { distributionId: scene.distribution.id } });
    const offerEvents = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.action, "offer.cancel"), inArray(s.events.offerId, scene.offerIds)));
    expect(offerEvents).toHaveLength(2);

    // Cancelled means cancelled: no more offers, no second cancellation, no move.
    const carole = await createMember(db, { contractIds: [] });
    const sub = await createSubscription(db, { userId: carole.id, contractId: veg.id });
    expect(
      await createOffers(await viewer(carole.id), {
        distributionIds: [scene.distribution.id],
        subscriptionIds: [sub.id],
        message: "",
        autoAccept: false,
      }),
    ).toMatchObject({ ok: false, refusal: "distribution_cancelled" });
    expect(await cancelDistribution(referent, scene.distribution.id, "Encore")).toEqual({ ok: false, refusal: "cancelled" });
    expect(await cancelRemainingOffers(referent, scene.distribution.id)).toEqual({
      ok: true,
      value: { offersCancelled: 0, offersLeft: 0, peopleNotified: 0 },
    });
  });

  it("keeps a contract on a date while baskets of it are offered", async () => {
    const scene = await offeredDate();
    // Alice offered vegetables, Bruno eggs: neither can go; a new contract can come.
    const bread = await createContract(db, { product: "Pain", size: "" });
    expect(await setDeliveredContracts(referent, scene.distribution.id, [eggs.id])).toEqual({ ok: false, refusal: "contract_offered" });
    expect(await setDeliveredContracts(referent, scene.distribution.id, [veg.id, eggs.id, bread.id])).toEqual({ ok: true, value: null });
    expect(await deliveredAt(scene.distribution.id)).toEqual([veg.id, eggs.id, bread.id].sort((a, b) => a - b));
    // Once Bruno's eggs are no longer offered, eggs can go.
    expect((await cancelOffer(await viewer(scene.bruno.id), scene.offerIds[1]!, "Je serai là")).ok).toBe(true);
    expect(await setDeliveredContracts(referent, scene.distribution.id, [veg.id])).toEqual({ ok: true, value: null });
    expect(await deliveredAt(scene.distribution.id)).toEqual([veg.id]);
    expect(await setDeliveredContracts(referent, scene.distribution.id, [])).toEqual({
      ok: false,
      refusal: "invalid",
      fields: { contractIds: "no_contract" },
    });
  });
});

describe("places and contracts", () => {
  it("creates and edits them, deactivates a contract, lists them", async () => {
    const added = await addPlace(referent, { name: " La Grange ", address: "1 chemin du Moulin", accessNotes: "Portail vert" });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    expect(await editPlace(referent, added.value.placeId, { name: "La Grange", address: "2 chemin du Moulin", accessNotes: "" })).toEqual({
      ok: true,
      value: null,
    });
    expect(await editPlace(referent, added.value.placeId, { name: "", address: "", accessNotes: "" })).toEqual({
      ok: false,
      refusal: "invalid",
      fields: { name: "required" },
    });
    const places = (await listPlaces(referent))!;
    expect(places.find((p) => p.id === added.value.placeId)).toEqual({
      id: added.value.placeId,
      name: "La Grange",
      address: "2 chemin du Moulin",
      accessNotes: "",
      upcoming: 0,
    });

    const contract = await addContract(referent, { product: "Fromage", producer: "Chèvrerie", size: "", price: "6,80" });
    expect(contract.ok).toBe(true);
    if (!contract.ok) return;
    const id = contract.value.contractId;
    expect(await editContract(referent, id, { product: "Fromage", producer: "Chèvrerie", size: "4 crottins", price: "7" })).toEqual({
      ok: true,
      value: null,
    });
    expect(await setContractActive(referent, id, false)).toEqual({ ok: true, value: null });
    expect((await listContracts(referent))!.find((c) => c.id === id)).toEqual({
      id,
      product: "Fromage",
      producer: "Chèvrerie",
      size: "4 crottins",
      unitPriceCents: 700,
      isActive: false,
      label: "Fromage — 4 crottins",
    });
    // An inactive contract is not offered for new dates.
    const place = await newPlace();
    expect(
      await addDistributionDate(referent, { placeId: place.id, date: "2030-06-04", start: "18:30", end: "20:00", contractIds: [id] }, MARCH_2030),
    ).toEqual({ ok: false, refusal: "invalid", fields: { contractIds: "unknown_contract" } });

    const actions = (await db.select({ action: s.events.action }).from(s.events).where(eq(s.events.actorId, referent.userId))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["place.create", "place.update", "contract.create", "contract.update", "contract.deactivate"]));
  });
});

async function tally() {
  const tables = [s.places, s.contracts, s.distributions, s.distributionContracts, s.events, s.outbox, s.reservations] as const;
  const counts = await Promise.all(tables.map(async (t) => (await db.select({ n: count() }).from(t))[0]!.n));
  const [cancelled] = await db.select({ n: count() }).from(s.offers).where(eq(s.offers.status, "cancelled"));
  const [places] = await db.select({ v: s.places.name }).from(s.places).orderBy(asc(s.places.id));
  const snapshot = await db
    .select({ id: s.distributions.id, startsAt: s.distributions.startsAt, cancelledAt: s.distributions.cancelledAt })
    .from(s.distributions)
    .orderBy(asc(s.distributions.id));
  const contracts = await db.select().from(s.contracts).orderBy(asc(s.contracts.id));
  return { counts, cancelled: cancelled!.n, firstPlace: places?.v, snapshot, contracts };
}

describe("nobody but a référent", () => {
  it("every admin read answers null and every command is refused, for a member and an intermittent, with nothing written", async () => {
    const scene = await offeredDate();
    const place = await newPlace();
    const member = await viewer((await createMember(db, { contractIds: [veg.id] })).id);
    const intermittent = await viewer((await createIntermittent(db)).id);
    // The member who offered and the intermittent in line are no different.
    const outsiders = [member, intermittent, await viewer(scene.alice.id), await viewer(scene.ines.id)];
    const before = await tally();

    for (const outsider of outsiders) {
      expect(await listPlaces(outsider)).toBeNull();
      expect(await listContracts(outsider)).toBeNull();
      expect(await listDistributions(outsider, { from: new Date(0), to: new Date("2100-01-01") })).toBeNull();

      const attempts = [
        addPlace(outsider, { name: "Pirate", address: "", accessNotes: "" }),
        editPlace(outsider, place.id, { name: "Pirate", address: "", accessNotes: "" }),
        addContract(outsider, { product: "Pirate", producer: "X", size: "", price: "1" }),
        editContract(outsider, veg.id, { product: "Pirate", producer: "X", size: "", price: "1" }),
        setContractActive(outsider, veg.id, false),
        generateSeries(outsider, series(place.id), MARCH_2030),
        addDistributionDate(outsider, { placeId: place.id, date: "2030-06-04", start: "18:30", end: "20:00", contractIds: [veg.id] }, MARCH_2030),
        moveDistribution(outsider, scene.distribution.id, { date: addDays(today(), 11), start: "18:30", end: "20:00" }),
        setDeliveredContracts(outsider, scene.distribution.id, [veg.id, eggs.id, 999_999]),
        cancelDistribution(outsider, scene.distribution.id, "Je décide"),
        // Even with nothing valid in it, the answer is the same.
        generateSeries(outsider, series(null, { contractIds: [] }), MARCH_2030),
      ];
      for (const result of await Promise.all(attempts)) expect(result).toEqual({ ok: false, refusal: "not_referent" });
    }
    // A distribution cancelled by a référent does not let an outsider sweep its offers either.
    await db.update(s.distributions).set({ cancelledAt: new Date() }).where(eq(s.distributions.id, scene.distribution.id));
    const afterCancelMark = await tally();
    for (const outsider of outsiders) {
      expect(await cancelRemainingOffers(outsider, scene.distribution.id)).toEqual({ ok: false, refusal: "not_referent" });
    }
    expect(await tally()).toEqual(afterCancelMark);
    await db.update(s.distributions).set({ cancelledAt: null }).where(eq(s.distributions.id, scene.distribution.id));
    expect(await tally()).toEqual(before);
  });
});
