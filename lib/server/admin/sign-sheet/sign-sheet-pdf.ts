import "server-only";
// The sign sheet as an A4 PDF (pdf-lib, pure JS): title, distribution and
// place, one table — Amapien·ne | Paniers | Récupéré par | Signature — whose
// header repeats on every page and whose member groups never split across
// pages, then the baskets left to give away. Helvetica encodes WinAnsi only:
// every string goes through toWinAnsi (lib/domain/pdf-text.ts) first.
import { PageSizes, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import { toWinAnsi, wrapText } from "@/lib/domain/pdf-text";
import { signingRows, type SheetLineState, type SheetRow } from "@/lib/domain/sign-sheet";
import { formatLongDate } from "@/lib/domain/time";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import type { SignSheetDTO } from "./sign-sheet";

const t = adminSheetFr.sheet;

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN = 36;
const FOOTER_SPACE = 24;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Member, baskets, taken by; the signature column takes the rest. */
const COLUMNS = [125, 150, 140, CONTENT_WIDTH - 415] as const;
const BODY_SIZE = 9.5;
const LEADING = 12;
const PADDING = 5;
/** Room enough to sign. */
const MIN_ROW_HEIGHT = 30;

const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.7, 0.7, 0.7);
const HEADER_FILL = rgb(0.9, 0.93, 0.89);

type Fonts = { regular: PDFFont; bold: PDFFont; italic: PDFFont };

export function stateText(state: SheetLineState, memberName: string): string {
  switch (state.kind) {
    case "sign":
      return t.state.sign;
    case "taken":
      return t.state.taken(state.takerName, memberName);
    case "offered":
      return t.state.offered;
    case "unclaimed":
      return t.state.unclaimed;
  }
}

/** The taker's name stands out; a basket left over reads in italics. */
const STATE_FONT: Record<SheetLineState["kind"], (fonts: Fonts) => PDFFont> = {
  sign: (f) => f.regular,
  taken: (f) => f.bold,
  offered: (f) => f.italic,
  unclaimed: (f) => f.italic,
};

type Cell = { lines: string[]; font: PDFFont; grey?: boolean };
type LaidRow = { cells: Cell[]; height: number };

function cell(text: string, width: number, font: PDFFont): Cell {
  const measure = (s: string) => font.widthOfTextAtSize(s, BODY_SIZE);
  return { lines: wrapText(toWinAnsi(text), width - 2 * PADDING, measure), font };
}

function layRow(memberName: string | null, row: SheetRow, fullName: string, fonts: Fonts): LaidRow {
  const baskets = row.baskets.flatMap(
    (b) => cell(t.basketLine(b.quantity, b.label), COLUMNS[1], fonts.regular).lines,
  );
  const cells: Cell[] = [
    memberName ? cell(memberName, COLUMNS[0], fonts.bold) : { lines: [], font: fonts.bold },
    { lines: baskets, font: fonts.regular },
    { ...cell(stateText(row.state, fullName), COLUMNS[2], STATE_FONT[row.state.kind](fonts)), grey: row.state.kind === "offered" },
    { lines: [], font: fonts.regular },
  ];
  const tallest = Math.max(1, ...cells.map((c) => c.lines.length));
  return { cells, height: Math.max(MIN_ROW_HEIGHT, tallest * LEADING + 2 * PADDING) };
}

/** Writes pages top to bottom, adding a page (with the table header when asked) when the next block does not fit. */
class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Makes room for `height` points, on a new page if needed; true when a page was added. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN + FOOTER_SPACE) return false;
    this.newPage();
    return true;
  }

  text(text: string, { size = BODY_SIZE, font = this.fonts.regular, color = BLACK, indent = 0 } = {}) {
    const lines = wrapText(toWinAnsi(text), CONTENT_WIDTH - indent, (s) => font.widthOfTextAtSize(s, size));
    for (const line of lines) {
      this.ensure(size * 1.3);
      this.y -= size * 1.3;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y + size * 0.25, size, font, color });
    }
  }

  gap(points: number) {
    this.y -= points;
  }

  rule(y: number, thickness: number, color = RULE) {
    this.page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + CONTENT_WIDTH, y }, thickness, color });
  }

  tableHeader() {
    const height = LEADING + 2 * PADDING;
    const top = this.y;
    this.page.drawRectangle({ x: MARGIN, y: top - height, width: CONTENT_WIDTH, height, color: HEADER_FILL });
    const labels = [t.columns.member, t.columns.baskets, t.columns.takenBy, t.columns.signature];
    let x = MARGIN;
    labels.forEach((label, i) => {
      this.page.drawText(toWinAnsi(label), { x: x + PADDING, y: top - PADDING - BODY_SIZE, size: BODY_SIZE, font: this.fonts.bold });
      x += COLUMNS[i]!;
    });
    this.verticals(top, top - height);
    this.rule(top, 1, BLACK);
    this.rule(top - height, 1, BLACK);
    this.y = top - height;
  }

  verticals(top: number, bottom: number) {
    let x = MARGIN;
    for (let i = 0; i <= COLUMNS.length; i++) {
      this.page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, thickness: 0.5, color: RULE });
      x += COLUMNS[i] ?? 0;
    }
  }

  /** A row of the table; rows after a member's first leave the member column open. */
  row(row: LaidRow, first: boolean) {
    const top = this.y;
    let x = MARGIN;
    row.cells.forEach((c, i) => {
      c.lines.forEach((line, n) => {
        this.page.drawText(line, {
          x: x + PADDING,
          y: top - PADDING - BODY_SIZE - n * LEADING,
          size: BODY_SIZE,
          font: c.font,
          color: c.grey ? GREY : BLACK,
        });
      });
      x += COLUMNS[i]!;
    });
    this.verticals(top, top - row.height);
    if (!first) {
      const x = MARGIN + COLUMNS[0];
      this.page.drawLine({ start: { x, y: top }, end: { x: MARGIN + CONTENT_WIDTH, y: top }, thickness: 0.5, color: RULE });
    }
    this.y = top - row.height;
  }
}

/** The sign sheet as a PDF document (bytes). `now` dates the footer. */
export async function renderSignSheetPdf(sheet: SignSheetDTO, now = new Date()): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const title = t.heading(sheet.amapName);
  doc.setTitle(`${title} — ${sheet.slot}`);
  doc.setLanguage("fr-FR");
  doc.setCreator(sheet.amapName);
  doc.setCreationDate(now);
  doc.setModificationDate(now);

  const w = new Writer(doc, fonts);
  w.text(title, { size: 16, font: fonts.bold });
  w.gap(2);
  w.text(sheet.slot, { size: 12, font: fonts.bold });
  w.text([sheet.place.name, sheet.place.address].filter(Boolean).join(" — "), { size: 11 });
  if (sheet.isCancelled) w.text(t.cancelled, { size: 11, font: fonts.bold });
  w.text(t.summary(sheet.members.length, sheet.totals.baskets, sheet.totals.taken), { size: 10, color: GREY });
  w.gap(10);

  if (sheet.members.length === 0) {
    w.text(t.noBaskets);
  } else {
    w.ensure(80);
    w.tableHeader();
    for (const member of sheet.members) {
      const rows = signingRows(member.lines).map((row, i) => layRow(i === 0 ? member.name : null, row, member.name, fonts));
      const height = rows.reduce((sum, r) => sum + r.height, 0);
      if (w.ensure(height)) w.tableHeader();
      rows.forEach((row, i) => w.row(row, i === 0));
      w.rule(w.y, 1, BLACK);
    }
  }

  w.gap(18);
  w.ensure(60);
  const beforeStart = !sheet.hasStarted && sheet.leftovers.some((l) => l.state === "offered");
  w.text(beforeStart ? t.leftoverTitleBefore : t.leftoverTitle, { size: 13, font: fonts.bold });
  if (beforeStart) w.text(t.leftoverIntroBefore, { color: GREY });
  w.gap(4);
  if (sheet.leftovers.length === 0) w.text(t.noLeftover);
  for (const l of sheet.leftovers) {
    // Once both kinds are to give away, tell them apart.
    const state = beforeStart ? "" : ` (${l.state === "unclaimed" ? t.state.unclaimed : t.state.offered})`;
    w.text(`•  ${t.leftoverLine(l.quantity, l.label, l.memberName)}${state}`, { indent: 6 });
  }

  const pages = doc.getPages();
  const printedOn = formatLongDate(now);
  pages.forEach((page, i) => {
    const footer = toWinAnsi(t.pdfFooter(printedOn, i + 1, pages.length));
    const width = fonts.regular.widthOfTextAtSize(footer, 8);
    page.drawText(footer, { x: (PAGE_WIDTH - width) / 2, y: MARGIN / 2, size: 8, font: fonts.regular, color: GREY });
  });
  return doc.save();
}
