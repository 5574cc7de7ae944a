import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Flash } from "@/components/flash";
import { SignInForm } from "@/components/sign-in-form";
import { Card, PageTitle } from "@/components/ui";
import { safeReturnPath } from "@/lib/domain/http-security";
import { returnPathFromReferer } from "@/lib/domain/sign-in";
import { fr } from "@/lib/i18n/fr";
import { getViewer } from "@/lib/server/auth/auth";
import { requestSignInLink } from "./actions";

export const metadata: Metadata = { title: fr.signIn.title };

type Params = { retour?: string | string[]; deconnexion?: string | string[] };

/**
 * Where the person goes once signed in: the page that sent them here —
 * `?retour=` (a signed-out visit to a page, lib/server/auth/auth.ts) or the page
 * whose « Se connecter » they pressed (its Referer) — else the home page.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const request = await headers();
  const returnTo =
    safeReturnPath(params.retour) ?? returnPathFromReferer(request.get("referer"), request.get("x-forwarded-host") ?? request.get("host"));
  if (await getViewer()) redirect(returnTo ?? "/");
  return (
    <>
      <PageTitle>{fr.signIn.title}</PageTitle>
      <Flash message={params.deconnexion === "partout" ? fr.signIn.signedOutEverywhere : null} />
      <Card>
        <p className="mb-4">{fr.signIn.intro}</p>
        <SignInForm action={requestSignInLink} returnTo={returnTo} />
      </Card>
    </>
  );
}
