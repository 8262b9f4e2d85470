/**
 * A sheet of the document: grid size, contents (in the workbook's HyperFormula, or loose or detached),
 * styles, borders, merges, data validation, conditional formats, column widths, frozen rows, tab colour.
 * Reading here counts no call and checks no protection; the Google layer's Sheet (../google/sheet.ts)
 * extends this class with Apps Script's methods.
 */
import { DetailedCellError } from 'hyperformula';
import { sheetsErrorText, withoutSpills } from './arrays';
import { containsCell, intersects, type Rect, shiftForDelete, shiftForInsert } from './a1';
import { serialToDate } from './dates';
import {
  cellKey,
  detachedExtent,
  detachedFormulas,
  detachedValues,
  type DetachedContents,
  type RawContent,
} from './detached';
import { filledRuns, LOOSE_MIN_ROWS, looseContent, looseFormula, looseValue } from './loose';
import { isArrayFormula, predictArray, reaches, type PendingArray } from './pending';
import {
  AUTOMATIC_FORMAT,
  DATE_FORMAT,
  DATE_TIME_FORMAT,
  displayValue,
  isAutomatic,
  isDateFormat,
} from './number-format';
import { RectStore } from './rect-store';
import type { ConditionalFormat, ConditionType, StandInDataValidation } from './rules';
import type { DocumentWorkbook } from './workbook';

export interface BorderSpec {
  top: boolean | null;
  left: boolean | null;
  bottom: boolean | null;
  right: boolean | null;
  vertical: boolean | null;
  horizontal: boolean | null;
}

/** Per-cell formatting as the writers and the tests read it; absent = Sheets' default. */
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

export abstract class DocumentSheet {
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
  hidden = false;
  frozenRows = 0;
  readonly columnWidths = new Map<number, number>();
  /** Columns hidden by hideColumns (1-based). */
  readonly hiddenColumns = new Set<number>();
  tabColor: string | null = null;
  conditionalFormatRules: ConditionalFormat[] = [];
  private extent: { rows: number; columns: number } | null = null;
  /** Contents kept out of HyperFormula until the first write (see detached.ts); null once attached. */
  detached: DetachedContents | null = null;
  /**
   * Loose columns (loose.ts): 1-based column → contents by 0-based row, undefined where HyperFormula
   * holds the cell. A defined entry's cell is empty in HyperFormula.
   */
  loose = new Map<number, (RawContent | undefined)[]>();
  /** Array formulas kept out of HyperFormula until something needs what they fill (pending.ts), by cellKey. */
  readonly pending = new Map<number, PendingArray>();

  constructor(
    readonly workbook: DocumentWorkbook,
    /** Renumbered when a change of locale rebuilds HyperFormula. */
    public hfId: number,
    readonly sheetId: number,
    public name: string,
    public maxRows: number,
    public maxColumns: number
  ) {}

  /** A conditional format of this sheet's kind over `rects` of it (the loader's, a copied template's). */
  abstract conditionalFormat(
    condition: ConditionType,
    values: readonly (number | string)[],
    background: string | null,
    fontColor: string | null,
    rects: Rect[]
  ): ConditionalFormat;

  /** Moves the rects of what the Google layer keeps on the sheet (protections) as rows or columns move. */
  protected abstract shiftBeyondTheDocument(move: (r: Rect) => Rect | null): void;

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
      for (const run of filledRuns(contents)) {
        this.workbook.hf.setCellContents(
          { sheet: this.hfId, row: run.start, col: column - 1 },
          run.values.map((v) => [v])
        );
      }
    }
  }

  /**
   * Moves the pending array formulas `which` selects into HyperFormula (pending.ts), with what they read:
   * their entry is a formula entering, so the pending formulas whose cells they read come too.
   */
  attachPending(which: (p: PendingArray) => boolean = () => true): void {
    if (this.pending.size === 0) return;
    for (const [key, p] of [...this.pending]) {
      // An earlier one may have taken this one in already (it read its cells).
      if (this.pending.get(key) !== p || !which(p)) continue;
      this.pending.delete(key);
      this.enterFormula(p.row, p.column, p.formula);
    }
  }

  /** Attaches the pending array formulas whose reach touches `rect` (something is about to read it). */
  attachPendingIn(rect: Rect): void {
    if (this.pending.size > 0) this.attachPending((p) => reaches(p, rect, this.maxRows, this.maxColumns));
  }

  /** Writes one formula into HyperFormula as a write does: detached sheets it names, what it reads noted. */
  private enterFormula(row: number, column: number, formula: string): void {
    const wb = this.workbook;
    this.touched();
    const contents = [[formula]];
    wb.attachReadBy(contents);
    wb.noteFormulas(this, contents);
    wb.hf.setCellContents({ sheet: this.hfId, row: row - 1, col: column - 1 }, formula);
  }

  /**
   * Keeps an array formula written at (row, column) out of HyperFormula (pending.ts), unless a formula
   * already there reads what it fills, or HyperFormula cannot size it (it does not parse): then it goes in.
   */
  private defer(row: number, column: number, formula: string): void {
    const wb = this.workbook;
    const address = { sheet: this.hfId, row: row - 1, col: column - 1 };
    const predicted = predictArray(() => wb.hf, formula, address, wb.locale);
    if (!predicted) {
      this.enterFormula(row, column, formula);
      return;
    }
    this.keepPending({ row, column, ...predicted });
  }

  /** Holds a pending array formula (sized already), or attaches it when a formula reads what it fills. */
  private keepPending(p: PendingArray): void {
    const wb = this.workbook;
    // Nothing may stay loose under what it fills (a loose value would hide a blocked spill's #REF!).
    wb.noteSpill(this);
    this.pending.set(cellKey(p.row, p.column), p);
    this.extent = null;
    if (wb.readsColumns(this, p.column, p.column + p.columns - 1, { r1: p.row, r2: p.row + p.rows - 1 }))
      this.attachPending((q) => q === p);
  }

  /** Takes the array formulas out of contents about to be written at `rect` (they are deferred). */
  private takeArrays(
    rect: Rect,
    contents: RawContent[][]
  ): { row: number; column: number; formula: string }[] {
    const arrays: { row: number; column: number; formula: string }[] = [];
    for (let i = 0; i < contents.length; i++) {
      const row = contents[i];
      for (let j = 0; j < row.length; j++) {
        const v = row[j];
        if (!isArrayFormula(v)) continue;
        arrays.push({ row: rect.r1 + i, column: rect.c1 + j, formula: v });
        row[j] = null;
      }
    }
    if (arrays.length > 0) this.workbook.noteSpill(this);
    return arrays;
  }

  /** Pending formulas whose own cell lies in `rect` are overwritten or cleared: they go. */
  private dropPendingIn(rect: Rect): void {
    if (this.pending.size === 0) return;
    for (const [key, p] of this.pending) {
      if (p.row >= rect.r1 && p.row <= rect.r2 && p.column >= rect.c1 && p.column <= rect.c2) {
        this.pending.delete(key);
        this.extent = null;
      }
    }
  }

  /**
   * What a pending array formula would fill once in HyperFormula (the .xlsx writer's `ref`): the rectangle
   * HyperFormula sizes it to, or only its own cell where content there blocks it (#REF!, arrays.ts) or
   * HyperFormula could not size it.
   */
  pendingFill(p: PendingArray): Rect {
    const own = { r1: p.row, c1: p.column, r2: p.row, c2: p.column };
    if (!Number.isFinite(p.rows) || !Number.isFinite(p.columns)) return own;
    const rect = { r1: p.row, c1: p.column, r2: p.row + p.rows - 1, c2: p.column + p.columns - 1 };
    return this.holdsContentIn(rect, p.row, p.column) ? own : rect;
  }

  /** Whether any cell of `rect` but (row, column) holds contents (what blocks an array's spill). */
  private holdsContentIn(rect: Rect, row: number, column: number): boolean {
    const other = (r: number, c: number) => r !== row || c !== column;
    for (const q of this.pending.values())
      if (containsCell(rect, q.row, q.column) && other(q.row, q.column)) return true;
    for (const [c, contents] of this.loose) {
      if (c < rect.c1 || c > rect.c2) continue;
      for (let r = rect.r1; r <= Math.min(rect.r2, contents.length); r++)
        if (contents[r - 1] !== undefined && contents[r - 1] !== null && other(r, c)) return true;
    }
    if (this.detached) {
      const rows = this.detached.rows;
      for (let r = rect.r1; r <= Math.min(rect.r2, rows.length); r++) {
        const cells = rows[r - 1];
        for (let c = rect.c1; c <= Math.min(rect.c2, cells.length); c++)
          if (cells[c - 1] !== null && cells[c - 1] !== undefined && other(r, c)) return true;
      }
      return false;
    }
    const hf = this.workbook.hf;
    const { width, height } = hf.getSheetDimensions(this.hfId);
    for (let r = rect.r1; r <= Math.min(rect.r2, height); r++)
      for (let c = rect.c1; c <= Math.min(rect.c2, width); c++)
        if (other(r, c) && !hf.isCellEmpty({ sheet: this.hfId, row: r - 1, col: c - 1 })) return true;
    return false;
  }

  /** Array formulas loaded from a file, deferred as if written (the workbook's constructor). */
  deferLoaded(arrays: readonly { row: number; column: number; formula: string }[]): void {
    for (const a of arrays) this.defer(a.row, a.column, a.formula);
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
    // A column already loose stays so for a smaller write too (the last few hundred rows of a master list
    // written in chunks): those would otherwise be the only ones HyperFormula parses and tracks.
    const bulk = rows >= LOOSE_MIN_ROWS;
    if ((bulk || this.loose.size > 0) && !wb.maySpillOn(this)) {
      for (let c = rect.c1; c <= rect.c2; c++) {
        const j = c - rect.c1;
        if ((!bulk && !this.loose.has(c)) || wb.isRead(this, c)) continue;
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
   * insertSheet(name, index, { template }) and Sheet.copyTo: Google's reference says only that "all data from the template
   * sheet object is copied". Copied here: contents (formulas as they are, same cells; pending array
   * formulas stay pending), formats, notes,
   * borders, merges, data validation, conditional format rules (re-aimed at the new sheet), column widths,
   * hidden columns, frozen rows, grid size, tab colour, and the hidden flag (a copy of a hidden template comes out hidden:
   * labnol/code#1, "when new sheets are created [from a hidden template] this makes sure they aren't
   * hidden"). Not copied, the stricter reading where no source says: protections, developer metadata,
   * named ranges, charts.
   */
  copyFrom(template: DocumentSheet): void {
    const wb = this.workbook;
    // The template may be another spreadsheet's (Sheet.copyTo): read from its own HyperFormula.
    const source = template.workbook;
    template.attach();
    template.attachLoose();
    this.maxRows = template.maxRows;
    this.maxColumns = template.maxColumns;
    const hf = source.evaluated();
    const raw = withoutSpills(hf, template.hfId, hf.getSheetSerialized(template.hfId) as RawContent[][]);
    const width = raw.reduce((w, row) => Math.max(w, row.length), 0);
    if (raw.length > 0 && width > 0) {
      const contents = wb.inOwnSyntax(
        source,
        raw.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? null))
      );
      this.touched();
      wb.attachReadBy(contents);
      wb.noteFormulas(this, contents);
      this.storeContents({ r1: 1, c1: 1, r2: contents.length, c2: width }, contents);
    }
    // The template's pending array formulas stay pending on the copy (same cells, same size).
    for (const p of template.pending.values()) this.keepPending({ ...p });
    for (const key of STYLE_KEYS) {
      const store = this.styles[key] as RectStore<unknown>;
      store.ops = (template.styles[key] as RectStore<unknown>).ops.map((op) => ({
        rect: { ...op.rect },
        value: op.value,
      }));
    }
    this.validations.ops = template.validations.ops.map((op) => ({
      rect: { ...op.rect },
      value: wb.ruleInOwnSyntax(source, op.value),
    }));
    this.borders = template.borders.map((b) => ({ rect: { ...b.rect }, spec: b.spec }));
    this.merges = template.merges.map((m) => ({ ...m }));
    this.frozenRows = template.frozenRows;
    for (const [column, width] of template.columnWidths) this.columnWidths.set(column, width);
    for (const column of template.hiddenColumns) this.hiddenColumns.add(column);
    this.tabColor = template.tabColor;
    this.hidden = template.hidden;
    this.conditionalFormatRules = template.conditionalFormatRules.map((rule) =>
      this.conditionalFormat(
        rule.condition,
        rule.values,
        rule.background,
        rule.fontColor,
        rule.ranges.map((range) => range.rect)
      )
    );
  }

  /** Cells of the sheet that hold a value or a formula (what a copy of it writes). */
  filledCells(): number {
    this.attach();
    this.attachLoose();
    const hf = this.workbook.evaluated();
    const raw = withoutSpills(hf, this.hfId, hf.getSheetSerialized(this.hfId) as RawContent[][]);
    let n = this.pending.size;
    for (const row of raw)
      for (const cell of row) if (cell !== null && cell !== undefined && cell !== '') n++;
    return n;
  }

  touched(): void {
    this.attach();
    this.extent = null;
    this.workbook.beginWrite();
    this.workbook.changed(this.hfId);
  }

  /**
   * Rows and columns that hold content (values or formulas), as getLastRow and getLastColumn count them:
   * what array formulas fill counts, blank results included, so pending ones are attached first.
   */
  contentExtent(): { rows: number; columns: number } {
    this.attachPending();
    return this.storedExtent();
  }

  /** Rows and columns of what the sheet stores, pending array formulas by their own cell (the .xlsx writer). */
  storedExtent(): { rows: number; columns: number } {
    if (this.extent) return this.extent;
    if (this.detached) return (this.extent = this.withPendingCorners(detachedExtent(this.detached)));
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
    this.extent = this.withPendingCorners({ rows, columns });
    return this.extent;
  }

  private withPendingCorners(extent: { rows: number; columns: number }): { rows: number; columns: number } {
    let { rows, columns } = extent;
    for (const p of this.pending.values()) {
      rows = Math.max(rows, p.row);
      columns = Math.max(columns, p.column);
    }
    return { rows, columns };
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
    this.attachPendingIn(rect);
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
        else if (v instanceof DetailedCellError) row[j] = sheetsErrorText(v);
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

  /** Formulas as getFormulas returns them: a pending array formula's text in its own cell. */
  readFormulas(rect: Rect): string[][] {
    let out: string[][];
    if (this.detached) out = detachedFormulas(this.detached, rect.r1, rect.c1, rect.r2, rect.c2);
    else {
      const hf = this.workbook.evaluated();
      const raw = hf.getRangeFormulas({
        start: { sheet: this.hfId, row: rect.r1 - 1, col: rect.c1 - 1 },
        end: { sheet: this.hfId, row: rect.r2 - 1, col: rect.c2 - 1 },
      });
      if (this.loose.size > 0) this.overlayLooseFormulas(raw, rect.r1, rect.c1);
      out = raw.map((row) => row.map((f) => f ?? ''));
    }
    for (const p of this.pending.values())
      if (p.row >= rect.r1 && p.row <= rect.r2 && p.column >= rect.c1 && p.column <= rect.c2)
        out[p.row - rect.r1][p.column - rect.c1] = p.formula;
    return out;
  }

  readNumberFormats(rect: Rect): string[][] {
    // The format Sheets infers for a computed number (a date, a percentage) is an observation too.
    this.attachPendingIn(rect);
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

  /**
   * Writes raw contents (as the Google layer parsed them from what was typed), with the formats Sheets
   * gave cells that were on Automatic (undefined: none).
   */
  storeEntered(rect: Rect, contents: RawContent[][], autoFormats: (string | undefined)[][] | null): void {
    const wb = this.workbook;
    this.touched();
    this.dropPendingIn(rect);
    // Array formulas are deferred (pending.ts): out of the contents, kept once the rest is written.
    const arrays = wb.defersArrays ? this.takeArrays(rect, contents) : [];
    wb.attachReadBy(contents);
    wb.noteFormulas(this, contents);
    this.storeContents(rect, contents);
    for (const a of arrays) this.defer(a.row, a.column, a.formula);
    if (autoFormats) this.styles.numberFormat.setGrid(rect.r1, rect.c1, autoFormats, (a, b) => a === b, true);
  }

  /** Empties the cells of `rect` (only the part HyperFormula actually holds). */
  clearCells(rect: Rect): void {
    this.attach();
    this.dropPendingIn(rect);
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

  /** The formatting of one cell. */
  styleAt(row: number, column: number): CellStyle {
    const style: CellStyle = {};
    for (const key of STYLE_KEYS) {
      const v = this.styles[key].get(row, column);
      if (v !== undefined) (style as Record<string, unknown>)[key] = v;
    }
    return style;
  }

  /** The validation rule of one cell. */
  validationAt(row: number, column: number): StandInDataValidation | null {
    return this.validations.get(row, column) ?? null;
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
    this.shiftBeyondTheDocument(move);
    this.workbook.shiftNamedRanges(this, move);
    if (axis === 'column') {
      const widths = [...this.columnWidths];
      this.columnWidths.clear();
      for (const [c, w] of widths) {
        if (c < at) this.columnWidths.set(c, w);
        else if (insert) this.columnWidths.set(c + count, w);
        else if (c >= at + count) this.columnWidths.set(c - count, w);
      }
      const hidden = [...this.hiddenColumns];
      this.hiddenColumns.clear();
      for (const c of hidden) {
        if (c < at) this.hiddenColumns.add(c);
        else if (insert) this.hiddenColumns.add(c + count);
        else if (c >= at + count) this.hiddenColumns.add(c - count);
      }
    }
  }

  /** A column's width in pixels (Sheets' default where none was set). */
  columnWidth(column: number): number {
    return this.columnWidths.get(column) ?? DEFAULT_COLUMN_WIDTH;
  }

  /** Inserts `n` rows after row `after` (the new rows take the formats of the one before). */
  protected addRows(after: number, n: number): void {
    const wb = this.workbook;
    // Pending array formulas whose references move: into HyperFormula first, which moves them.
    wb.attachPendingNaming(this, { axis: 'row', from: after + 1 });
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
  }

  /** Inserts `n` columns after column `after` (the new columns take the formats of the one before). */
  protected addColumns(after: number, n: number): void {
    const wb = this.workbook;
    // Pending array formulas whose references move: into HyperFormula first, which moves them.
    wb.attachPendingNaming(this, { axis: 'column', from: after + 1 });
    this.touched();
    // Loose columns would move, and what formulas read with them: into HyperFormula first.
    this.attachLoose();
    wb.readsAllOf(this);
    const { width } = wb.hf.getSheetDimensions(this.hfId);
    if (after < width) wb.hf.addColumns(this.hfId, [after, n]);
    this.maxColumns += n;
    this.shiftAll('column', after + 1, n, true);
  }

  /** Deletes `n` rows from row `at`. */
  protected removeRows(at: number, n: number): void {
    const wb = this.workbook;
    // Pending array formulas whose references move: into HyperFormula first, which moves them.
    wb.attachPendingNaming(this, { axis: 'row', from: at });
    this.touched();
    const { height } = wb.hf.getSheetDimensions(this.hfId);
    if (at - 1 < height) {
      wb.hf.removeRows(this.hfId, [at - 1, Math.min(n, height - at + 1)]);
      wb.reindexArrays(this.hfId);
    }
    for (const contents of this.loose.values()) if (at - 1 < contents.length) contents.splice(at - 1, n);
    this.maxRows -= n;
    this.shiftAll('row', at, n, false);
  }

  /** Deletes `n` columns from column `at`. */
  protected removeColumns(at: number, n: number): void {
    const wb = this.workbook;
    // Pending array formulas whose references move: into HyperFormula first, which moves them.
    wb.attachPendingNaming(this, { axis: 'column', from: at });
    this.touched();
    // Loose columns would move, and what formulas read with them: into HyperFormula first.
    this.attachLoose();
    wb.readsAllOf(this);
    const { width } = wb.hf.getSheetDimensions(this.hfId);
    if (at - 1 < width) wb.hf.removeColumns(this.hfId, [at - 1, Math.min(n, width - at + 1)]);
    this.maxColumns -= n;
    this.shiftAll('column', at, n, false);
  }

  /** Renames the sheet (HyperFormula's formulas follow by sheet id). */
  protected rename(next: string): void {
    // Pending formulas that name the sheet: into HyperFormula first, which rewrites them.
    if (next !== this.name) this.workbook.attachPendingNaming(this);
    if (next !== this.name) this.workbook.hf.renameSheet(this.hfId, next);
    this.name = next;
  }
}
