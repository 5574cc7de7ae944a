import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui";
import { StatusBadge } from "@/components/basket";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { listSheetDistributions, type SheetDistributionDTO } from "@/lib/server/admin/sign-sheet/sign-sheet";

export const metadata: Metadata = { title: adminSheetFr.sheet.indexTitle };

const t = adminSheetFr.sheet;

/** Pick a distribution, recent or upcoming, to print its sign sheet. */
export default async function SignSheetIndexPage() {
  const viewer = await requireViewer();
  // Null for anyone but a référent (checked in the data layer).
  const list = await listSheetDistributions(viewer);
  if (!list) notFound();
  return (
    <>
      <PageTitle>{t.indexTitle}</PageTitle>
      <p className="mb-6">{t.indexIntro}</p>
      <div className="flex flex-col gap-8">
        <DistributionList id="a-venir" title={t.upcoming} empty={t.noneUpcoming} items={list.upcoming} />
        <DistributionList id="passees" title={t.recent} empty={t.noneRecent} items={list.recent} />
      </div>
    </>
  );
}

function DistributionList({ id, title, empty, items }: { id: string; title: string; empty: string; items: SheetDistributionDTO[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-xl font-bold text-leaf-800">
        {title}
      </h2>
      {items.length === 0 ? <Card>{empty}</Card> : null}
      <ul className="flex flex-col gap-2">
        {items.map((d) => (
          <li key={d.distributionId}>
            <Link
              href={`/admin/emargement/${d.distributionId}`}
              className="block min-h-11 rounded-lg border border-leaf-100 bg-white p-3 hover:bg-leaf-50"
            >
              <span className="block font-semibold text-leaf-800 underline">{d.slot}</span>
              <span className="block text-sm">{d.placeName}</span>
              <span className="block text-sm text-muted">{t.activity(d.taken, d.offered, d.unclaimed)}</span>
              {d.isCancelled ? (
                <span className="mt-1 block">
                  <StatusBadge tone="off">{t.cancelledBadge}</StatusBadge>
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
