/** Small batched helpers over the Sheets API that several menu actions share. */
import { services, type Protection, type Sheet, type Spreadsheet } from './apps-script';

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

/**
 * Leaves exactly `editors` able to edit, besides the owner and the person running the action, whom
 * Sheets never removes (so the add-on needs no scope to learn who that person is).
 */
export function restrictEditors(protection: Protection, editors: readonly string[]): Protection {
  const wanted = new Set(editors.map((email) => email.toLowerCase()));
  const current = protection.getEditors().map((user) => user.getEmail().toLowerCase());
  const toAdd = [...wanted].filter((email) => !current.includes(email));
  const toRemove = current.filter((email) => !wanted.has(email));
  if (toAdd.length > 0) protection.addEditors(toAdd);
  if (toRemove.length > 0) protection.removeEditors(toRemove);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return protection;
}

/** Sheets tonghop itself writes, tagged so that a renamed tab is still found. */
export const ROLE_KEY = 'tonghop.role';

export interface SheetTag {
  key: string;
  value: string;
  sheet: Sheet;
}

/** All of tonghop's sheet tags in one call; the callers filter by key. */
export function sheetTags(ss: Spreadsheet): SheetTag[] {
  const tags: SheetTag[] = [];
  for (const metadata of ss.createDeveloperMetadataFinder().find()) {
    const sheet = metadata.getLocation().getSheet();
    const value = metadata.getValue();
    if (sheet && value !== null) tags.push({ key: metadata.getKey(), value, sheet });
  }
  return tags;
}

/** Sheets that tonghop writes, by role; falls back on the tab's usual name. */
export function sheetsByRole(
  sheets: readonly Sheet[],
  tags: readonly SheetTag[],
  names: Record<string, string>
): Map<string, Sheet> {
  const found = new Map<string, Sheet>();
  for (const tag of tags) {
    if (tag.key === ROLE_KEY && names[tag.value] !== undefined && !found.has(tag.value))
      found.set(tag.value, tag.sheet);
  }
  for (const [role, name] of Object.entries(names)) {
    if (found.has(role)) continue;
    const sheet = sheets.find((candidate) => candidate.getName() === name);
    if (sheet) found.set(role, sheet);
  }
  return found;
}

export function formatDate(date: Date, pattern: string): string {
  const { Session, Utilities } = services();
  return Utilities.formatDate(date, Session.getScriptTimeZone(), pattern);
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
