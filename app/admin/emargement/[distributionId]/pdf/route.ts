import { parseId } from "@/lib/domain/ids";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import { getViewer } from "@/lib/server/auth/auth";
import { getSignSheet } from "@/lib/server/admin/sign-sheet/sign-sheet";
import { renderSignSheetPdf } from "@/lib/server/admin/sign-sheet/sign-sheet-pdf";

export const dynamic = "force-dynamic";

/** The sign sheet as an A4 PDF, for référents only (checked in the data layer). */
export async function GET(_request: Request, { params }: { params: Promise<{ distributionId: string }> }) {
  const { distributionId } = await params;
  const id = parseId(distributionId);
  const viewer = await getViewer();
  const sheet = id ? await getSignSheet(viewer, id) : null;
  if (!sheet) {
    return new Response(adminSheetFr.notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const pdf = await renderSignSheetPdf(sheet);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="emargement-${sheet.date}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
