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
import { followUpMessages as fum } from './messages/follow-up';
import { shareDecimals } from './messages/format';
import { cellText, isDateValue } from './text';
import { looseKeyOf, type PeopleSeen } from './duplicates';
import { personKeyOf } from './rows';
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
      return row.suspectedOf?.reason === 'namesake'
        ? mm.statusNamesakePending(row.duplicateOf?.unitName ?? '', row.duplicateOf?.sheetRow ?? 0)
        : mm.statusDuplicateOf(row.duplicateOf?.unitName ?? '', row.duplicateOf?.sheetRow ?? 0);
    case STATUS_CODE.valid:
      return row.namesake ? mm.statusNamesake : mm.statusValid;
  }
}

const CODE_CELL: Readonly<Record<StatusCode, string>> = {
  OK: literalText(STATUS_CODE.valid),
  DUP: literalText(STATUS_CODE.duplicateOfOtherUnit),
  DUP_UNIT: literalText(STATUS_CODE.duplicateInUnit),
  ERR: literalText(STATUS_CODE.error),
};

/**
 * The master rows of one unit, numbered on from `before` (the rows that come before them in the master).
 * User text goes in as literal text, so nothing typed in a unit sheet can become a formula here.
 */
export function masterRowsOf(unit: UnitResult, f: Formulas, before: number): unknown[][] {
  const C = MASTER_COL;
  const rows: unknown[][] = new Array(unit.entries.length);
  // What every row of the unit shares is built once (150,000 rows at ward scale).
  const code = literalText(unit.unit.code);
  const name = literalText(unit.unit.name);
  const link = sourceLinkParts(f, unit.url, unit.sheetId, unit.tab);
  unit.entries.forEach((entry, i) => {
    const { raw, checked } = entry;
    let warnings = '';
    if (checked.valid && checked.hasWarning) {
      warnings = checked.problems
        .filter((p) => p.level === 'warning')
        .map((p) => p.message)
        .join(' ');
    }
    // "Nghi trùng giữa đơn vị" (issue 25): the clerk reads each pair here, beside the row.
    const suspect = checked.suspectedOf;
    if (suspect && suspect.reason === 'residence') {
      const line = mm.suspectedResidence(suspect.unitName, suspect.sheetRow);
      warnings = warnings === '' ? line : `${line} ${warnings}`;
    }
    const status = statusCodeOf(entry);
    const row = Array<unknown>(MASTER.columns);
    row[C.stt - 1] = before + i + 1;
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
    rows[i] = row;
  });
  return rows;
}

/** The whole master list of a consolidation: every unit's rows in set-up order, and each unit's block. */
export function masterLayout(consolidation: Consolidation, f: Formulas): MasterLayout {
  const rows: unknown[][] = [];
  const blocks: (UnitBlock | null)[] = [];
  for (const unit of consolidation.units) {
    const first = MASTER.firstDataRow + rows.length;
    for (const row of masterRowsOf(unit, f, rows.length)) rows.push(row);
    const last = MASTER.firstDataRow + rows.length - 1;
    blocks.push(last >= first ? { first, last } : null);
  }
  return { rows, blocks, lastRow: MASTER.firstDataRow + rows.length - 1 };
}

/**
 * Remembers the people a master list already holds (its rows as read back: values, from MASTER_COL.stt on):
 * every row the master counts as a first listing ("OK", not a "Không trùng" namesake), with its unit and
 * source row, so that units consolidated later are marked against them as `markCrossUnitDuplicates` would.
 */
export function rememberMasterRows(
  seen: PeopleSeen,
  rows: readonly (readonly unknown[])[],
  unitIndexOf: (code: string) => number
): void {
  const C = MASTER_COL;
  // A ward's residences repeat (a few thousand for 150,000 rows), and every later step reads the master again.
  const residenceKeys = new Map<string, string>();
  for (const row of rows) {
    if (row[C.statusCode - 1] !== STATUS_CODE.valid) continue;
    const year = row[C.birthYear - 1];
    const sheetRow = /(\d+)\D*$/.exec(String(row[C.source - 1]));
    if (typeof year !== 'number' || !sheetRow) continue;
    const unitCode = String(row[C.unitCode - 1]);
    const key = personKeyOf(String(row[C.name - 1]), year, String(row[C.residence - 1]), residenceKeys);
    const first = {
      unitIndex: unitIndexOf(unitCode),
      unitCode,
      unitName: String(row[C.unitName - 1]),
      sheetRow: Number(sheetRow[1]),
    };
    // A "Không trùng" row is never a first listing, but its name and birth year are (the looser key).
    if (row[C.status - 1] === mm.statusNamesake) seen.rememberLoose(looseKeyOf(key), first);
    else seen.remember(key, first);
  }
}

/**
 * The link to a source row: `=HYPERLINK("#gid=…&range=A8";"<tab> - dòng 8")` in the same spreadsheet, or the
 * unit's own file's URL before the `#` when it has one; the tab's part escaped once.
 */
function sourceLinkParts(f: Formulas, url: string, sheetId: number, tab: string): (row: number) => string {
  const column = columnLetter(UNIT_SHEET_COL.stt);
  const target = (row: number | string) => `${url}#gid=${sheetId}&range=${column}${row}`;
  const sample = f.hyperlink(target(ROW_MARK), mm.sourceLink(tab, ROW_MARK));
  const parts = sample.split(String(ROW_MARK));
  if (parts.length !== 3) {
    return (row) => f.hyperlink(target(row), mm.sourceLink(tab, row));
  }
  const [head, middle, tail] = parts;
  return (row) => `${head}${row}${middle}${row}${tail}`;
}

/** A stand-in row number, unlikely in a tab name, split out of a sample link. */
const ROW_MARK = 987654321;

/** Counts, with the thousands grouped (2.157 in a vi_VN spreadsheet). */
const COUNT = '#,##0';
/** "dd/MM/yyyy HH:mm": the moment a unit last typed. */
const MOMENT = 'dd/MM/yyyy HH:mm';
/** The day a unit's status last changed. */
const STATUS_DATE = 'dd/MM/yyyy';
/** Plain text: the verdict and the status, written as text. */
const TEXT = '@';

/** A share as a percentage with `decimals` decimals: a ratio of 1 is 100%. */
function percentFormat(decimals: number): string {
  return `0.${'0'.repeat(decimals)}%`;
}

/**
 * The share numerator ÷ denominator's format: one decimal, more where one would round a share short of
 * (or past) 100% onto "100,0%" (shareDecimals). The figure stays the formula's exact ratio.
 */
function shareFormat(numerator: number, denominator: number): string {
  return percentFormat(shareDecimals(numerator, denominator));
}

/** A target with what it counts: households for a Tổ dân phố, people for other units. */
function targetFormat(type: string): string {
  const unit = type === RESIDENTIAL_GROUP ? sm.targetUnit.households : sm.targetUnit.people;
  return `${COUNT} ${formulaString(unit)}`;
}

/** "Tổng hợp"'s per-unit table, left to right; its columns are the sheet's columns. */
const SUMMARY_COLUMNS = defineColumns(
  [
    { key: 'stt', width: 40 },
    { key: 'code', width: 80 },
    { key: 'name', width: 240 },
    { key: 'type', width: 130 },
    { key: 'target', width: 90 },
    { key: 'rows', width: 70 },
    { key: 'valid', width: 70 },
    { key: 'coverage', width: 95 },
    { key: 'errors', width: 60 },
    { key: 'warnings', width: 75 },
    { key: 'duplicatesWithinUnit', width: 80 },
    { key: 'duplicatesOfOtherUnits', width: 80 },
    { key: 'lastUpdated', width: 130 },
    { key: 'verdict', width: 120 },
    { key: 'status', width: 190 },
    { key: 'statusSince', width: 110 },
  ],
  { ...sm.unitColumns, ...fum.columns }
);

type SummaryKey = (typeof SUMMARY_COLUMNS.keys)[number];

/** Columns of the per-unit table (1-based). */
export const UNIT_COL = SUMMARY_COLUMNS.col;

/**
 * The by-type table, left to right: each of its columns sits under a column of the per-unit table (its
 * ratio lines up with the units' ratios).
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
  /** One line: each shade of a ratio, written in a cell of that shade. */
  legendRow: 4,
  wardHeadingRow: 5,
  wardFirstRow: 6,
  wardLabelColumn: 1,
  /** The ward's figures sit in the coverage column: its ratio lines up with the units'. */
  wardValueColumn: UNIT_COL.coverage,
  /** Where each ward figure comes from, and the ward's rule beside its ratio. */
  wardNoteColumn: UNIT_COL.coverage + 1,
  /** The row between the ward's block and the units': a file shared beyond Cấu hình, named (issue 25). */
  noticeRow: 10,
  unitsHeadingRow: 11,
  unitHeaderRow: 12,
  firstUnitRow: 13,
  columns: SUMMARY_COLUMNS.count,
  columnWidths: SUMMARY_COLUMNS.widths,
};

/** The shades of a share on the summary: below 50% red, then amber until the rule is met, then green. */
const COVERAGE_BANDS = {
  red: { below: 0.5, colour: '#f4c7c3' },
  amber: { colour: '#fce8b2' },
  green: { colour: '#b7e1cd' },
} as const;

/**
 * A conditional format of the summary, in the order Sheets tries them (the first that holds colours
 * the cell): `lessThan` a value, `between` two values (both included), `atLeast` a value.
 */
export interface ShadeRule {
  ranges: string[];
  when: 'lessThan' | 'between' | 'atLeast';
  values: number[];
  colour: string;
}

/**
 * Each share coloured by its own rule, on the exact ratio the formula computes: a unit (and a type of
 * unit) is met from 100% of its target; the ward only above 100%, so a ward at exactly 100% is amber.
 */
function shadeRules(unitRanges: string[], wardRatio: string): ShadeRule[] {
  const { red, amber, green } = COVERAGE_BANDS;
  return [
    { ranges: unitRanges, when: 'lessThan', values: [red.below], colour: red.colour },
    { ranges: unitRanges, when: 'lessThan', values: [1], colour: amber.colour },
    { ranges: unitRanges, when: 'atLeast', values: [1], colour: green.colour },
    { ranges: [wardRatio], when: 'lessThan', values: [red.below], colour: red.colour },
    // Exactly 100% is caught here: "between" includes its ends, and the first rule that holds wins.
    { ranges: [wardRatio], when: 'between', values: [red.below, 1], colour: amber.colour },
    { ranges: [wardRatio], when: 'atLeast', values: [1], colour: green.colour },
  ];
}

export interface SummaryLayout {
  /** The whole sheet from A1, SUMMARY.columns wide: values, literal text and formulas. */
  cells: unknown[][];
  unitRows: { first: number; last: number };
  totalRow: number;
  ward: { households: number; uniquePeople: number; ratio: number; verdict: number };
  byType: { headerRow: number; first: number; last: number };
  /** Number formats, one block per table (one call each): every cell of a block has its own format. */
  numberFormats: { range: string; formats: string[][] }[];
  /** Header rows whose text wraps (long headers stay readable in narrow columns). */
  wrappedRows: number[];
  /** The legend's cells (row SUMMARY.legendRow) and their fixed shades. */
  legend: { column: number; colour: string }[];
  shades: ShadeRule[];
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
  /** A line for the office to act on (the sharing audit's, issue 25), or absent. */
  notice?: string;
}

/** Days from `fromIso` to `toIso` (both yyyy-MM-dd, in the ward's time zone). */
function daysBetween(fromIso: string, toIso: string): number {
  const day = (iso: string): number =>
    Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
  return day(toIso) - day(fromIso);
}

/** The deadline as a date fact ("Còn 3 ngày…", "Hôm nay là hạn…", "Đã hết hạn…"), never a verdict. */
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
  const putUnit = (row: number, key: SummaryKey, value: unknown): void => put(row, UNIT_COL[key], value);
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
  const { red, amber, green } = COVERAGE_BANDS;
  const legend = [
    { column: 2, colour: red.colour, text: sm.legend.red },
    { column: 3, colour: amber.colour, text: sm.legend.amber },
    { column: 4, colour: green.colour, text: sm.legend.green },
  ];
  if (ctx.notice) put(SUMMARY.noticeRow, 1, literalText(ctx.notice));
  put(SUMMARY.legendRow, 1, literalText(sm.legend.label));
  for (const { column, text } of legend) put(SUMMARY.legendRow, column, literalText(text));

  // The by-type table first: the ward's households, when Cấu hình gives none, are its Tổ dân phố target.
  put(byTypeHeading, 1, sm.byTypeHeading);
  const putByType = (row: number, key: ByTypeKey, value: unknown): void =>
    putUnit(row, BY_TYPE_UNDER[key], value);
  const byTypeCell = (key: ByTypeKey, row: number): string => cell(BY_TYPE_UNDER[key], row);
  for (const { key, under } of BY_TYPE_COLUMNS) put(byTypeHeader, UNIT_COL[under], sm.byTypeColumns[key]);
  const byTypeRow = new Map<string, number>();
  const byTypeFormats: string[][] = [];
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
    const ofType = units.filter((u) => u.unit.type === type);
    const sum = (pick: (u: UnitResult) => number): number => ofType.reduce((n, u) => n + pick(u), 0);
    // Columns D (units) to I (errors): every by-type figure.
    byTypeFormats.push([
      COUNT,
      targetFormat(type),
      COUNT,
      COUNT,
      shareFormat(
        sum((u) => u.counts.valid),
        sum((u) => u.unit.target)
      ),
      COUNT,
    ]);
  });

  // The ward's figure: distinct people ÷ households (Cấu hình's figure, else the Tổ dân phố targets).
  // Targets and households are the numbers the set-up sheet was read as (the same ones the ward
  // report uses), so that a target typed as text ("1.200") cannot turn a ratio into an error.
  const w = SUMMARY.wardFirstRow;
  const v = SUMMARY.wardValueColumn;
  const note = SUMMARY.wardNoteColumn;
  put(SUMMARY.wardHeadingRow, 1, sm.wardHeading);
  sm.wardLabels.forEach((label, i) => put(w + i, SUMMARY.wardLabelColumn, label));
  const residential = byTypeRow.get(RESIDENTIAL_GROUP);
  put(w, v, ctx.households ?? f.formula(residential ? byTypeCell('target', residential) : '0'));
  put(
    w,
    note,
    literalText(
      ctx.households === null ? sm.wardNotes.householdsFromTargets : sm.wardNotes.householdsFromConfig
    )
  );
  // Distinct people = every unit's valid rows less those another unit listed first (the "DUP" rows):
  // the same count as the master's "OK" rows, without a formula that scans the whole master list.
  put(w + 1, v, f.formula(`${cell('valid', totalRow)}-${cell('duplicatesOfOtherUnits', totalRow)}`));
  put(w + 1, note, literalText(sm.wardNotes.people));
  put(w + 2, v, ratioOf(col(v, w + 1), col(v, w)));
  put(w + 2, note, literalText(sm.wardNotes.rule));
  // Verdicts are words, for people: written as text from the same counts the formulas make, so that
  // no formula holds a Vietnamese word (the code decides exactly as the formulas compute).
  const households = ctx.households ?? defaultHouseholds(units.map((u) => u.unit));
  const unique = consolidation.totals.uniquePeople;
  put(w + 3, v, households > 0 ? literalText(unique / households > 1 ? sm.wardMet : sm.wardNotMet) : '');

  put(SUMMARY.unitsHeadingRow, 1, sm.unitsHeading);
  SUMMARY_COLUMNS.headers.forEach((label, i) => put(SUMMARY.unitHeaderRow, i + 1, label));
  const code = (status: StatusCode): string => formulaString(status);
  // The status columns are Tổng hợp's (other readers give no status): their formats join the units' block,
  // in the same call.
  const withStatus = units.some((unit) => unit.followUp);
  const statusFormats = withStatus ? [TEXT, TEXT, STATUS_DATE] : [];
  /** Columns E (target) to M (last updated) of each unit row, then of the total row. */
  const unitFormats: string[][] = [];
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
      // A Date from any realm (the stand-in's clock makes its own): written as a date, shown as MOMENT.
      isDateValue(unit.lastUpdated) ? unit.lastUpdated : literalText(cellText(unit.lastUpdated))
    );
    putUnit(r, 'verdict', literalText(unitVerdict(unit)));
    // The unit's status (follow-up.ts): the office's records and the unit's tick, as Tổng hợp saw them.
    if (unit.followUp) {
      putUnit(r, 'status', literalText(unit.followUp.text));
      putUnit(r, 'statusSince', unit.followUp.since);
    }
    unitFormats.push([
      ...unitRowFormats(targetFormat(unit.unit.type), shareFormat(unit.counts.valid, unit.unit.target)),
      ...statusFormats,
    ]);
  });

  // The totals add counts only: targets mix households and people, so neither they nor a ratio add up.
  put(totalRow, UNIT_COL.name, sm.total);
  const summed: SummaryKey[] = [
    'rows',
    'valid',
    'errors',
    'warnings',
    'duplicatesWithinUnit',
    'duplicatesOfOtherUnits',
  ];
  for (const key of summed)
    putUnit(totalRow, key, units.length > 0 ? f.callFormula('SUM', unitColumn(key)) : '=0');
  unitFormats.push([...unitRowFormats(COUNT, percentFormat(1)), ...statusFormats.map(() => TEXT)]);

  const coverageSpan = (first: number, last: number): string =>
    `${cell('coverage', first)}:${cell('coverage', last)}`;
  const unitShares = units.length > 0 ? [coverageSpan(firstUnit, lastUnit)] : [];
  if (types.length > 0) unitShares.push(coverageSpan(byTypeFirst, byTypeLast));
  const wardRatio = col(v, w + 2);
  const numberFormats = [
    {
      range: `${col(v, w)}:${wardRatio}`,
      formats: [[COUNT], [COUNT], [households > 0 ? shareFormat(unique, households) : percentFormat(1)]],
    },
    {
      range: `${cell('target', firstUnit)}:${cell(withStatus ? 'statusSince' : 'lastUpdated', totalRow)}`,
      formats: unitFormats,
    },
  ];
  if (types.length > 0) {
    numberFormats.push({
      range: `${byTypeCell('units', byTypeFirst)}:${byTypeCell('errors', byTypeLast)}`,
      formats: byTypeFormats,
    });
  }
  return {
    cells,
    unitRows: { first: firstUnit, last: lastUnit },
    totalRow,
    ward: { households: w, uniquePeople: w + 1, ratio: w + 2, verdict: w + 3 },
    byType: { headerRow: byTypeHeader, first: byTypeFirst, last: byTypeLast },
    numberFormats,
    wrappedRows: [SUMMARY.unitHeaderRow, byTypeHeader],
    legend: legend.map(({ column, colour }) => ({ column, colour })),
    shades: shadeRules(unitShares, wardRatio),
    chartRanges:
      units.length > 0
        ? [
            `${cell('name', SUMMARY.unitHeaderRow)}:${cell('name', lastUnit)}`,
            `${cell('coverage', SUMMARY.unitHeaderRow)}:${cell('coverage', lastUnit)}`,
          ]
        : [],
  };
}

/** A unit row's formats from Chỉ tiêu (E) to Cập nhật lần cuối (M), in the order of SUMMARY_COLUMNS. */
function unitRowFormats(target: string, share: string): string[] {
  const byKey: Partial<Record<SummaryKey, string>> = { target, coverage: share, lastUpdated: MOMENT };
  return SUMMARY_COLUMNS.keys
    .slice(UNIT_COL.target - 1, UNIT_COL.lastUpdated)
    .map((key) => byKey[key] ?? COUNT);
}

/**
 * The unit's verdict from its counts, exactly as its coverage formula divides them: Đạt from 100% of its
 * target, Chưa báo cáo when its sheet has no row at all (rather than a bare Chưa đạt).
 */
export function unitVerdict(unit: UnitResult): string {
  if (unit.state !== 'ok') return sm.unread[unit.state];
  if (unit.counts.rows === 0) return sm.noRows;
  if (!(unit.unit.target > 0)) return sm.noTarget;
  return unit.counts.valid / unit.unit.target >= 1 ? sm.unitMet : sm.unitNotMet;
}
