// To the owner, once their offer is open: who it went to, what happens next,
// how to cancel.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph } from "./components/parts";
import { basketSummary, type OfferMailData } from "./offer-data";
import { previewOwnerOffer } from "./preview-data";

export type OfferListedProps = { data: OfferMailData; autoAccept: boolean; intermittentCount: number };

const t = fr.emails.offerListed;

export const offerListedSubject = ({ data }: Pick<OfferListedProps, "data">) =>
  t.subject(basketSummary(data.lines), data.day);

export default function OfferListed({
  data = previewOwnerOffer,
  autoAccept = false,
  intermittentCount = 12,
}: Partial<OfferListedProps>) {
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.day)}>
      <Greeting person={data.recipient} />
      <Paragraph>
        {t.proposedTo(intermittentCount)} {t.thanks}
      </Paragraph>
      <BasketBlock data={data} viewer="owner" />
      <Paragraph>{autoAccept ? t.autoAccept : t.manual}</Paragraph>
      <Note>{t.cancel}</Note>
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
    </EmailLayout>
  );
}
