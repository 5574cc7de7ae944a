// To the taker once the owner accepted: everything needed on the day — where,
// when, under whose name to sign, what to take, what to pay, whom to call.
// The .ics event is attached by the sender, not here.
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Contact, Greeting, Paragraph, PracticalRules, SignAsBox, WithdrawLine } from "./components/parts";
import { AcceptedLine, type Acceptance } from "./components/acted-by";
import { basketSummary, type OfferMailData } from "./offer-data";
import { previewAcceptedOffer, previewPracticalRules } from "./preview-data";

export type ReservationAcceptedTakerProps = {
  /** `data.member` carries `email` and `phone` here. */
  data: OfferMailData;
  /** The AMAP's practical rules, one per line. */
  practicalRules: string;
  /** Who or what accepted it (default: the member). */
  acceptance?: Acceptance;
};

const t = fr.emails.reservationAcceptedTaker;

const a = fr.mail.acceptance;

export const reservationAcceptedTakerSubject = ({ data, acceptance }: Pick<ReservationAcceptedTakerProps, "data" | "acceptance">) =>
  (acceptance?.by === "referent" && acceptance.assigned
    ? a.subjectAssigned
    : acceptance?.by === "automatic" || acceptance?.by === "setting"
      ? a.subjectAutomatic
      : t.subject)(data.day, basketSummary(data.lines));

function previewOf(acceptance: Acceptance, member: string): string {
  if (acceptance.by === "referent") return (acceptance.assigned ? a.previewAssigned : a.previewReferent)(acceptance.fullName);
  return acceptance.by === "member" ? t.preview(member) : a.previewAutomatic;
}

export default function ReservationAcceptedTaker({
  data = previewAcceptedOffer,
  practicalRules = previewPracticalRules,
  acceptance = { by: "member" },
}: Partial<ReservationAcceptedTakerProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={previewOf(acceptance, member)}>
      <Greeting person={data.recipient} />
      <AcceptedLine acceptance={acceptance} member={member} day={data.day} />
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
