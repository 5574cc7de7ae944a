import type { Metadata } from "next";
import Link from "@/components/space-link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

export const metadata: Metadata = { title: fr.join.request.doneTitle, robots: { index: false } };

/** Where « Envoyer ma demande » lands: the request is recorded, mails are on their way. */
export default function RequestSentPage() {
  const t = fr.join.request;
  return (
    <>
      <PageTitle>{t.doneTitle}</PageTitle>
      <Card>
        <p role="status" className="mb-4">
          {t.doneBody}
        </p>
        <Link href="/" className={buttonClass("secondary")}>
          {t.back}
        </Link>
      </Card>
    </>
  );
}
