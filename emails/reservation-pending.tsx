// To the intermittent whose reservation now awaits the owner's decision
// (just made, or their turn after the one before was declined or withdrawn).
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph, WithdrawLine } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type ReservationPendingProps = { data: OfferMailData; promoted: boolean };

const t = fr.emails.reservationPending;

export const reservationPendingSubject = ({ data, promoted }: Pick<ReservationPendingProps, "data" | "promoted">) =>
  (promoted ? t.subjectPromoted : t.subject)(data.day, basketSummary(data.lines));

export default function ReservationPending({ data = previewOffer, promoted = false }: Partial<ReservationPendingProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(member)}>
      <Greeting person={data.recipient} />
      <Paragraph>{promoted ? t.promoted(data.day) : t.intro(data.day)}</Paragraph>
      <Paragraph>{t.mustValidate(member)}</Paragraph>
      <BasketBlock data={data} viewer="intermittent" />
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
      <WithdrawLine href={data.links.withdraw} lead={mailFr.actions.withdrawPending} fallback={t.cancel} />
    </EmailLayout>
  );
}
