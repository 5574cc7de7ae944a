import "server-only";
// What the intermittents-list commands share (intermittents.ts, join-requests.ts,
// invitations.ts): the result shape, the transaction that rolls a refusal
// back, and the row reads and locks they all make.
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { checkPerson, type ListRefusal, type PersonField, type PersonInput } from "@/lib/domain/intermittents";
import { kickOutbox } from "../mail";
import { Rollback, type Result } from "@/lib/result";

export type ListResult<T = null> = Result<T, ListRefusal, { fields?: PersonField[] }> | { ok: false; refusal: "link_used" };

export const refused = (refusal: ListRefusal, fields?: PersonField[]) => ({ ok: false as const, refusal, ...(fields ? { fields } : {}) });

/** The person's stay on the AMAP's list, if they are on it (locked, unless a page only reads it). */
export async function activeMembership(ex: Executor, userId: string, amapId: number, { lock = true } = {}) {
  const query = ex
    .select()
    .from(s.intermittentMemberships)
    .where(
      and(
        eq(s.intermittentMemberships.amapId, amapId),
        eq(s.intermittentMemberships.userId, userId),
        isNull(s.intermittentMemberships.leftAt),
      ),
    );
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

export async function lockUser(tx: Tx, userId: string) {
  const [user] = await tx.select().from(s.users).where(eq(s.users.id, userId)).for("update");
  return user ?? null;
}

export async function findUserByEmail(ex: Executor, email: string) {
  const [user] = await ex.select().from(s.users).where(sql`lower(${s.users.email}) = ${email.toLowerCase()}`);
  return user ?? null;
}

/** The person with this address, created from `person` when unknown (an existing person keeps their own name and phone). */
export async function findOrCreateUser(tx: Tx, person: PersonInput): Promise<{ user: s.User; created: boolean } | null> {
  const known = await findUserByEmail(tx, person.email);
  if (known) {
    const user = await lockUser(tx, known.id);
    return user ? { user, created: false } : null;
  }
  const [inserted] = await tx
    .insert(s.users)
    .values({
      email: person.email.toLowerCase(),
      firstName: person.firstName,
      lastName: person.lastName,
      name: `${person.firstName} ${person.lastName}`.trim(),
      phone: person.phone || null,
    })
    .returning();
  return { user: inserted!, created: true };
}

export async function event(
  tx: Tx,
  amapId: number,
  actorId: string | null,
  action: string,
  subjectUserId: string | null,
  reason: string | null = null,
  data?: Record<string, unknown>,
) {
  await tx.insert(s.events).values({ amapId, actorId, action, subjectUserId, reason, ...(data ? { data } : {}) });
}

/** Puts a person on the list (created when unknown), with its audit event; the caller sends the mail. */
export async function addPerson(
  tx: Tx,
  actor: { userId: string; amapId: number },
  input: PersonInput,
): Promise<ListResult<{ userId: string; created: boolean }>> {
  const checked = checkPerson(input);
  if (!checked.ok) return refused("invalid_person", checked.fields);
  const found = await findOrCreateUser(tx, checked.person);
  if (!found) return refused("not_found");
  const { user, created } = found;
  if (!created && (await activeMembership(tx, user.id, actor.amapId))) return refused("already_on_list");
  await tx.insert(s.intermittentMemberships).values({ amapId: actor.amapId, userId: user.id, addedById: actor.userId });
  await event(tx, actor.amapId, actor.userId, "membership.register", user.id);
  return { ok: true, value: { userId: user.id, created } };
}

/** One transaction; a refusal rolls it back; mail queued by a success is kicked on its way. */
export async function runList<T>(work: (tx: Tx) => Promise<ListResult<T>>): Promise<ListResult<T>> {
  const db = await getDb();
  try {
    const result = await db.transaction(async (tx) => {
      const outcome = await work(tx);
      if (!outcome.ok) throw new Rollback(outcome);
      return outcome;
    });
    kickOutbox();
    return result;
  } catch (error) {
    if (error instanceof Rollback) return error.failure as ListResult<T>;
    throw error;
  }
}
