import "server-only";
// Delivery side of the exchange emails. Contact details go only into the two
// parties' "accepted" mails.
import { and, count, desc, eq, isNull, ne } from "drizzle-orm";
import { createElement } from "react";
import * as s from "@/db/schema";
import OfferAnnounced, { offerAnnouncedSubject } from "@/emails/offer-announced";
import OfferCancelled, { offerCancelledSubject } from "@/emails/offer-cancelled";
import type { OfferMailData } from "@/emails/offer-data";
import OfferListed, { offerListedSubject } from "@/emails/offer-listed";
import OffersAnnounced, { offersAnnouncedSubject } from "@/emails/offers-announced";
import PartnerAnnounced, { partnerAnnouncedSubject } from "@/emails/partner-announced";
import ReservationAcceptedOwner, { reservationAcceptedOwnerSubject } from "@/emails/reservation-accepted-owner";
import ReservationAcceptedTaker, { reservationAcceptedTakerSubject } from "@/emails/reservation-accepted-taker";
import ReservationDeclined, { reservationDeclinedSubject } from "@/emails/reservation-declined";
import ReservationNotChosen, { reservationNotChosenSubject } from "@/emails/reservation-not-chosen";
import ReservationPending, { reservationPendingSubject } from "@/emails/reservation-pending";
import ReservationQueued, { reservationQueuedSubject } from "@/emails/reservation-queued";
import ReservationToDecide, { reservationToDecideSubject } from "@/emails/reservation-to-decide";
import ReservationWithdrawn, { reservationWithdrawnSubject } from "@/emails/reservation-withdrawn";
import ReferentAction, { referentActionSubject } from "@/emails/referent-action";
import { ACTIVE_OFFER_STATUSES, queuePosition } from "@/lib/domain/offer";
import type { MailHandler } from "../mail";
import { renderMailWithSlots, slotToken } from "../mail";
import { noRoundCache } from "../mail";
import { person, loadPerson, onTheList, listUnsubscribe, mail, partnerLeave, spaceUrl } from "../mail";
import { getSettings, partnerHomeOf } from "../core";
import { acceptanceOf, addressed, decisionLinks, exchangeLink, isStillOffered, lastReferentAct, loadOffer, OfferState, pickupIcs, readOffer, reservationOf, withdrawLink } from "./offer-mail-data";


type OfferRef = { offerId: number; userId: string };
type ReservationRef = OfferRef & { reservationId: number };

export type OfferMailPayloads = {
  "offer-listed": OfferRef;
  /** One offer, or several dates offered at once (`offerIds`, one message listing them). */
  "offer-announced": ({ offerId: number } | { offerIds: number[] }) & { userId: string; reopened: boolean };
  /** A basket nobody reserved in its AMAP, to a partner AMAP's intermittent who opted in (partner-announcement.ts). */
  "partner-announced": OfferRef;
  "reservation-to-decide": ReservationRef & { promoted: boolean };
  "reservation-pending": ReservationRef & { promoted: boolean };
  "reservation-queued": ReservationRef;
  "reservation-accepted-taker": ReservationRef;
  "reservation-accepted-owner": ReservationRef;
  "reservation-declined": ReservationRef;
  "reservation-not-chosen": ReservationRef;
  "offer-cancelled": ReservationRef & { wasTaker: boolean };
  "reservation-withdrawn": ReservationRef & { next: "promoted" | "reopened" | "none" };
  "referent-action": OfferRef & { action: "decline" | "cancel"; reservationId: number | null; told?: number };
};

type Handlers = { [K in keyof OfferMailPayloads]: MailHandler<OfferMailPayloads[K]> };

/** « Voir les autres paniers » in a mail whose basket is no longer for its reader: the whole list, not that basket. */
function towardOtherBaskets(data: OfferMailData): OfferMailData {
  // The list itself, not this basket's place in it.
  const list = new URL(data.links.baskets);
  list.search = "";
  list.hash = "";
  return { ...data, links: { ...data.links, baskets: list.toString() } };
}

export const offerMailHandlers: Handlers = {
  "offer-listed": async ({ offerId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    // Cancelled (or over) before the mail left: « votre panier est proposé » no longer holds.
    if (!loaded || !ACTIVE_OFFER_STATUSES.includes(loaded.status)) return null;
    const [{ total }] = (await ex
      .select({ total: count() })
      .from(s.intermittentMemberships)
      .where(
        and(
          eq(s.intermittentMemberships.amapId, amapId),
          isNull(s.intermittentMemberships.leftAt),
          ne(s.intermittentMemberships.userId, userId),
        ),
      )) as [
      { total: number },
    ];
    const intermittentCount = total;
    const props = { data: loaded.data, autoAccept: loaded.autoAccept, intermittentCount };
    return mail(offerListedSubject(props), createElement(OfferListed, props));
  },

  "offer-announced": async (payload, ex, amapId, cache = noRoundCache) => {
    const { userId, reopened } = payload;
    const offerIds = "offerIds" in payload ? payload.offerIds : [payload.offerId];
    // Sent to every intermittent: each offer is read once per delivery round, the recipient each time.
    const [states, recipient] = await Promise.all([
      Promise.all(offerIds.map((id) => cache(`offer:${id}`, () => readOffer(ex, amapId, id)))),
      onTheList(ex, userId, amapId),
    ]);
    if (!recipient) return null;
    // Still worth announcing: the basket is still to be had, and this person was not refused it.
    const live = offerIds.flatMap((offerId, i) => {
      const state = states[i];
      return state && isStillOffered(state, userId) ? [{ offerId, state }] : [];
    });
    if (live.length === 0) return null;
    const unsubscribe = listUnsubscribe(userId, live[0]!.state.settings);
    const reserveLinks = live.map(({ offerId, state }) => exchangeLink(addressed(state, recipient, false), userId, "reserve", offerId));
    const named = (state: OfferState, reserve: string) => {
      const data = addressed(state, recipient, false).data;
      return { ...data, links: { ...data.links, reserve, unsubscribe: unsubscribe.url } };
    };
    const values = [person(recipient, false).firstName, person(recipient, false).fullName, unsubscribe.url, ...reserveLinks];
    const blanks = (data: OfferMailData, i: number): OfferMailData => ({
      ...data,
      recipient: { firstName: slotToken(0), fullName: slotToken(1) },
      links: { ...data.links, unsubscribe: slotToken(2), reserve: slotToken(3 + i) },
    });
    if (live.length === 1) {
      const { state } = live[0]!;
      const props = { data: named(state, reserveLinks[0]!), reopened, autoAccept: state.autoAccept };
      const shared = { ...props, data: blanks(props.data, 0) };
      const element = createElement(OfferAnnounced, props);
      // Rendered once per offer, personalised by substitution.
      return mail(offerAnnouncedSubject(props), element, {
        headers: unsubscribe.headers,
        rendered: renderMailWithSlots(`offer-announced:${JSON.stringify(shared)}`, () => createElement(OfferAnnounced, shared), values, () => element),
      });
    }
    const props = {
      offers: live.map(({ state }, i) => ({ data: named(state, reserveLinks[i]!), autoAccept: state.autoAccept })),
      unsubscribe: unsubscribe.url,
    };
    const shared = { offers: props.offers.map((o, i) => ({ ...o, data: blanks(o.data, i) })), unsubscribe: slotToken(2) };
    const element = createElement(OffersAnnounced, props);
    return mail(offersAnnouncedSubject(props), element, {
      headers: unsubscribe.headers,
      rendered: renderMailWithSlots(`offers-announced:${JSON.stringify(shared)}`, () => createElement(OffersAnnounced, shared), values, () => element),
    });
  },

  "partner-announced": async ({ offerId, userId }, ex, amapId, cache = noRoundCache) => {
    const [state, recipient, home] = await Promise.all([
      cache(`offer:${offerId}`, () => readOffer(ex, amapId, offerId)),
      loadPerson(ex, userId),
      // Still receives this AMAP's baskets: on a partner's list, opted in, has not left them, partners still.
      partnerHomeOf(ex, userId, amapId),
    ]);
    if (!state || !recipient || home === null || !isStillOffered(state, userId)) return null;
    const homeSettings = await cache(`settings:${home}`, () => getSettings(ex, home));
    const leave = partnerLeave(userId, amapId, state.settings);
    const loaded = addressed(state, recipient, false);
    const data = {
      ...loaded.data,
      links: {
        // Listed for them in their own AMAP's space, under « Paniers des AMAP partenaires ».
        baskets: spaceUrl(homeSettings, `/paniers?offre=${offerId}#offre-${offerId}`),
        myBaskets: spaceUrl(homeSettings, "/mes-paniers"),
        reserve: exchangeLink(loaded, userId, "reserve", offerId),
        unsubscribe: leave.url,
      },
    };
    const props = { data, homeAmapName: homeSettings.amapName, autoAccept: state.autoAccept };
    return mail(partnerAnnouncedSubject(props), createElement(PartnerAnnounced, props), { headers: leave.headers });
  },

  "reservation-to-decide": async ({ offerId, reservationId, userId, promoted }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    const reservation = loaded && reservationOf(loaded, reservationId);
    // Already decided (or withdrawn) before the mail left: nothing to ask.
    if (!loaded || reservation?.status !== "pending") return null;
    const who = await loadPerson(ex, reservation.intermittentId);
    if (!who) return null;
    const queueLength = loaded.reservations.filter((r) => r.status === "queued").length;
    const props = { data: decisionLinks(loaded, userId, reservationId), intermittent: person(who, false), promoted, queueLength };
    return mail(reservationToDecideSubject(props), createElement(ReservationToDecide, props));
  },

  "reservation-pending": async ({ offerId, reservationId, userId, promoted }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "pending") return null;
    const props = { data: withdrawLink(loaded, userId, reservationId), promoted };
    return mail(reservationPendingSubject(props), createElement(ReservationPending, props));
  },

  "reservation-queued": async ({ offerId, reservationId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "queued") return null;
    const position = queuePosition(loaded.reservations, reservationId) ?? 1;
    const props = { data: withdrawLink(loaded, userId, reservationId), position };
    return mail(reservationQueuedSubject(props), createElement(ReservationQueued, props));
  },

  "reservation-accepted-taker": async ({ offerId, reservationId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, true);
    // Cancelled or withdrawn before the mail left: the contact and the invitation no longer apply.
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "accepted") return null;
    const props = {
      data: withdrawLink(loaded, userId, reservationId),
      practicalRules: loaded.practicalRules,
      acceptance: await acceptanceOf(ex, loaded, offerId, reservationId),
    };
    return mail(reservationAcceptedTakerSubject(props), createElement(ReservationAcceptedTaker, props), {
      attachments: [pickupIcs(loaded, reservationId, "REQUEST")],
    });
  },

  "reservation-accepted-owner": async ({ offerId, reservationId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    const reservation = loaded && reservationOf(loaded, reservationId);
    if (!loaded || reservation?.status !== "accepted") return null;
    const taker = await loadPerson(ex, reservation.intermittentId);
    if (!taker) return null;
    const acceptance = await acceptanceOf(ex, loaded, offerId, reservationId);
    const props = {
      data: loaded.data,
      taker: person(taker, true),
      autoAccepted: (acceptance.by === "automatic" ? "offer" : acceptance.by === "setting" ? "setting" : false) as false | "offer" | "setting",
      ...(acceptance.by === "referent" ? { actedBy: acceptance } : {}),
    };
    return mail(reservationAcceptedOwnerSubject(props), createElement(ReservationAcceptedOwner, props));
  },

  "reservation-declined": async ({ offerId, reservationId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    // Still declined (a reservation never leaves that state; the check guards a mail about another one).
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "declined") return null;
    const [decline] = await ex
      .select({ reason: s.events.reason, actorId: s.events.actorId })
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.reservationId, reservationId), eq(s.events.action, "reservation.decline")))
      .orderBy(desc(s.events.id))
      .limit(1);
    const byReferent = await lastReferentAct(ex, offerId, ["reservation.decline"], reservationId);
    const props = {
      data: towardOtherBaskets(loaded.data),
      reason: decline?.reason ?? "",
      ...(byReferent ? { declinedBy: { fullName: byReferent.fullName } } : {}),
    };
    return mail(reservationDeclinedSubject(props), createElement(ReservationDeclined, props));
  },

  "reservation-not-chosen": async ({ offerId, reservationId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    // Someone else still has the basket, and this person still waits in line.
    const mine = loaded && reservationOf(loaded, reservationId);
    if (!loaded || loaded.status !== "exchanged" || (mine?.status !== "queued" && mine?.status !== "pending")) return null;
    const props = { data: towardOtherBaskets(loaded.data) };
    return mail(reservationNotChosenSubject(props), createElement(ReservationNotChosen, props));
  },

  "offer-cancelled": async ({ offerId, reservationId, userId, wasTaker }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    if (!loaded || loaded.status !== "cancelled" || reservationOf(loaded, reservationId)?.status !== "cancelled") return null;
    const byReferent = await lastReferentAct(ex, offerId, ["offer.cancel"]);
    const props = {
      data: towardOtherBaskets(loaded.data),
      reason: loaded.cancelReason ?? "",
      wasTaker,
      ...(byReferent ? { cancelledBy: { fullName: byReferent.fullName } } : {}),
    };
    return mail(offerCancelledSubject(props), createElement(OfferCancelled, props), {
      attachments: wasTaker ? [pickupIcs(loaded, reservationId, "CANCEL")] : undefined,
    });
  },

  "reservation-withdrawn": async ({ offerId, reservationId, userId, next }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    const reservation = loaded && reservationOf(loaded, reservationId);
    // Cancelled along with the whole offer since: the member already knows.
    if (!loaded || reservation?.status !== "withdrawn" || !ACTIVE_OFFER_STATUSES.includes(loaded.status)) return null;
    const who = await loadPerson(ex, reservation.intermittentId);
    if (!who) return null;
    const nextUp = loaded.reservations.find((r) => r.status === "pending" || r.status === "accepted");
    const nextPerson = next === "promoted" && nextUp ? await loadPerson(ex, nextUp.intermittentId) : null;
    const props = {
      data: loaded.data,
      intermittent: person(who, false),
      next,
      ...(nextPerson ? { nextIntermittent: person(nextPerson, false) } : {}),
    };
    return mail(reservationWithdrawnSubject(props), createElement(ReservationWithdrawn, props));
  },

  "referent-action": async ({ offerId, userId, action, reservationId, told }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    if (!loaded) return null;
    // A cancellation the référent made still stands (a decline cannot be undone).
    if (action === "cancel" && loaded.status !== "cancelled") return null;
    const acted = await lastReferentAct(ex, offerId, [action === "cancel" ? "offer.cancel" : "reservation.decline"]);
    if (!acted) return null;
    const reservation = reservationId === null ? null : reservationOf(loaded, reservationId);
    const who = reservation ? await loadPerson(ex, reservation.intermittentId) : null;
    const props = {
      data: loaded.data,
      referent: { fullName: acted.fullName },
      action,
      reason: acted.reason,
      told: told ?? 0,
      ...(who ? { intermittent: person(who, false) } : {}),
    };
    return mail(referentActionSubject(props), createElement(ReferentAction, props));
  },
};
