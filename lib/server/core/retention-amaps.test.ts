// Retention per AMAP (issue 13, DESIGN.md §11): two AMAPs with different
// periods each lose their offers, history, email log, join requests and
// invitations after their own periods, and count their baskets in their own
// monthly statistics. A person is erased only when no AMAP keeps them; the
// retention event of an AMAP names it, people's erasure is the deployment's.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { amapOfDistribution, firstAmapId } from "@/db/queries";
import { addToIntermittents, createAmap, createContract, createDistribution, createMember, createPlace, createSubscription, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { applyRetention } from "./retention";

let db: Db;
let tilleuls: number;
let lilas: number;
const NOW = new Date("2026-11-27T12:00:00Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const monthsBefore = (months: number) => {
  const date = new Date(NOW);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date;
};

/** A done offer of one basket, in the AMAP, at a distribution on `date`. */
async function doneOffer(amapId: number, date: string) {
  const contract = await createContract(db, { amapId });
  const place = await createPlace(db, { amapId, name: `Lieu ${Math.random().toString(36).slice(2, 7)}` });
  const distribution = await createDistribution(db, { placeId: place.id, date, contractIds: [contract.id] });
  const member = await createMember(db, { contractIds: [] });
  const sub = await createSubscription(db, { userId: member.id, contractId: contract.id, startsOn: "2023-01-01", endsOn: "2027-12-31" });
  const [offer] = await db.insert(s.offers).values({ amapId: amapOfDistribution(distribution.id), memberId: member.id, distributionId: distribution.id, status: "done" }).returning();
  await db.insert(s.offerLines).values({ offerId: offer!.id, distributionId: distribution.id, subscriptionId: sub.id, contractId: contract.id, quantity: 1, unitPriceCents: 2000 });
  return offer!.id;
}

/** Someone who was on the AMAP's list and left it `months` ago. */
async function leftList(userId: string, amapId: number, months: number) {
  const membership = await addToIntermittents(db, { userId, amapId, joinedAt: monthsBefore(months + 12) });
  await db
    .update(s.intermittentMemberships)
    .set({ leftAt: monthsBefore(months), leftReason: "Raison du départ" })
    .where(eq(s.intermittentMemberships.id, membership.id));
}

beforeAll(async () => {
  db = await getDb();
  tilleuls = await firstAmapId(db);
  lilas = (await createAmap(db, { slug: "lilas", name: "AMAP des Lilas" })).id;
  // Les Tilleuls keep little; Les Lilas keep long.
  await db
    .update(s.settings)
    .set({ retentionMonths: 12, emailLogRetentionDays: 30, joinRequestRetentionDays: 30 })
    .where(eq(s.settings.amapId, tilleuls));
  await db
    .update(s.settings)
    .set({ retentionMonths: 24, emailLogRetentionDays: 90, joinRequestRetentionDays: 200 })
    .where(eq(s.settings.amapId, lilas));
});

describe("retention, AMAP by AMAP", () => {
  it("each AMAP purges its offers, history, email log, join requests and invitations by its own periods only", async () => {
    // Offers: 18 months old in each (past 12, within 24), and one of Les Lilas 30 months old.
    const offer18Tilleuls = await doneOffer(tilleuls, "2025-05-15");
    const offer18Lilas = await doneOffer(lilas, "2025-05-15");
    const offer30Lilas = await doneOffer(lilas, "2024-05-16");
    // History outside offers: 18 months old in each.
    const [event1, event2] = await db
      .insert(s.events)
      .values([
        { amapId: tilleuls, action: "distribution.cancel", reason: "Grêle", at: monthsBefore(18) },
        { amapId: lilas, action: "distribution.cancel", reason: "Grêle", at: monthsBefore(18) },
      ])
      .returning();
    // The email log: sent 60 days ago in each (past 30, within 90).
    const [mail1, mail2] = await db
      .insert(s.outbox)
      .values([
        { amapId: tilleuls, kind: "list-left", recipient: "a@test.local", payload: {}, status: "sent", sentAt: daysBefore(60) },
        { amapId: lilas, kind: "list-left", recipient: "b@test.local", payload: {}, status: "sent", sentAt: daysBefore(60) },
      ])
      .returning();
    // Join requests decided 60 days ago (past 30, within 200); invitations declined 120 days ago (past the 90 quiet days, within 200).
    const [request1, request2] = await db
      .insert(s.intermittentRequests)
      .values(
        [tilleuls, lilas].map((amapId) => ({ amapId, email: `demande-${amapId}@test.local`, firstName: "Camille", lastName: "Durand", status: "refused" as const, decidedAt: daysBefore(60) })),
      )
      .returning();
    const [invitation1, invitation2] = await db
      .insert(s.invitations)
      .values([tilleuls, lilas].map((amapId) => ({ amapId, email: `invite-${amapId}@test.local`, firstName: "Sam", status: "declined" as const, decidedAt: daysBefore(120), createdAt: daysBefore(130), nonce: "n" })))
      .returning();

    const report = await applyRetention(NOW);
    expect(report).toMatchObject({ offersDeleted: 2, mailsDeleted: 1, joinRequestsDeleted: 1, invitationsDeleted: 1 });

    const ids = async <T extends { id: number }>(rows: Promise<T[]>) => (await rows).map((r) => r.id).sort((a, b) => a - b);
    expect(await ids(db.select({ id: s.offers.id }).from(s.offers).where(inArray(s.offers.id, [offer18Tilleuls, offer18Lilas, offer30Lilas])))).toEqual([offer18Lilas]);
    expect(await ids(db.select({ id: s.events.id }).from(s.events).where(inArray(s.events.id, [event1!.id, event2!.id])))).toEqual([event2!.id]);
    expect(await ids(db.select({ id: s.outbox.id }).from(s.outbox).where(inArray(s.outbox.id, [mail1!.id, mail2!.id])))).toEqual([mail2!.id]);
    expect(await ids(db.select({ id: s.intermittentRequests.id }).from(s.intermittentRequests).where(inArray(s.intermittentRequests.id, [request1!.id, request2!.id])))).toEqual([
      request2!.id,
    ]);
    expect(await ids(db.select({ id: s.invitations.id }).from(s.invitations).where(inArray(s.invitations.id, [invitation1!.id, invitation2!.id])))).toEqual([
      invitation2!.id,
    ]);

    // Each AMAP's baskets in its own statistics: Les Lilas' May 2025 is not folded yet.
    const stats = await db.select().from(s.monthlyStats).orderBy(s.monthlyStats.amapId, s.monthlyStats.month);
    expect(stats).toEqual([
      { amapId: tilleuls, month: "2025-05", offered: 1, exchanged: 1, unclaimed: 0, cancelled: 0 },
      { amapId: lilas, month: "2024-05", offered: 1, exchanged: 1, unclaimed: 0, cancelled: 0 },
    ]);

    // Each AMAP's retention event names it, with its own cutoff and counts.
    const purges = await db.select().from(s.events).where(eq(s.events.action, "retention.purge")).orderBy(s.events.id);
    expect(purges).toEqual([
      expect.objectContaining({ amapId: tilleuls, data: expect.objectContaining({ offersDeleted: 1, mailsDeleted: 1, cutoff: monthsBefore(12).toISOString() }) }),
      expect.objectContaining({ amapId: lilas, data: expect.objectContaining({ offersDeleted: 1, mailsDeleted: 0, cutoff: monthsBefore(24).toISOString() }) }),
    ]);

    // Nothing more the second time.
    expect(await applyRetention(NOW)).toMatchObject({ offersDeleted: 0, mailsDeleted: 0, joinRequestsDeleted: 0, invitationsDeleted: 0, eventsDeleted: 0 });
  });

  it("erases a person only when no AMAP keeps them", async () => {
    // Left both lists 18 months ago: Les Lilas (24 months) still keep them.
    const both = await createUser(db, { firstName: "Aline" });
    await leftList(both.id, tilleuls, 18);
    await leftList(both.id, lilas, 18);
    // Left Les Tilleuls' list 18 months ago, nothing else: erased.
    const tilleulsOnly = await createUser(db, { firstName: "Basile" });
    await leftList(tilleulsOnly.id, tilleuls, 18);
    // Left Les Lilas' list 30 months ago, nothing else: erased.
    const lilasLongAgo = await createUser(db, { firstName: "Céline" });
    await leftList(lilasLongAgo.id, lilas, 30);
    // Left Les Tilleuls' list; a subscription of Les Lilas ended 18 months ago: kept.
    const subscribed = await createUser(db, { firstName: "Denis" });
    await leftList(subscribed.id, tilleuls, 18);
    const lilasContract = await createContract(db, { amapId: lilas });
    await createSubscription(db, { userId: subscribed.id, contractId: lilasContract.id, startsOn: "2024-01-01", endsOn: "2025-05-31" });
    // Left Les Tilleuls' list; référent of Les Lilas: kept.
    const referent = await createUser(db, { firstName: "Emma", isReferent: true, amapId: lilas });
    await leftList(referent.id, tilleuls, 18);

    const report = await applyRetention(NOW);
    expect(report.peopleErased).toBe(2);
    const people = await db.select().from(s.users).where(inArray(s.users.id, [both.id, tilleulsOnly.id, lilasLongAgo.id, subscribed.id, referent.id]));
    const byId = new Map(people.map((p) => [p.id, p]));
    for (const gone of [tilleulsOnly, lilasLongAgo]) expect(byId.get(gone.id)).toMatchObject({ firstName: "", email: `efface-${gone.id}@invalid` });
    for (const kept of [both, subscribed, referent]) expect(byId.get(kept.id)).toMatchObject({ firstName: kept.firstName, email: kept.email });

    // The reason for leaving Les Tilleuls goes after Les Tilleuls' period; Les Lilas keep theirs.
    const reasons = await db
      .select({ amapId: s.intermittentMemberships.amapId, leftReason: s.intermittentMemberships.leftReason })
      .from(s.intermittentMemberships)
      .where(eq(s.intermittentMemberships.userId, both.id))
      .orderBy(s.intermittentMemberships.amapId);
    expect(reasons).toEqual([
      { amapId: tilleuls, leftReason: null },
      { amapId: lilas, leftReason: "Raison du départ" },
    ]);

    // People belong to no AMAP: their erasure is the deployment's event.
    const [erasure] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.action, "retention.purge"), isNull(s.events.amapId)));
    expect(erasure!.data).toMatchObject({ peopleErased: 2 });
  });
});
