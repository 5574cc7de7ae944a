"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/action-state";
import { formId, handleAction, refusalState } from "@/lib/server/action-kit";
import { reserveOffer } from "@/lib/server/offers";

export async function reserveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await handleAction(formData, z.object({ offerId: formId }), async (viewer, { offerId }) => {
    const result = await reserveOffer(viewer, offerId);
    if (!result.ok) return refusalState(result.refusal);
    const outcome = result.value.newReservationStatus === "pending" ? "reserved" : result.value.newReservationStatus;
    return { status: "ok", message: outcome ?? "reserved" };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/paniers");
  revalidatePath("/mes-paniers");
  // The outcome rides in the URL so it shows with or without JavaScript.
  redirect(state.message === "accepted" ? "/mes-paniers?ok=accepted-for-you" : `/paniers?ok=${state.message}`);
}
