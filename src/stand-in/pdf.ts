/**
 * A report sheet of the stand-in workbook as an A4 portrait PDF laid out as Nghị định 30/2020/NĐ-CP
 * asks: values as displayed, bold and italics, merged cells, alignment, column widths, table borders;
 * the table's header row (the last frozen row) repeated at the top of every page; the decree's margins
 * (top and bottom 20 mm, left 30 mm, right 15 mm); page numbers centred in the top margin from page 2
 * (none on page 1); body paragraphs justified.
 *
 * The font is Tinos, embedded from the @expo-google-fonts/tinos package (full TrueType files, SIL Open
 * Font License): it is metric-compatible with Times New Roman, which the sheet asks for and which is not
 * distributed on npm (PDF's built-in Times has no Vietnamese), and it has every Vietnamese letter. With
 * the same advance widths, the sheet's sizes and line breaks carry over unscaled.
 *
 * Sheets cannot justify text; the sheet marks a body paragraph by its first-line indent of no-break
 * spaces (report-form.ts), and here such a wrapped, left-aligned cell is set justified, its indent a real
 * first-line indent of the same width.
 */
import type { Rect } from './document/a1';
import type { DocumentSheet } from './document/sheet';

const MM = 72 / 25.4;
/** A4 portrait, Decree 30's margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const PAGE = { width: 595.28, height: 841.89, top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
/** Sheets prints 1 px as 0.75 pt. */
const PT_PER_PX = 0.75;
/** The page number: 13 pt upright (Decree 30: 13–14), its line centred in the top margin. */
const PAGE_NUMBER_SIZE = 13;
/** A body paragraph starts with no-break spaces (its first-line indent in the sheet). */
const PARAGRAPH_START = /^\u00a0+/;
/** Sheets' default row height and font size. */
const DEFAULT_ROW_PX = 21;
const DEFAULT_FONT_SIZE = 10;
const PAD_X = 3;
const PAD_Y = 3;

/** Tinos's four styles, the full fonts (not web subsets: each has every Vietnamese letter). */
const FONT_FILES = {
  regular: () => require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  bold: () => require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
  italic: () => require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
  boldItalic: () => require.resolve('@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf'),
} as const;

type FontName = keyof typeof FONT_FILES;

export interface PdfOptions {
  /** Written into the file's metadata; fixed for reproducible output. */
  creationDate?: Date;
  title?: string;
}

interface Edges {
  top: boolean;
  bottom: boolean;
  left: boolean;
  right: boolean;
}

interface CellBox {
  column: number;
  /** Last column of the box (a merge), or the column itself. */
  lastColumn: number;
  text: string;
  font: FontName;
  size: number;
  align: 'left' | 'center' | 'right' | 'justify';
  /** A body paragraph's first-line indent, in points (0 for other cells). */
  indent: number;
  valign: 'top' | 'middle' | 'bottom';
  wrap: boolean;
  background: string | undefined;
}

interface LaidRow {
  row: number;
  height: number;
  cells: CellBox[];
}

/** The edges each setBorder call drew, resolved per cell as Sheets draws them. */
function borderEdges(sheet: DocumentSheet): Map<string, Edges> {
  const edges = new Map<string, Edges>();
  for (const { rect, spec } of sheet.borders) {
    for (let r = rect.r1; r <= rect.r2; r++) {
      for (let c = rect.c1; c <= rect.c2; c++) {
        const key = `${r},${c}`;
        const e = edges.get(key) ?? { top: false, bottom: false, left: false, right: false };
        const set = (on: boolean | null, side: keyof Edges) => {
          if (on !== null) e[side] = on;
        };
        set(r === rect.r1 ? spec.top : spec.horizontal, 'top');
        set(r === rect.r2 ? spec.bottom : spec.horizontal, 'bottom');
        set(c === rect.c1 ? spec.left : spec.vertical, 'left');
        set(c === rect.c2 ? spec.right : spec.vertical, 'right');
        edges.set(key, e);
      }
    }
  }
  return edges;
}

function extent(sheet: DocumentSheet): { rows: number; columns: number } {
  let { rows, columns } = sheet.contentExtent();
  for (const m of sheet.merges) if (m.r1 <= rows) columns = Math.max(columns, m.c2);
  for (const b of sheet.borders) {
    rows = Math.max(rows, Math.min(b.rect.r2, sheet.maxRows));
    columns = Math.max(columns, Math.min(b.rect.c2, sheet.maxColumns));
  }
  return { rows, columns: Math.min(columns, sheet.maxColumns) };
}

/** pdfkit's options for a cell's text in a box `width` wide. */
function textOptions(cell: CellBox, width: number): PDFKit.Mixins.TextOptions {
  return { width: width - 2 * PAD_X, align: cell.align, indent: cell.indent };
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/**
 * Renders `sheet` to a PDF. pdfkit loads on the first call: it is a tenth of a second of every command's
 * start otherwise (and of each worker's that reads units' files), for the few that print.
 */
export async function sheetToPdf(sheet: DocumentSheet, options: PdfOptions = {}): Promise<RenderedPdf> {
  const { default: PDFDocument } = await import('pdfkit');
  const { rows, columns } = extent(sheet);
  const creationDate = options.creationDate ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: options.title ?? sheet.name,
      Creator: 'tonghop',
      CreationDate: creationDate,
      ModDate: creationDate,
    },
  });
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, FONT_FILES[name]());
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  let pages = 0;
  const done = new Promise<RenderedPdf>((resolve, reject) => {
    doc.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages }));
    doc.on('error', reject);
  });

  // Columns: the sheet's widths, shrunk only if the sheet is wider than the page.
  const contentWidth = PAGE.width - PAGE.left - PAGE.right;
  const widthsPx = Array.from({ length: columns }, (_, i) => sheet.columnWidth(i + 1));
  const totalPx = widthsPx.reduce((a, b) => a + b, 0);
  const scale = Math.min(PT_PER_PX, contentWidth / Math.max(totalPx, 1));
  const xs = [PAGE.left];
  widthsPx.forEach((w) => xs.push(xs[xs.length - 1] + w * scale));
  const fontScale = scale / PT_PER_PX;
  const defaultHeight = DEFAULT_ROW_PX * scale;

  const all = { r1: 1, c1: 1, r2: rows, c2: columns };
  const display = rows > 0 ? (sheet.readCells(all, 'display') as string[][]) : [];
  const values = rows > 0 ? sheet.readCells(all, 'values') : [];
  const edges = borderEdges(sheet);
  const covered = new Set<string>();
  const mergeAt = new Map<string, Rect>();
  for (const m of sheet.merges) {
    mergeAt.set(`${m.r1},${m.c1}`, m);
    for (let r = m.r1; r <= m.r2; r++)
      for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r},${c}`);
  }

  const boxWidth = (cell: { column: number; lastColumn: number }) =>
    xs[cell.lastColumn] - xs[cell.column - 1];

  const layRow = (row: number): LaidRow => {
    const cells: CellBox[] = [];
    for (let c = 1; c <= columns; c++) {
      if (covered.has(`${row},${c}`)) continue;
      const style = sheet.styleAt(row, c);
      const merge = mergeAt.get(`${row},${c}`);
      const text = display[row - 1][c - 1] ?? '';
      const bold = style.fontWeight === 'bold';
      const italic = style.fontStyle === 'italic';
      if (text === '' && !style.background) continue;
      const numeric = typeof values[row - 1][c - 1] === 'number';
      const font: FontName = bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
      const size = (style.fontSize ?? DEFAULT_FONT_SIZE) * fontScale;
      let align = (style.horizontalAlignment as CellBox['align'] | undefined) ?? (numeric ? 'right' : 'left');
      let shown = text;
      let indent = 0;
      const start = PARAGRAPH_START.exec(text);
      if (start && style.wrap === true && align === 'left') {
        // A body paragraph: the no-break spaces become a first-line indent of their own width.
        indent = doc.font(font).fontSize(size).widthOfString(start[0]);
        shown = text.slice(start[0].length);
        align = 'justify';
      }
      cells.push({
        column: c,
        lastColumn: merge ? Math.min(merge.c2, columns) : c,
        text: shown,
        font,
        size,
        align,
        indent,
        valign: (style.verticalAlignment as CellBox['valign'] | undefined) ?? 'bottom',
        wrap: style.wrap === true,
        background: style.background,
      });
    }
    // Unwrapped text flows over empty neighbours, as in Sheets; whatever is still too wide wraps.
    for (const cell of cells) {
      if (cell.wrap || cell.lastColumn !== cell.column) continue;
      let last = cell.column;
      while (
        last < columns &&
        !cells.some((o) => o.column === last + 1) &&
        !covered.has(`${row},${last + 1}`)
      )
        last++;
      doc.font(cell.font).fontSize(cell.size);
      if (doc.widthOfString(cell.text) + 2 * PAD_X > boxWidth(cell)) {
        cell.lastColumn = cell.align === 'left' ? last : cell.column;
      }
    }
    let height = defaultHeight;
    for (const cell of cells) {
      doc.font(cell.font).fontSize(cell.size);
      const h = doc.heightOfString(cell.text, textOptions(cell, boxWidth(cell))) + 2 * PAD_Y;
      height = Math.max(height, h);
    }
    return { row, height, cells };
  };

  const drawRow = (laid: LaidRow, y: number) => {
    for (const cell of laid.cells) {
      const x = xs[cell.column - 1];
      const width = boxWidth(cell);
      if (cell.background) doc.rect(x, y, width, laid.height).fill(cell.background).fillColor('black');
      if (cell.text === '') continue;
      doc.font(cell.font).fontSize(cell.size);
      const textHeight = doc.heightOfString(cell.text, textOptions(cell, width));
      const free = laid.height - textHeight - 2 * PAD_Y;
      const dy = cell.valign === 'top' ? 0 : cell.valign === 'middle' ? free / 2 : free;
      doc.fillColor('black').text(cell.text, x + PAD_X, y + PAD_Y + dy, {
        ...textOptions(cell, width),
        lineBreak: true,
      });
    }
    doc.lineWidth(0.5).strokeColor('black');
    for (let c = 1; c <= columns; c++) {
      const e = edges.get(`${laid.row},${c}`);
      if (!e) continue;
      const x1 = xs[c - 1];
      const x2 = xs[c];
      const inMergeLeft = covered.has(`${laid.row},${c}`);
      const inMergeRight = covered.has(`${laid.row},${c + 1}`);
      if (e.top) doc.moveTo(x1, y).lineTo(x2, y).stroke();
      if (e.bottom)
        doc
          .moveTo(x1, y + laid.height)
          .lineTo(x2, y + laid.height)
          .stroke();
      if (e.left && !inMergeLeft)
        doc
          .moveTo(x1, y)
          .lineTo(x1, y + laid.height)
          .stroke();
      if (e.right && !inMergeRight)
        doc
          .moveTo(x2, y)
          .lineTo(x2, y + laid.height)
          .stroke();
    }
  };

  const headerRow = sheet.frozenRows;
  const header = headerRow > 0 && headerRow <= rows ? layRow(headerRow) : null;
  const bottom = PAGE.height - PAGE.bottom;
  let y = PAGE.top;
  for (let r = 1; r <= rows; r++) {
    const laid = layRow(r);
    // Keep the table header with the first row under it.
    const next = r === headerRow && r < rows ? layRow(r + 1).height : 0;
    if (y + laid.height + next > bottom && y > PAGE.top) {
      doc.addPage();
      y = PAGE.top;
      if (header && r > headerRow) {
        drawRow(header, y);
        y += header.height;
      }
    }
    drawRow(laid, y);
    y += laid.height;
  }

  // Page numbers, once the number of pages is known: centred in the top margin, none on page 1.
  const range = doc.bufferedPageRange();
  pages = range.count;
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const margin = doc.page.margins.top;
    // Inside the top margin: lift it so that pdfkit writes there without starting a new page.
    doc.page.margins.top = 0;
    doc.font('regular').fontSize(PAGE_NUMBER_SIZE).fillColor('black');
    const top = (PAGE.top - doc.currentLineHeight()) / 2;
    doc.text(String(i + 1), PAGE.left, top, {
      width: contentWidth,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.top = margin;
  }
  doc.end();
  return done;
}
