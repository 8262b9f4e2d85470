/**
 * A unit's file → the plain table that `previewImport` takes: the checks on the file itself (size,
 * type, empty), CSV decoding and parsing, and the clean-up of an .xlsx sheet read by read-excel-file.
 *
 * The one CSV reader of tonghop: shared by the sidebar (in the browser), `tonghop import` and
 * `tonghop init --units` (in Node), each of which reads the bytes its own way. Not part of the server bundle: it uses papaparse and TextDecoder, which Apps Script lacks.
 */
import Papa from 'papaparse';
import {
  MAX_FILE_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_PEOPLE,
  MAX_IMPORT_ROWS,
  type ImportCell,
  type ImportTable,
} from '../core/import';
import { importMessages as im } from '../core/messages/import';
import { isDateValue } from '../core/text';
import { formulaFunction } from '../core/formula-cells';
import { inspectXlsx, UNIT_FILE_LIMITS, XlsxRefused } from './xlsx-guard';

export type ImportFileKind = 'xlsx' | 'csv';

/** Why a file cannot be read; the message is the one to show. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly kind: 'too-large' | 'wrong-type' | 'unreadable' | 'empty' | 'too-many-rows' | 'beyond-limits'
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** The file's kind from its name and size, or the reason to refuse it before reading a byte. */
export function checkImportFile(name: string, size: number): ImportFileKind {
  const extension = /\.([^.]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  if (extension === 'xls') throw new ImportFileError(im.oldExcel(name), 'wrong-type');
  if (extension === 'ods') throw new ImportFileError(im.openDocument(name), 'wrong-type');
  if (extension !== 'xlsx' && extension !== 'csv')
    throw new ImportFileError(im.wrongType(name), 'wrong-type');
  if (size > MAX_FILE_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1).replace('.', ',');
    throw new ImportFileError(im.tooLarge(mb), 'too-large');
  }
  if (size === 0) throw new ImportFileError(im.emptyFile(name), 'empty');
  return extension;
}

/** The encodings a ward's CSV comes in (Excel's "CSV", "CSV UTF-8" and "Unicode Text"). */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

/** Bytes → text in one of those encodings; throws on bytes that are not valid in it. */
export type CsvDecoder = (bytes: Uint8Array, encoding: CsvEncoding) => string;

/**
 * The browser's decoder: TextDecoder implements all four encodings of the WHATWG Encoding Standard
 * (and so does Node's, built with full ICU). The sidebar uses it because iconv-lite would add about
 * 520 KB to Sidebar.html; `tonghop` passes iconv-lite's decoder (src/cli/csv.ts).
 */
export const textDecoderCsv: CsvDecoder = (bytes, encoding) =>
  new TextDecoder(encoding, { fatal: true }).decode(bytes);

const isUtf8 = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Which encoding the bytes are in, and where the text starts (after the byte order mark). */
export function detectCsvEncoding(bytes: Uint8Array): { encoding: CsvEncoding; start: number } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', start: 3 };
  // Excel on a Vietnamese Windows saves "CSV (Comma delimited)" in the ANSI code page, Windows-1258:
  // bytes that are not valid UTF-8 are taken as that.
  return { encoding: isUtf8(bytes) ? 'utf-8' : 'windows-1258', start: 0 };
}

/**
 * A CSV file's text, in Unicode NFC: UTF-8 with or without BOM, UTF-16 LE or BE with BOM (Excel's
 * "Unicode Text"), otherwise Windows-1258, whose tone marks are often combining characters.
 */
export function decodeCsv(bytes: Uint8Array, name: string, decode: CsvDecoder = textDecoderCsv): string {
  const unreadable = () => new ImportFileError(im.unreadable(name), 'unreadable');
  const { encoding, start } = detectCsvEncoding(bytes);
  const body = bytes.subarray(start);
  // NUL bytes in 8-bit text: a binary file (an .xlsx, an .xls or a picture renamed .csv), not text.
  if (!encoding.startsWith('utf-16') && body.indexOf(0) >= 0) throw unreadable();
  let text: string;
  try {
    text = decode(body, encoding);
  } catch {
    throw unreadable();
  }
  return text.replace(/^\uFEFF/, '').normalize('NFC');
}

/** The separator of the header line (outside quotes): the most frequent of tab, semicolon and comma. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      // Skip blank lines above the header.
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, n] of counts) if (n > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** Parses CSV text with papaparse: the separator from the header line, quoted fields with newlines. */
export function parseCsvText(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const result = Papa.parse<string[]>(source, {
    delimiter: detectDelimiter(source),
    skipEmptyLines: false,
  });
  return result.data.filter((row): row is string[] => Array.isArray(row));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function cellOf(value: unknown): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  // read-excel-file gives a date cell as midnight UTC of that day.
  if (isDateValue(value)) {
    if (Number.isNaN(value.getTime())) return null;
    return `${pad(value.getUTCDate(), 2)}/${pad(value.getUTCMonth() + 1, 2)}/${pad(value.getUTCFullYear(), 4)}`;
  }
  return String(value);
}

const isBlankCell = (cell: ImportCell): boolean =>
  cell === null || (typeof cell === 'string' && cell.trim() === '');

/**
 * Rows of cells → the table to send: plain values only (dates as 'dd/mm/yyyy'), at most
 * MAX_IMPORT_COLUMNS columns, blank cells and rows at the ends dropped to keep the request small.
 */
export function tableFromRows(rows: readonly (readonly unknown[])[], name: string): ImportTable {
  const table: ImportTable = rows.map((cells) => {
    const row = cells.slice(0, MAX_IMPORT_COLUMNS).map(cellOf);
    while (row.length > 0 && isBlankCell(row[row.length - 1])) row.pop();
    return row;
  });
  while (table.length > 0 && table[table.length - 1].length === 0) table.pop();
  if (table.length === 0) throw new ImportFileError(im.emptyFile(name), 'empty');
  if (table.length > MAX_IMPORT_ROWS)
    throw new ImportFileError(im.tooManyRows(MAX_IMPORT_PEOPLE), 'too-many-rows');
  return table;
}

/** A CSV file's bytes → the table to send. */
export function tableFromCsv(
  bytes: Uint8Array,
  name: string,
  decode: CsvDecoder = textDecoderCsv
): ImportTable {
  const text = decodeCsv(bytes, name, decode);
  // Only separators and blank lines (an emptied sheet saved as CSV): nothing to guess a separator from.
  if (/^[\s,;\uFEFF]*$/.test(text)) throw new ImportFileError(im.emptyFile(name), 'empty');
  return tableFromRows(parseCsvText(text), name);
}

/** A formula cell of an imported file: its address and the function it calls ('' for none). */
export interface ImportFormulaCell {
  cell: string;
  function: string;
}

/**
 * An .xlsx file's bytes → the table to send, read with `readSheet` (read-excel-file, the sidebar's or Node's)
 * only after the file passed xlsx-guard's limits (refused, with the Vietnamese reason, otherwise). The cells
 * that hold a formula are left empty, never their cached results, and listed.
 */
export async function tableFromXlsx(
  bytes: Uint8Array,
  name: string,
  readSheet: (bytes: Uint8Array) => Promise<unknown[][]>
): Promise<{ table: ImportTable; formulaCells: ImportFormulaCell[] }> {
  let inspection;
  try {
    inspection = inspectXlsx(bytes);
  } catch (error) {
    if (!(error instanceof XlsxRefused)) throw error;
    if (error.reason === 'not-zip' || error.reason === 'unsupported')
      throw new ImportFileError(im.unreadable(name), 'unreadable');
    const limit =
      error.reason === 'bytes'
        ? String(UNIT_FILE_LIMITS.bytes / 2 ** 20)
        : String(error.limit).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    throw new ImportFileError(im.beyondLimits(name, error.reason, limit), 'beyond-limits');
  }
  let rows: unknown[][];
  try {
    rows = await readSheet(bytes);
  } catch {
    throw new ImportFileError(im.unreadable(name), 'unreadable');
  }
  const formulaCells: ImportFormulaCell[] = [];
  for (const cell of inspection.formulaCells) {
    const row = rows[cell.row];
    if (row && cell.column < row.length) row[cell.column] = null;
    formulaCells.push({ cell: cell.cell, function: formulaFunction(cell.formula) });
  }
  return { table: tableFromRows(rows, name), formulaCells };
}
