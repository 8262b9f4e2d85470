/**
 * The "Kiểm tra" column of unit sheets (right after Ghi chú, outside the official form): each data
 * row's verdict under the row rules of Tổng hợp, kept current by onEdit and filled by Thiết lập.
 *
 * onEdit is a simple trigger: it runs as the person typing (on a phone too, where no menu or sidebar
 * exists), within 30 seconds, and may not use services that need authorisation. So the column's cells
 * are not in the office-only blocks, and every pass is one read of the sheet and at most one write of
 * the part of the column that changed. Nothing here is trusted later: Tổng hợp and the sidebar recompute.
 */
import { services, type ConditionalFormatRule, type Range, type Sheet } from './apps-script';
import { isCheckColumnHeader, isLastUpdatedLabel, lastUpdatedCell, UNIT_SHEET } from '../core/layout';
import { verdictMessages as vm } from '../core/messages/verdict';
import { changedSpan, unitVerdicts } from '../core/verdict';
import { currentYear } from './sheet-utils';

/** The summary's colours, so that red, amber and green mean the same everywhere. */
const COLOURS = { error: '#f4c7c3', warning: '#fce8b2', valid: '#b7e1cd', header: '#dbe7f5' };

const COLUMN = UNIT_SHEET.checkColumn;

function verdictRules(cells: Range) {
  const rule = () => services().SpreadsheetApp.newConditionalFormatRule().setRanges([cells]);
  return [
    rule().whenTextStartsWith(vm.errorPrefix.trim()).setBackground(COLOURS.error).build(),
    rule().whenTextStartsWith(vm.warningPrefix.trim()).setBackground(COLOURS.warning).build(),
    rule().whenTextEqualTo(vm.valid).setBackground(COLOURS.valid).build(),
  ];
}

/**
 * Header, note, formats and colours of the column, from the table header down to the last row of the
 * grid (which must already have the column). Writes no verdict.
 */
export function layOutCheckColumn(sheet: Sheet, headerRow: number): void {
  const lastRow = sheet.getMaxRows();
  sheet
    .getRange(headerRow, COLUMN)
    .setValue(vm.header)
    .setNote(vm.headerNote)
    .setFontWeight('bold')
    .setHorizontalAlignment('center')
    .setBackground(COLOURS.header);
  const cells = sheet.getRange(headerRow + 1, COLUMN, Math.max(1, lastRow - headerRow), 1);
  sheet
    .getRange(headerRow, COLUMN, lastRow - headerRow + 1, 1)
    .setFontFamily(UNIT_SHEET.font)
    .setFontSize(12)
    .setVerticalAlignment('middle')
    .setWrap(true)
    .setBorder(true, true, true, true, null, true);
  sheet.setColumnWidth(COLUMN, UNIT_SHEET.checkColumnWidth);
  sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), ...verdictRules(cells)]);
}

/** A rule of ours: it colours the "Kiểm tra" column and nothing else. */
function isVerdictRule(rule: ConditionalFormatRule): boolean {
  const ranges = rule.getRanges();
  return ranges.length > 0 && ranges.every((r) => r.getColumn() === COLUMN && r.getNumColumns() === 1);
}

/**
 * Gives the column its colours again down to the grid's last row, when they were lost (.xlsx from another
 * program) or the sheet has grown below them (rows added by the import); other rules are kept.
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
 * Writes the verdicts that differ from what the column holds, in one call over the rows from the first
 * to the last that differ (so the rows an edit affects elsewhere, like the second copy of a person, are
 * included). `values` is the sheet's data range, from row 1. Returns whether anything was written.
 */
function writeVerdicts(sheet: Sheet, headerRow: number, values: readonly unknown[][], year: number): boolean {
  const data = values.slice(headerRow);
  const wanted = unitVerdicts(data, headerRow + 1, year);
  const span = changedSpan(
    data.map((row) => row[COLUMN - 1]),
    wanted
  );
  if (span === null) return false;
  sheet
    .getRange(headerRow + 1 + span.first, COLUMN, span.last - span.first + 1, 1)
    .setValues(wanted.slice(span.first, span.last + 1).map((verdict) => [verdict]));
  return true;
}

/**
 * onEdit's part, and what a script's own writes call (they fire no onEdit: the import, the sidebar's
 * fixes): one read of the sheet and at most one write (two with `stamp`: "Cập nhật lần cuối" set to now,
 * in the cell the sheet's layout keeps it). A sheet with no "Kiểm tra" header yet (not set up again since
 * the column came) gets no verdicts: its column G may hold someone's typing. Never throws: the verdicts
 * are a help for the person typing, and Tổng hợp and the sidebar recompute them anyway.
 */
export function refreshCheckColumn(sheet: Sheet, headerRow: number, stamp = false): void {
  try {
    const values = sheet.getDataRange().getValues();
    if (stamp) {
      const cell = lastUpdatedCell(values, headerRow);
      try {
        sheet.getRange(cell.row, cell.column).setValue(new Date());
      } catch {
        // No right to the stamp cell (e.g. a warning-only sheet's visitor): the edit itself stands.
      }
    }
    if (!isCheckColumnHeader(values[headerRow - 1]?.[COLUMN - 1])) return;
    writeVerdicts(sheet, headerRow, values, currentYear());
  } catch {
    // e.g. a visitor of a warning-only sheet whose write is refused: what they typed stands.
  }
}

/**
 * Thiết lập's part, for a sheet that already exists: adds the column when missing (after the last
 * column, so no typed cell moves), gives it its colours again when they were lost or no longer reach
 * the last row, and fills the verdicts of the rows already there. Returns false, touching nothing, when the
 * cells right after Ghi chú already hold something that is not ours.
 */
export function syncCheckColumn(sheet: Sheet, headerRow: number): boolean {
  const values = sheet.getDataRange().getValues();
  if (isCheckColumnHeader(values[headerRow - 1]?.[COLUMN - 1])) {
    recolour(sheet, headerRow);
  } else {
    // The stamp and its label's row are ours (G6 beside F6's label), not someone's typing.
    const stampRow = lastUpdatedCell(values, headerRow).row;
    const ours = (r: number) =>
      r === stampRow - 1 && isLastUpdatedLabel(values[r][UNIT_SHEET.lastUpdatedLabelColumn - 1]);
    if (values.some((row, r) => !ours(r) && String(row[COLUMN - 1] ?? '') !== '')) return false;
    const columns = sheet.getMaxColumns();
    if (columns < COLUMN) sheet.insertColumnsAfter(columns, COLUMN - columns);
    layOutCheckColumn(sheet, headerRow);
  }
  writeVerdicts(sheet, headerRow, values, currentYear());
  return true;
}
