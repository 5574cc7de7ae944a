import "server-only";
// Statistics for référents: baskets offered, exchanged, unclaimed and
// cancelled per month, and baskets taken per intermittent — the archive rows
// the retention job leaves (monthly_stats, intermittent_monthly_stats) plus
// the offers still in the database. Reads only; null for non-référents.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import type { OfferStatus } from "@/lib/domain/offer";
import {
  mergeMonthly,
  monthOf,
  totalsByIntermittent,
  type IntermittentTotal,
  type LiveMonthRow,
  type MonthStats,
  type TakenRow,
} from "@/lib/domain/stats";
import { toCsv } from "@/lib/domain/csv";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import type { Viewer } from "../auth";
import { referentRead } from "../auth";

export type StatsDTO = {
  /** Oldest first. */
  months: MonthStats[];
  /** Most baskets first. */
  intermittents: IntermittentTotal[];
};

const baskets = sql<number>`cast(coalesce(sum(${s.offerLines.quantity}), 0) as int)`.mapWith(Number);
const fullName = (first: string, last: string, email: string) => `${first} ${last}`.trim() || email;

async function liveMonthly(ex: Executor, amapId: number): Promise<LiveMonthRow[]> {
  // Summed per distribution in SQL; the Paris month is taken here, in one place (lib/domain/stats.ts).
  const rows = await ex
    .select({ startsAt: s.distributions.startsAt, status: s.offers.status, baskets })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.offerLines, eq(s.offerLines.offerId, s.offers.id))
    .where(eq(s.offers.amapId, amapId))
    .groupBy(s.distributions.id, s.distributions.startsAt, s.offers.status);
  return rows.map((r) => ({ month: monthOf(r.startsAt), status: r.status as OfferStatus, baskets: r.baskets }));
}

async function takenRows(ex: Executor, amapId: number): Promise<TakenRow[]> {
  const live = await ex
    .select({
      userId: s.reservations.intermittentId,
      startsAt: s.distributions.startsAt,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
      email: s.users.email,
      baskets,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(s.offerLines, eq(s.offerLines.offerId, s.offers.id))
    .innerJoin(s.reservations, and(eq(s.reservations.offerId, s.offers.id), eq(s.reservations.status, "accepted")))
    .innerJoin(s.users, eq(s.users.id, s.reservations.intermittentId))
    .where(and(eq(s.offers.amapId, amapId), inArray(s.offers.status, ["exchanged", "done"])))
    .groupBy(s.reservations.intermittentId, s.distributions.id, s.distributions.startsAt, s.users.id);
  const archived = await ex
    .select({
      month: s.intermittentMonthlyStats.month,
      userId: s.intermittentMonthlyStats.userId,
      label: s.intermittentMonthlyStats.label,
      taken: s.intermittentMonthlyStats.taken,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
    })
    .from(s.intermittentMonthlyStats)
    .leftJoin(s.users, eq(s.users.id, s.intermittentMonthlyStats.userId))
    .where(eq(s.intermittentMonthlyStats.amapId, amapId));
  return [
    ...live.map((r) => ({
      month: monthOf(r.startsAt),
      userId: r.userId,
      name: fullName(r.firstName, r.lastName, r.email),
      taken: r.baskets,
    })),
    ...archived.map((r) => ({
      month: r.month,
      userId: r.userId,
      // The current name of the account; the archived one once the account is gone or
      // its contact details erased by retention (never the placeholder address).
      name: `${r.firstName ?? ""} ${r.lastName ?? ""}`.trim() || r.label || adminSheetFr.stats.unknownPerson,
      taken: r.taken,
    })),
  ];
}

/** The AMAP's statistics: its archive rows and its offers. */
async function readStats(ex: Executor, amapId: number): Promise<StatsDTO> {
  const [archive, live, taken] = await Promise.all([
    ex
      .select({
        month: s.monthlyStats.month,
        offered: s.monthlyStats.offered,
        exchanged: s.monthlyStats.exchanged,
        unclaimed: s.monthlyStats.unclaimed,
        cancelled: s.monthlyStats.cancelled,
      })
      .from(s.monthlyStats)
      .where(eq(s.monthlyStats.amapId, amapId)),
    liveMonthly(ex, amapId),
    takenRows(ex, amapId),
  ]);
  return { months: mergeMonthly(archive, live), intermittents: totalsByIntermittent(taken) };
}

export function getStats(viewer: Viewer | null): Promise<StatsDTO | null> {
  return referentRead(viewer, (ex) => readStats(ex, viewer!.amapId));
}

export type StatsTable = "mois" | "intermittents";

/** One statistics table as CSV: per month ("mois"), or baskets taken per intermittent and month ("intermittents"). */
export async function exportStatsCsv(viewer: Viewer | null, table: StatsTable): Promise<string | null> {
  const stats = await getStats(viewer);
  if (!stats) return null;
  const t = adminSheetFr.stats;
  if (table === "mois") {
    return toCsv([t.csvMonthlyHeader, ...stats.months.map((m) => [m.month, m.offered, m.exchanged, m.unclaimed, m.cancelled])]);
  }
  return toCsv([t.csvIntermittentsHeader, ...stats.intermittents.flatMap((p) => p.months.map((m) => [m.month, p.name, m.taken]))]);
}
