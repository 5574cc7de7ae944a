"use server";
// « Réserver » on /paniers is a plain form bound to this action: no client
// component per offer, and it works without JavaScript. Called that way it
// gets the FormData alone, and a refusal comes back in the URL
// (?erreur=<refusal>, shown as an alert). Called the useActionState way,
// (previous state, FormData) — as e2e/server-actions.ts does — a refusal is
// the usual error state. Success redirects either way, the outcome in ?ok=.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import type { Refusal } from "@/lib/domain/offer";
import { fr } from "@/lib/i18n/fr";
import { formId, handleAction, refusalState } from "@/lib/server/runtime/action-kit";
import { UNAVAILABLE } from "@/components/flash";
import { reserveOffer } from "@/lib/server/exchange/offers";
import { inRequestSpace } from "@/lib/server/core/request-amap";

const input = z.object({ offerId: formId, page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function reserveAction(...args: [FormData] | [ActionState, FormData]): Promise<ActionState> {
  const formData = args.length === 1 ? args[0] : args[1];
  const fromPlainForm = args.length === 1;
  const outcome: { refusal: Refusal | "invalid"; page: number } = { refusal: "invalid", page: 1 };
  const state = await handleAction(formData, input, async (viewer, parsed) => {
    outcome.page = parsed.page;
    const result = await reserveOffer(viewer, parsed.offerId);
    if (!result.ok) {
      outcome.refusal = result.refusal;
      return refusalState(result.refusal);
    }
    const status = result.value.newReservationStatus === "pending" ? "reserved" : result.value.newReservationStatus;
    return { status: "ok", message: `${status ?? "reserved"}:${parsed.offerId}` };
  });
  const onPage = outcome.page > 1 ? `&page=${outcome.page}` : "";
  if (state.status !== "ok") {
    // The database did not answer: say « réessayez », not « invalide ».
    const refusal = state.status === "error" && state.message === fr.errors.actionFailed ? UNAVAILABLE : outcome.refusal;
    if (fromPlainForm) redirect(await inRequestSpace(`/paniers?erreur=${refusal}${onPage}`));
    return state;
  }
  revalidatePath("/paniers");
  revalidatePath("/mes-paniers");
  const [status, offerId] = state.message.split(":");
  // ?offre= brings back the page that offer is on, its card now saying where the person stands.
  redirect(await inRequestSpace(status === "accepted" ? "/mes-paniers?ok=accepted-for-you" : `/paniers?ok=${status}&offre=${offerId}#offre-${offerId}`));
}
