/**
 * The two sheets Tổng hợp writes: "Danh sách tổng hợp" (the master list) and "Tổng hợp" (the summary).
 * Every count and ratio of the summary is a formula over the unit's own block of master rows: a
 * COUNTIF over its block costs little, where one over the whole master per unit would be quadratic.
 */
import { defineColumns } from './columns';
import type { Consolidation, UnitResult } from './consolidate';
import { a1, columnLetter, columnRange, formulaString, literalText, type Formulas } from './formulas';
import { UNIT_SHEET_COL } from './layout';
import { masterMessages as mm, summaryMessages as sm } from './messages/consolidate';
import { cellText } from './text';
import { defaultHouseholds, RESIDENTIAL_GROUP, UNIT_TYPES } from './units';

/**
 * A master row's status for formulas: the summary counts these codes, never the Vietnamese status
 * beside them, so rewording a message cannot change a figure. COUNTIF matches a criterion without
 * wildcards against the whole cell, so "DUP" does not count "DUP_UNIT".
 */
const STATUS_CODE = {
  /** Valid, and the person's first row in the ward: counted for the unit and for the ward. */
  valid: 'OK',
  /** Valid, but another unit listed the person first: counted for the unit, not again for the ward. */
  duplicateOfOtherUnit: 'DUP',
  /** An error: the person is on an earlier row of the same unit. Not counted. */
  duplicateInUnit: 'DUP_UNIT',
  /** Any other error. Not counted. */
  error: 'ERR',
} as const;

type StatusCode = (typeof STATUS_CODE)[keyof typeof STATUS_CODE];

/**
 * "Danh sách tổng hợp", left to right. The status code sits at the right end, narrow, so that the
 * columns people read keep their places (and links or filters made on an earlier version still fit).
 */
export const MASTER_COLUMNS = defineColumns(
  [
    { key: 'stt', width: 50 },
    { key: 'name', width: 190 },
    { key: 'birthYear', width: 70 },
    { key: 'organisation', width: 190 },
    { key: 'residence', width: 220 },
    { key: 'unitCode', width: 80 },
    { key: 'unitName', width: 190 },
    { key: 'source', width: 170 },
    { key: 'status', width: 260 },
    { key: 'warnings', width: 260 },
    { key: 'statusCode', width: 70 },
  ],
  mm.columns
);

export const MASTER_COL = MASTER_COLUMNS.col;

export const MASTER = {
  titleRow: 1,
  infoRow: 2,
  headerRow: 4,
  firstDataRow: 5,
  columns: MASTER_COLUMNS.count,
  columnWidths: MASTER_COLUMNS.widths,
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

type Entry = UnitResult['entries'][number];

function statusCodeOf({ checked: row }: Entry): StatusCode {
  if (!row.valid) return row.duplicateOf ? STATUS_CODE.duplicateInUnit : STATUS_CODE.error;
  return row.duplicateOf ? STATUS_CODE.duplicateOfOtherUnit : STATUS_CODE.valid;
}

/** The status people read, saying what the code says. */
function statusOf(entry: Entry, code: StatusCode): string {
  const row = entry.checked;
  switch (code) {
    case STATUS_CODE.duplicateInUnit:
      return mm.statusDuplicateInUnit(row.duplicateOf?.sheetRow ?? 0);
    case STATUS_CODE.error:
      return mm.statusError(row.problems.find((p) => p.level === 'error')?.message ?? '');
    case STATUS_CODE.duplicateOfOtherUnit:
      return mm.statusDuplicateOf(row.duplicateOf?.unitName ?? '', row.duplicateOf?.sheetRow ?? 0);
    case STATUS_CODE.valid:
      return mm.statusValid;
  }
}

const CODE_CELL: Readonly<Record<StatusCode, string>> = {
  OK: literalText(STATUS_CODE.valid),
  DUP: literalText(STATUS_CODE.duplicateOfOtherUnit),
  DUP_UNIT: literalText(STATUS_CODE.duplicateInUnit),
  ERR: literalText(STATUS_CODE.error),
};

/** User text goes in as literal text, so nothing typed in a unit sheet can become a formula here. */
export function masterLayout(consolidation: Consolidation, f: Formulas): MasterLayout {
  const C = MASTER_COL;
  const rows: unknown[][] = [];
  const blocks: (UnitBlock | null)[] = [];
  for (const unit of consolidation.units) {
    const first = MASTER.firstDataRow + rows.length;
    // What every row of the unit shares is built once (150,000 rows at ward scale).
    const code = literalText(unit.unit.code);
    const name = literalText(unit.unit.name);
    const link = sourceLinkParts(f, unit.sheetId, unit.tab);
    for (const entry of unit.entries) {
      const { raw, checked } = entry;
      let warnings = '';
      if (checked.valid && checked.hasWarning) {
        warnings = checked.problems
          .filter((p) => p.level === 'warning')
          .map((p) => p.message)
          .join(' ');
      }
      const status = statusCodeOf(entry);
      const row = Array<unknown>(MASTER.columns);
      row[C.stt - 1] = rows.length + 1;
      row[C.name - 1] = literalText(checked.name);
      row[C.birthYear - 1] = checked.birthYear ?? literalText(cellText(raw.birthYear));
      row[C.organisation - 1] = literalText(checked.organisation);
      row[C.residence - 1] = literalText(checked.residence);
      row[C.unitCode - 1] = code;
      row[C.unitName - 1] = name;
      row[C.source - 1] = link(raw.sheetRow);
      row[C.status - 1] = literalText(statusOf(entry, status));
      row[C.warnings - 1] = literalText(warnings);
      row[C.statusCode - 1] = CODE_CELL[status];
      rows.push(row);
    }
    const last = MASTER.firstDataRow + rows.length - 1;
    blocks.push(last >= first ? { first, last } : null);
  }
  return { rows, blocks, lastRow: MASTER.firstDataRow + rows.length - 1 };
}

/** The link to a source row: `=HYPERLINK("#gid=…&range=A8";"<tab> - dòng 8")`, the tab's part escaped once. */
function sourceLinkParts(f: Formulas, sheetId: number, tab: string): (row: number) => string {
  const column = columnLetter(UNIT_SHEET_COL.stt);
  const sample = f.hyperlink(`#gid=${sheetId}&range=${column}${ROW_MARK}`, mm.sourceLink(tab, ROW_MARK));
  const parts = sample.split(String(ROW_MARK));
  if (parts.length !== 3) {
    return (row) => f.hyperlink(`#gid=${sheetId}&range=${column}${row}`, mm.sourceLink(tab, row));
  }
  const [head, middle, tail] = parts;
  return (row) => `${head}${row}${middle}${row}${tail}`;
}

/** A stand-in row number, unlikely in a tab name, split out of a sample link. */
const ROW_MARK = 987654321;

/** Figures that are shares: a ratio of 1 is 100%. */
const PERCENT = '0.0%';

/** "Tổng hợp"'s per-unit table, left to right; its columns are the sheet's columns. */
const SUMMARY_COLUMNS = defineColumns(
  [
    { key: 'stt', width: 40 },
    { key: 'code', width: 80 },
    { key: 'name', width: 240 },
    { key: 'type', width: 130 },
    { key: 'target', width: 80 },
    { key: 'rows', width: 70 },
    { key: 'valid', width: 70 },
    { key: 'coverage', width: 80, format: PERCENT },
    { key: 'errors', width: 60 },
    { key: 'warnings', width: 75 },
    { key: 'duplicatesWithinUnit', width: 80 },
    { key: 'duplicatesOfOtherUnits', width: 80 },
    { key: 'lastUpdated', width: 130, format: 'dd/MM/yyyy HH:mm' },
    { key: 'verdict', width: 120 },
  ],
  sm.unitColumns
);

type SummaryKey = (typeof SUMMARY_COLUMNS.keys)[number];

/** Columns of the per-unit table (1-based). */
export const UNIT_COL = SUMMARY_COLUMNS.col;

/**
 * The by-type table, left to right: each of its columns sits under a column of the per-unit table and
 * takes that column's format (its ratio lines up with the units' ratios).
 */
const BY_TYPE_COLUMNS = [
  { key: 'type', under: 'name' },
  { key: 'units', under: 'type' },
  { key: 'target', under: 'target' },
  { key: 'rows', under: 'rows' },
  { key: 'valid', under: 'valid' },
  { key: 'coverage', under: 'coverage' },
  { key: 'errors', under: 'errors' },
] as const satisfies readonly { key: keyof typeof sm.byTypeColumns; under: SummaryKey }[];

type ByTypeKey = (typeof BY_TYPE_COLUMNS)[number]['key'];

/** The per-unit column each by-type column sits under. */
const BY_TYPE_UNDER = Object.fromEntries(BY_TYPE_COLUMNS.map(({ key, under }) => [key, under])) as Record<
  ByTypeKey,
  SummaryKey
>;

export const SUMMARY = {
  titleRow: 1,
  consolidatedAtRow: 2,
  deadlineRow: 3,
  wardHeadingRow: 5,
  wardFirstRow: 6,
  wardLabelColumn: 1,
  /** The ward's figures sit in the coverage column: its ratio lines up with the units' and takes their format. */
  wardValueColumn: UNIT_COL.coverage,
  unitsHeadingRow: 11,
  unitHeaderRow: 12,
  firstUnitRow: 13,
  columns: SUMMARY_COLUMNS.count,
  columnWidths: SUMMARY_COLUMNS.widths,
};

/** The shade of a share on the summary: below 50% red, below 100% amber, from 100% green. */
export const COVERAGE_BANDS = {
  red: { below: 0.5, colour: '#f4c7c3' },
  amber: { below: 1, colour: '#fce8b2' },
  green: { atLeast: 1, colour: '#b7e1cd' },
} as const;

export interface SummaryLayout {
  /** The whole sheet from A1, SUMMARY.columns wide: values, literal text and formulas. */
  cells: unknown[][];
  unitRows: { first: number; last: number };
  totalRow: number;
  ward: { households: number; uniquePeople: number; ratio: number; verdict: number };
  byType: { headerRow: number; first: number; last: number };
  /**
   * Number formats from the column spec: each covers its column from the first to the last figure that
   * takes it (one call each; the text in between is left as it is).
   */
  numberFormats: { range: string; format: string }[];
  /** Ranges (A1) shaded by COVERAGE_BANDS. */
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
  /** Rows of the figures each formatted column holds, for numberFormats. */
  const formatted = new Map<number, { format: string; first: number; last: number }>();
  const put = (row: number, column: number, value: unknown, format?: string): void => {
    cells[row - 1][column - 1] = value;
    if (format === undefined) return;
    const span = formatted.get(column);
    if (!span) formatted.set(column, { format, first: row, last: row });
    else {
      if (span.format !== format) throw new Error(`Two number formats in column ${column}`);
      span.first = Math.min(span.first, row);
      span.last = Math.max(span.last, row);
    }
  };
  /** A figure of the per-unit table (or its total row), formatted as its column says. */
  const putUnit = (row: number, key: SummaryKey, value: unknown): void =>
    put(row, UNIT_COL[key], value, SUMMARY_COLUMNS.format(key));
  const f = ctx.formulas;
  const col = (column: number, row: number): string => a1(row, column);
  const cell = (key: SummaryKey, row: number): string => a1(row, UNIT_COL[key]);
  /** `=IF(denominator>0;numerator/denominator;"")`: a ratio, blank when there is nothing to divide by. */
  const ratioOf = (numerator: string, denominator: string): string =>
    f.callFormula('IF', `${denominator}>0`, `${numerator}/${denominator}`, '""');
  const unitColumn = (key: SummaryKey): string =>
    `${a1(firstUnit, UNIT_COL[key], true)}:${a1(lastUnit, UNIT_COL[key], true)}`;

  put(SUMMARY.titleRow, 1, literalText(sm.title(ctx.title)));
  put(SUMMARY.consolidatedAtRow, 1, literalText(sm.consolidatedAt(ctx.consolidatedAt)));
  put(SUMMARY.deadlineRow, 1, literalText(ctx.deadlineText));

  // The by-type table first: the ward's households, when Cấu hình gives none, are its Tổ dân phố target.
  put(byTypeHeading, 1, sm.byTypeHeading);
  /** A figure of the by-type table, in (and formatted as) the per-unit column it sits under. */
  const putByType = (row: number, key: ByTypeKey, value: unknown): void =>
    putUnit(row, BY_TYPE_UNDER[key], value);
  const byTypeCell = (key: ByTypeKey, row: number): string => cell(BY_TYPE_UNDER[key], row);
  for (const { key, under } of BY_TYPE_COLUMNS) put(byTypeHeader, UNIT_COL[under], sm.byTypeColumns[key]);
  const byTypeRow = new Map<string, number>();
  types.forEach((type, i) => {
    const r = byTypeFirst + i;
    byTypeRow.set(type, r);
    const typeCell = byTypeCell('type', r);
    const sumIf = (key: SummaryKey): string =>
      f.callFormula('SUMIF', unitColumn('type'), typeCell, unitColumn(key));
    putByType(r, 'type', literalText(type));
    putByType(r, 'units', f.callFormula('COUNTIF', unitColumn('type'), typeCell));
    putByType(r, 'target', sumIf('target'));
    putByType(r, 'rows', sumIf('rows'));
    putByType(r, 'valid', sumIf('valid'));
    putByType(r, 'coverage', ratioOf(byTypeCell('valid', r), byTypeCell('target', r)));
    putByType(r, 'errors', sumIf('errors'));
  });

  // The ward's figure: distinct people ÷ households (Cấu hình's figure, else the Tổ dân phố targets).
  // Targets and households are the numbers the set-up sheet was read as (the same ones the ward
  // report uses), so that a target typed as text ("1.200") cannot turn a ratio into an error.
  const w = SUMMARY.wardFirstRow;
  const v = SUMMARY.wardValueColumn;
  put(SUMMARY.wardHeadingRow, 1, sm.wardHeading);
  sm.wardLabels.forEach((label, i) => put(w + i, SUMMARY.wardLabelColumn, label));
  const residential = byTypeRow.get(RESIDENTIAL_GROUP);
  put(w, v, ctx.households ?? f.formula(residential ? byTypeCell('target', residential) : '0'));
  // Distinct people = every unit's valid rows less those another unit listed first (the "DUP" rows):
  // the same count as the master's "OK" rows, without a formula that scans the whole master list.
  put(w + 1, v, f.formula(`${cell('valid', totalRow)}-${cell('duplicatesOfOtherUnits', totalRow)}`));
  put(w + 2, v, ratioOf(col(v, w + 1), col(v, w)), SUMMARY_COLUMNS.format('coverage'));
  // Verdicts are words, for people: written as text from the same counts the formulas make, so that
  // no formula holds a Vietnamese word (the code decides exactly as the formulas compute).
  const households = ctx.households ?? defaultHouseholds(units.map((u) => u.unit));
  const unique = consolidation.totals.uniquePeople;
  put(w + 3, v, households > 0 ? literalText(unique / households > 1 ? sm.wardMet : sm.wardNotMet) : '');

  put(SUMMARY.unitsHeadingRow, 1, sm.unitsHeading);
  SUMMARY_COLUMNS.headers.forEach((label, i) => put(SUMMARY.unitHeaderRow, i + 1, label));
  const code = (status: StatusCode): string => formulaString(status);
  units.forEach((unit, i) => {
    const r = firstUnit + i;
    const block = master.blocks[i];
    const codes = block ? columnRange(ctx.masterSheet, MASTER_COL.statusCode, block.first, block.last) : '';
    /** Rows of the unit's block whose status code is one of `wanted`. */
    const countOf = (...wanted: StatusCode[]): string =>
      block ? f.formula(wanted.map((status) => f.call('COUNTIF', codes, code(status))).join('+')) : '=0';
    putUnit(r, 'stt', i + 1);
    putUnit(r, 'code', literalText(unit.unit.code));
    putUnit(r, 'name', literalText(unit.unit.name));
    putUnit(r, 'type', literalText(unit.unit.type));
    putUnit(r, 'target', unit.unit.target);
    // Every count but warnings reads the status code column: one range per unit for Sheets to track.
    putUnit(r, 'rows', block ? f.callFormula('COUNTA', codes) : '=0');
    putUnit(r, 'valid', countOf(STATUS_CODE.valid, STATUS_CODE.duplicateOfOtherUnit));
    putUnit(r, 'coverage', ratioOf(cell('valid', r), cell('target', r)));
    putUnit(r, 'errors', countOf(STATUS_CODE.error, STATUS_CODE.duplicateInUnit));
    putUnit(
      r,
      'warnings',
      block
        ? f.callFormula('COUNTA', columnRange(ctx.masterSheet, MASTER_COL.warnings, block.first, block.last))
        : '=0'
    );
    putUnit(r, 'duplicatesWithinUnit', countOf(STATUS_CODE.duplicateInUnit));
    putUnit(r, 'duplicatesOfOtherUnits', countOf(STATUS_CODE.duplicateOfOtherUnit));
    putUnit(
      r,
      'lastUpdated',
      unit.lastUpdated instanceof Object ? unit.lastUpdated : literalText(cellText(unit.lastUpdated))
    );
    putUnit(r, 'verdict', literalText(unitVerdict(unit)));
  });

  put(totalRow, UNIT_COL.name, sm.total);
  const summed: SummaryKey[] = [
    'target',
    'rows',
    'valid',
    'errors',
    'warnings',
    'duplicatesWithinUnit',
    'duplicatesOfOtherUnits',
  ];
  for (const key of summed)
    putUnit(totalRow, key, units.length > 0 ? f.callFormula('SUM', unitColumn(key)) : '=0');
  putUnit(totalRow, 'coverage', ratioOf(cell('valid', totalRow), cell('target', totalRow)));

  const coverageSpan = (first: number, last: number): string =>
    `${cell('coverage', first)}:${cell('coverage', last)}`;
  const coverageRanges = [col(v, w + 2), coverageSpan(firstUnit, totalRow)];
  if (types.length > 0) coverageRanges.push(coverageSpan(byTypeFirst, byTypeLast));
  return {
    cells,
    unitRows: { first: firstUnit, last: lastUnit },
    totalRow,
    ward: { households: w, uniquePeople: w + 1, ratio: w + 2, verdict: w + 3 },
    byType: { headerRow: byTypeHeader, first: byTypeFirst, last: byTypeLast },
    numberFormats: [...formatted].map(([column, span]) => ({
      range: `${a1(span.first, column)}:${a1(span.last, column)}`,
      format: span.format,
    })),
    coverageRanges,
    chartRanges:
      units.length > 0
        ? [
            `${cell('name', SUMMARY.unitHeaderRow)}:${cell('name', lastUnit)}`,
            `${cell('coverage', SUMMARY.unitHeaderRow)}:${cell('coverage', lastUnit)}`,
          ]
        : [],
  };
}

/** Đạt / Chưa đạt from the unit's counts, exactly as its coverage formula divides them. */
function unitVerdict(unit: UnitResult): string {
  if (unit.state === 'missing') return sm.missingSheet;
  if (unit.state === 'header-altered') return sm.headerAltered;
  if (!(unit.unit.target > 0)) return sm.noTarget;
  return unit.counts.valid / unit.unit.target >= 1 ? sm.unitMet : sm.unitNotMet;
}
