import type { Metadata } from "next";
import Link from "@/components/space-link";
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
              <dd className="mt-2 text-sm">
                <span className="text-muted">{t.seeAlso}</span>
                {/* Chips of 44 px, not words in a sentence: each is tapped on its own. */}
                <ul className="mt-1 flex flex-wrap gap-2">
                  {entry.seeAlso.map((id) => (
                    <li key={id}>
                      <a
                        href={`#${id}`}
                        className="inline-flex min-h-11 items-center rounded-full border border-leaf-100 bg-leaf-50 px-3 font-semibold text-leaf-800 underline-offset-2 hover:underline"
                      >
                        {termById.get(id) ?? id}
                      </a>
                    </li>
                  ))}
                </ul>
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
