/**
 * .xlsx → stand-in workbook. ExcelJS reads the file (its worksheets' cells by the lean reader where it
 * can, zip-scan.ts); each sheet is copied out as soon as it is built; then the workbook is made, with the
 * sheets the formula engine does not need kept out of it (stand-in/document/detached.ts). What the
 * stand-in cannot hold is dropped with a one-line note.
 */
import * as fs from 'fs';
import * as ExcelJS from 'exceljs';
import { parseA1, type Rect } from '../document/a1';
import {
  cellKey,
  mayName,
  namesIn,
  readsOtherSheets,
  volatileOrFormatted,
  type DetachedContents,
} from '../document/detached';
import { StandInDataValidation } from '../document/rules';
import {
  DEFAULT_COLUMNS,
  DEFAULT_LOCALE,
  DEFAULT_ROWS,
  MAX_CELLS,
  type SheetSeed,
} from '../document/workbook';
// The one Google-layer module: a loaded file becomes the spreadsheet the bundle runs on. Everything
// loadXlsx reads or sets of it is the document's (stand-in/document/).
import { Workbook, type WorkbookOptions } from '../google/workbook';
import { inspectXlsx, OFFICE_BOOK_LIMITS, XlsxRefused, type XlsxLimits } from '../../shared/xlsx-guard';
import {
  localiseContents,
  localiseValidation,
  settingsFromProperties,
  type SpreadsheetSettings,
} from '../document/formula-syntax';
import {
  applyConditionalFormats,
  readConditionalFormats,
  type ConditionalFormatSpec,
} from './conditional-formats';
import {
  hookExcelJs,
  leanScans,
  readDefinedNames,
  readDimensions,
  sheetLoaded,
  sheetTotals,
  type RawDefinedName,
} from './exceljs-patches';
import { extractCells, type SheetCells } from './load-cells';
import { applyStyles, fromArgb, type PendingStyles } from './styles';
import { toValidation, type ExcelDv } from './validations';
import { leanZip } from './zip-scan';

/** The creator and last editor of every file tonghop saves: how a file is known as its own. */
export const CREATOR = 'tonghop stand-in';

/** Reports sheets done out of the total while loading or saving (the CLI's progress). */
export type SheetProgress = (done: number, total: number) => void;

function notAWorkbook(file: string, cause: unknown): Error {
  const error = new Error(`${file} is not a valid .xlsx workbook.`) as Error & {
    code: string;
    cause?: unknown;
  };
  error.code = 'NOT_A_WORKBOOK';
  error.cause = cause;
  return error;
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

/** "'Sheet'!$A$1:$B$2" → sheet name and rectangle. */
function parseRef(ref: string): { sheet: string; a1: string } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!(.+)$/.exec(ref.trim());
  return m ? { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), a1: m[3] } : null;
}

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

/**
 * Which sheets can stay out of the formula engine (stand-in/document/detached.ts): every formula of theirs is
 * self-contained with a cached result, and no formula of another sheet reads them, by name or through
 * a defined name.
 */
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

/**
 * What reading a .xlsx keeps for the stand-in, ExcelJS's model already freed: plain data (structured-clone
 * safe but for the validation rules, which `rehydrateParts` gives their class back), so that a worker
 * thread can read a unit's file and post it (unit-file-readers.ts).
 */
export interface XlsxParts {
  extracted: ExtractedSheet[];
  definedNames: RawDefinedName[];
  settings: SpreadsheetSettings;
  ours: boolean;
  notes: string[];
  /** Set by `prepareParts`: formulas in the locale's syntax, arrays taken out, which sheets stay detached. */
  prepared?: { locale: string; deferArrays: boolean; detach: boolean[] };
}

/**
 * Reads a .xlsx's parts, held to `limits`: a file beyond them throws XlsxRefused before anything large is
 * in memory.
 */
export async function readXlsxParts(
  file: string,
  limits: XlsxLimits = OFFICE_BOOK_LIMITS,
  onProgress?: SheetProgress
): Promise<XlsxParts> {
  hookExcelJs();
  await fs.promises.access(file, fs.constants.R_OK);
  const notes = new Set<string>();
  const read = await readBook(file, notes, limits, onProgress);
  return { ...read, notes: [...notes] };
}

/** Gives the parts' validation rules their class again after a structured clone dropped it. */
export function rehydrateParts(parts: XlsxParts): XlsxParts {
  for (const sheet of parts.extracted)
    for (const byRow of sheet.validations.values())
      for (const rule of byRow.values())
        if (!(rule instanceof StandInDataValidation))
          Object.setPrototypeOf(rule, StandInDataValidation.prototype);
  return parts;
}

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
  return workbookFromParts(await readXlsxParts(file, limits, onProgress), opts);
}

/**
 * The work on a file's parts that needs no workbook, done once: a worker thread does it before posting
 * them (unit-file-readers.ts). `locale` and `deferArrays` as the workbook will have them.
 */
export function prepareParts(
  parts: XlsxParts,
  { locale, deferArrays }: Pick<WorkbookOptions, 'locale' | 'deferArrays'> = {}
): XlsxParts {
  if (parts.prepared) return parts;
  // The locale and time zone the workbook was saved with; formulas from Excel's form into the locale's.
  const wanted = locale ?? parts.settings.locale ?? DEFAULT_LOCALE;
  for (const x of parts.extracted) localiseContents(x.seed.rows, wanted);
  // Array formulas wait outside the engine until something needs what they fill
  // (stand-in/document/pending.ts); their results in the file are not kept: HyperFormula computes them.
  const defer = deferArrays ?? true;
  if (defer) for (const x of parts.extracted) takeArrays(x);
  const detach = detachable(parts.extracted, parts.definedNames, parts.ours, defer);
  parts.prepared = { locale: wanted, deferArrays: defer, detach };
  return parts;
}

/** The stand-in workbook of a file's parts (read here or by a worker thread). */
export function workbookFromParts(
  parts: XlsxParts,
  opts: WorkbookOptions = {}
): { workbook: Workbook; notes: string[] } {
  const { extracted, definedNames, settings, notes: read } = parts;
  const notes = new Set(read);
  const options = { ...settings, ...opts };
  const { locale, deferArrays, detach } = prepareParts(parts, options).prepared!;
  // Parts a worker prepared were prepared for the file's own settings, which are the options here.
  if (locale !== (options.locale ?? locale) || deferArrays !== (options.deferArrays ?? true))
    throw new Error('stand-in: parts prepared for another locale or array setting');
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
