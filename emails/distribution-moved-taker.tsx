// To whoever holds a reservation on a basket of a distribution a référent
// moved: the new date and hours (same place), what stands for them (the
// basket to collect, an answer still awaited, a place in the queue), and how
// to withdraw if the new date does not suit. The sender attaches the taker's
// updated calendar event.
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph, WithdrawLine } from "./components/parts";
import { previewOffer, type OfferMailData } from "./offer-data";
import { previewMovedFrom, previewReferent } from "./preview-data";

export type DistributionMovedTakerProps = {
  /** The offer at its new date. */
  data: OfferMailData;
  from: { day: string; slot: string };
  referent: { fullName: string };
  /** accepted: the taker; pending: awaiting the member's answer; queued: in line. */
  standing: "accepted" | "pending" | "queued";
};

const t = adminMailFr.distributionMovedTaker;

export const distributionMovedTakerSubject = ({ data }: Pick<DistributionMovedTakerProps, "data">) =>
  t.subject(data.member.firstName, data.day);

export default function DistributionMovedTaker({
  data = previewOffer,
  from = previewMovedFrom,
  referent = previewReferent,
  standing = "accepted",
}: Partial<DistributionMovedTakerProps>) {
  const member = data.member.firstName;
  const lead = standing === "accepted" ? t.taker(member) : standing === "pending" ? t.pending(member) : t.queued(member);
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.slot)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(referent.fullName, from.slot)}</Paragraph>
      <Paragraph>{lead}</Paragraph>
      <BasketBlock data={data} viewer="intermittent" accessNotes />
      {standing === "accepted" ? <Paragraph>{t.ics}</Paragraph> : null}
      <WithdrawLine href={data.links.withdraw} lead={t.cantCome} fallback={t.cantComeFallback} />
      <ActionButton href={data.links.myBaskets}>{adminMailFr.myBasketsButton}</ActionButton>
    </EmailLayout>
  );
}
