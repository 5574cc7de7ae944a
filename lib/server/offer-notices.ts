import "server-only";
// Turns the state machine's notices into outbox rows, inside the caller's
// transaction: one personal row per recipient, carrying ids only.
import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { Notice, ReservationRef } from "@/lib/domain/offer";
import type { OfferMailPayloads } from "./offer-mail";
import { enqueueMail } from "./outbox";

type OfferRef = { offerId: number; memberId: string };

async function emailsOf(tx: Tx, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.select({ id: s.users.id, email: s.users.email }).from(s.users).where(inArray(s.users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.email]));
}

export async function enqueueOfferNotices(
  tx: Tx,
  offer: OfferRef,
  notices: readonly Notice[],
  newReservationId: number | null,
): Promise<void> {
  if (notices.length === 0) return;
  const resolve = (ref: ReservationRef): number => {
    if (ref === "new") {
      if (newReservationId === null) throw new Error("notice about a reservation that was not created");
      return newReservationId;
    }
    return ref;
  };
  const reservationIds = notices.flatMap((n) => ("reservation" in n && n.reservation !== null ? [resolve(n.reservation)] : []));
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

  for (const notice of notices) {
    switch (notice.kind) {
      case "offer-listed":
        await enqueueMail(tx, "offer-listed", [{ to: toOwner.to, payload: { ...base, userId: offer.memberId } }]);
        break;
      case "offer-announced": {
        // Every active intermittent but the owner: one personal message each,
        // written by one INSERT … SELECT so thousands of recipients never
        // travel to Node and back inside the transaction. The payload is the
        // same as enqueueMail's (OfferMailPayloads["offer-announced"]).
        await tx.execute(sql`
          insert into ${s.outbox} (kind, recipient, payload)
          select 'offer-announced', ${s.users.email},
                 jsonb_build_object('offerId', ${base.offerId}::int, 'userId', ${s.users.id}, 'reopened', ${notice.reopened}::boolean)
            from ${s.intermittentMemberships}
            join ${s.users} on ${s.users.id} = ${s.intermittentMemberships.userId}
           where ${s.intermittentMemberships.leftAt} is null and ${s.users.id} <> ${offer.memberId}`);
        break;
      }
      case "referent-action":
        await enqueueMail(tx, "referent-action", [
          {
            to: toOwner.to,
            payload: {
              ...base,
              userId: offer.memberId,
              action: notice.action,
              reservationId: notice.reservation === null ? null : resolve(notice.reservation),
            },
          },
        ]);
        break;
      case "reservation-to-decide":
      case "reservation-accepted-owner":
      case "reservation-withdrawn": {
        const reservationId = resolve(notice.reservation);
        const payload = {
          ...base,
          reservationId,
          userId: toOwner.userId,
          ...(notice.kind === "reservation-to-decide" ? { promoted: notice.promoted } : {}),
          ...(notice.kind === "reservation-withdrawn" ? { next: notice.next } : {}),
        };
        await enqueueMail(tx, notice.kind, [
          { to: toOwner.to, payload: payload as OfferMailPayloads[typeof notice.kind] },
        ]);
        break;
      }
      default: {
        const reservationId = resolve(notice.reservation);
        const recipient = toHolder(reservationId);
        const payload = {
          ...base,
          reservationId,
          userId: recipient.userId,
          ...(notice.kind === "reservation-pending" ? { promoted: notice.promoted } : {}),
          ...(notice.kind === "offer-cancelled" ? { wasTaker: notice.wasTaker } : {}),
        };
        await enqueueMail(tx, notice.kind, [
          { to: recipient.to, payload: payload as OfferMailPayloads[typeof notice.kind] },
        ]);
      }
    }
  }
}
