// The référents' member commands, read as their recipients read them: through
// the real outbox and mailer into an SMTP sink. A changed address is told at
// the old address, the person's sessions closed; a subscription ended (or
// shortened) under baskets offered for later dates withdraws those offers
// through the state machine and tells whoever had reserved, and the member.
import type { ParsedMail } from "mailparser";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { typeset } from "@/lib/domain/french";
import { getDb, type Db } from "@/db/client";
import { createContract, createDistribution, createIntermittent, createPlace, createSubscription, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, formatDay, parisDate } from "@/lib/domain/time";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../../auth/auth";
import { createSmtpMailer, type Mailer } from "../../mail/mailer";
import { acceptReservation, createOffers, reserveOffer } from "../../exchange/offers";
import { drainOutbox } from "../../outbox/worker";
import { endSubscription, updateMember, updateSubscription } from "./members";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;
let rose: Viewer;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
  const roseUser = await createUser(db, { isReferent: true, firstName: "Rose", lastName: "Lefèvre", email: "rose-members@test.local" });
  rose = await viewerOf(db, roseUser.id);
  await db.update(s.settings).set({ amapName: "AMAP des Tilleuls", contactEmail: "contact@tilleuls.test" });
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

beforeEach(async () => {
  await db.delete(s.outbox);
  sink.messages.length = 0;
});

const deliver = () => drainOutbox({ db, mailer, backoffMs: () => 0 });
const recipientOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? "";
const mailsTo = (email: string) => sink.messages.filter((m) => recipientOf(m) === email);

function onlyMailTo(email: string) {
  const mails = mailsTo(email);
  expect(mails.map((m) => m.subject), `mails to ${email}`).toHaveLength(1);
  const mail = mails[0]!;
  return { subject: mail.subject ?? "", text: mail.text ?? "", attachments: mail.attachments, replyTo: mail.replyTo?.text ?? "" };
}

describe("a référent changes someone's address", () => {
  async function alice() {
    // Someone the AMAP knows (on its list): a référent changes only its people.
    const user = await createIntermittent(db, { firstName: "Alice", lastName: "Martin", email: uniqueEmail("alice") });
    await db.insert(s.sessions).values([
      { sessionToken: `s1-${user.id}`, userId: user.id, expires: new Date(Date.now() + 86_400_000) },
      { sessionToken: `s2-${user.id}`, userId: user.id, expires: new Date(Date.now() + 86_400_000) },
    ]);
    await db.insert(s.verificationTokens).values({ identifier: user.email, token: `t-${user.id}`, expires: new Date(Date.now() + 3_600_000) });
    return user;
  }

  it("tells the old address who changed it, to what (partly hidden) and whom to warn; closes the person's sessions", async () => {
    const user = await alice();
    const bystander = await createUser(db);
    await db.insert(s.sessions).values({ sessionToken: `s-${bystander.id}`, userId: bystander.id, expires: new Date(Date.now() + 86_400_000) });
    const result = await updateMember(rose, user.id, { email: "nouvelle.adresse@ailleurs.test", firstName: "Alice", lastName: "Martin", phone: "" });
    expect(result).toEqual({ ok: true, value: { emailChanged: true } });

    expect(await db.select().from(s.sessions).where(eq(s.sessions.userId, user.id))).toEqual([]);
    expect(await db.select().from(s.sessions).where(eq(s.sessions.userId, bystander.id))).toHaveLength(1);
    expect(await db.select().from(s.verificationTokens).where(eq(s.verificationTokens.identifier, user.email))).toEqual([]);
    const [audit] = await db.select().from(s.events).where(and(eq(s.events.subjectUserId, user.id), eq(s.events.action, "member.update")));
    expect(audit).toMatchObject({ actorId: rose.userId, data: { fields: ["email"], email: { from: user.email, to: "nouvelle.adresse@ailleurs.test" } } });

    expect(await deliver()).toMatchObject({ sent: 1, failed: 0 });
    const mail = onlyMailTo(user.email);
    expect(mailsTo("nouvelle.adresse@ailleurs.test")).toEqual([]);
    expect(mail.subject).toBe("L'adresse e-mail de votre compte a changé — AMAP des Tilleuls");
    expect(mail.text).toContain("Bonjour Alice,");
    expect(mail.text).toMatch(/Rose Lefèvre, référent·e de l'AMAP, a changé l'adresse e-mail de votre compte le \d{1,2}(er)?\u00a0\S+\u00a0\d{4} à \d{1,2}\u00a0h(\u00a0\d{2})?\./u);
    expect(mail.text).toContain("Les messages de l'espace intermittents vont désormais à no•••@ailleurs.test");
    expect(mail.text).not.toContain("nouvelle.adresse");
    expect(mail.text).toContain("les sessions ouvertes sur votre compte sont fermées");
    expect(mail.text).toContain(typeset("Prévenez l'AMAP tout de suite : contact@tilleuls.test"));
    expect(mail.replyTo).toBe("contact@tilleuls.test");
  });

  it("a second change before the first mail left silences neither: each old address hears of its own change", async () => {
    const user = await alice();
    const first = uniqueEmail("deux");
    expect(await updateMember(rose, user.id, { email: first, firstName: "Alice", lastName: "Martin", phone: "" })).toMatchObject({ ok: true });
    // Changed back: the notice of the first change still goes.
    expect(await updateMember(rose, user.id, { email: user.email, firstName: "Alice", lastName: "Martin", phone: "" })).toMatchObject({ ok: true });
    expect(await deliver()).toMatchObject({ sent: 2, skipped: 0 });
    expect(onlyMailTo(user.email).text).toContain(`vont désormais à ${first.slice(0, 2)}•••@test.local`);
    expect(onlyMailTo(first).text).toContain(`vont désormais à ${user.email.slice(0, 2)}•••@test.local`);
  });

  it("a change of name or phone only sends nothing and keeps the sessions", async () => {
    const user = await alice();
    expect(await updateMember(rose, user.id, { email: user.email.toUpperCase(), firstName: "Alice", lastName: "Dupont", phone: "06 12 34 56 78" })).toEqual({
      ok: true,
      value: { emailChanged: false },
    });
    expect(await db.select().from(s.outbox)).toEqual([]);
    expect(await db.select().from(s.sessions).where(eq(s.sessions.userId, user.id))).toHaveLength(2);
  });
});

let counter = 0;

/**
 * Alice's vegetables at two distributions, in 10 and 20 days; the later one
 * offered together with her eggs (Inès the taker, Paul in line), the earlier
 * one offered with nobody in line yet. Eve is on the list.
 */
async function offeredBaskets() {
  counter++;
  const place = await createPlace(db, { name: `Salle ${counter}` });
  const veg = await createContract(db, { product: `Légumes ${counter}`, size: "grand panier", unitPriceCents: 2200 });
  const eggs = await createContract(db, { product: `Œufs ${counter}`, size: "boîte de 6", unitPriceCents: 350 });
  const today = parisDate(new Date());
  const soon = await createDistribution(db, { placeId: place.id, date: addDays(today, 10), contractIds: [veg.id, eggs.id] });
  const later = await createDistribution(db, { placeId: place.id, date: addDays(today, 20), contractIds: [veg.id, eggs.id] });
  const alice = await createUser(db, { firstName: "Alice", lastName: "Martin", email: uniqueEmail("alice") });
  const vegSub = await createSubscription(db, { userId: alice.id, contractId: veg.id, startsOn: addDays(today, -30), endsOn: addDays(today, 60) });
  const eggSub = await createSubscription(db, { userId: alice.id, contractId: eggs.id, startsOn: addDays(today, -30), endsOn: addDays(today, 60) });
  const aliceViewer = await viewerOf(db, alice.id);
  const offer = async (distributionId: number, subscriptionIds: number[]) => {
    const made = await createOffers(aliceViewer, { distributionIds: [distributionId], subscriptionIds, message: "", autoAccept: false });
    if (!made.ok) throw new Error(made.refusal);
    return made.value.offerIds[0]!;
  };
  const soonOffer = await offer(soon.id, [vegSub.id]);
  const laterOffer = await offer(later.id, [vegSub.id, eggSub.id]);
  const ines = await createIntermittent(db, { firstName: "Inès", email: uniqueEmail("ines") });
  const paul = await createIntermittent(db, { firstName: "Paul", email: uniqueEmail("paul") });
  const eve = await createIntermittent(db, { firstName: "Eve", email: uniqueEmail("eve") });
  const taken = await reserveOffer(await viewerOf(db, ines.id), laterOffer);
  if (!taken.ok) throw new Error(taken.refusal);
  expect((await reserveOffer(await viewerOf(db, paul.id), laterOffer)).ok).toBe(true);
  expect((await acceptReservation(aliceViewer, taken.value.reservationId!)).ok).toBe(true);
  await db.delete(s.outbox);
  return { today, soon, later, alice, vegSub, eggSub, soonOffer, laterOffer, ines, paul, eve, veg };
}

describe("a subscription ended under baskets offered for later dates", () => {
  it("withdraws those offers through the state machine and tells whoever had reserved, and the member, who did it", async () => {
    const x = await offeredBaskets();
    const laterDay = formatDay(x.later.startsAt);
    const result = await endSubscription(rose, x.vegSub.id, addDays(x.today, 15));
    expect(result).toEqual({ ok: true, value: { offersCancelled: 1, peopleNotified: 3 } });

    // The later offer is cancelled, its reservations with it, its baskets free; the earlier one stays.
    const offers = await db.select().from(s.offers).where(inArray(s.offers.id, [x.soonOffer, x.laterOffer]));
    expect(offers.find((o) => o.id === x.laterOffer)).toMatchObject({
      status: "cancelled",
      cancelReason: typeset("Contrat modifié par les référents : ce panier n'en fait plus partie."),
    });
    expect(offers.find((o) => o.id === x.soonOffer)).toMatchObject({ status: "open" });
    const reservations = await db.select().from(s.reservations).where(eq(s.reservations.offerId, x.laterOffer));
    expect(reservations.map((r) => r.status).sort()).toEqual(["cancelled", "cancelled"]);
    const [cancelEvent] = await db.select().from(s.events).where(and(eq(s.events.offerId, x.laterOffer), eq(s.events.action, "offer.cancel")));
    expect(cancelEvent).toMatchObject({ actorId: rose.userId, fromStatus: "exchanged", toStatus: "cancelled" });

    expect(await deliver()).toMatchObject({ sent: 3, failed: 0, skipped: 0 });
    const ines = onlyMailTo(x.ines.email);
    expect(ines.subject).toBe(`Panier d'Alice du ${laterDay} retiré (Légumes ${counter} — grand panier, Œufs ${counter} — boîte de 6)`);
    expect(ines.text).toContain(
      typeset(`Rose Lefèvre, référent·e de l'AMAP, a modifié le contrat « Légumes ${counter} — grand panier » d'Alice : il ne comprend plus la distribution du ${laterDay}.`),
    );
    expect(ines.text).toContain(typeset("Le panier d'Alice n'est donc plus à récupérer : vous n'avez rien à venir chercher, ni rien à régler."));
    expect(ines.attachments).toHaveLength(1);
    expect(ines.attachments[0]!.content.toString("utf8")).toContain("METHOD:CANCEL");
    const paul = onlyMailTo(x.paul.email);
    expect(paul.text).toContain("Ce panier n'est donc plus proposé, et votre réservation est annulée.");
    expect(paul.attachments).toEqual([]);

    const alice = onlyMailTo(x.alice.email);
    expect(alice.subject).toBe(typeset(`Votre contrat « Légumes ${counter} — grand panier » est modifié : paniers proposés retirés`));
    expect(alice.text).toMatch(/Rose Lefèvre, référent·e de l'AMAP, a modifié votre contrat «\u202fLégumes \d+ — grand panier\u202f»\u00a0: il court désormais du \d/u);
    expect(alice.text).toContain(typeset(`${laterDay} : Légumes ${counter} — grand panier, Œufs ${counter} — boîte de 6`));
    expect(alice.text).toContain("Les 2 personnes qui avaient réservé sont prévenues.");
    expect(alice.text).toContain("Ce que vous proposiez en même temps d'un autre contrat est retiré aussi");
    expect(alice.text).not.toContain(formatDay(x.soon.startsAt));

    expect(mailsTo(x.eve.email)).toEqual([]);
    expect(mailsTo("rose-members@test.local")).toEqual([]);
    for (const m of sink.messages) expect(m.text).not.toMatch(/ne cède plus|€/);
  });

  it("the same when a correction shortens it, from either end", async () => {
    const x = await offeredBaskets();
    const result = await updateSubscription(rose, x.vegSub.id, { quantity: 1, startsOn: addDays(x.today, 12), endsOn: addDays(x.today, 60) });
    // The earlier basket (in 10 days) is no longer covered: its offer, with nobody in line, goes; the member is told.
    expect(result).toEqual({ ok: true, value: { offersCancelled: 1, peopleNotified: 1 } });
    const [soon] = await db.select().from(s.offers).where(eq(s.offers.id, x.soonOffer));
    expect(soon!.status).toBe("cancelled");
    await deliver();
    const alice = onlyMailTo(x.alice.email);
    expect(alice.text).toContain(typeset(`${formatDay(x.soon.startsAt)} : Légumes ${counter} — grand panier`));
    expect(alice.text).not.toContain("prévenues");
    expect(alice.text).not.toContain("autre contrat");
  });

  it("the holders' mail still goes when the subscription was lengthened again before it left: the cancellation stands", async () => {
    const x = await offeredBaskets();
    expect((await endSubscription(rose, x.vegSub.id, addDays(x.today, 15))).ok).toBe(true);
    expect((await updateSubscription(rose, x.vegSub.id, { quantity: 1, startsOn: addDays(x.today, -30), endsOn: addDays(x.today, 60) })).ok).toBe(true);
    await deliver();
    expect(onlyMailTo(x.ines.email).text).toContain("n'est donc plus à récupérer");
    const [later] = await db.select().from(s.offers).where(eq(s.offers.id, x.laterOffer));
    expect(later!.status).toBe("cancelled");
  });

  it("ending it with nothing offered later sends nothing", async () => {
    const x = await offeredBaskets();
    expect(await endSubscription(rose, x.eggSub.id, addDays(x.today, 25))).toEqual({ ok: true, value: { offersCancelled: 0, peopleNotified: 0 } });
    expect(await db.select().from(s.outbox)).toEqual([]);
  });
});
