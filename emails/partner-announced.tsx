// To the intermittents of a partner AMAP who chose to receive its baskets:
// a basket nobody took in its own AMAP (DESIGN.md §11). Sent in the name of
// the basket's AMAP; the pickup is there, at its hours. Personal links:
// « Réserver », and leaving that AMAP's baskets (and only those) in one click.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph, TextLink } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type PartnerAnnouncedProps = {
  /** The basket, of its AMAP (`data.amapName`). */
  data: OfferMailData;
  /** The recipient's own AMAP, whose list they receive partners' baskets through. */
  homeAmapName: string;
  autoAccept?: boolean;
};

const t = fr.emails.partnerAnnounced;

export const partnerAnnouncedSubject = ({ data }: Pick<PartnerAnnouncedProps, "data">) =>
  t.subject(data.amapName, basketSummary(data.lines), data.day);

export default function PartnerAnnounced({
  data = { ...previewOffer, amapName: "AMAP du Marché" },
  homeAmapName = "AMAP des Tilleuls",
  autoAccept = false,
}: Partial<PartnerAnnouncedProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.amapName, data.day)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(member, data.amapName, data.day)}</Paragraph>
      <BasketBlock data={data} viewer="intermittent" />
      <Paragraph>{t.where(data.amapName, member)}</Paragraph>
      <ActionButton href={data.links.reserve ?? data.links.baskets}>{t.button}</ActionButton>
      <Paragraph>{autoAccept ? fr.emails.offerAnnounced.firstComeAuto : fr.emails.offerAnnounced.firstCome(member)}</Paragraph>
      <Note>{t.why(homeAmapName)}</Note>
      {data.links.unsubscribe ? (
        <Note>
          {t.leaveLead(data.amapName)}
          <TextLink href={data.links.unsubscribe}>{t.leave}</TextLink>
        </Note>
      ) : null}
    </EmailLayout>
  );
}
