import "server-only";
// One react-email element → the HTML and plain-text bodies of one message.
import { render } from "@react-email/render";
import type { ReactElement } from "react";

export type RenderedMail = { html: string; text: string };

export async function renderMail(element: ReactElement): Promise<RenderedMail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

// ---------------------------------------------------------------------------
// Bulk mail rendered once, personalised by substitution. Rendering costs tens
// of milliseconds of CPU (twice: HTML and text); an offer announced to
// thousands of intermittents differs per recipient only in a few strings
// (name, signed links). The template is rendered with opaque tokens in
// their place and cached under its other props; each message replaces the
// tokens. If a token came out altered (a template that transforms the
// string), the message is rendered in full instead.

/** A token that escaping, wrapping and upper-casing all leave alone. */
export const slotToken = (i: number) => `ZQSLOT${i}QZ`;
const ANY_SLOT = /ZQSLOT\d+QZ/i;

const escapeHtml = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

const cache = new Map<string, Promise<RenderedMail>>();
const CACHE_SIZE = 32;

/**
 * `template` is the element built with slotToken(i) in place of values[i];
 * `key` must identify everything else the template shows (its props).
 */
export async function renderMailWithSlots(
  key: string,
  template: () => ReactElement,
  values: string[],
  full: () => ReactElement,
): Promise<RenderedMail> {
  // A template may trim a value and act on what is left (the greeting of a
  // first name of blanks is the plain « Bonjour, »): a token, never blank,
  // cannot stand for such a value. Those messages are rendered in full.
  if (values.some((value) => value.trim() !== value || value === "")) return renderMail(full());
  let rendered = cache.get(key);
  if (!rendered) {
    rendered = renderMail(template());
    cache.set(key, rendered);
    rendered.catch(() => cache.delete(key));
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  const { html, text } = await rendered;
  let outHtml = html;
  let outText = text;
  values.forEach((value, i) => {
    outHtml = outHtml.replaceAll(slotToken(i), escapeHtml(value));
    outText = outText.replaceAll(slotToken(i), value);
  });
  if (ANY_SLOT.test(outHtml) || ANY_SLOT.test(outText)) return renderMail(full());
  return { html: outHtml, text: outText };
}
