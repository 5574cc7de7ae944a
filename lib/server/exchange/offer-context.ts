import "server-only";
// An offer in its context — its distribution, that distribution's place, and
// the member who offers it — joined here once. Each reader selects only what
// it shows (`ex.select({…}).from(s.offers).$dynamic()`), and may join more.
import { eq } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import * as s from "@/db/schema";

/** The member who offers: the users table under its own name, beside the reservations' intermittents. */
export const offerMember = alias(s.users, "member");

export function inOfferContext<T extends PgSelect>(query: T) {
  return query
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .innerJoin(offerMember, eq(offerMember.id, s.offers.memberId));
}
