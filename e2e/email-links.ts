// The links the app's emails carry: personal signed links to /lien/<token>
// (v1.<payload>.<signature>, each bound to one person, one action, one
// object) and the List-Unsubscribe header of bulk mail (RFC 2369, RFC 8058).
// Read from the mails of the dev mailbox; nothing here signs a token.
import { expect } from "@playwright/test";
import type { DevMail } from "./mailbox";

/** What a link's payload says (read, not verified: only the app can verify). */
export type LinkClaims = {
  userId: string;
  action: "reserve" | "accept" | "decline" | "withdraw" | "unsubscribe";
  objectId: number;
  expiresAt: Date;
};

const LINK = /https?:\/\/[^\s<>"'\])]+\/lien\/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every /lien/ link of the mail's plain text, in order. */
export function signedLinks(mail: DevMail): string[] {
  return [...mail.text.matchAll(LINK)].map((match) => match[0]);
}

/**
 * The /lien/ link of the button or link labelled `label` in the plain text
 * (which reads "Réserver http://…/lien/…").
 */
export function signedLink(mail: DevMail, label: string): string {
  const match = new RegExp(`${escapeRegExp(label)}\\s+(${LINK.source})`).exec(mail.text);
  if (!match) throw new Error(`Pas de lien « ${label} » vers /lien/ dans le mail « ${mail.subject} » :\n${mail.text}`);
  return match[1]!;
}

/** The token of a /lien/ link. */
export function tokenOf(link: string): string {
  const token = new URL(link).pathname.replace(/^\/lien\//, "");
  expect(token, `jeton du lien ${link}`).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  return token;
}

export function linkClaims(link: string): LinkClaims {
  const [, payload] = tokenOf(link).split(".");
  const raw = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as {
    u: string;
    a: LinkClaims["action"];
    o: number;
    e: number;
  };
  return { userId: raw.u, action: raw.a, objectId: raw.o, expiresAt: new Date(raw.e * 1000) };
}

/** The same link with one character of its signature changed. */
export function tampered(link: string): string {
  const [version, payload, signature] = tokenOf(link).split(".") as [string, string, string];
  const i = Math.floor(signature.length / 2);
  const changed = signature.slice(0, i) + (signature[i] === "A" ? "B" : "A") + signature.slice(i + 1);
  const url = new URL(link);
  url.pathname = `/lien/${version}.${payload}.${changed}`;
  return url.toString();
}

/** A header of the mail, whatever its case. */
export function mailHeader(mail: DevMail, name: string): string | undefined {
  const found = Object.entries(mail.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return found?.[1];
}

/** The two addresses of the mail's List-Unsubscribe header: the one-click URL and the mailto. */
export function listUnsubscribe(mail: DevMail): { url: string; mailto: string } {
  const header = mailHeader(mail, "List-Unsubscribe");
  expect(header, `en-tête List-Unsubscribe de « ${mail.subject} »`).toBeDefined();
  const addresses = [...header!.matchAll(/<([^>]+)>/g)].map((match) => match[1]!);
  const url = addresses.find((a) => /^https?:\/\//.test(a));
  const mailto = addresses.find((a) => a.startsWith("mailto:"));
  expect(url, `adresse web dans « ${header} »`).toBeDefined();
  expect(mailto, `adresse mailto dans « ${header} »`).toBeDefined();
  return { url: url!, mailto: mailto! };
}
