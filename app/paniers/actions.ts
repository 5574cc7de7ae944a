"use server";
// « Réserver » on /paniers is a plain form bound to this action: no client
// component per offer, and it works without JavaScript. The outcome rides in
// the URL (?ok=… or ?erreur=…), so it shows either way.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { Refusal } from "@/lib/domain/offer";
import { formId, handleAction, refusalState } from "@/lib/server/action-kit";
import { reserveOffer } from "@/lib/server/offers";

const input = z.object({ offerId: formId, page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export async function reserveAction(formData: FormData): Promise<void> {
  let refusal: Refusal | "invalid" = "invalid";
  let page = 1;
  const state = await handleAction(formData, input, async (viewer, parsed) => {
    page = parsed.page;
    const result = await reserveOffer(viewer, parsed.offerId);
    if (!result.ok) {
      refusal = result.refusal;
      return refusalState(result.refusal);
    }
    const outcome = result.value.newReservationStatus === "pending" ? "reserved" : result.value.newReservationStatus;
    return { status: "ok", message: `${outcome ?? "reserved"}:${parsed.offerId}` };
  });
  const onPage = page > 1 ? `&page=${page}` : "";
  if (state.status !== "ok") redirect(`/paniers?erreur=${refusal}${onPage}`);
  revalidatePath("/paniers");
  revalidatePath("/mes-paniers");
  const [outcome, offerId] = state.message.split(":");
  redirect(outcome === "accepted" ? "/mes-paniers?ok=accepted-for-you" : `/paniers?ok=${outcome}${onPage}#offre-${offerId}`);
}
