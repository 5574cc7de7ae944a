// The mails whose point is one link (a sign-in, a new AMAP's welcome) read
// right in both versions: the HTML has its button and, for a client that
// will not show it, the address to copy; the text version gives the address
// once, beside the button's words, and speaks of no button it does not have.
// And a partner AMAP's announcement says whose basket, where, why the reader
// gets it, and how to stop that AMAP's baskets only.
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import AmapWelcome from "./amap-welcome";
import { previewOffer } from "./offer-data";
import PartnerAnnounced, { partnerAnnouncedSubject } from "./partner-announced";
import SignInLink from "./sign-in-link";

const url = "https://intermittents.test/connexion/lien?token=abc&email=lea%40amap.test";
const both = async (element: ReactElement) => ({ html: await render(element), text: await render(element, { plainText: true }) });
const count = (text: string, what: string) => text.split(what).length - 1;

describe.each([
  ["sign-in", <SignInLink key="s" amapName="AMAP des Tilleuls" url={url} firstName="Léa" />],
  ["amap-welcome", <AmapWelcome key="w" amapName="AMAP du Marché" url={url} spaceUrl="https://intermittents.test/marche" firstName="Léa" />],
])("%s", (_name, element) => {
  it("gives the link once in the text version, and both the button and the address to copy in the HTML", async () => {
    const { html, text } = await both(element);
    expect(count(text, url)).toBe(1);
    expect(text).not.toMatch(/Si le bouton ne marche pas/);
    expect(html).toContain("Si le bouton ne marche pas");
    // The button's href, and the fallback's href and text.
    expect(count(html, url.replace(/&/g, "&amp;"))).toBe(3);
  });
});

describe("partner-announced", () => {
  const data = {
    ...previewOffer,
    amapName: "AMAP du Marché",
    links: { ...previewOffer.links, reserve: "https://intermittents.test/lien/reserver", unsubscribe: "https://intermittents.test/lien/partir" },
  };

  it("names the basket's AMAP, its place, why the reader gets it, and the link that stops that AMAP's baskets only", async () => {
    const { text } = await both(<PartnerAnnounced data={data} homeAmapName="AMAP des Tilleuls" />);
    expect(partnerAnnouncedSubject({ data })).toMatch(/^Panier de l'AMAP du Marché\u00a0: /);
    expect(text).toContain("de l'AMAP du Marché");
    expect(text).toContain(previewOffer.place.name);
    expect(text).toContain("sur la liste des intermittents de l'AMAP des Tilleuls");
    expect(text).toMatch(/Réserver\s+https:\/\/intermittents\.test\/lien\/reserver/);
    expect(text).toMatch(/Les paniers de l'AMAP du Marché ne vous intéressent plus\u202f\? Ne plus les recevoir\s+https:\/\/intermittents\.test\/lien\/partir/);
  });
});
