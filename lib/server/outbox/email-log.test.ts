// The email log's preview (issue 10 §4): a référent re-reading a message must
// not get a working link of the recipient's. Every kind of message the
// exchange, the list and the reminders write is previewed; no token in any of
// them verifies, and no sign-in link shows. The same messages as delivered
// carry working links (so the search below does find the links).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { intermittents, openOffer, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import { joinList } from "../list/intermittents";
import { INERT_TOKEN, verifyLinkToken } from "../core/signed-links";
import { getMailer } from "../mail/mailer";
import { acceptReservation, reserveOffer } from "../exchange/offers";
import { drainOutbox } from "./worker";
import { enqueueMail } from "../mail/enqueue";
import { previewEmail } from "./email-log";
import { firstAmapId } from "@/db/queries";

let db: Db;

beforeAll(async () => {
  db = await getDb();
});

/** Every action link in a message: the confirmation page's and the one-click unsubscribe's. */
const tokensIn = (body: string) => [...body.matchAll(/\/(?:lien|api\/desinscription)\/([^\s"'<>)?#]+)/g)].map((m) => decodeURIComponent(m[1]!));

describe("the email log's preview", () => {
  it("shows every message with inert links: no token in any re-rendered message verifies, no sign-in link shows", async () => {
    const veg = await vegetablesContract(db);
    const referent = await viewerOf(db, (await createUser(db, { isReferent: true, firstName: "Rose" })).id);
    await db.delete(s.outbox);
    // An offer announced to the list; another reserved (accept and decline links to the member, withdraw to the
    // intermittent); a third accepted (the taker's withdraw link); someone joining the list (unsubscribe);
    // reminders; a sign-in link not yet sent.
    const [ines, jules, hugo] = await intermittents(db, 3, "preview");
    const announced = await openOffer(db, veg, { daysAhead: 3 });
    const reserved = await openOffer(db, veg, { daysAhead: 4, firstName: "Bruno" });
    const pending = await reserveOffer(ines!.viewer, reserved.offerId);
    if (!pending.ok) throw new Error(pending.refusal);
    const accepted = await openOffer(db, veg, { daysAhead: 5, firstName: "Chloé" });
    const taken = await reserveOffer(jules!.viewer, accepted.offerId);
    if (!taken.ok) throw new Error(taken.refusal);
    expect((await acceptReservation(accepted.viewer, taken.value.reservationId!)).ok).toBe(true);
    await db.update(s.intermittentMemberships).set({ leftAt: new Date() }).where(eq(s.intermittentMemberships.userId, hugo!.id));
    expect((await joinList(await viewerOf(db, hugo!.id))).ok).toBe(true);
    await enqueueMail(db, await firstAmapId(db), "reminder-decision", [
      { to: reserved.user.email, payload: { offerId: reserved.offerId, reservationId: pending.value.reservationId!, userId: reserved.user.id, morning: false } },
    ]);
    await enqueueMail(db, await firstAmapId(db), "reminder-pickup", [
      { to: jules!.email, payload: { offerId: accepted.offerId, reservationId: taken.value.reservationId!, userId: jules!.id } },
    ]);
    // « Il reste » to someone who came on the list after the announcement.
    const [newcomer] = await intermittents(db, 1, "newcomer");
    await enqueueMail(db, await firstAmapId(db), "reminder-baskets-left", [{ to: newcomer!.email, payload: { distributionId: announced.distribution.id, userId: newcomer!.id } }]);
    const secret = "http://localhost:3000/api/auth/callback/nodemailer?token=s3cr3t-s1gn-1n&email=rose%40test.local";
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "rose@test.local", payload: { url: secret } }]);

    const rows = await db.select().from(s.outbox).orderBy(s.outbox.id);
    const kinds = new Set<string>();
    let inert = 0;
    for (const row of rows) {
      const preview = await previewEmail(referent, row.id);
      const rendered = preview?.rendered;
      if (!rendered) continue;
      kinds.add(row.kind);
      const body = `${rendered.html}\n${rendered.text}`;
      expect(body).not.toContain("s3cr3t");
      for (const token of tokensIn(body)) {
        expect(verifyLinkToken(token), `${row.kind}: ${token}`).toMatchObject({ ok: false });
        expect(token).toBe(INERT_TOKEN);
        inert++;
      }
    }
    // What the exchange, the list, the reminders and sign-in write, each previewed.
    for (const kind of [
      "offer-listed",
      "offer-announced",
      "reservation-to-decide",
      "reservation-pending",
      "reservation-accepted-taker",
      "reservation-accepted-owner",
      "list-joined",
      "reminder-decision",
      "reminder-pickup",
      "reminder-baskets-left",
      "sign-in",
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(inert).toBeGreaterThan(rows.length);

    // Delivered, the same messages carry working links.
    await drainOutbox({ db, mailer: getMailer() });
    const delivered = await db.select().from(s.devMails);
    const live = delivered.flatMap((m) => tokensIn(`${m.html}\n${m.text}`));
    expect(live.length).toBeGreaterThan(rows.length);
    expect(live.every((token) => verifyLinkToken(token).ok)).toBe(true);
    expect(delivered.find((m) => m.to === "rose@test.local")!.text).toContain("s3cr3t");
  });
});
