import { parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/basket";
import { MonthSection } from "@/components/month-section";
import { Alert, Button, buttonClass, Card, PageTitle } from "@/components/ui";
import { addMonths, formatMonth, monthOf } from "@/lib/domain/calendar";
import { parisDate } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";
import { textFr } from "@/lib/i18n/text-fr";
import { OFFER_STATUSES, type OfferStatus } from "@/lib/domain/offer";
import { requireViewer } from "@/lib/server/auth/auth";
import { ADMIN_OFFERS_PAGE, listAdminOffers, listPlaces, type AdminOfferRow } from "@/lib/server/admin/offers";

export const metadata: Metadata = { title: fr.admin.offers.title };

const t = fr.admin.offers;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const input = "min-h-11 w-full rounded-md border border-muted/40 px-3 text-base";

export default async function AdminOffersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const filters = {
    from: first(params.du),
    to: first(params.au),
    placeId: parseId(first(params.lieu)) ?? undefined,
    status: (OFFER_STATUSES as readonly string[]).includes(first(params.etat)) ? (first(params.etat) as OfferStatus) : undefined,
    member: first(params.amapien),
    intermittent: first(params.intermittent),
  };
  const [result, places] = await Promise.all([listAdminOffers(viewer, filters), listPlaces(viewer)]);
  if (!result || !places) notFound();
  const label = { from: t.from, to: t.to, member: t.member, intermittent: t.intermittent };
  const problems = result.problems.map((p) => (p.codePoint ? textFr.invalidCharacter(label[p.field], p.codePoint) : t.invalidDay(label[p.field])));
  const refused = new Set(result.problems.map((p) => p.field));
  const shown = (field: keyof typeof label) => (refused.has(field) ? "" : filters[field]);
  const active = [filters.from, filters.to, filters.placeId, filters.status, filters.member, filters.intermittent].filter(
    (value) => value !== undefined && value !== "",
  ).length;
  // This month and the next open; later and earlier months one tap away (the list runs latest first).
  const thisMonth = monthOf(parisDate(new Date()));
  const openMonths = [thisMonth, addMonths(thisMonth, 1)];
  const months = groupByMonth(result.offers);
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <details open={active > 0} className="group mb-4 rounded-lg border border-leaf-100 bg-white shadow-sm">
        <summary className="flex min-h-12 cursor-pointer items-center justify-between gap-3 px-4 font-semibold text-leaf-800 marker:content-none [&::-webkit-details-marker]:hidden">
          <span>{t.filters}</span>
          <span className="flex items-center gap-2 text-sm font-normal text-muted">
            {active > 0 ? t.activeFilters(active) : null}
            <span aria-hidden="true" className="text-lg text-leaf-800 transition-transform group-open:rotate-180">
              ▾
            </span>
          </span>
        </summary>
        <form method="get" className="grid gap-3 px-4 pb-4 sm:grid-cols-2">
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.from}</span>
            <input type="date" name="du" defaultValue={shown("from")} className={input} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.to}</span>
            <input type="date" name="au" defaultValue={shown("to")} className={input} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.place}</span>
            <select name="lieu" defaultValue={filters.placeId ?? ""} className={input}>
              <option value="">{t.anyPlace}</option>
              {places.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.status}</span>
            <select name="etat" defaultValue={filters.status ?? ""} className={input}>
              <option value="">{t.anyStatus}</option>
              {OFFER_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {fr.exchange.offerStatus[status]}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.member}</span>
            <input name="amapien" defaultValue={shown("member")} className={input} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.intermittent}</span>
            <input name="intermittent" defaultValue={shown("intermittent")} className={input} />
          </label>
          <div className="flex flex-wrap gap-2 sm:col-span-2">
            <Button type="submit" className="w-full sm:w-auto">
              {t.apply}
            </Button>
            {active > 0 ? (
              <Link href="/admin/paniers" className={`${buttonClass("secondary")} w-full sm:w-auto`}>
                {t.clearFilters}
              </Link>
            ) : null}
          </div>
        </form>
      </details>
      {problems.map((message) => (
        <div key={message} className="mb-2">
          <Alert kind="error">{message}</Alert>
        </div>
      ))}
      {result.offers.length === 0 && problems.length === 0 ? <Card>{t.none}</Card> : null}
      <div className="flex flex-col gap-3">
        {months.map(({ month, offers }) => (
          <MonthSection
            key={month}
            id={`mois-${month}`}
            title={formatMonth(month)}
            count={t.monthCount(offers.length)}
            isOpen={active > 0 || openMonths.includes(month)}
          >
            <ul className="flex flex-col gap-2">
              {offers.map((o) => (
                <li key={o.offerId}>
                  <Link
                    href={`/admin/paniers/${o.offerId}`}
                    className="block rounded-lg border border-leaf-100 bg-white p-3 hover:bg-leaf-50"
                    aria-label={`${o.memberName}, ${o.slot}`}
                  >
                    <span className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-semibold first-letter:uppercase">{o.slot}</span>
                      <StatusBadge>{fr.exchange.offerStatus[o.status]}</StatusBadge>
                    </span>
                    <span className="block text-sm">
                      {o.memberName} · {o.placeName}
                    </span>
                    <span className="block text-sm text-muted">
                      {o.lines.map((l) => fr.exchange.quantityLine(l.quantity, l.label)).join(", ")}
                      {o.who ? ` ${t.who(o.who)}` : ""}
                      {o.queueLength ? ` (${t.queue(o.queueLength)})` : ""}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </MonthSection>
        ))}
      </div>
      {result.more ? <p className="mt-3 text-sm text-muted">{t.more(ADMIN_OFFERS_PAGE)}</p> : null}
    </>
  );
}

/** Consecutive offers of the same month (the list is already in date order). */
function groupByMonth(offers: AdminOfferRow[]): { month: string; offers: AdminOfferRow[] }[] {
  const groups: { month: string; offers: AdminOfferRow[] }[] = [];
  for (const offer of offers) {
    const last = groups.at(-1);
    if (last && last.month === offer.month) last.offers.push(offer);
    else groups.push({ month: offer.month, offers: [offer] });
  }
  return groups;
}
