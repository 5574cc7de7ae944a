// The intermittents list: joining and leaving with history, public requests
// with their limits, référent decisions — and no announcement for those who
// left. Invitations: invitations.test.ts; the requests' mails and queue:
// join-requests.test.ts.
import { and, eq, sql } from "drizzle-orm";
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
import { viewerForUser, type Viewer } from "../auth/auth";
import {
  approveJoinRequest,
  exportIntermittentsCsv,
  getListStatus,
  joinList,
  leaveList,
  listIntermittents,
  listJoinRequests,
  refuseJoinRequest,
  removeFromList,
  requestToJoin,
} from "./intermittents";
import { createOffers } from "../exchange/offers";
import { firstAmapId } from "@/db/queries";

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
  (await db.select({ kind: s.outbox.kind }).from(s.outbox).where(eq(s.outbox.recipient, email)).orderBy(s.outbox.id)).map((r) => r.kind);
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
    // Known to the AMAP: one of its members (an account known only to another AMAP is not: list-isolation.test.ts).
    const known = await createMember(db, { contractIds: [contract.id] });
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
    expect(await mailKinds(a.email)).toEqual(["list-request-received", "list-request-approved"]);
    expect(await mailKinds(b.email)).toEqual(["list-request-received", "list-request-refused"]);
    expect(await db.select().from(s.users).where(eq(s.users.email, b.email))).toHaveLength(0);
  });

  it("are limited per address and per IP address", async () => {
    const p = person();
    for (let i = 0; i < REQUEST_LIMITS.perAddressPerDay; i++) {
      // The pending one is kept once; later ones count towards the limit all the same.
      await db.insert(s.intermittentRequests).values({ amapId: await firstAmapId(db), ...p, status: "refused", ipHash: "other" });
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
