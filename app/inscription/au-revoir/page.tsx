import type { Metadata } from "next";
import Link from "@/components/space-link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

export const metadata: Metadata = { title: fr.list.leftTitle };

export default function LeftPage() {
  const t = fr.list;
  return (
    <>
      <PageTitle>{t.leftTitle}</PageTitle>
      <Card>
        <p role="status" className="mb-4">
          {t.leftBody}
        </p>
        <Link href="/inscription" className={buttonClass("secondary")}>
          {t.rejoin}
        </Link>
      </Card>
    </>
  );
}
