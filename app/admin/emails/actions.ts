"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { fr } from "@/lib/i18n/fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import { resendEmail } from "@/lib/server/outbox/email-log";

export async function resendAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleAction(formData, z.object({ id: formId }), async (viewer, { id }) => {
    const result = await resendEmail(viewer, id);
    if (!result.ok) return { status: "error", message: fr.admin.emails.refusals[result.refusal] };
    revalidatePath("/admin/emails");
    return { status: "ok", message: fr.admin.emails.resent };
  });
}
