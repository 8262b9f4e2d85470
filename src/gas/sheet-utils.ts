/**
 * What the sheets' modules and the actions share: the tags (metadata + named ranges) and role sheets,
 * small batched grid helpers, and the ward's date.
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { ROLE_RANGE_PREFIX, UNIT_SHEET, WARD_RANGE_PREFIX } from '../core/layout';
import { safeTabName } from '../core/units';

/** Shrinks or grows a sheet's grid to exactly rows × columns (two calls at most each way). */
export function resizeGrid(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows > rows) sheet.deleteRows(rows + 1, maxRows - rows);
  else if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns > columns) sheet.deleteColumns(columns + 1, maxColumns - columns);
}

/** Grows a sheet so that it has at least `rows` rows. */
export function ensureRows(sheet: Sheet, rows: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
}

export function setColumnWidths(sheet: Sheet, widths: readonly number[]): void {
  widths.forEach((width, i) => sheet.setColumnWidth(i + 1, width));
}

/** A value computed on first ask, then kept (a context's reads: each at most once, only if asked). */
export function once<T>(load: () => T): () => T {
  let loaded = false;
  let value: T;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value;
  };
}

/** Tags a sheet with developer metadata visible to the whole document (invisible to people). */
export function addDocumentMetadata(sheet: Sheet, key: string, value: string): void {
  sheet.addDeveloperMetadata(key, value, services().SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
}

/** Sheets tonghop itself writes, tagged so that a renamed tab is still found. */
export const ROLE_KEY = 'tonghop.role';

export interface SheetTag {
  key: string;
  value: string;
  sheet: Sheet;
  /** For a tag carried by a named range: the range's first row (a unit sheet's table header). */
  row?: number;
}

/** The key of a tag read from a unit's named range (TH_UNIT_<code>), its value the code's identity. */
export const UNIT_RANGE_KEY = 'tonghop.unit-range';
/**
 * The ward's key (one per office file, made by the first Thiết lập of a file per unit): a named range
 * TH_WARD_<key> on Cấu hình and on every unit's file, so that a unit's file tells which ward's it is in
 * Google Sheets and in any .xlsx program (defined names survive Excel, LibreOffice, WPS and Google's
 * download, custom document properties do not).
 */
export const WARD_KEY = 'tonghop.ward';

/** The named range that carries the ward's key. */
export function wardRangeName(key: string): string {
  return WARD_RANGE_PREFIX + key;
}

/**
 * Every tag of tonghop's sheets in two calls whatever their number: developer metadata (invisible,
 * Google Sheets) and named ranges (which survive .xlsx, Excel and LibreOffice). Callers filter by key.
 */
export function sheetTags(ss: Spreadsheet): SheetTag[] {
  const tags: SheetTag[] = [];
  for (const metadata of ss.createDeveloperMetadataFinder().find()) {
    const sheet = metadata.getLocation().getSheet();
    const value = metadata.getValue();
    if (sheet && value !== null) tags.push({ key: metadata.getKey(), value, sheet });
  }
  for (const named of ss.getNamedRanges()) {
    const name = named.getName();
    if (name.startsWith(UNIT_SHEET.namedRangePrefix)) {
      const range = named.getRange();
      const value = name.slice(UNIT_SHEET.namedRangePrefix.length);
      tags.push({ key: UNIT_RANGE_KEY, value, sheet: range.getSheet(), row: range.getRow() });
    } else if (name.startsWith(WARD_RANGE_PREFIX)) {
      tags.push({
        key: WARD_KEY,
        value: name.slice(WARD_RANGE_PREFIX.length),
        sheet: named.getRange().getSheet(),
      });
    } else if (name.startsWith(ROLE_RANGE_PREFIX)) {
      const role = name.slice(ROLE_RANGE_PREFIX.length).toLowerCase();
      tags.push({ key: ROLE_KEY, value: role, sheet: named.getRange().getSheet() });
    }
  }
  return tags;
}

/**
 * tonghop's own sheets (set-up, summary, master list) by role, found by their tags only: a tab that
 * merely has the same name (the ward's own "Tổng hợp", say) is never taken, and so never cleared.
 */
export function sheetsByRole(tags: readonly SheetTag[]): Map<string, Sheet> {
  const found = new Map<string, Sheet>();
  for (const tag of tags) if (tag.key === ROLE_KEY && !found.has(tag.value)) found.set(tag.value, tag.sheet);
  return found;
}

/** The named range that tags a role's sheet where metadata is lost. */
export function roleRangeName(role: string): string {
  return ROLE_RANGE_PREFIX + role.toUpperCase();
}

/** Creates one of tonghop's own sheets under a free name near `name`, tagged with its role both ways. */
export function insertRoleSheet(ss: Spreadsheet, role: string, name: string, index: number): Sheet {
  const taken = ss.getSheets().map((sheet) => sheet.getName());
  // An execution stopped between insertSheet and the tag leaves an empty, untagged tab of this name: it
  // is taken up rather than doubled. A tab with anything in it (a ward's own "Tổng hợp") is never taken.
  const left = ss.getSheetByName(name);
  const sheet =
    left && left.getDeveloperMetadata().length === 0 && left.getLastRow() === 0
      ? left
      : ss.insertSheet(safeTabName(name, taken), Math.min(index, taken.length));
  addDocumentMetadata(sheet, ROLE_KEY, role);
  ss.setNamedRange(roleRangeName(role), sheet.getRange(1, 1));
  return sheet;
}

/**
 * Whether the person running the script may write the sheet's data rows: checked before writing, since
 * Apps Script's own error for a protected cell comes in the user's language and cannot be recognised.
 */
export function canEditSheet(sheet: Sheet): boolean {
  const protection = sheet.getProtections(services().SpreadsheetApp.ProtectionType.SHEET)[0];
  return !protection || protection.isWarningOnly() || protection.canEdit();
}

/** This year in the ward's time zone (the row rules' "current year"). */
export function currentYear(now = new Date()): number {
  return Number(formatDate(now, 'yyyy'));
}

export function formatDate(date: Date, pattern: string): string {
  const { Session, Utilities } = services();
  return Utilities.formatDate(date, Session.getScriptTimeZone(), pattern);
}
