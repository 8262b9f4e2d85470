/**
 * What crosses between the sidebar and the server: plain data only (a Date, a function or a class
 * instance makes a google.script.run request fail). The server validates every argument with these schemas, since any function
 * in the bundle can be called from the browser with anything.
 */
import { array, boolean, number, object, optional, string, union, type infer as Infer } from 'zod/mini';
import type { ProblemLevel, RowColumn } from './rows';

/** "All units" in the unit selector. */
export const ALL_UNITS = '*';

export const checkRequestSchema = object({
  /** A unit code, ALL_UNITS, or absent for the unit of the sheet that is open. */
  unit: optional(string()),
  /** How many problems to send at most (the sidebar keeps the default; the CLI asks for all). */
  maxProblems: optional(number()),
});
export type CheckRequest = Infer<typeof checkRequestSchema>;

import type { UnitSheetState } from './consolidate';

export interface UnitOption {
  code: string;
  name: string;
}

export interface UnitCheck {
  code: string;
  name: string;
  sheet: string;
  /** 'ok', or why the unit could not be checked. */
  state: UnitSheetState;
  target: number;
  rows: number;
  valid: number;
  errors: number;
  warnings: number;
  /** valid ÷ target, null when the target is 0. */
  coverage: number | null;
}

export interface ProblemItem {
  unit: string;
  unitName: string;
  sheet: string;
  /** The sheet's row number. */
  row: number;
  column: RowColumn;
  /** The column's header text, e.g. "Năm sinh". */
  columnLabel: string;
  /** A1 address of the cell, e.g. "C12". */
  a1: string;
  level: ProblemLevel;
  code: string;
  message: string;
  /**
   * The cell in the unit's own file (its link with #gid and range), opened in a new tab: the sidebar cannot
   * select a cell of another spreadsheet. '' when the unit's sheet is in this file.
   */
  link: string;
}

export interface CheckResponse {
  ok: boolean;
  /** A Vietnamese message when the check could not run (no set-up sheet, unknown unit…). */
  message: string;
  /** The unit (or ALL_UNITS) that was checked. */
  selected: string;
  options: UnitOption[];
  units: UnitCheck[];
  problems: ProblemItem[];
  /** Problems beyond this many are counted but not sent, to keep the reply small. */
  truncated: number;
  /**
   * Whether "Tất cả đơn vị" is offered: not where each unit has a file of its own (checking them all
   * means opening every file, Tổng hợp's work).
   */
  allUnits: boolean;
}

export const selectCellRequestSchema = object({
  unit: string(),
  row: number(),
  column: string(),
});
export type SelectCellRequest = Infer<typeof selectCellRequestSchema>;

export interface FixItem {
  unit: string;
  sheet: string;
  row: number;
  column: RowColumn;
  columnLabel: string;
  a1: string;
  before: string | number;
  after: string | number;
}

export interface FixPreview {
  ok: boolean;
  message: string;
  fixes: FixItem[];
}

const cellValue = union([string(), number()]);

export const applyFixesRequestSchema = object({
  unit: string(),
  fixes: array(
    object({
      row: number(),
      column: string(),
      before: cellValue,
      after: cellValue,
    })
  ),
  confirmed: boolean(),
});
export type ApplyFixesRequest = Infer<typeof applyFixesRequestSchema>;

export interface ApplyFixesResponse {
  ok: boolean;
  message: string;
  applied: number;
  /** Fixes skipped because the cell changed since the preview. */
  skipped: number;
  /** Google's own text of an error, for the administrator (folded away on screen). */
  detail?: string;
}
