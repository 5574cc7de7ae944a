"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { amapPath } from "@/lib/domain/amap-path";
import { MAX_REASON_LENGTH } from "@/lib/domain/offer";
import { fr } from "@/lib/i18n/fr";
import { answerFailures } from "@/lib/server/runtime/action-kit";
import { getViewer } from "@/lib/server/auth/auth";
import { performLink } from "@/lib/server/links/link-actions";

/** The confirmation page's button: does what the link says, for the link's recipient. */
export async function performLinkAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return answerFailures(() => performLinkForm(formData));
}

async function performLinkForm(formData: FormData): Promise<ActionState> {
  if (!(formData instanceof FormData)) return { status: "error", message: fr.links.invalidBody };
  const token = formData.get("token");
  if (typeof token !== "string" || token.length > 600 || token.includes("\u0000")) return { status: "error", message: fr.links.invalidBody };
  // « Refuser » may carry a word to the person declined; nothing else does.
  const reason = formData.get("reason") ?? "";
  if (typeof reason !== "string" || reason.length > MAX_REASON_LENGTH * 4 || reason.includes("\u0000")) {
    return { status: "error", message: fr.exchange.invalidInput };
  }
  const result = await performLink(token, await getViewer(), { reason });
  if (!result.ok) {
    const r = result.refusal;
    const message =
      r === "invalid"
        ? fr.links.invalidBody
        : r === "expired"
          ? fr.links.expiredBody
          : r === "foreign"
            ? fr.links.foreignBody
            : r in fr.exchange.refusals
              ? fr.exchange.refusals[r as keyof typeof fr.exchange.refusals]
              : fr.list.refusals[r as keyof typeof fr.list.refusals];
    return { status: "error", message };
  }
  revalidatePath("/paniers");
  revalidatePath("/mes-paniers");
  // Said in the space of the AMAP it is about, which the page names (unsubscribed).
  const done = `/lien/fait?r=${result.outcome}`;
  redirect(result.space ? amapPath(result.space, done) : done);
}
