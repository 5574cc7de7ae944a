// To the owner, the evening before the distribution, when nobody has reserved
// their basket yet: it stays open; tell people around; cancel if plans change.
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph } from "./components/parts";
import type { OfferMailData } from "./offer-data";
import { previewOwnerOffer } from "./preview-data";

export type ReminderNobodyReservedProps = { data: OfferMailData };

const t = mailFr.reminderNobodyReserved;

export const reminderNobodyReservedSubject = ({ data }: Pick<ReminderNobodyReservedProps, "data">) => t.subject(data.day);

export default function ReminderNobodyReserved({ data = previewOwnerOffer }: Partial<ReminderNobodyReservedProps>) {
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.day)}>
      <Greeting person={data.recipient} />
      <Paragraph>
        {t.intro(data.day)} {t.stillOpen}
      </Paragraph>
      <Paragraph>{t.spread}</Paragraph>
      <BasketBlock data={data} viewer="owner" />
      <Note>{t.cancel}</Note>
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
    </EmailLayout>
  );
}
