// Exchange emails end to end through the outbox into the development
// mailbox: who gets what, contact details only where they belong, and mail
// that no longer applies when it leaves is skipped.
import { desc, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createIntermittent } from "@/db/factories";
import * as s from "@/db/schema";
import { openOffer, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import { getMailer } from "../mail/mailer";
import { acceptReservation, cancelOffer, reserveOffer } from "./offers";
import { drainOutbox } from "../outbox/worker";

let db: Db;
let veg: s.Contract;

beforeAll(async () => {
  db = await getDb();
  veg = await vegetablesContract(db);
});

beforeEach(async () => {
  await db.delete(s.outbox);
  await db.delete(s.devMails);
});

async function deliver() {
  return drainOutbox({ db, mailer: getMailer() });
}

async function mailsTo(email: string) {
  return db.select().from(s.devMails).where(eq(s.devMails.to, email)).orderBy(desc(s.devMails.id));
}

/** The one mail to `email` whose subject matches (mail is delivered concurrently, in no set order). */
async function mailTo(email: string, subject: RegExp) {
  const matching = (await mailsTo(email)).filter((m) => subject.test(m.subject));
  expect(matching, `one mail to ${email} matching ${subject}`).toHaveLength(1);
  return matching[0]!;
}

/** Inès and Jules on the list, then Alice's vegetables basket (in four days) offered to them with a message. */
async function scenario() {
  const ines = await createIntermittent(db, { firstName: "Inès", lastName: "Garnier", phone: "07 12 34 56 78" });
  const jules = await createIntermittent(db, { firstName: "Jules", lastName: "Faure", phone: "07 23 45 67 89" });
  const offer = await openOffer(db, veg, {
    daysAhead: 4,
    firstName: "Alice",
    lastName: "Martin",
    phone: "06 12 34 56 78",
    message: "Bon appétit <script>alert(1)</script>",
  });
  return {
    alice: offer.user,
    ines,
    jules,
    aliceViewer: offer.viewer,
    inesViewer: await viewerOf(db, ines.id),
    julesViewer: await viewerOf(db, jules.id),
    offerId: offer.offerId,
  };
}

describe("exchange emails", () => {
  it("announce the basket to each intermittent personally, without the owner's contact details", async () => {
    const { alice, ines, jules } = await scenario();
    await deliver();
    await mailTo(alice.email, /^Panier proposé\u00a0: Légumes — grand panier — /u);
    for (const person of [ines, jules]) {
      const announce = await mailTo(person.email, /^Panier disponible\u00a0: Légumes — grand panier — \S+ \d+\u00a0\S+/u);
      expect(announce.text).toContain("Alice");
      // "Réserver" is a personal one-click link; the list's unsubscribe link and headers come with it.
      expect(announce.text).toMatch(/http:\/\/localhost:3000\/lien\/v1\.[\w-]+\.[\w-]+/);
      expect(announce.headers["List-Unsubscribe"]).toMatch(
        /^<http:\/\/localhost:3000\/api\/desinscription\/v1\.[^>]+>, <mailto:intermittents@localhost\?subject=desinscription>$/,
      );
      expect(announce.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      expect(announce.html).not.toContain("<script>alert(1)</script>");
      expect(announce.html).toContain("&lt;script&gt;");
      for (const secret of ["06 12 34 56 78", alice.email]) {
        expect(announce.text).not.toContain(secret);
        expect(announce.html).not.toContain(secret);
      }
    }
  });

  it("announce with each intermittent's own greeting: a first name of blanks gets the plain « Bonjour, »", async () => {
    const blank = await createIntermittent(db, { firstName: "  ", lastName: "" });
    const { ines } = await scenario();
    await deliver();
    expect((await mailTo(ines.email, /^Panier disponible/)).text).toContain("Bonjour Inès,");
    const announce = await mailTo(blank.email, /^Panier disponible/);
    expect(announce.text).toContain("Bonjour,");
    expect(announce.text).not.toMatch(/ZQSLOT|Bonjour\s+,/);
  });

  it("give each party of an accepted exchange the other's contact and the taker an .ics; the queue learns nothing private", async () => {
    const { alice, ines, jules, aliceViewer, inesViewer, julesViewer, offerId } = await scenario();
    await reserveOffer(inesViewer, offerId);
    await reserveOffer(julesViewer, offerId);
    const [first] = await db.select().from(s.reservations).where(eq(s.reservations.intermittentId, ines.id));
    await acceptReservation(aliceViewer, first!.id);
    await deliver();

    const toTaker = await mailTo(ines.email, /^Réservation validée\u00a0: panier du /u);
    expect(toTaker.text).toContain("06 12 34 56 78");
    expect(toTaker.text).toContain(alice.email);
    expect(toTaker.text).toContain("Émargez au nom d'Alice Martin");
    expect(toTaker.attachments).toEqual([
      expect.objectContaining({ filename: "panier.ics", contentType: expect.stringContaining("text/calendar") }),
    ]);
    expect(toTaker.attachments[0]!.content).toContain("BEGIN:VEVENT");

    const toOwner = await mailTo(alice.email, /est repris par Inès/);
    expect(toOwner.text).toContain("07 12 34 56 78");

    const julesMails = await mailsTo(jules.email);
    expect(julesMails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/attribué/), expect.stringMatching(/^File d'attente/)]),
    );
    for (const mail of julesMails) {
      for (const secret of ["06 12 34 56 78", "07 12 34 56 78", alice.email, ines.email]) {
        expect(mail.text).not.toContain(secret);
        expect(mail.html).not.toContain(secret);
      }
    }
  });

  it("skip a decision request answered before it left, and an announcement to someone who left the list", async () => {
    const { alice, ines, jules, aliceViewer, inesViewer, offerId } = await scenario();
    await db.update(s.intermittentMemberships).set({ leftAt: new Date() }).where(eq(s.intermittentMemberships.userId, jules.id));
    await reserveOffer(inesViewer, offerId);
    const [reservation] = await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId));
    await acceptReservation(aliceViewer, reservation!.id);
    const report = await deliver();
    expect(report.skipped).toBeGreaterThanOrEqual(2);
    expect((await mailsTo(jules.email)).map((m) => m.subject)).toEqual([]);
    const aliceSubjects = (await mailsTo(alice.email)).map((m) => m.subject);
    expect(aliceSubjects.some((sub) => sub.includes("souhaite votre panier"))).toBe(false);
    expect(aliceSubjects.some((sub) => sub.includes("est repris par"))).toBe(true);
    const skipped = await db.select().from(s.outbox).where(eq(s.outbox.status, "skipped"));
    expect(skipped.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(["offer-announced", "reservation-to-decide"]));
    expect((await mailsTo(ines.email)).length).toBeGreaterThan(0);
  });

  it("do not send an acceptance, with its contact details, once the offer was cancelled", async () => {
    const { alice, ines, aliceViewer, inesViewer, offerId } = await scenario();
    await reserveOffer(inesViewer, offerId);
    const [reservation] = await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId));
    await acceptReservation(aliceViewer, reservation!.id);
    await cancelOffer(aliceViewer, offerId, "Changement de programme");
    await deliver();
    const subjects = (await mailsTo(ines.email)).map((m) => m.subject);
    expect(subjects.some((sub) => sub.startsWith("Réservation validée"))).toBe(false);
    expect(subjects.some((sub) => /annulé/.test(sub))).toBe(true);
    for (const mail of await mailsTo(ines.email)) expect(mail.text).not.toContain("06 12 34 56 78");
    expect((await mailsTo(alice.email)).some((m) => m.subject.includes("est repris par"))).toBe(false);
  });

  it("tell the taker of a cancellation, with the reason as text and a calendar cancellation", async () => {
    const { ines, aliceViewer, inesViewer, offerId } = await scenario();
    await reserveOffer(inesViewer, offerId);
    const [reservation] = await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId));
    await acceptReservation(aliceViewer, reservation!.id);
    await cancelOffer(aliceViewer, offerId, "Je reste finalement <b>ici</b>");
    await deliver();
    const cancelled = await mailTo(ines.email, /annulé/);
    expect(cancelled.text).toContain("Je reste finalement <b>ici</b>");
    expect(cancelled.html).not.toContain("<b>ici</b>");
    expect(cancelled.attachments[0]).toMatchObject({ filename: "annulation-panier.ics" });
    expect(cancelled.attachments[0]!.content).toContain("METHOD:CANCEL");
  });
});
