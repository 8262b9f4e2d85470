/** A sheet: grid size, formats and rules; cell contents live in the workbook's HyperFormula sheet. */
import { DetailedCellError } from 'hyperformula';
import type {
  ConditionalFormatRule,
  DeveloperMetadata,
  DeveloperMetadataVisibility,
  EmbeddedChart,
  EmbeddedChartBuilder,
  NamedRange,
  ProtectionType,
} from '../../gas/apps-script';
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type {
  InspectedRange as Range,
  InspectedSheet as Sheet,
  InspectedSpreadsheet as Spreadsheet,
} from './inspection';
import { containsCell, intersects, parseA1, Rect, shiftForDelete, shiftForInsert } from './a1';
import {
  StandInChart,
  StandInChartBuilder,
  StandInConditionalFormatRule,
  StandInDataValidation,
} from './builders';
import { serialToDate } from './dates';
import { detachedExtent, detachedFormulas, detachedValues, type DetachedContents } from './detached';
import { definedRuns, LOOSE_MIN_ROWS, looseContent, looseFormula, looseValue } from './loose';
import { METADATA_CHARS_PER_LOCATION, StandInDeveloperMetadata } from './metadata';
import { AUTOMATIC_FORMAT, displayValue, isAutomatic, isDateFormat } from './number-format';
import { StandInProtection } from './protection';
import { StandInRange } from './range';
import { RectStore } from './rect-store';
import { DATE_FORMAT, DATE_TIME_FORMAT, enteredFormula, parseUserEntered, RawContent } from './user-entered';
import type { Workbook } from './workbook';

export interface BorderSpec {
  top: boolean | null;
  left: boolean | null;
  bottom: boolean | null;
  right: boolean | null;
  vertical: boolean | null;
  horizontal: boolean | null;
}

/** Per-cell formatting as the tests can inspect it; absent = Sheets' default. */
export interface CellStyle {
  numberFormat?: string;
  fontFamily?: string;
  fontSize?: number;
  fontWeight?: string;
  fontStyle?: string;
  fontColor?: string;
  background?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  wrap?: boolean;
  note?: string;
}

export type StyleKey = keyof CellStyle;
export const STYLE_KEYS: StyleKey[] = [
  'numberFormat',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'fontColor',
  'background',
  'horizontalAlignment',
  'verticalAlignment',
  'wrap',
  'note',
];

type StyleStores = { [K in StyleKey]-?: RectStore<NonNullable<CellStyle[K]>> };

const DEFAULT_COLUMN_WIDTH = 100;

const HF_TYPE_FORMATS: Record<string, string> = {
  NUMBER_DATE: DATE_FORMAT,
  NUMBER_DATETIME: DATE_TIME_FORMAT,
  NUMBER_TIME: 'HH:mm:ss',
  NUMBER_PERCENT: '0%',
};

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

function checkInteger(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`Invalid argument: ${what}`);
  return Math.floor(n);
}

export class StandInSheet implements Sheet {
  readonly styles: StyleStores = {
    numberFormat: new RectStore(),
    fontFamily: new RectStore(),
    fontSize: new RectStore(),
    fontWeight: new RectStore(),
    fontStyle: new RectStore(),
    fontColor: new RectStore(),
    background: new RectStore(),
    horizontalAlignment: new RectStore(),
    verticalAlignment: new RectStore(),
    wrap: new RectStore(),
    note: new RectStore(),
  };
  readonly validations = new RectStore<StandInDataValidation>();
  /** setBorder calls in order (borders are recorded, not resolved per edge). */
  borders: { rect: Rect; spec: BorderSpec }[] = [];
  merges: Rect[] = [];
  protections: StandInProtection[] = [];
  metadata: StandInDeveloperMetadata[] = [];
  hidden = false;
  frozenRows = 0;
  readonly columnWidths = new Map<number, number>();
  tabColor: string | null = null;
  conditionalFormatRules: StandInConditionalFormatRule[] = [];
  charts: StandInChart[] = [];
  private extent: { rows: number; columns: number } | null = null;
  /** Contents kept out of HyperFormula until the first write (see detached.ts); null once attached. */
  detached: DetachedContents | null = null;
  /**
   * Loose columns (loose.ts): 1-based column → contents by 0-based row, undefined where HyperFormula
   * holds the cell. A defined entry's cell is empty in HyperFormula.
   */
  loose = new Map<number, (RawContent | undefined)[]>();

  constructor(
    readonly workbook: Workbook,
    /** Renumbered when a change of locale rebuilds HyperFormula. */
    public hfId: number,
    readonly sheetId: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number
  ) {}

  // ---- internal helpers -------------------------------------------------------------------------

  rangeOf(rect: Rect): StandInRange {
    return new StandInRange(this, rect);
  }

  wholeRange(): StandInRange {
    return this.rangeOf({ r1: 1, c1: 1, r2: this.maxRows, c2: this.maxColumns });
  }

  checkRect(rect: Rect): void {
    if (rect.r1 < 1) throw new Error('The starting row of the range is too small.');
    if (rect.c1 < 1) throw new Error('The starting column of the range is too small.');
    if (rect.r2 > this.maxRows || rect.c2 > this.maxColumns) throw new Error(OUTSIDE);
  }

  /** Throws when the acting user may not edit `rect` (null: the sheet itself, e.g. renaming it). */
  guard(rect: Rect | null): void {
    this.workbook.guardEdit(this, rect);
  }

  /** Moves detached contents into HyperFormula, before anything changes the sheet. */
  attach(): void {
    const d = this.detached;
    if (!d) return;
    this.detached = null;
    this.workbook.beginWrite();
    this.workbook.hf.setCellContents({ sheet: this.hfId, row: 0, col: 0 }, d.rows);
    this.workbook.noteFormulas(this, d.rows);
  }

  /** Moves the loose columns `which` selects into HyperFormula (a formula is about to read them). */
  attachLoose(which: (column: number) => boolean = () => true): void {
    for (const [column, contents] of [...this.loose]) {
      if (!which(column)) continue;
      this.loose.delete(column);
      this.workbook.beginWrite();
      for (const run of definedRuns(contents)) {
        this.workbook.hf.setCellContents(
          { sheet: this.hfId, row: run.start, col: column - 1 },
          run.values.map((v) => [v])
        );
      }
    }
  }

  /** HyperFormula owns the cells of `rect` from now on: loose entries there are dropped. */
  private dropLoose(rect: Rect): void {
    for (const [column, contents] of this.loose) {
      if (column < rect.c1 || column > rect.c2) continue;
      const end = Math.min(rect.r2, contents.length);
      for (let r = rect.r1 - 1; r < end; r++) contents[r] = undefined;
      if (rect.r2 >= contents.length) {
        let n = Math.min(contents.length, rect.r1 - 1);
        while (n > 0 && contents[n - 1] === undefined) n--;
        contents.length = n;
      }
      if (contents.length === 0) this.loose.delete(column);
    }
  }

  /** Puts loose contents over HyperFormula's values of a block starting at (row, column), 1-based. */
  overlayLoose(values: unknown[][], row: number, column: number): void {
    for (const [c, contents] of this.loose) {
      const j = c - column;
      if (j < 0) continue;
      const end = Math.min(values.length, contents.length - row + 1);
      for (let i = Math.max(0, 1 - row); i < end; i++) {
        const v = contents[row - 1 + i];
        if (v !== undefined && j < values[i].length) values[i][j] = looseValue(v);
      }
    }
  }

  /** Puts loose link formulas over HyperFormula's formulas of a block at (row, column), 1-based. */
  overlayLooseFormulas(formulas: (string | undefined)[][], row: number, column: number): void {
    for (const [c, contents] of this.loose) {
      const j = c - column;
      if (j < 0) continue;
      const end = Math.min(formulas.length, contents.length - row + 1);
      for (let i = Math.max(0, 1 - row); i < end; i++) {
        const f = looseFormula(contents[row - 1 + i]);
        if (f !== undefined && j < formulas[i].length) formulas[i][j] = f;
      }
    }
  }

  private hfColumnEmpty(column: number, r1: number, r2: number): boolean {
    const hf = this.workbook.hf;
    const { width, height } = hf.getSheetDimensions(this.hfId);
    if (column > width) return true;
    for (let r = r1; r <= Math.min(r2, height); r++)
      if (!hf.isCellEmpty({ sheet: this.hfId, row: r - 1, col: column - 1 })) return false;
    return true;
  }

  /**
   * Writes contents: bulk plain columns that no formula reads stay loose, the rest goes to
   * HyperFormula in runs of adjacent columns.
   */
  private storeContents(rect: Rect, contents: RawContent[][]): void {
    const wb = this.workbook;
    const rows = rect.r2 - rect.r1 + 1;
    const looseColumns = new Set<number>();
    const separator = wb.argumentSeparator();
    if (rows >= LOOSE_MIN_ROWS) {
      for (let c = rect.c1; c <= rect.c2; c++) {
        const j = c - rect.c1;
        if (wb.isRead(this, c)) continue;
        let plain = true;
        for (let i = 0; i < rows && plain; i++) plain = looseContent(contents[i][j], separator);
        if (plain && this.hfColumnEmpty(c, rect.r1, rect.r2)) looseColumns.add(c);
      }
    }
    if (looseColumns.size === 0) {
      this.dropLoose(rect);
      wb.hf.setCellContents({ sheet: this.hfId, row: rect.r1 - 1, col: rect.c1 - 1 }, contents);
      return;
    }
    let start = -1;
    for (let c = rect.c1; c <= rect.c2 + 1; c++) {
      const toHf = c <= rect.c2 && !looseColumns.has(c);
      if (toHf && start < 0) start = c;
      if (!toHf && start >= 0) {
        const [a, b] = [start - rect.c1, c - rect.c1];
        this.dropLoose({ r1: rect.r1, c1: start, r2: rect.r2, c2: c - 1 });
        wb.hf.setCellContents(
          { sheet: this.hfId, row: rect.r1 - 1, col: start - 1 },
          contents.map((row) => row.slice(a, b))
        );
        start = -1;
      }
      if (c <= rect.c2 && looseColumns.has(c)) {
        const column = this.loose.get(c) ?? [];
        const j = c - rect.c1;
        for (let r = column.length; r < rect.r1 - 1; r++) column[r] = undefined;
        for (let i = 0; i < rows; i++) column[rect.r1 - 1 + i] = contents[i][j];
        this.loose.set(c, column);
      }
    }
  }

  /**
   * insertSheet(name, index, { template }): Google's reference says only that "all data from the template
   * sheet object is copied". Copied here: contents (formulas as they are, same cells), formats, notes,
   * borders, merges, data validation, conditional format rules (re-aimed at the new sheet), column widths,
   * frozen rows, grid size, tab colour, and the hidden flag (a copy of a hidden template comes out hidden:
   * labnol/code#1, "when new sheets are created [from a hidden template] this makes sure they aren't
   * hidden"). Not copied, the stricter reading where no source says: protections, developer metadata,
   * named ranges, charts.
   */
  copyFrom(template: StandInSheet): void {
    const wb = this.workbook;
    template.attach();
    template.attachLoose();
    this.maxRows = template.maxRows;
    this.maxColumns = template.maxColumns;
    const raw = wb.evaluated().getSheetSerialized(template.hfId) as RawContent[][];
    const width = raw.reduce((w, row) => Math.max(w, row.length), 0);
    if (raw.length > 0 && width > 0) {
      const contents = raw.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? null));
      this.touched();
      wb.attachReadBy(contents);
      wb.noteFormulas(this, contents);
      this.storeContents({ r1: 1, c1: 1, r2: contents.length, c2: width }, contents);
    }
    for (const key of STYLE_KEYS) {
      const store = this.styles[key] as RectStore<unknown>;
      store.ops = (template.styles[key] as RectStore<unknown>).ops.map((op) => ({
        rect: { ...op.rect },
        value: op.value,
      }));
    }
    this.validations.ops = template.validations.ops.map((op) => ({ rect: { ...op.rect }, value: op.value }));
    this.borders = template.borders.map((b) => ({ rect: { ...b.rect }, spec: b.spec }));
    this.merges = template.merges.map((m) => ({ ...m }));
    this.frozenRows = template.frozenRows;
    for (const [column, width] of template.columnWidths) this.columnWidths.set(column, width);
    this.tabColor = template.tabColor;
    this.hidden = template.hidden;
    this.conditionalFormatRules = template.conditionalFormatRules.map(
      (rule) =>
        new StandInConditionalFormatRule(
          rule.condition,
          rule.values,
          rule.background,
          rule.fontColor,
          rule.ranges.map((range) => this.rangeOf((range as StandInRange).rect))
        )
    );
  }

  /** Cells of the sheet that hold a value or a formula (what a copy of it writes). */
  filledCells(): number {
    this.attach();
    this.attachLoose();
    const raw = this.workbook.evaluated().getSheetSerialized(this.hfId);
    let n = 0;
    for (const row of raw)
      for (const cell of row) if (cell !== null && cell !== undefined && cell !== '') n++;
    return n;
  }

  touched(): void {
    this.attach();
    this.extent = null;
    this.workbook.beginWrite();
  }

  /** Rows and columns that hold content (values or formulas). */
  contentExtent(): { rows: number; columns: number } {
    if (this.extent) return this.extent;
    if (this.detached) return (this.extent = detachedExtent(this.detached));
    const hf = this.workbook.evaluated();
    const { width, height } = hf.getSheetDimensions(this.hfId);
    const empty = (row: number, col: number) => hf.isCellEmpty({ sheet: this.hfId, row, col });
    let rows = 0;
    for (let r = height - 1; r >= 0 && rows === 0; r--) {
      for (let c = 0; c < width; c++) {
        if (!empty(r, c)) {
          rows = r + 1;
          break;
        }
      }
    }
    let columns = 0;
    for (let c = width - 1; c >= 0 && columns === 0; c--) {
      for (let r = 0; r < rows; r++) {
        if (!empty(r, c)) {
          columns = c + 1;
          break;
        }
      }
    }
    for (const [c, contents] of this.loose) {
      for (let r = contents.length - 1; r >= 0; r--) {
        const v = contents[r];
        if (v !== undefined && v !== null) {
          rows = Math.max(rows, r + 1);
          columns = Math.max(columns, c);
          break;
        }
      }
    }
    this.extent = { rows, columns };
    return this.extent;
  }

  /** The format that decides how a number shows: the cell's own, else what Sheets infers for it. */
  private inferredFormat(row: number, column: number): string | undefined {
    // Detached sheets hold plain numbers and formulas that infer no format (detached.ts).
    if (this.detached) return undefined;
    const type = this.workbook.hf.getCellValueDetailedType({
      sheet: this.hfId,
      row: row - 1,
      col: column - 1,
    });
    return HF_TYPE_FORMATS[type];
  }

  /** Values as getValues (mode 'values') or getDisplayValues ('display') return them. */
  readCells(rect: Rect, mode: 'values' | 'display'): unknown[][] {
    const wb = this.workbook;
    const raw = this.detached
      ? detachedValues(this.detached, rect.r1, rect.c1, rect.r2, rect.c2)
      : wb.evaluated().getRangeValues({
          start: { sheet: this.hfId, row: rect.r1 - 1, col: rect.c1 - 1 },
          end: { sheet: this.hfId, row: rect.r2 - 1, col: rect.c2 - 1 },
        });
    if (this.loose.size > 0) this.overlayLoose(raw, rect.r1, rect.c1);
    const formatAt = this.styles.numberFormat.lookupWithin(rect);
    const out: unknown[][] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const src = raw[i];
      const row: unknown[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) {
        const v = src[j];
        if (v === null || v === undefined) row[j] = '';
        else if (v instanceof DetailedCellError) row[j] = v.value;
        else if (typeof v === 'number') {
          let f = formatAt?.(rect.r1 + i, rect.c1 + j);
          if (isAutomatic(f)) f = this.inferredFormat(rect.r1 + i, rect.c1 + j) ?? f;
          if (mode === 'display') row[j] = displayValue(v, f, wb.locale);
          else row[j] = isDateFormat(f) ? serialToDate(v, wb.timeZone) : v;
        } else if (mode === 'display') {
          row[j] = displayValue(v, formatAt?.(rect.r1 + i, rect.c1 + j), wb.locale);
        } else row[j] = v;
      }
      out[i] = row;
    }
    return out;
  }

  readFormulas(rect: Rect): string[][] {
    if (this.detached) return detachedFormulas(this.detached, rect.r1, rect.c1, rect.r2, rect.c2);
    const hf = this.workbook.evaluated();
    const raw = hf.getRangeFormulas({
      start: { sheet: this.hfId, row: rect.r1 - 1, col: rect.c1 - 1 },
      end: { sheet: this.hfId, row: rect.r2 - 1, col: rect.c2 - 1 },
    });
    if (this.loose.size > 0) this.overlayLooseFormulas(raw, rect.r1, rect.c1);
    return raw.map((row) => row.map((f) => f ?? ''));
  }

  readNumberFormats(rect: Rect): string[][] {
    this.workbook.evaluated();
    const formatAt = this.styles.numberFormat.lookupWithin(rect);
    const out: string[][] = [];
    for (let r = rect.r1; r <= rect.r2; r++) {
      const row: string[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) {
        row.push(formatAt?.(r, c) ?? this.inferredFormat(r, c) ?? AUTOMATIC_FORMAT);
      }
      out.push(row);
    }
    return out;
  }

  /** Writes a grid of user-entered values (or formulas) with Sheets' parsing and automatic formats. */
  writeCells(rect: Rect, values: unknown[][], formulas: boolean): void {
    const wb = this.workbook;
    const ctx = wb.entryContext();
    const formatAt = this.styles.numberFormat.lookupWithin(rect);
    const contents: RawContent[][] = new Array(values.length);
    let autoFormats: (string | undefined)[][] | null = null;
    for (let i = 0; i < values.length; i++) {
      const src = values[i];
      const row: RawContent[] = new Array(src.length);
      for (let j = 0; j < src.length; j++) {
        const v = src[j];
        const existing = formatAt?.(rect.r1 + i, rect.c1 + j);
        if (formulas && typeof v === 'string' && v.startsWith('=')) {
          row[j] = v.length > 1 ? enteredFormula(v, ctx.locale) : null;
          continue;
        }
        const parsed = parseUserEntered(v, existing, ctx);
        row[j] = parsed.content;
        if (parsed.autoFormat && isAutomatic(existing)) {
          if (!autoFormats) autoFormats = values.map((r) => new Array<string | undefined>(r.length));
          autoFormats[i][j] = parsed.autoFormat;
        }
      }
      contents[i] = row;
    }
    this.touched();
    wb.attachReadBy(contents);
    wb.noteFormulas(this, contents);
    this.storeContents(rect, contents);
    if (autoFormats) this.styles.numberFormat.setGrid(rect.r1, rect.c1, autoFormats, (a, b) => a === b, true);
  }

  /** Empties the cells of `rect` (only the part HyperFormula actually holds). */
  clearCells(rect: Rect): void {
    this.attach();
    if (this.loose.size > 0) {
      this.extent = null;
      this.dropLoose(rect);
    }
    const { width, height } = this.workbook.hf.getSheetDimensions(this.hfId);
    const r2 = Math.min(rect.r2, height);
    const c2 = Math.min(rect.c2, width);
    if (r2 < rect.r1 || c2 < rect.c1) return;
    this.touched();
    const empty: null[][] = [];
    for (let r = rect.r1; r <= r2; r++) empty.push(new Array<null>(c2 - rect.c1 + 1).fill(null));
    this.workbook.hf.setCellContents({ sheet: this.hfId, row: rect.r1 - 1, col: rect.c1 - 1 }, empty);
  }

  clearFormats(rect: Rect): void {
    for (const key of STYLE_KEYS) if (key !== 'note') this.styles[key].set(rect, undefined);
    this.borders = this.borders.filter((b) => !intersects(b.rect, rect));
  }

  checkMetadataRoom(extra: number): void {
    const used = this.metadata.reduce((n, m) => n + m.key.length + (m.value?.length ?? 0), 0);
    if (used + extra > METADATA_CHARS_PER_LOCATION) {
      throw new Error(
        `Adding this developer metadata would exceed the ${METADATA_CHARS_PER_LOCATION} character limit for the sheet.`
      );
    }
  }

  /** Inspection: the formatting of one cell. */
  styleAt(row: number, column: number): CellStyle {
    const style: CellStyle = {};
    for (const key of STYLE_KEYS) {
      const v = this.styles[key].get(row, column);
      if (v !== undefined) (style as Record<string, unknown>)[key] = v;
    }
    return style;
  }

  /** Inspection: the validation rule of one cell. */
  validationAt(row: number, column: number): StandInDataValidation | null {
    return this.validations.get(row, column) ?? null;
  }

  /** Inspection: merged areas in A1 notation. */
  mergedRanges(): StandInRange[] {
    return this.merges.map((m) => this.rangeOf(m));
  }

  mergeAt(row: number, column: number): Rect | undefined {
    return this.merges.find((m) => containsCell(m, row, column));
  }

  private shiftAll(axis: 'row' | 'column', at: number, count: number, insert: boolean): void {
    for (const key of STYLE_KEYS) {
      if (insert) this.styles[key].insert(axis, at, count, true);
      else this.styles[key].remove(axis, at, count);
    }
    if (insert) this.validations.insert(axis, at, count, true);
    else this.validations.remove(axis, at, count);
    const move = (r: Rect): Rect | null =>
      insert ? shiftForInsert(r, axis, at, count) : shiftForDelete(r, axis, at, count);
    this.merges = this.merges.map(move).filter((r): r is Rect => r !== null);
    this.borders = this.borders.flatMap((b) => {
      const rect = move(b.rect);
      return rect ? [{ rect, spec: b.spec }] : [];
    });
    for (const p of [...this.protections]) {
      if (!p.rect) continue;
      const rect = move(p.rect);
      if (rect) p.rect = rect;
      else this.protections = this.protections.filter((x) => x !== p);
    }
    this.workbook.shiftNamedRanges(this, move);
    if (axis === 'column') {
      const widths = [...this.columnWidths];
      this.columnWidths.clear();
      for (const [c, w] of widths) {
        if (c < at) this.columnWidths.set(c, w);
        else if (insert) this.columnWidths.set(c + count, w);
        else if (c >= at + count) this.columnWidths.set(c - count, w);
      }
    }
  }

  // ---- Sheet --------------------------------------------------------------------------------------

  getName(): string {
    return this.name;
  }
  setName(name: string): Sheet {
    const wb = this.workbook;
    wb.count('writes');
    this.guard(null);
    const next = wb.checkSheetName(name, this);
    if (next !== this.name) wb.hf.renameSheet(this.hfId, next);
    this.name = next;
    return this;
  }
  getSheetId(): number {
    return this.sheetId;
  }
  getIndex(): number {
    return this.workbook.sheetObjects().indexOf(this) + 1;
  }
  getParent(): Spreadsheet {
    return this.workbook;
  }
  getRange(a1Notation: string): Range;
  getRange(row: number, column: number): Range;
  getRange(row: number, column: number, numRows: number, numColumns: number): Range;
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string') {
      if (a.includes('!')) throw new Error('Range not found');
      const rect = parseA1(a, this.maxRows, this.maxColumns);
      if (!rect) throw new Error('Range not found');
      this.checkRect(rect);
      return this.rangeOf(rect);
    }
    const row = checkInteger(a, 'row');
    const col = checkInteger(column, 'column');
    const rows = numRows === undefined ? 1 : checkInteger(numRows, 'numRows');
    const cols = numColumns === undefined ? 1 : checkInteger(numColumns, 'numColumns');
    if (rows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (cols < 1) throw new Error('The number of columns in the range must be at least 1.');
    const rect = { r1: row, c1: col, r2: row + rows - 1, c2: col + cols - 1 };
    this.checkRect(rect);
    return this.rangeOf(rect);
  }
  getDataRange(): Range {
    const { rows, columns } = this.contentExtent();
    return this.rangeOf({ r1: 1, c1: 1, r2: Math.max(1, rows), c2: Math.max(1, columns) });
  }
  getLastRow(): number {
    this.workbook.count('other');
    return this.contentExtent().rows;
  }
  getLastColumn(): number {
    this.workbook.count('other');
    return this.contentExtent().columns;
  }
  getMaxRows(): number {
    this.workbook.count('other');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.workbook.count('other');
    return this.maxColumns;
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    const wb = this.workbook;
    wb.count('writes');
    const after = checkInteger(afterPosition, 'afterPosition');
    const n = checkInteger(howMany, 'howMany');
    if (after < 1 || after > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (n < 1) throw new Error('Invalid argument: howMany');
    // Inserting inside a protected area edits it; inserting below it does not.
    this.guard({ r1: after, c1: 1, r2: Math.min(after + 1, this.maxRows), c2: this.maxColumns });
    if (after < this.maxRows) this.guard({ r1: after + 1, c1: 1, r2: after + 1, c2: this.maxColumns });
    wb.checkCellLimit(n * this.maxColumns);
    this.touched();
    const { height } = wb.hf.getSheetDimensions(this.hfId);
    if (after < height) wb.hf.addRows(this.hfId, [after, n]);
    for (const contents of this.loose.values())
      if (after < contents.length) {
        const tail = contents.splice(after);
        contents.length = after + n;
        for (const v of tail) contents.push(v);
      }
    this.maxRows += n;
    this.shiftAll('row', after + 1, n, true);
    return this;
  }
  /** As insertRowsAfter: the new columns take the formats of the one before (Sheets' "inherit from before"). */
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    const wb = this.workbook;
    wb.count('writes');
    const after = checkInteger(afterPosition, 'afterPosition');
    const n = checkInteger(howMany, 'howMany');
    if (after < 1 || after > this.maxColumns) throw new Error('Those columns are out of bounds.');
    if (n < 1) throw new Error('Invalid argument: howMany');
    this.guard({ r1: 1, c1: after, r2: this.maxRows, c2: Math.min(after + 1, this.maxColumns) });
    wb.checkCellLimit(n * this.maxRows);
    this.touched();
    // Loose columns would move, and what formulas read with them: into HyperFormula first.
    this.attachLoose();
    wb.readsAllOf(this);
    const { width } = wb.hf.getSheetDimensions(this.hfId);
    if (after < width) wb.hf.addColumns(this.hfId, [after, n]);
    this.maxColumns += n;
    this.shiftAll('column', after + 1, n, true);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): void {
    const wb = this.workbook;
    wb.count('writes');
    const at = checkInteger(rowPosition, 'rowPosition');
    const n = checkInteger(howMany, 'howMany');
    if (at < 1 || n < 1 || at + n - 1 > this.maxRows) throw new Error('Those rows are out of bounds.');
    if (n >= this.maxRows - this.frozenRows) {
      throw new Error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.guard({ r1: at, c1: 1, r2: at + n - 1, c2: this.maxColumns });
    this.touched();
    const { height } = wb.hf.getSheetDimensions(this.hfId);
    if (at - 1 < height) wb.hf.removeRows(this.hfId, [at - 1, Math.min(n, height - at + 1)]);
    for (const contents of this.loose.values()) if (at - 1 < contents.length) contents.splice(at - 1, n);
    this.maxRows -= n;
    this.shiftAll('row', at, n, false);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const wb = this.workbook;
    wb.count('writes');
    const at = checkInteger(columnPosition, 'columnPosition');
    const n = checkInteger(howMany, 'howMany');
    if (at < 1 || n < 1 || at + n - 1 > this.maxColumns) throw new Error('Those columns are out of bounds.');
    if (n >= this.maxColumns) throw new Error('Sorry, it is not possible to delete all columns.');
    this.guard({ r1: 1, c1: at, r2: this.maxRows, c2: at + n - 1 });
    this.touched();
    // Loose columns would move, and what formulas read with them: into HyperFormula first.
    this.attachLoose();
    wb.readsAllOf(this);
    const { width } = wb.hf.getSheetDimensions(this.hfId);
    if (at - 1 < width) wb.hf.removeColumns(this.hfId, [at - 1, Math.min(n, width - at + 1)]);
    this.maxColumns -= n;
    this.shiftAll('column', at, n, false);
  }
  getFrozenRows(): number {
    this.workbook.count('other');
    return this.frozenRows;
  }
  setFrozenRows(rows: number): void {
    this.workbook.count('writes');
    const n = checkInteger(rows, 'rows');
    if (n < 0 || n >= this.maxRows) throw new Error('Invalid argument: rows');
    this.guard(null);
    this.frozenRows = n;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.workbook.count('writes');
    const c = checkInteger(columnPosition, 'columnPosition');
    if (c < 1 || c > this.maxColumns) throw new Error(OUTSIDE);
    this.guard(null);
    this.columnWidths.set(c, checkInteger(width, 'width'));
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    this.workbook.count('other');
    return this.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  setTabColor(color: string | null): Sheet {
    this.workbook.count('writes');
    this.tabColor = color;
    return this;
  }
  clear(): Sheet {
    this.workbook.count('writes');
    const all = { r1: 1, c1: 1, r2: this.maxRows, c2: this.maxColumns };
    this.guard(all);
    this.clearCells(all);
    this.clearFormats(all);
    return this;
  }
  clearConditionalFormatRules(): void {
    this.workbook.count('writes');
    this.conditionalFormatRules = [];
  }
  protect(): StandInProtection {
    const wb = this.workbook;
    wb.count('writes');
    const existing = this.protections.find((p) => p.rect === null);
    if (existing) return existing;
    this.guard(null);
    const p = new StandInProtection(this, null, wb.actingUser);
    this.protections.push(p);
    return p;
  }
  /** As in Sheets, the last visible sheet of a document cannot be hidden. */
  hideSheet(): Sheet {
    const wb = this.workbook;
    wb.count('writes');
    this.guard(null);
    if (!this.hidden && wb.sheetObjects().filter((s) => !s.hidden).length === 1) {
      throw new Error("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this;
  }
  showSheet(): Sheet {
    this.workbook.count('writes');
    this.guard(null);
    this.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    this.workbook.count('other');
    return this.hidden;
  }
  getNamedRanges(): NamedRange[] {
    this.workbook.count('other');
    return this.workbook.namedRangesOf(this);
  }
  getProtections(type: ProtectionType): StandInProtection[] {
    this.workbook.count('other');
    const wanted = String(type);
    return this.protections.filter((p) => p.type === wanted);
  }
  addDeveloperMetadata(key: string, value: string, visibility: DeveloperMetadataVisibility): Sheet {
    this.workbook.count('writes');
    const k = String(key);
    const v = value === null || value === undefined ? null : String(value);
    this.checkMetadataRoom(k.length + (v?.length ?? 0));
    this.metadata.push(new StandInDeveloperMetadata(this, k, v, visibility));
    return this;
  }
  getDeveloperMetadata(): DeveloperMetadata[] {
    this.workbook.count('other');
    return [...this.metadata];
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.workbook.count('other');
    return [...this.conditionalFormatRules];
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.workbook.count('writes');
    if (!Array.isArray(rules)) throw new Error('Invalid argument: rules');
    for (const r of rules) {
      if (!(r instanceof StandInConditionalFormatRule)) throw new Error('Invalid argument: rules');
    }
    this.conditionalFormatRules = [...(rules as StandInConditionalFormatRule[])];
  }
  newChart(): EmbeddedChartBuilder {
    return new StandInChartBuilder(this.sheetId);
  }
  insertChart(chart: EmbeddedChart): void {
    this.workbook.count('writes');
    if (!(chart instanceof StandInChart)) throw new Error('Invalid argument: chart');
    this.charts.push(chart);
  }
  removeChart(chart: EmbeddedChart): void {
    this.workbook.count('writes');
    this.charts = this.charts.filter((c) => c !== chart);
  }
  getCharts(): EmbeddedChart[] {
    this.workbook.count('other');
    return [...this.charts];
  }
  activate(): Sheet {
    this.workbook.count('other');
    this.workbook.activate(this, null);
    return this;
  }
}
