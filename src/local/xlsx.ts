/**
 * .xlsx load/save for the stand-in (ExcelJS). Loading is not USER_ENTERED: text that starts with '=' stays
 * text. What a .xlsx cannot hold is dropped with a one-line note.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { PassThrough } from 'stream';
import { zipSync } from 'fflate';
import { inflateRawSync } from 'zlib';
import { CellKind, isExcelJsDateFormat, scanSheetData, type ScannedCells } from './xlsx-cells';
import {
  applyConditionalFormats,
  readConditionalFormats,
  writeConditionalFormats,
  type ConditionalFormatSpec,
} from './xlsx-conditional';
import { DetailedCellError } from 'hyperformula';
import { columnLetters, parseA1, rectA1, type Rect } from './stand-in/document/a1';
import { utcDateToSerial } from './stand-in/document/dates';
import { isDateFormat, isMinuteToken } from './stand-in/document/number-format';
import { looseFormula, looseValue } from './stand-in/document/loose';
import {
  arrayFormulaBody,
  arrayKey,
  arraysOf,
  sheetsErrorText,
  wrapArrayFormula,
} from './stand-in/document/arrays';
import type { RectStore } from './stand-in/document/rect-store';
import { StandInDataValidation } from './stand-in/document/rules';
import { STYLE_KEYS, type CellStyle, type DocumentSheet } from './stand-in/document/sheet';
import {
  DEFAULT_COLUMNS,
  DEFAULT_LOCALE,
  DEFAULT_ROWS,
  MAX_CELLS,
  type DocumentWorkbook,
  type SheetSeed,
} from './stand-in/document/workbook';
import {
  cellKey,
  mayName,
  readsOtherSheets,
  namesIn,
  volatileOrFormatted,
  type DetachedContents,
  type RawContent,
} from './stand-in/document/detached';
// The one Google-layer module: a loaded file becomes the spreadsheet the bundle runs on. Everything
// loadXlsx and saveXlsx read or set of it is the document's (stand-in/document/).
import { Workbook, type WorkbookOptions } from './stand-in/google/workbook';
import { inspectXlsx, OFFICE_BOOK_LIMITS, XlsxRefused, type XlsxLimits } from '../shared/xlsx-guard';
import {
  localiseContents,
  localiseValidation,
  settingsFromProperties,
  settingsToProperties,
  toExcelFormula,
  type SpreadsheetSettings,
} from './formula-syntax';

const CREATOR = 'tonghop stand-in';
const DEFAULT_FONTS = new Set(['calibri', 'arial']);
const DEFAULT_SIZES = new Set([10, 11]);

// ---- ExcelJS hooks ----------------------------------------------------------------------------------
// ExcelJS drops the worksheet <dimension> on read, computes it from the cells on write, truncates sheet
// names to Excel's 31 characters and rebuilds defined names cell by cell. The hooks below keep the grid
// size, full Google sheet names and whole-range defined names.

const readDimensions = new WeakMap<object, string>();
const writeDimensions = new WeakMap<object, string>();
const readDefinedNames = new WeakMap<object, { name: string; ranges: string[]; localSheetId?: number }[]>();
const writeDefinedNames = new WeakMap<object, { name: string; ranges: string[] }[]>();
let hooked = false;
/**
 * While a file loads, each worksheet is copied out as soon as ExcelJS has built it, and its cells are
 * freed: ExcelJS's object per cell for every sheet at once was the largest part of a run's memory
 * (a ward's master list alone is 1.6 million cells).
 */
const sheetLoaded = new WeakMap<object, (ws: ExcelJS.Worksheet, resolved?: SheetCells) => void>();
/** How many worksheets the workbook being loaded has (set just before they are built). */
const sheetTotals = new WeakMap<object, number>();
/** The <dimension> of the sheet the streaming writer is about to open (it writes none of its own). */
let nextDimension: string | null = null;

/**
 * ExcelJS's streaming writer leaves out <dimension> (the grid size tonghop's files keep) and rows
 * whose cells have a style but no value yet (a template awaiting rows): put both back.
 */
function hookStreamWriter(): void {
  const probe = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
  const proto = Object.getPrototypeOf(probe.addWorksheet('probe')) as {
    _writeSheetProperties?: (this: unknown, xml: { addText(t: string): void }, ...rest: unknown[]) => void;
    _writeRow?: (this: unknown, row: ExcelJS.Row) => void;
  };
  const writeProperties = proto._writeSheetProperties;
  const writeRow = proto._writeRow;
  if (!writeProperties || !writeRow) return;
  proto._writeSheetProperties = function (xml, ...rest) {
    writeProperties.call(this, xml, ...rest);
    if (nextDimension) xml.addText(`<dimension ref="${nextDimension}"/>`);
  };
  proto._writeRow = function (row) {
    const styledOnly = !row.hasValues && !row.height && row.cellCount > 0;
    if (!styledOnly) return writeRow.call(this, row);
    // Write it as the writer would a row with values: a height of 0 is not written.
    Object.defineProperty(row, 'hasValues', { value: true, configurable: true });
    try {
      writeRow.call(this, row);
    } finally {
      delete (row as unknown as { hasValues?: boolean }).hasValues;
    }
  };
}

const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';

interface XlsxLoadModel {
  worksheets: object[];
  worksheetRels: Record<string, { Type: string; Target: string }[] | undefined>;
  comments: Record<string, { comments?: { ref?: string; note?: ExcelJS.Comment }[] } | undefined>;
  sharedStrings?: SharedStringsModel;
  styles?: StylesModel;
  properties?: { date1904?: boolean };
}
interface XlsxReader {
  workbook: object;
  _processWorksheetEntry(
    stream: NodeJS.ReadableStream,
    model: XlsxLoadModel,
    sheetNo: string,
    options: unknown,
    path: string
  ): Promise<void>;
  reconcile(model: XlsxLoadModel, options: unknown): void;
}

/**
 * The parts of a zip, each inflated by Node's zlib when asked (native; fflate's and JSZip's inflaters took
 * three times as long on a ward's 95 MB master list). Reads the central directory (APPNOTE.TXT 4.3.16,
 * 4.3.12, 4.3.7); null for what it does not handle (zip64, encryption, methods other than store and
 * deflate, a damaged file), which then goes to ExcelJS as it is.
 */
function unzipNative(file: Buffer, limits: XlsxLimits): Map<string, () => Buffer> | null {
  const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > file.length) return null;
  const count = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) return null; // zip64
  if (count > limits.parts) throw new XlsxRefused('parts', limits.parts);
  // Every part's inflated bytes count against the file's budget; a part is inflated with no more room than
  // what is left of it (zlib's maxOutputLength), whatever size the zip declares (issue 25: zip bombs).
  let used = 0;
  const inflate = (data: Buffer) => (): Buffer => {
    let out: Buffer;
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, limits.bytes - used) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new XlsxRefused('bytes', limits.bytes);
      throw error;
    }
    used += out.length;
    return out;
  };
  // Each part is inflated when asked, so that only one worksheet's XML is in memory at a time.
  const parts = new Map<string, () => Buffer>();
  try {
    for (let i = 0; i < count; i++) {
      if (file.readUInt32LE(at) !== 0x02014b50) return null;
      const flags = file.readUInt16LE(at + 8);
      const method = file.readUInt16LE(at + 10);
      const size = file.readUInt32LE(at + 20);
      const nameLength = file.readUInt16LE(at + 28);
      const extraLength = file.readUInt16LE(at + 30);
      const commentLength = file.readUInt16LE(at + 32);
      const local = file.readUInt32LE(at + 42);
      const name = file.toString('utf8', at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if ((flags & 1) !== 0 || size === 0xffffffff || local === 0xffffffff) return null;
      if (method !== 0 && method !== 8) return null;
      if (file.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
      const data = file.subarray(start, start + size);
      parts.set(
        name,
        method === 0
          ? () => {
              used += data.length;
              if (used > limits.bytes) throw new XlsxRefused('bytes', limits.bytes);
              return data;
            }
          : inflate(data)
      );
    }
  } catch {
    return null;
  }
  return parts;
}

/** Rows of XML decoded and scanned a piece at a time, so that no string of a whole master list is made. */
const SCAN_PIECE_BYTES = 8 * 2 ** 20;
const ROW_END = Buffer.from('</row>');

function scanInPieces(xml: Buffer, start: number, end: number): ScannedCells | null {
  let scanned: ScannedCells | undefined;
  for (let from = start; from < end;) {
    let to = end;
    if (end - from > SCAN_PIECE_BYTES) {
      const rowEnd = xml.indexOf(ROW_END, from + SCAN_PIECE_BYTES);
      to = rowEnd < 0 || rowEnd >= end ? end : rowEnd + ROW_END.length;
    }
    const piece = scanSheetData(xml.toString('utf8', from, to), scanned);
    if (!piece) return null;
    scanned = piece;
    from = to;
  }
  return scanned ?? scanSheetData('');
}

const CELL_OPEN = Buffer.from('<c ');

/** A worksheet's <c> elements, counted in its bytes (no decoding). */
function cellCount(xml: Buffer): number {
  let count = 0;
  for (let at = xml.indexOf(CELL_OPEN); at >= 0; at = xml.indexOf(CELL_OPEN, at + 3)) count++;
  return count;
}

/** The cells xlsx-cells.ts read, by worksheet path, for the ExcelJS workbook being loaded. */
const leanScans = new WeakMap<object, Map<string, ScannedCells>>();

const WORKSHEET_PATH = /^xl\/worksheets\/sheet\d+[.]xml$/;
const SHEET_DATA_OPEN = Buffer.from('<sheetData>');
const SHEET_DATA_CLOSE = Buffer.from('</sheetData>');
const SHEET_DATA_EMPTY = Buffer.from('<sheetData/>');

/**
 * The file as ExcelJS will read it: every worksheet whose <sheetData> xlsx-cells.ts can read loses it
 * (its cells are returned by path), and the parts are stored uncompressed, so ExcelJS neither inflates
 * nor decodes a master list's 95 MB of XML in JavaScript. Null when unzipNative cannot read the zip or a
 * part does not inflate (ExcelJS then reads the file as it is, and says what is wrong with it).
 */
function leanZip(
  file: Buffer,
  limits: XlsxLimits,
  onProgress?: SheetProgress
): { zip: ArrayBuffer; scans: Map<string, ScannedCells> } | null {
  const entries = unzipNative(file, limits);
  if (!entries) return null;
  const parts: Record<string, Uint8Array> = {};
  const scans = new Map<string, ScannedCells>();
  // ExcelJS drops a leading '/' from a part's name.
  const pathOf = (name: string) => (name.startsWith('/') ? name.slice(1) : name);
  // Reading the worksheets' cells is most of the time: progress counts them.
  const total = [...entries.keys()].filter((name) => WORKSHEET_PATH.test(pathOf(name))).length;
  let done = 0;
  onProgress?.(0, total);
  let cells = 0;
  try {
    for (const [name, inflate] of entries) {
      const xml = inflate();
      parts[name] = xml;
      const path = pathOf(name);
      if (!WORKSHEET_PATH.test(path)) continue;
      cells += cellCount(xml);
      if (cells > limits.cells) throw new XlsxRefused('cells', limits.cells);
      onProgress?.(++done, total);
      const open = xml.indexOf(SHEET_DATA_OPEN);
      const close = open < 0 ? -1 : xml.indexOf(SHEET_DATA_CLOSE, open);
      if (close < 0) continue;
      const scanned = scanInPieces(xml, open + SHEET_DATA_OPEN.length, close);
      if (!scanned) continue;
      scans.set(path, scanned);
      parts[name] = Buffer.concat([
        xml.subarray(0, open),
        SHEET_DATA_EMPTY,
        xml.subarray(close + SHEET_DATA_CLOSE.length),
      ]);
    }
  } catch (error) {
    if (error instanceof XlsxRefused) throw error;
    return null; // a part that does not inflate: ExcelJS reads the file and says what is wrong
  }
  const zip = zipSync(parts, { level: 0 });
  const exact = zip.byteOffset === 0 && zip.byteLength === zip.buffer.byteLength;
  return { zip: exact ? (zip.buffer as ArrayBuffer) : zip.slice().buffer, scans };
}

/**
 * Each worksheet's <sheetData> goes to xlsx-cells.ts when it can read it (leanZip), and ExcelJS parses
 * the rest of the sheet (columns, merges, validations, conditional formats, views) as before. Its cells
 * are resolved against the shared strings and styles just before ExcelJS reconciles the workbook.
 */
function hookWorksheetEntries(proto: XlsxReader): void {
  const processEntry = proto._processWorksheetEntry;
  const reconcile = proto.reconcile;
  proto._processWorksheetEntry = async function (this: XlsxReader, stream, model, sheetNo, options, path) {
    await processEntry.call(this, stream, model, sheetNo, options, path);
    // Only while loadXlsx reads: ExcelJS used directly (tests, other callers) reads as it always does.
    const scanned = leanScans.get(this.workbook)?.get(path);
    if (scanned) scannedSheets.set(model.worksheets[model.worksheets.length - 1], scanned);
  };
  proto.reconcile = function (this: XlsxReader, model, options) {
    if (!sheetLoaded.has(this.workbook)) return reconcile.call(this, model, options);
    for (const ws of model.worksheets) {
      const scanned = scannedSheets.get(ws);
      if (!scanned) continue;
      scannedSheets.delete(ws);
      // The sheet's comments part, found as ExcelJS's reconcile finds it (which then drops it).
      const rels = model.worksheetRels[(ws as { sheetNo?: string }).sheetNo ?? ''] ?? [];
      const rel = rels.find((x) => x.Type === COMMENTS_REL);
      const comments = (rel && model.comments[rel.Target]?.comments) ?? [];
      const date1904 = model.properties?.date1904 === true;
      resolvedSheets.set(ws, resolveScanned(scanned, model.sharedStrings, model.styles, date1904, comments));
    }
    reconcile.call(this, model, options);
  };
}

function hookExcelJs(): void {
  if (hooked) return;
  hooked = true;
  hookStreamWriter();
  const probe = new ExcelJS.Workbook();
  const wsProto = Object.getPrototypeOf(probe.addWorksheet('probe')) as object;
  const model = Object.getOwnPropertyDescriptor(wsProto, 'model');
  const name = Object.getOwnPropertyDescriptor(wsProto, 'name');
  if (model?.get && model.set && name?.get && name.set) {
    const [getModel, setModel, setName] = [model.get, model.set, name.set];
    Object.defineProperty(wsProto, 'model', {
      configurable: true,
      get(this: object) {
        const m = getModel.call(this) as { dimensions?: unknown };
        const dims = writeDimensions.get(this);
        if (dims) m.dimensions = dims;
        return m;
      },
      set(this: object, value: { dimensions?: string; name?: string; rows?: unknown[] }) {
        setModel.call(this, value);
        if (typeof value.dimensions === 'string') readDimensions.set(this, value.dimensions);
        const book = (this as { _workbook?: object })._workbook;
        const extract = book && sheetLoaded.get(book);
        if (extract) {
          extract(this as ExcelJS.Worksheet, resolvedSheets.get(value));
          resolvedSheets.delete(value);
          // Its cells are copied out: free them (and the parsed rows) before the next sheet is built.
          (this as { _rows?: unknown[] })._rows = [];
          value.rows = [];
        }
      },
    });
    Object.defineProperty(wsProto, 'name', {
      configurable: true,
      get: name.get,
      set(this: { _name?: string }, value: unknown) {
        // Google allows 100 characters and : / ? * [ ]; keep such names rather than cut or reject them.
        if (
          typeof value === 'string' &&
          value !== '' &&
          (value.length > 31 || /[*?:/\\[\]]|^'|'$/.test(value))
        ) {
          this._name = value;
        } else setName.call(this, value);
      },
    });
  }
  const bookModel = Object.getOwnPropertyDescriptor(ExcelJS.Workbook.prototype, 'model');
  if (bookModel?.get && bookModel.set) {
    const setBook = bookModel.set;
    Object.defineProperty(ExcelJS.Workbook.prototype, 'model', {
      configurable: true,
      get: bookModel.get,
      set(this: object, value: { worksheets?: unknown[] }) {
        sheetTotals.set(this, value.worksheets?.length ?? 0);
        setBook.call(this, value);
      },
    });
  }
  hookWorksheetEntries(Object.getPrototypeOf(probe.xlsx) as XlsxReader);
  const dnProto = Object.getPrototypeOf(probe.definedNames) as object;
  const dn = Object.getOwnPropertyDescriptor(dnProto, 'model');
  if (dn?.get && dn.set) {
    const [getDn, setDn] = [dn.get, dn.set];
    Object.defineProperty(dnProto, 'model', {
      configurable: true,
      get(this: object) {
        return writeDefinedNames.get(this) ?? getDn.call(this);
      },
      set(this: object, value: { name: string; ranges: string[]; localSheetId?: number }[]) {
        readDefinedNames.set(this, value);
        setDn.call(this, value);
      },
    });
  }
}

// ---- helpers ----------------------------------------------------------------------------------------

function notAWorkbook(file: string, cause: unknown): Error {
  const error = new Error(`${file} is not a valid .xlsx workbook.`) as Error & {
    code: string;
    cause?: unknown;
  };
  error.code = 'NOT_A_WORKBOOK';
  error.cause = cause;
  return error;
}

/** Splits a pattern into quoted/escaped literals and the rest, applying `fn` to the rest only. */
function mapUnquoted(format: string, fn: (s: string) => string): string {
  return format.replace(/("[^"]*"|\\.|\[[^\]]*\])|([^"\\[]+)/g, (_m, lit: string, rest: string) =>
    lit !== undefined ? lit : fn(rest)
  );
}

/** Sheets 'dd/MM/yyyy HH:mm:ss' → Excel 'dd/mm/yyyy hh:mm:ss'. */
function sheetsToExcelFormat(format: string): string {
  if (!isDateFormat(format)) return format;
  return mapUnquoted(format, (s) => s.replace(/[DMYHS]/g, (c) => c.toLowerCase()));
}

/** Excel 'dd/mm/yyyy hh:mm' → Sheets 'dd/MM/yyyy HH:mm' (months upper case, minutes lower case). */
function excelToSheetsFormat(format: string | undefined): string | undefined {
  if (!format) return undefined;
  let f = format.replace(/^\[\$-[0-9A-Fa-f]+\]/, '');
  if (/^general$/i.test(f)) return undefined;
  // Built-in 14 is the reader's short date; in vi_VN that is dd/MM/yyyy.
  if (f === 'mm-dd-yy' || f === 'm/d/yy') return 'dd/MM/yyyy';
  if (!isDateFormat(f)) return f;
  f = f.split(';')[0];
  const ampm = /AM\/PM|A\/P/i.test(f);
  return mapUnquoted(f, (s) => {
    const tokens = s.match(/([dmyhs])\1*|[^dmyhs]+/gi) ?? [];
    return tokens
      .map((t, i) => {
        const c = t[0].toLowerCase();
        if (c === 'h') return ampm ? t.toLowerCase() : t.toUpperCase();
        if (c === 'd' || c === 'y' || c === 's') return t.toLowerCase();
        if (c !== 'm') return t;
        return isMinuteToken(tokens, i) ? t.toLowerCase() : t.toUpperCase();
      })
      .join('');
  });
}

const toArgb = (color: string): string | undefined => {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  return m ? `FF${m[1].toUpperCase()}` : undefined;
};
const fromArgb = (color: Partial<ExcelJS.Color> | undefined): string | undefined => {
  const argb = color?.argb;
  return argb && /^[0-9A-F]{8}$/i.test(argb) ? `#${argb.slice(2).toLowerCase()}` : undefined;
};

const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;
const absA1 = (r: Rect): string =>
  `$${columnLetters(r.c1)}$${r.r1}` +
  (r.r1 === r.r2 && r.c1 === r.c2 ? '' : `:$${columnLetters(r.c2)}$${r.r2}`);

/** "'Sheet'!$A$1:$B$2" → sheet name and rectangle. */
function parseRef(ref: string): { sheet: string; a1: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/.exec(ref.trim());
  return m ? { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), a1: m[3] } : null;
}

/** Non-overlapping column runs of what a RectStore resolves to inside the grid. */
function resolveRuns<V>(
  store: RectStore<V>,
  maxRows: number,
  maxColumns: number
): { rect: Rect; value: V }[] {
  const ops = store.ops.filter((op) => op.rect.r1 <= maxRows && op.rect.c1 <= maxColumns);
  if (ops.length === 0) return [];
  const runs: { rect: Rect; value: V }[] = [];
  const c1 = Math.min(...ops.map((o) => o.rect.c1));
  const c2 = Math.min(maxColumns, Math.max(...ops.map((o) => o.rect.c2)));
  for (let c = c1; c <= c2; c++) {
    const col = ops.filter((o) => o.rect.c1 <= c && o.rect.c2 >= c);
    if (col.length === 0) continue;
    const cuts = [...new Set(col.flatMap((o) => [o.rect.r1, Math.min(o.rect.r2, maxRows) + 1]))].sort(
      (a, b) => a - b
    );
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [from, to] = [cuts[i], cuts[i + 1] - 1];
      let value: V | undefined;
      for (let k = col.length - 1; k >= 0; k--) {
        if (col[k].rect.r1 <= from && col[k].rect.r2 >= to) {
          value = col[k].value;
          break;
        }
      }
      if (value === undefined) continue;
      const prev = runs[runs.length - 1];
      if (prev && prev.value === value && prev.rect.c1 === c && prev.rect.r2 === from - 1) prev.rect.r2 = to;
      else runs.push({ rect: { r1: from, c1: c, r2: to, c2: c }, value });
    }
  }
  return runs;
}

// ---- load -------------------------------------------------------------------------------------------

type ExcelDv = ExcelJS.DataValidation & { prompt?: string; showInputMessage?: boolean };

function toValidation(dv: ExcelDv, notes: Set<string>): StandInDataValidation | null {
  const allowInvalid = !(dv.showErrorMessage && (dv.errorStyle ?? 'stop') === 'stop');
  const help = dv.showInputMessage && dv.prompt ? dv.prompt : null;
  const [f1, f2] = (dv.formulae ?? []).map(String);
  // Google writes a checkbox into .xlsx as a TRUE/FALSE list; the stand-in reads it back as one.
  if (dv.type === 'list' && (f1 === '"TRUE,FALSE"' || f1 === '"FALSE,TRUE"')) {
    return new StandInDataValidation('CHECKBOX', [], allowInvalid, help);
  }
  if (dv.type === 'list' && f1?.startsWith('"')) {
    return new StandInDataValidation('VALUE_IN_LIST', [f1.slice(1, -1).split(','), true], allowInvalid, help);
  }
  if ((dv.type === 'decimal' || dv.type === 'whole') && (dv.operator ?? 'between') === 'between') {
    return new StandInDataValidation('NUMBER_BETWEEN', [Number(f1), Number(f2)], allowInvalid, help);
  }
  if (dv.type === 'custom' && f1) {
    return new StandInDataValidation('CUSTOM_FORMULA', [`=${f1}`], allowInvalid, help);
  }
  notes.add(`Data validation of type "${dv.type}" is not supported by the stand-in and was dropped.`);
  return null;
}

/** A shared string or a hyperlink's text as plain text: rich-text runs joined, '' for anything else. */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  const runs = value && typeof value === 'object' ? (value as { richText?: unknown }).richText : undefined;
  return Array.isArray(runs) ? (runs as { text: string }[]).map((t) => t.text).join('') : '';
}

/** A formula as the stand-in stores it: '=' and the text, without Excel's future-function prefixes. */
function formulaContent(formula: string): string {
  return `=${formula.replace(/_xlfn\.|_xlws\./g, '')}`;
}

/**
 * Excel's array formula (`<f t="array" ref="…">expr</f>`) as Google Sheets has it: `=ARRAYFORMULA(expr)`
 * in the corner cell, the rest of ref filled by its result (stand-in/document/arrays.ts).
 */
function arrayFormulaContent(formula: string): string {
  return wrapArrayFormula(formulaContent(formula).slice(1));
}

/** Whether (row, column) is a cell an array formula filled, other than the formula's own. */
function spilledInto(spills: Rect[], r: number, c: number): boolean {
  for (const s of spills)
    if (r >= s.r1 && r <= s.r2 && c >= s.c1 && c <= s.c2 && (r !== s.r1 || c !== s.c1)) return true;
  return false;
}

function cellContent(cell: ExcelJS.Cell): RawContent {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === '' ? null : `'${v}`;
  if (v instanceof Date) return utcDateToSerial(v);
  if (typeof v === 'object') {
    const f = cell.formula;
    if (f)
      return (v as { shareType?: string }).shareType === 'array' ? arrayFormulaContent(f) : formulaContent(f);
    if ('error' in v && v.error) return String(v.error);
    if ('richText' in v && Array.isArray(v.richText)) return `'${plainText(v)}`;
    if ('text' in v) {
      const text = plainText(v.text);
      return text ? `'${text}` : null;
    }
    if ('result' in v) return cellContentOfResult((v as { result?: unknown }).result);
  }
  return `'${String(v)}`;
}

/** What the file cached as a formula's result, as HyperFormula would give it; undefined if nothing. */
function cachedResult(cell: ExcelJS.Cell): number | string | boolean | null | undefined {
  // cell.result, not cell.value.result: ExcelJS's value getter drops falsy results (0, false, '').
  const result: unknown = (cell as unknown as { result?: unknown }).result;
  if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean') return result;
  if (result instanceof Date) return utcDateToSerial(result);
  if (result && typeof result === 'object' && 'error' in result)
    return String((result as { error: unknown }).error);
  return undefined;
}

/**
 * Which sheets can stay out of the formula engine (stand-in/document/detached.ts): every formula of theirs is
 * self-contained with a cached result, and no formula of another sheet reads them, by name or through
 * a defined name.
 */
/** Moves a sheet's array formulas (the corners of its spills) from its rows to its seed's deferred ones. */
function takeArrays(x: ExtractedSheet): void {
  const arrays: NonNullable<SheetSeed['arrays']> = [];
  for (const rect of x.spills) {
    const row = x.seed.rows[rect.r1 - 1];
    const formula = row?.[rect.c1 - 1];
    if (typeof formula !== 'string' || formula.charCodeAt(0) !== 61) continue;
    arrays.push({ row: rect.r1, column: rect.c1, formula });
    row[rect.c1 - 1] = null;
    x.cached.delete(cellKey(rect.r1, rect.c1));
  }
  if (arrays.length > 0) x.seed.arrays = arrays;
}

function detachable(
  extracted: ExtractedSheet[],
  definedNames: RawDefinedName[],
  ours: boolean,
  deferred: boolean
): boolean[] {
  const crossSheet: string[] = [];
  const usedNames = new Set<string>();
  // Each formula is looked at once. A sheet stays out of the engine only when every formula of its own
  // is self-contained: reads no other sheet, names no range, calls nothing volatile or date-formatting.
  // Formulas that differ only in their digits (a unit's 1,000 Stt formulas, the master's links) read
  // the same kinds of things: whether a formula reads another sheet, names a range or is volatile does
  // not depend on a digit, so it is worked out once per shape. Names themselves (rare) are read from
  // the formula as written.
  const shapes = new Map<string, { other: boolean; named: boolean; volatile: boolean }>();
  const allSelfContained = extracted.map((x) => {
    let all = true;
    for (const row of x.seed.rows) {
      for (const content of row) {
        if (typeof content !== 'string' || content.charCodeAt(0) !== 61) continue;
        const shape = content.replace(/\d+/g, '0');
        let known = shapes.get(shape);
        if (!known) {
          known = {
            other: readsOtherSheets(content),
            named: namesIn(content).length > 0,
            volatile: volatileOrFormatted(content),
          };
          shapes.set(shape, known);
        }
        if (known.other) crossSheet.push(content.toLowerCase());
        if (known.named) for (const name of namesIn(content)) usedNames.add(name.toLowerCase());
        if (all && ours && (known.other || known.named || known.volatile)) all = false;
      }
    }
    return all;
  });
  const namedSheets = new Set<string>();
  for (const dn of definedNames) {
    if (!usedNames.has(dn.name.toLowerCase())) continue;
    for (const ref of dn.ranges ?? []) {
      const parsed = parseRef(ref);
      if (parsed) namedSheets.add(parsed.sheet.toLowerCase());
    }
  }
  // Only tonghop's own files: another program's cached results may be stale or missing (a file
  // written by a script, or saved with recalculation off), and Sheets would compute them afresh.
  if (!ours) return extracted.map(() => false);
  return extracted.map((x, i) => {
    if (namedSheets.has(x.seed.name.toLowerCase()) || crossSheet.some((f) => mayName(f, x.seed.name)))
      return false;
    if (!allSelfContained[i]) return false;
    // Array formulas evaluated as they load: HyperFormula computes what they fill (the file's results are not kept).
    if (!deferred && x.spills.length > 0) return false;
    // A formula the file caches no result for (our file edited by a tool that does not calculate, such as
    // ExcelJS or openpyxl): the sheet goes into HyperFormula, which computes it, so that the result read
    // and saved is the true one rather than a blank.
    for (const value of x.cached.values()) if (value === undefined) return false;
    return true;
  });
}

function cellContentOfResult(result: unknown): RawContent {
  if (typeof result === 'number' || typeof result === 'boolean') return result;
  if (typeof result === 'string') return `'${result}`;
  return null;
}

/**
 * The styles read so far, per style key and column, as runs of consecutive rows with the same value.
 * Rows arrive in increasing order (eachRow, then eachCell), so a run grows in place: no map entry per
 * cell (at ward scale that was millions of entries for the garbage collector to copy).
 */
interface PendingStyles {
  values: Map<keyof CellStyle, Map<number, { r1: number; r2: number; value: unknown }[]>>;
}

function noteStyle(p: PendingStyles, key: keyof CellStyle, row: number, col: number, value: unknown): void {
  let byCol = p.values.get(key);
  if (!byCol) p.values.set(key, (byCol = new Map()));
  let runs = byCol.get(col);
  if (!runs) byCol.set(col, (runs = []));
  const last = runs.length > 0 ? runs[runs.length - 1] : undefined;
  if (last !== undefined && row === last.r2 + 1 && value === last.value) last.r2 = row;
  else runs.push({ r1: row, r2: row, value });
}

function styleNotesOf(
  cell: Pick<ExcelJS.Style, 'numFmt' | 'font' | 'fill' | 'alignment'>
): [keyof CellStyle, unknown][] {
  const out: [keyof CellStyle, unknown][] = [];
  const fmt = excelToSheetsFormat(cell.numFmt);
  if (fmt) out.push(['numberFormat', fmt]);
  const font = cell.font;
  if (font) {
    if (font.bold) out.push(['fontWeight', 'bold']);
    if (font.italic) out.push(['fontStyle', 'italic']);
    if (font.name && !DEFAULT_FONTS.has(font.name.toLowerCase())) out.push(['fontFamily', font.name]);
    if (font.size && !DEFAULT_SIZES.has(font.size)) out.push(['fontSize', font.size]);
    const color = fromArgb(font.color);
    if (color && color !== '#000000') out.push(['fontColor', color]);
  }
  const fill = cell.fill;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const bg = fromArgb(fill.fgColor);
    if (bg) out.push(['background', bg]);
  }
  const al = cell.alignment;
  if (al) {
    if (al.horizontal && ['left', 'center', 'right'].includes(al.horizontal)) {
      out.push(['horizontalAlignment', al.horizontal]);
    }
    if (al.vertical && ['top', 'middle', 'bottom'].includes(al.vertical)) {
      out.push(['verticalAlignment', al.vertical]);
    }
    if (al.wrapText) out.push(['wrap', true]);
  }
  return out;
}

/** What styleNotesOf found for a style object: cells of one style id share ExcelJS's style model. */
const notesByStyle = new WeakMap<object, [keyof CellStyle, unknown][]>();

/** The style notes of one of ExcelJS's shared style models (one per style id). */
function pairsOfStyle(style: Partial<ExcelJS.Style>): [keyof CellStyle, unknown][] {
  if (!style.numFmt && !style.font && !style.fill && !style.alignment) return [];
  let pairs = notesByStyle.get(style);
  if (!pairs) notesByStyle.set(style, (pairs = styleNotesOf(style as ExcelJS.Style)));
  return pairs;
}

function noteText(note: string | ExcelJS.Comment | undefined): string {
  if (!note) return '';
  return typeof note === 'string'
    ? note
    : (note.texts ?? []).map((t) => (typeof t === 'string' ? t : t.text)).join('');
}

function readStyles(cell: ExcelJS.Cell, row: number, col: number, p: PendingStyles): void {
  const style = cell.style as Partial<ExcelJS.Style> | undefined;
  const pairs = style ? pairsOfStyle(style) : styleNotesOf(cell);
  for (const [key, value] of pairs) noteStyle(p, key, row, col, value);
  const text = noteText(cell.note);
  if (text) noteStyle(p, 'note', row, col, text);
}

function applyStyles(sheet: DocumentSheet, p: PendingStyles): void {
  for (const [key, byCol] of p.values) {
    const store = sheet.styles[key] as RectStore<unknown>;
    for (const [col, runs] of byCol)
      for (const run of runs) store.set({ r1: run.r1, c1: col, r2: run.r2, c2: col }, run.value);
  }
}

interface ExtractedSheet {
  seed: SheetSeed;
  /** The file's results of this sheet's formulas (undefined when the file cached none). */
  cached: Map<number, number | string | boolean | null | undefined>;
  styles: PendingStyles;
  merges: Rect[];
  widths: Map<number, number>;
  hiddenColumns: number[];
  frozenRows: number;
  tabColor: string | null;
  validations: Map<number, Map<number, StandInDataValidation>>;
  conditionalFormats: ConditionalFormatSpec[];
  /** The cells array formulas filled (nothing of them in the seed but the formula in the corner). */
  spills: Rect[];
}

/** A sheet's cells as the stand-in keeps them, from ExcelJS's cells or from xlsx-cells.ts. */
interface SheetCells {
  rows: RawContent[][];
  cached: Map<number, number | string | boolean | null | undefined>;
  styles: PendingStyles;
  usedRows: number;
  usedCols: number;
  spills: Rect[];
}

/** The parsed models of worksheets whose <sheetData> xlsx-cells.ts read, until they are reconciled. */
const scannedSheets = new WeakMap<object, ScannedCells>();
/** Their cells, resolved against the shared strings and styles, until the worksheet is built. */
const resolvedSheets = new WeakMap<object, SheetCells>();

interface SharedStringsModel {
  getString(index: number): unknown;
}
interface StylesModel {
  getStyleModel(id: number): Partial<ExcelJS.Style> | null;
}

/** Scanned cells as ExcelJS's CellXform.reconcile and extractCells would give them. */
function resolveScanned(
  x: ScannedCells,
  strings: SharedStringsModel | undefined,
  stylesModel: StylesModel | undefined,
  date1904: boolean,
  comments: { ref?: string; note?: ExcelJS.Comment }[]
): SheetCells {
  const rows: RawContent[][] = [];
  const cached = new Map<number, number | string | boolean | null | undefined>();
  const styles: PendingStyles = { values: new Map() };
  const styleOf = new Map<number, Partial<ExcelJS.Style> | null>();
  const spills: Rect[] = [];
  let usedRows = 0;
  let usedCols = 0;
  for (let i = 0; i < x.count; i++) {
    const r = x.rows[i];
    const c = x.columns[i];
    const id = x.styles[i];
    let style = styleOf.get(id);
    if (style === undefined)
      styleOf.set(id, (style = id && stylesModel ? stylesModel.getStyleModel(id) : null));
    if (style) for (const [key, value] of pairsOfStyle(style)) noteStyle(styles, key, r, c, value);
    // A number in a date format: ExcelJS gives a Date, which cellContent turns back into this serial.
    const dated = date1904 && style !== null && isExcelJsDateFormat(style.numFmt) ? 1462 : 0;
    const v = x.values[i];
    let content: RawContent = null;
    switch (x.kinds[i]) {
      case CellKind.Number:
        content = (v as number) + dated;
        break;
      case CellKind.Boolean:
        content = v as boolean;
        break;
      case CellKind.Error:
        content = v as string;
        break;
      case CellKind.Text:
        content = v === '' ? null : `'${v as string}`;
        break;
      case CellKind.Shared: {
        const text = plainText(strings?.getString(v as number));
        content = text === '' ? null : `'${text}`;
        break;
      }
      case CellKind.Formula: {
        const ref = x.arrays.size > 0 ? x.arrays.get(i) : undefined;
        const rect = ref === undefined ? null : parseA1(ref, 1, 1);
        if (rect) spills.push(rect);
        content = rect
          ? arrayFormulaContent(x.formulas.get(i) ?? '')
          : formulaContent(x.formulas.get(i) ?? '');
        const type = x.resultTypes.get(i) ?? '';
        const raw = v as string | undefined;
        // t="str" with an empty <v></v> (or none) is an empty text result, which is how the stand-in writes
        // one; a formula with neither a type nor a value (ExcelJS, openpyxl) caches nothing.
        let result: number | string | boolean | undefined;
        if (type === 'str') result = raw ?? '';
        else if (raw === undefined || raw === '') result = undefined;
        else if (type === 'e') result = raw;
        else if (type === 'b') result = raw === '1' || raw === 'true';
        else result = Number(raw) + dated;
        cached.set(cellKey(r, c), result);
        break;
      }
      default:
        continue;
    }
    // A cell an array formula filled holds its result, not contents: Sheets computes it from the formula,
    // and so does HyperFormula (the result is not kept: stand-in/document/pending.ts).
    if (spills.length > 0 && spilledInto(spills, r, c)) {
      usedRows = Math.max(usedRows, r);
      usedCols = Math.max(usedCols, c);
      continue;
    }
    if (content === null) continue;
    (rows[r - 1] ??= [])[c - 1] = content;
    usedRows = Math.max(usedRows, r);
    usedCols = Math.max(usedCols, c);
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!row) rows[i] = [];
    else for (let j = 0; j < row.length; j++) if (row[j] === undefined) row[j] = null;
  }
  // Notes (comments), which ExcelJS would have put on the cells, in row order as extractCells meets them.
  const withNotes: { r: number; c: number; text: string }[] = [];
  for (const comment of comments) {
    const at = comment.ref ? parseA1(comment.ref, 1, 1) : null;
    const text = noteText(comment.note);
    if (at && text) withNotes.push({ r: at.r1, c: at.c1, text });
  }
  withNotes.sort((a, b) => a.r - b.r || a.c - b.c);
  for (const n of withNotes) noteStyle(styles, 'note', n.r, n.c, n.text);
  return { rows, cached, styles, usedRows, usedCols, spills };
}

/** The cells of a worksheet ExcelJS built. */
function extractCells(ws: ExcelJS.Worksheet): SheetCells {
  const rows: RawContent[][] = [];
  const cached = new Map<number, number | string | boolean | null | undefined>();
  const styles: PendingStyles = { values: new Map() };
  const spills: Rect[] = [];
  let usedRows = 0;
  let usedCols = 0;
  // Empty cells may still carry a style (a template's font, a column's alignment): read them too.
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.cellCount === 0) return;
    const out: RawContent[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      readStyles(cell, r, c, styles);
      if (cell.type === ExcelJS.ValueType.Merge) return;
      const content = cellContent(cell);
      if (spills.length > 0 && spilledInto(spills, r, c)) {
        usedCols = Math.max(usedCols, c);
        usedRows = Math.max(usedRows, r);
        return;
      }
      if (content === null) return;
      const array = cell.value as { shareType?: string; ref?: string } | null;
      if (array && typeof array === 'object' && array.shareType === 'array') {
        const rect = parseA1(array.ref ?? '', 1, 1);
        if (rect) spills.push(rect);
      }
      out[c - 1] = content;
      if (typeof content === 'string' && content.charCodeAt(0) === 61)
        cached.set(cellKey(r, c), cachedResult(cell));
      usedCols = Math.max(usedCols, c);
      usedRows = Math.max(usedRows, r);
    });
    if (out.length) {
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
      rows[r - 1] = out;
    }
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return { rows, cached, styles, usedRows, usedCols, spills };
}

function extractSheet(
  ws: ExcelJS.Worksheet,
  ours: boolean,
  notes: Set<string>,
  resolved?: SheetCells
): ExtractedSheet {
  const { rows, cached, styles, usedRows, usedCols, spills } = resolved ?? extractCells(ws);
  // Grid size: ours round-trips through <dimension>; other files get Google's import minimum.
  const dims = readDimensions.get(ws);
  const dimRect = ours && dims ? parseA1(dims, 1, 1) : null;
  let maxRows = Math.max(usedRows, dimRect ? dimRect.r2 : DEFAULT_ROWS, 1);
  let maxColumns = Math.max(usedCols, dimRect ? dimRect.c2 : DEFAULT_COLUMNS, 1);
  const merges: Rect[] = [];
  const rawMerges = (ws as unknown as { _merges?: Record<string, { range?: string }> })._merges ?? {};
  for (const m of Object.values(rawMerges)) {
    const rect = m?.range ? parseA1(m.range, 1, 1) : null;
    if (rect) merges.push(rect);
  }
  for (const m of merges) {
    maxRows = Math.max(maxRows, m.r2);
    maxColumns = Math.max(maxColumns, m.c2);
  }
  if (ws.state && ws.state !== 'visible') notes.add('Hidden sheets were loaded as visible sheets.');
  const conditionalFormats = readConditionalFormats(ws, notes);
  if ((ws as unknown as { sheetProtection?: unknown }).sheetProtection) {
    notes.add('Sheet protection in the file was dropped (it has no editor list).');
  }
  const widths = new Map<number, number>();
  const hiddenColumns: number[] = [];
  for (const col of ws.columns ?? []) {
    if (col.width && col.number) widths.set(col.number, Math.round(col.width * 7));
    if (col.hidden && col.number) hiddenColumns.push(col.number);
  }
  const frozen = (ws.views ?? []).find((v) => v.state === 'frozen') as { ySplit?: number } | undefined;
  // Data validations arrive cell by cell, sharing one object per original range.
  const dvModel =
    ((ws as unknown as { dataValidations: unknown }).dataValidations as { model?: Record<string, ExcelDv> })
      .model ?? {};
  const converted = new Map<ExcelDv, StandInDataValidation | null>();
  const validations = new Map<number, Map<number, StandInDataValidation>>();
  for (const [address, dv] of Object.entries(dvModel)) {
    if (!converted.has(dv)) converted.set(dv, toValidation(dv, notes));
    const rule = converted.get(dv);
    const rect = parseA1(address, maxRows, maxColumns);
    if (!rule || !rect) continue;
    for (let c = rect.c1; c <= rect.c2; c++) {
      let byRow = validations.get(c);
      if (!byRow) validations.set(c, (byRow = new Map()));
      for (let r = rect.r1; r <= rect.r2; r++) byRow.set(r, rule);
    }
  }
  return {
    seed: { name: ws.name, rows, maxRows, maxColumns },
    cached,
    styles,
    merges,
    widths,
    hiddenColumns,
    frozenRows: frozen?.ySplit ?? 0,
    tabColor: fromArgb(ws.properties?.tabColor) ?? null,
    validations,
    conditionalFormats,
    spills,
  };
}

type RawDefinedName = { name: string; ranges: string[]; localSheetId?: number };

/** Reads the file and copies out what the stand-in keeps, so ExcelJS's model can be freed early. */
async function readBook(
  file: string,
  notes: Set<string>,
  limits: XlsxLimits,
  onProgress?: SheetProgress
): Promise<{
  extracted: ExtractedSheet[];
  definedNames: RawDefinedName[];
  settings: SpreadsheetSettings;
  ours: boolean;
}> {
  const book = new ExcelJS.Workbook();
  const byWorksheet = new Map<ExcelJS.Worksheet, ExtractedSheet>();
  let lean: ReturnType<typeof leanZip> = null;
  // The workbook's properties (creator) are set before its worksheets are built.
  sheetLoaded.set(book, (ws, resolved) => {
    const ours = book.creator === CREATOR && book.lastModifiedBy === CREATOR;
    const total = sheetTotals.get(book) ?? 0;
    // When the cells were read beforehand (leanZip counted them), building the sheets is quick.
    if (!lean && byWorksheet.size === 0) onProgress?.(0, total);
    byWorksheet.set(ws, extractSheet(ws, ours, notes, resolved));
    if (!lean) onProgress?.(byWorksheet.size, total);
  });
  try {
    const bytes = await fs.promises.readFile(file);
    lean = leanZip(bytes, limits, onProgress);
    // What the lean reader does not take (zip64, another method) goes to ExcelJS, which trusts the zip's
    // sizes: checked against the limits first, a part at a time (issue 25).
    if (!lean) inspectXlsx(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
    if (lean) leanScans.set(book, lean.scans);
    // ExcelJS's typings take an ArrayBuffer; JSZip reads either.
    await book.xlsx.load(
      lean
        ? lean.zip
        : (bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
    );
  } catch (error) {
    if (error instanceof XlsxRefused && error.reason !== 'not-zip' && error.reason !== 'unsupported')
      throw error;
    throw notAWorkbook(file, error);
  } finally {
    sheetLoaded.delete(book);
    leanScans.delete(book);
  }
  const worksheets = book.worksheets;
  if (worksheets.length === 0) throw notAWorkbook(file, new Error('no worksheets'));
  const ours = book.creator === CREATOR && book.lastModifiedBy === CREATOR;
  const extracted = worksheets.map((ws) => {
    const sheet = byWorksheet.get(ws);
    if (!sheet) throw notAWorkbook(file, new Error(`worksheet ${ws.name} was not read`));
    return sheet;
  });
  const settings = ours ? settingsFromProperties(book) : {};
  return { extracted, definedNames: readDefinedNames.get(book.definedNames) ?? [], settings, ours };
}

/** Reports sheets done out of the total while loading or saving (the CLI's progress). */
export type SheetProgress = (done: number, total: number) => void;

/**
 * Loads a .xlsx into a stand-in workbook. `limits` (the office's workbook's by default; a unit's file is
 * held to UNIT_FILE_LIMITS) bound what reading may inflate: a file beyond them throws XlsxRefused before
 * anything large is in memory.
 */
export async function loadXlsx(
  file: string,
  { limits = OFFICE_BOOK_LIMITS, ...opts }: WorkbookOptions & { limits?: XlsxLimits } = {},
  onProgress?: SheetProgress
): Promise<{ workbook: Workbook; notes: string[] }> {
  hookExcelJs();
  await fs.promises.access(file, fs.constants.R_OK);
  const notes = new Set<string>();
  const { extracted, definedNames, settings, ours } = await readBook(file, notes, limits, onProgress);
  // The locale and time zone the workbook was saved with; formulas from Excel's form into the locale's.
  const options = { ...settings, ...opts };
  const locale = options.locale ?? DEFAULT_LOCALE;
  for (const x of extracted) localiseContents(x.seed.rows, locale);
  // Array formulas wait outside the engine until something needs what they fill
  // (stand-in/document/pending.ts); their results in the file are not kept: HyperFormula computes them.
  const defer = options.deferArrays ?? true;
  if (defer) for (const x of extracted) takeArrays(x);
  const detach = detachable(extracted, definedNames, ours, defer);
  const workbook = new Workbook(
    { ...options, locale },
    extracted.map((x, i) =>
      detach[i]
        ? { ...x.seed, detached: { rows: x.seed.rows, cached: x.cached as DetachedContents['cached'] } }
        : x.seed
    )
  );
  const sheets = workbook.sheetObjects();
  extracted.forEach((x, i) => {
    const sheet = sheets[i];
    applyStyles(sheet, x.styles);
    sheet.merges = x.merges;
    for (const [c, px] of x.widths) if (c <= sheet.maxColumns) sheet.columnWidths.set(c, px);
    for (const c of x.hiddenColumns) if (c <= sheet.maxColumns) sheet.hiddenColumns.add(c);
    sheet.frozenRows = x.frozenRows;
    sheet.tabColor = x.tabColor;
    applyConditionalFormats(sheet, x.conditionalFormats);
    for (const [c, rows] of x.validations) {
      const sorted = [...rows.keys()].sort((a, b) => a - b);
      let start = 0;
      for (let k = 1; k <= sorted.length; k++) {
        const same =
          k < sorted.length &&
          sorted[k] === sorted[k - 1] + 1 &&
          rows.get(sorted[k]) === rows.get(sorted[start]);
        if (!same) {
          sheet.validations.set(
            { r1: sorted[start], c1: c, r2: sorted[k - 1], c2: c },
            localiseValidation(rows.get(sorted[start]), locale)
          );
          start = k;
        }
      }
    }
  });

  for (const dn of definedNames) {
    if (dn.name.startsWith('_xlnm.')) continue;
    const refs = dn.ranges ?? [];
    const ref = refs.length === 1 ? parseRef(refs[0]) : null;
    const sheet = ref && sheets.find((s) => s.name === ref.sheet);
    const rect = sheet && ref ? parseA1(ref.a1, sheet.maxRows, sheet.maxColumns) : null;
    if (!sheet || !rect || dn.localSheetId !== undefined) {
      notes.add(`Defined name "${dn.name}" is not a single range on one sheet and was dropped.`);
      continue;
    }
    try {
      workbook.defineName(dn.name, sheet, rect);
    } catch {
      notes.add(`Defined name "${dn.name}" is not a valid Google Sheets range name and was dropped.`);
    }
  }
  if (workbook.cellCount() > MAX_CELLS) {
    notes.add(`The workbook has ${workbook.cellCount()} cells, above Google Sheets' limit of ${MAX_CELLS}.`);
  }
  return { workbook, notes: [...notes] };
}

// ---- save -------------------------------------------------------------------------------------------

/**
 * A formula as a .xlsx holds it: in Excel's syntax, and an array formula (Google's ARRAYFORMULA, or
 * any formula whose result spilled) as Excel's legacy array formula, `<f t="array" ref="G8:G1007">`
 * with the wrapper taken off: Excel 2016 and LibreOffice compute it over the same cells.
 */
interface ExcelFormula {
  /** With its '='. */
  formula: string;
  ref?: string;
}

function excelFormula(
  f: string,
  locale: string,
  spill: Rect | undefined,
  r: number,
  c: number
): ExcelFormula {
  const body = arrayFormulaBody(f);
  if (body === null && !spill) return { formula: toExcelFormula(f, locale) };
  const rect = spill ?? { r1: r, c1: c, r2: r, c2: c };
  return { formula: toExcelFormula(body === null ? f : `=${body}`, locale), ref: rectA1(rect) };
}

/** A cell's error as Google Sheets shows it (a blocked array is #REF!). */
function errorOf(v: DetailedCellError): ExcelJS.CellErrorValue['error'] {
  return sheetsErrorText(v) as ExcelJS.CellErrorValue['error'];
}

function excelValue(v: unknown, formula: ExcelFormula | undefined): ExcelJS.CellValue {
  const result = (): ExcelJS.CellFormulaValue['result'] => {
    if (v instanceof DetailedCellError) return { error: errorOf(v) };
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    return undefined;
  };
  if (formula?.ref)
    return {
      formula: formula.formula.slice(1),
      result: result(),
      shareType: 'array',
      ref: formula.ref,
    } as ExcelJS.CellValue;
  if (formula) return { formula: formula.formula.slice(1), result: result(), date1904: false };
  if (v instanceof DetailedCellError) return { error: errorOf(v) };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { xmlEncode } = require('exceljs/lib/utils/utils') as { xmlEncode: (text: string) => string };

interface WriterInternals {
  styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: ExcelJS.ValueType): number };
  sharedStrings: { add(text: string): number; _totalRefs?: number };
}
interface SheetWriterInternals {
  startedData: boolean;
  _rowZero: number;
  _rows: unknown[] | null;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  stream: { write(data: string | Buffer): unknown };
}

/**
 * A row's XML as ExcelJS's row and cell xforms write it (xlsx/xform/sheet/row-xform.js,
 * cell-xform.js), without a Row and a Cell object per cell, nor a cell value object: style ids and
 * shared strings come from the writer's own tables, so the file is the one ExcelJS would write. Only
 * for rows with no merged cell and no note (those take ExcelJS's own path).
 */
/** Bytes of rows written to the sheet's stream at a time, and a row's cells to begin with. */
const OUT_BYTES = 1 << 20;
const CELL_BYTES = 1 << 16;
const ROW_CLOSE = '</row>';

class RowXml {
  private readonly styles: WriterInternals['styles'];
  private readonly strings: WriterInternals['sharedStrings'];
  private readonly sheet: SheetWriterInternals;
  private readonly unstyled = new Map<ExcelJS.ValueType, number>();
  /** `<c r="A` by column, and ` s="5"` by style id: the same pieces for every row. */
  private readonly opening: string[] = [];
  private readonly styleAttribute: string[] = [];
  /** This row's style by column (rows between two style changes share them) and their ids. */
  private rowStyles: (Partial<ExcelJS.Style> | undefined)[] = [];
  private rowIds: (number | undefined)[] = [];
  /**
   * Each column's last shared string and its index: a column often repeats the text of the row above
   * (a unit, a residence), which then needs no look-up in the table, only one more reference counted.
   */
  private readonly lastText: (string | undefined)[] = [];
  private readonly lastIndex: number[] = [];
  private readonly countsRefs: boolean;
  /**
   * The XML as UTF-8 bytes, not strings: joining a string per piece cost more than the bytes (every
   * piece but a formula's text and a formula's text result is ASCII). The rows written so far, and
   * the current row's cells, which go after the row's opening once its span is known.
   */
  private out = Buffer.allocUnsafe(OUT_BYTES);
  private outAt = 0;
  private cells = Buffer.allocUnsafe(CELL_BYTES);
  private cellsAt = 0;
  private rowText = '';
  private r = 0;
  private min = 0;
  private max = 0;

  constructor(book: StreamBook, ws: ExcelJS.Worksheet | object) {
    const internals = book as unknown as WriterInternals;
    this.styles = internals.styles;
    this.strings = internals.sharedStrings;
    this.sheet = ws as unknown as SheetWriterInternals;
    this.countsRefs = typeof this.strings._totalRefs === 'number';
  }

  /** The styles of the rows from now on, by column. */
  restyle(byColumn: (Partial<ExcelJS.Style> | undefined)[]): void {
    this.rowStyles = byColumn;
    this.rowIds = [];
  }

  styleAt(c: number): Partial<ExcelJS.Style> | undefined {
    return this.rowStyles[c];
  }

  begin(r: number): void {
    this.r = r;
    this.rowText = String(r);
    this.min = 0;
    this.max = 0;
    this.cellsAt = 0;
  }

  /**
   * One cell, in column order: `shown` is the value or the formula's result (number, text, boolean,
   * HyperFormula's error or an error value), `formula` the formula in Excel's syntax with its '=' (and
   * an array formula's ref).
   */
  cell(c: number, shown: unknown, formula: ExcelFormula | undefined, styled: boolean): void {
    // Empty text reads back as an empty cell: not written (an array formula's blank results, mostly).
    if (shown === '' && !formula) shown = null;
    if ((shown === null || shown === undefined) && !formula && !styled) return;
    let type: ExcelJS.ValueType;
    if (shown === null || shown === undefined) type = ExcelJS.ValueType.Null;
    else if (typeof shown === 'number') type = ExcelJS.ValueType.Number;
    else if (typeof shown === 'string') type = ExcelJS.ValueType.String;
    else if (typeof shown === 'boolean') type = ExcelJS.ValueType.Boolean;
    else if (shown instanceof DetailedCellError || (typeof shown === 'object' && 'error' in shown))
      type = ExcelJS.ValueType.Error;
    else type = ExcelJS.ValueType.Null; // as excelValue: nothing ExcelJS could write
    let id: number;
    if (styled) {
      // ExcelJS keeps a style object's first id whatever the cell's type: so does this.
      let known = this.rowIds[c];
      if (known === undefined) this.rowIds[c] = known = this.styles.addStyleModel(this.rowStyles[c]!, type);
      id = known;
    } else {
      // A cell with no style of its own gets a fresh {} from ExcelJS: the same id for every such cell of a type.
      let known = this.unstyled.get(type);
      if (known === undefined) this.unstyled.set(type, (known = this.styles.addStyleModel({}, type)));
      id = known;
    }
    if (type === ExcelJS.ValueType.Null && !formula && !id) {
      this.span(c);
      return;
    }
    this.ascii((this.opening[c] ??= `<c r="${columnLetters(c)}`));
    this.ascii(this.rowText);
    this.ascii(id ? (this.styleAttribute[id] ??= `" s="${id}"`) : '"');
    switch (type) {
      case ExcelJS.ValueType.Number:
        this.ascii('>');
        this.formula(formula);
        // A number's text is ASCII, with nothing to escape.
        this.ascii('<v>');
        if (Number.isSafeInteger(shown) && (shown as number) >= 0) this.digits(shown as number);
        else this.ascii(String(shown));
        this.ascii('</v></c>');
        break;
      case ExcelJS.ValueType.Boolean:
        this.ascii(' t="b">');
        this.formula(formula);
        this.ascii(shown ? '<v>1</v></c>' : '<v>0</v></c>');
        break;
      case ExcelJS.ValueType.Error: {
        const error =
          shown instanceof DetailedCellError ? errorOf(shown) : (shown as { error: unknown }).error;
        this.ascii(' t="e">');
        this.formula(formula);
        this.ascii('<v>');
        this.text(xmlEncode(String(error)));
        this.ascii('</v></c>');
        break;
      }
      case ExcelJS.ValueType.String:
        // Formula results never use shared strings (as in ExcelJS).
        if (formula) {
          this.ascii(' t="str">');
          this.formula(formula);
          this.ascii('<v>');
          this.text(xmlEncode(shown as string));
          this.ascii('</v></c>');
        } else {
          this.ascii(' t="s"><v>');
          this.digits(this.sharedString(c, shown as string));
          this.ascii('</v></c>');
        }
        break;
      default:
        if (formula) {
          this.ascii('>');
          this.formula(formula);
          this.ascii('</c>');
        } else this.ascii('/>');
    }
    this.span(c);
  }

  private sharedString(c: number, text: string): number {
    if (this.countsRefs && this.lastText[c] === text) {
      this.strings._totalRefs!++;
      return this.lastIndex[c];
    }
    const i = this.strings.add(text);
    this.lastText[c] = text;
    this.lastIndex[c] = i;
    return i;
  }

  private span(c: number): void {
    if (!this.min) this.min = c;
    this.max = c;
  }

  /** Room for `bytes` more in the current row's cells. */
  private room(bytes: number): void {
    if (this.cellsAt + bytes <= this.cells.length) return;
    const wider = Buffer.allocUnsafe(Math.max(this.cells.length * 2, this.cellsAt + bytes));
    this.cells.copy(wider, 0, 0, this.cellsAt);
    this.cells = wider;
  }

  /** Text known to be ASCII (tags, attributes, digits): a byte per character. */
  private ascii(text: string): void {
    this.room(text.length);
    const cells = this.cells;
    let at = this.cellsAt;
    for (let i = 0; i < text.length; i++) cells[at++] = text.charCodeAt(i);
    this.cellsAt = at;
  }

  /** A whole number ≥ 0 as String() would write it, without the string. */
  private digits(n: number): void {
    this.room(16);
    const cells = this.cells;
    let at = this.cellsAt;
    let d = 1;
    while (d * 10 <= n) d *= 10;
    for (; d >= 1; d /= 10) {
      const digit = Math.floor(n / d);
      cells[at++] = 48 + digit;
      n -= digit * d;
    }
    this.cellsAt = at;
  }

  /** Any text, as UTF-8 (at most three bytes per UTF-16 unit). */
  private text(text: string): void {
    this.room(text.length * 3);
    this.cellsAt += this.cells.write(text, this.cellsAt);
  }

  private formula(formula: ExcelFormula | undefined): void {
    if (!formula) return;
    if (formula.ref) {
      this.ascii('<f t="array" ref="');
      this.ascii(formula.ref);
      this.ascii('">');
    } else this.ascii('<f>');
    this.text(xmlEncode(formula.formula.slice(1)));
    this.ascii('</f>');
  }

  end(): void {
    const ws = this.sheet;
    if (this.min > 0) {
      // The first row with cells: the columns and <sheetData> go before it.
      if (!ws.startedData) {
        ws._writeColumns();
        ws._writeOpenSheetData();
        ws.startedData = true;
      }
      const opening = `<row r="${this.rowText}" spans="${this.min}:${this.max}" x14ac:dyDescent="0.25">`;
      const bytes = opening.length + this.cellsAt + 6;
      if (this.outAt + bytes > this.out.length) {
        this.flush();
        if (bytes > this.out.length) this.out = Buffer.allocUnsafe(bytes);
      }
      const out = this.out;
      let at = this.outAt;
      for (let i = 0; i < opening.length; i++) out[at++] = opening.charCodeAt(i);
      at += this.cells.copy(out, at, 0, this.cellsAt);
      for (let i = 0; i < ROW_CLOSE.length; i++) out[at++] = ROW_CLOSE.charCodeAt(i);
      this.outAt = at;
    }
    // The writer's own pending rows (those mergeCells made, all below this one) keep their numbers.
    while (ws._rowZero <= this.r) {
      ws._rows?.shift();
      ws._rowZero++;
    }
  }

  flush(): void {
    if (this.outAt === 0) return;
    // The zip takes the buffer as it is: the next rows go to a new one.
    this.sheet.stream.write(this.out.subarray(0, this.outAt));
    this.out = Buffer.allocUnsafe(OUT_BYTES);
    this.outAt = 0;
  }
}

/** One row of a detached sheet, as loaded: formulas with the file's results, no evaluation needed. */
function writeDetachedRow(
  cellAt: (c: number) => ExcelJS.Cell,
  d: DetachedContents,
  r: number,
  locale: string,
  pending: PendingCells
): void {
  const row = d.rows[r - 1] ?? [];
  const width = Math.max(row.length, pending.lastColumn.get(r) ?? 0);
  for (let j = 0; j < width; j++) {
    const array = pending.size > 0 ? pending.get(cellKey(r, j + 1)) : undefined;
    const content = row[j];
    if (!array && (content === null || content === undefined)) continue;
    const cell = cellAt(j + 1);
    if (cell.type === ExcelJS.ValueType.Merge) continue;
    if (array) cell.value = excelValue(undefined, array);
    else if (typeof content !== 'string') cell.value = content as number | boolean;
    else if (content.charCodeAt(0) === 39) cell.value = content.slice(1);
    else if (content.charCodeAt(0) === 61)
      cell.value = excelValue(
        d.cached.get(cellKey(r, j + 1)),
        excelFormula(content, locale, undefined, r, j + 1)
      );
    else cell.value = { error: content as ExcelJS.CellErrorValue['error'] };
  }
}

/**
 * A sheet's pending array formulas (stand-in/document/pending.ts) as the file holds them, by cellKey:
 * Excel's array formula over the cells HyperFormula would fill, with no cached result (the workbook is
 * then marked for a full calculation on load: saveXlsx). `lastColumn`: by row, the last such cell.
 */
type PendingCells = Map<number, ExcelFormula> & { lastColumn: Map<number, number> };

function pendingCells(sheet: DocumentSheet): PendingCells {
  const cells = Object.assign(new Map<number, ExcelFormula>(), { lastColumn: new Map<number, number>() });
  for (const p of sheet.pending.values()) {
    const fill = sheet.pendingFill(p);
    cells.set(
      cellKey(p.row, p.column),
      excelFormula(p.formula, sheet.workbook.locale, fill, p.row, p.column)
    );
    cells.lastColumn.set(p.row, Math.max(cells.lastColumn.get(p.row) ?? 0, p.column));
  }
  return cells;
}

const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };

type StreamBook = ExcelJS.stream.xlsx.WorkbookWriter;
type StyleProps = Record<string, unknown>;

/** Rows of values read from HyperFormula at a time: the master list never becomes one big array. */
const ROW_CHUNK = 5000;
/** Rows written between two turns of the event loop, in which the zip compresses what was written. */
const YIELD_ROWS = 2000;

/**
 * Lets the zip (archiver, compressing on the thread pool, so on the other core) take what was
 * written: without it, every sheet's XML would wait in memory until the workbook's commit. Waits
 * while more than one worksheet is queued ahead of the zip, then for one turn of the event loop.
 */
function zipPacer(book: StreamBook): { pause: () => Promise<void>; sheetDone: () => void } {
  const zip = (book as unknown as { zip: NodeJS.EventEmitter }).zip;
  let zipped = 0;
  let failed = false;
  let wake: (() => void) | null = null;
  zip.on('entry', (entry: { name?: string }) => {
    if (/worksheets\/sheet\d+\.xml$/.test(entry.name ?? '')) zipped++;
    wake?.();
  });
  zip.once('error', () => {
    failed = true;
    wake?.();
  });
  let written = 0;
  return {
    pause: async () => {
      while (!failed && written - zipped > 1) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    sheetDone: () => void written++,
  };
}

/** Whether a loose column holds rows r1..r2 (1-based) all: then HyperFormula holds none of them. */
function holdsRows(contents: (RawContent | undefined)[], r1: number, r2: number): boolean {
  if (contents.length < r2) return false;
  for (let i = r1 - 1; i < r2; i++) if (contents[i] === undefined) return false;
  return true;
}

/** Per column, the runs of one style key in row order, walked with a cursor as rows are written. */
class ColumnRuns<V> {
  private readonly byColumn = new Map<number, { r1: number; r2: number; value: V }[]>();
  private readonly cursor = new Map<number, number>();
  constructor(runs: { rect: Rect; value: V }[]) {
    for (const { rect, value } of runs) {
      let list = this.byColumn.get(rect.c1);
      if (!list) this.byColumn.set(rect.c1, (list = []));
      list.push({ r1: rect.r1, r2: rect.r2, value });
    }
    for (const list of this.byColumn.values()) list.sort((a, b) => a.r1 - b.r1);
  }
  columns(): number[] {
    return [...this.byColumn.keys()];
  }
  /** Rows at which some column's value may change: where a run starts or ends. */
  boundaries(): number[] {
    const rows: number[] = [];
    for (const list of this.byColumn.values()) for (const run of list) rows.push(run.r1, run.r2 + 1);
    return rows;
  }
  /** The value at (row, column); rows must be asked in increasing order. */
  at(row: number, column: number): V | undefined {
    const list = this.byColumn.get(column);
    if (!list) return undefined;
    let i = this.cursor.get(column) ?? 0;
    while (i < list.length && list[i].r2 < row) i++;
    this.cursor.set(column, i);
    return i < list.length && list[i].r1 <= row ? list[i].value : undefined;
  }
}

/**
 * One sheet through ExcelJS's streaming writer: rows are resolved (values, formulas, styles) and
 * committed one at a time, so memory stays flat however long the master list is.
 */
async function writeSheet(
  book: StreamBook,
  sheet: DocumentSheet,
  notes: Set<string>,
  yieldToZip: () => Promise<void>
): Promise<{ uncalculated: boolean }> {
  const wb = sheet.workbook;
  if (sheet.name.length > 31 || /[*?:/\\[\]]/.test(sheet.name) || /^'|'$/.test(sheet.name)) {
    notes.add(
      `Sheet names longer than 31 characters are kept; Excel may ask to repair them (LibreOffice accepts them).`
    );
  }
  const argb = sheet.tabColor ? toArgb(sheet.tabColor) : undefined;
  nextDimension = `A1:${columnLetters(sheet.maxColumns)}${sheet.maxRows}`;
  const ws = book.addWorksheet(sheet.name, {
    views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: 0 }] : [],
    ...(argb ? { properties: { tabColor: { argb } } } : {}),
  });
  nextDimension = null;
  for (const [c, px] of sheet.columnWidths) ws.getColumn(c).width = Math.round((px / 7) * 100) / 100;
  for (const c of sheet.hiddenColumns) ws.getColumn(c).hidden = true;
  // Merges first: ExcelJS marks the covered cells, which must not receive values afterwards.
  for (const m of sheet.merges) ws.mergeCells(m.r1, m.c1, m.r2, m.c2);
  const mergedRows = new Set<number>();
  for (const m of sheet.merges) for (let r = m.r1; r <= m.r2; r++) mergedRows.add(r);

  const runs = STYLE_KEYS.map(
    (key) =>
      [
        key,
        new ColumnRuns(resolveRuns(sheet.styles[key] as RectStore<unknown>, sheet.maxRows, sheet.maxColumns)),
      ] as const
  );
  const styledColumns = [...new Set(runs.flatMap(([, r]) => r.columns()))].sort((a, b) => a - b);
  const borders = sheet.borders
    .map((b, order) => ({ ...b, order }))
    .filter((b) => b.rect.r1 <= sheet.maxRows && b.rect.c1 <= sheet.maxColumns)
    .sort((a, b) => a.rect.r1 - b.rect.r1);
  let nextBorder = 0;
  let activeBorders: typeof borders = [];
  let lastStyledRow = 0;
  // Rows at which a row's styles may differ from the row above: where a run or a border starts or
  // ends (a border's first and last rows have their own edges). In between, rows share the styles.
  const changes = new Set<number>([1]);
  for (const key of STYLE_KEYS) {
    for (const op of (sheet.styles[key] as RectStore<unknown>).ops)
      lastStyledRow = Math.max(lastStyledRow, Math.min(op.rect.r2, sheet.maxRows));
  }
  for (const [, columnRuns] of runs) for (const row of columnRuns.boundaries()) changes.add(row);
  for (const b of borders) {
    lastStyledRow = Math.max(lastStyledRow, Math.min(b.rect.r2, sheet.maxRows));
    for (const row of [b.rect.r1, b.rect.r1 + 1, b.rect.r2, b.rect.r2 + 1]) changes.add(row);
  }
  changes.add(lastStyledRow + 1);
  const changeRows = [...changes].sort((a, b) => a - b);
  let nextChange = 0;

  const shared = new Map<string, Partial<ExcelJS.Style>>();
  /** The styles and notes of the current row's cells, by column. */
  let rowStyles = new Map<number, { style?: Partial<ExcelJS.Style>; note?: string }>();
  let rowHasNote = false;
  const restyle = (r: number) => {
    rowStyles = new Map();
    rowHasNote = false;
    if (r > lastStyledRow) return;
    while (nextBorder < borders.length && borders[nextBorder].rect.r1 <= r)
      activeBorders.push(borders[nextBorder++]);
    activeBorders = activeBorders.filter((b) => b.rect.r2 >= r).sort((a, b) => a.order - b.order);
    const props = new Map<number, StyleProps>();
    const propsAt = (c: number) => {
      let p = props.get(c);
      if (!p) props.set(c, (p = {}));
      return p;
    };
    for (const c of styledColumns) {
      for (const [key, columnRuns] of runs) {
        const value = columnRuns.at(r, c);
        if (value === undefined) continue;
        if (key === 'note') {
          rowStyles.set(c, { ...rowStyles.get(c), note: String(value) });
          rowHasNote = true;
        } else propsAt(c)[key] = value;
      }
    }
    for (const { rect, spec } of activeBorders) {
      for (let c = rect.c1; c <= Math.min(rect.c2, sheet.maxColumns); c++) {
        const p = propsAt(c);
        const b = { ...(p.border as Record<string, boolean> | undefined) };
        const edge = (on: boolean | null, side: string) => {
          if (on === true) b[side] = true;
          else if (on === false) delete b[side];
        };
        edge(r === rect.r1 ? spec.top : spec.horizontal, 'top');
        edge(r === rect.r2 ? spec.bottom : spec.horizontal, 'bottom');
        edge(c === rect.c1 ? spec.left : spec.vertical, 'left');
        edge(c === rect.c2 ? spec.right : spec.vertical, 'right');
        p.border = b;
      }
    }
    // Equal styles share one object: ExcelJS caches style ids per object.
    const byColumn: (Partial<ExcelJS.Style> | undefined)[] = [];
    for (const [c, p] of props) {
      const signature = JSON.stringify(p);
      let style = shared.get(signature);
      if (!style) shared.set(signature, (style = excelStyle(p)));
      rowStyles.set(c, { ...rowStyles.get(c), style });
      byColumn[c] = style;
    }
    fast.restyle(byColumn);
  };
  const fast = new RowXml(book, ws);

  // What the sheet stores: pending array formulas by their own cell, not evaluated to be saved.
  const { rows, columns } = sheet.storedExtent();
  const lastRow = Math.max(rows, lastStyledRow);
  // The cells each array formula in HyperFormula fills, by its corner: the ref of `<f t="array">`.
  const arrays = sheet.detached ? new Map<string, Rect>() : arraysOf(wb.evaluated(), sheet.hfId);
  const pending = pendingCells(sheet);
  const formulaAt = (f: string, r: number, c: number): ExcelFormula =>
    excelFormula(f, wb.locale, arrays.size > 0 ? arrays.get(arrayKey(r, c)) : undefined, r, c);
  let values: unknown[][] = [];
  let formulas: (string | undefined)[][] = [];
  let chunkStart = 1;
  /**
   * By column, the loose column that holds every row of the chunk: HyperFormula has nothing there,
   * so it is read from the loose contents and only the other columns (from hfFrom on) are asked of it.
   */
  let looseAt: ((RawContent | undefined)[] | undefined)[] = [];
  let hfFrom = 1;
  for (let r = 1; r <= lastRow; r++) {
    if (r % YIELD_ROWS === 0) {
      fast.flush();
      await yieldToZip();
    }
    // Cell contents, a chunk of rows at a time.
    if (r <= rows && (r === 1 || r - chunkStart >= ROW_CHUNK)) {
      chunkStart = r;
      const end = Math.min(rows, r + ROW_CHUNK - 1);
      values = [];
      formulas = [];
      looseAt = [];
      if (!sheet.detached && columns > 0) {
        let first = 0;
        let last = 0;
        for (let c = 1; c <= columns; c++) {
          const contents = sheet.loose.get(c);
          if (contents && holdsRows(contents, r, end)) looseAt[c] = contents;
          else {
            if (!first) first = c;
            last = c;
          }
        }
        hfFrom = first || 1;
        if (first) {
          const hf = wb.evaluated();
          const range = {
            start: { sheet: sheet.hfId, row: r - 1, col: first - 1 },
            end: { sheet: sheet.hfId, row: end - 1, col: last - 1 },
          };
          values = hf.getRangeValues(range);
          if (sheet.loose.size > 0) sheet.overlayLoose(values, r, first);
          formulas = hf.getRangeFormulas(range);
          if (sheet.loose.size > 0) sheet.overlayLooseFormulas(formulas, r, first);
        }
      }
    }
    if (nextChange < changeRows.length && changeRows[nextChange] <= r) {
      while (nextChange < changeRows.length && changeRows[nextChange] <= r) nextChange++;
      restyle(r);
    }
    // Rows with no merged cell and no note (nearly all of them) go straight to XML.
    if (!rowHasNote && !mergedRows.has(r) && !(ws as unknown as ExcelJS.Worksheet).findRow(r)) {
      fast.begin(r);
      const d = sheet.detached;
      const contents = r <= rows && d ? (d.rows[r - 1] ?? []) : null;
      const vs = r <= rows ? (values[r - chunkStart] ?? []) : [];
      const fs = r <= rows ? (formulas[r - chunkStart] ?? []) : [];
      const width =
        r <= rows ? (contents ? Math.max(contents.length, pending.lastColumn.get(r) ?? 0) : columns) : 0;
      const lastColumn = Math.max(width, rowStyles.size > 0 ? (styledColumns.at(-1) ?? 0) : 0);
      for (let c = 1; c <= lastColumn; c++) {
        const styled = fast.styleAt(c) !== undefined;
        const array = pending.size > 0 && c <= width ? pending.get(cellKey(r, c)) : undefined;
        if (c > width) fast.cell(c, null, undefined, styled);
        else if (array) fast.cell(c, undefined, array, styled);
        else if (contents) {
          const content = contents[c - 1];
          if (content === null || content === undefined || typeof content !== 'string')
            fast.cell(c, content, undefined, styled);
          else if (content.charCodeAt(0) === 39) fast.cell(c, content.slice(1), undefined, styled);
          else if (content.charCodeAt(0) === 61)
            fast.cell(c, d!.cached.get(cellKey(r, c)), formulaAt(content, r, c), styled);
          else fast.cell(c, { error: content }, undefined, styled);
        } else {
          const loose = looseAt[c];
          const v = loose ? looseValue(loose[r - 1]) : vs[c - hfFrom];
          const f = loose ? looseFormula(loose[r - 1]) : fs[c - hfFrom];
          fast.cell(c, v, f ? formulaAt(f, r, c) : undefined, styled);
        }
      }
      fast.end();
      continue;
    }
    fast.flush();
    let row: ExcelJS.Row | null = null;
    const cellAt = (c: number) => (row ??= ws.getRow(r)).getCell(c);
    if (r <= rows) {
      if (sheet.detached) writeDetachedRow(cellAt, sheet.detached, r, wb.locale, pending);
      else {
        const vs = values[r - chunkStart] ?? [];
        const fs = formulas[r - chunkStart] ?? [];
        for (let c = 1; c <= columns; c++) {
          const array = pending.size > 0 ? pending.get(cellKey(r, c)) : undefined;
          const loose = looseAt[c];
          const v = loose ? looseValue(loose[r - 1]) : vs[c - hfFrom];
          const f = loose ? looseFormula(loose[r - 1]) : fs[c - hfFrom];
          if ((v === null || v === undefined) && !f && !array) continue;
          const cell = cellAt(c);
          if (cell.type !== ExcelJS.ValueType.Merge)
            cell.value = array
              ? excelValue(undefined, array)
              : excelValue(v, f ? formulaAt(f, r, c) : undefined);
        }
      }
    }
    for (const [c, { style, note }] of rowStyles) {
      if (note !== undefined) cellAt(c).note = note;
      if (style) cellAt(c).style = style;
    }
    (row as ExcelJS.Row | null)?.commit();
  }
  fast.flush();
  writeConditionalFormats(ws as unknown as ExcelJS.Worksheet, sheet);

  const dvs = (ws as unknown as { dataValidations: unknown }).dataValidations as {
    model: Record<string, ExcelJS.DataValidation>;
  };
  for (const run of resolveRuns(sheet.validations, sheet.maxRows, sheet.maxColumns)) {
    const dv = toExcelValidation(run.value, notes, sheet.workbook.locale);
    if (!dv) continue;
    const a1 = `${columnLetters(run.rect.c1)}${run.rect.r1}`;
    const key = run.rect.r1 === run.rect.r2 ? a1 : `${a1}:${columnLetters(run.rect.c2)}${run.rect.r2}`;
    dvs.model[key] = dv;
  }
  ws.commit();
  return { uncalculated: pending.size > 0 };
}

/**
 * Marks the workbook for a full calculation when it is opened, `<calcPr fullCalcOnLoad="1"/>` (ECMA-376
 * Part 1, 18.2.2 calcPr: "whether the application shall perform a full calculation when the workbook is
 * opened"), for the array formulas saved without their results. ExcelJS's streaming writer writes its
 * calcPr with nothing but calcId: the workbook part gets the attribute on its way into the zip.
 */
function calculateOnLoad(book: StreamBook): void {
  const zip = (book as unknown as { zip: { append(source: unknown, data: { name: string }): unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, data) =>
    append(
      data.name === '/xl/workbook.xml' && typeof source === 'string'
        ? source.replace(/<calcPr\b([^>]*?)\s*\/>/, '<calcPr$1 fullCalcOnLoad="1"/>')
        : source,
      data
    );
}

function excelStyle(p: Record<string, unknown>): Partial<ExcelJS.Style> {
  const style: Partial<ExcelJS.Style> = {};
  if (p.numberFormat) style.numFmt = sheetsToExcelFormat(String(p.numberFormat));
  const font: Partial<ExcelJS.Font> = {};
  if (p.fontFamily) font.name = String(p.fontFamily);
  if (p.fontSize) font.size = Number(p.fontSize);
  if (p.fontWeight === 'bold') font.bold = true;
  if (p.fontStyle === 'italic') font.italic = true;
  const color = typeof p.fontColor === 'string' ? toArgb(p.fontColor) : undefined;
  if (color) font.color = { argb: color };
  if (Object.keys(font).length) style.font = font;
  const bg = typeof p.background === 'string' ? toArgb(p.background) : undefined;
  if (bg) style.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: bg } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (p.horizontalAlignment) alignment.horizontal = p.horizontalAlignment as ExcelJS.Alignment['horizontal'];
  if (p.verticalAlignment) alignment.vertical = p.verticalAlignment as ExcelJS.Alignment['vertical'];
  if (p.wrap) alignment.wrapText = true;
  if (Object.keys(alignment).length) style.alignment = alignment;
  const border = p.border as Record<string, boolean> | undefined;
  if (border && Object.keys(border).length) {
    style.border = Object.fromEntries(
      Object.keys(border).map((side) => [side, THIN])
    ) as Partial<ExcelJS.Borders>;
  }
  return style;
}

function toExcelValidation(
  rule: StandInDataValidation,
  notes: Set<string>,
  locale: string
): ExcelJS.DataValidation | null {
  const base = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    ...(rule.helpText ? { showInputMessage: true, prompt: rule.helpText } : {}),
  };
  const values = rule.values;
  switch (rule.criteria) {
    case 'NUMBER_BETWEEN':
      return {
        ...base,
        type: 'decimal',
        operator: 'between',
        formulae: [values[0], values[1]],
      } as ExcelJS.DataValidation;
    case 'CUSTOM_FORMULA':
      return {
        ...base,
        type: 'custom',
        formulae: [toExcelFormula(String(values[0]), locale).replace(/^=/, '')],
      } as ExcelJS.DataValidation;
    case 'CHECKBOX':
      return { ...base, type: 'list', formulae: ['"TRUE,FALSE"'] } as ExcelJS.DataValidation;
    case 'VALUE_IN_LIST': {
      const list = (values[0] as string[]).map(String);
      if (values[1] === false) notes.add('Hidden drop-down arrows of list validations are not kept.');
      const text = list.join(',');
      if (list.some((v) => v.includes(',') || v.includes('"')) || text.length > 255) {
        notes.add(
          'A list validation with commas, quotes or over 255 characters was dropped (Excel cannot hold it).'
        );
        return null;
      }
      return { ...base, type: 'list', formulae: [`"${text}"`] } as ExcelJS.DataValidation;
    }
  }
  return null;
}

/**
 * ExcelJS's shared-string table (utils/shared-strings.js) finds a string's index in a plain object
 * used as a dictionary: at ward scale (hundreds of thousands of distinct names and residences) that
 * was a second of the save. The same table with a Map: the same indices in the same order, the same
 * counts, so the same sharedStrings.xml.
 */
function indexSharedStringsByMap(book: StreamBook): void {
  const strings = (book as unknown as { sharedStrings?: { _values?: unknown; _totalRefs?: unknown } })
    .sharedStrings;
  if (!strings || !Array.isArray(strings._values) || typeof strings._totalRefs !== 'number') return;
  const table = strings as { _values: string[]; _totalRefs: number; add(value: string): number };
  const index = new Map<string, number>();
  table.add = function (value: string): number {
    // A property key is the value as a string (a rich text object is "[object Object]"): kept.
    const key = typeof value === 'string' ? value : String(value);
    let i = index.get(key);
    if (i === undefined) {
      i = this._values.length;
      index.set(key, i);
      this._values.push(value);
    }
    this._totalRefs++;
    return i;
  };
}

export async function saveXlsx(
  workbook: DocumentWorkbook,
  file: string,
  onProgress?: SheetProgress
): Promise<{ notes: string[] }> {
  hookExcelJs();
  const notes = new Set<string>();
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  // Fails here, before any work, when the folder is missing or not writable.
  await fs.promises.writeFile(tmp, '');
  const out = fs.createWriteStream(tmp);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  indexSharedStringsByMap(book);
  book.creator = CREATOR;
  book.lastModifiedBy = CREATOR;
  Object.assign(book, settingsToProperties({ locale: workbook.locale, timeZone: workbook.timeZone }));
  const sheets = workbook.sheetObjects();

  const names = workbook.namedRangeEntries().map((e) => ({
    name: e.name,
    ranges: [`${quoteSheet(e.sheet.name)}!${absA1(e.rect)}`],
  }));
  writeDefinedNames.set(book.definedNames, names);

  const count = (n: number, what: string, why: string) => {
    if (n > 0) notes.add(`${n} ${what} dropped (${why}).`);
  };
  const beyond = workbook.beyondTheDocument();
  count(beyond.developerMetadata, 'developer metadata entries', '.xlsx cannot hold developer metadata');
  count(beyond.protections, 'protections', '.xlsx cannot hold protection editors');
  count(beyond.charts, 'charts', 'charts are not written');
  count(beyond.documentProperties, 'document properties', '.xlsx cannot hold script properties');

  try {
    const pacer = zipPacer(book);
    let uncalculated = false;
    for (const [i, sheet] of sheets.entries()) {
      onProgress?.(i, sheets.length);
      if ((await writeSheet(book, sheet, notes, pacer.pause)).uncalculated) uncalculated = true;
      pacer.sheetDone();
      await pacer.pause();
    }
    if (uncalculated) calculateOnLoad(book);
    onProgress?.(sheets.length, sheets.length);
    await Promise.race([book.commit(), failed]);
    await new Promise<void>((resolve, reject) => {
      if (out.closed) resolve();
      else out.once('close', () => resolve()).once('error', reject);
    });
    await fs.promises.rename(tmp, file);
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    throw error;
  }
  return { notes: [...notes] };
}
