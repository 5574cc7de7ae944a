"use client";
import { Button, Card, PageTitle } from "@/components/ui";
import { errorsFr } from "@/lib/i18n/errors-fr";

/** Shown instead of a stack trace when a page fails. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageTitle>{errorsFr.genericTitle}</PageTitle>
      <Card>
        <p className="mb-4">{errorsFr.genericBody}</p>
        <Button type="button" onClick={reset}>
          {errorsFr.retry}
        </Button>
      </Card>
    </>
  );
}
