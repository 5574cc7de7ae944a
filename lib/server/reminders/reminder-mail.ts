import "server-only";
// Delivery side of the reminders (lib/server/reminders/reminders.ts queues them).
import { and, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import ReminderBasketsLeft, { reminderBasketsLeftSubject } from "@/emails/reminder-baskets-left";
import ReminderDecision, { reminderDecisionSubject } from "@/emails/reminder-decision";
import ReminderNobodyReserved, { reminderNobodyReservedSubject } from "@/emails/reminder-nobody-reserved";
import ReminderPickup, { reminderPickupSubject } from "@/emails/reminder-pickup";
import { basketSummary } from "@/emails/offer-data";
import { RECENTLY_ANNOUNCED_HOURS } from "@/lib/domain/reminders";
import { formatDay, formatSlot } from "@/lib/domain/time";
import type { MailHandler } from "../mail";
import { decisionLinks, loadOffer, reservationOf, withdrawLink } from "../exchange";
import { listUnsubscribe, loadDistribution, loadPerson, mail, onTheList, person, spaceUrl } from "../mail";
import { linesOf, reservationsOf } from "../exchange";
import { renderMailWithSlots, slotToken } from "../mail";
import { noRoundCache } from "../mail";
import { getSettings } from "../core";

export type ReminderMailPayloads = {
  "reminder-baskets-left": { distributionId: number; userId: string };
  "reminder-decision": { offerId: number; reservationId: number; userId: string; morning: boolean };
  "reminder-pickup": { offerId: number; reservationId: number; userId: string };
  "reminder-nobody-reserved": { offerId: number; userId: string };
};

type Handlers = { [K in keyof ReminderMailPayloads]: MailHandler<ReminderMailPayloads[K]> };

const started = (startsAt: Date) => startsAt.getTime() <= Date.now();

/**
 * Who was told of which of these offers lately: an announcement written in
 * the last RECENTLY_ANNOUNCED_HOURS by the AMAP (sent, or on its way), or still on its way
 * however old (it will arrive with or before the reminder). By user id. An
 * announcement names its offer (`offerId`), or several (`offerIds`: one
 * message for several dates).
 */
async function recentlyAnnounced(ex: Executor, amapId: number, offerIds: number[]): Promise<Map<string, Set<number>>> {
  const told = new Map<string, Set<number>>();
  if (offerIds.length === 0) return told;
  const ids = sql.join(
    offerIds.map((id) => sql`${String(id)}`),
    sql`, `,
  );
  const result = await ex.execute(sql`
    with told as (
      select payload from ${s.outbox}
       where amap_id = ${amapId} and kind = 'offer-announced' and status in ('pending', 'sending', 'sent')
         and created_at > now() - make_interval(hours => ${RECENTLY_ANNOUNCED_HOURS})
      union all
      select payload from ${s.outbox}
       where amap_id = ${amapId} and kind = 'offer-announced' and status in ('pending', 'sending')
    )
    select distinct t.payload->>'userId' as user_id, o.id as offer_id
      from told t
      cross join lateral (
        select t.payload->>'offerId' as id
        union
        select jsonb_array_elements_text(case when jsonb_typeof(t.payload->'offerIds') = 'array' then t.payload->'offerIds' else '[]'::jsonb end)
      ) o
     where o.id in (${ids})`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { user_id: string; offer_id: string }[];
  for (const row of rows) {
    const offers = told.get(row.user_id) ?? new Set<number>();
    offers.add(Number(row.offer_id));
    told.set(row.user_id, offers);
  }
  return told;
}

/**
 * The AMAP's distribution and the baskets still open at it (with whose they
 * are), as « il reste N paniers » says them; null for another AMAP's.
 */
async function basketsLeft(ex: Executor, amapId: number, distributionId: number) {
  const [distribution, open, settings] = await Promise.all([
    loadDistribution(ex, distributionId, amapId),
    ex
      .select({ offerId: s.offers.id, memberId: s.offers.memberId, memberFirstName: s.users.firstName, autoAccept: s.offers.autoAccept })
      .from(s.offers)
      .innerJoin(s.users, eq(s.users.id, s.offers.memberId))
      .where(and(eq(s.offers.amapId, amapId), eq(s.offers.distributionId, distributionId), eq(s.offers.status, "open")))
      .orderBy(s.offers.id),
    getSettings(ex, amapId),
  ]);
  if (!distribution) return null;
  const offerIds = open.map((o) => o.offerId);
  const [lines, told, declined] = await Promise.all([
    linesOf(ex, offerIds),
    recentlyAnnounced(ex, amapId, offerIds),
    reservationsOf(ex, offerIds, ["declined"]),
  ]);
  return {
    startsAt: distribution.startsAt,
    endsAt: distribution.endsAt,
    cancelledAt: distribution.cancelledAt,
    place: { name: distribution.name, address: distribution.address, accessNotes: distribution.accessNotes },
    settings,
    told,
    offers: open.map((o) => {
      const offerLines = lines.get(o.offerId) ?? [];
      return {
        offerId: o.offerId,
        memberId: o.memberId,
        /** Refused by the member: not invited again to this basket. */
        refused: new Set(declined.filter((r) => r.offerId === o.offerId).map((r) => r.intermittentId)),
        autoAccept: o.autoAccept,
        memberFirstName: o.memberFirstName,
        summary: basketSummary(offerLines),
        totalCents: offerLines.reduce((sum, l) => sum + l.priceCents, 0),
      };
    }),
  };
}

export const reminderMailHandlers: Handlers = {
  "reminder-baskets-left": async ({ distributionId, userId }, ex, amapId, cache = noRoundCache) => {
    // Sent to every intermittent: the distribution's baskets are read once per delivery round, the recipient each time.
    const [day, who] = await Promise.all([
      cache(`baskets-left:${distributionId}`, () => basketsLeft(ex, amapId, distributionId)),
      onTheList(ex, userId, amapId),
    ]);
    if (!day || !who || day.cancelledAt || started(day.startsAt)) return null;
    // The baskets still free that this person could take (not their own), and was not just told of.
    const justTold = day.told.get(userId);
    const left = day.offers.filter((o) => o.memberId !== userId && !justTold?.has(o.offerId) && !o.refused.has(userId));
    const offers = left.map(({ memberFirstName, summary, totalCents }) => ({ memberFirstName, summary, totalCents }));
    if (offers.length === 0) return null;
    const unsubscribe = listUnsubscribe(userId, day.settings);
    const recipient = person(who, false);
    const props = {
      amapName: day.settings.amapName,
      recipient,
      day: formatDay(day.startsAt),
      slot: formatSlot(day.startsAt, day.endsAt),
      place: day.place,
      offers,
      acceptance: left.every((o) => o.autoAccept) ? ("automatic" as const) : left.some((o) => o.autoAccept) ? ("mixed" as const) : ("member" as const),
      links: { baskets: spaceUrl(day.settings, "/paniers"), unsubscribe: unsubscribe.url },
    };
    // Rendered once per distinct list of baskets, personalised by substitution (as announcements are).
    const shared = {
      ...props,
      recipient: { firstName: slotToken(0), fullName: slotToken(1) },
      links: { ...props.links, unsubscribe: slotToken(2) },
    };
    const element = createElement(ReminderBasketsLeft, props);
    return mail(reminderBasketsLeftSubject(props), element, {
      headers: unsubscribe.headers,
      rendered: renderMailWithSlots(
        `reminder-baskets-left:${JSON.stringify(shared)}`,
        () => createElement(ReminderBasketsLeft, shared),
        [recipient.firstName, recipient.fullName, unsubscribe.url],
        () => element,
      ),
    });
  },

  "reminder-decision": async ({ offerId, reservationId, userId, morning }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    const reservation = loaded && reservationOf(loaded, reservationId);
    if (!loaded || reservation?.status !== "pending" || started(loaded.startsAt)) return null;
    const who = await loadPerson(ex, reservation.intermittentId);
    if (!who) return null;
    const props = { data: decisionLinks(loaded, userId, reservationId), intermittent: person(who, false), morning };
    return mail(reminderDecisionSubject(props), createElement(ReminderDecision, props));
  },

  "reminder-pickup": async ({ offerId, reservationId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, true);
    if (!loaded || reservationOf(loaded, reservationId)?.status !== "accepted" || started(loaded.startsAt)) return null;
    const props = { data: withdrawLink(loaded, userId, reservationId), practicalRules: loaded.practicalRules };
    return mail(reminderPickupSubject(props), createElement(ReminderPickup, props));
  },

  "reminder-nobody-reserved": async ({ offerId, userId }, ex, amapId) => {
    const loaded = await loadOffer(ex, amapId, offerId, userId, false);
    if (!loaded || loaded.status !== "open" || started(loaded.startsAt)) return null;
    const props = { data: loaded.data };
    return mail(reminderNobodyReservedSubject(props), createElement(ReminderNobodyReserved, props));
  },
};

