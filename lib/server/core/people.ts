import "server-only";
// People and the roles their data gives them (DESIGN.md §3), read in one
// statement: the one definition of "member", "intermittent" and "référent",
// for sessions and sign-in (auth.ts), commands (offers.ts, intermittents.ts)
// and mail delivery (offer-mail.ts). A module of its own, imported by all of
// them without pulling in Auth.js.
import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { intermittentMemberships, subscriptions, users } from "@/db/schema";
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
  isMember: boolean;
  isIntermittent: boolean;
};

/**
 * The people matching `where`, with their roles: a subscription running
 * today (Paris) makes a member, a place on the list not left makes an
 * intermittent, the référent flag a référent.
 */
export async function peopleWithRoles(ex: Executor, where: SQL, now = new Date()): Promise<PersonWithRoles[]> {
  const today = parisDate(now);
  // Written out: Drizzle leaves column names unqualified inside a subquery.
  return ex
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      phone: users.phone,
      isReferent: users.isReferent,
      isMember: sql<boolean>`exists (select 1 from ${subscriptions} s
        where s.user_id = ${users}.id and s.starts_on <= ${today} and s.ends_on >= ${today})`,
      isIntermittent: sql<boolean>`exists (select 1 from ${intermittentMemberships} m
        where m.user_id = ${users}.id and m.left_at is null)`,
    })
    .from(users)
    .where(where);
}

export function rolesOf(person: PersonWithRoles): Set<Role> {
  const roles = new Set<Role>();
  if (person.isMember) roles.add("member");
  if (person.isIntermittent) roles.add("intermittent");
  if (person.isReferent) roles.add("referent");
  return roles;
}
