/**
 * "Sửa tự động": the changes to a row that can be made without guessing.
 *
 * - every text cell (Họ và tên, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú): spaces and Unicode NFC;
 * - Họ và tên whose characters are all valid: title case ("nguyễn  văn AN" → "Nguyễn Văn An");
 * - Năm sinh written as a full date (Date cell, or d/m/yyyy text) → the year, as a number;
 * - Năm sinh written as text "1985" → the number 1985.
 *
 * Never guesses: "85" stays "85", "abc" stays "abc"; a year is only proposed when it is a valid birth
 * year (1900 to the current year). Only text cells are rewritten (a number or date typed into a text
 * column is left alone), and no change is proposed whose new text starts with "=", "+", "-" or "@",
 * which the sheet could read as a formula.
 */
import {
  hasValidNameChars,
  isBlankRow,
  parseBirthYear,
  type RawRow,
  type RowColumn,
  type RowContext,
} from './rows';
import { formatDate, isDateValue, normalizeText, toTitleCaseName } from './text';

/** One proposed change. Plain data only (it is sent to the sidebar): a Date 'before' is shown as dd/mm/yyyy. */
export interface FixChange {
  sheetRow: number;
  column: RowColumn;
  before: string | number;
  after: string | number;
}

const FORMULA_START = /^[=+\-@]/;

function textFix(
  raw: RawRow,
  column: RowColumn,
  value: unknown,
  transform: (text: string) => string
): FixChange | null {
  if (typeof value !== 'string') return null;
  const after = transform(value);
  if (after === value || FORMULA_START.test(after)) return null;
  return { sheetRow: raw.sheetRow, column, before: value, after };
}

function yearFix(raw: RawRow, ctx: RowContext): FixChange | null {
  const value = raw.birthYear;
  if (typeof value !== 'string' && !isDateValue(value)) return null;
  const parsed = parseBirthYear(value, ctx.currentYear);
  if (parsed.year === null) return null;
  const before = isDateValue(value) ? formatDate(value) : value;
  return { sheetRow: raw.sheetRow, column: 'birthYear', before, after: parsed.year };
}

function fixName(text: string): string {
  const normalised = normalizeText(text);
  return hasValidNameChars(normalised) ? toTitleCaseName(normalised) : normalised;
}

/** The changes "Sửa tự động" would make to a row, in column order; only changed cells; none for a blank row. */
export function proposeFixes(raw: RawRow, ctx: RowContext): FixChange[] {
  if (isBlankRow(raw)) return [];
  const changes = [
    textFix(raw, 'name', raw.name, fixName),
    yearFix(raw, ctx),
    textFix(raw, 'organisation', raw.organisation, normalizeText),
    textFix(raw, 'residence', raw.residence, normalizeText),
    textFix(raw, 'note', raw.note, normalizeText),
  ];
  return changes.filter((change): change is FixChange => change !== null);
}
