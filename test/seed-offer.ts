// Integration tests of reads (sign sheet, statistics) need offers in every
// status: this writes one as the commands would have left it — the offer, its
// lines (released when cancelled), its reservations in arrival order — the
// way e2e/exchange-helpers.ts `seedOffer` does for the browser tests.
import { memberLinesAt } from "@/db/queries";
import * as s from "@/db/schema";
import type { Executor } from "@/db/types";
import { amapOfDistribution } from "@/db/queries";

export async function seedOffer(
  ex: Executor,
  input: {
    memberId: string;
    distribution: Pick<s.Distribution, "id" | "startsAt">;
    status: s.OfferStatus;
    /** Only these contracts of the member's basket (default: all of it). */
    contractIds?: number[];
    reservations?: { intermittentId: string; status: s.ReservationStatus }[];
  },
): Promise<{ offerId: number; reservationIds: number[] }> {
  const [offer] = await ex
    .insert(s.offers)
    .values({ amapId: amapOfDistribution(input.distribution.id), memberId: input.memberId, distributionId: input.distribution.id, status: input.status })
    .returning({ id: s.offers.id });
  const lines = (await memberLinesAt(ex, input.memberId, input.distribution)).filter(
    (l) => !input.contractIds || input.contractIds.includes(l.contractId),
  );
  if (lines.length === 0) throw new Error("seedOffer: this member has no basket at this distribution");
  await ex.insert(s.offerLines).values(
    lines.map((l) => ({
      ...l,
      offerId: offer!.id,
      distributionId: input.distribution.id,
      releasedAt: input.status === "cancelled" ? new Date() : null,
    })),
  );
  const reservationIds: number[] = [];
  let position = 0;
  for (const r of input.reservations ?? []) {
    const [row] = await ex
      .insert(s.reservations)
      .values({ offerId: offer!.id, intermittentId: r.intermittentId, status: r.status, position: ++position })
      .returning({ id: s.reservations.id });
    reservationIds.push(row!.id);
  }
  return { offerId: offer!.id, reservationIds };
}
