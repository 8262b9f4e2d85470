/**
 * Server side of the "Kiểm tra dữ liệu" sidebar (and of `tonghop check`). Every function here can be
 * called from the browser with any argument, so each validates its request first.
 */
import {
  consolidateUnits,
  toRawRow,
  type UnitCounts,
  type UnitSheetInput,
  type UnitSheetState,
} from '../core/consolidate';
import { proposeFixes } from '../core/fixes';
import { columnLetter, literalText } from '../core/formulas';
import { UNIT_SHEET, UNIT_SHEET_COL } from '../core/layout';
import { checkMessages as m } from '../core/messages/check';
import { columnLabel, type RowColumn } from '../core/rows';
import {
  ALL_UNITS,
  applyFixesRequestSchema,
  checkRequestSchema,
  selectCellRequestSchema,
  type ApplyFixesRequest,
  type ApplyFixesResponse,
  type CheckRequest,
  type CheckResponse,
  type FixItem,
  type FixPreview,
  type ProblemItem,
  type SelectCellRequest,
  type UnitCheck,
} from '../core/sidebar-api';
import type { Unit } from '../core/units';
import { showSidebar, underDocumentLock, withDetail } from './run';
import {
  activeUnit,
  ensureConfigSheet,
  findUnit,
  loadUnitContext,
  type Sheet,
  type UnitContext,
} from './workbook-context';

/** Enough for any unit's sidebar and under 200 KB; the CLI asks for all. */
const DEFAULT_MAX_PROBLEMS = 400;

/** The unit sheet's position of each row column (Kiểm tra is not one of them). */
const COLUMN_INDEX: Record<RowColumn, number> = {
  stt: UNIT_SHEET_COL.stt,
  name: UNIT_SHEET_COL.name,
  birthYear: UNIT_SHEET_COL.birthYear,
  organisation: UNIT_SHEET_COL.organisation,
  residence: UNIT_SHEET_COL.residence,
  note: UNIT_SHEET_COL.note,
};

/** An own key of COLUMN_INDEX ("constructor" or "toString" are not columns). */
function isRowColumn(column: string): column is RowColumn {
  return Object.prototype.hasOwnProperty.call(COLUMN_INDEX, column);
}

function emptyResponse(message: string, selected = ''): CheckResponse {
  return { ok: false, message, selected, options: [], units: [], problems: [], truncated: 0, allUnits: true };
}

function unitCheck(input: UnitSheetInput, counts: UnitCounts): UnitCheck {
  const { unit } = input;
  return {
    code: unit.code,
    name: unit.name,
    sheet: input.tab,
    state: input.state,
    target: unit.target,
    rows: counts.rows,
    valid: counts.valid,
    errors: counts.errors,
    warnings: counts.warnings,
    coverage: unit.target > 0 ? counts.valid / unit.target : null,
  };
}

/** Sidebar "Kiểm tra lại" and the unit selector; `tonghop check`. */
export function checkData(request?: CheckRequest): CheckResponse {
  const parsed = checkRequestSchema.safeParse(request ?? {});
  if (!parsed.success) return emptyResponse(m.badRequest);
  const ctx = loadUnitContext();
  if (typeof ctx === 'string') return emptyResponse(ctx);
  const wanted = parsed.data.unit;
  // Each unit's own file: one at a time (all of them is Tổng hợp's work, a file opened each).
  const perFile = ctx.lists.perUnitFiles;
  const options = ctx.units.map((unit) => ({ code: unit.code, name: unit.name }));
  const none = (ok: boolean, message: string): CheckResponse => ({
    ...emptyResponse(message),
    ok,
    options,
    allUnits: !perFile,
  });
  let selected: Unit[];
  if (wanted === undefined || wanted === '') {
    const open = activeUnit(ctx);
    selected = open ? [open] : perFile ? [] : ctx.units;
    if (selected.length === 0) return none(true, m.chooseUnit);
  } else if (wanted === ALL_UNITS) {
    if (perFile) return none(false, m.allUnitsPerFile);
    selected = ctx.units;
  } else {
    const unit = findUnit(ctx, wanted);
    if (!unit) return emptyResponse(m.unknownUnit(wanted));
    selected = [unit];
  }
  const all = selected.length > 1 || wanted === ALL_UNITS;
  const inputs = selected.map(ctx.lists.read);
  // All units: the same rules and counts as Tổng hợp, cross-unit repeats included.
  const consolidation = consolidateUnits(inputs, ctx.year());
  const tabOf = new Map(inputs.map((input) => [input.unit.code, input.tab]));
  const nameOf = new Map(inputs.map((input) => [input.unit.code, input.unit.name]));
  // A unit's own file: its cells are reached by a link (#gid of its sheet and the range).
  const fileOf = new Map(
    inputs.map((input) => [input.unit.code, input.url === '' ? '' : `${input.url}#gid=${input.sheetId}`])
  );
  const problems: ProblemItem[] = consolidation.problems
    .filter((p) => p.row !== null && p.column !== null)
    .map((p) => {
      const column = p.column as RowColumn;
      return {
        unit: p.unit,
        unitName: nameOf.get(p.unit) ?? '',
        sheet: tabOf.get(p.unit) ?? '',
        row: p.row as number,
        column,
        columnLabel: columnLabel(column),
        a1: `${columnLetter(COLUMN_INDEX[column])}${p.row}`,
        level: p.level,
        code: p.code,
        message: p.message,
        link: fileOf.get(p.unit)
          ? `${fileOf.get(p.unit)}&range=${columnLetter(COLUMN_INDEX[column])}${p.row}`
          : '',
      };
    });
  const limit = parsed.data.maxProblems ?? DEFAULT_MAX_PROBLEMS;
  const notes = inputs
    .filter((input) => input.state !== 'ok')
    .map((input) => m.unread[input.state as Exclude<UnitSheetState, 'ok'>](input.unit.name));
  return {
    ok: notes.length === 0 || all,
    message: notes.join('\n'),
    selected: all ? ALL_UNITS : selected[0].code,
    options,
    allUnits: !perFile,
    units: consolidation.units.map((result, i) => unitCheck(inputs[i], result.counts)),
    problems: problems.slice(0, limit),
    truncated: Math.max(0, problems.length - limit),
  };
}

/** Sidebar: a click on a problem selects its cell. */
export function selectProblemCell(request: SelectCellRequest): { ok: boolean; message: string } {
  const parsed = selectCellRequestSchema.safeParse(request);
  if (!parsed.success || !isRowColumn(parsed.data.column)) return { ok: false, message: m.badRequest };
  const ctx = loadUnitContext();
  if (typeof ctx === 'string') return { ok: false, message: ctx };
  const unit = findUnit(ctx, parsed.data.unit);
  const ref = unit && ctx.lists.of(unit);
  if (!unit || !ref) return { ok: false, message: m.unknownUnit(parsed.data.unit) };
  const row = Math.max(1, Math.min(Math.floor(parsed.data.row), ref.sheet.getMaxRows()));
  ref.sheet.activate();
  ref.sheet.getRange(row, COLUMN_INDEX[parsed.data.column as RowColumn]).activate();
  return { ok: true, message: '' };
}

function unitFixes(unit: Unit, input: UnitSheetInput, year: number): FixItem[] {
  return input.rows.flatMap((cells, i) =>
    proposeFixes(toRawRow(cells, input.firstDataRow + i), { unitName: unit.name, currentYear: year }).map(
      (fix) => ({
        unit: unit.code,
        sheet: input.tab,
        row: fix.sheetRow,
        column: fix.column,
        columnLabel: columnLabel(fix.column),
        a1: `${columnLetter(COLUMN_INDEX[fix.column])}${fix.sheetRow}`,
        before: fix.before,
        after: fix.after,
      })
    )
  );
}

/** Sidebar "Sửa tự động": what would change, before → after. Nothing is written here. */
export function previewFixes(request?: CheckRequest): FixPreview {
  const parsed = checkRequestSchema.safeParse(request ?? {});
  if (!parsed.success) return { ok: false, message: m.badRequest, fixes: [] };
  const ctx = loadUnitContext();
  if (typeof ctx === 'string') return { ok: false, message: ctx, fixes: [] };
  const wanted = parsed.data.unit;
  const units =
    wanted === ALL_UNITS
      ? ctx.units
      : [wanted ? findUnit(ctx, wanted) : activeUnit(ctx)].filter((unit): unit is Unit => unit !== undefined);
  if (units.length === 0) return { ok: false, message: m.unknownUnit(wanted ?? ''), fixes: [] };
  const year = ctx.year();
  const fixes = units.flatMap((unit) => {
    const input = ctx.lists.read(unit);
    return input.state === 'ok' ? unitFixes(unit, input, year) : [];
  });
  return { ok: true, message: fixes.length === 0 ? m.nothingToFix : '', fixes };
}

/** What a cell holds as the preview showed it. */
function shown(value: unknown, formatDate: UnitContext['formatDate']): string | number {
  if (typeof value === 'number') return value;
  if (Object.prototype.toString.call(value) === '[object Date]')
    return formatDate(value as Date, 'dd/MM/yyyy');
  return String(value ?? '');
}

/**
 * Sidebar "Áp dụng": writes the confirmed fixes in one batch over the rows they touch. Cells that
 * changed since the preview are skipped; every other cell of the block is written back as it was
 * (formulas as formulas, text as literal text), so nothing else in the sheet changes.
 */
export function applyFixes(request: ApplyFixesRequest): ApplyFixesResponse {
  const parsed = applyFixesRequestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, message: m.badRequest, applied: 0, skipped: 0 };
  if (!parsed.data.confirmed) return { ok: false, message: m.notConfirmed, applied: 0, skipped: 0 };
  const ctx = loadUnitContext();
  if (typeof ctx === 'string') return { ok: false, message: ctx, applied: 0, skipped: 0 };
  const unit = findUnit(ctx, parsed.data.unit);
  const ref = unit && ctx.lists.of(unit);
  if (!unit || !ref) return { ok: false, message: m.unknownUnit(parsed.data.unit), applied: 0, skipped: 0 };
  const maxRow = ref.sheet.getMaxRows();
  const fixes = parsed.data.fixes
    .filter(
      (fix) =>
        isRowColumn(fix.column) && Number.isInteger(fix.row) && fix.row > ref.headerRow && fix.row <= maxRow
    )
    .map((fix) => ({ ...fix, column: fix.column as RowColumn }));
  if (fixes.length === 0) return { ok: true, message: m.nothingToFix, applied: 0, skipped: 0 };
  if (!ctx.lists.canEdit(ref)) return { ok: false, message: m.noPermission, applied: 0, skipped: 0 };

  const failed = (message: string): ApplyFixesResponse => ({ ok: false, message, applied: 0, skipped: 0 });
  return underDocumentLock(
    () => failed(m.busy),
    // The Kiểm tra column's formulas follow the fixed cells by themselves.
    () => writeFixes(ref.sheet, fixes, ctx.formatDate),
    (message, detail) => withDetail(failed(message), detail),
    m.retryApply
  );
}

/**
 * Writes only the cells that change, a call per run of adjacent rows in a column, so that nothing else in
 * the sheet is rewritten (a neighbour's typing, rich text). Cells that changed since the preview are
 * skipped. The block is read once to check that.
 */
function writeFixes(
  sheet: Sheet,
  fixes: { row: number; column: RowColumn; before: string | number; after: string | number }[],
  formatDate: UnitContext['formatDate']
): ApplyFixesResponse {
  const first = Math.min(...fixes.map((fix) => fix.row));
  const last = Math.max(...fixes.map((fix) => fix.row));
  // Columns Họ và tên … Ghi chú: Stt's formulas are never touched.
  const from = UNIT_SHEET_COL.name;
  const block = sheet.getRange(first, from, last - first + 1, UNIT_SHEET.columns - from + 1);
  const values = block.getValues();
  const formulas = block.getFormulas();
  const accepted = fixes.filter((fix) => {
    const r = fix.row - first;
    const c = COLUMN_INDEX[fix.column] - from;
    return c >= 0 && !formulas[r][c] && shown(values[r][c], formatDate) === fix.before;
  });
  accepted.sort((a, b) => COLUMN_INDEX[a.column] - COLUMN_INDEX[b.column] || a.row - b.row);
  for (let i = 0; i < accepted.length;) {
    let j = i + 1;
    while (
      j < accepted.length &&
      accepted[j].column === accepted[i].column &&
      accepted[j].row === accepted[j - 1].row + 1
    )
      j++;
    const run = accepted.slice(i, j);
    const cells = sheet.getRange(run[0].row, COLUMN_INDEX[run[0].column], run.length, 1);
    cells.setValues(run.map((fix) => [typeof fix.after === 'string' ? literalText(fix.after) : fix.after]));
    // A year taken from a birth date must not keep the date format, or 1985 would show as 07/06/1905.
    if (run[0].column === 'birthYear') cells.setNumberFormat('0');
    i = j;
  }
  const skipped = fixes.length - accepted.length;
  return { ok: true, message: m.applied(accepted.length, skipped), applied: accepted.length, skipped };
}

/** Menu "Kiểm tra dữ liệu": opens the sidebar (creating the set-up sheet first when it is missing). */
export function showCheckSidebar(): void {
  ensureConfigSheet();
  showSidebar(m.title);
}
