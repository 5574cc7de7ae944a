// To the member when a référent declined a reservation or cancelled the
// offer on their behalf: who did it, and why.
import { fr } from "@/lib/i18n/fr";
import { BasketBlock } from "./components/basket";
import { EmailLayout } from "./components/layout";
import { ActionButton, Greeting, Paragraph, Quote } from "./components/parts";
import { basketSummary, type MailPerson, type OfferMailData } from "./offer-data";
import { previewOwnerOffer } from "./preview-data";

export type ReferentActionProps = {
  data: OfferMailData;
  referent: { fullName: string };
  action: "decline" | "cancel";
  reason: string;
  /** cancel: how many people who had reserved it were told (none: not mentioned). */
  told?: number;
  /** decline: whose reservation it was. */
  intermittent?: MailPerson;
};

const t = fr.mail.referentAction;

export const referentActionSubject = ({ data, action }: Pick<ReferentActionProps, "data" | "action">) =>
  t.subject[action](data.day, basketSummary(data.lines));

export default function ReferentAction({
  data = previewOwnerOffer,
  referent = { fullName: "Rose Lefèvre" },
  action = "cancel",
  reason = "La distribution est reportée à cause de la neige.",
  told = 1,
  intermittent,
}: Partial<ReferentActionProps>) {
  return (
    <EmailLayout amapName={data.amapName} preview={referentActionSubject({ data, action })}>
      <Greeting person={data.recipient} />
      <Paragraph>
        {action === "cancel" ? t.cancelled(referent.fullName, data.day) : t.declined(referent.fullName, intermittent?.firstName ?? "", data.day)}
        {action === "cancel" && told > 0 ? ` ${t.told(told)}` : null}
      </Paragraph>
      <Paragraph>{t.reasonLead}</Paragraph>
      <Quote text={reason} />
      {action === "decline" ? <Paragraph>{t.afterDecline}</Paragraph> : null}
      <ActionButton href={data.links.myBaskets}>{fr.emails.exchange.myBasketsButton}</ActionButton>
      <BasketBlock data={data} viewer="owner" amount={action !== "cancel"} />
    </EmailLayout>
  );
}
