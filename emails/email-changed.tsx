// To the OLD address of an account whose address a référent changed: the
// change, who made it and when, the new address partly hidden, that sessions
// were closed, and whom to warn if it was not asked for — without it, a
// changed address would be a silent account takeover.
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import { EmailLayout } from "./components/layout";
import { Greeting, Paragraph, TextLink } from "./components/parts";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewContactEmail, previewReferent } from "./preview-data";

export type EmailChangedProps = {
  amapName: string;
  recipient: MailPerson;
  /** Who changed it; absent when the person changed their own address (a référent). */
  referent?: { fullName: string };
  /** "2 décembre 2026 à 14 h 05" */
  when: string;
  /** The new address, partly hidden: "al•••@exemple.org". */
  newAddress: string;
  contactEmail: string;
};

const t = adminMailFr.emailChanged;

export const emailChangedSubject = ({ amapName }: Pick<EmailChangedProps, "amapName">) => t.subject(amapName);

export default function EmailChanged(props: Partial<EmailChangedProps>) {
  const {
    amapName = previewOffer.amapName,
    recipient = previewOffer.member,
    when = "2 décembre 2026 à 14 h 05",
    newAddress = "al•••@exemple.org",
    contactEmail = previewContactEmail,
  } = props;
  // Rose only stands in for the preview; a caller without a référent means the person did it.
  const referent = Object.keys(props).length === 0 ? previewReferent : props.referent;
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>{referent ? t.intro(referent.fullName, when) : t.introSelf(when)}</Paragraph>
      <Paragraph>{t.newAddress(newAddress)}</Paragraph>
      <Paragraph>{t.signedOut}</Paragraph>
      {contactEmail ? (
        <Paragraph>
          {t.notYou}
          <TextLink href={`mailto:${contactEmail}`}>{contactEmail}</TextLink>
        </Paragraph>
      ) : (
        <Paragraph>{t.notYouNoAddress}</Paragraph>
      )}
      <Paragraph>{t.fine}</Paragraph>
    </EmailLayout>
  );
}
