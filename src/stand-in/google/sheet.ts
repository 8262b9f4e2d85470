/**
 * The stand-in's Sheet: the document's sheet (../document/sheet.ts) with Apps Script's methods on
 * top: call counting, protection checks, USER_ENTERED parsing, developer metadata, charts.
 */
import type {
  ConditionalFormatRule,
  DeveloperMetadata,
  DeveloperMetadataVisibility,
  EmbeddedChart,
  EmbeddedChartBuilder,
  NamedRange,
  ProtectionType,
} from '../../contract/apps-script';
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type {
  InspectedRange as Range,
  InspectedSheet as Sheet,
  InspectedSpreadsheet as Spreadsheet,
} from './inspection';
import { parseA1, type Rect } from '../document/a1';
import type { RawContent } from '../document/detached';
import { isAutomatic } from '../document/number-format';
import type { ConditionType } from '../document/rules';
import { DocumentSheet } from '../document/sheet';
import { StandInChart, StandInChartBuilder, StandInConditionalFormatRule } from './builders';
import { METADATA_CHARS_PER_LOCATION, StandInDeveloperMetadata } from './metadata';
import { StandInProtection } from './protection';
import { StandInRange } from './range';
import { enteredFormula, parseUserEntered } from './user-entered';
import type { Workbook } from './workbook';

const OUTSIDE = 'The coordinates of the range are outside the dimensions of the sheet.';

function checkInteger(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new Error(`Invalid argument: ${what}`);
  return Math.floor(n);
}

export class StandInSheet extends DocumentSheet implements Sheet {
  declare readonly workbook: Workbook;
  declare conditionalFormatRules: StandInConditionalFormatRule[];
  protections: StandInProtection[] = [];
  metadata: StandInDeveloperMetadata[] = [];
  charts: StandInChart[] = [];

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

  conditionalFormat(
    condition: ConditionType,
    values: readonly (number | string)[],
    background: string | null,
    fontColor: string | null,
    rects: Rect[]
  ): StandInConditionalFormatRule {
    return new StandInConditionalFormatRule(
      condition,
      values,
      background,
      fontColor,
      rects.map((rect) => this.rangeOf(rect))
    );
  }

  protected shiftBeyondTheDocument(move: (r: Rect) => Rect | null): void {
    for (const p of [...this.protections]) {
      p.unprotected = p.unprotected.map(move).filter((r): r is Rect => r !== null);
      if (!p.rect) continue;
      const rect = move(p.rect);
      if (rect) p.rect = rect;
      else this.protections = this.protections.filter((x) => x !== p);
    }
  }

  /** Throws when the acting user may not edit `rect` (null: the sheet itself, e.g. renaming it). */
  guard(rect: Rect | null): void {
    this.workbook.guardEdit(this, rect);
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
    this.storeEntered(rect, contents, autoFormats);
  }

  checkMetadataRoom(extra: number): void {
    const used = this.metadata.reduce((n, m) => n + m.key.length + (m.value?.length ?? 0), 0);
    if (used + extra > METADATA_CHARS_PER_LOCATION) {
      throw new Error(
        `Adding this developer metadata would exceed the ${METADATA_CHARS_PER_LOCATION} character limit for the sheet.`
      );
    }
  }

  /** Inspection: merged areas in A1 notation. */
  mergedRanges(): StandInRange[] {
    return this.merges.map((m) => this.rangeOf(m));
  }

  // ---- Sheet --------------------------------------------------------------------------------------

  getName(): string {
    return this.name;
  }
  setName(name: string): Sheet {
    const wb = this.workbook;
    wb.count('writes');
    this.guard(null);
    this.rename(wb.checkSheetName(name, this));
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
    this.addRows(after, n);
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
    this.addColumns(after, n);
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
    this.removeRows(at, n);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const wb = this.workbook;
    wb.count('writes');
    const at = checkInteger(columnPosition, 'columnPosition');
    const n = checkInteger(howMany, 'howMany');
    if (at < 1 || n < 1 || at + n - 1 > this.maxColumns) throw new Error('Those columns are out of bounds.');
    if (n >= this.maxColumns) throw new Error('Sorry, it is not possible to delete all columns.');
    this.guard({ r1: 1, c1: at, r2: this.maxRows, c2: at + n - 1 });
    this.removeColumns(at, n);
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
    return this.columnWidth(columnPosition);
  }
  /** A format change, guarded as setColumnWidth is (an editor of every protection over the sheet). */
  hideColumns(columnIndex: number, numColumns: number): void {
    this.workbook.count('writes');
    const at = checkInteger(columnIndex, 'columnIndex');
    const n = checkInteger(numColumns, 'numColumns');
    if (at < 1 || n < 1 || at + n - 1 > this.maxColumns) throw new Error('Those columns are out of bounds.');
    this.guard(null);
    for (let c = at; c < at + n; c++) this.hiddenColumns.add(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    this.workbook.count('other');
    return this.hiddenColumns.has(checkInteger(columnPosition, 'columnPosition'));
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
  /**
   * Copies this sheet to the end of `spreadsheet` (this one or another), named "Copy of <name>" (Google's
   * reference); what the copy carries is DocumentSheet.copyFrom's. The acting user needs edit access there.
   */
  copyTo(spreadsheet: Spreadsheet): Sheet {
    const target = spreadsheet as Partial<Workbook> | null;
    if (target === null || typeof target !== 'object' || typeof target.receiveCopy !== 'function') {
      throw new Error('Invalid argument: spreadsheet');
    }
    return target.receiveCopy(this);
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
