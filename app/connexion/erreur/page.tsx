import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

export const metadata: Metadata = { title: fr.signIn.errorTitle };

/**
 * Where Auth.js sends a sign-in that failed. `Verification` is its name for
 * a link whose token is gone (used — by this person a moment ago, in another
 * tab — or expired and purged): said in French, as the link page says it.
 */
export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const t = fr.signIn;
  const [title, body] = error === "Verification" ? [t.usedTitle, t.usedBody] : [t.errorTitle, t.errorBody];
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Card>
        <p className="mb-4">{body}</p>
        <Link href="/connexion" className={buttonClass()}>
          {t.retry}
        </Link>
      </Card>
    </>
  );
}
