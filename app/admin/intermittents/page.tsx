import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { Flash } from "@/components/flash";
import { PersonForm } from "@/components/person-form";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { formatLongDate } from "@/lib/domain/time";
import { requireViewer } from "@/lib/server/auth/auth";
import { listIntermittents, listJoinRequests } from "@/lib/server/list/intermittents";
import { addIntermittentAction, approveRequestAction, refuseRequestAction, removeIntermittentAction } from "./actions";
import { inRequestSpace } from "@/lib/server/core/request-amap";

export const metadata: Metadata = { title: fr.admin.intermittents };

const t = fr.admin;

const flashes = { approved: t.approved, refused: t.refused, removed: t.removed } as const;

export default async function AdminIntermittentsPage({ searchParams }: { searchParams: Promise<{ ok?: string }> }) {
  const viewer = await requireViewer();
  const { ok } = await searchParams;
  const flash = ok && Object.hasOwn(flashes, ok) ? flashes[ok as keyof typeof flashes] : null;
  const [requests, people] = await Promise.all([listJoinRequests(viewer), listIntermittents(viewer)]);
  // Both reads answer null for anyone but a référent.
  if (!requests || !people) notFound();
  const exportHref = await inRequestSpace("/admin/intermittents/export");
  return (
    <>
      <PageTitle>{t.intermittents}</PageTitle>
      <Flash message={flash} />
      <div className="flex flex-col gap-8">
        <section aria-labelledby="demandes">
          <h2 id="demandes" className="mb-3 text-xl font-bold text-leaf-800">
            {t.requests}
          </h2>
          {requests.length === 0 ? <Card>{t.noRequests}</Card> : null}
          <ul className="flex flex-col gap-3">
            {requests.map((r) => (
              <li key={r.id} id={`demande-${r.id}`}>
                <article aria-label={r.fullName} className="rounded-lg border border-leaf-100 bg-white p-4">
                  <h3 className="font-semibold">{r.fullName}</h3>
                  <p className="text-sm [overflow-wrap:anywhere]">
                    {r.email}
                    {r.phone ? ` · ${r.phone}` : ""}
                  </p>
                  <p className="text-sm text-muted">{formatLongDate(r.createdAt)}</p>
                  {r.isKnown ? <p className="text-sm text-amber-900">{t.knownPerson}</p> : null}
                  {r.message ? <p className="mt-2 whitespace-pre-line italic">{r.message}</p> : null}
                  <div className="mt-3">
                    <ActionForm action={approveRequestAction} hidden={{ requestId: r.id }} label={t.approve} />
                  </div>
                  <details className="mt-2">
                    <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-red-800">{t.refuse}</summary>
                    <ActionForm action={refuseRequestAction} hidden={{ requestId: r.id }} label={t.refuse} variant="secondary">
                      <label htmlFor={`refus-${r.id}`} className="text-sm font-semibold">
                        {fr.join.admin.refuseReason}
                      </label>
                      <textarea id={`refus-${r.id}`} name="reason" rows={2} maxLength={1000} className="rounded-md border border-muted/40 p-3 text-base" />
                    </ActionForm>
                  </details>
                  {r.hiddenFromSameIp > 0 ? <p className="mt-2 text-sm text-muted">{fr.join.admin.hiddenFromAddress(r.hiddenFromSameIp)}</p> : null}
                </article>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="ajouter">
          <h2 id="ajouter" className="mb-2 text-xl font-bold text-leaf-800">
            {t.addTitle}
          </h2>
          <p className="mb-3">{t.addIntro}</p>
          <Card>
            <PersonForm action={addIntermittentAction} submit={t.addSubmit} idPrefix="ajout" ownDetails={false} />
          </Card>
        </section>

        <section aria-labelledby="inscrits">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="inscrits" className="text-xl font-bold text-leaf-800">
              {t.listTitle(people.length)}
            </h2>
            <a href={exportHref} className={buttonClass("secondary")} download>
              {t.export}
            </a>
          </div>
          <ul className="flex flex-col divide-y divide-leaf-100 rounded-lg border border-leaf-100 bg-white">
            {people.map((p) => (
              <li key={p.userId} className="p-3">
                <p className="font-semibold">{p.fullName}</p>
                <p className="text-sm [overflow-wrap:anywhere]">
                  {p.email}
                  {p.phone ? ` · ${p.phone}` : ""}
                </p>
                <p className="text-sm text-muted">
                  {t.since(formatLongDate(p.since))}
                  {p.addedBy ? ` · ${t.addedBy(p.addedBy)}` : ""}
                </p>
                <details className="mt-1">
                  <summary className="flex min-h-11 cursor-pointer items-center text-sm font-semibold text-red-800">{t.remove}</summary>
                  <ActionForm action={removeIntermittentAction} hidden={{ userId: p.userId }} label={t.removeConfirm} variant="secondary">
                    <label htmlFor={`raison-${p.userId}`} className="text-sm font-semibold">
                      {t.removeReason}
                    </label>
                    <input id={`raison-${p.userId}`} name="reason" maxLength={500} className="min-h-11 rounded-md border border-muted/40 px-3" />
                  </ActionForm>
                </details>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
