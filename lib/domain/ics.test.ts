import { describe, expect, it } from "vitest";
import { buildIcs, escapeIcsText, foldIcsLine } from "./ics";

describe("iCalendar", () => {
  const event = {
    uid: "reservation-12@espace-intermittents",
    start: new Date("2026-12-03T17:30:00Z"),
    end: new Date("2026-12-03T19:00:00Z"),
    summary: "Panier d'Alice Martin, AMAP des Tilleuls",
    location: "Salle des fêtes; 2 place de la Mairie, Lyon",
    description: "Émargez au nom de Alice Martin.\nApportez vos sacs.",
    method: "REQUEST" as const,
    attendee: { email: "ines@example.org", name: "Inès Garnier" },
    organizer: { email: "contact@tilleuls.example", name: "AMAP des Tilleuls" },
    sequence: 0,
    now: new Date("2026-11-27T10:00:00Z"),
  };

  it("writes a pickup event in UTC with CRLF lines", () => {
    const ics = buildIcs(event);
    expect(ics).toContain("BEGIN:VEVENT\r\n");
    expect(ics).toContain("DTSTART:20261203T173000Z\r\n");
    expect(ics).toContain("DTEND:20261203T190000Z\r\n");
    expect(ics).toContain("METHOD:REQUEST\r\n");
    expect(ics).toContain("STATUS:CONFIRMED\r\n");
    expect(ics).toContain("LOCATION:Salle des fêtes\\; 2 place de la Mairie\\, Lyon\r\n");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.split("\r\n").every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  });

  it("cancels the same event with a later sequence", () => {
    const ics = buildIcs({ ...event, method: "CANCEL", sequence: 1 });
    expect(ics).toContain("METHOD:CANCEL\r\n");
    expect(ics).toContain("STATUS:CANCELLED\r\n");
    expect(ics).toContain("SEQUENCE:1\r\n");
    expect(ics).toContain(`UID:${event.uid}\r\n`);
  });

  it("escapes what people type, so it cannot add properties", () => {
    expect(escapeIcsText("a\r\nATTENDEE:x;y,z\\")).toBe("a\\nATTENDEE:x\\;y\\,z\\\\");
    const ics = buildIcs({ ...event, description: "ligne\nEND:VEVENT" });
    expect(ics.split("\r\n").filter((l) => l === "END:VEVENT")).toHaveLength(1);
  });

  it("folds long lines without splitting a character", () => {
    const folded = foldIcsLine(`DESCRIPTION:${"é".repeat(100)}`);
    const parts = folded.split("\r\n ");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toBe(`DESCRIPTION:${"é".repeat(100)}`);
    expect(parts.every((p) => new TextEncoder().encode(p).length <= 75)).toBe(true);
  });
});
