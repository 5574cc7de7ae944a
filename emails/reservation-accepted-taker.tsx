// To the taker once the owner accepted: everything needed on the day — where,
// when, under whose name to sign, what to take, what to pay, whom to call.
// The .ics event is attached by the sender, not here.
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Contact, Greeting, Paragraph, PracticalRules, SignAsBox, WithdrawLine } from "./components/parts";
import { ActedByLine, type ActedBy } from "./components/acted-by";
import { basketSummary, type OfferMailData } from "./offer-data";
import { previewAcceptedOffer, previewPracticalRules } from "./preview-data";

export type ReservationAcceptedTakerProps = {
  /** `data.member` carries `email` and `phone` here. */
  data: OfferMailData;
  /** The AMAP's practical rules, one per line. */
  practicalRules: string;
  /** When a référent gave the basket (or validated for the member): who, and why. */
  actedBy?: ActedBy;
};

const t = fr.emails.reservationAcceptedTaker;

export const reservationAcceptedTakerSubject = ({ data }: Pick<ReservationAcceptedTakerProps, "data">) =>
  t.subject(data.day, basketSummary(data.lines));

export default function ReservationAcceptedTaker({
  data = previewAcceptedOffer,
  practicalRules = previewPracticalRules,
  actedBy,
}: Partial<ReservationAcceptedTakerProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(member)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(member, data.day)}</Paragraph>
      <ActedByLine actedBy={actedBy} memberFirstName={member} />
      <SignAsBox text={t.signAs(data.member.fullName)} />
      <BasketBlock data={data} viewer="intermittent" accessNotes />
      <Contact title={t.contact(member)} person={data.member} />
      <PracticalRules text={practicalRules} />
      <Paragraph>{t.ics}</Paragraph>
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
      <WithdrawLine href={data.links.withdraw} lead={mailFr.actions.withdrawTaker(member)} fallback={t.cancel(member)} />
    </EmailLayout>
  );
}
