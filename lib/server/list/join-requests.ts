import "server-only";
// Public requests to join the intermittents list (« Devenir intermittent·e »):
// the applicant is told the request arrived, each référent gets a mail with a
// link to decide, and the decision (with a refusal's reason) reaches the
// applicant. Limits are per address and per client, never global: one client
// cannot close the form for everyone (issue 10 §7).
import { createHmac } from "node:crypto";
import { and, count, desc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { checkPerson, REQUEST_LIMITS, type PersonInput } from "@/lib/domain/intermittents";
import { withoutForbiddenCharacters } from "@/lib/domain/text";
import { authSecret } from "@/lib/env";
import type { Viewer } from "../auth";
import { isReferent } from "../auth";
import { homeAmapId } from "../core";
import { activeMembership, addPerson, findUserByEmail, refused, runList, type ListResult } from "./list-kit";
import { enqueueMail } from "../mail";

export type JoinRequestInput = PersonInput & {
  message: string;
  /** The AMAP whose form it was (/<slug>/devenir-intermittent); the deployment's first when none is given. */
  amapId?: number;
};

/** A keyed hash of an IP address, as sign-in's (keyedHash, auth.ts). */
export function hashIp(ip: string): string {
  return createHmac("sha256", authSecret()).update(`ip:${ip}`).digest("base64url").slice(0, 32);
}

export const MAX_DECISION_REASON = 1000;

async function referentRecipients(tx: Tx, amapId: number) {
  return tx
    .select({ id: s.users.id, email: s.users.email })
    .from(s.amapReferents)
    .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId))
    .where(eq(s.amapReferents.amapId, amapId));
}

/**
 * Records a request. Answers the same way whether or not the address is
 * known or already on the list (no enumeration); only the rate limits and
 * invalid fields are told. A recorded request mails the applicant and every
 * référent of its AMAP (and no other), in its transaction. A suspended or
 * unknown AMAP takes no request.
 */
export async function requestToJoin(input: JoinRequestInput, ip: string, now = new Date()): Promise<ListResult> {
  const checked = checkPerson(input);
  if (!checked.ok) return refused("invalid_person", checked.fields);
  const person = checked.person;
  const ipHash = hashIp(ip);
  return runList(async (tx) => {
    // One request at a time per address and per client: serialize on transaction-scoped advisory locks.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`join:${person.email}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`join-ip:${ipHash}`}))`);
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const hourAgo = new Date(now.getTime() - 3_600_000);
    const [[byAddress], [byIp]] = await Promise.all([
      tx
        .select({ n: count() })
        .from(s.intermittentRequests)
        .where(and(sql`lower(${s.intermittentRequests.email}) = ${person.email}`, gt(s.intermittentRequests.createdAt, dayAgo))),
      tx
        .select({ n: count() })
        .from(s.intermittentRequests)
        .where(and(eq(s.intermittentRequests.ipHash, ipHash), gt(s.intermittentRequests.createdAt, hourAgo))),
    ]);
    if ((byAddress?.n ?? 0) >= REQUEST_LIMITS.perAddressPerDay || (byIp?.n ?? 0) >= REQUEST_LIMITS.perIpPerHour) {
      return refused("too_many_requests");
    }
    const amapId = input.amapId ?? (await homeAmapId(tx));
    const [open] = await tx
      .select({ id: s.amaps.id })
      .from(s.amaps)
      .where(and(eq(s.amaps.id, amapId), isNull(s.amaps.suspendedAt)));
    if (!open) return refused("not_found");
    const known = await findUserByEmail(tx, person.email);
    if (known && (await activeMembership(tx, known.id, amapId))) return { ok: true, value: null };
    const [request] = await tx
      .insert(s.intermittentRequests)
      .values({ ...person, amapId, message: input.message.trim().slice(0, 1000), ipHash, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: s.intermittentRequests.id });
    // Already pending for this address: the first request stands, and was told.
    if (!request) return { ok: true, value: null };
    await tx.insert(s.events).values({ amapId, actorId: known?.id ?? null, action: "membership.request", data: { requestId: request.id } });
    await enqueueMail(tx, amapId, "list-request-received", [{ to: person.email, payload: { requestId: request.id } }]);
    const referents = await referentRecipients(tx, amapId);
    await enqueueMail(
      tx,
      amapId,
      "list-request-to-decide",
      referents.map((r) => ({ to: r.email, payload: { requestId: request.id, referentId: r.id } })),
    );
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
  /** Older pending requests from the same client address, not shown. */
  hiddenFromSameIp: number;
};

/**
 * The référents' queue, newest first: at most REQUEST_LIMITS.shownPerIp
 * requests per client address, so a flood from one client does not bury
 * everyone else's.
 */
export async function listJoinRequests(viewer: Viewer): Promise<JoinRequestDTO[] | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const r = s.intermittentRequests;
  const ranked = db
    .select({
      id: r.id,
      email: r.email,
      firstName: r.firstName,
      lastName: r.lastName,
      phone: r.phone,
      message: r.message,
      createdAt: r.createdAt,
      // Known to this AMAP: the address of one of its référents, members (a
      // subscription) or intermittents (a stay on its list, past or present);
      // an account known only to another AMAP is not told.
      // NOTE: written out with table names: in a one-table select Drizzle leaves
      // columns unqualified, and "email" would then mean the inner table's.
      isKnown: sql<boolean>`exists (
        select 1 from users u
         where lower(u.email) = lower(intermittent_requests.email)
           and (exists (select 1 from amap_referents ar where ar.user_id = u.id and ar.amap_id = intermittent_requests.amap_id)
             or exists (select 1 from subscriptions su where su.user_id = u.id and su.amap_id = intermittent_requests.amap_id)
             or exists (select 1 from intermittent_memberships im where im.user_id = u.id and im.amap_id = intermittent_requests.amap_id)))`.as("is_known"),
      rank: sql<number>`row_number() over (partition by ${r.ipHash} order by ${r.createdAt} desc, ${r.id} desc)`.as("rank"),
      fromSameIp: sql<number>`count(*) over (partition by ${r.ipHash})`.as("from_same_ip"),
    })
    .from(r)
    .where(and(eq(r.amapId, viewer.amapId), eq(r.status, "pending")))
    .as("ranked");
  const rows = await db
    .select()
    .from(ranked)
    .where(lte(ranked.rank, REQUEST_LIMITS.shownPerIp))
    .orderBy(desc(ranked.createdAt), desc(ranked.id));
  return rows.map((row) => {
    const shown = Math.min(Number(row.fromSameIp), REQUEST_LIMITS.shownPerIp);
    return {
      id: row.id,
      email: row.email,
      fullName: `${row.firstName} ${row.lastName}`.trim(),
      phone: row.phone,
      message: row.message,
      createdAt: row.createdAt,
      isKnown: Boolean(row.isKnown),
      // Said once, under the oldest one shown.
      hiddenFromSameIp: Number(row.rank) === shown ? Number(row.fromSameIp) - shown : 0,
    };
  });
}

/** « N demandes à examiner » on a référent's home page; null for anyone else. */
export async function countPendingRequests(viewer: Viewer): Promise<number | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const [row] = await db.select({ n: count() }).from(s.intermittentRequests).where(and(eq(s.intermittentRequests.amapId, viewer.amapId), eq(s.intermittentRequests.status, "pending")));
  return row?.n ?? 0;
}

/** A join request of the AMAP (another AMAP's is not found), locked. */
async function lockRequest(tx: Tx, requestId: number, amapId: number) {
  const [request] = await tx
    .select()
    .from(s.intermittentRequests)
    .where(and(eq(s.intermittentRequests.id, requestId), eq(s.intermittentRequests.amapId, amapId)))
    .for("update");
  return request ?? null;
}

/** A référent accepts a request: the person joins the list and is welcomed. */
export function approveJoinRequest(viewer: Viewer, requestId: number): Promise<ListResult> {
  return runList(async (tx) => {
    if (!(await isReferent(tx, viewer))) return refused("not_referent");
    const request = await lockRequest(tx, requestId, viewer.amapId);
    if (!request) return refused("not_found");
    if (request.status !== "pending") return refused("already_decided");
    const added = await addPerson(tx, viewer, request);
    if (!added.ok && added.refusal !== "already_on_list") return added;
    await tx
      .update(s.intermittentRequests)
      .set({ status: "approved", decidedAt: sql`now()`, decidedById: viewer.userId })
      .where(and(eq(s.intermittentRequests.id, requestId), eq(s.intermittentRequests.status, "pending")));
    await enqueueMail(tx, viewer.amapId, "list-request-approved", [{ to: request.email, payload: { requestId } }]);
    return { ok: true, value: null };
  });
}

/** A référent refuses a request; the reason, if given, reaches the applicant. */
export function refuseJoinRequest(viewer: Viewer, requestId: number, reason = ""): Promise<ListResult> {
  return runList(async (tx) => {
    if (!(await isReferent(tx, viewer))) return refused("not_referent");
    const request = await lockRequest(tx, requestId, viewer.amapId);
    if (!request) return refused("not_found");
    if (request.status !== "pending") return refused("already_decided");
    // Typed for someone else to read: invisible and reordering characters are dropped (as the exchange's reasons).
    const said = withoutForbiddenCharacters(reason, { multiline: true }).trim().slice(0, MAX_DECISION_REASON) || null;
    await tx
      .update(s.intermittentRequests)
      .set({ status: "refused", decidedAt: sql`now()`, decidedById: viewer.userId, decisionReason: said })
      .where(and(eq(s.intermittentRequests.id, requestId), eq(s.intermittentRequests.status, "pending")));
    await tx.insert(s.events).values({ amapId: viewer.amapId, actorId: viewer.userId, action: "membership.request-refused", reason: said, data: { requestId } });
    await enqueueMail(tx, viewer.amapId, "list-request-refused", [{ to: request.email, payload: { requestId } }]);
    return { ok: true, value: null };
  });
}
