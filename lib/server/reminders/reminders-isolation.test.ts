// Reminders are each AMAP's own (issue 13): two AMAPs with the same day's
// distribution, each with an open basket, a reservation awaiting its member's
// answer and an exchanged basket. Each AMAP's run queues its own reminders,
// to its own people, in its own name — nothing of the other's, even when the
// other is suspended and sends none — and each reminder's handler skips
// another AMAP's distribution or offer.
import { eq, inArray } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createDistribution, createIntermittent, createPlace, createSubscription, createUser } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { reminderMailHandlers } from "./reminder-mail";
import { runReminders } from "./reminders";

let db: Db;
let amap1: number;
let amap2: number;

// Sunday 29 March 2026, 10:30 Paris; the run at 08:30 Paris that day finds
// every kind of reminder due (the evening before's, the morning's).
const DATE = "2026-03-29";
const RUN = new Date("2026-03-29T06:30:00Z");
const at = (iso: string) => new Date(iso);

type Side = Awaited<ReturnType<typeof amapWithReminders>>;
let one: Side;
let two: Side;

/** An AMAP's distribution on `date`, with an open offer, a reserved one awaiting an answer and an exchanged one; and its intermittents. */
async function amapWithReminders(amapId: number, name: string, date: string) {
  const place = await createPlace(db, { amapId, name: `Lieu ${name}` });
  const contract = await createContract(db, { amapId, product: `Légumes ${name}` });
  const distribution = await createDistribution(db, { placeId: place.id, date, start: "10:30", end: "12:00", contractIds: [contract.id] });
  const taker = await createIntermittent(db, { amapId, firstName: `Preneur ${name}` });
  const waiting = await createIntermittent(db, { amapId, firstName: `Attente ${name}` });
  const bystander = await createIntermittent(db, { amapId, firstName: `Liste ${name}` });
  const offer = async (status: s.OfferStatus, reservation?: { intermittentId: string; status: s.ReservationStatus }) => {
    const member = await createUser(db, { firstName: `Membre ${name}` });
    const sub = await createSubscription(db, { userId: member.id, contractId: contract.id, startsOn: `${date.slice(0, 4)}-01-01`, endsOn: `${date.slice(0, 4)}-12-31` });
    const [row] = await db
      .insert(s.offers)
      .values({ amapId, memberId: member.id, distributionId: distribution.id, status, createdAt: at("2026-03-20T10:00:00Z") })
      .returning();
    await db.insert(s.offerLines).values({ offerId: row!.id, distributionId: distribution.id, subscriptionId: sub.id, contractId: contract.id, quantity: 1, unitPriceCents: 2000 });
    let reservationId: number | null = null;
    if (reservation) {
      const [r] = await db
        .insert(s.reservations)
        .values({
          offerId: row!.id,
          intermittentId: reservation.intermittentId,
          status: reservation.status,
          position: 1,
          createdAt: at("2026-03-25T10:00:00Z"),
          pendingSince: reservation.status === "pending" ? at("2026-03-28T10:00:00Z") : null,
          decidedAt: reservation.status === "accepted" ? at("2026-03-27T10:00:00Z") : null,
        })
        .returning();
      reservationId = r!.id;
    }
    return { offer: row!, member, reservationId };
  };
  const open = await offer("open");
  const pending = await offer("reserved", { intermittentId: waiting.id, status: "pending" });
  const exchanged = await offer("exchanged", { intermittentId: taker.id, status: "accepted" });
  return { amapId, distribution, open, pending, exchanged, intermittents: [taker, waiting, bystander], taker, waiting };
}

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  amap2 = (await createAmap(db, { slug: "les-chenes", name: "AMAP des Chênes" })).id;
  // No auto-acceptance: the pending reservations stay pending and are reminded.
  await db.update(s.settings).set({ autoAcceptHours: null });
  one = await amapWithReminders(amap1, "Tilleuls", DATE);
  two = await amapWithReminders(amap2, "Chênes", DATE);
});

beforeEach(async () => {
  await db.delete(s.outbox);
  await db.update(s.amaps).set({ suspendedAt: null });
});

/** What a side's reminders are: its distribution, its offers, its reservations, its people. */
function ownedBy(side: Side) {
  const offers = [side.open, side.pending, side.exchanged];
  return {
    distributionIds: [side.distribution.id],
    offerIds: offers.map((o) => o.offer.id),
    reservationIds: offers.map((o) => o.reservationId).filter((id) => id !== null),
    emails: [...side.intermittents.map((u) => u.email), ...offers.map((o) => o.member.email)],
  };
}

async function queued() {
  return db.select().from(s.outbox).where(inArray(s.outbox.kind, ["reminder-baskets-left", "reminder-decision", "reminder-pickup", "reminder-nobody-reserved"]));
}

/** Every reminder row is its AMAP's, about its AMAP's rows, to its AMAP's people; and each kind is there. */
function expectOwn(rows: s.OutboxRow[], side: Side) {
  const own = ownedBy(side);
  for (const row of rows) {
    expect(row.amapId, `${row.kind} to ${row.recipient}`).toBe(side.amapId);
    expect(own.emails).toContain(row.recipient);
    const p = row.payload as { distributionId?: number; offerId?: number; reservationId?: number };
    if (p.distributionId !== undefined) expect(own.distributionIds).toContain(p.distributionId);
    if (p.offerId !== undefined) expect(own.offerIds).toContain(p.offerId);
    if (p.reservationId !== undefined) expect(own.reservationIds).toContain(p.reservationId);
  }
  const byKind = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.recipient).sort();
  // « Il reste N paniers » to exactly this AMAP's list; each other reminder to its one person.
  expect(byKind("reminder-baskets-left")).toEqual(side.intermittents.map((u) => u.email).sort());
  expect(byKind("reminder-decision")).toEqual([side.pending.member.email]);
  expect(byKind("reminder-pickup")).toEqual([side.taker.email]);
  expect(byKind("reminder-nobody-reserved")).toEqual([side.open.member.email]);
}

describe("reminders of two AMAPs", () => {
  it("each AMAP's run queues its own reminders only, even with the other suspended", async () => {
    await db.update(s.amaps).set({ suspendedAt: new Date() }).where(eq(s.amaps.id, amap1));
    await runReminders(RUN);
    const rows = await queued();
    expectOwn(rows, two);

    await db.delete(s.outbox);
    await db.update(s.amaps).set({ suspendedAt: new Date() }).where(eq(s.amaps.id, amap2));
    await db.update(s.amaps).set({ suspendedAt: null }).where(eq(s.amaps.id, amap1));
    await runReminders(RUN);
    expectOwn(await queued(), one);
  });

  it("both running: each row is its AMAP's", async () => {
    const report = await runReminders(RUN);
    const rows = await queued();
    expect(report.queued).toBe(rows.length);
    expectOwn(
      rows.filter((r) => r.amapId === amap1),
      one,
    );
    expectOwn(
      rows.filter((r) => r.amapId === amap2),
      two,
    );
    expect(rows.every((r) => r.amapId === amap1 || r.amapId === amap2)).toBe(true);
  });
});

describe("reminder handlers", () => {
  it("skip another AMAP's distribution and offers, and send their own AMAP's", async () => {
    // A distribution to come (the handlers look at the real clock), in each AMAP.
    const date = addDays(parisDate(new Date()), 5);
    const a = await amapWithReminders(amap1, "Tilleuls futur", date);
    const b = await amapWithReminders(amap2, "Chênes futur", date);
    const h = reminderMailHandlers;
    const bystander = (side: Side) => side.intermittents[2]!.id;

    // The first AMAP's rows, handled as the second AMAP's mail (to the second AMAP's intermittent): nothing.
    expect(await h["reminder-baskets-left"]({ distributionId: a.distribution.id, userId: bystander(b) }, db, amap2)).toBeNull();
    expect(
      await h["reminder-decision"]({ offerId: a.pending.offer.id, reservationId: a.pending.reservationId!, userId: a.pending.member.id, morning: true }, db, amap2),
    ).toBeNull();
    expect(await h["reminder-pickup"]({ offerId: a.exchanged.offer.id, reservationId: a.exchanged.reservationId!, userId: a.taker.id }, db, amap2)).toBeNull();
    expect(await h["reminder-nobody-reserved"]({ offerId: a.open.offer.id, userId: a.open.member.id }, db, amap2)).toBeNull();
    // The second AMAP's intermittent is not on the first AMAP's list either.
    expect(await h["reminder-baskets-left"]({ distributionId: a.distribution.id, userId: bystander(b) }, db, amap1)).toBeNull();

    // Each in its own AMAP: a mail.
    for (const side of [a, b]) {
      const amapId = side.amapId;
      expect((await h["reminder-baskets-left"]({ distributionId: side.distribution.id, userId: bystander(side) }, db, amapId))?.subject).toMatch(/^Il reste 1 panier/);
      expect(
        (await h["reminder-decision"]({ offerId: side.pending.offer.id, reservationId: side.pending.reservationId!, userId: side.pending.member.id, morning: true }, db, amapId))
          ?.subject,
      ).toBeTruthy();
      expect((await h["reminder-pickup"]({ offerId: side.exchanged.offer.id, reservationId: side.exchanged.reservationId!, userId: side.taker.id }, db, amapId))?.subject).toBeTruthy();
      expect((await h["reminder-nobody-reserved"]({ offerId: side.open.offer.id, userId: side.open.member.id }, db, amapId))?.subject).toBeTruthy();
    }
  });
});
