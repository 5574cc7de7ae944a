// When reminders are due (DESIGN.md §5, issue "reminders"). Slots are wall-
// clock times in Europe/Paris relative to the distribution's day, so they stay
// right across daylight-saving changes. Pure: the worker asks, for `now`,
// which slot is the latest one due, and enqueues it under a key naming the
// slot, so each reminder goes once even with several workers.
import { addDays, parisDate, parisInstant } from "./time";

/** The morning of the distribution: the taker's pickup reminder, the member's last call to decide. */
export const MORNING = "08:00";
/** The evening before: "nobody has reserved your basket yet". */
export const EVENING_BEFORE = "18:00";

/**
 * « Il reste N paniers » leaves out, for each person, the baskets announced
 * to them this recently: « il reste 1 panier » ten seconds after « Alice cède
 * son panier » only repeats it (issue 11). Six hours, against the default
 * slots sixteen hours apart (J-1 18:00, J 10:00): a basket announced in the
 * morning is still recalled that evening; one announced at 17:00 is not
 * recalled at 18:00, but is the next morning.
 */
export const RECENTLY_ANNOUNCED_HOURS = 6;

export type ReminderSlotConfig = { dayOffset: number; time: string };

/** The instant Paris clocks read `time`, `dayOffset` days from the distribution's day. */
export function slotAt(startsAt: Date, dayOffset: number, time: string): Date {
  return parisInstant(addDays(parisDate(startsAt), dayOffset), time);
}

/**
 * The latest slot that has come (≤ now), strictly after `after` (the event
 * that makes the reminder pointless before it), while it is still before
 * `before` (the distribution start). Older slots missed while no worker ran
 * are not sent late: only the most recent one counts.
 */
export function latestDueSlot(slots: readonly Date[], { now, after, before }: { now: Date; after?: Date; before: Date }): Date | null {
  if (now.getTime() >= before.getTime()) return null;
  let latest: Date | null = null;
  for (const slot of slots) {
    if (slot.getTime() > now.getTime()) continue;
    if (after && slot.getTime() <= after.getTime()) continue;
    if (slot.getTime() >= before.getTime()) continue;
    if (!latest || slot.getTime() > latest.getTime()) latest = slot;
  }
  return latest;
}

/** "Il reste N paniers": the référent's slots (by default the evening before at 18:00 and the day at 10:00). */
export function basketsLeftSlots(startsAt: Date, config: readonly ReminderSlotConfig[]): Date[] {
  return config.map((c) => slotAt(startsAt, c.dayOffset, c.time));
}

const HOUR_MS = 3_600_000;

/**
 * How long before a distribution's start its earliest slot-based reminder can
 * come (the worker looks this far ahead): the furthest day offset among the
 * « il reste » slots and the evening before, plus a day (a slot early on its
 * day, a start late on its own), plus an hour for a clock change. Decision
 * reminders count from the reservation, not the distribution: no horizon.
 */
export function reminderHorizonMs(config: readonly ReminderSlotConfig[]): number {
  const days = Math.max(1, ...config.map((c) => -c.dayOffset));
  return (days + 1) * 24 * HOUR_MS + HOUR_MS;
}

/** A reservation awaiting the member's answer: X hours after it started waiting, and the morning of the distribution. */
export function decisionSlots(startsAt: Date, pendingSince: Date, hours: number): Date[] {
  return [new Date(pendingSince.getTime() + hours * 3_600_000), slotAt(startsAt, 0, MORNING)];
}

/** The taker's reminder, the morning of the distribution. */
export function pickupSlot(startsAt: Date): Date {
  return slotAt(startsAt, 0, MORNING);
}

/** The member whose basket nobody reserved, the evening before. */
export function nobodyReservedSlot(startsAt: Date): Date {
  return slotAt(startsAt, -1, EVENING_BEFORE);
}

/** With the auto-accept setting on: a reservation still pending this long before the start is accepted. */
export function autoAcceptAt(startsAt: Date, hours: number): Date {
  return new Date(startsAt.getTime() - hours * 3_600_000);
}

/** A stable name for a slot, for dedupe keys. */
export function slotKey(slot: Date): string {
  return slot.toISOString();
}

/** "J-1 18:00, J 10:00" ⇄ slots. Day offsets from -7 to 0; times HH:MM. */
export function parseReminderSlots(text: string): ReminderSlotConfig[] | null {
  const parts = text
    .split(/[,;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 6) return null;
  const slots: ReminderSlotConfig[] = [];
  for (const part of parts) {
    const match = /^J\s*(?:([-−])\s*(\d))?\s+(\d{1,2})[:h](\d{2})$/i.exec(part);
    if (!match) return null;
    const dayOffset = match[2] ? -Number(match[2]) : 0;
    const hours = Number(match[3]);
    const minutes = Number(match[4]);
    if (dayOffset < -7 || hours > 23 || minutes > 59) return null;
    slots.push({ dayOffset, time: `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}` });
  }
  return slots.sort((a, b) => a.dayOffset - b.dayOffset || a.time.localeCompare(b.time));
}

export function formatReminderSlots(slots: readonly ReminderSlotConfig[]): string {
  return slots.map((s) => `J${s.dayOffset === 0 ? "" : `-${-s.dayOffset}`} ${s.time}`).join(", ");
}
