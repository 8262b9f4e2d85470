/** Tổng hợp's domain: every unit's rows checked, cross-unit duplicates marked, counts per unit. */
import { markCrossUnitDuplicates } from './duplicates';
import { consolidateMessages as cm } from './messages/consolidate';
import { checkUnitRows, type CheckedRow, type ProblemLevel, type RawRow, type RowColumn } from './rows';
import type { Unit } from './units';

export type UnitSheetState = 'ok' | 'missing' | 'header-altered';

/** What the shell read from one unit's sheet (one batched read). */
export interface UnitSheetInput {
  unit: Unit;
  state: UnitSheetState;
  /** The tab's current name ('' when missing) and id, for links to source rows. */
  tab: string;
  sheetId: number;
  /** Sheet row of rows[0]. */
  firstDataRow: number;
  /** Cells of the data rows, columns Stt, Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú. */
  rows: unknown[][];
  /** The "Cập nhật lần cuối" cell. */
  lastUpdated: unknown;
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
  lastUpdated: unknown;
  entries: CheckedEntry[];
  counts: UnitCounts;
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

export function toRawRow(cells: readonly unknown[], sheetRow: number): RawRow {
  const cell = (index: number): unknown => (index < cells.length ? cells[index] : '');
  return {
    sheetRow,
    stt: cell(0),
    name: cell(1),
    birthYear: cell(2),
    organisation: cell(3),
    residence: cell(4),
    note: cell(5),
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
    if (row.hasWarning) counts.warnings++;
    if (row.duplicateOf) counts.duplicatesOfOtherUnits++;
  }
  return counts;
}

/** Checks one unit's rows with the shared row rules (the sidebar calls this too). */
export function checkUnitSheet(input: UnitSheetInput, currentYear: number): CheckedEntry[] {
  const raws = input.rows.map((cells, index) => toRawRow(cells, input.firstDataRow + index));
  const checked = checkUnitRows(raws, { unitName: input.unit.name, unitCode: input.unit.code, currentYear });
  return checked.map((row) => ({ raw: raws[row.sheetRow - input.firstDataRow], checked: row }));
}

function problemsOf(unitCode: string, rows: readonly CheckedRow[]): ProblemEntry[] {
  return rows.flatMap((row) =>
    row.problems.map((p) => ({
      unit: unitCode,
      row: row.sheetRow,
      column: p.column,
      level: p.level,
      code: p.code,
      message: p.message,
    }))
  );
}

/**
 * Consolidates the units in set-up order. A unit whose sheet is missing or whose header was altered
 * contributes no rows and one problem; every other unit is still consolidated.
 */
export function consolidateUnits(inputs: readonly UnitSheetInput[], currentYear: number): Consolidation {
  const checkedByUnit = inputs.map((input) =>
    input.state === 'ok' ? checkUnitSheet(input, currentYear) : []
  );
  const marked = markCrossUnitDuplicates(
    inputs.map((input, i) => ({
      unitCode: input.unit.code,
      unitName: input.unit.name,
      rows: checkedByUnit[i].map((entry) => entry.checked),
    }))
  );
  const problems: ProblemEntry[] = [];
  const units = inputs.map((input, i): UnitResult => {
    const rows = marked[i].rows;
    const entries = rows.map((checked, j) => ({ raw: checkedByUnit[i][j].raw, checked }));
    if (input.state !== 'ok') {
      const missing = input.state === 'missing';
      problems.push({
        unit: input.unit.code,
        row: null,
        column: null,
        level: 'error',
        code: missing ? 'SHEET_MISSING' : 'HEADER_ALTERED',
        message: missing ? cm.missingUnits([input.unit.name]) : cm.alteredUnits([input.unit.name]),
      });
    }
    problems.push(...problemsOf(input.unit.code, rows));
    return {
      unit: input.unit,
      state: input.state,
      tab: input.tab,
      sheetId: input.sheetId,
      lastUpdated: input.lastUpdated,
      entries,
      counts: countRows(rows),
    };
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
