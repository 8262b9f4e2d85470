/**
 * Deferred array formulas. HyperFormula evaluates a unit sheet's "Kiểm tra" arrays (seven
 * `=ARRAYFORMULA(…)` spilling over 1,000 rows) in about a second, and again after every edit of the
 * sheet, while nothing but Thiết lập's own check and the pictures ever reads those columns. So an
 * ARRAYFORMULA written to a cell (or loaded, or copied with a template) is kept out of HyperFormula as
 * a pending formula: its text at its cell, nothing evaluated. It enters HyperFormula before anything
 * could observe what it fills (sheet.ts and workbook.ts call `attachPending…` there):
 * - a read of values, display values or number formats that touches its reach;
 * - getLastRow, getLastColumn, getDataRange, the PDF writer (the filled cells are content);
 * - a formula entering HyperFormula that reads a cell of its reach (loose.ts notes what formulas
 *   read: columns, and rows where the reference names them), through a named range too, or reads what its text cannot tell (INDIRECT, OFFSET): then every
 *   pending formula, and every later one at once; a pending formula entering takes the pending ones it
 *   reads with it (G8 reads H8:M1007), since its entry is a formula entering;
 * - inserting or deleting rows or columns of its sheet, renaming or deleting a sheet its text names
 *   (HyperFormula then moves or rewrites its references as it does every formula's).
 * What does not attach it: getFormulas (its text is known), a write or a clear under its reach (typed
 * content there blocks the spill once it enters, as it would have blocked it in place: Sheets' #REF!,
 * arrays.ts), protections (they look at rectangles, not contents), a change of locale (the text is
 * translated as HyperFormula translates its own), a template copy (the copy is pending too).
 *
 * Its reach is the rectangle HyperFormula would fill: HyperFormula sizes an array from the formula alone,
 * before evaluating it (its ArraySizePredictor), and the stand-in asks it the same question, so the reach
 * is exact, not a guess. The .xlsx writer writes a pending formula as Excel's array formula over that
 * rectangle, without cached results (xlsx/write-sheet.ts).
 */
import type { HyperFormula, SimpleCellAddress } from 'hyperformula';
import { intersects, type Rect } from './a1';
import { arrayFormulaBody } from './arrays';
import type { RawContent } from './detached';
import { farthestReference, formulaReads } from './loose';

/** An array formula kept out of HyperFormula, at its corner cell (1-based). */
export interface PendingArray {
  row: number;
  column: number;
  /** As HyperFormula would give it back (getFormulas): its own normal form, '=' included. */
  formula: string;
  /** The rows and columns HyperFormula would fill (Infinity when it would not say). */
  rows: number;
  columns: number;
}

/** Whether raw contents are an `=ARRAYFORMULA(…)` whose wrapper is the whole formula. */
export function isArrayFormula(content: RawContent | undefined): content is string {
  return (
    typeof content === 'string' &&
    content.charCodeAt(0) === 61 &&
    /^=\s*ARRAYFORMULA\s*\(/i.test(content) &&
    arrayFormulaBody(content) !== null
  );
}

/** The cells a pending formula may fill, inside a sheet of `maxRows` × `maxColumns`. */
function reachOf(p: PendingArray, maxRows: number, maxColumns: number): Rect {
  return {
    r1: p.row,
    c1: p.column,
    r2: Math.min(maxRows, p.row + p.rows - 1),
    c2: Math.min(maxColumns, p.column + p.columns - 1),
  };
}

/** Whether a pending formula's reach touches `rect` (rows and columns of a sheet that large). */
export function reaches(p: PendingArray, rect: Rect, maxRows: number, maxColumns: number): boolean {
  return intersects(reachOf(p, maxRows, maxColumns), rect);
}

/** Whether its reach touches columns c1..c2 (what a formula's reference tells: loose.ts), or 'all'. */
export function reachesColumns(p: PendingArray, columns: { c1: number; c2: number } | 'all'): boolean {
  return columns === 'all' || (columns.c1 <= p.column + p.columns - 1 && columns.c2 >= p.column);
}

/** Whether its reach touches rows r1..r2 (undefined: a reference to whole columns, every row). */
export function reachesRows(p: PendingArray, rows: { r1: number; r2: number } | undefined): boolean {
  return rows === undefined || (rows.r1 <= p.row + p.rows - 1 && rows.r2 >= p.row);
}

/**
 * Whether inserting or deleting rows (or columns) from `from` on (1-based) may change a pending formula:
 * what it fills reaches that far, or its text refers that far (HyperFormula would move the reference).
 * Rows added below everything it fills and reads (a grid grown at its foot) change nothing.
 */
export function movedBy(p: PendingArray, axis: 'row' | 'column', from: number): boolean {
  const end = axis === 'row' ? p.row + p.rows - 1 : p.column + p.columns - 1;
  if (end >= from) return true;
  const far = farthestReference(p.formula);
  return (axis === 'row' ? far.row : far.column) >= from;
}

/** What of HyperFormula 3.x's internals the stand-in reads here (they are not exported). */
interface HyperFormulaInternals {
  _parser?: {
    parse(text: string, address: SimpleCellAddress): { ast?: unknown; errors: unknown[] };
  };
  _unparser?: { unparse(ast: unknown, address: SimpleCellAddress): string };
  _crudOperations?: {
    operations?: {
      arraySizePredictor?: {
        checkArraySize(ast: unknown, address: SimpleCellAddress): { width: number; height: number };
      };
    };
  };
}

/**
 * An array formula as HyperFormula would hold it at `address`: its text in HyperFormula's normal form
 * (function names upper case: what getFormulas gives back once it is in) and the rows and columns it
 * would fill, which HyperFormula works out from the formula before evaluating anything. Null when it
 * does not parse (it then goes into HyperFormula at once, as an error of its own cell), or when this
 * HyperFormula lacks the parts asked for (then nothing is deferred).
 */
export function predictArray(
  hf: () => HyperFormula,
  formula: string,
  address: SimpleCellAddress,
  locale: string
): { formula: string; rows: number; columns: number } | null {
  // A formula naming no other sheet and no named range parses and sizes the same in every workbook of a
  // locale: 200 unit files loaded for Tổng hợp ask about the same seven formulas at the same cells, and each
  // asking would otherwise build that file's formula engine for nothing.
  const reads = formulaReads(formula);
  const shared =
    reads !== 'unknowable' && reads.names.length === 0 && reads.refs.every((ref) => ref.sheetName === null);
  const key = `${locale}|${address.row}|${address.col}|${formula}`;
  if (shared && PREDICTED.has(key)) return PREDICTED.get(key) ?? null;
  const predicted = predictWith(hf(), formula, address);
  if (shared) {
    if (PREDICTED.size >= PREDICTED_MAX) PREDICTED.clear();
    PREDICTED.set(key, predicted);
  }
  return predicted;
}

/** Predictions that no workbook's own sheets or names decide (predictArray), by locale, cell and text. */
const PREDICTED = new Map<string, { formula: string; rows: number; columns: number } | null>();
const PREDICTED_MAX = 10_000;

function predictWith(
  hf: HyperFormula,
  formula: string,
  address: SimpleCellAddress
): { formula: string; rows: number; columns: number } | null {
  const inner = hf as unknown as HyperFormulaInternals;
  const predictor = inner._crudOperations?.operations?.arraySizePredictor;
  if (!inner._parser || !inner._unparser || !predictor) return null;
  if (!hf.validateFormula(formula)) return null;
  const parsed = inner._parser.parse(formula, address);
  if (parsed.errors.length > 0 || parsed.ast === undefined) return null;
  const size = predictor.checkArraySize(parsed.ast, address);
  const finite = (n: number) => (Number.isFinite(n) && n >= 1 ? n : Infinity);
  return {
    formula: inner._unparser.unparse(parsed.ast, address),
    rows: finite(size.height),
    columns: finite(size.width),
  };
}
