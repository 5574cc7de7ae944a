import { listDevMails } from "@/lib/server/mail/dev-mailbox";

export const dynamic = "force-dynamic";

/** GET /api/dev/mails[?to=address][&limit=n]: newest first. 404 outside demo mode (runtimeMode). */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const limitParam = Number(url.searchParams.get("limit") ?? "50");
  const mails = await listDevMails({
    to: url.searchParams.get("to") ?? undefined,
    limit: Number.isFinite(limitParam) ? limitParam : 50,
  });
  if (!mails) return Response.json({ error: "Introuvable." }, { status: 404 });
  return Response.json(
    mails.map(({ id, from, to, subject, text, html, headers, attachments, createdAt }) => ({
      id,
      from,
      to,
      subject,
      text,
      html,
      headers,
      attachments,
      createdAt,
    })),
    { headers: { "Cache-Control": "no-store" } },
  );
}
