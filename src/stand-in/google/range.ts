/**
 * Range. Counting rule (see Workbook.calls): fetching cell data is a read, every mutation a write,
 * pure navigation (A1 notation, row/column numbers, getSheet) is free.
 */
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type {
  InspectedDataValidation as DataValidation,
  InspectedProtection as Protection,
  InspectedRange as Range,
  InspectedSheet as Sheet,
} from './inspection';
import { contains, intersects, Rect, rectA1, shiftFormula } from '../document/a1';
import { StandInDataValidation } from '../document/rules';
import { StandInProtection } from './protection';
import type { BorderSpec, StyleKey } from '../document/sheet';
import type { StandInSheet } from './sheet';

function checkGrid(values: unknown, rows: number, columns: number): unknown[][] {
  if (!Array.isArray(values)) throw new Error('Invalid argument: values');
  if (values.length !== rows) {
    throw new Error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${rows}.`
    );
  }
  for (const row of values) {
    if (!Array.isArray(row)) throw new Error('Invalid argument: values');
    if (row.length !== columns) {
      throw new Error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${columns}.`
      );
    }
  }
  return values as unknown[][];
}

export class StandInRange implements Range {
  constructor(
    readonly sheet: StandInSheet,
    readonly rect: Rect
  ) {}

  private get rows(): number {
    return this.rect.r2 - this.rect.r1 + 1;
  }
  private get columns(): number {
    return this.rect.c2 - this.rect.c1 + 1;
  }
  private get topLeft(): Rect {
    return { r1: this.rect.r1, c1: this.rect.c1, r2: this.rect.r1, c2: this.rect.c1 };
  }
  private write(): void {
    this.sheet.workbook.count('writes');
    this.sheet.guard(this.rect);
  }
  private fill<T>(value: T): T[][] {
    return Array.from({ length: this.rows }, () => new Array<T>(this.columns).fill(value));
  }
  private setStyle<K extends StyleKey>(key: K, value: unknown): Range {
    this.write();
    const store: { set(r: Rect, v: unknown): void } = this.sheet.styles[key];
    store.set(this.rect, value === null || value === undefined || value === '' ? undefined : value);
    return this;
  }

  private setStyleGrid(
    key: 'fontWeight' | 'background',
    grid: (string | null)[][],
    map: (v: string | null) => string | null
  ): Range {
    this.write();
    const values = checkGrid(grid, this.rows, this.columns).map((row) =>
      row.map((v) => {
        const m = map(v === null || v === undefined ? null : String(v));
        return m === null || m === '' ? undefined : m;
      })
    );
    this.sheet.styles[key].setGrid(this.rect.r1, this.rect.c1, values, (a, b) => a === b);
    return this;
  }

  getA1Notation(): string {
    return rectA1(this.rect);
  }
  getRow(): number {
    return this.rect.r1;
  }
  getColumn(): number {
    return this.rect.c1;
  }
  getNumRows(): number {
    return this.rows;
  }
  getNumColumns(): number {
    return this.columns;
  }
  getLastRow(): number {
    return this.rect.r2;
  }
  getLastColumn(): number {
    return this.rect.c2;
  }
  getSheet(): Sheet {
    return this.sheet;
  }

  getValue(): unknown {
    this.sheet.workbook.count('reads');
    return this.sheet.readCells(this.topLeft, 'values')[0][0];
  }
  getValues(): unknown[][] {
    this.sheet.workbook.count('reads');
    return this.sheet.readCells(this.rect, 'values');
  }
  getDisplayValues(): string[][] {
    this.sheet.workbook.count('reads');
    return this.sheet.readCells(this.rect, 'display') as string[][];
  }
  getFormulas(): string[][] {
    this.sheet.workbook.count('reads');
    return this.sheet.readFormulas(this.rect);
  }
  getNumberFormats(): string[][] {
    this.sheet.workbook.count('reads');
    return this.sheet.readNumberFormats(this.rect);
  }
  /** The top-left cell's own background (conditional formats aside); Sheets' default is white. */
  getBackground(): string {
    this.sheet.workbook.count('reads');
    return this.sheet.styleAt(this.rect.r1, this.rect.c1).background ?? '#ffffff';
  }
  /** Whether the top-left cell's text wraps. */
  getWrap(): boolean {
    this.sheet.workbook.count('reads');
    return this.sheet.styleAt(this.rect.r1, this.rect.c1).wrap === true;
  }

  setValue(value: unknown): Range {
    this.write();
    this.sheet.writeCells(this.rect, this.fill(value), false);
    return this;
  }
  setValues(values: unknown[][]): Range {
    this.write();
    this.sheet.writeCells(this.rect, checkGrid(values, this.rows, this.columns), false);
    return this;
  }
  /** On a multi-cell range the formula is filled: relative references move with each cell. */
  setFormula(formula: string): Range {
    this.write();
    const f = String(formula);
    const grid = Array.from({ length: this.rows }, (_, i) =>
      Array.from({ length: this.columns }, (_unused, j) => (f.startsWith('=') ? shiftFormula(f, i, j) : f))
    );
    this.sheet.writeCells(this.rect, grid, true);
    return this;
  }
  setFormulas(formulas: string[][]): Range {
    this.write();
    this.sheet.writeCells(this.rect, checkGrid(formulas, this.rows, this.columns), true);
    return this;
  }
  setNumberFormat(numberFormat: string): Range {
    return this.setStyle('numberFormat', numberFormat);
  }
  setNumberFormats(numberFormats: string[][]): Range {
    this.write();
    const grid = checkGrid(numberFormats, this.rows, this.columns).map((row) =>
      row.map((f) => (f === null || f === undefined || f === '' ? undefined : String(f)))
    );
    this.sheet.styles.numberFormat.setGrid(this.rect.r1, this.rect.c1, grid, (a, b) => a === b);
    return this;
  }
  setFontFamily(fontFamily: string | null): Range {
    return this.setStyle('fontFamily', fontFamily);
  }
  setFontSize(size: number): Range {
    return this.setStyle('fontSize', size);
  }
  setFontWeight(fontWeight: string | null): Range {
    return this.setStyle('fontWeight', fontWeight === 'normal' ? null : fontWeight);
  }
  setFontWeights(fontWeights: (string | null)[][]): Range {
    return this.setStyleGrid('fontWeight', fontWeights, (v) => (v === 'normal' ? null : v));
  }
  setFontStyle(fontStyle: string | null): Range {
    return this.setStyle('fontStyle', fontStyle === 'normal' ? null : fontStyle);
  }
  setFontColor(color: string | null): Range {
    return this.setStyle('fontColor', color);
  }
  setBackground(color: string | null): Range {
    return this.setStyle('background', color);
  }
  setBackgrounds(color: (string | null)[][]): Range {
    return this.setStyleGrid('background', color, (v) => v);
  }
  setHorizontalAlignment(alignment: string | null): Range {
    return this.setStyle('horizontalAlignment', alignment);
  }
  setVerticalAlignment(alignment: string | null): Range {
    return this.setStyle('verticalAlignment', alignment);
  }
  setWrap(isWrapEnabled: boolean): Range {
    return this.setStyle('wrap', isWrapEnabled ? true : null);
  }
  setNote(note: string | null): Range {
    return this.setStyle('note', note === null ? null : String(note));
  }
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null
  ): Range {
    this.write();
    const spec: BorderSpec = { top, left, bottom, right, vertical, horizontal };
    this.sheet.borders.push({ rect: { ...this.rect }, spec });
    return this;
  }
  /** Sheets refuses to merge or unmerge a range that cuts through a merged one. */
  private unmergeWhole(): void {
    const s = this.sheet;
    for (const m of s.merges) {
      if (intersects(m, this.rect) && !contains(this.rect, m)) {
        throw new Error('You must select all cells in a merged range to merge or unmerge them.');
      }
    }
    s.merges = s.merges.filter((m) => !contains(this.rect, m));
  }
  merge(): Range {
    this.write();
    const s = this.sheet;
    this.unmergeWhole();
    if (this.rows * this.columns > 1) s.merges.push({ ...this.rect });
    // Merging keeps only the top-left value.
    const { r1, c1, r2, c2 } = this.rect;
    if (c2 > c1) s.clearCells({ r1, c1: c1 + 1, r2: r1, c2 });
    if (r2 > r1) s.clearCells({ r1: r1 + 1, c1, r2, c2 });
    return this;
  }
  breakApart(): Range {
    this.write();
    this.unmergeWhole();
    return this;
  }
  /** Contents, formats, notes and validation rules, like clear() without options in Sheets. */
  clear(): Range {
    this.write();
    this.sheet.clearCells(this.rect);
    this.sheet.clearFormats(this.rect);
    this.sheet.styles.note.set(this.rect, undefined);
    this.sheet.validations.set(this.rect, undefined);
    return this;
  }
  clearContent(): Range {
    this.write();
    this.sheet.clearCells(this.rect);
    return this;
  }
  clearDataValidations(): Range {
    this.write();
    this.sheet.validations.set(this.rect, undefined);
    return this;
  }
  setDataValidation(rule: DataValidation | null): Range {
    this.write();
    if (rule !== null && !(rule instanceof StandInDataValidation)) throw new Error('Invalid argument: rule');
    this.sheet.validations.set(this.rect, rule ?? undefined);
    return this;
  }
  getDataValidation(): DataValidation | null {
    this.sheet.workbook.count('reads');
    return this.sheet.validationAt(this.rect.r1, this.rect.c1);
  }
  protect(): Protection {
    const wb = this.sheet.workbook;
    this.write();
    const p = new StandInProtection(this.sheet, { ...this.rect }, wb.actingUser);
    this.sheet.protections.push(p);
    return p;
  }
  activate(): Range {
    this.sheet.workbook.count('other');
    this.sheet.workbook.activate(this.sheet, this.rect);
    return this;
  }
}
