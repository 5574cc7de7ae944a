import "server-only";
// What the exchange's read models share: the DTO pieces and two small helpers.
// The pages (absence-page.ts, baskets-page.ts, home-summary.ts,
// my-exchanges-page.ts) answer with DTOs: only the columns a screen needs,
// and contact details only for the two parties of an accepted exchange
// (STYLE.md habit 5). Every read is scoped to the viewer in its WHERE clause.
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/domain/offer";
import type { OfferView } from "@/lib/domain/offer-standing";
import type { Viewer } from "../auth";
import { reservationsOf, type BasketLineDTO } from "./offer-rows";
import { inOfferContext, offerMember } from "./offer-context";

export type { BasketLineDTO };
export type PlaceDTO = { name: string; address: string; accessNotes: string };
export type ContactDTO = { fullName: string; phone: string | null; email: string };

export const fullName = (first: string, last: string, email: string) => `${first} ${last}`.trim() || email;

export function total(lines: BasketLineDTO[]): number {
  return lines.reduce((sum, l) => sum + l.priceCents, 0);
}

export function actorOf(viewer: Viewer): Actor {
  return { userId: viewer.userId, isIntermittent: viewer.roles.has("intermittent"), isReferent: viewer.roles.has("referent") };
}

/** The offer as the state machine sees it (read only, no lock), with its member's first name; null when not in `amapId`. */
export async function offerViewOf(offerId: number, amapId: number): Promise<(OfferView & { memberFirstName: string }) | null> {
  const db = await getDb();
  const member = offerMember;
  const [row] = await inOfferContext(
    db
      .select({
        id: s.offers.id,
        memberId: s.offers.memberId,
        status: s.offers.status,
        autoAccept: s.offers.autoAccept,
        startsAt: s.distributions.startsAt,
        cancelledAt: s.distributions.cancelledAt,
        memberFirstName: member.firstName,
      })
      .from(s.offers)
      .$dynamic(),
  ).where(and(eq(s.offers.id, offerId), eq(s.offers.amapId, amapId)));
  if (!row) return null;
  const { cancelledAt, ...offer } = row;
  return { ...offer, distributionCancelled: cancelledAt !== null, reservations: await reservationsOf(db, [offerId]) };
}
