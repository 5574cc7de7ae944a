// To the owner once a reservation is accepted (by them or automatically):
// the taker's contact and a reminder to arrange payment.
import { formatPrice } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Contact, Greeting, Paragraph } from "./components/parts";
import { ActedByLine, type ActedBy } from "./components/acted-by";
import { basketSummary, type MailPerson, type OfferMailData } from "./offer-data";
import { previewIntermittent, previewOwnerOffer } from "./preview-data";

export type ReservationAcceptedOwnerProps = {
  data: OfferMailData;
  /** With `email` and `phone`. */
  taker: MailPerson;
  /** Accepted without the member: their own choice of automatic acceptance (`offer`), or the AMAP's setting before the distribution. */
  autoAccepted: false | "offer" | "setting";
  /** When a référent gave the basket (or validated for the member): who, and why. */
  actedBy?: ActedBy;
};

const t = fr.emails.reservationAcceptedOwner;

export const reservationAcceptedOwnerSubject = ({ data, taker }: Pick<ReservationAcceptedOwnerProps, "data" | "taker">) =>
  t.subject(taker.firstName, data.day, basketSummary(data.lines));

export default function ReservationAcceptedOwner({
  data = previewOwnerOffer,
  taker = previewIntermittent,
  autoAccepted = false,
  actedBy,
}: Partial<ReservationAcceptedOwnerProps>) {
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(taker.firstName)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(taker.firstName, data.day)}</Paragraph>
      {autoAccepted && !actedBy ? <Paragraph>{autoAccepted === "setting" ? fr.mail.acceptance.settingToOwner : t.autoAccepted}</Paragraph> : null}
      <ActedByLine actedBy={actedBy} takerFirstName={taker.firstName} />
      <Contact title={t.contact(taker.firstName)} person={taker} />
      <Paragraph>
        <strong>{t.payment(formatPrice(data.totalCents))}</strong>
      </Paragraph>
      <BasketBlock data={data} viewer="owner" />
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
    </EmailLayout>
  );
}
