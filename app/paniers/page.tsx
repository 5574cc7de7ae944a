import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { BasketLines, Quote } from "@/components/basket";
import { Flash, flashMessage } from "@/components/flash";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { hasRole, requireViewer } from "@/lib/server/auth";
import { listAvailableBaskets } from "@/lib/server/offer-queries";
import { reserveAction } from "./actions";

export const metadata: Metadata = { title: fr.exchange.baskets.title };

export default async function BasketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const viewer = await requireViewer();
  const flash = flashMessage(await searchParams);
  const t = fr.exchange.baskets;
  const canReserve = hasRole(viewer, "intermittent");
  const groups = await listAvailableBaskets(viewer);
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Flash message={flash} />
      <p className="mb-4">{t.intro}</p>
      {!canReserve ? <p className="mb-4 rounded-md bg-amber-50 p-3 text-amber-900">{t.notIntermittent}</p> : null}
      {groups.length === 0 ? <Card>{t.empty}</Card> : null}
      <div className="flex flex-col gap-6">
        {groups.map((group) => (
          <section key={group.distributionId} aria-labelledby={`distribution-${group.distributionId}`}>
            <h2 id={`distribution-${group.distributionId}`} className="text-lg font-bold text-leaf-800 first-letter:uppercase">
              {group.slot}
            </h2>
            <p className="mb-2 text-sm text-muted">
              {group.place.name}
              {group.place.address ? ` — ${group.place.address}` : ""}
            </p>
            <ul className="flex flex-col gap-3">
              {group.offers.map((offer) => (
                <li key={offer.offerId} id={`offre-${offer.offerId}`}>
                  <article aria-label={t.from(offer.memberFirstName)} className="rounded-lg border border-leaf-100 bg-white p-4 shadow-sm">
                    <h3 className="mb-2 font-semibold">{t.from(offer.memberFirstName)}</h3>
                    <BasketLines lines={offer.lines} totalCents={offer.totalCents} />
                    <div className="mt-2">
                      <Quote text={offer.message} />
                    </div>
                    {offer.mine ? (
                      <p className="mt-3 rounded-md bg-leaf-50 p-2 font-semibold text-leaf-800" role="status">
                        {offer.mine.status === "pending"
                          ? t.minePending(offer.memberFirstName)
                          : t.mineQueued(offer.mine.position)}
                      </p>
                    ) : canReserve ? (
                      <div className="mt-3">
                        {offer.queueLength > 0 ? <p className="mb-2 text-sm text-muted">{t.queueLength(offer.queueLength)}</p> : null}
                        <ActionForm
                          action={reserveAction}
                          hidden={{ offerId: offer.offerId }}
                          label={offer.status === "open" ? t.reserve : t.joinQueue}
                        />
                      </div>
                    ) : null}
                  </article>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
