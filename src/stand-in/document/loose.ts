/**
 * Loose columns: plain values (numbers, booleans, text) written in bulk to a column that no formula
 * reads stay in a JavaScript array instead of HyperFormula, which costs about ten times the memory
 * per cell and tracks every written cell. At ward scale that is most of the master list (everything
 * but the status and warning columns the summary counts).
 *
 * One kind of formula may be loose too: a link `=HYPERLINK("url";"label")` whose two arguments are
 * plain text (no "" inside, written with the locale's argument separator and nothing else), the
 * master list's link to each source row. It reads no cell, so its value is its label whatever
 * happens elsewhere: HyperFormula gives exactly that label (checked against HyperFormula 3.x), and
 * Sheets shows it (https://support.google.com/docs/answer/3093313). Any other formula goes to
 * HyperFormula, which evaluates every other formula the stand-in holds.
 *
 * Which columns formulas read is noted from every formula that enters HyperFormula (ReadRegistry). A
 * formula that reads a loose column, or a named range over it, moves the column into HyperFormula
 * first; what cannot be told from the formula's text (INDIRECT, OFFSET) moves every loose column in.
 */
import type { RawContent } from './detached';
import { namesIn } from './detached';

/** Fewer rows than this are written to HyperFormula as before: only bulk writes are worth it. */
export const LOOSE_MIN_ROWS = 500;

const LINKS = {
  ';': /^=HYPERLINK\("[^"]*";"([^"]*)"\)$/,
  ',': /^=HYPERLINK\("[^"]*","([^"]*)"\)$/,
} as const;

/** The label of a loose link formula (see above) under argument separator `separator`, else null. */
export function linkLabel(v: string, separator: ';' | ','): string | null {
  if (v.charCodeAt(0) !== 61 || !v.startsWith('=HYPERLINK(')) return null;
  const m = LINKS[separator].exec(v);
  return m ? m[1] : null;
}

/**
 * Contents a loose column may hold: anything HyperFormula stores as it is (no error, no formula but
 * a plain link under the workbook's argument separator).
 */
export function looseContent(v: RawContent, separator: ';' | ','): boolean {
  return (
    v === null ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    (typeof v === 'string' && (v.charCodeAt(0) === 39 || linkLabel(v, separator) !== null))
  );
}

/** A loose content as HyperFormula's getRangeValues would give it (a link: its label). */
export function looseValue(v: RawContent | undefined): number | string | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return v;
  if (v.charCodeAt(0) === 39) return v.slice(1);
  // Only links enter a loose column: the label is the second quoted argument.
  return v.slice(v.indexOf('"', v.indexOf('"', v.indexOf('"') + 1) + 1) + 1, -2);
}

/** A loose content's formula as HyperFormula's getRangeFormulas would give it, else undefined. */
export function looseFormula(v: RawContent | undefined): string | undefined {
  return typeof v === 'string' && v.charCodeAt(0) === 61 ? v : undefined;
}

export type ColumnSet = Set<number> | 'all';

/** One reference found in a formula: the sheet named before '!' (null: the formula's own sheet). */
export interface FormulaRead {
  sheetName: string | null;
  /** 1-based columns, or 'all' (a row range such as 5:5). */
  columns: { c1: number; c2: number } | 'all';
  /** 1-based rows when both ends name one (A1, B2:C9, 5:5); else every row (A:A, A5:B). */
  rows?: { r1: number; r2: number };
}

const STRINGS = /"(?:[^"]|"")*"/g;
const UNKNOWABLE = /\b(INDIRECT|OFFSET)\s*\(/i;
// [sheet!]ref[:ref], where ref is A1, $A$1, A (a column), 5 (a row). Not part of a longer word, not a call.
const REFERENCE =
  /(?<![A-Za-z0-9_.\u00C0-\u1EF9$])(?:(?:'((?:[^']|'')+)'|([A-Za-z0-9_.\u00C0-\u1EF9]+))!)?(\$?[A-Za-z]{1,3}\$?\d*|\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d*|\$?\d+))?(?![A-Za-z0-9_.(\u00C0-\u1EF9!])/g;

function rowOf(ref: string): number | null {
  const m = /(\d+)$/.exec(ref);
  return m ? Number(m[1]) : null;
}

function columnOf(ref: string): number | null {
  const m = /^\$?([A-Za-z]{1,3})/.exec(ref);
  if (!m) return null; // a row number
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return col;
}

/**
 * The references of a formula, or 'unknowable'. Errs on the side of too many: a word that merely
 * looks like a reference (a function name without its bracket) counts as one, which only keeps a
 * column in HyperFormula.
 */
export function formulaReads(formula: string): { refs: FormulaRead[]; names: string[] } | 'unknowable' {
  const bare = formula.replace(STRINGS, '""');
  if (UNKNOWABLE.test(bare)) return 'unknowable';
  const refs: FormulaRead[] = [];
  for (const m of bare.slice(1).matchAll(REFERENCE)) {
    const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? null);
    // Alone, a number is a number and a word a name: only A1, or a range of rows or columns, refers.
    if (m[4] === undefined && !/\d$/.test(m[3])) continue;
    if (m[4] === undefined && !/[A-Za-z]/.test(m[3])) continue;
    const a = columnOf(m[3]);
    const b = m[4] === undefined ? a : columnOf(m[4]);
    const r1 = rowOf(m[3]);
    const r2 = m[4] === undefined ? r1 : rowOf(m[4]);
    const rows = r1 !== null && r2 !== null ? { r1: Math.min(r1, r2), r2: Math.max(r1, r2) } : undefined;
    const columns = a === null || b === null ? ('all' as const) : { c1: Math.min(a, b), c2: Math.max(a, b) };
    refs.push(rows ? { sheetName, columns, rows } : { sheetName, columns });
  }
  const sheets = new Set(refs.map((r) => r.sheetName));
  return { refs, names: namesIn(formula).filter((name) => !sheets.has(name)) };
}

/**
 * The farthest row and column a formula's references reach (1-based; Infinity for a whole column, a
 * whole row, or what the text cannot tell). Errs on the side of too far, as formulaReads does.
 */
export function farthestReference(formula: string): { row: number; column: number } {
  const bare = formula.replace(STRINGS, '""');
  if (UNKNOWABLE.test(bare)) return { row: Infinity, column: Infinity };
  let row = 0;
  let column = 0;
  for (const m of bare.slice(1).matchAll(REFERENCE)) {
    if (m[4] === undefined && !/\d$/.test(m[3])) continue;
    if (m[4] === undefined && !/[A-Za-z]/.test(m[3])) continue;
    for (const part of m[4] === undefined ? [m[3]] : [m[3], m[4]]) {
      const digits = /(\d+)$/.exec(part);
      row = Math.max(row, digits ? Number(digits[1]) : Infinity);
      column = Math.max(column, columnOf(part) ?? Infinity);
    }
  }
  return { row, column };
}

export function covers(set: ColumnSet | undefined, column: number): boolean {
  return set !== undefined && (set === 'all' || set.has(column));
}

export function addColumns(
  map: Map<unknown, ColumnSet>,
  key: unknown,
  columns: { c1: number; c2: number } | 'all'
): void {
  const had = map.get(key);
  if (had === 'all') return;
  if (columns === 'all') {
    map.set(key, 'all');
    return;
  }
  const set = had ?? new Set<number>();
  // A range wider than a sheet can be (A:ZZZ) reads everything.
  if (columns.c2 - columns.c1 > 18_278) {
    map.set(key, 'all');
    return;
  }
  for (let c = columns.c1; c <= columns.c2; c++) set.add(c);
  map.set(key, set);
}

/**
 * Runs of the entries of a loose column that hold something: [first index, values] (0-based rows). A
 * column is loose only where HyperFormula's cells are empty (Sheet.storeContents), so an entry that is
 * empty (null) has nothing to write there, and writing it would cost HyperFormula a search of its column
 * index for every such cell.
 */
export function filledRuns(column: (RawContent | undefined)[]): { start: number; values: RawContent[] }[] {
  const runs: { start: number; values: RawContent[] }[] = [];
  let current: { start: number; values: RawContent[] } | null = null;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === undefined || v === null) {
      current = null;
      continue;
    }
    if (!current) runs.push((current = { start: i, values: [] }));
    current.values.push(v);
  }
  return runs;
}
