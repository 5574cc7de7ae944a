import "server-only";
// The référents' calendar (DESIGN.md §3): the distributions (places.ts and
// contracts.ts hold the rest, re-exported here). Every read answers null and
// every command refuses ("not_referent") unless the viewer is a référent; a
// command is all or nothing (calendar-kit.ts). Moving and cancelling a date:
// distribution-changes.ts.
import { and, asc, count, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import { basketLabel } from "@/lib/domain/basket";
import { checkSeries, checkSlot, slotInstants } from "@/lib/domain/calendar";
import { ACTIVE_OFFER_STATUSES } from "@/lib/domain/offer";
import { parisDate, parisWallClock } from "@/lib/domain/time";
import type { Viewer } from "../../auth";
import {
  audit,
  checkContracts,
  command,
  deliver,
  distributionsAt,
  hasErrors,
  invalid,
  isSlotFree,
  lockChangeable,
  lockPlace,
  merge,
  refused,
  type CalendarResult,
} from "./calendar-kit";
import { contractColumns } from "./contracts";
import { referentRead } from "../../auth";

export type { CalendarResult } from "./calendar-kit";
export {
  cancelDistribution,
  cancelRemainingOffers,
  moveDistribution,
  type CancelOutcome,
  type MoveFields,
  type MoveOutcome,
} from "./distribution-changes";
export { type PlaceDTO, listPlaces, type PlaceFields, addPlace, editPlace } from "./places";
export { type ContractDTO, listContracts, type ContractFields, addContract, editContract, setContractActive } from "./contracts";

// ---------------------------------------------------------------------------
// Distributions.

export type DistributionDTO = {
  id: number;
  placeId: number;
  placeName: string;
  /** Paris date and hours: "2026-05-05", "18:30", "20:00". */
  date: string;
  start: string;
  end: string;
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  contracts: { id: number; label: string; isActive: boolean }[];
  /** Offers that can still change hands (open, awaiting a decision, exchanged). */
  activeOffers: number;
  hasStarted: boolean;
};

const hhmm = (at: Date) => {
  const { hour, minute } = parisWallClock(at);
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
};

/** The distributions starting in [from, to), by start, with their contracts and active offers. */
export function listDistributions(
  viewer: Viewer | null,
  period: { from: Date; to: Date },
  now = new Date(),
): Promise<DistributionDTO[] | null> {
  return referentRead(viewer, async (ex) => {
    const rows = await ex
      .select({
        id: s.distributions.id,
        placeId: s.distributions.placeId,
        placeName: s.places.name,
        startsAt: s.distributions.startsAt,
        endsAt: s.distributions.endsAt,
        cancelledAt: s.distributions.cancelledAt,
      })
      .from(s.distributions)
      .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
      .where(
        and(
          eq(s.distributions.amapId, viewer!.amapId),
          gte(s.distributions.startsAt, period.from),
          lt(s.distributions.startsAt, period.to),
        ),
      )
      .orderBy(asc(s.distributions.startsAt), asc(s.places.name));
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const cancelledIds = rows.filter((r) => r.cancelledAt).map((r) => r.id);
    const [delivered, offerCounts, reasons] = await Promise.all([
      ex
        .select({
          distributionId: s.distributionContracts.distributionId,
          ...contractColumns,
        })
        .from(s.distributionContracts)
        .innerJoin(s.contracts, eq(s.contracts.id, s.distributionContracts.contractId))
        .where(inArray(s.distributionContracts.distributionId, ids))
        .orderBy(asc(s.contracts.product), asc(s.contracts.size), asc(s.contracts.id)),
      ex
        .select({ distributionId: s.offers.distributionId, n: count() })
        .from(s.offers)
        .where(and(inArray(s.offers.distributionId, ids), inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES])))
        .groupBy(s.offers.distributionId),
      cancelReasons(ex, viewer!.amapId, cancelledIds),
    ]);
    return rows.map((r) => ({
      ...r,
      date: parisDate(r.startsAt),
      start: hhmm(r.startsAt),
      end: hhmm(r.endsAt),
      cancelReason: reasons.get(r.id) ?? null,
      contracts: delivered
        .filter((c) => c.distributionId === r.id)
        .map((c) => ({ id: c.id, label: basketLabel(c.product, c.size), isActive: c.isActive })),
      activeOffers: Number(offerCounts.find((o) => o.distributionId === r.id)?.n ?? 0),
      hasStarted: r.startsAt.getTime() <= now.getTime(),
    }));
  });
}

async function cancelReasons(ex: Executor, amapId: number, distributionIds: number[]): Promise<Map<number, string>> {
  if (distributionIds.length === 0) return new Map();
  const rows = await ex
    .select({ distributionId: sql<number>`(${s.events.data}->>'distributionId')::int`, reason: s.events.reason })
    .from(s.events)
    .where(
      and(
        eq(s.events.amapId, amapId),
        eq(s.events.action, "distribution.cancel"),
        inArray(sql`(${s.events.data}->>'distributionId')::int`, distributionIds),
      ),
    )
    .orderBy(asc(s.events.id));
  return new Map(rows.map((r) => [Number(r.distributionId), r.reason ?? ""]));
}


export type SeriesFields = {
  placeId: number | null;
  weekday: string;
  from: string;
  to: string;
  start: string;
  end: string;
  contractIds: number[];
};

export type SeriesOutcome = { created: number; skipped: string[]; distributionIds: number[] };

/**
 * "Générer une saison": a distribution every chosen weekday between two
 * dates. Days on which the place already has a distribution (even a
 * cancelled one: a cancelled date stays cancelled) are skipped and reported,
 * so a season can be generated again after a change without doubles.
 */
export function generateSeries(viewer: Viewer, raw: SeriesFields, now = new Date()): Promise<CalendarResult<SeriesOutcome>> {
  return command(viewer, async (tx) => {
    const checked = checkSeries(raw, parisDate(now));
    const placeOk = await lockPlace(tx, viewer.amapId, raw.placeId);
    const fields = merge(
      checked.ok ? {} : checked.fields,
      placeOk ? {} : { placeId: "unknown_place" },
      await checkContracts(tx, viewer.amapId, raw.contractIds),
    );
    if (!checked.ok || hasErrors(fields)) return invalid(fields);
    const { start, end, weekday, from, to } = checked.value;
    // Today's date whose hour has passed is not part of the season.
    const dates = checked.value.dates.filter((date) => slotInstants(date, start, end).startsAt.getTime() > now.getTime());
    if (dates.length === 0) return invalid({ weekday: "no_date" });
    const placeId = raw.placeId!;
    const taken = new Set((await distributionsAt(tx, placeId, dates[0]!, dates.at(-1)!)).map((d) => parisDate(d.startsAt)));
    const wanted = dates.filter((date) => !taken.has(date));
    const created =
      wanted.length === 0
        ? []
        : await tx
            .insert(s.distributions)
            .values(wanted.map((date) => ({ amapId: viewer.amapId, placeId, ...slotInstants(date, start, end) })))
            .onConflictDoNothing({ target: [s.distributions.placeId, s.distributions.startsAt] })
            .returning({ id: s.distributions.id, startsAt: s.distributions.startsAt });
    const createdDates = new Set(created.map((d) => parisDate(d.startsAt)));
    const skipped = dates.filter((date) => !createdDates.has(date));
    const distributionIds = created.map((d) => d.id);
    await deliver(tx, distributionIds, raw.contractIds);
    await audit(tx, viewer, "distribution.series", {
      placeId,
      weekday,
      from,
      to,
      start,
      end,
      contractIds: [...new Set(raw.contractIds)],
      distributionIds,
      skipped,
    });
    return { ok: true, value: { created: created.length, skipped, distributionIds } };
  });
}

export type DateFields = { placeId: number | null; date: string; start: string; end: string; contractIds: number[] };

/** "Ajouter une date": one distribution, e.g. an extra one before the holidays. */
export function addDistributionDate(
  viewer: Viewer,
  raw: DateFields,
  now = new Date(),
): Promise<CalendarResult<{ distributionId: number; startsAt: Date; endsAt: Date }>> {
  return command(viewer, async (tx) => {
    const checked = checkSlot(raw, parisDate(now));
    const placeOk = await lockPlace(tx, viewer.amapId, raw.placeId);
    const fields = merge(
      checked.ok ? {} : checked.fields,
      placeOk ? {} : { placeId: "unknown_place" },
      await checkContracts(tx, viewer.amapId, raw.contractIds),
    );
    if (!checked.ok || hasErrors(fields)) return invalid(fields);
    const { date, start, end } = checked.value;
    const slot = slotInstants(date, start, end);
    if (slot.startsAt.getTime() <= now.getTime()) return invalid({ start: "time_past" });
    if (!(await isSlotFree(tx, raw.placeId!, date, slot.startsAt))) return refused("slot_taken");
    const [created] = await tx
      .insert(s.distributions)
      .values({ amapId: viewer.amapId, placeId: raw.placeId!, ...slot })
      .onConflictDoNothing({ target: [s.distributions.placeId, s.distributions.startsAt] })
      .returning({ id: s.distributions.id });
    if (!created) return refused("slot_taken");
    await deliver(tx, [created.id], raw.contractIds);
    await audit(tx, viewer, "distribution.add", {
      distributionId: created.id,
      placeId: raw.placeId,
      date,
      start,
      end,
      contractIds: [...new Set(raw.contractIds)],
    });
    return { ok: true, value: { distributionId: created.id, ...slot } };
  });
}


/** "Contrats livrés": which contracts this date delivers. */
export function setDeliveredContracts(
  viewer: Viewer,
  distributionId: number,
  contractIds: number[],
  now = new Date(),
): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const locked = await lockChangeable(tx, viewer.amapId, distributionId, now);
    if (!locked.ok) return locked;
    const current = (
      await tx
        .select({ contractId: s.distributionContracts.contractId })
        .from(s.distributionContracts)
        .where(eq(s.distributionContracts.distributionId, distributionId))
    ).map((r) => r.contractId);
    const fields = await checkContracts(tx, viewer.amapId, contractIds, current);
    if (hasErrors(fields)) return invalid(fields);
    const wanted = [...new Set(contractIds)];
    const removed = current.filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !current.includes(id));
    if (removed.length > 0) {
      // A basket already offered must still be delivered: the offer's lines name the contract.
      const [offered] = await tx
        .select({ n: count() })
        .from(s.offerLines)
        .innerJoin(s.offers, eq(s.offers.id, s.offerLines.offerId))
        .where(
          and(
            eq(s.offerLines.distributionId, distributionId),
            inArray(s.offerLines.contractId, removed),
            isNull(s.offerLines.releasedAt),
            inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES]),
          ),
        );
      if ((offered?.n ?? 0) > 0) return refused("contract_offered");
      await tx
        .delete(s.distributionContracts)
        .where(and(eq(s.distributionContracts.distributionId, distributionId), inArray(s.distributionContracts.contractId, removed)));
    }
    await deliver(tx, [distributionId], added);
    if (removed.length > 0 || added.length > 0) {
      await audit(tx, viewer, "distribution.contracts", { distributionId, added, removed });
    }
    return { ok: true, value: null };
  });
}
