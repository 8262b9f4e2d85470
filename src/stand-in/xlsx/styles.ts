/**
 * Cell styles between the stand-in and .xlsx: number formats in each one's syntax, colours, the style
 * notes a loaded sheet collects as runs of rows per column (applied once the sheet exists), and the
 * ExcelJS style a saved cell gets.
 */
import type * as ExcelJS from 'exceljs';
import { isDateFormat, isMinuteToken } from '../document/number-format';
import type { RectStore } from '../document/rect-store';
import type { CellStyle, DocumentSheet } from '../document/sheet';

const DEFAULT_FONTS = new Set(['calibri', 'arial']);
const DEFAULT_SIZES = new Set([10, 11]);

/** Splits a pattern into quoted/escaped literals and the rest, applying `fn` to the rest only. */
function mapUnquoted(format: string, fn: (s: string) => string): string {
  return format.replace(/("[^"]*"|\\.|\[[^\]]*\])|([^"\\[]+)/g, (_m, lit: string, rest: string) =>
    lit !== undefined ? lit : fn(rest)
  );
}

/** Sheets 'dd/MM/yyyy HH:mm:ss' → Excel 'dd/mm/yyyy hh:mm:ss'. */
function sheetsToExcelFormat(format: string): string {
  if (!isDateFormat(format)) return format;
  return mapUnquoted(format, (s) => s.replace(/[DMYHS]/g, (c) => c.toLowerCase()));
}

/** Excel 'dd/mm/yyyy hh:mm' → Sheets 'dd/MM/yyyy HH:mm' (months upper case, minutes lower case). */
function excelToSheetsFormat(format: string | undefined): string | undefined {
  if (!format) return undefined;
  let f = format.replace(/^\[\$-[0-9A-Fa-f]+\]/, '');
  if (/^general$/i.test(f)) return undefined;
  // Built-in 14 is the reader's short date; in vi_VN that is dd/MM/yyyy.
  if (f === 'mm-dd-yy' || f === 'm/d/yy') return 'dd/MM/yyyy';
  if (!isDateFormat(f)) return f;
  f = f.split(';')[0];
  const ampm = /AM\/PM|A\/P/i.test(f);
  return mapUnquoted(f, (s) => {
    const tokens = s.match(/([dmyhs])\1*|[^dmyhs]+/gi) ?? [];
    return tokens
      .map((t, i) => {
        const c = t[0].toLowerCase();
        if (c === 'h') return ampm ? t.toLowerCase() : t.toUpperCase();
        if (c === 'd' || c === 'y' || c === 's') return t.toLowerCase();
        if (c !== 'm') return t;
        return isMinuteToken(tokens, i) ? t.toLowerCase() : t.toUpperCase();
      })
      .join('');
  });
}

export const toArgb = (color: string): string | undefined => {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
};
export const fromArgb = (color: Partial<ExcelJS.Color> | undefined): string | undefined => {
  const argb = color?.argb;
  return argb && /^[0-9A-F]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : undefined;
};

/**
 * The styles read so far, per style key and column, as runs of consecutive rows with the same value.
 * Rows arrive in increasing order (eachRow, then eachCell), so a run grows in place: no map entry per
 * cell (at ward scale that was millions of entries for the garbage collector to copy).
 */
export interface PendingStyles {
  values: Map<keyof CellStyle, Map<number, { r1: number; r2: number; value: unknown }[]>>;
}

export function noteStyle(
  p: PendingStyles,
  key: keyof CellStyle,
  row: number,
  col: number,
  value: unknown
): void {
  let byCol = p.values.get(key);
  if (!byCol) p.values.set(key, (byCol = new Map()));
  let runs = byCol.get(col);
  if (!runs) byCol.set(col, (runs = []));
  const last = runs.length > 0 ? runs[runs.length - 1] : undefined;
  if (last !== undefined && row === last.r2 + 1 && value === last.value) last.r2 = row;
  else runs.push({ r1: row, r2: row, value });
}

function styleNotesOf(
  cell: Pick<ExcelJS.Style, 'numFmt' | 'font' | 'fill' | 'alignment'>
): [keyof CellStyle, unknown][] {
  const out: [keyof CellStyle, unknown][] = [];
  const fmt = excelToSheetsFormat(cell.numFmt);
  if (fmt) out.push(['numberFormat', fmt]);
  const font = cell.font;
  if (font) {
    if (font.bold) out.push(['fontWeight', 'bold']);
    if (font.italic) out.push(['fontStyle', 'italic']);
    if (font.name && !DEFAULT_FONTS.has(font.name.toLowerCase())) out.push(['fontFamily', font.name]);
    if (font.size && !DEFAULT_SIZES.has(font.size)) out.push(['fontSize', font.size]);
    const color = fromArgb(font.color);
    if (color && color !== '#000000') out.push(['fontColor', color]);
  }
  const fill = cell.fill;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const bg = fromArgb(fill.fgColor);
    if (bg) out.push(['background', bg]);
  }
  const al = cell.alignment;
  if (al) {
    if (al.horizontal && ['left', 'center', 'right'].includes(al.horizontal)) {
      out.push(['horizontalAlignment', al.horizontal]);
    }
    if (al.vertical && ['top', 'middle', 'bottom'].includes(al.vertical)) {
      out.push(['verticalAlignment', al.vertical]);
    }
    if (al.wrapText) out.push(['wrap', true]);
  }
  return out;
}

/** What styleNotesOf found for a style object: cells of one style id share ExcelJS's style model. */
const notesByStyle = new WeakMap<object, [keyof CellStyle, unknown][]>();

/** The style notes of one of ExcelJS's shared style models (one per style id). */
export function pairsOfStyle(style: Partial<ExcelJS.Style>): [keyof CellStyle, unknown][] {
  if (!style.numFmt && !style.font && !style.fill && !style.alignment) return [];
  let pairs = notesByStyle.get(style);
  if (!pairs) notesByStyle.set(style, (pairs = styleNotesOf(style as ExcelJS.Style)));
  return pairs;
}

export function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (!note) return '';
  return typeof note === 'string'
    ? note
    : (note.texts ?? []).map((t) => (typeof t === 'string' ? t : t.text)).join('');
}

export function readStyles(cell: ExcelJS.Cell, row: number, col: number, p: PendingStyles): void {
  const style = cell.style as Partial<ExcelJS.Style> | undefined;
  const pairs = style ? pairsOfStyle(style) : styleNotesOf(cell);
  for (const [key, value] of pairs) noteStyle(p, key, row, col, value);
  const text = noteText(cell.note);
  if (text) noteStyle(p, 'note', row, col, text);
}

export function applyStyles(sheet: DocumentSheet, p: PendingStyles): void {
  for (const [key, byCol] of p.values) {
    const store = sheet.styles[key] as RectStore<unknown>;
    for (const [col, runs] of byCol)
      for (const run of runs) store.set({ r1: run.r1, c1: col, r2: run.r2, c2: col }, run.value);
  }
}

/** The style properties of a saved cell, by CellStyle key (and `border`: its sides). */
export type StyleProps = Record<string, unknown>;

const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };

export function excelStyle(p: StyleProps): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (p.numberFormat) style.numFmt = sheetsToExcelFormat(String(p.numberFormat));
  const font: Partial<ExcelJS.Font> = {};
  if (p.fontFamily) font.name = String(p.fontFamily);
  if (p.fontSize) font.size = Number(p.fontSize);
  if (p.fontWeight === 'bold') font.bold = true;
  if (p.fontStyle === 'italic') font.italic = true;
  const color = typeof p.fontColor === 'string' ? toArgb(p.fontColor) : undefined;
  if (color) font.color = { argb: color };
  if (Object.keys(font).length) style.font = font;
  const bg = typeof p.background === 'string' ? toArgb(p.background) : undefined;
  if (bg) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: bg } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (p.horizontalAlignment) alignment.horizontal = p.horizontalAlignment as ExcelJS.Alignment['horizontal'];
  if (p.verticalAlignment) alignment.vertical = p.verticalAlignment as ExcelJS.Alignment['vertical'];
  if (p.wrap) alignment.wrapText = true;
  if (Object.keys(alignment).length) style.alignment = alignment;
  const border = p.border as Record<string, boolean> | undefined;
  if (border && Object.keys(border).length) {
    style.border = Object.fromEntries(
      Object.keys(border).map((side) => [side, THIN])
    ) as Partial<ExcelJS.Borders>;
  }
  return style;
}
