// To someone another person put on the intermittents list: who did it, what it
// means, and — first of all — how to leave in one click if it was not wanted.
import { Section, Text } from "@react-email/components";
import { mailFr } from "@/lib/i18n/mail-fr";
import { colors, EmailLayout, paragraph } from "./components/layout";
import { HelpLine, HowItWorks, type ListLinks } from "./components/list";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { previewOffer, type MailPerson } from "./offer-data";
import { previewListLinks, previewRegisteredBy } from "./preview-data";

export type ListRegisteredByProps = {
  amapName: string;
  recipient: MailPerson;
  /** The member or référent who registered the recipient. */
  registeredBy: { fullName: string };
  links: ListLinks;
};

const t = mailFr.listRegisteredBy;

export const listRegisteredBySubject = ({ registeredBy }: Pick<ListRegisteredByProps, "registeredBy">) =>
  t.subject(registeredBy.fullName);

export default function ListRegisteredBy({
  amapName = previewOffer.amapName,
  recipient = previewOffer.recipient,
  registeredBy = previewRegisteredBy,
  links = previewListLinks,
}: Partial<ListRegisteredByProps>) {
  const by = registeredBy.fullName;
  return (
    <EmailLayout amapName={amapName} preview={t.preview(by)}>
      <Greeting person={recipient} />
      <Paragraph>
        <strong>{t.intro(by, amapName)}</strong>
      </Paragraph>
      <Paragraph>{t.meaning}</Paragraph>
      <Section style={{ margin: "16px 0", padding: "4px 16px", border: `2px solid ${colors.line}`, borderRadius: 6 }}>
        <Text style={{ ...paragraph, fontWeight: 700 }}>{t.unwanted}</Text>
        <ActionButton href={links.unsubscribe}>{t.unwantedButton}</ActionButton>
        <Text style={{ ...paragraph, fontSize: 14, lineHeight: "20px", color: colors.muted }}>{t.unwantedNote}</Text>
      </Section>
      <HowItWorks />
      <ActionButton href={links.baskets}>{mailFr.list.basketsButton}</ActionButton>
      <HelpLine href={links.help} />
    </EmailLayout>
  );
}
