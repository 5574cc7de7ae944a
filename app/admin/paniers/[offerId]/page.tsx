import { parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { BasketLines, ContactDetails, Quote, StatusBadge } from "@/components/basket";
import { Flash, notifiedCount } from "@/components/flash";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { formatLongDate, formatTime } from "@/lib/domain/time";
import { requireViewer } from "@/lib/server/auth/auth";
import { getAdminOffer } from "@/lib/server/admin/offers";
import { adminAcceptAction, adminAssignAction, adminCancelAction, adminDeclineAction } from "../actions";

export const metadata: Metadata = { title: fr.admin.offers.title };

const t = fr.admin.offers;
const field = "min-h-11 w-full rounded-md border border-muted/40 px-3 text-base";

function Reason({ id }: { id: string }) {
  return (
    <>
      <label htmlFor={id} className="font-semibold">
        {t.reason}
      </label>
      <textarea id={id} name="reason" required rows={2} maxLength={500} className="rounded-md border border-muted/40 p-3 text-base" />
    </>
  );
}

export default async function AdminOfferPage({
  params,
  searchParams,
}: {
  params: Promise<{ offerId: string }>;
  searchParams: Promise<{ ok?: string; prevenus?: string }>;
}) {
  const viewer = await requireViewer();
  const { offerId } = await params;
  const query = await searchParams;
  const offer = parseId(offerId) ? await getAdminOffer(viewer, parseId(offerId)!) : null;
  if (!offer) notFound();
  const active = !offer.isPast && ["open", "reserved", "exchanged"].includes(offer.status);
  const pending = offer.reservations.find((r) => r.status === "pending");
  return (
    <>
      <Link href="/admin/paniers" className="mb-2 inline-flex min-h-11 items-center underline">
        ← {t.back}
      </Link>
      <PageTitle>{t.detailTitle(offer.slot)}</PageTitle>
      <Flash message={query.ok ? t.done(notifiedCount(query)) : null} />
      <div className="flex flex-col gap-4">
        <Card>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
            <p className="font-semibold">{offer.placeName}</p>
            <StatusBadge>{fr.exchange.offerStatus[offer.status]}</StatusBadge>
          </div>
          <p className="mb-1 text-sm text-muted">{t.memberLabel}</p>
          <ContactDetails contact={offer.member} />
          <div className="mt-3">
            <BasketLines lines={offer.lines} totalCents={offer.lines.reduce((sum, l) => sum + l.priceCents, 0)} />
          </div>
          <div className="mt-2">
            <Quote text={offer.message} />
          </div>
          {offer.cancelReason ? <p className="mt-2 text-sm">{fr.exchange.mine.cancelledBecause(offer.cancelReason)}</p> : null}
        </Card>

        <section aria-labelledby="reservations">
          <h2 id="reservations" className="mb-2 text-lg font-bold text-leaf-800">
            {t.reservations}
          </h2>
          {offer.reservations.length === 0 ? <Card>{t.noReservations}</Card> : null}
          <ul className="flex flex-col gap-2">
            {offer.reservations.map((r) => (
              <li key={r.id} className="rounded-lg border border-leaf-100 bg-white p-3">
                <p className="mb-1 text-sm">
                  {r.position}. {t.reservationStatus[r.status]}
                </p>
                <ContactDetails contact={r} />
              </li>
            ))}
          </ul>
        </section>

        {active && pending ? (
          <Card>
            <h2 className="mb-2 text-lg font-bold text-leaf-800">{t.decideTitle(pending.fullName)}</h2>
            <div className="grid gap-3 sm:grid-cols-2">
              <ActionForm action={adminAcceptAction} hidden={{ offerId: offer.offerId, reservationId: pending.id }} label={t.accept}>
                <Reason id="raison-valider" />
              </ActionForm>
              <ActionForm
                action={adminDeclineAction}
                hidden={{ offerId: offer.offerId, reservationId: pending.id }}
                label={t.decline}
                variant="secondary"
              >
                <Reason id="raison-refuser" />
              </ActionForm>
            </div>
          </Card>
        ) : null}

        {active && offer.status !== "exchanged" ? (
          <Card>
            <h2 className="mb-2 text-lg font-bold text-leaf-800">{t.assignTitle}</h2>
            <ActionForm action={adminAssignAction} hidden={{ offerId: offer.offerId }} label={t.assign}>
              <label htmlFor="attribuer-a" className="font-semibold">
                {t.assignTo}
              </label>
              <select id="attribuer-a" name="intermittentId" required defaultValue="" className={field}>
                <option value="" disabled>
                  {t.choose}
                </option>
                {offer.candidates.map((c) => (
                  <option key={c.userId} value={c.userId}>
                    {c.fullName}
                  </option>
                ))}
              </select>
              <Reason id="raison-attribuer" />
            </ActionForm>
          </Card>
        ) : null}

        {active ? (
          <Card>
            <h2 className="mb-2 text-lg font-bold text-leaf-800">{t.cancelTitle}</h2>
            <ActionForm action={adminCancelAction} hidden={{ offerId: offer.offerId }} label={t.cancel} variant="secondary">
              <Reason id="raison-annuler" />
            </ActionForm>
          </Card>
        ) : (
          <p className="text-sm text-muted">{t.closed}</p>
        )}

        <section aria-labelledby="historique">
          <h2 id="historique" className="mb-2 text-lg font-bold text-leaf-800">
            {t.history}
          </h2>
          <ol className="flex flex-col gap-2 border-l-2 border-leaf-100 pl-4">
            {offer.history.map((h, i) => (
              <li key={i} className="text-sm">
                <p className="font-semibold">{t.events[h.action] ?? h.action}</p>
                <p className="text-muted">
                  {formatLongDate(h.at)} {formatTime(h.at)} · {h.who ?? t.system}
                  {h.from && h.to && h.from !== h.to
                    ? ` · ${fr.exchange.offerStatus[h.from as keyof typeof fr.exchange.offerStatus] ?? h.from} → ${
                        fr.exchange.offerStatus[h.to as keyof typeof fr.exchange.offerStatus] ?? h.to
                      }`
                    : ""}
                </p>
                {h.reason ? <p className="whitespace-pre-line">« {h.reason} »</p> : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
