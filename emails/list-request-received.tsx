// To someone who asked to join the list from « Devenir intermittent·e »: the
// request arrived, what happens next, and whom to write to if it was not them.
import { joinFr } from "@/lib/i18n/join-fr";
import { EmailLayout } from "./components/layout";
import { Greeting, Paragraph, TextLink } from "./components/parts";
import { previewApplicant } from "./join-preview-data";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewContactEmail } from "./preview-data";

export type ListRequestReceivedProps = {
  amapName: string;
  recipient: MailPerson;
  /** The AMAP's address for questions (the référents' mailbox). */
  contactEmail: string;
};

const t = joinFr.requestReceivedMail;

export const listRequestReceivedSubject = ({ amapName }: Pick<ListRequestReceivedProps, "amapName">) => t.subject(amapName);

export default function ListRequestReceived({
  amapName = previewOffer.amapName,
  recipient = previewApplicant,
  contactEmail = previewContactEmail,
}: Partial<ListRequestReceivedProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>
        <strong>{t.intro(amapName)}</strong>
      </Paragraph>
      <Paragraph>{t.next}</Paragraph>
      {contactEmail ? (
        <Paragraph>
          {t.notYou}
          <TextLink href={`mailto:${contactEmail}`}>{contactEmail}</TextLink>
        </Paragraph>
      ) : null}
    </EmailLayout>
  );
}
