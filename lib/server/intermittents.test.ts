// The intermittents list: joining and leaving with history, registering
// someone (without touching an existing person's data), public requests
// with their limits, référent decisions — and no announcement for those who left.
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
  uniqueEmail,
} from "@/db/factories";
import * as s from "@/db/schema";
import { REQUEST_LIMITS } from "@/lib/domain/intermittents";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerForUser, type Viewer } from "./auth";
import {
  approveJoinRequest,
  exportIntermittentsCsv,
  getListStatus,
  joinList,
  leaveList,
  listIntermittents,
  listJoinRequests,
  refuseJoinRequest,
  registerSomeone,
  removeFromList,
  requestToJoin,
} from "./intermittents";
import { createOffers } from "./offers";

let db: Db;
let contract: s.Contract;

beforeAll(async () => {
  db = await getDb();
  contract = await createContract(db);
});

beforeEach(async () => {
  await db.delete(s.outbox);
});

const viewer = async (id: string): Promise<Viewer> => (await viewerForUser(db, id))!;
const mailKinds = async (email: string) =>
  (await db.select({ kind: s.outbox.kind }).from(s.outbox).where(eq(s.outbox.recipient, email))).map((r) => r.kind);
const memberships = (userId: string) =>
  db.select().from(s.intermittentMemberships).where(eq(s.intermittentMemberships.userId, userId)).orderBy(s.intermittentMemberships.id);

describe("joining and leaving", () => {
  it("keeps one row per stay, sends a welcome and a goodbye, and refuses doing it twice", async () => {
    const member = await createMember(db, { contractIds: [contract.id] });
    const me = await viewer(member.id);
    expect(await joinList(me)).toEqual({ ok: true, value: null });
    expect(await joinList(await viewer(member.id))).toEqual({ ok: false, refusal: "already_on_list" });
    expect((await getListStatus(await viewer(member.id))).active).toMatchObject({ addedBySelf: true });
    expect(await leaveList(await viewer(member.id))).toEqual({ ok: true, value: null });
    expect(await leaveList(await viewer(member.id))).toEqual({ ok: false, refusal: "not_on_list" });
    expect(await joinList(await viewer(member.id))).toEqual({ ok: true, value: null });
    const stays = await memberships(member.id);
    expect(stays).toHaveLength(2);
    expect(stays[0]!.leftAt).toBeInstanceOf(Date);
    expect(stays[1]!.leftAt).toBeNull();
    expect(await mailKinds(member.email)).toEqual(["list-joined", "list-left", "list-joined"]);
    const events = await db.select({ action: s.events.action }).from(s.events).where(eq(s.events.subjectUserId, member.id));
    expect(events.map((e) => e.action)).toEqual(["membership.join", "membership.leave", "membership.join"]);
    expect((await getListStatus(await viewer(member.id))).history).toHaveLength(2);
  });

  it("an address that left gets no announcement", async () => {
    const place = await createPlace(db, { name: `Lieu ${Math.random()}` });
    const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 5), contractIds: [contract.id] });
    const stays = await createIntermittent(db);
    const leaves = await createIntermittent(db);
    await leaveList(await viewer(leaves.id));
    const owner = await createMember(db, { contractIds: [] });
    const sub = await createSubscription(db, { userId: owner.id, contractId: contract.id });
    await createOffers(await viewer(owner.id), { distributionIds: [distribution.id], subscriptionIds: [sub.id], message: "", autoAccept: false });
    expect(await mailKinds(stays.email)).toContain("offer-announced");
    expect(await mailKinds(leaves.email)).not.toContain("offer-announced");
  });
});

describe("registering someone else", () => {
  it("creates a new person, who is told who registered them", async () => {
    const rose = await createMember(db, { contractIds: [contract.id], firstName: "Rose" });
    const email = uniqueEmail("ami");
    const result = await registerSomeone(await viewer(rose.id), { email, firstName: "Paul", lastName: "Ami", phone: "06 01 02 03 04" });
    expect(result).toMatchObject({ ok: true, value: { created: true } });
    const [paul] = await db.select().from(s.users).where(eq(s.users.email, email));
    expect(paul).toMatchObject({ firstName: "Paul", lastName: "Ami", phone: "06 01 02 03 04" });
    expect((await memberships(paul!.id))[0]).toMatchObject({ addedById: rose.id, leftAt: null });
    const [row] = await db.select().from(s.outbox).where(eq(s.outbox.recipient, email));
    expect(row).toMatchObject({ kind: "list-registered-by", payload: { userId: paul!.id, registeredById: rose.id } });
  });

  it("adds an existing person without touching their name or phone", async () => {
    const rose = await createMember(db, { contractIds: [contract.id] });
    const existing = await createUser(db, { firstName: "Chloé", lastName: "Bernard", phone: "06 34 56 78 90" });
    const result = await registerSomeone(await viewer(rose.id), {
      email: existing.email.toUpperCase(),
      firstName: "Autre",
      lastName: "Nom",
      phone: "07 00 00 00 00",
    });
    expect(result).toMatchObject({ ok: true, value: { userId: existing.id, created: false } });
    const [after] = await db.select().from(s.users).where(eq(s.users.id, existing.id));
    expect(after).toMatchObject({ firstName: "Chloé", lastName: "Bernard", phone: "06 34 56 78 90" });
  });

  it("tells clearly that someone is already on the list, and writes nothing", async () => {
    const rose = await createMember(db, { contractIds: [contract.id] });
    const already = await createIntermittent(db);
    const [before] = await db.select({ n: count() }).from(s.intermittentMemberships);
    expect(await registerSomeone(await viewer(rose.id), { email: already.email, firstName: "X", lastName: "", phone: "" })).toEqual({
      ok: false,
      refusal: "already_on_list",
    });
    const [after] = await db.select({ n: count() }).from(s.intermittentMemberships);
    expect(after!.n).toBe(before!.n);
  });

  it("refuses bad details with the fields to fix, and people who are neither member nor référent", async () => {
    const rose = await createMember(db, { contractIds: [contract.id] });
    expect(await registerSomeone(await viewer(rose.id), { email: "x", firstName: "", lastName: "", phone: "abc" })).toEqual({
      ok: false,
      refusal: "invalid_person",
      fields: ["email", "firstName", "phone"],
    });
    const intermittent = await createIntermittent(db);
    expect(await registerSomeone(await viewer(intermittent.id), { email: uniqueEmail(), firstName: "A", lastName: "", phone: "" })).toEqual({
      ok: false,
      refusal: "not_member",
    });
  });
});

describe("public requests", () => {
  const person = () => ({ email: uniqueEmail("demande"), firstName: "Lou", lastName: "Demande", phone: "", message: "Bonjour !" });

  it("are kept for référents, who approve (welcome mail) or refuse (polite mail)", async () => {
    const referent = await createUser(db, { isReferent: true });
    const member = await createMember(db, { contractIds: [contract.id] });
    const a = person();
    const b = person();
    expect(await requestToJoin(a, "203.0.113.1")).toEqual({ ok: true, value: null });
    expect(await requestToJoin(b, "203.0.113.1")).toEqual({ ok: true, value: null });
    expect(await listJoinRequests(await viewer(member.id))).toBeNull();
    const pending = (await listJoinRequests(await viewer(referent.id)))!.filter((r) => [a.email, b.email].includes(r.email));
    expect(pending).toHaveLength(2);
    expect(pending.every((r) => !r.isKnown)).toBe(true);
    const known = await createUser(db);
    await requestToJoin({ ...person(), email: known.email }, "203.0.113.2");
    const knownRequest = (await listJoinRequests(await viewer(referent.id)))!.find((r) => r.email === known.email);
    expect(knownRequest?.isKnown).toBe(true);

    const requestA = pending.find((r) => r.email === a.email)!;
    const requestB = pending.find((r) => r.email === b.email)!;
    expect(await approveJoinRequest(await viewer(member.id), requestA.id)).toEqual({ ok: false, refusal: "not_referent" });
    expect(await approveJoinRequest(await viewer(referent.id), requestA.id)).toEqual({ ok: true, value: null });
    expect(await approveJoinRequest(await viewer(referent.id), requestA.id)).toEqual({ ok: false, refusal: "already_decided" });
    expect(await refuseJoinRequest(await viewer(referent.id), requestB.id)).toEqual({ ok: true, value: null });

    const [lou] = await db.select().from(s.users).where(eq(s.users.email, a.email));
    expect((await memberships(lou!.id))[0]).toMatchObject({ leftAt: null, addedById: referent.id });
    expect(await mailKinds(a.email)).toEqual(["list-request-approved"]);
    expect(await mailKinds(b.email)).toEqual(["list-request-refused"]);
    expect(await db.select().from(s.users).where(eq(s.users.email, b.email))).toHaveLength(0);
  });

  it("are limited per address and per IP address", async () => {
    const p = person();
    for (let i = 0; i < REQUEST_LIMITS.perAddressPerDay; i++) {
      // The pending one is kept once; later ones count towards the limit all the same.
      await db.insert(s.intermittentRequests).values({ ...p, status: "refused", ipHash: "other" });
    }
    expect(await requestToJoin(p, "198.51.100.7")).toEqual({ ok: false, refusal: "too_many_requests" });

    const ip = `192.0.2.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < REQUEST_LIMITS.perIpPerHour; i++) expect((await requestToJoin(person(), ip)).ok).toBe(true);
    expect(await requestToJoin(person(), ip)).toEqual({ ok: false, refusal: "too_many_requests" });
  });

  it("answer the same for someone already on the list, and keep nothing", async () => {
    const on = await createIntermittent(db);
    expect(await requestToJoin({ ...person(), email: on.email }, "203.0.113.9")).toEqual({ ok: true, value: null });
    expect(await db.select().from(s.intermittentRequests).where(sql`lower(${s.intermittentRequests.email}) = ${on.email}`)).toHaveLength(0);
  });
});

describe("the référents' list", () => {
  it("removes someone with a reason, exports CSV safely, and refuses everyone else", async () => {
    const referent = await createUser(db, { isReferent: true });
    const member = await createMember(db, { contractIds: [contract.id] });
    const tricky = await createIntermittent(db, { firstName: "=HYPERLINK(\"x\")", lastName: "Dupont" });
    const leaving = await createIntermittent(db);

    expect(await listIntermittents(await viewer(member.id))).toBeNull();
    expect(await exportIntermittentsCsv(await viewer(member.id))).toBeNull();
    expect(await removeFromList(await viewer(member.id), leaving.id, "x")).toEqual({ ok: false, refusal: "not_referent" });

    const csv = (await exportIntermittentsCsv(await viewer(referent.id)))!;
    expect(csv.startsWith("\uFEFF\"Nom\";\"E-mail\"")).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"") Dupont";"${tricky.email}"`);

    expect(await removeFromList(await viewer(referent.id), leaving.id, "Déménage")).toEqual({ ok: true, value: null });
    const [stay] = await memberships(leaving.id);
    expect(stay).toMatchObject({ leftReason: "Déménage" });
    expect(stay!.leftAt).toBeInstanceOf(Date);
    const list = (await listIntermittents(await viewer(referent.id)))!;
    expect(list.some((p) => p.userId === leaving.id)).toBe(false);
    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.subjectUserId, leaving.id), eq(s.events.action, "membership.leave")));
    expect(event).toMatchObject({ actorId: referent.id, reason: "Déménage" });
  });
});
