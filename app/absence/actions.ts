"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { fr } from "@/lib/i18n/fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import { createOffers, MAX_MESSAGE_LENGTH } from "@/lib/server/exchange/offers";
import { getAbsencePage } from "@/lib/server/exchange/absence-page";
import { inRequestSpace } from "@/lib/server/core/request-amap";

const idList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(formId).max(100));

const schema = z.object({
  distributionId: idList,
  subscriptionId: idList,
  message: z.string().max(MAX_MESSAGE_LENGTH * 2).default(""),
  autoAccept: z.literal("on").optional(),
});

export async function offerBasketAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let offered = 0;
  const state = await handleAction(formData, schema, async (viewer, input) => {
    const result = await createOffers(viewer, {
      distributionIds: input.distributionId,
      subscriptionIds: input.subscriptionId,
      message: input.message,
      autoAccept: input.autoAccept === "on",
    });
    if (result.ok) {
      offered = result.value.offerIds.length;
      return { status: "ok", message: fr.exchange.absence.success(offered) };
    }
    const message = fr.exchange.refusals[result.refusal];
    if ("distributionId" in result) {
      // Name the date that was refused, as the member sees it on the page.
      const page = await getAbsencePage(viewer);
      const date = page.dates.find((d) => d.distributionId === result.distributionId);
      if (date && result.refusal === "not_delivered") {
        const labels = page.subscriptions.filter((sub) => input.subscriptionId.includes(sub.subscriptionId)).map((sub) => sub.label);
        if (labels.length > 0) return { status: "error", message: fr.exchange.absence.notDeliveredOn(date.slot, labels) };
      }
      if (date) return { status: "error", message: fr.exchange.absence.refusedOn(date.slot, message) };
    }
    return { status: "error", message };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/absence");
  revalidatePath("/mes-paniers");
  redirect(await inRequestSpace(`/mes-paniers?cede=${offered}`));
}
