"use client";
import { Button, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

/** Shown instead of a stack trace when a page fails. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageTitle>{fr.errors.genericTitle}</PageTitle>
      <Card>
        <p className="mb-4">{fr.errors.genericBody}</p>
        <Button type="button" onClick={reset}>
          {fr.errors.retry}
        </Button>
      </Card>
    </>
  );
}
