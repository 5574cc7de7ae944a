// Small rules of French the catalogue needs; elision and typography live in
// lib/domain/french.ts (DESIGN.md §10), shared with the rest of the code.
import { ofName } from "@/lib/domain/french";

export { elide, thanName, typesetInPlace } from "@/lib/domain/french";
export { ofName };

/** « de l'AMAP des Tilleuls », « des Jardins… » would need more: an AMAP named « AMAP … » takes « l' ». */
export function ofAmap(amapName: string): string {
  return /^amap\b/i.test(amapName.trim()) ? `de l'${amapName}` : ofName(amapName);
}

/**
 * 1 → "1re", 2 → "2e": a place in the queue, always followed by « position »,
 * the feminine noun it agrees with. Never with the person (« Vous êtes 1re »):
 * we do not know their gender.
 */
export function rank(position: number): string {
  return position === 1 ? "1re" : `${position}e`;
}

/**
 * How many people an action emailed, for its confirmation: it says people were
 * told only when someone was.
 */
export function notifiedByEmail(n: number): string {
  if (n === 0) return "Personne n'avait besoin d'être prévenu.";
  return n === 1 ? "1 personne prévenue par e-mail." : `${n} personnes prévenues par e-mail.`;
}

/** "au nom d'Alice Martin", "au nom de Bruno Petit". */
export function onBehalfOf(name: string): string {
  return `au nom ${ofName(name)}`;
}
