"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/action-state";
import type { PersonFormState } from "@/components/person-form";
import { fr } from "@/lib/i18n/fr";
import { handleAction } from "@/lib/server/action-kit";
import { joinList, leaveList, registerSomeone, type ListResult } from "@/lib/server/intermittents";

const t = fr.list;

function refusal(result: Extract<ListResult<unknown>, { ok: false }>): string {
  return t.refusals[result.refusal];
}

export async function joinListAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await handleAction(formData, z.object({}), async (viewer) => {
    const result = await joinList(viewer);
    return result.ok ? { status: "ok", message: t.joined } : { status: "error", message: refusal(result) };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/", "layout");
  redirect("/inscription?ok=joined");
}

export async function leaveListAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await handleAction(formData, z.object({}), async (viewer) => {
    const result = await leaveList(viewer);
    return result.ok ? { status: "ok", message: "" } : { status: "error", message: refusal(result) };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/", "layout");
  redirect("/inscription/au-revoir");
}

const personSchema = z.object({
  email: z.string().max(400).default(""),
  firstName: z.string().max(400).default(""),
  lastName: z.string().max(400).default(""),
  phone: z.string().max(400).default(""),
});

export async function registerSomeoneAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const values = Object.fromEntries(["email", "firstName", "lastName", "phone"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 400)]));
  const state: PersonFormState = await handleAction(formData, personSchema, async (viewer, input) => {
    const result = await registerSomeone(viewer, input);
    if (!result.ok) {
      return { status: "error", message: refusal(result), values, ...("fields" in result ? { fields: result.fields } : {}) };
    }
    const name = `${input.firstName} ${input.lastName}`.trim();
    return { status: "ok", message: result.value.created ? t.registered(name) : t.registeredExisting(input.email.trim()) };
  });
  return state.status === "error" && !state.values ? { ...state, values } : state;
}
