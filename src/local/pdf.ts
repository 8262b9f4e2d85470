/**
 * A report sheet of the stand-in workbook as an A4 portrait PDF: values as displayed, bold and italics,
 * merged cells, alignment, column widths, table borders; the table's header row (the last frozen row)
 * repeated at the top of every page, and page numbers.
 *
 * The font is DejaVu Serif, embedded from the dejavu-fonts-ttf package: it has every Vietnamese letter.
 * Times New Roman, which the sheet asks for, is not distributed on npm (and PDF's built-in Times has no
 * Vietnamese), so a metric stand-in is used; DejaVu Serif is wider, so its sizes are scaled down to keep
 * the sheet's line breaks.
 */
import PDFDocument from 'pdfkit';
import { reportMessages as rm } from '../core/messages/reports';
import type { Rect } from './stand-in/document/a1';
import type { DocumentSheet } from './stand-in/document/sheet';

const MM = 72 / 25.4;
/** A4 portrait, margins of an administrative document (Nghị định 30/2020: left 30–35 mm, right 15–20 mm). */
const PAGE = { width: 595.28, height: 841.89, top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 15 * MM };
/** Sheets prints 1 px as 0.75 pt. */
const PT_PER_PX = 0.75;
/** Times New Roman's advance widths are about 0.79 of DejaVu Serif's. */
const DEJAVU_FOR_TIMES = 0.79;
/** Sheets' default row height and font size. */
const DEFAULT_ROW_PX = 21;
const DEFAULT_FONT_SIZE = 10;
const PAD_X = 3;
const PAD_Y = 3;

const FONT_FILES = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
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
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle' | 'bottom';
  wrap: boolean;
  background: string | undefined;
}

interface LaidRow {
  row: number;
  height: number;
  cells: CellBox[];
}

function fontPath(name: FontName): string {
  return require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[name]}`);
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

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** Renders `sheet` to a PDF. */
export function sheetToPdf(sheet: DocumentSheet, options: PdfOptions = {}): Promise<RenderedPdf> {
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
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, fontPath(name));
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
  const fontScale = (scale / PT_PER_PX) * DEJAVU_FOR_TIMES;
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
      cells.push({
        column: c,
        lastColumn: merge ? Math.min(merge.c2, columns) : c,
        text,
        font: bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular',
        size: (style.fontSize ?? DEFAULT_FONT_SIZE) * fontScale,
        align: (style.horizontalAlignment as CellBox['align'] | undefined) ?? (numeric ? 'right' : 'left'),
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
      const h = doc.heightOfString(cell.text, { width: boxWidth(cell) - 2 * PAD_X }) + 2 * PAD_Y;
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
      const textHeight = doc.heightOfString(cell.text, { width: width - 2 * PAD_X });
      const free = laid.height - textHeight - 2 * PAD_Y;
      const dy = cell.valign === 'top' ? 0 : cell.valign === 'middle' ? free / 2 : free;
      doc.fillColor('black').text(cell.text, x + PAD_X, y + PAD_Y + dy, {
        width: width - 2 * PAD_X,
        align: cell.align,
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

  // Page numbers, written once the number of pages is known.
  const range = doc.bufferedPageRange();
  pages = range.count;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const margin = doc.page.margins.bottom;
    // Below the bottom margin: lift it so that pdfkit does not start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('italic')
      .fontSize(9)
      .fillColor('black')
      .text(rm.pageNumber(i + 1, range.count), PAGE.left, PAGE.height - margin / 2 - 5, {
        width: contentWidth,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
