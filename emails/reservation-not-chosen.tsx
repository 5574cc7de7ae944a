// To someone in the queue when the owner accepted another person: they keep
// their place in case the taker withdraws.
import { Link } from "@react-email/components";
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout, linkStyle } from "./components/layout";
import { ActionButton, Greeting, Note, Paragraph } from "./components/parts";
import { basketSummary, previewOffer, type OfferMailData } from "./offer-data";

export type ReservationNotChosenProps = { data: OfferMailData };

const t = fr.emails.reservationNotChosen;
const x = fr.emails.exchange;

export const reservationNotChosenSubject = ({ data }: Pick<ReservationNotChosenProps, "data">) =>
  t.subject(data.day, basketSummary(data.lines));

export default function ReservationNotChosen({ data = previewOffer }: Partial<ReservationNotChosenProps>) {
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(data.day)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(data.member.firstName, data.day)}</Paragraph>
      <Paragraph>{t.stay}</Paragraph>
      <Paragraph>{x.otherBaskets}</Paragraph>
      <ActionButton href={data.links.baskets}>{x.otherBasketsButton}</ActionButton>
      <BasketBlock data={data} viewer="intermittent" />
      <Note>
        {t.leave}{" "}
        <Link href={data.links.myBaskets} style={linkStyle}>
          {x.myBasketsButton}
        </Link>
      </Note>
    </EmailLayout>
  );
}
