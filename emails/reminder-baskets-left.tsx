// To each active intermittent, before a distribution: the baskets nobody has
// reserved yet, in one message (one personal copy per recipient).
import { Section } from "@react-email/components";
import { formatPrice } from "@/lib/domain/time";
import { mailFr } from "@/lib/i18n/mail-fr";
import { PanelLabel, panelStyle, PanelValue, WhenWhere } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, BulletList, Greeting, Note, Paragraph, UnsubscribeLine } from "./components/parts";
import { previewOffer, type MailPerson, type MailPlace } from "./offer-data";
import { previewOffersLeft } from "./preview-data";

export type OfferLeft = {
  memberFirstName: string;
  /** basketSummary() of the offer's lines. */
  summary: string;
  totalCents: number;
};

export type ReminderBasketsLeftProps = {
  amapName: string;
  recipient: MailPerson;
  /** "jeudi 3 décembre" */
  day: string;
  /** "jeudi 3 décembre, 18 h 30 – 20 h" */
  slot: string;
  place: MailPlace;
  offers: OfferLeft[];
  /** Who accepts a reservation: the member, automatically (every basket listed), or either (some). */
  acceptance?: "member" | "automatic" | "mixed";
  links: {
    /** The list of available baskets (/paniers). */
    baskets: string;
    /** Signed one-click link to leave the intermittents list. */
    unsubscribe?: string;
  };
};

const t = mailFr.reminderBasketsLeft;

export const reminderBasketsLeftSubject = ({ day, offers }: Pick<ReminderBasketsLeftProps, "day" | "offers">) =>
  t.subject(offers.length, day);

export default function ReminderBasketsLeft({
  amapName = previewOffer.amapName,
  recipient = previewOffer.recipient,
  day = previewOffer.day,
  slot = previewOffer.slot,
  place = previewOffer.place,
  offers = previewOffersLeft,
  acceptance = "member",
  links = { baskets: "http://localhost:3000/paniers", unsubscribe: previewOffer.links.unsubscribe },
}: Partial<ReminderBasketsLeftProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview(offers.length, day)}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(offers.length, day)}</Paragraph>
      <Section style={panelStyle}>
        <WhenWhere slot={slot} place={place} accessNotes />
        <PanelLabel>{t.offersLabel}</PanelLabel>
        <BulletList items={offers.map((o) => t.offer(o.memberFirstName, o.summary, formatPrice(o.totalCents)))} />
        <PanelValue>{t.payNote}</PanelValue>
      </Section>
      <ActionButton href={links.baskets}>{t.button}</ActionButton>
      <Paragraph>{acceptance === "automatic" ? t.firstComeAuto : acceptance === "mixed" ? t.firstComeMixed : t.firstCome}</Paragraph>
      <Note>{t.why}</Note>
      <UnsubscribeLine href={links.unsubscribe} />
    </EmailLayout>
  );
}
