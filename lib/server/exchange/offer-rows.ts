import "server-only";
// Row readers shared by the commands, the pages and the mail handlers: an
// offer's basket lines and its reservations, for many offers in one query.
import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import { basketLabel, lineTotalCents } from "@/lib/domain/basket";
import type { ReservationStatus } from "@/lib/domain/offer";

export type BasketLineDTO = { label: string; quantity: number; priceCents: number };

/** The basket lines of some offers, by offer id, in the order they were offered. */
export async function linesOf(ex: Executor, offerIds: number[]): Promise<Map<number, BasketLineDTO[]>> {
  const byOffer = new Map<number, BasketLineDTO[]>();
  if (offerIds.length === 0) return byOffer;
  const rows = await ex
    .select({
      offerId: s.offerLines.offerId,
      product: s.contracts.product,
      size: s.contracts.size,
      quantity: s.offerLines.quantity,
      unitPriceCents: s.offerLines.unitPriceCents,
    })
    .from(s.offerLines)
    .innerJoin(s.contracts, eq(s.contracts.id, s.offerLines.contractId))
    .where(inArray(s.offerLines.offerId, offerIds))
    .orderBy(s.offerLines.id);
  for (const r of rows) {
    const list = byOffer.get(r.offerId) ?? [];
    list.push({ label: basketLabel(r.product, r.size), quantity: r.quantity, priceCents: lineTotalCents(r) });
    byOffer.set(r.offerId, list);
  }
  return byOffer;
}

export type ReservationRow = {
  id: number;
  offerId: number;
  intermittentId: string;
  status: ReservationStatus;
  position: number;
};

export async function reservationsOf(
  ex: Executor,
  offerIds: number[],
  statuses?: readonly ReservationStatus[],
): Promise<ReservationRow[]> {
  if (offerIds.length === 0) return [];
  return ex
    .select({
      id: s.reservations.id,
      offerId: s.reservations.offerId,
      intermittentId: s.reservations.intermittentId,
      status: s.reservations.status,
      position: s.reservations.position,
    })
    .from(s.reservations)
    .where(
      and(
        inArray(s.reservations.offerId, offerIds),
        statuses ? inArray(s.reservations.status, [...statuses]) : undefined,
      ),
    );
}
