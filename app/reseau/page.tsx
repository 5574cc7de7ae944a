import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NetworkAmapForm } from "@/components/network-form";
import { ActionForm } from "@/components/action-form";
import { Button, Card, PageTitle } from "@/components/ui";
import { monthOf } from "@/lib/domain/stats";
import { amapPath } from "@/lib/domain/amap-path";
import { networkFr } from "@/lib/i18n/network-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { readNetwork } from "@/lib/server/network/network";
import { createAmapAction, suspendAmapAction } from "./actions";

export const metadata: Metadata = { title: networkFr.title };

const t = networkFr;

/** The network's administrator's page: every AMAP with its numbers for a month, suspend or reopen one, create one. */
export default async function NetworkPage({ searchParams }: { searchParams: Promise<{ mois?: string }> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(params.mois ?? "") ? params.mois! : monthOf(new Date());
  const rows = await readNetwork(viewer, month);
  if (!rows) notFound();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-4">{t.intro}</p>
      <form method="get" className="my-4 flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1">
          <span className="font-semibold">{t.month}</span>
          <input type="month" name="mois" defaultValue={month} className="min-h-11 rounded-md border border-muted/40 px-3" />
        </label>
        <Button type="submit" variant="secondary">
          {t.showMonth}
        </Button>
      </form>
      <section aria-labelledby="amaps" className="mb-6">
        <h2 id="amaps" className="mb-2 text-lg font-bold">
          {t.table.caption(month)}
        </h2>
        {rows.length === 0 ? <p>{t.table.none}</p> : null}
        <ul className="flex flex-col gap-3">
          {rows.map((row) => (
            <li key={row.amapId}>
              <Card>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  {/* Into another AMAP's space: a whole page load (components/space-link.tsx says why). */}
                  <a href={amapPath(row.slug, "/")} className="text-lg font-bold underline">
                    {row.name}
                  </a>
                  <span className={`rounded-full px-3 py-1 text-sm font-semibold ${row.suspended ? "bg-amber-100 text-amber-900" : "bg-leaf-100 text-leaf-800"}`}>
                    {row.suspended ? t.table.suspended : t.table.open}
                  </span>
                </div>
                <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-5">
                  <div>
                    <dt className="text-muted">{t.table.members}</dt>
                    <dd className="font-semibold">{row.members}</dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t.table.intermittents}</dt>
                    <dd className="font-semibold">{row.intermittents}</dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t.table.offered}</dt>
                    <dd className="font-semibold">{row.offered}</dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t.table.exchanged}</dt>
                    <dd className="font-semibold">{row.exchanged}</dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t.table.lost}</dt>
                    <dd className="font-semibold">{row.lost}</dd>
                  </div>
                </dl>
                <ActionForm
                  action={suspendAmapAction}
                  hidden={{ amapId: row.amapId, suspend: row.suspended ? "0" : "1" }}
                  label={row.suspended ? t.table.reopen : t.table.suspend}
                  variant="secondary"
                  className="mt-3"
                />
              </Card>
            </li>
          ))}
        </ul>
      </section>
      <Card>
        <h2 className="mb-3 text-lg font-bold">{t.create.title}</h2>
        <NetworkAmapForm action={createAmapAction} />
      </Card>
    </>
  );
}
