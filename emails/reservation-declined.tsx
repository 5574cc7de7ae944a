// To the intermittent whose reservation the owner declined.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type ReservationDeclinedProps = { data: OfferMailData };

const t = fr.emails.reservationDeclined;
const x = fr.emails.exchange;

export const reservationDeclinedSubject = ({ data }: Pick<ReservationDeclinedProps, "data">) =>
  t.subject(data.day, basketSummary(data.lines));

export default function ReservationDeclined({ data = previewOffer }: Partial<ReservationDeclinedProps>) {
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.day)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(data.member.firstName, data.day)}</Paragraph>
      <Paragraph>
        {t.thanks} {x.otherBaskets}
      </Paragraph>
      <ActionButton href={data.links.baskets}>{x.otherBasketsButton}</ActionButton>
      <BasketBlock data={data} viewer="intermittent" />
    </EmailLayout>
  );
}
