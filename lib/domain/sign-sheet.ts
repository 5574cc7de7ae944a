// The distribution sign sheet (DESIGN.md §7), as pure rules: what each basket
// line of a member reads on the sheet, how lines are grouped into rows to sign,
// and which baskets are left for the team to give away.

import type { OfferStatus } from "./offer";

/**
 * What the team sees for one basket line: the member signs for it, the taker
 * of an accepted exchange signs in the member's name, or it was offered and
 * nobody has taken it (yet, or at all).
 */
export type SheetLineState =
  | { kind: "sign" }
  | { kind: "taken"; takerName: string }
  | { kind: "offered" }
  | { kind: "unclaimed" };

/** The state of a basket line from the live offer holding it (null: not offered, or the offer was cancelled). */
export function sheetLineState(offer: { status: OfferStatus; takerName: string | null } | null): SheetLineState {
  if (!offer) return { kind: "sign" };
  switch (offer.status) {
    case "exchanged":
    case "done":
      return { kind: "taken", takerName: offer.takerName ?? "" };
    case "open":
    case "reserved":
      return { kind: "offered" };
    case "unclaimed":
      return { kind: "unclaimed" };
    case "cancelled":
      return { kind: "sign" };
  }
}

export type SheetBasket = { label: string; quantity: number };
export type SheetLine = SheetBasket & { state: SheetLineState; offerId: number | null };
export type SheetRow = { baskets: SheetBasket[]; state: SheetLineState };

function rowKey(line: SheetLine): string {
  // Lines of one offer change hands together; the member's own lines form one row.
  return line.state.kind === "sign" ? "sign" : `${line.state.kind}:${line.offerId ?? ""}`;
}

/**
 * A member's lines as rows to sign: the lines the member collects share a
 * row, and so do the lines of one offer (one taker signs once for them).
 * Rows keep the order of their first line.
 */
export function signingRows(lines: readonly SheetLine[]): SheetRow[] {
  const rows = new Map<string, SheetRow>();
  for (const line of lines) {
    const key = rowKey(line);
    const row = rows.get(key) ?? { baskets: [], state: line.state };
    row.baskets.push({ label: line.label, quantity: line.quantity });
    rows.set(key, row);
  }
  return [...rows.values()];
}

export type Leftover = SheetBasket & { memberName: string; state: "offered" | "unclaimed" };

/**
 * The baskets nobody has taken: unclaimed ones, and those still on offer.
 * Once the distribution has started, both are to give away; before, the
 * offered ones may still find a taker.
 */
export function leftovers(members: readonly { name: string; lines: readonly SheetLine[] }[]): Leftover[] {
  const result: Leftover[] = [];
  for (const member of members) {
    for (const line of member.lines) {
      if (line.state.kind === "offered" || line.state.kind === "unclaimed") {
        result.push({ memberName: member.name, label: line.label, quantity: line.quantity, state: line.state.kind });
      }
    }
  }
  return result;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/** Sign sheets are read by last name: "Bernard Chloé" before "Laurent Emma", accents ignored. */
export function compareByLastName(
  a: { lastName: string; firstName: string },
  b: { lastName: string; firstName: string },
): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
}

export type SheetTotals = { baskets: number; taken: number; offered: number; unclaimed: number };

/** Basket counts (quantities) for the sheet's summary line. */
export function sheetTotals(members: readonly { lines: readonly SheetLine[] }[]): SheetTotals {
  const totals: SheetTotals = { baskets: 0, taken: 0, offered: 0, unclaimed: 0 };
  for (const member of members) {
    for (const line of member.lines) {
      totals.baskets += line.quantity;
      if (line.state.kind !== "sign") totals[line.state.kind] += line.quantity;
    }
  }
  return totals;
}
