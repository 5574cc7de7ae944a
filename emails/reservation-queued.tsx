// To an intermittent who reserved a basket already awaiting the owner's
// decision: their place in the queue and what happens next.
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph, WithdrawLine } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type ReservationQueuedProps = {
  data: OfferMailData;
  /** 1 = first behind the reservation awaiting the owner's answer. */
  position: number;
};

const t = fr.emails.reservationQueued;

export const reservationQueuedSubject = ({ data }: Pick<ReservationQueuedProps, "data">) =>
  t.subject(data.day, basketSummary(data.lines));

export default function ReservationQueued({ data = previewOffer, position = 1 }: Partial<ReservationQueuedProps>) {
  const rank = t.ordinal(position);
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(rank)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(data.member.firstName, data.day)}</Paragraph>
      <Paragraph>
        <strong>{t.position(rank)}</strong>
      </Paragraph>
      <Paragraph>{t.next}</Paragraph>
      <BasketBlock data={data} viewer="intermittent" />
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
      <WithdrawLine href={data.links.withdraw} lead={mailFr.actions.withdrawQueued} fallback={t.leave} />
    </EmailLayout>
  );
}
