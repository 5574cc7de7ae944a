import { describe, expect, it } from "vitest";
import { typeset } from "./french";
import { addDays, formatPrice, formatSlot, parisDate, parisInstant, parisTimeAnomaly, weekday } from "./time";

describe("parisInstant", () => {
  it.each([
    // winter (UTC+1) and summer (UTC+2)
    ["2026-12-03", "18:30", "2026-12-03T17:30:00.000Z"],
    ["2026-07-02", "18:30", "2026-07-02T16:30:00.000Z"],
    // the days clocks change
    ["2026-03-29", "18:30", "2026-03-29T16:30:00.000Z"],
    ["2026-10-25", "18:30", "2026-10-25T17:30:00.000Z"],
    // spring-forward gap: 02:30 does not exist, read as 03:30 summer time
    ["2026-03-29", "02:30", "2026-03-29T01:30:00.000Z"],
    // autumn overlap: 02:30 happens twice, the first one is taken
    ["2026-10-25", "02:30", "2026-10-25T00:30:00.000Z"],
    ["2026-01-01", "00:00", "2025-12-31T23:00:00.000Z"],
  ])("%s %s in Paris is %s", (date, time, iso) => {
    expect(parisInstant(date, time).toISOString()).toBe(iso);
  });

  it("round-trips through parisDate", () => {
    for (let day = 0; day < 400; day += 7) {
      const date = addDays("2026-01-01", day);
      expect(parisDate(parisInstant(date, "00:00"))).toBe(date);
      expect(parisDate(parisInstant(date, "23:59"))).toBe(date);
    }
  });
});

describe("parisTimeAnomaly", () => {
  it.each([
    ["2027-03-28", "02:30", "skipped"],
    ["2027-03-28", "02:00", "skipped"],
    ["2027-03-28", "03:00", null],
    ["2027-03-28", "01:59", null],
    ["2026-10-25", "02:30", "twice"],
    ["2026-10-25", "02:00", "twice"],
    ["2026-10-25", "03:00", null],
    ["2026-10-25", "18:30", null],
    ["2026-12-03", "02:30", null],
  ])("%s %s in Paris: %s", (date, time, anomaly) => {
    expect(parisTimeAnomaly(date, time)).toBe(anomaly);
  });
});

describe("calendar helpers", () => {
  it("adds days across months, years and DST", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("knows the weekday", () => {
    expect(weekday("2026-12-03")).toBe(4); // a Thursday
    expect(weekday("2026-11-29")).toBe(0);
  });
});

describe("French formatting", () => {
  it("writes a distribution slot the French way", () => {
    const start = parisInstant("2026-12-03", "18:30");
    const end = parisInstant("2026-12-03", "20:00");
    expect(formatSlot(start, end)).toBe(typeset("jeudi 3 décembre, 18 h 30 – 20 h"));
  });

  it("writes a summer slot in Paris time whatever the server's zone", () => {
    expect(formatSlot(parisInstant("2026-07-02", "09:05"), parisInstant("2026-07-02", "12:00"))).toBe(
      typeset("jeudi 2 juillet, 9 h 05 – 12 h"),
    );
  });

  it("writes prices in euros", () => {
    expect(formatPrice(2200).replace(/\s/g, " ")).toBe("22,00 €");
    expect(formatPrice(350).replace(/\s/g, " ")).toBe("3,50 €");
  });
});

describe("long dates", () => {
  it("writes the first of the month the French way", async () => {
    const { formatLongDate } = await import("./time");
    expect(formatLongDate(parisInstant("2026-10-01", "00:30"))).toBe(typeset("1er octobre 2026"));
    expect(formatLongDate(parisInstant("2026-10-12", "23:30"))).toBe(typeset("12 octobre 2026"));
  });
});
