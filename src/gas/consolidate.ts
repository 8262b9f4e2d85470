/**
 * "Tổng hợp": reads every unit sheet once per step, writes the master list and the summary, never a unit
 * sheet. The steps themselves are in consolidate-steps.ts.
 */
import type { Sheet } from './apps-script';
import { formatPercent } from '../core/messages/format';
import type { ProblemEntry, UnitSheetInput } from '../core/consolidate';
import { isUnitTableHeader, lastUpdatedCell, UNIT_SHEET } from '../core/layout';
import { consolidateMessages as cm } from '../core/messages/consolidate';
import { SUMMARY, UNIT_COL, type SummaryLayout } from '../core/report-layout';
import { formulaErrors, type FormulaError } from '../core/formulas';
import { codeIdentity, type Unit } from '../core/units';
import type { ActionResult } from './action';
import type { Config } from './config-sheet';
import type { sheetTags } from './sheet-utils';
import type { ProtectionEntry } from './protections';
import { findUnitSheets, type UnitSheetRef } from './unit-sheets';
import { showProgressDialog } from './progress-dialog';

export interface UnitFigures {
  code: string;
  name: string;
  type: string;
  sheet: string;
  target: number;
  rows: number;
  valid: number;
  errors: number;
  warnings: number;
  duplicatesWithinUnit: number;
  duplicatesOfOtherUnits: number;
  coverage: number | null;
}

export interface ConsolidateResult extends ActionResult {
  units: UnitFigures[];
  totals: { units: number; rows: number; valid: number; errors: number; uniquePeople: number };
  ward: { households: number; uniquePeople: number; ratio: number | null; meetsTarget: boolean };
  problems: ProblemEntry[];
  /** Summary figures whose formula failed (ok is then false): an error is never read as a zero. */
  formulaErrors: FormulaError[];
  /** The protections Tổng hợp checks and repairs on every run: Cấu hình and the two sheets it writes. */
  protections: ProtectionEntry[];
}

export function failed(message: string): ConsolidateResult {
  return {
    ok: false,
    message,
    units: [],
    totals: { units: 0, rows: 0, valid: 0, errors: 0, uniquePeople: 0 },
    ward: { households: 0, uniquePeople: 0, ratio: null, meetsTarget: false },
    problems: [],
    formulaErrors: [],
    protections: [],
  };
}

/** One batched read of a unit sheet; the header decides whether its columns can be trusted. */
export function readUnitSheet(unit: Unit, ref: UnitSheetRef | undefined): UnitSheetInput {
  const base = {
    unit,
    tab: '',
    sheetId: 0,
    firstDataRow: UNIT_SHEET.firstDataRow,
    rows: [],
    lastUpdated: '',
  };
  if (!ref) return { ...base, state: 'missing' };
  const sheet = ref.sheet;
  const values = sheet.getDataRange().getValues();
  const header = values[ref.headerRow - 1] ?? [];
  const found = { ...base, tab: sheet.getName(), sheetId: sheet.getSheetId() };
  if (!isUnitTableHeader(header)) return { ...found, state: 'header-altered' };
  const stamp = lastUpdatedCell(values, ref.headerRow);
  return {
    ...found,
    state: 'ok',
    firstDataRow: ref.headerRow + 1,
    rows: values.slice(ref.headerRow).map((cells) => cells.slice(0, UNIT_SHEET.columns)),
    lastUpdated: values[stamp.row - 1]?.[stamp.column - 1] ?? '',
  };
}

/** Reads every unit of the set-up table, in set-up order. */
export function readUnits(units: readonly Unit[], tags: ReturnType<typeof sheetTags>): UnitSheetInput[] {
  const found = findUnitSheets(tags);
  return units.map((unit) => readUnitSheet(unit, found.get(codeIdentity(unit.code))));
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const ratio = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The figures as the summary's formulas computed them: what leaders see is what the JSON says. */
export function readBack(
  sheet: Sheet,
  layout: SummaryLayout,
  config: Config,
  inputs: readonly UnitSheetInput[]
) {
  const values = sheet.getRange(1, 1, layout.cells.length, SUMMARY.columns).getValues();
  const cell = (row: number, column: number): unknown => values[row - 1][column - 1];
  const errors = formulaErrors(sheet.getName(), layout.cells, values);
  const units = inputs.map((input, i): UnitFigures => {
    const r = layout.unitRows.first + i;
    return {
      code: input.unit.code,
      name: input.unit.name,
      type: input.unit.type,
      sheet: input.tab,
      target: num(cell(r, UNIT_COL.target)),
      rows: num(cell(r, UNIT_COL.rows)),
      valid: num(cell(r, UNIT_COL.valid)),
      errors: num(cell(r, UNIT_COL.errors)),
      warnings: num(cell(r, UNIT_COL.warnings)),
      duplicatesWithinUnit: num(cell(r, UNIT_COL.duplicatesWithinUnit)),
      duplicatesOfOtherUnits: num(cell(r, UNIT_COL.duplicatesOfOtherUnits)),
      coverage: ratio(cell(r, UNIT_COL.coverage)),
    };
  });
  const w = layout.ward;
  const v = SUMMARY.wardValueColumn;
  const wardRatio = ratio(cell(w.ratio, v));
  const uniquePeople = num(cell(w.uniquePeople, v));
  return {
    units,
    totals: {
      units: config.units.length,
      rows: num(cell(layout.totalRow, UNIT_COL.rows)),
      valid: num(cell(layout.totalRow, UNIT_COL.valid)),
      errors: num(cell(layout.totalRow, UNIT_COL.errors)),
      uniquePeople,
    },
    ward: {
      households: num(cell(w.households, v)),
      uniquePeople,
      ratio: wardRatio,
      meetsTarget: wardRatio !== null && wardRatio > 1,
    },
    formulaErrors: errors,
  };
}

/** The closing message and figures, read back from the summary that leaders see. */
export function closingResult(
  inputs: readonly UnitSheetInput[],
  figures: ReturnType<typeof readBack>,
  problems: ProblemEntry[],
  protections: ProtectionEntry[],
  summaryName: string
): ConsolidateResult {
  const lines = [cm.report(figures.totals.rows, figures.totals.valid, figures.totals.errors)];
  const missing = inputs.filter((input) => input.state === 'missing').map((input) => input.unit.name);
  const altered = inputs.filter((input) => input.state === 'header-altered').map((input) => input.unit.name);
  if (missing.length > 0) lines.push(cm.missingUnits(missing));
  if (altered.length > 0) lines.push(cm.alteredUnits(altered));
  if (figures.formulaErrors.length > 0) lines.unshift(cm.formulaErrors(summaryName, figures.formulaErrors));
  const { ward } = figures;
  lines.push(
    ward.ratio === null
      ? cm.wardNoHouseholds(ward.uniquePeople)
      : cm.ward(ward.uniquePeople, ward.households, formatPercent(ward.ratio), ward.meetsTarget)
  );
  return {
    ok: figures.formulaErrors.length === 0,
    message: lines.join('\n'),
    ...figures,
    problems,
    protections,
  };
}

/**
 * Menu "Tổng hợp": opens the progress dialog, which runs the work in steps (consolidate-steps.ts), each
 * its own execution, so that a ward of 150,000 rows stays inside Apps Script's 6 minutes.
 */
export function consolidate(): void {
  showProgressDialog('consolidate');
}
