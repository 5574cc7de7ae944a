// Bulk mail rendered once and personalised by substitution must read exactly
// as if each copy had been rendered on its own.
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import OfferAnnounced from "@/emails/offer-announced";
import { previewOffer } from "@/emails/offer-data";
import { renderMail, renderMailWithSlots, slotToken } from "./render-mail";

describe("renderMailWithSlots", () => {
  it("gives each recipient the same bodies as a full render, with their own name and links", async () => {
    const shared = {
      data: {
        ...previewOffer,
        recipient: { firstName: slotToken(0), fullName: slotToken(1) },
        links: { ...previewOffer.links, reserve: slotToken(2), unsubscribe: slotToken(3) },
      },
      reopened: false,
    };
    for (const [firstName, reserve] of [
      ["Inès", "https://amap.example/lien/abc?x=1&y=2"],
      ["Élodie <O'Brien>", "https://amap.example/lien/def"],
    ] as const) {
      const data = {
        ...previewOffer,
        recipient: { firstName, fullName: `${firstName} Martin` },
        links: { ...previewOffer.links, reserve, unsubscribe: "https://amap.example/desinscription/tok" },
      };
      const full = () => createElement(OfferAnnounced, { data, reopened: false });
      const personal = await renderMailWithSlots(
        "test-announced",
        () => createElement(OfferAnnounced, shared),
        [firstName, `${firstName} Martin`, reserve, "https://amap.example/desinscription/tok"],
        full,
      );
      expect(personal).toEqual(await renderMail(full()));
    }
  });
});
