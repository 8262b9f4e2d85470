/**
 * One sheet through ExcelJS's streaming writer: rows are resolved (values, formulas, styles) and
 * committed one at a time, so memory stays flat however long the master list is. Nearly every row goes
 * straight to XML (row-xml.ts); a row with a merged cell or a note takes ExcelJS's own path.
 */
import * as ExcelJS from 'exceljs';
import { columnLetters, type Rect } from '../document/a1';
import { arrayKey, arraysOf } from '../document/arrays';
import { cellKey, type DetachedContents, type RawContent } from '../document/detached';
import { looseFormula, looseValue } from '../document/loose';
import type { DocumentSheet } from '../document/sheet';
import { writeConditionalFormats } from './conditional-formats';
import { excelFormula, excelValue, type ExcelFormula } from './excel-values';
import { addWorksheetSized, type StreamBook } from './exceljs-patches';
import { resolveRuns, RowStyles } from './row-styles';
import { RowXml } from './row-xml';
import { toArgb } from './styles';
import { toExcelValidation } from './validations';

/** Rows of values read from HyperFormula at a time: the master list never becomes one big array. */
const ROW_CHUNK = 5000;
/** Rows written between two turns of the event loop, in which the zip compresses what was written. */
const YIELD_ROWS = 2000;

/** One row of a detached sheet, as loaded: formulas with the file's results, no evaluation needed. */
function writeDetachedRow(
  cellAt: (c: number) => ExcelJS.Cell,
  d: DetachedContents,
  r: number,
  locale: string,
  pending: PendingCells
): void {
  const row = d.rows[r - 1] ?? [];
  const width = Math.max(row.length, pending.lastColumn.get(r) ?? 0);
  for (let j = 0; j < width; j++) {
    const array = pending.size > 0 ? pending.get(cellKey(r, j + 1)) : undefined;
    const content = row[j];
    if (!array && (content === null || content === undefined)) continue;
    const cell = cellAt(j + 1);
    if (cell.type === ExcelJS.ValueType.Merge) continue;
    if (array) cell.value = excelValue(undefined, array);
    else if (typeof content !== 'string') cell.value = content as number | boolean;
    else if (content.charCodeAt(0) === 39) cell.value = content.slice(1);
    else if (content.charCodeAt(0) === 61)
      cell.value = excelValue(
        d.cached.get(cellKey(r, j + 1)),
        excelFormula(content, locale, undefined, r, j + 1)
      );
    else cell.value = { error: content as ExcelJS.CellErrorValue['error'] };
  }
}

/**
 * A sheet's pending array formulas (stand-in/document/pending.ts) as the file holds them, by cellKey:
 * Excel's array formula over the cells HyperFormula would fill, with no cached result (the workbook is
 * then marked for a full calculation on load: saveXlsx). `lastColumn`: by row, the last such cell.
 */
type PendingCells = Map<number, ExcelFormula> & { lastColumn: Map<number, number> };

function pendingCells(sheet: DocumentSheet): PendingCells {
  const cells = Object.assign(new Map<number, ExcelFormula>(), { lastColumn: new Map<number, number>() });
  for (const p of sheet.pending.values()) {
    const fill = sheet.pendingFill(p);
    cells.set(
      cellKey(p.row, p.column),
      excelFormula(p.formula, sheet.workbook.locale, fill, p.row, p.column)
    );
    cells.lastColumn.set(p.row, Math.max(cells.lastColumn.get(p.row) ?? 0, p.column));
  }
  return cells;
}

/** Whether a loose column holds rows r1..r2 (1-based) all: then HyperFormula holds none of them. */
function holdsRows(contents: (RawContent | undefined)[], r1: number, r2: number): boolean {
  if (contents.length < r2) return false;
  for (let i = r1 - 1; i < r2; i++) if (contents[i] === undefined) return false;
  return true;
}

/**
 * A sheet's stored cells as the writer asks for them: values and formulas read from HyperFormula a chunk
 * of rows at a time, and loose columns (stand-in/document/loose.ts) read where they are.
 */
class ChunkedCells {
  /** What the sheet stores: pending array formulas by their own cell, not evaluated to be saved. */
  readonly rows: number;
  readonly columns: number;
  values: unknown[][] = [];
  formulas: (string | undefined)[][] = [];
  chunkStart = 1;
  /**
   * By column, the loose column that holds every row of the chunk: HyperFormula has nothing there,
   * so it is read from the loose contents and only the other columns (from hfFrom on) are asked of it.
   */
  looseAt: ((RawContent | undefined)[] | undefined)[] = [];
  hfFrom = 1;
  private readonly sheet: DocumentSheet;
  /** The cells each array formula in HyperFormula fills, by its corner: the ref of `<f t="array">`. */
  private readonly arrays: Map<string, Rect>;

  constructor(sheet: DocumentSheet) {
    this.sheet = sheet;
    ({ rows: this.rows, columns: this.columns } = sheet.storedExtent());
    this.arrays = sheet.detached ? new Map<string, Rect>() : arraysOf(sheet.workbook.evaluated(), sheet.hfId);
  }

  formulaAt(f: string, r: number, c: number): ExcelFormula {
    const spill = this.arrays.size > 0 ? this.arrays.get(arrayKey(r, c)) : undefined;
    return excelFormula(f, this.sheet.workbook.locale, spill, r, c);
  }

  /** Reads the chunk that begins at row r, when one does. */
  advance(r: number): void {
    if (r > this.rows || (r !== 1 && r - this.chunkStart < ROW_CHUNK)) return;
    const { sheet, columns } = this;
    const end = Math.min(this.rows, r + ROW_CHUNK - 1);
    this.chunkStart = r;
    this.values = [];
    this.formulas = [];
    this.looseAt = [];
    if (sheet.detached || columns === 0) return;
    let first = 0;
    let last = 0;
    for (let c = 1; c <= columns; c++) {
      const contents = sheet.loose.get(c);
      if (contents && holdsRows(contents, r, end)) this.looseAt[c] = contents;
      else {
        if (!first) first = c;
        last = c;
      }
    }
    this.hfFrom = first || 1;
    if (!first) return;
    const hf = sheet.workbook.evaluated();
    const range = {
      start: { sheet: sheet.hfId, row: r - 1, col: first - 1 },
      end: { sheet: sheet.hfId, row: end - 1, col: last - 1 },
    };
    this.values = hf.getRangeValues(range);
    if (sheet.loose.size > 0) sheet.overlayLoose(this.values, r, first);
    this.formulas = hf.getRangeFormulas(range);
    if (sheet.loose.size > 0) sheet.overlayLooseFormulas(this.formulas, r, first);
  }
}

/** The worksheet, its grid size, tab colour, frozen rows, column widths and merges. */
function openWorksheet(book: StreamBook, sheet: DocumentSheet, notes: Set<string>): ExcelJS.Worksheet {
  if (sheet.name.length > 31 || /[*?:/\\[\]]/.test(sheet.name) || /^'|'$/.test(sheet.name)) {
    notes.add(
      `Sheet names longer than 31 characters are kept; Excel may ask to repair them (LibreOffice accepts them).`
    );
  }
  const argb = sheet.tabColor ? toArgb(sheet.tabColor) : undefined;
  const ws = addWorksheetSized(
    book,
    sheet.name,
    {
      views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: 0 }] : [],
      ...(argb ? { properties: { tabColor: { argb } } } : {}),
    },
    `A1:${columnLetters(sheet.maxColumns)}${sheet.maxRows}`
  );
  for (const [c, px] of sheet.columnWidths) ws.getColumn(c).width = Math.round((px / 7) * 100) / 100;
  for (const c of sheet.hiddenColumns) ws.getColumn(c).hidden = true;
  // Merges first: ExcelJS marks the covered cells, which must not receive values afterwards.
  for (const m of sheet.merges) ws.mergeCells(m.r1, m.c1, m.r2, m.c2);
  return ws;
}

/** Row r straight to XML: its stored cells, then its styled empty cells. */
function writeRowXml(
  fast: RowXml,
  r: number,
  sheet: DocumentSheet,
  cells: ChunkedCells,
  styles: RowStyles,
  pending: PendingCells
): void {
  fast.begin(r);
  const { rows, columns, looseAt, hfFrom } = cells;
  const d = sheet.detached;
  const contents = r <= rows && d ? (d.rows[r - 1] ?? []) : null;
  const vs = r <= rows ? (cells.values[r - cells.chunkStart] ?? []) : [];
  const fs = r <= rows ? (cells.formulas[r - cells.chunkStart] ?? []) : [];
  const width =
    r <= rows ? (contents ? Math.max(contents.length, pending.lastColumn.get(r) ?? 0) : columns) : 0;
  const lastColumn = Math.max(width, styles.cells.size > 0 ? (styles.styledColumns.at(-1) ?? 0) : 0);
  for (let c = 1; c <= lastColumn; c++) {
    const styled = fast.styleAt(c) !== undefined;
    const array = pending.size > 0 && c <= width ? pending.get(cellKey(r, c)) : undefined;
    if (c > width) fast.cell(c, null, undefined, styled);
    else if (array) fast.cell(c, undefined, array, styled);
    else if (contents) {
      const content = contents[c - 1];
      if (content === null || content === undefined || typeof content !== 'string')
        fast.cell(c, content, undefined, styled);
      else if (content.charCodeAt(0) === 39) fast.cell(c, content.slice(1), undefined, styled);
      else if (content.charCodeAt(0) === 61)
        fast.cell(c, d!.cached.get(cellKey(r, c)), cells.formulaAt(content, r, c), styled);
      else fast.cell(c, { error: content }, undefined, styled);
    } else {
      const loose = looseAt[c];
      const v = loose ? looseValue(loose[r - 1]) : vs[c - hfFrom];
      const f = loose ? looseFormula(loose[r - 1]) : fs[c - hfFrom];
      fast.cell(c, v, f ? cells.formulaAt(f, r, c) : undefined, styled);
    }
  }
  fast.end();
}

/** Row r through ExcelJS's Row and Cell objects (a merged cell or a note in it). */
function writeExcelJsRow(
  ws: ExcelJS.Worksheet,
  r: number,
  sheet: DocumentSheet,
  cells: ChunkedCells,
  styles: RowStyles,
  pending: PendingCells
): void {
  let row: ExcelJS.Row | null = null;
  const cellAt = (c: number) => (row ??= ws.getRow(r)).getCell(c);
  if (r <= cells.rows) {
    if (sheet.detached) writeDetachedRow(cellAt, sheet.detached, r, sheet.workbook.locale, pending);
    else {
      const { looseAt, hfFrom } = cells;
      const vs = cells.values[r - cells.chunkStart] ?? [];
      const fs = cells.formulas[r - cells.chunkStart] ?? [];
      for (let c = 1; c <= cells.columns; c++) {
        const array = pending.size > 0 ? pending.get(cellKey(r, c)) : undefined;
        const loose = looseAt[c];
        const v = loose ? looseValue(loose[r - 1]) : vs[c - hfFrom];
        const f = loose ? looseFormula(loose[r - 1]) : fs[c - hfFrom];
        if ((v === null || v === undefined) && !f && !array) continue;
        const cell = cellAt(c);
        if (cell.type !== ExcelJS.ValueType.Merge)
          cell.value = array
            ? excelValue(undefined, array)
            : excelValue(v, f ? cells.formulaAt(f, r, c) : undefined);
      }
    }
  }
  for (const [c, { style, note }] of styles.cells) {
    if (note !== undefined) cellAt(c).note = note;
    if (style) cellAt(c).style = style;
  }
  (row as ExcelJS.Row | null)?.commit();
}

function writeValidations(ws: ExcelJS.Worksheet, sheet: DocumentSheet, notes: Set<string>): void {
  const dvs = (ws as unknown as { dataValidations: unknown }).dataValidations as {
    model: Record<string, ExcelJS.DataValidation>;
  };
  for (const run of resolveRuns(sheet.validations, sheet.maxRows, sheet.maxColumns)) {
    const dv = toExcelValidation(run.value, notes, sheet.workbook.locale);
    if (!dv) continue;
    const a1 = `${columnLetters(run.rect.c1)}${run.rect.r1}`;
    const key = run.rect.r1 === run.rect.r2 ? a1 : `${a1}:${columnLetters(run.rect.c2)}${run.rect.r2}`;
    dvs.model[key] = dv;
  }
}

/**
 * Writes one sheet. `uncalculated`: it saved array formulas without their results (the workbook is then
 * marked for a full calculation on load).
 */
export async function writeSheet(
  book: StreamBook,
  sheet: DocumentSheet,
  notes: Set<string>,
  yieldToZip: () => Promise<void>
): Promise<{ uncalculated: boolean }> {
  const ws = openWorksheet(book, sheet, notes);
  const mergedRows = new Set<number>();
  for (const m of sheet.merges) for (let r = m.r1; r <= m.r2; r++) mergedRows.add(r);
  const styles = new RowStyles(sheet);
  const fast = new RowXml(book, ws);
  const cells = new ChunkedCells(sheet);
  const pending = pendingCells(sheet);
  const lastRow = Math.max(cells.rows, styles.lastStyledRow);
  for (let r = 1; r <= lastRow; r++) {
    if (r % YIELD_ROWS === 0) {
      fast.flush();
      await yieldToZip();
    }
    cells.advance(r);
    if (styles.advance(r)) fast.restyle(styles.byColumn);
    // Rows with no merged cell and no note (nearly all of them) go straight to XML.
    if (!styles.hasNote && !mergedRows.has(r) && !ws.findRow(r)) {
      writeRowXml(fast, r, sheet, cells, styles, pending);
    } else {
      fast.flush();
      writeExcelJsRow(ws, r, sheet, cells, styles, pending);
    }
  }
  fast.flush();
  writeConditionalFormats(ws, sheet);
  writeValidations(ws, sheet, notes);
  ws.commit();
  return { uncalculated: pending.size > 0 };
}
