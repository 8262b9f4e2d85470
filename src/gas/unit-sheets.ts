/**
 * Unit sheets: found by identity, created from the template, refreshed without touching data rows.
 *
 * Identity is carried twice. Developer metadata is invisible to users and survives a tab rename in
 * Google Sheets; a named range on the table header survives the rename too, survives a round trip
 * through .xlsx (Excel and LibreOffice update defined names when a tab is renamed, and metadata is
 * lost there), and follows the header when someone inserts rows above it.
 *
 * The "Kiểm tra" column (right after Ghi chú) is part of the unit sheet and lives here too (below). An
 * action reaches all of this through the workbook context's `unitSheets` (unitSheetsOf, at the end); the
 * onEdit trigger, which loads no context, calls onUnitSheetEdit.
 */
import {
  services,
  type ConditionalFormatRule,
  type Range,
  type Sheet,
  type Spreadsheet,
} from '../contract/apps-script';
import {
  UNIT_SHEET,
  UNIT_SHEET_COL,
  birthYearRule,
  checkFormulasRow,
  checkHeaders,
  DONE_TICK,
  doneTicked,
  isCheckColumnHeader,
  isUnitTableHeader,
  staticHeaderBlock,
  sttFormula,
  unitHeaderBlock,
  unitRangeName,
  unitSheetRowCount,
} from '../core/layout';
import { unitSheetMessages as um } from '../core/messages/setup';
import type { UnitSheetInput } from '../core/consolidate';
import type { FormulaCell } from '../core/formula-cells';
import { codeIdentity, type Campaign, type Unit } from '../core/units';
import { isDateValue } from '../core/text';
import { a1, columnLetter, isErrorValue, literalText, type Formulas } from '../core/formulas';
import { entryOf, secureProtection, secureSheet, type ProtectionEntry, type Sharing } from './protections';
import {
  addDocumentMetadata,
  canEditSheet,
  formatDate,
  once,
  insertRoleSheet,
  resizeGrid,
  ROLE_KEY,
  roleRangeName,
  setColumnWidths,
  UNIT_RANGE_KEY,
  type SheetTag,
} from './sheet-utils';
import { fingerprint } from '../core/steps';
import { verdictMessages as vm } from '../core/messages/verdict';
import { doneTickReady, tickRow, writeDoneTick } from './done-tick';
import { reviewTab } from './unit-review';

export interface UnitSheetRef {
  sheet: Sheet;
  /** The row of the table header (7 on a fresh sheet). */
  headerRow: number;
  /** Where the identity was found: a sheet found only by metadata has lost its named range. */
  hasNamedRange: boolean;
  hasMetadata: boolean;
}

/** Every tagged unit sheet, keyed by code identity (no service call: the tags hold all). */
export function findUnitSheets(tags: readonly SheetTag[]): Map<string, UnitSheetRef> {
  const found = new Map<string, UnitSheetRef>();
  for (const { key, value, sheet, row } of tags) {
    if (key !== UNIT_RANGE_KEY) continue;
    found.set(codeIdentity(value), {
      sheet,
      headerRow: row ?? UNIT_SHEET.headerRow,
      hasNamedRange: true,
      hasMetadata: false,
    });
  }
  for (const { key, value: code, sheet } of tags) {
    if (key !== UNIT_SHEET.metadataKey || code === '') continue;
    const identity = codeIdentity(code);
    const known = found.get(identity);
    // A duplicated tab carries a copy of the metadata; the named range tells the original apart.
    if (known) {
      if (known.sheet.getSheetId() === sheet.getSheetId()) known.hasMetadata = true;
    } else {
      found.set(identity, {
        sheet,
        headerRow: UNIT_SHEET.headerRow,
        hasNamedRange: false,
        hasMetadata: true,
      });
    }
  }
  return found;
}

export interface CampaignText {
  title: string;
  completion: string;
  report: string;
  /** "Mục đích thu thập" (issue 20), printed in row 5 under the title, after who may type. */
  purpose: string;
}

export function campaignText(campaign: Campaign): CampaignText {
  const date = (value: Date | null): string => (value ? formatDate(value, 'dd/MM/yyyy') : '…');
  return {
    title: campaign.title,
    completion: date(campaign.completionDeadline),
    report: date(campaign.reportDeadline),
    purpose: campaign.purpose,
  };
}

/** Tags a sheet as the unit's: metadata for Google Sheets, a named range for everything else. */
export function tagUnitSheet(ss: Spreadsheet, ref: UnitSheetRef, unit: Unit): void {
  if (!ref.hasMetadata) {
    addDocumentMetadata(ref.sheet, UNIT_SHEET.metadataKey, unit.code);
    ref.hasMetadata = true;
  }
  if (!ref.hasNamedRange) {
    ss.setNamedRange(unitRangeName(unit.code), ref.sheet.getRange(ref.headerRow, 1, 1, UNIT_SHEET.columns));
    ref.hasNamedRange = true;
  }
}

/**
 * The unit sheet's protections, created or repaired: the whole sheet for the unit's emails and the
 * office (warning-only while the unit has no email), the header blocks for the office alone. Null when
 * the person running the action may not change one of them. Data cells are never read or written here.
 */
function secureUnitSheet(
  ref: UnitSheetRef,
  unit: Unit,
  office: readonly string[],
  sharing: Sharing,
  fresh = false
): ProtectionEntry[] | null {
  const { SpreadsheetApp } = services();
  const { sheet } = ref;
  const entries: ProtectionEntry[] = [];
  const existing = fresh ? null : (sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? null);
  if (unit.emails.length > 0) {
    const entry = secureSheet(
      sheet,
      um.sheetProtection(unit),
      [...office, ...unit.emails],
      sharing,
      existing
    );
    if (!entry) return null;
    entries.push(entry);
  } else {
    // Nobody to hand the sheet to yet: warn anyone who types here, and report it to the clerk.
    const protection = existing ?? sheet.protect().setDescription(um.sheetProtection(unit));
    if (!existing || !existing.isWarningOnly()) {
      if (existing && !existing.canEdit()) return null;
      protection.setWarningOnly(true);
    }
    entries.push(entryOf(sheet, null, [], true));
  }
  const ranges = fresh ? [] : sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  const offset = ref.headerRow - UNIT_SHEET.headerRow;
  const spans = (blocks: readonly (readonly [number, number])[]) =>
    blocks.map(([first, last]) => ({ row: first + offset, rows: last - first + 1 }));
  const at = (span: { row: number; rows: number }) =>
    ranges.find((p) => {
      const range = p.getRange();
      return range.getRow() === span.row && range.getNumRows() === span.rows && range.getColumn() === 1;
    });
  // The oldest layout protected rows 1–5 and 7 apart (row 6 held a stamp onEdit wrote): one block now.
  for (const span of spans(UNIT_SHEET.clerkOnlyBlocks)) {
    const { row, rows } = span;
    const create = () =>
      sheet.getRange(row, 1, rows, UNIT_SHEET.columns).protect().setDescription(um.headerProtection);
    const kept = secureProtection(at(span), create, office, sharing);
    if (!kept) return null;
    entries.push(entryOf(sheet, `${a1(row, 1)}:${a1(row + rows - 1, UNIT_SHEET.columns)}`, kept, false));
  }
  // Kiểm tra and its helpers, from the table header to the grid's last row: the office's alone, since their
  // formulas are the checks. A sheet without the column (its cells were someone's) has none.
  if (sheet.getMaxColumns() >= LAST_COLUMN) {
    const rows = sheet.getMaxRows() - ref.headerRow + 1;
    let found = ranges.find((p) => {
      const range = p.getRange();
      return range.getRow() === ref.headerRow && range.getColumn() === COLUMN;
    });
    if (
      found &&
      (found.getRange().getNumRows() !== rows || found.getRange().getNumColumns() !== CHECK_WIDTH)
    ) {
      // The grid grew (or shrank) since: a protection of the new size replaces it.
      if (!found.canEdit()) return null;
      found.remove();
      found = undefined;
    }
    const create = () =>
      sheet.getRange(ref.headerRow, COLUMN, rows, CHECK_WIDTH).protect().setDescription(um.checkProtection);
    const kept = secureProtection(found, create, office, sharing);
    if (!kept) return null;
    const cells = `${a1(ref.headerRow, COLUMN)}:${a1(ref.headerRow + rows - 1, LAST_COLUMN)}`;
    entries.push(entryOf(sheet, cells, kept, false));
  }
  // A sheet of the oldest layout: its two header protections go once the new one is in place (a stop in
  // between leaves the header covered twice, never uncovered).
  for (const span of spans(UNIT_SHEET.oldClerkOnlyBlocks)) {
    const old = at(span);
    if (!old) continue;
    if (!old.canEdit()) return null;
    old.remove();
  }
  return entries;
}

/** The hidden sheet new unit sheets are copied from (insertSheet's template), found by its role. */
export const TEMPLATE_ROLE = 'unittemplate';
/** Set last on a finished template: what it holds, so that a template of another version is made again. */
export const TEMPLATE_VERSION_KEY = 'tonghop.template';

export function templateVersion(formulas: Formulas, year: number): string {
  const first = UNIT_SHEET.firstDataRow;
  return fingerprint(
    JSON.stringify([
      UNIT_SHEET,
      staticHeaderBlock(),
      sttFormula(formulas, first),
      birthYearRule(formulas, columnLetter(UNIT_SHEET_COL.birthYear), first, year),
      checkFormulasRow(formulas, UNIT_SHEET.headerRow, unitSheetRowCount(), year),
      um.birthYearHelp,
      vm.headerNote,
      vm.helperNote,
    ])
  );
}

/**
 * The template for new unit sheets, made once per version: everything a unit sheet holds but the unit's
 * own header cells, tags and protections (which a copy does not carry, the stricter reading). Hidden,
 * and protected for the office alone, since whoever edits it shapes every new unit sheet. A half-made or
 * outdated one is deleted and made again. Null when the person running the action may not replace it:
 * unit sheets are then made cell by cell as before.
 */
function ensureUnitTemplate(
  ss: Spreadsheet,
  tags: readonly SheetTag[],
  formulas: Formulas,
  year: number,
  office: readonly string[],
  sharing: Sharing
): Sheet | null {
  const { SpreadsheetApp } = services();
  const version = templateVersion(formulas, year);
  const current = ss.getRangeByName(roleRangeName(TEMPLATE_ROLE))?.getSheet() ?? null;
  if (current) {
    const id = current.getSheetId();
    const ready = tags.some(
      (tag) => tag.key === TEMPLATE_VERSION_KEY && tag.value === version && tag.sheet.getSheetId() === id
    );
    if (ready) return current;
    const protection = current.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    if (protection && !protection.canEdit()) return null;
    ss.deleteSheet(current);
  }
  const sheet = insertRoleSheet(ss, TEMPLATE_ROLE, um.templateName, ss.getSheets().length);
  layOutUnitSheet(sheet, formulas, year);
  sheet.getRange(1, 1, UNIT_SHEET.headerRow, UNIT_SHEET.columns).setValues(staticHeaderBlock());
  secureSheet(sheet, um.templateProtection, office, sharing, null);
  sheet.hideSheet();
  addDocumentMetadata(sheet, TEMPLATE_VERSION_KEY, version);
  return sheet;
}

/** Tags of the template that a copy may carry (Google does not say): the copy is a unit sheet, not a template. */
export function dropTemplateTags(sheet: Sheet, metadata = sheet.getDeveloperMetadata()): void {
  for (const m of metadata) {
    const key = m.getKey();
    if (key === TEMPLATE_VERSION_KEY || (key === ROLE_KEY && m.getValue() === TEMPLATE_ROLE)) m.remove();
  }
}

/**
 * Creates a unit's sheet: a copy of the template when there is one (one call instead of some forty), else
 * a blank sheet filled cell by cell. It is tagged and protected right after insertSheet, before its
 * header is written, so an execution stopped midway leaves a tagged, protected tab that the next run
 * finishes (completeUnitSheet is safe to repeat) rather than an untagged one that it would duplicate.
 */
function createUnitSheet(
  ss: Spreadsheet,
  unit: Unit,
  tab: string,
  index: number,
  campaign: CampaignText,
  office: readonly string[],
  sharing: Sharing,
  formulas: Formulas,
  year: number,
  template: Sheet | null
): UnitSheetRef & { protections: ProtectionEntry[] } {
  if (!template) {
    const blank = ss.insertSheet(tab, index);
    return completeUnitSheet(ss, blank, unit, campaign, office, sharing, formulas, year, true);
  }
  const sheet = ss.insertSheet(tab, index, { template });
  // A copy of a hidden template may come out hidden (labnol/code#1 shows each copy explicitly).
  sheet.showSheet();
  dropTemplateTags(sheet);
  const ref: UnitSheetRef = {
    sheet,
    headerRow: UNIT_SHEET.headerRow,
    hasNamedRange: false,
    hasMetadata: false,
  };
  tagUnitSheet(ss, ref, unit);
  const protections = secureUnitSheet(ref, unit, office, sharing, true) ?? [];
  writeUnitHeader(sheet, unit, campaign);
  return { ...ref, protections };
}

/**
 * Tags, protects and fills a new unit sheet, or one a stopped execution left half made (`fresh` false:
 * existing tags and protections are found and kept, the template written again; data columns untouched).
 */
function completeUnitSheet(
  ss: Spreadsheet,
  sheet: Sheet,
  unit: Unit,
  campaign: CampaignText,
  office: readonly string[],
  sharing: Sharing,
  formulas: Formulas,
  year: number,
  fresh = false
): UnitSheetRef & { protections: ProtectionEntry[] } {
  const metadata = fresh ? [] : sheet.getDeveloperMetadata();
  const ref: UnitSheetRef = {
    sheet,
    headerRow: UNIT_SHEET.headerRow,
    hasNamedRange: !fresh && sheet.getNamedRanges().some((n) => n.getName() === unitRangeName(unit.code)),
    hasMetadata: metadata.some((m) => m.getKey() === UNIT_SHEET.metadataKey),
  };
  if (!fresh) {
    // Perhaps a copy of the template that a stopped execution left before showing and untagging it.
    dropTemplateTags(sheet, metadata);
    if (sheet.isSheetHidden()) sheet.showSheet();
  }
  tagUnitSheet(ss, ref, unit);
  // A new sheet's protections are the runner's own: they can always set them.
  const protections = secureUnitSheet(ref, unit, office, sharing, fresh) ?? [];
  layOutUnitSheet(sheet, formulas, year);
  writeUnitHeader(sheet, unit, campaign);
  return { ...ref, protections };
}

/** The unit's header block, A1:F7 (the stamp, G6, is not in it). */
function writeUnitHeader(sheet: Sheet, unit: Unit, campaign: CampaignText): void {
  sheet.getRange(1, 1, UNIT_SHEET.headerRow, UNIT_SHEET.columns).setValues(unitHeaderBlock(unit, campaign));
}

/**
 * Everything of a unit sheet but its header values: Stt formulas, formats, merges, widths, the Kiểm tra
 * column and its formulas, Năm sinh's format and validation. Data columns B–F are never written.
 */
export function layOutUnitSheet(sheet: Sheet, formulas: Formulas, year: number): void {
  const rows = unitSheetRowCount();
  const columns = UNIT_SHEET.columns;
  resizeGrid(sheet, rows, UNIT_SHEET.lastColumn);
  const first = UNIT_SHEET.firstDataRow;
  sheet
    .getRange(first, UNIT_SHEET_COL.stt, UNIT_SHEET.dataRows, 1)
    .setFormulas(Array.from({ length: UNIT_SHEET.dataRows }, (_, i) => [sttFormula(formulas, first + i)]));
  const all = sheet.getRange(1, 1, rows, columns);
  all.setFontFamily(UNIT_SHEET.font).setFontSize(12).setVerticalAlignment('middle');
  for (const [row, from, to] of UNIT_SHEET.merges) sheet.getRange(row, from, 1, to - from + 1).merge();
  sheet.getRange(1, 1, 2, columns).setHorizontalAlignment('center').setFontWeight('bold');
  sheet.getRange(1, 1).setFontWeight('normal');
  sheet.getRange(4, 1).setFontWeight('bold').setFontSize(13).setHorizontalAlignment('center').setWrap(true);
  sheet.getRange(5, 1).setFontStyle('italic').setFontSize(11).setWrap(true);
  sheet
    .getRange(UNIT_SHEET.headerRow, 1, 1, columns)
    .setFontWeight('bold')
    .setHorizontalAlignment('center')
    .setBackground('#dbe7f5')
    .setWrap(true);
  sheet
    .getRange(UNIT_SHEET.headerRow, 1, UNIT_SHEET.dataRows + 1, columns)
    .setBorder(true, true, true, true, true, true);
  sheet.getRange(first, UNIT_SHEET_COL.stt, UNIT_SHEET.dataRows, 1).setHorizontalAlignment('center');
  sheet.setFrozenRows(UNIT_SHEET.headerRow);
  setColumnWidths(sheet, UNIT_SHEET.columnWidths);
  layOutYearColumn(sheet, UNIT_SHEET.headerRow, rows, formulas, year);
  writeCheckColumn(sheet, UNIT_SHEET.headerRow, formulas, year);
  writeDoneTick(sheet, UNIT_SHEET.headerRow);
}

/**
 * Rewrites the header block (name, who may type, deadlines) when it no longer matches the units table;
 * returns whether anything changed. A header of an older version is rewritten too: its row 6 held the
 * "Cập nhật lần cuối" stamp an onEdit trigger wrote (F6/G6, or A6/C6 merged in pairs), which Tổng hợp
 * replaces with the moment it first saw a list change; the stamp cell after the form (G6) is cleared when
 * it holds one. Data rows are never read or written here.
 */
export function refreshUnitHeader(ref: UnitSheetRef, unit: Unit, campaign: CampaignText): boolean {
  const { sheet } = ref;
  const top = ref.headerRow - UNIT_SHEET.headerRow + 1;
  // The form's columns only: G7 is the corner of the Kiểm tra column's array, which nothing here compares.
  const current = sheet.getRange(top, 1, UNIT_SHEET.headerRow, UNIT_SHEET.columns).getValues();
  const wanted = unitHeaderBlock(unit, campaign);
  const stampRow = UNIT_SHEET.stampRow - 1;
  // A6 is the office's note from Trả lại (issue 22): a header rewrite keeps it; the old stamp's label goes.
  const note = current[stampRow][0];
  if (typeof note === 'string' && note !== '' && note !== um.lastUpdatedLabel)
    wanted[stampRow][0] = literalText(note);
  // F6 is the done tick's mirror (=N(G6)), 0 or 1, on every sheet of this version: G6 holds the tick then,
  // not an old stamp, and G is not read. Anything else there (an old version's label, a number that is a
  // date's) has G6:G7 read: a date above our own Kiểm tra header is the old stamp; a column G that is
  // someone's is left alone.
  const mirror = current[stampRow][UNIT_SHEET.columns - 1];
  const g =
    mirror === 0 || mirror === 1
      ? null
      : sheet.getRange(top + stampRow, UNIT_SHEET.checkColumn, 2, 1).getValues();
  const oldStamp = g !== null && isDateValue(g[0][0]) && isCheckColumnHeader(g[1][0]);
  const same = wanted.every((cells, r) =>
    cells.every((cell, c) => {
      // A formula (the done tick's mirror) reads back as its value: done-tick.ts keeps it.
      if (typeof cell === 'string' && cell.startsWith('=')) return true;
      const text = typeof cell === 'string' && cell.startsWith("'") ? cell.slice(1) : cell;
      return String(current[r][c]) === String(text);
    })
  );
  if (same && !oldStamp) return false;
  if (oldStamp) sheet.getRange(top + stampRow, UNIT_SHEET.checkColumn).clearContent();
  // The oldest layout merged A6:B6 and C6:D6 for its stamp.
  sheet.getRange(top + stampRow, 1, 1, UNIT_SHEET.columns).breakApart();
  sheet.getRange(top, 1, UNIT_SHEET.headerRow, UNIT_SHEET.columns).setValues(wanted);
  return true;
}

// Reading a unit sheet, which Tổng hợp, the check sidebar, the import and the reports share.

/** One batched read of a unit sheet; the header decides whether its columns can be trusted. */
export function readUnitSheet(unit: Unit, ref: UnitSheetRef | undefined): UnitSheetInput {
  const base = {
    unit,
    tab: '',
    sheetId: 0,
    url: '',
    firstDataRow: UNIT_SHEET.firstDataRow,
    rows: [],
    lastUpdated: '',
  };
  if (!ref) return { ...base, state: 'missing' };
  const sheet = ref.sheet;
  // The form's columns to the grid's last row: "A1:F", open-ended in A1 notation as in the Sheets API's
  // ("Sheet1!A5:B": rows from 5 on, developers.google.com/sheets/api/reference/rest/v4/spreadsheets#GridRange).
  // Not the Kiểm tra column after them, nor its hidden helpers: no reader needs them.
  const values = sheet.getRange(`A1:${columnLetter(UNIT_SHEET.columns)}`).getValues();
  const header = values[ref.headerRow - 1] ?? [];
  const found = { ...base, tab: sheet.getName(), sheetId: sheet.getSheetId() };
  if (!isUnitTableHeader(header)) return { ...found, state: 'header-altered' };
  return {
    ...found,
    state: 'ok',
    firstDataRow: ref.headerRow + 1,
    rows: values.slice(ref.headerRow),
    done: doneTicked(values, ref.headerRow),
    formulas: dataFormulas(sheet, values, ref.headerRow),
  };
}

/**
 * The formulas in the data cells (Họ và tên … Ghi chú under the header, to the last row that shows
 * anything): one more read, Range.getFormulas ("Returns the formulas (A1 notation) for the cells in the
 * range. Entries in the 2D array are empty strings for cells with no formula",
 * developers.google.com/apps-script/reference/spreadsheet/range#getformulas; scope spreadsheets, as
 * getValues). getValues gives a formula's computed value, which a unit can make anything (issue 25): a row
 * holding one is not counted (core/formula-cells.ts). A formula that shows nothing below the last row that
 * shows something counts for nothing, so the rows under it are not read.
 */
function dataFormulas(
  sheet: Sheet,
  values: readonly (readonly unknown[])[],
  headerRow: number
): FormulaCell[] {
  let last = values.length;
  const shows = (row: readonly unknown[]) =>
    row.some((cell, c) => c >= UNIT_SHEET_COL.name - 1 && cell !== '');
  while (last > headerRow && !shows(values[last - 1])) last--;
  if (last <= headerRow) return [];
  const first = headerRow + 1;
  const columns = UNIT_SHEET.columns - UNIT_SHEET_COL.name + 1;
  const formulas = sheet.getRange(first, UNIT_SHEET_COL.name, last - headerRow, columns).getFormulas();
  const cells: FormulaCell[] = [];
  formulas.forEach((row, r) =>
    row.forEach((formula, c) => {
      if (formula !== '') cells.push({ row: first + r, column: UNIT_SHEET_COL.name + c, formula });
    })
  );
  return cells;
}

/** Reads every unit of the set-up table, in set-up order (refs: findUnitSheets, or the workbook context's). */
export function readUnits(units: readonly Unit[], refs: ReadonlyMap<string, UnitSheetRef>): UnitSheetInput[] {
  return units.map((unit) => readUnitSheet(unit, refs.get(codeIdentity(unit.code))));
}

// The "Kiểm tra" column of unit sheets (right after Ghi chú, outside the official form): each data row's
// verdict, computed by array formulas in its first data row (src/core/check-formulas.ts) from hidden helper
// columns after it, as people type, on any device and in any program: no trigger and no script. The
// column and its helpers are the office's (a protection of their own); Thiết lập writes the formulas and
// writes them again whenever they are not what this version wants (a paste over them, a grown grid, a new
// campaign year). Nothing here is trusted later: Tổng hợp and the sidebar recompute every row.

/** The summary's colours, so that red, amber and green mean the same everywhere. */
const COLOURS = { error: '#f4c7c3', warning: '#fce8b2', valid: '#b7e1cd', header: '#dbe7f5' };

const COLUMN = UNIT_SHEET.checkColumn;
const [FIRST_HELPER, LAST_COLUMN] = UNIT_SHEET.checkHelperColumns;
/** Kiểm tra and its helpers. */
const CHECK_WIDTH = LAST_COLUMN - COLUMN + 1;

function verdictRules(cells: Range) {
  const rule = () => services().SpreadsheetApp.newConditionalFormatRule().setRanges([cells]);
  return [
    rule().whenTextStartsWith(vm.errorPrefix.trim()).setBackground(COLOURS.error).build(),
    rule().whenTextStartsWith(vm.warningPrefix.trim()).setBackground(COLOURS.warning).build(),
    rule().whenTextEqualTo(vm.valid).setBackground(COLOURS.valid).build(),
  ];
}

/**
 * Notes, formats, colours and the hidden helpers of the column, from the table header down to the last row
 * of the grid (which must already have every column), then its formulas, in the header row (they give the
 * headers there): the cells they fill are cleared first (an array formula does not overwrite content:
 * Sheets shows #REF! instead).
 */
function writeCheckColumn(sheet: Sheet, headerRow: number, formulas: Formulas, year: number): void {
  const lastRow = sheet.getMaxRows();
  sheet
    .getRange(headerRow, COLUMN, 1, CHECK_WIDTH)
    .setFontWeight('bold')
    .setHorizontalAlignment('center')
    .setBackground(COLOURS.header);
  sheet.getRange(headerRow, COLUMN).setNote(vm.headerNote);
  sheet.getRange(headerRow, FIRST_HELPER).setNote(vm.helperNote);
  sheet
    .getRange(headerRow, COLUMN, lastRow - headerRow + 1, 1)
    .setFontFamily(UNIT_SHEET.font)
    .setFontSize(12)
    .setVerticalAlignment('middle')
    .setWrap(true)
    .setBorder(true, true, true, true, null, true);
  sheet.setColumnWidth(COLUMN, UNIT_SHEET.checkColumnWidth);
  const cells = sheet.getRange(headerRow + 1, COLUMN, Math.max(1, lastRow - headerRow), 1);
  const rules = sheet.getConditionalFormatRules().filter((rule) => !isVerdictRule(rule));
  sheet.setConditionalFormatRules([...rules, ...verdictRules(cells)]);
  sheet.hideColumns(FIRST_HELPER, LAST_COLUMN - FIRST_HELPER + 1);
  sheet.getRange(headerRow + 1, COLUMN, lastRow - headerRow, CHECK_WIDTH).clearContent();
  sheet
    .getRange(headerRow, COLUMN, 1, CHECK_WIDTH)
    .setFormulas([checkFormulasRow(formulas, headerRow, lastRow, year)]);
}

/** A rule of ours: it colours the "Kiểm tra" column and nothing else. */
function isVerdictRule(rule: ConditionalFormatRule): boolean {
  const ranges = rule.getRanges();
  return ranges.length > 0 && ranges.every((r) => r.getColumn() === COLUMN && r.getNumColumns() === 1);
}

/**
 * Gives the column its colours again down to the grid's last row, when they were lost (.xlsx from another
 * program); other rules are kept.
 */
function recolour(sheet: Sheet, headerRow: number): void {
  const rules = sheet.getConditionalFormatRules();
  const ours = rules.filter(isVerdictRule);
  const lastRow = sheet.getMaxRows();
  const covered =
    ours.length === 3 && ours.every((rule) => rule.getRanges().some((r) => r.getLastRow() >= lastRow));
  if (covered) return;
  const cells = sheet.getRange(headerRow + 1, COLUMN, Math.max(1, lastRow - headerRow), 1);
  sheet.setConditionalFormatRules([...rules.filter((rule) => !isVerdictRule(rule)), ...verdictRules(cells)]);
}

/**
 * Thiết lập's part, for a sheet that already exists: adds the columns when missing (after the last column,
 * so no typed cell moves), makes Năm sinh plain text, and writes the formulas when they are not this
 * version's (an older sheet's written verdicts, a paste over the formulas, a grown grid, another year);
 * otherwise only gives the colours back. Two reads on a sheet that is already right. Returns false,
 * touching nothing, when the cells after Ghi chú already hold something that is not ours.
 */
export function syncCheckColumn(sheet: Sheet, headerRow: number, formulas: Formulas, year: number): boolean {
  const values = sheet.getDataRange().getValues();
  const header = values[headerRow - 1] ?? [];
  // The column's formulas stand in the header row; a column of an older version has text there.
  const present = Math.min(CHECK_WIDTH, header.length - COLUMN + 1);
  const formulaRow = present > 0 ? sheet.getRange(headerRow, COLUMN, 1, present).getFormulas()[0] : [];
  const ourFormulas = String(formulaRow[0] ?? '').startsWith('=ARRAYFORMULA(');
  const wantedHeaders = checkHeaders();
  const ours = (c: number) => String(header[c - 1] ?? '') === wantedHeaders[c - COLUMN];
  if (!ourFormulas && (!isCheckColumnHeader(header[COLUMN - 1]) || !ours(FIRST_HELPER))) {
    // A "Kiểm tra" column of an older version (written verdicts, a stamp above its header) is ours, and the
    // formulas overwrite it; anything else after Ghi chú is someone's typing. (Below our own formulas,
    // whatever was typed over their results is the office's paste, which the formulas replace.)
    const from = isCheckColumnHeader(header[COLUMN - 1]) ? FIRST_HELPER : COLUMN;
    // The unit's "done" tick (a boolean in G6) is ours too.
    const tick = tickRow(headerRow) - 1;
    const someones = values.some((row, r) =>
      row.some(
        (cell, i) =>
          i + 1 >= from &&
          i + 1 <= LAST_COLUMN &&
          String(cell) !== '' &&
          !(r === tick && i + 1 === DONE_TICK.column && typeof cell === 'boolean')
      )
    );
    if (someones) return false;
  }
  const columns = sheet.getMaxColumns();
  if (columns < LAST_COLUMN) sheet.insertColumnsAfter(columns, LAST_COLUMN - columns);
  const lastRow = sheet.getMaxRows();
  if (!doneTickReady(values, headerRow))
    writeDoneTick(sheet, headerRow, values[tickRow(headerRow) - 1]?.[DONE_TICK.column - 1] ?? '');
  const wanted = checkFormulasRow(formulas, headerRow, lastRow, year);
  const current =
    wantedHeaders.every((_, i) => ours(COLUMN + i)) &&
    wanted.every((formula, i) => formulaRow[i] === formula) &&
    // A spill blocked by something typed over it reads back as an error.
    !isErrorValue(header[COLUMN - 1]);
  if (current) {
    recolour(sheet, headerRow);
    return true;
  }
  layOutYearColumn(sheet, headerRow, lastRow, formulas, year);
  writeCheckColumn(sheet, headerRow, formulas, year);
  return true;
}

/**
 * "Năm sinh" as plain text from the first data row down, with its validation rule (a warning and help text,
 * never a refusal). Values already there keep their type: a number typed before stays a number.
 */
function layOutYearColumn(
  sheet: Sheet,
  headerRow: number,
  lastRow: number,
  formulas: Formulas,
  year: number
): void {
  const { SpreadsheetApp } = services();
  const first = headerRow + 1;
  const cells = sheet.getRange(first, UNIT_SHEET_COL.birthYear, lastRow - headerRow, 1);
  cells.setNumberFormat(PLAIN_TEXT).setHorizontalAlignment('center');
  cells.setDataValidation(
    SpreadsheetApp.newDataValidation()
      .requireFormulaSatisfied(birthYearRule(formulas, columnLetter(UNIT_SHEET_COL.birthYear), first, year))
      .setAllowInvalid(true)
      .setHelpText(um.birthYearHelp)
      .build()
  );
}

/** Google's number format for plain text ("Format → Number → Plain text"), which keeps what is typed as text. */
const PLAIN_TEXT = '@';

// The model every action uses.

/**
 * A workbook's unit sheets as one model (the workbook context's `unitSheets`): found by their tags on
 * first ask (no service call), read, refreshed, and for Thiết lập created, tagged and protected.
 */
export function unitSheetsOf(ss: Spreadsheet, tags: readonly SheetTag[]) {
  const all = once((): ReadonlyMap<string, UnitSheetRef> => findUnitSheets(tags));
  const of = (unit: Unit): UnitSheetRef | undefined => all().get(codeIdentity(unit.code));
  return {
    /** The unit sheets by code identity. Shared: a caller that adds to it copies it first. */
    all,
    of,
    /** One batched read of the unit's sheet ('missing' when it has none). */
    read: (unit: Unit): UnitSheetInput => readUnitSheet(unit, of(unit)),
    /** Every unit of the set-up table, in set-up order: one read each. */
    readAll: (units: readonly Unit[]): UnitSheetInput[] => readUnits(units, all()),
    /** Whether the runner may write the sheet's data rows (asked before writing). */
    canEdit: (ref: UnitSheetRef): boolean => canEditSheet(ref.sheet),
    // Thiết lập đơn vị's part.
    campaignText,
    /** Whether a sheet carries a unit's metadata (a copy of the template may carry only the template's). */
    isTagged: (sheet: Sheet): boolean =>
      sheet.getDeveloperMetadata().some((m) => m.getKey() === UNIT_SHEET.metadataKey),
    tag: (ref: UnitSheetRef, unit: Unit): void => tagUnitSheet(ss, ref, unit),
    /** Adds or repairs the "Kiểm tra" column and its formulas; false when its cells hold someone's data. */
    syncCheckColumn: (ref: UnitSheetRef, formulas: Formulas, year: number): boolean =>
      syncCheckColumn(ref.sheet, ref.headerRow, formulas, year),
    refreshHeader: refreshUnitHeader,
    secure: secureUnitSheet,
    /** The template for new unit sheets, made when missing or outdated (null: not the runner's to replace). */
    ensureTemplate: (
      formulas: Formulas,
      year: number,
      office: readonly string[],
      sharing: Sharing
    ): Sheet | null => ensureUnitTemplate(ss, tags, formulas, year, office, sharing),
    /** The template as the document holds it now. */
    template: (): Sheet | null => ss.getRangeByName(roleRangeName(TEMPLATE_ROLE))?.getSheet() ?? null,
    create: (...args: AfterSpreadsheet<Parameters<typeof createUnitSheet>>) => createUnitSheet(ss, ...args),
    complete: (...args: AfterSpreadsheet<Parameters<typeof completeUnitSheet>>) =>
      completeUnitSheet(ss, ...args),
    /** Duyệt (accept) or Trả lại on the unit's tab (unit-review.ts); false: not the runner's to change. */
    review: reviewTab,
    perUnitFiles: false as const,
  };
}

/** A function's parameters after the spreadsheet, which the model already holds. */
type AfterSpreadsheet<P extends unknown[]> = P extends [Spreadsheet, ...infer Rest] ? Rest : never;

export type UnitSheets = ReturnType<typeof unitSheetsOf>;
