"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { fr } from "@/lib/i18n/fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import {
  acceptPartnership,
  endPartnership,
  refusePartnership,
  requestPartnership,
  withdrawPartnershipRequest,
  type PartnershipResult,
} from "@/lib/server/network/partnerships";

export type PartnersFlash = keyof typeof fr.partners.done;

function answer(result: PartnershipResult<unknown>, flash: PartnersFlash): ActionState {
  if (!result.ok) return { status: "error", message: fr.partners.refusals[result.refusal] };
  return { status: "ok", message: flash };
}

/** On success the card moves or disappears: the outcome shows at the top of the page instead. */
function done(state: ActionState): ActionState {
  if (state.status !== "ok") return state;
  revalidatePath("/admin/partenaires");
  redirect(`/admin/partenaires?ok=${state.message}`);
}

const byPartnership = z.object({ partnershipId: formId });

export async function requestPartnershipAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, z.object({ amapId: formId }), async (viewer, { amapId }) => {
      const result = await requestPartnership(viewer, amapId);
      return answer(result, result.ok && result.value.accepted ? "acceptedTheirs" : "requested");
    }),
  );
}

export async function acceptPartnershipAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, byPartnership, async (viewer, { partnershipId }) =>
      answer(await acceptPartnership(viewer, partnershipId), "accepted"),
    ),
  );
}

export async function refusePartnershipAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, byPartnership, async (viewer, { partnershipId }) =>
      answer(await refusePartnership(viewer, partnershipId), "refused"),
    ),
  );
}

export async function withdrawPartnershipAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, byPartnership, async (viewer, { partnershipId }) =>
      answer(await withdrawPartnershipRequest(viewer, partnershipId), "withdrawn"),
    ),
  );
}

export async function endPartnershipAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return done(
    await handleAction(formData, byPartnership, async (viewer, { partnershipId }) =>
      answer(await endPartnership(viewer, partnershipId), "ended"),
    ),
  );
}
