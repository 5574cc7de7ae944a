import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/basket";
import { Button, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { OFFER_STATUSES, type OfferStatus } from "@/lib/domain/offer";
import { requireViewer } from "@/lib/server/auth";
import { ADMIN_OFFERS_PAGE, listAdminOffers, listPlaces } from "@/lib/server/admin/offers";

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
    placeId: /^\d{1,9}$/.test(first(params.lieu)) ? Number(first(params.lieu)) : undefined,
    status: (OFFER_STATUSES as readonly string[]).includes(first(params.etat)) ? (first(params.etat) as OfferStatus) : undefined,
    member: first(params.amapien).slice(0, 100) || undefined,
    intermittent: first(params.intermittent).slice(0, 100) || undefined,
  };
  const [result, places] = await Promise.all([listAdminOffers(viewer, filters), listPlaces(viewer)]);
  if (!result || !places) notFound();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Card className="mb-4">
        <form method="get" className="grid gap-3 sm:grid-cols-2">
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.from}</span>
            <input type="date" name="du" defaultValue={filters.from} className={input} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.to}</span>
            <input type="date" name="au" defaultValue={filters.to} className={input} />
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
            <input name="amapien" defaultValue={filters.member} className={input} />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-semibold">{t.intermittent}</span>
            <input name="intermittent" defaultValue={filters.intermittent} className={input} />
          </label>
          <div className="sm:col-span-2">
            <Button type="submit" className="w-full sm:w-auto">
              {t.apply}
            </Button>
          </div>
        </form>
      </Card>
      {result.offers.length === 0 ? <Card>{t.none}</Card> : null}
      <ul className="flex flex-col gap-2">
        {result.offers.map((o) => (
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
      {result.more ? <p className="mt-3 text-sm text-muted">{t.more(ADMIN_OFFERS_PAGE)}</p> : null}
    </>
  );
}
