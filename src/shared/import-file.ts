/**
 * A unit's file → the plain table that `previewImport` takes: the checks on the file itself (size,
 * type, empty), CSV decoding and parsing, and the clean-up of an .xlsx sheet read by read-excel-file.
 *
 * Shared by the sidebar (in the browser) and `tonghop import` (in Node), each of which reads the bytes
 * its own way. Not part of the server bundle: it uses papaparse and TextDecoder, which Apps Script lacks.
 */
import Papa from 'papaparse';
import {
  MAX_FILE_BYTES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  type ImportCell,
  type ImportTable,
} from '../core/import';
import { importMessages as im } from '../core/messages/import';
import { isDateValue } from '../core/text';

export type ImportFileKind = 'xlsx' | 'csv';

/** Why a file cannot be read; the message is the one to show. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly kind: 'too-large' | 'wrong-type' | 'unreadable' | 'empty' | 'too-many-rows'
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** The file's kind from its name and size, or the reason to refuse it before reading a byte. */
export function checkImportFile(name: string, size: number): ImportFileKind {
  const extension = /\.([^.]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  if (extension !== 'xlsx' && extension !== 'csv')
    throw new ImportFileError(im.wrongType(name), 'wrong-type');
  if (size > MAX_FILE_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1).replace('.', ',');
    throw new ImportFileError(im.tooLarge(mb), 'too-large');
  }
  if (size === 0) throw new ImportFileError(im.emptyFile(name), 'empty');
  return extension;
}

/**
 * A CSV file's text: UTF-8 with or without BOM; UTF-16 with BOM (Excel's "Unicode text"); otherwise
 * Windows-1258, what Excel on a Vietnamese Windows writes for "CSV (Comma delimited)".
 */
export function decodeCsv(bytes: Uint8Array, name: string): string {
  const unreadable = () => new ImportFileError(im.unreadable(name), 'unreadable');
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } catch {
    throw unreadable();
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  // NUL bytes: a binary file (an .xlsx or a picture renamed .csv), not text.
  if (body.indexOf(0) >= 0) throw unreadable();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    try {
      return new TextDecoder('windows-1258').decode(body);
    } catch {
      throw unreadable();
    }
  }
}

/** Parses CSV text, the separator guessed among comma, semicolon (Excel in many locales) and tab. */
export function parseCsvText(text: string): string[][] {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: '',
    delimitersToGuess: [',', ';', '\t'],
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
    throw new ImportFileError(im.tooManyRows(MAX_IMPORT_ROWS), 'too-many-rows');
  return table;
}

/** A CSV file's bytes → the table to send. */
export function tableFromCsv(bytes: Uint8Array, name: string): ImportTable {
  const text = decodeCsv(bytes, name);
  // Only separators and blank lines (an emptied sheet saved as CSV): nothing to guess a separator from.
  if (/^[\s,;\uFEFF]*$/.test(text)) throw new ImportFileError(im.emptyFile(name), 'empty');
  return tableFromRows(parseCsvText(text), name);
}
