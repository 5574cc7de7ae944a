import { describe, expect, it } from "vitest";
import { amapPath, isValidSlug, RESERVED_SLUGS, spaceHref, splitAmapPath } from "./amap-path";

describe("an AMAP's path", () => {
  it("is its slug, then the page", () => {
    expect(splitAmapPath("/tilleuls/paniers")).toEqual({ slug: "tilleuls", rest: "/paniers" });
    expect(splitAmapPath("/tilleuls/admin/calendrier/lieux")).toEqual({ slug: "tilleuls", rest: "/admin/calendrier/lieux" });
    expect(splitAmapPath("/amap-du-marche")).toEqual({ slug: "amap-du-marche", rest: "/" });
    expect(splitAmapPath("/tilleuls/")).toEqual({ slug: "tilleuls", rest: "/" });
  });

  it("is never one of the application's own paths, nor Next's", () => {
    for (const path of ["/", "/paniers", "/admin/amapiens", "/_next/static/x.js", "/favicon.ico", "/api/health", "/connexion/lien", "/lien/abc"]) {
      expect(splitAmapPath(path), path).toBeNull();
    }
  });

  it("takes only lower-case letters, digits and single dashes", () => {
    for (const bad of ["Tilleuls", "til_leuls", "-tilleuls", "tilleuls-", "til--leuls", "tilleuls.fr", "t%C3%A9", "é", "a".repeat(41)]) {
      expect(isValidSlug(bad), bad).toBe(false);
      expect(splitAmapPath(`/${bad}/paniers`), bad).toBeNull();
    }
    expect(isValidSlug("amap-2")).toBe(true);
    for (const reserved of RESERVED_SLUGS) expect(isValidSlug(reserved), reserved).toBe(false);
  });

  it("makes the path of a page in a space", () => {
    expect(amapPath("tilleuls", "/paniers?offre=3#offre-3")).toBe("/tilleuls/paniers?offre=3#offre-3");
    expect(amapPath("tilleuls", "/")).toBe("/tilleuls");
    expect(amapPath("tilleuls", "mes-paniers")).toBe("/tilleuls/mes-paniers");
  });
});

describe("a page's own link in an AMAP's space", () => {
  it("takes the slug the page was reached through, for the pages of a space", () => {
    expect(spaceHref("marche", "/mes-paniers")).toBe("/marche/mes-paniers");
    expect(spaceHref("marche", "/paniers?offre=3#offre-3")).toBe("/marche/paniers?offre=3#offre-3");
    expect(spaceHref("marche", "/admin/calendrier/lieux")).toBe("/marche/admin/calendrier/lieux");
    expect(spaceHref("marche", "/devenir-intermittent/merci")).toBe("/marche/devenir-intermittent/merci");
    expect(spaceHref("marche", "/")).toBe("/marche");
    expect(spaceHref("marche", "/?ok=1")).toBe("/marche?ok=1");
  });

  it("leaves the deployment's pages, short pages reached without a slug and other addresses alone", () => {
    for (const href of ["/connexion", "/compte", "/reseau", "/lien/abc", "/invitation/fait", "/api/health", "/dev/mails", "/marche/paniers", "/tilleuls", "#contenu", "https://example.org/paniers", "//evil.example/paniers", "mes-paniers"]) {
      expect(spaceHref("marche", href), href).toBe(href);
    }
    expect(spaceHref(null, "/paniers")).toBe("/paniers");
    expect(spaceHref(null, "/")).toBe("/");
  });
});
