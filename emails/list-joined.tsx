// To someone who just put themselves on the intermittents list: what happens
// next, and how to leave.
import { mailFr } from "@/lib/i18n/mail-fr";
import { EmailLayout } from "./components/layout";
import { HelpLine, HowItWorks, LeaveLine, type ListLinks } from "./components/list";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewListLinks } from "./preview-data";

export type ListJoinedProps = { amapName: string; recipient: MailPerson; links: ListLinks };

const t = mailFr.listJoined;

export const listJoinedSubject = ({ amapName }: Pick<ListJoinedProps, "amapName">) => t.subject(amapName);

export default function ListJoined({
  amapName = previewOffer.amapName,
  recipient = previewOffer.recipient,
  links = previewListLinks,
}: Partial<ListJoinedProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(amapName)}</Paragraph>
      <Paragraph>{t.next}</Paragraph>
      <HowItWorks />
      <ActionButton href={links.baskets}>{mailFr.list.basketsButton}</ActionButton>
      <HelpLine href={links.help} />
      <LeaveLine href={links.unsubscribe} />
    </EmailLayout>
  );
}
