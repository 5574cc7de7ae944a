"use server";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { fr } from "@/lib/i18n/fr";
import { signIn, signOut } from "@/lib/server/auth";

export type SignInState = { status: "idle" } | { status: "error"; message: string; email: string };

const schema = z.object({ email: z.string().trim().toLowerCase().max(320).pipe(z.email()) });

export async function requestSignInLink(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const raw = String(formData.get("email") ?? "").slice(0, 320);
  const parsed = schema.safeParse({ email: raw });
  if (!parsed.success) return { status: "error", message: fr.signIn.invalidEmail, email: raw };
  try {
    // NOTE: redirect: false, then redirect ourselves; otherwise the browser
    // stays on Auth.js's verify-request URL (STACK.md, trap 5).
    await signIn("nodemailer", { email: parsed.data.email, redirectTo: "/", redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { status: "error", message: fr.signIn.failed, email: raw };
    throw error;
  }
  redirect("/connexion/verification");
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
