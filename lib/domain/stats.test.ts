import { describe, expect, it } from "vitest";
import { typeset } from "./french";
import { formatAbbreviatedMonth, formatMonth, formatShortMonth, mergeMonthly, monthOf, pendingOf, totalsByIntermittent } from "./stats";

describe("months", () => {
  it("is the Paris month of the distribution", () => {
    // 00:30 in Paris on 1 June is 22:30 UTC on 31 May.
    expect(monthOf(new Date("2030-05-31T22:30:00Z"))).toBe("2030-06");
    expect(monthOf(new Date("2030-05-31T21:30:00Z"))).toBe("2030-05");
    // Winter time: 00:30 in Paris on 1 January is 23:30 UTC.
    expect(monthOf(new Date("2029-12-31T23:30:00Z"))).toBe("2030-01");
  });

  it("reads the French way", () => {
    expect(formatMonth("2026-11")).toBe(typeset("novembre 2026"));
    expect(formatMonth("2027-01")).toBe(typeset("janvier 2027"));
    expect(formatAbbreviatedMonth("2026-11")).toBe("nov. 2026");
    expect(formatShortMonth("2026-11")).toBe("nov. 26");
  });
});

describe("mergeMonthly", () => {
  it("adds archive rows and live offers, counts every offer as offered, and sorts by month", () => {
    const merged = mergeMonthly(
      [
        { month: "2026-10", offered: 4, exchanged: 2, unclaimed: 1, cancelled: 1 },
        { month: "2026-03", offered: 1, exchanged: 1, unclaimed: 0, cancelled: 0 },
      ],
      [
        { month: "2026-10", status: "exchanged", baskets: 2 },
        { month: "2026-10", status: "done", baskets: 1 },
        { month: "2026-10", status: "unclaimed", baskets: 1 },
        { month: "2026-10", status: "cancelled", baskets: 3 },
        { month: "2026-10", status: "open", baskets: 1 },
        { month: "2026-11", status: "reserved", baskets: 2 },
      ],
    );
    expect(merged).toEqual([
      { month: "2026-03", offered: 1, exchanged: 1, unclaimed: 0, cancelled: 0 },
      { month: "2026-10", offered: 4 + 8, exchanged: 2 + 3, unclaimed: 2, cancelled: 4 },
      { month: "2026-11", offered: 2, exchanged: 0, unclaimed: 0, cancelled: 0 },
    ]);
    expect(merged.map(pendingOf)).toEqual([0, 1, 2]);
  });

  it("is empty with no data", () => {
    expect(mergeMonthly([], [])).toEqual([]);
  });
});

describe("totalsByIntermittent", () => {
  it("adds up each person's months, an account whatever its archived name, most baskets first", () => {
    const totals = totalsByIntermittent([
      { month: "2026-10", userId: "u1", name: "Inès Garnier", taken: 2 },
      { month: "2026-09", userId: "u1", name: "Inès Garnier", taken: 1 },
      { month: "2026-10", userId: "u1", name: "Inès Garnier", taken: 1 },
      { month: "2025-01", userId: null, name: "Paul Parti", taken: 4 },
      { month: "2025-01", userId: null, name: "Zoé Partie", taken: 4 },
      { month: "2026-10", userId: "u2", name: "Jules Faure", taken: 0 },
    ]);
    expect(totals).toEqual([
      {
        key: "user:u1",
        name: "Inès Garnier",
        taken: 4,
        months: [
          { month: "2026-09", taken: 1 },
          { month: "2026-10", taken: 3 },
        ],
      },
      { key: "label:Paul Parti", name: "Paul Parti", taken: 4, months: [{ month: "2025-01", taken: 4 }] },
      { key: "label:Zoé Partie", name: "Zoé Partie", taken: 4, months: [{ month: "2025-01", taken: 4 }] },
    ]);
  });
});
