// « Devenir intermittent·e », read as the applicant and the référents read it
// (the real outbox and mailer into an SMTP sink): one client cannot close the
// form for others (issue 10 §7), the référents' queue shows the newest few
// per client address, a request mails the applicant and each référent, and
// the decision — with a refusal's reason — reaches the applicant. Each new
// kind of mail is dropped at delivery once its request is decided.
import type { ParsedMail } from "mailparser";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createMember, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { REQUEST_LIMITS } from "@/lib/domain/intermittents";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth/auth";
import { approveJoinRequest, countPendingRequests, listJoinRequests, refuseJoinRequest, requestToJoin } from "./join-requests";
import { mailHandlers } from "../outbox/registry";
import { createSmtpMailer, type Mailer } from "../mail/mailer";
import { drainOutbox } from "../outbox/worker";
import { firstAmapId } from "@/db/queries";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;
let rose: Viewer;
let paul: Viewer;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
  // Whoever earlier files made référent stays one; this file's two are named.
  await db.delete(s.amapReferents);
  rose = await viewerOf(db, (await createUser(db, { isReferent: true, firstName: "Rose", lastName: "Lefèvre", email: uniqueEmail("rose") })).id);
  paul = await viewerOf(db, (await createUser(db, { isReferent: true, firstName: "Paul", lastName: "Durand", email: uniqueEmail("paul") })).id);
  await db.update(s.settings).set({ amapName: "AMAP des Tilleuls", contactEmail: "contact@tilleuls.test" });
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

beforeEach(async () => {
  await db.delete(s.intermittentRequests);
  await db.delete(s.outbox);
  sink.messages.length = 0;
});

const deliver = () => drainOutbox({ db, mailer, backoffMs: () => 0 });
const recipientOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? "";
const mailsTo = (email: string) => sink.messages.filter((m) => recipientOf(m) === email);
const applicant = (firstName = "Lou") => ({ email: uniqueEmail("demande"), firstName, lastName: "Martin", phone: "", message: "Bonjour !" });
const emailOf = async (viewer: Viewer) => (await db.select({ email: s.users.email }).from(s.users).where(eq(s.users.id, viewer.userId)))[0]!.email;

describe("one client cannot close the form for others", () => {
  it("60 requests, each naming another address, leave the form open to the next client", async () => {
    // What 60 forged X-Forwarded-For headers were: 60 client addresses. Old main closed the form for everyone at 60 an hour.
    for (let i = 0; i < 60; i++) expect(await requestToJoin(applicant(), `198.51.100.${i}`)).toEqual({ ok: true, value: null });
    expect(await requestToJoin(applicant(), "203.0.113.50")).toEqual({ ok: true, value: null });
  });

  it("60 requests from one client: the first 10 are kept, the rest refused — and nobody else is refused", async () => {
    const results = [];
    for (let i = 0; i < 60; i++) results.push(await requestToJoin(applicant(), "192.0.2.66"));
    expect(results.filter((r) => r.ok)).toHaveLength(REQUEST_LIMITS.perIpPerHour);
    expect(results.slice(REQUEST_LIMITS.perIpPerHour).every((r) => !r.ok && r.refusal === "too_many_requests")).toBe(true);
    expect(await requestToJoin(applicant("Inès"), "192.0.2.67")).toEqual({ ok: true, value: null });
  });

  it("the référents' queue shows the newest 3 per client address, newest first, and says how many are left out", async () => {
    const t0 = Date.now() - 3_000_000;
    const flood = [];
    for (let i = 0; i < 8; i++) {
      const p = applicant(`Robot${i}`);
      flood.push(p.email);
      await requestToJoin(p, "192.0.2.99", new Date(t0 + i * 60_000));
    }
    const honest = applicant("Inès");
    await requestToJoin(honest, "203.0.113.7", new Date(t0 + 30_000));
    const queue = (await listJoinRequests(rose))!;
    expect(queue.map((r) => r.fullName)).toEqual(["Robot7 Martin", "Robot6 Martin", "Robot5 Martin", "Inès Martin"]);
    expect(queue.map((r) => r.hiddenFromSameIp)).toEqual([0, 0, 5, 0]);
    // The hidden ones are still there, to decide once the flood is dealt with.
    expect(await countPendingRequests(rose)).toBe(9);
  });
});

describe("a join request", () => {
  it("emails the applicant and each référent (a link to decide); the home page counts it; non-référents see nothing", async () => {
    const lou = applicant();
    await requestToJoin({ ...lou, phone: "06 12 34 56 78", message: "Je passe le jeudi soir." }, "203.0.113.1");
    await deliver();
    const [ack] = mailsTo(lou.email);
    expect(mailsTo(lou.email)).toHaveLength(1);
    expect(ack?.subject).toBe("Votre demande pour la liste des intermittents — AMAP des Tilleuls");
    expect(ack?.text).toContain("Bonjour Lou,");
    expect(ack?.text).toContain("Votre demande d'inscription sur la liste des intermittents de l'AMAP des Tilleuls est bien arrivée.");
    expect(ack?.text).toContain("contact@tilleuls.test");
    const [id] = (await db.select({ id: s.intermittentRequests.id }).from(s.intermittentRequests)).map((r) => r.id);
    for (const referent of [rose, paul]) {
      const mails = mailsTo(await emailOf(referent));
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toBe("Demande d'inscription comme intermittent·e\u00a0: Lou Martin");
      expect(mails[0]?.text).toContain(`${lou.email}`);
      expect(mails[0]?.text).toContain("06 12 34 56 78");
      expect(mails[0]?.text).toContain("Je passe le jeudi soir.");
      expect(mails[0]?.text).toMatch(new RegExp(`Accepter ou refuser\\s*\\[?https?://\\S+/admin/intermittents#demande-${id}`));
    }
    expect(await countPendingRequests(rose)).toBe(1);
    const member = await viewerOf(db, (await createMember(db, { contractIds: [(await createContract(db)).id] })).id);
    expect(await countPendingRequests(member)).toBeNull();
  });

  it("the decision reaches the applicant: accepted, how it works and the baskets; refused, the reason given", async () => {
    const yes = applicant("Yann");
    const no = applicant("Noé");
    const silent = applicant("Sam");
    for (const p of [yes, no, silent]) await requestToJoin(p, "203.0.113.2");
    const ids = Object.fromEntries((await db.select().from(s.intermittentRequests)).map((r) => [r.email, r.id]));
    await db.delete(s.outbox);
    expect(await approveJoinRequest(rose, ids[yes.email]!)).toEqual({ ok: true, value: null });
    expect(await refuseJoinRequest(rose, ids[no.email]!, "La liste est complète ; réessayez en septembre.\u202e")).toEqual({ ok: true, value: null });
    expect(await refuseJoinRequest(paul, ids[silent.email]!, "  ")).toEqual({ ok: true, value: null });
    await deliver();
    const [accepted] = mailsTo(yes.email);
    expect(accepted?.subject).toBe("Votre inscription comme intermittent·e est acceptée");
    expect(accepted?.text).toContain("Comment ça marche");
    expect(accepted?.text).toMatch(/Voir les paniers disponibles\s*\[?https?:\/\/\S+\/paniers/);
    const [refusedWithReason] = mailsTo(no.email);
    expect(refusedWithReason?.text).toContain("Les référents précisent\u00a0:");
    // The reason as typed, its invisible reordering character dropped.
    expect(refusedWithReason?.text).toContain("La liste est complète ; réessayez en septembre.");
    expect(refusedWithReason?.text).not.toContain("\u202e");
    const [refusedPlain] = mailsTo(silent.email);
    expect(refusedPlain?.text).not.toContain("précisent");
    const [event] = await db.select().from(s.events).where(eq(s.events.action, "membership.request-refused")).orderBy(s.events.id).limit(1);
    expect(event?.reason).toBe("La liste est complète ; réessayez en septembre.");
  });

  it("its acknowledgement and the référents' mails are dropped once it is decided, or the référent is one no more", async () => {
    const lou = applicant();
    await requestToJoin(lou, "203.0.113.3");
    const [request] = await db.select().from(s.intermittentRequests);
    const received = mailHandlers["list-request-received"];
    const toDecide = mailHandlers["list-request-to-decide"];
    expect(await received({ requestId: request!.id }, db, await firstAmapId(db))).not.toBeNull();
    expect(await toDecide({ requestId: request!.id, referentId: rose.userId }, db, await firstAmapId(db))).not.toBeNull();
    await db.delete(s.amapReferents).where(eq(s.amapReferents.userId, paul.userId));
    expect(await toDecide({ requestId: request!.id, referentId: paul.userId }, db, await firstAmapId(db))).toBeNull();
    await db.insert(s.amapReferents).values({ amapId: await firstAmapId(db), userId: paul.userId });
    await refuseJoinRequest(rose, request!.id);
    expect(await received({ requestId: request!.id }, db, await firstAmapId(db))).toBeNull();
    expect(await toDecide({ requestId: request!.id, referentId: rose.userId }, db, await firstAmapId(db))).toBeNull();
    // Delivered now: the refusal alone reaches the applicant, nothing reaches the référents.
    await deliver();
    expect(mailsTo(lou.email).map((m) => m.subject)).toEqual(["Votre demande d'inscription comme intermittent·e"]);
    const skipped = await db.select().from(s.outbox).where(inArray(s.outbox.kind, ["list-request-received", "list-request-to-decide"]));
    expect(skipped.every((row) => row.status === "skipped")).toBe(true);
  });
});

describe("the join form of one AMAP (/<slug>/devenir-intermittent)", () => {
  it("files the request in that AMAP, names it to the applicant, and tells that AMAP's référents only", async () => {
    const marche = await createAmap(db, { slug: `marche-demande-${Date.now()}`, name: "AMAP du Marché" });
    const mona = await createUser(db, { isReferent: true, amapId: marche.id, firstName: "Mona", lastName: "Benali", email: uniqueEmail("mona") });
    const lou = applicant();
    expect(await requestToJoin({ ...lou, amapId: marche.id }, "203.0.113.20")).toEqual({ ok: true, value: null });
    await deliver();

    const rows = await db.select({ amapId: s.intermittentRequests.amapId }).from(s.intermittentRequests);
    expect(rows).toEqual([{ amapId: marche.id }]);
    const [ack] = mailsTo(lou.email);
    expect(ack?.subject).toBe("Votre demande pour la liste des intermittents — AMAP du Marché");
    expect(ack?.text).toContain("Votre demande d'inscription sur la liste des intermittents de l'AMAP du Marché est bien arrivée.");
    expect(mailsTo(mona.email)).toHaveLength(1);
    expect(mailsTo(mona.email)[0]?.text).toMatch(new RegExp(`https?://\\S+/${marche.slug}/admin/intermittents#demande-`));
    for (const other of [rose, paul]) expect(mailsTo(await emailOf(other))).toHaveLength(0);

    const monaViewer = await viewerOf(db, mona.id, marche.id);
    expect((await listJoinRequests(monaViewer))!.map((r) => r.email)).toEqual([lou.email]);
    expect(await listJoinRequests(rose)).toEqual([]);
    expect(await countPendingRequests(rose)).toBe(0);
  });

  it("a suspended AMAP takes none: nothing written, nobody told", async () => {
    const closed = await createAmap(db, { slug: `fermee-${Date.now()}` });
    await db.update(s.amaps).set({ suspendedAt: new Date() }).where(eq(s.amaps.id, closed.id));
    expect(await requestToJoin({ ...applicant(), amapId: closed.id }, "203.0.113.21")).toEqual({ ok: false, refusal: "not_found" });
    await deliver();
    expect(await db.select().from(s.intermittentRequests)).toEqual([]);
    expect(sink.messages).toHaveLength(0);
  });
});
