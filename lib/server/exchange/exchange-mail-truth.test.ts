// Each exchange email says what really happened (DESIGN.md §9, issue 11 §1),
// read as its recipient reads it: the real commands, the real outbox and
// mailer, into an SMTP sink. An automatic acceptance is not « Alice a
// validé »; a référent's « Attribuer » is not the member's validation; a
// refused person gets the refusal (with the member's word) and is not invited
// again; several dates offered at once make one announcement with one
// « Réserver » per date; no amount to pay in a cancellation.
import type { ParsedMail } from "mailparser";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createDistribution, createIntermittent, createPlace, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { memberWithBasket, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import { verifyLinkToken } from "../core/signed-links";
import { createSmtpMailer, type Mailer } from "../mail/mailer";
import {
  acceptReservation,
  assignOffer,
  autoAcceptPending,
  cancelOffer,
  createOffers,
  declineReservation,
  reserveOffer,
} from "./offers";
import { pickupCalendarFor } from "./offer-mail-data";
import { drainOutbox } from "../outbox/worker";
import { parseItip } from "@/test/itip";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;
let veg: s.Contract;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
  veg = await vegetablesContract(db);
  // The AMAP's reply-to address (its référents' mailbox).
  await db.update(s.settings).set({ replyTo: "intermittents@mon-amap.test" });
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

beforeEach(async () => {
  await db.delete(s.outbox);
  // Everyone from earlier tests leaves the list: each test counts its own recipients.
  await db.update(s.intermittentMemberships).set({ leftAt: new Date() });
  sink.messages.length = 0;
});

async function deliver() {
  await drainOutbox({ db, mailer, backoffMs: () => 0 });
}

const recipientOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? "";
const mailsTo = (email: string) =>
  sink.messages
    .filter((m) => recipientOf(m) === email)
    .map((m) => ({ subject: m.subject ?? "", from: m.from, replyTo: m.replyTo, text: m.text ?? "", html: String(m.html), attachments: m.attachments }));

function onlyMailTo(email: string) {
  const mails = mailsTo(email);
  expect(mails.map((m) => m.subject), `mails to ${email}`).toHaveLength(1);
  return mails[0]!;
}

/** Alice's basket, offered (automatically accepted or not), Inès and Jules on the list; the first mails delivered and forgotten. */
async function offered(autoAccept: boolean) {
  const alice = await memberWithBasket(db, veg, { daysAhead: 5, firstName: "Alice", lastName: "Martin" });
  const ines = await createIntermittent(db, { firstName: "Inès", lastName: "Garnier" });
  const jules = await createIntermittent(db, { firstName: "Jules", lastName: "Faure" });
  const result = await createOffers(alice.viewer, {
    distributionIds: [alice.distribution.id],
    subscriptionIds: [alice.sub.id],
    message: "",
    autoAccept,
  });
  if (!result.ok) throw new Error(result.refusal);
  await deliver();
  const announced = mailsTo(ines.email);
  sink.messages.length = 0;
  return {
    alice,
    ines,
    jules,
    announced,
    offerId: result.value.offerIds[0]!,
    inesViewer: await viewerOf(db, ines.id),
    julesViewer: await viewerOf(db, jules.id),
  };
}

describe("emails say what happened", () => {
  it("automatic acceptance: the announcement promises no validation, the taker reads it was accepted automatically", async () => {
    const { alice, ines, announced, offerId, inesViewer } = await offered(true);
    expect(announced).toHaveLength(1);
    expect(announced[0]!.text).not.toMatch(/Alice valide/);
    expect(announced[0]!.text).toContain("acceptée automatiquement");

    await reserveOffer(inesViewer, offerId);
    await deliver();
    const toTaker = onlyMailTo(ines.email);
    expect(toTaker.subject).toMatch(/^Réservation acceptée\u00a0: panier du /);
    expect(toTaker.text).toContain("acceptée automatiquement, comme Alice l'avait choisi");
    expect(toTaker.text).not.toMatch(/a validé/);
    expect(toTaker.html).not.toMatch(/a validé/);
    expect(onlyMailTo(alice.user.email).text).toContain("validée automatiquement, comme vous l'aviez choisi");
  });

  it("the AMAP's automatic acceptance before the distribution is said as such, to the taker and to the member", async () => {
    const { alice, ines, offerId, inesViewer } = await offered(false);
    const reserved = await reserveOffer(inesViewer, offerId);
    await deliver();
    sink.messages.length = 0;
    expect(await autoAcceptPending(reserved.ok ? reserved.value.reservationId! : 0)).toBe(true);
    await deliver();
    const toTaker = onlyMailTo(ines.email);
    expect(toTaker.text).toContain("comme le prévoit l'AMAP");
    expect(toTaker.text).not.toMatch(/a validé/);
    const toOwner = onlyMailTo(alice.user.email);
    expect(toOwner.text).toContain("Vous n'aviez pas encore répondu");
    expect(toOwner.text).not.toContain("comme vous l'aviez choisi");
  });

  it("a référent cancels a basket: the member reads that the people who reserved it were told — only when someone had", async () => {
    const chloe = await viewerOf(db, (await createUser(db, { firstName: "Chloé", lastName: "Roux", isReferent: true })).id);
    const nobody = await offered(false);
    expect((await cancelOffer(chloe, nobody.offerId, "Distribution reportée")).ok).toBe(true);
    await deliver();
    const untold = onlyMailTo(nobody.alice.user.email).text;
    expect(untold).toContain("Chloé Roux, référent·e de l'AMAP, a annulé votre panier du");
    expect(untold).not.toMatch(/prévenu/);

    sink.messages.length = 0;
    const two = await offered(false);
    await reserveOffer(two.inesViewer, two.offerId);
    await reserveOffer(two.julesViewer, two.offerId);
    await deliver();
    sink.messages.length = 0;
    expect((await cancelOffer(chloe, two.offerId, "Distribution reportée")).ok).toBe(true);
    await deliver();
    expect(onlyMailTo(two.alice.user.email).text).toContain("Les 2 personnes qui l'avaient réservé en sont prévenues.");
  });

  it("« Attribuer » by a référent: the taker reads that the référent gave the basket for the member, and why", async () => {
    const { alice, ines, jules, offerId, inesViewer, julesViewer } = await offered(false);
    await reserveOffer(inesViewer, offerId);
    await reserveOffer(julesViewer, offerId);
    await deliver();
    sink.messages.length = 0;
    const chloe = await viewerOf(db, (await createUser(db, { firstName: "Chloé", lastName: "Roux", isReferent: true })).id);
    // Jules waits in line while Inès awaits Alice's answer: the case the old order refused.
    const assigned = await assignOffer(chloe, offerId, jules.id, "Alice me l'a demandé par téléphone");
    expect(assigned.ok).toBe(true);
    await deliver();
    const toTaker = onlyMailTo(jules.email);
    expect(toTaker.subject).toMatch(/^Panier attribué\u00a0: panier du /);
    // In the AMAP's name, from the deployment's address; answers go to the AMAP.
    expect(toTaker.from?.value).toEqual([{ name: "Mon AMAP via Espace intermittents", address: "test@localhost" }]);
    expect(toTaker.replyTo?.value).toEqual([{ name: "", address: "intermittents@mon-amap.test" }]);
    expect(toTaker.text).toContain("Chloé Roux, référent·e de l'AMAP, vous attribue le panier du");
    expect(toTaker.text).toContain("pour le compte d'Alice");
    expect(toTaker.text).toContain("Alice me l'a demandé par téléphone");
    expect(toTaker.text).not.toMatch(/a validé votre réservation/);
    expect(onlyMailTo(alice.user.email).text).toContain("Chloé Roux, référent·e de l'AMAP, a attribué votre panier à Jules");
    const notChosen = onlyMailTo(ines.email);
    expect(notChosen.subject).toMatch(/attribué/);
    // Her basket went to someone else: « Voir les autres paniers » opens the list, not that basket.
    expect(notChosen.text).toMatch(/Voir les autres paniers http:\/\/localhost:3000\/mon-amap\/paniers\s/);
  });

  it("« Refuser »: the refused person gets one email, the refusal with the member's word; the others get the re-announcement", async () => {
    const { alice, ines, jules, offerId, inesViewer } = await offered(false);
    const reserved = await reserveOffer(inesViewer, offerId);
    await deliver();
    sink.messages.length = 0;
    await db.delete(s.outbox);
    const declined = await declineReservation(alice.viewer, reserved.ok ? reserved.value.reservationId! : 0, "Désolée, ma voisine le prend.");
    expect(declined.ok).toBe(true);
    await deliver();
    const refusal = onlyMailTo(ines.email);
    expect(refusal.subject).toMatch(/^Réservation non retenue/);
    expect(refusal.text).toContain("Alice vous a laissé un mot");
    expect(refusal.text).toContain("Désolée, ma voisine le prend.");
    expect(onlyMailTo(jules.email).subject).toMatch(/^De nouveau disponible/);
    // Not in the outbox either, for a later delivery.
    const rows = await db.select().from(s.outbox).where(eq(s.outbox.recipient, ines.email));
    expect(rows.map((r) => r.kind)).toEqual(["reservation-declined"]);
  });

  it("« Réservation envoyée » carries its own « Annuler ma réservation » link", async () => {
    const { ines, offerId, inesViewer } = await offered(false);
    await reserveOffer(inesViewer, offerId);
    await deliver();
    const sent = onlyMailTo(ines.email);
    expect(sent.subject).toMatch(/^Réservation envoyée/);
    const withdraw = /Annuler ma réservation[^\n]*\n?[^\n]*?(http:\/\/localhost:3000\/lien\/(v1\.[\w-]+\.[\w-]+))/.exec(sent.text);
    expect(withdraw, sent.text).not.toBeNull();
    const check = verifyLinkToken(withdraw![2]!);
    expect(check.ok && check.claims.action).toBe("withdraw");
  });

  it("no amount to pay in the exchange's own cancellation mails", async () => {
    const { alice, ines, offerId, inesViewer } = await offered(false);
    const reserved = await reserveOffer(inesViewer, offerId);
    await acceptReservation(alice.viewer, reserved.ok ? reserved.value.reservationId! : 0);
    await deliver();
    sink.messages.length = 0;
    const rose = await viewerOf(db, (await createUser(db, { firstName: "Rose", isReferent: true })).id);
    await cancelOffer(rose, offerId, "La distribution est reportée");
    await deliver();
    const toTaker = onlyMailTo(ines.email);
    const toOwner = onlyMailTo(alice.user.email);
    expect(toTaker.subject).toMatch(/annulé/);
    expect(toOwner.subject).toMatch(/annulé/);
    for (const mail of [toTaker, toOwner]) {
      expect(mail.text).not.toMatch(/À régler|Montant à recevoir|€/);
      expect(mail.html).not.toMatch(/À régler|Montant à recevoir|€/);
    }
  });
});

describe("the pickup in the taker's calendar", () => {
  it("comes as an iTIP invitation from the AMAP to the taker, is cancelled the same way, and downloads as a published event", async () => {
    await db.update(s.settings).set({ contactEmail: "contact@tilleuls.test" });
    const { alice, ines, offerId, inesViewer } = await offered(false);
    const reserved = await reserveOffer(inesViewer, offerId);
    const reservationId = reserved.ok ? reserved.value.reservationId! : 0;
    await acceptReservation(alice.viewer, reservationId);
    await deliver();
    const accepted = mailsTo(ines.email).find((m) => m.subject.startsWith("Réservation validée"))!;
    const request = parseItip(accepted.attachments[0]!.content);
    expect(request).toMatchObject({ method: "REQUEST", organizer: "mailto:contact@tilleuls.test", attendees: [`mailto:${ines.email}`] });
    expect(accepted.attachments[0]!.contentType).toBe("text/calendar");

    const download = await pickupCalendarFor(db, (await viewerOf(db, ines.id)).amapId, offerId, reservationId, ines.id);
    const published = parseItip(download!.content);
    expect(published).toMatchObject({ method: "PUBLISH", uid: request.uid, organizer: "mailto:contact@tilleuls.test", attendees: [] });

    sink.messages.length = 0;
    await cancelOffer(alice.viewer, offerId, "Je reste");
    await deliver();
    const cancel = parseItip(onlyMailTo(ines.email).attachments[0]!.content);
    expect(cancel).toMatchObject({ method: "CANCEL", uid: request.uid, sequence: 1, attendees: [`mailto:${ines.email}`] });
  });
});

describe("several dates offered at once", () => {
  it("make one email per intermittent listing the dates, each with its own « Réserver » link", async () => {
    const place = await createPlace(db, { name: "Salle des absences" });
    const member = await memberWithBasket(db, veg, { daysAhead: 4, firstName: "Bruno" });
    const distributions = [member.distribution];
    for (const days of [11, 18]) {
      distributions.push(await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), days), contractIds: [veg.id] }));
    }
    const ines = await createIntermittent(db, { firstName: "Inès" });
    const jules = await createIntermittent(db, { firstName: "Jules" });
    const result = await createOffers(member.viewer, {
      distributionIds: distributions.map((d) => d.id),
      subscriptionIds: [member.sub.id],
      message: "Trois semaines de vacances",
      autoAccept: false,
    });
    expect(result.ok).toBe(true);
    const offerIds = result.ok ? result.value.offerIds : [];
    expect(offerIds).toHaveLength(3);
    await deliver();
    for (const person of [ines, jules]) {
      const announce = onlyMailTo(person.email);
      expect(announce.subject).toMatch(/^Paniers disponibles\u00a0: Légumes — grand panier — 3\u00a0dates$/);
      const tokens = [...announce.text.matchAll(/Réserver le [^\n]*\n?[^\n]*?http:\/\/localhost:3000\/lien\/(v1\.[\w-]+\.[\w-]+)/g)].map((m) => m[1]!);
      expect(tokens).toHaveLength(3);
      const claims = tokens.map((t) => verifyLinkToken(t)).map((c) => (c.ok ? c.claims : null));
      expect(claims.map((c) => c?.action)).toEqual(["reserve", "reserve", "reserve"]);
      expect(claims.map((c) => c?.userId)).toEqual([person.id, person.id, person.id]);
      expect(claims.map((c) => c?.objectId).sort()).toEqual([...offerIds].sort());
    }
    // The member still gets one summary per date offered.
    expect(mailsTo(member.user.email)).toHaveLength(3);
  });
});
