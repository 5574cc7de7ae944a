// Queries the seed and the server layer share.
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { parisDate } from "@/lib/domain/time";
import * as s from "./schema";
import type { Executor } from "./types";

/** A member's basket lines delivered at a distribution: subscriptions running that day for a contract delivered then. */
export async function memberLinesAt(ex: Executor, memberId: string, distribution: Pick<s.Distribution, "id" | "startsAt">) {
  const day = parisDate(distribution.startsAt);
  return ex
    .select({
      subscriptionId: s.subscriptions.id,
      contractId: s.subscriptions.contractId,
      quantity: s.subscriptions.quantity,
      unitPriceCents: s.contracts.unitPriceCents,
    })
    .from(s.subscriptions)
    .innerJoin(s.contracts, eq(s.contracts.id, s.subscriptions.contractId))
    .innerJoin(
      s.distributionContracts,
      and(
        eq(s.distributionContracts.contractId, s.subscriptions.contractId),
        eq(s.distributionContracts.distributionId, distribution.id),
      ),
    )
    .where(and(eq(s.subscriptions.userId, memberId), lte(s.subscriptions.startsOn, day), gte(s.subscriptions.endsOn, day)))
    .orderBy(s.subscriptions.id);
}

/** The deployment's first AMAP: every database has one (migration 0005 makes it). */
export async function firstAmapId(ex: Executor): Promise<number> {
  const [row] = await ex.select({ id: s.amaps.id }).from(s.amaps).orderBy(asc(s.amaps.id)).limit(1);
  if (!row) throw new Error("no AMAP: the database was not prepared");
  return row.id;
}

/** An AMAP-owned row's AMAP, as a value to insert: the AMAP of the row it belongs to. */
export const amapOfPlace = (placeId: number) => sql<number>`(select ${s.places.amapId} from ${s.places} where ${s.places.id} = ${placeId})`;
export const amapOfContract = (contractId: number) =>
  sql<number>`(select ${s.contracts.amapId} from ${s.contracts} where ${s.contracts.id} = ${contractId})`;
export const amapOfDistribution = (distributionId: number) =>
  sql<number>`(select ${s.distributions.amapId} from ${s.distributions} where ${s.distributions.id} = ${distributionId})`;
