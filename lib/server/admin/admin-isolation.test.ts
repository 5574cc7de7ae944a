// The référents' administration is one AMAP's (issue 13, DESIGN.md §11):
// a référent of a second AMAP runs every read and command of admin/ (calendar,
// members and their CSV files, offers, statistics, sign sheets, settings) on
// the first AMAP's ids and finds nothing — answered as a missing row, nothing
// written, no mail queued, no contact shown — while seeing and changing its
// own AMAP's rows. A person of both AMAPs is one account, whose rows in the
// other AMAP stay out of sight. The mail handlers drop a row of another AMAP.
import { asc, count, eq, gt, max, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  createAmap,
  createContract,
  createDistribution,
  createIntermittent,
  createMember,
  createPlace,
  createSubscription,
  createUser,
  uniqueEmail,
} from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { seedOffer } from "@/test/seed-offer";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth";
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
} from "./calendar/calendar";
import { calendarMailHandlers } from "./calendar/calendar-mail";
import {
  addSubscription,
  createMember as createMemberCommand,
  endSubscription,
  exportMembersCsv,
  getMember,
  importMembers,
  listContractOptions,
  listMembers,
  memberTemplateCsv,
  previewImport,
  updateMember,
  updateSubscription,
} from "./members/members";
import { memberMailHandlers } from "./members/member-mail";
import { getAdminOffer, listAdminOffers, listPlaces as listOfferPlaces } from "./offers";
import { readSettingsForEdit, updateSettings, type SettingsInput } from "./settings";
import { getSignSheet, listSheetDistributions } from "./sign-sheet/sign-sheet";
import { exportStatsCsv, getStats } from "./stats";

const HEADER = "email;prenom;nom;telephone;contrat;quantite;debut;fin";

let db: Db;
let amap1: number;
let amap2: number;
/** AMAP 1: its référent, rows and people. */
let one: {
  referent: Viewer;
  place: s.Place;
  contract: s.Contract;
  distribution: s.Distribution;
  cancelled: s.Distribution;
  cancelEventId: number;
  member: s.User;
  subscription: s.Subscription;
  intermittent: s.User;
  offerId: number;
};
/** AMAP 2: its référent, member and intermittent, acting as themselves. */
let two: {
  referent: Viewer;
  member: Viewer;
  intermittent: Viewer;
  memberUser: s.User;
  intermittentUser: s.User;
  place: s.Place;
  contract: s.Contract;
  distribution: s.Distribution;
  subscription: s.Subscription;
  offerId: number;
};

const today = () => parisDate(new Date());

beforeAll(async () => {
  db = await getDb();
  const [first] = await db.select({ id: s.amaps.id }).from(s.amaps).orderBy(asc(s.amaps.id)).limit(1);
  amap1 = first!.id;
  amap2 = (await createAmap(db, { slug: `voisine-${Math.random().toString(36).slice(2, 8)}`, name: "AMAP des Voisins" })).id;

  // AMAP 1.
  const referent1 = await createUser(db, { isReferent: true, firstName: "Rose", amapId: amap1 });
  const place = await createPlace(db, { name: "Grange des Tilleuls", amapId: amap1 });
  const contract = await createContract(db, { product: "Légumes", size: "grand panier", amapId: amap1 });
  const distribution = await createDistribution(db, { placeId: place.id, date: addDays(today(), 5), contractIds: [contract.id] });
  const cancelled = await createDistribution(db, { placeId: place.id, date: addDays(today(), 12), contractIds: [contract.id] });
  const member = await createMember(db, { email: uniqueEmail("alice-un"), firstName: "Alice", lastName: "Tilleul", phone: "06 11 11 11 11", contractIds: [] });
  const subscription = await createSubscription(db, { userId: member.id, contractId: contract.id });
  const intermittent = await createIntermittent(db, { email: uniqueEmail("ines-un"), firstName: "Inès", lastName: "Tilleul", amapId: amap1 });
  const { offerId } = await seedOffer(db, {
    memberId: member.id,
    distribution,
    status: "exchanged",
    reservations: [{ intermittentId: intermittent.id, status: "accepted" }],
  });
  await db.update(s.distributions).set({ cancelledAt: new Date() }).where(eq(s.distributions.id, cancelled.id));
  await seedOffer(db, { memberId: member.id, distribution: cancelled, status: "open" });
  const [event] = await db
    .insert(s.events)
    .values({ amapId: amap1, actorId: referent1.id, action: "distribution.cancel", data: { distributionId: cancelled.id }, reason: "Gel" })
    .returning({ id: s.events.id });
  await db.insert(s.monthlyStats).values({ amapId: amap1, month: "2019-01", offered: 71, exchanged: 1, unclaimed: 0, cancelled: 0 });
  await db.insert(s.intermittentMonthlyStats).values({ amapId: amap1, month: "2019-01", userId: intermittent.id, label: "Inès Tilleul", taken: 9 });
  one = {
    referent: await viewerOf(db, referent1.id, amap1),
    place,
    contract,
    distribution,
    cancelled,
    cancelEventId: event!.id,
    member,
    subscription,
    intermittent,
    offerId,
  };

  // AMAP 2.
  const referent2 = await createUser(db, { isReferent: true, firstName: "Rémi", amapId: amap2 });
  const place2 = await createPlace(db, { name: "Hangar des Voisins", amapId: amap2 });
  const contract2 = await createContract(db, { product: "Pain", size: "miche", amapId: amap2 });
  const distribution2 = await createDistribution(db, { placeId: place2.id, date: addDays(today(), 6), contractIds: [contract2.id] });
  const member2 = await createMember(db, { email: uniqueEmail("bob-deux"), firstName: "Bob", lastName: "Voisin", contractIds: [] });
  const subscription2 = await createSubscription(db, { userId: member2.id, contractId: contract2.id });
  const intermittent2 = await createIntermittent(db, { email: uniqueEmail("jade-deux"), firstName: "Jade", lastName: "Voisin", amapId: amap2 });
  const offer2 = await seedOffer(db, {
    memberId: member2.id,
    distribution: distribution2,
    status: "exchanged",
    reservations: [{ intermittentId: intermittent2.id, status: "accepted" }],
  });
  await db.insert(s.monthlyStats).values({ amapId: amap2, month: "2019-02", offered: 3, exchanged: 2, unclaimed: 1, cancelled: 0 });
  two = {
    referent: await viewerOf(db, referent2.id, amap2),
    member: await viewerOf(db, member2.id, amap2),
    intermittent: await viewerOf(db, intermittent2.id, amap2),
    memberUser: member2,
    intermittentUser: intermittent2,
    place: place2,
    contract: contract2,
    distribution: distribution2,
    subscription: subscription2,
    offerId: offer2.offerId,
  };
});

/** Every row an admin command could change, AMAP 1's and the shared people's, to compare before and after. */
async function snapshot() {
  const rows = await Promise.all([
    db.select().from(s.places).orderBy(s.places.id),
    db.select().from(s.contracts).orderBy(s.contracts.id),
    db.select().from(s.distributions).orderBy(s.distributions.id),
    db.select().from(s.distributionContracts).orderBy(s.distributionContracts.distributionId, s.distributionContracts.contractId),
    db.select().from(s.subscriptions).orderBy(s.subscriptions.id),
    db.select().from(s.users).orderBy(s.users.id),
    db.select().from(s.offers).orderBy(s.offers.id),
    db.select().from(s.offerLines).orderBy(s.offerLines.id),
    db.select().from(s.reservations).orderBy(s.reservations.id),
    db.select().from(s.settings).orderBy(s.settings.amapId),
    db.select().from(s.amapReferents).orderBy(s.amapReferents.amapId, s.amapReferents.userId),
    db.select({ n: count() }).from(s.events),
    db.select({ n: count() }).from(s.outbox),
  ]);
  return JSON.stringify(rows);
}

/** Runs `work` and checks it changed nothing at all: no row, no event, no outbox row. */
async function changesNothing(work: () => Promise<unknown>) {
  const before = await snapshot();
  await work();
  expect(await snapshot()).toEqual(before);
}

const notFound = { ok: false, refusal: "not_found" };
const wide = () => ({ from: new Date(Date.now() - 400 * 86_400_000), to: new Date(Date.now() + 400 * 86_400_000) });

describe("the calendar of another AMAP", () => {
  it("lists only the viewer's AMAP's places, contracts and distributions", async () => {
    const places = (await listPlaces(two.referent))!;
    expect(places.map((p) => p.id)).toEqual([two.place.id]);
    expect(places[0]!.upcoming).toBe(1);
    expect((await listContracts(two.referent))!.map((c) => c.id)).toEqual([two.contract.id]);
    expect((await listDistributions(two.referent, wide()))!.map((d) => d.id)).toEqual([two.distribution.id]);
    // And AMAP 1's référent sees AMAP 1's, not AMAP 2's.
    expect((await listPlaces(one.referent))!.map((p) => p.id)).toContain(one.place.id);
    expect((await listPlaces(one.referent))!.map((p) => p.id)).not.toContain(two.place.id);
    expect((await listDistributions(one.referent, wide()))!.map((d) => d.id)).not.toContain(two.distribution.id);
  });

  it("refuses every command on another AMAP's place, contract or distribution as on a missing one", async () => {
    const later = addDays(today(), 20);
    await changesNothing(async () => {
      expect(await editPlace(two.referent, one.place.id, { name: "Pris", address: "Ailleurs", accessNotes: "" })).toEqual(notFound);
      expect(await editContract(two.referent, one.contract.id, { product: "Pris", producer: "X", size: "", price: "1" })).toEqual(notFound);
      expect(await setContractActive(two.referent, one.contract.id, false)).toEqual(notFound);
      expect(await setDeliveredContracts(two.referent, one.distribution.id, [two.contract.id])).toEqual(notFound);
      expect(await moveDistribution(two.referent, one.distribution.id, { date: later, start: "18:00", end: "19:00" })).toEqual(notFound);
      expect(await cancelDistribution(two.referent, one.distribution.id, "Pris")).toEqual(notFound);
      expect(await cancelRemainingOffers(two.referent, one.cancelled.id)).toEqual(notFound);
      // A series or a date at another AMAP's place, or delivering its contract: unknown.
      const series = { weekday: "2", from: later, to: addDays(later, 30), start: "18:00", end: "19:00" };
      expect(await generateSeries(two.referent, { ...series, placeId: one.place.id, contractIds: [two.contract.id] })).toMatchObject({
        ok: false,
        refusal: "invalid",
        fields: { placeId: "unknown_place" },
      });
      expect(await generateSeries(two.referent, { ...series, placeId: two.place.id, contractIds: [one.contract.id] })).toMatchObject({
        ok: false,
        refusal: "invalid",
        fields: { contractIds: "unknown_contract" },
      });
      const date = { date: later, start: "18:00", end: "19:00" };
      expect(await addDistributionDate(two.referent, { ...date, placeId: one.place.id, contractIds: [two.contract.id] })).toMatchObject({
        ok: false,
        fields: { placeId: "unknown_place" },
      });
      expect(await addDistributionDate(two.referent, { ...date, placeId: two.place.id, contractIds: [one.contract.id] })).toMatchObject({
        ok: false,
        fields: { contractIds: "unknown_contract" },
      });
      expect(await setDeliveredContracts(two.referent, two.distribution.id, [two.contract.id, one.contract.id])).toMatchObject({
        ok: false,
        fields: { contractIds: "unknown_contract" },
      });
    });
  });

  it("writes in its own AMAP: a place, a contract, a date there", async () => {
    const place = await addPlace(two.referent, { name: "Cour des Voisins", address: "2 rue", accessNotes: "" });
    const contract = await addContract(two.referent, { product: "Fromage", producer: "Chèvrerie", size: "", price: "4" });
    expect(place.ok && contract.ok).toBe(true);
    if (!place.ok || !contract.ok) return;
    const added = await addDistributionDate(two.referent, {
      placeId: place.value.placeId,
      date: addDays(today(), 25),
      start: "18:00",
      end: "19:00",
      contractIds: [contract.value.contractId],
    });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const [row] = await db.select().from(s.distributions).where(eq(s.distributions.id, added.value.distributionId));
    expect(row!.amapId).toBe(amap2);
    expect(await editPlace(two.referent, place.value.placeId, { name: "Cour", address: "2 rue", accessNotes: "" })).toEqual({ ok: true, value: null });
    expect(await setContractActive(two.referent, contract.value.contractId, false)).toEqual({ ok: true, value: null });
    expect((await listPlaces(one.referent))!.map((p) => p.id)).not.toContain(place.value.placeId);
  });
});

describe("the members of another AMAP", () => {
  it("lists, shows and exports only the people its AMAP knows, with its subscriptions", async () => {
    const list = (await listMembers(two.referent))!;
    const ids = list.members.map((m) => m.userId);
    expect(ids).toEqual(expect.arrayContaining([two.memberUser.id, two.intermittentUser.id, two.referent.userId]));
    expect(ids).not.toContain(one.member.id);
    expect(ids).not.toContain(one.intermittent.id);
    expect(ids).not.toContain(one.referent.userId);
    expect((await listMembers(two.referent, "Tilleul"))!.members).toEqual([]);
    expect(await getMember(two.referent, one.member.id)).toBeNull();
    const own = (await getMember(two.referent, two.memberUser.id))!;
    expect(own.subscriptions.map((x) => x.id)).toEqual([two.subscription.id]);
    expect(own.contracts.map((c) => c.id)).toEqual([two.contract.id]);
    expect((await listContractOptions(two.referent))!.map((c) => c.id)).toEqual([two.contract.id]);
    const csv = (await exportMembersCsv(two.referent))!;
    expect(csv).toContain(two.memberUser.email);
    expect(csv).not.toContain(one.member.email);
    expect(csv).not.toContain("06 11 11 11 11");
    expect(csv).not.toContain("Légumes");
    const template = (await memberTemplateCsv(two.referent))!;
    expect(template).toContain("Pain — miche");
    expect(template).not.toContain("Légumes — grand panier");
    // AMAP 1's référent: AMAP 1's people, not AMAP 2's.
    const ones = (await listMembers(one.referent))!.members.map((m) => m.userId);
    expect(ones).toContain(one.member.id);
    expect(ones).not.toContain(two.memberUser.id);
  });

  it("refuses every command on another AMAP's person, subscription or contract as on a missing one", async () => {
    await changesNothing(async () => {
      expect(await updateMember(two.referent, one.member.id, { email: uniqueEmail("vol"), firstName: "Volé", lastName: "", phone: "" })).toEqual(notFound);
      expect(await addSubscription(two.referent, one.member.id, { contractId: two.contract.id, quantity: 1, startsOn: "2027-01-01", endsOn: "2027-06-30" })).toEqual(
        notFound,
      );
      expect(
        await addSubscription(two.referent, two.memberUser.id, { contractId: one.contract.id, quantity: 1, startsOn: "2027-01-01", endsOn: "2027-06-30" }),
      ).toEqual({ ok: false, refusal: "contract_not_found", fields: ["contractId"] });
      expect(await updateSubscription(two.referent, one.subscription.id, { quantity: 3, startsOn: "2020-01-01", endsOn: "2030-01-01" })).toEqual(notFound);
      expect(await endSubscription(two.referent, one.subscription.id, today())).toEqual(notFound);
      // Another AMAP's contract is not a contract here: the line is refused.
      const preview = (await previewImport(two.referent, `${HEADER}\n${two.memberUser.email};;;;Légumes — grand panier;1;2027-01-01;2027-06-30\n`))!;
      expect(preview).toMatchObject({ ok: true, counts: { invalid: 1 } });
      expect(await importMembers(two.referent, `${HEADER}\n${two.memberUser.email};;;;Légumes — grand panier;1;2027-01-01;2027-06-30\n`)).toMatchObject({
        ok: true,
        value: { invalidLines: [2] },
      });
    });
  });

  it("a person of another AMAP imported or added here is the same account: a subscription here, nothing of the other AMAP shown", async () => {
    const before = await db.select().from(s.subscriptions).where(eq(s.subscriptions.amapId, amap1)).orderBy(s.subscriptions.id);
    const text = `${HEADER}\n${one.member.email};Autre;Nom;07 00 00 00 00;Pain — miche;1;2027-01-01;2027-06-30\n`;
    const preview = (await previewImport(two.referent, text))!;
    expect(preview).toMatchObject({ ok: true, counts: { invalid: 0, membersCreated: 0, subscriptionsCreated: 1 } });
    expect(JSON.stringify(preview)).not.toContain("Légumes");
    expect(await importMembers(two.referent, text)).toMatchObject({ ok: true, value: { counts: { subscriptionsCreated: 1 } } });
    expect(await db.select().from(s.subscriptions).where(eq(s.subscriptions.amapId, amap1)).orderBy(s.subscriptions.id)).toEqual(before);
    const [alice] = await db.select().from(s.users).where(eq(s.users.id, one.member.id));
    expect(alice).toMatchObject({ firstName: "Alice", lastName: "Tilleul", phone: "06 11 11 11 11" });
    const seen = (await getMember(two.referent, one.member.id))!;
    expect(seen.subscriptions.map((x) => [x.contractId, x.startsOn])).toEqual([[two.contract.id, "2027-01-01"]]);
    const csv = (await exportMembersCsv(two.referent))!;
    expect(csv).toContain(one.member.email);
    expect(csv).not.toContain("Légumes");
    // Still AMAP 1's member, with AMAP 1's subscription only, for AMAP 1.
    expect((await getMember(one.referent, one.member.id))!.subscriptions.map((x) => x.contractId)).toEqual([one.contract.id]);

    // « Ajouter une personne » with the address of AMAP 1's intermittent: that account, left as it is.
    const outbox = await db.select({ n: count() }).from(s.outbox);
    const added = await createMemberCommand(two.referent, { email: one.intermittent.email, firstName: "Autre", lastName: "Nom", phone: "" });
    expect(added).toEqual({ ok: true, value: { userId: one.intermittent.id } });
    expect(await db.select().from(s.users).where(eq(s.users.id, one.intermittent.id))).toEqual([expect.objectContaining({ firstName: "Inès" })]);
    expect((await getMember(two.referent, one.intermittent.id))!).toMatchObject({ subscriptions: [], isReferent: false });
    expect(await db.select({ n: count() }).from(s.outbox)).toEqual(outbox);
    // Known here now: added twice is refused like any known address.
    expect(await createMemberCommand(two.referent, { email: one.intermittent.email, firstName: "Encore", lastName: "X", phone: "" })).toEqual({
      ok: false,
      refusal: "email_taken",
    });
  });

  it("the référent flag of the member page is the viewer's AMAP's", async () => {
    expect((await getMember(two.referent, two.referent.userId))!.isReferent).toBe(true);
    const both = await createUser(db, { isReferent: true, amapId: amap1, email: uniqueEmail("referente-un") });
    await createSubscription(db, { userId: both.id, contractId: two.contract.id });
    expect((await getMember(two.referent, both.id))!.isReferent).toBe(false);
    expect((await getMember(one.referent, both.id))!.isReferent).toBe(true);
  });
});

describe("offers, statistics, sign sheets and settings of another AMAP", () => {
  it("shows none of another AMAP's offers or places", async () => {
    const listed = (await listAdminOffers(two.referent, {}))!;
    expect(listed.offers.map((o) => o.offerId)).toEqual([two.offerId]);
    expect(await getAdminOffer(two.referent, one.offerId)).toBeNull();
    const own = (await getAdminOffer(two.referent, two.offerId))!;
    expect(own.reservations.map((r) => r.email)).toEqual([two.intermittentUser.email]);
    expect(own.candidates.map((c) => c.userId)).not.toContain(one.intermittent.id);
    const places = (await listOfferPlaces(two.referent))!.map((p) => p.id);
    expect(places).toContain(two.place.id);
    expect(places).not.toContain(one.place.id);
    expect((await listAdminOffers(one.referent, {}))!.offers.map((o) => o.offerId)).not.toContain(two.offerId);
  });

  it("counts only the AMAP's baskets, archived and live", async () => {
    const stats = (await getStats(two.referent))!;
    expect(stats.months.map((m) => m.month)).toContain("2019-02");
    expect(stats.months.map((m) => m.month)).not.toContain("2019-01");
    expect(stats.intermittents.map((p) => p.name)).toEqual(["Jade Voisin"]);
    expect((await exportStatsCsv(two.referent, "intermittents"))!).not.toContain("Tilleul");
    expect((await exportStatsCsv(two.referent, "mois"))!).not.toContain("2019-01");
    const ones = (await getStats(one.referent))!;
    expect(ones.months.map((m) => m.month)).toContain("2019-01");
    expect(ones.months.map((m) => m.month)).not.toContain("2019-02");
  });

  it("gives no sign sheet of another AMAP's distribution", async () => {
    expect(await getSignSheet(two.referent, one.distribution.id)).toBeNull();
    const own = (await getSignSheet(two.referent, two.distribution.id))!;
    expect(own.amapName).toBe("AMAP des Voisins");
    expect(own.members.map((m) => m.memberId)).toContain(two.memberUser.id);
    expect(own.members.map((m) => m.memberId)).not.toContain(one.member.id);
    const sheets = (await listSheetDistributions(two.referent))!;
    const listed = [...sheets.upcoming, ...sheets.recent].map((d) => d.distributionId);
    expect(listed).toContain(two.distribution.id);
    expect(listed).not.toContain(one.distribution.id);
    expect((await getSignSheet(one.referent, one.distribution.id))!.members.map((m) => m.memberId)).toEqual([one.member.id]);
  });

  it("reads and writes only the AMAP's settings", async () => {
    const mine = (await readSettingsForEdit(two.referent))!;
    expect(mine).toMatchObject({ amapId: amap2, amapName: "AMAP des Voisins" });
    const [ones] = await db.select().from(s.settings).where(eq(s.settings.amapId, amap1));
    const input: SettingsInput = {
      amapName: "AMAP des Voisins renommée",
      contactEmail: "",
      replyTo: "",
      offerCloseHours: "12",
      decisionReminderHours: "12",
      autoAcceptHours: "",
      intermittentReminders: "",
      practicalRules: "",
      retentionMonths: "24",
      emailLogRetentionDays: "90",
      usedLinkRetentionDays: "30",
      joinRequestRetentionDays: "30",
      partnerDelayHours: "24",
    };
    expect(await updateSettings(two.referent, input)).toEqual({ ok: true });
    expect((await readSettingsForEdit(two.referent))!.amapName).toBe("AMAP des Voisins renommée");
    expect(await db.select().from(s.settings).where(eq(s.settings.amapId, amap1))).toEqual([ones]);
  });

  it("refuses everything to AMAP 2's member and intermittent, as to anyone who is not its référent", async () => {
    await changesNothing(async () => {
      for (const who of [two.member, two.intermittent]) {
        expect(await listPlaces(who)).toBeNull();
        expect(await listMembers(who)).toBeNull();
        expect(await getStats(who)).toBeNull();
        expect(await getSignSheet(who, two.distribution.id)).toBeNull();
        expect(await editPlace(who, two.place.id, { name: "X", address: "Y", accessNotes: "" })).toEqual({ ok: false, refusal: "not_referent" });
      }
      // AMAP 1's référent acting in AMAP 2 is not its référent.
      const outsider = await viewerOf(db, one.referent.userId, amap2);
      expect(await listMembers(outsider)).toBeNull();
      expect(await editPlace(outsider, two.place.id, { name: "X", address: "Y", accessNotes: "" })).toEqual({ ok: false, refusal: "not_referent" });
    });
  });
});

describe("the mails of another AMAP", () => {
  it("a handler drops a row naming another AMAP's distribution, event, subscription or offer", async () => {
    const cancelled = { distributionId: one.cancelled.id, userId: one.member.id, eventId: one.cancelEventId, offerIds: [] };
    expect(await calendarMailHandlers["distribution-cancelled-member"](cancelled, db, amap1)).not.toBeNull();
    expect(await calendarMailHandlers["distribution-cancelled-member"](cancelled, db, amap2)).toBeNull();

    const changed = await updateMember(one.referent, one.member.id, {
      email: uniqueEmail("alice-nouvelle"),
      firstName: "Alice",
      lastName: "Tilleul",
      phone: "06 11 11 11 11",
    });
    expect(changed).toEqual({ ok: true, value: { emailChanged: true } });
    const [row] = await db
      .select({ payload: s.outbox.payload, amapId: s.outbox.amapId })
      .from(s.outbox)
      .where(sql`${s.outbox.kind} = 'email-changed' and (${s.outbox.payload}->>'userId') = ${one.member.id}`);
    expect(row!.amapId).toBe(amap1);
    const payload = row!.payload as { userId: string; eventId: number };
    expect(await memberMailHandlers["email-changed"](payload, db, amap1)).not.toBeNull();
    expect(await memberMailHandlers["email-changed"](payload, db, amap2)).toBeNull();
    const ended = { userId: one.member.id, subscriptionId: one.subscription.id, eventId: payload.eventId, offerIds: [one.offerId] };
    expect(await memberMailHandlers["subscription-ended-owner"](ended, db, amap2)).toBeNull();
  });

  it("every calendar and member mail AMAP 1's référent queues is written in AMAP 1 and dropped in AMAP 2", async () => {
    // Three distributions of AMAP 1, each with a member's basket taken by an intermittent.
    const exchange = async (daysAhead: number) => {
      const distribution = await createDistribution(db, { placeId: one.place.id, date: addDays(today(), daysAhead), contractIds: [one.contract.id] });
      const member = await createMember(db, { email: uniqueEmail("membre-un"), contractIds: [] });
      const subscription = await createSubscription(db, { userId: member.id, contractId: one.contract.id });
      await seedOffer(db, { memberId: member.id, distribution, status: "exchanged", reservations: [{ intermittentId: one.intermittent.id, status: "accepted" }] });
      return { distribution, subscription };
    };
    const [moved, cancelled, ended] = [await exchange(30), await exchange(31), await exchange(32)];
    const [before] = await db.select({ id: max(s.outbox.id) }).from(s.outbox);
    expect(await moveDistribution(one.referent, moved.distribution.id, { date: addDays(today(), 33), start: "17:00", end: "18:30" })).toMatchObject({ ok: true });
    expect(await cancelDistribution(one.referent, cancelled.distribution.id, "Grêle")).toMatchObject({ ok: true });
    expect(await endSubscription(one.referent, ended.subscription.id, today())).toMatchObject({ ok: true });
    const queued = await db.select().from(s.outbox).where(gt(s.outbox.id, before?.id ?? 0)).orderBy(s.outbox.id);
    const handlers = { ...calendarMailHandlers, ...memberMailHandlers } as unknown as Record<string, (p: unknown, ex: Db, amapId: number) => Promise<unknown>>;
    const kinds = new Set(queued.map((m) => m.kind));
    // Every kind of both capabilities but « email-changed » (above) is among them.
    expect([...kinds].sort()).toEqual(Object.keys(handlers).filter((k) => k !== "email-changed").sort());
    for (const row of queued) {
      expect(row.amapId, row.kind).toBe(amap1);
      expect(await handlers[row.kind]!(row.payload, db, amap1), `${row.kind} dans sa propre AMAP`).not.toBeNull();
      expect(await handlers[row.kind]!(row.payload, db, amap2), `${row.kind} dans une autre AMAP`).toBeNull();
    }
  });
});
