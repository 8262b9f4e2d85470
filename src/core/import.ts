/**
 * "Nhập từ tệp": turns a unit's own table (an Excel or CSV list sent through Zalo, already parsed into
 * plain cells) into rows of the unit's sheet, checked with the same rules as typed rows.
 *
 * Pure: no Apps Script, no Node, no clock (the current year comes in).
 */
import { toRawRow } from './consolidate';
import { UNIT_SHEET } from './layout';
import { importMessages as im } from './messages/import';
import {
  checkUnitRows,
  columnLabel,
  isBlankRow,
  isNamesakeNote,
  type ProblemLevel,
  type RawRow,
  type RowColumn,
} from './rows';
import { cellText, foldDiacritics, normalizeText } from './text';

/** A cell as it crosses google.script.run: dates already turned into 'dd/mm/yyyy' text. */
export type ImportCell = string | number | boolean | null;
export type ImportTable = ImportCell[][];

/** The columns a file can fill, in the sheet's order (columns B..F). */
export type ImportField = 'name' | 'birthYear' | 'organisation' | 'residence' | 'note';
const IMPORT_FIELDS: readonly ImportField[] = ['name', 'birthYear', 'organisation', 'residence', 'note'];

/** Unit files often copy the official form: its header block sits above the table. */
const HEADER_SEARCH_ROWS = 20;
/**
 * People in one file: a unit's list is tens to hundreds of people, a whole ward's old list some
 * thousands; 10,000 fits one execution with room (test/gas/import-scale.test.ts, test/bench/model.ts).
 */
export const MAX_IMPORT_PEOPLE = 10_000;
/**
 * Rows of a table, header block, blank lines and signatures included: the people, plus room for a form's
 * lines around them. A table longer than this is refused before it is sent.
 */
export const MAX_IMPORT_ROWS = MAX_IMPORT_PEOPLE + 500;
/** Columns read from a file; the form has six. */
export const MAX_IMPORT_COLUMNS = 40;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What a header cell may say, folded (see `headerKey`); a header that starts with one of these words matches too. */
const HEADER_NAMES: Record<ImportField | 'stt', readonly string[]> = {
  stt: ['stt', 'tt', 'so tt', 'so thu tu'],
  name: ['ho va ten', 'ho ten', 'hoten', 'ho va chu dem ten'],
  birthYear: ['nam sinh', 'ngay sinh', 'ngay thang nam sinh', 'sinh nam', 'nam sinh ngay sinh'],
  organisation: ['co quan don vi', 'co quan', 'don vi', 'noi cong tac', 'noi lam viec', 'don vi cong tac'],
  residence: [
    'noi o hien nay',
    'noi o',
    'dia chi',
    'noi cu tru',
    'cho o hien nay',
    'cho o',
    'noi thuong tru',
  ],
  note: ['ghi chu'],
};

/** "HỌ VÀ TÊN", "Ho  va ten", "Họ & tên:" → "ho va ten" / "ho ten": no accents, case, punctuation or extra spaces. */
export function headerKey(value: unknown): string {
  return foldDiacritics(normalizeText(cellText(value)))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The field a header cell names, 'stt' for the number column (ignored), or null. */
export function fieldOfHeader(value: unknown): ImportField | 'stt' | null {
  const key = headerKey(value);
  if (key === '') return null;
  for (const field of ['stt', ...IMPORT_FIELDS] as const) {
    if (HEADER_NAMES[field].some((name) => key === name || key.startsWith(name + ' '))) return field;
  }
  return null;
}

export interface HeaderColumn {
  field: ImportField;
  /** 0-based column of the table. */
  index: number;
  /** The file's own header text, normalised. */
  label: string;
}

export interface HeaderMatch {
  /** 0-based row of the table. */
  index: number;
  columns: HeaderColumn[];
}

/**
 * The first of the first HEADER_SEARCH_ROWS rows that names a name column and at least a year or a
 * residence column (two cells naming one field: the first counts), or null.
 */
export function findHeader(table: readonly (readonly ImportCell[])[]): HeaderMatch | null {
  const last = Math.min(table.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < last; index++) {
    const columns: HeaderColumn[] = [];
    (table[index] ?? []).forEach((cell, column) => {
      const field = fieldOfHeader(cell);
      if (field === null || field === 'stt' || columns.some((c) => c.field === field)) return;
      columns.push({ field, index: column, label: normalizeText(cellText(cell)) });
    });
    const has = (field: ImportField) => columns.some((c) => c.field === field);
    if (has('name') && (has('birthYear') || has('residence'))) {
      columns.sort((a, b) => IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field));
      return { index, columns };
    }
  }
  return null;
}

/** A cell value as it will be written: text normalised (spaces, NFC), numbers as numbers. */
export type ImportValue = string | number;

/**
 * What the unit typed, as the sheet would hold it had they typed it there: text normalised (spaces,
 * invisible characters) but never re-cased or guessed; a year written as digits becomes a number
 * ("1985" from a CSV is 1985); a date stays 'dd/mm/yyyy' text, whose year the rules take with a warning.
 */
export function importValue(field: ImportField, cell: ImportCell | undefined): ImportValue {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : '';
  const text = normalizeText(cellText(cell));
  if (field === 'birthYear' && /^[0-9]{1,4}$/.test(text)) return Number(text);
  return text;
}

/** The column-number row that forms often have under the header: "1 | 2 | 3" or "(1) | (2) | (3)". */
function isNumberingRow(cells: readonly ImportCell[]): boolean {
  const filled = cells.map((cell) => normalizeText(cellText(cell))).filter((text) => text !== '');
  return filled.length >= 3 && filled.every((text) => /^\(?[0-9]{1,2}\)?$/.test(text));
}

/** Signatures, dates and totals under a form's table, cell by cell (folded by `headerKey`). */
const FOOTER =
  /^(nguoi lap|lap bieu|thu truong|xac nhan|ky ten|ky ghi ro|tong cong|tong so|tm|kt|t m|k t)\b|\bngay\b.*\bthang\b.*\bnam\b/;

/**
 * A line under the table that is not a person: no year, a cell with the words of a signature, a date
 * line or a total, and no name other than such words.
 */
function isFooterRow(cells: readonly ImportCell[], values: readonly ImportValue[]): boolean {
  if (values[1] !== '') return false;
  const isFooter = (value: unknown) => FOOTER.test(headerKey(value));
  return (values[0] === '' || isFooter(values[0])) && cells.some(isFooter);
}

export type ImportRowStatus = 'valid' | 'warning' | 'error' | 'present';

export interface ImportProblem {
  column: RowColumn;
  /** The sheet's header of that column, e.g. "Năm sinh". */
  columnLabel: string;
  level: ProblemLevel;
  code: string;
  message: string;
}

export interface ImportRow {
  /** 1-based row of the file. */
  fileRow: number;
  /** Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú: as they will be written. */
  values: ImportValue[];
  status: ImportRowStatus;
  problems: ImportProblem[];
  /** The sheet row it goes to; null when it is skipped (already present). */
  sheetRow: number | null;
  /** Why it is skipped: the same person already in the sheet, or earlier in the file. */
  presentAt?: { where: 'sheet' | 'file'; row: number };
}

export interface ImportCounts {
  /** People in the file: rows that are not blank and not a form's numbering, signature or total line. */
  rows: number;
  toImport: number;
  /** Among the rows to import: no problem at all, warnings only, errors. */
  valid: number;
  warnings: number;
  errors: number;
  /** Skipped: already in the unit's sheet, or repeated in the file. */
  present: number;
  /** Numbering, signature and total lines left out. */
  ignored: number;
}

export type ImportProblemKind = 'empty' | 'no-header' | 'no-rows' | 'too-many-rows';

export interface ImportAnalysis {
  ok: boolean;
  /** Why the table cannot be imported (null when it can). */
  problem: ImportProblemKind | null;
  message: string;
  header: { row: number; columns: HeaderColumn[] } | null;
  rows: ImportRow[];
  counts: ImportCounts;
  /** The sheet row of the first imported row. */
  firstRow: number;
}

export interface ImportContext {
  unitCode: string;
  unitName: string;
  currentYear: number;
  /** The unit sheet's data rows (cells A..F as getValues returns them), from `firstDataRow`. */
  existing: readonly (readonly unknown[])[];
  firstDataRow: number;
}

/** The last sheet row with anything in columns A..F (Stt's formula shows '' on an empty row), or the row above the data. */
export function lastUsedRow(existing: readonly (readonly unknown[])[], firstDataRow: number): number {
  for (let i = existing.length - 1; i >= 0; i--) {
    if (existing[i].slice(0, UNIT_SHEET.columns).some((cell) => normalizeText(cellText(cell)) !== ''))
      return firstDataRow + i;
  }
  return firstDataRow - 1;
}

/** A row as written (Họ và tên … Ghi chú), to find the very same row: each cell as text, normalised, any case. */
function identityKey(cells: readonly unknown[]): string {
  return cells.map((cell) => normalizeText(cellText(cell)).toLowerCase()).join('\u0001');
}

const NO_COUNTS: ImportCounts = {
  rows: 0,
  toImport: 0,
  valid: 0,
  warnings: 0,
  errors: 0,
  present: 0,
  ignored: 0,
};

function hasContent(table: readonly (readonly ImportCell[])[]): boolean {
  return table.some((cells) => cells.some((cell) => normalizeText(cellText(cell)) !== ''));
}

/**
 * The preview of an import: each person of the file, checked with the unit's rules in the place it
 * will take (below the unit's last row), and whether it is already there.
 *
 * Rows with errors are imported too: the unit's list was typed by the unit, and a clerk who imports it
 * expects to find every person of the file in the sheet, the mistakes flagged there as if typed, for
 * the unit to fix (dropping them would lose people over a mistyped year and send the unit back to
 * retyping, which is what this feature removes). Only people already in the sheet are skipped, as
 * importing them again would only create "trùng" errors.
 *
 * "Already there" is the unit's own rule (same name, year and residence; "Không trùng" respected), plus,
 * for the rows that rule cannot compare (rows with errors, declared namesakes), an identical row: so
 * that importing the same file twice, or a list the unit sent again with a few more people, adds only
 * the new people.
 */
export function analyseImport(table: readonly (readonly ImportCell[])[], ctx: ImportContext): ImportAnalysis {
  const firstRow = lastUsedRow(ctx.existing, ctx.firstDataRow) + 1;
  const fail = (
    problem: ImportProblemKind,
    message: string,
    header: ImportAnalysis['header'] = null
  ): ImportAnalysis => ({
    ok: false,
    problem,
    message,
    header,
    rows: [],
    counts: NO_COUNTS,
    firstRow,
  });
  if (!hasContent(table)) return fail('empty', im.empty);
  if (table.length > MAX_IMPORT_ROWS) return fail('too-many-rows', im.tooManyRows(MAX_IMPORT_PEOPLE));
  const match = findHeader(table);
  if (!match) return fail('no-header', im.noHeader);
  const header = { row: match.index + 1, columns: match.columns };

  // The file's rows that hold a person, in order.
  const candidates: { fileRow: number; values: ImportValue[] }[] = [];
  let ignored = 0;
  let first = true;
  for (let index = match.index + 1; index < table.length; index++) {
    const cells = table[index] ?? [];
    const values = IMPORT_FIELDS.map((field) => {
      const column = match.columns.find((c) => c.field === field);
      return column === undefined ? '' : importValue(field, cells[column.index]);
    });
    if (values.slice(0, 4).every((value) => value === '')) continue; // blank, as the rules see it
    if ((first && isNumberingRow(cells)) || isFooterRow(cells, values)) {
      ignored++;
      continue;
    }
    first = false;
    candidates.push({ fileRow: index + 1, values });
  }
  if (candidates.length === 0)
    return { ...fail('no-rows', im.noRows(header.row), header), counts: { ...NO_COUNTS, ignored } };
  if (candidates.length > MAX_IMPORT_PEOPLE)
    return fail('too-many-rows', im.tooManyPeople(candidates.length, MAX_IMPORT_PEOPLE), header);

  // The sheet's rows, then the file's rows where they would go: one pass of the unit's own rules finds
  // the people already there (a repeat pointing above `firstRow`) and the repeats within the file.
  const existing: RawRow[] = ctx.existing.map((cells, i) => toRawRow(cells, ctx.firstDataRow + i));
  const incoming: RawRow[] = candidates.map((c, i) => toRawRow(['', ...c.values], firstRow + i));
  const checked = checkUnitRows(existing.concat(incoming), ctx);
  const checkedByRow = new Map(checked.map((row) => [row.sheetRow, row]));
  // Identical rows: each row of the sheet stands for one row of the file (two namesakes stay two).
  const sheetRowsByKey = new Map<string, number[]>();
  existing.forEach((raw) => {
    if (isBlankRow(raw)) return;
    const key = identityKey([raw.name, raw.birthYear, raw.organisation, raw.residence, raw.note]);
    sheetRowsByKey.set(key, [...(sheetRowsByKey.get(key) ?? []), raw.sheetRow]);
  });
  const fileRowByKey = new Map<string, number>();

  const rows: ImportRow[] = [];
  const counts: ImportCounts = { ...NO_COUNTS, rows: candidates.length, ignored };
  let next = firstRow;
  candidates.forEach((candidate, i) => {
    const row = checkedByRow.get(firstRow + i);
    const values = candidate.values;
    if (!row) return; // blank for the rules too (cannot happen: blank rows were left out above)
    const repeatOf = row.problems.some((p) => p.code === 'DUPLICATE_IN_UNIT')
      ? row.duplicateOf?.sheetRow
      : undefined;
    const key = identityKey(values);
    let presentAt: ImportRow['presentAt'];
    if (repeatOf !== undefined) {
      presentAt =
        repeatOf < firstRow
          ? { where: 'sheet', row: repeatOf }
          : { where: 'file', row: candidates[repeatOf - firstRow].fileRow };
    } else if (sheetRowsByKey.get(key)?.length) {
      presentAt = { where: 'sheet', row: (sheetRowsByKey.get(key) as number[]).shift() as number };
    } else if (fileRowByKey.has(key) && !isNamesakeNote(String(values[4]))) {
      presentAt = { where: 'file', row: fileRowByKey.get(key) as number };
    }
    if (!fileRowByKey.has(key)) fileRowByKey.set(key, candidate.fileRow);
    if (presentAt !== undefined) {
      const inSheet = presentAt.where === 'sheet';
      const message = inSheet ? im.alreadyInSheet(presentAt.row) : im.repeatedInFile(presentAt.row);
      const code = inSheet ? 'ALREADY_IN_SHEET' : 'REPEATED_IN_FILE';
      rows.push({
        fileRow: candidate.fileRow,
        values,
        status: 'present',
        problems: [{ column: 'name', columnLabel: columnLabel('name'), level: 'info', code, message }],
        sheetRow: null,
        presentAt,
      });
      counts.present++;
      return;
    }
    const status: ImportRowStatus = !row.valid ? 'error' : row.hasWarning ? 'warning' : 'valid';
    rows.push({
      fileRow: candidate.fileRow,
      values,
      status,
      problems: row.problems.map((p) => ({ ...p, columnLabel: columnLabel(p.column) })),
      sheetRow: next++,
    });
    counts.toImport++;
    if (status === 'error') counts.errors++;
    else if (status === 'warning') counts.warnings++;
    else counts.valid++;
  });
  return { ok: true, problem: null, message: im.previewSummary(counts), header, rows, counts, firstRow };
}
