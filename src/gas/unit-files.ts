/**
 * Units' own files (Cấu hình's "Cách tổ chức": Mỗi đơn vị một tệp): each unit types into a spreadsheet of
 * its own, shared with its staff and the office only, holding one sheet laid out as a unit sheet and no
 * script. The office's script opens a unit's file by the id in Cấu hình's "Tệp của đơn vị"
 * (SpreadsheetApp.openById, the `spreadsheets` scope: any office member, not only its creator) and trusts
 * it only when the file says it is that unit's, of this ward: the unit's tags (developer metadata and the
 * TH_UNIT_<code> named range) and the ward's key (TH_WARD_<key>).
 *
 * The read side (`unitFilesOf`) is what Tổng hợp, Kiểm tra dữ liệu, Nhập từ tệp and the unit's report use;
 * the rest is Thiết lập's part (setup-files.ts walks the units): the template file, a unit's file copied
 * from it, tagged, given its header, protected and shared.
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { UNIT_SHEET, UNIT_SHEET_COL } from '../core/layout';
import { followUpMessages as fm } from '../core/messages/follow-up';
import { openRanges, reviewFile } from './unit-review';
import { codeIdentity, type Unit } from '../core/units';
import type { UnitSheetInput } from '../core/consolidate';
import { spreadsheetLink } from '../core/drive-links';
import { columnLetter, type Formulas } from '../core/formulas';
import { unitSheetMessages as um } from '../core/messages/setup';
import { secureSheet, type ProtectionEntry, type Sharing } from './protections';
import { canEditSheet, sheetTags, WARD_KEY, wardRangeName, type SheetTag } from './sheet-utils';
import {
  dropTemplateTags,
  findUnitSheets,
  readUnitSheet,
  syncCheckColumn,
  tagUnitSheet,
  TEMPLATE_ROLE,
  TEMPLATE_VERSION_KEY,
  type UnitSheetRef,
} from './unit-sheets';

/** A unit's file, opened, and its unit sheet. */
export interface UnitFileRef extends UnitSheetRef {
  file: Spreadsheet;
}

/** What opening a unit's file found. */
export type OpenedFile =
  | { state: 'ok'; ref: UnitFileRef }
  /** No link in Cấu hình yet (Thiết lập makes the file). */
  | { state: 'no-file' }
  /** openById refused: deleted for ever, or not shared with the person running the action. */
  | { state: 'unreachable' }
  /** In the owner's trash (only the owner's Drive calls can tell). */
  | { state: 'trashed' }
  /** Another unit's or another ward's file, or a spreadsheet tonghop did not make. */
  | { state: 'foreign' }
  /** A copy of the template that Thiết lập has not finished (stopped before tagging it). */
  | { state: 'unfinished'; file: Spreadsheet; sheet: Sheet };

/** Whether a sheet is (a copy of) the unit files' template: its version or role tag. */
function isTemplateCopy(tags: readonly SheetTag[], sheet: Sheet): boolean {
  const id = sheet.getSheetId();
  return tags.some(
    (tag) =>
      tag.sheet.getSheetId() === id &&
      (tag.key === TEMPLATE_VERSION_KEY || (tag.key === 'tonghop.role' && tag.value === TEMPLATE_ROLE))
  );
}

/**
 * Opens a unit's file and tells whether it is the unit's: three calls besides openById (the tags, two;
 * the sheets, one, only for a file without the unit's tags). `wardKey` null: the office has none yet, and
 * only the unit's tags are checked.
 */
export function openUnitFile(
  unit: Unit,
  wardKey: string | null,
  trashed: ReadonlySet<string> = new Set()
): OpenedFile {
  if (unit.fileId === '') return { state: 'no-file' };
  if (trashed.has(unit.fileId)) return { state: 'trashed' };
  let file: Spreadsheet;
  try {
    file = services().SpreadsheetApp.openById(unit.fileId);
  } catch {
    // "You do not have permission to access the requested document.", for a file deleted for ever too.
    return { state: 'unreachable' };
  }
  const tags = sheetTags(file);
  const wards = tags.filter((tag) => tag.key === WARD_KEY).map((tag) => tag.value);
  if (wardKey !== null && wards.length > 0 && !wards.includes(wardKey)) return { state: 'foreign' };
  const ref = findUnitSheets(tags).get(codeIdentity(unit.code));
  if (ref) {
    // A file tagged for the unit but not for the ward is another ward's (made before it had a key: never).
    if (wardKey !== null && wards.length === 0) return { state: 'foreign' };
    return { state: 'ok', ref: { ...ref, file } };
  }
  const untagged = findUnitSheets(tags).size === 0;
  const sheet = untagged ? file.getSheets()[0] : undefined;
  if (sheet && isTemplateCopy(tags, sheet)) return { state: 'unfinished', file, sheet };
  return { state: 'foreign' };
}

/** One batched read of a unit's file, as readUnitSheet reads a tab, with the file's link. */
function readOpened(unit: Unit, opened: OpenedFile): UnitSheetInput {
  if (opened.state === 'ok') {
    const read = readUnitSheet(unit, opened.ref);
    // A unit's file holds its sheet alone: any other tab (one call, Spreadsheet.getSheets) is named, since a
    // spare tab is where an IMPORTRANGE waiting for the office's "Allow access" would sit (issue 25).
    const id = opened.ref.sheet.getSheetId();
    const otherSheets = opened.ref.file
      .getSheets()
      .filter((sheet) => sheet.getSheetId() !== id)
      .map((sheet) => sheet.getName());
    return { ...read, url: spreadsheetLink(unit.fileId), ...(otherSheets.length > 0 ? { otherSheets } : {}) };
  }
  const state = opened.state === 'unfinished' ? 'no-file' : opened.state;
  return {
    unit,
    state,
    tab: '',
    sheetId: 0,
    url: unit.fileId === '' ? '' : spreadsheetLink(unit.fileId),
    firstDataRow: UNIT_SHEET.firstDataRow,
    rows: [],
    lastUpdated: '',
  };
}

/**
 * The units' files as the read side of the workbook context (`lists()` in this mode): each file opened
 * on first ask and kept for the execution. `trashed` names the files in the owner's trash, asked once
 * when first needed (see trashedFiles).
 */
export function unitFilesOf(wardKey: string | null, trashed: () => ReadonlySet<string> = () => new Set()) {
  const opened = new Map<string, OpenedFile>();
  const open = (unit: Unit): OpenedFile => {
    const key = codeIdentity(unit.code);
    let found = opened.get(key);
    if (!found) {
      found = openUnitFile(unit, wardKey, unit.fileId === '' ? new Set() : trashed());
      opened.set(key, found);
    }
    return found;
  };
  const of = (unit: Unit): UnitFileRef | undefined => {
    const found = open(unit);
    return found.state === 'ok' ? found.ref : undefined;
  };
  return {
    /** No unit's sheet is in the office's file: nothing to find by the active sheet. */
    all: (): ReadonlyMap<string, UnitSheetRef> => new Map(),
    of,
    /** One batched read of the unit's file (its state when it cannot be read). */
    read: (unit: Unit): UnitSheetInput => readOpened(unit, open(unit)),
    readAll: (units: readonly Unit[]): UnitSheetInput[] => units.map((unit) => readOpened(unit, open(unit))),
    canEdit: (ref: UnitSheetRef): boolean => canEditSheet(ref.sheet),
    syncCheckColumn: (ref: UnitSheetRef, formulas: Formulas, year: number): boolean =>
      syncCheckColumn(ref.sheet, ref.headerRow, formulas, year),
    /** Duyệt (accept) or Trả lại on the unit's file (unit-review.ts); false: not the runner's to change. */
    review: reviewFile,
    /** Whether every unit's list lives in a file of its own (no "all units" at once: a file each). */
    perUnitFiles: true as const,
  };
}

/**
 * The spreadsheets in the units' folder that are in the trash, by id. Drive's files.list answers only
 * what the caller's app made under drive.file: the owner of the files learns them, anyone else an empty
 * set (their trashed files are then read as any other: people a trashed file is shared with still open it).
 */
export function trashedFiles(folderId: string): Set<string> {
  const ids = new Set<string>();
  if (folderId === '') return ids;
  try {
    let pageToken: string | undefined;
    do {
      const page = services().Drive.Files.list({
        q: `'${folderId}' in parents and trashed = true`,
        fields: 'nextPageToken,files(id)',
        pageSize: 1000,
        ...(pageToken ? { pageToken } : {}),
      });
      for (const file of page.files ?? []) if (file.id) ids.add(file.id);
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
  } catch {
    // Not the owner's folder for this person (404): nothing to learn.
  }
  return ids;
}

// Thiết lập's part.

/**
 * Makes a copy of the template (or a file a stopped run left) the unit's: the template's tags go, the
 * unit's and the ward's come, the sheet takes the unit's name. Safe to repeat.
 */
export function tagUnitFile(file: Spreadsheet, sheet: Sheet, unit: Unit, wardKey: string): UnitFileRef {
  const ref: UnitFileRef = {
    file,
    sheet,
    headerRow: UNIT_SHEET.headerRow,
    hasNamedRange: false,
    hasMetadata: false,
  };
  // The unit's tags before the template's go: a run stopped between them leaves a file that is still
  // found as the unit's (finishUnitFile drops what is left of the template's), never one that is no one's.
  tagUnitSheet(file, ref, unit);
  tagWard(file, sheet, wardKey);
  dropTemplateTags(sheet);
  if (sheet.getName() !== unit.name) sheet.setName(unit.name.slice(0, 100));
  return ref;
}

/** The ward's key on a file, once (a named range on A1 of `sheet`). */
export function tagWard(ss: Spreadsheet, sheet: Sheet, wardKey: string): void {
  const name = wardRangeName(wardKey);
  if (!ss.getRangeByName(name)) ss.setNamedRange(name, sheet.getRange(1, 1));
}

/** The data cells of a unit's file, which its staff type into: Họ và tên … Ghi chú, every row under the header. */
function dataCells(ref: UnitSheetRef) {
  const first = ref.headerRow + 1;
  const rows = Math.max(1, ref.sheet.getMaxRows() - ref.headerRow);
  return ref.sheet.getRange(first, UNIT_SHEET_COL.name, rows, UNIT_SHEET.columns - UNIT_SHEET_COL.name + 1);
}

/**
 * A unit's file has one protection: the whole sheet for the office, with the data cells (B…F under the
 * header) left to anyone the file is shared with, that is the unit's staff. The header, Stt and the Kiểm
 * tra formulas are the office's. Null when the person running Thiết lập may not change it.
 */
export function secureUnitFile(ref: UnitFileRef, unit: Unit, office: readonly string[], sharing: Sharing) {
  const { SpreadsheetApp } = services();
  const existing = ref.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0] ?? null;
  const entry = secureSheet(ref.sheet, um.fileProtection(unit), office, sharing, existing);
  if (!entry) return null;
  const protection = existing ?? ref.sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const cells = dataCells(ref);
  const open = protection.getUnprotectedRanges();
  // An accepted list stays locked (review.ts): nothing is open until the office returns it. Its description
  // is asked only of a protection with nothing open (no extra call for the others).
  const locked =
    existing !== null && open.length === 0 && existing.getDescription() === fm.lockDescription(unit.name);
  const wanted = locked ? [] : openRanges(ref);
  const same =
    open.length === wanted.length &&
    wanted.every(
      (w, i) =>
        open[i].getRow() === w.getRow() &&
        open[i].getColumn() === w.getColumn() &&
        open[i].getNumRows() === w.getNumRows() &&
        open[i].getNumColumns() === w.getNumColumns()
    );
  if (!same) protection.setUnprotectedRanges(wanted);
  const range = `${columnLetter(cells.getColumn())}${cells.getRow()}:${columnLetter(cells.getColumn() + cells.getNumColumns() - 1)}${cells.getRow() + cells.getNumRows() - 1}`;
  return {
    ...entry,
    sheet: ref.sheet.getName(),
    unprotected: locked ? '' : range,
  } satisfies ProtectionEntry & {
    unprotected: string;
  };
}
