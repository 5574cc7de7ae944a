// To a non-member whose request to join the intermittents list was declined:
// polite, no reason given, and whom to write to.
import { mailFr } from "@/lib/i18n/mail-fr";
import { EmailLayout } from "./components/layout";
import { Greeting, Paragraph, TextLink } from "./components/parts";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewContactEmail } from "./preview-data";

export type ListRequestRefusedProps = {
  amapName: string;
  recipient: MailPerson;
  /** The AMAP's address for questions (the référents' mailbox). */
  contactEmail: string;
};

const t = mailFr.listRequestRefused;

export const listRequestRefusedSubject = (_props: Partial<ListRequestRefusedProps> = {}) => t.subject;

export default function ListRequestRefused({
  amapName = previewOffer.amapName,
  recipient = previewOffer.recipient,
  contactEmail = previewContactEmail,
}: Partial<ListRequestRefusedProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro}</Paragraph>
      <Paragraph>
        {t.contact}
        <TextLink href={`mailto:${contactEmail}`}>{contactEmail}</TextLink>
      </Paragraph>
      <Paragraph>
        {t.regards}
        <br />
        {t.signature}
      </Paragraph>
    </EmailLayout>
  );
}
