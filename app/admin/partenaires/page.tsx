import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { Flash } from "@/components/flash";
import { Card, PageTitle } from "@/components/ui";
import { formatLongDate } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { readPartnerships } from "@/lib/server/network/partnerships";
import {
  acceptPartnershipAction,
  endPartnershipAction,
  refusePartnershipAction,
  requestPartnershipAction,
  withdrawPartnershipAction,
  type PartnersFlash,
} from "./actions";

const t = fr.partners;

export const metadata: Metadata = { title: t.title };

const heading = "mb-3 text-xl font-bold text-leaf-800";
const item = "rounded-lg border border-leaf-100 bg-white p-4";
const summary = "flex min-h-11 cursor-pointer items-center font-semibold";

export default async function PartnersPage({ searchParams }: { searchParams: Promise<{ ok?: string }> }) {
  const viewer = await requireViewer();
  const page = await readPartnerships(viewer);
  // Null for anyone but a référent of this AMAP.
  if (!page) notFound();
  const { ok } = await searchParams;
  const flash = ok && Object.hasOwn(t.done, ok) ? t.done[ok as PartnersFlash] : null;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Flash message={flash} />
      <p className="mb-2">{t.meaning(page.delayHours)}</p>
      <p className="mb-6 text-sm text-muted">{t.optIn}</p>
      <div className="flex flex-col gap-8">
        {page.received.length > 0 ? (
          <section aria-labelledby="recues">
            <h2 id="recues" className={heading}>
              {t.received.title}
            </h2>
            <ul className="flex flex-col gap-3">
              {page.received.map((r) => (
                <li key={r.partnershipId}>
                  <article aria-label={r.name} className={item}>
                    <h3 className="font-semibold">{r.name}</h3>
                    <p className="text-sm text-muted">{t.received.from(r.name, formatLongDate(r.requestedAt))}</p>
                    <div className="mt-3">
                      <ActionForm action={acceptPartnershipAction} hidden={{ partnershipId: r.partnershipId }} label={t.received.accept} />
                    </div>
                    <details className="mt-2">
                      <summary className={`${summary} text-red-800`}>{t.received.refuse}</summary>
                      <ActionForm
                        action={refusePartnershipAction}
                        hidden={{ partnershipId: r.partnershipId }}
                        label={t.received.refuseLabel(r.name)}
                        variant="secondary"
                      />
                    </details>
                  </article>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="partenaires">
          <h2 id="partenaires" className={heading}>
            {t.partners.title}
          </h2>
          {page.partners.length === 0 ? <Card>{t.partners.none}</Card> : null}
          <ul className="flex flex-col gap-3">
            {page.partners.map((p) => (
              <li key={p.partnershipId}>
                <article aria-label={p.name} className={item}>
                  <h3 className="font-semibold">{p.name}</h3>
                  <p className="text-sm text-muted">{t.partners.since(formatLongDate(p.since))}</p>
                  {p.suspended ? <p className="mt-1 text-sm text-amber-900">{t.partners.suspended}</p> : null}
                  <details className="mt-2">
                    <summary className={`${summary} text-sm text-red-800`}>{t.partners.end}</summary>
                    <ActionForm action={endPartnershipAction} hidden={{ partnershipId: p.partnershipId }} label={t.partners.endConfirm(p.name)} variant="secondary">
                      <p className="text-sm">{t.partners.endHint}</p>
                    </ActionForm>
                  </details>
                </article>
              </li>
            ))}
          </ul>
        </section>

        {page.sent.length > 0 ? (
          <section aria-labelledby="envoyees">
            <h2 id="envoyees" className={heading}>
              {t.sent.title}
            </h2>
            <ul className="flex flex-col gap-3">
              {page.sent.map((r) => (
                <li key={r.partnershipId}>
                  <article aria-label={r.name} className={item}>
                    <h3 className="font-semibold">{r.name}</h3>
                    <p className="text-sm text-muted">{t.sent.to(r.name, formatLongDate(r.requestedAt))}</p>
                    <div className="mt-3">
                      <ActionForm action={withdrawPartnershipAction} hidden={{ partnershipId: r.partnershipId }} label={t.sent.withdraw} variant="secondary" />
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="proposer">
          <h2 id="proposer" className={heading}>
            {t.ask.title}
          </h2>
          <Card>
            {page.candidates.length === 0 ? (
              <p>{t.ask.none}</p>
            ) : (
              <ActionForm action={requestPartnershipAction} hidden={{}} label={t.ask.submit}>
                <p className="text-sm text-muted">{t.ask.intro}</p>
                <label htmlFor="amap-partenaire" className="font-semibold">
                  {t.ask.field}
                </label>
                <select id="amap-partenaire" name="amapId" required defaultValue="" className="min-h-11 rounded-md border border-muted/40 px-3 text-base">
                  <option value="" disabled>
                    {t.ask.choose}
                  </option>
                  {page.candidates.map((c) => (
                    <option key={c.amapId} value={c.amapId}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </ActionForm>
            )}
          </Card>
        </section>
      </div>
    </>
  );
}
