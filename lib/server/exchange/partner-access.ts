import "server-only";
// Who may act on an offer of another AMAP (DESIGN.md §11): once a basket has
// been announced to the partner AMAPs, their intermittents who opted in may
// reserve it as B's own intermittents do; someone who holds a reservation on
// an offer may still act on it (withdraw) whatever became of the partnership.
// Anyone else finds another AMAP's offer missing.
import type { Executor } from "@/db/client";
import type { Actor } from "@/lib/domain/offer";
import { partnerHomesOf } from "../core";

export type OfferReach = { amapId: number; partnersAnnouncedAt: Date | null; reservations: readonly { intermittentId: string }[] };

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
  return viewers.map((viewer) => {
    const actor = actors.get(viewer.userId)!;
    const here = viewer.amapId === offer.amapId;
    if (here && actor.isIntermittent) return { actor, via: null };
    const via = homes.get(viewer.userId);
    // Their roles of another AMAP give no power here: a partner's intermittent is only an intermittent.
    if (via !== undefined) return { actor: { userId: viewer.userId, isIntermittent: true, isReferent: here && actor.isReferent }, via };
    if (here) return { actor, via: null };
    if (offer.reservations.some((r) => r.intermittentId === viewer.userId)) {
      return { actor: { userId: viewer.userId, isIntermittent: false, isReferent: false }, via: null };
    }
    return null;
  });
}
