import "server-only";
// The intermittents list (DESIGN.md §3): joining and leaving (history kept,
// one row per stay), registering someone else, public join requests decided
// by référents, and the référents' own additions, removals and export. Each
// command is one transaction with its audit event and its mail.
import { createHmac } from "node:crypto";
import { and, asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { toCsv } from "@/lib/domain/csv";
import { checkPerson, REQUEST_LIMITS, type ListRefusal, type PersonField, type PersonInput } from "@/lib/domain/intermittents";
import { authSecret } from "@/lib/env";
import { loadRoles, type Viewer } from "./auth";
import { isReferent } from "./admin/guard";
import { consumeLink, type LinkClaims } from "./links";
import { enqueueMail, kickOutbox } from "./outbox";

export type ListResult<T = null> =
  | { ok: true; value: T }
  | { ok: false; refusal: ListRefusal; fields?: PersonField[] }
  | { ok: false; refusal: "link_used" };

const refused = (refusal: ListRefusal, fields?: PersonField[]) => ({ ok: false as const, refusal, ...(fields ? { fields } : {}) });

async function activeMembership(ex: Executor, userId: string) {
  const [row] = await ex
    .select()
    .from(s.intermittentMemberships)
    .where(and(eq(s.intermittentMemberships.userId, userId), isNull(s.intermittentMemberships.leftAt)))
    .for("update");
  return row ?? null;
}

async function lockUser(tx: Tx, userId: string) {
  const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId)).for("update");
  return user ?? null;
}

async function findUserByEmail(ex: Executor, email: string) {
  const [user] = await ex.select().from(s.users).where(sql`lower(${s.users.email}) = ${email.toLowerCase()}`);
  return user ?? null;
}

async function event(tx: Tx, actorId: string | null, action: string, subjectUserId: string, reason: string | null = null) {
  await tx.insert(s.events).values({ actorId, action, subjectUserId, reason });
}

/** Refusals roll back: whatever the command wrote before refusing is undone. */
class Refused<T> extends Error {
  constructor(readonly result: ListResult<T>) {
    super("refused");
  }
}

async function run<T>(work: (tx: Tx) => Promise<ListResult<T>>): Promise<ListResult<T>> {
  const db = await getDb();
  try {
    const result = await db.transaction(async (tx) => {
      const outcome = await work(tx);
      if (!outcome.ok) throw new Refused(outcome);
      return outcome;
    });
    kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Refused) return error.result as ListResult<T>;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Joining and leaving.

export type ListStatus = {
  active: null | { since: Date; addedByName: string | null; addedBySelf: boolean };
  history: { joinedAt: Date; leftAt: Date | null }[];
};

export async function getListStatus(viewer: Viewer): Promise<ListStatus> {
  const db = await getDb();
  const adder = alias(s.users, "adder");
  const rows = await db
    .select({
      joinedAt: s.intermittentMemberships.joinedAt,
      leftAt: s.intermittentMemberships.leftAt,
      addedById: s.intermittentMemberships.addedById,
      adderFirst: adder.firstName,
      adderLast: adder.lastName,
    })
    .from(s.intermittentMemberships)
    .leftJoin(adder, eq(adder.id, s.intermittentMemberships.addedById))
    .where(eq(s.intermittentMemberships.userId, viewer.userId))
    .orderBy(desc(s.intermittentMemberships.joinedAt));
  const current = rows.find((r) => r.leftAt === null);
  return {
    active: current
      ? {
          since: current.joinedAt,
          addedBySelf: current.addedById === viewer.userId,
          addedByName: current.adderFirst !== null ? `${current.adderFirst} ${current.adderLast ?? ""}`.trim() : null,
        }
      : null,
    history: rows.map((r) => ({ joinedAt: r.joinedAt, leftAt: r.leftAt })),
  };
}

/** "S'inscrire": the viewer joins the list. */
export function joinList(viewer: Viewer): Promise<ListResult> {
  return run(async (tx) => {
    const user = await lockUser(tx, viewer.userId);
    if (!user) return refused("not_found");
    if (await activeMembership(tx, user.id)) return refused("already_on_list");
    await tx.insert(s.intermittentMemberships).values({ userId: user.id, addedById: user.id });
    await event(tx, user.id, "membership.join", user.id);
    await enqueueMail(tx, "list-joined", [{ to: user.email, payload: { userId: user.id } }]);
    return { ok: true, value: null };
  });
}

async function leave(tx: Tx, userId: string, actorId: string | null, reason: string | null): Promise<ListResult> {
  const user = await lockUser(tx, userId);
  if (!user) return refused("not_found");
  const membership = await activeMembership(tx, userId);
  if (!membership) return refused("not_on_list");
  await tx
    .update(s.intermittentMemberships)
    .set({ leftAt: sql`now()`, leftReason: reason })
    .where(and(eq(s.intermittentMemberships.id, membership.id), isNull(s.intermittentMemberships.leftAt)));
  await event(tx, actorId, "membership.leave", userId, reason);
  await enqueueMail(tx, "list-left", [{ to: user.email, payload: { userId } }]);
  return { ok: true, value: null };
}

/** "Se désinscrire", from the site. */
export function leaveList(viewer: Viewer): Promise<ListResult> {
  return run((tx) => leave(tx, viewer.userId, viewer.userId, null));
}

/**
 * Unsubscribing from an email link: the page's button, or the RFC 8058
 * one-click POST. The link works once; a second use is told so.
 */
export function leaveListByLink(claims: LinkClaims): Promise<ListResult> {
  return run(async (tx) => {
    if (claims.action !== "unsubscribe") return refused("not_found");
    if (!(await consumeLink(tx, claims))) return { ok: false, refusal: "link_used" };
    return leave(tx, claims.userId, claims.userId, "Lien de désinscription");
  });
}

// ---------------------------------------------------------------------------
// Registering someone: a member for a friend, a référent for anyone.

async function addPerson(
  tx: Tx,
  actor: { userId: string },
  input: PersonInput,
): Promise<ListResult<{ userId: string; created: boolean }>> {
  const checked = checkPerson(input);
  if (!checked.ok) return refused("invalid_person", checked.fields);
  const person = checked.person;
  let user = await findUserByEmail(tx, person.email);
  let created = false;
  if (user) {
    // An existing person keeps their own name and phone: only the list changes.
    user = await lockUser(tx, user.id);
    if (!user) return refused("not_found");
    if (await activeMembership(tx, user.id)) return refused("already_on_list");
  } else {
    const [inserted] = await tx
      .insert(s.users)
      .values({
        email: person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        name: `${person.firstName} ${person.lastName}`.trim(),
        phone: person.phone || null,
      })
      .returning();
    user = inserted!;
    created = true;
  }
  await tx.insert(s.intermittentMemberships).values({ userId: user!.id, addedById: actor.userId });
  await event(tx, actor.userId, "membership.register", user!.id);
  return { ok: true, value: { userId: user!.id, created } };
}

/** "Inscrire une autre personne" (members and référents). */
export function registerSomeone(viewer: Viewer, input: PersonInput): Promise<ListResult<{ userId: string; created: boolean }>> {
  return register(viewer, input, async (tx) => {
    const roles = await loadRoles(tx, viewer.userId);
    return !roles.has("member") && !roles.has("referent") ? "not_member" : null;
  });
}

/**
 * « Ajouter à la liste » on /admin/intermittents: référents only. The same
 * registration as registerSomeone, but a member calling the admin action
 * directly is refused (it once went through registerSomeone's member guard).
 */
export function addToListAsReferent(viewer: Viewer, input: PersonInput): Promise<ListResult<{ userId: string; created: boolean }>> {
  return register(viewer, input, async (tx) => ((await isReferent(tx, viewer)) ? null : "not_referent"));
}

function register(
  viewer: Viewer,
  input: PersonInput,
  guard: (tx: Tx) => Promise<ListRefusal | null>,
): Promise<ListResult<{ userId: string; created: boolean }>> {
  return run(async (tx) => {
    const refusal = await guard(tx);
    if (refusal) return refused(refusal);
    const result = await addPerson(tx, viewer, input);
    if (!result.ok) return result;
    const [user] = await tx.select({ email: s.users.email }).from(s.users).where(eq(s.users.id, result.value.userId));
    await enqueueMail(tx, "list-registered-by", [
      { to: user!.email, payload: { userId: result.value.userId, registeredById: viewer.userId } },
    ]);
    return result;
  });
}

// ---------------------------------------------------------------------------
// Public requests ("Devenir intermittent").

export type JoinRequestInput = PersonInput & { message: string };

/** A keyed hash of an IP address: enough to count requests, useless to anyone reading the table. */
export function hashIp(ip: string): string {
  return createHmac("sha256", authSecret()).update(`ip:${ip}`).digest("base64url").slice(0, 32);
}

/**
 * Records a request. Answers the same way whether or not the address is
 * known or already on the list (no enumeration); only the rate limits and
 * invalid fields are told.
 */
export async function requestToJoin(input: JoinRequestInput, ip: string, now = new Date()): Promise<ListResult> {
  const checked = checkPerson(input);
  if (!checked.ok) return refused("invalid_person", checked.fields);
  const person = checked.person;
  const ipHash = hashIp(ip);
  return run(async (tx) => {
    // One request at a time per address: serialize on a transaction-scoped advisory lock.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`join:${person.email}`}))`);
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const [[byAddress], [byIp], [all]] = await Promise.all([
      tx
        .select({ n: count() })
        .from(s.intermittentRequests)
        .where(and(sql`lower(${s.intermittentRequests.email}) = ${person.email}`, gt(s.intermittentRequests.createdAt, dayAgo))),
      tx
        .select({ n: count() })
        .from(s.intermittentRequests)
        .where(and(eq(s.intermittentRequests.ipHash, ipHash), gt(s.intermittentRequests.createdAt, hourAgo))),
      tx.select({ n: count() }).from(s.intermittentRequests).where(gt(s.intermittentRequests.createdAt, hourAgo)),
    ]);
    if (
      (byAddress?.n ?? 0) >= REQUEST_LIMITS.perAddressPerDay ||
      (byIp?.n ?? 0) >= REQUEST_LIMITS.perIpPerHour ||
      (all?.n ?? 0) >= REQUEST_LIMITS.perHour
    ) {
      return refused("too_many_requests");
    }
    const known = await findUserByEmail(tx, person.email);
    if (known && (await activeMembership(tx, known.id))) return { ok: true, value: null };
    await tx
      .insert(s.intermittentRequests)
      .values({ ...person, message: input.message.trim().slice(0, 1000), ipHash })
      .onConflictDoNothing();
    return { ok: true, value: null };
  });
}

export type JoinRequestDTO = {
  id: number;
  email: string;
  fullName: string;
  phone: string;
  message: string;
  createdAt: Date;
  isKnown: boolean;
};

export async function listJoinRequests(viewer: Viewer): Promise<JoinRequestDTO[] | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const rows = await db
    .select({
      id: s.intermittentRequests.id,
      email: s.intermittentRequests.email,
      firstName: s.intermittentRequests.firstName,
      lastName: s.intermittentRequests.lastName,
      phone: s.intermittentRequests.phone,
      message: s.intermittentRequests.message,
      createdAt: s.intermittentRequests.createdAt,
      // NOTE: written out with table names: in a one-table select Drizzle leaves
      // columns unqualified, and "email" would then mean the inner table's.
      isKnown: sql<boolean>`exists (select 1 from users u where lower(u.email) = lower(intermittent_requests.email))`,
    })
    .from(s.intermittentRequests)
    .where(eq(s.intermittentRequests.status, "pending"))
    .orderBy(asc(s.intermittentRequests.createdAt));
  return rows.map((r) => ({ ...r, fullName: `${r.firstName} ${r.lastName}`.trim() }));
}

async function lockRequest(tx: Tx, requestId: number) {
  const [request] = await tx
    .select()
    .from(s.intermittentRequests)
    .where(eq(s.intermittentRequests.id, requestId))
    .for("update");
  return request ?? null;
}

/** A référent accepts a request: the person joins the list and is welcomed. */
export function approveJoinRequest(viewer: Viewer, requestId: number): Promise<ListResult> {
  return run(async (tx) => {
    if (!(await isReferent(tx, viewer))) return refused("not_referent");
    const request = await lockRequest(tx, requestId);
    if (!request) return refused("not_found");
    if (request.status !== "pending") return refused("already_decided");
    const added = await addPerson(tx, viewer, request);
    if (!added.ok && added.refusal !== "already_on_list") return added;
    await tx
      .update(s.intermittentRequests)
      .set({ status: "approved", decidedAt: sql`now()`, decidedById: viewer.userId })
      .where(and(eq(s.intermittentRequests.id, requestId), eq(s.intermittentRequests.status, "pending")));
    await enqueueMail(tx, "list-request-approved", [{ to: request.email, payload: { requestId } }]);
    return { ok: true, value: null };
  });
}

export function refuseJoinRequest(viewer: Viewer, requestId: number): Promise<ListResult> {
  return run(async (tx) => {
    if (!(await isReferent(tx, viewer))) return refused("not_referent");
    const request = await lockRequest(tx, requestId);
    if (!request) return refused("not_found");
    if (request.status !== "pending") return refused("already_decided");
    await tx
      .update(s.intermittentRequests)
      .set({ status: "refused", decidedAt: sql`now()`, decidedById: viewer.userId })
      .where(and(eq(s.intermittentRequests.id, requestId), eq(s.intermittentRequests.status, "pending")));
    await tx.insert(s.events).values({ actorId: viewer.userId, action: "membership.request-refused", data: { requestId } });
    await enqueueMail(tx, "list-request-refused", [{ to: request.email, payload: { requestId } }]);
    return { ok: true, value: null };
  });
}

// ---------------------------------------------------------------------------
// The référents' list.

export type IntermittentDTO = {
  userId: string;
  fullName: string;
  email: string;
  phone: string | null;
  since: Date;
  addedBy: string | null;
};

export async function listIntermittents(viewer: Viewer): Promise<IntermittentDTO[] | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const adder = alias(s.users, "adder");
  const rows = await db
    .select({
      userId: s.users.id,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
      email: s.users.email,
      phone: s.users.phone,
      since: s.intermittentMemberships.joinedAt,
      adderId: s.intermittentMemberships.addedById,
      adderFirst: adder.firstName,
      adderLast: adder.lastName,
    })
    .from(s.intermittentMemberships)
    .innerJoin(s.users, eq(s.users.id, s.intermittentMemberships.userId))
    .leftJoin(adder, eq(adder.id, s.intermittentMemberships.addedById))
    .where(isNull(s.intermittentMemberships.leftAt))
    .orderBy(asc(s.users.lastName), asc(s.users.firstName));
  return rows.map((r) => ({
    userId: r.userId,
    fullName: `${r.firstName} ${r.lastName}`.trim() || r.email,
    email: r.email,
    phone: r.phone,
    since: r.since,
    addedBy:
      r.adderId === r.userId ? null : r.adderFirst !== null ? `${r.adderFirst} ${r.adderLast ?? ""}`.trim() : null,
  }));
}

/** A référent removes someone from the list, with a reason (kept in the history). */
export function removeFromList(viewer: Viewer, userId: string, reason: string): Promise<ListResult> {
  return run(async (tx) => {
    if (!(await isReferent(tx, viewer))) return refused("not_referent");
    return leave(tx, userId, viewer.userId, reason.trim().slice(0, 500) || null);
  });
}

/** CSV of the active list, for the référents (semicolon-separated, as French spreadsheets expect). */
export async function exportIntermittentsCsv(viewer: Viewer): Promise<string | null> {
  const list = await listIntermittents(viewer);
  if (!list) return null;
  const header = ["Nom", "E-mail", "Téléphone", "Inscrit·e depuis", "Inscrit·e par"];
  const lines = list.map((p) => [p.fullName, p.email, p.phone ?? "", p.since.toISOString().slice(0, 10), p.addedBy ?? ""]);
  return toCsv([header, ...lines]);
}
