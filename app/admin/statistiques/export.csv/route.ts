import { parisDate } from "@/lib/domain/time";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import { getViewer } from "@/lib/server/auth/auth";
import { exportStatsCsv, type StatsTable } from "@/lib/server/admin/stats";

export const dynamic = "force-dynamic";

/**
 * The statistics as CSV, for référents only (checked in the data layer):
 * per month by default, `?tableau=intermittents` for baskets taken per
 * intermittent and month.
 */
export async function GET(request: Request) {
  const table: StatsTable = new URL(request.url).searchParams.get("tableau") === "intermittents" ? "intermittents" : "mois";
  const csv = await exportStatsCsv(await getViewer(), table);
  if (!csv) {
    return new Response(adminSheetFr.notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="statistiques-${table}-${parisDate(new Date())}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
