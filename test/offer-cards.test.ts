// /paniers writes its cards as one HTML string (app/paniers/offer-cards.ts),
// outside React: every value people type must come out as text, and the
// markup must stay the one the shared components give the other pages.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { distributionGroupsHtml, escape } from "@/app/paniers/offer-cards";
import { BasketLines, Quote } from "@/components/basket";
import { buttonClass } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import type { AvailableOfferDTO, DistributionGroupDTO } from "@/lib/server/exchange/baskets-page";

const HOSTILE = `<script>alert("x")</script>"><img src=x onerror=alert(1)> & 'quote'`;

function offer(overrides: Partial<AvailableOfferDTO> = {}): AvailableOfferDTO {
  return {
    offerId: 12,
    memberFirstName: "Margot",
    message: "Bon appétit !",
    lines: [
      { label: "Légumes", quantity: 1, priceCents: 1500 },
      { label: "Œufs", quantity: 2, priceCents: 400 },
    ],
    totalCents: 2300,
    status: "open",
    autoAccept: false,
    queueLength: 0,
    mine: null,
    ...overrides,
  };
}

function group(offers: AvailableOfferDTO[], overrides: Partial<DistributionGroupDTO> = {}): DistributionGroupDTO {
  return {
    distributionId: 7,
    slot: "mardi 8 décembre, 18 h 30 – 19 h 30",
    place: { name: "Halle du Marché", address: "2 rue des Lilas", accessNotes: "" },
    offers,
    ...overrides,
  };
}

describe("the cards of /paniers as a string", () => {
  it("escapes what people typed: names, messages, labels, places", () => {
    const html = distributionGroupsHtml(
      [
        group([offer({ memberFirstName: HOSTILE, message: HOSTILE, lines: [{ label: HOSTILE, quantity: 1, priceCents: 100 }] })], {
          slot: HOSTILE,
          place: { name: HOSTILE, address: HOSTILE, accessNotes: "" },
        }),
      ],
      { canReserve: true, note: () => HOSTILE },
    );
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#x27;quote&#x27;");
    // Inside an attribute too (the card's label): no way out of its quotes.
    expect(html).toMatch(/aria-label="[^"]*&quot;&gt;&lt;img[^"]*"/);
  });

  it("escapes as React does", () => {
    expect(escape(HOSTILE)).toBe(renderToStaticMarkup(createElement("span", null, HOSTILE)).slice("<span>".length, -"</span>".length));
  });

  it("holds the markup of the shared components: basket lines, the member's words, the button", () => {
    const shown = offer();
    const html = distributionGroupsHtml([group([shown])], { canReserve: true });
    expect(html).toContain(renderToStaticMarkup(createElement(BasketLines, { lines: shown.lines, totalCents: shown.totalCents })));
    expect(html).toContain(renderToStaticMarkup(createElement(Quote, { text: shown.message, className: "mt-2" })));
    expect(html).toContain(`<button type="submit" name="offerId" value="12" class="${escape(`${buttonClass()} w-full sm:w-auto`)}">Réserver</button>`);
  });

  it("keeps what is personal: one's own place in the line instead of the button, the line's length to others", () => {
    const mine = distributionGroupsHtml([group([offer({ status: "reserved", queueLength: 3, mine: { reservationId: 1, status: "queued", position: 3 } })])], { canReserve: true });
    expect(mine).not.toContain("<button");
    expect(mine).toContain(escape(fr.exchange.baskets.mineQueued(3)));
    expect(mine).not.toContain(escape(fr.exchange.baskets.queueLength(3)));
    const others = distributionGroupsHtml([group([offer({ status: "reserved", queueLength: 3 })])], { canReserve: true });
    expect(others).toContain("<button");
    expect(others).toContain(escape(fr.exchange.baskets.queueLength(3)));
    const readOnly = distributionGroupsHtml([group([offer()])], { canReserve: false });
    expect(readOnly).not.toContain("<button");
  });
});
