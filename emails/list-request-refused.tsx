// To a non-member whose request to join the intermittents list was declined:
// polite, the référents' reason when they gave one, and whom to write to.
import { joinFr } from "@/lib/i18n/join-fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { EmailLayout } from "./components/layout";
import { Greeting, Paragraph, Quote, TextLink } from "./components/parts";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewContactEmail } from "./preview-data";

export type ListRequestRefusedProps = {
  amapName: string;
  recipient: MailPerson;
  /** The AMAP's address for questions (the référents' mailbox). */
  contactEmail: string;
  /** What the référent wrote for the applicant, if anything. */
  reason?: string | null;
};

const t = mailFr.listRequestRefused;

export const listRequestRefusedSubject = (_props: Partial<ListRequestRefusedProps> = {}) => t.subject;

export default function ListRequestRefused({
  amapName = previewOffer.amapName,
  recipient = previewOffer.recipient,
  contactEmail = previewContactEmail,
  reason = null,
}: Partial<ListRequestRefusedProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro}</Paragraph>
      {reason ? (
        <>
          <Paragraph>{joinFr.refusedMail.reason}</Paragraph>
          <Quote text={reason} />
        </>
      ) : null}
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
