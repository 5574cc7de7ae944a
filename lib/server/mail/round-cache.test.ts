import { describe, expect, it } from "vitest";
import { noRoundCache, roundCache } from "./round-cache";

describe("roundCache", () => {
  it("reads a key once for the round, even when asked again before the first read is done", async () => {
    const cache = roundCache();
    let reads = 0;
    const load = async () => ++reads;
    expect(await Promise.all([cache("offer:1", load), cache("offer:1", load)])).toEqual([1, 1]);
    expect(await cache("offer:1", load)).toBe(1);
    expect(await cache("offer:2", load)).toBe(2);
    // Another round reads afresh.
    expect(await roundCache()("offer:1", load)).toBe(3);
  });

  it("does not keep a failed read: the next message tries again", async () => {
    const cache = roundCache();
    let calls = 0;
    const flaky = async () => {
      if (++calls === 1) throw new Error("connection cut");
      return "offer";
    };
    await expect(cache("k", flaky)).rejects.toThrow("connection cut");
    expect(await cache("k", flaky)).toBe("offer");
  });

  it("noRoundCache reads every time", async () => {
    let reads = 0;
    await noRoundCache("k", async () => ++reads);
    expect(await noRoundCache("k", async () => ++reads)).toBe(2);
  });
});
