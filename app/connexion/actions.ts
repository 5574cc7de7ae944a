"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { clientIp, safeReturnPath } from "@/lib/domain/http-security";
import { getEnv } from "@/lib/env";
import { fr } from "@/lib/i18n/fr";
import { admitSignInRequest, signOut } from "@/lib/server/auth/auth";
import { forgetDatabaseHealth } from "@/lib/server/core/health";
import { logError } from "@/lib/server/core/log";
import { sendSignInLinkIfKnown } from "@/lib/server/auth/sign-in-link";

export type SignInState = { status: "idle" } | { status: "error"; message: string; email: string };

const schema = z.object({ email: z.string().trim().toLowerCase().max(320).pipe(z.email()) });

export async function requestSignInLink(_prev: SignInState, formData: FormData): Promise<SignInState> {
  if (!(formData instanceof FormData)) return { status: "error", message: fr.signIn.invalidEmail, email: "" };
  const raw = String(formData.get("email") ?? "").slice(0, 320);
  const parsed = schema.safeParse({ email: raw });
  if (!parsed.success) return { status: "error", message: fr.signIn.invalidEmail, email: raw };
  const email = parsed.data.email;
  const returnTo = safeReturnPath(formData.get("retour"));
  const ip = clientIp((await headers()).get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
  // The limits count every request, known address or not, before the answer;
  // over them: the same page as always, and no mail (SECURITY.md).
  let admitted: boolean;
  try {
    admitted = await admitSignInRequest(email, ip);
  } catch (error) {
    // The database down: a French « réessayez » on the form, not a bare 500.
    // Not the error's text: a failed query quotes its parameters (the address).
    logError("sign-in", { message: "demande non enregistrée", error });
    forgetDatabaseHealth();
    return { status: "error", message: fr.errors.actionFailed, email: raw };
  }
  if (admitted) {
    // Whether the address is known is looked up only once the answer is
    // sent: both answers do the same work before it, so its timing says
    // nothing about who is a member (SECURITY.md, « No enumeration »).
    after(() =>
      // The log tells the error by its kind, never by a failed query's parameters (the address).
      sendSignInLinkIfKnown(email, returnTo).catch((error: unknown) => logError("sign-in", { message: "lien non envoyé", error })),
    );
  }
  redirect("/connexion/verification");
}


export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
