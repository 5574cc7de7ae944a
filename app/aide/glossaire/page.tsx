import type { Metadata } from "next";
import Link from "next/link";
import { PageTitle } from "@/components/ui";
import { helpFr } from "@/lib/i18n/help-fr";

export const metadata: Metadata = { title: helpFr.glossary.title };

const t = helpFr.glossary;
const termById = new Map<string, string>(t.terms.map((entry) => [entry.id, entry.term]));

/** The words of the AMAP. Each term has an anchor (#emargement) so other pages and emails can point to it. */
export default function GlossaryPage() {
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-6 text-lg">{t.intro}</p>
      <dl className="flex flex-col gap-3">
        {t.terms.map((entry) => (
          <div
            key={entry.id}
            id={entry.id}
            className="scroll-mt-4 rounded-lg border border-leaf-100 bg-white p-4 shadow-sm target:border-leaf-700 target:ring-2 target:ring-leaf-700"
          >
            <dt className="mb-1 text-lg font-bold text-leaf-800">{entry.term}</dt>
            <dd>{entry.definition}</dd>
            {entry.seeAlso.length > 0 ? (
              <dd className="mt-2 text-sm text-muted">
                {t.seeAlso}{" "}
                {entry.seeAlso.map((id, i) => (
                  <span key={id}>
                    {i > 0 ? ", " : null}
                    <a href={`#${id}`} className="font-semibold text-leaf-800 underline">
                      {termById.get(id) ?? id}
                    </a>
                  </span>
                ))}
              </dd>
            ) : null}
          </div>
        ))}
      </dl>
      <Link href="/aide" className="mt-6 inline-flex min-h-11 items-center font-semibold text-leaf-800 underline">
        {t.backToHelp}
      </Link>
    </>
  );
}
