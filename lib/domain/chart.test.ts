import { describe, expect, it } from "vitest";
import { niceCeiling, stackSegments, ticks } from "./chart";

describe("niceCeiling", () => {
  it.each([
    [0, 1],
    [-3, 1],
    [1, 1],
    [2, 2],
    [3, 5],
    [7, 10],
    [10, 10],
    [11, 20],
    [21, 50],
    [51, 100],
    [101, 200],
    [1234, 2000],
  ])("%d → %d", (value, expected) => {
    expect(niceCeiling(value)).toBe(expected);
  });
});

describe("ticks", () => {
  it.each([
    [1, [0, 1]],
    [2, [0, 1, 2]],
    [5, [0, 1, 2, 3, 4, 5]],
    [10, [0, 2, 4, 6, 8, 10]],
    [20, [0, 5, 10, 15, 20]],
    [50, [0, 10, 20, 30, 40, 50]],
    [100, [0, 20, 40, 60, 80, 100]],
    [200, [0, 50, 100, 150, 200]],
  ])("splits a scale of %d in round whole steps", (max, expected) => {
    expect(ticks(max)).toEqual(expected);
  });
});

describe("stackSegments", () => {
  it("lays values end to end, scaled to the width", () => {
    expect(stackSegments([5, 3, 0, 2], 20, 200, 60)).toEqual([
      { index: 0, value: 5, x: 60, width: 50 },
      { index: 1, value: 3, x: 110, width: 30 },
      { index: 3, value: 2, x: 140, width: 20 },
    ]);
  });

  it("fills the width when the values add up to the maximum", () => {
    const segments = stackSegments([1, 1, 1], 3, 100);
    const last = segments.at(-1)!;
    expect(last.x + last.width).toBeCloseTo(100, 1);
  });

  it("never spills past the width, and draws nothing for nothing", () => {
    const segments = stackSegments([8, 8], 10, 100);
    expect(segments).toEqual([
      { index: 0, value: 8, x: 0, width: 80 },
      { index: 1, value: 8, x: 80, width: 20 },
    ]);
    expect(stackSegments([0, -1], 10, 100)).toEqual([]);
    expect(stackSegments([3], 0, 100)).toEqual([]);
  });
});
