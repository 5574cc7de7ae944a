// Integration tests of the exchange (races, faults, email links, exchange
// mail) start from the same few things: a vegetables contract, a member with
// a basket at a distribution of a place of its own, that basket offered
// through the real `createOffers` command, and intermittents to take it.
// Each helper takes the database (and the contract) it works with; unlike
// test/seed-offer.ts, the offer here is made by the command itself, outbox
// rows included.
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { createContract, createDistribution, createPlace, createSubscription, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerForUser, type Viewer } from "@/lib/server/auth/auth";
import { createOffers } from "@/lib/server/exchange/offers";
import { firstAmapId } from "@/db/queries";

/** The contract the exchange tests offer: « Légumes — grand panier », 22 €. */
export function vegetablesContract(db: Db): Promise<s.Contract> {
  return createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200 });
}

/** The viewer a session of this (existing) user would give, in `amapId` (default: the deployment's first AMAP). */
export async function viewerOf(db: Db, userId: string, amapId?: number): Promise<Viewer> {
  return (await viewerForUser(db, userId, amapId))!;
}

export type BasketOptions = {
  /** The distribution's Paris date, counted in days from today. */
  daysAhead: number;
  /** The member's first name (default "Alice"). */
  firstName?: string;
  lastName?: string;
  phone?: string;
};

/**
 * A member subscribed to `contract`, and a distribution of it `daysAhead`
 * days from now on a place of its own, so that no two calls share a
 * distribution. Nothing is offered yet.
 */
export async function memberWithBasket(db: Db, contract: s.Contract, options: BasketOptions) {
  const place = await createPlace(db, { name: `Lieu ${Math.random().toString(36).slice(2, 8)}` });
  const distribution = await createDistribution(db, {
    placeId: place.id,
    date: addDays(parisDate(new Date()), options.daysAhead),
    contractIds: [contract.id],
  });
  const user = await createUser(db, { firstName: options.firstName ?? "Alice", lastName: options.lastName, phone: options.phone });
  const sub = await createSubscription(db, { userId: user.id, contractId: contract.id });
  return { user, sub, distribution, viewer: await viewerOf(db, user.id) };
}

/**
 * `memberWithBasket`, then that basket offered by its member through
 * `createOffers` (not auto-accepted), which announces it to the list in the
 * outbox. Throws on a refusal.
 */
export async function openOffer(
  db: Db,
  contract: s.Contract,
  options: BasketOptions & {
    /** The offer's message to takers (default none). */
    message?: string;
    /** Empty the outbox afterwards, so that only what follows the offer is in it. */
    clearOutbox?: boolean;
  },
) {
  const member = await memberWithBasket(db, contract, options);
  const result = await createOffers(member.viewer, {
    distributionIds: [member.distribution.id],
    subscriptionIds: [member.sub.id],
    message: options.message ?? "",
    autoAccept: false,
  });
  if (!result.ok) throw new Error(result.refusal);
  if (options.clearOutbox) await db.delete(s.outbox);
  return { ...member, offerId: result.value.offerIds[0]! };
}

/**
 * `n` active intermittents written in two statements (races and fan-outs
 * want hundreds, fast), with their viewers. Emails start with `${prefix}${i}`;
 * first names are the prefix capitalized, then `i` ("racer" → Racer0…).
 */
export async function intermittents(db: Db, n: number, prefix: string) {
  const name = (i: number) => `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)}${i}`;
  const users = await db
    .insert(s.users)
    .values(Array.from({ length: n }, (_, i) => ({ email: uniqueEmail(`${prefix}${i}`), firstName: name(i), lastName: "Test", name: name(i) })))
    .returning({ id: s.users.id, email: s.users.email });
  const amapId = await firstAmapId(db);
  await db.insert(s.intermittentMemberships).values(users.map((u) => ({ amapId, userId: u.id, addedById: u.id })));
  return Promise.all(users.map(async (u) => ({ ...u, viewer: await viewerOf(db, u.id) })));
}

/** An offer's reservations in line order: id, status, place, and whose. */
export function reservationsOf(db: Db, offerId: number) {
  return db
    .select({ id: s.reservations.id, status: s.reservations.status, position: s.reservations.position, who: s.reservations.intermittentId })
    .from(s.reservations)
    .where(eq(s.reservations.offerId, offerId))
    .orderBy(s.reservations.position);
}

/** An offer's status as the database holds it. */
export async function offerStatus(db: Db, offerId: number): Promise<s.OfferStatus> {
  const [row] = await db.select({ status: s.offers.status }).from(s.offers).where(eq(s.offers.id, offerId));
  return row!.status;
}
