import "server-only";
// An intermittent's choice to receive the partner AMAPs' baskets too
// (DESIGN.md §11): on /inscription, for the list of the AMAP they are in;
// and leaving one partner AMAP's baskets from the link in its emails (one
// click, that AMAP only). Each change is one transaction with its audit event.
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import type { Viewer } from "../auth";
import { consumeLink, partnersOf, type LinkClaims, type PartnerAmap } from "../core";
import { activeMembership, event, lockUser, refused, runList, type ListResult } from "./list-kit";

export type PartnerBasketsChoice = {
  /** The AMAP's partners today; none: nothing to choose. */
  partners: (PartnerAmap & { left: boolean })[];
  /** The viewer is on the list and receives the partners' baskets. */
  optedIn: boolean;
};

/** What /inscription offers an intermittent about the partners' baskets. */
export async function getPartnerBasketsChoice(viewer: Viewer): Promise<PartnerBasketsChoice> {
  const db = await getDb();
  const partners = await partnersOf(db, viewer.amapId);
  if (partners.length === 0) return { partners: [], optedIn: false };
  const [membership, departures] = await Promise.all([
    activeMembership(db, viewer.userId, viewer.amapId, { lock: false }),
    db.select({ amapId: s.partnerListDepartures.amapId }).from(s.partnerListDepartures).where(departuresFrom(viewer.userId, partners)),
  ]);
  const left = new Set(departures.map((d) => d.amapId));
  return { partners: partners.map((p) => ({ ...p, left: left.has(p.id) })), optedIn: membership?.partnerBaskets === true };
}

/** The person's departures from some of the partners' baskets. */
function departuresFrom(userId: string, partners: readonly PartnerAmap[]) {
  return and(
    eq(s.partnerListDepartures.userId, userId),
    inArray(
      s.partnerListDepartures.amapId,
      partners.map((p) => p.id),
    ),
  );
}

/**
 * « Recevoir aussi les paniers des AMAP partenaires », on or off, for the
 * viewer's stay on their AMAP's list. Turning it on brings back the partners
 * they had left one by one: the box says « the partners' baskets », all of them.
 */
export function setPartnerBaskets(viewer: Viewer, on: boolean): Promise<ListResult> {
  return runList(async (tx) => {
    const user = await lockUser(tx, viewer.userId);
    if (!user) return refused("not_found");
    const membership = await activeMembership(tx, viewer.userId, viewer.amapId);
    if (!membership) return refused("not_on_list");
    const partners = await partnersOf(tx, viewer.amapId);
    if (partners.length === 0) return refused("not_found");
    const back =
      on
        ? await tx
            .delete(s.partnerListDepartures)
            .where(departuresFrom(viewer.userId, partners))
            .returning({ amapId: s.partnerListDepartures.amapId })
        : [];
    if (membership.partnerBaskets === on && back.length === 0) return { ok: true, value: null };
    await tx.update(s.intermittentMemberships).set({ partnerBaskets: on }).where(eq(s.intermittentMemberships.id, membership.id));
    await event(tx, viewer.amapId, viewer.userId, on ? "membership.partners-on" : "membership.partners-off", viewer.userId, null, {
      partners: partners.map((p) => p.id),
      ...(back.length > 0 ? { back: back.map((b) => b.amapId) } : {}),
    });
    return { ok: true, value: null };
  });
}

/**
 * « Ne plus recevoir les paniers de l'AMAP du Marché », the link of that
 * AMAP's partner announcements (its page's button, or the RFC 8058 one-click
 * POST): that AMAP's baskets stop, the other partners' go on. The link works once.
 */
export function leavePartnerBasketsByLink(claims: LinkClaims): Promise<ListResult> {
  return runList(async (tx) => {
    if (claims.action !== "leave-partner") return refused("not_found");
    const [amap] = await tx.select({ id: s.amaps.id }).from(s.amaps).where(eq(s.amaps.id, claims.objectId));
    if (!amap) return refused("not_found");
    if (!(await consumeLink(tx, claims))) return { ok: false, refusal: "link_used" };
    const left = await tx
      .insert(s.partnerListDepartures)
      .values({ userId: claims.userId, amapId: amap.id })
      .onConflictDoNothing()
      .returning({ userId: s.partnerListDepartures.userId });
    if (left.length === 0) return refused("not_on_list");
    await event(tx, amap.id, claims.userId, "membership.partner-leave", claims.userId, "Lien des paniers des AMAP partenaires");
    return { ok: true, value: null };
  });
}
