"use server";
import { headers } from "next/headers";
import type { PersonFormState } from "@/components/person-form";
import { fr } from "@/lib/i18n/fr";
import { answerFailures } from "@/lib/server/action-kit";
import { requestToJoin } from "@/lib/server/intermittents";

const field = (formData: FormData, name: string, max = 400) => String(formData.get(name) ?? "").slice(0, max);

/** The public request form: no session needed. */
export async function requestToJoinAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const values = { email: field(formData, "email"), firstName: field(formData, "firstName"), lastName: field(formData, "lastName"), phone: field(formData, "phone") };
  // A robot fills every field, the hidden one too: thank it and keep nothing.
  if (field(formData, "website")) return { status: "ok", message: fr.list.publicDone };
  // NOTE: the rightmost X-Forwarded-For entry is the one added by the nearest
  // proxy (or by Next itself when there is none); entries to its left come
  // from the client and can be forged. A global hourly cap backs this up.
  const forwarded = (await headers()).get("x-forwarded-for") ?? "";
  const ip = forwarded.split(",").at(-1)?.trim() || "inconnue";
  return answerFailures(
    async (): Promise<PersonFormState> => {
      const result = await requestToJoin({ ...values, message: field(formData, "message", 2000) }, ip);
      if (result.ok) return { status: "ok", message: fr.list.publicDone };
      return {
        status: "error",
        message: fr.list.refusals[result.refusal],
        values,
        ...("fields" in result && result.fields ? { fields: result.fields } : {}),
      };
    },
    (message) => ({ status: "error", message, values }),
  );
}
