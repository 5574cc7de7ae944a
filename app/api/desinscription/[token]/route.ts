// The List-Unsubscribe address of every bulk email (RFC 2369, RFC 8058).
// POST (the mail client's one-click, with no cookies): unsubscribes and
// answers 200 without a redirect. GET and HEAD change nothing: they lead to
// the confirmation page.
import { leaveListByLink } from "@/lib/server/list/intermittents";
import { leavePartnerBasketsByLink } from "@/lib/server/list/partner-baskets";
import { linkUrl, verifyLinkToken } from "@/lib/server/core/signed-links";
import { fr } from "@/lib/i18n/fr";

export const dynamic = "force-dynamic";

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function POST(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const check = verifyLinkToken(token);
  if (!check.ok || (check.claims.action !== "unsubscribe" && check.claims.action !== "leave-partner")) {
    return text(check.ok ? fr.links.invalidBody : check.reason === "expired" ? fr.links.expiredBody : fr.links.invalidBody, 400);
  }
  // A partner AMAP's announcement stops that AMAP's baskets only; a list email, the list.
  const partner = check.claims.action === "leave-partner";
  const result = partner ? await leavePartnerBasketsByLink(check.claims) : await leaveListByLink(check.claims);
  // Already used, or already off the list: the wish is fulfilled all the same.
  if (result.ok || result.refusal === "link_used" || result.refusal === "not_on_list") {
    return text(partner ? fr.links.outcomes["left-partner"] : fr.links.oneClickDone);
  }
  return text(fr.links.invalidBody, 400);
}

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return Response.redirect(linkUrl(token), 303);
}
