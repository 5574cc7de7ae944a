import "server-only";
// What the calendar's commands share (calendar.ts, distribution-changes.ts):
// the result shape, one transaction per command with the référent flag
// checked in it and refusals rolled back, the audit event, and the locks.
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import type { CalendarRefusal, FieldErrors } from "@/lib/domain/calendar";
import { addDays, parisInstant } from "@/lib/domain/time";
import type { Viewer } from "../../auth";
import { isReferent } from "../../auth";
import { Rollback, type Result } from "@/lib/result";

export type CalendarResult<T = null> = Result<T, CalendarRefusal, { fields?: FieldErrors }>;

export const refused = (refusal: CalendarRefusal) => ({ ok: false as const, refusal });
export const invalid = (fields: FieldErrors) => ({ ok: false as const, refusal: "invalid" as const, fields });

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

export async function command<T>(viewer: Viewer, work: (tx: Tx) => Promise<CalendarResult<T>>): Promise<CalendarResult<T>> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      if (!(await isReferent(tx, viewer))) throw new Rollback(refused("not_referent"));
      const outcome = await work(tx);
      if (!outcome.ok) throw new Rollback(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof Rollback) return error.failure as CalendarResult<T>;
    if (isSlotTaken(error)) return refused("slot_taken");
    throw error;
  }
}

export async function audit(
  tx: Tx,
  viewer: Viewer,
  action: string,
  data: Record<string, unknown>,
  reason: string | null = null,
): Promise<void> {
  await tx.insert(s.events).values({ amapId: viewer.amapId, actorId: viewer.userId, action, data, reason });
}

export const merge = (...all: FieldErrors[]): FieldErrors => Object.assign({}, ...all);
export const hasErrors = (fields: FieldErrors) => Object.keys(fields).length > 0;

/**
 * Locks the place (so dates at one place are written one command at a time)
 * and checks it exists in the AMAP (another AMAP's place is as unknown as a
 * missing one). Locked before any distribution row, in every command.
 */
export async function lockPlace(tx: Tx, amapId: number, placeId: number | null): Promise<boolean> {
  if (placeId === null) return false;
  const [place] = await tx
    .select({ id: s.places.id })
    .from(s.places)
    .where(and(eq(s.places.id, placeId), eq(s.places.amapId, amapId)))
    .for("update");
  return Boolean(place);
}

/** The chosen contracts are the AMAP's and active (or, `kept`, already delivered at that date). */
export async function checkContracts(
  tx: Tx,
  amapId: number,
  contractIds: readonly number[],
  kept: readonly number[] = [],
): Promise<FieldErrors> {
  const ids = [...new Set(contractIds)];
  if (ids.length === 0) return { contractIds: "no_contract" };
  const found = await tx
    .select({ id: s.contracts.id, isActive: s.contracts.isActive })
    .from(s.contracts)
    .where(and(inArray(s.contracts.id, ids), eq(s.contracts.amapId, amapId)));
  const usable = found.filter((c) => c.isActive || kept.includes(c.id));
  return usable.length === ids.length ? {} : { contractIds: "unknown_contract" };
}

/** Distributions at a place on the Paris days from `first` to `last`. */
export async function distributionsAt(tx: Tx, placeId: number, first: string, last: string) {
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
export async function isSlotFree(tx: Tx, placeId: number, date: string, startsAt: Date, except: number | null = null): Promise<boolean> {
  const sameDay = (await distributionsAt(tx, placeId, date, date)).filter((d) => d.id !== except);
  return !sameDay.some((d) => d.cancelledAt === null || d.startsAt.getTime() === startsAt.getTime());
}

export async function deliver(tx: Tx, distributionIds: number[], contractIds: readonly number[]) {
  const rows = distributionIds.flatMap((distributionId) => [...new Set(contractIds)].map((contractId) => ({ distributionId, contractId })));
  if (rows.length > 0) await tx.insert(s.distributionContracts).values(rows).onConflictDoNothing();
}


/** The AMAP's distribution, its place locked (lockPlace); null when there is none (or it is another AMAP's). */
export async function lockDistribution(tx: Tx, amapId: number, distributionId: number) {
  const [found] = await tx
    .select({ placeId: s.distributions.placeId })
    .from(s.distributions)
    .where(and(eq(s.distributions.id, distributionId), eq(s.distributions.amapId, amapId)));
  if (!found) return null;
  await lockPlace(tx, amapId, found.placeId);
  const [distribution] = await tx
    .select()
    .from(s.distributions)
    .where(and(eq(s.distributions.id, distributionId), eq(s.distributions.amapId, amapId)))
    .for("update");
  return distribution ?? null;
}

/** Locks the AMAP's distribution that may still change: it exists, is not cancelled and has not started. */
export async function lockChangeable(tx: Tx, amapId: number, distributionId: number, now: Date) {
  const distribution = await lockDistribution(tx, amapId, distributionId);
  if (!distribution) return refused("not_found");
  if (distribution.cancelledAt) return refused("cancelled");
  if (distribution.startsAt.getTime() <= now.getTime()) return refused("started");
  return { ok: true as const, distribution };
}

