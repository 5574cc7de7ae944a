import { describe, expect, it } from "vitest";
import { amapPath, isValidSlug, RESERVED_SLUGS, splitAmapPath } from "./amap-path";

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
