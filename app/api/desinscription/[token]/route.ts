// The List-Unsubscribe address of every bulk email (RFC 2369, RFC 8058).
// POST (the mail client's one-click, with no cookies): leaves the list of
// the link's AMAP — or, from a partner AMAP's announcement, that AMAP's
// baskets — and answers 200, naming it, without a redirect. GET and HEAD
// change nothing: they lead to the confirmation page.
import { amapNameOfUnsubscribeLink, leaveListByLink } from "@/lib/server/list/intermittents";
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
  if (check.claims.action === "leave-partner") {
    const result = await leavePartnerBasketsByLink(check.claims);
    // Already used, or already left: the wish is fulfilled all the same.
    if (result.ok || result.refusal === "link_used" || result.refusal === "not_on_list") return text(fr.links.outcomes["left-partner"]);
    return text(fr.links.invalidBody, 400);
  }
  const result = await leaveListByLink(check.claims);
  // Already used, or already off the list: the wish is fulfilled all the same.
  if (result.ok || result.refusal === "link_used" || result.refusal === "not_on_list") {
    const amapName = await amapNameOfUnsubscribeLink(check.claims);
    if (amapName !== null) return text(fr.links.oneClickDone(amapName));
  }
  return text(fr.links.invalidBody, 400);
}

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return Response.redirect(linkUrl(token), 303);
}
