// Partner AMAPs, as référents make them: every command and its refusals, the
// other AMAP's référents (and anyone else) refused with nothing written, two
// requests at once, the page's read model, and the four mails through the
// real outbox worker into an SMTP sink — each dropped at delivery when what
// it tells no longer stands.
import { and, count, eq, inArray, like, or } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { addToIntermittents, createAmap, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { typeset } from "@/lib/domain/french";
import { viewerOf } from "@/test/exchange-fixtures";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import type { Viewer } from "../auth";
import { createSmtpMailer, type Mailer } from "../mail/mailer";
import { drainOutbox } from "../outbox/worker";
import {
  acceptPartnership,
  endPartnership,
  readPartnerships,
  refusePartnership,
  requestPartnership,
  withdrawPartnershipRequest,
} from "./partnerships";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
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
const replyToOf = (m: ParsedMail) => (Array.isArray(m.replyTo) ? m.replyTo[0] : m.replyTo)?.value[0]?.address ?? "";

let serial = 0;

type Side = { amapId: number; slug: string; name: string; contact: string; referent: Viewer; email: string; second: { email: string } };

/** An AMAP with its contact address and two référents (Léa acts, Rose reads her mail too). */
async function amap(name: string): Promise<Side> {
  const slug = `amap-${++serial}-${Math.random().toString(36).slice(2, 6)}`;
  const row = await createAmap(db, { slug, name });
  const contact = `contact-${slug}@test.local`;
  await db.update(s.settings).set({ contactEmail: contact }).where(eq(s.settings.amapId, row.id));
  const lea = await createUser(db, { isReferent: true, amapId: row.id, email: uniqueEmail("lea"), firstName: "Léa" });
  const rose = await createUser(db, { isReferent: true, amapId: row.id, email: uniqueEmail("rose"), firstName: "Rose" });
  return { amapId: row.id, slug, name, contact, referent: await viewerOf(db, lea.id, row.id), email: lea.email, second: { email: rose.email } };
}

async function pair() {
  return { a: await amap(`AMAP des Tilleuls ${serial + 1}`), b: await amap(`AMAP du Marché ${serial + 2}`) };
}

async function partnershipId(a: Side, b: Side): Promise<number> {
  const result = await requestPartnership(a.referent, b.amapId);
  if (!result.ok) throw new Error(result.refusal);
  return result.value.partnershipId;
}

async function partners(a: Side, b: Side): Promise<number> {
  const id = await partnershipId(a, b);
  const accepted = await acceptPartnership(b.referent, id);
  if (!accepted.ok) throw new Error(accepted.refusal);
  return id;
}

const rowOf = async (id: number) => (await db.select().from(s.amapPartnerships).where(eq(s.amapPartnerships.id, id)))[0]!;

/** Rows of the pair, events and outbox: what « nothing written » is measured on. */
async function written(...sides: Side[]) {
  const ids = sides.map((x) => x.amapId);
  const [[rows], [events], [outbox]] = await Promise.all([
    db
      .select({ n: count() })
      .from(s.amapPartnerships)
      .where(or(inArray(s.amapPartnerships.amapId, ids), inArray(s.amapPartnerships.partnerAmapId, ids))),
    db.select({ n: count() }).from(s.events),
    db.select({ n: count() }).from(s.outbox),
  ]);
  const states = await db
    .select({ a: s.amapPartnerships.acceptedAt, e: s.amapPartnerships.endedAt })
    .from(s.amapPartnerships)
    .where(or(inArray(s.amapPartnerships.amapId, ids), inArray(s.amapPartnerships.partnerAmapId, ids)));
  return { rows: rows!.n, events: events!.n, outbox: outbox!.n, states: JSON.stringify(states) };
}

const eventsOf = (id: number) =>
  db
    .select({ amapId: s.events.amapId, actorId: s.events.actorId, action: s.events.action, data: s.events.data })
    .from(s.events)
    .where(like(s.events.action, "partnership.%"))
    .orderBy(s.events.id)
    .then((rows) => rows.filter((r) => (r.data as { partnershipId?: number } | null)?.partnershipId === id));

const queued = (kind: string, amapId: number) =>
  db
    .select({ to: s.outbox.recipient, amapId: s.outbox.amapId })
    .from(s.outbox)
    .where(and(eq(s.outbox.kind, kind), eq(s.outbox.amapId, amapId)));

describe("proposing a partnership", () => {
  it("writes a pending request with its event in the asking AMAP, and tells each référent of the other AMAP, in its outbox", async () => {
    const { a, b } = await pair();
    const result = await requestPartnership(a.referent, b.amapId);
    expect(result).toMatchObject({ ok: true, value: { accepted: false } });
    if (!result.ok) return;
    const row = await rowOf(result.value.partnershipId);
    expect(row).toMatchObject({ amapId: a.amapId, partnerAmapId: b.amapId, requestedById: a.referent.userId, acceptedAt: null, endedAt: null });
    expect(await eventsOf(row.id)).toEqual([
      { amapId: a.amapId, actorId: a.referent.userId, action: "partnership.request", data: { partnerAmapId: b.amapId, partnershipId: row.id } },
    ]);
    const mails = await queued("partnership-requested", b.amapId);
    expect(mails.map((m) => m.to).sort()).toEqual([b.email, b.second.email].sort());
    // Nothing in the asking AMAP's outbox: its email log never shows the other AMAP's référents.
    expect(await db.select().from(s.outbox).where(eq(s.outbox.amapId, a.amapId))).toEqual([]);
  });

  it("refuses one's own AMAP, an unknown or suspended AMAP, a request already made and a partnership already live — writing nothing", async () => {
    const { a, b } = await pair();
    const closed = await amap("AMAP fermée");
    await db.update(s.amaps).set({ suspendedAt: new Date() }).where(eq(s.amaps.id, closed.amapId));
    const before = await written(a, b, closed);
    expect(await requestPartnership(a.referent, a.amapId)).toEqual({ ok: false, refusal: "self" });
    expect(await requestPartnership(a.referent, 999_999)).toEqual({ ok: false, refusal: "amap_not_found" });
    expect(await requestPartnership(a.referent, closed.amapId)).toEqual({ ok: false, refusal: "amap_not_found" });
    expect(await written(a, b, closed)).toEqual(before);

    const id = await partnershipId(a, b);
    const asked = await written(a, b);
    expect(await requestPartnership(a.referent, b.amapId)).toEqual({ ok: false, refusal: "already_requested" });
    expect(await written(a, b)).toEqual(asked);
    await acceptPartnership(b.referent, id);
    const live = await written(a, b);
    expect(await requestPartnership(a.referent, b.amapId)).toEqual({ ok: false, refusal: "already_partners" });
    expect(await requestPartnership(b.referent, a.amapId)).toEqual({ ok: false, refusal: "already_partners" });
    expect(await written(a, b)).toEqual(live);
  });

  it("accepts the other AMAP's pending request when asked back: partners at once, and the asker's référents are told", async () => {
    const { a, b } = await pair();
    const id = await partnershipId(a, b);
    const result = await requestPartnership(b.referent, a.amapId);
    expect(result).toEqual({ ok: true, value: { partnershipId: id, accepted: true } });
    expect(await rowOf(id)).toMatchObject({ acceptedById: b.referent.userId, endedAt: null });
    expect((await rowOf(id)).acceptedAt).not.toBeNull();
    expect((await eventsOf(id)).map((e) => [e.action, e.amapId])).toEqual([
      ["partnership.request", a.amapId],
      ["partnership.accept", b.amapId],
    ]);
    expect((await queued("partnership-accepted", a.amapId)).map((m) => m.to).sort()).toEqual([a.email, a.second.email].sort());
  });

  it("two requests for the same pair at once: one is made, the other is told a request is already made; one row", async () => {
    const { a, b } = await pair();
    const results = await Promise.all([requestPartnership(a.referent, b.amapId), requestPartnership(a.referent, b.amapId)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, refusal: "already_requested" }]);
    const rows = await db.select().from(s.amapPartnerships).where(eq(s.amapPartnerships.amapId, a.amapId));
    expect(rows).toHaveLength(1);
    expect(await queued("partnership-requested", b.amapId)).toHaveLength(2);
  });

  it("each AMAP asking the other at once: never a 500, and one row for the pair", async () => {
    const { a, b } = await pair();
    const results = await Promise.all([requestPartnership(a.referent, b.amapId), requestPartnership(b.referent, a.amapId)]);
    // Serialized, the second accepts the first; truly at once, the second is told a request is already made.
    expect(results.some((r) => r.ok)).toBe(true);
    for (const r of results) if (!r.ok) expect(r.refusal).toBe("already_requested");
    const rows = await db
      .select()
      .from(s.amapPartnerships)
      .where(or(eq(s.amapPartnerships.amapId, a.amapId), eq(s.amapPartnerships.amapId, b.amapId)));
    expect(rows).toHaveLength(1);
  });
});

describe("answering, withdrawing, ending", () => {
  it("accepts a request made to one's AMAP; twice, or a withdrawn one, is no longer pending", async () => {
    const { a, b } = await pair();
    const id = await partnershipId(a, b);
    expect(await acceptPartnership(b.referent, id)).toEqual({ ok: true, value: { partnershipId: id } });
    expect((await eventsOf(id)).at(-1)).toEqual({ amapId: b.amapId, actorId: b.referent.userId, action: "partnership.accept", data: { partnerAmapId: a.amapId, partnershipId: id } });
    expect(await acceptPartnership(b.referent, id)).toEqual({ ok: false, refusal: "not_pending" });
    expect(await refusePartnership(b.referent, id)).toEqual({ ok: false, refusal: "not_pending" });

    const c = await amap("AMAP des Champs");
    const withdrawn = await partnershipId(a, c);
    expect(await withdrawPartnershipRequest(a.referent, withdrawn)).toEqual({ ok: true, value: { partnershipId: withdrawn } });
    expect(await acceptPartnership(c.referent, withdrawn)).toEqual({ ok: false, refusal: "not_pending" });
    expect((await rowOf(withdrawn)).acceptedAt).toBeNull();
  });

  it("the asking AMAP cannot accept its own request; a request from an AMAP suspended since cannot be accepted", async () => {
    const { a, b } = await pair();
    const id = await partnershipId(a, b);
    expect(await acceptPartnership(a.referent, id)).toEqual({ ok: false, refusal: "not_found" });
    await db.update(s.amaps).set({ suspendedAt: new Date() }).where(eq(s.amaps.id, a.amapId));
    expect(await acceptPartnership(b.referent, id)).toEqual({ ok: false, refusal: "amap_not_found" });
    expect((await rowOf(id)).acceptedAt).toBeNull();
    await db.update(s.amaps).set({ suspendedAt: null }).where(eq(s.amaps.id, a.amapId));
  });

  it("refuses a request: the row ends unaccepted, the asker's référents are told, and the pair may start again", async () => {
    const { a, b } = await pair();
    const id = await partnershipId(a, b);
    expect(await refusePartnership(b.referent, id)).toEqual({ ok: true, value: { partnershipId: id } });
    const row = await rowOf(id);
    expect(row).toMatchObject({ acceptedAt: null, endedById: b.referent.userId });
    expect(row.endedAt).not.toBeNull();
    expect((await eventsOf(id)).at(-1)).toMatchObject({ amapId: b.amapId, action: "partnership.refuse", data: { partnerAmapId: a.amapId } });
    expect((await queued("partnership-refused", a.amapId)).map((m) => m.to).sort()).toEqual([a.email, a.second.email].sort());
    expect(await requestPartnership(a.referent, b.amapId)).toMatchObject({ ok: true });
  });

  it("withdraws one's own pending request, without a mail; the asked AMAP cannot withdraw it", async () => {
    const { a, b } = await pair();
    const id = await partnershipId(a, b);
    await db.delete(s.outbox);
    expect(await withdrawPartnershipRequest(b.referent, id)).toEqual({ ok: false, refusal: "not_found" });
    expect(await withdrawPartnershipRequest(a.referent, id)).toEqual({ ok: true, value: { partnershipId: id } });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ amapId: a.amapId, action: "partnership.withdraw", data: { partnerAmapId: b.amapId } });
    expect(await withdrawPartnershipRequest(a.referent, id)).toEqual({ ok: false, refusal: "not_pending" });
    expect(await db.select().from(s.outbox)).toEqual([]);
  });

  it("ends a live partnership from either side; the other side's référents are told; a pending request is not a partnership", async () => {
    const { a, b } = await pair();
    const pending = await partnershipId(a, b);
    expect(await endPartnership(a.referent, pending)).toEqual({ ok: false, refusal: "not_found" });
    await acceptPartnership(b.referent, pending);
    expect(await endPartnership(b.referent, pending)).toEqual({ ok: true, value: { partnershipId: pending } });
    expect(await rowOf(pending)).toMatchObject({ endedById: b.referent.userId });
    expect((await eventsOf(pending)).at(-1)).toMatchObject({ amapId: b.amapId, action: "partnership.end", data: { partnerAmapId: a.amapId } });
    expect((await queued("partnership-ended", a.amapId)).map((m) => m.to).sort()).toEqual([a.email, a.second.email].sort());
    expect(await queued("partnership-ended", b.amapId)).toEqual([]);
    expect(await endPartnership(a.referent, pending)).toEqual({ ok: false, refusal: "not_live" });

    // The asker ends it too.
    const again = await partners(a, b);
    expect(await endPartnership(a.referent, again)).toMatchObject({ ok: true });
    expect(await queued("partnership-ended", b.amapId)).toHaveLength(2);
  });

  it("accepting and withdrawing the same request at once: exactly one wins", async () => {
    const { a, b } = await pair();
    const id = await partnershipId(a, b);
    const [accepted, withdrawn] = await Promise.all([acceptPartnership(b.referent, id), withdrawPartnershipRequest(a.referent, id)]);
    expect([accepted.ok, withdrawn.ok].filter(Boolean)).toHaveLength(1);
    const row = await rowOf(id);
    expect(row.acceptedAt !== null).toBe(accepted.ok);
    expect(row.endedAt !== null).toBe(withdrawn.ok);
  });
});

describe("who may", () => {
  it("nobody but a référent of the right AMAP: another AMAP's référent, a member of the AMAP, an intermittent — refused, nothing written", async () => {
    const { a, b } = await pair();
    const c = await amap("AMAP des Prés");
    const pending = await partnershipId(a, b);
    const d = await amap("AMAP des Bois");
    const live = await partners(a, d);
    const intermittent = await createUser(db, { email: uniqueEmail("ines"), firstName: "Inès" });
    await addToIntermittents(db, { userId: intermittent.id, amapId: a.amapId });
    const notReferent = await viewerOf(db, intermittent.id, a.amapId);
    const before = await written(a, b, c, d);

    // Another AMAP's référent: the rows are not theirs.
    expect(await acceptPartnership(c.referent, pending)).toEqual({ ok: false, refusal: "not_found" });
    expect(await refusePartnership(c.referent, pending)).toEqual({ ok: false, refusal: "not_found" });
    expect(await withdrawPartnershipRequest(c.referent, pending)).toEqual({ ok: false, refusal: "not_found" });
    expect(await endPartnership(c.referent, live)).toEqual({ ok: false, refusal: "not_found" });
    // A référent of C, viewing A's space: still C's référent only, never A's.
    const cInA = await viewerOf(db, c.referent.userId, a.amapId);
    expect(await requestPartnership(cInA, c.amapId)).toEqual({ ok: false, refusal: "not_referent" });
    expect(await endPartnership(cInA, live)).toEqual({ ok: false, refusal: "not_referent" });
    // An intermittent of A.
    expect(await requestPartnership(notReferent, c.amapId)).toEqual({ ok: false, refusal: "not_referent" });
    expect(await withdrawPartnershipRequest(notReferent, pending)).toEqual({ ok: false, refusal: "not_referent" });
    expect(await endPartnership(notReferent, live)).toEqual({ ok: false, refusal: "not_referent" });
    expect(await readPartnerships(notReferent)).toBeNull();
    expect(await readPartnerships(cInA)).toBeNull();
    expect(await readPartnerships(null)).toBeNull();

    expect(await written(a, b, c, d)).toEqual(before);
  });
});

describe("the page", () => {
  it("lists partners, requests received and sent, and the AMAPs one may ask, by name", async () => {
    const tilleuls = await amap("AMAP des Tilleuls");
    const marche = await amap("AMAP du Marché");
    const champs = await amap("AMAP des Champs");
    const eglise = await amap("AMAP de l'Église");
    const closed = await amap("AMAP fermée");
    await db.update(s.amaps).set({ suspendedAt: new Date() }).where(eq(s.amaps.id, closed.amapId));
    await db.update(s.settings).set({ partnerDelayHours: 36 }).where(eq(s.settings.amapId, tilleuls.amapId));
    const live = await partners(tilleuls, marche);
    const sent = await partnershipId(tilleuls, champs);
    const received = await partnershipId(eglise, tilleuls);

    const page = (await readPartnerships(tilleuls.referent))!;
    expect(page.delayHours).toBe(36);
    expect(page.partners).toEqual([
      { partnershipId: live, amapId: marche.amapId, name: "AMAP du Marché", slug: marche.slug, since: (await rowOf(live)).acceptedAt, suspended: false },
    ]);
    expect(page.sent).toEqual([{ partnershipId: sent, amapId: champs.amapId, name: "AMAP des Champs", requestedAt: (await rowOf(sent)).requestedAt }]);
    expect(page.received).toEqual([{ partnershipId: received, amapId: eglise.amapId, name: "AMAP de l'Église", requestedAt: (await rowOf(received)).requestedAt }]);
    const names = page.candidates.map((c) => c.name);
    const ids = page.candidates.map((c) => c.amapId);
    for (const taken of [tilleuls, marche, champs, eglise, closed]) expect(ids, taken.name).not.toContain(taken.amapId);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, "fr")));
    expect(names.length).toBeGreaterThan(0);

    // Seen from the other side.
    const fromMarche = (await readPartnerships(marche.referent))!;
    expect(fromMarche.partners.map((p) => p.name)).toEqual(["AMAP des Tilleuls"]);
    expect((await readPartnerships(champs.referent))!.received.map((r) => r.name)).toEqual(["AMAP des Tilleuls"]);
  });
});

describe("the mails, as their readers get them", () => {
  it("a proposal: to each référent of the asked AMAP, in its name, answering to the asking AMAP, with the button to its page", async () => {
    const { a, b } = await pair();
    await db.update(s.settings).set({ partnerDelayHours: 12 }).where(eq(s.settings.amapId, b.amapId));
    await partnershipId(a, b);
    await deliver();
    const [mail] = mailsTo(b.email);
    expect(mail).toBeDefined();
    expect(mailsTo(b.second.email)).toHaveLength(1);
    expect(mail!.subject).toBe(typeset(`L'${a.name} vous propose d'être partenaires`));
    expect(mail!.from?.value[0]?.name).toBe(`${b.name} via Espace intermittents`);
    expect(replyToOf(mail!)).toBe(a.contact);
    const text = mail!.text ?? "";
    expect(text).toContain("Bonjour Léa");
    expect(text).toContain(`L'${a.name} propose à l'${b.name} de devenir partenaires.`);
    expect(text).toContain(typeset("Un panier que personne n'a réservé 12 h après son annonce est proposé aux intermittents des AMAP partenaires qui l'ont choisi."));
    expect(text).toContain(`/${b.slug}/admin/partenaires`);
    expect(text).toContain(`répondez à cet e-mail`);
  });

  it("an acceptance, a refusal, an end: to the other side's référents, saying which AMAP did it", async () => {
    const { a, b } = await pair();
    const id = await partners(a, b);
    await deliver();
    expect(mailsTo(a.email).map((m) => m.subject)).toEqual([typeset(`L'${b.name} a accepté : vous êtes partenaires`)]);
    expect(mailsTo(a.email)[0]!.text).toContain(`/${a.slug}/admin/partenaires`);
    sink.messages.length = 0;

    await endPartnership(a.referent, id);
    await deliver();
    expect(mailsTo(b.email).map((m) => m.subject)).toEqual([`L'${a.name} a mis fin au partenariat`]);
    expect(mailsTo(b.email)[0]!.text).toContain(`L'${a.name} a mis fin à son partenariat avec l'${b.name}.`);
    expect(mailsTo(a.email)).toEqual([]);
    sink.messages.length = 0;

    const c = await amap("AMAP des Vignes");
    const refused = await partnershipId(c, a);
    await refusePartnership(a.referent, refused);
    await deliver();
    expect(mailsTo(c.email).map((m) => m.subject)).toEqual([`L'${a.name} a refusé le partenariat`]);
    expect(mailsTo(c.email)[0]!.text).toContain(`L'${a.name} a refusé la proposition de partenariat de l'${c.name}.`);
  });

  it("each is dropped at delivery when it no longer stands: a request withdrawn, a partnership ended, a refusal or an end undone, a reader no longer référent", async () => {
    const statusOf = async (kind: string, email: string) =>
      (await db.select({ status: s.outbox.status }).from(s.outbox).where(and(eq(s.outbox.kind, kind), eq(s.outbox.recipient, email)))).map((r) => r.status);

    // A request withdrawn before it went out.
    const one = await pair();
    const withdrawn = await partnershipId(one.a, one.b);
    await withdrawPartnershipRequest(one.a.referent, withdrawn);
    await deliver();
    expect(await statusOf("partnership-requested", one.b.email)).toEqual(["skipped"]);

    // An acceptance whose partnership ended before it went out.
    const two = await pair();
    const ended = await partners(two.a, two.b);
    await endPartnership(two.b.referent, ended);
    await deliver();
    expect(await statusOf("partnership-accepted", two.a.email)).toEqual(["skipped"]);
    // The end itself went out.
    expect(await statusOf("partnership-ended", two.a.email)).toEqual(["sent"]);

    // A refusal, then partners after all before it went out: the refusal is moot.
    const three = await pair();
    const refused = await partnershipId(three.a, three.b);
    await refusePartnership(three.b.referent, refused);
    await partners(three.b, three.a);
    await deliver();
    expect(await statusOf("partnership-refused", three.a.email)).toEqual(["skipped"]);

    // An end, then partners again before it went out.
    const four = await pair();
    await endPartnership(four.a.referent, await partners(four.a, four.b));
    await partners(four.a, four.b);
    await deliver();
    expect(await statusOf("partnership-ended", four.b.email)).toEqual(["skipped"]);

    // A reader who is no longer a référent there; the other référent still gets it.
    const five = await pair();
    await partnershipId(five.a, five.b);
    await db.delete(s.amapReferents).where(and(eq(s.amapReferents.amapId, five.b.amapId), eq(s.amapReferents.userId, five.b.referent.userId)));
    await deliver();
    expect(await statusOf("partnership-requested", five.b.email)).toEqual(["skipped"]);
    expect(await statusOf("partnership-requested", five.b.second.email)).toEqual(["sent"]);
    expect(mailsTo(five.b.email)).toEqual([]);
  });
});
