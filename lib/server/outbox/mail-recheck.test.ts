// Every mail's handler re-checks at delivery that its event still stands
// (STYLE.md habit 6, DESIGN.md §9, issue 10 §7): for each kind, the real
// command (or the reminder's own row) queues it, the state changes before the
// worker runs, and the mail is recorded as skipped, never sent. Then the race
// itself: « Valider » against « Annuler ma réservation », in both orders,
// only one wins, and « Réservation validée » never reaches someone who left.
//
// The distribution kinds have theirs in admin/calendar-mail.test.ts (a date
// no longer cancelled, a move superseded); the list kinds live in
// list-mail.ts.
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createIntermittent, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { memberWithBasket, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import type { MailKind } from "../mail/kinds";
import { getMailer } from "../mail/mailer";
import {
  acceptReservation,
  assignOffer,
  cancelOffer,
  createOffers,
  declineReservation,
  reserveOffer,
  withdrawReservation,
} from "../exchange/offers";
import { joinList, leaveList } from "../list/intermittents";
import { drainOutbox } from "./worker";
import { enqueueMail } from "../mail/enqueue";
import { sendSignInLinkIfKnown } from "../auth/sign-in-link";
import { firstAmapId } from "@/db/queries";

let db: Db;
let veg: s.Contract;

beforeAll(async () => {
  db = await getDb();
  veg = await vegetablesContract(db);
});

beforeEach(async () => {
  await db.delete(s.outbox);
});

/** Alice's basket offered; Inès and Jules on the list; Rose a référente. Nothing delivered yet. */
async function scene() {
  const alice = await memberWithBasket(db, veg, { daysAhead: 5, firstName: "Alice" });
  const ines = await createIntermittent(db, { firstName: "Inès" });
  const jules = await createIntermittent(db, { firstName: "Jules" });
  const rose = await viewerOf(db, (await createUser(db, { firstName: "Rose", isReferent: true })).id);
  const created = await createOffers(alice.viewer, {
    distributionIds: [alice.distribution.id],
    subscriptionIds: [alice.sub.id],
    message: "",
    autoAccept: false,
  });
  if (!created.ok) throw new Error(created.refusal);
  const offerId = created.value.offerIds[0]!;
  const inesViewer = await viewerOf(db, ines.id);
  const julesViewer = await viewerOf(db, jules.id);
  const reserve = async (viewer: typeof inesViewer) => {
    const result = await reserveOffer(viewer, offerId);
    if (!result.ok) throw new Error(result.refusal);
    return result.value.reservationId!;
  };
  return { alice, ines, jules, rose, offerId, inesViewer, julesViewer, reserve };
}

type Scene = Awaited<ReturnType<typeof scene>>;

/** The mail of `kind` to `email`, once the worker ran: skipped (with nothing sent) or sent. */
async function fateOf(kind: MailKind, email: string) {
  await drainOutbox({ db, mailer: getMailer() });
  const rows = await db
    .select({ status: s.outbox.status })
    .from(s.outbox)
    .where(and(eq(s.outbox.kind, kind), eq(s.outbox.recipient, email)));
  return rows.map((r) => r.status);
}

const cases: [MailKind, string, (x: Scene) => Promise<string>][] = [
  ["offer-listed", "the offer cancelled", async (x) => {
    await cancelOffer(x.alice.viewer, x.offerId, "Je reste");
    return x.alice.user.email;
  }],
  ["offer-announced", "the offer cancelled", async (x) => {
    await cancelOffer(x.alice.viewer, x.offerId, "Je reste");
    return x.ines.email;
  }],
  ["reservation-to-decide", "already accepted", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await acceptReservation(x.alice.viewer, r);
    return x.alice.user.email;
  }],
  ["reservation-pending", "withdrawn", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await withdrawReservation(x.inesViewer, r);
    return x.ines.email;
  }],
  ["reservation-queued", "left the queue", async (x) => {
    await x.reserve(x.inesViewer);
    const r = await x.reserve(x.julesViewer);
    await withdrawReservation(x.julesViewer, r);
    return x.jules.email;
  }],
  ["reservation-accepted-taker", "accepted, then withdrawn", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await acceptReservation(x.alice.viewer, r);
    await withdrawReservation(x.inesViewer, r);
    return x.ines.email;
  }],
  ["reservation-accepted-owner", "accepted, then the offer cancelled", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await acceptReservation(x.alice.viewer, r);
    await cancelOffer(x.alice.viewer, x.offerId, "Je reste");
    return x.alice.user.email;
  }],
  ["reservation-declined", "the offer purged", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await declineReservation(x.alice.viewer, r);
    await db.delete(s.offers).where(eq(s.offers.id, x.offerId));
    return x.ines.email;
  }],
  ["reservation-not-chosen", "the taker withdrew, the one in line moved up", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await x.reserve(x.julesViewer);
    await acceptReservation(x.alice.viewer, r);
    await withdrawReservation(x.inesViewer, r);
    return x.jules.email;
  }],
  ["offer-cancelled", "the offer purged", async (x) => {
    await x.reserve(x.inesViewer);
    await cancelOffer(x.alice.viewer, x.offerId, "Je reste");
    await db.delete(s.offers).where(eq(s.offers.id, x.offerId));
    return x.ines.email;
  }],
  ["reservation-withdrawn", "then the offer cancelled", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await withdrawReservation(x.inesViewer, r);
    await cancelOffer(x.alice.viewer, x.offerId, "Je reste");
    return x.alice.user.email;
  }],
  ["referent-action", "the offer purged", async (x) => {
    await cancelOffer(x.rose, x.offerId, "Distribution reportée");
    await db.delete(s.offers).where(eq(s.offers.id, x.offerId));
    return x.alice.user.email;
  }],
  ["reminder-decision", "answered", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await enqueueMail(db, await firstAmapId(db), "reminder-decision", [
      { to: x.alice.user.email, payload: { offerId: x.offerId, reservationId: r, userId: x.alice.user.id, morning: false } },
    ]);
    await declineReservation(x.alice.viewer, r);
    return x.alice.user.email;
  }],
  ["reminder-pickup", "withdrawn", async (x) => {
    const r = await x.reserve(x.inesViewer);
    await acceptReservation(x.alice.viewer, r);
    await enqueueMail(db, await firstAmapId(db), "reminder-pickup", [{ to: x.ines.email, payload: { offerId: x.offerId, reservationId: r, userId: x.ines.id } }]);
    await withdrawReservation(x.inesViewer, r);
    return x.ines.email;
  }],
  ["reminder-nobody-reserved", "reserved since", async (x) => {
    await enqueueMail(db, await firstAmapId(db), "reminder-nobody-reserved", [{ to: x.alice.user.email, payload: { offerId: x.offerId, userId: x.alice.user.id } }]);
    await x.reserve(x.inesViewer);
    return x.alice.user.email;
  }],
  ["reminder-baskets-left", "the basket given by a référent", async (x) => {
    await enqueueMail(db, await firstAmapId(db), "reminder-baskets-left", [{ to: x.ines.email, payload: { distributionId: x.alice.distribution.id, userId: x.ines.id } }]);
    await assignOffer(x.rose, x.offerId, x.jules.id, "Arrangement");
    return x.ines.email;
  }],
  ["list-left", "back on the list before it left", async (x) => {
    await leaveList(x.inesViewer);
    await joinList(x.inesViewer);
    return x.ines.email;
  }],
  ["sign-in", "the link used (or superseded) before it left", async (x) => {
    expect(await sendSignInLinkIfKnown(x.alice.user.email, null)).toBe(true);
    await db.delete(s.verificationTokens).where(eq(s.verificationTokens.identifier, x.alice.user.email));
    return x.alice.user.email;
  }],
];

describe("a mail whose event no longer stands at delivery is skipped", () => {
  it.each(cases)("%s: %s", async (kind, _change, change) => {
    const x = await scene();
    const email = await change(x);
    expect(await fateOf(kind, email)).toEqual(["skipped"]);
  });
});

describe("« Valider » racing « Annuler ma réservation »", () => {
  it.each([
    ["accept first", true],
    ["withdraw first", false],
  ])("%s: exactly one wins, and « Réservation validée » goes only if the acceptance stands", async (_label, acceptFirst) => {
    const x = await scene();
    const r = await x.reserve(x.inesViewer);
    const accept = () => acceptReservation(x.alice.viewer, r);
    const withdraw = () => withdrawReservation(x.inesViewer, r);
    const [first, second] = acceptFirst ? [accept(), withdraw()] : [withdraw(), accept()];
    const results = await Promise.all([first, second]);
    const [reservation] = await db.select({ status: s.reservations.status }).from(s.reservations).where(eq(s.reservations.id, r));
    const [accepted, withdrawn] = acceptFirst ? results : [results[1]!, results[0]!];
    // Both can succeed only one after the other (accepted, then withdrawn): never both on the same state.
    if (accepted!.ok && withdrawn!.ok) expect(reservation!.status).toBe("withdrawn");
    else expect([accepted!.ok, withdrawn!.ok].filter(Boolean)).toHaveLength(1);
    const fate = await fateOf("reservation-accepted-taker", x.ines.email);
    if (reservation!.status === "accepted") expect(fate).toEqual(["sent"]);
    else expect(fate.filter((f) => f === "sent")).toEqual([]);
  });
});
