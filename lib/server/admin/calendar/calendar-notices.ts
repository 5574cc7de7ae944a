import "server-only";
// Who is told when a référent cancels or moves a distribution, written as
// outbox rows in the command's own transaction (one personal row each,
// carrying ids; lib/server/admin/calendar/calendar-mail.ts delivers them).
//
// Everyone concerned: the members with baskets that day (their subscription
// covers the day, for a contract delivered then), the members who offered a
// basket for it, and whoever holds a live reservation on one of those
// baskets — the taker, the one awaiting the member's answer, those in the
// queue. Not the intermittents a basket was merely announced to: they
// committed to nothing, every page and later mail shows the date as it is
// (a moved basket is reserved at its new date, a cancelled one is no longer
// listed), and a message to the whole list at each change would teach them
// to ignore it. Not the référent who acted either: they just did it, and the
// page says what was done.
import { and, eq, gte, inArray, lte, ne, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import { LIVE_RESERVATION_STATUSES, ACTIVE_OFFER_STATUSES } from "@/lib/domain/offer";
import { enqueueMail } from "../../mail";
import type { CancelledWithCause } from "../../exchange";
import type { CalendarMailKind, SlotPayload } from "./calendar-mail";

async function emailsOf(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.select({ id: s.users.id, email: s.users.email }).from(s.users).where(inArray(s.users.id, [...new Set(userIds)]));
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** The AMAP's members whose subscription covers one of `days` (Paris dates) for a contract the distribution delivers. */
async function membersWithBaskets(tx: Tx, amapId: number, distributionId: number, days: readonly string[]): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: s.subscriptions.userId })
    .from(s.subscriptions)
    .innerJoin(
      s.distributionContracts,
      and(eq(s.distributionContracts.contractId, s.subscriptions.contractId), eq(s.distributionContracts.distributionId, distributionId)),
    )
    .where(
      and(
        eq(s.subscriptions.amapId, amapId),
        or(...days.map((day) => and(lte(s.subscriptions.startsOn, day), gte(s.subscriptions.endsOn, day)))),
      ),
    );
  return rows.map((r) => r.id);
}

/**
 * The rows of a cancelled distribution: one to each member concerned (with
 * the offers of theirs it cancelled), one to each holder of a reservation it
 * cancelled. `everyone`: the members with baskets that day too, else only the
 * members whose offer it cancelled. Returns how many people are told.
 */
export async function enqueueCancellationMails(
  tx: Tx,
  input: {
    amapId: number;
    distributionId: number;
    eventId: number;
    actorId: string;
    day: string;
    cancelled: readonly CancelledWithCause[];
    everyone: boolean;
  },
): Promise<number> {
  const { distributionId, eventId, actorId } = input;
  const owners = input.cancelled.map((c) => c.memberId);
  const withBaskets = input.everyone ? await membersWithBaskets(tx, input.amapId, distributionId, [input.day]) : [];
  const members = [...new Set([...withBaskets, ...owners])].filter((id) => id !== actorId);
  const holders = input.cancelled
    .flatMap((c) => c.reservations.map((r) => ({ ...r, offerId: c.offerId })))
    .filter((h) => h.intermittentId !== actorId);
  const emails = await emailsOf(tx, [...members, ...holders.map((h) => h.intermittentId)]);
  await enqueueMail(
    tx,
    input.amapId,
    "distribution-cancelled-member",
    members.map((userId) => ({
      to: emails.get(userId)!,
      payload: {
        distributionId,
        userId,
        eventId,
        offerIds: input.cancelled.filter((c) => c.memberId === userId).map((c) => c.offerId),
      },
    })),
  );
  await enqueueMail(
    tx,
    input.amapId,
    "distribution-cancelled-taker",
    holders.map((h) => ({
      to: emails.get(h.intermittentId)!,
      payload: { distributionId, userId: h.intermittentId, eventId, offerId: h.offerId, reservationId: h.id, wasTaker: h.wasTaker },
    })),
  );
  return new Set([...members, ...holders.map((h) => h.intermittentId)]).size;
}

const MOVED_KINDS: CalendarMailKind[] = ["distribution-moved-member", "distribution-moved-taker"];

/**
 * Per recipient of an earlier move of this distribution whose mail has not
 * left yet: the date that mail was to announce the move from. It will be
 * dropped (the date is no longer the one it announces), so the new mail
 * starts from there — what the recipient last heard of.
 */
async function unsentMoves(tx: Tx, amapId: number, distributionId: number): Promise<Map<string, SlotPayload>> {
  const rows = await tx
    .select({ kind: s.outbox.kind, payload: s.outbox.payload })
    .from(s.outbox)
    .where(
      and(
        eq(s.outbox.amapId, amapId),
        inArray(s.outbox.kind, MOVED_KINDS),
        inArray(s.outbox.status, ["pending", "sending"]),
        sql`(${s.outbox.payload}->>'distributionId')::int = ${distributionId}`,
      ),
    )
    .orderBy(s.outbox.id);
  const from = new Map<string, SlotPayload>();
  for (const { kind, payload } of rows) {
    const key = `${kind}:${String(payload.userId)}:${String(payload.reservationId ?? "")}`;
    if (!from.has(key)) from.set(key, payload.from as SlotPayload);
  }
  return from;
}

/**
 * The rows of a moved distribution: one to each member concerned (baskets on
 * the old day or the new one, or an offer on it), one to each live
 * reservation on its active offers. Returns how many people are told.
 */
export async function enqueueMoveMails(
  tx: Tx,
  input: { amapId: number; distributionId: number; eventId: number; actorId: string; days: string[]; from: SlotPayload; to: SlotPayload },
): Promise<number> {
  const { distributionId, eventId, actorId, to } = input;
  const [withBaskets, offers] = await Promise.all([
    membersWithBaskets(tx, input.amapId, distributionId, input.days),
    tx
      .select({ id: s.offers.id, memberId: s.offers.memberId })
      .from(s.offers)
      .where(
        and(eq(s.offers.amapId, input.amapId), eq(s.offers.distributionId, distributionId), inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES])),
      )
      // Held until the move commits: a reservation arriving meanwhile (it locks its offer FOR UPDATE)
      // waits, then is told the new date by its own mails, rendered after this commit.
      .for("share"),
  ]);
  const members = [...new Set([...withBaskets, ...offers.map((o) => o.memberId)])].filter((id) => id !== actorId);
  const holders =
    offers.length === 0
      ? []
      : await tx
          .select({ id: s.reservations.id, offerId: s.reservations.offerId, userId: s.reservations.intermittentId })
          .from(s.reservations)
          .where(
            and(
              inArray(s.reservations.offerId, offers.map((o) => o.id)),
              inArray(s.reservations.status, [...LIVE_RESERVATION_STATUSES]),
              ne(s.reservations.intermittentId, actorId),
            ),
          );
  const [emails, earlier] = await Promise.all([emailsOf(tx, [...members, ...holders.map((h) => h.userId)]), unsentMoves(tx, input.amapId, distributionId)]);
  const fromFor = (kind: CalendarMailKind, userId: string, reservationId = "") => earlier.get(`${kind}:${userId}:${reservationId}`) ?? input.from;
  await enqueueMail(
    tx,
    input.amapId,
    "distribution-moved-member",
    members.map((userId) => ({
      to: emails.get(userId)!,
      payload: { distributionId, userId, eventId, from: fromFor("distribution-moved-member", userId), to },
    })),
  );
  await enqueueMail(
    tx,
    input.amapId,
    "distribution-moved-taker",
    holders.map((h) => ({
      to: emails.get(h.userId)!,
      payload: {
        distributionId,
        userId: h.userId,
        eventId,
        offerId: h.offerId,
        reservationId: h.id,
        from: fromFor("distribution-moved-taker", h.userId, String(h.id)),
        to,
      },
    })),
  );
  return new Set([...members, ...holders.map((h) => h.userId)]).size;
}
