// To someone who left the intermittents list: confirmed, and the way back.
import { mailFr } from "@/lib/i18n/mail-fr";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph } from "./components/parts";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewListLinks } from "./preview-data";

export type ListLeftProps = {
  amapName: string;
  recipient: MailPerson;
  links: {
    /** Where to join the list again. */
    rejoin: string;
  };
};

const t = mailFr.listLeft;

export const listLeftSubject = (_props: Partial<ListLeftProps> = {}) => t.subject;

export default function ListLeft({
  amapName = previewOffer.amapName,
  recipient = previewOffer.recipient,
  links = { rejoin: previewListLinks.rejoin },
}: Partial<ListLeftProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(amapName)}</Paragraph>
      <Paragraph>{t.comeBack}</Paragraph>
      <ActionButton href={links.rejoin}>{t.button}</ActionButton>
      <Note>{t.notYou}</Note>
    </EmailLayout>
  );
}
