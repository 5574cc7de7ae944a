import { parseId } from "@/lib/domain/ids";
import { getViewer } from "@/lib/server/auth/auth";
import { pickupCalendar } from "@/lib/server/exchange/home-summary";

export const dynamic = "force-dynamic";

/** The taker's pickup as an .ics file. Only the taker of an accepted reservation gets it. */
export async function GET(_request: Request, { params }: { params: Promise<{ reservationId: string }> }) {
  const { reservationId } = await params;
  const viewer = await getViewer();
  const id = parseId(reservationId);
  const file = viewer && id ? await pickupCalendar(viewer, id) : null;
  if (!file) return new Response("Introuvable.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(file.content, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
