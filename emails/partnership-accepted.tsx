// To each référent of the AMAP that asked: the other AMAP accepted, the two are partners now.
import { partnersFr } from "@/lib/i18n/partners-fr";
import { PartnershipMail, previewPartnership, type PartnershipMailProps } from "./components/partnership";

export type PartnershipAcceptedProps = PartnershipMailProps;

const t = partnersFr.emails.accepted;

export const partnershipAcceptedSubject = ({ otherAmapName }: Pick<PartnershipAcceptedProps, "otherAmapName">) => t.subject(otherAmapName);

export default function PartnershipAccepted(overrides: Partial<PartnershipAcceptedProps>) {
  const props = { ...previewPartnership, ...overrides };
  return (
    <PartnershipMail
      props={props}
      preview={t.preview}
      lead={t.body(props.otherAmapName, props.amapName)}
      meaning
    />
  );
}
