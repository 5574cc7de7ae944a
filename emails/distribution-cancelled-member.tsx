// To a member with baskets at a distribution a référent cancelled: who
// cancelled it and why, the baskets of that day, and — when the member had
// offered one — that the offer is withdrawn and its takers told.
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import { AskTheReferents, DistributionPanel, ReferentWords } from "./components/distribution";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { previewOffer, type MailPerson, type MailPlace } from "./offer-data";
import { previewContactEmail, previewDistributionReason, previewMemberBaskets, previewReferent } from "./preview-data";

export type DistributionCancelledMemberProps = {
  amapName: string;
  recipient: MailPerson;
  /** "jeudi 3 décembre" */
  day: string;
  /** "jeudi 3 décembre, 18 h 30 – 20 h" */
  slot: string;
  place: MailPlace;
  referent: { fullName: string };
  reason: string;
  /** The baskets the member had that day ("Légumes — grand panier"). */
  baskets: string[];
  /** The member had offered a basket for that date: how many people had reserved it. */
  offer?: { holders: number };
  contactEmail: string;
  links: { myBaskets: string };
};

const t = adminMailFr.distributionCancelledMember;

export const distributionCancelledMemberSubject = ({ day }: Pick<DistributionCancelledMemberProps, "day">) => t.subject(day);

export default function DistributionCancelledMember(props: Partial<DistributionCancelledMemberProps>) {
  const {
    amapName = previewOffer.amapName,
    recipient = previewOffer.member,
    day = previewOffer.day,
    slot = previewOffer.slot,
    place = previewOffer.place,
    referent = previewReferent,
    reason = previewDistributionReason,
    baskets = previewMemberBaskets,
    contactEmail = previewContactEmail,
    links = { myBaskets: previewOffer.links.myBaskets },
  } = props;
  // The offer only stands in for the preview (no props at all): a caller without one means the member offered nothing.
  const offer = Object.keys(props).length === 0 ? { holders: 1 } : props.offer;
  return (
    <EmailLayout amapName={amapName} preview={t.preview(day)}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(referent.fullName, slot, place.name)}</Paragraph>
      <ReferentWords referent={referent.fullName} reason={reason} />
      {baskets.length > 0 ? <Paragraph>{adminMailFr.basketsThatDay(baskets.join(", "))}</Paragraph> : null}
      {offer ? (
        <>
          <Paragraph>{t.offerCancelled(offer.holders)}</Paragraph>
          <ActionButton href={links.myBaskets}>{adminMailFr.myBasketsButton}</ActionButton>
        </>
      ) : null}
      <AskTheReferents contactEmail={contactEmail} />
      <DistributionPanel slot={slot} place={place} />
    </EmailLayout>
  );
}
