// Races on the exchange commands (issue 6, reliability matrix). On Postgres
// (DATABASE_URL set) the calls below really run at once on several
// connections and meet at the offer's row lock; on PGlite they are
// serialized, so the same assertions then only check the bookkeeping.
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { LIVE_RESERVATION_STATUSES } from "@/lib/domain/offer";
import { intermittents, offerStatus as fixtureOfferStatus, openOffer, reservationsOf as fixtureReservationsOf, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import type { Mailer, OutgoingMail } from "../mail/mailer";
import { acceptReservation, cancelOffer, reserveOffer, withdrawReservation } from "./offers";
import { drainOutbox } from "../outbox/worker";

let db: Db;
let veg: s.Contract;

beforeAll(async () => {
  db = await getDb();
  veg = await vegetablesContract(db);
});

beforeEach(async () => {
  await db.delete(s.outbox);
});

/** A member's vegetables basket offered for a distribution in five days; the outbox is emptied after. */
const offerBasket = () => openOffer(db, veg, { daysAhead: 5, clearOutbox: true });

const reservationsOf = (offerId: number) => fixtureReservationsOf(db, offerId);

const offerStatus = (offerId: number) => fixtureOfferStatus(db, offerId);

async function mailsOf(offerId: number) {
  return db
    .select({ kind: s.outbox.kind, to: s.outbox.recipient })
    .from(s.outbox)
    .where(sql`(${s.outbox.payload}->>'offerId')::int = ${offerId}`)
    .orderBy(s.outbox.id);
}

/** A mailer that keeps what it is given (delivery re-checks each row against the data). */
function recordingMailer(): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { sent, send: async (mail) => (sent.push(mail), { messageId: `rec-${sent.length}` }), close: () => {} };
}

describe("reservations racing", () => {
  it("200 intermittents reserve one offer at once: 1 pending, 199 queued at distinct places 1…199, no error", async () => {
    const { offerId, user: owner } = await offerBasket();
    const people = await intermittents(db, 200, "racer");
    const results = await Promise.allSettled(people.map((p) => reserveOffer(p.viewer, offerId)));

    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof reserveOffer>>>).value);
    expect(values.filter((v) => !v.ok)).toEqual([]);

    const rows = await reservationsOf(offerId);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.who)).size).toBe(200);
    const pending = rows.filter((r) => r.status === "pending");
    const queued = rows.filter((r) => r.status === "queued");
    expect(pending).toHaveLength(1);
    expect(queued).toHaveLength(199);
    // The pending one is first; the queue ranks behind it are exactly 1…199.
    expect(pending[0]!.position).toBe(1);
    expect(queued.map((r) => r.position - 1).sort((a, b) => a - b)).toEqual(Array.from({ length: 199 }, (_, i) => i + 1));
    expect(await offerStatus(offerId)).toBe("reserved");

    const [events] = await db
      .select({ n: count() })
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.create")));
    expect(events!.n).toBe(200);
    const mails = await mailsOf(offerId);
    expect(mails.filter((m) => m.kind === "reservation-to-decide").map((m) => m.to)).toEqual([owner.email]);
    const pendingMail = mails.filter((m) => m.kind === "reservation-pending").map((m) => m.to);
    expect(pendingMail).toHaveLength(1);
    const queuedMail = mails.filter((m) => m.kind === "reservation-queued").map((m) => m.to);
    expect(new Set([...pendingMail, ...queuedMail]).size).toBe(200);
  }, 120_000);

  it("a double tap on « Réserver » (two calls at once) makes one reservation; the other call is told why", async () => {
    const { offerId } = await offerBasket();
    const [ines] = await intermittents(db, 1, "racer");
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([reserveOffer(ines!.viewer, offerId), reserveOffer(ines!.viewer, offerId)]);
      if (round === 0) {
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.find((r) => !r.ok)).toEqual({ ok: false, refusal: "already_in_queue" });
      } else {
        expect(results).toEqual([
          { ok: false, refusal: "already_in_queue" },
          { ok: false, refusal: "already_in_queue" },
        ]);
      }
    }
    expect(await reservationsOf(offerId)).toHaveLength(1);
    expect((await mailsOf(offerId)).filter((m) => m.to === ines!.email)).toHaveLength(1);
  });
});

describe("reservations taken together", () => {
  it("a burst mixing refusals and reservations gives each caller the answer it would have had alone, in arrival order", async () => {
    const { offerId, viewer: owner, user } = await offerBasket();
    const [a, b, c] = await intermittents(db, 3, "racer");
    const outsider = await viewerOf(db, (await createUser(db, { firstName: "Nina" })).id);
    const answers = await Promise.all([
      reserveOffer(owner, offerId), // the owner
      reserveOffer(a!.viewer, offerId),
      reserveOffer(outsider, offerId), // not on the list
      reserveOffer(b!.viewer, offerId),
      reserveOffer(a!.viewer, offerId), // a second time
    ]);
    expect(answers.map((r) => (r.ok ? r.value.newReservationStatus : r.refusal))).toEqual([
      "own_offer",
      "pending",
      "not_intermittent",
      "queued",
      "already_in_queue",
    ]);
    // One arriving after the burst takes a turn of its own, behind it.
    const late = await reserveOffer(c!.viewer, offerId);
    expect(late.ok && late.value.newReservationStatus).toBe("queued");
    const rows = await reservationsOf(offerId);
    expect(rows.map((r) => [r.who, r.status, r.position])).toEqual([
      [a!.id, "pending", 1],
      [b!.id, "queued", 2],
      [c!.id, "queued", 3],
    ]);
    const ok = answers.filter((r) => r.ok);
    expect(ok.map((r) => r.ok && r.value.reservationId)).toEqual([rows[0]!.id, rows[1]!.id]);
    const events = await db
      .select({ actor: s.events.actorId, reservation: s.events.reservationId, from: s.events.fromStatus, to: s.events.toStatus })
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.create")))
      .orderBy(s.events.id);
    expect(events).toEqual([
      { actor: a!.id, reservation: rows[0]!.id, from: "open", to: "reserved" },
      { actor: b!.id, reservation: rows[1]!.id, from: "reserved", to: "reserved" },
      { actor: c!.id, reservation: rows[2]!.id, from: "reserved", to: "reserved" },
    ]);
    expect((await mailsOf(offerId)).map((m) => [m.kind, m.to])).toEqual([
      ["reservation-to-decide", user.email],
      ["reservation-pending", a!.email],
      ["reservation-queued", b!.email],
      ["reservation-queued", c!.email],
    ]);
    expect(await offerStatus(offerId)).toBe("reserved");
  });
});

describe("the owner accepts while the taker withdraws", () => {
  it("ends in one state whatever the order, and only the mail that fits it is delivered", async () => {
    const orders = { acceptFirst: 0, withdrawFirst: 0 };
    for (let round = 0; round < 6; round++) {
      const { offerId, viewer: owner } = await offerBasket();
      const [first, second] = await intermittents(db, 2, "racer");
      expect((await reserveOffer(first!.viewer, offerId)).ok).toBe(true);
      expect((await reserveOffer(second!.viewer, offerId)).ok).toBe(true);
      const [pending] = await reservationsOf(offerId);
      await db.delete(s.outbox);

      // Alternate who starts first; on Postgres both are in flight together.
      const accept = () => acceptReservation(owner, pending!.id);
      const withdraw = () => withdrawReservation(first!.viewer, pending!.id);
      let accepted, withdrawn;
      if (round % 2 === 0) [accepted, withdrawn] = await Promise.all([accept(), withdraw()]);
      else [withdrawn, accepted] = await Promise.all([withdraw(), accept()]);

      // The taker may always leave (before or after being accepted); the
      // owner's answer either landed first or finds the reservation gone.
      expect(withdrawn.ok).toBe(true);
      if (!accepted.ok) expect(accepted).toEqual({ ok: false, refusal: "no_longer_pending" });
      orders[accepted.ok ? "acceptFirst" : "withdrawFirst"]++;

      // One final state either way: the first one withdrawn, the next in line awaiting the owner.
      expect(await offerStatus(offerId)).toBe("reserved");
      expect((await reservationsOf(offerId)).map((r) => [r.who, r.status])).toEqual([
        [first!.id, "withdrawn"],
        [second!.id, "pending"],
      ]);
      const actions = await db
        .select({ action: s.events.action })
        .from(s.events)
        .where(and(eq(s.events.offerId, offerId), inArray(s.events.action, ["reservation.accept", "reservation.withdraw"])))
        .orderBy(s.events.id);
      expect(actions.map((e) => e.action)).toEqual(accepted.ok ? ["reservation.accept", "reservation.withdraw"] : ["reservation.withdraw"]);

      // The outbox holds what each committed step announced…
      const kinds = (await mailsOf(offerId)).map((m) => `${m.kind}→${m.to}`);
      const afterWithdraw = [
        `reservation-withdrawn→${owner.email}`,
        `reservation-to-decide→${owner.email}`,
        `reservation-pending→${second!.email}`,
      ];
      expect(kinds).toEqual(
        accepted.ok
          ? [
              `reservation-accepted-taker→${first!.email}`,
              `reservation-accepted-owner→${owner.email}`,
              `reservation-not-chosen→${second!.email}`,
              ...afterWithdraw,
            ]
          : afterWithdraw,
      );
      // …and delivery re-checks each against the data: nobody is told of an
      // acceptance that no longer holds.
      const mailer = recordingMailer();
      await drainOutbox({ db, mailer });
      // « Attribué à une autre personne » no longer holds either: the second one is now the one awaiting an answer.
      expect(mailer.sent.map((m) => m.to).sort()).toEqual([owner.email, owner.email, second!.email].sort());
      expect(mailer.sent.some((m) => m.to === first!.email)).toBe(false);
    }
    expect(orders.acceptFirst + orders.withdrawFirst).toBe(6);
  }, 60_000);
});

describe("a référent cancels an offer while reservations arrive", () => {
  it("leaves no live reservation on the cancelled offer, and tells everyone who got one", async () => {
    const { offerId, user: owner } = await offerBasket();
    const referent = await createUser(db, { isReferent: true, firstName: "Rose" });
    const rose = await viewerOf(db, referent.id);
    const people = await intermittents(db, 40, "racer");

    const reserving = people.map((p) => reserveOffer(p.viewer, offerId));
    // The cancel starts while the reservations are on their way.
    const cancelling = new Promise<Awaited<ReturnType<typeof cancelOffer>>>((resolve, reject) =>
      setTimeout(() => cancelOffer(rose, offerId, "Distribution déplacée").then(resolve, reject), 5),
    );
    const [results, cancelled] = await Promise.all([Promise.all(reserving), cancelling]);

    expect(cancelled.ok).toBe(true);
    // Each reservation either got in before the cancel or was refused with the named reason.
    for (const r of results) if (!r.ok) expect(r.refusal).toBe("offer_closed");
    const madeIt = results.filter((r) => r.ok).length;

    expect(await offerStatus(offerId)).toBe("cancelled");
    const rows = await reservationsOf(offerId);
    expect(rows).toHaveLength(madeIt);
    expect(rows.filter((r) => LIVE_RESERVATION_STATUSES.includes(r.status))).toEqual([]);
    expect(rows.every((r) => r.status === "cancelled")).toBe(true);

    // Everyone who had a reservation is told of the cancellation, once; the owner learns who cancelled.
    const mails = await mailsOf(offerId);
    const emailOf = new Map(people.map((p) => [p.id, p.email]));
    const told = mails.filter((m) => m.kind === "offer-cancelled").map((m) => m.to);
    expect(told.sort()).toEqual(rows.map((r) => emailOf.get(r.who)!).sort());
    expect(mails.filter((m) => m.kind === "referent-action").map((m) => m.to)).toEqual([owner.email]);
    // Nobody refused got a reservation mail.
    const refusedEmails = new Set(people.filter((_, i) => !results[i]!.ok).map((p) => p.email));
    expect(mails.filter((m) => refusedEmails.has(m.to))).toEqual([]);
    // And nothing more can join.
    expect(await reserveOffer(people[0]!.viewer, offerId)).toMatchObject({ ok: false });
  }, 60_000);
});
