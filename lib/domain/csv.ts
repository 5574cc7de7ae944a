// CSV in and out, the way French spreadsheets write and read it: cells
// separated by `;` (or `,` / tab, detected from the header line), quoted as
// RFC 4180 says, UTF-8 with a byte-order mark, CRLF line ends. Pure.
//
// NOTE: a cell starting with = + - @ (or a tab / CR) is read as a formula by
// spreadsheets ("CSV injection", https://owasp.org/www-community/attacks/CSV_Injection);
// written cells get a leading apostrophe, which readCell() takes off again so
// that an export can be imported back unchanged.

/** A pasted or uploaded CSV larger than this is refused before parsing (characters). */
export const CSV_MAX_CHARS = 200_000;
/** …and one with more records than this (the header included). */
export const CSV_MAX_ROWS = 2_001;

export type CsvDelimiter = ";" | "," | "\t";

/** One record, with the line of the text where it starts (1-based; a quoted cell may span lines). */
export type CsvRecord = { line: number; cells: string[] };

export type CsvError =
  | { code: "too_large"; maxChars: number }
  | { code: "too_many_rows"; maxRows: number }
  | { code: "unclosed_quote"; line: number };

export type CsvParseResult = { ok: true; delimiter: CsvDelimiter; records: CsvRecord[] } | { ok: false; error: CsvError };

const BOM = "\uFEFF";

/** The delimiter the first line uses most, outside quotes (`;` on a tie or when there is none). */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === ";" || ch === "," || ch === "\t")) counts[ch]++;
  }
  if (counts[","] > counts[";"] && counts[","] >= counts["\t"]) return ",";
  if (counts["\t"] > counts[";"] && counts["\t"] > counts[","]) return "\t";
  return ";";
}

/**
 * Parses CSV text. Blank lines are skipped; a record may have any number of
 * cells (the caller checks them against its header). Lenient where
 * spreadsheets are sloppy: text after a closing quote is kept, a quote inside
 * an unquoted cell is an ordinary character. An opening quote never closed
 * is an error, since everything after it would silently become one cell.
 */
export function parseCsv(
  input: string,
  options: { maxChars?: number; maxRows?: number; delimiter?: CsvDelimiter } = {},
): CsvParseResult {
  const maxChars = options.maxChars ?? CSV_MAX_CHARS;
  const maxRows = options.maxRows ?? CSV_MAX_ROWS;
  if (input.length > maxChars) return { ok: false, error: { code: "too_large", maxChars } };
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);

  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  let inQuotes = false;
  /** The current cell began with a quote (so it is not blank even if empty). */
  let cellQuoted = false;

  const endRecord = (): boolean => {
    cells.push(cell);
    const blank = cells.length === 1 && cell === "" && !cellQuoted;
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
    cellQuoted = false;
    return records.length <= maxRows;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "" && !cellQuoted) {
      inQuotes = true;
      cellQuoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      cellQuoted = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      if (!endRecord()) return { ok: false, error: { code: "too_many_rows", maxRows } };
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (inQuotes) return { ok: false, error: { code: "unclosed_quote", line: quoteLine } };
  // The last record, unless the text ended with a line break.
  if (cell !== "" || cells.length > 0 || cellQuoted) {
    if (!endRecord()) return { ok: false, error: { code: "too_many_rows", maxRows } };
  }
  return { ok: true, delimiter, records };
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One written cell: text always quoted, formula-like text neutralized with a
 * leading apostrophe; a number bare, so spreadsheets can add it up.
 */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A whole file: BOM (so spreadsheets read UTF-8), `;` between cells, CRLF after each row. */
export function toCsv(rows: readonly (readonly (string | number)[])[], delimiter: CsvDelimiter = ";"): string {
  return BOM + rows.map((row) => row.map(csvCell).join(delimiter) + "\r\n").join("");
}

/** A read cell, trimmed, with the apostrophe csvCell() added to a formula-like value taken off. */
export function readCell(value: string): string {
  const trimmed = value.trim();
  return /^'[=+\-@]/.test(trimmed) ? trimmed.slice(1) : trimmed;
}

/**
 * The text of an uploaded file: UTF-8 when it is valid UTF-8 (BOM or not),
 * otherwise Windows-1252, the encoding of Excel's plain "CSV" on French Windows.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// NOTE: Node 20's TextDecoder("windows-1252") decodes as Latin-1, which puts
// C1 controls where Windows-1252 has €, Œ, œ, ’… (https://github.com/nodejs/node/issues/56542):
// the 0x80–0x9F block is mapped here; the rest of Windows-1252 is Latin-1.
const WINDOWS_1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}
