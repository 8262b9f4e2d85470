/**
 * Formulas where a unit types its list (issue 25, part 2): a data cell (Họ và tên … Ghi chú under the
 * table's header) that holds a formula is not data. Its value is whatever the formula computes, or, in an
 * .xlsx, whatever result the sender cached: `=IMPORTRANGE(…)` pulls another file's rows in, `=IMAGE("https://…?"&B8)`
 * sends a cell to any server, and a plain `=B8` repeats a person. Tổng hợp therefore counts no row that
 * holds a formula, and names the cell.
 *
 * A formula whose result can be an array fills the cells below and to its right with values that hold no
 * formula (Google: `getFormulas` gives the formula in its own cell only; Excel and LibreOffice the same for
 * a dynamic array), so those cells cannot be told from typed ones: every row from such a formula's row down
 * is not counted either ("có thể do công thức điền vào").
 *
 * Pure: the shell reads the formulas (Range.getFormulas, or the .xlsx's <f> elements) and passes them in.
 */

/** A formula found in a unit's data cells: its sheet row, its column (1-based) and its text (with "="). */
export interface FormulaCell {
  row: number;
  column: number;
  formula: string;
}

/**
 * Functions that reach outside the file: the import functions read another spreadsheet, a web page or a
 * feed (IMPORTRANGE needs an "Allow access" once, then any editor of this file can import any range of the
 * source: support.google.com/docs/answer/3093340), the others send a URL (and the cells built into it) to a
 * server. Named first when a formula holds one.
 */
const IMPORT_FUNCTIONS = ['IMPORTRANGE', 'IMPORTDATA', 'IMPORTXML', 'IMPORTHTML', 'IMPORTFEED'];
const NETWORK_FUNCTIONS = ['IMAGE', 'HYPERLINK', 'WEBSERVICE', 'GOOGLEFINANCE', 'GOOGLETRANSLATE'];

/**
 * Functions whose result can be an array, and so fill cells below and to the right of their own. A
 * formula holding one of these, a range (`A1:B2`, `A:A`), an array literal or a reference whose reach its
 * text does not tell (INDIRECT, OFFSET) may have filled the rows under it.
 */
const ARRAY_FUNCTIONS = [
  ...IMPORT_FUNCTIONS,
  'ARRAYFORMULA',
  'QUERY',
  'FILTER',
  'SORT',
  'SORTN',
  'UNIQUE',
  'SPLIT',
  'FLATTEN',
  'TRANSPOSE',
  'SEQUENCE',
  'MMULT',
  'ARRAY_CONSTRAIN',
  'INDIRECT',
  'OFFSET',
  'MAP',
  'BYROW',
  'BYCOL',
  'MAKEARRAY',
  'SCAN',
  'CHOOSECOLS',
  'CHOOSEROWS',
  'HSTACK',
  'VSTACK',
  'TOCOL',
  'TOROW',
  'WRAPROWS',
  'WRAPCOLS',
  'GOOGLEFINANCE',
];

/** Function names called in a formula, upper case, in order, outside string literals; Excel's _xlfn. prefix dropped. */
function calledFunctions(formula: string): string[] {
  const names: string[] = [];
  const code = withoutStrings(formula);
  const call = /([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = call.exec(code)) !== null) {
    const name = m[1]
      .toUpperCase()
      .replace(/^_XLFN\./, '')
      .replace(/^_XLWS\./, '');
    names.push(name);
  }
  return names;
}

/** The formula with every "…" string literal emptied (a doubled quote inside one included). */
function withoutStrings(formula: string): string {
  return formula.replace(/"(?:[^"]|"")*"/g, '""');
}

/**
 * The function a formula is named by: an import function if it calls one, else a function that reaches
 * the network, else the first function it calls; '' for a formula that calls none (`=B8`, `=1+1`).
 */
export function formulaFunction(formula: string): string {
  const names = calledFunctions(formula);
  return (
    names.find((n) => IMPORT_FUNCTIONS.includes(n)) ??
    names.find((n) => NETWORK_FUNCTIONS.includes(n)) ??
    names[0] ??
    ''
  );
}

/** Whether a formula's result can be an array that filled cells below it (see the file's comment). */
function mayFillBelow(formula: string): boolean {
  const code = withoutStrings(formula);
  if (code.includes('{')) return true;
  // A range: two references joined by ':' (A1:B2, A:A, 1:1, Sheet!A1:B), outside strings.
  if (/[A-Za-z0-9$'\]!]\s*:\s*[A-Za-z0-9$']/.test(code.replace(/^=/, ''))) return true;
  return calledFunctions(formula).some((n) => ARRAY_FUNCTIONS.includes(n));
}

/** The first formula (in sheet order) that may have filled the rows below it, or null. */
export function firstFiller(cells: readonly FormulaCell[]): FormulaCell | null {
  let first: FormulaCell | null = null;
  for (const cell of cells) {
    if (!mayFillBelow(cell.formula)) continue;
    if (!first || cell.row < first.row || (cell.row === first.row && cell.column < first.column))
      first = cell;
  }
  return first;
}
