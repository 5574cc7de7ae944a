// To each référent: someone asked to join the list from the public form —
// who, their details and word, and a link to the page where they decide.
import { joinFr } from "@/lib/i18n/join-fr";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph, Quote } from "./components/parts";
import { previewApplicant, previewJoinLinks, previewReferentRecipient } from "./join-preview-data";
import { previewOffer, type MailPerson } from "./offer-data";

export type ListRequestToDecideProps = {
  amapName: string;
  recipient: MailPerson;
  applicant: { fullName: string; email: string; phone: string; message: string };
  links: { decide: string };
};

const t = joinFr.requestToDecideMail;

export const listRequestToDecideSubject = ({ applicant }: Pick<ListRequestToDecideProps, "applicant">) => t.subject(applicant.fullName);

export default function ListRequestToDecide({
  amapName = previewOffer.amapName,
  recipient = previewReferentRecipient,
  applicant = previewApplicant,
  links = previewJoinLinks,
}: Partial<ListRequestToDecideProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview(applicant.fullName)}>
      <Greeting person={recipient} />
      <Paragraph>
        <strong>{t.intro(applicant.fullName)}</strong>
      </Paragraph>
      <Paragraph>
        {t.email}
        {applicant.email}
        {applicant.phone ? (
          <>
            <br />
            {t.phone}
            {applicant.phone}
          </>
        ) : null}
      </Paragraph>
      {applicant.message ? (
        <>
          <Paragraph>{t.message(applicant.fullName)}</Paragraph>
          <Quote text={applicant.message} />
        </>
      ) : null}
      <ActionButton href={links.decide}>{t.button}</ActionButton>
      <Note>{t.why}</Note>
    </EmailLayout>
  );
}
