import type { Metadata } from "next";
import Link from "next/link";
import { Button, buttonClass, Card, PageTitle } from "@/components/ui";
import { safeReturnPath } from "@/lib/domain/http-security";
import { maskEmail, signInCallbackPath } from "@/lib/domain/sign-in";
import { fr } from "@/lib/i18n/fr";
import { describeSignInLink } from "@/lib/server/auth/sign-in-link";

export const metadata: Metadata = { title: fr.signIn.linkTitle, robots: { index: false } };

type Params = { token?: string | string[]; email?: string | string[]; retour?: string | string[] };

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * The page an emailed sign-in link opens. Opening it (GET, HEAD — mail
 * scanners and link previews open links) changes nothing and sets no cookie:
 * it names the account, and only its button, a POST from this page, hands
 * the token to Auth.js (app/api/auth/[...nextauth]/route.ts).
 */
export default async function SignInLinkPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const token = one(params.token);
  const email = one(params.email);
  const view = await describeSignInLink(token, email);
  const t = fr.signIn;
  if (view.state !== "ok") {
    const [title, body] = view.state === "expired" ? [t.expiredTitle, t.expiredBody] : [t.usedTitle, t.usedBody];
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <Card>
          <p className="mb-4">{body}</p>
          <Link href="/connexion" prefetch={false} className={buttonClass()}>
            {t.retry}
          </Link>
        </Card>
      </>
    );
  }
  const action = signInCallbackPath({ token, email, returnTo: safeReturnPath(params.retour) });
  return (
    <>
      <PageTitle>{t.linkTitle}</PageTitle>
      <Card>
        <p className="mb-4 text-lg font-semibold break-words">{t.linkAs(maskEmail(view.email))}</p>
        <form method="post" action={action} className="mb-4">
          <Button type="submit" className="w-full sm:w-auto">
            {t.linkButton}
          </Button>
        </form>
        <p className="text-sm text-muted">{t.linkHint}</p>
      </Card>
    </>
  );
}
