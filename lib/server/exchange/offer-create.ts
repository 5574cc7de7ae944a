import "server-only";
// « Céder mon panier »: the member's baskets offered for one or more dates,
// one offer per date, announced to the intermittents in one mail each.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { memberLinesAt } from "@/db/queries";
import * as s from "@/db/schema";
import { decideOfferLines, type Refusal } from "@/lib/domain/offer";
import { withoutForbiddenCharacters } from "@/lib/domain/text";
import type { Viewer } from "../auth";
import { enqueueAnnouncement, enqueueOfferNotices } from "./offer-notices";
import { kickOutbox } from "../mail";
import { getSettings } from "../core";
import { refused, type CommandResult } from "./transition";
import { Rollback } from "@/lib/result";

export type OfferInput = {
  distributionIds: number[];
  subscriptionIds: number[];
  message: string;
  autoAccept: boolean;
};

export const MAX_MESSAGE_LENGTH = 1000;

/**
 * Offers the chosen basket lines for each chosen distribution: one offer per
 * date, all in one transaction — if any date is refused, nothing is offered.
 */
export async function createOffers(
  viewer: Viewer,
  input: OfferInput,
): Promise<CommandResult<{ offerIds: number[] }> | { ok: false; refusal: Refusal; distributionId: number }> {
  const distributionIds = [...new Set(input.distributionIds)];
  const chosen = [...new Set(input.subscriptionIds)];
  if (distributionIds.length === 0 || chosen.length === 0) return refused("nothing_selected");
  const message = withoutForbiddenCharacters(input.message, { multiline: true }).trim().slice(0, MAX_MESSAGE_LENGTH);
  const db = await getDb();
  // Someone else's basket lines are not a choice, nor the member's own in another AMAP: with none of
  // the member's own here, nothing was chosen (and « not delivered that day » below only ever speaks
  // of the member's own baskets).
  const owned = await db
    .select({ id: s.subscriptions.id })
    .from(s.subscriptions)
    .where(
      and(eq(s.subscriptions.amapId, viewer.amapId), eq(s.subscriptions.userId, viewer.userId), inArray(s.subscriptions.id, chosen)),
    );
  const subscriptionIds = owned.map((row) => row.id);
  if (subscriptionIds.length === 0) return refused("nothing_selected");
  const now = new Date();
  let offerIds: number[];
  try {
    offerIds = await db.transaction(async (tx) => {
      // One offering at a time per member: serializes a double submit of the same form.
      await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.id, viewer.userId)).for("update");
      const { offerCloseHours } = await getSettings(tx, viewer.amapId);
      const created: number[] = [];
      for (const distributionId of distributionIds) {
        const distribution = await loadOfferable(tx, viewer.amapId, viewer.userId, distributionId);
        if (!distribution) throw new Rollback({ ok: false as const, refusal: "not_found" as Refusal, distributionId });
        const decision = decideOfferLines(distribution, subscriptionIds, offerCloseHours, now);
        if (!decision.ok) throw new Rollback({ ok: false as const, refusal: decision.refusal, distributionId });
        const [offer] = await tx
          .insert(s.offers)
          .values({ amapId: viewer.amapId, memberId: viewer.userId, distributionId, message, autoAccept: input.autoAccept })
          .returning({ id: s.offers.id });
        const lines = distribution.lines.filter((l) => decision.subscriptionIds.includes(l.subscriptionId));
        await tx.insert(s.offerLines).values(
          lines.map((l) => ({
            offerId: offer!.id,
            distributionId,
            subscriptionId: l.subscriptionId,
            contractId: l.contractId,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
          })),
        );
        await tx.insert(s.events).values({
          amapId: viewer.amapId,
          actorId: viewer.userId,
          action: "offer.create",
          offerId: offer!.id,
          toStatus: "open",
          data: { subscriptionIds: decision.subscriptionIds, autoAccept: input.autoAccept },
        });
        await enqueueOfferNotices(tx, { offerId: offer!.id, memberId: viewer.userId, amapId: viewer.amapId }, [{ kind: "offer-listed" }], null);
        created.push(offer!.id);
      }
      // Several dates at once: one announcement each, listing them all (not one per date).
      await enqueueAnnouncement(tx, { offerIds: created, memberId: viewer.userId, amapId: viewer.amapId }, false);
      return created;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.failure as { ok: false; refusal: Refusal; distributionId: number };
    throw error;
  }
  kickOutbox();
  return { ok: true, value: { offerIds } };
}

type OfferableLine = {
  subscriptionId: number;
  contractId: number;
  quantity: number;
  unitPriceCents: number;
  alreadyOffered: boolean;
};

/**
 * A distribution of the AMAP with the member's basket lines delivered that day; null if none (or
 * no such date, or another AMAP's: not found alike).
 */
async function loadOfferable(tx: Executor, amapId: number, memberId: string, distributionId: number) {
  const [distribution] = await tx
    .select({ startsAt: s.distributions.startsAt, cancelledAt: s.distributions.cancelledAt })
    .from(s.distributions)
    .where(and(eq(s.distributions.id, distributionId), eq(s.distributions.amapId, amapId)))
    // Held until the offer commits: a référent cancelling the date (FOR UPDATE)
    // waits for it, then cancels it too (cancelDistribution, lib/server/admin/calendar/distribution-changes.ts).
    .for("share");
  if (!distribution) return null;
  const stillOffered = await tx
    .select({ subscriptionId: s.offerLines.subscriptionId })
    .from(s.offerLines)
    .where(and(eq(s.offerLines.distributionId, distributionId), isNull(s.offerLines.releasedAt)));
  const offered = new Set(stillOffered.map((l) => l.subscriptionId));
  // The distribution's contracts are its AMAP's: so are the subscriptions delivered there.
  const lines: OfferableLine[] = (await memberLinesAt(tx, memberId, { id: distributionId, startsAt: distribution.startsAt })).map(
    (line) => ({ ...line, alreadyOffered: offered.has(line.subscriptionId) }),
  );
  if (lines.length === 0) return null;
  return { startsAt: distribution.startsAt, isCancelled: distribution.cancelledAt !== null, lines };
}
