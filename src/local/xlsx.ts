/**
 * .xlsx load/save for the stand-in (ExcelJS). Loading is not USER_ENTERED: text that starts with '=' stays
 * text. What a .xlsx cannot hold is dropped with a one-line note.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import {
  applyConditionalFormats,
  readConditionalFormats,
  writeConditionalFormats,
  type ConditionalFormatSpec,
} from './xlsx-conditional';
import { DetailedCellError } from 'hyperformula';
import {
  columnLetters,
  isDateFormat,
  isMinuteToken,
  MAX_CELLS,
  parseA1,
  StandInDataValidation,
  utcDateToSerial,
  Workbook,
  DEFAULT_COLUMNS,
  DEFAULT_LOCALE,
  DEFAULT_ROWS,
  STYLE_KEYS,
  type CellStyle,
  type RawContent,
  type Rect,
  type SheetSeed,
  type StandInSheet,
  type WorkbookOptions,
} from './stand-in';
import type { RectStore } from './stand-in/rect-store';
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

function hookExcelJs(): void {
  if (hooked) return;
  hooked = true;
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
      set(this: object, value: { dimensions?: string; name?: string }) {
        setModel.call(this, value);
        if (typeof value.dimensions === 'string') readDimensions.set(this, value.dimensions);
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
export function sheetsToExcelFormat(format: string): string {
  if (!isDateFormat(format)) return format;
  return mapUnquoted(format, (s) => s.replace(/[DMYHS]/g, (c) => c.toLowerCase()));
}

/** Excel 'dd/mm/yyyy hh:mm' → Sheets 'dd/MM/yyyy HH:mm' (months upper case, minutes lower case). */
export function excelToSheetsFormat(format: string | undefined): string | undefined {
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

function cellContent(cell: ExcelJS.Cell): RawContent {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === '' ? null : `'${v}`;
  if (v instanceof Date) return utcDateToSerial(v);
  if (typeof v === 'object') {
    const f = cell.formula;
    if (f) return `=${f.replace(/_xlfn\.|_xlws\./g, '')}`;
    if ('error' in v && v.error) return String(v.error);
    if ('richText' in v && Array.isArray(v.richText)) return `'${v.richText.map((t) => t.text).join('')}`;
    if ('text' in v) {
      const t = v.text as unknown;
      const text =
        typeof t === 'string'
          ? t
          : Array.isArray((t as { richText?: unknown }).richText)
            ? (t as { richText: { text: string }[] }).richText.map((x) => x.text).join('')
            : '';
      return text ? `'${text}` : null;
    }
    if ('result' in v) return cellContentOfResult((v as { result?: unknown }).result);
  }
  return `'${String(v)}`;
}

function cellContentOfResult(result: unknown): RawContent {
  if (typeof result === 'number' || typeof result === 'boolean') return result;
  if (typeof result === 'string') return `'${result}`;
  return null;
}

interface PendingStyles {
  values: Map<keyof CellStyle, Map<number, Map<number, unknown>>>;
}

function noteStyle(p: PendingStyles, key: keyof CellStyle, row: number, col: number, value: unknown): void {
  let byCol = p.values.get(key);
  if (!byCol) p.values.set(key, (byCol = new Map()));
  let rows = byCol.get(col);
  if (!rows) byCol.set(col, (rows = new Map()));
  rows.set(row, value);
}

function readStyles(cell: ExcelJS.Cell, row: number, col: number, p: PendingStyles): void {
  const fmt = excelToSheetsFormat(cell.numFmt);
  if (fmt) noteStyle(p, 'numberFormat', row, col, fmt);
  const font = cell.font;
  if (font) {
    if (font.bold) noteStyle(p, 'fontWeight', row, col, 'bold');
    if (font.italic) noteStyle(p, 'fontStyle', row, col, 'italic');
    if (font.name && !DEFAULT_FONTS.has(font.name.toLowerCase()))
      noteStyle(p, 'fontFamily', row, col, font.name);
    if (font.size && !DEFAULT_SIZES.has(font.size)) noteStyle(p, 'fontSize', row, col, font.size);
    const color = fromArgb(font.color);
    if (color && color !== '#000000') noteStyle(p, 'fontColor', row, col, color);
  }
  const fill = cell.fill;
  if (fill && fill.type === 'pattern' && fill.pattern === 'solid') {
    const bg = fromArgb(fill.fgColor);
    if (bg) noteStyle(p, 'background', row, col, bg);
  }
  const al = cell.alignment;
  if (al) {
    if (al.horizontal && ['left', 'center', 'right'].includes(al.horizontal)) {
      noteStyle(p, 'horizontalAlignment', row, col, al.horizontal);
    }
    if (al.vertical && ['top', 'middle', 'bottom'].includes(al.vertical)) {
      noteStyle(p, 'verticalAlignment', row, col, al.vertical);
    }
    if (al.wrapText) noteStyle(p, 'wrap', row, col, true);
  }
  const note = cell.note;
  if (note) {
    const text =
      typeof note === 'string'
        ? note
        : (note.texts ?? []).map((t) => (typeof t === 'string' ? t : t.text)).join('');
    if (text) noteStyle(p, 'note', row, col, text);
  }
}

function applyStyles(sheet: StandInSheet, p: PendingStyles): void {
  for (const [key, byCol] of p.values) {
    const store = sheet.styles[key] as RectStore<unknown>;
    for (const [col, rows] of byCol) {
      const sorted = [...rows.keys()].sort((a, b) => a - b);
      let start = 0;
      for (let i = 1; i <= sorted.length; i++) {
        const same =
          i < sorted.length &&
          sorted[i] === sorted[i - 1] + 1 &&
          rows.get(sorted[i]) === rows.get(sorted[start]);
        if (!same) {
          store.set({ r1: sorted[start], c1: col, r2: sorted[i - 1], c2: col }, rows.get(sorted[start]));
          start = i;
        }
      }
    }
  }
}

interface ExtractedSheet {
  seed: SheetSeed;
  styles: PendingStyles;
  merges: Rect[];
  widths: Map<number, number>;
  frozenRows: number;
  tabColor: string | null;
  validations: Map<number, Map<number, StandInDataValidation>>;
  conditionalFormats: ConditionalFormatSpec[];
}

function extractSheet(ws: ExcelJS.Worksheet, ours: boolean, notes: Set<string>): ExtractedSheet {
  const rows: RawContent[][] = [];
  const styles: PendingStyles = { values: new Map() };
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
      if (content === null) return;
      out[c - 1] = content;
      usedCols = Math.max(usedCols, c);
      usedRows = Math.max(usedRows, r);
    });
    if (out.length) {
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
      rows[r - 1] = out;
    }
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
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
  for (const col of ws.columns ?? []) {
    if (col.width && col.number) widths.set(col.number, Math.round(col.width * 7));
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
    styles,
    merges,
    widths,
    frozenRows: frozen?.ySplit ?? 0,
    tabColor: fromArgb(ws.properties?.tabColor) ?? null,
    validations,
    conditionalFormats,
  };
}

type RawDefinedName = { name: string; ranges: string[]; localSheetId?: number };

/** Reads the file and copies out what the stand-in keeps, so ExcelJS's model can be freed early. */
async function readBook(
  file: string,
  notes: Set<string>
): Promise<{ extracted: ExtractedSheet[]; definedNames: RawDefinedName[]; settings: SpreadsheetSettings }> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.readFile(file);
  } catch (error) {
    throw notAWorkbook(file, error);
  }
  const worksheets = book.worksheets;
  if (worksheets.length === 0) throw notAWorkbook(file, new Error('no worksheets'));
  const ours = book.creator === CREATOR && book.lastModifiedBy === CREATOR;
  const extracted = worksheets.map((ws) => extractSheet(ws, ours, notes));
  const settings = ours ? settingsFromProperties(book) : {};
  return { extracted, definedNames: readDefinedNames.get(book.definedNames) ?? [], settings };
}

export async function loadXlsx(
  file: string,
  opts: WorkbookOptions = {}
): Promise<{ workbook: Workbook; notes: string[] }> {
  hookExcelJs();
  await fs.promises.access(file, fs.constants.R_OK);
  const notes = new Set<string>();
  const { extracted, definedNames, settings } = await readBook(file, notes);
  // The locale and time zone the workbook was saved with; formulas from Excel's form into the locale's.
  const options = { ...settings, ...opts };
  const locale = options.locale ?? DEFAULT_LOCALE;
  for (const x of extracted) localiseContents(x.seed.rows, locale);
  const workbook = new Workbook(
    { ...options, locale },
    extracted.map((x) => x.seed)
  );
  const sheets = workbook.sheetObjects();
  extracted.forEach((x, i) => {
    const sheet = sheets[i];
    applyStyles(sheet, x.styles);
    sheet.merges = x.merges;
    for (const [c, px] of x.widths) if (c <= sheet.maxColumns) sheet.columnWidths.set(c, px);
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
      workbook.setNamedRange(dn.name, sheet.rangeOf(rect));
    } catch {
      notes.add(`Defined name "${dn.name}" is not a valid Google Sheets range name and was dropped.`);
    }
  }
  if (workbook.cellCount() > MAX_CELLS) {
    notes.add(`The workbook has ${workbook.cellCount()} cells, above Google Sheets' limit of ${MAX_CELLS}.`);
  }
  workbook.resetCalls();
  return { workbook, notes: [...notes] };
}

// ---- save -------------------------------------------------------------------------------------------

function excelValue(v: unknown, formula: string | undefined): ExcelJS.CellValue {
  const result = (): ExcelJS.CellFormulaValue['result'] => {
    if (v instanceof DetailedCellError) return { error: v.value as ExcelJS.CellErrorValue['error'] };
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    return undefined;
  };
  if (formula) return { formula: formula.slice(1), result: result(), date1904: false };
  if (v instanceof DetailedCellError) return { error: v.value as ExcelJS.CellErrorValue['error'] };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}

const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };

function writeSheet(book: ExcelJS.Workbook, sheet: StandInSheet, notes: Set<string>): void {
  const wb = sheet.workbook;
  const ws = book.addWorksheet(`s${sheet.getIndex()}`);
  ws.name = sheet.name;
  if (sheet.name.length > 31 || /[*?:/\\[\]]/.test(sheet.name) || /^'|'$/.test(sheet.name)) {
    notes.add(
      `Sheet names longer than 31 characters are kept; Excel may ask to repair them (LibreOffice accepts them).`
    );
  }
  writeDimensions.set(ws, `A1:${columnLetters(sheet.maxColumns)}${sheet.maxRows}`);
  if (sheet.frozenRows > 0) ws.views = [{ state: 'frozen', ySplit: sheet.frozenRows, xSplit: 0 }];
  if (sheet.tabColor) {
    const argb = toArgb(sheet.tabColor);
    if (argb) ws.properties.tabColor = { argb };
  }
  for (const [c, px] of sheet.columnWidths) ws.getColumn(c).width = Math.round((px / 7) * 100) / 100;

  const hf = wb.evaluated();
  const { rows, columns } = sheet.contentExtent();
  if (rows > 0 && columns > 0) {
    const range = {
      start: { sheet: sheet.hfId, row: 0, col: 0 },
      end: { sheet: sheet.hfId, row: rows - 1, col: columns - 1 },
    };
    const values = hf.getRangeValues(range);
    const formulas = hf.getRangeFormulas(range);
    for (let r = 0; r < rows; r++) {
      let row: ExcelJS.Row | null = null;
      for (let c = 0; c < columns; c++) {
        const v = values[r][c];
        const f = formulas[r][c];
        if ((v === null || v === undefined) && !f) continue;
        row ??= ws.getRow(r + 1);
        row.getCell(c + 1).value = excelValue(v, f && toExcelFormula(f, wb.locale));
      }
    }
  }

  // Resolve every styled cell first, then give equal styles one shared object: ExcelJS caches style ids
  // per object, which keeps saving a 150,000-row sheet fast.
  const cellProps = new Map<number, Record<string, unknown>>();
  const propsAt = (r: number, c: number) => {
    const k = r * 20_000 + c;
    let p = cellProps.get(k);
    if (!p) cellProps.set(k, (p = {}));
    return p;
  };
  for (const key of STYLE_KEYS) {
    for (const run of resolveRuns(sheet.styles[key] as RectStore<unknown>, sheet.maxRows, sheet.maxColumns)) {
      for (let r = run.rect.r1; r <= run.rect.r2; r++) {
        if (key === 'note') ws.getCell(r, run.rect.c1).note = String(run.value);
        else propsAt(r, run.rect.c1)[key] = run.value;
      }
    }
  }
  for (const { rect, spec } of sheet.borders) {
    for (let r = rect.r1; r <= Math.min(rect.r2, sheet.maxRows); r++) {
      for (let c = rect.c1; c <= Math.min(rect.c2, sheet.maxColumns); c++) {
        const p = propsAt(r, c);
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
  }
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  for (const [k, p] of cellProps) {
    const signature = JSON.stringify(p);
    let style = shared.get(signature);
    if (!style) shared.set(signature, (style = excelStyle(p)));
    ws.getCell(Math.floor(k / 20_000), k % 20_000).style = style;
  }
  for (const m of sheet.merges) ws.mergeCellsWithoutStyle(m.r1, m.c1, m.r2, m.c2);

  writeConditionalFormats(ws, sheet);

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

export async function saveXlsx(workbook: Workbook, file: string): Promise<{ notes: string[] }> {
  hookExcelJs();
  const notes = new Set<string>();
  const book = new ExcelJS.Workbook();
  book.creator = CREATOR;
  book.lastModifiedBy = CREATOR;
  Object.assign(book, settingsToProperties({ locale: workbook.locale, timeZone: workbook.timeZone }));
  const sheets = workbook.sheetObjects();
  for (const sheet of sheets) writeSheet(book, sheet, notes);

  const names = workbook.namedRangeEntries().map((e) => ({
    name: e.name,
    ranges: [`${quoteSheet(e.sheet.name)}!${absA1(e.rect)}`],
  }));
  writeDefinedNames.set(book.definedNames, names);

  const count = (n: number, what: string, why: string) => {
    if (n > 0) notes.add(`${n} ${what} dropped (${why}).`);
  };
  count(
    sheets.reduce((n, s) => n + s.metadata.length, 0),
    'developer metadata entries',
    '.xlsx cannot hold developer metadata'
  );
  count(
    sheets.reduce((n, s) => n + s.protections.length, 0),
    'protections',
    '.xlsx cannot hold protection editors'
  );
  count(
    sheets.reduce((n, s) => n + s.charts.length, 0),
    'charts',
    'charts are not written'
  );
  count(workbook.documentProperties.size, 'document properties', '.xlsx cannot hold script properties');

  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await book.xlsx.writeFile(tmp);
    await fs.promises.rename(tmp, file);
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    throw error;
  }
  return { notes: [...notes] };
}
