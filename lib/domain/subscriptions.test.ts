import { describe, expect, it } from "vitest";
import { checkSubscription, formatNumericDate, parseDay, periodsOverlap, subscriptionState } from "./subscriptions";

describe("parseDay", () => {
  it.each([
    ["2026-04-02", "2026-04-02"],
    ["2026-4-2", "2026-04-02"],
    ["02/04/2026", "2026-04-02"],
    ["2/4/2026", "2026-04-02"],
    ["02.04.2026", "2026-04-02"],
    [" 29/02/2028 ", "2028-02-29"],
  ])("reads %s", (text, date) => {
    expect(parseDay(text)).toBe(date);
  });

  it.each(["", "2026-02-30", "29/02/2027", "04/32/2026", "2026/04/02", "02-04-2026", "1999-12-31", "2100-01-01", "demain", "2026-04-02T00:00"])(
    "refuses %j",
    (text) => {
      expect(parseDay(text)).toBeNull();
    },
  );

  it("formats back the French way", () => {
    expect(formatNumericDate("2026-04-02")).toBe("02/04/2026");
  });
});

describe("checkSubscription", () => {
  const ok = { contractId: 1, quantity: 1, startsOn: "2026-04-01", endsOn: "2026-09-30" };

  it("accepts a period of one day and more", () => {
    expect(checkSubscription(ok)).toEqual([]);
    expect(checkSubscription({ ...ok, endsOn: ok.startsOn })).toEqual([]);
  });

  it("names the faulty fields", () => {
    expect(checkSubscription({ contractId: 0, quantity: 100, startsOn: "x", endsOn: "" })).toEqual(["contractId", "quantity", "startsOn", "endsOn"]);
    expect(checkSubscription({ ...ok, quantity: 1.5 })).toEqual(["quantity"]);
    expect(checkSubscription({ ...ok, endsOn: "2026-03-31" })).toEqual(["endsOn"]);
  });
});

describe("periods", () => {
  it("overlap when they share a day", () => {
    const season = { startsOn: "2026-04-01", endsOn: "2026-09-30" };
    expect(periodsOverlap(season, { startsOn: "2026-09-30", endsOn: "2027-03-31" })).toBe(true);
    expect(periodsOverlap(season, { startsOn: "2026-10-01", endsOn: "2027-03-31" })).toBe(false);
    expect(periodsOverlap({ startsOn: "2026-01-01", endsOn: "2026-12-31" }, season)).toBe(true);
  });

  it("tell upcoming, current and ended", () => {
    const season = { startsOn: "2026-04-01", endsOn: "2026-09-30" };
    expect(subscriptionState(season, "2026-03-31")).toBe("upcoming");
    expect(subscriptionState(season, "2026-04-01")).toBe("current");
    expect(subscriptionState(season, "2026-09-30")).toBe("current");
    expect(subscriptionState(season, "2026-10-01")).toBe("ended");
  });
});
