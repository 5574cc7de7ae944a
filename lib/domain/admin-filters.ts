// The référents' search filters, read from a URL's query string (GET forms):
// the text searched and the days, checked before any of it reaches a query.
// A NUL in `?q=%00` made Postgres refuse the query (a 500, and the query with
// its parameters in the log, issue 10); an invisible character matches
// nothing anyway. Pure.
import { forbiddenCharacter, trimEnds } from "./text";

/** The longest text searched. */
export const SEARCH_MAX = 100;

type QueryValue = string | string[] | undefined;
const first = (raw: QueryValue | unknown): string => (Array.isArray(raw) ? String(raw[0] ?? "") : typeof raw === "string" ? raw : "");

export type SearchText = { ok: true; value: string } | { ok: false; codePoint: string };

/** A text to search for: trimmed and cut to SEARCH_MAX; refused (naming the character, "U+0000") if it holds a control, format or separator character. */
export function parseSearchText(raw: QueryValue | unknown): SearchText {
  const value = trimEnds(first(raw)).slice(0, SEARCH_MAX);
  const codePoint = forbiddenCharacter(value);
  return codePoint ? { ok: false, codePoint } : { ok: true, value };
}

/** A day of a date filter, YYYY-MM-DD and a real date (not 2026-02-30); "" for none; null when it is not a day. */
export function parseFilterDay(raw: QueryValue | unknown): string | null {
  const value = first(raw);
  if (value === "") return "";
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}
