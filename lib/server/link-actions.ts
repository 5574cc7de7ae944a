import "server-only";
// What an email link does. `describeLink` serves the confirmation page (GET
// and HEAD: reads only); `performLink` is its button: the same commands and
// checks as the site, acting for the link's recipient, spending the link in
// the action's transaction.
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import * as s from "@/db/schema";
import type { Refusal } from "@/lib/domain/offer";
import type { ListRefusal } from "@/lib/domain/intermittents";
import { formatSlot } from "@/lib/domain/time";
import { viewerForLink, type Viewer } from "./auth";
import { leaveListByLink } from "./intermittents";
import { isLinkUsed, verifyLinkToken, type LinkAction, type LinkClaims } from "./links";
import { linesOf, type BasketLineDTO } from "./offer-rows";
import { acceptReservation, declineReservation, reserveOffer, withdrawReservation } from "./offers";

export type LinkSubject = {
  slot: string;
  placeName: string;
  memberFirstName: string;
  lines: BasketLineDTO[];
  totalCents: number;
  message: string;
  /** accept / decline: who asked. */
  intermittentName?: string;
};

export type LinkView =
  | { state: "invalid" | "expired" | "used" | "foreign" }
  | { state: "ok"; action: LinkAction; recipientFirstName: string; subject: LinkSubject | null; onList?: boolean };

async function subjectOf(claims: LinkClaims): Promise<LinkSubject | null> {
  if (claims.action === "unsubscribe") return null;
  const db = await getDb();
  const member = alias(s.users, "member");
  const intermittent = alias(s.users, "intermittent");
  const offerId =
    claims.action === "reserve"
      ? claims.objectId
      : (await db.select({ offerId: s.reservations.offerId }).from(s.reservations).where(eq(s.reservations.id, claims.objectId)))[0]
          ?.offerId;
  if (!offerId) return null;
  const [row] = await db
    .select({
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      placeName: s.places.name,
      memberFirstName: member.firstName,
      message: s.offers.message,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .innerJoin(member, eq(member.id, s.offers.memberId))
    .where(eq(s.offers.id, offerId));
  if (!row) return null;
  const lines = (await linesOf(db, [offerId])).get(offerId) ?? [];
  let intermittentName: string | undefined;
  if (claims.action === "accept" || claims.action === "decline") {
    const [who] = await db
      .select({ first: intermittent.firstName, last: intermittent.lastName })
      .from(s.reservations)
      .innerJoin(intermittent, eq(intermittent.id, s.reservations.intermittentId))
      .where(eq(s.reservations.id, claims.objectId));
    intermittentName = who ? `${who.first} ${who.last}`.trim() : undefined;
  }
  return {
    slot: formatSlot(row.startsAt, row.endsAt),
    placeName: row.placeName,
    memberFirstName: row.memberFirstName,
    lines,
    totalCents: lines.reduce((sum, l) => sum + l.priceCents, 0),
    message: row.message,
    intermittentName,
  };
}

/** For the confirmation page. Reads only. `signedIn` is the session's viewer, if any. */
export async function describeLink(token: string, signedIn: Viewer | null): Promise<LinkView> {
  const check = verifyLinkToken(token);
  if (!check.ok) return { state: check.reason };
  const { claims } = check;
  // Someone signed in as another person opened a link that was not theirs.
  if (signedIn && signedIn.userId !== claims.userId) return { state: "foreign" };
  const db = await getDb();
  if (await isLinkUsed(db, claims.nonce)) return { state: "used" };
  const recipient = await viewerForLink(claims);
  if (!recipient) return { state: "invalid" };
  return {
    state: "ok",
    action: claims.action,
    recipientFirstName: recipient.firstName,
    subject: await subjectOf(claims),
    ...(claims.action === "unsubscribe" ? { onList: recipient.roles.has("intermittent") } : {}),
  };
}

export type LinkOutcome = "reserved" | "queued" | "accepted-for-you" | "accepted" | "declined" | "withdrawn" | "unsubscribed";

export type LinkResult =
  | { ok: true; outcome: LinkOutcome }
  | { ok: false; refusal: Refusal | ListRefusal | "invalid" | "expired" | "foreign" };

/** The confirmation page's button. */
export async function performLink(token: string, signedIn: Viewer | null): Promise<LinkResult> {
  const check = verifyLinkToken(token);
  if (!check.ok) return { ok: false, refusal: check.reason };
  const { claims } = check;
  if (signedIn && signedIn.userId !== claims.userId) return { ok: false, refusal: "foreign" };
  if (claims.action === "unsubscribe") {
    const result = await leaveListByLink(claims);
    return result.ok ? { ok: true, outcome: "unsubscribed" } : { ok: false, refusal: result.refusal };
  }
  const viewer = await viewerForLink(claims);
  if (!viewer) return { ok: false, refusal: "invalid" };
  switch (claims.action) {
    case "reserve": {
      const result = await reserveOffer(viewer, claims.objectId, claims);
      if (!result.ok) return result;
      const status = result.value.newReservationStatus;
      return { ok: true, outcome: status === "accepted" ? "accepted-for-you" : status === "queued" ? "queued" : "reserved" };
    }
    case "accept": {
      const result = await acceptReservation(viewer, claims.objectId, "", claims);
      return result.ok ? { ok: true, outcome: "accepted" } : result;
    }
    case "decline": {
      const result = await declineReservation(viewer, claims.objectId, "", claims);
      return result.ok ? { ok: true, outcome: "declined" } : result;
    }
    case "withdraw": {
      const result = await withdrawReservation(viewer, claims.objectId, claims);
      return result.ok ? { ok: true, outcome: "withdrawn" } : result;
    }
  }
}
