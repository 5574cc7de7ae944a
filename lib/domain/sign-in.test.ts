// The pure rules of the emailed sign-in link, as tables.
import { describe, expect, it } from "vitest";
import { isSameOriginPost, maskEmail, returnPathFromReferer, signInCallbackPath, signInLinkPath } from "./sign-in";

describe("the address on the link's page", () => {
  it.each([
    ["alice@demo.test", "a•••e@demo.test"],
    ["jo@demo.test", "j•••@demo.test"],
    ["a@b.fr", "a•••@b.fr"],
    ["élodie.martin@exemple.fr", "é•••n@exemple.fr"],
    ["pas-une-adresse", "•••"],
    ["@demo.test", "•••"],
  ])("%s → %s", (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });
});

describe("who may press the link's button (login CSRF)", () => {
  const ours = { origin: "https://amap.example.org", secFetchSite: "same-origin", host: "amap.example.org", forwardedHost: null };
  it.each([
    ["our page", ours, true],
    ["our page, an older browser (no Sec-Fetch-Site)", { ...ours, secFetchSite: null }, true],
    ["our page behind a proxy", { ...ours, host: "127.0.0.1:3000", forwardedHost: "amap.example.org" }, true],
    ["another site", { ...ours, origin: "https://evil.example", secFetchSite: "cross-site" }, false],
    ["another site that hides Sec-Fetch-Site", { ...ours, origin: "https://evil.example", secFetchSite: null }, false],
    ["a sibling subdomain", { ...ours, origin: "https://evil.amap.example.org", secFetchSite: "same-site" }, false],
    ["our origin, but the browser says same-site", { ...ours, secFetchSite: "same-site" }, false],
    ["no Origin", { ...ours, origin: null }, false],
    ["Origin: null (a sandboxed frame, a privacy redirect)", { ...ours, origin: "null" }, false],
    ["another port", { ...ours, origin: "https://amap.example.org:8443" }, false],
    ["no Host", { ...ours, host: null }, false],
  ])("%s → %s", (_what, headers, allowed) => {
    expect(isSameOriginPost(headers)).toBe(allowed);
  });
});

describe("coming back to the page a visitor came from", () => {
  it.each([
    ["https://amap.example.org/paniers?offre=3", "amap.example.org", "/paniers?offre=3"],
    ["https://amap.example.org/", "amap.example.org", "/"],
    ["https://amap.example.org/connexion/verification", "amap.example.org", null],
    ["https://evil.example/paniers", "amap.example.org", null],
    ["pas une url", "amap.example.org", null],
    [null, "amap.example.org", null],
    ["https://amap.example.org/paniers", null, null],
  ])("%s on %s → %s", (referer, host, expected) => {
    expect(returnPathFromReferer(referer, host)).toBe(expected);
  });
});

describe("where the link and its button lead", () => {
  const parts = { token: "abc", email: "alice+amap@demo.test", returnTo: "/paniers?offre=3" };
  it("the emailed link opens our page, with the token, the address and the page to come back to", () => {
    const url = new URL(signInLinkPath(parts), "https://amap.example.org");
    expect(url.pathname).toBe("/connexion/lien");
    expect(Object.fromEntries(url.searchParams)).toEqual({ token: "abc", email: "alice+amap@demo.test", retour: "/paniers?offre=3" });
    expect(new URL(signInLinkPath({ ...parts, returnTo: null }), "https://x.org").searchParams.has("retour")).toBe(false);
  });

  it("the button posts to Auth.js's email callback, home when nowhere was asked", () => {
    const url = new URL(signInCallbackPath({ ...parts, returnTo: null }), "https://amap.example.org");
    expect(url.pathname).toBe("/api/auth/callback/nodemailer");
    expect(Object.fromEntries(url.searchParams)).toEqual({ token: "abc", email: "alice+amap@demo.test", callbackUrl: "/" });
  });
});
