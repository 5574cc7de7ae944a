"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { formId, handleAction, refusalState } from "@/lib/server/runtime/action-kit";
import { NOTIFIED_PARAM } from "@/components/flash";
import {
  acceptReservation,
  assignOffer,
  cancelOffer,
  declineReservation,
  type CommandResult,
  type TransitionResult,
} from "@/lib/server/exchange/offers";
import { inRequestSpace } from "@/lib/server/core/request-amap";

const reason = z.string().max(2000).default("");

/**
 * On success the form may vanish with the offer's new state: the outcome shows
 * at the top instead, with how many people were emailed.
 */
async function answer(result: CommandResult<TransitionResult>, offerId: number): Promise<ActionState> {
  if (!result.ok) return refusalState(result.refusal);
  revalidatePath(`/admin/paniers/${offerId}`);
  revalidatePath("/admin/paniers");
  redirect(await inRequestSpace(`/admin/paniers/${offerId}?ok=1&${NOTIFIED_PARAM}=${result.value.notified}`));
}

export async function adminCancelAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleAction(formData, z.object({ offerId: formId, reason }), async (viewer, input) =>
    answer(await cancelOffer(viewer, input.offerId, input.reason), input.offerId),
  );
}

export async function adminAssignAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ offerId: formId, intermittentId: z.string().uuid(), reason });
  return handleAction(formData, schema, async (viewer, input) =>
    answer(await assignOffer(viewer, input.offerId, input.intermittentId, input.reason), input.offerId),
  );
}

const decision = z.object({ offerId: formId, reservationId: formId, reason });

export async function adminAcceptAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleAction(formData, decision, async (viewer, input) =>
    answer(await acceptReservation(viewer, input.reservationId, input.reason), input.offerId),
  );
}

export async function adminDeclineAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return handleAction(formData, decision, async (viewer, input) =>
    answer(await declineReservation(viewer, input.reservationId, input.reason), input.offerId),
  );
}
