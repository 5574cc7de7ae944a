import { describe, expect, it } from "vitest";
import { MAX_BIG_ID, MAX_SERIAL_ID, parseId } from "./ids";

describe("parseId", () => {
  it.each(["1", "16", "016", "2147483647"])("reads %j", (raw) => {
    expect(parseId(raw)).toBe(Number(raw));
  });

  it.each([
    ["hexadecimal", "0x10"],
    ["exponent", "1e1"],
    ["leading space", " 16"],
    ["trailing space", "16 "],
    ["decimal point", "16.0"],
    ["plus sign", "+16"],
    ["minus sign", "-16"],
    ["full-width digits", "０１"],
    ["Arabic-Indic digits", "١٦"],
    ["binary", "0b10"],
    ["octal", "0o20"],
    ["underscore", "1_6"],
    ["Infinity", "Infinity"],
    ["empty", ""],
    ["zero", "0"],
    ["16 digits", "1234567890123456"],
    ["past a serial column", String(MAX_SERIAL_ID + 1)],
    ["a number, not text", 16],
    ["a list", ["16"]],
  ])("refuses %s (%j)", (_name, raw) => {
    expect(parseId(raw)).toBeNull();
  });

  it("reads a bigserial id up to 15 digits when asked", () => {
    expect(parseId("999999999999999", MAX_BIG_ID)).toBe(999_999_999_999_999);
  });
});
