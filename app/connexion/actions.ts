"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { clientIp, safeReturnPath } from "@/lib/domain/http-security";
import { getEnv } from "@/lib/env";
import { fr } from "@/lib/i18n/fr";
import { admitSignInRequest, signOut } from "@/lib/server/auth";
import { sendSignInLinkIfKnown } from "@/lib/server/sign-in-link";

export type SignInState = { status: "idle" } | { status: "error"; message: string; email: string };

const schema = z.object({ email: z.string().trim().toLowerCase().max(320).pipe(z.email()) });

export async function requestSignInLink(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const raw = String(formData.get("email") ?? "").slice(0, 320);
  const parsed = schema.safeParse({ email: raw });
  if (!parsed.success) return { status: "error", message: fr.signIn.invalidEmail, email: raw };
  const email = parsed.data.email;
  const returnTo = safeReturnPath(formData.get("retour"));
  const ip = clientIp((await headers()).get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
  // The limits count every request, known address or not, before the answer;
  // over them: the same page as always, and no mail (SECURITY.md).
  if (await admitSignInRequest(email, ip)) {
    // Whether the address is known is looked up only once the answer is
    // sent: both answers do the same work before it, so its timing says
    // nothing about who is a member (SECURITY.md, « No enumeration »).
    after(() =>
      sendSignInLinkIfKnown(email, returnTo).catch((error: unknown) => {
        // Not the error's own text: a failed query quotes its parameters (the address).
        const root = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        const code = (root as { code?: unknown } | null)?.code;
        console.error("[sign-in] lien non envoyé :", root instanceof Error ? root.name : typeof root, code ? String(code).slice(0, 20) : "");
      }),
    );
  }
  redirect("/connexion/verification");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
