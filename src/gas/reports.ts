/**
 * "Xuất báo cáo đơn vị" and "Báo cáo phường": the official report sheets, laid out as the dispatch's
 * Mẫu báo cáo. Unit sheets are only read; each report sheet is rewritten whole on every run.
 *
 * Printing: Apps Script cannot set the paper size, orientation or margins with this add-on's scopes
 * (spreadsheets.currentonly has no print settings), so the sheet is sized to fit A4 portrait at 100 %
 * within Decree 30's margins and the clerk picks A4, portrait and those margins in File → Print. Rows
 * down to the table header are frozen because Sheets repeats frozen rows at the top of every printed
 * page. What Sheets cannot do (justified text, page numbers from page 2) is said in report-form.ts.
 */
import {
  checkUnitSheet,
  consolidateUnits,
  consolidationOfCounts,
  type Consolidation,
} from '../core/consolidate';
import { lastConsolidation, type LastConsolidation } from './consolidate';
import { consolidateMessages as cm } from '../core/messages/consolidate';
import { cityTable, type CityTable } from '../core/city-export';
import { reportMessages as rm } from '../core/messages/reports';
import { listSome } from '../core/messages/setup';
import {
  fontWeights,
  percentText,
  REPORT_FONT,
  REPORT_FONT_SIZE,
  REPORT_METADATA_KEY,
  reportRangeName,
  unitReportForm,
  unitReportKey,
  WARD_REPORT_KEY,
  wardFigures,
  wardReportForm,
  type ReportDate,
  type ReportForm,
  type WardFigures,
} from '../core/report-form';
import { codeIdentity, safeTabName, type Unit } from '../core/units';
import { withDocumentLock, type ActionResult } from './run';
import { ROLE } from './config-sheet';
import { SUMMARY, UNIT_COL } from '../core/report-layout';
import { addDocumentMetadata, formatDate, resizeGrid, setColumnWidths, type SheetTag } from './sheet-utils';
import {
  configProblemsMessage,
  loadWorkbookContext,
  type Config,
  type Sheet,
  type Spreadsheet,
  type UnitSheetRef,
  type WorkbookContext,
} from './workbook-context';

export interface ReportResult extends ActionResult {
  /** The report sheet's tab name ('' when nothing was written). */
  sheet: string;
}

export interface UnitReportResult extends ReportResult {
  unit: string;
  valid: number;
  skipped: number;
}

export interface WardReportResult extends ReportResult {
  figures: WardFigures | null;
  /** The city's table (issue 20): one row per unit and the ward's line, counts only. */
  city?: CityTable;
}

/** The ward's calendar day (the script's time zone is the ward's, Asia/Ho_Chi_Minh). */
function today(now: Date): ReportDate {
  const [day, month, year] = formatDate(now, 'dd/MM/yyyy').split('/').map(Number);
  return { day, month, year };
}

/** The set-up sheet read and checked; a message instead when it is missing or wrong. */
export function loadConfig(workbook: WorkbookContext): Config | string {
  if (!workbook.setup) {
    workbook.createSetUp();
    return cm.noConfig;
  }
  const config = workbook.setup.config();
  return configProblemsMessage(config) ?? config;
}

/** Two report keys name the same report: 'ward', or the same kind ('unit:', 'guide:') of the same code. */
function sameKey(a: string, b: string): boolean {
  if (a === WARD_REPORT_KEY || b === WARD_REPORT_KEY) return a === b;
  const kind = (key: string) => key.slice(0, key.indexOf(':') + 1);
  return (
    kind(a) !== '' &&
    kind(a) === kind(b) &&
    codeIdentity(a.slice(kind(a).length)) === codeIdentity(b.slice(kind(b).length))
  );
}

/** Finds the report sheet by its metadata, else by its named range (what survives a .xlsx round trip). */
function findReportSheet(ss: Spreadsheet, tags: readonly SheetTag[], key: string): Sheet | null {
  const tag = tags.find((t) => t.key === REPORT_METADATA_KEY && sameKey(t.value, key));
  if (tag) return tag.sheet;
  return namedSheet(ss, key);
}

/** The sheet of a report's named range; null when there is none or its tab was deleted. */
function namedSheet(ss: Spreadsheet, key: string): Sheet | null {
  try {
    return ss.getRangeByName(reportRangeName(key))?.getSheet() ?? null;
  } catch {
    return null;
  }
}

/** Tags a report sheet both ways, adding only what is missing. */
function tagReportSheet(ss: Spreadsheet, sheet: Sheet, tags: readonly SheetTag[], key: string): void {
  const hasMetadata = tags.some(
    (t) =>
      t.key === REPORT_METADATA_KEY && sameKey(t.value, key) && t.sheet.getSheetId() === sheet.getSheetId()
  );
  if (!hasMetadata) {
    addDocumentMetadata(sheet, REPORT_METADATA_KEY, key);
  }
  const named = namedSheet(ss, key);
  if (!named || named.getSheetId() !== sheet.getSheetId()) {
    ss.setNamedRange(reportRangeName(key), sheet.getRange(1, 1));
  }
}

/**
 * Writes a form into its report sheet, created at the end of the tabs on first use. A re-run starts
 * from a blank grid (merges broken, contents and formats cleared) and writes all values with one
 * setValues; the number of calls does not grow with the number of rows.
 */
export function writeReportSheet(
  ss: Spreadsheet,
  tags: readonly SheetTag[],
  form: ReportForm,
  tabName: string
): Sheet {
  let sheet = findReportSheet(ss, tags, form.key);
  if (!sheet) {
    const sheets = ss.getSheets();
    sheet = ss.insertSheet(
      safeTabName(
        tabName,
        sheets.map((s) => s.getName())
      ),
      sheets.length
    );
  } else {
    sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).breakApart();
    sheet.clear();
  }
  tagReportSheet(ss, sheet, tags, form.key);
  const height = form.values.length;
  resizeGrid(sheet, height, form.columns);
  const grid = sheet.getRange(1, 1, height, form.columns);
  grid.setValues(form.values);
  grid.setFontFamily(REPORT_FONT).setFontSize(REPORT_FONT_SIZE).setVerticalAlignment('middle');
  grid.setFontWeights(fontWeights(form));
  for (const m of form.merges) sheet.getRange(m.row, m.column, m.rows, m.columns).merge();
  for (const f of form.formats) {
    const range = sheet.getRange(f.row, f.column, f.rows, f.columns);
    if (f.size !== undefined) range.setFontSize(f.size);
    if (f.italic !== undefined) range.setFontStyle(f.italic ? 'italic' : 'normal');
    if (f.align !== undefined) range.setHorizontalAlignment(f.align);
    if (f.valign !== undefined) range.setVerticalAlignment(f.valign);
    if (f.wrap !== undefined) range.setWrap(f.wrap);
    if (f.numberFormat !== undefined) range.setNumberFormat(f.numberFormat);
    if (f.borders) range.setBorder(true, true, true, true, true, true);
  }
  setColumnWidths(sheet, form.widths);
  sheet.setFrozenRows(form.tableHeaderRow);
  sheet.activate();
  return sheet;
}

function unitFailed(message: string): UnitReportResult {
  return { ok: false, message, sheet: '', unit: '', valid: 0, skipped: 0 };
}

/**
 * The unit asked for by code, else the unit whose sheet (or report sheet) is open, else the unit of the
 * row selected on Cấu hình or Tổng hợp.
 */
export function pickUnit(
  ss: Spreadsheet,
  tags: readonly SheetTag[],
  roles: ReadonlyMap<string, Sheet>,
  units: readonly Unit[],
  found: ReadonlyMap<string, UnitSheetRef>,
  code: string | undefined
): Unit | string {
  if (code !== undefined) {
    return units.find((u) => codeIdentity(u.code) === codeIdentity(code)) ?? rm.unknownUnit(code);
  }
  const activeId = ss.getActiveSheet().getSheetId();
  const byUnitSheet = units.find((u) => found.get(codeIdentity(u.code))?.sheet.getSheetId() === activeId);
  if (byUnitSheet) return byUnitSheet;
  const reportTag = tags.find(
    (t) => t.key === REPORT_METADATA_KEY && t.value.startsWith('unit:') && t.sheet.getSheetId() === activeId
  );
  const byReport = reportTag && units.find((u) => sameKey(unitReportKey(u.code), reportTag.value));
  if (byReport) return byReport;
  return bySelectedRow(ss, roles, units, activeId) ?? rm.noUnitOpen;
}

/**
 * The unit of the row the clerk clicked on Cấu hình's unit table or on Tổng hợp's per-unit table: with a
 * file per unit the office's file has no unit sheet to open. One call for the selection, one for a code.
 */
function bySelectedRow(
  ss: Spreadsheet,
  roles: ReadonlyMap<string, Sheet>,
  units: readonly Unit[],
  activeId: number
): Unit | null {
  const config = roles.get(ROLE.config);
  const summary = roles.get(ROLE.summary);
  const onConfig = config?.getSheetId() === activeId;
  if (!onConfig && summary?.getSheetId() !== activeId) return null;
  const range = ss.getActiveRange();
  if (!range) return null;
  const row = range.getRow();
  if (onConfig) return units.find((u) => u.configRow === row) ?? null;
  if (row < SUMMARY.firstUnitRow || !summary) return null;
  const code = String(summary.getRange(row, UNIT_COL.code).getValue());
  return units.find((u) => codeIdentity(u.code) === codeIdentity(code)) ?? null;
}

function runUnitReport(code?: string): UnitReportResult {
  const workbook = loadWorkbookContext();
  const { ss, tags } = workbook;
  const config = loadConfig(workbook);
  if (typeof config === 'string') return unitFailed(config);
  const found = workbook.lists().all();
  const unit = pickUnit(ss, tags, workbook.roles, config.units, found, code);
  if (typeof unit === 'string') return unitFailed(unit);
  const input = workbook.lists().read(unit);
  if (input.state !== 'ok') return unitFailed(rm.unitUnread[input.state](unit.name));
  const now = new Date();
  const date = today(now);
  const form = unitReportForm({
    unit,
    campaign: config.campaign,
    entries: checkUnitSheet(input, date.year),
    date,
  });
  const sheet = writeReportSheet(ss, tags, form, rm.unitSheetName(unit.name));
  const name = sheet.getName();
  return {
    ok: true,
    message: rm.unitDone(name, form.valid, form.skipped),
    sheet: name,
    unit: unit.code,
    valid: form.valid,
    skipped: form.skipped,
  };
}

function wardFailed(message: string): WardReportResult {
  return { ok: false, message, sheet: '', figures: null };
}

/** The last Tổng hợp's figures as a consolidation without rows (Báo cáo phường reads only its counts). */
function consolidationOf(last: LastConsolidation): Consolidation {
  return consolidationOfCounts(
    last.units.map(({ unit, state, counts }) => ({
      unit,
      state,
      tab: '',
      sheetId: 0,
      url: '',
      lastUpdated: '',
      entries: [],
      counts,
    }))
  );
}

function runWardReport(): WardReportResult {
  const workbook = loadWorkbookContext();
  const { ss, tags } = workbook;
  const config = loadConfig(workbook);
  if (typeof config === 'string') return wardFailed(config);
  const date = today(new Date());
  let consolidation: Consolidation;
  let from: [string, string] | null = null;
  if (workbook.lists().perUnitFiles) {
    // A file per unit: the last Tổng hợp's figures (reading every file again would take minutes).
    const last = lastConsolidation(config);
    if (!last) return wardFailed(rm.wardNeedsConsolidation);
    consolidation = consolidationOf(last);
    from = [formatDate(last.at, 'HH:mm'), formatDate(last.at, 'dd/MM/yyyy')];
  } else {
    // The same reading and the same core as Tổng hợp, on the unit sheets as they are now.
    consolidation = consolidateUnits(workbook.unitSheets.readAll(config.units), date.year);
  }
  const inputs = consolidation.units;
  const figures = wardFigures(consolidation, config.campaign);
  const form = wardReportForm({ campaign: config.campaign, figures, date });
  const sheet = writeReportSheet(ss, tags, form, rm.wardSheetName);
  const name = sheet.getName();
  const percent = figures.ratio === null ? null : percentText(figures.ratio);
  const lines = [rm.wardDone(name, figures.uniquePeople, figures.households, percent, figures.meetsTarget)];
  const unread = inputs.filter((input) => input.state !== 'ok').map((input) => input.unit.name);
  if (unread.length > 0) lines.push(rm.wardUnitsNotRead(listSome(unread)));
  if (from !== null) lines.push(rm.wardFromConsolidation(...from));
  return {
    ok: true,
    message: lines.join('\n'),
    sheet: name,
    figures,
    city: cityTable(consolidation, config.campaign),
  };
}

/** Menu "Xuất báo cáo đơn vị": the open unit's report (or the unit whose code is given). */
export function exportUnitReport(code?: string): UnitReportResult {
  // A menu may call its function with an event object: only a non-blank string is a code.
  const wanted = typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
  return withDocumentLock(rm.unitTitle, () => runUnitReport(wanted), unitFailed);
}

/** Menu "Báo cáo phường". */
export function exportWardReport(): WardReportResult {
  return withDocumentLock(rm.wardTitle, runWardReport, wardFailed);
}
