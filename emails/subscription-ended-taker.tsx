// To whoever held a reservation on a basket its member no longer has: a
// référent changed the member's contract so that it no longer covers that
// date. Who did it; nothing to collect, nothing to pay. The sender attaches
// the taker's calendar cancellation.
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import { fr } from "@/lib/i18n/fr";
import { DistributionPanel } from "./components/distribution";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";
import { previewReferent, previewSubscriptionChange } from "./preview-data";

export type SubscriptionEndedTakerProps = {
  data: OfferMailData;
  referent: { fullName: string };
  /** The contract that no longer covers the date ("Légumes — grand panier"). */
  contract: string;
  wasTaker: boolean;
};

const t = adminMailFr.subscriptionEndedTaker;

export const subscriptionEndedTakerSubject = ({ data }: Pick<SubscriptionEndedTakerProps, "data">) =>
  t.subject(data.day, data.member.firstName, basketSummary(data.lines));

export default function SubscriptionEndedTaker({
  data = previewOffer,
  referent = previewReferent,
  contract = previewSubscriptionChange.contract,
  wasTaker = true,
}: Partial<SubscriptionEndedTakerProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(member)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(referent.fullName, member, contract, data.day)}</Paragraph>
      <Paragraph>{wasTaker ? t.taker(member) : t.queue}</Paragraph>
      {wasTaker ? <Paragraph>{t.ics}</Paragraph> : null}
      <Paragraph>{fr.emails.exchange.otherBaskets}</Paragraph>
      <ActionButton href={data.links.baskets}>{fr.emails.exchange.otherBasketsButton}</ActionButton>
      <DistributionPanel slot={data.slot} place={data.place} baskets={data.lines.map((l) => l.label)} />
    </EmailLayout>
  );
}
