"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { PersonFormState } from "@/components/person-form";
import type { ActionState } from "@/lib/action-state";
import { amapPath } from "@/lib/domain/amap-path";
import { networkFr } from "@/lib/i18n/network-fr";
import { createNetworkAmap, setAmapSuspended } from "@/lib/server/network/network";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";

const createSchema = z.object({
  name: z.string().max(200).default(""),
  slug: z.string().max(100).default(""),
  referentEmails: z.string().max(2000).default(""),
});

export async function createAmapAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const values = Object.fromEntries(["name", "slug", "referentEmails"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 2000)]));
  return handleAction(formData, createSchema, async (viewer, input) => {
    const result = await createNetworkAmap(viewer, input);
    if (!result.ok) {
      const message =
        result.refusal === "invalid" ? networkFr.create.invalid : result.refusal === "slug_taken" ? networkFr.create.slugTaken : networkFr.notAllowed;
      return { status: "error", message, fields: result.fields, values };
    }
    revalidatePath("/reseau");
    return { status: "ok", message: networkFr.create.created(input.name.trim().replace(/\s+/g, " "), amapPath(result.value.slug, "/")) };
  });
}

const suspendSchema = z.object({ amapId: formId, suspend: z.enum(["1", "0"]) });

export async function suspendAmapAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleAction(formData, suspendSchema, async (viewer, input) => {
    const result = await setAmapSuspended(viewer, input.amapId, input.suspend === "1");
    if (!result.ok) return { status: "error", message: result.refusal === "not_found" ? networkFr.notFound : networkFr.notAllowed };
    revalidatePath("/reseau");
    return { status: "ok", message: input.suspend === "1" ? networkFr.suspended : networkFr.reopened };
  });
}
