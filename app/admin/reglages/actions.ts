"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { PersonFormState } from "@/components/person-form";
import { fr } from "@/lib/i18n/fr";
import { handleAction } from "@/lib/server/runtime/action-kit";
import { updateSettings, type SettingsInput } from "@/lib/server/admin/settings";

const KEYS = [
  "amapName",
  "contactEmail",
  "replyTo",
  "offerCloseHours",
  "decisionReminderHours",
  "autoAcceptHours",
  "intermittentReminders",
  "practicalRules",
  "retentionMonths",
  "emailLogRetentionDays",
  "usedLinkRetentionDays",
  "joinRequestRetentionDays",
  "partnerDelayHours",
] as const;

const schema = z.object(Object.fromEntries(KEYS.map((k) => [k, z.string().max(8000).default("")])) as Record<(typeof KEYS)[number], z.ZodDefault<z.ZodString>>);

/** State of the settings form: the typed values come back on error (React resets forms after an action). */
export async function saveSettingsAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const values = Object.fromEntries(KEYS.map((k) => [k, String(formData.get(k) ?? "").slice(0, 8000)]));
  return handleAction(formData, schema, async (viewer, input) => {
    const result = await updateSettings(viewer, input as SettingsInput);
    if (!result.ok) {
      return result.refusal === "invalid"
        ? { status: "error", message: fr.admin.settings.invalid, fields: result.fields, values }
        : { status: "error", message: fr.admin.settings.notReferent, values };
    }
    revalidatePath("/", "layout");
    return { status: "ok", message: fr.admin.settings.saved, values };
  });
}
