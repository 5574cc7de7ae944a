"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { fr } from "@/lib/i18n/fr";
import { answerFailures } from "@/lib/server/runtime/action-kit";
import { answerInvitation } from "@/lib/server/list/invitations";

const t = fr.join.invitationPage;

const stateMessages = {
  invalid: t.invalidBody,
  expired: t.expiredBody,
  accepted: t.acceptedBody,
  declined: t.declinedBody,
  on_list: t.onListBody,
} as const;

/** The invitation page's buttons: the token acts for the invited address, once. */
export async function answerInvitationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const token = formData.get("token");
  const answer = formData.get("answer");
  if (typeof token !== "string" || token.length > 200 || token.includes("\u0000") || (answer !== "accept" && answer !== "decline")) {
    return { status: "error", message: t.invalidBody };
  }
  const state = await answerFailures(async (): Promise<ActionState> => {
    const result = await answerInvitation(token, answer);
    return result.ok ? { status: "ok", message: result.outcome } : { status: "error", message: stateMessages[result.state] };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/", "layout");
  redirect(`/invitation/fait?r=${state.message === "joined" ? "joined" : "declined"}`);
}
