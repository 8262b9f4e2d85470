/**
 * Loose columns: plain values (numbers, booleans, text) written in bulk to a column that no formula
 * reads stay in a JavaScript array instead of HyperFormula, which costs about ten times the memory
 * per cell and tracks every written cell. At ward scale that is most of the master list (everything
 * but the status and warning columns the summary counts, and the link formulas). Formulas are never
 * loose: HyperFormula evaluates every formula the stand-in holds.
 *
 * Which columns formulas read is noted from every formula that enters HyperFormula (ReadRegistry). A
 * formula that reads a loose column, or a named range over it, moves the column into HyperFormula
 * first; what cannot be told from the formula's text (INDIRECT, OFFSET) moves every loose column in.
 */
import type { RawContent } from './user-entered';
import { namesIn } from './detached';

/** Fewer rows than this are written to HyperFormula as before: only bulk writes are worth it. */
export const LOOSE_MIN_ROWS = 500;

/** Contents a loose column may hold: anything HyperFormula stores as it is (no formula, no error). */
export function looseContent(v: RawContent): boolean {
  return (
    v === null ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    (typeof v === 'string' && v.charCodeAt(0) === 39)
  );
}

/** A loose content as HyperFormula's getRangeValues would give it. */
export function looseValue(v: RawContent | undefined): number | string | boolean | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v.slice(1) : v;
}

export type ColumnSet = Set<number> | 'all';

/** One reference found in a formula: the sheet named before '!' (null: the formula's own sheet). */
export interface FormulaRead {
  sheetName: string | null;
  /** 1-based columns, or 'all' (a row range such as 5:5). */
  columns: { c1: number; c2: number } | 'all';
}

const STRINGS = /"(?:[^"]|"")*"/g;
const UNKNOWABLE = /\b(INDIRECT|OFFSET)\s*\(/i;
// [sheet!]ref[:ref], where ref is A1, $A$1, A (a column), 5 (a row). Not part of a longer word, not a call.
const REFERENCE =
  /(?<![A-Za-z0-9_.\u00C0-\u1EF9$])(?:(?:'((?:[^']|'')+)'|([A-Za-z0-9_.\u00C0-\u1EF9]+))!)?(\$?[A-Za-z]{1,3}\$?\d*|\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d*|\$?\d+))?(?![A-Za-z0-9_.(\u00C0-\u1EF9!])/g;

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
    if (a === null || b === null) refs.push({ sheetName, columns: 'all' });
    else refs.push({ sheetName, columns: { c1: Math.min(a, b), c2: Math.max(a, b) } });
  }
  const sheets = new Set(refs.map((r) => r.sheetName));
  return { refs, names: namesIn(formula).filter((name) => !sheets.has(name)) };
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

/** Runs of defined entries of a loose column: [first index, values] (0-based rows). */
export function definedRuns(column: (RawContent | undefined)[]): { start: number; values: RawContent[] }[] {
  const runs: { start: number; values: RawContent[] }[] = [];
  let current: { start: number; values: RawContent[] } | null = null;
  for (let i = 0; i < column.length; i++) {
    const v = column[i];
    if (v === undefined) {
      current = null;
      continue;
    }
    if (!current) runs.push((current = { start: i, values: [] }));
    current.values.push(v);
  }
  return runs;
}
