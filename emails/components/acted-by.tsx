// "Attribué par Rose Lefèvre, référent·e de l'AMAP. Motif : …" — in the
// acceptance mails when a référent acted instead of the member.
import { fr } from "@/lib/i18n/fr";
import { Paragraph, Quote } from "./parts";

export type ActedBy = { fullName: string; reason: string; assigned: boolean };

const t = fr.mail.actedBy;

export function ActedByLine({
  actedBy,
  memberFirstName,
  takerFirstName,
}: {
  actedBy?: ActedBy;
  /** In the taker's copy. */
  memberFirstName?: string;
  /** In the member's copy. */
  takerFirstName?: string;
}) {
  if (!actedBy) return null;
  const line = takerFirstName
    ? actedBy.assigned
      ? t.assignedToOwner(actedBy.fullName, takerFirstName)
      : t.acceptedToOwner(actedBy.fullName)
    : actedBy.assigned
      ? t.assignedToTaker(actedBy.fullName)
      : t.acceptedToTaker(actedBy.fullName, memberFirstName ?? "");
  return (
    <>
      <Paragraph>{line}</Paragraph>
      {actedBy.reason ? <Quote text={actedBy.reason} /> : null}
    </>
  );
}
