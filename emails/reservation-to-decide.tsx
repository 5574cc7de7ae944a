// To the owner: a reservation awaits their decision (a new one, or the next
// in the queue after a decline or withdrawal). « Valider » and « Refuser »
// are signed links when the sender provides them.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { DecisionButtons, Greeting, Paragraph } from "./components/parts";
import { basketSummary, type MailPerson, type OfferMailData } from "./offer-data";
import { previewIntermittent, previewOwnerOffer } from "./preview-data";

export type ReservationToDecideProps = {
  data: OfferMailData;
  intermittent: MailPerson;
  /** The previous pending reservation was declined or withdrawn and this one was next. */
  promoted: boolean;
  /** People waiting behind this reservation. */
  queueLength: number;
};

const t = fr.emails.reservationToDecide;

export const reservationToDecideSubject = ({ data, intermittent }: Pick<ReservationToDecideProps, "data" | "intermittent">) =>
  t.subject(intermittent.firstName, data.day, basketSummary(data.lines));

export default function ReservationToDecide({
  data = previewOwnerOffer,
  intermittent = previewIntermittent,
  promoted = false,
  queueLength = 0,
}: Partial<ReservationToDecideProps>) {
  const who = intermittent.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(who)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(who, data.day)}</Paragraph>
      {promoted ? <Paragraph>{t.promoted(who)}</Paragraph> : null}
      <Paragraph>{t.ask}</Paragraph>
      <DecisionButtons links={data.links} />
      <Paragraph>{t.queue(queueLength)}</Paragraph>
      <BasketBlock data={data} viewer="owner" />
    </EmailLayout>
  );
}
