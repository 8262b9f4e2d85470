/**
 * The row rules of a unit's list (`Stt | Họ và tên | Năm sinh | Cơ quan, đơn vị | Nơi ở hiện nay | Ghi chú`):
 * which rows are skipped, which are errors (not counted) or warnings (counted, shown), and which
 * repeat a person already listed by the same unit.
 *
 * Pure: no Apps Script globals, no Node APIs, no clock (the current year comes in `RowContext`), no
 * logging (rows hold personal data).
 */
import { ROW_COLUMN_LABELS, ROW_PROBLEM_MESSAGES } from './messages/rows';
import type { ProblemCode, ProblemLevel, RowColumn } from './row-codes';
import {
  cellText,
  foldDiacritics,
  foldTonePlacement,
  formatDate,
  isDateValue,
  mixesScripts,
  normalizeText,
  normalResidenceKey,
  toTitleCaseName,
} from './text';

export type { ProblemCode, ProblemLevel, RowColumn } from './row-codes';

export interface RowProblem {
  column: RowColumn;
  level: ProblemLevel;
  code: ProblemCode;
  message: string;
}

/**
 * One row of a unit's sheet, as `getValues` returns the cells: string | number | boolean | Date
 * ('' for an empty cell). Dates may come from another JavaScript realm.
 */
export interface RawRow {
  sheetRow: number;
  stt: unknown;
  name: unknown;
  birthYear: unknown;
  organisation: unknown;
  residence: unknown;
  note: unknown;
}

export interface RowContext {
  /** The name of the reporting unit: the organisation of a row that leaves it blank. */
  unitName: string;
  /** The current year, passed in (core never reads the clock). */
  currentYear: number;
}

export interface CheckedRow {
  sheetRow: number;
  /** Normalised and in title case; kept as typed (normalised) when it has characters a name cannot have. */
  name: string;
  /** null when the row has no usable year. */
  birthYear: number | null;
  /** Normalised; the unit's name when blank. */
  organisation: string;
  /** Normalised. */
  residence: string;
  /** Normalised "Ghi chú". */
  note: string;
  problems: RowProblem[];
  /** No problem of level 'error': the row counts for its unit. */
  valid: boolean;
  /** At least one 'warning' (duplicates are not warnings). */
  hasWarning: boolean;
  /**
   * personNameKey|year|residenceKey; null when the row is invalid for a reason other than being a within-unit
   * duplicate.
   */
  personKey: string | null;
  /** "Ghi chú" says "Không trùng": a real namesake, never a duplicate. */
  namesake: boolean;
  /** The first row of the same person, for a duplicate within the unit or across units. */
  duplicateOf?: { unitCode: string; unitName: string; sheetRow: number };
  /**
   * Another unit's row this one may repeat ("nghi trùng giữa đơn vị", duplicates.ts): the same name and birth
   * year at another residence, or the same person under a "Không trùng" note the office has not accepted.
   */
  suspectedOf?: { unitCode: string; unitName: string; sheetRow: number; reason: 'residence' | 'namesake' };
}

/** Birth years are accepted from this year to the current year. */
export const MIN_BIRTH_YEAR = 1900;
/** Names longer than this (in characters, after normalisation) are errors. */
export const NAME_MAX_LENGTH = 50;
/** Below this age (current year − birth year) a person cannot register by themselves: a warning. */
export const MIN_SELF_REGISTRATION_AGE = 14;
/** Above this age the birth year is probably mistyped: a warning. */
export const MAX_PLAUSIBLE_AGE = 100;

/** Longest typed value quoted in a message. */
const MESSAGE_VALUE_MAX = 30;

const NAME_CHARS = /^[\p{L}\p{M} '\u2019-]+$/u;
const HAS_LETTER = /\p{L}/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const YEAR_DIGITS = /^[0-9]+$/;
const DATE_TEXT = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** The label of a column, as on the form ("Họ và tên", "Năm sinh", …). */
export function columnLabel(column: RowColumn): string {
  return ROW_COLUMN_LABELS[column];
}

/** The Vietnamese message of a problem, its {placeholders} filled from `params`. */
export function problemMessage(code: ProblemCode, params: Record<string, string | number> = {}): string {
  return ROW_PROBLEM_MESSAGES[code].replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole
  );
}

function problem(
  column: RowColumn,
  level: ProblemLevel,
  code: ProblemCode,
  params?: Record<string, string | number>
): RowProblem {
  return { column, level, code, message: problemMessage(code, params) };
}

function shortValue(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MESSAGE_VALUE_MAX ? text : chars.slice(0, MESSAGE_VALUE_MAX - 1).join('') + '…';
}

function cellValueText(value: unknown): string {
  return value === '' ? '' : normalizeText(cellText(value));
}

/** True when the four data cells (Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay) are blank; Stt and Ghi chú are ignored. */
export function isBlankRow(raw: RawRow): boolean {
  return (
    cellValueText(raw.name) === '' &&
    cellValueText(raw.birthYear) === '' &&
    cellValueText(raw.organisation) === '' &&
    cellValueText(raw.residence) === ''
  );
}

/** True when a (normalised) name has only letters, accents, spaces, apostrophes and hyphens. */
export function hasValidNameChars(name: string): boolean {
  return NAME_CHARS.test(name);
}

/** "Ghi chú" marks a real namesake: it contains "Không trùng" (any case, with or without accents). */
export function isNamesakeNote(note: string): boolean {
  if (note === '') return false;
  return foldDiacritics(normalizeText(note)).toLowerCase().indexOf('khong trung') >= 0;
}

/** True for a real calendar date (31/02 is not). */
function isCalendarDate(day: number, month: number, year: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

export interface BirthYearResult {
  /** The usable birth year, or null. */
  year: number | null;
  /** How the year was written: a plain year, a full date (Date cell or dd/mm/yyyy text), or unusable. */
  source: 'year' | 'date' | 'none';
  /** The full date as dd/mm/yyyy when the cell held one. */
  date?: string;
  problems: RowProblem[];
}

/**
 * The common case: a whole year typed as a number, in range and of a plausible age (no problem at all);
 * else null, and parseBirthYear says what is wrong.
 */
function plainBirthYear(value: unknown, currentYear: number): number | null {
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= MIN_BIRTH_YEAR &&
    value <= currentYear
  ) {
    const age = currentYear - value;
    if (age >= MIN_SELF_REGISTRATION_AGE && age <= MAX_PLAUSIBLE_AGE) return value;
  }
  return null;
}

/**
 * Reads a "Năm sinh" cell: a whole year from 1900 to the current year, as a number or as text; or a full
 * date (Date cell, or text d/m/yyyy, also with "-" or "." between the parts), whose year is taken with a
 * YEAR_FROM_DATE warning. Never guesses: "85" is not 1985.
 */
export function parseBirthYear(value: unknown, currentYear: number): BirthYearResult {
  // The common case first, without allocating the helpers below.
  const plain = plainBirthYear(value, currentYear);
  if (plain !== null) return { year: plain, source: 'year', problems: [] };
  const range = { min: MIN_BIRTH_YEAR, max: currentYear };
  const fail = (code: ProblemCode, shown: string): BirthYearResult => ({
    year: null,
    source: 'none',
    problems: [problem('birthYear', 'error', code, { ...range, value: shortValue(shown) })],
  });
  const inRange = (year: number): boolean => year >= MIN_BIRTH_YEAR && year <= currentYear;

  let year: number;
  let date: string | undefined;
  if (isDateValue(value)) {
    if (Number.isNaN(value.getTime())) return fail('YEAR_INVALID', cellText(value));
    year = value.getFullYear();
    date = formatDate(value);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) return fail('YEAR_INVALID', cellText(value));
    year = value;
  } else {
    const text = cellValueText(value);
    if (text === '') {
      return {
        year: null,
        source: 'none',
        problems: [problem('birthYear', 'error', 'YEAR_REQUIRED', range)],
      };
    }
    if (typeof value === 'boolean') return fail('YEAR_INVALID', text);
    const dateMatch = DATE_TEXT.exec(text);
    if (YEAR_DIGITS.test(text)) {
      year = Number(text);
    } else if (
      dateMatch &&
      isCalendarDate(Number(dateMatch[1]), Number(dateMatch[2]), Number(dateMatch[3]))
    ) {
      year = Number(dateMatch[3]);
      date = `${dateMatch[1].padStart(2, '0')}/${dateMatch[2].padStart(2, '0')}/${dateMatch[3]}`;
    } else {
      return fail('YEAR_INVALID', text);
    }
  }

  if (!inRange(year))
    return fail('YEAR_OUT_OF_RANGE', date === undefined ? cellValueText(value) : String(year));

  const problems: RowProblem[] = [];
  if (date !== undefined) problems.push(problem('birthYear', 'warning', 'YEAR_FROM_DATE', { date, year }));
  const age = currentYear - year;
  if (age < MIN_SELF_REGISTRATION_AGE) {
    problems.push(problem('birthYear', 'warning', 'AGE_UNDER_14', { year, age }));
  } else if (age > MAX_PLAUSIBLE_AGE) {
    problems.push(problem('birthYear', 'warning', 'AGE_OVER_100', { year, age }));
  }
  return { year, source: date === undefined ? 'year' : 'date', date, problems };
}

function codePointLength(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) length--; // the second half of a surrogate pair
  }
  return length;
}

/**
 * At least two space-separated words with a letter each ("Nguyễn An"; not "Hà" nor "Hà -"). The name
 * has passed NAME_CHARS, so anything but a space, an apostrophe, a hyphen or a combining mark is a letter.
 */
function hasTwoWords(name: string): boolean {
  let words = 0;
  let letterInWord = false;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 32;
    if (c === 32) {
      if (letterInWord && ++words === 2) return true;
      letterInWord = false;
    } else if (c !== 39 && c !== 45 && c !== 0x2019 && !(c >= 0x300 && c <= 0x36f)) {
      letterInWord = true;
    }
  }
  return false;
}

/** Checks "Họ và tên": at most one problem; returns the name to show (title case when its characters are valid). */
function checkName(text: string): { name: string; problem?: RowProblem } {
  if (!HAS_LETTER.test(text) && (text === '' || NAME_CHARS.test(text))) {
    return { name: text, problem: problem('name', 'error', 'NAME_REQUIRED') };
  }
  if (!NAME_CHARS.test(text)) {
    return { name: text, problem: problem('name', 'error', 'NAME_INVALID_CHARS') };
  }
  // A Cyrillic or Greek look-alike among Latin letters: another string, which the duplicate check would miss.
  if (mixesScripts(text)) return { name: text, problem: problem('name', 'error', 'NAME_MIXED_SCRIPT') };
  const name = toTitleCaseName(text);
  const length = codePointLength(name);
  if (length > NAME_MAX_LENGTH) {
    return { name, problem: problem('name', 'error', 'NAME_TOO_LONG', { length, max: NAME_MAX_LENGTH }) };
  }
  if (!hasTwoWords(name)) return { name, problem: problem('name', 'error', 'NAME_ONE_WORD') };
  return { name };
}

function isDuplicateCode(code: ProblemCode): boolean {
  return code === 'DUPLICATE_IN_UNIT' || code === 'DUPLICATE_OTHER_UNIT';
}

const NO_PROBLEMS: { valid: boolean; hasWarning: boolean } = { valid: true, hasWarning: false };

/** Recomputes `valid` and `hasWarning` from the problems. */
function summariseProblems(problems: RowProblem[]): { valid: boolean; hasWarning: boolean } {
  if (problems.length === 0) return NO_PROBLEMS;
  return {
    valid: !problems.some((p) => p.level === 'error'),
    hasWarning: problems.some((p) => p.level === 'warning' && !isDuplicateCode(p.code)),
  };
}

/** What checkRow derives from one "Họ và tên" text, remembered per distinct cell text. */
interface NameFacts {
  text: string;
  name: string;
  problem?: RowProblem;
  /** The name's part of personKey. */
  key: string;
}

/** What checkRow derives from one "Nơi ở hiện nay" text; `key` is computed when first needed. */
interface ResidenceFacts {
  text: string;
  missing: boolean;
  key?: string;
}

/**
 * Per-call memory of what the rules derive from a cell's text: names, residences and organisations
 * repeat across thousands of rows of a ward (pure functions of the text, so the rows come out the
 * same). One per call (checkUnitRows, consolidateUnits): it holds the rows' text only while they are
 * checked.
 */
export interface RowMemo {
  names: Map<string, NameFacts>;
  residences: Map<string, ResidenceFacts>;
  texts: Map<string, string>;
}

export function createRowMemo(): RowMemo {
  return { names: new Map(), residences: new Map(), texts: new Map() };
}

function nameFacts(text: string): NameFacts {
  const checked = checkName(text);
  return { text, name: checked.name, problem: checked.problem, key: personNameKey(checked.name) };
}

function residenceFacts(text: string): ResidenceFacts {
  return { text, missing: !HAS_LETTER_OR_DIGIT.test(text) };
}

/** A cell's name facts, from the memo when its text was seen (the problem is a copy: rows own theirs). */
function nameOf(value: unknown, memo: RowMemo | undefined): NameFacts {
  if (memo === undefined || typeof value !== 'string') return nameFacts(cellValueText(value));
  let facts = memo.names.get(value);
  if (facts === undefined) {
    facts = nameFacts(cellValueText(value));
    memo.names.set(value, facts);
  }
  return facts.problem === undefined ? facts : { ...facts, problem: { ...facts.problem } };
}

function residenceOf(value: unknown, memo: RowMemo | undefined): ResidenceFacts {
  if (memo === undefined || typeof value !== 'string') return residenceFacts(cellValueText(value));
  let facts = memo.residences.get(value);
  if (facts === undefined) {
    facts = residenceFacts(cellValueText(value));
    memo.residences.set(value, facts);
  }
  return facts;
}

function textOf(value: unknown, memo: RowMemo | undefined): string {
  if (memo === undefined || typeof value !== 'string' || value === '') return cellValueText(value);
  let text = memo.texts.get(value);
  if (text === undefined) {
    text = cellValueText(value);
    memo.texts.set(value, text);
  }
  return text;
}

/**
 * A person's comparison key from a checked row's name (as shown: normalised, title case), birth year and
 * residence (normalised): what checkRow gives as `personKey`, and what the master list keeps of each row,
 * so that a later execution of Tổng hợp can tell the people already listed from the master alone.
 * `residenceKeys` (optional) remembers each residence's key across the calls of one read.
 */
export function personKeyOf(
  name: string,
  birthYear: number,
  residence: string,
  residenceKeys?: Map<string, string>
): string {
  let place = residenceKeys?.get(residence);
  if (place === undefined) {
    place = normalResidenceKey(residence);
    residenceKeys?.set(residence, place);
  }
  return `${personNameKey(name)}|${birthYear}|${place}`;
}

/**
 * The name's part of a person's key, from a checked row's name (normalised, title case, apostrophes
 * unified): lower case, the tone marks' placement folded ("Hòa" = "Hoà", foldTonePlacement).
 */
function personNameKey(name: string): string {
  return foldTonePlacement(name.toLowerCase());
}

/**
 * Checks one row against the rules; null for a blank row. Problems come in column order: name, year,
 * residence. "Nơi ở hiện nay" with no letter or digit (e.g. "-") counts as missing. `memo` (optional)
 * remembers what repeated texts give, across the rows of one call.
 */
export function checkRow(raw: RawRow, ctx: RowContext, memo?: RowMemo): CheckedRow | null {
  // Each cell is turned into normalised text once (isBlankRow's work, inlined for ward scale).
  const checkedName = nameOf(raw.name, memo);
  const residence = residenceOf(raw.residence, memo);
  const organisationText = textOf(raw.organisation, memo);
  if (
    checkedName.text === '' &&
    residence.text === '' &&
    organisationText === '' &&
    cellValueText(raw.birthYear) === ''
  ) {
    return null;
  }
  const problems: RowProblem[] = [];

  if (checkedName.problem) problems.push(checkedName.problem);

  // A plain year (most rows) without parseBirthYear's result object.
  let birthYear = plainBirthYear(raw.birthYear, ctx.currentYear);
  if (birthYear === null) {
    const birth = parseBirthYear(raw.birthYear, ctx.currentYear);
    birthYear = birth.year;
    for (const p of birth.problems) problems.push(p);
  }

  if (residence.missing) problems.push(problem('residence', 'error', 'RESIDENCE_REQUIRED'));

  const organisation = organisationText || normalizeText(ctx.unitName);
  const note = textOf(raw.note, memo);
  const { valid, hasWarning } = summariseProblems(problems);
  let personKey: string | null = null;
  if (valid && birthYear !== null) {
    if (residence.key === undefined) residence.key = normalResidenceKey(residence.text);
    personKey = `${checkedName.key}|${birthYear}|${residence.key}`;
  }

  return {
    sheetRow: raw.sheetRow,
    name: checkedName.name,
    birthYear,
    organisation,
    residence: residence.text,
    note,
    problems,
    valid,
    hasWarning,
    personKey,
    namesake: isNamesakeNote(note),
  };
}

/**
 * Checks the rows of one unit, in sheet order; blank rows are skipped. A valid row repeating the
 * personKey of an earlier valid row of the same unit (unless either is a namesake: "Không trùng") gets
 * an error DUPLICATE_IN_UNIT on "Họ và tên" naming the first row, and is no longer valid; it keeps
 * its personKey and points to the first row in `duplicateOf`.
 */
export function checkUnitRows(
  raws: RawRow[],
  ctx: RowContext & { unitCode: string },
  memo: RowMemo = createRowMemo()
): CheckedRow[] {
  const firstRowOf = new Map<string, number>();
  const rows: CheckedRow[] = [];
  for (const raw of raws) {
    const row = checkRow(raw, ctx, memo);
    if (row === null) continue;
    if (row.valid && !row.namesake && row.personKey !== null) {
      const firstRow = firstRowOf.get(row.personKey);
      if (firstRow === undefined) {
        firstRowOf.set(row.personKey, row.sheetRow);
      } else {
        row.problems.push(problem('name', 'error', 'DUPLICATE_IN_UNIT', { row: firstRow }));
        row.valid = false;
        row.duplicateOf = { unitCode: ctx.unitCode, unitName: ctx.unitName, sheetRow: firstRow };
      }
    }
    rows.push(row);
  }
  return rows;
}
