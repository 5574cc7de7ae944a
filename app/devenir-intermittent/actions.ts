"use server";
import { headers } from "next/headers";
import type { PersonFormState } from "@/components/person-form";
import { clientIp } from "@/lib/domain/http-security";
import { getEnv } from "@/lib/env";
import { fr } from "@/lib/i18n/fr";
import { requestToJoin } from "@/lib/server/intermittents";

const field = (formData: FormData, name: string, max = 400) => String(formData.get(name) ?? "").slice(0, max);

/** The public request form: no session needed. */
export async function requestToJoinAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const values = { email: field(formData, "email"), firstName: field(formData, "firstName"), lastName: field(formData, "lastName"), phone: field(formData, "phone") };
  // A robot fills every field, the hidden one too: thank it and keep nothing.
  if (field(formData, "website")) return { status: "ok", message: fr.list.publicDone };
  // The client address as TRUSTED_PROXIES allows (SECURITY.md); a global hourly cap backs it up.
  const ip = clientIp((await headers()).get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
  const result = await requestToJoin({ ...values, message: field(formData, "message", 2000) }, ip);
  if (result.ok) return { status: "ok", message: fr.list.publicDone };
  return {
    status: "error",
    message: fr.list.refusals[result.refusal],
    values,
    ...("fields" in result && result.fields ? { fields: result.fields } : {}),
  };
}
