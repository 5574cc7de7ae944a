import "server-only";
// Turns the state machine's notices into outbox rows, inside the caller's
// transaction: one personal row per recipient, carrying ids only.
import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { Notice, ReservationRef } from "@/lib/domain/offer";
import type { OfferMailPayloads } from "./offer-mail";
import type { MailKind } from "../mail";
import { enqueueMail, type NewMail } from "../mail";

type OfferRef = { offerId: number; memberId: string; amapId: number };

async function emailsOf(tx: Tx, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.select({ id: s.users.id, email: s.users.email }).from(s.users).where(inArray(s.users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.email]));
}

/**
 * Announces offers of one member to every active intermittent but the owner,
 * and but anyone the member refused for one of them (a refused person is not
 * invited again to the same basket): one personal message each, naming the
 * offer, or the several dates offered at once (`offerIds`, one message for
 * all). Written by one INSERT … SELECT so thousands of recipients never
 * travel to Node and back inside the transaction. The payload is
 * OfferMailPayloads["offer-announced"].
 */
export async function enqueueAnnouncement(
  tx: Tx,
  offers: { offerIds: number[]; memberId: string; amapId: number },
  reopened: boolean,
): Promise<number> {
  const { offerIds, memberId, amapId } = offers;
  if (offerIds.length === 0) return 0;
  const ids = sql.join(
    offerIds.map((id) => sql`${id}::int`),
    sql`, `,
  );
  const about =
    offerIds.length === 1
      ? sql`'offerId', ${offerIds[0]}::int`
      : sql`'offerIds', jsonb_build_array(${ids})`;
  const result = await tx.execute(sql`
    with sent as (
    insert into ${s.outbox} (amap_id, kind, recipient, payload)
    select ${amapId}::int, 'offer-announced', ${s.users.email},
           jsonb_build_object(${about}, 'userId', ${s.users.id}, 'reopened', ${reopened}::boolean)
      from ${s.intermittentMemberships}
      join ${s.users} on ${s.users.id} = ${s.intermittentMemberships.userId}
     where ${s.intermittentMemberships.amapId} = ${amapId} and ${s.intermittentMemberships.leftAt} is null
       and ${s.users.id} <> ${memberId}
       and not exists (
         select 1 from ${s.reservations}
          where ${s.reservations.offerId} in (${ids})
            and ${s.reservations.intermittentId} = ${s.users.id}
            and ${s.reservations.status} = 'declined')
    returning 1)
    select count(*)::int as n from sent`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}

/** One decision's notices, with the reservation it created (what "new" means). */
export type NoticeBatch = { notices: readonly Notice[]; newReservationId: number | null };

export async function enqueueOfferNotices(
  tx: Tx,
  offer: OfferRef,
  notices: readonly Notice[],
  newReservationId: number | null,
): Promise<number> {
  return enqueueNoticeBatches(tx, offer, [{ notices, newReservationId }]);
}

/**
 * The notices of several decisions on one offer (reservations taken together):
 * the recipients are read once, and consecutive messages of one kind go in one
 * INSERT, so 500 decisions cost a handful of statements, not 1,500.
 * Returns how many people are emailed (what a confirmation may say).
 */
export async function enqueueNoticeBatches(tx: Tx, offer: OfferRef, batches: readonly NoticeBatch[]): Promise<number> {
  const items = batches.flatMap(({ notices, newReservationId }) => notices.map((notice) => ({ notice, newReservationId })));
  if (items.length === 0) return 0;
  const resolve = (ref: ReservationRef, newReservationId: number | null): number => {
    if (ref === "new") {
      if (newReservationId === null) throw new Error("notice about a reservation that was not created");
      return newReservationId;
    }
    return ref;
  };
  const reservationIds = items.flatMap(({ notice: n, newReservationId }) =>
    "reservation" in n && n.reservation !== null ? [resolve(n.reservation, newReservationId)] : [],
  );
  const holders = new Map<number, string>();
  if (reservationIds.length > 0) {
    const rows = await tx
      .select({ id: s.reservations.id, intermittentId: s.reservations.intermittentId, status: s.reservations.status })
      .from(s.reservations)
      .where(inArray(s.reservations.id, reservationIds));
    for (const r of rows) holders.set(r.id, r.intermittentId);
  }
  const emails = await emailsOf(tx, [offer.memberId, ...holders.values()]);
  const toOwner = { to: emails.get(offer.memberId)!, userId: offer.memberId };
  const toHolder = (reservationId: number) => {
    const userId = holders.get(reservationId)!;
    return { to: emails.get(userId)!, userId };
  };
  const base = { offerId: offer.offerId };

  // Consecutive rows of one kind are written together, in the order decided.
  const pending: { kind: MailKind; mails: NewMail<MailKind>[] }[] = [];
  const recipients = new Set<string>();
  let announced = 0;
  const enqueue = <K extends MailKind>(kind: K, mails: NewMail<K>[]): void => {
    for (const mail of mails) recipients.add(mail.to);
    const last = pending.at(-1);
    if (last && last.kind === kind) last.mails.push(...(mails as NewMail<MailKind>[]));
    else pending.push({ kind, mails: [...(mails as NewMail<MailKind>[])] });
  };
  const flush = async (): Promise<void> => {
    for (const group of pending.splice(0)) await enqueueMail(tx, offer.amapId, group.kind, group.mails);
  };

  for (const { notice, newReservationId } of items) {
    switch (notice.kind) {
      case "offer-listed":
        enqueue("offer-listed", [{ to: toOwner.to, payload: { ...base, userId: offer.memberId } }]);
        break;
      case "offer-announced": {
        await flush();
        announced += await enqueueAnnouncement(tx, { offerIds: [base.offerId], memberId: offer.memberId, amapId: offer.amapId }, notice.reopened);
        break;
      }
      case "referent-action":
        enqueue("referent-action", [
          {
            to: toOwner.to,
            payload: {
              ...base,
              userId: offer.memberId,
              action: notice.action,
              reservationId: notice.reservation === null ? null : resolve(notice.reservation, newReservationId),
              ...(notice.told === undefined ? {} : { told: notice.told }),
            },
          },
        ]);
        break;
      case "reservation-to-decide":
      case "reservation-accepted-owner":
      case "reservation-withdrawn": {
        const reservationId = resolve(notice.reservation, newReservationId);
        const payload = {
          ...base,
          reservationId,
          userId: toOwner.userId,
          ...(notice.kind === "reservation-to-decide" ? { promoted: notice.promoted } : {}),
          ...(notice.kind === "reservation-withdrawn" ? { next: notice.next } : {}),
        };
        enqueue(notice.kind, [
          { to: toOwner.to, payload: payload as OfferMailPayloads[typeof notice.kind] },
        ]);
        break;
      }
      default: {
        const reservationId = resolve(notice.reservation, newReservationId);
        const recipient = toHolder(reservationId);
        const payload = {
          ...base,
          reservationId,
          userId: recipient.userId,
          ...(notice.kind === "reservation-pending" ? { promoted: notice.promoted } : {}),
          ...(notice.kind === "offer-cancelled" ? { wasTaker: notice.wasTaker } : {}),
        };
        enqueue(notice.kind, [
          { to: recipient.to, payload: payload as OfferMailPayloads[typeof notice.kind] },
        ]);
      }
    }
  }
  await flush();
  return recipients.size + announced;
}
