// What the four partnership emails share (to the référents of one AMAP, about
// the other): the greeting, what happened, what a partnership means, where
// to answer, and the button to the AMAP's page of partners.
import type { ReactNode } from "react";
import { partnersFr } from "@/lib/i18n/partners-fr";
import type { MailPerson } from "../offer-data";
import { EmailLayout } from "./layout";
import { ActionButton, Greeting, Note, Paragraph } from "./parts";

const t = partnersFr.emails;

export type PartnershipMailProps = {
  /** The AMAP of the référent who reads it. */
  amapName: string;
  /** The other AMAP, the one that acted. */
  otherAmapName: string;
  recipient: MailPerson;
  /** /<slug>/admin/partenaires of the reader's AMAP. */
  url: string;
  /** The reader's AMAP's delay before its baskets go to the partners, in hours. */
  delayHours: number;
  /** A reply reaches the other AMAP (it has a contact address). */
  replyGoesToThem: boolean;
};

export const previewPartnership: PartnershipMailProps = {
  amapName: "AMAP du Marché",
  otherAmapName: "AMAP des Tilleuls",
  recipient: { firstName: "Léa", fullName: "Léa Bernard" },
  url: "http://localhost:3000/marche/admin/partenaires",
  delayHours: 24,
  replyGoesToThem: true,
};

export function PartnershipMail({
  props,
  preview,
  lead,
  meaning,
  button = t.button,
  children,
}: {
  props: PartnershipMailProps;
  preview: string;
  lead: string;
  /** Say what a partnership means (a proposal, an acceptance). */
  meaning: boolean;
  button?: string;
  children?: ReactNode;
}) {
  return (
    <EmailLayout amapName={props.amapName} preview={preview}>
      <Greeting person={props.recipient} />
      <Paragraph>
        <strong>{lead}</strong>
      </Paragraph>
      {meaning ? (
        <>
          <Paragraph>{t.whatItMeans(props.delayHours)}</Paragraph>
          <Paragraph>{t.optIn}</Paragraph>
        </>
      ) : null}
      {children}
      <ActionButton href={props.url}>{button}</ActionButton>
      {props.replyGoesToThem ? <Note>{t.replyTo(props.otherAmapName)}</Note> : null}
      <Note>{t.why(props.amapName)}</Note>
    </EmailLayout>
  );
}
