"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import type { PersonFormState } from "@/components/person-form";
import { fr } from "@/lib/i18n/fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import {
  approveJoinRequest,
  refuseJoinRequest,
  addToListAsReferent,
  removeFromList,
  type ListResult,
} from "@/lib/server/list/intermittents";
import { inRequestSpace } from "@/lib/server/core/request-amap";

const t = fr.admin;

type Flash = "approved" | "refused" | "removed";

function answer(result: ListResult<unknown>, flash: Flash): ActionState {
  if (!result.ok) return { status: "error", message: fr.list.refusals[result.refusal] };
  return { status: "ok", message: flash };
}

/** On success the card or row disappears: the outcome shows at the top of the page instead. */
async function done(state: ActionState): Promise<ActionState> {
  if (state.status !== "ok") return state;
  revalidatePath("/admin/intermittents");
  redirect(await inRequestSpace(`/admin/intermittents?ok=${state.message}`));
}

export async function approveRequestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, z.object({ requestId: formId }), async (viewer, { requestId }) =>
      answer(await approveJoinRequest(viewer, requestId), "approved"),
    ),
  );
}

export async function refuseRequestAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ requestId: formId, reason: z.string().max(4000).default("") });
  return done(
    await handleAction(formData, schema, async (viewer, { requestId, reason }) =>
      answer(await refuseJoinRequest(viewer, requestId, reason), "refused"),
    ),
  );
}

export async function removeIntermittentAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ userId: z.string().uuid(), reason: z.string().max(2000).default("") });
  return done(
    await handleAction(formData, schema, async (viewer, { userId, reason }) =>
      answer(await removeFromList(viewer, userId, reason), "removed"),
    ),
  );
}

const personSchema = z.object({
  email: z.string().max(400).default(""),
  firstName: z.string().max(400).default(""),
  lastName: z.string().max(400).default(""),
  phone: z.string().max(400).default(""),
});

export async function addIntermittentAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const values = Object.fromEntries(["email", "firstName", "lastName", "phone"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 400)]));
  return handleAction(formData, personSchema, async (viewer, input) => {
    const result = await addToListAsReferent(viewer, input);
    if (!result.ok) {
      return { status: "error", message: fr.list.refusals[result.refusal], values, ...("fields" in result ? { fields: result.fields } : {}) };
    }
    revalidatePath("/admin/intermittents");
    return { status: "ok", message: t.added };
  });
}
