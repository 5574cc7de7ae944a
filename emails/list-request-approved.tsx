// To a non-member whose request to join the intermittents list a référent
// accepted: welcome, how it works, signing in with their email (no password).
import { mailFr } from "@/lib/i18n/mail-fr";
import { EmailLayout } from "./components/layout";
import { HelpLine, HowItWorks, LeaveLine, type ListLinks } from "./components/list";
import { ActionButton, Greeting, Paragraph, TextLink } from "./components/parts";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewListLinks } from "./preview-data";

export type ListRequestApprovedProps = {
  amapName: string;
  recipient: MailPerson;
  links: ListLinks & {
    /** The sign-in page (/connexion). */
    signIn: string;
  };
};

const t = mailFr.listRequestApproved;

export const listRequestApprovedSubject = (_props: Partial<ListRequestApprovedProps> = {}) => t.subject;

export default function ListRequestApproved({
  amapName = previewOffer.amapName,
  recipient = previewOffer.recipient,
  links = previewListLinks,
}: Partial<ListRequestApprovedProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(amapName)}</Paragraph>
      <HowItWorks />
      <ActionButton href={links.baskets}>{mailFr.list.basketsButton}</ActionButton>
      <Paragraph>
        {t.signIn} <TextLink href={links.signIn}>{t.signInLink}</TextLink>
      </Paragraph>
      <HelpLine href={links.help} />
      <LeaveLine href={links.unsubscribe} />
    </EmailLayout>
  );
}
