// An id in a URL or a form: decimal digits, nothing else. JavaScript's
// Number() reads much more — "0x10" is 16, "1e1" is 10, " 16", "16.0" and
// "+16" are 16 — so a forged "0x10" reached offer 16 (issue 10). Pure.

/** 1 to 15 ASCII digits: every value a safe integer. (Full-width digits, signs, spaces, dots and exponents are not.) */
export const ID_PATTERN = /^[0-9]{1,15}$/;

/** The largest id of a `serial` column (a Postgres integer); a larger one would make the query fail. */
export const MAX_SERIAL_ID = 2_147_483_647;

/** The largest id of a `bigserial` column read as a number (the outbox, events, links). */
export const MAX_BIG_ID = Number.MAX_SAFE_INTEGER;

/** The id `raw` spells in decimal digits, from 1 to `max`; null for anything else. */
export function parseId(raw: unknown, max = MAX_SERIAL_ID): number | null {
  if (typeof raw !== "string" || !ID_PATTERN.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= max ? id : null;
}
