import "server-only";
// Who may act on an offer of another AMAP (DESIGN.md §11): once a basket has
// been announced to the partner AMAPs, their intermittents who opted in may
// reserve it as B's own intermittents do; a reservation taken that way may
// still be acted on (withdrawn) from the taker's AMAP, whatever became of the
// partnership since. Anyone else finds another AMAP's offer missing.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/domain/offer";
import { partnerHomesOf } from "../core";

export type OfferReach = { id: number; amapId: number; partnersAnnouncedAt: Date | null };

/** How one viewer acts on the offer: as which actor, coming from which partner AMAP (`via`); null: not found for them. */
export type OfferAccess = { actor: Actor; via: number | null } | null;

/**
 * The access of several viewers (`actors`, their roles read in the AMAP each
 * acts in) to one offer, in one query for the partners' intermittents among them.
 */
export async function accessToOffer(
  ex: Executor,
  offer: OfferReach,
  viewers: readonly { userId: string; amapId: number }[],
  actors: ReadonlyMap<string, Actor>,
): Promise<OfferAccess[]> {
  // A partner's intermittent is anyone who is not already an intermittent of the offer's AMAP acting there.
  const outsiders = viewers.filter((v) => v.amapId !== offer.amapId || !actors.get(v.userId)!.isIntermittent);
  const homes =
    offer.partnersAnnouncedAt && outsiders.length > 0
      ? await partnerHomesOf(ex, [...new Set(outsiders.map((v) => v.userId))], offer.amapId)
      : new Map<string, number>();
  // Reservations on it taken through the viewers' own AMAPs, by those who no longer receive its baskets.
  const strangers = viewers.filter((v) => v.amapId !== offer.amapId && !homes.has(v.userId));
  const takenThrough =
    strangers.length === 0
      ? new Set<string>()
      : new Set(
          (
            await ex
              .select({ userId: s.reservations.intermittentId, via: s.reservations.viaAmapId })
              .from(s.reservations)
              .where(
                and(
                  eq(s.reservations.offerId, offer.id),
                  inArray(s.reservations.intermittentId, [...new Set(strangers.map((v) => v.userId))]),
                  isNotNull(s.reservations.viaAmapId),
                ),
              )
          ).map((r) => `${r.userId}/${r.via}`),
        );
  return viewers.map((viewer) => {
    const actor = actors.get(viewer.userId)!;
    const here = viewer.amapId === offer.amapId;
    if (here && actor.isIntermittent) return { actor, via: null };
    const via = homes.get(viewer.userId);
    // Their roles of another AMAP give no power here: a partner's intermittent is only an intermittent.
    if (via !== undefined) return { actor: { userId: viewer.userId, isIntermittent: true, isReferent: here && actor.isReferent }, via };
    if (here) return { actor, via: null };
    if (takenThrough.has(`${viewer.userId}/${viewer.amapId}`)) {
      return { actor: { userId: viewer.userId, isIntermittent: false, isReferent: false }, via: null };
    }
    return null;
  });
}

/**
 * The viewer as the state machine sees them on an offer they may see (a page
 * that only reads: an email link's confirmation): their roles, or a partner
 * AMAP's intermittent's. Pass `actorOf(viewer)` as `roles`.
 */
export async function actorOnOffer(viewer: { userId: string; amapId: number }, roles: Actor, offer: OfferReach): Promise<Actor> {
  const [access] = await accessToOffer(await getDb(), offer, [viewer], new Map([[viewer.userId, roles]]));
  return access?.actor ?? roles;
}
