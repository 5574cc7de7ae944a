// To the taker once the owner accepted: everything needed on the day — where,
// when, under whose name to sign, what to take, what to pay, whom to call.
// The .ics event is attached by the sender, not here.
import { Section, Text } from "@react-email/components";
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { colors, EmailLayout, paragraph } from "./components/layout";
import { ActionButton, Contact, Greeting, Note, Paragraph } from "./components/parts";
import { basketSummary, type OfferMailData } from "./offer-data";
import { previewAcceptedOffer, previewPracticalRules } from "./preview-data";

export type ReservationAcceptedTakerProps = {
  /** `data.member` carries `email` and `phone` here. */
  data: OfferMailData;
  /** The AMAP's practical rules, one per line. */
  practicalRules: string;
};

const t = fr.emails.reservationAcceptedTaker;

export const reservationAcceptedTakerSubject = ({ data }: Pick<ReservationAcceptedTakerProps, "data">) =>
  t.subject(data.day, basketSummary(data.lines));

export default function ReservationAcceptedTaker({
  data = previewAcceptedOffer,
  practicalRules = previewPracticalRules,
}: Partial<ReservationAcceptedTakerProps>) {
  const member = data.member.firstName;
  const rules = practicalRules
    .split(/\r?\n/)
    .map((rule) => rule.trim())
    .filter(Boolean);
  return (
    <EmailLayout amapName={data.amapName} preview={t.preview(member)}>
      <Greeting person={data.recipient} />
      <Paragraph>{t.intro(member, data.day)}</Paragraph>
      <Section style={{ margin: "16px 0", padding: "8px 16px", border: `2px solid ${colors.green}`, borderRadius: 6 }}>
        <Text style={{ ...paragraph, margin: "4px 0", fontSize: 20, lineHeight: "28px", fontWeight: 700, color: colors.green }}>
          {t.signAs(data.member.fullName)}
        </Text>
        <Text style={{ ...paragraph, margin: "4px 0", fontSize: 14, lineHeight: "20px" }}>{t.signAsHint}</Text>
      </Section>
      <BasketBlock data={data} viewer="intermittent" accessNotes />
      <Contact title={t.contact(member)} person={data.member} />
      {rules.length > 0 ? (
        <Section style={{ margin: "12px 0" }}>
          <Text style={{ ...paragraph, margin: "12px 0 4px", fontWeight: 700 }}>{t.rules}</Text>
          <ul style={{ margin: "4px 0 12px", paddingLeft: 20 }}>
            {rules.map((rule, i) => (
              <li key={i} style={{ fontSize: 15, lineHeight: "22px", margin: "4px 0" }}>
                {rule}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Paragraph>{t.ics}</Paragraph>
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
      <Note>{t.cancel(member)}</Note>
    </EmailLayout>
  );
}
