// To a member whose contract a référent shortened while baskets of it were
// offered for dates it no longer covers: who changed it, its new period, the
// offers withdrawn, and that whoever had reserved is told.
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import { AskTheReferents } from "./components/distribution";
import { EmailLayout } from "./components/layout";
import { ActionButton, BulletList, Greeting, Paragraph } from "./components/parts";
import { basketSummary, previewOffer, type MailPerson } from "./offer-data";
import { previewContactEmail, previewReferent, previewSubscriptionChange } from "./preview-data";

export type SubscriptionEndedOwnerProps = {
  amapName: string;
  recipient: MailPerson;
  referent: { fullName: string };
  contract: string;
  /** The contract's period now, "2 avril 2026", "26 novembre 2026". */
  from: string;
  to: string;
  /** The offers withdrawn: their day and baskets. */
  offers: { day: string; summary: string }[];
  /** People whose reservation was cancelled with them. */
  holders: number;
  /** Some of those offers held baskets of other contracts, withdrawn with them. */
  otherBaskets: boolean;
  contactEmail: string;
  links: { myBaskets: string };
};

const t = adminMailFr.subscriptionEndedOwner;

export const subscriptionEndedOwnerSubject = ({ contract }: Pick<SubscriptionEndedOwnerProps, "contract">) => t.subject(contract);

export default function SubscriptionEndedOwner({
  amapName = previewOffer.amapName,
  recipient = previewOffer.member,
  referent = previewReferent,
  contract = previewSubscriptionChange.contract,
  from = previewSubscriptionChange.from,
  to = previewSubscriptionChange.to,
  offers = [{ day: previewOffer.day, summary: basketSummary(previewOffer.lines) }],
  holders = 1,
  otherBaskets = true,
  contactEmail = previewContactEmail,
  links = { myBaskets: previewOffer.links.myBaskets },
}: Partial<SubscriptionEndedOwnerProps>) {
  return (
    <EmailLayout amapName={amapName} preview={t.preview}>
      <Greeting person={recipient} />
      <Paragraph>{t.intro(referent.fullName, contract, from, to)}</Paragraph>
      <Paragraph>{t.offersLead(offers.length)}</Paragraph>
      <BulletList items={offers.map((o) => t.offer(o.day, o.summary))} />
      {holders > 0 ? <Paragraph>{t.holdersTold(holders)}</Paragraph> : null}
      {otherBaskets ? <Paragraph>{t.otherBaskets}</Paragraph> : null}
      <ActionButton href={links.myBaskets}>{adminMailFr.myBasketsButton}</ActionButton>
      <AskTheReferents contactEmail={contactEmail} />
    </EmailLayout>
  );
}
