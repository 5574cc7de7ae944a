import { parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "@/components/space-link";
import { Flash, flashError, flashMessage } from "@/components/flash";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { hasRole, requireViewer } from "@/lib/server/auth/auth";
import {
  listAvailableBaskets,
  listPartnerBaskets,
  type FocusDTO,
  type PartnersSectionDTO,
} from "@/lib/server/exchange/baskets-page";
import { reserveAction } from "./actions";
import { distributionGroupsHtml } from "./offer-cards";

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
  // The partners' standing comes with the list (one query less); their baskets after it, for the intermittents.
  const { groups, total, page, pageCount, focus, partnerStanding } = await listAvailableBaskets(viewer, {
    page: requested !== null && requested > 1 && requested <= 100_000 ? requested : 1,
    // ?offre=12 (email links, and the answer to « Réserver »): the page that offer is on.
    offerId: focusId !== null && focusId <= 2_147_483_647 ? focusId : undefined,
    withPartnerStanding: canReserve,
  });
  const partners: PartnersSectionDTO = canReserve ? await listPartnerBaskets(viewer, undefined, partnerStanding) : { opted: "none", amaps: [] };
  // A basket of a partner AMAP (its section below) is not « gone » from the page.
  const partnerFocus = focusId !== null && partners.amaps.some((a) => a.groups.some((g) => g.offers.some((o) => o.offerId === focusId)));
  const error = flashError(params);
  const flash = flashMessage(params);
  // An email's link lands on its card (#offre-12): what changed since is said there.
  const reservedSince = focus?.kind === "reserved" && canReserve && !flash && !error ? t.focusReserved(focus.memberFirstName) : null;
  // The cards, as one string (offer-cards.ts says why).
  const list = (
    <div
      className="flex flex-col gap-6"
      dangerouslySetInnerHTML={{
        __html: distributionGroupsHtml(groups, {
          continued: page > 1,
          canReserve,
          note: (offerId) => (offerId === focusId ? reservedSince : null),
        }),
      }}
    />
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
                <div className="flex flex-col gap-4" dangerouslySetInnerHTML={{ __html: distributionGroupsHtml(amap.groups, { canReserve: true, headingLevel: 4 }) }} />
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
