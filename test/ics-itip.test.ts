// The pickup .ics read by a real parser (ical.js), against what RFC 5546
// requires of each iTIP method. (lib/domain stays free of our test helpers.)
import { describe, expect, it } from "vitest";
import { buildIcs } from "@/lib/domain/ics";
import { parseItip } from "./itip";

describe("the pickup as iTIP", () => {
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

  it("is an iTIP invitation (RFC 5546): the AMAP organizes, the taker attends; a cancellation names them too", () => {
    const request = parseItip(buildIcs(event));
    expect(request).toMatchObject({
      method: "REQUEST",
      organizer: "mailto:contact@tilleuls.example",
      attendees: ["mailto:ines@example.org"],
      status: "CONFIRMED",
      start: event.start,
    });
    const cancel = parseItip(buildIcs({ ...event, method: "CANCEL", sequence: 1 }));
    expect(cancel).toMatchObject({ method: "CANCEL", uid: request.uid, sequence: 1, attendees: ["mailto:ines@example.org"], status: "CANCELLED" });
    expect(buildIcs(event)).toContain('ORGANIZER;CN="AMAP des Tilleuls":mailto:contact@tilleuls.example\r\n');
  });

  it("is a published event for a download: an organizer, nobody invited", () => {
    const { attendee: _, ...rest } = event;
    const published = parseItip(buildIcs({ ...rest, method: "PUBLISH" }));
    expect(published).toMatchObject({ method: "PUBLISH", organizer: "mailto:contact@tilleuls.example", attendees: [] });
  });

  it("keeps a name with quotes or line breaks inside its parameter", () => {
    const ics = buildIcs({ ...event, attendee: { email: "x@example.org", name: 'Inès "la\r\nATTENDEE:mailto:evil@example.org' } });
    expect(parseItip(ics).attendees).toEqual(["mailto:x@example.org"]);
  });

});
