// To each référent of the AMAP that asked: the other AMAP refused its proposal.
import { partnersFr } from "@/lib/i18n/partners-fr";
import { PartnershipMail, previewPartnership, type PartnershipMailProps } from "./components/partnership";

export type PartnershipRefusedProps = PartnershipMailProps;

const t = partnersFr.emails.refused;

export const partnershipRefusedSubject = ({ otherAmapName }: Pick<PartnershipRefusedProps, "otherAmapName">) => t.subject(otherAmapName);

export default function PartnershipRefused(overrides: Partial<PartnershipRefusedProps>) {
  const props = { ...previewPartnership, ...overrides };
  return (
    <PartnershipMail
      props={props}
      preview={t.preview}
      lead={t.body(props.otherAmapName, props.amapName)}
      meaning={false}
    />
  );
}
