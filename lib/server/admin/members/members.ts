import "server-only";
// Members and their subscriptions, for the référents (DESIGN.md §3): list and
// search, create and edit a person, add / edit / end a subscription. Every
// read and command checks the référent flag itself, in its own transaction;
// each command writes its audit event in that transaction (member-kit.ts).
// The CSV import and export: member-csv.ts.
import { parseSearchText } from "@/lib/domain/admin-filters";
import { and, asc, eq, gte, inArray, ne, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { checkPerson, type PersonInput } from "@/lib/domain/intermittents";
import { contractNames, type ImportContract } from "@/lib/domain/member-import";
import {
  checkSubscription,
  parseDay,
  periodsOverlap,
  subscriptionState,
  type SubscriptionInput,
  type SubscriptionState,
} from "@/lib/domain/subscriptions";
import { parisDate } from "@/lib/domain/time";
import type { Viewer } from "../../auth";
import { kickOutbox } from "../../mail";
import { isReferent } from "../../auth";
import { event, fullName, invalidPerson, knownIn, loadContracts, referentCommand, refused, type MemberResult } from "./member-kit";
import { enqueueEmailChanged, withdrawOffersOutside, type OffersWithdrawn } from "./member-notices";

export type { MemberRefusal, MemberResult } from "./member-kit";
export {
  exportMembersCsv,
  importMembers,
  memberTemplateCsv,
  previewImport,
  type ImportPreview,
  type ImportResult,
} from "./member-csv";
// ---------------------------------------------------------------------------
// Reads.

export type SubscriptionDTO = {
  id: number;
  contractId: number;
  contract: string;
  quantity: number;
  startsOn: string;
  endsOn: string;
  state: SubscriptionState;
};

export type MemberListItem = {
  userId: string;
  fullName: string;
  email: string;
  phone: string | null;
  /** Current and upcoming subscriptions. */
  subscriptions: SubscriptionDTO[];
};

export type MemberList = {
  members: MemberListItem[];
  truncated: boolean;
  /** The character that made the search refused ("U+0000"): nothing was looked up. */
  refusedCharacter?: string;
};

/** At most this many people on one page; a search narrows it down. */
export const MEMBER_LIST_LIMIT = 200;

/** Lower case without accents, in SQL and in JS alike, for searching names. */
function foldSql(value: SQL): SQL {
  return sql`replace(replace(translate(lower(${value}), 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ', 'aaaaaaceeeeiiiinooooouuuuyy'), 'œ', 'oe'), 'æ', 'ae')`;
}

function foldText(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replaceAll("œ", "oe").replaceAll("æ", "ae");
}

/** The people's subscriptions in the AMAP (another AMAP's are not shown). */
async function subscriptionsOf(ex: Executor, amapId: number, userIds: string[], contracts: ImportContract[], today: string, from?: string) {
  if (userIds.length === 0) return new Map<string, SubscriptionDTO[]>();
  const names = contractNames(contracts);
  const rows = await ex
    .select({
      id: s.subscriptions.id,
      userId: s.subscriptions.userId,
      contractId: s.subscriptions.contractId,
      quantity: s.subscriptions.quantity,
      startsOn: s.subscriptions.startsOn,
      endsOn: s.subscriptions.endsOn,
    })
    .from(s.subscriptions)
    .where(
      and(eq(s.subscriptions.amapId, amapId), inArray(s.subscriptions.userId, userIds), from ? gte(s.subscriptions.endsOn, from) : undefined),
    )
    .orderBy(asc(s.subscriptions.startsOn), asc(s.subscriptions.contractId), asc(s.subscriptions.id));
  const byUser = new Map<string, SubscriptionDTO[]>();
  for (const r of rows) {
    const list = byUser.get(r.userId) ?? [];
    list.push({
      id: r.id,
      contractId: r.contractId,
      contract: names.get(r.contractId) ?? "",
      quantity: r.quantity,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      state: subscriptionState(r, today),
    });
    byUser.set(r.userId, list);
  }
  return byUser;
}

/** Everyone the AMAP knows, by name, with their current and upcoming subscriptions; `query` searches names and addresses. */
export async function listMembers(viewer: Viewer, query = "", now = new Date()): Promise<MemberList | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const search = parseSearchText(query);
  if (!search.ok) return { members: [], truncated: false, refusedCharacter: search.codePoint };
  const words = foldText(search.value).split(/\s+/).filter(Boolean).slice(0, 5);
  const haystack = foldSql(sql`${s.users.firstName} || ' ' || ${s.users.lastName} || ' ' || ${s.users.email}`);
  const escape = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db
    .select({
      userId: s.users.id,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
      email: s.users.email,
      phone: s.users.phone,
    })
    .from(s.users)
    .where(and(knownIn(viewer.amapId), ...words.map((word) => sql`${haystack} like ${`%${escape(word)}%`}`)))
    .orderBy(sql`lower(${s.users.lastName})`, sql`lower(${s.users.firstName})`, asc(s.users.email))
    .limit(MEMBER_LIST_LIMIT + 1);
  const shown = rows.slice(0, MEMBER_LIST_LIMIT);
  const today = parisDate(now);
  const subs = await subscriptionsOf(db, viewer.amapId, shown.map((r) => r.userId), await loadContracts(db, viewer.amapId), today, today);
  return {
    members: shown.map((r) => ({
      userId: r.userId,
      fullName: fullName(r),
      email: r.email,
      phone: r.phone,
      subscriptions: subs.get(r.userId) ?? [],
    })),
    truncated: rows.length > MEMBER_LIST_LIMIT,
  };
}

export type ContractOption = { id: number; name: string; isActive: boolean };

export type MemberDetail = {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  isReferent: boolean;
  /** Every subscription, past ones included, by start date. */
  subscriptions: SubscriptionDTO[];
  /** Active contracts, for adding a subscription. */
  contracts: ContractOption[];
};

/** One person the AMAP knows and their subscriptions in it; null for anyone but a référent, or an id it does not know. */
export async function getMember(viewer: Viewer, userId: string, now = new Date()): Promise<MemberDetail | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const [user] = await db
    .select({
      userId: s.users.id,
      email: s.users.email,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
      phone: s.users.phone,
      isReferent: sql<boolean>`exists (select 1 from ${s.amapReferents} r where r.user_id = "users"."id" and r.amap_id = ${viewer.amapId})`,
    })
    .from(s.users)
    .where(and(eq(s.users.id, userId), knownIn(viewer.amapId)));
  if (!user) return null;
  const contracts = await loadContracts(db, viewer.amapId);
  const names = contractNames(contracts);
  const subs = await subscriptionsOf(db, viewer.amapId, [user.userId], contracts, parisDate(now));
  return {
    ...user,
    phone: user.phone ?? "",
    subscriptions: subs.get(user.userId) ?? [],
    contracts: contracts.filter((c) => c.isActive).map((c) => ({ id: c.id, name: names.get(c.id)!, isActive: c.isActive })),
  };
}

/** Active contracts, for the forms (null for anyone but a référent). */
export async function listContractOptions(viewer: Viewer): Promise<ContractOption[] | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const contracts = await loadContracts(db, viewer.amapId);
  const names = contractNames(contracts);
  return contracts.filter((c) => c.isActive).map((c) => ({ id: c.id, name: names.get(c.id)!, isActive: true }));
}

// ---------------------------------------------------------------------------
// People.

/** Locks a person the AMAP knows (null for anyone else: another AMAP's people are not found). */
async function lockUser(tx: Tx, amapId: number, userId: string) {
  const [user] = await tx
    .select()
    .from(s.users)
    .where(and(eq(s.users.id, userId), knownIn(amapId)))
    .for("update");
  return user ?? null;
}

async function emailTaken(tx: Tx, email: string, exceptUserId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: s.users.id })
    .from(s.users)
    .where(and(sql`lower(${s.users.email}) = ${email}`, exceptUserId ? ne(s.users.id, exceptUserId) : undefined));
  return row !== undefined;
}

/**
 * A référent adds a person (a member to be, before their subscriptions). An
 * address the AMAP already knows is refused; one whose account only other
 * AMAPs know is that account (one per address), now known to this AMAP too:
 * its name and phone are left as they are, nothing of the other AMAPs shown.
 */
export async function createMember(viewer: Viewer, input: PersonInput): Promise<MemberResult<{ userId: string }>> {
  return referentCommand(viewer, "email_taken", async (tx): Promise<MemberResult<{ userId: string }>> => {
    const checked = checkPerson(input);
    if (!checked.ok) return invalidPerson(input, checked.fields);
    const person = checked.person;
    const [existing] = await tx
      .select({ id: s.users.id, known: knownIn(viewer.amapId).mapWith(Boolean) })
      .from(s.users)
      .where(sql`lower(${s.users.email}) = ${person.email}`)
      .for("update");
    if (existing?.known) return refused("email_taken");
    if (existing) {
      await event(tx, viewer, "member.create", existing.id, { email: person.email, existing: true });
      return { ok: true, value: { userId: existing.id } };
    }
    const [user] = await tx
      .insert(s.users)
      .values({
        email: person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        name: `${person.firstName} ${person.lastName}`.trim(),
        phone: person.phone || null,
      })
      .returning({ id: s.users.id });
    await event(tx, viewer, "member.create", user!.id, { email: person.email });
    return { ok: true, value: { userId: user!.id } };
  });
}

export type MemberUpdate = {
  /** The address changed: the old one is told (a mail), the person's sessions are closed. */
  emailChanged: boolean;
};

/**
 * A référent corrects a person's address, name or phone. A new address is the
 * account's new identity (sign-in is by emailed link), so changing it is, in
 * the wrong hands, taking the account over: the old address is told who did it
 * and whom to warn; every session of the person is closed (each was opened by
 * proving the old address, which no longer names the account); and the
 * sign-in links still pending for the old address are dropped.
 */
export async function updateMember(viewer: Viewer, userId: string, input: PersonInput): Promise<MemberResult<MemberUpdate>> {
  const result = await referentCommand(viewer, "email_taken", async (tx): Promise<MemberResult<MemberUpdate>> => {
    const checked = checkPerson(input);
    if (!checked.ok) return invalidPerson(input, checked.fields);
    const person = checked.person;
    const user = await lockUser(tx, viewer.amapId, userId);
    if (!user) return refused("not_found");
    const emailChanged = person.email !== user.email.toLowerCase();
    if (emailChanged && (await emailTaken(tx, person.email, userId))) return refused("email_taken");
    const changed = (["email", "firstName", "lastName", "phone"] as const).filter(
      (field) => (field === "phone" ? (user.phone ?? "") : user[field]) !== person[field],
    );
    if (changed.length === 0) return { ok: true, value: { emailChanged: false } };
    await tx
      .update(s.users)
      .set({
        email: person.email,
        firstName: person.firstName,
        lastName: person.lastName,
        name: `${person.firstName} ${person.lastName}`.trim(),
        phone: person.phone || null,
        // A new address has not been proven by a sign-in link yet.
        ...(emailChanged ? { emailVerified: null } : {}),
      })
      .where(eq(s.users.id, userId));
    const eventId = await event(tx, viewer, "member.update", userId, {
      fields: changed,
      // Kept, so the AMAP can undo a change it did not want.
      ...(emailChanged ? { email: { from: user.email, to: person.email } } : {}),
    });
    if (emailChanged) {
      await tx.delete(s.sessions).where(eq(s.sessions.userId, userId));
      await tx.delete(s.verificationTokens).where(sql`lower(${s.verificationTokens.identifier}) = ${user.email.toLowerCase()}`);
      await enqueueEmailChanged(tx, { amapId: viewer.amapId, userId, oldEmail: user.email, eventId });
    }
    return { ok: true, value: { emailChanged } };
  });
  if (result.ok && result.value.emailChanged) kickOutbox();
  return result;
}

// ---------------------------------------------------------------------------
// Subscriptions.

/** Another subscription of the person to the contract whose period meets this one. */
async function overlapping(tx: Tx, userId: string, contractId: number, period: { startsOn: string; endsOn: string }, exceptId?: number) {
  const rows = await tx
    .select({ id: s.subscriptions.id, startsOn: s.subscriptions.startsOn, endsOn: s.subscriptions.endsOn })
    .from(s.subscriptions)
    .where(and(eq(s.subscriptions.userId, userId), eq(s.subscriptions.contractId, contractId)));
  return rows.find((r) => r.id !== exceptId && periodsOverlap(r, period)) ?? null;
}

export async function addSubscription(
  viewer: Viewer,
  userId: string,
  input: SubscriptionInput,
): Promise<MemberResult<{ subscriptionId: number }>> {
  return referentCommand(viewer, "conflict", async (tx): Promise<MemberResult<{ subscriptionId: number }>> => {
    const fields = checkSubscription(input);
    if (fields.length > 0) return refused("invalid_subscription", fields);
    const startsOn = parseDay(input.startsOn)!;
    const endsOn = parseDay(input.endsOn)!;
    // Locking the person serializes the overlap check with the other commands on their subscriptions.
    if (!(await lockUser(tx, viewer.amapId, userId))) return refused("not_found");
    const [contract] = await tx
      .select({ id: s.contracts.id })
      .from(s.contracts)
      .where(and(eq(s.contracts.id, input.contractId), eq(s.contracts.amapId, viewer.amapId), eq(s.contracts.isActive, true)));
    if (!contract) return refused("contract_not_found", ["contractId"]);
    if (await overlapping(tx, userId, contract.id, { startsOn, endsOn })) return refused("overlap");
    const [row] = await tx
      .insert(s.subscriptions)
      .values({ amapId: viewer.amapId, userId, contractId: contract.id, quantity: input.quantity, startsOn, endsOn })
      .returning({ id: s.subscriptions.id });
    await event(tx, viewer, "subscription.add", userId, {
      subscriptionId: row!.id,
      contractId: contract.id,
      quantity: input.quantity,
      startsOn,
      endsOn,
    });
    return { ok: true, value: { subscriptionId: row!.id } };
  });
}

/** Locks one of the AMAP's subscriptions, and its person first (null for another AMAP's). */
async function lockSubscription(tx: Tx, amapId: number, subscriptionId: number) {
  const mine = and(eq(s.subscriptions.id, subscriptionId), eq(s.subscriptions.amapId, amapId));
  const [found] = await tx.select({ userId: s.subscriptions.userId }).from(s.subscriptions).where(mine);
  if (!found) return null;
  await lockUser(tx, amapId, found.userId);
  const [row] = await tx.select().from(s.subscriptions).where(mine).for("update");
  return row ?? null;
}

const NOTHING_WITHDRAWN: OffersWithdrawn = { offersCancelled: 0, peopleNotified: 0 };

/**
 * A référent corrects a subscription's quantity or period (the contract
 * stays: end it and add another). Baskets of it offered for dates the new
 * period no longer covers are withdrawn, their people told (member-notices.ts).
 */
export async function updateSubscription(
  viewer: Viewer,
  subscriptionId: number,
  input: Omit<SubscriptionInput, "contractId">,
): Promise<MemberResult<OffersWithdrawn>> {
  const result = await referentCommand(viewer, "conflict", async (tx): Promise<MemberResult<OffersWithdrawn>> => {
    const current = await lockSubscription(tx, viewer.amapId, subscriptionId);
    if (!current) return refused("not_found");
    const fields = checkSubscription({ ...input, contractId: current.contractId });
    if (fields.length > 0) return refused("invalid_subscription", fields);
    const next = { quantity: input.quantity, startsOn: parseDay(input.startsOn)!, endsOn: parseDay(input.endsOn)! };
    if (await overlapping(tx, current.userId, current.contractId, next, current.id)) return refused("overlap");
    const from = { quantity: current.quantity, startsOn: current.startsOn, endsOn: current.endsOn };
    if (from.quantity === next.quantity && from.startsOn === next.startsOn && from.endsOn === next.endsOn) {
      return { ok: true, value: NOTHING_WITHDRAWN };
    }
    await tx.update(s.subscriptions).set(next).where(eq(s.subscriptions.id, subscriptionId));
    const eventId = await event(tx, viewer, "subscription.update", current.userId, { subscriptionId, from, to: next });
    return { ok: true, value: await withdrawOffersOutside(tx, viewer, current, next, eventId) };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}

/**
 * Ends a subscription on `endsOn` (its last day; today by default): a date
 * from its start to its current end, so ending never lengthens it. Baskets of
 * it offered for later dates are withdrawn in the same transaction, their
 * people told (member-notices.ts).
 */
export async function endSubscription(viewer: Viewer, subscriptionId: number, endsOn: string, now = new Date()): Promise<MemberResult<OffersWithdrawn>> {
  const result = await referentCommand(viewer, "conflict", async (tx): Promise<MemberResult<OffersWithdrawn>> => {
    const current = await lockSubscription(tx, viewer.amapId, subscriptionId);
    if (!current) return refused("not_found");
    const day = parseDay(endsOn);
    if (!day || day < current.startsOn || day > current.endsOn) return refused("invalid_subscription", ["endsOn"]);
    if (day === current.endsOn) return { ok: true, value: NOTHING_WITHDRAWN };
    await tx.update(s.subscriptions).set({ endsOn: day }).where(eq(s.subscriptions.id, subscriptionId));
    const eventId = await event(tx, viewer, "subscription.end", current.userId, {
      subscriptionId,
      from: current.endsOn,
      to: day,
      period: { startsOn: current.startsOn, endsOn: day },
    });
    return { ok: true, value: await withdrawOffersOutside(tx, viewer, current, { startsOn: current.startsOn, endsOn: day }, eventId, now) };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}
