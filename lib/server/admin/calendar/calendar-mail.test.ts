// A distribution cancelled or moved by a référent, read as its recipients read
// it: through the real outbox and mailer into an SMTP sink. Who is told
// (members with baskets that day, offer owners, takers and people in line —
// not the intermittents a basket was merely announced to, not the référent),
// what each mail says (the distribution is cancelled, by whom and why; the new
// date), the calendar attachments, and the mails dropped when their event no
// longer stands (a second move supersedes the first).
import type { ParsedMail } from "mailparser";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { typeset } from "@/lib/domain/french";
import { getDb, type Db } from "@/db/client";
import { createContract, createDistribution, createIntermittent, createPlace, createSubscription, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, formatDay, formatSlot, parisDate, parisInstant } from "@/lib/domain/time";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../../auth/auth";
import { createSmtpMailer, type Mailer } from "../../mail/mailer";
import { acceptReservation, createOffers, reserveOffer } from "../../exchange/offers";
import { drainOutbox } from "../../outbox/worker";
import { cancelDistribution, cancelRemainingOffers, moveDistribution } from "./calendar";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;
let rose: Viewer;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
  const roseUser = await createUser(db, { isReferent: true, firstName: "Rose", lastName: "Lefèvre", email: "rose-cal@test.local" });
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

async function deliver() {
  return drainOutbox({ db, mailer, backoffMs: () => 0 });
}

const recipientOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? "";
const mailsTo = (email: string) => sink.messages.filter((m) => recipientOf(m) === email);

/** The one mail `email` received, its text and attachments. */
function onlyMailTo(email: string) {
  const mails = mailsTo(email);
  expect(mails.map((m) => m.subject), `mails to ${email}`).toHaveLength(1);
  const mail = mails[0]!;
  return { subject: mail.subject ?? "", text: mail.text ?? "", html: String(mail.html), attachments: mail.attachments };
}

let counter = 0;

/**
 * A distribution ten days ahead at a place and with contracts of its own (so
 * nobody from another test is concerned), delivering vegetables and eggs:
 * - Alice offers her vegetables: Inès is the taker, Paul waits in line;
 * - Bruno offers his eggs: Léa awaits his answer;
 * - Carole has vegetables and offers nothing; Rose, the référente, has eggs;
 * - Dan's only contract (bread) is not delivered that day;
 * - Eve is on the list and reserved nothing.
 */
async function scene() {
  counter++;
  const place = await createPlace(db, { name: `Salle des fêtes ${counter}`, address: "2 place de la Mairie" });
  const veg = await createContract(db, { product: `Légumes ${counter}`, size: "grand panier", unitPriceCents: 2200 });
  const eggs = await createContract(db, { product: `Œufs ${counter}`, size: "boîte de 6", unitPriceCents: 350 });
  const bread = await createContract(db, { product: `Pain ${counter}`, size: "", unitPriceCents: 450 });
  const date = addDays(parisDate(new Date()), 10);
  const distribution = await createDistribution(db, { placeId: place.id, date, contractIds: [veg.id, eggs.id] });
  const person = (firstName: string) => createUser(db, { firstName, lastName: "Test", email: `${firstName.toLowerCase()}-${counter}@test.local` });
  const [alice, bruno, carole, dan] = await Promise.all(["Alice", "Bruno", "Carole", "Dan"].map(person));
  const aliceVeg = await createSubscription(db, { userId: alice!.id, contractId: veg.id });
  const brunoEggs = await createSubscription(db, { userId: bruno!.id, contractId: eggs.id });
  await createSubscription(db, { userId: carole!.id, contractId: veg.id });
  await createSubscription(db, { userId: dan!.id, contractId: bread.id });
  await createSubscription(db, { userId: rose.userId, contractId: eggs.id });
  const intermittent = (firstName: string) =>
    createIntermittent(db, { firstName, lastName: "Test", email: `${firstName.toLowerCase()}-${counter}@test.local` });
  const [ines, paul, lea, eve] = await Promise.all(["Ines", "Paul", "Lea", "Eve"].map(intermittent));
  const offer = async (member: s.User, subscriptionId: number) => {
    const made = await createOffers(await viewerOf(db, member.id), {
      distributionIds: [distribution.id],
      subscriptionIds: [subscriptionId],
      message: "",
      autoAccept: false,
    });
    if (!made.ok) throw new Error(made.refusal);
    return made.value.offerIds[0]!;
  };
  const aliceOffer = await offer(alice!, aliceVeg.id);
  const brunoOffer = await offer(bruno!, brunoEggs.id);
  const inesReservation = await reserveOffer(await viewerOf(db, ines!.id), aliceOffer);
  if (!inesReservation.ok) throw new Error(inesReservation.refusal);
  expect((await reserveOffer(await viewerOf(db, paul!.id), aliceOffer)).ok).toBe(true);
  expect((await acceptReservation(await viewerOf(db, alice!.id), inesReservation.value.reservationId!)).ok).toBe(true);
  expect((await reserveOffer(await viewerOf(db, lea!.id), brunoOffer)).ok).toBe(true);
  await db.delete(s.outbox);
  return { date, distribution, alice: alice!, bruno: bruno!, carole: carole!, dan: dan!, ines: ines!, paul: paul!, lea: lea!, eve: eve!, aliceOffer, brunoOffer };
}

const ROSE_CANCELS = "Rose Lefèvre, référent·e de l'AMAP, a annulé la distribution du";

describe("a cancelled distribution", () => {
  it("tells the takers, the people in line and the members, who cancelled it and why; nobody else", async () => {
    const x = await scene();
    const day = formatDay(x.distribution.startsAt);
    const reason = "La salle est inondée.\nLes légumes seront livrés la semaine suivante.";
    const result = await cancelDistribution(rose, x.distribution.id, reason);
    expect(result).toEqual({ ok: true, value: { offersCancelled: 2, offersLeft: 0, peopleNotified: 6 } });
    const report = await deliver();
    expect(report).toMatchObject({ sent: 6, failed: 0, skipped: 0 });

    // Inès, the taker: the distribution is cancelled, by Rose, why; nothing to collect or pay; her calendar event withdrawn.
    const ines = onlyMailTo(x.ines.email);
    expect(ines.subject).toBe(typeset(`Distribution du ${day} annulée : panier d'Alice (Légumes ${counter} — grand panier)`));
    expect(ines.text).toContain(typeset(`${ROSE_CANCELS} ${day}. Vous n'avez donc pas à venir chercher le panier d'Alice, ni rien à régler.`));
    expect(ines.text).toContain(typeset("Rose Lefèvre, référent·e de l'AMAP, explique :"));
    expect(ines.text).toContain(typeset("> La salle est inondée.\n> Les légumes seront livrés la semaine suivante."));
    expect(ines.text).toContain(typeset("Le rendez-vous est retiré de votre agenda (fichier joint)."));
    expect(ines.attachments).toHaveLength(1);
    const ics = ines.attachments[0]!.content.toString("utf8");
    expect(ics).toContain(typeset("METHOD:CANCEL"));
    expect(ics).toContain(typeset("STATUS:CANCELLED"));
    expect(ics).toMatch(/UID:reservation-\d+@localhost:3000/);

    // Paul (in line) and Léa (awaiting Bruno's answer): their reservation is cancelled with the distribution.
    const paul = onlyMailTo(x.paul.email);
    expect(paul.text).toContain(typeset(`${ROSE_CANCELS} ${day} : votre réservation du panier d'Alice est donc annulée.`));
    expect(paul.attachments).toEqual([]);
    const lea = onlyMailTo(x.lea.email);
    expect(lea.subject).toBe(typeset(`Distribution du ${day} annulée : panier de Bruno (Œufs ${counter} — boîte de 6)`));
    expect(lea.text).toContain(typeset(`${ROSE_CANCELS} ${day} : votre réservation du panier de Bruno est donc annulée.`));

    // The members: Alice (her offer withdrawn, two people told), Bruno (one), Carole (no offer).
    const alice = onlyMailTo(x.alice.email);
    expect(alice.subject).toBe(typeset(`Distribution du ${day} annulée`));
    expect(alice.text).toContain(typeset(`${ROSE_CANCELS} ${formatSlot(x.distribution.startsAt, x.distribution.endsAt)} (Salle des fêtes ${counter}) : il n'y aura pas de distribution ce jour-là.`));
    expect(alice.text).toContain(typeset("> La salle est inondée."));
    expect(alice.text).toContain(typeset(`Vos paniers prévus ce jour-là : Légumes ${counter} — grand panier.`));
    expect(alice.text).toContain(
      "Le panier que vous proposiez aux intermittents pour cette date est retiré, et les 2 personnes qui l'avaient réservé sont prévenues.",
    );
    expect(alice.text).toContain(typeset("Une question ? Écrivez aux référents : contact@tilleuls.test"));
    expect(onlyMailTo(x.bruno.email).text).toContain(
      "Le panier que vous proposiez aux intermittents pour cette date est retiré, et la personne qui l'avait réservé est prévenue.",
    );
    const carole = onlyMailTo(x.carole.email);
    expect(carole.text).toContain(typeset(`Vos paniers prévus ce jour-là : Légumes ${counter} — grand panier.`));
    expect(carole.text).not.toContain(typeset("proposiez"));

    // Not Dan (no basket that day), not Eve (only announced to), not Rose (she did it).
    for (const email of [x.dan.email, x.eve.email, "rose-cal@test.local"]) expect(mailsTo(email)).toEqual([]);
    // Nobody reads that a member took their basket back, and no amount to pay.
    for (const m of sink.messages) {
      expect(m.text).not.toMatch(/ne cède plus|À régler|€/);
      expect(String(m.html)).not.toContain(typeset("€"));
    }
  });

  it("drops its mails when the distribution is no longer cancelled at delivery", async () => {
    const x = await scene();
    expect((await cancelDistribution(rose, x.distribution.id, "Grève")).ok).toBe(true);
    await db.update(s.distributions).set({ cancelledAt: null }).where(eq(s.distributions.id, x.distribution.id));
    expect(await deliver()).toMatchObject({ sent: 0, skipped: 6 });
    expect(sink.messages).toEqual([]);
  });

  it("« Annuler ces paniers » on a date cancelled before its offers were: their members and holders are told, not everyone again", async () => {
    const x = await scene();
    // As an older version left it: the date cancelled, its offers still open.
    await db.update(s.distributions).set({ cancelledAt: new Date() }).where(eq(s.distributions.id, x.distribution.id));
    await db.insert(s.events).values({ amapId: rose.amapId, actorId: rose.userId, action: "distribution.cancel", data: { distributionId: x.distribution.id }, reason: "Gel" });
    const result = await cancelRemainingOffers(rose, x.distribution.id);
    expect(result).toEqual({ ok: true, value: { offersCancelled: 2, offersLeft: 0, peopleNotified: 5 } });
    await deliver();
    expect(onlyMailTo(x.ines.email).text).toContain(typeset("> Gel"));
    expect(onlyMailTo(x.alice.email).text).toContain(typeset("Le panier que vous proposiez aux intermittents pour cette date est retiré"));
    expect(mailsTo(x.carole.email)).toEqual([]);
  });
});

describe("cancelling while baskets are reserved", () => {
  it("leaves no live reservation, tells each holder once, refuses the late ones « offre fermée »", async () => {
    const x = await scene();
    const crowd = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createIntermittent(db, { firstName: `Nina${i}`, email: `nina${i}-${counter}@test.local` })),
    );
    const viewers = await Promise.all(crowd.map((p) => viewerOf(db, p.id)));
    const [cancelled, ...reserved] = await Promise.all([
      cancelDistribution(rose, x.distribution.id, "Tempête"),
      ...viewers.map((v, i) => reserveOffer(v, i % 2 === 0 ? x.aliceOffer : x.brunoOffer)),
    ]);
    expect(cancelled.ok).toBe(true);
    for (const r of reserved) if (!r.ok) expect(r.refusal).toBe(typeset("offer_closed"));
    const reservations = await db
      .select()
      .from(s.reservations)
      .where(inArray(s.reservations.offerId, [x.aliceOffer, x.brunoOffer]));
    expect(reservations.filter((r) => ["pending", "queued", "accepted"].includes(r.status))).toEqual([]);
    const told = await db.select({ payload: s.outbox.payload }).from(s.outbox).where(eq(s.outbox.kind, "distribution-cancelled-taker"));
    expect(told.map((t) => t.payload.reservationId).sort()).toEqual(
      reservations.filter((r) => r.status === "cancelled").map((r) => r.id).sort(),
    );
  });
});

describe("a moved distribution", () => {
  const move = (id: number, date: string, start = "17:00", end = "19:00") => moveDistribution(rose, id, { date, start, end });

  it("emails the new date to the members and to everyone holding a reservation, the taker with an updated calendar event", async () => {
    const x = await scene();
    const before = formatSlot(x.distribution.startsAt, x.distribution.endsAt);
    const newDate = addDays(x.date, 2);
    const after = formatSlot(parisInstant(newDate, "17:00"), parisInstant(newDate, "19:00"));
    const newDay = formatDay(parisInstant(newDate, "17:00"));
    const result = await move(x.distribution.id, newDate);
    expect(result).toMatchObject({ ok: true, value: { peopleNotified: 6 } });
    expect(await deliver()).toMatchObject({ sent: 6, skipped: 0, failed: 0 });

    const ines = onlyMailTo(x.ines.email);
    expect(ines.subject).toBe(typeset(`Panier d'Alice : la distribution est déplacée au ${newDay}`));
    expect(ines.text).toContain(typeset(`Rose Lefèvre, référent·e de l'AMAP, a déplacé la distribution du ${before}.`));
    expect(ines.text).toContain(typeset("Le panier d'Alice est à récupérer à la nouvelle date, au même endroit :"));
    expect(ines.text).toContain(after);
    expect(ines.text).toContain(typeset("Le rendez-vous de votre agenda est mis à jour (fichier joint)."));
    expect(ines.text).toMatch(/Vous ne pouvez pas venir à la nouvelle date\u202f\? Annuler ma réservation http:\/\/localhost:3000\/lien\/v1\./u);
    const ics = ines.attachments[0]!.content.toString("utf8");
    expect(ics).toContain(typeset("METHOD:REQUEST"));
    expect(ics).toContain(typeset("SEQUENCE:1"));
    expect(ics).toContain(typeset(`DTSTART:${parisInstant(newDate, "17:00").toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`));

    expect(onlyMailTo(x.paul.email).text).toContain(typeset(`Vous restez dans la file d'attente pour le panier d'Alice, à la nouvelle date :`));
    expect(onlyMailTo(x.lea.email).text).toContain(typeset("Votre réservation du panier de Bruno attend toujours sa réponse ; elle vaut pour la nouvelle date :"));
    expect(onlyMailTo(x.paul.email).attachments).toEqual([]);

    const alice = onlyMailTo(x.alice.email);
    expect(alice.subject).toBe(typeset(`La distribution du ${formatDay(x.distribution.startsAt)} est déplacée au ${newDay}`));
    expect(alice.text).toContain(typeset(`Rose Lefèvre, référent·e de l'AMAP, a déplacé la distribution du ${before}. Elle aura lieu :`));
    expect(alice.text).toContain(after);
    expect(alice.text).toContain(
      typeset("Le panier que vous cédez suit la distribution : il vaut pour la nouvelle date. Les 2 personnes qui l'ont réservé en sont prévenues."),
    );
    expect(onlyMailTo(x.bruno.email).text).toContain(typeset("La personne qui l'a réservé en est prévenue."));
    const carole = onlyMailTo(x.carole.email);
    expect(carole.text).toContain(after);
    expect(carole.text).not.toContain(typeset("Le panier que vous cédez"));
    for (const email of [x.dan.email, x.eve.email, "rose-cal@test.local"]) expect(mailsTo(email)).toEqual([]);
  });

  it("a basket offered that nobody reserved follows the move, and the member is not told that anyone was warned", async () => {
    const x = await scene();
    const caroleVeg = await db.query.subscriptions.findFirst({ where: eq(s.subscriptions.userId, x.carole.id) });
    const made = await createOffers(await viewerOf(db, x.carole.id), {
      distributionIds: [x.distribution.id],
      subscriptionIds: [caroleVeg!.id],
      message: "",
      autoAccept: false,
    });
    expect(made.ok).toBe(true);
    await db.delete(s.outbox);
    expect((await move(x.distribution.id, addDays(x.date, 2))).ok).toBe(true);
    await deliver();
    const carole = onlyMailTo(x.carole.email).text;
    expect(carole).toContain(typeset("Le panier que vous cédez suit la distribution : il vaut pour la nouvelle date. Vous pouvez finalement venir ?"));
    expect(carole).not.toMatch(/prévenu/);
  });

  it("a second move before the mails left supersedes the first: one mail each, from the date they knew to the last one", async () => {
    const x = await scene();
    const known = formatSlot(x.distribution.startsAt, x.distribution.endsAt);
    expect((await move(x.distribution.id, addDays(x.date, 1))).ok).toBe(true);
    const last = addDays(x.date, 3);
    expect((await move(x.distribution.id, last, "18:00", "19:30")).ok).toBe(true);
    expect(await deliver()).toMatchObject({ sent: 6, skipped: 6 });
    for (const who of [x.alice, x.carole, x.ines, x.paul]) {
      const { text } = onlyMailTo(who.email);
      expect(text).toContain(typeset(`a déplacé la distribution du ${known}.`));
      expect(text).toContain(formatSlot(parisInstant(last, "18:00"), parisInstant(last, "19:30")));
    }
    expect(onlyMailTo(x.ines.email).attachments[0]!.content.toString("utf8")).toContain(typeset("SEQUENCE:2"));
  });

  it("moved there and back before anyone was told: nothing to say", async () => {
    const x = await scene();
    expect((await move(x.distribution.id, addDays(x.date, 1))).ok).toBe(true);
    expect((await move(x.distribution.id, x.date, "18:30", "20:00")).ok).toBe(true);
    expect(await deliver()).toMatchObject({ sent: 0, skipped: 12 });
  });

  it("moved, then cancelled before the mails left: only the cancellation is told", async () => {
    const x = await scene();
    expect((await move(x.distribution.id, addDays(x.date, 1))).ok).toBe(true);
    expect((await cancelDistribution(rose, x.distribution.id, "Finalement, pas de distribution")).ok).toBe(true);
    expect(await deliver()).toMatchObject({ sent: 6, skipped: 6 });
    expect(onlyMailTo(x.ines.email).subject).toMatch(/^Distribution du .* annulée/);
    // After one move, the cancellation's calendar SEQUENCE is above the move's.
    expect(onlyMailTo(x.ines.email).attachments[0]!.content.toString("utf8")).toContain(typeset("SEQUENCE:2"));
  });

  it("a reservation withdrawn before the mail left gets no news of the date", async () => {
    const x = await scene();
    expect((await move(x.distribution.id, addDays(x.date, 1))).ok).toBe(true);
    await db
      .update(s.reservations)
      .set({ status: "withdrawn" })
      .where(and(eq(s.reservations.offerId, x.aliceOffer), eq(s.reservations.status, "queued")));
    await deliver();
    expect(mailsTo(x.paul.email)).toEqual([]);
    expect(mailsTo(x.ines.email)).toHaveLength(1);
  });

  it("to the same day and hours: nothing moves, nobody is told", async () => {
    const x = await scene();
    expect(await move(x.distribution.id, x.date, "18:30", "20:00")).toMatchObject({ ok: true, value: { peopleNotified: 0 } });
    expect(await db.select().from(s.outbox)).toEqual([]);
  });
});
