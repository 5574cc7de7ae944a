"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { MAX_REASON_LENGTH } from "@/lib/domain/offer";
import { formId, handleAction, refusalState } from "@/lib/server/runtime/action-kit";
import { NOTIFIED_PARAM } from "@/components/flash";
import type { CommandResult } from "@/lib/server/exchange/offers";
import { inRequestSpace } from "@/lib/server/core/request-amap";
import {
  acceptReservation,
  cancelOffer,
  declineReservation,
  setOfferPaid,
  withdrawReservation,
} from "@/lib/server/exchange/offers";

type Flash = "accepted" | "declined" | "withdrawn" | "cancelled" | "paid";

function answer(result: CommandResult<unknown>, flash: Flash): ActionState {
  if (!result.ok) return refusalState(result.refusal);
  return { status: "ok", message: flash };
}

/**
 * On success, back to the page with the outcome in the URL (shown with or
 * without JavaScript), and how many people were emailed when the outcome
 * says so.
 */
async function done(state: ActionState, notified: number | null = null): Promise<ActionState> {
  if (state.status !== "ok") return state;
  revalidatePath("/mes-paniers");
  revalidatePath("/paniers");
  revalidatePath("/");
  redirect(await inRequestSpace(`/mes-paniers?ok=${state.message}${notified === null ? "" : `&${NOTIFIED_PARAM}=${notified}`}`));
}

const reservationInput = z.object({ reservationId: formId });

export async function acceptAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, reservationInput, async (viewer, { reservationId }) =>
      answer(await acceptReservation(viewer, reservationId), "accepted"),
    ),
  );
}

/** « Refuser », confirmed, with an optional word that the person declined reads in their email. */
export async function declineAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ reservationId: formId, reason: z.string().max(MAX_REASON_LENGTH * 4).default("") });
  return done(
    await handleAction(formData, schema, async (viewer, { reservationId, reason }) =>
      answer(await declineReservation(viewer, reservationId, reason), "declined"),
    ),
  );
}

export async function withdrawAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, reservationInput, async (viewer, { reservationId }) =>
      answer(await withdrawReservation(viewer, reservationId), "withdrawn"),
    ),
  );
}

export async function cancelOfferAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ offerId: formId, reason: z.string().max(MAX_REASON_LENGTH * 4).default("") });
  let notified = 0;
  const state = await handleAction(formData, schema, async (viewer, { offerId, reason }) => {
    const result = await cancelOffer(viewer, offerId, reason);
    if (result.ok) notified = result.value.notified;
    return answer(result, "cancelled");
  });
  return done(state, notified);
}

export async function setPaidAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ offerId: formId, paid: z.enum(["1", "0"]) });
  return done(
    await handleAction(formData, schema, async (viewer, { offerId, paid }) =>
      answer(await setOfferPaid(viewer, offerId, paid === "1"), "paid"),
    ),
  );
}
