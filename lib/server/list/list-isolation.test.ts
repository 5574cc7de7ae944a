// The intermittents list is each AMAP's own (issue 13): a second AMAP's
// référent, member and intermittent, acting in their AMAP, find nothing of the
// first AMAP's list, join requests and invitations — another AMAP's row
// answers as a missing one does, nothing is written, no mail is queued, no
// contact is shown — and do find their own. An invitation's link is its own
// AMAP's wherever it is opened; each mail handler skips another AMAP's row.
import { asc, eq, inArray } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createIntermittent, createMember, createUser, uniqueEmail } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth/auth";
import {
  addToListAsReferent,
  approveJoinRequest,
  exportIntermittentsCsv,
  getListStatus,
  inviteSomeone,
  joinList,
  leaveList,
  listIntermittents,
  listJoinRequests,
  refuseJoinRequest,
  removeFromList,
  requestToJoin,
} from "./intermittents";
import { countPendingRequests } from "./join-requests";
import { answerInvitation, describeInvitation } from "./invitations";
import { invitationToken } from "./invitation-state";
import { listMailHandlers } from "./list-mail";

let db: Db;
let amap1: number;
let amap2: number;

/** The first AMAP's people and rows. */
let one: {
  referent: Viewer;
  member: Viewer;
  intermittent: s.User;
  left: s.User;
  request: s.IntermittentRequest;
  approved: s.IntermittentRequest;
  refusedRequest: s.IntermittentRequest;
  invitation: s.Invitation;
};
/** The second AMAP's référent, member and intermittent, as they act in it. */
let two: { referent: Viewer; member: Viewer; intermittent: Viewer; intermittentUser: s.User; request: s.IntermittentRequest };

const person = (email = uniqueEmail("ami")) => ({ email, firstName: "Camille", lastName: "Dupont", phone: "06 00 00 00 00" });

async function requestOfEmail(email: string): Promise<s.IntermittentRequest> {
  const [row] = await db.select().from(s.intermittentRequests).where(eq(s.intermittentRequests.email, email));
  return row!;
}

/** Every row the list's commands write, in a stable order: equal before and after means nothing was written. */
async function snapshot() {
  const [memberships, requests, invitations, events, outbox, users] = await Promise.all([
    db.select().from(s.intermittentMemberships).orderBy(asc(s.intermittentMemberships.id)),
    db.select().from(s.intermittentRequests).orderBy(asc(s.intermittentRequests.id)),
    db.select().from(s.invitations).orderBy(asc(s.invitations.id)),
    db.select().from(s.events).orderBy(asc(s.events.id)),
    db.select().from(s.outbox).orderBy(asc(s.outbox.id)),
    db.select().from(s.users).orderBy(asc(s.users.id)),
  ]);
  return { memberships, requests, invitations, events, outbox, users };
}

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  await db.update(s.settings).set({ amapName: "AMAP des Tilleuls" }).where(eq(s.settings.amapId, amap1));
  amap2 = (await createAmap(db, { slug: "les-chenes", name: "AMAP des Chênes" })).id;

  // The first AMAP: a référent, a member, an intermittent, someone who left, requests and an invitation.
  const contract1 = await createContract(db, { amapId: amap1 });
  const referent1 = await createUser(db, { isReferent: true, amapId: amap1, firstName: "Rose", email: uniqueEmail("rose") });
  const member1 = await createMember(db, { contractIds: [contract1.id], firstName: "Alice", email: uniqueEmail("alice") });
  const intermittent1 = await createIntermittent(db, { amapId: amap1, firstName: "Inès", phone: "07 11 11 11 11", email: uniqueEmail("ines") });
  const left1 = await createIntermittent(db, { amapId: amap1, firstName: "Léo", email: uniqueEmail("leo") });
  expect(await leaveList(await viewerOf(db, left1.id, amap1))).toEqual({ ok: true, value: null });
  const referent = await viewerOf(db, referent1.id, amap1);
  const member = await viewerOf(db, member1.id, amap1);
  const [pending, approved, refusedOne] = [person(uniqueEmail("demande")), person(uniqueEmail("oui")), person(uniqueEmail("non"))];
  for (const [i, p] of [pending, approved, refusedOne].entries()) {
    expect(await requestToJoin({ ...p, message: "Bonjour" }, `198.51.100.${i + 1}`)).toEqual({ ok: true, value: null });
  }
  expect(await approveJoinRequest(referent, (await requestOfEmail(approved.email)).id)).toEqual({ ok: true, value: null });
  expect(await refuseJoinRequest(referent, (await requestOfEmail(refusedOne.email)).id, "Liste complète")).toEqual({ ok: true, value: null });
  const invited = person(uniqueEmail("invitee"));
  expect(await inviteSomeone(member, invited)).toEqual({ ok: true });
  const [invitation] = await db.select().from(s.invitations).where(eq(s.invitations.email, invited.email));
  expect(invitation).toMatchObject({ amapId: amap1, status: "pending" });
  one = {
    referent,
    member,
    intermittent: intermittent1,
    left: left1,
    request: await requestOfEmail(pending.email),
    approved: await requestOfEmail(approved.email),
    refusedRequest: await requestOfEmail(refusedOne.email),
    invitation: invitation!,
  };
  expect(one.request).toMatchObject({ amapId: amap1, status: "pending" });

  // The second AMAP: its référent, member and intermittent, and a request of its own (the public form is the first AMAP's).
  const contract2 = await createContract(db, { amapId: amap2 });
  const referent2 = await createUser(db, { isReferent: true, amapId: amap2, firstName: "Paul", email: uniqueEmail("paul") });
  const member2 = await createMember(db, { contractIds: [contract2.id], firstName: "Bruno", email: uniqueEmail("bruno") });
  const intermittent2 = await createIntermittent(db, { amapId: amap2, firstName: "Zoé", email: uniqueEmail("zoe") });
  const [request2] = await db
    .insert(s.intermittentRequests)
    .values({ amapId: amap2, ...person(uniqueEmail("demande2")), message: "Bonjour les Chênes" })
    .returning();
  two = {
    referent: await viewerOf(db, referent2.id, amap2),
    member: await viewerOf(db, member2.id, amap2),
    intermittent: await viewerOf(db, intermittent2.id, amap2),
    intermittentUser: intermittent2,
    request: request2!,
  };
});

beforeEach(async () => {
  // Only what the tests themselves queue is looked at.
  await db.delete(s.outbox);
});

describe("the second AMAP's people, against the first AMAP's list", () => {
  it("see only their own AMAP's list, its export, its requests and their count — no contact of the first", async () => {
    const before = await snapshot();
    const onList = async (amapId: number) =>
      (await db.select().from(s.intermittentMemberships).where(eq(s.intermittentMemberships.amapId, amapId)))
        .filter((m) => m.leftAt === null)
        .map((m) => m.userId)
        .sort();
    const list = (await listIntermittents(two.referent))!;
    expect(list.map((p) => p.userId)).toEqual([two.intermittentUser.id]);
    expect(await onList(amap2)).toEqual([two.intermittentUser.id]);
    const csv = (await exportIntermittentsCsv(two.referent))!;
    expect(csv).toContain(two.intermittentUser.email);
    for (const contact of [one.intermittent.email, one.intermittent.phone!]) expect(csv).not.toContain(contact);

    const requests = (await listJoinRequests(two.referent))!;
    expect(requests.map((r) => r.id)).toEqual([two.request.id]);
    expect(await countPendingRequests(two.referent)).toBe(1);

    // The first AMAP's référent sees its own, and none of the second's.
    const firstList = (await listIntermittents(one.referent))!.map((p) => p.userId).sort();
    expect(firstList).toEqual(await onList(amap1));
    expect(firstList).toContain(one.intermittent.id);
    expect(firstList).not.toContain(two.intermittentUser.id);
    expect((await listJoinRequests(one.referent))!.map((r) => r.id)).toEqual([one.request.id]);
    expect(await countPendingRequests(one.referent)).toBe(1);

    // A référent of the first AMAP is no référent in the second.
    const roseInTwo = await viewerOf(db, one.referent.userId, amap2);
    expect(await listIntermittents(roseInTwo)).toBeNull();
    expect(await listJoinRequests(roseInTwo)).toBeNull();
    expect(await countPendingRequests(roseInTwo)).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it("a stay on the first AMAP's list is not one on the second's: status, history, leaving", async () => {
    const before = await snapshot();
    const inesInTwo = await viewerOf(db, one.intermittent.id, amap2);
    expect(await getListStatus(inesInTwo)).toEqual({ active: null, history: [] });
    expect(await getListStatus(await viewerOf(db, one.left.id, amap2))).toEqual({ active: null, history: [] });
    expect(await leaveList(inesInTwo)).toEqual({ ok: false, refusal: "not_on_list" });
    // Their own: on their list, in their AMAP.
    expect((await getListStatus(two.intermittent)).active).toMatchObject({ addedBySelf: true });
    expect((await getListStatus(await viewerOf(db, one.intermittent.id, amap1))).active).toMatchObject({ addedBySelf: true });
    expect((await getListStatus(await viewerOf(db, one.left.id, amap1))).history).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it("the référent cannot decide the first AMAP's requests nor remove its intermittents: as for a missing one, nothing written", async () => {
    const before = await snapshot();
    expect(await approveJoinRequest(two.referent, one.request.id)).toEqual({ ok: false, refusal: "not_found" });
    expect(await refuseJoinRequest(two.referent, one.request.id, "Non")).toEqual({ ok: false, refusal: "not_found" });
    expect(await approveJoinRequest(two.referent, 999_999)).toEqual({ ok: false, refusal: "not_found" });
    // Someone on the first AMAP's list is, for the second, someone not on its list.
    expect(await removeFromList(two.referent, one.intermittent.id, "Parti")).toEqual({ ok: false, refusal: "not_on_list" });
    const stranger = await createUser(db);
    const withStranger = await snapshot();
    expect(await removeFromList(two.referent, stranger.id, "Parti")).toEqual({ ok: false, refusal: "not_on_list" });
    expect(await snapshot()).toEqual(withStranger);
    expect(withStranger.memberships).toEqual(before.memberships);
    expect(withStranger.requests).toEqual(before.requests);
    expect(withStranger.outbox).toEqual([]);
  });

  it("adding someone of the first AMAP's list puts them on the second's (not « already on the list »), the first untouched", async () => {
    const max = await createIntermittent(db, { amapId: amap1, firstName: "Max", email: uniqueEmail("max") });
    const before = await snapshot();
    const result = await addToListAsReferent(two.referent, person(max.email));
    expect(result).toEqual({ ok: true, value: { userId: max.id, created: false } });
    const after = await snapshot();
    const added = after.memberships.filter((m) => !before.memberships.some((b) => b.id === m.id));
    expect(added).toMatchObject([{ amapId: amap2, userId: max.id, addedById: two.referent.userId, leftAt: null }]);
    expect(after.memberships.filter((m) => before.memberships.some((b) => b.id === m.id))).toEqual(before.memberships);
    expect(after.outbox).toMatchObject([{ amapId: amap2, kind: "list-registered-by", recipient: max.email }]);
    // Their two stays, each in its AMAP; the second's référent removes only the second's.
    expect(await removeFromList(two.referent, max.id, "Test")).toEqual({ ok: true, value: null });
    expect((await listIntermittents(one.referent))!.map((p) => p.userId)).toContain(max.id);
    expect((await getListStatus(await viewerOf(db, max.id, amap2))).history).toHaveLength(1);
    expect((await getListStatus(await viewerOf(db, max.id, amap1))).active).not.toBeNull();
    // Joining is per AMAP too: on the first list already, joining the second again is theirs to do.
    expect(await joinList(await viewerOf(db, max.id, amap1))).toEqual({ ok: false, refusal: "already_on_list" });
    expect(await joinList(await viewerOf(db, max.id, amap2))).toEqual({ ok: true, value: null });
    expect((await getListStatus(await viewerOf(db, max.id, amap2))).history).toHaveLength(2);
  });

  it("joining the first AMAP's list by oneself needs a role there: the second AMAP's people are refused, nothing written", async () => {
    // Otherwise anyone of any AMAP joins any list from its address (/<slug>/inscription), past its
    // référents (join requests, invitations) and past the partnerships (DESIGN.md §11).
    const before = await snapshot();
    for (const viewer of [two.referent, two.member, two.intermittent]) {
      const inOne = await viewerOf(db, viewer.userId, amap1);
      expect(await joinList(inOne), "refusé").toMatchObject({ ok: false });
      expect((await getListStatus(inOne)).active).toBeNull();
    }
    expect(await snapshot()).toEqual(before);
    // The first AMAP's own people still join it by themselves: a member, a référent.
    const member = await createMember(db, { contractIds: [(await createContract(db, { amapId: amap1 })).id], email: uniqueEmail("membre") });
    const referent = await createUser(db, { isReferent: true, amapId: amap1, email: uniqueEmail("referente") });
    expect(await joinList(await viewerOf(db, member.id, amap1))).toEqual({ ok: true, value: null });
    expect(await joinList(await viewerOf(db, referent.id, amap1))).toEqual({ ok: true, value: null });
  });
});

describe("invitations", () => {
  it("the second AMAP invites whoever the first AMAP has invited, has on its list, or saw leave or decline", async () => {
    // Someone who said « Non merci » to the first AMAP.
    const decliner = person(uniqueEmail("decline"));
    expect(await inviteSomeone(one.member, decliner)).toEqual({ ok: true });
    const [declined] = await db.select().from(s.invitations).where(eq(s.invitations.email, decliner.email));
    expect(await answerInvitation(invitationToken(declined!), "decline")).toEqual({ ok: true, outcome: "declined" });

    await db.delete(s.outbox);
    const emails = [one.invitation.email, one.intermittent.email, one.left.email, decliner.email];
    for (const email of emails) expect(await inviteSomeone(two.member, person(email))).toEqual({ ok: true });
    const sent = await db.select().from(s.invitations).where(eq(s.invitations.invitedById, two.member.userId));
    expect(sent.map((i) => [i.email, i.amapId, i.status, i.withheldReason])).toEqual(emails.map((e) => [e, amap2, "pending", null]));
    const mails = await db.select().from(s.outbox).orderBy(asc(s.outbox.id));
    expect(mails.map((m) => [m.recipient, m.amapId, m.kind])).toEqual(emails.map((e) => [e, amap2, "list-invitation"]));
    // Each still withheld in the first AMAP, where it applies.
    await db.delete(s.outbox);
    for (const email of emails) expect(await inviteSomeone(one.referent, person(email))).toEqual({ ok: true });
    expect(await db.select().from(s.outbox)).toEqual([]);
  });

  it("a link is its own AMAP's: the page names it, accepting joins its list, the other AMAP's list does not count", async () => {
    // The first AMAP's invitation, opened anywhere: the first AMAP's name, the first AMAP's list.
    const token1 = invitationToken(one.invitation);
    expect(await describeInvitation(token1)).toMatchObject({ state: "ready", amapName: "AMAP des Tilleuls" });

    // The second AMAP invites Kim, on the first AMAP's list: ready (not « on_list »), and in the second AMAP's name.
    const kim = await createIntermittent(db, { amapId: amap1, firstName: "Kim", email: uniqueEmail("kim") });
    expect(await inviteSomeone(two.member, person(kim.email))).toEqual({ ok: true });
    const [invitation2] = await db.select().from(s.invitations).where(eq(s.invitations.email, kim.email));
    expect(invitation2).toMatchObject({ amapId: amap2, status: "pending" });
    const token2 = invitationToken(invitation2!);
    expect(await describeInvitation(token2)).toMatchObject({ state: "ready", amapName: "AMAP des Chênes" });

    const before = await snapshot();
    expect(await answerInvitation(token2, "accept")).toEqual({ ok: true, outcome: "joined" });
    expect(await answerInvitation(token1, "accept")).toEqual({ ok: true, outcome: "joined" });
    const after = await snapshot();
    const joined = after.memberships.filter((m) => !before.memberships.some((b) => b.id === m.id));
    const invitedUser = after.users.find((u) => u.email === one.invitation.email)!;
    expect(joined.map((m) => [m.amapId, m.userId])).toEqual([
      [amap2, kim.id],
      [amap1, invitedUser.id],
    ]);
    const queued = after.outbox.filter((m) => !before.outbox.some((b) => b.id === m.id));
    expect(queued.map((m) => [m.amapId, m.kind, m.recipient])).toEqual([
      [amap2, "list-joined", kim.email],
      [amap1, "list-joined", one.invitation.email],
    ]);
    // Now on both lists, each seen only by its AMAP.
    expect((await listIntermittents(two.referent))!.map((p) => p.userId)).toContain(kim.id);
    expect((await listIntermittents(one.referent))!.map((p) => p.userId)).toContain(kim.id);
    expect((await listIntermittents(two.referent))!.map((p) => p.userId)).not.toContain(invitedUser.id);
    expect((await listIntermittents(one.referent))!.map((p) => p.userId)).toContain(invitedUser.id);
  });
});

describe("join requests: whether an address is known", () => {
  it("is known to the AMAP only through its own people", async () => {
    const [fromAlice, fromBruno] = await db
      .insert(s.intermittentRequests)
      .values([
        // Alice is a member of the first AMAP only.
        { amapId: amap2, ...person((await db.select().from(s.users).where(eq(s.users.id, one.member.userId)))[0]!.email) },
        { amapId: amap2, ...person((await db.select().from(s.users).where(eq(s.users.id, two.member.userId)))[0]!.email) },
      ])
      .returning();
    const requests = (await listJoinRequests(two.referent))!;
    expect(requests.find((r) => r.id === fromAlice!.id)?.isKnown).toBe(false);
    expect(requests.find((r) => r.id === fromBruno!.id)?.isKnown).toBe(true);
    await db.delete(s.intermittentRequests).where(inArray(s.intermittentRequests.id, [fromAlice!.id, fromBruno!.id]));
  });

  it("the second AMAP's référent decides the second AMAP's requests", async () => {
    const [extra] = await db.insert(s.intermittentRequests).values({ amapId: amap2, ...person(uniqueEmail("chene")) }).returning();
    expect(await refuseJoinRequest(two.referent, extra!.id, "Complet")).toEqual({ ok: true, value: null });
    expect(await db.select({ amapId: s.outbox.amapId, kind: s.outbox.kind }).from(s.outbox)).toEqual([
      { amapId: amap2, kind: "list-request-refused" },
    ]);
  });
});

describe("mail handlers", () => {
  it("skip another AMAP's request, invitation or stay, and send their own AMAP's", async () => {
    const h = listMailHandlers;
    const referent2 = two.referent.userId;
    const referent1 = one.referent.userId;
    // The first AMAP's rows, handled as the second AMAP's mail: nothing.
    expect(await h["list-request-received"]({ requestId: one.request.id }, db, amap2)).toBeNull();
    expect(await h["list-request-to-decide"]({ requestId: one.request.id, referentId: referent2 }, db, amap2)).toBeNull();
    expect(await h["list-request-approved"]({ requestId: one.approved.id }, db, amap2)).toBeNull();
    expect(await h["list-request-refused"]({ requestId: one.refusedRequest.id }, db, amap2)).toBeNull();
    expect(await h["list-invitation"]({ invitationId: one.invitation.id }, db, amap2)).toBeNull();
    expect(await h["list-joined"]({ userId: one.intermittent.id }, db, amap2)).toBeNull();
    expect(await h["list-registered-by"]({ userId: one.intermittent.id, registeredById: referent2 }, db, amap2)).toBeNull();
    expect(await h["list-left"]({ userId: one.left.id }, db, amap2)).toBeNull();

    // The same rows in their own AMAP: a mail, in that AMAP's name.
    const subjectOf = async (prepared: Promise<{ subject: string } | null>) => (await prepared)?.subject;
    expect(await subjectOf(h["list-request-received"]({ requestId: one.request.id }, db, amap1))).toBeTruthy();
    expect(await subjectOf(h["list-request-to-decide"]({ requestId: one.request.id, referentId: referent1 }, db, amap1))).toBeTruthy();
    expect(await subjectOf(h["list-request-approved"]({ requestId: one.approved.id }, db, amap1))).toBeTruthy();
    expect(await subjectOf(h["list-request-refused"]({ requestId: one.refusedRequest.id }, db, amap1))).toBeTruthy();
    expect(await subjectOf(h["list-joined"]({ userId: one.intermittent.id }, db, amap1))).toBeTruthy();
    expect(await subjectOf(h["list-registered-by"]({ userId: one.intermittent.id, registeredById: referent1 }, db, amap1))).toBeTruthy();
    expect(await subjectOf(h["list-left"]({ userId: one.left.id }, db, amap1))).toBeTruthy();
    expect(await subjectOf(h["list-request-received"]({ requestId: two.request.id }, db, amap2))).toBeTruthy();
    expect(await subjectOf(h["list-request-to-decide"]({ requestId: two.request.id, referentId: referent2 }, db, amap2))).toBeTruthy();
    expect(await subjectOf(h["list-joined"]({ userId: two.intermittentUser.id }, db, amap2))).toBeTruthy();
  });

  it("an invitation's mail is its AMAP's", async () => {
    const email = uniqueEmail("mail");
    expect(await inviteSomeone(two.member, person(email))).toEqual({ ok: true });
    const [invitation] = await db.select().from(s.invitations).where(eq(s.invitations.email, email));
    expect(await listMailHandlers["list-invitation"]({ invitationId: invitation!.id }, db, amap1)).toBeNull();
    expect((await listMailHandlers["list-invitation"]({ invitationId: invitation!.id }, db, amap2))?.subject).toBeTruthy();
  });
});
