import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatsChart, type ChartSeries } from "@/components/stats-chart";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { formatAbbreviatedMonth, formatMonth, formatShortMonth, pendingOf } from "@/lib/domain/stats";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { getStats } from "@/lib/server/admin/stats";
import { inRequestSpace } from "@/lib/server/core/request-amap";

export const metadata: Metadata = { title: adminSheetFr.stats.metaTitle };

const t = adminSheetFr.stats;

/** The chart shows the last months; the table below has them all. */
const CHART_MONTHS = 12;

// In stacking order. Literal class names, so Tailwind generates them.
const SERIES: ChartSeries[] = [
  { label: t.series.exchanged, fill: "fill-leaf-700", swatch: "bg-leaf-700" },
  { label: t.series.pending, fill: "fill-emerald-300", swatch: "bg-emerald-300" },
  { label: t.series.unclaimed, fill: "fill-amber-500", swatch: "bg-amber-500" },
  { label: t.series.cancelled, fill: "fill-gray-400", swatch: "bg-gray-400" },
];

// Six columns, one per series of the chart plus the month and the total offered, fit 360 px with small type and no breaking inside words.
const cell = "border-b border-leaf-100 px-0.5 py-2 sm:px-2";
const number = `${cell} text-right tabular-nums`;

export default async function StatsPage() {
  const viewer = await requireViewer();
  // Null for anyone but a référent (checked in the data layer).
  const stats = await getStats(viewer);
  if (!stats) notFound();
  const recent = stats.months.slice(-CHART_MONTHS);
  const sum = (key: "offered" | "exchanged" | "unclaimed" | "cancelled") => stats.months.reduce((n, m) => n + m[key], 0);
  const exportHref = await inRequestSpace("/admin/statistiques/export.csv");
  const exportTakersHref = await inRequestSpace("/admin/statistiques/export.csv?tableau=intermittents");
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-6">{t.intro}</p>
      <div className="flex flex-col gap-8">
        <section aria-labelledby="par-mois" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="par-mois" className="text-xl font-bold text-leaf-800">
              {t.monthlyTitle}
            </h2>
            <a href={exportHref} className={buttonClass("secondary")} download>
              {t.exportMonthly}
            </a>
          </div>
          {stats.months.length === 0 ? (
            <Card>{t.noData}</Card>
          ) : (
            <>
              <Card>
                <StatsChart
                  id="graphique-mois"
                  title={t.chartTitle}
                  description={t.chartDescription(recent.length)}
                  legendTitle={t.legendTitle}
                  series={SERIES}
                  rows={recent.map((m) => ({
                    label: formatShortMonth(m.month),
                    values: [m.exchanged, pendingOf(m), m.unclaimed, m.cancelled],
                    total: m.offered,
                  }))}
                />
              </Card>
              <div className="overflow-x-auto rounded-lg border border-leaf-100 bg-white">
                <table className="w-full border-collapse text-xs [overflow-wrap:normal] sm:text-sm">
                  <caption className="sr-only">{t.tableCaption}</caption>
                  <thead className="bg-leaf-50 text-left">
                    <tr>
                      <th scope="col" className={cell}>
                        {t.columns.month}
                      </th>
                      <th scope="col" className={`${cell} text-right`}>
                        {t.columns.offered}
                      </th>
                      <th scope="col" className={`${cell} text-right`}>
                        {t.columns.exchanged}
                      </th>
                      <th scope="col" className={`${cell} text-right`}>
                        {t.columns.pending}
                      </th>
                      <th scope="col" className={`${cell} text-right`}>
                        {t.columns.unclaimed}
                      </th>
                      <th scope="col" className={`${cell} text-right`}>
                        {t.columns.cancelled}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {stats.months.map((m) => (
                      <tr key={m.month}>
                        <th scope="row" className={`${cell} text-left font-normal`}>
                          <span className="sm:hidden">{formatAbbreviatedMonth(m.month)}</span>
                          <span className="hidden sm:inline">{formatMonth(m.month)}</span>
                        </th>
                        <td className={number}>{m.offered}</td>
                        <td className={number}>{m.exchanged}</td>
                        <td className={number}>{pendingOf(m)}</td>
                        <td className={number}>{m.unclaimed}</td>
                        <td className={number}>{m.cancelled}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot className="font-semibold">
                    <tr>
                      <th scope="row" className={`${cell} text-left`}>
                        {t.total}
                      </th>
                      <td className={number}>{sum("offered")}</td>
                      <td className={number}>{sum("exchanged")}</td>
                      <td className={number}>{stats.months.reduce((n, m) => n + pendingOf(m), 0)}</td>
                      <td className={number}>{sum("unclaimed")}</td>
                      <td className={number}>{sum("cancelled")}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          )}
        </section>

        <section aria-labelledby="par-intermittent" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="par-intermittent" className="text-xl font-bold text-leaf-800">
              {t.intermittentsTitle}
            </h2>
            <a href={exportTakersHref} className={buttonClass("secondary")} download>
              {t.exportIntermittents}
            </a>
          </div>
          {stats.intermittents.length === 0 ? (
            <Card>{t.noIntermittents}</Card>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-leaf-100 bg-white">
              <table className="w-full border-collapse text-sm">
                <caption className="sr-only">{t.intermittentsCaption}</caption>
                <thead className="bg-leaf-50 text-left">
                  <tr>
                    <th scope="col" className={cell}>
                      {t.columns.intermittent}
                    </th>
                    <th scope="col" className={`${cell} text-right`}>
                      {t.columns.taken}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {stats.intermittents.map((p) => (
                    <tr key={p.key}>
                      <th scope="row" className={`${cell} text-left font-normal`}>
                        {p.name}
                      </th>
                      <td className={number}>{p.taken}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
