// To the taker, or to someone who had reserved, when the owner cancels the
// offer: the owner's reason, shown as text. The sender attaches the .ics
// cancellation for the taker.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph, Quote } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type OfferCancelledProps = {
  data: OfferMailData;
  /** The owner's words. May be empty. */
  reason: string;
  /** The recipient was the accepted taker (else they had a pending or queued reservation). */
  wasTaker: boolean;
  /** A référent cancelled it, not the member: the reason is theirs. */
  cancelledBy?: { fullName: string };
};

const t = fr.emails.offerCancelled;
const x = fr.emails.exchange;

export const offerCancelledSubject = ({ data }: Pick<OfferCancelledProps, "data">) =>
  t.subject(data.day, basketSummary(data.lines));

export default function OfferCancelled({
  data = previewOffer,
  reason = "Finalement, je ne pars plus : je récupère mon panier moi-même. Désolée !",
  wasTaker = true,
  cancelledBy,
}: Partial<OfferCancelledProps>) {
  const member = data.member.firstName;
  const why = reason.trim();
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(member)}>
      <Greeting person={data.recipient} />
      <Paragraph>{(wasTaker ? t.introTaker : t.introQueue)(member, data.day)}</Paragraph>
      {why ? (
        <>
          <Paragraph>{cancelledBy ? fr.mail.referentExplains(cancelledBy.fullName) : t.reason(member)}</Paragraph>
          <Quote text={why} />
        </>
      ) : (
        <Paragraph>{t.noReason(member)}</Paragraph>
      )}
      {wasTaker ? <Paragraph>{t.ics}</Paragraph> : null}
      <Paragraph>{x.otherBaskets}</Paragraph>
      <ActionButton href={data.links.baskets}>{x.otherBasketsButton}</ActionButton>
      <BasketBlock data={data} viewer="intermittent" amount={false} />
    </EmailLayout>
  );
}
