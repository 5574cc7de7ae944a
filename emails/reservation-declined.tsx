// To the intermittent whose reservation the owner declined.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph, Quote } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type ReservationDeclinedProps = {
  data: OfferMailData;
  /** The optional word given with « Refuser »; empty when none. */
  reason?: string;
  /** A référent refused on the member's behalf (the word is theirs). */
  declinedBy?: { fullName: string };
};

const t = fr.emails.reservationDeclined;
const x = fr.emails.exchange;

export const reservationDeclinedSubject = ({ data }: Pick<ReservationDeclinedProps, "data">) =>
  t.subject(data.day, basketSummary(data.lines));

export default function ReservationDeclined({ data = previewOffer, reason = "", declinedBy }: Partial<ReservationDeclinedProps>) {
  const word = reason.trim();
  const member = data.member.firstName;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.day)}>
      <Greeting person={data.recipient} />
      <Paragraph>{declinedBy ? fr.mail.declined.byReferent(declinedBy.fullName, member, data.day) : t.intro(member, data.day)}</Paragraph>
      {word ? (
        <>
          <Paragraph>{declinedBy ? fr.mail.referentExplains(declinedBy.fullName) : fr.mail.declined.memberWrote(member)}</Paragraph>
          <Quote text={word} />
        </>
      ) : null}
      <Paragraph>
        {t.thanks} {x.otherBaskets}
      </Paragraph>
      <ActionButton href={data.links.baskets}>{x.otherBasketsButton}</ActionButton>
      <BasketBlock data={data} viewer="intermittent" />
    </EmailLayout>
  );
}
