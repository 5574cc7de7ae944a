import "server-only";
// What an email link does. `describeLink` serves the confirmation page (GET
// and HEAD: reads only) and reads the current state first, so an old link
// says what happened instead of offering a button that would fail;
// `performLink` is its button: the same commands and checks as the site,
// acting for the link's recipient, spending the link in the action's
// transaction. One entry per action in HANDLERS: a new link action is one
// more entry (and its variant of LinkSituation).
// A link acts for its recipient in the AMAP of what it names (the offer, or
// the reservation's offer): an email of any AMAP keeps working for its
// recipient there. An unsubscribe link names its AMAP (one sent before AMAPs
// names none: the deployment's first, as lib/server/list reads it).
import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Executor } from "@/db/client";
import * as s from "@/db/schema";
import type { Refusal } from "@/lib/domain/offer";
import {
  decisionStanding,
  reserveStanding,
  withdrawStanding,
  type OfferView,
  type ReserveStep,
  type Standing,
  type WithdrawStep,
} from "@/lib/domain/offer-standing";
import type { ListRefusal } from "@/lib/domain/intermittents";
import { formatSlot } from "@/lib/domain/time";
import { viewerForLink, type Viewer } from "../auth";
import { amapOfUnsubscribeLink, leaveListByLink, leavePartnerBasketsByLink } from "../list";
import { getSettings, homeAmapId, isLinkUsed, partnerHomeOf, verifyLinkToken, type LinkAction, type LinkClaims } from "../core";
import { actorOf, actorOnOffer } from "../exchange";
import { linesOf, reservationsOf, type BasketLineDTO } from "../exchange";
import { acceptReservation, declineReservation, reserveOffer, withdrawReservation } from "../exchange";
import { inOfferContext, offerMember } from "../exchange";

export type LinkSubject = {
  slot: string;
  placeName: string;
  memberFirstName: string;
  lines: BasketLineDTO[];
  totalCents: number;
  message: string;
  /** accept / decline / withdraw: the reservation's intermittent. */
  intermittentName?: string;
};

/** Whether the link's action still applies, and if not, what happened instead. */
export type LinkSituation =
  | { action: "reserve"; standing: Standing<ReserveStep> }
  | { action: "accept" | "decline"; standing: Standing<null> }
  | { action: "withdraw"; standing: Standing<WithdrawStep> }
  /** Not ready: the recipient is no longer on the list. `amapName`: the AMAP whose list it leaves. */
  | { action: "unsubscribe"; amapName: string; standing: { ready: true; step: null } | { ready: false } }
  /** A partner AMAP's baskets (`amapName`); not ready: the recipient no longer receives them. */
  | { action: "leave-partner"; amapName: string; standing: { ready: true; step: null } | { ready: false } };

export type LinkView =
  | { state: "invalid" | "expired" | "used" | "foreign" }
  | ({ state: "ok"; recipientFirstName: string; subject: LinkSubject | null } & LinkSituation);

export type LinkOutcome = "reserved" | "queued" | "accepted-for-you" | "accepted" | "declined" | "withdrawn" | "unsubscribed" | "left-partner";

export type LinkResult =
  /** `space`: the slug of the AMAP the outcome is about, when the page that tells it should name it (unsubscribed). */
  | { ok: true; outcome: LinkOutcome; space?: string }
  | { ok: false; refusal: Refusal | ListRefusal | "invalid" | "expired" | "foreign" };

/** What the button may carry besides the token: the optional word to the person declined. */
export type LinkInput = { reason?: string };

/**
 * An offer of `amapId` as the state machine sees it (read, not locked: the
 * page only reads), and as the page shows it; null when there is none there.
 */
async function loadOffer(
  offerId: number,
  amapId: number,
): Promise<{ view: OfferView; subject: LinkSubject; reach: { id: number; amapId: number; partnersAnnouncedAt: Date | null } } | null> {
  const db = await getDb();
  const member = offerMember;
  const [row] = await inOfferContext(
    db
      .select({
        id: s.offers.id,
        memberId: s.offers.memberId,
        status: s.offers.status,
        autoAccept: s.offers.autoAccept,
        partnersAnnouncedAt: s.offers.partnersAnnouncedAt,
        message: s.offers.message,
        startsAt: s.distributions.startsAt,
        endsAt: s.distributions.endsAt,
        cancelledAt: s.distributions.cancelledAt,
        placeName: s.places.name,
        memberFirstName: member.firstName,
      })
      .from(s.offers)
      .$dynamic(),
  ).where(and(eq(s.offers.id, offerId), eq(s.offers.amapId, amapId)));
  if (!row) return null;
  const [lines, reservations] = await Promise.all([linesOf(db, [offerId]), reservationsOf(db, [offerId])]);
  const offerLines = lines.get(offerId) ?? [];
  return {
    reach: { id: row.id, amapId, partnersAnnouncedAt: row.partnersAnnouncedAt },
    view: {
      id: row.id,
      memberId: row.memberId,
      status: row.status,
      autoAccept: row.autoAccept,
      startsAt: row.startsAt,
      reservations,
      distributionCancelled: row.cancelledAt !== null,
    },
    subject: {
      slot: formatSlot(row.startsAt, row.endsAt),
      placeName: row.placeName,
      memberFirstName: row.memberFirstName,
      lines: offerLines,
      totalCents: offerLines.reduce((sum, l) => sum + l.priceCents, 0),
      message: row.message,
    },
  };
}

/** The offer of a reservation (in `amapId`), with the reservation's intermittent named. */
async function loadReservation(reservationId: number, amapId: number) {
  const db = await getDb();
  const intermittent = alias(s.users, "intermittent");
  const [row] = await db
    .select({ offerId: s.reservations.offerId, first: intermittent.firstName, last: intermittent.lastName })
    .from(s.reservations)
    .innerJoin(intermittent, eq(intermittent.id, s.reservations.intermittentId))
    .where(eq(s.reservations.id, reservationId));
  const offer = row ? await loadOffer(row.offerId, amapId) : null;
  if (!row || !offer) return null;
  return { view: offer.view, subject: { ...offer.subject, intermittentName: `${row.first} ${row.last}`.trim() } };
}

type Described = { subject: LinkSubject | null } & LinkSituation;

/** The AMAP of an offer, or of a reservation's offer; null when there is none. */
async function amapOfOffer(ex: Executor, offerId: number): Promise<number | null> {
  const [row] = await ex.select({ amapId: s.offers.amapId }).from(s.offers).where(eq(s.offers.id, offerId));
  return row?.amapId ?? null;
}

async function amapOfReservation(ex: Executor, reservationId: number): Promise<number | null> {
  const [row] = await ex
    .select({ amapId: s.offers.amapId })
    .from(s.reservations)
    .innerJoin(s.offers, eq(s.offers.id, s.reservations.offerId))
    .where(eq(s.reservations.id, reservationId));
  return row?.amapId ?? null;
}

type Handler = {
  /** The AMAP of what the link names, where its recipient acts; null: the deployment's first. */
  amapOf: (ex: Executor, claims: LinkClaims) => Promise<number | null>;
  /** Reads only. `recipient` is the person the link was sent to, in the link's AMAP. */
  describe: (claims: LinkClaims, recipient: Viewer, now: Date) => Promise<Described>;
  /** The confirmation page's button. */
  perform: (claims: LinkClaims, input: LinkInput) => Promise<LinkResult>;
};

/** The link's recipient, acting in the AMAP of what the link names; null when the person is gone. */
async function recipientOf(claims: LinkClaims): Promise<Viewer | null> {
  const db = await getDb();
  const amapId = (await HANDLERS[claims.action].amapOf(db, claims)) ?? (await homeAmapId(db));
  return viewerForLink(claims, amapId);
}

async function asRecipient(claims: LinkClaims, run: (viewer: Viewer) => Promise<LinkResult>): Promise<LinkResult> {
  const viewer = await recipientOf(claims);
  return viewer ? run(viewer) : { ok: false, refusal: "invalid" };
}

const HANDLERS: { [A in LinkAction]: Handler } = {
  reserve: {
    amapOf: (ex, claims) => amapOfOffer(ex, claims.objectId),
    async describe(claims, recipient, now) {
      const offer = await loadOffer(claims.objectId, recipient.amapId);
      // A partner AMAP's intermittent it was announced to reserves it as its own intermittents do.
      const actor = offer ? await actorOnOffer(recipient, actorOf(recipient), offer.reach) : actorOf(recipient);
      return { action: "reserve", subject: offer?.subject ?? null, standing: reserveStanding(offer?.view ?? null, actor, now) };
    },
    perform: (claims) =>
      asRecipient(claims, async (viewer) => {
        const result = await reserveOffer(viewer, claims.objectId, claims);
        if (!result.ok) return result;
        const status = result.value.newReservationStatus;
        return { ok: true, outcome: status === "accepted" ? "accepted-for-you" : status === "queued" ? "queued" : "reserved" };
      }),
  },
  accept: {
    amapOf: (ex, claims) => amapOfReservation(ex, claims.objectId),
    async describe(claims, recipient, now) {
      const found = await loadReservation(claims.objectId, recipient.amapId);
      const standing = decisionStanding("accept", found?.view ?? null, actorOf(recipient), claims.objectId, now);
      return { action: "accept", subject: found?.subject ?? null, standing };
    },
    perform: (claims) =>
      asRecipient(claims, async (viewer) => {
        const result = await acceptReservation(viewer, claims.objectId, "", claims);
        return result.ok ? { ok: true, outcome: "accepted" } : result;
      }),
  },
  decline: {
    amapOf: (ex, claims) => amapOfReservation(ex, claims.objectId),
    async describe(claims, recipient, now) {
      const found = await loadReservation(claims.objectId, recipient.amapId);
      const standing = decisionStanding("decline", found?.view ?? null, actorOf(recipient), claims.objectId, now);
      return { action: "decline", subject: found?.subject ?? null, standing };
    },
    perform: (claims, { reason = "" }) =>
      asRecipient(claims, async (viewer) => {
        const result = await declineReservation(viewer, claims.objectId, reason, claims);
        return result.ok ? { ok: true, outcome: "declined" } : result;
      }),
  },
  withdraw: {
    amapOf: (ex, claims) => amapOfReservation(ex, claims.objectId),
    async describe(claims, recipient, now) {
      const found = await loadReservation(claims.objectId, recipient.amapId);
      return {
        action: "withdraw",
        subject: found?.subject ?? null,
        standing: withdrawStanding(found?.view ?? null, actorOf(recipient), claims.objectId, now),
      };
    },
    perform: (claims) =>
      asRecipient(claims, async (viewer) => {
        const result = await withdrawReservation(viewer, claims.objectId, claims);
        return result.ok ? { ok: true, outcome: "withdrawn" } : result;
      }),
  },
  unsubscribe: {
    amapOf: (ex, claims) => amapOfUnsubscribeLink(ex, claims),
    async describe(_claims, recipient) {
      const onList = recipient.roles.has("intermittent");
      const { amapName } = await getSettings(undefined, recipient.amapId);
      return { action: "unsubscribe", subject: null, amapName, standing: onList ? { ready: true, step: null } : { ready: false } };
    },
    async perform(claims) {
      const result = await leaveListByLink(claims);
      if (!result.ok) return { ok: false, refusal: result.refusal };
      const [amap] = await (await getDb())
        .select({ slug: s.amaps.slug, suspendedAt: s.amaps.suspendedAt })
        .from(s.amaps)
        .where(eq(s.amaps.id, result.value.amapId));
      // A suspended AMAP's space answers 404: its name is then left out.
      return { ok: true, outcome: "unsubscribed", ...(amap && !amap.suspendedAt ? { space: amap.slug } : {}) };
    },
  },
  "leave-partner": {
    // The partner AMAP the link names: its baskets are the ones to stop.
    amapOf: async (ex, claims) => {
      const [row] = await ex.select({ id: s.amaps.id }).from(s.amaps).where(eq(s.amaps.id, claims.objectId));
      return row?.id ?? null;
    },
    async describe(claims, recipient) {
      const db = await getDb();
      const { amapName } = await getSettings(db, recipient.amapId);
      const receiving = recipient.amapId === claims.objectId && (await partnerHomeOf(db, claims.userId, claims.objectId)) !== null;
      return { action: "leave-partner", amapName, subject: null, standing: receiving ? { ready: true, step: null } : { ready: false } };
    },
    async perform(claims) {
      const result = await leavePartnerBasketsByLink(claims);
      return result.ok ? { ok: true, outcome: "left-partner" } : { ok: false, refusal: result.refusal };
    },
  },
};

/** `signedIn` is the session's viewer, if any. */
export async function describeLink(token: string, signedIn: Viewer | null, now = new Date()): Promise<LinkView> {
  const check = verifyLinkToken(token, now);
  if (!check.ok) return { state: check.reason };
  const { claims } = check;
  // Someone signed in as another person opened a link that was not theirs.
  if (signedIn && signedIn.userId !== claims.userId) return { state: "foreign" };
  const db = await getDb();
  if (await isLinkUsed(db, claims.nonce)) return { state: "used" };
  const recipient = await recipientOf(claims);
  if (!recipient) return { state: "invalid" };
  const described = await HANDLERS[claims.action].describe(claims, recipient, now);
  return { state: "ok", recipientFirstName: recipient.firstName, ...described };
}

export async function performLink(token: string, signedIn: Viewer | null, input: LinkInput = {}): Promise<LinkResult> {
  const check = verifyLinkToken(token);
  if (!check.ok) return { ok: false, refusal: check.reason };
  const { claims } = check;
  if (signedIn && signedIn.userId !== claims.userId) return { ok: false, refusal: "foreign" };
  return HANDLERS[claims.action].perform(claims, input);
}
