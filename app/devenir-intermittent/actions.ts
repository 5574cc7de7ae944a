"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { PersonFormState } from "@/components/person-form";
import { clientIp } from "@/lib/domain/http-security";
import { getEnv } from "@/lib/env";
import { fr } from "@/lib/i18n/fr";
import { answerFailures } from "@/lib/server/runtime/action-kit";
import { requestToJoin } from "@/lib/server/list/intermittents";
import { getViewer } from "@/lib/server/auth/auth";
import { inRequestSpace, namedRequestAmap } from "@/lib/server/core/request-amap";

const field = (formData: FormData, name: string, max = 400) => String(formData.get(name) ?? "").slice(0, max);
const LIMITS = { email: 400, firstName: 400, lastName: 400, phone: 400, message: 2000 } as const;

/** The public request form: no session needed. */
export async function requestToJoinAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  // A script may post any arguments (proxy.ts only checks they are a list): no form, nothing kept.
  if (!(formData instanceof FormData)) return { status: "error", message: fr.exchange.invalidInput };
  const values = { email: field(formData, "email"), firstName: field(formData, "firstName"), lastName: field(formData, "lastName"), phone: field(formData, "phone") };
  // A robot fills every field, the hidden one too: thank it and keep nothing.
  if (field(formData, "website")) redirect(await inRequestSpace("/devenir-intermittent/merci"));
  // Sent twice, longer than the form allows, or with a NUL byte: not typed in this form; nothing is kept.
  const overlong = (Object.keys(LIMITS) as (keyof typeof LIMITS)[]).filter((name) => {
    const all = formData.getAll(name);
    return all.length > 1 || all.some((raw) => typeof raw === "string" && (raw.length > LIMITS[name] || raw.includes("\u0000")));
  });
  if (overlong.length > 0) return { status: "error", message: fr.list.refusals.invalid_person, values, fields: overlong };
  // The client address as TRUSTED_PROXIES allows (SECURITY.md): with no trusted proxy,
  // the socket's own address (lib/server/core/client-address.ts), never what the client wrote.
  const ip = clientIp((await headers()).get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
  // The AMAP of the page the form was on (its address, or the one the visitor came from).
  const amap = await namedRequestAmap((await getViewer())?.userId);
  if (!amap) return { status: "error", message: fr.list.chooseAmapFirst, values };
  const state = await answerFailures(
    async (): Promise<PersonFormState> => {
      const result = await requestToJoin({ ...values, message: field(formData, "message", LIMITS.message), amapId: amap.id }, ip);
      if (result.ok) return { status: "ok", message: fr.list.publicDone };
      return {
        status: "error",
        message: fr.list.refusals[result.refusal],
        values,
        ...("fields" in result && result.fields ? { fields: result.fields } : {}),
      };
    },
    (message): PersonFormState => ({ status: "error", message, values }),
  );
  // Sent: the form gives way to a confirmation (not left live to be sent again).
  if (state.status === "ok") redirect(await inRequestSpace("/devenir-intermittent/merci"));
  return state;
}
