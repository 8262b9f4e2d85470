/**
 * Date serials as Sheets stores them: days since 1899-12-30, counted in the spreadsheet's wall clock
 * (so a serial carries no time zone; the zone only matters when converting to or from a JS Date).
 */

const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone. */
function wallClock(instantMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
    millisecond: ((instantMs % 1000) + 1000) % 1000,
  };
}

function wallMs(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** Offset of the zone (wall minus UTC) at an instant, in ms. */
function offsetAt(instantMs: number, timeZone: string): number {
  return wallMs(wallClock(instantMs, timeZone)) - instantMs;
}

export function isDate(x: unknown): x is Date {
  return Object.prototype.toString.call(x) === '[object Date]';
}

export function dateToSerial(date: Date, timeZone: string): number {
  return (wallMs(wallClock(date.getTime(), timeZone)) - EPOCH_MS) / DAY_MS;
}

export function serialToWallClock(serial: number): WallClock {
  const d = new Date(EPOCH_MS + Math.round(serial * DAY_MS));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The instant whose wall clock in `timeZone` reads the serial. */
export function serialToDate(serial: number, timeZone: string): Date {
  const wall = EPOCH_MS + Math.round(serial * DAY_MS);
  let utc = wall - offsetAt(wall, timeZone);
  const second = offsetAt(utc, timeZone);
  if (wall - second !== utc) utc = wall - second;
  return new Date(utc);
}

export function wallClockToSerial(w: WallClock): number {
  return (wallMs(w) - EPOCH_MS) / DAY_MS;
}

/** Serial of an ExcelJS date (ExcelJS Dates hold the wall clock as UTC fields). */
export function utcDateToSerial(date: Date): number {
  return (date.getTime() - EPOCH_MS) / DAY_MS;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Utilities.formatDate: Java SimpleDateFormat letters d, M, y, H, h, m, s, S, a and quoted literals.
 */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date.getTime(), timeZone);
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let j = i;
    while (j < pattern.length && pattern[j] === ch) j++;
    const n = j - i;
    i = j;
    switch (ch) {
      case 'd':
        out += pad(w.day, n);
        break;
      case 'M':
        out += pad(w.month, n);
        break;
      case 'y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.millisecond, 3).slice(0, Math.max(n, 3));
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}
