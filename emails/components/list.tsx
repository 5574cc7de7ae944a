// What the intermittents-list messages share: how the exchange works from the
// intermittent's side, where to find help, how to leave the list.
import { Text } from "@react-email/components";
import { mailFr } from "@/lib/i18n/mail-fr";
import { paragraph } from "./layout";
import { BulletList, Note, Paragraph, TextLink } from "./parts";

const t = mailFr.list;

export type ListLinks = {
  /** The list of available baskets (/paniers). */
  baskets: string;
  /** The help page. */
  help: string;
  /** Signed one-click link to leave the list. */
  unsubscribe: string;
};

export function HowItWorks() {
  return (
    <>
      <Text style={{ ...paragraph, margin: "16px 0 4px", fontWeight: 700 }}>{t.howTitle}</Text>
      <BulletList ordered items={t.how} />
      <Paragraph>{t.noObligation}</Paragraph>
    </>
  );
}

export function HelpLine({ href }: { href: string }) {
  return (
    <Note>
      {t.helpLead}
      <TextLink href={href}>{t.help}</TextLink>
    </Note>
  );
}

export function LeaveLine({ href }: { href: string }) {
  return (
    <Note>
      {t.leaveLead}
      <TextLink href={href}>{t.leave}</TextLink>
    </Note>
  );
}
