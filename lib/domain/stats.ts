// Statistics of the exchange, in baskets (offer line quantities), by the
// Europe/Paris month of the distribution. Old offers are deleted by the
// retention job, which first folds them into archive rows; the numbers are
// always the archive plus what is still live.

import { typeset } from "./french";
import type { OfferStatus } from "./offer";
import { parisDate } from "./time";

/** "2026-11": the Paris month of an instant. */
export function monthOf(at: Date): string {
  return parisDate(at).slice(0, 7);
}

const monthFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
const abbreviatedMonthFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "short", year: "numeric" });
const shortMonthFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "short", year: "2-digit" });

function firstDay(month: string): Date {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1));
}

/** "novembre 2026". */
export function formatMonth(month: string): string {
  return typeset(monthFormatter.format(firstDay(month)));
}

/** "nov. 2026": for a narrow table. */
export function formatAbbreviatedMonth(month: string): string {
  return abbreviatedMonthFormatter.format(firstDay(month));
}

/** "nov. 26": for a chart's axis. */
export function formatShortMonth(month: string): string {
  return shortMonthFormatter.format(firstDay(month));
}

export type MonthCounts = { offered: number; exchanged: number; unclaimed: number; cancelled: number };
export type MonthStats = MonthCounts & { month: string };

/** Live offers, already summed: the baskets of the offers of one status at the distributions of one month. */
export type LiveMonthRow = { month: string; status: OfferStatus; baskets: number };

const empty = (): MonthCounts => ({ offered: 0, exchanged: 0, unclaimed: 0, cancelled: 0 });

/**
 * Archive rows plus live offers, by month, oldest first. Every offer counts
 * as offered; an exchange counts once accepted (exchanged, then done); open
 * and reserved offers count as offered only, until they settle.
 */
export function mergeMonthly(archive: readonly MonthStats[], live: readonly LiveMonthRow[]): MonthStats[] {
  const months = new Map<string, MonthCounts>();
  const at = (month: string) => {
    let counts = months.get(month);
    if (!counts) months.set(month, (counts = empty()));
    return counts;
  };
  for (const row of archive) {
    const counts = at(row.month);
    counts.offered += row.offered;
    counts.exchanged += row.exchanged;
    counts.unclaimed += row.unclaimed;
    counts.cancelled += row.cancelled;
  }
  for (const row of live) {
    const counts = at(row.month);
    counts.offered += row.baskets;
    if (row.status === "exchanged" || row.status === "done") counts.exchanged += row.baskets;
    else if (row.status === "unclaimed") counts.unclaimed += row.baskets;
    else if (row.status === "cancelled") counts.cancelled += row.baskets;
  }
  return [...months.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([month, c]) => ({ month, ...c }));
}

/** Offered baskets not yet exchanged, unclaimed or cancelled: still open or awaiting an answer. */
export function pendingOf(counts: MonthCounts): number {
  return Math.max(0, counts.offered - counts.exchanged - counts.unclaimed - counts.cancelled);
}

/** Baskets taken by one person in one month. `userId` is null for an archived person whose account is gone. */
export type TakenRow = { month: string; userId: string | null; name: string; taken: number };
export type IntermittentTotal = { key: string; name: string; taken: number; months: { month: string; taken: number }[] };

/**
 * Baskets taken per person, most first (then by name): rows of the same
 * account are one person whatever the name archived with them; rows with no
 * account are told apart by that name.
 */
export function totalsByIntermittent(rows: readonly TakenRow[]): IntermittentTotal[] {
  const people = new Map<string, IntermittentTotal>();
  for (const row of rows) {
    if (row.taken === 0) continue;
    const key = row.userId ? `user:${row.userId}` : `label:${row.name}`;
    let person = people.get(key);
    if (!person) people.set(key, (person = { key, name: row.name, taken: 0, months: [] }));
    person.taken += row.taken;
    const month = person.months.find((m) => m.month === row.month);
    if (month) month.taken += row.taken;
    else person.months.push({ month: row.month, taken: row.taken });
  }
  const collator = new Intl.Collator("fr", { sensitivity: "base" });
  for (const person of people.values()) person.months.sort((a, b) => (a.month < b.month ? -1 : 1));
  return [...people.values()].sort((a, b) => b.taken - a.taken || collator.compare(a.name, b.name));
}
