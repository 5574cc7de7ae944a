// Rules of a subscription (member × contract × quantity × period), shared by
// the référents' forms and the CSV import. Pure. Dates are calendar dates,
// "YYYY-MM-DD", compared as strings.

export const MAX_QUANTITY = 99;

export type SubscriptionField = "contractId" | "quantity" | "startsOn" | "endsOn";

export type SubscriptionInput = { contractId: number; quantity: number; startsOn: string; endsOn: string };

/** A period from `startsOn` to `endsOn`, both days included. */
export type Period = { startsOn: string; endsOn: string };

/**
 * A date written "AAAA-MM-JJ" (ISO, what a date field sends) or "JJ/MM/AAAA"
 * (what a French spreadsheet shows; dots are accepted too), as "YYYY-MM-DD";
 * null when it is not a real calendar date between 2000 and 2099.
 */
export function parseDay(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const french = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : french ? [french[3], french[2], french[1]] : [];
  if (!y || !m || !d) return null;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 2000 || year > 2099) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** "02/04/2026" from "2026-04-02": how a date reads in a French table. */
export function formatNumericDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

/** The fields of a subscription that are wrong (an empty list when all is well). */
export function checkSubscription(input: SubscriptionInput): SubscriptionField[] {
  const fields: SubscriptionField[] = [];
  if (!Number.isInteger(input.contractId) || input.contractId <= 0) fields.push("contractId");
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_QUANTITY) fields.push("quantity");
  const startsOn = parseDay(input.startsOn);
  const endsOn = parseDay(input.endsOn);
  if (startsOn === null) fields.push("startsOn");
  if (endsOn === null || (startsOn !== null && endsOn < startsOn)) fields.push("endsOn");
  return fields;
}

export function periodsOverlap(a: Period, b: Period): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

export type SubscriptionState = "upcoming" | "current" | "ended";

/** Where a subscription stands on `today` (a Paris date). */
export function subscriptionState(period: Period, today: string): SubscriptionState {
  if (today < period.startsOn) return "upcoming";
  if (today > period.endsOn) return "ended";
  return "current";
}
