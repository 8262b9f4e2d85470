/**
 * Array formulas as Google Sheets has them: `=ARRAYFORMULA(expr)` in one cell whose result fills
 * ("spills" over) the cells below and to the right (https://support.google.com/docs/answer/3093275).
 * HyperFormula evaluates ARRAYFORMULA natively; this module holds what the stand-in adds around it:
 * - recognising the wrapper (the .xlsx layer writes Excel's legacy array formula, `<f t="array"
 *   ref="G8:G1007">expr</f>`, without it, and puts it back on load);
 * - Google's error where a spill is blocked by typed content: the formula cell shows #REF! ("Array
 *   result was not expanded because it would overwrite data in G9."), where HyperFormula says #SPILL!;
 * - where an array's result lies, from HyperFormula's array vertices (the writer's `ref`), and the
 *   spilled cells left out of a sheet's serialized contents (a copy writes the formula only).
 */
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import type { Rect } from './a1';
import type { RawContent } from './detached';

const WRAPPER = /^=\s*ARRAYFORMULA\s*\(/i;

/**
 * The expression inside `=ARRAYFORMULA(expr)` when the wrapper is the whole formula (its closing
 * bracket the formula's last character), else null. String literals and quoted sheet names may hold
 * brackets: they are skipped.
 */
export function arrayFormulaBody(formula: string): string | null {
  const m = WRAPPER.exec(formula);
  if (!m) return null;
  let depth = 1;
  for (let i = m[0].length; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch))
        j += formula[j] === ch ? 2 : 1;
      i = j;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) {
      return formula.slice(i + 1).trim() === '' ? formula.slice(m[0].length, i) : null;
    }
  }
  return null;
}

/** `=ARRAYFORMULA(expr)` for an expression without its '='. */
export function wrapArrayFormula(expr: string): string {
  return `=ARRAYFORMULA(${expr})`;
}

// Functions whose result may be an array that spills (Google expands some without ARRAYFORMULA),
// and array literals. Errs on the side of too many: it only keeps columns out of the loose store.
const MAY_SPILL =
  /\b(ARRAYFORMULA|ARRAY_CONSTRAIN|TRANSPOSE|MMULT|FILTER|SORT|UNIQUE|SEQUENCE|SPLIT|FLATTEN|QUERY|IMPORTRANGE|MINVERSE)\s*\(|\{/i;
const STRINGS = /"(?:[^"]|"")*"/g;

/** Whether a formula's result may spill over other cells (then no loose column may lie under it). */
export function maySpill(formula: string): boolean {
  return MAY_SPILL.test(formula.replace(STRINGS, '""'));
}

/** Whether a cell's value is HyperFormula's blocked-spill error. */
function isBlockedSpill(v: unknown): boolean {
  return v instanceof DetailedCellError && v.type === 'SPILL';
}

/** An error's text as Google Sheets shows it: a blocked spill is #REF!, as Sheets says it. */
export function sheetsErrorText(e: DetailedCellError): string {
  return e.type === 'SPILL' ? '#REF!' : e.value;
}

/** The arrays of one HyperFormula sheet: corner cell (1-based row, column) → the cells it fills. */
export function arraysOf(hf: HyperFormula, hfSheet: number): Map<string, Rect> {
  const out = new Map<string, Rect>();
  if (hf.arrayMapping.count() === 0) return out;
  for (const vertex of hf.arrayMapping.arrayMapping.values()) {
    const corner = vertex.leftCorner;
    if (corner.sheet !== hfSheet) continue;
    const range = vertex.getRangeOrUndef();
    const rect =
      range && !isBlockedSpill(hf.getCellValue(corner))
        ? { r1: range.start.row + 1, c1: range.start.col + 1, r2: range.end.row + 1, c2: range.end.col + 1 }
        : { r1: corner.row + 1, c1: corner.col + 1, r2: corner.row + 1, c2: corner.col + 1 };
    out.set(arrayKey(rect.r1, rect.c1), rect);
  }
  return out;
}

export const arrayKey = (row: number, column: number): string => `${row},${column}`;

/**
 * The corners of every array whose spill is blocked (#REF! to the user), on the given sheets. Sheets
 * expands an array again once what blocked it is cleared; HyperFormula shrinks it to its corner for
 * good, so the stand-in sets such formulas again after a change (DocumentWorkbook.evaluated).
 */
export function blockedArrays(
  hf: HyperFormula,
  hfSheets: Set<number>
): { sheet: number; row: number; col: number }[] {
  const out: { sheet: number; row: number; col: number }[] = [];
  if (hf.arrayMapping.count() === 0) return out;
  for (const vertex of hf.arrayMapping.arrayMapping.values()) {
    const corner = vertex.leftCorner;
    if (hfSheets.has(corner.sheet) && isBlockedSpill(hf.getCellValue(corner))) out.push(corner);
  }
  return out;
}

/**
 * A sheet's serialized contents (HyperFormula's getSheetSerialized) without the cells arrays spilled
 * over: those hold results, not contents, and a copy that wrote them would block its own formulas.
 */
export function withoutSpills(hf: HyperFormula, hfSheet: number, raw: RawContent[][]): RawContent[][] {
  for (const rect of arraysOf(hf, hfSheet).values()) {
    for (let r = rect.r1; r <= rect.r2; r++) {
      const row = raw[r - 1];
      if (!row) continue;
      for (let c = rect.c1; c <= rect.c2; c++)
        if ((r !== rect.r1 || c !== rect.c1) && c - 1 < row.length) row[c - 1] = null;
    }
  }
  return raw;
}
