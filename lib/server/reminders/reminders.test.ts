// Reminders: queued at the right Paris time across a DST change, once per
// reminder even with two workers racing, checked again when they leave.
import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createContract, createDistribution, createIntermittent, createMember, createPlace, createSubscription } from "@/db/factories";
import * as s from "@/db/schema";
import { RECENTLY_ANNOUNCED_HOURS } from "@/lib/domain/reminders";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerForUser } from "../auth/auth";
import { getMailer } from "../mail/mailer";
import { createOffers } from "../exchange/offers";
import { drainOutbox } from "../outbox/worker";
import { enqueueMail } from "../mail/enqueue";
import { runReminders } from "./reminders";
import { amapOfDistribution, firstAmapId } from "@/db/queries";

let db: Db;
let contract: s.Contract;

// Sunday 29 March 2026: clocks go forward at 02:00 in Paris. The distribution
// starts at 10:30 summer time (08:30Z); the evening before is still winter time.
const DATE = "2026-03-29";
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  db = await getDb();
  contract = await createContract(db, { product: "Légumes", size: "grand panier" });
});

beforeEach(async () => {
  await db.delete(s.outbox);
  await db.delete(s.devMails);
  await db.update(s.settings).set({ autoAcceptHours: null });
});

/** A distribution that day, and an offer by a new member with the given state (written directly: it is in the past for the commands). */
async function offerOn(state: { status: s.OfferStatus; reservation?: { status: s.ReservationStatus; pendingSince?: Date; decidedAt?: Date } }) {
  const place = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 7)}` });
  const distribution = await createDistribution(db, { placeId: place.id, date: DATE, start: "10:30", end: "12:00", contractIds: [contract.id] });
  const member = await createMember(db, { contractIds: [], firstName: "Alice", lastName: "Martin", phone: "06 12 34 56 78" });
  const sub = await createSubscription(db, { userId: member.id, contractId: contract.id, startsOn: "2026-01-01", endsOn: "2026-12-31" });
  const [offer] = await db
    .insert(s.offers)
    .values({ amapId: amapOfDistribution(distribution.id), memberId: member.id, distributionId: distribution.id, status: state.status, createdAt: at("2026-03-20T10:00:00Z") })
    .returning();
  await db.insert(s.offerLines).values({
    offerId: offer!.id,
    distributionId: distribution.id,
    subscriptionId: sub.id,
    contractId: contract.id,
    quantity: 1,
    unitPriceCents: 2000,
  });
  let taker: s.User | null = null;
  let reservationId: number | null = null;
  if (state.reservation) {
    taker = await createIntermittent(db, { firstName: "Inès", lastName: "Garnier", phone: "07 12 34 56 78" });
    const [r] = await db
      .insert(s.reservations)
      .values({
        offerId: offer!.id,
        intermittentId: taker.id,
        status: state.reservation.status,
        position: 1,
        createdAt: at("2026-03-25T10:00:00Z"),
        pendingSince: state.reservation.pendingSince ?? null,
        decidedAt: state.reservation.decidedAt ?? null,
      })
      .returning();
    reservationId = r!.id;
  }
  return { distribution, member, offer: offer!, taker, reservationId };
}

async function rows(kind: string, dedupePrefix: string) {
  return db
    .select()
    .from(s.outbox)
    .where(and(eq(s.outbox.kind, kind), like(s.outbox.dedupeKey, `${dedupePrefix}%`)));
}

describe("reminders", () => {
  it("« il reste N paniers »: the evening before at 18:00 winter time, the day at 10:00 summer time, once each with two workers", async () => {
    const { distribution } = await offerOn({ status: "open" });
    await createIntermittent(db, { firstName: "Inès" });
    const prefix = `reminder:baskets-left:${distribution.id}:`;
    await runReminders(at("2026-03-28T16:59:00Z"));
    expect(await rows("reminder-baskets-left", prefix)).toHaveLength(0);

    await Promise.all([runReminders(at("2026-03-28T17:00:00Z")), runReminders(at("2026-03-28T17:00:30Z"))]);
    const evening = await rows("reminder-baskets-left", prefix);
    const intermittents = await db.select().from(s.intermittentMemberships).where(sql`${s.intermittentMemberships.leftAt} is null`);
    expect(intermittents.length).toBeGreaterThan(0);
    expect(evening.length).toBe(intermittents.length);
    expect(new Set(evening.map((r) => r.recipient)).size).toBe(evening.length);
    expect(evening.every((r) => r.dedupeKey!.includes("2026-03-28T17:00:00.000Z"))).toBe(true);

    await runReminders(at("2026-03-29T07:59:00Z"));
    expect(await rows("reminder-baskets-left", prefix)).toHaveLength(intermittents.length);
    await Promise.all([runReminders(at("2026-03-29T08:00:00Z")), runReminders(at("2026-03-29T08:01:00Z"))]);
    const day = (await rows("reminder-baskets-left", prefix)).filter((r) => r.dedupeKey!.includes("2026-03-29T08:00:00.000Z"));
    expect(day).toHaveLength(intermittents.length);

    // After the start, nothing more.
    await runReminders(at("2026-03-29T08:30:00Z"));
    expect(await rows("reminder-baskets-left", prefix)).toHaveLength(2 * intermittents.length);
  });

  it("« il reste N paniers » at J-5 and J-4 (settings go up to J-7): each at its time, none late, none skipped", async () => {
    await db.update(s.settings).set({
      intermittentReminders: [
        { dayOffset: -5, time: "18:00" },
        { dayOffset: -4, time: "18:00" },
      ],
    });
    try {
      const { distribution } = await offerOn({ status: "open" });
      await createIntermittent(db, { firstName: "Jules" });
      const prefix = `reminder:baskets-left:${distribution.id}:`;
      const intermittents = (await db.select().from(s.intermittentMemberships).where(sql`${s.intermittentMemberships.leftAt} is null`)).length;
      expect(intermittents).toBeGreaterThan(0);
      // J-5 18:00 (winter time) = 17:00Z on 24 March, five days before the start.
      await runReminders(at("2026-03-24T16:59:00Z"));
      expect(await rows("reminder-baskets-left", prefix)).toHaveLength(0);
      await runReminders(at("2026-03-24T17:00:00Z"));
      const first = await rows("reminder-baskets-left", prefix);
      expect(first).toHaveLength(intermittents);
      expect(first.every((r) => r.dedupeKey!.includes("2026-03-24T17:00:00.000Z"))).toBe(true);
      await runReminders(at("2026-03-25T17:00:00Z"));
      const second = (await rows("reminder-baskets-left", prefix)).filter((r) => r.dedupeKey!.includes("2026-03-25T17:00:00.000Z"));
      expect(second).toHaveLength(intermittents);
    } finally {
      await db.update(s.settings).set({
        intermittentReminders: [
          { dayOffset: -1, time: "18:00" },
          { dayOffset: 0, time: "10:00" },
        ],
      });
    }
  });

  it("a reservation awaiting an answer a week before the distribution: reminded 12 hours on, not days later", async () => {
    const { reservationId } = await offerOn({
      status: "reserved",
      reservation: { status: "pending", pendingSince: at("2026-03-22T10:00:00Z") },
    });
    await runReminders(at("2026-03-22T22:00:00Z"));
    const late = await rows("reminder-decision", `reminder:decision:${reservationId}:`);
    expect(late).toHaveLength(1);
    expect(late[0]!.dedupeKey).toContain("2026-03-22T22:00:00.000Z");
  });

  it("a reservation awaiting an answer: 12 hours on, then the morning of the distribution", async () => {
    const { reservationId, member } = await offerOn({
      status: "reserved",
      reservation: { status: "pending", pendingSince: at("2026-03-27T10:00:00Z") },
    });
    const prefix = `reminder:decision:${reservationId}:`;
    await runReminders(at("2026-03-27T21:59:00Z"));
    expect(await rows("reminder-decision", prefix)).toHaveLength(0);
    await Promise.all([runReminders(at("2026-03-27T22:00:00Z")), runReminders(at("2026-03-27T22:00:00Z"))]);
    const late = await rows("reminder-decision", prefix);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ recipient: member.email, payload: { morning: false } });
    // 08:00 summer time = 06:00Z.
    await runReminders(at("2026-03-29T06:00:00Z"));
    const morning = (await rows("reminder-decision", prefix)).filter((r) => (r.payload as { morning: boolean }).morning);
    expect(morning).toHaveLength(1);
    expect(morning[0]!.dedupeKey).toContain("2026-03-29T06:00:00.000Z");
  });

  it("the taker the morning of the distribution, and the member nobody answered the evening before", async () => {
    const exchanged = await offerOn({
      status: "exchanged",
      reservation: { status: "accepted", decidedAt: at("2026-03-26T10:00:00Z") },
    });
    const lonely = await offerOn({ status: "open" });
    await runReminders(at("2026-03-28T17:00:00Z"));
    expect(await rows("reminder-nobody-reserved", `reminder:nobody-reserved:${lonely.offer.id}`)).toMatchObject([
      { recipient: lonely.member.email },
    ]);
    expect(await rows("reminder-pickup", `reminder:pickup:${exchanged.reservationId}`)).toHaveLength(0);
    await runReminders(at("2026-03-29T06:00:00Z"));
    await runReminders(at("2026-03-29T06:05:00Z"));
    expect(await rows("reminder-pickup", `reminder:pickup:${exchanged.reservationId}`)).toMatchObject([
      { recipient: exchanged.taker!.email },
    ]);
    expect(await rows("reminder-nobody-reserved", `reminder:nobody-reserved:${lonely.offer.id}`)).toHaveLength(1);
  });

  it("with the auto-accept setting, a reservation still pending 6 hours before is accepted", async () => {
    await db.update(s.settings).set({ autoAcceptHours: 6 });
    const { reservationId, offer, taker, member } = await offerOn({
      status: "reserved",
      reservation: { status: "pending", pendingSince: at("2026-03-28T20:00:00Z") },
    });
    const statusOf = async () => (await db.select().from(s.offers).where(eq(s.offers.id, offer.id)))[0]!.status;
    await runReminders(at("2026-03-29T02:29:00Z"));
    expect(await statusOf()).toBe("reserved");
    // 08:30Z − 6 h = 02:30Z.
    expect((await runReminders(at("2026-03-29T02:30:00Z"))).autoAccepted).toBeGreaterThanOrEqual(1);
    expect(await statusOf()).toBe("exchanged");
    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.offerId, offer.id), eq(s.events.action, "reservation.accept")));
    expect(event).toMatchObject({ actorId: null, reservationId });
    const kinds = await db.select({ kind: s.outbox.kind, to: s.outbox.recipient }).from(s.outbox).where(sql`(${s.outbox.payload}->>'offerId')::int = ${offer.id}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: "reservation-accepted-taker", to: taker!.email },
        { kind: "reservation-accepted-owner", to: member.email },
      ]),
    );
  });
});

describe("reminder mails", () => {
  /** An offer 2 days ahead with a reservation waiting since 13 hours: its decision reminder is due now. */
  async function waitingOffer() {
    const place = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 7)}` });
    const distribution = await createDistribution(db, {
      placeId: place.id,
      date: addDays(parisDate(new Date()), 2),
      start: "18:30",
      end: "20:00",
      contractIds: [contract.id],
    });
    const member = await createMember(db, { contractIds: [], firstName: "Alice", lastName: "Martin" });
    const sub = await createSubscription(db, { userId: member.id, contractId: contract.id });
    const [offer] = await db.insert(s.offers).values({ amapId: amapOfDistribution(distribution.id), memberId: member.id, distributionId: distribution.id, status: "reserved" }).returning();
    await db.insert(s.offerLines).values({
      offerId: offer!.id,
      distributionId: distribution.id,
      subscriptionId: sub.id,
      contractId: contract.id,
      quantity: 1,
      unitPriceCents: 2000,
    });
    const ines = await createIntermittent(db, { firstName: "Inès" });
    const [reservation] = await db
      .insert(s.reservations)
      .values({ offerId: offer!.id, intermittentId: ines.id, status: "pending", position: 1, pendingSince: new Date(Date.now() - 13 * 3_600_000) })
      .returning();
    return { member, reservation: reservation! };
  }

  it("remind the member with one-click answers", async () => {
    const { member } = await waitingOffer();
    await runReminders();
    await drainOutbox({ db, mailer: getMailer() });
    const [mail] = await db.select().from(s.devMails).where(eq(s.devMails.to, member.email));
    expect(mail!.subject).toMatch(/^Rappel\u00a0: Inès attend votre réponse/u);
    expect(mail!.text.match(/http:\/\/localhost:3000\/lien\/v1\.\S+/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("are checked again when they leave: an answered reservation gets no reminder", async () => {
    const { member, reservation } = await waitingOffer();
    await runReminders();
    await db.update(s.reservations).set({ status: "accepted" }).where(eq(s.reservations.id, reservation.id));
    const report = await drainOutbox({ db, mailer: getMailer() });
    expect(report.skipped).toBeGreaterThan(0);
    expect(await db.select().from(s.devMails).where(eq(s.devMails.to, member.email))).toHaveLength(0);
  });

  it("« il reste N paniers » as delivered: each copy personal, never one's own basket, nothing to someone who left the list", async () => {
    const place = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 7)}` });
    const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 1), contractIds: [contract.id] });
    const offer = async (memberId: string) => {
      const sub = await createSubscription(db, { userId: memberId, contractId: contract.id });
      const [row] = await db.insert(s.offers).values({ amapId: amapOfDistribution(distribution.id), memberId, distributionId: distribution.id, status: "open" }).returning();
      await db.insert(s.offerLines).values({ offerId: row!.id, distributionId: distribution.id, subscriptionId: sub.id, contractId: contract.id, quantity: 1, unitPriceCents: 2000 });
    };
    const alice = await createMember(db, { contractIds: [], firstName: "Alice" });
    await offer(alice.id);
    // Hugo offers his own basket and is on the list too.
    const hugo = await createMember(db, { contractIds: [], firstName: "Hugo" });
    await db.insert(s.intermittentMemberships).values({ amapId: await firstAmapId(db), userId: hugo.id, addedById: hugo.id });
    await offer(hugo.id);
    const ines = await createIntermittent(db, { firstName: "Inès" });
    const jules = await createIntermittent(db, { firstName: "Jules" });
    // A first name of blanks: the greeting becomes the plain « Bonjour, » (no substitution there).
    const nameless = await createIntermittent(db, { firstName: "  ", lastName: "" });
    const gone = await createIntermittent(db, { firstName: "Léa" });
    await db.update(s.intermittentMemberships).set({ leftAt: new Date() }).where(eq(s.intermittentMemberships.userId, gone.id));
    await enqueueMail(
      db,
      await firstAmapId(db),
      "reminder-baskets-left",
      [ines, jules, nameless, hugo, gone].map((u) => ({ to: u.email, payload: { distributionId: distribution.id, userId: u.id } })),
    );
    // One round: the distribution's baskets are read once for all of them.
    const report = await drainOutbox({ db, mailer: getMailer() });
    expect(report).toMatchObject({ sent: 4, skipped: 1 });
    const mailTo = async (email: string) => (await db.select().from(s.devMails).where(eq(s.devMails.to, email)))[0];
    const [toInes, toJules, toNameless, toHugo] = await Promise.all([ines, jules, nameless, hugo].map((u) => mailTo(u.email)));
    expect(toInes!.subject).toMatch(/^Il reste 2 paniers pour /);
    expect(toInes!.text).toContain("Bonjour Inès,");
    expect(toInes!.text).toContain("Panier d'Alice");
    // A mute h: the name elides (it read « Panier de Hugo »).
    expect(toInes!.text).toContain("Panier d'Hugo");
    expect(toJules!.text).toContain("Bonjour Jules,");
    expect(toJules!.text).not.toContain("Inès");
    // Each copy's unsubscribe link is its recipient's own.
    const unsubscribe = (text: string) => text.match(/http:\/\/localhost:3000\/lien\/v1\.\S+/g) ?? [];
    expect(unsubscribe(toInes!.text)).toHaveLength(1);
    expect(unsubscribe(toInes!.text)).not.toEqual(unsubscribe(toJules!.text));
    expect(toNameless!.text).toContain("Bonjour,");
    expect(toNameless!.text).not.toMatch(/ZQSLOT|Bonjour ,/);
    expect(toHugo!.subject).toMatch(/^Il reste 1 panier pour /);
    expect(toHugo!.text).toContain("Panier d'Alice");
    expect(toHugo!.text).not.toContain("Panier d'Hugo");
    expect(await mailTo(gone.email)).toBeUndefined();
  });

  it(`« il reste N paniers » leaves out, for each person, the baskets announced to them in the last ${RECENTLY_ANNOUNCED_HOURS} hours; with nothing left, no mail`, async () => {
    await db.update(s.intermittentMemberships).set({ leftAt: new Date() }).where(sql`${s.intermittentMemberships.leftAt} is null`);
    const place = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 7)}` });
    const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 1), contractIds: [contract.id] });
    /** A basket offered through the real command: announced in the outbox to everyone on the list. */
    const offer = async (firstName: string) => {
      const member = await createMember(db, { contractIds: [], firstName });
      const sub = await createSubscription(db, { userId: member.id, contractId: contract.id });
      const made = await createOffers((await viewerForUser(db, member.id))!, {
        distributionIds: [distribution.id],
        subscriptionIds: [sub.id],
        message: "",
        autoAccept: false,
      });
      if (!made.ok) throw new Error(made.refusal);
      return made.value.offerIds[0]!;
    };
    const ines = await createIntermittent(db, { firstName: "Inès" });
    const jules = await createIntermittent(db, { firstName: "Jules" });
    const lea = await createIntermittent(db, { firstName: "Léa" });
    const alices = await offer("Alice");
    const brunos = await offer("Bruno");
    // Hugo and Zoé come on the list after both announcements.
    const hugo = await createIntermittent(db, { firstName: "Hugo" });
    const zoe = await createIntermittent(db, { firstName: "Zoé" });
    await drainOutbox({ db, mailer: getMailer() });
    const announcement = (offerId: number, userId: string) =>
      and(eq(s.outbox.kind, "offer-announced"), sql`${s.outbox.payload}->>'offerId' = ${String(offerId)}`, sql`${s.outbox.payload}->>'userId' = ${userId}`);
    // Alice's basket was announced seven hours ago; Bruno's just now.
    await db
      .update(s.outbox)
      .set({ createdAt: sql`now() - interval '7 hours'`, sentAt: sql`now() - interval '7 hours'` })
      .where(and(eq(s.outbox.kind, "offer-announced"), sql`${s.outbox.payload}->>'offerId' = ${String(alices)}`));
    // Jules's announcement of Alice's basket is still on its way (retried after an outage): he is about to be told.
    await db
      .update(s.outbox)
      .set({ status: "pending", sentAt: null, nextAttemptAt: sql`now() + interval '1 hour'` })
      .where(announcement(alices, jules.id));
    // Léa's announcement of Bruno's basket failed: she was not told.
    await db.update(s.outbox).set({ status: "failed", sentAt: null }).where(announcement(brunos, lea.id));
    // Zoé was just told of Alice's basket in one message with another date (an announcement naming several offers).
    await db.insert(s.outbox).values({
      amapId: await firstAmapId(db),
      kind: "offer-announced",
      recipient: zoe.email,
      payload: { offerId: alices + 1000, offerIds: [alices + 1000, alices], userId: zoe.id, reopened: false },
      status: "sent",
      sentAt: new Date(),
    });
    await db.delete(s.devMails);

    await enqueueMail(
      db,
      await firstAmapId(db),
      "reminder-baskets-left",
      [ines, jules, lea, hugo, zoe].map((u) => ({ to: u.email, payload: { distributionId: distribution.id, userId: u.id } })),
    );
    const report = await drainOutbox({ db, mailer: getMailer() });
    expect(report).toMatchObject({ sent: 4, skipped: 1 });
    const mailTo = async (email: string) => (await db.select().from(s.devMails).where(eq(s.devMails.to, email)))[0];
    const [toInes, toJules, toLea, toHugo, toZoe] = await Promise.all([ines, jules, lea, hugo, zoe].map((u) => mailTo(u.email)));
    // Inès was told of Bruno's basket moments ago: only Alice's is recalled.
    expect(toInes!.subject).toMatch(/^Il reste 1 panier pour /);
    expect(toInes!.text).toContain("Panier d'Alice");
    expect(toInes!.text).not.toContain("Bruno");
    // Jules is being told of both: nothing left to recall, no mail.
    expect(toJules).toBeUndefined();
    expect(toLea!.subject).toMatch(/^Il reste 2 paniers pour /);
    expect(toHugo!.subject).toMatch(/^Il reste 2 paniers pour /);
    expect(toHugo!.text).toContain("Panier de Bruno");
    expect(toZoe!.subject).toMatch(/^Il reste 1 panier pour /);
    expect(toZoe!.text).toContain("Panier de Bruno");
    expect(toZoe!.text).not.toContain("Alice");
  });
});
