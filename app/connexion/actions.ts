"use server";
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/lib/domain/http-security";
import { getEnv } from "@/lib/env";
import { fr } from "@/lib/i18n/fr";
import { admitSignInRequest, signIn, signOut } from "@/lib/server/auth";

export type SignInState = { status: "idle" } | { status: "error"; message: string; email: string };

const schema = z.object({ email: z.string().trim().toLowerCase().max(320).pipe(z.email()) });

export async function requestSignInLink(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const raw = String(formData.get("email") ?? "").slice(0, 320);
  const parsed = schema.safeParse({ email: raw });
  if (!parsed.success) return { status: "error", message: fr.signIn.invalidEmail, email: raw };
  const ip = clientIp((await headers()).get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
  // Over the limit: the same page as always, and no mail (SECURITY.md).
  if (await admitSignInRequest(parsed.data.email, ip)) {
    try {
      // NOTE: redirect: false, then redirect ourselves; otherwise the browser
      // stays on Auth.js's verify-request URL (STACK.md, trap 5).
      await signIn("nodemailer", { email: parsed.data.email, redirectTo: "/", redirect: false });
    } catch (error) {
      if (error instanceof AuthError) return { status: "error", message: fr.signIn.failed, email: raw };
      throw error;
    }
  }
  redirect("/connexion/verification");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
