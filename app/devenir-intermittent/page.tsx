import type { Metadata } from "next";
import { PersonForm } from "@/components/person-form";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { requestToJoinAction } from "./actions";

export const metadata: Metadata = { title: fr.list.publicTitle };

/** Public: for people who are not members of the AMAP. */
export default function BecomeIntermittentPage() {
  const t = fr.list;
  return (
    <>
      <PageTitle>{t.publicTitle}</PageTitle>
      <p className="mb-4">{t.publicIntro}</p>
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
