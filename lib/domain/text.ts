// What text a person types may hold when others will read it (names, places,
// contracts, the AMAP's settings, messages): no Unicode control, format or
// separator characters. They are invisible, and some rewrite what is around
// them: U+202E (right-to-left override) shows « Ahmed » as « demhA » in a CSV
// or a sign sheet, U+2028 breaks a line where none was typed, C1 controls and
// lone surrogates break exports and mail headers. Pure.
//
// Allowed among them: the plain space, and the two no-break spaces French
// typography uses (U+00A0, U+202F); in a multi-line field, the line feed
// (CRLF and lone CR are turned into LF first); and U+200D (zero width joiner)
// between two emoji, where it joins them into one (👩‍🌾).

/**
 * Cc (C0 and C1 controls, NUL and tab included), Cf (format: bidi marks,
 * embeddings, overrides and isolates, zero width characters, U+FEFF…), Zl and
 * Zp (U+2028, U+2029), the other Zs spaces, and Cs (a lone surrogate: with the
 * `u` flag, an unpaired half of a pair is matched as one code point).
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u1680\u2000-\u200a\u205f\u3000]/u;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, "gu");
const ZWJ = "\u200d";
const EMOJI_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;

export type TextOptions = { multiline?: boolean };

/** CRLF and lone CR become LF in a multi-line field; a one-line field keeps them (and refuses them). */
export function normalizeLineEnds(text: string, { multiline = false }: TextOptions = {}): string {
  return multiline ? text.replace(/\r\n?/g, "\n") : text;
}

/**
 * Trims the spaces, tabs and line ends a form or a spreadsheet leaves around a
 * value, and nothing else: String#trim would also drop U+FEFF, U+2028 and the
 * exotic spaces, which must be refused, not quietly removed.
 */
export function trimEnds(text: string): string {
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
}

/** "U+202E": how a character is named in a message. */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

function isAllowedAt(text: string, index: number, char: string, multiline: boolean): boolean {
  if (char === "\n") return multiline;
  if (char === ZWJ) return EMOJI_BEFORE.test(text.slice(0, index)) && EMOJI_AFTER.test(text.slice(index + 1));
  return false;
}

/**
 * The first character `text` may not hold, named "U+202E"; null when there is
 * none. Line ends are read as normalizeLineEnds leaves them.
 */
export function forbiddenCharacter(text: string, options: TextOptions = {}): string | null {
  const multiline = options.multiline ?? false;
  const value = normalizeLineEnds(text, options);
  for (const match of value.matchAll(FORBIDDEN_ALL)) {
    if (!isAllowedAt(value, match.index, match[0], multiline)) return codePointName(match[0]);
  }
  return null;
}

export type TypedTextCheck = { ok: true; value: string } | { ok: false; codePoint: string };

/** Line ends normalised, then checked: the value to keep, or the first character refused. */
export function checkTypedText(raw: string, options: TextOptions = {}): TypedTextCheck {
  const value = normalizeLineEnds(raw, options);
  const codePoint = forbiddenCharacter(value, options);
  return codePoint ? { ok: false, codePoint } : { ok: true, value };
}

/**
 * The same text without the characters checkTypedText refuses: for free text
 * (an offer's message, a reason) whose writer would gain nothing from being
 * refused over a character they cannot see.
 */
export function withoutForbiddenCharacters(raw: string, options: TextOptions = {}): string {
  const multiline = options.multiline ?? false;
  const value = normalizeLineEnds(raw, options);
  return value.replace(FORBIDDEN_ALL, (char, index: number) => (isAllowedAt(value, index, char, multiline) ? char : ""));
}
