// To each active intermittent but the owner: a basket is free (or free again).
// One personal copy per recipient, with its own signed « Réserver » and
// unsubscribe links when the sender provides them.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph, UnsubscribeLine } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type OfferAnnouncedProps = {
  data: OfferMailData;
  reopened: boolean;
  /** The offer accepts the first reservation by itself: no validation to promise. */
  autoAccept?: boolean;
};

const t = fr.emails.offerAnnounced;

export const offerAnnouncedSubject = ({ data, reopened }: Pick<OfferAnnouncedProps, "data" | "reopened">) =>
  (reopened ? t.subjectReopened : t.subject)(basketSummary(data.lines), data.day);

export default function OfferAnnounced({ data = previewOffer, reopened = false, autoAccept = false }: Partial<OfferAnnouncedProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(member, data.day)}>
      <Greeting person={data.recipient} />
      {reopened ? <Paragraph>{t.reopened}</Paragraph> : null}
      <Paragraph>{t.intro(member, data.day)}</Paragraph>
      <BasketBlock data={data} viewer="intermittent" />
      <ActionButton href={data.links.reserve ?? data.links.baskets}>{t.button}</ActionButton>
      <Paragraph>{autoAccept ? t.firstComeAuto : t.firstCome(member)}</Paragraph>
      <Note>{t.why}</Note>
      <UnsubscribeLine href={data.links.unsubscribe} />
    </EmailLayout>
  );
}
