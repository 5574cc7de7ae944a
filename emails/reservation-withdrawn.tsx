// To the owner when an intermittent cancels their reservation (pending,
// queued or accepted): what became of the offer.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph } from "./components/parts";
import { basketSummary, type MailPerson, type OfferMailData } from "./offer-data";
import { previewIntermittent, previewNextIntermittent, previewOwnerOffer } from "./preview-data";

export type ReservationWithdrawnProps = {
  data: OfferMailData;
  intermittent: MailPerson;
  /** promoted: the next in the queue now awaits a decision; reopened: broadcast again; none: nothing else changed. */
  next: "promoted" | "reopened" | "none";
  /** The person promoted, when `next` is "promoted". */
  nextIntermittent?: MailPerson;
};

const t = fr.emails.reservationWithdrawn;

export const reservationWithdrawnSubject = ({ data, intermittent }: Pick<ReservationWithdrawnProps, "data" | "intermittent">) =>
  t.subject(intermittent.firstName, data.day, basketSummary(data.lines));

export default function ReservationWithdrawn(props: Partial<ReservationWithdrawnProps>) {
  const { data = previewOwnerOffer, intermittent = previewIntermittent, next = "promoted" } = props;
  // Léa only stands in for the preview (no props at all); a real caller that
  // omits the person gets the unnamed wording rather than a made-up name.
  const promotedPerson = props.next === undefined ? (props.nextIntermittent ?? previewNextIntermittent) : props.nextIntermittent;
  const outcome =
    next === "reopened"
      ? t.reopened
      : next === "none"
        ? t.none
        : promotedPerson
          ? t.promoted(promotedPerson.firstName)
          : t.promotedUnnamed;
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(intermittent.firstName)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(intermittent.firstName, data.day)}</Paragraph>
      <Paragraph>{outcome}</Paragraph>
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
      <BasketBlock data={data} viewer="owner" />
    </EmailLayout>
  );
}
