// French typography and grammar (DESIGN.md §10), in one place for pages and
// emails alike. Pure: no imports.
//
// Which space where (Lexique des règles typographiques de l'Imprimerie
// nationale, and what Intl writes for fr-FR):
// - U+202F, the narrow no-break space (« espace fine insécable »), before
//   « ? ! ; » and inside « … »;
// - U+00A0, the no-break space (« espace insécable »), before « : » (a colon
//   takes a full space), between a number and its unit (« 20 h », « 22,00 € »:
//   Intl writes U+00A0 before the euro sign, so a price reads the same whoever
//   wrote it) and inside a date (« 5 décembre 2026 »).
// Only spaces already there are changed: a string written « Bonjour! » stays so.
//
// Inclusive forms (« Amapien·ne », « inscrit·e ») are written with U+00B7,
// the middle dot: Unicode's line-breaking rules (UAX #14) give it no break
// opportunity, so the word stays whole without any invisible joiner (which
// copy-paste and screen readers would carry along). U+2027, the hyphenation
// point, looks the same but allows a break after it: catalogueFaults flags it.

export const NBSP = "\u00a0";
export const NNBSP = "\u202f";

/** Any horizontal space a string may hold before punctuation (plain, no-break, narrow). */
const SPACES = "[ \\u00a0\\u202f]+";
const MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";
/** Units written after a number. A counted noun (« 3 paniers ») is not a unit and may break. */
const UNITS = "h|min|€|%|km|kg|g|heures?|minutes?|secondes?|jours?|semaines?|mois|ans?|×";
const NOT_LETTER_AFTER = "(?![\\p{L}\\p{N}])";

const RULES: readonly (readonly [RegExp, string])[] = [
  [new RegExp(`${SPACES}([?!;])`, "gu"), `${NNBSP}$1`],
  [new RegExp(`${SPACES}:`, "gu"), `${NBSP}:`],
  [new RegExp(`«${SPACES}`, "gu"), `«${NNBSP}`],
  [new RegExp(`${SPACES}»`, "gu"), `${NNBSP}»`],
  // « 20 h », « 22,00 € », « 2 × Légumes », « 24 heures ».
  [new RegExp(`(\\d) (${UNITS})${NOT_LETTER_AFTER}`, "gu"), `$1${NBSP}$2`],
  // « 18 h 30 »: the minutes stay with the hour.
  [new RegExp(`(\\d${NBSP}h) (\\d\\d)${NOT_LETTER_AFTER}`, "gu"), `$1${NBSP}$2`],
  // « 5 décembre », « 1er octobre », « décembre 2026 ».
  [new RegExp(`(\\d|1er) (${MONTHS})${NOT_LETTER_AFTER}`, "giu"), `$1${NBSP}$2`],
  [new RegExp(`(${MONTHS}) (\\d{4})${NOT_LETTER_AFTER}`, "giu"), `$1${NBSP}$2`],
];

/** The text with French no-break spaces where a line must not break. Idempotent. */
export function typeset(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** What a typeset text must never hold; each fault names the rule and the spot. */
export function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  const near = (index: number) => JSON.stringify(text.slice(Math.max(0, index - 12), index + 4));
  const check = (pattern: RegExp, rule: string) => {
    for (const match of text.matchAll(pattern)) faults.push(`${rule} ${near(match.index)}`);
  };
  check(/ [?!;]/g, "espace ordinaire avant ? ! ;");
  check(/ :/g, "espace ordinaire avant :");
  check(/« | »/g, "espace ordinaire dans « »");
  check(new RegExp(`\\d[ ](?:${UNITS})${NOT_LETTER_AFTER}`, "gu"), "espace sécable entre un nombre et son unité");
  check(new RegExp(`(?:\\d|1er)[ ](?:${MONTHS})${NOT_LETTER_AFTER}`, "giu"), "espace sécable dans une date");
  check(/\p{L}[\u2027\u2022\u2219\u22c5]\p{L}/gu, "point médian qui n'est pas U+00B7");
  return faults;
}

// Elision: « de » + « Alice » → « d'Alice ». French elides before a vowel
// sound. For a first name:
// - a vowel letter elides (Alice, Inès, Éloïse, Œdipe);
// - H elides: first names almost all begin with a mute h (Hugo, Hélène,
//   Henri) — the few with an aspirated h are foreign and rare enough not to
//   carry a list;
// - Y elides when it sounds [i], before a consonant (Yves, Yvette: « d'Yves
//   Montand »), and not when it sounds [j], before a vowel (Yann, Yasmine,
//   Yolande: « de Yann »).
const VOWEL = /^[aeiouàâäéèêëîïôöùûüœæ]/i;

/** Whether a name (or word) starts with a vowel sound, so that « de », « que », « le » elide before it. */
export function startsWithVowelSound(word: string): boolean {
  const w = word.trim();
  if (VOWEL.test(w)) return true;
  if (/^h/i.test(w)) return true;
  if (/^y/i.test(w)) return !VOWEL.test(w.slice(1)) && w.length > 1;
  return false;
}

type Elidable = "de" | "que" | "le" | "la" | "je" | "ne" | "me" | "te" | "se";

/** « de Bruno », « d'Alice »; « que Bruno », « qu'Inès »; « le Jardin », « l'Hôtel ». */
export function elide(word: Elidable, next: string): string {
  if (!startsWithVowelSound(next)) return `${word} ${next}`;
  return `${word === "que" ? "qu" : word.slice(0, -1)}'${next}`;
}

/** « d'Alice », « de Bruno ». */
export const ofName = (name: string): string => elide("de", name);
/** « qu'Inès », « que Bruno ». */
export const thanName = (name: string): string => elide("que", name);

// A catalogue (lib/i18n/*-fr.ts) is typeset where it is defined, once: every
// string in it, and every string its functions return, whatever their
// arguments hold. A string added later is typeset without anyone thinking of
// it; test/french-catalogue.test.ts walks the catalogues to hold that true.

/** Keys whose values are addresses or identifiers, not text. */
const NOT_TEXT = new Set(["href", "id"]);
const done = new WeakSet<object>();

function typesetValue(value: unknown): unknown {
  if (typeof value === "string") return typeset(value);
  if (typeof value === "function") return typesetFunction(value as (...args: unknown[]) => unknown);
  if (value !== null && typeof value === "object") typesetInPlace(value);
  return value;
}

function typesetFunction(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  if (done.has(fn)) return fn;
  const wrapped = (...args: unknown[]) => typesetValue(fn(...args));
  // Same arity as the original, for whoever reads it.
  Object.defineProperty(wrapped, "length", { value: fn.length });
  done.add(wrapped);
  return wrapped;
}

/** Typesets a catalogue in place (its strings, and its functions' results); returns it, for chaining. */
export function typesetInPlace<T extends object>(catalogue: T): T {
  if (done.has(catalogue)) return catalogue;
  const proto = Object.getPrototypeOf(catalogue);
  if (!Array.isArray(catalogue) && proto !== Object.prototype && proto !== null) return catalogue;
  done.add(catalogue);
  const record = catalogue as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (NOT_TEXT.has(key)) continue;
    record[key] = typesetValue(record[key]);
  }
  return catalogue;
}
