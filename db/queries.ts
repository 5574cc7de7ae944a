// Queries the seed and the server layer share.
import { and, eq, gte, lte } from "drizzle-orm";
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
