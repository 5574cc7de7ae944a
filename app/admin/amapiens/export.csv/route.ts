import { parisDate } from "@/lib/domain/time";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { getViewer } from "@/lib/server/auth/auth";
import { exportMembersCsv } from "@/lib/server/admin/members/members";

export const dynamic = "force-dynamic";

/** Members and subscriptions as CSV, in the import's format; référents only (checked in the data layer). */
export async function GET() {
  const viewer = await getViewer();
  const csv = viewer ? await exportMembersCsv(viewer) : null;
  if (!csv) return new Response(adminMembersFr.notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="amapiens-${parisDate(new Date())}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
