/**
 * A lean reader of a worksheet's <sheetData>, for the plain cells that tonghop's own files (and most
 * others) hold: `<c r="B5" s="16" t="s"><v>12</v></c>`, formulas as `<f>…</f>` with their cached value.
 * ExcelJS's full reader builds a parsed model and then an object per cell for every sheet of the file
 * at once: at ward scale (a master list of 1.6 million cells beside 200 unit sheets) that was most of a
 * run's memory and half of its time. This reads the same cells into a few flat arrays instead.
 *
 * Anything it does not handle (inline or rich strings, shared or array formulas, cell metadata, a cell
 * without its address) makes scanSheetData return null, and ExcelJS reads that sheet as before. What it
 * gives must equal what the ExcelJS path gives (test/local/xlsx.test.ts round-trips both).
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
}

// What this reader does not handle: inline strings, rich runs, formulas with attributes (shared, array),
// cell metadata (cm/vm: rich values), a cell with no address.
const UNSUPPORTED = /<is[\s>]|t="inlineStr"|<f\s[^>]*>|<f\/>|\s(?:cm|vm)="|<c(?![^>]*\sr=")[\s>]|<extLst/;
const CELL = /<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ADDRESS = /\br="([A-Z]{1,3})(\d+)"/;
const STYLE = /\bs="(\d+)"/;
const TYPE = /\bt="(\w+)"/;
const FORMULA = /<f>([\s\S]*?)<\/f>/;
const VALUE = /<v>([\s\S]*?)<\/v>/;

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities decoded. */
function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (_, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
      name ? NAMED[name] : String.fromCodePoint(dec ? Number(dec) : parseInt(hex ?? '0', 16))
  );
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

/** The cells of a <sheetData> element's inside, or null when it holds what this reader does not handle. */
export function scanSheetData(inner: string): ScannedCells | null {
  if (UNSUPPORTED.test(inner)) return null;
  const out: ScannedCells = {
    count: 0,
    rows: [],
    columns: [],
    styles: [],
    kinds: [],
    values: [],
    formulas: new Map(),
    resultTypes: new Map(),
  };
  CELL.lastIndex = 0;
  for (let m = CELL.exec(inner); m !== null; m = CELL.exec(inner)) {
    const attrs = m[1];
    const address = ADDRESS.exec(attrs);
    if (!address) return null;
    const i = out.count++;
    out.rows.push(Number(address[2]));
    out.columns.push(columnNumber(address[1]));
    const style = STYLE.exec(attrs);
    out.styles.push(style ? Number(style[1]) : 0);
    const t = TYPE.exec(attrs)?.[1] ?? 'n';
    const body = m[2];
    const f = body ? FORMULA.exec(body) : null;
    const v = body ? VALUE.exec(body) : null;
    const raw = v ? decodeXml(v[1]) : undefined;
    if (f) {
      out.kinds.push(CellKind.Formula);
      out.formulas.set(i, decodeXml(f[1]));
      out.resultTypes.set(i, t === 'n' ? '' : t);
      out.values.push(raw);
      continue;
    }
    if (raw === undefined) {
      out.kinds.push(CellKind.Empty);
      out.values.push(undefined);
      continue;
    }
    switch (t) {
      case 's':
        out.kinds.push(CellKind.Shared);
        out.values.push(Number(raw));
        break;
      case 'b':
        out.kinds.push(CellKind.Boolean);
        out.values.push(raw === '1' || raw === 'true');
        break;
      case 'e':
        out.kinds.push(CellKind.Error);
        out.values.push(raw);
        break;
      case 'str':
        out.kinds.push(CellKind.Text);
        out.values.push(raw);
        break;
      case 'n':
        out.kinds.push(CellKind.Number);
        out.values.push(Number(raw));
        break;
      default:
        return null; // a type this reader does not know (d: ISO dates)
    }
  }
  return out;
}

/** ExcelJS's rule for a date format (utils.isDateFmt), so numbers read as the dates ExcelJS would give. */
export function isExcelJsDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}
