/**
 * The two sheets Tổng hợp writes: "Danh sách tổng hợp" (the master list) and "Tổng hợp" (the summary).
 * Every count and ratio of the summary is a formula over the unit's own block of master rows: a
 * COUNTIF over its block costs little, where one over the whole master per unit would be quadratic.
 */
import type { Consolidation, UnitResult } from './consolidate';
import { a1, columnRange, formulaString, literalText, type Formulas } from './formulas';
import { masterMessages as mm, summaryMessages as sm } from './messages/consolidate';
import { cellText } from './text';
import { RESIDENTIAL_GROUP, UNIT_TYPES } from './units';

export const MASTER = {
  titleRow: 1,
  infoRow: 2,
  headerRow: 4,
  firstDataRow: 5,
  columns: mm.header.length,
  codeColumn: 6,
  statusColumn: 9,
  warningColumn: 10,
  columnWidths: [50, 190, 70, 190, 220, 80, 190, 170, 260, 260],
};

export interface UnitBlock {
  first: number;
  last: number;
}

export interface MasterLayout {
  /** Rows from MASTER.firstDataRow on, MASTER.columns wide. */
  rows: unknown[][];
  /** Master rows of each unit, in the order of consolidation.units; null for a unit with no rows. */
  blocks: (UnitBlock | null)[];
  lastRow: number;
}

function statusOf(entry: UnitResult['entries'][number]): string {
  const row = entry.checked;
  if (!row.valid) {
    if (row.duplicateOf) return mm.statusDuplicateInUnit(row.duplicateOf.sheetRow);
    const error = row.problems.find((p) => p.level === 'error');
    return mm.statusError(error ? error.message : '');
  }
  if (row.duplicateOf) return mm.statusDuplicateOf(row.duplicateOf.unitName, row.duplicateOf.sheetRow);
  return mm.statusValid;
}

/** User text goes in as literal text, so nothing typed in a unit sheet can become a formula here. */
export function masterLayout(consolidation: Consolidation, f: Formulas): MasterLayout {
  const rows: unknown[][] = [];
  const blocks: (UnitBlock | null)[] = [];
  for (const unit of consolidation.units) {
    const first = MASTER.firstDataRow + rows.length;
    // What every row of the unit shares is built once (150,000 rows at ward scale).
    const code = literalText(unit.unit.code);
    const name = literalText(unit.unit.name);
    const link = sourceLinkParts(f, unit.sheetId, unit.tab);
    for (const { raw, checked } of unit.entries) {
      let warnings = '';
      if (checked.valid && checked.hasWarning) {
        warnings = checked.problems
          .filter((p) => p.level === 'warning')
          .map((p) => p.message)
          .join(' ');
      }
      rows.push([
        rows.length + 1,
        literalText(checked.name),
        checked.birthYear ?? literalText(cellText(raw.birthYear)),
        literalText(checked.organisation),
        literalText(checked.residence),
        code,
        name,
        link(raw.sheetRow),
        literalText(statusOf({ raw, checked })),
        literalText(warnings),
      ]);
    }
    const last = MASTER.firstDataRow + rows.length - 1;
    blocks.push(last >= first ? { first, last } : null);
  }
  return { rows, blocks, lastRow: MASTER.firstDataRow + rows.length - 1 };
}

/** The link to a source row: `=HYPERLINK("#gid=…&range=A8";"<tab> - dòng 8")`, the tab's part escaped once. */
function sourceLinkParts(f: Formulas, sheetId: number, tab: string): (row: number) => string {
  const sample = f.hyperlink(`#gid=${sheetId}&range=A${ROW_MARK}`, mm.sourceLink(tab, ROW_MARK));
  const parts = sample.split(String(ROW_MARK));
  if (parts.length !== 3) {
    return (row) => f.hyperlink(`#gid=${sheetId}&range=A${row}`, mm.sourceLink(tab, row));
  }
  const [head, middle, tail] = parts;
  return (row) => `${head}${row}${middle}${row}${tail}`;
}

/** A stand-in row number, unlikely in a tab name, split out of a sample link. */
const ROW_MARK = 987654321;

export const SUMMARY = {
  titleRow: 1,
  consolidatedAtRow: 2,
  deadlineRow: 3,
  wardHeadingRow: 5,
  wardFirstRow: 6,
  wardLabelColumn: 1,
  wardValueColumn: 8,
  unitsHeadingRow: 11,
  unitHeaderRow: 12,
  firstUnitRow: 13,
  columns: sm.unitHeader.length,
  columnWidths: [40, 80, 240, 130, 80, 70, 70, 80, 60, 75, 80, 80, 130, 120],
};

/** Columns of the per-unit table (1-based). */
export const UNIT_COL = {
  stt: 1,
  code: 2,
  name: 3,
  type: 4,
  target: 5,
  rows: 6,
  valid: 7,
  coverage: 8,
  errors: 9,
  warnings: 10,
  duplicatesWithinUnit: 11,
  duplicatesOfOtherUnits: 12,
  lastUpdated: 13,
  verdict: 14,
};

export interface SummaryLayout {
  /** The whole sheet from A1, SUMMARY.columns wide: values, literal text and formulas. */
  cells: unknown[][];
  unitRows: { first: number; last: number };
  totalRow: number;
  ward: { households: number; uniquePeople: number; ratio: number; verdict: number };
  byType: { headerRow: number; first: number; last: number };
  /** Ranges (A1) coloured by coverage. */
  coverageRanges: string[];
  chartRanges: string[];
}

export interface SummaryContext {
  title: string;
  consolidatedAt: string;
  deadlineText: string;
  /** The ward's households as the set-up sheet gives them; null: the sum of the Tổ dân phố targets. */
  households: number | null;
  /** The master list's tab as it is named now (a renamed tab must not break the formulas). */
  masterSheet: string;
  /** The spreadsheet's formula syntax. */
  formulas: Formulas;
}

/** Days from `fromIso` to `toIso` (both yyyy-MM-dd, in the ward's time zone). */
function daysBetween(fromIso: string, toIso: string): number {
  const day = (iso: string): number =>
    Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
  return day(toIso) - day(fromIso);
}

export function deadlineText(todayIso: string, deadlineIso: string | null, deadlineShown: string): string {
  if (deadlineIso === null) return sm.noDeadline;
  const days = daysBetween(todayIso, deadlineIso);
  return days >= 0 ? sm.daysLeft(days, deadlineShown) : sm.overdue(deadlineShown);
}

export function summaryLayout(
  consolidation: Consolidation,
  master: MasterLayout,
  ctx: SummaryContext
): SummaryLayout {
  const units = consolidation.units;
  const firstUnit = SUMMARY.firstUnitRow;
  const lastUnit = firstUnit + units.length - 1;
  const totalRow = lastUnit + 1;
  const byTypeHeading = totalRow + 2;
  const types = UNIT_TYPES.filter((type) => units.some((u) => u.unit.type === type));
  const byTypeHeader = byTypeHeading + 1;
  const byTypeFirst = byTypeHeader + 1;
  const byTypeLast = byTypeFirst + types.length - 1;
  const height = Math.max(byTypeLast, byTypeHeader);
  const cells: unknown[][] = Array.from({ length: height }, () => Array<unknown>(SUMMARY.columns).fill(''));
  const put = (row: number, column: number, value: unknown): void => {
    cells[row - 1][column - 1] = value;
  };
  const f = ctx.formulas;
  const col = (column: number, row: number): string => a1(row, column);
  /** `=IF(denominator>0;numerator/denominator;"")`: a ratio, blank when there is nothing to divide by. */
  const ratioOf = (numerator: string, denominator: string): string =>
    f.callFormula('IF', `${denominator}>0`, `${numerator}/${denominator}`, '""');
  const unitCol = (column: number): string => `${a1(firstUnit, column, true)}:${a1(lastUnit, column, true)}`;

  put(SUMMARY.titleRow, 1, literalText(sm.title(ctx.title)));
  put(SUMMARY.consolidatedAtRow, 1, literalText(sm.consolidatedAt(ctx.consolidatedAt)));
  put(SUMMARY.deadlineRow, 1, literalText(ctx.deadlineText));

  // The ward's figure: distinct people ÷ households (Cấu hình's figure, else the Tổ dân phố targets).
  // Targets and households are the numbers the set-up sheet was read as (the same ones the ward
  // report uses), so that a target typed as text ("1.200") cannot turn a ratio into an error.
  const w = SUMMARY.wardFirstRow;
  const v = SUMMARY.wardValueColumn;
  put(SUMMARY.wardHeadingRow, 1, sm.wardHeading);
  sm.wardLabels.forEach((label, i) => put(w + i, SUMMARY.wardLabelColumn, label));
  const tdpTargets =
    units.length > 0
      ? f.call('SUMIF', unitCol(UNIT_COL.type), formulaString(RESIDENTIAL_GROUP), unitCol(UNIT_COL.target))
      : '0';
  put(w, v, ctx.households ?? f.formula(tdpTargets));
  // Distinct people = every unit's valid rows less those another unit listed first (the "Trùng với" rows):
  // the same count as the master's "Hợp lệ" rows, without a formula that scans the whole master list.
  put(
    w + 1,
    v,
    f.formula(`${col(UNIT_COL.valid, totalRow)}-${col(UNIT_COL.duplicatesOfOtherUnits, totalRow)}`)
  );
  put(w + 2, v, ratioOf(col(v, w + 1), col(v, w)));
  put(
    w + 3,
    v,
    f.callFormula(
      'IF',
      `${col(v, w + 2)}=""`,
      '""',
      f.call('IF', `${col(v, w + 2)}>1`, formulaString(sm.wardMet), formulaString(sm.wardNotMet))
    )
  );

  put(SUMMARY.unitsHeadingRow, 1, sm.unitsHeading);
  sm.unitHeader.forEach((label, i) => put(SUMMARY.unitHeaderRow, i + 1, label));
  units.forEach((unit, i) => {
    const r = firstUnit + i;
    const block = master.blocks[i];
    const range = (column: number): string =>
      block ? columnRange(ctx.masterSheet, column, block.first, block.last) : '';
    const countIf = (column: number, criterion: string): string =>
      block ? f.call('COUNTIF', range(column), formulaString(criterion)) : '0';
    put(r, UNIT_COL.stt, i + 1);
    put(r, UNIT_COL.code, literalText(unit.unit.code));
    put(r, UNIT_COL.name, literalText(unit.unit.name));
    put(r, UNIT_COL.type, literalText(unit.unit.type));
    put(r, UNIT_COL.target, unit.unit.target);
    // Every count but warnings reads the status column: one range per unit for HyperFormula and Sheets to track.
    put(r, UNIT_COL.rows, block ? f.callFormula('COUNTA', range(MASTER.statusColumn)) : '=0');
    put(
      r,
      UNIT_COL.valid,
      f.formula(
        `${countIf(MASTER.statusColumn, mm.statusValid)}+${countIf(MASTER.statusColumn, `${mm.statusDuplicatePrefix}*`)}`
      )
    );
    put(r, UNIT_COL.coverage, ratioOf(col(UNIT_COL.valid, r), col(UNIT_COL.target, r)));
    put(r, UNIT_COL.errors, f.formula(countIf(MASTER.statusColumn, `${mm.statusErrorPrefix}*`)));
    put(r, UNIT_COL.warnings, block ? f.callFormula('COUNTA', range(MASTER.warningColumn)) : '=0');
    put(
      r,
      UNIT_COL.duplicatesWithinUnit,
      f.formula(countIf(MASTER.statusColumn, mm.statusDuplicateInUnit(0).replace(/\d+$/, '*')))
    );
    put(
      r,
      UNIT_COL.duplicatesOfOtherUnits,
      f.formula(countIf(MASTER.statusColumn, `${mm.statusDuplicatePrefix}*`))
    );
    put(
      r,
      UNIT_COL.lastUpdated,
      unit.lastUpdated instanceof Object ? unit.lastUpdated : literalText(cellText(unit.lastUpdated))
    );
    if (unit.state === 'missing') put(r, UNIT_COL.verdict, literalText(sm.missingSheet));
    else if (unit.state === 'header-altered') put(r, UNIT_COL.verdict, literalText(sm.headerAltered));
    else
      put(
        r,
        UNIT_COL.verdict,
        f.callFormula(
          'IF',
          `${col(UNIT_COL.target, r)}>0`,
          f.call(
            'IF',
            `${col(UNIT_COL.coverage, r)}>=1`,
            formulaString(sm.unitMet),
            formulaString(sm.unitNotMet)
          ),
          formulaString(sm.noTarget)
        )
      );
  });

  put(totalRow, UNIT_COL.name, sm.total);
  const summed = [
    UNIT_COL.target,
    UNIT_COL.rows,
    UNIT_COL.valid,
    UNIT_COL.errors,
    UNIT_COL.warnings,
    UNIT_COL.duplicatesWithinUnit,
    UNIT_COL.duplicatesOfOtherUnits,
  ];
  for (const column of summed)
    put(totalRow, column, units.length > 0 ? f.callFormula('SUM', unitCol(column)) : '=0');
  put(totalRow, UNIT_COL.coverage, ratioOf(col(UNIT_COL.valid, totalRow), col(UNIT_COL.target, totalRow)));

  put(byTypeHeading, 1, sm.byTypeHeading);
  sm.byTypeHeader.forEach((label, i) => put(byTypeHeader, [3, 4, 5, 6, 7, 8, 9][i], label));
  types.forEach((type, i) => {
    const r = byTypeFirst + i;
    const typeCell = col(3, r);
    const sumIf = (column: number): string =>
      f.callFormula('SUMIF', unitCol(UNIT_COL.type), typeCell, unitCol(column));
    put(r, 3, literalText(type));
    put(r, 4, f.callFormula('COUNTIF', unitCol(UNIT_COL.type), typeCell));
    put(r, 5, sumIf(UNIT_COL.target));
    put(r, 6, sumIf(UNIT_COL.rows));
    put(r, 7, sumIf(UNIT_COL.valid));
    put(r, 8, ratioOf(col(7, r), col(5, r)));
    put(r, 9, sumIf(UNIT_COL.errors));
  });

  const coverageColumn = (first: number, last: number): string =>
    `${a1(first, UNIT_COL.coverage)}:${a1(last, UNIT_COL.coverage)}`;
  const coverageRanges = [col(v, w + 2), coverageColumn(firstUnit, totalRow)];
  if (types.length > 0) coverageRanges.push(`${a1(byTypeFirst, 8)}:${a1(byTypeLast, 8)}`);
  return {
    cells,
    unitRows: { first: firstUnit, last: lastUnit },
    totalRow,
    ward: { households: w, uniquePeople: w + 1, ratio: w + 2, verdict: w + 3 },
    byType: { headerRow: byTypeHeader, first: byTypeFirst, last: byTypeLast },
    coverageRanges,
    chartRanges:
      units.length > 0
        ? [
            `${a1(SUMMARY.unitHeaderRow, UNIT_COL.name)}:${a1(lastUnit, UNIT_COL.name)}`,
            `${a1(SUMMARY.unitHeaderRow, UNIT_COL.coverage)}:${a1(lastUnit, UNIT_COL.coverage)}`,
          ]
        : [],
  };
}
