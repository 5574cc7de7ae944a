// Rules of the référents' calendar: what a place, a contract and a
// distribution's date and hours must look like, and the dates of a weekly
// season. Pure: the server layer checks existence and writes in transactions.
// Dates are Paris calendar dates (YYYY-MM-DD), times Paris wall-clock "HH:MM";
// instants come from parisInstant, so a season across a clock change keeps
// its local hours.
import { typeset } from "./french";
import { checkTypedText, trimEnds } from "./text";
import { addDays, parisInstant, parisTimeAnomaly, TIME_ZONE, weekday } from "./time";

/** The fields the calendar's forms send; a refusal names the faulty ones. */
export type CalendarField =
  | "name"
  | "address"
  | "accessNotes"
  | "product"
  | "producer"
  | "size"
  | "price"
  | "placeId"
  | "weekday"
  | "from"
  | "to"
  | "date"
  | "start"
  | "end"
  | "contractIds"
  | "reason";

export type FieldError =
  | "required"
  | "too_long"
  | "invalid_text"
  | "invalid_time"
  | "hours_order"
  | "invalid_price"
  | "invalid_date"
  | "date_past"
  /** Today, but the hour has already passed. */
  | "time_past"
  /** The clocks go forward over this hour that day: it does not exist. */
  | "time_skipped"
  /** The clocks go back over this hour that day: it happens twice. */
  | "time_twice"
  | "dates_order"
  | "range_too_long"
  | "invalid_weekday"
  /** The weekday never falls between the two dates. */
  | "no_date"
  | "no_contract"
  | "unknown_place"
  | "unknown_contract";

export type FieldErrors = Partial<Record<CalendarField, FieldError>>;

export type Checked<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export type CalendarRefusal =
  | "not_referent"
  /** No such place, contract or distribution. */
  | "not_found"
  /** Some fields are to fix (see `fields`). */
  | "invalid"
  /** The place already has a distribution at that time (or, live, that day). */
  | "slot_taken"
  /** The distribution is cancelled: it no longer changes. */
  | "cancelled"
  /** The distribution has started (or is over): it no longer changes. */
  | "started"
  /** A contract with baskets offered at that date cannot be taken off it. */
  | "contract_offered";

export const CALENDAR_LIMITS = {
  name: 120,
  address: 300,
  accessNotes: 1000,
  product: 80,
  producer: 120,
  size: 80,
  reason: 500,
  /** 1 000 €: no basket costs more; a typo (2250 for 22,50) is caught. */
  maxPriceCents: 100_000,
  /** A season spans a year at most… */
  seasonDays: 366,
} as const;

/**
 * Trims (and, on one line, collapses spaces); an error when required and
 * empty, too long, or holding a control, format or separator character
 * (lib/domain/text.ts: new lines are allowed in notes only).
 */
export function cleanText(
  raw: string,
  { max, required, multiline = false }: { max: number; required: boolean; multiline?: boolean },
): { ok: true; value: string } | { ok: false; error: FieldError } {
  // Checked as typed, before spaces are collapsed: a U+2028 is refused, not turned into a space.
  const typed = checkTypedText(trimEnds(raw), { multiline });
  if (!typed.ok) return { ok: false, error: "invalid_text" };
  const value = multiline ? typed.value.trim() : typed.value.trim().replace(/\s+/g, " ");
  if (required && value === "") return { ok: false, error: "required" };
  if (value.length > max) return { ok: false, error: "too_long" };
  return { ok: true, value };
}

/**
 * "18:30", "18h30", "18 h 30", "9:05", "18h" → "HH:MM"; null otherwise. Time
 * inputs send "HH:MM" (or "HH:MM:SS"), the rest is for browsers that show a
 * plain text box.
 */
export function parseTime(raw: string): string | null {
  const match = /^(\d{1,2})\s*(?::|h|H)\s*(\d{2})?(?::00)?$/.exec(raw.trim()) ?? /^(\d{1,2})(\d{2})$/.exec(raw.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** "22,50", "22.5", "22", "22,50 €" → cents; null for anything else (negative, three decimals, letters). */
export function parsePriceCents(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "");
  const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
  return cents <= CALENDAR_LIMITS.maxPriceCents ? cents : null;
}

/** "2026-05-05" (date inputs), or "05/05/2026" (typed in a text box) → "2026-05-05"; null for no such day. */
export function parseDate(raw: string): string | null {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : french
      ? [Number(french[3]), Number(french[2]), Number(french[1])]
      : [NaN, NaN, NaN];
  if (!Number.isInteger(y) || y < 2000 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Days from `from` to `to` (YYYY-MM-DD); negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every date from `from` to `to` (both included) that falls on `day` (0 = Sunday … 6 = Saturday). */
export function weeklyDates(from: string, to: string, day: number): string[] {
  const dates: string[] = [];
  for (let date = addDays(from, (day - weekday(from) + 7) % 7); date <= to; date = addDays(date, 7)) dates.push(date);
  return dates;
}

/** The instants of a distribution held on a Paris date between two Paris times. */
export function slotInstants(date: string, start: string, end: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: parisInstant(date, start), endsAt: parisInstant(date, end) };
}

// ---------------------------------------------------------------------------
// Forms.

type Raw<K extends string> = Record<K, string>;

function collect<T>(fields: FieldErrors, value: () => T): Checked<T> {
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value: value() };
}

export type PlaceInput = { name: string; address: string; accessNotes: string };

export function checkPlace(raw: Raw<keyof PlaceInput>): Checked<PlaceInput> {
  const fields: FieldErrors = {};
  const name = cleanText(raw.name, { max: CALENDAR_LIMITS.name, required: true });
  const address = cleanText(raw.address, { max: CALENDAR_LIMITS.address, required: false });
  const accessNotes = cleanText(raw.accessNotes, { max: CALENDAR_LIMITS.accessNotes, required: false, multiline: true });
  if (!name.ok) fields.name = name.error;
  if (!address.ok) fields.address = address.error;
  if (!accessNotes.ok) fields.accessNotes = accessNotes.error;
  return collect(fields, () => ({
    name: (name as { value: string }).value,
    address: (address as { value: string }).value,
    accessNotes: (accessNotes as { value: string }).value,
  }));
}

export type ContractInput = { product: string; producer: string; size: string; unitPriceCents: number };

export function checkContract(raw: Raw<"product" | "producer" | "size" | "price">): Checked<ContractInput> {
  const fields: FieldErrors = {};
  const product = cleanText(raw.product, { max: CALENDAR_LIMITS.product, required: true });
  const producer = cleanText(raw.producer, { max: CALENDAR_LIMITS.producer, required: true });
  const size = cleanText(raw.size, { max: CALENDAR_LIMITS.size, required: false });
  const cents = raw.price.trim() === "" ? null : parsePriceCents(raw.price);
  if (!product.ok) fields.product = product.error;
  if (!producer.ok) fields.producer = producer.error;
  if (!size.ok) fields.size = size.error;
  if (cents === null) fields.price = raw.price.trim() === "" ? "required" : "invalid_price";
  return collect(fields, () => ({
    product: (product as { value: string }).value,
    producer: (producer as { value: string }).value,
    size: (size as { value: string }).value,
    unitPriceCents: cents!,
  }));
}

/** Hours on the given dates: each must exist, once, on every one of them (clock changes). */
function checkHours(raw: { start: string; end: string }, dates: string[], fields: FieldErrors): { start: string; end: string } | null {
  const start = parseTime(raw.start);
  const end = parseTime(raw.end);
  if (!start) fields.start = raw.start.trim() === "" ? "required" : "invalid_time";
  if (!end) fields.end = raw.end.trim() === "" ? "required" : "invalid_time";
  if (start && end && end <= start) fields.end = "hours_order";
  for (const [field, time] of [["start", start], ["end", end]] as const) {
    if (!time || fields[field]) continue;
    const anomaly = dates.map((date) => parisTimeAnomaly(date, time)).find(Boolean);
    if (anomaly) fields[field] = anomaly === "skipped" ? "time_skipped" : "time_twice";
  }
  return start && end && end > start && !fields.start && !fields.end ? { start, end } : null;
}

function checkDay(raw: string, field: CalendarField, today: string, fields: FieldErrors): string | null {
  const date = parseDate(raw);
  if (!date) fields[field] = raw.trim() === "" ? "required" : "invalid_date";
  else if (date < today) fields[field] = "date_past";
  return date && date >= today ? date : null;
}

export type SlotInput = { date: string; start: string; end: string };

/** One date and its hours (adding or moving a distribution); `today` is the Paris date, no earlier day is taken. */
export function checkSlot(raw: Raw<keyof SlotInput>, today: string): Checked<SlotInput> {
  const fields: FieldErrors = {};
  const date = checkDay(raw.date, "date", today, fields);
  const hours = checkHours(raw, date ? [date] : [], fields);
  return collect(fields, () => ({ date: date!, ...hours! }));
}

export type SeriesInput = { dates: string[]; start: string; end: string; weekday: number; from: string; to: string };

/** A weekly season: a weekday, a first and last date (a year at most), hours. */
export function checkSeries(raw: Raw<"weekday" | "from" | "to" | "start" | "end">, today: string): Checked<SeriesInput> {
  const fields: FieldErrors = {};
  const day = /^[0-6]$/.test(raw.weekday.trim()) ? Number(raw.weekday.trim()) : null;
  if (day === null) fields.weekday = raw.weekday.trim() === "" ? "required" : "invalid_weekday";
  const from = checkDay(raw.from, "from", today, fields);
  const to = checkDay(raw.to, "to", today, fields);
  if (from && to && to < from) fields.to = "dates_order";
  else if (from && to && daysBetween(from, to) > CALENDAR_LIMITS.seasonDays) fields.to = "range_too_long";
  const hours = checkHours(raw, day !== null && from && to && !fields.to ? weeklyDates(from, to, day) : [], fields);
  if (day !== null && from && to && !fields.to && weeklyDates(from, to, day).length === 0) fields.weekday = "no_date";
  return collect(fields, () => ({
    dates: weeklyDates(from!, to!, day!),
    weekday: day!,
    from: from!,
    to: to!,
    ...hours!,
  }));
}

/** The reason given for cancelling a distribution: required, one paragraph. */
export function checkReason(raw: string): Checked<string> {
  const reason = cleanText(raw, { max: CALENDAR_LIMITS.reason, required: true, multiline: true });
  return reason.ok ? { ok: true, value: reason.value } : { ok: false, fields: { reason: reason.error } };
}

// ---------------------------------------------------------------------------
// Months, for the calendar page.

/** How many months the calendar page shows at once. */
export const CALENDAR_WINDOW_MONTHS = 3;

/** Whether a YYYY-MM-DD date falls in the `count` months from `month`. */
export function isInMonths(date: string, month: string, count: number): boolean {
  const m = monthOf(date);
  return m >= month && m < addMonths(month, count);
}

/** "2026-05" for a YYYY-MM-DD date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** "2026-05" → itself; anything else → null. */
export function parseMonth(raw: string | undefined): string | null {
  if (!raw || !/^\d{4}-\d{2}$/.test(raw)) return null;
  const month = Number(raw.slice(5));
  return month >= 1 && month <= 12 ? raw : null;
}

/** Adds whole months to "YYYY-MM". */
export function addMonths(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The instants bounding `count` months from `month` (Paris midnights). */
export function monthsPeriod(month: string, count: number): { from: Date; to: Date } {
  return { from: parisInstant(`${month}-01`, "00:00"), to: parisInstant(`${addMonths(month, count)}-01`, "00:00") };
}

const monthFormatter = new Intl.DateTimeFormat("fr-FR", { timeZone: TIME_ZONE, month: "long", year: "numeric" });

/** "mai 2026". */
export function formatMonth(month: string): string {
  return typeset(monthFormatter.format(parisInstant(`${month}-15`, "12:00")));
}

/** "22,50" from cents: how a price is typed back into a form. */
export function priceInput(cents: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, "0")}`;
}
