"use client";
// Replaces the root layout when it fails (the database lost between
// proxy.ts's check and the page): French, never Next's English default.
import { errorsFr } from "@/lib/i18n/errors-fr";
import "./globals.css";

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="fr">
      <body className="min-h-dvh">
        <main className="mx-auto max-w-3xl px-4 py-6">
          <h1 className="mb-4 text-2xl font-bold">{errorsFr.unavailableTitle}</h1>
          <p className="mb-4">{errorsFr.genericBody}</p>
          <button type="button" onClick={reset} className="rounded-lg bg-leaf-700 px-4 py-3 font-semibold text-white">
            {errorsFr.retry}
          </button>
        </main>
      </body>
    </html>
  );
}
