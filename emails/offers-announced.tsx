// To each active intermittent but the owner, when a member offers baskets for
// several dates at once (an absence): one message listing the dates, each
// with its own « Réserver » link — not one message per date.
import { Section, Text } from "@react-email/components";
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph, UnsubscribeLine } from "./components/parts";
import { basketSummary, previewOffer, type MailPerson, type OfferMailData } from "./offer-data";

export type OffersAnnouncedProps = {
  /** One entry per date, in date order; each `links.reserve` is its own signed link. */
  offers: { data: OfferMailData; autoAccept: boolean }[];
  /** The unsubscribe link (the same for every date). */
  unsubscribe?: string;
};

const t = fr.mail.offersAnnounced;

export const offersAnnouncedSubject = ({ offers }: Pick<OffersAnnouncedProps, "offers">) =>
  t.subject(offers.length, basketSummary(offers[0]!.data.lines));

const previewOffers: OffersAnnouncedProps["offers"] = [
  { data: previewOffer, autoAccept: false },
  {
    data: {
      ...previewOffer,
      day: "jeudi 10 décembre",
      slot: "jeudi 10 décembre, 18\u00a0h\u00a030 – 20\u00a0h",
      links: { ...previewOffer.links, reserve: "http://localhost:3000/lien/exemple-reserver-2" },
    },
    autoAccept: false,
  },
];

export default function OffersAnnounced({ offers = previewOffers, unsubscribe = previewOffer.links.unsubscribe }: Partial<OffersAnnouncedProps>) {
  const first = offers[0]!.data;
  const member = first.member.firstName;
  const recipient: MailPerson = first.recipient;
  const allAuto = offers.every((o) => o.autoAccept);
  return (
    <EmailLayout amapName={first.amapName} preview={t.preview(member, offers.length)}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(member, offers.length)}</Paragraph>
      {offers.map(({ data }, i) => (
        <Section key={i}>
          <Text style={{ fontSize: 18, lineHeight: "26px", fontWeight: 700, margin: "20px 0 0" }}>{t.dateHeading(data.day)}</Text>
          <BasketBlock data={data} viewer="intermittent" />
          <ActionButton href={data.links.reserve ?? data.links.baskets}>{t.button(data.day)}</ActionButton>
        </Section>
      ))}
      <Paragraph>{allAuto ? fr.emails.offerAnnounced.firstComeAuto : t.firstCome(member)}</Paragraph>
      <Note>{fr.emails.offerAnnounced.why}</Note>
      <UnsubscribeLine href={unsubscribe} />
    </EmailLayout>
  );
}
