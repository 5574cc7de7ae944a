// To the taker, the day of the distribution: the basket to collect today —
// when, where, under whose name to sign, what to take, what to pay, whom to
// call, the AMAP's practical rules.
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Contact, Greeting, Paragraph, PracticalRules, SignAsBox, WithdrawLine } from "./components/parts";
import type { OfferMailData } from "./offer-data";
import { previewAcceptedOffer, previewPracticalRules } from "./preview-data";

export type ReminderPickupProps = {
  /** `data.member` carries `email` and `phone` here. */
  data: OfferMailData;
  /** The AMAP's practical rules, one per line. */
  practicalRules: string;
};

const t = mailFr.reminderPickup;
const taker = fr.emails.reservationAcceptedTaker;

export const reminderPickupSubject = ({ data }: Pick<ReminderPickupProps, "data">) => t.subject(data.member.firstName, data.day);

export default function ReminderPickup({
  data = previewAcceptedOffer,
  practicalRules = previewPracticalRules,
}: Partial<ReminderPickupProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(member)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(member, data.slot)}</Paragraph>
      <SignAsBox text={t.signAs(data.member.fullName)} />
      <BasketBlock data={data} viewer="intermittent" accessNotes />
      <Contact title={taker.contact(member)} person={data.member} />
      <PracticalRules text={practicalRules} />
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
      <WithdrawLine href={data.links.withdraw} lead={mailFr.actions.withdrawTaker(member)} fallback={taker.cancel(member)} />
    </EmailLayout>
  );
}
