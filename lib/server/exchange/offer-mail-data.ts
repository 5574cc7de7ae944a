import "server-only";
// The offer as its mails describe it, read fresh at delivery: its row, lines,
// reservations and the AMAP's settings, addressed to one recipient; the
// pickup as a calendar invitation; the personal action links.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import type { OfferMailData } from "@/emails/offer-data";
import type { Acceptance } from "@/emails/components/acted-by";
import { buildIcs } from "@/lib/domain/ics";
import type { ReservationSnapshot } from "@/lib/domain/offer";
import { formatDay, formatSlot } from "@/lib/domain/time";
import { getEnv } from "@/lib/env";
import { ofName, onBehalfOf } from "@/lib/i18n/fr";
import { createLinkToken, linkUrl } from "../core";
import { linesOf, reservationsOf } from "./offer-rows";
import { getSettings, type AmapSettings } from "../core";
import { addressOf, type Person, person, loadPerson, spaceUrl } from "../mail";
import { inOfferContext, offerMember } from "./offer-context";

const member = offerMember;

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
  settings: AmapSettings;
};

/** What every mail about an offer says, whoever it goes to. */
export type OfferState = Omit<Loaded, "data" | "recipientRow"> & { data: Omit<OfferMailData, "recipient" | "member"> };

export async function readOffer(ex: Executor, amapId: number, offerId: number): Promise<OfferState | null> {
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
    ).where(and(eq(s.offers.id, offerId), eq(s.offers.amapId, amapId))),
    linesOf(ex, [offerId]).then((byOffer) => byOffer.get(offerId) ?? []),
    reservationsOf(ex, [offerId]),
    getSettings(ex, amapId),
  ]);
  if (!row) return null;
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
        baskets: spaceUrl(settings, `/paniers?offre=${offerId}#offre-${offerId}`),
        myBaskets: spaceUrl(settings, "/mes-paniers"),
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
export function addressed(state: OfferState, recipient: Person, memberContact: boolean): Loaded {
  return {
    ...state,
    recipientRow: recipient,
    data: { ...state.data, recipient: person(recipient, false), member: person(state.memberRow, memberContact) },
  };
}

/** `memberContact` only for the taker's "accepted" mail. */
export async function loadOffer(ex: Executor, amapId: number, offerId: number, recipientId: string, memberContact: boolean): Promise<Loaded | null> {
  const [state, recipient] = await Promise.all([readOffer(ex, amapId, offerId), loadPerson(ex, recipientId)]);
  return state && recipient ? addressed(state, recipient, memberContact) : null;
}

export function reservationOf(loaded: Loaded, reservationId: number): ReservationSnapshot | null {
  return loaded.reservations.find((r) => r.id === reservationId) ?? null;
}

/** The AMAP's own address, as the organizer of its pickups: its contact, its reply-to, or the sender. */
function amapAddress(settings: Pick<s.Settings, "contactEmail" | "replyTo">): string {
  const sender = addressOf(getEnv().MAIL_FROM);
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
export async function pickupCalendarFor(ex: Executor, amapId: number, offerId: number, reservationId: number, takerId: string) {
  const loaded = await loadOffer(ex, amapId, offerId, takerId, false);
  if (!loaded) return null;
  return pickupIcs(loaded, reservationId, "PUBLISH");
}

/** A personal action link, valid until the distribution starts. */
export function exchangeLink(loaded: Loaded, userId: string, action: "reserve" | "accept" | "decline" | "withdraw", objectId: number) {
  return linkUrl(createLinkToken({ userId, action, objectId, expiresAt: loaded.startsAt }));
}

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
export async function acceptanceOf(ex: Executor, loaded: Loaded, offerId: number, reservationId: number): Promise<Acceptance> {
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
export function isStillOffered(state: OfferState, userId: string): boolean {
  if (state.status !== "open" && state.status !== "reserved") return false;
  if (state.startsAt.getTime() <= Date.now()) return false;
  return !state.reservations.some((r) => r.intermittentId === userId && r.status === "declined");
}
