import { parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/print-button";
import { LeftoverList, SignSheetTable } from "@/components/sign-sheet";
import { Alert, buttonClass } from "@/components/ui";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { getSignSheet } from "@/lib/server/admin/sign-sheet/sign-sheet";
import { inRequestSpace } from "@/lib/server/core/request-amap";

export const metadata: Metadata = { title: adminSheetFr.sheet.metaTitle };

const t = adminSheetFr.sheet;

/**
 * The sign sheet of one distribution, on screen and on paper: the print
 * stylesheet (app/globals.css, `data-print-sheet`) hides the site's header
 * and sets an A4 page; `print:hidden` hides the buttons.
 */
export default async function SignSheetPage({ params }: { params: Promise<{ distributionId: string }> }) {
  const { distributionId } = await params;
  const id = parseId(distributionId);
  const viewer = await requireViewer();
  // Null for anyone but a référent (checked in the data layer), or no such distribution.
  const sheet = id ? await getSignSheet(viewer, id) : null;
  if (!sheet) notFound();
  const showOffered = !sheet.hasStarted && sheet.leftovers.some((l) => l.state === "offered");
  const pdfHref = await inRequestSpace(`/admin/emargement/${sheet.distributionId}/pdf`);
  return (
    <div data-print-sheet className="flex flex-col gap-4">
      <p className="print:hidden">
        <Link href="/admin/emargement" className="inline-flex min-h-11 items-center text-leaf-800 underline">
          {t.back}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-bold text-leaf-800 print:text-[16pt] print:text-black">{t.heading(sheet.amapName)}</h1>
        <p className="text-lg font-semibold">{sheet.slot}</p>
        <p>{[sheet.place.name, sheet.place.address].filter(Boolean).join(" — ")}</p>
        <p className="text-sm text-muted">{t.summary(sheet.members.length, sheet.totals.baskets, sheet.totals.taken)}</p>
      </div>
      {sheet.isCancelled ? <Alert kind="error">{t.cancelled}</Alert> : null}
      <div className="flex flex-col gap-2 sm:flex-row print:hidden">
        <PrintButton label={t.print} />
        <a href={pdfHref} className={buttonClass("secondary")} download>
          {t.pdf}
        </a>
      </div>
      <p className="text-sm text-muted print:hidden">{t.printHint}</p>

      {sheet.members.length === 0 ? (
        <p>{t.noBaskets}</p>
      ) : (
        <SignSheetTable caption={t.tableCaption(sheet.slot)} members={sheet.members} />
      )}

      <section aria-labelledby="a-donner" className="break-inside-avoid">
        <h2 id="a-donner" className="mb-2 text-xl font-bold text-leaf-800 print:text-black">
          {showOffered ? t.leftoverTitleBefore : t.leftoverTitle}
        </h2>
        {showOffered ? <p className="mb-2 text-sm text-muted">{t.leftoverIntroBefore}</p> : null}
        {sheet.leftovers.length === 0 ? <p>{t.noLeftover}</p> : <LeftoverList leftovers={sheet.leftovers} showState={!showOffered} />}
      </section>
    </div>
  );
}
