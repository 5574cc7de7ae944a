// Reads an .ics with a real parser (ical.js) and checks it against what
// RFC 5546 §3.2 requires of each method: PUBLISH (a download: ORGANIZER, no
// ATTENDEE), REQUEST (ORGANIZER and at least one ATTENDEE), CANCEL (the
// same, with a SEQUENCE). Returns the parts the tests assert on.
import ICAL from "ical.js";

export type ParsedItip = {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  organizer: string;
  attendees: string[];
  start: Date;
  summary: string;
};

export function parseItip(content: string | Buffer): ParsedItip {
  const calendar = new ICAL.Component(ICAL.parse(String(content)));
  const method = String(calendar.getFirstPropertyValue("method") ?? "");
  const events = calendar.getAllSubcomponents("vevent");
  if (events.length !== 1) throw new Error(`${events.length} VEVENT`);
  const event = events[0]!;
  const one = (name: string) => {
    const values = event.getAllProperties(name);
    if (values.length !== 1) throw new Error(`${method}: ${values.length} ${name.toUpperCase()}`);
    return values[0]!.getFirstValue();
  };
  for (const required of ["uid", "dtstamp", "organizer"]) one(required);
  if (method === "PUBLISH" || method === "REQUEST") for (const required of ["dtstart", "summary"]) one(required);
  if (method === "CANCEL") one("sequence");
  const attendees = event.getAllProperties("attendee").map((p) => String(p.getFirstValue()));
  if (method === "PUBLISH" && attendees.length > 0) throw new Error("PUBLISH with an ATTENDEE");
  if ((method === "REQUEST" || method === "CANCEL") && attendees.length === 0) throw new Error(`${method} without an ATTENDEE`);
  return {
    method,
    uid: String(one("uid")),
    sequence: Number(event.getFirstPropertyValue("sequence") ?? 0),
    status: String(event.getFirstPropertyValue("status") ?? ""),
    organizer: String(one("organizer")),
    attendees,
    start: (one("dtstart") as ICAL.Time).toJSDate(),
    summary: String(one("summary")),
  };
}
