import "server-only";
// Delivery side of the exchange emails: each handler reloads the offer fresh,
// checks the message still applies (null = skip), and returns the template
// element. Contact details go only into the two parties' "accepted" mails.
import { and, count, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { createElement, type ReactElement } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import OfferAnnounced, { offerAnnouncedSubject } from "@/emails/offer-announced";
import OfferCancelled, { offerCancelledSubject } from "@/emails/offer-cancelled";
import type { MailPerson, OfferMailData } from "@/emails/offer-data";
import OfferListed, { offerListedSubject } from "@/emails/offer-listed";
import OffersAnnounced, { offersAnnouncedSubject } from "@/emails/offers-announced";
import ReservationAcceptedOwner, { reservationAcceptedOwnerSubject } from "@/emails/reservation-accepted-owner";
import ReservationAcceptedTaker, { reservationAcceptedTakerSubject } from "@/emails/reservation-accepted-taker";
import ReservationDeclined, { reservationDeclinedSubject } from "@/emails/reservation-declined";
import ReservationNotChosen, { reservationNotChosenSubject } from "@/emails/reservation-not-chosen";
import ReservationPending, { reservationPendingSubject } from "@/emails/reservation-pending";
import ReservationQueued, { reservationQueuedSubject } from "@/emails/reservation-queued";
import ReservationToDecide, { reservationToDecideSubject } from "@/emails/reservation-to-decide";
import ReservationWithdrawn, { reservationWithdrawnSubject } from "@/emails/reservation-withdrawn";
import ReferentAction, { referentActionSubject } from "@/emails/referent-action";
import type { Acceptance } from "@/emails/components/acted-by";
import { buildIcs } from "@/lib/domain/ics";
import { ACTIVE_OFFER_STATUSES, queuePosition, type ReservationSnapshot } from "@/lib/domain/offer";
import { formatDay, formatSlot } from "@/lib/domain/time";
import { getEnv } from "@/lib/env";
import { ofName, onBehalfOf } from "@/lib/i18n/fr";
import { createLinkToken, linkUrl, unsubscribeLink } from "../links/links";
import type { MailHandler, PreparedMail } from "../mail/mail-kinds";
import { linesOf, reservationsOf } from "./offer-rows";
import { peopleWithRoles } from "../auth/people";
import { renderMailWithSlots, slotToken } from "../mail/render-mail";
import { noRoundCache } from "../mail/round-cache";
import { inOfferContext, offerMember } from "./offer-context";
import { getSettings } from "../core/settings";

type OfferRef = { offerId: number; userId: string };
type ReservationRef = OfferRef & { reservationId: number };

export type OfferMailPayloads = {
  "offer-listed": OfferRef;
  /** One offer, or several dates offered at once (`offerIds`, one message listing them). */
  "offer-announced": ({ offerId: number } | { offerIds: number[] }) & { userId: string; reopened: boolean };
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

const member = offerMember;

type Person = { firstName: string; lastName: string; email: string; phone: string | null };

export function person(p: Person, withContact: boolean): MailPerson {
  const fullName = `${p.firstName} ${p.lastName}`.trim() || p.email;
  return {
    firstName: p.firstName || fullName,
    fullName,
    ...(withContact ? { email: p.email, phone: p.phone } : {}),
  };
}

export async function loadPerson(ex: Executor, userId: string): Promise<Person | null> {
  const [row] = await ex
    .select({ firstName: s.users.firstName, lastName: s.users.lastName, email: s.users.email, phone: s.users.phone })
    .from(s.users)
    .where(eq(s.users.id, userId));
  return row ?? null;
}

export type Loaded = {
  data: OfferMailData;
  status: s.OfferStatus;
  autoAccept: boolean;
  startsAt: Date;
  endsAt: Date;
  cancelReason: string | null;
  reservations: ReservationSnapshot[];
  memberRow: Person;
  /** The person the mail is addressed to (the attendee of a pickup invitation). */
  recipientRow: Person;
  practicalRules: string;
  amapName: string;
  settings: s.Settings;
};

/** What every mail about an offer says, whoever it goes to. */
type OfferState = Omit<Loaded, "data" | "recipientRow"> & { data: Omit<OfferMailData, "recipient" | "member"> };

/** The offer as its mails describe it, read fresh: its row, lines, line of reservations, and the AMAP's settings. */
async function readOffer(ex: Executor, offerId: number): Promise<OfferState | null> {
  const [[row], lines, reservations, settings] = await Promise.all([
    inOfferContext(
      ex
        .select({
          status: s.offers.status,
          autoAccept: s.offers.autoAccept,
          message: s.offers.message,
          cancelReason: s.offers.cancelReason,
          startsAt: s.distributions.startsAt,
          endsAt: s.distributions.endsAt,
          placeName: s.places.name,
          placeAddress: s.places.address,
          placeAccess: s.places.accessNotes,
          memberFirst: member.firstName,
          memberLast: member.lastName,
          memberEmail: member.email,
          memberPhone: member.phone,
        })
        .from(s.offers)
        .$dynamic(),
    ).where(eq(s.offers.id, offerId)),
    linesOf(ex, [offerId]).then((byOffer) => byOffer.get(offerId) ?? []),
    reservationsOf(ex, [offerId]),
    getSettings(ex),
  ]);
  if (!row) return null;
  const appUrl = getEnv().APP_URL;
  return {
    data: {
      amapName: settings.amapName,
      day: formatDay(row.startsAt),
      slot: formatSlot(row.startsAt, row.endsAt),
      place: { name: row.placeName, address: row.placeAddress, accessNotes: row.placeAccess },
      lines,
      totalCents: lines.reduce((sum, l) => sum + l.priceCents, 0),
      message: row.message,
      links: {
        baskets: new URL(`/paniers?offre=${offerId}#offre-${offerId}`, appUrl).toString(),
        myBaskets: new URL("/mes-paniers", appUrl).toString(),
      },
    },
    status: row.status,
    autoAccept: row.autoAccept,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    cancelReason: row.cancelReason,
    reservations,
    memberRow: { firstName: row.memberFirst, lastName: row.memberLast, email: row.memberEmail, phone: row.memberPhone },
    practicalRules: settings.practicalRules,
    amapName: settings.amapName,
    settings,
  };
}

/** The offer's mail data addressed to `recipient`; the member's contact only when `memberContact`. */
function addressed(state: OfferState, recipient: Person, memberContact: boolean): Loaded {
  return {
    ...state,
    recipientRow: recipient,
    data: { ...state.data, recipient: person(recipient, false), member: person(state.memberRow, memberContact) },
  };
}

/** Everything an exchange mail says, read fresh. `memberContact` only for the taker's "accepted" mail. */
export async function loadOffer(ex: Executor, offerId: number, recipientId: string, memberContact: boolean): Promise<Loaded | null> {
  const [state, recipient] = await Promise.all([readOffer(ex, offerId), loadPerson(ex, recipientId)]);
  return state && recipient ? addressed(state, recipient, memberContact) : null;
}

export function reservationOf(loaded: Loaded, reservationId: number): ReservationSnapshot | null {
  return loaded.reservations.find((r) => r.id === reservationId) ?? null;
}

/** The AMAP's own address, as the organizer of its pickups: its contact, its reply-to, or the sender. */
function amapAddress(settings: Pick<s.Settings, "contactEmail" | "replyTo">): string {
  const sender = /<([^>]+)>/.exec(getEnv().MAIL_FROM)?.[1] ?? getEnv().MAIL_FROM;
  return settings.contactEmail || settings.replyTo || sender;
}

/**
 * The pickup as an iTIP invitation to the recipient (REQUEST, CANCEL), or as
 * a published event to download (PUBLISH). `sequence`: bumped by each change
 * of the event (a moved distribution: lib/server/admin/calendar/calendar-mail.ts).
 */
export function pickupIcs(loaded: Loaded, reservationId: number, method: "REQUEST" | "CANCEL" | "PUBLISH", sequence?: number): s.MailAttachment {
  const { data } = loaded;
  const host = new URL(getEnv().APP_URL).host;
  const taker = { email: loaded.recipientRow.email, name: data.recipient.fullName };
  const content = buildIcs({
    ...(method === "PUBLISH" ? { method } : { method, attendee: taker }),
    organizer: { email: amapAddress(loaded.settings), name: loaded.amapName },
    uid: `reservation-${reservationId}@${host}`,
    start: loaded.startsAt,
    end: loaded.endsAt,
    summary: `Panier ${ofName(data.member.fullName)} — ${data.amapName}`,
    location: [data.place.name, data.place.address].filter(Boolean).join(", "),
    description: [
      `Émargez ${onBehalfOf(data.member.fullName)}.`,
      `À prendre : ${data.lines.map((l) => l.label).join(", ")}.`,
      loaded.practicalRules,
    ]
      .filter(Boolean)
      .join("\n"),
    sequence: sequence ?? (method === "CANCEL" ? 1 : 0),
  });
  return {
    filename: method === "CANCEL" ? "annulation-panier.ics" : "panier.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  };
}

/** The .ics a taker downloads from "Mes paniers échangés". */
export async function pickupCalendarFor(ex: Executor, offerId: number, reservationId: number, takerId: string) {
  const loaded = await loadOffer(ex, offerId, takerId, false);
  if (!loaded) return null;
  return pickupIcs(loaded, reservationId, "PUBLISH");
}

export async function isActiveIntermittent(ex: Executor, userId: string): Promise<boolean> {
  return (await onTheList(ex, userId)) !== null;
}

/** The person, if they are on the intermittents list (one query). */
export async function onTheList(ex: Executor, userId: string): Promise<Person | null> {
  const [person] = await peopleWithRoles(ex, eq(s.users.id, userId));
  return person?.isIntermittent ? person : null;
}

/** A personal action link, valid until the distribution starts. */
export function exchangeLink(loaded: Loaded, userId: string, action: "reserve" | "accept" | "decline" | "withdraw", objectId: number) {
  return linkUrl(createLinkToken({ userId, action, objectId, expiresAt: loaded.startsAt }));
}

/** The unsubscribe link of a mail to an intermittent, and its List-Unsubscribe headers. */
export function listUnsubscribe(userId: string, settings: Pick<s.Settings, "replyTo" | "contactEmail">) {
  // The mailto: half goes to whoever reads the AMAP's mail; failing a setting, the sender address.
  const sender = /<([^>]+)>/.exec(getEnv().MAIL_FROM)?.[1] ?? getEnv().MAIL_FROM;
  return unsubscribeLink(userId, settings.replyTo || settings.contactEmail || sender);
}

export const mail = (subject: string, element: ReactElement, extra: Partial<PreparedMail> = {}): PreparedMail => ({
  subject,
  element,
  ...extra,
});

/** The owner's copy with one-click "Valider" and "Refuser". */
export function decisionLinks(loaded: Loaded, ownerId: string, reservationId: number): OfferMailData {
  return {
    ...loaded.data,
    links: {
      ...loaded.data.links,
      accept: exchangeLink(loaded, ownerId, "accept", reservationId),
      decline: exchangeLink(loaded, ownerId, "decline", reservationId),
    },
  };
}

/** The intermittent's copy with a one-click "Annuler ma réservation". */
export function withdrawLink(loaded: Loaded, userId: string, reservationId: number): OfferMailData {
  return { ...loaded.data, links: { ...loaded.data.links, withdraw: exchangeLink(loaded, userId, "withdraw", reservationId) } };
}

/** Who acted on an offer for its member, and why (from the audit trail), if a référent did. */
export async function lastReferentAct(ex: Executor, offerId: number, actions: string[], reservationId?: number) {
  const actor = alias(s.users, "actor");
  const [row] = await ex
    .select({
      first: actor.firstName,
      last: actor.lastName,
      email: actor.email,
      reason: s.events.reason,
      action: s.events.action,
      memberId: s.offers.memberId,
      actorId: s.events.actorId,
    })
    .from(s.events)
    .innerJoin(s.offers, eq(s.offers.id, s.events.offerId))
    .innerJoin(actor, eq(actor.id, s.events.actorId))
    .where(
      and(
        eq(s.events.offerId, offerId),
        inArray(s.events.action, actions),
        reservationId === undefined ? undefined : eq(s.events.reservationId, reservationId),
      ),
    )
    .orderBy(desc(s.events.id))
    .limit(1);
  if (!row || row.actorId === row.memberId) return null;
  return {
    fullName: `${row.first} ${row.last}`.trim() || row.email,
    reason: row.reason ?? "",
    assigned: row.action === "reservation.assign",
  };
}

/**
 * How this reservation came to be accepted, for the acceptance mails: by a
 * référent (who gave or validated it), by the AMAP's setting (the worker
 * accepted it, no actor), by the offer itself (automatic acceptance, the
 * member's choice), or by the member.
 */
async function acceptanceOf(ex: Executor, loaded: Loaded, offerId: number, reservationId: number): Promise<Acceptance> {
  const acted = await lastReferentAct(ex, offerId, ["reservation.accept", "reservation.assign"], reservationId);
  if (acted) return { by: "referent", ...acted };
  const [bySetting] = await ex
    .select({ id: s.events.id })
    .from(s.events)
    .where(
      and(
        eq(s.events.offerId, offerId),
        eq(s.events.reservationId, reservationId),
        eq(s.events.action, "reservation.accept"),
        isNull(s.events.actorId),
      ),
    )
    .limit(1);
  if (bySetting) return { by: "setting" };
  return loaded.autoAccept ? { by: "automatic" } : { by: "member" };
}

/** An announcement still stands: the basket is to be had, before the distribution, and `userId` was not refused it. */
function isStillOffered(state: OfferState, userId: string): boolean {
  if (state.status !== "open" && state.status !== "reserved") return false;
  if (state.startsAt.getTime() <= Date.now()) return false;
  return !state.reservations.some((r) => r.intermittentId === userId && r.status === "declined");
}

type Handlers = { [K in keyof OfferMailPayloads]: MailHandler<OfferMailPayloads[K]> };

/** « Voir les autres paniers » in a mail whose basket is no longer for its reader: the whole list, not that basket. */
function towardOtherBaskets(data: OfferMailData): OfferMailData {
  return { ...data, links: { ...data.links, baskets: new URL("/paniers", getEnv().APP_URL).toString() } };
}

export const offerMailHandlers: Handlers = {
  "offer-listed": async ({ offerId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
    // Cancelled (or over) before the mail left: « votre panier est proposé » no longer holds.
    if (!loaded || !ACTIVE_OFFER_STATUSES.includes(loaded.status)) return null;
    const [{ total }] = (await ex
      .select({ total: count() })
      .from(s.intermittentMemberships)
      .where(and(isNull(s.intermittentMemberships.leftAt), ne(s.intermittentMemberships.userId, userId)))) as [
      { total: number },
    ];
    const intermittentCount = total;
    const props = { data: loaded.data, autoAccept: loaded.autoAccept, intermittentCount };
    return mail(offerListedSubject(props), createElement(OfferListed, props));
  },

  "offer-announced": async (payload, ex, cache = noRoundCache) => {
    const { userId, reopened } = payload;
    const offerIds = "offerIds" in payload ? payload.offerIds : [payload.offerId];
    // Sent to every intermittent: each offer is read once per delivery round, the recipient each time.
    const [states, recipient] = await Promise.all([
      Promise.all(offerIds.map((id) => cache(`offer:${id}`, () => readOffer(ex, id)))),
      onTheList(ex, userId),
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

  "reservation-to-decide": async ({ offerId, reservationId, userId, promoted }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
    const reservation = loaded && reservationOf(loaded, reservationId);
    // Already decided (or withdrawn) before the mail left: nothing to ask.
    if (!loaded || reservation?.status !== "pending") return null;
    const who = await loadPerson(ex, reservation.intermittentId);
    if (!who) return null;
    const queueLength = loaded.reservations.filter((r) => r.status === "queued").length;
    const props = { data: decisionLinks(loaded, userId, reservationId), intermittent: person(who, false), promoted, queueLength };
    return mail(reservationToDecideSubject(props), createElement(ReservationToDecide, props));
  },

  "reservation-pending": async ({ offerId, reservationId, userId, promoted }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "pending") return null;
    const props = { data: withdrawLink(loaded, userId, reservationId), promoted };
    return mail(reservationPendingSubject(props), createElement(ReservationPending, props));
  },

  "reservation-queued": async ({ offerId, reservationId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "queued") return null;
    const position = queuePosition(loaded.reservations, reservationId) ?? 1;
    const props = { data: withdrawLink(loaded, userId, reservationId), position };
    return mail(reservationQueuedSubject(props), createElement(ReservationQueued, props));
  },

  "reservation-accepted-taker": async ({ offerId, reservationId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, true);
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

  "reservation-accepted-owner": async ({ offerId, reservationId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
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

  "reservation-declined": async ({ offerId, reservationId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
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

  "reservation-not-chosen": async ({ offerId, reservationId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
    // Someone else still has the basket, and this person still waits in line.
    const mine = loaded && reservationOf(loaded, reservationId);
    if (!loaded || loaded.status !== "exchanged" || (mine?.status !== "queued" && mine?.status !== "pending")) return null;
    const props = { data: towardOtherBaskets(loaded.data) };
    return mail(reservationNotChosenSubject(props), createElement(ReservationNotChosen, props));
  },

  "offer-cancelled": async ({ offerId, reservationId, userId, wasTaker }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
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

  "reservation-withdrawn": async ({ offerId, reservationId, userId, next }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
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

  "referent-action": async ({ offerId, userId, action, reservationId, told }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
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
