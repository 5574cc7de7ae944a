import "server-only";
// The référents' calendar (DESIGN.md §3): places, contracts and
// distributions. Every read answers null and every command refuses
// ("not_referent") unless the viewer is a référent, checked in the data layer
// inside the command's own transaction. A command is one transaction: its
// writes and its audit event together, or — on any refusal — nothing at all.
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Executor, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { basketLabel } from "@/lib/domain/basket";
import {
  checkContract,
  checkPlace,
  checkReason,
  checkSeries,
  checkSlot,
  slotInstants,
  type CalendarRefusal,
  type FieldErrors,
} from "@/lib/domain/calendar";
import { ACTIVE_OFFER_STATUSES } from "@/lib/domain/offer";
import { addDays, parisDate, parisInstant, parisWallClock } from "@/lib/domain/time";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import type { Viewer } from "../auth";
import { cancelOfferWithCause, type CancelledWithCause } from "../offers";
import { kickOutbox } from "../outbox";
import { enqueueCancellationMails, enqueueMoveMails } from "./calendar-notices";
import { isReferent, referentRead } from "./guard";

export type CalendarResult<T = null> =
  | { ok: true; value: T }
  | { ok: false; refusal: CalendarRefusal; fields?: FieldErrors };

const refused = (refusal: CalendarRefusal) => ({ ok: false as const, refusal });
const invalid = (fields: FieldErrors) => ({ ok: false as const, refusal: "invalid" as const, fields });

/** Thrown to roll the transaction back: whatever the command wrote before refusing is undone. */
class Refused extends Error {
  constructor(readonly result: CalendarResult<never>) {
    super("refused");
  }
}

/**
 * Postgres' unique_violation on the one-distribution-per-slot index: a race
 * the checks could not see (drivers may wrap the error: follow its causes).
 */
function isSlotTaken(error: unknown): boolean {
  for (let e = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === "23505" && String(message).includes("distributions_place_start_key")) return true;
  }
  return false;
}

async function command<T>(viewer: Viewer, work: (tx: Tx) => Promise<CalendarResult<T>>): Promise<CalendarResult<T>> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      if (!(await isReferent(tx, viewer))) throw new Refused(refused("not_referent"));
      const outcome = await work(tx);
      if (!outcome.ok) throw new Refused(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    if (isSlotTaken(error)) return refused("slot_taken");
    throw error;
  }
}

async function audit(
  tx: Tx,
  viewer: Viewer,
  action: string,
  data: Record<string, unknown>,
  reason: string | null = null,
): Promise<void> {
  await tx.insert(s.events).values({ actorId: viewer.userId, action, data, reason });
}

const merge = (...all: FieldErrors[]): FieldErrors => Object.assign({}, ...all);
const hasErrors = (fields: FieldErrors) => Object.keys(fields).length > 0;

// ---------------------------------------------------------------------------
// Places.

export type PlaceDTO = {
  id: number;
  name: string;
  address: string;
  accessNotes: string;
  /** Distributions still to come there (cancelled ones aside). */
  upcoming: number;
};

export function listPlaces(viewer: Viewer | null, now = new Date()): Promise<PlaceDTO[] | null> {
  return referentRead(viewer, async (ex) => {
    const [rows, upcoming] = await Promise.all([
      ex
        .select({ id: s.places.id, name: s.places.name, address: s.places.address, accessNotes: s.places.accessNotes })
        .from(s.places)
        .orderBy(asc(s.places.name), asc(s.places.id)),
      ex
        .select({ placeId: s.distributions.placeId, n: count() })
        .from(s.distributions)
        .where(and(isNull(s.distributions.cancelledAt), gt(s.distributions.startsAt, now)))
        .groupBy(s.distributions.placeId),
    ]);
    const counts = new Map(upcoming.map((u) => [u.placeId, Number(u.n)]));
    return rows.map((r) => ({ ...r, upcoming: counts.get(r.id) ?? 0 }));
  });
}

export type PlaceFields = { name: string; address: string; accessNotes: string };

export function addPlace(viewer: Viewer, raw: PlaceFields): Promise<CalendarResult<{ placeId: number }>> {
  return command(viewer, async (tx) => {
    const checked = checkPlace(raw);
    if (!checked.ok) return invalid(checked.fields);
    const [place] = await tx.insert(s.places).values(checked.value).returning({ id: s.places.id });
    await audit(tx, viewer, "place.create", { placeId: place!.id, ...checked.value });
    return { ok: true, value: { placeId: place!.id } };
  });
}

export function editPlace(viewer: Viewer, placeId: number, raw: PlaceFields): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const checked = checkPlace(raw);
    if (!checked.ok) return invalid(checked.fields);
    const [before] = await tx.select().from(s.places).where(eq(s.places.id, placeId)).for("update");
    if (!before) return refused("not_found");
    await tx.update(s.places).set(checked.value).where(eq(s.places.id, placeId));
    await audit(tx, viewer, "place.update", {
      placeId,
      before: { name: before.name, address: before.address, accessNotes: before.accessNotes },
      after: checked.value,
    });
    return { ok: true, value: null };
  });
}

// ---------------------------------------------------------------------------
// Contracts.

export type ContractDTO = {
  id: number;
  product: string;
  producer: string;
  size: string;
  unitPriceCents: number;
  isActive: boolean;
  /** "Légumes — grand panier". */
  label: string;
};

const contractColumns = {
  id: s.contracts.id,
  product: s.contracts.product,
  producer: s.contracts.producer,
  size: s.contracts.size,
  unitPriceCents: s.contracts.unitPriceCents,
  isActive: s.contracts.isActive,
};

/** Active contracts first, then by product and size. */
export function listContracts(viewer: Viewer | null): Promise<ContractDTO[] | null> {
  return referentRead(viewer, async (ex) => {
    const rows = await ex
      .select(contractColumns)
      .from(s.contracts)
      .orderBy(desc(s.contracts.isActive), asc(s.contracts.product), asc(s.contracts.size), asc(s.contracts.id));
    return rows.map((r) => ({ ...r, label: basketLabel(r.product, r.size) }));
  });
}

export type ContractFields = { product: string; producer: string; size: string; price: string };

export function addContract(viewer: Viewer, raw: ContractFields): Promise<CalendarResult<{ contractId: number }>> {
  return command(viewer, async (tx) => {
    const checked = checkContract(raw);
    if (!checked.ok) return invalid(checked.fields);
    const [contract] = await tx.insert(s.contracts).values(checked.value).returning({ id: s.contracts.id });
    await audit(tx, viewer, "contract.create", { contractId: contract!.id, ...checked.value });
    return { ok: true, value: { contractId: contract!.id } };
  });
}

/**
 * A new price applies to baskets offered from now on: an offer keeps the
 * price of its day (offer_lines.unit_price_cents).
 */
export function editContract(viewer: Viewer, contractId: number, raw: ContractFields): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const checked = checkContract(raw);
    if (!checked.ok) return invalid(checked.fields);
    const [before] = await tx.select(contractColumns).from(s.contracts).where(eq(s.contracts.id, contractId)).for("update");
    if (!before) return refused("not_found");
    await tx.update(s.contracts).set(checked.value).where(eq(s.contracts.id, contractId));
    const { id: _id, isActive: _active, ...was } = before;
    await audit(tx, viewer, "contract.update", { contractId, before: was, after: checked.value });
    return { ok: true, value: null };
  });
}

/**
 * An inactive contract is no longer offered for new dates; the dates that
 * already deliver it, and the members' subscriptions, are left as they are.
 */
export function setContractActive(viewer: Viewer, contractId: number, active: boolean): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const [contract] = await tx
      .select({ isActive: s.contracts.isActive })
      .from(s.contracts)
      .where(eq(s.contracts.id, contractId))
      .for("update");
    if (!contract) return refused("not_found");
    if (contract.isActive !== active) {
      await tx.update(s.contracts).set({ isActive: active }).where(eq(s.contracts.id, contractId));
      await audit(tx, viewer, active ? "contract.reactivate" : "contract.deactivate", { contractId });
    }
    return { ok: true, value: null };
  });
}

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
      .where(and(gte(s.distributions.startsAt, period.from), lt(s.distributions.startsAt, period.to)))
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
      cancelReasons(ex, cancelledIds),
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

/** The reason each cancelled distribution was cancelled for, from its audit event. */
async function cancelReasons(ex: Executor, distributionIds: number[]): Promise<Map<number, string>> {
  if (distributionIds.length === 0) return new Map();
  const rows = await ex
    .select({ distributionId: sql<number>`(${s.events.data}->>'distributionId')::int`, reason: s.events.reason })
    .from(s.events)
    .where(
      and(
        eq(s.events.action, "distribution.cancel"),
        inArray(sql`(${s.events.data}->>'distributionId')::int`, distributionIds),
      ),
    )
    .orderBy(asc(s.events.id));
  return new Map(rows.map((r) => [Number(r.distributionId), r.reason ?? ""]));
}

/**
 * Locks the place (so dates at one place are written one command at a time)
 * and checks it exists. Locked before any distribution row, in every command.
 */
async function lockPlace(tx: Tx, placeId: number | null): Promise<boolean> {
  if (placeId === null) return false;
  const [place] = await tx.select({ id: s.places.id }).from(s.places).where(eq(s.places.id, placeId)).for("update");
  return Boolean(place);
}

/** The chosen contracts exist and are active (or, `kept`, already delivered at that date). */
async function checkContracts(tx: Tx, contractIds: readonly number[], kept: readonly number[] = []): Promise<FieldErrors> {
  const ids = [...new Set(contractIds)];
  if (ids.length === 0) return { contractIds: "no_contract" };
  const found = await tx
    .select({ id: s.contracts.id, isActive: s.contracts.isActive })
    .from(s.contracts)
    .where(inArray(s.contracts.id, ids));
  const usable = found.filter((c) => c.isActive || kept.includes(c.id));
  return usable.length === ids.length ? {} : { contractIds: "unknown_contract" };
}

/** Distributions at a place on the Paris days from `first` to `last`. */
async function distributionsAt(tx: Tx, placeId: number, first: string, last: string) {
  return tx
    .select({ id: s.distributions.id, startsAt: s.distributions.startsAt, cancelledAt: s.distributions.cancelledAt })
    .from(s.distributions)
    .where(
      and(
        eq(s.distributions.placeId, placeId),
        gte(s.distributions.startsAt, parisInstant(first, "00:00")),
        lt(s.distributions.startsAt, parisInstant(addDays(last, 1), "00:00")),
      ),
    );
}

/**
 * A place holds one live distribution a day, and one per start time ever
 * (the unique index: a cancelled date keeps its slot). `except` is the
 * distribution being moved.
 */
async function isSlotFree(tx: Tx, placeId: number, date: string, startsAt: Date, except: number | null = null): Promise<boolean> {
  const sameDay = (await distributionsAt(tx, placeId, date, date)).filter((d) => d.id !== except);
  return !sameDay.some((d) => d.cancelledAt === null || d.startsAt.getTime() === startsAt.getTime());
}

async function deliver(tx: Tx, distributionIds: number[], contractIds: readonly number[]) {
  const rows = distributionIds.flatMap((distributionId) => [...new Set(contractIds)].map((contractId) => ({ distributionId, contractId })));
  if (rows.length > 0) await tx.insert(s.distributionContracts).values(rows).onConflictDoNothing();
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
    const placeOk = await lockPlace(tx, raw.placeId);
    const fields = merge(
      checked.ok ? {} : checked.fields,
      placeOk ? {} : { placeId: "unknown_place" },
      await checkContracts(tx, raw.contractIds),
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
            .values(wanted.map((date) => ({ placeId, ...slotInstants(date, start, end) })))
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
    const placeOk = await lockPlace(tx, raw.placeId);
    const fields = merge(
      checked.ok ? {} : checked.fields,
      placeOk ? {} : { placeId: "unknown_place" },
      await checkContracts(tx, raw.contractIds),
    );
    if (!checked.ok || hasErrors(fields)) return invalid(fields);
    const { date, start, end } = checked.value;
    const slot = slotInstants(date, start, end);
    if (slot.startsAt.getTime() <= now.getTime()) return invalid({ start: "time_past" });
    if (!(await isSlotFree(tx, raw.placeId!, date, slot.startsAt))) return refused("slot_taken");
    const [created] = await tx
      .insert(s.distributions)
      .values({ placeId: raw.placeId!, ...slot })
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

/**
 * Locks a distribution that may still change: it exists, is not cancelled
 * and has not started. Its place is locked first, as in every command.
 */
async function lockChangeable(tx: Tx, distributionId: number, now: Date) {
  const [found] = await tx
    .select({ placeId: s.distributions.placeId })
    .from(s.distributions)
    .where(eq(s.distributions.id, distributionId));
  if (!found) return refused("not_found");
  await lockPlace(tx, found.placeId);
  const [distribution] = await tx.select().from(s.distributions).where(eq(s.distributions.id, distributionId)).for("update");
  if (!distribution) return refused("not_found");
  if (distribution.cancelledAt) return refused("cancelled");
  if (distribution.startsAt.getTime() <= now.getTime()) return refused("started");
  return { ok: true as const, distribution };
}

export type MoveFields = { date: string; start: string; end: string };

export type MoveOutcome = {
  startsAt: Date;
  endsAt: Date;
  /** The people emailed the new date (calendar-notices.ts says who). */
  peopleNotified: number;
};

/** The audit event of a change to a distribution, its id for the mails that tell of it. */
async function distributionEvent(tx: Tx, viewer: Viewer, action: string, data: Record<string, unknown>, reason: string | null = null) {
  const [event] = await tx.insert(s.events).values({ actorId: viewer.userId, action, data, reason }).returning({ id: s.events.id });
  return event!.id;
}

const isoSlot = (slot: { startsAt: Date; endsAt: Date }) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() });

/**
 * "Déplacer": a new day and hours at the same place. Offers on it follow the
 * distribution (their deadlines count from the new start). Everyone concerned
 * is emailed the new date in the same transaction.
 */
export async function moveDistribution(
  viewer: Viewer,
  distributionId: number,
  raw: MoveFields,
  now = new Date(),
): Promise<CalendarResult<MoveOutcome>> {
  const result = await command(viewer, async (tx): Promise<CalendarResult<MoveOutcome>> => {
    const locked = await lockChangeable(tx, distributionId, now);
    if (!locked.ok) return locked;
    const checked = checkSlot(raw, parisDate(now));
    if (!checked.ok) return invalid(checked.fields);
    const { date, start, end } = checked.value;
    const slot = slotInstants(date, start, end);
    if (slot.startsAt.getTime() <= now.getTime()) return invalid({ start: "time_past" });
    const { distribution } = locked;
    // The same day and hours: nothing moves, nobody is told.
    if (slot.startsAt.getTime() === distribution.startsAt.getTime() && slot.endsAt.getTime() === distribution.endsAt.getTime()) {
      return { ok: true, value: { ...slot, peopleNotified: 0 } };
    }
    if (!(await isSlotFree(tx, distribution.placeId, date, slot.startsAt, distribution.id))) return refused("slot_taken");
    await tx.update(s.distributions).set(slot).where(eq(s.distributions.id, distribution.id));
    const from = isoSlot(distribution);
    const to = isoSlot(slot);
    const eventId = await distributionEvent(tx, viewer, "distribution.move", { distributionId, from, to });
    const peopleNotified = await enqueueMoveMails(tx, {
      distributionId,
      eventId,
      actorId: viewer.userId,
      days: [...new Set([parisDate(distribution.startsAt), date])],
      from,
      to,
    });
    return { ok: true, value: { ...slot, peopleNotified } };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}

/** "Contrats livrés": which contracts this date delivers. */
export function setDeliveredContracts(
  viewer: Viewer,
  distributionId: number,
  contractIds: number[],
  now = new Date(),
): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const locked = await lockChangeable(tx, distributionId, now);
    if (!locked.ok) return locked;
    const current = (
      await tx
        .select({ contractId: s.distributionContracts.contractId })
        .from(s.distributionContracts)
        .where(eq(s.distributionContracts.distributionId, distributionId))
    ).map((r) => r.contractId);
    const fields = await checkContracts(tx, contractIds, current);
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

export type CancelOutcome = {
  offersCancelled: number;
  /** Offers still active on the date (none, unless one could not be cancelled): the page offers to try again. */
  offersLeft: number;
  /** The people emailed (calendar-notices.ts says who). */
  peopleNotified: number;
};

/**
 * Cancels, in the caller's transaction, the offers still active on a
 * cancelled distribution — each through the exchange's state machine
 * (cancelOfferWithCause: the baskets released, every live reservation
 * cancelled, one audit event per offer) with the distribution's reason — and
 * queues the mails saying so. `everyone`: the members with baskets that day
 * too (the cancellation itself); otherwise only those whose offer it cancels.
 */
async function cancelOffersOf(
  tx: Tx,
  viewer: Viewer,
  distribution: { id: number; startsAt: Date },
  event: { id: number; reason: string },
  everyone: boolean,
  now: Date,
): Promise<CancelOutcome> {
  const active = await tx
    .select({ id: s.offers.id })
    .from(s.offers)
    .where(and(eq(s.offers.distributionId, distribution.id), inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES])))
    .orderBy(asc(s.offers.id));
  const offerReason = adminCalendarFr.offerCancelReason(event.reason);
  const cancelled: CancelledWithCause[] = [];
  for (const offer of active) {
    const done = await cancelOfferWithCause(tx, viewer, offer.id, offerReason, now);
    if (done) cancelled.push(done);
  }
  const [left] = await tx
    .select({ n: count() })
    .from(s.offers)
    .where(and(eq(s.offers.distributionId, distribution.id), inArray(s.offers.status, [...ACTIVE_OFFER_STATUSES])));
  const peopleNotified = await enqueueCancellationMails(tx, {
    distributionId: distribution.id,
    eventId: event.id,
    actorId: viewer.userId,
    day: parisDate(distribution.startsAt),
    cancelled,
    everyone,
  });
  return { offersCancelled: cancelled.length, offersLeft: Number(left?.n ?? 0), peopleNotified };
}

/**
 * "Annuler la distribution", with a reason — one transaction: the date stays
 * listed, marked cancelled (offering it is refused from then on: createOffers
 * reads the row FOR SHARE, this locks it FOR UPDATE), each active offer on it
 * is cancelled, and everyone concerned is emailed who cancelled it and why.
 */
export async function cancelDistribution(
  viewer: Viewer,
  distributionId: number,
  rawReason: string,
  now = new Date(),
): Promise<CalendarResult<CancelOutcome>> {
  const result = await command(viewer, async (tx): Promise<CalendarResult<CancelOutcome>> => {
    const locked = await lockChangeable(tx, distributionId, now);
    if (!locked.ok) return locked;
    const reason = checkReason(rawReason);
    if (!reason.ok) return invalid(reason.fields);
    await tx.update(s.distributions).set({ cancelledAt: sql`now()` }).where(eq(s.distributions.id, distributionId));
    const eventId = await distributionEvent(tx, viewer, "distribution.cancel", { distributionId }, reason.value);
    const outcome = await cancelOffersOf(tx, viewer, locked.distribution, { id: eventId, reason: reason.value }, true, now);
    return { ok: true, value: outcome };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}

/**
 * Cancels the offers still active on a cancelled distribution, with its
 * reason, telling their members and whoever had reserved (the members with
 * baskets that day were told with the cancellation). cancelDistribution
 * leaves none; the page offers this when some are (a date cancelled before
 * offers were cancelled with it, or one the state machine refused).
 */
export async function cancelRemainingOffers(viewer: Viewer, distributionId: number, now = new Date()): Promise<CalendarResult<CancelOutcome>> {
  const result = await command(viewer, async (tx): Promise<CalendarResult<CancelOutcome>> => {
    const [found] = await tx.select({ placeId: s.distributions.placeId }).from(s.distributions).where(eq(s.distributions.id, distributionId));
    if (!found) return refused("not_found");
    await lockPlace(tx, found.placeId);
    const [distribution] = await tx.select().from(s.distributions).where(eq(s.distributions.id, distributionId)).for("update");
    if (!distribution?.cancelledAt) return refused("not_found");
    const [event] = await tx
      .select({ id: s.events.id, reason: s.events.reason })
      .from(s.events)
      .where(and(eq(s.events.action, "distribution.cancel"), sql`(${s.events.data}->>'distributionId')::int = ${distributionId}`))
      .orderBy(desc(s.events.id))
      .limit(1);
    if (!event) return refused("not_found");
    const outcome = await cancelOffersOf(tx, viewer, distribution, { id: event.id, reason: event.reason ?? "" }, false, now);
    return { ok: true, value: outcome };
  });
  if (result.ok && result.value.peopleNotified > 0) kickOutbox();
  return result;
}
