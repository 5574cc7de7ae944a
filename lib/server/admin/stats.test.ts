// Statistics against a real database: the archive rows the retention job
// leaves plus the live offers, by the Paris month of the distribution, in
// baskets; baskets taken per intermittent; the CSV; référents only.
import { beforeAll, describe, expect, it } from "vitest";
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
import { seedOffer } from "@/test/seed-offer";
import { viewerForUser, type Viewer } from "../auth/auth";
import { exportStatsCsv, getStats, type StatsDTO } from "./stats";
import { firstAmapId } from "@/db/queries";

let db: Db;
let referent: Viewer;
let memberViewer: Viewer;
let intermittentViewer: Viewer;
let stats: StatsDTO;
let ines: s.User;

beforeAll(async () => {
  db = await getDb();
  const veg = await createContract(db, { product: "Légumes" });
  const eggs = await createContract(db, { product: "Œufs", size: "boîte de 6", unitPriceCents: 350 });
  referent = (await viewerForUser(db, (await createUser(db, { isReferent: true })).id))!;
  memberViewer = (await viewerForUser(db, (await createMember(db, { contractIds: [veg.id] })).id))!;
  intermittentViewer = (await viewerForUser(db, (await createIntermittent(db)).id))!;

  ines = await createIntermittent(db, { firstName: "Inès", lastName: "Garnier" });
  const jules = await createIntermittent(db, { firstName: "Jules", lastName: "Faure" });
  const place = await createPlace(db);
  const at = (date: string, start: string, end: string) =>
    createDistribution(db, { placeId: place.id, date, start, end, contractIds: [veg.id, eggs.id] });
  // Past midnight in Paris on 1 June, still 31 May in UTC: a June distribution.
  const june = await at("2030-06-01", "00:30", "01:30");
  const may = await at("2030-05-31", "20:00", "21:00");
  /** A member holding vegetables and two boxes of eggs through 2030. */
  const member = async () => {
    const user = await createUser(db);
    await createSubscription(db, { userId: user.id, contractId: veg.id, startsOn: "2030-01-01", endsOn: "2030-12-31" });
    await createSubscription(db, { userId: user.id, contractId: eggs.id, quantity: 2, startsOn: "2030-01-01", endsOn: "2030-12-31" });
    return user;
  };
  const accepted = (who: s.User) => [{ intermittentId: who.id, status: "accepted" as const }];

  // June, live: 3 baskets exchanged (vegetables + 2 eggs) to Inès, 1 done by Jules, then 1 each unclaimed, cancelled, open, reserved.
  await seedOffer(db, { memberId: (await member()).id, distribution: june, status: "exchanged", reservations: accepted(ines) });
  await seedOffer(db, { memberId: (await member()).id, distribution: june, status: "done", contractIds: [veg.id], reservations: accepted(jules) });
  await seedOffer(db, { memberId: (await member()).id, distribution: june, status: "unclaimed", contractIds: [veg.id] });
  await seedOffer(db, {
    memberId: (await member()).id,
    distribution: june,
    status: "cancelled",
    contractIds: [veg.id],
    reservations: [{ intermittentId: jules.id, status: "cancelled" }],
  });
  await seedOffer(db, { memberId: (await member()).id, distribution: june, status: "open", contractIds: [veg.id] });
  await seedOffer(db, {
    memberId: (await member()).id,
    distribution: june,
    status: "reserved",
    contractIds: [veg.id],
    reservations: [{ intermittentId: ines.id, status: "pending" }],
  });
  // May, live: one basket taken by Jules; the pending reservation before it does not count.
  await seedOffer(db, {
    memberId: (await member()).id,
    distribution: may,
    status: "exchanged",
    contractIds: [veg.id],
    reservations: [
      { intermittentId: ines.id, status: "declined" },
      { intermittentId: jules.id, status: "accepted" },
    ],
  });

  // The archive: a month long purged, and counts added to June's live ones.
  const amapId = await firstAmapId(db);
  await db.insert(s.monthlyStats).values([
    { amapId, month: "2019-03", offered: 10, exchanged: 6, unclaimed: 3, cancelled: 1 },
    { amapId, month: "2030-06", offered: 2, exchanged: 1, unclaimed: 1, cancelled: 0 },
  ]);
  // An account whose contact details retention erased keeps the name archived with its counts.
  const erased = await createUser(db, { firstName: "", lastName: "", email: "efface-x@invalid" });
  await db.insert(s.intermittentMonthlyStats).values([
    { amapId, month: "2019-03", userId: ines.id, label: "Inès G.", taken: 4 },
    { amapId, month: "2019-03", userId: null, label: "Paul Parti", taken: 2 },
    { amapId, month: "2019-02", userId: erased.id, label: "Zoé Effacée", taken: 1 },
  ]);

  stats = (await getStats(referent))!;
});

describe("statistics per month", () => {
  it("add the archive to the live offers, by the Paris month of the distribution, in baskets", () => {
    expect(stats.months).toEqual([
      { month: "2019-03", offered: 10, exchanged: 6, unclaimed: 3, cancelled: 1 },
      { month: "2030-05", offered: 1, exchanged: 1, unclaimed: 0, cancelled: 0 },
      // live: 3 + 1 + 1 + 1 + 1 + 1 offered, 3 + 1 exchanged (exchanged and done), 1 unclaimed, 1 cancelled.
      { month: "2030-06", offered: 2 + 8, exchanged: 1 + 4, unclaimed: 1 + 1, cancelled: 1 },
    ]);
  });
});

describe("statistics per intermittent", () => {
  it("count accepted exchanges only, add the archive, and keep people whose account is gone", () => {
    expect(stats.intermittents.map(({ name, taken }) => ({ name, taken }))).toEqual([
      { name: "Inès Garnier", taken: 3 + 4 },
      { name: "Jules Faure", taken: 1 + 1 },
      { name: "Paul Parti", taken: 2 },
      { name: "Zoé Effacée", taken: 1 },
    ]);
    expect(stats.intermittents[0]!.months).toEqual([
      { month: "2019-03", taken: 4 },
      { month: "2030-06", taken: 3 },
    ]);
  });
});

describe("the CSV export", () => {
  it("has one line per month", async () => {
    const csv = (await exportStatsCsv(referent, "mois"))!;
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      '"Mois";"Paniers proposés";"Paniers échangés";"Paniers non repris";"Paniers annulés"',
      '"2019-03";10;6;3;1',
      '"2030-05";1;1;0;0',
      '"2030-06";10;5;2;1',
      "",
    ]);
  });

  it("has one line per intermittent and month", async () => {
    const csv = (await exportStatsCsv(referent, "intermittents"))!;
    expect(csv.slice(1).split("\r\n")).toEqual([
      '"Mois";"Intermittent·e";"Paniers repris"',
      '"2019-03";"Inès Garnier";4',
      '"2030-06";"Inès Garnier";3',
      '"2030-05";"Jules Faure";1',
      '"2030-06";"Jules Faure";1',
      '"2019-03";"Paul Parti";2',
      '"2019-02";"Zoé Effacée";1',
      "",
    ]);
  });
});

describe("référents only", () => {
  it("refuses the statistics and their export to a member, an intermittent and a signed-out visitor", async () => {
    for (const viewer of [memberViewer, intermittentViewer, null]) {
      expect(await getStats(viewer)).toBeNull();
      expect(await exportStatsCsv(viewer, "mois")).toBeNull();
      expect(await exportStatsCsv(viewer, "intermittents")).toBeNull();
    }
  });
});
