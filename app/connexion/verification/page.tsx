import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

export const metadata: Metadata = { title: fr.signIn.checkTitle };

export default function CheckYourMailPage() {
  return (
    <>
      <PageTitle>{fr.signIn.checkTitle}</PageTitle>
      <Card>
        <p className="mb-3">{fr.signIn.checkBody}</p>
        <p className="text-muted">{fr.signIn.checkHint}</p>
      </Card>
    </>
  );
}
