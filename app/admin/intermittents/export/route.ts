import { getViewer } from "@/lib/server/auth/auth";
import { exportIntermittentsCsv } from "@/lib/server/list/intermittents";
import { parisDate } from "@/lib/domain/time";

export const dynamic = "force-dynamic";

/** The intermittents list as CSV, for référents only (checked in the data layer). */
export async function GET() {
  const viewer = await getViewer();
  const csv = viewer ? await exportIntermittentsCsv(viewer) : null;
  if (!csv) return new Response("Introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="intermittents-${parisDate(new Date())}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
