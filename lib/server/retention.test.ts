// Retention: old offers go, their baskets stay counted in the monthly
// statistics; people who left the list long ago lose their contact details.
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createContract, createDistribution, createIntermittent, createMember, createPlace, createSubscription, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { applyRetention, retentionCutoff } from "./retention";

let db: Db;
let contract: s.Contract;
const NOW = new Date("2026-11-27T12:00:00Z");

beforeAll(async () => {
  db = await getDb();
  await db.update(s.settings).set({ retentionMonths: 12 });
  contract = await createContract(db);
});

async function offerAt(date: string, status: s.OfferStatus, quantity = 1) {
  const place = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 7)}` });
  const distribution = await createDistribution(db, { placeId: place.id, date, contractIds: [contract.id] });
  const member = await createMember(db, { contractIds: [] });
  const sub = await createSubscription(db, { userId: member.id, contractId: contract.id, startsOn: "2025-01-01", endsOn: "2026-12-31", quantity });
  const [offer] = await db.insert(s.offers).values({ memberId: member.id, distributionId: distribution.id, status }).returning();
  await db.insert(s.offerLines).values({
    offerId: offer!.id,
    distributionId: distribution.id,
    subscriptionId: sub.id,
    contractId: contract.id,
    quantity,
    unitPriceCents: 2000,
  });
  await db.insert(s.events).values({ action: "offer.create", offerId: offer!.id, actorId: member.id });
  return offer!;
}

describe("retention", () => {
  it("computes the cutoff in calendar months", () => {
    expect(retentionCutoff(NOW, 12).toISOString()).toBe("2025-11-27T12:00:00.000Z");
  });

  it("deletes old offers and keeps their baskets in the monthly statistics, once", async () => {
    const taker = await createIntermittent(db, { firstName: "Inès", lastName: "Garnier" });
    const done = await offerAt("2025-09-11", "done", 2);
    await db.insert(s.reservations).values({ offerId: done.id, intermittentId: taker.id, status: "accepted", position: 1 });
    const unclaimed = await offerAt("2025-09-18", "unclaimed");
    const cancelled = await offerAt("2025-09-25", "cancelled");
    const recent = await offerAt("2026-10-01", "done");

    const report = await applyRetention(NOW);
    expect(report.offersDeleted).toBe(3);
    const left = await db.select({ id: s.offers.id }).from(s.offers).where(inArray(s.offers.id, [done.id, unclaimed.id, cancelled.id, recent.id]));
    expect(left.map((o) => o.id)).toEqual([recent.id]);
    expect(await db.select().from(s.events).where(eq(s.events.offerId, done.id))).toHaveLength(0);

    const [september] = await db.select().from(s.monthlyStats).where(eq(s.monthlyStats.month, "2025-09"));
    expect(september).toEqual({ month: "2025-09", offered: 4, exchanged: 2, unclaimed: 1, cancelled: 1 });
    const taken = await db.select().from(s.intermittentMonthlyStats).where(eq(s.intermittentMonthlyStats.userId, taker.id));
    expect(taken).toEqual([expect.objectContaining({ month: "2025-09", taken: 2, label: "Inès Garnier" })]);

    expect(await applyRetention(NOW)).toMatchObject({ offersDeleted: 0 });
    const [again] = await db.select().from(s.monthlyStats).where(eq(s.monthlyStats.month, "2025-09"));
    expect(again!.offered).toBe(4);
  });

  it("erases the contact details of people who left the list before the cutoff, and only theirs", async () => {
    const longGone = await createUser(db, { firstName: "Nathan", lastName: "Perrin", phone: "07 67 89 01 23" });
    await db.insert(s.intermittentMemberships).values({
      userId: longGone.id,
      joinedAt: new Date("2024-01-01T00:00:00Z"),
      leftAt: new Date("2025-06-01T00:00:00Z"),
      leftReason: "Déménage à Nantes",
    });
    const recentlyGone = await createUser(db, { firstName: "Léa", phone: "07 00 00 00 01" });
    await db.insert(s.intermittentMemberships).values({ userId: recentlyGone.id, leftAt: new Date("2026-09-01T00:00:00Z") });
    const stillMember = await createMember(db, { contractIds: [contract.id], firstName: "Hugo" });
    await db.insert(s.intermittentMemberships).values({ userId: stillMember.id, leftAt: new Date("2025-01-01T00:00:00Z") });
    const referent = await createUser(db, { isReferent: true, firstName: "Rose" });
    await db.insert(s.intermittentMemberships).values({ userId: referent.id, leftAt: new Date("2025-01-01T00:00:00Z") });
    const active = await createIntermittent(db, { firstName: "Jules" });

    const report = await applyRetention(NOW);
    expect(report.peopleErased).toBe(1);
    const [erased] = await db.select().from(s.users).where(eq(s.users.id, longGone.id));
    expect(erased).toMatchObject({ firstName: "", lastName: "", phone: null, email: `efface-${longGone.id}@invalid` });
    const [membership] = await db.select().from(s.intermittentMemberships).where(eq(s.intermittentMemberships.userId, longGone.id));
    expect(membership!.leftReason).toBeNull();
    for (const kept of [recentlyGone, stillMember, referent, active]) {
      const [row] = await db.select().from(s.users).where(eq(s.users.id, kept.id));
      expect(row!.email).toBe(kept.email);
      expect(row!.firstName).toBe(kept.firstName);
    }
    expect((await applyRetention(NOW)).peopleErased).toBe(0);
  });
});
