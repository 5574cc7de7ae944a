// Text for a PDF written with the standard Helvetica font: it encodes
// WinAnsi (Windows-1252) only, and pdf-lib throws on anything else, so every
// string is brought into that set first; and lines are wrapped to a column
// width with a measure supplied by the caller (the font's metrics).

/** The characters of Windows-1252 beyond Latin-1 (bytes 0x80–0x9F). */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");

/** Common characters outside WinAnsi, and what to print instead. */
const REPLACEMENTS: Record<string, string> = {
  "\u202f": " ", // narrow no-break space (French number and date formatting)
  "\u2009": " ", // thin space
  "\u2007": " ",
  "\u2002": " ",
  "\u2003": " ",
  "\u200b": "", // zero-width space
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2212": "-",
  "\u2032": "'",
  "\u2033": '"',
  "Ł": "L",
  "ł": "l",
  "Đ": "D",
  "đ": "d",
  "ı": "i",
  "\ufe0f": "", // emoji variation selector
  "\u200d": "", // zero-width joiner
  "\t": " ",
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

/**
 * The text with every character Helvetica (WinAnsi) cannot print replaced:
 * known look-alikes by their equivalent, accented letters by their base letter
 * when it can be printed, emoji by nothing, anything else by "?". Line breaks
 * become spaces (callers wrap text themselves); runs of spaces collapse.
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC").replace(/\r\n?|\n/g, " ")) {
    if (isWinAnsi(char)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS[char];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    // Pictures (emoji) are left out; a letter of another alphabet shows as "?".
    if (/\p{Extended_Pictographic}/u.test(char)) continue;
    // "ă" → "a" + breve → "a"; "ł" has no decomposition.
    const base = char.normalize("NFD").replace(/\p{M}/gu, "");
    out += base && [...base].every(isWinAnsi) ? base : "?";
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/**
 * Splits `text` into lines no wider than `maxWidth` as measured by `measure`.
 * Breaks at spaces, then after hyphens ("Nom-de-" / "famille"); a piece still
 * wider than the column is cut between characters.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let current = "";
  const push = (piece: string, glue: string) => {
    const candidate = current ? `${current}${glue}${piece}` : piece;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      return;
    }
    if (current) lines.push(current);
    // A piece too wide for the column on its own is cut.
    let rest = piece;
    while (measure(rest) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    word.split(/(?<=-)(?=.)/).forEach((piece, i) => push(piece, i === 0 ? " " : ""));
  }
  if (current) lines.push(current);
  return lines;
}
