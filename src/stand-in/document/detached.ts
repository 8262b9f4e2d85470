/**
 * Sheets loaded from tonghop's own .xlsx files that the formula engine does not need: their formulas
 * read only their own sheet, are not volatile and come with the result the file cached, and no formula
 * elsewhere reads them (a ward's 200 unit sheets, whose only formulas are the Stt column's). Their
 * contents stay in plain arrays instead of HyperFormula (a tenth of the memory) until the first write,
 * which attaches them; reads give the cached results, which the stand-in itself computed when it saved
 * the file. Anything this cannot prove stays in HyperFormula.
 */

/** A cell's contents as HyperFormula takes them: text with a leading apostrophe, formulas with '='. */
export type RawContent = string | number | boolean | null;

/** The contents of a detached sheet: raw contents as HyperFormula takes them, cached formula results. */
export interface DetachedContents {
  rows: RawContent[][];
  /**
   * Formula cells' results from the file, keyed by cellKey(row, column) (1-based). Array formulas are
   * not among the rows: they wait outside HyperFormula (pending.ts), their results not kept.
   */
  cached: Map<number, number | string | boolean | null>;
}

export const cellKey = (row: number, column: number): number => row * 20_000 + column;

// Functions whose result may change with no cell changing, or that Sheets formats as dates or
// percentages (HyperFormula would infer that format; the plain result would not carry it).
const VOLATILE_OR_FORMATTED =
  /\b(NOW|TODAY|RAND|RANDBETWEEN|RANDARRAY|INDIRECT|OFFSET|CELL|INFO|DATE|DATEVALUE|TIME|TIMEVALUE|EDATE|EOMONTH|WORKDAY|NETWORKDAYS|IMPORTRANGE|GOOGLEFINANCE)\s*\(|%/i;

const STRINGS = /"(?:[^"]|"")*"/g;
const CELL_REF = /^\$?[A-Za-z]{1,3}\$?\d+$|^[A-Za-z]{1,3}$|^\d+$/;
const IDENTIFIER = /[A-Za-z_\u00C0-\u1EF9][A-Za-z0-9_.\u00C0-\u1EF9]*(\s*\()?/g;

/** Names a formula uses that are neither functions, cell references nor TRUE/FALSE (named ranges). */
export function namesIn(formula: string): string[] {
  const bare = formula.replace(STRINGS, '""').replace(/'(?:[^']|'')*'!/g, '!');
  const names: string[] = [];
  for (const m of bare.matchAll(IDENTIFIER)) {
    if (m[1]) continue; // a function call
    const token = m[0].replace(/\$/g, '');
    const before = bare[(m.index ?? 0) - 1];
    if (before === '!' || before === '$') continue; // Sheet!A1, $A$1
    if (CELL_REF.test(token) || /^(TRUE|FALSE)$/i.test(token)) continue;
    names.push(token);
  }
  return names;
}

/** Whether a formula (lower case) may name this sheet: as written bare or quoted ('' for '). */
export function mayName(lowerFormula: string, sheetName: string): boolean {
  const name = sheetName.toLowerCase();
  return lowerFormula.includes(name) || lowerFormula.includes(name.replace(/'/g, "''"));
}

/** Whether a formula can reach another sheet: a sheet reference (!) outside string literals. */
export function readsOtherSheets(formula: string): boolean {
  return formula.replace(STRINGS, '""').includes('!');
}

/** Whether a formula calls a volatile or date-formatting function, or uses %, outside string literals. */
export function volatileOrFormatted(formula: string): boolean {
  return VOLATILE_OR_FORMATTED.test(formula.replace(STRINGS, '""'));
}

/** Rows and columns that hold content. */
export function detachedExtent(d: DetachedContents): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  d.rows.forEach((row, i) => {
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== null && row[c] !== undefined) {
        rows = i + 1;
        columns = Math.max(columns, c + 1);
        break;
      }
    }
  });
  return { rows, columns };
}

/**
 * Values of a rectangle as HyperFormula's getRangeValues would give them, except that an error is
 * its text ('#N/A'), as readCells turns HyperFormula's errors into anyway.
 */
export function detachedValues(
  d: DetachedContents,
  r1: number,
  c1: number,
  r2: number,
  c2: number
): (number | string | boolean | null)[][] {
  const out: (number | string | boolean | null)[][] = [];
  for (let r = r1; r <= r2; r++) {
    const src = d.rows[r - 1];
    const row: (number | string | boolean | null)[] = new Array(c2 - c1 + 1).fill(null);
    if (src) {
      for (let c = c1; c <= c2; c++) {
        const v = src[c - 1];
        if (v === null || v === undefined) continue;
        if (typeof v === 'string') {
          if (v.charCodeAt(0) === 39) row[c - c1] = v.slice(1);
          else if (v.charCodeAt(0) === 61) row[c - c1] = d.cached.get(cellKey(r, c)) ?? null;
          else row[c - c1] = v; // an error value such as '#N/A'
        } else row[c - c1] = v as number | boolean;
      }
    }
    out.push(row);
  }
  return out;
}

export function detachedFormulas(
  d: DetachedContents,
  r1: number,
  c1: number,
  r2: number,
  c2: number
): string[][] {
  const out: string[][] = [];
  for (let r = r1; r <= r2; r++) {
    const src = d.rows[r - 1];
    const row: string[] = new Array(c2 - c1 + 1).fill('');
    if (src) {
      for (let c = c1; c <= c2; c++) {
        const v = src[c - 1];
        if (typeof v === 'string' && v.charCodeAt(0) === 61) row[c - c1] = v;
      }
    }
    out.push(row);
  }
  return out;
}
