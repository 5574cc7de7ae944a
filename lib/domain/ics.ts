// iCalendar (RFC 5545) events for a basket pickup: attached to the
// "réservation validée" mail as an iTIP invitation (RFC 5546: METHOD:REQUEST,
// then METHOD:CANCEL when the offer is cancelled, each with the AMAP as
// ORGANIZER and the taker as ATTENDEE), and downloadable from "Mes paniers
// échangés" as a plain published event (METHOD:PUBLISH, no ATTENDEE).

export type IcsPerson = { email: string; name: string };

type Itip =
  /** REQUEST adds or updates the event; CANCEL removes it: both name the person invited. */
  | { method: "REQUEST" | "CANCEL"; attendee: IcsPerson }
  /** A download: published, nobody invited. */
  | { method: "PUBLISH"; attendee?: undefined };

export type PickupEvent = Itip & {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  /** Bumped on every change of the same uid (a cancellation comes after the request). */
  sequence: number;
  /** The AMAP: its name and address (RFC 5546 requires an ORGANIZER in every method). */
  organizer: IcsPerson;
  now?: Date;
};

/** A parameter value (CN) as a quoted string: no quotes or controls inside (RFC 5545 §3.1). */
function quotedParam(value: string): string {
  return `"${value.replace(/["\p{Cc}]/gu, "").trim()}"`;
}

/** A mailto: calendar address, with nothing that could end the line. */
function mailto(email: string): string {
  return `mailto:${email.replace(/[\s"<>]/g, "")}`;
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Escapes TEXT values: backslash, semicolon, comma and newlines. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line at 75 octets, never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + bytes > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export function buildIcs(event: PickupEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Espace intermittents//FR",
    "CALSCALE:GREGORIAN",
    `METHOD:${event.method}`,
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${stamp(event.now ?? new Date())}`,
    `DTSTART:${stamp(event.start)}`,
    `DTEND:${stamp(event.end)}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `LOCATION:${escapeIcsText(event.location)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    `ORGANIZER;CN=${quotedParam(event.organizer.name)}:${mailto(event.organizer.email)}`,
    ...(event.attendee
      ? [
          `ATTENDEE;CN=${quotedParam(event.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${mailto(event.attendee.email)}`,
        ]
      : []),
    `STATUS:${event.method === "CANCEL" ? "CANCELLED" : "CONFIRMED"}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join("\r\n") + "\r\n";
}
