import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

export const metadata: Metadata = { title: fr.signIn.errorTitle };

/** Where Auth.js sends an expired, used or tampered sign-in link. */
export default function SignInErrorPage() {
  return (
    <>
      <PageTitle>{fr.signIn.errorTitle}</PageTitle>
      <Card>
        <p className="mb-4">{fr.signIn.errorBody}</p>
        <Link href="/connexion" className={buttonClass()}>
          {fr.signIn.retry}
        </Link>
      </Card>
    </>
  );
}
