import { describe, expect, it } from "vitest";
import { csvCell, decodeCsvBytes, detectDelimiter, parseCsv, readCell, toCsv } from "./csv";

const cells = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.records.map((r) => r.cells);
};

describe("parseCsv", () => {
  it.each([
    ["semicolons", "a;b;c\n1;2;3", ";"],
    ["commas", "a,b,c\n1,2,3", ","],
    ["tabs (pasted from a spreadsheet)", "a\tb\tc\n1\t2\t3", "\t"],
    ["semicolons, with commas inside a quoted header cell", '"a,b";c\n1;2', ";"],
    ["a single column", "email\nx@y.fr", ";"],
  ])("detects %s", (_name, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
    expect(parseCsv(text)).toMatchObject({ ok: true, delimiter });
  });

  it("prefers semicolons when the first line counts as many commas", () => {
    expect(detectDelimiter("a;b,c\n")).toBe(";");
  });

  it("reads RFC 4180 quotes: delimiters, doubled quotes and line breaks inside a cell", () => {
    expect(cells('nom;note\n"Dupont; Jean";"Il dit ""bonjour"""\n"Deux\r\nlignes";x')).toEqual([
      ["nom", "note"],
      ["Dupont; Jean", 'Il dit "bonjour"'],
      ["Deux\r\nlignes", "x"],
    ]);
  });

  it("drops a UTF-8 byte-order mark and accepts CRLF, LF and CR line ends", () => {
    expect(cells("\uFEFFa;b\r\n1;2\n3;4\r5;6\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
  });

  it("skips blank lines but keeps the line numbers of the text", () => {
    const result = parseCsv('a;b\n\n1;2\n"x\ny";3\n\n4;5\n');
    expect(result.ok && result.records.map((r) => [r.line, r.cells[0]])).toEqual([
      [1, "a"],
      [3, "1"],
      [4, "x\ny"],
      [7, "4"],
    ]);
  });

  it("keeps empty cells and a quoted empty line", () => {
    expect(cells('a;;c\n;;\n""')).toEqual([["a", "", "c"], ["", "", ""], [""]]);
  });

  it("is lenient with stray quotes, as spreadsheets write them", () => {
    expect(cells('a"b;"c"d\n')).toEqual([['a"b', "cd"]]);
  });

  it("refuses an opening quote never closed, naming its line", () => {
    expect(parseCsv('a;b\n1;"2\n3;4')).toEqual({ ok: false, error: { code: "unclosed_quote", line: 2 } });
  });

  it("refuses text over the size cap and too many records", () => {
    expect(parseCsv("a".repeat(11), { maxChars: 10 })).toEqual({ ok: false, error: { code: "too_large", maxChars: 10 } });
    expect(parseCsv("h\n1\n2\n", { maxRows: 2 })).toEqual({ ok: false, error: { code: "too_many_rows", maxRows: 2 } });
    expect(parseCsv("h\n1\n", { maxRows: 2 }).ok).toBe(true);
  });

  it("reads an empty text as no records", () => {
    expect(parseCsv("")).toEqual({ ok: true, delimiter: ";", records: [] });
    expect(parseCsv("\uFEFF\r\n\r\n")).toEqual({ ok: true, delimiter: ";", records: [] });
  });
});

describe("writing CSV", () => {
  it.each([
    ["plain", "Dupont", '"Dupont"'],
    ["with quotes", 'Le "Grand" Pré', '"Le ""Grand"" Pré"'],
    ["a formula", '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ["a plus sign", "+33 6 12 34 56 78", `"'+33 6 12 34 56 78"`],
    ["a minus sign", "-1", `"'-1"`],
    ["an at sign", "@SUM(A1)", `"'@SUM(A1)"`],
    ["a leading tab", "\tx", `"'\tx"`],
    ["a leading CR", "\rx", `"'\rx"`],
    ["an inner equals sign", "a=b", '"a=b"'],
  ])("quotes %s", (_name, value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it("leaves numbers bare (a spreadsheet adds them up)", () => {
    expect(csvCell(12)).toBe("12");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("writes a BOM, semicolons and CRLF", () => {
    expect(toCsv([["a", "b"], ["1", "=2"]])).toBe('\uFEFF"a";"b"\r\n"1";"\'=2"\r\n');
    expect(toCsv([["Mois", "Paniers"], ["2026-10", 3]])).toBe('\uFEFF"Mois";"Paniers"\r\n"2026-10";3\r\n');
  });

  it("reads back what it writes, formulas included", () => {
    const rows = [
      ["email", "telephone", "note"],
      ["a@b.fr", "+33 6 12 34 56 78", '=1+1; "x"\nsuite'],
    ];
    const parsed = parseCsv(toCsv(rows));
    expect(parsed.ok && parsed.records.map((r) => r.cells.map(readCell))).toEqual(rows);
  });

  it("readCell trims, and only takes off an apostrophe that guards a formula", () => {
    expect(readCell("  '=x ")).toBe("=x");
    expect(readCell("'+33")).toBe("+33");
    expect(readCell("'abc")).toBe("'abc");
    expect(readCell("l'AMAP")).toBe("l'AMAP");
  });
});

describe("decodeCsvBytes", () => {
  it("reads UTF-8, with or without a BOM", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("prénom;Œufs"))).toBe("prénom;Œufs");
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
  });

  it("falls back to Windows-1252 (Excel's plain CSV) when the bytes are not UTF-8", () => {
    // "prénom;Œufs" in Windows-1252: é = E9, Œ = 8C.
    const bytes = new Uint8Array([0x70, 0x72, 0xe9, 0x6e, 0x6f, 0x6d, 0x3b, 0x8c, 0x75, 0x66, 0x73]);
    expect(decodeCsvBytes(bytes)).toBe("prénom;Œufs");
    expect(decodeCsvBytes(new Uint8Array([0x80, 0x92, 0x9c, 0xe0]))).toBe("€’œà");
  });
});
