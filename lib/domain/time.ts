// Dates and times the French way, in Europe/Paris, whatever the server's zone.
// Pure, deterministic given its arguments. French spaces (lib/domain/french.ts):
// « 18 h 30 » and « 3 décembre » never break across lines.
import { NBSP, typeset } from "./french";

export const TIME_ZONE = "Europe/Paris";

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock reading in Paris at instant `at`. */
export function parisWallClock(at: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/**
 * The instant at which Paris clocks read `date` (YYYY-MM-DD) and `time` (HH:MM).
 * Paris is UTC+1 in winter and UTC+2 in summer, so the instant is one of two
 * candidates. In the autumn overlap both match and the first occurrence is
 * taken; in the spring-forward gap neither does and the clock is read as
 * winter time (02:30 → 03:30 summer time).
 */
export function parisInstant(date: string, time: string): Date {
  const { summer, winter, readsSummer } = parisCandidates(date, time);
  return readsSummer ? summer : winter;
}

function parisCandidates(date: string, time: string) {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  const summer = new Date(naive - 2 * 3600_000);
  const winter = new Date(naive - 3600_000);
  const reads = (at: Date) => {
    const w = parisWallClock(at);
    return w.year === y && w.month === m && w.day === d && w.hour === hh && w.minute === mm;
  };
  return { summer, winter, readsSummer: reads(summer), readsWinter: reads(winter) };
}

/**
 * Whether Paris clocks read `time` on `date` exactly once: "skipped" in the
 * spring-forward gap (2027-03-28 02:30 never happens), "twice" in the autumn
 * overlap (2026-10-25 02:30 happens in summer time, then in winter time).
 */
export function parisTimeAnomaly(date: string, time: string): "skipped" | "twice" | null {
  const { readsSummer, readsWinter } = parisCandidates(date, time);
  if (readsSummer && readsWinter) return "twice";
  if (!readsSummer && !readsWinter) return "skipped";
  return null;
}

/** The Paris calendar date (YYYY-MM-DD) of an instant. */
export function parisDate(at: Date): string {
  const w = parisWallClock(at);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export function weekday(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const dayFormatter = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  weekday: "long",
  day: "numeric",
  month: "long",
});

/** "18 h 30", "20 h". */
export function formatTime(at: Date): string {
  const { hour, minute } = parisWallClock(at);
  return minute === 0 ? `${hour}${NBSP}h` : `${hour}${NBSP}h${NBSP}${String(minute).padStart(2, "0")}`;
}

/** "jeudi 3 décembre", "mardi 1er décembre". */
export function formatDay(at: Date): string {
  // The first of the month is an ordinal in French (« le 1er décembre »); Intl writes « 1 ».
  return typeset(dayFormatter.format(at).replace(/^(\S+) 1 /, "$1 1er "));
}

/** "jeudi 3 décembre, 18 h 30 – 20 h". */
export function formatSlot(startsAt: Date, endsAt: Date): string {
  return `${formatDay(startsAt)}, ${formatTime(startsAt)} – ${formatTime(endsAt)}`;
}

// NOTE: built once: constructing an Intl formatter costs ~0.1 ms, and
// /paniers formats a hundred prices per render.
const priceFormatter = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "22,00 €" from cents. */
export function formatPrice(cents: number): string {
  return priceFormatter.format(cents / 100);
}

const longDateFormatter = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "1er octobre 2026", "12 octobre 2026". */
export function formatLongDate(at: Date): string {
  const text = longDateFormatter.format(at);
  return typeset(text.replace(/^1 /, "1er "));
}
