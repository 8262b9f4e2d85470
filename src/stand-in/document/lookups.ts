/**
 * MATCH's exact lookups as Sheets makes them. HyperFormula answers them from its column index, whose keys
 * are folded to lower case *and stripped of accents* (ArithmeticHelper.forceNormalizeString: NFD, then
 * U+0300–U+036F removed), and it returns the first row under the folded key without looking at the cell:
 * "Lê Văn Hạ" found "Lê Văn Hà". Sheets compares text ignoring case only: accents count, and a name typed
 * in NFD is not its NFC twin (issue #18; LibreOffice agrees). The linear search HyperFormula falls back to
 * collates, which takes NFD and NFC as one, so the index stays and its candidates are checked here.
 */
import type { HyperFormula } from 'hyperformula';

interface Address {
  sheet: number;
  row: number;
  col: number;
}

/** The parts of HyperFormula's ColumnIndex (src/Lookup/ColumnIndex.ts) this relies on. */
interface ColumnIndexLike {
  findUsingColumnIndex(
    key: unknown,
    rangeValue: { range?: { sheet: number; start: { row: number; col: number }; end: { row: number } } },
    returnOccurrence: 'first' | 'last'
  ): number | undefined;
  getColumnMap(sheet: number, col: number): Map<unknown, { index: number[] }>;
  exactLookups?: true;
}

/** HyperFormula's own key for a text (forceNormalizeString). */
const foldedKey = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** Sheets' equality of two texts in a lookup: case aside, the same code points. */
const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Makes `hf`'s exact lookups check each candidate row's text (again after a rebuild of its engine). */
export function exactLookups(hf: HyperFormula): void {
  const index = hf.columnSearch as unknown as ColumnIndexLike;
  if (typeof index.findUsingColumnIndex !== 'function' || index.exactLookups) return;
  const graph = (hf as unknown as { dependencyGraph: { getCellValue(address: Address): unknown } })
    .dependencyGraph;
  const original = index.findUsingColumnIndex.bind(index);
  index.findUsingColumnIndex = (key, rangeValue, returnOccurrence) => {
    const found = original(key, rangeValue, returnOccurrence);
    const range = rangeValue.range;
    if (found === undefined || found < 0 || typeof key !== 'string' || !range) return found;
    // The original brought the index up to date; walk the rows under the folded key, in order.
    const rows = (index.getColumnMap(range.sheet, range.start.col).get(foldedKey(key))?.index ?? []).filter(
      (row) => row >= range.start.row && row <= range.end.row
    );
    if (returnOccurrence === 'last') rows.reverse();
    for (const row of rows) {
      const value = graph.getCellValue({ sheet: range.sheet, row, col: range.start.col });
      if (typeof value === 'string' && sameText(value, key)) return row - range.start.row;
    }
    return -1;
  };
  index.exactLookups = true;
}
