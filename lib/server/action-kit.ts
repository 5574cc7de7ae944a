import "server-only";
// The shape every server action shares (STYLE.md habit 2): who is asking,
// parse FormData with zod (it is all strings), run one command, and answer
// with a small state — a French message, never an exception or a stack.
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/action-state";
import { fr } from "@/lib/i18n/fr";
import type { Refusal } from "@/lib/domain/offer";
import { getViewer, type Viewer } from "./auth";

/** A database id from a form field: a positive 32-bit integer, nothing else. */
export const formId = z.coerce.number().int().positive().max(2_147_483_647);

export async function handleAction<T>(
  formData: FormData,
  schema: z.ZodType<T>,
  run: (viewer: Viewer, input: T) => Promise<ActionState>,
): Promise<ActionState> {
  const viewer = await getViewer();
  // Signed out (session expired): a redirect from an action is a 303, so the
  // browser loads the sign-in page instead of re-posting to it.
  if (!viewer) redirect("/connexion");
  const raw = Object.fromEntries([...formData.keys()].map((key) => {
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    return [key, values.length > 1 ? values : values[0]];
  }));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { status: "error", message: fr.exchange.invalidInput };
  return run(viewer, parsed.data);
}

export function refusalState(refusal: Refusal): ActionState {
  return { status: "error", message: fr.exchange.refusals[refusal] };
}
