import "server-only";
// The shape every server action shares (STYLE.md habit 2): who is asking,
// parse FormData with zod (it is all strings), run one command, and answer
// with a small state — a French message, never an exception or a stack.
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { ID_PATTERN, MAX_SERIAL_ID } from "@/lib/domain/ids";
import { fr } from "@/lib/i18n/fr";
import type { Refusal } from "@/lib/domain/offer";
import { getViewer, signInPath, type Viewer } from "../auth";
import { checkHealth, forgetDatabaseHealth } from "../core";
import { logError } from "../core";

/**
 * A database id from a form field: decimal digits only (lib/domain/ids.ts), a
 * positive 32-bit integer — never what Number() makes of "0x10" or "1e1".
 */
export const formId = z.string().regex(ID_PATTERN).transform(Number).pipe(z.number().int().min(1).max(MAX_SERIAL_ID));

export async function handleAction<T>(
  formData: FormData,
  schema: z.ZodType<T>,
  run: (viewer: Viewer, input: T) => Promise<ActionState>,
): Promise<ActionState> {
  return answerFailures(async () => {
    // A script may post any arguments (proxy.ts only checks they are a list): no form, no action.
    if (!(formData instanceof FormData)) return { status: "error", message: fr.exchange.invalidInput };
    const viewer = await getViewer();
    // Signed out (session expired): a redirect from an action is a 303, so the
    // browser loads the sign-in page instead of re-posting to it.
    if (!viewer) return redirectToSignIn();
    if (hasNulByte(formData)) return { status: "error", message: fr.exchange.invalidInput };
    const raw = Object.fromEntries([...formData.keys()].map((key) => {
      const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
      return [key, values.length > 1 ? values : values[0]];
    }));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { status: "error", message: fr.exchange.invalidInput };
    return run(viewer, parsed.data);
  });
}

/**
 * Sends a caller without a session to the sign-in page — unless the database
 * does not answer (see requireViewer, auth.ts): then the check below throws,
 * and the action answers « réessayez ».
 */
export async function redirectToSignIn(): Promise<never> {
  await checkHealth();
  redirect(await signInPath());
}

/**
 * A NUL character is never typed by a person, and Postgres refuses it in
 * text (SQLSTATE 22021): a form carrying one is refused as invalid, not
 * reported as an outage.
 */
export function hasNulByte(formData: FormData): boolean {
  for (const value of formData.values()) if (typeof value === "string" && value.includes("\u0000")) return true;
  return false;
}

/**
 * Runs an action's body; a failure of ours (the database restarting, a lost
 * connection, a bug) is logged and answered with a French « réessayez »
 * message instead of Next's error page — the form stays as it was.
 * Next's own control flow (redirect(), notFound()) passes through.
 */
export async function answerFailures<S extends { status: string }>(
  body: () => Promise<S>,
  failed: (message: string) => S = (message) => ({ status: "error", message }) as unknown as S,
): Promise<S> {
  try {
    return await body();
  } catch (error) {
    // NOTE: redirect() and notFound() work by throwing; they must reach Next.
    // https://nextjs.org/docs/app/api-reference/functions/unstable_rethrow
    unstable_rethrow(error);
    logError("action", { error });
    forgetDatabaseHealth(); // maybe the database: the next page view asks it again (proxy.ts)
    return failed(fr.errors.actionFailed);
  }
}


export function refusalState(refusal: Refusal): ActionState {
  return { status: "error", message: fr.exchange.refusals[refusal] };
}
