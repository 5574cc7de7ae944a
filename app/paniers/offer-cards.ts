// The cards of /paniers as one HTML string, which the page hands to React
// whole (dangerouslySetInnerHTML). Why not components: the cards are most of
// the page, and React's server render costs per element — an element is
// rendered into the RSC payload, that payload rendered again into HTML, and
// both sent; in the browser, hydration walks every element. As a string, a
// card costs a few concatenations, the payload carries one string, and
// hydration skips it. Measured: BENCHMARKS.md, « The basket list near the
// floor (issue 14) ». The cards have no behaviour of their own: « Réserver »
// is a plain submit button of the page's one form (page.tsx), which React's
// form action reads as it reads any submitter (its name and value).
// NOTE: every text and attribute value goes through `escape` — names, basket
// labels and the members' messages are typed by people.
// The markup is the one components/basket.tsx (BasketLines, Quote) and
// components/ui.tsx (Button) give the other pages; keep them alike.
import { buttonClass } from "@/components/ui";
import { formatPrice } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";
import type { AvailableOfferDTO, DistributionGroupDTO } from "@/lib/server/exchange/baskets-page";

const t = fr.exchange.baskets;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** Text or an attribute value, escaped as React escapes it. */
export function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type CardsOptions = {
  canReserve: boolean;
  /** What to say on one card (the basket an email's link named), or null. */
  note?: (offerId: number) => string | null;
  /** The first group goes on from the previous page: its heading says « (suite) ». */
  continued?: boolean;
  headingLevel?: 2 | 4;
};

/** The distribution groups of /paniers (or of one partner AMAP), each with its cards. */
export function distributionGroupsHtml(groups: readonly DistributionGroupDTO[], options: CardsOptions): string {
  return groups.map((group, i) => groupHtml(group, { ...options, continued: i === 0 && (options.continued ?? false) })).join("");
}

function groupHtml(group: DistributionGroupDTO, { canReserve, note, continued = false, headingLevel = 2 }: CardsOptions): string {
  const heading = headingLevel === 2 ? "h2" : "h4";
  const id = `distribution-${group.distributionId}`;
  const place = group.place.name + (group.place.address ? ` — ${group.place.address}` : "");
  let html =
    `<section aria-labelledby="${id}">` +
    `<${heading} id="${id}" class="text-lg font-bold text-leaf-800 first-letter:uppercase">${escape(group.slot)}${continued ? ` ${escape(t.continued)}` : ""}</${heading}>` +
    `<p class="mb-2 text-sm text-muted">${escape(place)}</p>` +
    `<ul class="flex flex-col gap-3">`;
  for (const offer of group.offers) {
    html += `<li id="offre-${offer.offerId}">${cardHtml(offer, canReserve, note?.(offer.offerId) ?? null)}</li>`;
  }
  return `${html}</ul></section>`;
}

const CARD = "rounded-lg border border-leaf-100 bg-white p-4 shadow-sm";
const RESERVE_BUTTON = escape(`${buttonClass()} w-full sm:w-auto`);

function cardHtml(offer: AvailableOfferDTO, canReserve: boolean, note: string | null): string {
  const from = escape(t.from(offer.memberFirstName));
  let html = `<article aria-label="${from}" class="${CARD}"><h3 class="mb-2 font-semibold">${from}</h3>${linesHtml(offer)}`;
  if (offer.message.trim()) {
    html += `<blockquote class="whitespace-pre-line border-l-4 border-leaf-100 pl-3 italic text-muted mt-2">${escape(offer.message)}</blockquote>`;
  }
  if (offer.autoAccept && offer.status === "open" && canReserve && !offer.mine) {
    html += `<p class="mt-2 text-sm font-semibold text-leaf-800">${escape(t.autoAccept)}</p>`;
  }
  if (note) html += `<p class="mt-3 rounded-md bg-amber-50 p-2 text-amber-900" role="status">${escape(note)}</p>`;
  if (offer.mine) {
    const mine = offer.mine.status === "pending" ? t.minePending(offer.memberFirstName) : t.mineQueued(offer.mine.position);
    html += `<p class="mt-3 rounded-md bg-leaf-50 p-2 font-semibold text-leaf-800" role="status">${escape(mine)}</p>`;
  } else if (canReserve) {
    html += `<p class="mt-3">`;
    if (offer.queueLength > 0) html += `<span class="mb-2 block text-sm text-muted">${escape(t.queueLength(offer.queueLength))}</span>`;
    html +=
      `<button type="submit" name="offerId" value="${offer.offerId}" class="${RESERVE_BUTTON}">` +
      `${escape(offer.status === "open" ? t.reserve : t.joinQueue)}</button></p>`;
  }
  return `${html}</article>`;
}

/** As BasketLines (components/basket.tsx): a line per contract, the total under several. */
function linesHtml(offer: AvailableOfferDTO): string {
  let html = `<div><ul class="divide-y divide-leaf-100">`;
  for (const line of offer.lines) {
    html +=
      `<li class="flex justify-between gap-3 py-1"><span>${escape(fr.exchange.quantityLine(line.quantity, line.label))}</span>` +
      `<span class="whitespace-nowrap text-muted">${escape(formatPrice(line.priceCents))}</span></li>`;
  }
  html += `</ul>`;
  if (offer.lines.length > 1) html += `<p class="pt-1 text-right font-semibold">${escape(fr.exchange.total(formatPrice(offer.totalCents)))}</p>`;
  return `${html}</div>`;
}
