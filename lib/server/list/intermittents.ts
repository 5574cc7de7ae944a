import "server-only";
// The intermittents list (DESIGN.md §3): joining and leaving (history kept,
// one row per stay), and the référents' own additions, removals and export.
// Public join requests are in join-requests.ts, invitations in invitations.ts;
// this module is their one door. Each command is one transaction with its
// audit event and its mail.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { toCsv } from "@/lib/domain/csv";
import type { PersonInput } from "@/lib/domain/intermittents";
import type { Viewer } from "../auth";
import { isReferent } from "../auth";
import { consumeLink, getSettings, homeAmapId, peopleWithRoles, type LinkClaims } from "../core";
import { activeMembership, addPerson, event, lockUser, refused, runList, type ListResult } from "./list-kit";
import { enqueueMail } from "../mail";

export type { ListResult } from "./list-kit";
export { approveJoinRequest, hashIp, listJoinRequests, refuseJoinRequest, requestToJoin, type JoinRequestDTO, type JoinRequestInput } from "./join-requests";
export { inviteSomeone, type InviteResult } from "./invitations";

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
    .where(and(eq(s.intermittentMemberships.amapId, viewer.amapId), eq(s.intermittentMemberships.userId, viewer.userId)))
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

/**
 * "S'inscrire": the viewer joins their AMAP's list by themselves — a member or
 * a référent of it, or someone who was on it before. Anyone else asks its
 * référents (the public join form) or is invited: an AMAP's address is open
 * to every signed-in person of the network, its list is not.
 */
export function joinList(viewer: Viewer): Promise<ListResult> {
  return runList(async (tx) => {
    const user = await lockUser(tx, viewer.userId);
    if (!user) return refused("not_found");
    if (await activeMembership(tx, user.id, viewer.amapId)) return refused("already_on_list");
    const [person] = await peopleWithRoles(tx, eq(s.users.id, user.id), viewer.amapId);
    if (!person?.isMember && !person?.isReferent) {
      const [before] = await tx
        .select({ id: s.intermittentMemberships.id })
        .from(s.intermittentMemberships)
        .where(and(eq(s.intermittentMemberships.amapId, viewer.amapId), eq(s.intermittentMemberships.userId, user.id)))
        .limit(1);
      if (!before) return refused("not_in_amap");
    }
    await tx.insert(s.intermittentMemberships).values({ amapId: viewer.amapId, userId: user.id, addedById: user.id });
    await event(tx, viewer.amapId, user.id, "membership.join", user.id);
    await enqueueMail(tx, viewer.amapId, "list-joined", [{ to: user.email, payload: { userId: user.id } }]);
    return { ok: true, value: null };
  });
}

async function leave(tx: Tx, amapId: number, userId: string, actorId: string | null, reason: string | null): Promise<ListResult> {
  const user = await lockUser(tx, userId);
  if (!user) return refused("not_found");
  const membership = await activeMembership(tx, userId, amapId);
  if (!membership) return refused("not_on_list");
  await tx
    .update(s.intermittentMemberships)
    .set({ leftAt: sql`now()`, leftReason: reason })
    .where(and(eq(s.intermittentMemberships.id, membership.id), isNull(s.intermittentMemberships.leftAt)));
  await event(tx, amapId, actorId, "membership.leave", userId, reason);
  await enqueueMail(tx, amapId, "list-left", [{ to: user.email, payload: { userId } }]);
  return { ok: true, value: null };
}

/** "Se désinscrire", from the site. */
export function leaveList(viewer: Viewer): Promise<ListResult> {
  return runList((tx) => leave(tx, viewer.amapId, viewer.userId, viewer.userId, null));
}

/**
 * The AMAP whose list an unsubscribe link leaves: the one it names, or — for
 * a link sent before AMAPs, which names none (0) — the deployment's first, as
 * then. Null for an AMAP that does not exist.
 */
export async function amapOfUnsubscribeLink(ex: Executor, claims: LinkClaims): Promise<number | null> {
  if (claims.objectId === 0) return homeAmapId(ex);
  const [amap] = await ex.select({ id: s.amaps.id }).from(s.amaps).where(eq(s.amaps.id, claims.objectId));
  return amap?.id ?? null;
}

/** The name of the AMAP whose list an unsubscribe link leaves (the one-click answer names it); null for none. */
export async function amapNameOfUnsubscribeLink(claims: LinkClaims): Promise<string | null> {
  const db = await getDb();
  const amapId = await amapOfUnsubscribeLink(db, claims);
  return amapId === null ? null : (await getSettings(db, amapId)).amapName;
}

/**
 * Unsubscribing from an email link: the page's button, or the RFC 8058
 * one-click POST. It leaves the list of the link's AMAP only (another AMAP's
 * list stays as it is). The link works once; a second use is told so.
 */
export function leaveListByLink(claims: LinkClaims): Promise<ListResult<{ amapId: number }>> {
  return runList(async (tx) => {
    if (claims.action !== "unsubscribe") return refused("not_found");
    const amapId = await amapOfUnsubscribeLink(tx, claims);
    if (amapId === null) return refused("not_found");
    if (!(await consumeLink(tx, claims))) return { ok: false, refusal: "link_used" };
    const left = await leave(tx, amapId, claims.userId, claims.userId, "Lien de désinscription");
    return left.ok ? { ok: true, value: { amapId } } : left;
  });
}

// ---------------------------------------------------------------------------
// A référent adds someone (people who wrote to the AMAP's mailbox). Members
// invite instead (invitations.ts): the person joins only by their own button.

/**
 * « Ajouter à la liste » on /admin/intermittents: référents only (a member
 * calling the admin action directly is refused in the data layer).
 */
export function addToListAsReferent(viewer: Viewer, input: PersonInput): Promise<ListResult<{ userId: string; created: boolean }>> {
  return runList(async (tx) => {
    if (!(await isReferent(tx, viewer))) return refused("not_referent");
    const result = await addPerson(tx, viewer, input);
    if (!result.ok) return result;
    const [user] = await tx.select({ email: s.users.email }).from(s.users).where(eq(s.users.id, result.value.userId));
    await enqueueMail(tx, viewer.amapId, "list-registered-by", [
      { to: user!.email, payload: { userId: result.value.userId, registeredById: viewer.userId } },
    ]);
    return result;
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
    .where(and(eq(s.intermittentMemberships.amapId, viewer.amapId), isNull(s.intermittentMemberships.leftAt)))
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
  return runList(async (tx) => {
    if (!(await isReferent(tx, viewer))) return refused("not_referent");
    return leave(tx, viewer.amapId, userId, viewer.userId, reason.trim().slice(0, 500) || null);
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
