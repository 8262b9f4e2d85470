/**
 * A lean reader of a worksheet's <sheetData>, for the plain cells that tonghop's own files (and most
 * others) hold: `<c r="B5" s="16" t="s"><v>12</v></c>`, formulas as `<f>…</f>` with their cached value.
 * ExcelJS's full reader builds a parsed model and then an object per cell for every sheet of the file
 * at once: at ward scale (a master list of 1.6 million cells beside 200 unit sheets) that was most of a
 * run's memory and half of its time. This reads the same cells into a few flat arrays instead.
 *
 * Array formulas (`<f t="array" ref="G8:G1007">expr</f>`, what the stand-in writes for Google's
 * ARRAYFORMULA) are read with their ref. Anything it does not handle (inline or rich strings, shared
 * formulas, cell metadata, a cell without its address) makes scanSheetData return null, and ExcelJS reads that sheet as before. What it
 * gives must equal what the ExcelJS path gives (test/stand-in/xlsx.test.ts round-trips both).
 */

/** Kinds of scanned cells. */
export const enum CellKind {
  /** No value (the cell is there for its style). */
  Empty = 0,
  Number = 1,
  /** value: index into the shared strings. */
  Shared = 2,
  Boolean = 3,
  /** value: the error's text (#N/A). */
  Error = 4,
  /** formula in `formulas`; value: the cached result as text, typed by `resultType`. */
  Formula = 5,
  /** A plain string stored in the cell (t="str" without a formula). */
  Text = 6,
}

export interface ScannedCells {
  count: number;
  rows: number[];
  columns: number[];
  /** Style index (s="…"), 0 when none. */
  styles: number[];
  kinds: CellKind[];
  values: (number | string | boolean | undefined)[];
  /** By cell index: formula text without '=' (XML entities decoded). */
  formulas: Map<number, string>;
  /** By cell index of a formula: its t attribute ('str', 'b', 'e', or '' for a number). */
  resultTypes: Map<number, string>;
  /** By cell index of an array formula: the cells its result fills (its ref, "G8:G1007"). */
  arrays: Map<number, string>;
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities decoded. */
export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (_, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
      name ? NAMED[name] : String.fromCodePoint(dec ? Number(dec) : parseInt(hex ?? '0', 16))
  );
}

/** The value of attribute `name` (written ` name="`) in a start tag, or null. */
function attribute(tag: string, name: string): string | null {
  const at = tag.indexOf(name);
  if (at < 0) return null;
  const end = tag.indexOf('"', at + name.length);
  return end < 0 ? null : tag.slice(at + name.length, end);
}

/**
 * The cells of a <sheetData> element's inside (or of a run of its whole rows, added to `into`), or null
 * when it holds what this reader does not handle:
 * inline strings, formulas with attributes other than an array's, cell metadata (cm/vm: rich values), a cell
 * without its address, a value type it does not know (d: ISO dates). Plain string search, no regular
 * expression per cell: at ward scale there are millions of cells.
 */
export function scanSheetData(xml: string, into?: ScannedCells): ScannedCells | null {
  const out: ScannedCells = into ?? {
    count: 0,
    rows: [],
    columns: [],
    styles: [],
    kinds: [],
    values: [],
    formulas: new Map(),
    resultTypes: new Map(),
    arrays: new Map(),
  };
  if (xml.includes(' cm="') || xml.includes(' vm="')) return null;
  let pos = xml.indexOf('<c');
  while (pos >= 0) {
    const next = xml.charCodeAt(pos + 2);
    // '<c ' or '<c>' opens a cell; anything else here ('<col', …) is not one.
    if (next !== 32 && next !== 62 && next !== 47) {
      pos = xml.indexOf('<c', pos + 2);
      continue;
    }
    const tagEnd = xml.indexOf('>', pos);
    if (tagEnd < 0) return null;
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
    const attrEnd = selfClosing ? tagEnd - 1 : tagEnd;
    const tag = xml.slice(pos + 2, attrEnd);
    const address = attribute(tag, ' r="');
    if (address === null) return null;
    let column = 0;
    let k = 0;
    for (; k < address.length; k++) {
      const ch = address.charCodeAt(k);
      if (ch < 65 || ch > 90) break;
      column = column * 26 + ch - 64;
    }
    const row = Number(address.slice(k));
    if (k === 0 || k > 3 || !Number.isInteger(row) || row < 1) return null;
    const style = attribute(tag, ' s="');
    const t = attribute(tag, ' t="') ?? 'n';
    let raw: string | undefined;
    let formula: string | undefined;
    let arrayRef: string | undefined;
    let after = tagEnd + 1;
    if (!selfClosing) {
      const close = xml.indexOf('</c>', tagEnd);
      if (close < 0) return null;
      after = close + 4;
      let at = tagEnd + 1;
      while (at < close) {
        if (xml.charCodeAt(at) !== 60) {
          at++; // whitespace between the children
          continue;
        }
        if (xml.startsWith('<f>', at)) {
          const end = xml.indexOf('</f>', at);
          if (end < 0 || end > close) return null;
          formula = decodeXml(xml.slice(at + 3, end));
          at = end + 4;
        } else if (xml.startsWith('<f t="array"', at)) {
          // Excel's legacy array formula (LibreOffice adds aca="false"): its ref is all it needs.
          const open = xml.indexOf('>', at);
          const end = xml.indexOf('</f>', at);
          if (open < 0 || end < 0 || end > close || open > end) return null;
          const ref = attribute(xml.slice(at + 2, open), ' ref="');
          if (ref === null || xml.charCodeAt(open - 1) === 47) return null;
          arrayRef = ref;
          formula = decodeXml(xml.slice(open + 1, end));
          at = end + 4;
        } else if (xml.startsWith('<v>', at)) {
          const end = xml.indexOf('</v>', at);
          if (end < 0 || end > close) return null;
          raw = decodeXml(xml.slice(at + 3, end));
          at = end + 4;
        } else if (xml.startsWith('<v/>', at)) {
          raw = '';
          at += 4;
        } else return null; // <is>, <f t="shared" …>, <extLst>: ExcelJS reads the sheet
      }
    }
    const i = out.count++;
    out.rows.push(row);
    out.columns.push(column);
    out.styles.push(style === null ? 0 : Number(style));
    if (formula !== undefined) {
      out.kinds.push(CellKind.Formula);
      out.formulas.set(i, formula);
      out.resultTypes.set(i, t === 'n' ? '' : t);
      if (arrayRef !== undefined) out.arrays.set(i, arrayRef);
      out.values.push(raw);
    } else if (raw === undefined) {
      out.kinds.push(CellKind.Empty);
      out.values.push(undefined);
    } else if (t === 's') {
      out.kinds.push(CellKind.Shared);
      out.values.push(Number(raw));
    } else if (t === 'n') {
      out.kinds.push(CellKind.Number);
      out.values.push(Number(raw));
    } else if (t === 'b') {
      out.kinds.push(CellKind.Boolean);
      out.values.push(raw === '1' || raw === 'true');
    } else if (t === 'e') {
      out.kinds.push(CellKind.Error);
      out.values.push(raw);
    } else if (t === 'str') {
      out.kinds.push(CellKind.Text);
      out.values.push(raw);
    } else return null;
    pos = xml.indexOf('<c', after);
  }
  return out;
}

/** ExcelJS's rule for a date format (utils.isDateFmt), so numbers read as the dates ExcelJS would give. */
export function isExcelJsDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}
