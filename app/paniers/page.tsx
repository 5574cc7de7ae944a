import { parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "@/components/space-link";
import { BasketLines, Quote } from "@/components/basket";
import { Flash, flashError, flashMessage } from "@/components/flash";
import { Button, buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { hasRole, requireViewer } from "@/lib/server/auth/auth";
import {
  listAvailableBaskets,
  listPartnerBaskets,
  type AvailableOfferDTO,
  type DistributionGroupDTO,
  type FocusDTO,
  type PartnersSectionDTO,
} from "@/lib/server/exchange/baskets-page";
import { reserveAction } from "./actions";

export const metadata: Metadata = { title: fr.exchange.baskets.title };

const t = fr.exchange.baskets;

// A plain form hands the action its FormData alone and ignores what it
// returns (it redirects): React types a form action as returning void.
const reserve = reserveAction as unknown as (formData: FormData) => Promise<void>;

// A server component throughout: « Réserver » buttons submit one plain form
// posting to a server action, so the page ships no JavaScript of its own per
// offer and works without JavaScript. Offers come a page at a time (BASKETS_PAGE_SIZE).
export default async function BasketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const requested = wholeNumber(params.page);
  const focusId = wholeNumber(params.offre);
  const canReserve = hasRole(viewer, "intermittent");
  const [{ groups, total, page, pageCount, focus }, partners] = await Promise.all([
    listAvailableBaskets(viewer, {
      page: requested !== null && requested > 1 && requested <= 100_000 ? requested : 1,
      // ?offre=12 (email links, and the answer to « Réserver »): the page that offer is on.
      offerId: focusId !== null && focusId <= 2_147_483_647 ? focusId : undefined,
    }),
    canReserve ? listPartnerBaskets(viewer) : Promise.resolve<PartnersSectionDTO>({ opted: "none", amaps: [] }),
  ]);
  // A basket of a partner AMAP (its section below) is not « gone » from the page.
  const partnerFocus = focusId !== null && partners.amaps.some((a) => a.groups.some((g) => g.offers.some((o) => o.offerId === focusId)));
  const error = flashError(params);
  const flash = flashMessage(params);
  // An email's link lands on its card (#offre-12): what changed since is said there.
  const reservedSince = focus?.kind === "reserved" && canReserve && !flash && !error ? t.focusReserved(focus.memberFirstName) : null;
  const list = (
    <div className="flex flex-col gap-6">
      {groups.map((group, i) => (
        <DistributionGroup
          key={group.distributionId}
          group={group}
          continued={i === 0 && page > 1}
          canReserve={canReserve}
          note={(offerId) => (offerId === focusId ? reservedSince : null)}
        />
      ))}
    </div>
  );
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Flash message={flash} error={error} />
      {/* After an action its outcome says it all; otherwise, what became of a basket an email's link named that is gone. */}
      {focus?.kind === "gone" && !partnerFocus && !flash && !error ? <FocusNotice why={focus.why} /> : null}
      <p className="mb-4">{t.intro}</p>
      {!canReserve ? (
        <div className="mb-4 rounded-md bg-amber-50 p-3 text-amber-900">
          <p className="mb-2">{t.notIntermittent}</p>
          <Link href="/inscription" className={buttonClass()}>
            {fr.join.notOnListLink}
          </Link>
        </div>
      ) : null}
      {total === 0 ? <Card>{t.empty}</Card> : <p className="mb-4 font-semibold">{t.count(total)}</p>}
      {canReserve ? (
        // One form for the page: each « Réserver » is a submit button carrying
        // its offer's id (name="offerId"), which the browser — or React, with
        // JavaScript — adds to the posted fields.
        <form action={reserve}>
          {page > 1 ? <input type="hidden" name="page" value={page} /> : null}
          {list}
        </form>
      ) : (
        list
      )}
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
      <PartnersSection partners={partners} />
    </>
  );
}

function DistributionGroup({
  group,
  continued = false,
  canReserve,
  note = () => null,
  headingLevel = 2,
}: {
  group: DistributionGroupDTO;
  continued?: boolean;
  canReserve: boolean;
  note?: (offerId: number) => string | null;
  headingLevel?: 2 | 4;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h4";
  return (
    <section aria-labelledby={`distribution-${group.distributionId}`}>
      <Heading id={`distribution-${group.distributionId}`} className="text-lg font-bold text-leaf-800 first-letter:uppercase">
        {group.slot}
        {continued ? ` ${t.continued}` : ""}
      </Heading>
      <p className="mb-2 text-sm text-muted">
        {group.place.name}
        {group.place.address ? ` — ${group.place.address}` : ""}
      </p>
      <ul className="flex flex-col gap-3">
        {group.offers.map((offer) => (
          <li key={offer.offerId} id={`offre-${offer.offerId}`}>
            <OfferCard offer={offer} canReserve={canReserve} note={note(offer.offerId)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * « Paniers des AMAP partenaires »: for an intermittent who opted in, the
 * baskets nobody took in the partner AMAPs, by AMAP; for one who did not, a
 * word on how to (nothing when the AMAP has no partner).
 */
function PartnersSection({ partners }: { partners: PartnersSectionDTO }) {
  if (partners.opted === "none") return null;
  const p = t.partners;
  return (
    <section aria-labelledby="partenaires" className="mt-10 border-t border-leaf-100 pt-6">
      <h2 id="partenaires" className="mb-2 text-xl font-bold text-leaf-800">
        {p.title}
      </h2>
      {partners.opted === "out" ? (
        <div className="rounded-md bg-leaf-50 p-3 text-leaf-800">
          <p className="mb-2">{p.optIn}</p>
          <Link href="/inscription" className={buttonClass("secondary")}>
            {p.manage}
          </Link>
        </div>
      ) : (
        <>
          <p className="mb-4">{p.intro}</p>
          {partners.amaps.length === 0 ? <Card>{p.empty}</Card> : null}
          <form action={reserve} className="flex flex-col gap-8">
            {partners.amaps.map((amap) => (
              <section key={amap.amapName} aria-label={amap.amapName} className="flex flex-col gap-4">
                <h3 className="text-lg font-bold">{amap.amapName}</h3>
                {amap.groups.map((group) => (
                  <DistributionGroup key={group.distributionId} group={group} canReserve headingLevel={4} />
                ))}
              </section>
            ))}
          </form>
        </>
      )}
    </section>
  );
}

/** What became of the basket an email's link named (?offre=), no longer listed: said before the list. */
function FocusNotice({ why }: { why: Extract<FocusDTO, { kind: "gone" }>["why"] }) {
  return (
    <div role="status" className="mb-4 flex flex-col rounded-md border border-leaf-100 bg-leaf-50 p-3 text-leaf-800">
      {t.focus[why]}
      {why === "own_offer" || why === "mine_accepted" ? (
        <Link href="/mes-paniers" className={`${buttonClass("secondary")} mt-2 flex w-full sm:w-auto`}>
          {t.seeMine}
        </Link>
      ) : null}
    </div>
  );
}

/** A positive whole number from the query string, in decimal digits, or null. */
function wholeNumber(value: string | string[] | undefined): number | null {
  return parseId(Array.isArray(value) ? value[0] : value);
}

function OfferCard({ offer, canReserve, note }: { offer: AvailableOfferDTO; canReserve: boolean; note: string | null }) {
  return (
    <article aria-label={t.from(offer.memberFirstName)} className="rounded-lg border border-leaf-100 bg-white p-4 shadow-sm">
      <h3 className="mb-2 font-semibold">{t.from(offer.memberFirstName)}</h3>
      <BasketLines lines={offer.lines} totalCents={offer.totalCents} />
      <Quote text={offer.message} className="mt-2" />
      {offer.autoAccept && offer.status === "open" && canReserve && !offer.mine ? (
        <p className="mt-2 text-sm font-semibold text-leaf-800">{t.autoAccept}</p>
      ) : null}
      {note ? (
        <p className="mt-3 rounded-md bg-amber-50 p-2 text-amber-900" role="status">
          {note}
        </p>
      ) : null}
      {offer.mine ? (
        <p className="mt-3 rounded-md bg-leaf-50 p-2 font-semibold text-leaf-800" role="status">
          {offer.mine.status === "pending" ? t.minePending(offer.memberFirstName) : t.mineQueued(offer.mine.position)}
        </p>
      ) : canReserve ? (
        <p className="mt-3">
          {offer.queueLength > 0 ? <span className="mb-2 block text-sm text-muted">{t.queueLength(offer.queueLength)}</span> : null}
          <Button type="submit" name="offerId" value={offer.offerId} className="w-full sm:w-auto">
            {offer.status === "open" ? t.reserve : t.joinQueue}
          </Button>
        </p>
      ) : null}
    </article>
  );
}
