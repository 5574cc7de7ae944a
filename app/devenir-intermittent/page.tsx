import type { Metadata } from "next";
import { PersonForm } from "@/components/person-form";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { amapPath } from "@/lib/domain/amap-path";
import { fr } from "@/lib/i18n/fr";
import { getViewer } from "@/lib/server/auth/auth";
import { namedRequestAmap, openAmaps } from "@/lib/server/core/request-amap";
import { getSettings } from "@/lib/server/core/settings";
import { requestToJoinAction } from "./actions";

export const metadata: Metadata = { title: fr.list.publicTitle };

/**
 * Public: for people who are not members of the AMAP. The request goes to the
 * AMAP of the address (/<slug>/devenir-intermittent), or the one the visitor
 * came from; with several AMAPs and nothing to tell which, the visitor
 * chooses first.
 */
export default async function BecomeIntermittentPage() {
  const t = fr.list;
  const viewer = await getViewer();
  const amap = await namedRequestAmap(viewer?.userId);
  if (!amap) return <ChooseAmap amaps={await openAmaps()} />;
  const { amapName } = await getSettings(undefined, amap.id);
  return (
    <>
      <PageTitle>{t.publicTitle}</PageTitle>
      <p className="mb-4">{t.publicIntroOf(amapName)}</p>
      <Card>
        <PersonForm action={requestToJoinAction} submit={t.publicSubmit} idPrefix="demande">
          <div className="flex flex-col gap-1">
            <label htmlFor="demande-message" className="font-semibold">
              {t.fields.message}
            </label>
            <textarea id="demande-message" name="message" rows={3} maxLength={1000} className="rounded-md border border-muted/40 p-3 text-base" />
          </div>
          {/* Honeypot: hidden from people and screen readers; robots fill it. */}
          <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
            <label htmlFor="demande-website">{t.honeypot}</label>
            <input id="demande-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
        </PersonForm>
      </Card>
    </>
  );
}

/** Each open AMAP's own form. */
function ChooseAmap({ amaps }: { amaps: { slug: string; name: string }[] }) {
  const t = fr.list;
  return (
    <>
      <PageTitle>{t.publicTitle}</PageTitle>
      <p className="mb-4" id="choix-amap">
        {t.chooseAmapIntro}
      </p>
      <ul aria-labelledby="choix-amap" className="flex flex-col gap-2">
        {amaps.map((amap) => (
          <li key={amap.slug}>
            {/* A whole page load: the chosen AMAP's space is another header and form (components/space-link.tsx). */}
            <a href={amapPath(amap.slug, "/devenir-intermittent")} className={`${buttonClass("secondary")} w-full`}>
              {amap.name}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
