/**
 * ExcelJS's reader and writer as tonghop needs them, patched on their prototypes once (hookExcelJs): the
 * grid size, full Google sheet names and whole-range defined names survive a round trip, worksheets are
 * copied out (and freed) as soon as they are built, the lean <sheetData> reader (sheet-data.ts) stands in
 * for ExcelJS's own, and the streaming writer writes what it would leave out. The state the patches share
 * with loading and saving is kept per ExcelJS object, in the WeakMaps below.
 */
import * as ExcelJS from 'exceljs';
import { PassThrough } from 'stream';
import { resolveScanned, type SheetCells, type SharedStringsModel, type StylesModel } from './load-cells';
import type { ScannedCells } from './sheet-data';

export type StreamBook = ExcelJS.stream.xlsx.WorkbookWriter;
export type RawDefinedName = { name: string; ranges: string[]; localSheetId?: number };

// ExcelJS drops the worksheet <dimension> on read, truncates sheet names to Excel's 31 characters and
// rebuilds defined names cell by cell. The hooks below keep the grid size, full Google sheet names and
// whole-range defined names.

/** A loaded worksheet's <dimension>, by ExcelJS worksheet. */
export const readDimensions = new WeakMap<object, string>();
/** A loaded workbook's defined names as the file has them, by ExcelJS DefinedNames. */
export const readDefinedNames = new WeakMap<object, RawDefinedName[]>();
/** The defined names a workbook being saved writes, instead of ExcelJS's cell-by-cell ones. */
export const writeDefinedNames = new WeakMap<object, { name: string; ranges: string[] }[]>();
let hooked = false;
/**
 * While a file loads, each worksheet is copied out as soon as ExcelJS has built it, and its cells are
 * freed: ExcelJS's object per cell for every sheet at once was the largest part of a run's memory
 * (a ward's master list alone is 1.6 million cells).
 */
export const sheetLoaded = new WeakMap<object, (ws: ExcelJS.Worksheet, resolved?: SheetCells) => void>();
/** How many worksheets the workbook being loaded has (set just before they are built). */
export const sheetTotals = new WeakMap<object, number>();
/** The <dimension> of the sheet the streaming writer is about to open (it writes none of its own). */
let nextDimension: string | null = null;

/** A worksheet of the streaming writer, with `dimension` (A1:Z1000) as its <dimension>. */
export function addWorksheetSized(
  book: StreamBook,
  name: string,
  options: Partial<ExcelJS.AddWorksheetOptions>,
  dimension: string
): ExcelJS.Worksheet {
  nextDimension = dimension;
  try {
    return book.addWorksheet(name, options);
  } finally {
    nextDimension = null;
  }
}

/** See hookStreamWriter. */
const STREAM_CHUNK_BYTES = 4 * 2 ** 20;

/**
 * ExcelJS's streaming writer leaves out <dimension> (the grid size tonghop's files keep) and rows
 * whose cells have a style but no value yet (a template awaiting rows): put both back.
 */
function hookStreamWriter(): void {
  const probe = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
  // A worksheet's XML goes to the zip in chunks of 4 MiB, not ExcelJS's 64 KiB: each chunk is a round trip
  // to zlib on the thread pool, answered only when this thread yields. A master list's 107 MB of XML was
  // 1,640 chunks, most of them deflated after the last row was written, this thread waiting (0.6 s).
  const bookProto = Object.getPrototypeOf(probe) as { _openStream?: (path: string) => { bufSize: number } };
  const openStream = bookProto._openStream;
  if (openStream) {
    bookProto._openStream = function (path) {
      const stream = openStream.call(this, path);
      if (/worksheets\/sheet\d+\.xml$/.test(path)) stream.bufSize = STREAM_CHUNK_BYTES;
      return stream;
    };
  }
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

/** The cells sheet-data.ts read, by worksheet path, for the ExcelJS workbook being loaded. */
export const leanScans = new WeakMap<object, Map<string, ScannedCells>>();
/** The parsed models of worksheets whose <sheetData> sheet-data.ts read, until they are reconciled. */
const scannedSheets = new WeakMap<object, ScannedCells>();
/** Their cells, resolved against the shared strings and styles, until the worksheet is built. */
const resolvedSheets = new WeakMap<object, SheetCells>();

/**
 * Each worksheet's <sheetData> goes to sheet-data.ts when it can read it (zip-scan.ts: leanZip), and
 * ExcelJS parses the rest of the sheet (columns, merges, validations, conditional formats, views) as
 * before. Its cells are resolved against the shared strings and styles just before ExcelJS reconciles
 * the workbook.
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

export function hookExcelJs(): void {
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
      get: getModel,
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
      set(this: object, value: RawDefinedName[]) {
        readDefinedNames.set(this, value);
        setDn.call(this, value);
      },
    });
  }
}

/**
 * Marks the workbook for a full calculation when it is opened, `<calcPr fullCalcOnLoad="1"/>` (ECMA-376
 * Part 1, 18.2.2 calcPr: "whether the application shall perform a full calculation when the workbook is
 * opened"), for the array formulas saved without their results. ExcelJS's streaming writer writes its
 * calcPr with nothing but calcId: the workbook part gets the attribute on its way into the zip.
 * Enough, rather than computing them: no reader shows a wrong result, only a missing one, which Excel
 * computes (this flag), LibreOffice too (it computes any formula saved without a result, whatever its
 * settings) and Google Sheets (it computes every formula it imports). The README's "Array formulas in
 * .xlsx" has the measurements that made computing them at save time too slow.
 */
export function calculateOnLoad(book: StreamBook): void {
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

/**
 * ExcelJS's shared-string table (utils/shared-strings.js) finds a string's index in a plain object
 * used as a dictionary: at ward scale (hundreds of thousands of distinct names and residences) that
 * was a second of the save. The same table with a Map: the same indices in the same order, the same
 * counts, so the same sharedStrings.xml.
 */
export function indexSharedStringsByMap(book: StreamBook): void {
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
