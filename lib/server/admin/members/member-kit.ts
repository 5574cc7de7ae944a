import "server-only";
// What the référents' member commands share (members.ts, member-csv.ts): the
// result shape, one transaction per command with the référent flag checked in
// it and refusals rolled back, the audit event, the contracts as the import
// names them.
import { asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { personCharacters, type PersonField, type PersonInput } from "@/lib/domain/intermittents";
import type { ImportContract } from "@/lib/domain/member-import";
import type { SubscriptionField } from "@/lib/domain/subscriptions";
import type { Viewer } from "../../auth";
import { isReferent } from "../../auth";
import { Rollback, type Result } from "@/lib/result";

export type MemberRefusal =
  | "not_referent"
  | "not_found"
  | "invalid_person"
  | "email_taken"
  | "invalid_subscription"
  | "contract_not_found"
  | "overlap"
  /** Someone changed the same people at the same moment: nothing was written, try again. */
  | "conflict";

export type MemberResult<T = null> = Result<
  T,
  MemberRefusal,
  {
    fields?: (PersonField | SubscriptionField)[];
    /** Fields refused for a control, format or separator character, with the first one ("U+202E"). */
    characters?: Partial<Record<PersonField, string>>;
  }
>;

export const refused = (refusal: MemberRefusal, fields?: (PersonField | SubscriptionField)[]) =>
  ({ ok: false as const, refusal, ...(fields ? { fields } : {}) });

export function invalidPerson(input: PersonInput, fields: PersonField[]) {
  const characters = personCharacters(input);
  return { ...refused("invalid_person", fields), ...(Object.keys(characters).length > 0 ? { characters } : {}) };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return true;
  }
  return false;
}

export async function referentCommand<R extends { ok: boolean }>(
  viewer: Viewer,
  onUniqueViolation: MemberRefusal,
  work: (tx: Tx) => Promise<R>,
): Promise<R | { ok: false; refusal: MemberRefusal }> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      if (!(await isReferent(tx, viewer))) throw new Rollback(refused("not_referent"));
      const outcome = await work(tx);
      if (!outcome.ok) throw new Rollback(outcome as R & { ok: false });
      return outcome;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.failure as R;
    if (isUniqueViolation(error)) return refused(onUniqueViolation);
    throw error;
  }
}

/** The audit event of a command; its id, for the mails that tell of it. */
export async function event(tx: Tx, viewer: Viewer, action: string, subjectUserId: string | null, data: Record<string, unknown>): Promise<number> {
  const [row] = await tx.insert(s.events).values({ amapId: viewer.amapId, actorId: viewer.userId, action, subjectUserId, data }).returning({ id: s.events.id });
  return row!.id;
}

export const fullName = (p: { firstName: string; lastName: string; email: string }) => `${p.firstName} ${p.lastName}`.trim() || p.email;

/** The users row's id, written out: Drizzle leaves a one-table select's columns unqualified, which a subquery would misread. */
const USERS_ID = sql`"users"."id"`;

/**
 * The person (the users row of the query, or an id) is one the AMAP knows: a
 * subscription to one of its contracts (past ones too), a stay on its list,
 * a référent of it, or someone its référents added or edited (their audit
 * event, in the AMAP). A person is one account across AMAPs: the référents
 * of one see and change only the people theirs knows, and only its rows of them.
 */
export function knownIn(amapId: number, userId: SQL = USERS_ID): SQL {
  return sql`(exists (select 1 from ${s.subscriptions} k where k.user_id = ${userId} and k.amap_id = ${amapId})
    or exists (select 1 from ${s.intermittentMemberships} k where k.user_id = ${userId} and k.amap_id = ${amapId})
    or exists (select 1 from ${s.amapReferents} k where k.user_id = ${userId} and k.amap_id = ${amapId})
    or exists (select 1 from ${s.events} k where k.subject_user_id = ${userId} and k.amap_id = ${amapId}
               and k.action in ('member.create', 'member.update')))`;
}

/** The AMAP's contracts, as the import names them. */
export async function loadContracts(ex: Executor, amapId: number): Promise<ImportContract[]> {
  return ex
    .select({
      id: s.contracts.id,
      product: s.contracts.product,
      size: s.contracts.size,
      producer: s.contracts.producer,
      isActive: s.contracts.isActive,
    })
    .from(s.contracts)
    .where(eq(s.contracts.amapId, amapId))
    .orderBy(asc(s.contracts.product), asc(s.contracts.size), asc(s.contracts.id));
}
