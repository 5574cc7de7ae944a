import "server-only";
// Delivery side of the reminders (lib/server/reminders.ts queues them): each
// handler checks the reminder still applies when it leaves.
import { and, eq, ne } from "drizzle-orm";
import { createElement } from "react";
import * as s from "@/db/schema";
import ReminderBasketsLeft, { reminderBasketsLeftSubject } from "@/emails/reminder-baskets-left";
import ReminderDecision, { reminderDecisionSubject } from "@/emails/reminder-decision";
import ReminderNobodyReserved, { reminderNobodyReservedSubject } from "@/emails/reminder-nobody-reserved";
import ReminderPickup, { reminderPickupSubject } from "@/emails/reminder-pickup";
import { basketSummary } from "@/emails/offer-data";
import { formatDay, formatSlot } from "@/lib/domain/time";
import { getEnv } from "@/lib/env";
import type { MailHandler } from "./mail-kinds";
import {
  decisionLinks,
  isActiveIntermittent,
  listUnsubscribe,
  loadOffer,
  loadPerson,
  mail,
  person,
  reservationOf,
  withdrawLink,
} from "./offer-mail";
import { linesOf } from "./offer-rows";
import { getSettings } from "./settings";

export type ReminderMailPayloads = {
  "reminder-baskets-left": { distributionId: number; userId: string };
  "reminder-decision": { offerId: number; reservationId: number; userId: string; morning: boolean };
  "reminder-pickup": { offerId: number; reservationId: number; userId: string };
  "reminder-nobody-reserved": { offerId: number; userId: string };
};

type Handlers = { [K in keyof ReminderMailPayloads]: MailHandler<ReminderMailPayloads[K]> };

const started = (startsAt: Date) => startsAt.getTime() <= Date.now();

export const reminderMailHandlers: Handlers = {
  "reminder-baskets-left": async ({ distributionId, userId }, ex) => {
    const [distribution] = await ex
      .select({
        startsAt: s.distributions.startsAt,
        endsAt: s.distributions.endsAt,
        cancelledAt: s.distributions.cancelledAt,
        name: s.places.name,
        address: s.places.address,
        accessNotes: s.places.accessNotes,
      })
      .from(s.distributions)
      .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
      .where(eq(s.distributions.id, distributionId));
    const who = await loadPerson(ex, userId);
    if (!distribution || !who || distribution.cancelledAt || started(distribution.startsAt)) return null;
    if (!(await isActiveIntermittent(ex, userId))) return null;
    // The baskets still free that this person could take (not their own).
    const open = await ex
      .select({ offerId: s.offers.id, memberFirstName: s.users.firstName })
      .from(s.offers)
      .innerJoin(s.users, eq(s.users.id, s.offers.memberId))
      .where(and(eq(s.offers.distributionId, distributionId), eq(s.offers.status, "open"), ne(s.offers.memberId, userId)))
      .orderBy(s.offers.id);
    if (open.length === 0) return null;
    const lines = await linesOf(ex, open.map((o) => o.offerId));
    const settings = await getSettings(ex);
    const unsubscribe = listUnsubscribe(userId, settings);
    const props = {
      amapName: settings.amapName,
      recipient: person(who, false),
      day: formatDay(distribution.startsAt),
      slot: formatSlot(distribution.startsAt, distribution.endsAt),
      place: { name: distribution.name, address: distribution.address, accessNotes: distribution.accessNotes },
      offers: open.map((o) => {
        const offerLines = lines.get(o.offerId) ?? [];
        return {
          memberFirstName: o.memberFirstName,
          summary: basketSummary(offerLines),
          totalCents: offerLines.reduce((sum, l) => sum + l.priceCents, 0),
        };
      }),
      links: { baskets: new URL("/paniers", getEnv().APP_URL).toString(), unsubscribe: unsubscribe.url },
    };
    return mail(reminderBasketsLeftSubject(props), createElement(ReminderBasketsLeft, props), { headers: unsubscribe.headers });
  },

  "reminder-decision": async ({ offerId, reservationId, userId, morning }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
    const reservation = loaded && reservationOf(loaded, reservationId);
    if (!loaded || reservation?.status !== "pending" || started(loaded.startsAt)) return null;
    const who = await loadPerson(ex, reservation.intermittentId);
    if (!who) return null;
    const props = { data: decisionLinks(loaded, userId, reservationId), intermittent: person(who, false), morning };
    return mail(reminderDecisionSubject(props), createElement(ReminderDecision, props));
  },

  "reminder-pickup": async ({ offerId, reservationId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, true);
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "accepted" || started(loaded.startsAt)) return null;
    const props = { data: withdrawLink(loaded, userId, reservationId), practicalRules: loaded.practicalRules };
    return mail(reminderPickupSubject(props), createElement(ReminderPickup, props));
  },

  "reminder-nobody-reserved": async ({ offerId, userId }, ex) => {
    const loaded = await loadOffer(ex, offerId, userId, false);
    if (!loaded || loaded.status !== "open" || started(loaded.startsAt)) return null;
    const props = { data: loaded.data };
    return mail(reminderNobodyReservedSubject(props), createElement(ReminderNobodyReserved, props));
  },
};

