// How a reservation came to be accepted, said as it happened: in the taker's
// copy the opening line itself (« Chloé a validé » only when Chloé did), in
// the member's copy « Attribué par Rose Lefèvre… Motif : … » when a référent
// acted instead of them.
import { fr } from "@/lib/i18n/fr";
import { Paragraph, Quote } from "./parts";

export type ActedBy = { fullName: string; reason: string; assigned: boolean };

/**
 * `member`: the member validated. `automatic`: the offer accepts its first
 * reservation by itself (the member's choice). `setting`: the AMAP's setting
 * accepted a reservation still pending before the distribution. `referent`:
 * a référent validated it, or gave the basket (`assigned`).
 */
export type Acceptance =
  | { by: "member" }
  | { by: "automatic" }
  | { by: "setting" }
  | ({ by: "referent" } & ActedBy);

const t = fr.mail.actedBy;
const a = fr.mail.acceptance;

/** The taker's opening line (and the référent's reason, if one acted). */
export function AcceptedLine({ acceptance, member, day }: { acceptance: Acceptance; member: string; day: string }) {
  switch (acceptance.by) {
    case "automatic":
      return <Paragraph>{a.automatic(member, day)}</Paragraph>;
    case "setting":
      return <Paragraph>{a.setting(member, day)}</Paragraph>;
    case "referent":
      return (
        <>
          <Paragraph>{(acceptance.assigned ? a.assigned : a.referent)(acceptance.fullName, member, day)}</Paragraph>
          {acceptance.reason ? (
            <>
              <Paragraph>{a.reasonLead}</Paragraph>
              <Quote text={acceptance.reason} />
            </>
          ) : null}
        </>
      );
    default:
      return <Paragraph>{fr.emails.reservationAcceptedTaker.intro(member, day)}</Paragraph>;
  }
}

/** In the member's copy: who acted for them, and why. */
export function ActedByLine({ actedBy, takerFirstName }: { actedBy?: ActedBy; takerFirstName: string }) {
  if (!actedBy) return null;
  const line = actedBy.assigned ? t.assignedToOwner(actedBy.fullName, takerFirstName) : t.acceptedToOwner(actedBy.fullName);
  return (
    <>
      <Paragraph>{line}</Paragraph>
      {actedBy.reason ? <Quote text={actedBy.reason} /> : null}
    </>
  );
}
