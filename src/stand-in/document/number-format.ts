/** Sheets number-format patterns: what counts as a date, and how values display (vi_VN style). */
import { serialToWallClock } from './dates';

/** The formats Sheets gives a cell on Automatic when a date (or date and time) is entered or computed. */
export const DATE_FORMAT = 'dd/MM/yyyy';
export const DATE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';

/** What getNumberFormat returns for a cell left on "Automatic". */
export const AUTOMATIC_FORMAT = '0.###############';

export function isAutomatic(format: string | undefined): boolean {
  return !format || format === AUTOMATIC_FORMAT || format.toLowerCase() === 'general';
}

/** The pattern with quoted text, escapes and [..] blocks removed, so tokens can be inspected. */
function bare(format: string): string {
  return format
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

const dateCache = new Map<string, boolean>();

export function isDateFormat(format: string | undefined): boolean {
  if (isAutomatic(format)) return false;
  const f = format as string;
  let hit = dateCache.get(f);
  if (hit === undefined) {
    hit = /[dmyhs]/i.test(
      bare(f)
        .split(';')[0]
        .replace(/E[+-]/g, '')
        .replace(/AM\/PM/i, 'h')
    );
    dateCache.set(f, hit);
  }
  return hit;
}

export function isTextFormat(format: string | undefined): boolean {
  return format === '@';
}

export interface Separators {
  decimal: string;
  group: string;
}

/** Decimal and grouping marks of a spreadsheet locale (Sheets follows the locale, not the user). */
export function separatorsFor(locale: string): Separators {
  const lang = locale.toLowerCase();
  if (/^(vi|de|id|es|it|nl|pt|tr|da)/.test(lang)) return { decimal: ',', group: '.' };
  if (/^(fr|ru|pl|cs|sv|nb|fi|uk)/.test(lang)) return { decimal: ',', group: '\u00a0' };
  return { decimal: '.', group: ',' };
}

function automaticNumber(n: number, sep: Separators): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  if (Math.abs(n) >= 1e15 || (Math.abs(n) < 1e-9 && n !== 0)) {
    return n
      .toExponential(5)
      .replace(/\.?0+e/, 'E')
      .replace('E+', 'E+')
      .replace('.', sep.decimal);
  }
  return String(Number(n.toPrecision(10))).replace('.', sep.decimal);
}

function formatDate(serial: number, pattern: string): string {
  const w = serialToWallClock(serial);
  const tokens = pattern.match(/"[^"]*"|\\.|\[[^\]]*\]|AM\/PM|a\/p|([dmyhsDMYHS])\1*|0+|./gi) ?? [];
  const hasAmPm = tokens.some((t) => /^(AM\/PM|a\/p)$/i.test(t));
  const pad = (v: number, n: number): string => String(v).padStart(n, '0');
  let out = '';
  tokens.forEach((t, i) => {
    const lower = t.toLowerCase();
    if (t.startsWith('"')) out += t.slice(1, -1);
    else if (t.startsWith('\\')) out += t.slice(1);
    else if (t.startsWith('[')) out += '';
    else if (/^(am\/pm|a\/p)$/.test(lower)) out += w.hour < 12 ? 'AM' : 'PM';
    else if (lower[0] === 'd') out += lower.length >= 3 ? '' : pad(w.day, lower.length);
    else if (lower[0] === 'y') out += lower.length <= 2 ? pad(w.year % 100, 2) : String(w.year);
    else if (lower[0] === 'h') out += pad(hasAmPm ? w.hour % 12 || 12 : w.hour, lower.length);
    else if (lower[0] === 's') out += pad(w.second, lower.length);
    else if (lower[0] === 'm') {
      out += isMinuteToken(tokens, i)
        ? pad(w.minute, Math.min(lower.length, 2))
        : pad(w.month, Math.min(lower.length, 2));
    } else if (/^0+$/.test(t)) out += pad(Math.round(w.millisecond / 10 ** (3 - t.length)), t.length);
    else out += t;
  });
  return out;
}

function groupDigits(int: string, group: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

function formatNumber(n: number, section: string, sep: Separators): string {
  const literal = (s: string): string => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const m = /^(.*?)([#0,]*0[#0,]*|[#,]*#)(\.([0#]*))?(.*)$/.exec(section);
  if (!m) return literal(section);
  const [, prefix, intPart, , decPart = '', suffix] = m;
  let v = n;
  const percent = (prefix + suffix).includes('%');
  if (percent) v *= 100;
  const minDec = (decPart.match(/0/g) ?? []).length;
  const maxDec = decPart.length;
  let text = Math.abs(v).toFixed(maxDec);
  if (maxDec > minDec) text = text.replace(new RegExp(`0{0,${maxDec - minDec}}$`), '').replace(/\.$/, '');
  const [intDigits, dec = ''] = text.split('.');
  let int = intDigits;
  const minInt = (intPart.match(/0/g) ?? []).length;
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0');
  if (intPart.includes(',')) int = groupDigits(int, sep.group);
  const body = dec ? `${int}${sep.decimal}${dec}` : int;
  return literal(prefix) + body + literal(suffix);
}

/** The text a cell shows: what getDisplayValues returns. */
export function displayValue(
  value: string | number | boolean,
  format: string | undefined,
  locale: string
): string {
  const sep = separatorsFor(locale);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    const sections = format ? format.split(';') : [];
    const textSection = sections.length === 4 ? sections[3] : undefined;
    return textSection ? textSection.replace(/"([^"]*)"/g, '$1').replace('@', value) : value;
  }
  if (isAutomatic(format) || isTextFormat(format)) return automaticNumber(value, sep);
  if (isDateFormat(format)) return formatDate(value, (format as string).split(';')[0]);
  const sections = (format as string).split(';');
  if (value < 0 && sections.length > 1) return formatNumber(-value, sections[1], sep);
  if (value === 0 && sections.length > 2) return formatNumber(0, sections[2], sep);
  const shown = formatNumber(value, sections[0], sep);
  return value < 0 && /[1-9]/.test(shown) ? `-${shown}` : shown;
}

/** In a date pattern split into tokens, an 'm' token means minutes right after an hour or right before seconds. */
export function isMinuteToken(tokens: readonly string[], i: number): boolean {
  const prev = tokens
    .slice(0, i)
    .reverse()
    .find((x) => /^[dmyhs]/i.test(x));
  const next = tokens.slice(i + 1).find((x) => /^[dmyhs]/i.test(x));
  return Boolean((prev && /^h/i.test(prev)) || (next && /^s/i.test(next)));
}
