// Small insert helpers shared by the demo seed, integration tests and e2e
// fixtures. Each takes the executor to write with and returns the row.
import { randomUUID } from "node:crypto";
import { addDays, parisDate, parisInstant } from "@/lib/domain/time";
import { amapOfContract, amapOfPlace, firstAmapId } from "./queries";
import * as s from "./schema";
import type { Executor } from "./types";

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.local`;
}

export async function createUser(
  ex: Executor,
  input: Partial<Pick<s.User, "email" | "firstName" | "lastName" | "phone">> & { isReferent?: boolean; amapId?: number } = {},
): Promise<s.User> {
  const firstName = input.firstName ?? "Camille";
  const lastName = input.lastName ?? "Test";
  const [user] = await ex
    .insert(s.users)
    .values({
      email: (input.email ?? uniqueEmail()).toLowerCase(),
      firstName,
      lastName,
      name: `${firstName} ${lastName}`.trim(),
      phone: input.phone ?? null,
    })
    .returning();
  if (input.isReferent) await ex.insert(s.amapReferents).values({ amapId: input.amapId ?? (await firstAmapId(ex)), userId: user!.id });
  return user!;
}

export async function createPlace(ex: Executor, input: Partial<typeof s.places.$inferInsert> = {}): Promise<s.Place> {
  const [place] = await ex
    .insert(s.places)
    .values({ amapId: input.amapId ?? (await firstAmapId(ex)), name: "Salle des fêtes", address: "1 place de la Mairie", ...input })
    .returning();
  return place!;
}

export async function createContract(
  ex: Executor,
  input: Partial<typeof s.contracts.$inferInsert> = {},
): Promise<s.Contract> {
  const [contract] = await ex
    .insert(s.contracts)
    .values({
      amapId: input.amapId ?? (await firstAmapId(ex)),
      product: "Légumes",
      producer: "Ferme test",
      size: "grand panier",
      unitPriceCents: 2000,
      ...input,
    })
    .returning();
  return contract!;
}

/** A distribution on a Paris date and local hours, delivering the given contracts. */
export async function createDistribution(
  ex: Executor,
  input: { placeId: number; date: string; start?: string; end?: string; contractIds: number[] },
): Promise<s.Distribution> {
  const [distribution] = await ex
    .insert(s.distributions)
    .values({
      amapId: amapOfPlace(input.placeId),
      placeId: input.placeId,
      startsAt: parisInstant(input.date, input.start ?? "18:30"),
      endsAt: parisInstant(input.date, input.end ?? "20:00"),
    })
    .returning();
  if (input.contractIds.length > 0) {
    await ex
      .insert(s.distributionContracts)
      .values(input.contractIds.map((contractId) => ({ distributionId: distribution!.id, contractId })));
  }
  return distribution!;
}

export async function createSubscription(
  ex: Executor,
  input: { userId: string; contractId: number; quantity?: number; startsOn?: string; endsOn?: string },
): Promise<s.Subscription> {
  const today = parisDate(new Date());
  const [subscription] = await ex
    .insert(s.subscriptions)
    .values({
      amapId: amapOfContract(input.contractId),
      userId: input.userId,
      contractId: input.contractId,
      quantity: input.quantity ?? 1,
      startsOn: input.startsOn ?? addDays(today, -90),
      endsOn: input.endsOn ?? addDays(today, 270),
    })
    .returning();
  return subscription!;
}

export async function addToIntermittents(
  ex: Executor,
  input: { userId: string; addedById?: string; joinedAt?: Date; amapId?: number },
): Promise<s.IntermittentMembership> {
  const [membership] = await ex
    .insert(s.intermittentMemberships)
    .values({
      amapId: input.amapId ?? (await firstAmapId(ex)),
      userId: input.userId,
      addedById: input.addedById ?? input.userId,
      joinedAt: input.joinedAt,
    })
    .returning();
  return membership!;
}

/** A member holding a current subscription to each given contract. */
export async function createMember(
  ex: Executor,
  input: Parameters<typeof createUser>[1] & { contractIds: number[] },
): Promise<s.User> {
  const { contractIds, ...userInput } = input;
  const user = await createUser(ex, userInput);
  for (const contractId of contractIds) await createSubscription(ex, { userId: user.id, contractId });
  return user;
}

export async function createIntermittent(ex: Executor, input: Parameters<typeof createUser>[1] = {}): Promise<s.User> {
  const user = await createUser(ex, input);
  await addToIntermittents(ex, { userId: user.id, amapId: input.amapId });
  return user;
}

/** Another AMAP of the deployment, with its settings row (the first is made by migration 0005). */
export async function createAmap(ex: Executor, input: { slug: string; name?: string }): Promise<s.Amap> {
  const [amap] = await ex.insert(s.amaps).values({ slug: input.slug }).returning();
  await ex.insert(s.settings).values({ amapId: amap!.id, amapName: input.name ?? `AMAP ${input.slug}` });
  return amap!;
}
