// Geometry of a horizontal stacked bar chart, kept pure so the SVG component
// only draws what these functions compute.

/** The smallest "round" number (1, 2 or 5 × 10ⁿ) at or above `value`; at least 1. */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/**
 * Grid values from 0 to `max` (a niceCeiling): a round step (1, 2 or 5 × 10ⁿ)
 * giving at most `maxIntervals` intervals, so every value is a whole number.
 */
export function ticks(max: number, maxIntervals = 5): number[] {
  const step = niceCeiling(max / maxIntervals);
  const result: number[] = [];
  for (let value = 0; value <= max + step / 1000; value += step) result.push(Math.round(value));
  return result;
}

export type Segment = { index: number; value: number; x: number; width: number };

/**
 * The segments of one stacked bar: each non-zero value laid end to end from
 * `x0`, scaled so `max` spans `width`. Values at or below zero get no
 * segment; the bar never spills past `x0 + width`.
 */
export function stackSegments(values: readonly number[], max: number, width: number, x0 = 0): Segment[] {
  const scale = max > 0 ? width / max : 0;
  const segments: Segment[] = [];
  let x = x0;
  values.forEach((value, index) => {
    if (!(value > 0)) return;
    const w = Math.min(value * scale, x0 + width - x);
    if (w <= 0) return;
    segments.push({ index, value, x: round(x), width: round(w) });
    x += w;
  });
  return segments;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
