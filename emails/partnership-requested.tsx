// To each référent of the AMAP asked: another AMAP proposes to be partners, what it means, and the button to answer.
import { partnersFr } from "@/lib/i18n/partners-fr";
import { Paragraph } from "./components/parts";
import { PartnershipMail, previewPartnership, type PartnershipMailProps } from "./components/partnership";

export type PartnershipRequestedProps = PartnershipMailProps;

const t = partnersFr.emails.requested;

export const partnershipRequestedSubject = ({ otherAmapName }: Pick<PartnershipRequestedProps, "otherAmapName">) => t.subject(otherAmapName);

export default function PartnershipRequested(overrides: Partial<PartnershipRequestedProps>) {
  const props = { ...previewPartnership, ...overrides };
  return (
    <PartnershipMail
      props={props}
      preview={t.preview}
      lead={t.body(props.otherAmapName, props.amapName)}
      meaning
      button={t.button}
    >
      <Paragraph>{t.decide}</Paragraph>
    </PartnershipMail>
  );
}
