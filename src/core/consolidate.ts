/** Tổng hợp's domain: every unit's rows checked, cross-unit duplicates marked, counts per unit. */
import { PeopleSeen } from './duplicates';
import { firstFiller, formulaFunction, type FormulaCell } from './formula-cells';
import { a1 } from './formulas';
import { UNIT_SHEET_COL } from './layout';
import { consolidateMessages as cm } from './messages/consolidate';
import {
  checkUnitRows,
  createRowMemo,
  isBlankRow,
  problemMessage,
  type CheckedRow,
  type RowProblem,
  type ProblemLevel,
  type RawRow,
  type RowColumn,
  type RowMemo,
} from './rows';
import type { Unit } from './units';
import { cellText, normalizeText } from './text';

/**
 * What reading a unit's list found: 'ok', or why its rows could not be read. 'missing' is a shared file
 * without the unit's tab; a unit's own file may be 'no-file' (none made yet), 'unreachable' (deleted for
 * ever, or no longer shared with the person reading), 'trashed', or 'foreign' (the link in Cấu hình leads
 * to a file that is not this unit's). 'header-altered' is either's table header changed.
 */
export type UnitSheetState =
  'ok' | 'missing' | 'header-altered' | 'no-file' | 'unreachable' | 'trashed' | 'foreign';

/** Each state but 'ok' as a problem's code (run --json, the sidebar). */
const UNIT_STATE_CODE: Record<Exclude<UnitSheetState, 'ok'>, string> = {
  missing: 'SHEET_MISSING',
  'header-altered': 'HEADER_ALTERED',
  'no-file': 'FILE_MISSING',
  unreachable: 'FILE_UNREACHABLE',
  trashed: 'FILE_TRASHED',
  foreign: 'FILE_FOREIGN',
};

/** The problem that says a unit could not be read (null for a unit read). */
export function unitStateProblem(input: { unit: Unit; state: UnitSheetState }): ProblemEntry | null {
  if (input.state === 'ok') return null;
  return {
    unit: input.unit.code,
    row: null,
    column: null,
    level: 'error',
    code: UNIT_STATE_CODE[input.state],
    message: cm.unreadUnits[input.state]([input.unit.name]),
  };
}

/** What the shell read from one unit's sheet (one batched read). */
export interface UnitSheetInput {
  unit: Unit;
  state: UnitSheetState;
  /** The tab's current name ('' when missing) and id, for links to source rows. */
  tab: string;
  sheetId: number;
  /** The URL of the unit's own file, '' when its sheet is in the office's spreadsheet. */
  url: string;
  /** Sheet row of rows[0]. */
  firstDataRow: number;
  /** Cells of the data rows, columns Stt, Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú. */
  rows: unknown[][];
  /** The "Cập nhật lần cuối" cell. */
  lastUpdated: unknown;
  /** The unit ticked "Đã nhập xong" in its header (the mirror of its checkbox, in the same read). */
  done?: boolean;
  /** Formulas in the data cells (Họ và tên … Ghi chú of the data rows): none of those rows is counted. */
  formulas?: FormulaCell[];
  /** Other tabs of a unit's own file (it should hold the unit's sheet alone), by name. */
  otherSheets?: string[];
}

export interface UnitCounts {
  rows: number;
  valid: number;
  errors: number;
  warnings: number;
  duplicatesWithinUnit: number;
  duplicatesOfOtherUnits: number;
}

export interface CheckedEntry {
  raw: RawRow;
  checked: CheckedRow;
}

export interface UnitResult {
  unit: Unit;
  state: UnitSheetState;
  tab: string;
  sheetId: number;
  url: string;
  lastUpdated: unknown;
  entries: CheckedEntry[];
  counts: UnitCounts;
  /** Its status and the day it last changed, for the summary (Tổng hợp sets it; other readers do not). */
  followUp?: { text: string; since: Date | '' };
}

export interface ProblemEntry {
  unit: string;
  row: number | null;
  column: RowColumn | null;
  level: ProblemLevel;
  code: string;
  message: string;
}

export interface Consolidation {
  units: UnitResult[];
  problems: ProblemEntry[];
  totals: { units: number; rows: number; valid: number; errors: number; uniquePeople: number };
}

/**
 * A consolidation from each unit's counts alone (its rows already in the master, or only its figures kept):
 * what the summary and Báo cáo phường read.
 */
export function consolidationOfCounts(units: UnitResult[]): Consolidation {
  const sum = (key: keyof UnitCounts): number => units.reduce((total, u) => total + u.counts[key], 0);
  return {
    units,
    problems: [],
    totals: {
      units: units.length,
      rows: sum('rows'),
      valid: sum('valid'),
      errors: sum('errors'),
      uniquePeople: sum('valid') - sum('duplicatesOfOtherUnits'),
    },
  };
}

/** The cell of a unit sheet's column in a row as read (a short row reads as blank past its end). */
function cellAt(cells: readonly unknown[], column: number): unknown {
  return column <= cells.length ? cells[column - 1] : '';
}

export function toRawRow(cells: readonly unknown[], sheetRow: number): RawRow {
  return {
    sheetRow,
    stt: cellAt(cells, UNIT_SHEET_COL.stt),
    name: cellAt(cells, UNIT_SHEET_COL.name),
    birthYear: cellAt(cells, UNIT_SHEET_COL.birthYear),
    organisation: cellAt(cells, UNIT_SHEET_COL.organisation),
    residence: cellAt(cells, UNIT_SHEET_COL.residence),
    note: cellAt(cells, UNIT_SHEET_COL.note),
  };
}

function countRows(rows: readonly CheckedRow[]): UnitCounts {
  const counts: UnitCounts = {
    rows: rows.length,
    valid: 0,
    errors: 0,
    warnings: 0,
    duplicatesWithinUnit: 0,
    duplicatesOfOtherUnits: 0,
  };
  for (const row of rows) {
    if (!row.valid) {
      counts.errors++;
      if (row.problems.some((p) => p.code === 'DUPLICATE_IN_UNIT')) counts.duplicatesWithinUnit++;
      continue;
    }
    counts.valid++;
    // The master's Cần kiểm tra column holds the row's warnings and its "nghi trùng giữa đơn vị" line.
    if (row.hasWarning || row.suspectedOf?.reason === 'residence') counts.warnings++;
    if (row.duplicateOf) counts.duplicatesOfOtherUnits++;
  }
  return counts;
}

/** A unit's rows as read (by sheetRow − firstDataRow) and as checked (blank rows skipped). */
interface UnitCheck {
  raws: RawRow[];
  rows: CheckedRow[];
}

function checkUnit(input: UnitSheetInput, currentYear: number, memo: RowMemo): UnitCheck {
  const raws: RawRow[] = new Array(input.rows.length);
  for (let i = 0; i < raws.length; i++) raws[i] = toRawRow(input.rows[i], input.firstDataRow + i);
  const ctx = { unitName: input.unit.name, unitCode: input.unit.code, currentYear };
  const formulas = input.formulas ?? [];
  if (formulas.length === 0) return { raws, rows: checkUnitRows(raws, ctx, memo) };
  // Rows a formula touched: their computed values go (never taken as typed), the rest is checked as usual.
  const flagged = formulaProblems(raws, formulas);
  const sane = raws.map((raw) => flagged.get(raw.sheetRow)?.raw ?? raw);
  const checked = checkUnitRows(
    sane.map((raw) => (flagged.has(raw.sheetRow) ? blankRaw(raw.sheetRow) : raw)),
    ctx,
    memo
  );
  const rows: CheckedRow[] = [];
  let next = 0;
  for (const raw of sane) {
    const flag = flagged.get(raw.sheetRow);
    if (flag) rows.push(formulaRow(raw, flag.problems));
    else if (next < checked.length && checked[next].sheetRow === raw.sheetRow) rows.push(checked[next++]);
  }
  return { raws: sane, rows };
}

const blankRaw = (sheetRow: number): RawRow => ({
  sheetRow,
  stt: '',
  name: '',
  birthYear: '',
  organisation: '',
  residence: '',
  note: '',
});

/** The form's data columns, by sheet column: where a formula cell's problem is shown. */
const DATA_COLUMNS: readonly (readonly [number, RowColumn])[] = [
  [UNIT_SHEET_COL.name, 'name'],
  [UNIT_SHEET_COL.birthYear, 'birthYear'],
  [UNIT_SHEET_COL.organisation, 'organisation'],
  [UNIT_SHEET_COL.residence, 'residence'],
  [UNIT_SHEET_COL.note, 'note'],
];

/**
 * The rows a formula touched, with what is kept of them (a formula cell shows its formula's text, a cell
 * it may have filled shows nothing) and their problems: a formula in the row (FORMULA_CELL, each cell
 * named), or a row under a formula whose result may have filled it (FORMULA_FILLED).
 */
function formulaProblems(
  raws: readonly RawRow[],
  formulas: readonly FormulaCell[]
): Map<number, { raw: RawRow; problems: RowProblem[] }> {
  const byRow = new Map<number, FormulaCell[]>();
  for (const cell of formulas) byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), cell]);
  const filler = firstFiller(formulas);
  const out = new Map<number, { raw: RawRow; problems: RowProblem[] }>();
  for (const raw of raws) {
    const own = byRow.get(raw.sheetRow);
    const filled = filler !== null && raw.sheetRow > filler.row && !isBlankRow(raw);
    if (!own && !filled) continue;
    const problems: RowProblem[] = [];
    const kept: RawRow = { ...raw };
    // An array fills to the right of its own cell too: those cells of its row are not typed either.
    const fillsRight = (column: number) =>
      filler !== null && raw.sheetRow === filler.row && column > filler.column;
    for (const [column, key] of DATA_COLUMNS) {
      const cell = own?.find((c) => c.column === column);
      if (!cell && fillsRight(column)) {
        kept[key] = '';
      } else if (cell) {
        const fn = formulaFunction(cell.formula);
        kept[key] = cell.formula;
        problems.push({
          column: key,
          level: 'error',
          code: 'FORMULA_CELL',
          message: problemMessage('FORMULA_CELL', {
            cell: a1(cell.row, cell.column),
            function: fn === '' ? '' : ` (${fn})`,
          }),
        });
      } else if (filled) {
        kept[key] = '';
      }
    }
    if (filled && filler) {
      problems.push({
        column: 'name',
        level: 'error',
        code: 'FORMULA_FILLED',
        message: problemMessage('FORMULA_FILLED', { cell: a1(filler.row, filler.column) }),
      });
    }
    out.set(raw.sheetRow, { raw: kept, problems });
  }
  return out;
}

/**
 * A unit's rows as read, with what formulas computed taken out (issue 25): a formula cell holds its formula's
 * text, a cell a formula may have filled holds nothing. What Tách thành tệp riêng copies into a unit's file, so
 * that a formula's result never becomes typed data there.
 */
export function rowsWithoutFormulaValues(input: UnitSheetInput): unknown[][] {
  const formulas = input.formulas ?? [];
  if (formulas.length === 0) return input.rows.map((row) => [...row]);
  const raws = input.rows.map((cells, i) => toRawRow(cells, input.firstDataRow + i));
  const flagged = formulaProblems(raws, formulas);
  return input.rows.map((cells, i) => {
    const kept = flagged.get(input.firstDataRow + i)?.raw;
    if (!kept) return [...cells];
    const out = [...cells];
    for (const [column, key] of DATA_COLUMNS) if (column <= out.length) out[column - 1] = kept[key];
    return out;
  });
}

/** A row a formula touched, as checked: never valid, never a person. */
function formulaRow(raw: RawRow, problems: RowProblem[]): CheckedRow {
  const text = (value: unknown) => normalizeText(cellText(value));
  return {
    sheetRow: raw.sheetRow,
    name: text(raw.name),
    birthYear: null,
    organisation: text(raw.organisation),
    residence: text(raw.residence),
    note: text(raw.note),
    problems,
    valid: false,
    hasWarning: false,
    personKey: null,
    namesake: false,
  };
}

/** Pairs each checked row with the raw row it came from (a copy made by marking keeps its sheetRow). */
function entriesOf(check: UnitCheck, rows: readonly CheckedRow[], firstDataRow: number): CheckedEntry[] {
  const entries: CheckedEntry[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    entries[i] = { raw: check.raws[row.sheetRow - firstDataRow], checked: row };
  }
  return entries;
}

/** Checks one unit's rows with the shared row rules (the sidebar calls this too). */
export function checkUnitSheet(input: UnitSheetInput, currentYear: number): CheckedEntry[] {
  const check = checkUnit(input, currentYear, createRowMemo());
  return entriesOf(check, check.rows, input.firstDataRow);
}

/** Appends the problems of a unit's rows to `out`, in row order. */
function pushProblems(out: ProblemEntry[], unitCode: string, rows: readonly CheckedRow[]): void {
  for (const row of rows) {
    for (const p of row.problems) {
      out.push({
        unit: unitCode,
        row: row.sheetRow,
        column: p.column,
        level: p.level,
        code: p.code,
        message: p.message,
      });
    }
  }
}

/**
 * One unit of a consolidation, in set-up order: its rows checked and marked against the people the units
 * before it listed (`seen`, which then remembers this unit's), and counted. Tổng hợp calls it unit by unit,
 * over several executions; `consolidateUnits` for all at once.
 */
export function consolidateUnit(
  input: UnitSheetInput,
  unitIndex: number,
  currentYear: number,
  seen: PeopleSeen,
  memo: RowMemo = createRowMemo()
): UnitResult {
  const check = input.state === 'ok' ? checkUnit(input, currentYear, memo) : { raws: [], rows: [] };
  const rows = seen.mark(unitIndex, {
    unitCode: input.unit.code,
    unitName: input.unit.name,
    rows: check.rows,
  }).rows;
  return {
    unit: input.unit,
    state: input.state,
    tab: input.tab,
    sheetId: input.sheetId,
    url: input.url,
    lastUpdated: input.lastUpdated,
    entries: entriesOf(check, rows, input.firstDataRow),
    counts: countRows(rows),
  };
}

/**
 * Consolidates the units in set-up order. A unit whose list could not be read (see UnitSheetState)
 * contributes no rows and one problem; every other unit is still consolidated.
 */
export function consolidateUnits(inputs: readonly UnitSheetInput[], currentYear: number): Consolidation {
  // One memo for all units: names and residences repeat across units too.
  const memo = createRowMemo();
  const seen = new PeopleSeen();
  const problems: ProblemEntry[] = [];
  const units = inputs.map((input, i): UnitResult => {
    const unit = consolidateUnit(input, i, currentYear, seen, memo);
    const unread = unitStateProblem(input);
    if (unread) problems.push(unread);
    pushProblems(
      problems,
      input.unit.code,
      unit.entries.map((entry) => entry.checked)
    );
    return unit;
  });
  const sum = (key: keyof UnitCounts): number => units.reduce((total, u) => total + u.counts[key], 0);
  return {
    units,
    problems,
    totals: {
      units: units.length,
      rows: sum('rows'),
      valid: sum('valid'),
      errors: sum('errors'),
      // Each unit's valid rows less those another unit listed first: the summary's own formula.
      uniquePeople: sum('valid') - sum('duplicatesOfOtherUnits'),
    },
  };
}
