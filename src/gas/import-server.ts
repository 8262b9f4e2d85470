/**
 * Server side of "Nhập từ tệp" (and of `tonghop import`). Like every function of the bundle, these
 * can be called from the browser with anything, so each validates its request first.
 */
import { formulasFor, literalText, plainTextEntry, type Formulas } from '../core/formulas';
import { analyseImport, type ImportAnalysis, type ImportCell } from '../core/import';
import {
  importRowsRequestSchema,
  importTableSchema,
  MAX_PREVIEW_ROWS,
  previewImportRequestSchema,
  type ImportFailure,
  type ImportPreview,
  type ImportResult,
  type ImportRowsRequest,
  type PreviewImportRequest,
} from '../core/import-api';
import { unpackTable } from '../core/import-wire';
import { sttFormula, UNIT_SHEET, UNIT_SHEET_COL } from '../core/layout';
import { checkMessages } from '../core/messages/check';
import { importMessages as im } from '../core/messages/import';
import type { UnitSheetInput } from '../core/consolidate';
import type { Unit } from '../core/units';
import { showSidebar, underDocumentLock, withDetail } from './run';
import { currentYear, ensureRows } from './sheet-utils';
import {
  activeUnit,
  findUnit,
  loadUnitContext,
  type UnitContext,
  type UnitSheetRef,
} from './workbook-context';

const NO_COUNTS = { rows: 0, toImport: 0, valid: 0, warnings: 0, errors: 0, present: 0, ignored: 0 };

function emptyPreview(message: string, problem: ImportFailure | null, selected = ''): ImportPreview {
  return {
    ok: false,
    message,
    problem,
    selected,
    options: [],
    sheet: '',
    header: null,
    rows: [],
    counts: NO_COUNTS,
    firstRow: 0,
  };
}

function failedImport(message: string, problem: ImportFailure, unit = ''): ImportResult {
  return {
    ok: false,
    message,
    problem,
    unit,
    sheet: '',
    imported: 0,
    present: 0,
    withErrors: 0,
    withWarnings: 0,
    firstRow: 0,
    lastRow: 0,
  };
}

/** The unit's sheet read now (one batched read), or why it cannot take rows. */
function unitTarget(
  ctx: UnitContext,
  unit: Unit
): { ref: UnitSheetRef; input: UnitSheetInput } | { message: string } {
  const ref = ctx.lists.of(unit);
  const input = ctx.lists.read(unit);
  if (input.state !== 'ok') return { message: checkMessages.unread[input.state](unit.name) };
  if (!ref) return { message: checkMessages.unread.missing(unit.name) };
  return { ref, input };
}

/**
 * The request's table: `table` as sent, or `packed` unpacked and validated like `table`; undefined when
 * neither is there, null when `packed` is not a table.
 */
function requestTable(data: { table?: ImportCell[][]; packed?: string }): ImportCell[][] | null | undefined {
  if (data.table !== undefined || data.packed === undefined) return data.table;
  const parsed = importTableSchema.safeParse(unpackTable(data.packed));
  return parsed.success ? parsed.data : null;
}

/**
 * The rows the sidebar shows of a long file: those with an error, a warning or already there first,
 * then the rest, up to MAX_PREVIEW_ROWS, in the file's order.
 */
function previewRows(rows: ImportAnalysis['rows']): ImportAnalysis['rows'] {
  if (rows.length <= MAX_PREVIEW_ROWS) return rows;
  const first = rows.filter((row) => row.status !== 'valid').slice(0, MAX_PREVIEW_ROWS);
  const chosen = new Set(first);
  for (const row of rows) {
    if (chosen.size >= MAX_PREVIEW_ROWS) break;
    chosen.add(row);
  }
  return rows.filter((row) => chosen.has(row));
}

/** Checks the table against the unit's rows as just read. */
function analyse(unit: Unit, input: UnitSheetInput, table: ImportCell[][]): ImportAnalysis {
  return analyseImport(table, {
    unitCode: unit.code,
    unitName: unit.name,
    currentYear: currentYear(),
    existing: input.rows,
    firstDataRow: input.firstDataRow,
  });
}

/**
 * The import screen: with no table, the units and the open one (to fill the selector); with a table,
 * the preview of each row against the unit's sheet as it is now. Writes nothing.
 */
export function previewImport(request?: PreviewImportRequest): ImportPreview {
  const parsed = previewImportRequestSchema.safeParse(request ?? {});
  if (!parsed.success) return emptyPreview(im.badRequest, 'bad-request');
  const ctx = loadUnitContext();
  if (typeof ctx === 'string') return emptyPreview(ctx, 'workbook');
  const options = ctx.units.map((unit) => ({ code: unit.code, name: unit.name }));
  const wanted = parsed.data.unit;
  // Absent: the open sheet's unit; '' means none chosen yet.
  const unit = wanted ? findUnit(ctx, wanted) : wanted === undefined ? activeUnit(ctx) : undefined;
  if (wanted && !unit) return { ...emptyPreview(checkMessages.unknownUnit(wanted), 'unit'), options };
  const base = { ...emptyPreview('', null, unit?.code ?? ''), options };
  const table = requestTable(parsed.data);
  if (table === null) return emptyPreview(im.badRequest, 'bad-request');
  if (table === undefined) return { ...base, ok: true };
  if (!unit) return { ...base, message: im.noUnitChosen, problem: 'unit' };
  const target = unitTarget(ctx, unit);
  if ('message' in target) return { ...base, message: target.message, problem: 'unit' };
  const analysis = analyse(unit, target.input, table);
  const rows = parsed.data.allRows ? analysis.rows : previewRows(analysis.rows);
  return {
    ...base,
    ok: analysis.ok,
    message: analysis.message,
    problem: analysis.problem,
    sheet: target.ref.sheet.getName(),
    header: analysis.header,
    rows,
    ...(rows.length < analysis.rows.length ? { omitted: analysis.rows.length - rows.length } : {}),
    counts: analysis.counts,
    firstRow: analysis.firstRow,
  };
}

/**
 * "Nhập N dòng": checks the table again against the sheet as it is now (someone may have typed in the
 * meantime), then appends the new rows below the unit's last row in one batch, under the document
 * lock. Nothing already in the sheet is ever overwritten.
 */
export function importRows(request: ImportRowsRequest): ImportResult {
  const parsed = importRowsRequestSchema.safeParse(request);
  if (!parsed.success) return failedImport(im.badRequest, 'bad-request');
  if (!parsed.data.confirmed) return failedImport(im.notConfirmed, 'bad-request', parsed.data.unit);
  const table = requestTable(parsed.data);
  if (!table) return failedImport(im.badRequest, 'bad-request', parsed.data.unit);
  const ctx = loadUnitContext();
  if (typeof ctx === 'string') return failedImport(ctx, 'workbook');
  const unit = findUnit(ctx, parsed.data.unit);
  if (!unit) return failedImport(checkMessages.unknownUnit(parsed.data.unit), 'unit', parsed.data.unit);

  // The sidebar shows the outcome itself: the lock without withDocumentLock's dialog (one message, not two).
  return underDocumentLock(
    () => failedImport(im.busy, 'busy', unit.code),
    () => {
      const target = unitTarget(ctx, unit);
      if ('message' in target) return failedImport(target.message, 'unit', unit.code);
      if (!ctx.lists.canEdit(target.ref)) return failedImport(im.noPermission, 'permission', unit.code);
      const analysis = analyse(unit, target.input, table);
      if (!analysis.ok)
        return { ...failedImport(analysis.message, analysis.problem ?? 'bad-request', unit.code) };
      return writeRows(ctx, target.ref, unit, analysis, formulasFor(ctx.ss.getSpreadsheetLocale()));
    },
    (message, detail) => withDetail(failedImport(message, 'workbook', unit.code), detail),
    im.retryImport
  );
}

/** Google recommends at most 2 MB per request; each write of the rows stays well under it. */
const CHUNK_BYTES = 1_000_000;

/** [start, end) pieces of `grid` whose cells as JSON stay under `bytes` (a row is never split). */
function chunksOf(grid: readonly (readonly unknown[])[], bytes: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let size = 0;
  grid.forEach((row, i) => {
    const rowBytes = utf8Length(JSON.stringify(row)) + 1;
    if (i > start && size + rowBytes > bytes) {
      out.push([start, i]);
      start = i;
      size = 0;
    }
    size += rowBytes;
  });
  if (start < grid.length) out.push([start, grid.length]);
  return out;
}

/** UTF-8 length of a string (no TextEncoder or Buffer in Apps Script). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function writeRows(
  ctx: UnitContext,
  ref: UnitSheetRef,
  unit: Unit,
  analysis: ImportAnalysis,
  formulas: Formulas
): ImportResult {
  const sheet = ref.sheet;
  const rows = analysis.rows.filter((row) => row.sheetRow !== null);
  const present = analysis.counts.present;
  const result: ImportResult = {
    ok: true,
    message: '',
    problem: null,
    unit: unit.code,
    sheet: sheet.getName(),
    imported: rows.length,
    present,
    withErrors: analysis.counts.errors,
    withWarnings: analysis.counts.warnings,
    firstRow: 0,
    lastRow: 0,
  };
  if (rows.length === 0) return { ...result, message: im.nothingNew(present) };
  const first = analysis.firstRow;
  const last = first + rows.length - 1;
  if (sheet.getMaxRows() < last) {
    ensureRows(sheet, last);
    // The rows added get Năm sinh's plain-text format and the Kiểm tra column's formulas before the rows
    // are written (what is typed into plain text stays text).
    ctx.lists.syncCheckColumn(ref, formulas, ctx.year());
  }
  // Columns A..F of rows that hold nothing (analysis.firstRow is below the last row with anything):
  // Stt's formula, then the cells as typed; text as literal text so that "=…" or "+84…" stays text.
  // Năm sinh is a plain-text column: its text goes in as it is (plainTextEntry), and so does a number read
  // from the file (85 from a CSV stays the text typed, as the unit's staff would have typed it, not a
  // number the Kiểm tra column would take for a date).
  const yearIndex = UNIT_SHEET_COL.birthYear - UNIT_SHEET_COL.name;
  const values = rows.map((row, i) => [
    sttFormula(formulas, first + i),
    ...row.values.map((value, c) =>
      c === yearIndex && (typeof value === 'string' || typeof value === 'number')
        ? plainTextEntry(String(value))
        : typeof value === 'string'
          ? literalText(value)
          : value
    ),
  ]);
  // One batch below the last row, in the same execution under the document lock; a long file in a few
  // calls of at most CHUNK_BYTES each, as Google recommends (10,000 rows: about 24 s modelled in all).
  for (const [start, end] of chunksOf(values, CHUNK_BYTES)) {
    sheet.getRange(first + start, 1, end - start, UNIT_SHEET.columns).setValues(values.slice(start, end));
  }
  const done = { ...result, firstRow: first, lastRow: last };
  return { ...done, message: im.imported(done) };
}

/** Menu "Nhập từ tệp": the sidebar, opened on its import screen. */
export function showImportSidebar(): void {
  // The page reads this once it has loaded (the line lands after the page's own script).
  showSidebar(im.title, '<script>window.tonghopScreen = "import";</script>');
}
