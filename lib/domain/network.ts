// The network's administrator creates AMAPs (DESIGN.md §11): the checks of
// the form, pure.
import { isValidSlug, MAX_SLUG_LENGTH } from "./amap-path";
import { isEmailAddress } from "./intermittents";
import { forbiddenCharacter } from "./text";

export type NewAmapInput = { name: string; slug: string; referentEmails: string };
export type NewAmapField = keyof NewAmapInput;
export type NewAmap = { name: string; slug: string; referentEmails: string[] };

/** At most this many first référents named at creation; they name the others. */
export const MAX_FIRST_REFERENTS = 5;

/** « AMAP des Tilleuls » → « tilleuls »: a suggestion for the address, as migration 0005 derives it. */
export function suggestSlug(name: string): string {
  const plain = name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^amap-(des|du|de-la|de-l|de|d|la|le|les|l)?-?/, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-$/, "");
  return isValidSlug(plain) ? plain : "";
}

export function checkNewAmap(input: NewAmapInput): { ok: true; value: NewAmap } | { ok: false; fields: NewAmapField[] } {
  const fields: NewAmapField[] = [];
  const name = input.name.trim().replace(/\s+/g, " ");
  if (!name || name.length > 120 || forbiddenCharacter(name, { multiline: false })) fields.push("name");
  const slug = input.slug.trim().toLowerCase();
  if (!isValidSlug(slug)) fields.push("slug");
  const referentEmails = [
    ...new Set(
      input.referentEmails
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (referentEmails.length === 0 || referentEmails.length > MAX_FIRST_REFERENTS || !referentEmails.every(isEmailAddress)) {
    fields.push("referentEmails");
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, value: { name, slug, referentEmails } };
}
