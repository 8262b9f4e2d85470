/**
 * Duyệt and Trả lại on a unit's sheet (review.ts is the room): an accepted list is locked for the office
 * alone, a returned one opened again with its tick cleared; either way the office's note goes into the
 * unit's header (A6, the office's cell), where its staff see it.
 *
 * In a unit's own file the one sheet protection is the office's with the data cells and the tick left
 * open: Duyệt closes them and marks the protection by its description (Thiết lập keeps it closed), Trả lại
 * opens them again. In the shared design the unit's staff edit its tab through the sheet's protection:
 * Duyệt adds a range protection of the data cells for the office alone, Trả lại removes it.
 */
import { services, type Range, type Sheet } from '../contract/apps-script';
import { DONE_TICK, UNIT_SHEET, UNIT_SHEET_COL } from '../core/layout';
import { literalText } from '../core/formulas';
import { followUpMessages as fm } from '../core/messages/follow-up';
import { unitSheetMessages as um } from '../core/messages/setup';
import type { Unit } from '../core/units';
import { secureProtection, secureSheet, type Sharing } from './protections';
import { tickRow } from './done-tick';

interface SheetRef {
  sheet: Sheet;
  headerRow: number;
}

/** The data cells (Họ và tên … Ghi chú, every row under the header) and the unit's tick. */
export function openRanges(ref: SheetRef): Range[] {
  const rows = Math.max(1, ref.sheet.getMaxRows() - ref.headerRow);
  return [
    ref.sheet.getRange(
      ref.headerRow + 1,
      UNIT_SHEET_COL.name,
      rows,
      UNIT_SHEET.columns - UNIT_SHEET_COL.name + 1
    ),
    ref.sheet.getRange(tickRow(ref.headerRow), DONE_TICK.column),
  ];
}

/** The office's note in the unit's header, and the tick set (false: cleared) in one write each. */
function writeHeader(ref: SheetRef, note: string, tick: boolean | null): void {
  const row = tickRow(ref.headerRow);
  ref.sheet.getRange(row, DONE_TICK.noteColumn).setValue(literalText(note));
  if (tick !== null) ref.sheet.getRange(row, DONE_TICK.column).setValue(tick);
}

/** A unit's own file: locked (true) or opened again; false when the runner may not change its protection. */
export function reviewFile(
  ref: SheetRef,
  unit: Unit,
  accept: boolean,
  note: string,
  office: readonly string[],
  sharing: Sharing
): boolean {
  const { SpreadsheetApp } = services();
  let protection = ref.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  if (!protection) {
    // A file without its protection (a .xlsx sent back, which holds none): the office's again, then locked.
    if (!secureSheet(ref.sheet, um.fileProtection(unit), office, sharing, null)) return false;
    protection = ref.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  }
  if (!protection || !protection.canEdit()) return false;
  if (accept) {
    protection.setDescription(fm.lockDescription(unit.name)).setUnprotectedRanges([]);
    writeHeader(ref, note, null);
  } else {
    protection.setDescription(um.fileProtection(unit)).setUnprotectedRanges(openRanges(ref));
    writeHeader(ref, note, false);
  }
  return true;
}

/** A unit's tab in the shared file: the data cells' lock added (accept) or removed. */
export function reviewTab(
  ref: SheetRef,
  unit: Unit,
  accept: boolean,
  note: string,
  office: readonly string[],
  sharing: Sharing
): boolean {
  const description = fm.lockDescription(unit.name);
  const locks = ref.sheet
    .getProtections(services().SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === description);
  if (locks.some((p) => !p.canEdit())) return false;
  if (accept) {
    const [cells] = openRanges(ref);
    const create = () => cells.protect().setDescription(description);
    // One lock of the data cells as they are now (a lock of an older, smaller grid is replaced).
    for (const old of locks.slice(1)) old.remove();
    const existing = locks[0];
    if (existing && existing.getRange().getNumRows() !== cells.getNumRows()) {
      existing.remove();
      if (!secureProtection(undefined, create, office, sharing)) return false;
    } else if (!secureProtection(existing, create, office, sharing)) return false;
    writeHeader(ref, note, null);
  } else {
    for (const lock of locks) lock.remove();
    writeHeader(ref, note, false);
  }
  return true;
}
