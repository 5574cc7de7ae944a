"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import type { PersonFormState } from "@/components/person-form";
import { INVITATION_RULES } from "@/lib/domain/intermittents";
import { fr } from "@/lib/i18n/fr";
import { handleAction } from "@/lib/server/runtime/action-kit";
import { inviteSomeone, joinList, leaveList, type ListResult } from "@/lib/server/list/intermittents";
import { setPartnerBaskets } from "@/lib/server/list/partner-baskets";
import { inRequestSpace } from "@/lib/server/core/request-amap";

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
  redirect(await inRequestSpace("/inscription?ok=joined"));
}

/** « Recevoir aussi les paniers des AMAP partenaires », on or off. */
export async function partnerBasketsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await handleAction(formData, z.object({ on: z.enum(["1", "0"]) }), async (viewer, { on }) => {
    const result = await setPartnerBaskets(viewer, on === "1");
    return result.ok ? { status: "ok", message: "" } : { status: "error", message: refusal(result) };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/", "layout");
  redirect(await inRequestSpace(`/inscription?ok=${formData.get("on") === "1" ? "partners-on" : "partners-off"}`));
}

export async function leaveListAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await handleAction(formData, z.object({}), async (viewer) => {
    const result = await leaveList(viewer);
    return result.ok ? { status: "ok", message: "" } : { status: "error", message: refusal(result) };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/", "layout");
  redirect(await inRequestSpace("/inscription/au-revoir"));
}

const personSchema = z.object({
  email: z.string().max(400).default(""),
  firstName: z.string().max(400).default(""),
  lastName: z.string().max(400).default(""),
  phone: z.string().max(400).default(""),
});

/**
 * « Inscrire une autre personne »: an invitation. The answer is the same
 * sentence whatever the address (known, on the list, new); only bad fields
 * and the daily limit are told.
 */
export async function inviteSomeoneAction(_prev: PersonFormState, formData: FormData): Promise<PersonFormState> {
  const values = Object.fromEntries(["email", "firstName", "lastName", "phone"].map((k) => [k, String(formData.get(k) ?? "").slice(0, 400)]));
  const state: PersonFormState = await handleAction(formData, personSchema, async (viewer, input) => {
    const result = await inviteSomeone(viewer, input);
    if (result.ok) return { status: "ok", message: fr.join.invite.sent };
    const message =
      result.refusal === "too_many_invitations"
        ? fr.join.invite.tooMany(INVITATION_RULES.perMemberPerDay)
        : result.refusal === "not_member"
          ? fr.join.invite.notMember
          : t.refusals.invalid_person;
    return { status: "error", message, values, ...(result.fields ? { fields: result.fields } : {}) };
  });
  return state.status === "error" && !state.values ? { ...state, values } : state;
}
