import "server-only";
// Delivery side of the emails of the référents' member commands
// (lib/server/admin/members/member-notices.ts queues them): an address changed (to the
// old address), offered baskets withdrawn because a subscription no longer
// covers their date (to whoever had reserved, and to the member). Each reads
// the référent's audit event again and checks it still stands.
import { and, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { createElement } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import EmailChanged, { emailChangedSubject } from "@/emails/email-changed";
import { basketSummary } from "@/emails/offer-data";
import SubscriptionEndedOwner, { subscriptionEndedOwnerSubject } from "@/emails/subscription-ended-owner";
import SubscriptionEndedTaker, { subscriptionEndedTakerSubject } from "@/emails/subscription-ended-taker";
import { basketLabel } from "@/lib/domain/basket";
import { maskEmail } from "@/lib/domain/email-mask";
import { formatDay, formatLongDate, formatTime, parisInstant } from "@/lib/domain/time";
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import type { MailHandler } from "../../mail";
import { movesOf } from "../calendar/calendar-mail";
import { loadOffer, pickupIcs, reservationOf } from "../../exchange";
import { loadPerson, mail, person, spaceUrl } from "../../mail";
import { linesOf } from "../../exchange";
import { getSettings } from "../../core";

type SubscriptionEvent = { userId: string; subscriptionId: number; eventId: number };

export type MemberMailPayloads = {
  "email-changed": { userId: string; eventId: number };
  "subscription-ended-owner": SubscriptionEvent & { offerIds: number[] };
  "subscription-ended-taker": SubscriptionEvent & { offerId: number; reservationId: number; wasTaker: boolean };
};

export type MemberMailKind = keyof MemberMailPayloads;

const contactOf = (settings: s.Settings) => settings.contactEmail || settings.replyTo;

/** A référent's audit event in the AMAP about this person: who acted (their name), when, and what it recorded. */
async function loadEvent(ex: Executor, amapId: number, eventId: number, actions: string[], subjectUserId: string) {
  const actor = alias(s.users, "actor");
  const [row] = await ex
    .select({
      at: s.events.at,
      data: s.events.data,
      actorId: s.events.actorId,
      first: actor.firstName,
      last: actor.lastName,
      email: actor.email,
    })
    .from(s.events)
    .leftJoin(actor, eq(actor.id, s.events.actorId))
    .where(
      and(
        eq(s.events.id, eventId),
        eq(s.events.amapId, amapId),
        inArray(s.events.action, actions),
        eq(s.events.subjectUserId, subjectUserId),
      ),
    );
  if (!row) return null;
  const fullName = row.email ? `${row.first ?? ""} ${row.last ?? ""}`.trim() || row.email : adminMailFr.someReferent;
  return { at: row.at, data: row.data ?? {}, actorId: row.actorId, referent: { fullName } };
}

/** "Légumes — grand panier": the contract of one of the AMAP's subscriptions. */
async function contractOf(ex: Executor, amapId: number, subscriptionId: number): Promise<string | null> {
  const [row] = await ex
    .select({ product: s.contracts.product, size: s.contracts.size })
    .from(s.subscriptions)
    .innerJoin(s.contracts, eq(s.contracts.id, s.subscriptions.contractId))
    .where(and(eq(s.subscriptions.id, subscriptionId), eq(s.subscriptions.amapId, amapId)));
  return row ? basketLabel(row.product, row.size) : null;
}

/** "26 novembre 2026" for a calendar date. */
const longDate = (date: string) => formatLongDate(parisInstant(date, "12:00"));

type Handlers = { [K in MemberMailKind]: MailHandler<MemberMailPayloads[K]> };

export const memberMailHandlers: Handlers = {
  // A security notice about a change that happened: a later change (even back
  // to this address) does not undo it, and must not silence it — that is what
  // someone taking the account over would do. It goes as long as its event is on record.
  "email-changed": async ({ userId, eventId }, ex, amapId) => {
    const [event, who, settings] = await Promise.all([
      loadEvent(ex, amapId, eventId, ["member.update"], userId),
      loadPerson(ex, userId),
      getSettings(ex, amapId),
    ]);
    const change = event?.data.email as { from?: string; to?: string } | undefined;
    if (!event || !who || !change?.to) return null;
    const props = {
      amapName: settings.amapName,
      recipient: person(who, false),
      ...(event.actorId === userId ? {} : { referent: event.referent }),
      when: adminMailFr.at(formatLongDate(event.at), formatTime(event.at)),
      newAddress: maskEmail(change.to),
      contactEmail: contactOf(settings),
    };
    return mail(emailChangedSubject(props), createElement(EmailChanged, props), props.contactEmail ? { replyTo: props.contactEmail } : {});
  },

  // The cancellation these tell of is final (a cancelled offer never reopens):
  // they go while the offer (and the reservation) are still cancelled, even
  // if the référent has lengthened the subscription again since — its
  // holders must still learn their basket is gone; the mail says what the
  // référent did, which stays true.
  "subscription-ended-taker": async ({ userId, subscriptionId, eventId, offerId, reservationId, wasTaker }, ex, amapId) => {
    const [loaded, contract] = await Promise.all([loadOffer(ex, amapId, offerId, userId, false), contractOf(ex, amapId, subscriptionId)]);
    if (!loaded || !contract || loaded.status !== "cancelled") return null;
    if (reservationOf(loaded, reservationId)?.status !== "cancelled") return null;
    const [offer] = await ex
      .select({ memberId: s.offers.memberId, distributionId: s.offers.distributionId })
      .from(s.offers)
      .where(and(eq(s.offers.id, offerId), eq(s.offers.amapId, amapId)));
    const event = offer && (await loadEvent(ex, amapId, eventId, ["subscription.end", "subscription.update"], offer.memberId));
    if (!offer || !event) return null;
    const data = { ...loaded.data, links: { ...loaded.data.links, baskets: spaceUrl(loaded.settings, "/paniers") } };
    const props = { data, referent: event.referent, contract, wasTaker };
    return mail(subscriptionEndedTakerSubject(props), createElement(SubscriptionEndedTaker, props), {
      attachments: wasTaker ? [pickupIcs(loaded, reservationId, "CANCEL", (await movesOf(ex, offer.distributionId)) + 1)] : undefined,
    });
  },

  "subscription-ended-owner": async ({ userId, subscriptionId, eventId, offerIds }, ex, amapId) => {
    const [event, who, contract, settings] = await Promise.all([
      loadEvent(ex, amapId, eventId, ["subscription.end", "subscription.update"], userId),
      loadPerson(ex, userId),
      contractOf(ex, amapId, subscriptionId),
      getSettings(ex, amapId),
    ]);
    // The period the change left: "period" of subscription.end, "to" of subscription.update.
    const period = (event?.data.period ?? event?.data.to) as { startsOn?: string; endsOn?: string } | undefined;
    if (!event || !who || !contract || !period?.startsOn || !period.endsOn) return null;
    const offers = await ex
      .select({ id: s.offers.id, startsAt: s.distributions.startsAt })
      .from(s.offers)
      .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
      .where(
        and(inArray(s.offers.id, offerIds), eq(s.offers.amapId, amapId), eq(s.offers.memberId, userId), eq(s.offers.status, "cancelled")),
      )
      .orderBy(s.distributions.startsAt);
    if (offers.length === 0) return null;
    const [lines, otherLines, [holders]] = await Promise.all([
      linesOf(ex, offers.map((o) => o.id)),
      ex
        .select({ n: sql<number>`count(*)::int` })
        .from(s.offerLines)
        .where(and(inArray(s.offerLines.offerId, offers.map((o) => o.id)), sql`${s.offerLines.subscriptionId} <> ${subscriptionId}`)),
      ex
        .select({ n: sql<number>`count(distinct ${s.reservations.intermittentId})::int` })
        .from(s.reservations)
        .where(and(inArray(s.reservations.offerId, offers.map((o) => o.id)), eq(s.reservations.status, "cancelled"))),
    ]);
    const props = {
      amapName: settings.amapName,
      recipient: person(who, false),
      referent: event.referent,
      contract,
      from: longDate(period.startsOn),
      to: longDate(period.endsOn),
      offers: offers.map((o) => ({ day: formatDay(o.startsAt), summary: basketSummary(lines.get(o.id) ?? []) })),
      holders: Number(holders?.n ?? 0),
      otherBaskets: Number(otherLines[0]?.n ?? 0) > 0,
      contactEmail: contactOf(settings),
      links: { myBaskets: spaceUrl(settings, "/mes-paniers") },
    };
    return mail(subscriptionEndedOwnerSubject(props), createElement(SubscriptionEndedOwner, props));
  },
};
