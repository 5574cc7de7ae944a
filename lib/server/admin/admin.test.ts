// Référent administration: acting on offers (assign, decide, cancel — with a
// reason, emailing the parties), the email log, the settings — and every one
// of these refused to members and intermittents, with nothing written.
import { and, count, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
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
import { viewerForUser, type Viewer } from "../auth/auth";
import { getMailer } from "../mail/mailer";
import { acceptReservation, assignOffer, cancelOffer, createOffers, declineReservation, reserveOffer } from "../exchange/offers";
import { drainOutbox } from "../outbox/worker";
import { listEmailLog, previewEmail, resendEmail } from "../outbox/email-log";
import { getAdminOffer, listAdminOffers } from "./offers";
import { readSettingsForEdit, updateSettings, type SettingsInput } from "./settings";

let db: Db;
let contract: s.Contract;
let referent: Viewer;
let member: Viewer;
let intermittent: Viewer;

const viewer = async (id: string) => (await viewerForUser(db, id))!;

beforeAll(async () => {
  db = await getDb();
  contract = await createContract(db, { product: "Légumes", size: "grand panier" });
  referent = await viewer((await createUser(db, { isReferent: true, firstName: "Rose", lastName: "Lefèvre" })).id);
  member = await viewer((await createMember(db, { contractIds: [contract.id] })).id);
  intermittent = await viewer((await createIntermittent(db)).id);
});

beforeEach(async () => {
  await db.delete(s.outbox);
  await db.delete(s.devMails);
});

async function openOffer() {
  const place = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 7)}` });
  const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 4), contractIds: [contract.id] });
  const alice = await createMember(db, { contractIds: [], firstName: "Alice", lastName: "Martin", phone: "06 12 34 56 78" });
  const sub = await createSubscription(db, { userId: alice.id, contractId: contract.id });
  const created = await createOffers(await viewer(alice.id), {
    distributionIds: [distribution.id],
    subscriptionIds: [sub.id],
    message: "",
    autoAccept: false,
  });
  if (!created.ok) throw new Error(created.refusal);
  await db.delete(s.outbox);
  return { alice, offerId: created.value.offerIds[0]! };
}

async function tally() {
  const tables = [s.offers, s.reservations, s.events, s.outbox, s.settings, s.intermittentMemberships];
  return Promise.all(tables.map(async (t) => (await db.select({ n: count() }).from(t))[0]!.n));
}

const settingsInput = (change: Partial<SettingsInput> = {}): SettingsInput => ({
  amapName: "AMAP des Tilleuls",
  contactEmail: "contact@amap.test",
  replyTo: "",
  offerCloseHours: "12",
  decisionReminderHours: "12",
  autoAcceptHours: "",
  intermittentReminders: "J-1 18:00, J 10:00",
  practicalRules: "Apportez vos sacs.\nÉmargez au nom de l'amapien·ne.",
  retentionMonths: "24",
  emailLogRetentionDays: "90",
  usedLinkRetentionDays: "90",
  joinRequestRetentionDays: "90",
  partnerDelayHours: "24",
  ...change,
});

describe("référents acting on offers", () => {
  it("assign an open offer with a reason: the taker and the member are emailed who and why", async () => {
    const { offerId, alice } = await openOffer();
    const ines = await createIntermittent(db, { firstName: "Inès", lastName: "Garnier", phone: "07 12 34 56 78" });
    expect(await assignOffer(referent, offerId, ines.id, "  ")).toEqual({ ok: false, refusal: "reason_required" });
    const result = await assignOffer(referent, offerId, ines.id, "Elle l'avait demandé au téléphone");
    expect(result).toMatchObject({ ok: true, value: { offerStatus: "exchanged", newReservationStatus: "accepted" } });

    const detail = (await getAdminOffer(referent, offerId))!;
    expect(detail.status).toBe("exchanged");
    expect(detail.reservations).toMatchObject([{ status: "accepted", fullName: "Inès Garnier" }]);
    expect(detail.history.map((h) => h.action)).toEqual(["offer.create", "reservation.assign"]);
    expect(detail.history[1]).toMatchObject({ who: "Rose Lefèvre", reason: "Elle l'avait demandé au téléphone" });

    await drainOutbox({ db, mailer: getMailer() });
    const [toTaker] = await db.select().from(s.devMails).where(eq(s.devMails.to, ines.email));
    expect(toTaker!.text).toContain("Rose Lefèvre, référent·e de l'AMAP, vous attribue le panier du");
    expect(toTaker!.text).toContain("Elle l'avait demandé au téléphone");
    expect(toTaker!.text).toContain("06 12 34 56 78");
    const [toOwner] = await db.select().from(s.devMails).where(eq(s.devMails.to, alice.email));
    expect(toOwner!.text).toContain("a attribué votre panier à Inès");
    expect(toOwner!.text).toContain("07 12 34 56 78");
  });

  it("decide for the member with a reason, and cancel: the member is told who did it", async () => {
    const { offerId, alice } = await openOffer();
    const a = await createIntermittent(db, { firstName: "Abel" });
    const b = await createIntermittent(db, { firstName: "Berthe" });
    await reserveOffer(await viewer(a.id), offerId);
    await reserveOffer(await viewer(b.id), offerId);
    const [first, second] = (await getAdminOffer(referent, offerId))!.reservations;
    expect(await declineReservation(referent, first!.id, "")).toEqual({ ok: false, refusal: "reason_required" });
    expect((await declineReservation(referent, first!.id, "Abel ne peut pas venir")).ok).toBe(true);
    expect((await acceptReservation(referent, second!.id, "Alice injoignable")).ok).toBe(true);
    await drainOutbox({ db, mailer: getMailer() });
    const [repris] = await db
      .select()
      .from(s.devMails)
      .where(and(eq(s.devMails.to, alice.email), sql`${s.devMails.subject} like '%repris par Berthe%'`));
    expect(repris!.text).toContain("a validé cette réservation pour vous");
    expect(repris!.text).toContain("Alice injoignable");

    expect((await cancelOffer(referent, offerId, "Distribution reportée")).ok).toBe(true);
    await drainOutbox({ db, mailer: getMailer() });
    const mails = await db.select().from(s.devMails).where(eq(s.devMails.to, alice.email));
    expect(mails.some((m) => m.subject.startsWith("Réservation refusée pour votre panier") && m.text.includes("Abel ne peut pas venir"))).toBe(true);
    const cancelled = mails.find((m) => m.subject.includes("a été annulé par un·e référent·e"));
    expect(cancelled!.text).toContain("Rose Lefèvre");
    expect(cancelled!.text).toContain("Distribution reportée");
  });

  it("list and filter every offer", async () => {
    const { offerId, alice } = await openOffer();
    const all = (await listAdminOffers(referent, { member: alice.email }))!;
    expect(all.offers.map((o) => o.offerId)).toContain(offerId);
    const none = (await listAdminOffers(referent, { member: "personne-de-ce-nom" }))!;
    expect(none.offers).toEqual([]);
    const byStatus = (await listAdminOffers(referent, { status: "cancelled", member: alice.email }))!;
    expect(byStatus.offers).toEqual([]);
  });
});

describe("the email log", () => {
  it("shows the outbox, re-renders a message, and sends a failed one again", async () => {
    const { offerId } = await openOffer();
    const ines = await createIntermittent(db, { firstName: "Inès" });
    await reserveOffer(await viewer(ines.id), offerId);
    const log = (await listEmailLog(referent, {}))!;
    expect(log.total).toBeGreaterThan(0);
    const row = log.rows.find((r) => r.recipient === ines.email)!;
    const preview = (await previewEmail(referent, row.id))!;
    expect(preview.rendered?.subject).toMatch(/^Réservation envoyée/);

    await db.update(s.outbox).set({ status: "failed", attempts: 12, lastError: "550 No such user" }).where(eq(s.outbox.id, row.id));
    expect(await resendEmail(referent, row.id)).toEqual({ ok: true });
    const [again] = await db.select().from(s.outbox).where(eq(s.outbox.id, row.id));
    expect(again).toMatchObject({ status: "pending", attempts: 0 });
    expect(await resendEmail(referent, row.id)).toEqual({ ok: false, refusal: "not_failed" });
  });
});

describe("settings", () => {
  it("are saved whole, with an audit event, or refused field by field", async () => {
    expect(await updateSettings(referent, settingsInput({ offerCloseHours: "24", autoAcceptHours: "6" }))).toEqual({ ok: true });
    const saved = (await readSettingsForEdit(referent))!;
    expect(saved).toMatchObject({ offerCloseHours: 24, autoAcceptHours: 6, contactEmail: "contact@amap.test" });
    expect(saved.intermittentReminders).toEqual([
      { dayOffset: -1, time: "18:00" },
      { dayOffset: 0, time: "10:00" },
    ]);
    const bad = await updateSettings(
      referent,
      settingsInput({ amapName: " ", contactEmail: "pas une adresse", offerCloseHours: "-1", intermittentReminders: "demain", retentionMonths: "abc" }),
    );
    expect(bad).toEqual({
      ok: false,
      refusal: "invalid",
      fields: ["amapName", "contactEmail", "offerCloseHours", "intermittentReminders", "retentionMonths"],
    });
    expect((await readSettingsForEdit(referent))!.offerCloseHours).toBe(24);
  });
});

describe("every admin action is refused to members and intermittents, with nothing written", () => {
  it.each([
    ["a member", () => member],
    ["an intermittent", () => intermittent],
  ])("%s", async (_label, who) => {
    const { offerId } = await openOffer();
    const ines = await createIntermittent(db);
    await reserveOffer(await viewer(ines.id), offerId);
    const [reservation] = await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId));
    const [mail] = await db.select().from(s.outbox).limit(1);
    await db.update(s.outbox).set({ status: "failed" }).where(eq(s.outbox.id, mail!.id));
    const before = await tally();
    const actor = who();

    expect(await assignOffer(actor, offerId, ines.id, "Je me le donne")).toEqual({ ok: false, refusal: "not_found" });
    expect(await acceptReservation(actor, reservation!.id, "pour Alice")).toEqual({ ok: false, refusal: "not_found" });
    expect(await declineReservation(actor, reservation!.id, "pour Alice")).toEqual({ ok: false, refusal: "not_found" });
    expect(await cancelOffer(actor, offerId, "pour Alice")).toEqual({ ok: false, refusal: "not_found" });
    expect(await resendEmail(actor, mail!.id)).toEqual({ ok: false, refusal: "not_referent" });
    expect(await updateSettings(actor, settingsInput({ amapName: "Piratée" }))).toEqual({ ok: false, refusal: "not_referent" });
    expect(await listAdminOffers(actor, {})).toBeNull();
    expect(await getAdminOffer(actor, offerId)).toBeNull();
    expect(await listEmailLog(actor, {})).toBeNull();
    expect(await previewEmail(actor, mail!.id)).toBeNull();
    expect(await readSettingsForEdit(actor)).toBeNull();

    expect(await tally()).toEqual(before);
  });
});
