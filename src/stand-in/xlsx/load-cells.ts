/**
 * A loaded worksheet's cells as the stand-in keeps them (contents as HyperFormula takes them, the file's
 * cached formula results, style notes), from the lean reader's flat arrays (resolveScanned) or from the
 * cells ExcelJS built (extractCells). Loading is not USER_ENTERED: text that starts with '=' stays text.
 */
import * as ExcelJS from 'exceljs';
import { parseA1, type Rect } from '../document/a1';
import { wrapArrayFormula } from '../document/arrays';
import { utcDateToSerial } from '../document/dates';
import { cellKey, type RawContent } from '../document/detached';
import { CellKind, isExcelJsDateFormat, type ScannedCells } from './sheet-data';
import { noteStyle, noteText, pairsOfStyle, readStyles, type PendingStyles } from './styles';

/** A shared string or a hyperlink's text as plain text: rich-text runs joined, '' for anything else. */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  const runs = value && typeof value === 'object' ? (value as { richText?: unknown }).richText : undefined;
  return Array.isArray(runs) ? (runs as { text: string }[]).map((t) => t.text).join('') : '';
}

/** A formula as the stand-in stores it: '=' and the text, without Excel's future-function prefixes. */
function formulaContent(formula: string): string {
  return `=${formula.replace(/_xlfn\.|_xlws\./g, '')}`;
}

/**
 * Excel's array formula (`<f t="array" ref="…">expr</f>`) as Google Sheets has it: `=ARRAYFORMULA(expr)`
 * in the corner cell, the rest of ref filled by its result (stand-in/document/arrays.ts).
 */
function arrayFormulaContent(formula: string): string {
  return wrapArrayFormula(formulaContent(formula).slice(1));
}

/** Whether (row, column) is a cell an array formula filled, other than the formula's own. */
function spilledInto(spills: Rect[], r: number, c: number): boolean {
  for (const s of spills)
    if (r >= s.r1 && r <= s.r2 && c >= s.c1 && c <= s.c2 && (r !== s.r1 || c !== s.c1)) return true;
  return false;
}

function cellContent(cell: ExcelJS.Cell): RawContent {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === '' ? null : `'${v}`;
  if (v instanceof Date) return utcDateToSerial(v);
  if (typeof v === 'object') {
    const f = cell.formula;
    if (f)
      return (v as { shareType?: string }).shareType === 'array' ? arrayFormulaContent(f) : formulaContent(f);
    if ('error' in v && v.error) return String(v.error);
    if ('richText' in v && Array.isArray(v.richText)) return `'${plainText(v)}`;
    if ('text' in v) {
      const text = plainText(v.text);
      return text ? `'${text}` : null;
    }
    if ('result' in v) return cellContentOfResult((v as { result?: unknown }).result);
  }
  return `'${String(v)}`;
}

/** What the file cached as a formula's result, as HyperFormula would give it; undefined if nothing. */
function cachedResult(cell: ExcelJS.Cell): number | string | boolean | null | undefined {
  // cell.result, not cell.value.result: ExcelJS's value getter drops falsy results (0, false, '').
  const result: unknown = (cell as unknown as { result?: unknown }).result;
  if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean') return result;
  if (result instanceof Date) return utcDateToSerial(result);
  if (result && typeof result === 'object' && 'error' in result)
    return String((result as { error: unknown }).error);
  return undefined;
}

/** A cached result, where ExcelJS gives a value object with no formula: the value it stands for. */
function cellContentOfResult(result: unknown): RawContent {
  if (typeof result === 'number' || typeof result === 'boolean') return result;
  if (typeof result === 'string') return `'${result}`;
  return null;
}

/** A sheet's cells as the stand-in keeps them, from ExcelJS's cells or from sheet-data.ts. */
export interface SheetCells {
  rows: RawContent[][];
  cached: Map<number, number | string | boolean | null | undefined>;
  styles: PendingStyles;
  usedRows: number;
  usedCols: number;
  spills: Rect[];
}

export interface SharedStringsModel {
  getString(index: number): unknown;
}
export interface StylesModel {
  getStyleModel(id: number): Partial<ExcelJS.Style> | null;
}

/** Scanned cells as ExcelJS's CellXform.reconcile and extractCells would give them. */
export function resolveScanned(
  x: ScannedCells,
  strings: SharedStringsModel | undefined,
  stylesModel: StylesModel | undefined,
  date1904: boolean,
  comments: { ref?: string; note?: ExcelJS.Comment }[]
): SheetCells {
  const rows: RawContent[][] = [];
  const cached = new Map<number, number | string | boolean | null | undefined>();
  const styles: PendingStyles = { values: new Map() };
  const styleOf = new Map<number, Partial<ExcelJS.Style> | null>();
  const spills: Rect[] = [];
  let usedRows = 0;
  let usedCols = 0;
  for (let i = 0; i < x.count; i++) {
    const r = x.rows[i];
    const c = x.columns[i];
    const id = x.styles[i];
    let style = styleOf.get(id);
    if (style === undefined)
      styleOf.set(id, (style = id && stylesModel ? stylesModel.getStyleModel(id) : null));
    if (style) for (const [key, value] of pairsOfStyle(style)) noteStyle(styles, key, r, c, value);
    // A number in a date format: ExcelJS gives a Date, which cellContent turns back into this serial.
    const dated = date1904 && style !== null && isExcelJsDateFormat(style.numFmt) ? 1462 : 0;
    const v = x.values[i];
    let content: RawContent = null;
    switch (x.kinds[i]) {
      case CellKind.Number:
        content = (v as number) + dated;
        break;
      case CellKind.Boolean:
        content = v as boolean;
        break;
      case CellKind.Error:
        content = v as string;
        break;
      case CellKind.Text:
        content = v === '' ? null : `'${v as string}`;
        break;
      case CellKind.Shared: {
        const text = plainText(strings?.getString(v as number));
        content = text === '' ? null : `'${text}`;
        break;
      }
      case CellKind.Formula: {
        const ref = x.arrays.size > 0 ? x.arrays.get(i) : undefined;
        const rect = ref === undefined ? null : parseA1(ref, 1, 1);
        if (rect) spills.push(rect);
        content = rect
          ? arrayFormulaContent(x.formulas.get(i) ?? '')
          : formulaContent(x.formulas.get(i) ?? '');
        const type = x.resultTypes.get(i) ?? '';
        const raw = v as string | undefined;
        // t="str" with an empty <v></v> (or none) is an empty text result, which is how the stand-in writes
        // one; a formula with neither a type nor a value (ExcelJS, openpyxl) caches nothing.
        let result: number | string | boolean | undefined;
        if (type === 'str') result = raw ?? '';
        else if (raw === undefined || raw === '') result = undefined;
        else if (type === 'e') result = raw;
        else if (type === 'b') result = raw === '1' || raw === 'true';
        else result = Number(raw) + dated;
        cached.set(cellKey(r, c), result);
        break;
      }
      default:
        continue;
    }
    // A cell an array formula filled holds its result, not contents: Sheets computes it from the formula,
    // and so does HyperFormula (the result is not kept: stand-in/document/pending.ts).
    if (spills.length > 0 && spilledInto(spills, r, c)) {
      usedRows = Math.max(usedRows, r);
      usedCols = Math.max(usedCols, c);
      continue;
    }
    if (content === null) continue;
    (rows[r - 1] ??= [])[c - 1] = content;
    usedRows = Math.max(usedRows, r);
    usedCols = Math.max(usedCols, c);
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) rows[i] = [];
    else for (let j = 0; j < row.length; j++) if (row[j] === undefined) row[j] = null;
  }
  // Notes (comments), which ExcelJS would have put on the cells, in row order as extractCells meets them.
  const withNotes: { r: number; c: number; text: string }[] = [];
  for (const comment of comments) {
    const at = comment.ref ? parseA1(comment.ref, 1, 1) : null;
    const text = noteText(comment.note);
    if (at && text) withNotes.push({ r: at.r1, c: at.c1, text });
  }
  withNotes.sort((a, b) => a.r - b.r || a.c - b.c);
  for (const n of withNotes) noteStyle(styles, 'note', n.r, n.c, n.text);
  return { rows, cached, styles, usedRows, usedCols, spills };
}

/** The cells of a worksheet ExcelJS built. */
export function extractCells(ws: ExcelJS.Worksheet): SheetCells {
  const rows: RawContent[][] = [];
  const cached = new Map<number, number | string | boolean | null | undefined>();
  const styles: PendingStyles = { values: new Map() };
  const spills: Rect[] = [];
  let usedRows = 0;
  let usedCols = 0;
  // Empty cells may still carry a style (a template's font, a column's alignment): read them too.
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.cellCount === 0) return;
    const out: RawContent[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      readStyles(cell, r, c, styles);
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const content = cellContent(cell);
      if (spills.length > 0 && spilledInto(spills, r, c)) {
        usedCols = Math.max(usedCols, c);
        usedRows = Math.max(usedRows, r);
        return;
      }
      if (content === null) return;
      const array = cell.value as { shareType?: string; ref?: string } | null;
      if (array && typeof array === 'object' && array.shareType === 'array') {
        const rect = parseA1(array.ref ?? '', 1, 1);
        if (rect) spills.push(rect);
      }
      out[c - 1] = content;
      if (typeof content === 'string' && content.charCodeAt(0) === 61)
        cached.set(cellKey(r, c), cachedResult(cell));
      usedCols = Math.max(usedCols, c);
      usedRows = Math.max(usedRows, r);
    });
    if (out.length) {
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
      rows[r - 1] = out;
    }
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return { rows, cached, styles, usedRows, usedCols, spills };
}
