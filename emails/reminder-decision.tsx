// To the owner: a reservation still awaits their answer as the distribution
// nears (the day before, then the morning of the distribution, more urgent).
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { DecisionButtons, Greeting, Paragraph } from "./components/parts";
import { basketSummary, type MailPerson, type OfferMailData } from "./offer-data";
import { previewIntermittent, previewOwnerOffer } from "./preview-data";

export type ReminderDecisionProps = {
  data: OfferMailData;
  /** The person whose reservation awaits the answer. */
  intermittent: MailPerson;
  /** Sent the morning of the distribution (the last reminder). */
  morning: boolean;
};

const t = mailFr.reminderDecision;

export const reminderDecisionSubject = ({ data, intermittent }: Pick<ReminderDecisionProps, "data" | "intermittent">) =>
  t.subject(intermittent.firstName, data.day, basketSummary(data.lines));

export default function ReminderDecision({
  data = previewOwnerOffer,
  intermittent = previewIntermittent,
  morning = false,
}: Partial<ReminderDecisionProps>) {
  const who = intermittent.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(who)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(who, data.day)}</Paragraph>
      <Paragraph>{morning ? <strong>{t.morning(who)}</strong> : t.later(who)}</Paragraph>
      <Paragraph>{fr.emails.reservationToDecide.ask}</Paragraph>
      <DecisionButtons links={data.links} />
      <BasketBlock data={data} viewer="owner" />
    </EmailLayout>
  );
}
