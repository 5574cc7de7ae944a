// To a member with baskets at a distribution a référent moved: who moved it,
// from when to when (the place stays), and — when the member offered a basket
// for it — that the offer follows, with the way out if they can come now.
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import { AskTheReferents, DistributionPanel } from "./components/distribution";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { previewOffer, type MailPerson, type MailPlace } from "./offer-data";
import { previewContactEmail, previewMemberBaskets, previewMovedFrom, previewReferent } from "./preview-data";

type Day = {
  /** "jeudi 3 décembre" */
  day: string;
  /** "jeudi 3 décembre, 18 h 30 – 20 h" */
  slot: string;
};

export type DistributionMovedMemberProps = {
  amapName: string;
  recipient: MailPerson;
  from: Day;
  to: Day;
  place: MailPlace;
  referent: { fullName: string };
  baskets: string[];
  /** The member has a basket offered for that distribution. */
  hasOffer: boolean;
  /** How many people who reserved it were told of the move (none: not mentioned). */
  told: number;
  contactEmail: string;
  links: { myBaskets: string };
};

const t = adminMailFr.distributionMovedMember;

export const distributionMovedMemberSubject = ({ from, to }: Pick<DistributionMovedMemberProps, "from" | "to">) => t.subject(from.day, to.day);

export default function DistributionMovedMember({
  amapName = previewOffer.amapName,
  recipient = previewOffer.member,
  from = previewMovedFrom,
  to = { day: previewOffer.day, slot: previewOffer.slot },
  place = previewOffer.place,
  referent = previewReferent,
  baskets = previewMemberBaskets,
  hasOffer = true,
  told = 1,
  contactEmail = previewContactEmail,
  links = { myBaskets: previewOffer.links.myBaskets },
}: Partial<DistributionMovedMemberProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview(to.slot)}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(referent.fullName, from.slot)}</Paragraph>
      <DistributionPanel slot={to.slot} place={place} baskets={baskets} basketsLabel={adminMailFr.yourBaskets} />
      {hasOffer ? (
        <>
          <Paragraph>
            {t.offerFollows}
            {told > 0 ? ` ${t.told(told)}` : null} {t.canCome}
          </Paragraph>
          <ActionButton href={links.myBaskets}>{adminMailFr.myBasketsButton}</ActionButton>
        </>
      ) : null}
      <AskTheReferents contactEmail={contactEmail} />
    </EmailLayout>
  );
}
