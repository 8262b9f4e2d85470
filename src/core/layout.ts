/** Where things stand on the set-up sheet and on each unit sheet (1-based rows and columns). */
import { defineColumns } from './columns';
import { ROW_COLUMN_LABELS } from './messages/rows';
import { configMessages as cfg, unitSheetMessages as um } from './messages/setup';
import { verdictMessages as vm } from './messages/verdict';
import { a1, columnLetter, formulaInteger, formulaString, literalText, type Formulas } from './formulas';
import { checkColumnFormulas, type CheckColumnFormulas } from './check-formulas';
import { MIN_BIRTH_YEAR } from './rows';
import { normalizeText } from './text';
import type { Unit } from './units';

export const CONFIG_SHEET = cfg.sheetName;

/** Rows of the campaign block on a new set-up sheet (older sheets are read by their labels). */
const CAMPAIGN_ROWS = Object.keys(cfg.campaignLabels).length;
/** Columns of the units table on a new set-up sheet. */
const UNIT_TABLE_COLUMNS = cfg.unitColumns.length;

/** A new set-up sheet (see config-table.ts for how any version of it is read). */
export const CONFIG = {
  titleRow: 1,
  hintRow: 2,
  campaignHeadingRow: 3,
  campaignFirstRow: 4,
  campaignLabelColumn: 1,
  campaignValueColumn: 3,
  unitsHeadingRow: 4 + CAMPAIGN_ROWS + 1,
  unitsHeaderRow: 4 + CAMPAIGN_ROWS + 2,
  unitsFirstRow: 4 + CAMPAIGN_ROWS + 3,
  unitColumns: UNIT_TABLE_COLUMNS,
  /** Rows offered for units on a new set-up sheet (users may add more). */
  unitRows: 300,
  /** A narrow gap, then the instructions. */
  instructionsColumn: UNIT_TABLE_COLUMNS + 2,
  columns: UNIT_TABLE_COLUMNS + 2,
  columnWidths: [80, 260, 150, 80, 260, 160, 110, 220, 200, 260, 20, 460],
};

/**
 * A unit sheet, left to right: the official form (Stt … Ghi chú), then "Kiểm tra", right after Ghi chú
 * and outside the form: each row's verdict, computed by array formulas (check-formulas.ts) from the
 * hidden helper columns after it. Nothing reads the verdicts back as data. Năm sinh is formatted as plain
 * text, so that what is typed there stays as typed: a year, a date or "85" alike reach the formulas and
 * Tổng hợp as text (a date cell is told from a number only by its format, which formulas cannot see).
 */
const UNIT_COLUMNS = defineColumns(
  [
    { key: 'stt', width: 45 },
    { key: 'name', width: 200 },
    { key: 'birthYear', width: 80, format: '@' },
    { key: 'organisation', width: 200 },
    { key: 'residence', width: 230 },
    { key: 'note', width: 140 },
    { key: 'check', width: 250 },
    { key: 'checkName', width: 120 },
    { key: 'checkYearText', width: 90 },
    { key: 'checkResidence', width: 120 },
    { key: 'checkYear', width: 90 },
    { key: 'checkCodes', width: 90 },
    { key: 'checkKey', width: 160 },
  ],
  { ...ROW_COLUMN_LABELS, ...vm.columnHeaders }
);

/** Columns of a unit sheet (1-based). */
export const UNIT_SHEET_COL = UNIT_COLUMNS.col;

/** The official form's columns (Stt … Ghi chú): what Tổng hợp, the sidebar, the import and reports read. */
const FORM_COLUMNS = UNIT_SHEET_COL.note;

/**
 * Unit sheets: a header block laid out as the official form, the table header, then data rows. Its column
 * fields come from UNIT_COLUMNS with the values they always had: the template's version is a fingerprint
 * of this object, so an unchanged layout keeps every workbook's template.
 */
export const UNIT_SHEET = {
  /** The form's columns, Stt … Ghi chú (the spec's first ones). */
  columns: FORM_COLUMNS,
  /** "Kiểm tra" (see UNIT_COLUMNS). */
  checkColumn: UNIT_SHEET_COL.check,
  checkColumnWidth: UNIT_COLUMNS.widths[UNIT_SHEET_COL.check - 1],
  /** The hidden helper columns of Kiểm tra's formulas: after it, to the last column of the sheet. */
  checkHelperColumns: [UNIT_SHEET_COL.checkName, UNIT_COLUMNS.count] as const,
  /** Every column of a unit sheet. */
  lastColumn: UNIT_COLUMNS.count,
  headerRow: 7,
  firstDataRow: 8,
  /** Rows for data on a new sheet: 1,007 × 6 cells keeps 200 units far below Google's 10M-cell limit. */
  dataRows: 1000,
  /** Rows 1–7 of the form (A1:F7) are the clerk's, in one protection. */
  clerkOnlyBlocks: [[1, 7]] as const,
  /**
   * Versions before 0.2 stamped "Cập nhật lần cuối" into row 6 from an onEdit trigger: in G6 (label F6),
   * or, older still, in C6 (label A6, both merged over two columns, rows 1–5 and 7 protected apart).
   * Thiết lập rewrites such a header: row 6 is blank now (Tổng hợp records when a list last changed).
   */
  stampRow: 6,
  oldClerkOnlyBlocks: [
    [1, 5],
    [7, 7],
  ] as const,
  oldMerges: [
    [6, 1, 2],
    [6, 3, 4],
  ] as const,
  /** The form's widths (Kiểm tra's is set with its column). */
  columnWidths: UNIT_COLUMNS.widths.slice(0, FORM_COLUMNS),
  font: 'Times New Roman',
  metadataKey: 'tonghop.unit',
  namedRangePrefix: 'TH_UNIT_',
  /** Merged cells of the header block: [row, firstColumn, lastColumn]; the halves of rows 1–2 split the form at C|D. */
  merges: [
    [1, 1, 3],
    [1, 4, FORM_COLUMNS],
    [2, 1, 3],
    [2, 4, FORM_COLUMNS],
    [4, 1, FORM_COLUMNS],
    [5, 1, FORM_COLUMNS],
  ] as const,
};

export function unitSheetRowCount(): number {
  return UNIT_SHEET.firstDataRow - 1 + UNIT_SHEET.dataRows;
}

/** Named ranges that tag tonghop's own sheets where metadata is lost (.xlsx): TH_ROLE_<ROLE>. */
export const ROLE_RANGE_PREFIX = 'TH_ROLE_';
/**
 * The named range TH_WARD_<key> that carries the ward's key on Cấu hình and on every unit's file: defined names
 * survive Excel, LibreOffice, WPS and Google's download, custom document properties do not.
 */
export const WARD_RANGE_PREFIX = 'TH_WARD_';

/** The named range that carries a unit's identity (on the table header row, so it follows inserted rows). */
export function unitRangeName(code: string): string {
  return UNIT_SHEET.namedRangePrefix + code.toUpperCase().replace(/-/g, '_');
}

/** Header block rows 1–7, columns A–F, of a unit sheet (the timestamp, in G6, is not part of it). */
export function unitHeaderBlock(
  unit: Unit,
  campaign: { title: string; completion: string; report: string; purpose?: string }
): unknown[][] {
  const rows = staticHeaderBlock();
  // Cấu hình's "Cơ quan chủ quản"; nothing when it is blank (never the form's placeholder).
  rows[0][0] = unit.parentBody === '' ? '' : literalText(unit.parentBody.toLocaleUpperCase('vi'));
  rows[1][0] = literalText(unit.name.toLocaleUpperCase('vi'));
  rows[3][0] = literalText(um.reportTitle(campaign.title));
  // Under the title: who may type, then what the data serve (issue 20's notice), in one wrapped cell, since
  // row 6 is the unit's "done" tick and the office's note (issue 22).
  const whoMayType = um.whoMayType(unit, campaign.completion, campaign.report);
  rows[4][0] = literalText(campaign.purpose ? `${whoMayType}\n${campaign.purpose}` : whoMayType);
  return rows;
}

/** The header block's cells that are the same for every unit (the template sheet holds just these). */
export function staticHeaderBlock(): unknown[][] {
  const rows: unknown[][] = Array.from({ length: UNIT_SHEET.headerRow }, () =>
    Array<unknown>(UNIT_SHEET.columns).fill('')
  );
  rows[0][3] = um.nationalTitle;
  rows[1][3] = um.motto;
  rows[DONE_TICK.row - 1][DONE_TICK.mirrorColumn - 1] = doneTickMirror(DONE_TICK.row);
  UNIT_COLUMNS.headers.slice(0, FORM_COLUMNS).forEach((label, i) => (rows[6][i] = label));
  return rows;
}

/**
 * The unit's "done" tick, in row 6 (the old stamp's row, blank since): a native checkbox in G6, after the
 * form and above Kiểm tra, so outside the header's protection (the unit's to tick, no script); F6, the
 * office's, mirrors it with =N(G6) (1 or 0, shown as a label by its number format), so that the one read
 * of A–F every action makes sees it. A6 holds the office's note when it returns the list.
 */
export const DONE_TICK = {
  row: 6,
  mirrorColumn: UNIT_SHEET_COL.note,
  column: UNIT_SHEET_COL.check,
  noteColumn: 1,
} as const;

/** F6's formula (no argument separator: the same in every locale). */
export function doneTickMirror(row: number): string {
  return `=N(${columnLetter(DONE_TICK.column)}${row})`;
}

/** Whether a unit sheet's values (read from A1) say the unit ticked "done" (the mirror reads 1). */
export function doneTicked(values: readonly (readonly unknown[])[], headerRow: number): boolean {
  return values[headerRow - 2]?.[DONE_TICK.mirrorColumn - 1] === 1;
}

/** "Stt numbers itself for filled rows": one formula per data row. */
export function sttFormula(f: Formulas, row: number): string {
  return f.callFormula(
    'IF',
    `${f.call('COUNTA', `${a1(row, UNIT_SHEET_COL.name)}:${a1(row, UNIT_SHEET_COL.residence)}`)}>0`,
    `${f.call('ROW')}-${formulaInteger(UNIT_SHEET.firstDataRow - 1)}`,
    '""'
  );
}

/** The official table header, allowing for what typing may add (case, spaces, NFD). */
export function isUnitTableHeader(cells: readonly unknown[]): boolean {
  const official = UNIT_COLUMNS.headers.slice(0, UNIT_SHEET_COL.residence);
  return official.every(
    (label, i) =>
      normalizeText(String(cells[i] ?? '')).toLocaleLowerCase('vi') === label.toLocaleLowerCase('vi')
  );
}

/** Whether a unit sheet's cell right after Ghi chú on the table header is our "Kiểm tra" header. */
export function isCheckColumnHeader(cell: unknown): boolean {
  return normalizeText(String(cell ?? '')).toLocaleLowerCase('vi') === vm.header.toLocaleLowerCase('vi');
}

/**
 * The Năm sinh cells' validation rule (a warning with help text, never a refusal): a whole year from 1900
 * to the campaign's year, typed into the plain-text column as four digits, or a number cell (a row
 * written before the column was plain text, or pasted with its own format).
 */
export function birthYearRule(f: Formulas, column: string, row: number, year: number): string {
  const cell = `${column}${row}`;
  const value = f.call('VALUE', cell);
  const inRange = (y: string) => [`${y}>=${formulaInteger(MIN_BIRTH_YEAR)}`, `${y}<=${formulaInteger(year)}`];
  return f.callFormula(
    'OR',
    f.call('AND', f.call('ISNUMBER', cell), `${cell}=${f.call('INT', cell)}`, ...inRange(cell)),
    f.call(
      'AND',
      f.call('ISTEXT', cell),
      `${f.call('LEN', cell)}=${formulaInteger(4)}`,
      `${f.call('LEN', f.call('SUBSTITUTE', cell, formulaString('.'), '""'))}=${formulaInteger(4)}`,
      f.call('ISNUMBER', value),
      ...inRange(f.call('IFERROR', value, '0'))
    )
  );
}

/**
 * The Kiểm tra column's array formulas, one per column from Kiểm tra to the last helper, for a sheet
 * whose table header is on `headerRow` and whose grid ends at `lastRow`; `year` is the campaign's year.
 */
export function checkFormulasRow(f: Formulas, headerRow: number, lastRow: number, year: number): string[] {
  const formulas = checkColumnFormulas(f, { header: headerRow, last: lastRow, col: UNIT_SHEET_COL }, year);
  return UNIT_COLUMNS.keys
    .slice(UNIT_SHEET_COL.check - 1)
    .map((key) => formulas[key as keyof CheckColumnFormulas]);
}

/** The headers of Kiểm tra and its helper columns, in column order. */
export function checkHeaders(): string[] {
  return UNIT_COLUMNS.headers.slice(UNIT_SHEET_COL.check - 1);
}

/** Cấu hình's Chỉ tiêu: a whole number, 0 or more (the rule for the first cell of the column). */
export function targetRule(f: Formulas, cell: string): string {
  return f.callFormula(
    'AND',
    f.call('ISNUMBER', cell),
    `${cell}>=${formulaInteger(0)}`,
    `${cell}=${f.call('INT', cell)}`
  );
}
