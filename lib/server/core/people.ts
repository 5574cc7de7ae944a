import "server-only";
// People and the roles their data gives them (DESIGN.md §3), read in one
// statement: the one definition of "member", "intermittent" and "référent",
// for sessions and sign-in (auth.ts), commands (offers.ts, intermittents.ts)
// and mail delivery (offer-mail.ts). A module of its own, imported by all of
// them without pulling in Auth.js.
import { eq, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { amapReferents, intermittentMemberships, subscriptions, users } from "@/db/schema";
import { parisDate } from "@/lib/domain/time";
import type { Role } from "@/lib/domain/roles";

/** A person as the data describes them, with the roles it gives them. */
export type PersonWithRoles = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  isReferent: boolean;
  isNetworkAdmin: boolean;
  isMember: boolean;
  isIntermittent: boolean;
};

/**
 * The people matching `where`, with their roles in one AMAP: a subscription
 * to its contracts running today (Paris) makes a member, a place on its list
 * not left makes an intermittent, being named its référent a référent.
 */
export async function peopleWithRoles(ex: Executor, where: SQL, amapId: number, now = new Date()): Promise<PersonWithRoles[]> {
  return ex.select(personWithRolesColumns(amapId, parisDate(now))).from(users).where(where);
}

/** One person by id, with their roles in one AMAP: peopleWithRoles's read, prepared (it runs on every signed-in request). */
export async function personWithRolesById(db: Db, userId: string, amapId: number, now = new Date()): Promise<PersonWithRoles | null> {
  const [person] = await personByIdStatement(db).execute({ userId, amapId, today: parisDate(now) });
  return person ?? null;
}

const personByIdStatement = preparedPerDb((db) =>
  db
    .select(personWithRolesColumns(sql.placeholder("amapId"), sql.placeholder("today")))
    .from(users)
    .where(eq(users.id, sql.placeholder("userId")))
    .prepare("person_with_roles_by_id"),
);

function personWithRolesColumns(amapId: number | Placeholder, today: string | Placeholder) {
  // Written out: Drizzle leaves column names unqualified inside a subquery.
  return {
    id: users.id,
    email: users.email,
    firstName: users.firstName,
    lastName: users.lastName,
    phone: users.phone,
    isNetworkAdmin: users.isNetworkAdmin,
    isReferent: sql<boolean>`exists (select 1 from ${amapReferents} r
      where r.user_id = ${users}.id and r.amap_id = ${amapId})`,
    isMember: sql<boolean>`exists (select 1 from ${subscriptions} s
      where s.user_id = ${users}.id and s.amap_id = ${amapId} and s.starts_on <= ${today} and s.ends_on >= ${today})`,
    isIntermittent: sql<boolean>`exists (select 1 from ${intermittentMemberships} m
      where m.user_id = ${users}.id and m.amap_id = ${amapId} and m.left_at is null)`,
  };
}

export function rolesOf(person: PersonWithRoles): Set<Role> {
  const roles = new Set<Role>();
  if (person.isMember) roles.add("member");
  if (person.isIntermittent) roles.add("intermittent");
  if (person.isReferent) roles.add("referent");
  return roles;
}

/** The people matching `where` who hold a role in at least one AMAP today, or administer the network. */
export async function peopleWithAnyRole(ex: Executor, where: SQL, now = new Date()): Promise<{ id: string; email: string }[]> {
  const today = parisDate(now);
  return ex
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      sql`${where} and (
        ${users.isNetworkAdmin}
        or exists (select 1 from ${amapReferents} r where r.user_id = ${users}.id)
        or exists (select 1 from ${subscriptions} s where s.user_id = ${users}.id and s.starts_on <= ${today} and s.ends_on >= ${today})
        or exists (select 1 from ${intermittentMemberships} m where m.user_id = ${users}.id and m.left_at is null))`,
    );
}
