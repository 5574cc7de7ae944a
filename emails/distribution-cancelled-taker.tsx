// To whoever held a reservation on a basket of a distribution a référent
// cancelled — the taker, or someone waiting: the distribution is cancelled,
// by whom and why; nothing to collect, nothing to pay. Not « Alice ne cède
// plus son panier »: Alice did nothing. The sender attaches the taker's
// calendar cancellation.
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import { fr } from "@/lib/i18n/fr";
import { DistributionPanel, ReferentWords } from "./components/distribution";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";
import { previewDistributionReason, previewReferent } from "./preview-data";

export type DistributionCancelledTakerProps = {
  data: OfferMailData;
  referent: { fullName: string };
  reason: string;
  /** The recipient was the accepted taker (else they awaited an answer, or queued). */
  wasTaker: boolean;
};

const t = adminMailFr.distributionCancelledTaker;

export const distributionCancelledTakerSubject = ({ data }: Pick<DistributionCancelledTakerProps, "data">) =>
  t.subject(data.day, data.member.firstName, basketSummary(data.lines));

export default function DistributionCancelledTaker({
  data = previewOffer,
  referent = previewReferent,
  reason = previewDistributionReason,
  wasTaker = true,
}: Partial<DistributionCancelledTakerProps>) {
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.day)}>
      <Greeting person={data.recipient} />
      <Paragraph>{(wasTaker ? t.introTaker : t.introQueue)(referent.fullName, data.day, member)}</Paragraph>
      <ReferentWords referent={referent.fullName} reason={reason} />
      {wasTaker ? <Paragraph>{t.ics}</Paragraph> : null}
      <Paragraph>{fr.emails.exchange.otherBaskets}</Paragraph>
      <ActionButton href={data.links.baskets}>{fr.emails.exchange.otherBasketsButton}</ActionButton>
      <DistributionPanel slot={data.slot} place={data.place} baskets={data.lines.map((l) => l.label)} />
    </EmailLayout>
  );
}
