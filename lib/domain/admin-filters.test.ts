import { describe, expect, it } from "vitest";
import { parseFilterDay, parseSearchText } from "./admin-filters";

describe("parseSearchText", () => {
  it.each([
    ["", ""],
    ["  Lefèvre ", "Lefèvre"],
    [["alice", "bob"], "alice"],
    [undefined, ""],
    ["a".repeat(150), "a".repeat(100)],
  ])("reads %j as %j", (raw, value) => {
    expect(parseSearchText(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ["NUL", "\u0000", "U+0000"],
    ["NUL inside a name", "Alice\u0000Martin", "U+0000"],
    ["escape", "\u001b[31m", "U+001B"],
    ["line separator", "a\u2028b", "U+2028"],
    ["right-to-left override", "\u202eecila", "U+202E"],
    ["lone surrogate", "a\ud800", "U+D800"],
  ])("refuses a %s, naming it", (_name, raw, codePoint) => {
    expect(parseSearchText(raw)).toEqual({ ok: false, codePoint });
  });
});

describe("parseFilterDay", () => {
  it.each([
    ["", ""],
    [undefined, ""],
    ["2027-03-28", "2027-03-28"],
    ["2028-02-29", "2028-02-29"],
  ])("reads %j", (raw, day) => {
    expect(parseFilterDay(raw)).toBe(day);
  });

  it.each(["2027-02-30", "2027-13-01", "0000-00-00", "2027-3-1", "27-03-28", "2027-03-28\u0000", "２０２７-03-28", "demain"])("refuses %j", (raw) => {
    expect(parseFilterDay(raw)).toBeNull();
  });
});
