import { describe, expect, it } from "vitest";
import {
  autoAcceptAt,
  basketsLeftSlots,
  decisionSlots,
  latestDueSlot,
  nobodyReservedSlot,
  pickupSlot,
  reminderHorizonMs,
  slotAt,
} from "./reminders";
import { parisInstant } from "./time";

const defaults = [
  { dayOffset: -1, time: "18:00" },
  { dayOffset: 0, time: "10:00" },
];

describe("reminder slots in Paris time", () => {
  it("the evening before and the day itself, on an ordinary week", () => {
    const start = parisInstant("2026-12-03", "18:30");
    expect(basketsLeftSlots(start, defaults).map((d) => d.toISOString())).toEqual([
      "2026-12-02T17:00:00.000Z",
      "2026-12-03T09:00:00.000Z",
    ]);
  });

  it("across the spring change: 18:00 winter time the day before, 10:00 summer time the day itself", () => {
    const start = parisInstant("2026-03-29", "10:30"); // Sunday: clocks went forward at 02:00
    expect(basketsLeftSlots(start, defaults).map((d) => d.toISOString())).toEqual([
      "2026-03-28T17:00:00.000Z",
      "2026-03-29T08:00:00.000Z",
    ]);
    expect(pickupSlot(start).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(nobodyReservedSlot(start).toISOString()).toBe("2026-03-28T17:00:00.000Z");
  });

  it("across the autumn change", () => {
    const start = parisInstant("2026-10-25", "10:30");
    expect(basketsLeftSlots(start, defaults).map((d) => d.toISOString())).toEqual([
      "2026-10-24T16:00:00.000Z",
      "2026-10-25T09:00:00.000Z",
    ]);
  });

  it("counts decision reminders from when the reservation started waiting", () => {
    const start = parisInstant("2026-12-03", "18:30");
    const since = new Date("2026-12-01T10:00:00Z");
    expect(decisionSlots(start, since, 12).map((d) => d.toISOString())).toEqual([
      "2026-12-01T22:00:00.000Z",
      "2026-12-03T07:00:00.000Z",
    ]);
  });

  it("auto-acceptance counts real hours before the start", () => {
    expect(autoAcceptAt(new Date("2026-12-03T17:30:00Z"), 6).toISOString()).toBe("2026-12-03T11:30:00.000Z");
  });

  it("a slot can be days before", () => {
    expect(slotAt(parisInstant("2026-12-03", "18:30"), -2, "09:15").toISOString()).toBe("2026-12-01T08:15:00.000Z");
  });
});

describe("latestDueSlot", () => {
  const start = parisInstant("2026-12-03", "18:30");
  const slots = basketsLeftSlots(start, defaults);

  it("is nothing before the first slot", () => {
    expect(latestDueSlot(slots, { now: new Date("2026-12-02T16:59:59Z"), before: start })).toBeNull();
  });

  it("is the first slot once it has come", () => {
    expect(latestDueSlot(slots, { now: new Date("2026-12-02T17:00:00Z"), before: start })).toEqual(slots[0]);
  });

  it("is only the latest when both have come (a missed slot is not sent late)", () => {
    expect(latestDueSlot(slots, { now: new Date("2026-12-03T12:00:00Z"), before: start })).toEqual(slots[1]);
  });

  it("is nothing once the distribution has started", () => {
    expect(latestDueSlot(slots, { now: start, before: start })).toBeNull();
  });

  it("ignores slots before the event that made them relevant", () => {
    const reservedAt = new Date("2026-12-03T08:00:00Z"); // before the 10:00 Paris slot (09:00Z)
    expect(latestDueSlot(slots, { now: new Date("2026-12-03T09:30:00Z"), after: reservedAt, before: start })).toEqual(slots[1]);
    expect(latestDueSlot(slots, { now: new Date("2026-12-03T09:30:00Z"), after: new Date("2026-12-03T09:10:00Z"), before: start })).toBeNull();
  });
});

describe("reminder slots as the référent types them", async () => {
  const { parseReminderSlots, formatReminderSlots } = await import("./reminders");
  it("reads « J-1 18:00, J 10:00 » and writes it back", () => {
    expect(parseReminderSlots("J 10:00, J-1 18:00")).toEqual([
      { dayOffset: -1, time: "18:00" },
      { dayOffset: 0, time: "10:00" },
    ]);
    expect(parseReminderSlots("j-2 9h30\nJ 8:05")).toEqual([
      { dayOffset: -2, time: "09:30" },
      { dayOffset: 0, time: "08:05" },
    ]);
    expect(formatReminderSlots([{ dayOffset: -1, time: "18:00" }, { dayOffset: 0, time: "10:00" }])).toBe("J-1 18:00, J 10:00");
    expect(parseReminderSlots("")).toEqual([]);
  });

  it.each(["J+1 10:00", "J-1 25:00", "demain 10h", "J-9 10:00", "J 10:61"])("refuses « %s »", (text) => {
    expect(parseReminderSlots(text)).toBeNull();
  });
});

describe("how far ahead the worker looks", () => {
  it("covers every slot the settings accept (J-7 to J), at any hour, across clock changes, and no further than needed", () => {
    const starts = ["2026-03-29", "2026-10-25", "2026-12-03"].flatMap((date) => ["00:00", "08:30", "18:30", "23:59"].map((time) => parisInstant(date, time)));
    for (let offset = 0; offset >= -7; offset--) {
      for (const time of ["00:00", "09:00", "23:59"]) {
        const config = [{ dayOffset: offset, time }];
        for (const start of starts) {
          const [slot] = basketsLeftSlots(start, config);
          if (slot! < start) expect(start.getTime() - slot!.getTime()).toBeLessThanOrEqual(reminderHorizonMs(config));
        }
      }
      // The evening before (nobody reserved) is always covered.
      expect(reminderHorizonMs([{ dayOffset: offset, time: "10:00" }])).toBeGreaterThanOrEqual(2 * 86_400_000);
    }
    expect(reminderHorizonMs([{ dayOffset: -5, time: "18:00" }])).toBe(6 * 86_400_000 + 3_600_000);
  });
});
