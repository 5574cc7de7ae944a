import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { getViewer } from "@/lib/server/auth/auth";
import { memberTemplateCsv } from "@/lib/server/admin/members/members";

export const dynamic = "force-dynamic";

/** The import template (header and example lines); référents only (checked in the data layer). */
export async function GET() {
  const viewer = await getViewer();
  const csv = viewer ? await memberTemplateCsv(viewer) : null;
  if (!csv) return new Response(adminMembersFr.notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="modele-import-amapiens.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
