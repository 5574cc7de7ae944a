import { describe, expect, it } from "vitest";
import { typeset } from "./french";
import {
  addMonths,
  checkContract,
  checkPlace,
  checkReason,
  checkSeries,
  checkSlot,
  cleanText,
  formatMonth,
  isInMonths,
  monthsPeriod,
  parseDate,
  parseMonth,
  parsePriceCents,
  parseTime,
  priceInput,
  slotInstants,
  weeklyDates,
} from "./calendar";
import { weekday } from "./time";

describe("weeklyDates", () => {
  it("lists every chosen weekday between two dates, both ends included", () => {
    // 2026-05-05 is a Tuesday.
    expect(weeklyDates("2026-05-05", "2026-05-26", 2)).toEqual(["2026-05-05", "2026-05-12", "2026-05-19", "2026-05-26"]);
    expect(weeklyDates("2026-05-06", "2026-05-26", 2)).toEqual(["2026-05-12", "2026-05-19", "2026-05-26"]);
    expect(weeklyDates("2026-05-06", "2026-05-11", 2)).toEqual([]);
    expect(weeklyDates("2026-05-26", "2026-05-05", 2)).toEqual([]);
  });

  it("crosses months, years and clock changes, always on the same weekday", () => {
    const dates = weeklyDates("2026-10-01", "2027-04-30", 4);
    expect(dates[0]).toBe("2026-10-01");
    expect(dates.at(-1)).toBe("2027-04-29");
    expect(dates).toHaveLength(31);
    expect(dates.every((d) => weekday(d) === 4)).toBe(true);
    expect(dates).toContain("2026-10-29");
    expect(dates).toContain("2027-01-07");
  });
});

describe("slotInstants", () => {
  it("keeps the Paris hours across the clock changes", () => {
    // Sunday 29 March 2026 clocks go forward, Sunday 25 October back.
    expect(slotInstants("2026-03-26", "18:30", "20:00")).toEqual({
      startsAt: new Date("2026-03-26T17:30:00Z"),
      endsAt: new Date("2026-03-26T19:00:00Z"),
    });
    expect(slotInstants("2026-04-02", "18:30", "20:00").startsAt).toEqual(new Date("2026-04-02T16:30:00Z"));
    expect(slotInstants("2026-10-22", "18:30", "20:00").startsAt).toEqual(new Date("2026-10-22T16:30:00Z"));
    expect(slotInstants("2026-10-29", "18:30", "20:00").startsAt).toEqual(new Date("2026-10-29T17:30:00Z"));
  });
});

describe("parsing what référents type", () => {
  it.each([
    ["18:30", "18:30"],
    ["18:30:00", "18:30"],
    ["9:05", "09:05"],
    ["18h30", "18:30"],
    ["18 h 30", "18:30"],
    ["18h", "18:00"],
    ["1830", "18:30"],
    ["24:00", null],
    ["18:60", null],
    ["soir", null],
    ["", null],
  ])("time %j → %j", (raw, expected) => {
    expect(parseTime(raw)).toBe(expected);
  });

  it.each([
    ["22,50", 2250],
    ["22.5", 2250],
    ["22", 2200],
    ["3,5", 350],
    ["0", 0],
    [" 22,50 € ", 2250],
    ["1000", 100_000],
    ["1000,01", null],
    ["-3", null],
    ["22,505", null],
    ["22,50,1", null],
    ["vingt", null],
    ["", null],
  ])("price %j → %j cents", (raw, expected) => {
    expect(parsePriceCents(raw)).toBe(expected);
  });

  it.each([
    ["2026-05-05", "2026-05-05"],
    ["5/5/2026", "2026-05-05"],
    ["05/05/2026", "2026-05-05"],
    ["2026-02-30", null],
    ["31/04/2026", null],
    ["1999-01-01", null],
    ["demain", null],
  ])("date %j → %j", (raw, expected) => {
    expect(parseDate(raw)).toBe(expected);
  });

  it("trims and collapses names, keeps lines in notes, refuses control characters and long texts", () => {
    expect(cleanText("  Salle   des fêtes ", { max: 20, required: true })).toEqual({ ok: true, value: "Salle des fêtes" });
    expect(cleanText("   ", { max: 20, required: true })).toEqual({ ok: false, error: "required" });
    expect(cleanText("", { max: 20, required: false })).toEqual({ ok: true, value: "" });
    expect(cleanText("x".repeat(21), { max: 20, required: true })).toEqual({ ok: false, error: "too_long" });
    expect(cleanText("a\u0007b", { max: 20, required: true })).toEqual({ ok: false, error: "invalid_text" });
    expect(cleanText("Porte verte\r\nCode 1234", { max: 40, required: false, multiline: true })).toEqual({
      ok: true,
      value: "Porte verte\nCode 1234",
    });
  });

  it.each([
    ["a right-to-left override", "Salle \u202edes fêtes", false],
    ["a C1 control", "Salle\u0085des fêtes", false],
    ["a line separator (not quietly made a space)", "Salle\u2028des fêtes", false],
    ["a byte order mark at the start", "\ufeffSalle", false],
    ["a new line in a one-line field", "Salle\ndes fêtes", false],
    ["a bidi isolate in notes", "Code \u20661234\u2069", true],
    ["a tab in notes", "Code\t1234", true],
  ])("refuses %s in places, contracts and reasons", (_name, raw, multiline) => {
    expect(cleanText(raw, { max: 100, required: true, multiline })).toEqual({ ok: false, error: "invalid_text" });
  });

  it("accepts accents, emoji and French spaces in names", () => {
    expect(cleanText("  Chez Marie-Hélène N'Diaye 🥕\u00a0! ", { max: 100, required: true })).toEqual({
      ok: true,
      value: "Chez Marie-Hélène N'Diaye 🥕 !",
    });
  });

  it("writes a price back the way it is typed", () => {
    expect(priceInput(2250)).toBe("22,50");
    expect(priceInput(2200)).toBe("22");
    expect(priceInput(305)).toBe("3,05");
  });
});

describe("forms", () => {
  it("checks a place", () => {
    expect(checkPlace({ name: " Grange ", address: "1 rue du Pré", accessNotes: "" })).toEqual({
      ok: true,
      value: { name: "Grange", address: "1 rue du Pré", accessNotes: "" },
    });
    expect(checkPlace({ name: "", address: "x".repeat(301), accessNotes: "" })).toEqual({
      ok: false,
      fields: { name: "required", address: "too_long" },
    });
  });

  it("checks a contract and turns the typed price into cents", () => {
    expect(checkContract({ product: "Légumes", producer: "Ferme du Pré", size: "", price: "22,50" })).toEqual({
      ok: true,
      value: { product: "Légumes", producer: "Ferme du Pré", size: "", unitPriceCents: 2250 },
    });
    expect(checkContract({ product: "", producer: "", size: "", price: "douze" })).toEqual({
      ok: false,
      fields: { product: "required", producer: "required", price: "invalid_price" },
    });
    expect(checkContract({ product: "Œufs", producer: "Poules", size: "", price: " " })).toEqual({
      ok: false,
      fields: { price: "required" },
    });
  });

  it("checks a date and its hours: no past day, the end after the start", () => {
    const today = "2026-05-05";
    expect(checkSlot({ date: "2026-05-05", start: "18:30", end: "20:00" }, today)).toEqual({
      ok: true,
      value: { date: "2026-05-05", start: "18:30", end: "20:00" },
    });
    expect(checkSlot({ date: "2026-05-04", start: "20:00", end: "18:30" }, today)).toEqual({
      ok: false,
      fields: { date: "date_past", end: "hours_order" },
    });
    expect(checkSlot({ date: "", start: "", end: "20:00" }, today)).toEqual({
      ok: false,
      fields: { date: "required", start: "required" },
    });
    expect(checkSlot({ date: "2026-05-08", start: "18:30", end: "18:30" }, today)).toEqual({
      ok: false,
      fields: { end: "hours_order" },
    });
  });

  it("checks a season and lists its dates", () => {
    const today = "2026-05-01";
    const season = checkSeries({ weekday: "2", from: "2026-05-01", to: "2026-07-07", start: "18:30", end: "20:00" }, today);
    expect(season.ok).toBe(true);
    if (!season.ok) return;
    expect(season.value.dates).toHaveLength(10);
    expect(season.value.dates[0]).toBe("2026-05-05");
    expect(season.value.dates.at(-1)).toBe("2026-07-07");

    expect(checkSeries({ weekday: "7", from: "2026-06-01", to: "2026-05-01", start: "x", end: "20:00" }, today)).toEqual({
      ok: false,
      fields: { weekday: "invalid_weekday", to: "dates_order", start: "invalid_time" },
    });
    expect(checkSeries({ weekday: "", from: "2026-04-01", to: "2027-06-01", start: "18:30", end: "20:00" }, today)).toEqual({
      ok: false,
      fields: { weekday: "required", from: "date_past" },
    });
    expect(checkSeries({ weekday: "1", from: "2026-05-01", to: "2027-06-01", start: "18:30", end: "20:00" }, today)).toEqual({
      ok: false,
      fields: { to: "range_too_long" },
    });
    // Wednesday 6 to Sunday 10 May holds no Tuesday.
    expect(checkSeries({ weekday: "2", from: "2026-05-06", to: "2026-05-10", start: "18:30", end: "20:00" }, today)).toEqual({
      ok: false,
      fields: { weekday: "no_date" },
    });
  });

  it("requires a reason to cancel", () => {
    expect(checkReason("  Salle inondée ")).toEqual({ ok: true, value: "Salle inondée" });
    expect(checkReason(" ")).toEqual({ ok: false, fields: { reason: "required" } });
  });
});

describe("months", () => {
  it("parses, adds and names months", () => {
    expect(parseMonth("2026-05")).toBe("2026-05");
    expect(parseMonth("2026-13")).toBeNull();
    expect(parseMonth("mai")).toBeNull();
    expect(parseMonth(undefined)).toBeNull();
    expect(addMonths("2026-11", 3)).toBe("2027-02");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(formatMonth("2026-05")).toBe(typeset("mai 2026"));
  });

  it("bounds a period by Paris midnights", () => {
    expect(monthsPeriod("2026-03", 1)).toEqual({
      from: new Date("2026-02-28T23:00:00Z"),
      to: new Date("2026-03-31T22:00:00Z"),
    });
  });
});

describe("the calendar's window", () => {
  it("knows which dates it shows", () => {
    expect(isInMonths("2026-05-01", "2026-05", 3)).toBe(true);
    expect(isInMonths("2026-07-31", "2026-05", 3)).toBe(true);
    expect(isInMonths("2026-08-01", "2026-05", 3)).toBe(false);
    expect(isInMonths("2026-04-30", "2026-05", 3)).toBe(false);
    expect(isInMonths("2027-01-15", "2026-11", 3)).toBe(true);
  });
});
