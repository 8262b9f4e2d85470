/**
 * Menu "Chuyển sang phiên bản mới" (issue 21). A copy of a spreadsheet carries its bound script and never
 * receives later fixes, so a newer version comes as a new copy of the published template. One menu item,
 * two halves:
 *
 * - in the old office file (Cấu hình lists units): it hands over. The office's records live in the
 *   script's document properties, which no other script can read (a new copy is a new script project),
 *   so they are written, as they are, into a hidden, protected sheet "Chuyển phiên bản". Nothing else
 *   changes: the old file keeps working until the new one takes over.
 * - in a new copy (no unit in Cấu hình yet): it takes over. The clerk pastes the old file's link; Cấu hình
 *   is copied whole (Sheet.copyTo: values, formats, notes and validation: the units, the folder's and
 *   every unit's file link, the leaders' file link), tagged as this file's Cấu hình with the old ward key
 *   (so that each unit's file is still recognised as this ward's), protected for the old office, brought up
 *   to this version's rows, and the records are stored in this script's document properties. Units keep
 *   typing into the same files: nothing is sent to them again.
 *
 * The shared design (every unit a tab of the office file) is not moved: its tabs are the units' data and
 * would have to be copied with their protections; the clerk runs Tách thành tệp riêng first.
 */
import { configMessages as cfg } from '../core/messages/setup';
import { upgradeMessages as um } from '../core/messages/install';
import { driveIdOf } from '../core/drive-links';
import { literalText } from '../core/formulas';
import { CONFIG_SHEET } from '../core/layout';
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { ROLE, updateConfigSheet } from './config-sheet';
import { readSharing, secureSheet } from './protections';
import { withDocumentLock, type ActionResult } from './run';
import { addDocumentMetadata, ROLE_KEY, roleRangeName, sheetTags, wardRangeName } from './sheet-utils';
import { loadWorkbookContext, type WorkbookContext } from './workbook-context';

/** The hand-over sheet's role (developer metadata and named range, as tonghop's other sheets). */
const HANDOVER_ROLE = 'handover';
/** Its first cell: what a new copy checks before reading the rows under it. */
const HANDOVER_MARK = 'tonghop.handover';
/**
 * The document properties that are records, not runs: the fingerprint and first-seen time of each unit's
 * list (Cập nhật lần cuối), the last Tổng hợp's figures, the reviews (Duyệt / Trả lại) and who made the
 * units' folder. A run in progress (tonghop.run.*) is not moved: it belongs to the old script. Nor is the
 * template's id: a new copy makes its own (Drive's drive.file grant is the app's that created a file).
 */
const RECORD_PREFIXES = ['tonghop.seen.', 'tonghop.last.', 'tonghop.review.'];
const RECORD_KEYS = ['tonghop.files.owner'];

export interface UpgradeResult extends ActionResult {
  /** 'handed-over' in the old file, 'adopted' in the new copy. */
  step: 'handed-over' | 'adopted' | null;
  /** Units in the adopted Cấu hình; records moved either way. */
  units: number;
  records: number;
}

function failed(message: string): UpgradeResult {
  return { ok: false, message, step: null, units: 0, records: 0 };
}

function isRecord(key: string): boolean {
  return RECORD_KEYS.includes(key) || RECORD_PREFIXES.some((prefix) => key.startsWith(prefix));
}

function documentProperties() {
  const store = services().PropertiesService.getDocumentProperties();
  if (!store) throw new Error('No document properties');
  return store;
}

/** The hand-over sheet of a spreadsheet, by its role. */
function handOverSheet(ss: Spreadsheet): Sheet | null {
  const tag = sheetTags(ss).find((t) => t.key === ROLE_KEY && t.value === HANDOVER_ROLE);
  return tag?.sheet ?? null;
}

/** In the old file: the records written into the hidden, protected hand-over sheet (rewritten whole). */
function handOver(workbook: WorkbookContext): UpgradeResult {
  const { ss } = workbook;
  const setup = workbook.setup!;
  const office = setup.office();
  if (!office.isOffice) return failed(um.officeOnly);
  const records = Object.entries(documentProperties().getProperties())
    .filter(([key]) => isRecord(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let sheet = handOverSheet(ss);
  if (!sheet) {
    const taken = ss.getSheets().length;
    sheet = ss.insertSheet(um.handOverSheet, taken);
    addDocumentMetadata(sheet, ROLE_KEY, HANDOVER_ROLE);
    ss.setNamedRange(roleRangeName(HANDOVER_ROLE), sheet.getRange(1, 1));
  } else {
    sheet.clear();
  }
  const rows: string[][] = [
    [HANDOVER_MARK, literalText(String(records.length))],
    ...records.map(([key, value]) => [literalText(key), literalText(value)]),
  ];
  if (sheet.getMaxColumns() < 2) sheet.insertColumnsAfter(sheet.getMaxColumns(), 2 - sheet.getMaxColumns());
  if (sheet.getMaxRows() < rows.length)
    sheet.insertRowsAfter(sheet.getMaxRows(), rows.length - sheet.getMaxRows());
  sheet.getRange(1, 1, rows.length, 2).setValues(rows);
  sheet.hideSheet();
  secureSheet(sheet, um.handOverSheet, office.editors, readSharing(ss));
  return {
    ok: true,
    message: um.handedOver(ss.getUrl()),
    step: 'handed-over',
    units: setup.config().units.length,
    records: records.length,
  };
}

/** The records of an old file's hand-over sheet; null when it has none. */
function readHandOver(old: Spreadsheet): Record<string, string> | null {
  const sheet = handOverSheet(old);
  if (!sheet) return null;
  const values = sheet.getDataRange().getValues();
  if (values[0]?.[0] !== HANDOVER_MARK) return null;
  const records: Record<string, string> = {};
  for (const [key, value] of values.slice(1)) {
    if (typeof key === 'string' && isRecord(key)) records[key] = String(value);
  }
  return records;
}

/** The old file the clerk names, opened and checked; a message instead when it cannot be taken over. */
function openOldFile(ss: Spreadsheet): { old: Spreadsheet; context: WorkbookContext } | string {
  const ui = services().SpreadsheetApp.getUi();
  const answer = ui.prompt(um.title, um.askOldFile, ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return um.cancelled;
  const typed = answer.getResponseText().trim();
  const id = driveIdOf(typed, 'spreadsheet');
  if (id === null || id === '') return um.notALink(typed);
  if (id === ss.getId()) return um.sameFile;
  let old: Spreadsheet;
  try {
    old = services().SpreadsheetApp.openById(id);
  } catch {
    return um.cannotOpen;
  }
  const context = loadWorkbookContext(old);
  if (!context.setup) return um.notOffice;
  return { old, context };
}

/** In a new copy: Cấu hình and the records taken over from the old file. */
function adopt(workbook: WorkbookContext): UpgradeResult {
  const { ss } = workbook;
  if (workbook.setup && !workbook.setup.office().isOffice) return failed(um.officeOnly);
  const opened = openOldFile(ss);
  if (typeof opened === 'string') return failed(opened);
  const { old, context } = opened;
  const oldSetup = context.setup!;
  const oldConfig = oldSetup.config();
  if (oldConfig.campaign.organisation !== 'files') return failed(um.sharedDesign);
  const records = readHandOver(old);
  if (records === null) return failed(um.notHandedOver);
  const wardKey = context.wardKey();

  // Nothing is written until every check has passed. This copy's own (empty) Cấu hình gives way.
  ss.setSpreadsheetLocale(old.getSpreadsheetLocale());
  ss.setSpreadsheetTimeZone(old.getSpreadsheetTimeZone());
  if (workbook.setup) ss.deleteSheet(workbook.setup.sheet);
  const sheet = oldSetup.sheet.copyTo(ss);
  sheet.setName(CONFIG_SHEET);
  sheet.activate();
  ss.moveActiveSheet(1);
  addDocumentMetadata(sheet, ROLE_KEY, ROLE.config);
  ss.setNamedRange(roleRangeName(ROLE.config), sheet.getRange(1, 1));
  // The ward key's named range, as Thiết lập tags Cấu hình (unit-files.ts tagWard): each unit's file
  // carries the same key, and Tổng hợp takes a file as this ward's by it.
  if (wardKey && !ss.getRangeByName(wardRangeName(wardKey)))
    ss.setNamedRange(wardRangeName(wardKey), sheet.getRange(1, 1));
  // The old office edits Cấu hình here too (a protection is not copied with its sheet).
  secureSheet(sheet, cfg.sheetTitle, oldSetup.office().editors, readSharing(ss), null);
  updateConfigSheet(sheet);
  documentProperties().setProperties(records);
  return {
    ok: true,
    message: um.adopted(oldConfig.units.length, old.getUrl()),
    step: 'adopted',
    units: oldConfig.units.length,
    records: Object.keys(records).length,
  };
}

function runUpgrade(): UpgradeResult {
  const workbook = loadWorkbookContext();
  const hasUnits = workbook.setup !== null && workbook.setup.config().units.length > 0;
  return hasUnits ? handOver(workbook) : adopt(workbook);
}

/** Menu "Chuyển sang phiên bản mới". */
export function upgradeVersion(): UpgradeResult {
  return withDocumentLock(um.title, runUpgrade, failed);
}
