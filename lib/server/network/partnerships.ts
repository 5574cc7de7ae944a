import "server-only";
// Partner AMAPs (DESIGN.md §11, issue 13 point 5): a référent of one AMAP
// proposes, a référent of the other accepts (or refuses), either side may end
// it; the asker may withdraw a request still pending. Each command is one
// transaction: the référent flag re-read inside it, the row locked, its
// audit event (in the acting AMAP) and the mails to the other AMAP's
// référents. The mails' rows belong to the AMAP of their readers: its email
// log shows them, never the other AMAP's (SECURITY.md, tenant isolation).
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { Rollback, type Result } from "@/lib/result";
import { isReferent, type Viewer } from "../auth";
import { getSettings, partnershipsTouching } from "../core";
import { enqueueMail, kickOutbox } from "../mail";
import type { PartnershipMailKind } from "./partnerships-mail";

export type PartnershipRefusal =
  | "not_referent"
  | "amap_not_found"
  | "self"
  | "already_partners"
  | "already_requested"
  | "not_found"
  | "not_pending"
  | "not_live";

export type PartnershipResult<T = { partnershipId: number }> = Result<T, PartnershipRefusal>;

const refused = (refusal: PartnershipRefusal) => ({ ok: false as const, refusal });

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return true;
  }
  return false;
}

/**
 * Runs a référent's command in one transaction: a refusal rolls back
 * whatever was written; the mails go out after the commit. Two requests for
 * the same pair at once: the unique index on the live pair lets one in, the
 * other answers as a request already made — never a 500.
 */
async function referentCommand<T>(viewer: Viewer, work: (tx: Tx) => Promise<PartnershipResult<T>>): Promise<PartnershipResult<T>> {
  const db = await getDb();
  try {
    const result = await db.transaction(async (tx) => {
      if (!(await isReferent(tx, viewer))) throw new Rollback(refused("not_referent"));
      const outcome = await work(tx);
      if (!outcome.ok) throw new Rollback(outcome);
      return outcome;
    });
    kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Rollback) return error.failure as PartnershipResult<T>;
    if (isUniqueViolation(error)) return refused("already_requested");
    throw error;
  }
}

type Action = "request" | "accept" | "refuse" | "withdraw" | "end";

async function record(tx: Tx, viewer: Viewer, action: Action, partnerAmapId: number, partnershipId: number) {
  await tx.insert(s.events).values({
    amapId: viewer.amapId,
    actorId: viewer.userId,
    action: `partnership.${action}`,
    data: { partnerAmapId, partnershipId },
  });
}

/** Tells every référent of `amapId` (the other AMAP), in its own outbox. */
async function tellReferents(tx: Tx, amapId: number, kind: PartnershipMailKind, partnershipId: number) {
  const referents = await tx
    .select({ id: s.users.id, email: s.users.email })
    .from(s.amapReferents)
    .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId))
    .where(eq(s.amapReferents.amapId, amapId));
  await enqueueMail(tx, amapId, kind, referents.map((r) => ({ to: r.email, payload: { partnershipId, referentId: r.id } })));
}

/** An AMAP one may be partners with: it exists and its space is not suspended. */
async function isOpenAmap(ex: Executor, amapId: number): Promise<boolean> {
  const [row] = await ex.select({ id: s.amaps.id }).from(s.amaps).where(and(eq(s.amaps.id, amapId), isNull(s.amaps.suspendedAt)));
  return row !== undefined;
}

/** The row with this id where the viewer's AMAP is on the given side (either, by default), locked; another AMAP's is missing. */
async function lockRow(tx: Tx, viewer: Viewer, id: number, side: "asker" | "asked" | "either") {
  const p = s.amapPartnerships;
  const ours =
    side === "asker" ? eq(p.amapId, viewer.amapId) : side === "asked" ? eq(p.partnerAmapId, viewer.amapId) : or(eq(p.amapId, viewer.amapId), eq(p.partnerAmapId, viewer.amapId));
  const [row] = await tx.select().from(p).where(and(eq(p.id, id), ours)).for("update");
  return row ?? null;
}

async function acceptRow(tx: Tx, viewer: Viewer, row: s.AmapPartnership): Promise<PartnershipResult> {
  if (row.acceptedAt || row.endedAt) return refused("not_pending");
  if (!(await isOpenAmap(tx, row.amapId))) return refused("amap_not_found");
  await tx
    .update(s.amapPartnerships)
    .set({ acceptedAt: sql`now()`, acceptedById: viewer.userId })
    .where(eq(s.amapPartnerships.id, row.id));
  await record(tx, viewer, "accept", row.amapId, row.id);
  await tellReferents(tx, row.amapId, "partnership-accepted", row.id);
  return { ok: true, value: { partnershipId: row.id } };
}

/**
 * « Proposer le partenariat »: to an open AMAP other than one's own, with
 * which there is neither a partnership nor a pending request. When the other
 * AMAP already asked us, proposing is accepting theirs (`accepted: true`).
 */
export async function requestPartnership(viewer: Viewer, otherAmapId: number): Promise<PartnershipResult<{ partnershipId: number; accepted: boolean }>> {
  return referentCommand<{ partnershipId: number; accepted: boolean }>(viewer, async (tx) => {
    if (otherAmapId === viewer.amapId) return refused("self");
    if (!(await isOpenAmap(tx, otherAmapId))) return refused("amap_not_found");
    const p = s.amapPartnerships;
    const [current] = await tx
      .select()
      .from(p)
      .where(
        and(
          isNull(p.endedAt),
          or(and(eq(p.amapId, viewer.amapId), eq(p.partnerAmapId, otherAmapId)), and(eq(p.amapId, otherAmapId), eq(p.partnerAmapId, viewer.amapId))),
        ),
      )
      .for("update");
    if (current?.acceptedAt) return refused("already_partners");
    if (current && current.amapId === viewer.amapId) return refused("already_requested");
    if (current) {
      const accepted = await acceptRow(tx, viewer, current);
      return accepted.ok ? { ok: true, value: { partnershipId: current.id, accepted: true } } : accepted;
    }
    const [row] = await tx
      .insert(p)
      .values({ amapId: viewer.amapId, partnerAmapId: otherAmapId, requestedById: viewer.userId })
      .returning({ id: p.id });
    await record(tx, viewer, "request", otherAmapId, row!.id);
    await tellReferents(tx, otherAmapId, "partnership-requested", row!.id);
    return { ok: true, value: { partnershipId: row!.id, accepted: false } };
  });
}

/** « Accepter »: a request made to the viewer's AMAP, still pending, from an AMAP still open. */
export async function acceptPartnership(viewer: Viewer, partnershipId: number): Promise<PartnershipResult> {
  return referentCommand(viewer, async (tx) => {
    const row = await lockRow(tx, viewer, partnershipId, "asked");
    return row ? acceptRow(tx, viewer, row) : refused("not_found");
  });
}

/** « Refuser »: a request made to the viewer's AMAP, still pending. The asking AMAP's référents are told. */
export async function refusePartnership(viewer: Viewer, partnershipId: number): Promise<PartnershipResult> {
  return referentCommand(viewer, async (tx) => {
    const row = await lockRow(tx, viewer, partnershipId, "asked");
    if (!row) return refused("not_found");
    if (row.acceptedAt || row.endedAt) return refused("not_pending");
    await tx.update(s.amapPartnerships).set({ endedAt: sql`now()`, endedById: viewer.userId }).where(eq(s.amapPartnerships.id, row.id));
    await record(tx, viewer, "refuse", row.amapId, row.id);
    await tellReferents(tx, row.amapId, "partnership-refused", row.id);
    return { ok: true, value: { partnershipId: row.id } };
  });
}

/**
 * « Retirer la demande »: the viewer's AMAP's own request, still pending. No
 * mail: the request's mail, if not yet delivered, is dropped at delivery.
 */
export async function withdrawPartnershipRequest(viewer: Viewer, partnershipId: number): Promise<PartnershipResult> {
  return referentCommand(viewer, async (tx) => {
    const row = await lockRow(tx, viewer, partnershipId, "asker");
    if (!row) return refused("not_found");
    if (row.acceptedAt || row.endedAt) return refused("not_pending");
    await tx.update(s.amapPartnerships).set({ endedAt: sql`now()`, endedById: viewer.userId }).where(eq(s.amapPartnerships.id, row.id));
    await record(tx, viewer, "withdraw", row.partnerAmapId, row.id);
    return { ok: true, value: { partnershipId: row.id } };
  });
}

/** « Mettre fin au partenariat »: a live partnership of the viewer's AMAP, whichever asked. The other AMAP's référents are told. */
export async function endPartnership(viewer: Viewer, partnershipId: number): Promise<PartnershipResult> {
  return referentCommand(viewer, async (tx) => {
    const row = await lockRow(tx, viewer, partnershipId, "either");
    if (!row || !row.acceptedAt) return refused("not_found");
    if (row.endedAt) return refused("not_live");
    const other = row.amapId === viewer.amapId ? row.partnerAmapId : row.amapId;
    await tx.update(s.amapPartnerships).set({ endedAt: sql`now()`, endedById: viewer.userId }).where(eq(s.amapPartnerships.id, row.id));
    await record(tx, viewer, "end", other, row.id);
    await tellReferents(tx, other, "partnership-ended", row.id);
    return { ok: true, value: { partnershipId: row.id } };
  });
}

// ---------------------------------------------------------------------------
// The page.

export type PartnerRow = { partnershipId: number; amapId: number; name: string; slug: string; since: Date; suspended: boolean };
export type RequestRow = { partnershipId: number; amapId: number; name: string; requestedAt: Date };
export type PartnershipsPage = {
  /** The viewer's AMAP's delay before its baskets go to the partners (its settings). */
  delayHours: number;
  partners: PartnerRow[];
  /** Requests made to the viewer's AMAP, from open AMAPs. */
  received: RequestRow[];
  /** Requests the viewer's AMAP made, still pending. */
  sent: RequestRow[];
  /** The AMAPs one may ask: open, not one's own, no partnership nor request either way. */
  candidates: { amapId: number; name: string }[];
};

const byName = <T extends { name: string }>(rows: T[]) => rows.sort((a, b) => a.name.localeCompare(b.name, "fr"));

/** /admin/partenaires, for a référent of the viewer's AMAP; null for anyone else. */
export async function readPartnerships(viewer: Viewer | null): Promise<PartnershipsPage | null> {
  const db = await getDb();
  if (!viewer || !(await isReferent(db, viewer))) return null;
  const me = viewer.amapId;
  const p = s.amapPartnerships;
  const otherId = sql<number>`case when ${p.amapId} = ${me} then ${p.partnerAmapId} else ${p.amapId} end`.mapWith(Number);
  const [settings, rows, amaps] = await Promise.all([
    getSettings(db, me),
    db
      .select({ id: p.id, amapId: p.amapId, otherId, requestedAt: p.requestedAt, acceptedAt: p.acceptedAt })
      .from(p)
      .where(partnershipsTouching(me)),
    db
      .select({ id: s.amaps.id, slug: s.amaps.slug, name: s.settings.amapName, suspendedAt: s.amaps.suspendedAt })
      .from(s.amaps)
      .innerJoin(s.settings, eq(s.settings.amapId, s.amaps.id))
      .orderBy(asc(s.amaps.id)),
  ]);
  const amapById = new Map(amaps.map((a) => [a.id, a]));
  const page: PartnershipsPage = { delayHours: settings.partnerDelayHours, partners: [], received: [], sent: [], candidates: [] };
  for (const row of rows) {
    const other = amapById.get(row.otherId);
    if (!other) continue;
    if (row.acceptedAt) {
      page.partners.push({
        partnershipId: row.id,
        amapId: other.id,
        name: other.name,
        slug: other.slug,
        since: row.acceptedAt,
        suspended: other.suspendedAt !== null,
      });
    } else if (row.amapId === me) {
      page.sent.push({ partnershipId: row.id, amapId: other.id, name: other.name, requestedAt: row.requestedAt });
    } else if (other.suspendedAt === null) {
      page.received.push({ partnershipId: row.id, amapId: other.id, name: other.name, requestedAt: row.requestedAt });
    }
  }
  const taken = new Set(rows.map((r) => r.otherId));
  page.candidates = amaps.filter((a) => a.id !== me && a.suspendedAt === null && !taken.has(a.id)).map((a) => ({ amapId: a.id, name: a.name }));
  byName(page.partners);
  byName(page.received);
  byName(page.sent);
  byName(page.candidates);
  return page;
}
