import type { Metadata } from "next";
import Link from "@/components/space-link";
import type { ReactNode } from "react";
import { PageTitle } from "@/components/ui";
import { helpFr } from "@/lib/i18n/help-fr";
import { getViewer } from "@/lib/server/auth/auth";
import { getRequestSettings } from "@/lib/server/core/request-amap";
import { HelpBlock, Points, Rich, splitLines } from "./help-parts";

export const metadata: Metadata = { title: helpFr.help.title };

const t = helpFr.help;

// Role sections, in page order: the table of contents and the headings share them.
const sections = {
  intermittents: { id: "intermittents", title: t.intermittents.title, short: t.toc.intermittents },
  members: { id: "amapiens", title: t.members.title, short: t.toc.members },
  everyone: { id: "tout-le-monde", title: t.everyone.title, short: t.toc.everyone },
  referents: { id: "referents", title: t.referents.title, short: t.toc.referents },
} as const;

/** How the space works, for each role. Public: signed-out visitors read it before asking to join. */
export default async function HelpPage() {
  const { practicalRules, offerCloseHours, contactEmail } = await getRequestSettings((await getViewer())?.userId);
  const rules = splitLines(practicalRules);
  const contact = contactEmail.trim();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-3 text-lg">{t.intro}</p>
      <p className="mb-6">
        <Rich text={t.glossaryLead} />
      </p>

      <nav aria-label={t.tocTitle} className="mb-8">
        <h2 className="mb-2 text-sm font-semibold tracking-wide text-muted uppercase">{t.tocTitle}</h2>
        <ul className="flex flex-wrap gap-2">
          {Object.values(sections).map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className={tocLink}>
                {section.short}
              </a>
            </li>
          ))}
          <li>
            <Link href="/aide/glossaire" className={tocLink}>
              {t.toc.glossary}
            </Link>
          </li>
        </ul>
      </nav>

      <div className="flex flex-col gap-10">
        <RoleSection id={sections.intermittents.id} title={sections.intermittents.title}>
          <HelpBlock id="devenir-intermittent" title={t.intermittents.become.title}>
            <p>{t.intermittents.become.what}</p>
            <p>
              <Rich text={t.intermittents.become.withAccount} />
            </p>
            <p>
              <Rich text={t.intermittents.become.withoutAccount} />
            </p>
            <p>{t.intermittents.become.validation}</p>
          </HelpBlock>
          <HelpBlock id="reserver" title={t.intermittents.reserve.title}>
            <Points items={t.intermittents.reserve.steps} ordered />
            <p>{t.intermittents.reserve.autoAccept}</p>
            <p>
              <Rich text={t.intermittents.reserve.dayOf} />
            </p>
          </HelpBlock>
          <HelpBlock id="se-desinscrire" title={t.intermittents.leave.title}>
            <p>
              <Rich text={t.intermittents.leave.site} />
            </p>
            <p>{t.intermittents.leave.email}</p>
            <p>{t.intermittents.leave.comeBack}</p>
          </HelpBlock>
        </RoleSection>

        <RoleSection id={sections.members.id} title={sections.members.title}>
          <HelpBlock id="ceder" title={t.members.offer.title}>
            <p>
              <Rich text={t.members.offer.lead} />
            </p>
            <Points items={t.members.offer.steps} />
            <p>{t.members.offer.broadcast}</p>
            <p className="font-semibold">{t.members.offer.deadline(offerCloseHours)}</p>
          </HelpBlock>
          <HelpBlock id="valider" title={t.members.decide.title}>
            <Points items={t.members.decide.steps} />
            <p>{t.members.decide.soon}</p>
          </HelpBlock>
          <HelpBlock id="remplacant" title={t.members.replacement.title}>
            <p>{t.members.replacement.lead}</p>
            <Points items={t.members.replacement.points} />
            {rules.length > 0 ? (
              <section id="consignes" aria-labelledby="consignes-titre" className="scroll-mt-4 rounded-md bg-leaf-50 p-3">
                <h4 id="consignes-titre" className="mb-1 font-bold text-leaf-800">
                  {t.members.replacement.rulesTitle}
                </h4>
                <p className="mb-2 text-sm text-muted">{t.members.replacement.rulesLead}</p>
                <Points items={rules} />
              </section>
            ) : null}
          </HelpBlock>
        </RoleSection>

        <RoleSection id={sections.everyone.id} title={sections.everyone.title}>
          <HelpBlock id="annuler" title={t.everyone.cancel.title}>
            <p>{t.everyone.cancel.member}</p>
            <p>{t.everyone.cancel.intermittent}</p>
            <p>{t.everyone.cancel.deadline}</p>
          </HelpBlock>
        </RoleSection>

        <RoleSection id={sections.referents.id} title={sections.referents.title}>
          <HelpBlock id="role-referent" title={t.referents.blockTitle}>
            <Points items={t.referents.points} />
            <p>{t.referents.where}</p>
          </HelpBlock>
        </RoleSection>
      </div>

      {contact ? (
        <footer aria-labelledby="question" className="mt-10 border-t border-leaf-100 pt-6">
          <h2 id="question" className="mb-2 text-xl font-bold text-leaf-800">
            {t.question.title}
          </h2>
          <p>
            {t.question.body}{" "}
            <a href={`mailto:${contact}`} className="py-1 font-semibold text-leaf-800 underline">
              {contact}
            </a>
          </p>
        </footer>
      ) : null}
    </>
  );
}

const tocLink =
  "flex min-h-11 items-center rounded-full border border-leaf-700 bg-white px-4 text-sm font-semibold text-leaf-800 hover:bg-leaf-100";

function RoleSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-titre`} className="scroll-mt-4">
      <h2 id={`${id}-titre`} className="mb-3 text-xl font-bold text-leaf-800">
        {title}
      </h2>
      <div className="flex flex-col gap-4">{children}</div>
    </section>
  );
}
