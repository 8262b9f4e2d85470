/**
 * The unit's "done" tick in its header (row 6): a native checkbox in G6, which its staff tick on any
 * device with no script, mirrored by the office's F6 (=N(G6), shown as a label by its number format) so
 * that every reader's one batched read of A–F sees it. See DONE_TICK in src/core/layout.ts.
 */
import { services, type Sheet } from '../contract/apps-script';
import { DONE_TICK, doneTickMirror } from '../core/layout';
import { followUpMessages as fm } from '../core/messages/follow-up';
import { isDateValue } from '../core/text';

/** F6's number format: 1 (ticked) and 0 (not) each shown as their label. */
const MIRROR_FORMAT = `"${fm.tickedLabel}";"";"${fm.tickLabel}"`;

/** The tick's row for a sheet whose table header is on `headerRow`. */
export const tickRow = (headerRow: number): number => headerRow - UNIT_HEADER_ROW + DONE_TICK.row;
const UNIT_HEADER_ROW = 7;

/**
 * Whether the tick is in place, from values read from A1 across to G at least: the mirror answers 1 or 0
 * and the checkbox holds a boolean. No call.
 */
export function doneTickReady(values: readonly (readonly unknown[])[], headerRow: number): boolean {
  const row = values[tickRow(headerRow) - 1] ?? [];
  const mirror = row[DONE_TICK.mirrorColumn - 1];
  return (mirror === 0 || mirror === 1) && typeof row[DONE_TICK.column - 1] === 'boolean';
}

/**
 * Writes the checkbox (unticked unless already a boolean), its note, and the mirror with its format. A cell
 * G6 holding something else than a tick or the old "Cập nhật lần cuối" stamp is someone's: left alone.
 */
export function writeDoneTick(sheet: Sheet, headerRow: number, current?: unknown): void {
  const row = tickRow(headerRow);
  if (current !== undefined && current !== '' && typeof current !== 'boolean' && !isDateValue(current))
    return;
  const tick = sheet.getRange(row, DONE_TICK.column);
  tick.setDataValidation(services().SpreadsheetApp.newDataValidation().requireCheckbox().build());
  if (typeof current !== 'boolean') tick.setValue(false);
  tick.setNote(fm.tickNote).setHorizontalAlignment('left');
  sheet
    .getRange(row, DONE_TICK.mirrorColumn)
    .setFormulas([[doneTickMirror(row)]])
    .setNumberFormat(MIRROR_FORMAT)
    .setHorizontalAlignment('right')
    .setFontStyle('italic');
}
