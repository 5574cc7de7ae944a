import type { Metadata } from "next";
import Link from "next/link";
import { BasketLines, Quote } from "@/components/basket";
import { Flash, flashError, flashMessage } from "@/components/flash";
import { Button, buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { hasRole, requireViewer } from "@/lib/server/auth";
import { listAvailableBaskets, type AvailableOfferDTO } from "@/lib/server/offer-queries";
import { reserveAction } from "./actions";

export const metadata: Metadata = { title: fr.exchange.baskets.title };

const t = fr.exchange.baskets;

// A plain form hands the action its FormData alone and ignores what it
// returns (it redirects): React types a form action as returning void.
const reserve = reserveAction as unknown as (formData: FormData) => Promise<void>;

// A server component throughout: each « Réserver » is a plain form posting to
// a server action, so the page ships no JavaScript of its own per offer and
// works without JavaScript. Offers come a page at a time (BASKETS_PAGE_SIZE).
export default async function BasketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const requested = Number(Array.isArray(params.page) ? params.page[0] : params.page);
  const page = Number.isInteger(requested) && requested > 1 && requested <= 100_000 ? requested : 1;
  const canReserve = hasRole(viewer, "intermittent");
  const { groups, total, pageCount } = await listAvailableBaskets(viewer, { page });
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Flash message={flashMessage(params)} error={flashError(params)} />
      <p className="mb-4">{t.intro}</p>
      {!canReserve ? <p className="mb-4 rounded-md bg-amber-50 p-3 text-amber-900">{t.notIntermittent}</p> : null}
      {total === 0 ? <Card>{t.empty}</Card> : <p className="mb-4 font-semibold">{t.count(total)}</p>}
      <div className="flex flex-col gap-6">
        {groups.map((group, i) => (
          <section key={group.distributionId} aria-labelledby={`distribution-${group.distributionId}`}>
            <h2 id={`distribution-${group.distributionId}`} className="text-lg font-bold text-leaf-800 first-letter:uppercase">
              {group.slot}
              {i === 0 && page > 1 ? ` ${t.continued}` : ""}
            </h2>
            <p className="mb-2 text-sm text-muted">
              {group.place.name}
              {group.place.address ? ` — ${group.place.address}` : ""}
            </p>
            <ul className="flex flex-col gap-3">
              {group.offers.map((offer) => (
                <li key={offer.offerId} id={`offre-${offer.offerId}`}>
                  <OfferCard offer={offer} canReserve={canReserve} page={page} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      {pageCount > 1 ? (
        <nav aria-label={t.pages} className="mt-6 flex flex-col items-center gap-3 sm:flex-row sm:justify-between">
          {page > 1 ? (
            <Link href={page === 2 ? "/paniers" : `/paniers?page=${page - 1}`} prefetch={false} className={buttonClass("secondary")}>
              {t.previousPage}
            </Link>
          ) : null}
          <p className="text-sm text-muted">{t.pageOf(Math.min(page, pageCount), pageCount)}</p>
          {page < pageCount ? (
            <Link href={`/paniers?page=${page + 1}`} prefetch={false} className={buttonClass("primary")}>
              {t.nextPage}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

function OfferCard({ offer, canReserve, page }: { offer: AvailableOfferDTO; canReserve: boolean; page: number }) {
  return (
    <article aria-label={t.from(offer.memberFirstName)} className="rounded-lg border border-leaf-100 bg-white p-4 shadow-sm">
      <h3 className="mb-2 font-semibold">{t.from(offer.memberFirstName)}</h3>
      <BasketLines lines={offer.lines} totalCents={offer.totalCents} />
      <div className="mt-2">
        <Quote text={offer.message} />
      </div>
      {offer.mine ? (
        <p className="mt-3 rounded-md bg-leaf-50 p-2 font-semibold text-leaf-800" role="status">
          {offer.mine.status === "pending" ? t.minePending(offer.memberFirstName) : t.mineQueued(offer.mine.position)}
        </p>
      ) : canReserve ? (
        <form action={reserve} className="mt-3 flex flex-col gap-2">
          {offer.queueLength > 0 ? <p className="text-sm text-muted">{t.queueLength(offer.queueLength)}</p> : null}
          <input type="hidden" name="offerId" value={offer.offerId} />
          {page > 1 ? <input type="hidden" name="page" value={page} /> : null}
          <Button type="submit" className="w-full sm:w-auto">
            {offer.status === "open" ? t.reserve : t.joinQueue}
          </Button>
        </form>
      ) : null}
    </article>
  );
}
