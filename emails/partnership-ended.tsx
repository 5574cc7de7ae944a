// To each référent of one partner AMAP: the other AMAP ended the partnership.
import { partnersFr } from "@/lib/i18n/partners-fr";
import { PartnershipMail, previewPartnership, type PartnershipMailProps } from "./components/partnership";

export type PartnershipEndedProps = PartnershipMailProps;

const t = partnersFr.emails.ended;

export const partnershipEndedSubject = ({ otherAmapName }: Pick<PartnershipEndedProps, "otherAmapName">) => t.subject(otherAmapName);

export default function PartnershipEnded(overrides: Partial<PartnershipEndedProps>) {
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
