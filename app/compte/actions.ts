"use server";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { handleAction } from "@/lib/server/runtime/action-kit";
import { signOut, signOutEverywhere } from "@/lib/server/auth/auth";

/** « Me déconnecter partout »: every session of the person ends, this one included. */
export async function signOutEverywhereAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const state = await handleAction(formData, z.object({}), async (viewer) => {
    await signOutEverywhere(viewer);
    return { status: "ok", message: "" };
  });
  if (state.status !== "ok") return state;
  // Clears this browser's cookie (its session row is already gone).
  await signOut({ redirectTo: "/connexion?deconnexion=partout" });
  return state;
}
