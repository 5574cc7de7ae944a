import "server-only";
// Every offer, for référents: filters, each offer's full history (the audit
// trail), and what they need to act on it (cancel, assign, decide for the
// member — the commands live in lib/server/exchange/offers.ts and check the role again).
import { parseFilterDay, parseSearchText } from "@/lib/domain/admin-filters";
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import { OFFER_STATUSES, type OfferStatus, type ReservationStatus } from "@/lib/domain/offer";
import { formatSlot, parisDate, parisInstant } from "@/lib/domain/time";
import type { Viewer } from "../auth";
import { linesOf, reservationsOf, type BasketLineDTO } from "../exchange";
import { referentRead } from "../auth";
import { inOfferContext, offerMember } from "../exchange";

export const ADMIN_OFFERS_PAGE = 100;

export type OfferFilters = {
  /** YYYY-MM-DD, Paris dates, inclusive. */
  from?: string;
  to?: string;
  placeId?: number;
  status?: OfferStatus;
  /** Part of the member's name or email. */
  member?: string;
  /** Part of an intermittent's name or email (any reservation on the offer). */
  intermittent?: string;
};

export type AdminOfferRow = {
  offerId: number;
  slot: string;
  /** "2026-12": the page groups offers by the month of their distribution. */
  month: string;
  placeName: string;
  status: OfferStatus;
  memberName: string;
  lines: BasketLineDTO[];
  /** The taker, or whoever awaits the member's answer. */
  who: string | null;
  queueLength: number;
};

const fullName = (first: string, last: string, email: string) => `${first} ${last}`.trim() || email;

/** A filter refused as typed: a text holding an invisible character (named), or a day that is not one. */
export type OfferFilterProblem = { field: "member" | "intermittent"; codePoint: string } | { field: "from" | "to"; codePoint?: undefined };

/** The filters as a query may use them, or what is wrong with them (nothing is looked up then). */
function checkFilters(filters: OfferFilters): { ok: true; value: OfferFilters } | { ok: false; problems: OfferFilterProblem[] } {
  const problems: OfferFilterProblem[] = [];
  const day = (field: "from" | "to") => {
    const value = parseFilterDay(filters[field]);
    if (value === null) problems.push({ field });
    return value || undefined;
  };
  const text = (field: "member" | "intermittent") => {
    const parsed = parseSearchText(filters[field]);
    if (!parsed.ok) problems.push({ field, codePoint: parsed.codePoint });
    return (parsed.ok && parsed.value) || undefined;
  };
  const value = { ...filters, from: day("from"), to: day("to"), member: text("member"), intermittent: text("intermittent") };
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

export async function listAdminOffers(viewer: Viewer | null, typed: OfferFilters) {
  return referentRead(viewer, async (ex) => {
    const checked = checkFilters(typed);
    if (!checked.ok) return { offers: [] as AdminOfferRow[], more: false, problems: checked.problems };
    const filters = checked.value;
    const member = offerMember;
    const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const conditions = [
      eq(s.offers.amapId, viewer!.amapId),
      filters.from ? gte(s.distributions.startsAt, parisInstant(filters.from, "00:00")) : undefined,
      filters.to ? lte(s.distributions.startsAt, parisInstant(filters.to, "23:59")) : undefined,
      filters.placeId ? eq(s.distributions.placeId, filters.placeId) : undefined,
      filters.status && (OFFER_STATUSES as readonly string[]).includes(filters.status) ? eq(s.offers.status, filters.status) : undefined,
      filters.member
        ? or(
            ilike(sql`${member.firstName} || ' ' || ${member.lastName}`, like(filters.member)),
            ilike(member.email, like(filters.member)),
          )
        : undefined,
      filters.intermittent
        ? sql`exists (select 1 from ${s.reservations} r join ${s.users} u on u.id = r.intermittent_id
                       where r.offer_id = ${s.offers.id}
                         and ((u.first_name || ' ' || u.last_name) ilike ${like(filters.intermittent)} or u.email ilike ${like(filters.intermittent)}))`
        : undefined,
    ];
    const rows = await inOfferContext(
      ex
        .select({
          offerId: s.offers.id,
          status: s.offers.status,
          startsAt: s.distributions.startsAt,
          endsAt: s.distributions.endsAt,
          placeName: s.places.name,
          memberFirst: member.firstName,
          memberLast: member.lastName,
          memberEmail: member.email,
        })
        .from(s.offers)
        .$dynamic(),
    ).where(and(...conditions))
      .orderBy(desc(s.distributions.startsAt), desc(s.offers.id))
      .limit(ADMIN_OFFERS_PAGE + 1);
    const shown = rows.slice(0, ADMIN_OFFERS_PAGE);
    const ids = shown.map((r) => r.offerId);
    const [lines, live] = await Promise.all([
      linesOf(ex, ids),
      ids.length
        ? ex
            .select({
              offerId: s.reservations.offerId,
              status: s.reservations.status,
              first: s.users.firstName,
              last: s.users.lastName,
              email: s.users.email,
            })
            .from(s.reservations)
            .innerJoin(s.users, eq(s.users.id, s.reservations.intermittentId))
            .where(and(inArray(s.reservations.offerId, ids), inArray(s.reservations.status, ["pending", "queued", "accepted"])))
        : Promise.resolve([]),
    ]);
    const offers: AdminOfferRow[] = shown.map((r) => {
      const mine = live.filter((x) => x.offerId === r.offerId);
      const front = mine.find((x) => x.status === "accepted") ?? mine.find((x) => x.status === "pending");
      return {
        offerId: r.offerId,
        slot: formatSlot(r.startsAt, r.endsAt),
        month: parisDate(r.startsAt).slice(0, 7),
        placeName: r.placeName,
        status: r.status,
        memberName: fullName(r.memberFirst, r.memberLast, r.memberEmail),
        lines: lines.get(r.offerId) ?? [],
        who: front ? fullName(front.first, front.last, front.email) : null,
        queueLength: mine.filter((x) => x.status === "queued").length,
      };
    });
    return { offers, more: rows.length > ADMIN_OFFERS_PAGE, problems: [] as OfferFilterProblem[] };
  });
}

export async function listPlaces(viewer: Viewer | null) {
  return referentRead(viewer, (ex) =>
    ex
      .select({ id: s.places.id, name: s.places.name })
      .from(s.places)
      .where(eq(s.places.amapId, viewer!.amapId))
      .orderBy(asc(s.places.name)),
  );
}

export type AdminOfferDetail = {
  offerId: number;
  slot: string;
  placeName: string;
  status: OfferStatus;
  isPast: boolean;
  message: string;
  cancelReason: string | null;
  member: { fullName: string; email: string; phone: string | null };
  lines: BasketLineDTO[];
  reservations: { id: number; status: ReservationStatus; position: number; fullName: string; email: string; phone: string | null }[];
  history: { at: Date; who: string | null; action: string; from: string | null; to: string | null; reason: string | null }[];
  /** Active intermittents who could be given the basket. */
  candidates: { userId: string; fullName: string }[];
};

/** One of the AMAP's offers (null for another AMAP's, as for none). */
async function readOffer(ex: Executor, amapId: number, offerId: number): Promise<AdminOfferDetail | null> {
  const member = offerMember;
  const [row] = await inOfferContext(
    ex
      .select({
        offerId: s.offers.id,
        status: s.offers.status,
        message: s.offers.message,
        cancelReason: s.offers.cancelReason,
        memberId: s.offers.memberId,
        startsAt: s.distributions.startsAt,
        endsAt: s.distributions.endsAt,
        placeName: s.places.name,
        first: member.firstName,
        last: member.lastName,
        email: member.email,
        phone: member.phone,
      })
      .from(s.offers)
      .$dynamic(),
  ).where(and(eq(s.offers.id, offerId), eq(s.offers.amapId, amapId)));
  if (!row) return null;
  const actor = alias(s.users, "actor");
  const [lines, reservationRows, people, history, candidates] = await Promise.all([
    linesOf(ex, [offerId]),
    reservationsOf(ex, [offerId]),
    ex
      .select({ id: s.users.id, first: s.users.firstName, last: s.users.lastName, email: s.users.email, phone: s.users.phone })
      .from(s.reservations)
      .innerJoin(s.users, eq(s.users.id, s.reservations.intermittentId))
      .where(eq(s.reservations.offerId, offerId)),
    ex
      .select({
        at: s.events.at,
        first: actor.firstName,
        last: actor.lastName,
        email: actor.email,
        action: s.events.action,
        from: s.events.fromStatus,
        to: s.events.toStatus,
        reason: s.events.reason,
      })
      .from(s.events)
      .leftJoin(actor, eq(actor.id, s.events.actorId))
      .where(eq(s.events.offerId, offerId))
      .orderBy(asc(s.events.id)),
    ex
      .select({ userId: s.users.id, first: s.users.firstName, last: s.users.lastName, email: s.users.email })
      .from(s.intermittentMemberships)
      .innerJoin(s.users, eq(s.users.id, s.intermittentMemberships.userId))
      .where(
        and(
          eq(s.intermittentMemberships.amapId, amapId),
          isNull(s.intermittentMemberships.leftAt),
          sql`${s.users.id} <> ${row.memberId}`,
        ),
      )
      .orderBy(asc(s.users.lastName), asc(s.users.firstName)),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    offerId: row.offerId,
    slot: formatSlot(row.startsAt, row.endsAt),
    placeName: row.placeName,
    status: row.status,
    isPast: row.startsAt.getTime() <= Date.now(),
    message: row.message,
    cancelReason: row.cancelReason,
    member: { fullName: fullName(row.first, row.last, row.email), email: row.email, phone: row.phone },
    lines: lines.get(offerId) ?? [],
    reservations: reservationRows
      .sort((a, b) => a.position - b.position)
      .map((r) => {
        const p = byId.get(r.intermittentId);
        return {
          id: r.id,
          status: r.status,
          position: r.position,
          fullName: p ? fullName(p.first, p.last, p.email) : "",
          email: p?.email ?? "",
          phone: p?.phone ?? null,
        };
      }),
    history: history.map((h) => ({
      at: h.at,
      who: h.email ? fullName(h.first ?? "", h.last ?? "", h.email) : null,
      action: h.action,
      from: h.from,
      to: h.to,
      reason: h.reason,
    })),
    candidates: candidates.map((c) => ({ userId: c.userId, fullName: fullName(c.first, c.last, c.email) })),
  };
}

export async function getAdminOffer(viewer: Viewer | null, offerId: number) {
  return referentRead(viewer, (ex) => readOffer(ex, viewer!.amapId, offerId));
}
