"use client";
// A person's details for the référents: adding someone to the AMAP, or
// correcting an address, a name or a phone. Works without JavaScript.
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { PersonForm, type PersonFormState } from "./person-form";

export type MemberFormState = PersonFormState;

type Props = {
  action: (state: MemberFormState, formData: FormData) => Promise<MemberFormState>;
  submit: string;
  idPrefix: string;
  initial?: Partial<Record<"email" | "firstName" | "lastName" | "phone", string>>;
  hidden?: Record<string, string>;
};

export function MemberForm(props: Props) {
  return <PersonForm {...props} labels={adminMembersFr.person} ownDetails={false} />;
}
