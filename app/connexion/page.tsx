import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { getViewer } from "@/lib/server/auth";
import { requestSignInLink } from "./actions";

export const metadata: Metadata = { title: fr.signIn.title };

export default async function SignInPage() {
  if (await getViewer()) redirect("/");
  return (
    <>
      <PageTitle>{fr.signIn.title}</PageTitle>
      <Card>
        <p className="mb-4">{fr.signIn.intro}</p>
        <SignInForm action={requestSignInLink} />
      </Card>
    </>
  );
}
