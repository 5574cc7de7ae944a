// Retention: old offers go, their baskets stay counted in the monthly
// statistics; people who left the list long ago lose their contact details,
// and their traces in the email log; the email log, used links, join
// requests and the history go after their own periods (one test each).
import { and, eq, inArray, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createContract, createDistribution, createIntermittent, createMember, createPlace, createSubscription, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { viewerForUser } from "../auth/auth";
import { updateSettings } from "../admin/settings";
import { consumeLink } from "./signed-links";
import { enqueueMail } from "../mail/enqueue";
import { runReminders } from "../reminders/reminders";
import { applyRetention, retentionCutoff } from "./retention";
import { amapOfDistribution, firstAmapId } from "@/db/queries";

let db: Db;
let contract: s.Contract;
const NOW = new Date("2026-11-27T12:00:00Z");
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const daysAfter = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

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
  const [offer] = await db.insert(s.offers).values({ amapId: amapOfDistribution(distribution.id), memberId: member.id, distributionId: distribution.id, status }).returning();
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
    // Counted in the AMAP of the offers it folds.
    const amapId = await firstAmapId(db);
    expect(september).toEqual({ amapId, month: "2025-09", offered: 4, exchanged: 2, unclaimed: 1, cancelled: 1 });
    const taken = await db.select().from(s.intermittentMonthlyStats).where(eq(s.intermittentMonthlyStats.userId, taker.id));
    expect(taken).toEqual([expect.objectContaining({ amapId, month: "2025-09", taken: 2, label: "Inès Garnier" })]);

    expect(await applyRetention(NOW)).toMatchObject({ offersDeleted: 0 });
    const [again] = await db.select().from(s.monthlyStats).where(eq(s.monthlyStats.month, "2025-09"));
    expect(again!.offered).toBe(4);
  });

  it("erases the contact details of people who left the list before the cutoff, and only theirs", async () => {
    const longGone = await createUser(db, { firstName: "Nathan", lastName: "Perrin", phone: "07 67 89 01 23" });
    await db.insert(s.intermittentMemberships).values({ amapId: await firstAmapId(db),
      userId: longGone.id,
      joinedAt: new Date("2024-01-01T00:00:00Z"),
      leftAt: new Date("2025-06-01T00:00:00Z"),
      leftReason: "Déménage à Nantes",
    });
    const recentlyGone = await createUser(db, { firstName: "Léa", phone: "07 00 00 00 01" });
    await db.insert(s.intermittentMemberships).values({ amapId: await firstAmapId(db), userId: recentlyGone.id, leftAt: new Date("2026-09-01T00:00:00Z") });
    const stillMember = await createMember(db, { contractIds: [contract.id], firstName: "Hugo" });
    await db.insert(s.intermittentMemberships).values({ amapId: await firstAmapId(db), userId: stillMember.id, leftAt: new Date("2025-01-01T00:00:00Z") });
    const referent = await createUser(db, { isReferent: true, firstName: "Rose" });
    await db.insert(s.intermittentMemberships).values({ amapId: await firstAmapId(db), userId: referent.id, leftAt: new Date("2025-01-01T00:00:00Z") });
    const active = await createIntermittent(db, { firstName: "Jules" });

    // What the email log and the join requests hold about the person who goes, and about one who stays.
    const sentTo = async (who: s.User) =>
      (
        await db
          .insert(s.outbox)
          .values({ kind: "list-left", recipient: who.email.toUpperCase(), payload: { userId: who.id }, status: "sent", sentAt: daysBefore(10) })
          .returning()
      )[0]!;
    const goneMail = await sentTo(longGone);
    const keptMail = await sentTo(active);
    const [aboutGone] = await db
      .insert(s.outbox)
      .values({ kind: "list-registered-by", recipient: "someone-else@test.local", payload: { userId: longGone.id, registeredById: active.id }, status: "failed" })
      .returning();
    await db.insert(s.intermittentRequests).values({ amapId: await firstAmapId(db), email: longGone.email, firstName: "Nathan", lastName: "Perrin", status: "pending" });
    const [removal] = await db
      .insert(s.events)
      .values({ action: "membership.leave", subjectUserId: longGone.id, reason: "Nathan ne venait jamais", at: daysBefore(30) })
      .returning();

    const report = await applyRetention(NOW);
    expect(report.peopleErased).toBe(1);
    // Gone from the email log, the join requests and the reasons.
    const left = await db.select({ id: s.outbox.id }).from(s.outbox).where(inArray(s.outbox.id, [goneMail.id, keptMail.id, aboutGone!.id]));
    expect(left.map((r) => r.id)).toEqual([keptMail.id]);
    expect(await db.select().from(s.intermittentRequests).where(eq(s.intermittentRequests.email, longGone.email))).toEqual([]);
    const [history] = await db.select().from(s.events).where(eq(s.events.id, removal!.id));
    expect(history!.reason).toBeNull();
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

  it("the email log: messages sent more than 90 days ago go; recent, unsent, and scheduled ones whose distribution is to come stay", async () => {
    const place = await createPlace(db, { name: "Lieu du journal" });
    const past = await createDistribution(db, { placeId: place.id, date: "2026-08-06", contractIds: [contract.id] });
    const coming = await createDistribution(db, { placeId: place.id, date: "2027-01-07", contractIds: [contract.id] });
    // A basket for January, reserved since the summer and still undecided.
    const member = await createMember(db, { contractIds: [] });
    const sub = await createSubscription(db, { userId: member.id, contractId: contract.id, startsOn: "2026-01-01", endsOn: "2027-12-31" });
    const [offer] = await db.insert(s.offers).values({ amapId: amapOfDistribution(coming.id), memberId: member.id, distributionId: coming.id, status: "reserved" }).returning();
    await db.insert(s.offerLines).values({ offerId: offer!.id, distributionId: coming.id, subscriptionId: sub.id, contractId: contract.id, quantity: 1, unitPriceCents: 2000 });
    const ines = await createIntermittent(db, { firstName: "Inès" });
    const [reservation] = await db
      .insert(s.reservations)
      .values({ offerId: offer!.id, intermittentId: ines.id, status: "pending", position: 1, pendingSince: new Date("2026-08-20T10:00:00Z") })
      .returning();
    // Its decision reminder went in August: the row is the memory that it did.
    await runReminders(new Date("2026-08-20T22:00:00Z"));
    const decisionKey = `reminder:decision:${reservation!.id}:%`;
    const [decision] = await db.select().from(s.outbox).where(like(s.outbox.dedupeKey, decisionKey));
    expect(decision).toBeDefined();
    await db.update(s.outbox).set({ status: "sent", sentAt: new Date("2026-08-20T22:01:00Z") }).where(eq(s.outbox.id, decision!.id));

    const row = async (values: Partial<typeof s.outbox.$inferInsert>) =>
      (
        await db
          .insert(s.outbox)
          .values({ kind: "offer-announced", recipient: "journal@test.local", payload: { offerId: 0, userId: "x", reopened: false }, ...values })
          .returning()
      )[0]!.id;
    const oldSent = await row({ status: "sent", createdAt: daysBefore(95), sentAt: daysBefore(91) });
    const oldFailed = await row({ status: "failed", createdAt: daysBefore(120) });
    const oldSkipped = await row({ status: "skipped", createdAt: daysBefore(91) });
    const oldReminderOfPast = await row({
      kind: "reminder-baskets-left",
      payload: { distributionId: past.id, userId: ines.id },
      dedupeKey: `reminder:baskets-left:${past.id}:x:${ines.id}`,
      status: "sent",
      sentAt: daysBefore(100),
    });
    const recent = await row({ status: "sent", createdAt: daysBefore(89), sentAt: daysBefore(89) });
    const sentLate = await row({ status: "sent", createdAt: daysBefore(120), sentAt: daysBefore(80) });
    const stillPending = await row({ status: "pending", createdAt: daysBefore(200) });
    const sending = await row({ status: "sending", createdAt: daysBefore(200) });

    const report = await applyRetention(NOW);
    expect(report.mailsDeleted).toBeGreaterThanOrEqual(4);
    const ids = [oldSent, oldFailed, oldSkipped, oldReminderOfPast, recent, sentLate, stillPending, sending, decision!.id];
    const kept = (await db.select({ id: s.outbox.id }).from(s.outbox).where(inArray(s.outbox.id, ids))).map((r) => r.id);
    expect(kept.sort((a, b) => a - b)).toEqual([recent, sentLate, stillPending, sending, decision!.id].sort((a, b) => a - b));

    // The reminder's memory stays while its distribution is to come: it is not queued a second time.
    await runReminders(NOW);
    expect(await db.select().from(s.outbox).where(like(s.outbox.dedupeKey, decisionKey))).toHaveLength(1);
    // (Without it, it would be.)
    await db.delete(s.outbox).where(eq(s.outbox.id, decision!.id));
    await runReminders(NOW);
    expect(await db.select().from(s.outbox).where(like(s.outbox.dedupeKey, decisionKey))).toHaveLength(1);
  });

  it("used links: forgotten 90 days after use, never before they expire", async () => {
    const user = await createUser(db);
    const use = async (usedAt: Date, expiresAt: Date | null) => {
      const nonce = Math.random().toString(36).slice(2);
      await db.insert(s.usedLinks).values({ nonce, action: "reserve", userId: user.id, usedAt, expiresAt });
      return nonce;
    };
    const oldExpired = await use(daysBefore(91), daysBefore(60));
    const oldNotExpired = await use(daysBefore(100), daysAfter(10));
    const recent = await use(daysBefore(30), daysBefore(1));
    // Recorded before links kept their expiry: forgotten after 400 days.
    const legacyOld = await use(daysBefore(401), null);
    const legacyRecent = await use(daysBefore(120), null);
    // The link's expiry is recorded with its use.
    const claims = { userId: user.id, action: "unsubscribe" as const, objectId: 0, expiresAt: daysAfter(60), nonce: "consumed-now" };
    expect(await consumeLink(db, claims)).toBe(true);
    const [consumed] = await db.select().from(s.usedLinks).where(eq(s.usedLinks.nonce, "consumed-now"));
    expect(consumed!.expiresAt).toEqual(claims.expiresAt);

    const report = await applyRetention(NOW);
    expect(report.usedLinksDeleted).toBe(2);
    const left = await db.select({ nonce: s.usedLinks.nonce }).from(s.usedLinks).where(eq(s.usedLinks.userId, user.id));
    expect(left.map((l) => l.nonce).sort()).toEqual([oldNotExpired, recent, legacyRecent, "consumed-now"].sort());
    expect(left.map((l) => l.nonce)).not.toContain(oldExpired);
    expect(left.map((l) => l.nonce)).not.toContain(legacyOld);
  });

  it("join requests: a stranger's name, address, phone and message go 90 days after the decision; undecided ones stay", async () => {
    const request = async (status: "pending" | "approved" | "refused", decidedAt: Date | null, createdAt = daysBefore(400)) =>
      (
        await db
          .insert(s.intermittentRequests)
          .values({ amapId: await firstAmapId(db), email: `${Math.random().toString(36).slice(2)}@test.local`, firstName: "Camille", lastName: "Durand", phone: "06 00 00 00 00", message: "Bonjour", status, decidedAt, createdAt })
          .returning()
      )[0]!.id;
    const approvedLongAgo = await request("approved", daysBefore(91));
    const refusedLongAgo = await request("refused", daysBefore(200));
    const refusedRecently = await request("refused", daysBefore(10));
    const undecided = await request("pending", null);

    const report = await applyRetention(NOW);
    expect(report.joinRequestsDeleted).toBe(2);
    const left = await db
      .select({ id: s.intermittentRequests.id })
      .from(s.intermittentRequests)
      .where(inArray(s.intermittentRequests.id, [approvedLongAgo, refusedLongAgo, refusedRecently, undecided]));
    expect(left.map((r) => r.id).sort((a, b) => a - b)).toEqual([refusedRecently, undecided].sort((a, b) => a - b));
  });

  it("invitations: an invited stranger's name and address go with the join requests' period, never before the 90 quiet days", async () => {
    const invitation = async (status: "pending" | "accepted" | "declined" | "withheld", decidedAt: Date | null, createdAt: Date) =>
      (
        await db
          .insert(s.invitations)
          .values({ amapId: await firstAmapId(db), email: `${Math.random().toString(36).slice(2)}@test.local`, firstName: "Camille", status, decidedAt, createdAt, nonce: "n" })
          .returning()
      )[0]!.id;
    const declinedLongAgo = await invitation("declined", daysBefore(91), daysBefore(100));
    const withheldLongAgo = await invitation("withheld", null, daysBefore(120));
    const declinedRecently = await invitation("declined", daysBefore(80), daysBefore(100));
    const pendingRecently = await invitation("pending", null, daysBefore(5));
    await db.update(s.settings).set({ joinRequestRetentionDays: 30 });
    const report = await applyRetention(NOW);
    await db.update(s.settings).set({ joinRequestRetentionDays: 90 });
    expect(report.invitationsDeleted).toBe(2);
    const left = await db
      .select({ id: s.invitations.id })
      .from(s.invitations)
      .where(inArray(s.invitations.id, [declinedLongAgo, withheldLongAgo, declinedRecently, pendingRecently]));
    expect(left.map((r) => r.id).sort((a, b) => a - b)).toEqual([declinedRecently, pendingRecently].sort((a, b) => a - b));
  });

  it("the history: events outside offers, with their reasons, and reasons for leaving the list, as long as offers are kept", async () => {
    const person = await createIntermittent(db, { firstName: "Paul" });
    const [oldEvent, recentEvent] = await db
      .insert(s.events)
      .values([
        { action: "distribution.cancel", reason: "Le maraîcher est malade", at: retentionCutoff(daysBefore(1), 12) },
        { action: "membership.leave", subjectUserId: person.id, reason: "Paul déménage", at: retentionCutoff(daysAfter(1), 12) },
      ])
      .returning();
    const [membership] = await db
      .insert(s.intermittentMemberships)
      .values({ amapId: await firstAmapId(db), userId: person.id, joinedAt: daysBefore(800), leftAt: daysBefore(400), leftReason: "Paul part en voyage" })
      .returning();

    const report = await applyRetention(NOW);
    expect(report.eventsDeleted).toBeGreaterThanOrEqual(1);
    const left = await db.select({ id: s.events.id, reason: s.events.reason }).from(s.events).where(inArray(s.events.id, [oldEvent!.id, recentEvent!.id]));
    expect(left).toEqual([{ id: recentEvent!.id, reason: "Paul déménage" }]);
    const [stay] = await db.select().from(s.intermittentMemberships).where(eq(s.intermittentMemberships.id, membership!.id));
    expect(stay!.leftReason).toBeNull();
  });

  it("the periods are the référents' settings (/admin/reglages), checked before they are saved", async () => {
    const rose = await createUser(db, { isReferent: true, firstName: "Rose" });
    const referent = (await viewerForUser(db, rose.id))!;
    const input = {
      amapName: "AMAP des Tilleuls",
      contactEmail: "",
      replyTo: "",
      offerCloseHours: "12",
      decisionReminderHours: "12",
      autoAcceptHours: "",
      intermittentReminders: "J-1 18:00, J 10:00",
      practicalRules: "",
      retentionMonths: "12",
      emailLogRetentionDays: "30",
      usedLinkRetentionDays: "90",
      joinRequestRetentionDays: "90",
      partnerDelayHours: "24",
    };
    expect(await updateSettings(referent, { ...input, emailLogRetentionDays: "3", usedLinkRetentionDays: "", joinRequestRetentionDays: "4000" })).toEqual({
      ok: false,
      refusal: "invalid",
      fields: ["emailLogRetentionDays", "usedLinkRetentionDays", "joinRequestRetentionDays"],
    });
    expect(await updateSettings(referent, input)).toEqual({ ok: true });
    const [settings] = await db.select().from(s.settings);
    expect(settings).toMatchObject({ emailLogRetentionDays: 30, usedLinkRetentionDays: 90, joinRequestRetentionDays: 90 });

    await enqueueMail(db, await firstAmapId(db), "list-left", [{ to: "trente@test.local", payload: { userId: rose.id } }]);
    await db.update(s.outbox).set({ status: "sent", sentAt: daysBefore(31) }).where(and(eq(s.outbox.recipient, "trente@test.local")));
    await applyRetention(NOW);
    expect(await db.select().from(s.outbox).where(eq(s.outbox.recipient, "trente@test.local"))).toEqual([]);
    await db.update(s.settings).set({ emailLogRetentionDays: 90 });
  });
});
