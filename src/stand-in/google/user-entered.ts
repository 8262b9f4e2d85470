/**
 * How Sheets reads a value written by setValue/setValues (USER_ENTERED), in the spreadsheet's locale.
 * The result is HyperFormula raw content: text always carries a leading apostrophe so that HyperFormula
 * never re-interprets it, formulas start with '='.
 */
import { dateToSerial, isDate, wallClockToSerial } from '../document/dates';
import { monthFirst } from '../document/workbook';
import { DATE_FORMAT, DATE_TIME_FORMAT, isTextFormat, separatorsFor } from '../document/number-format';
import type { RawContent } from '../document/detached';
import { convertFormula, EXCEL_SYNTAX, localeSyntax } from '../document/formula-syntax';

export interface Parsed {
  content: RawContent;
  /** Format Sheets gives the cell when it was on Automatic (dates, percents). */
  autoFormat?: string;
}

export interface EntryContext {
  locale: string;
  timeZone: string;
  now: () => Date;
}

const EMPTY: Parsed = { content: null };

function textContent(text: string): RawContent {
  return text === '' ? null : `'${text}`;
}

function parseNumber(text: string, decimal: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  // The locale's own decimal comma ("1,5" in vi_VN).
  if (decimal === ',' && /^[+-]?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'));
  return undefined;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseTime(text: string | undefined): [number, number, number] | null | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return h < 24 && mi < 60 && s < 60 ? [h, mi, s] : null;
}

/**
 * d/m/yyyy, d/m/yy, d/m (current year), yyyy-mm-dd, each with an optional time; month first (m/d/yyyy) where
 * the locale types dates so (en_US: "5/3/2024" is 3 May there).
 */
function parseDate(text: string, ctx: EntryContext): Parsed | undefined {
  const t = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?(?:\s+(\S+))?$/.exec(t);
  let year: number, month: number, day: number, timeText: string | undefined;
  if (m) {
    [day, month] = monthFirst(ctx.locale) ? [Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2])];
    if (m[3] === undefined) year = ctx.now().getFullYear();
    else year = m[3].length === 2 ? (Number(m[3]) < 30 ? 2000 : 1900) + Number(m[3]) : Number(m[3]);
    timeText = m[4];
  } else {
    m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:\s+(\S+))?$/.exec(t);
    if (!m) return undefined;
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    timeText = m[4];
  }
  if (!validDate(year, month, day)) return undefined;
  const time = parseTime(timeText);
  if (time === null) return undefined;
  const [hour, minute, second] = time ?? [0, 0, 0];
  const serial = wallClockToSerial({ year, month, day, hour, minute, second, millisecond: 0 });
  return { content: serial, autoFormat: time ? DATE_TIME_FORMAT : DATE_FORMAT };
}

/** Excel's syntax, but ';' between arguments: what Sheets is reported to accept in every locale. */
const SEMICOLON_ARGUMENTS = { ...EXCEL_SYNTAX, argument: ';' } as const;

/**
 * A formula as entered (setValue, setValues, setFormula, setFormulas), for HyperFormula to parse in the
 * spreadsheet's locale. A comma-decimal locale (vi_VN) takes its own syntax only: ',' between
 * arguments fails (the reports in GOOGLE-FACTS.md), which HyperFormula does by itself. A point-decimal
 * locale (en_US) takes ',' and also ';', as one report says of Sheets ("Google now accepts semicolons
 * in all locales", mricon/ingress-fieldplan #5, 2019). That is the kinder reading, taken because it is
 * the only report there is; it cannot hide a mistake of tonghop's, which writes ',' there (a test pins it).
 */
export function enteredFormula(formula: string, locale: string): string {
  if (!formula.includes(';') || localeSyntax(locale) !== EXCEL_SYNTAX) return formula;
  return convertFormula(formula, SEMICOLON_ARGUMENTS, EXCEL_SYNTAX);
}

export function parseUserEntered(value: unknown, cellFormat: string | undefined, ctx: EntryContext): Parsed {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number')
    return Number.isFinite(value) ? { content: value } : { content: `'${value}` };
  if (typeof value === 'boolean') return { content: value };
  if (isDate(value)) {
    const serial = dateToSerial(value, ctx.timeZone);
    if (Number.isNaN(serial)) return { content: null };
    return { content: serial, autoFormat: Number.isInteger(serial) ? DATE_FORMAT : DATE_TIME_FORMAT };
  }
  const text = String(value);
  if (text === '') return EMPTY;
  // A leading apostrophe forces text and is not part of the value.
  if (text.startsWith("'")) return { content: textContent(text.slice(1)) };
  // Plain-text cells keep whatever is typed as text.
  if (isTextFormat(cellFormat)) return { content: `'${text}` };
  if (text.startsWith('=') && text.length > 1) return { content: enteredFormula(text, ctx.locale) };
  const { decimal } = separatorsFor(ctx.locale);
  const n = parseNumber(text, decimal);
  if (n !== undefined) return { content: n };
  if (/^(true|false)$/i.test(text.trim())) return { content: text.trim().toLowerCase() === 'true' };
  const pct = /^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*%\s*$/.exec(text);
  if (pct) {
    const p = parseNumber(pct[1], decimal);
    if (p !== undefined) {
      const digits = pct[1].split(/[.,]/)[1]?.length ?? 0;
      return { content: p / 100, autoFormat: digits > 0 ? '0.00%' : '0%' };
    }
  }
  const date = parseDate(text, ctx);
  if (date) return date;
  // Sheets reads "+x" / "-x" as the start of a formula (usually an error afterwards).
  if (/^[+-]./.test(text) && !/^[+-]+$/.test(text)) return { content: `=${text}` };
  return { content: `'${text}` };
}
