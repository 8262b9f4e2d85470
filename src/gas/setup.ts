/** "Thiết lập đơn vị": one sheet per unit, created from the template, safe to re-run. */
import type { Sheet, Spreadsheet } from './apps-script';
import { createConfigSheet, ROLE } from './config-sheet';
import type { ActionResult } from './action';
import { showProgressDialog } from './progress-dialog';
import type { ProtectionEntry } from './protections';
import { loadWorkbookContext } from './workbook-context';

export interface SetupResult extends ActionResult {
  created: string[];
  refreshed: string[];
  kept: string[];
  unitsWithoutEmail: string[];
  emailsWithoutAccess: string[];
  orphanSheets: string[];
  problems: { row: number; message: string }[];
  /** Every protection tonghop owns, as this run left it. */
  protections: ProtectionEntry[];
}

/** The set-up sheet, created on first use by any menu item. */
export function ensureConfig(ss: Spreadsheet, roles: Map<string, Sheet>): { sheet: Sheet; created: boolean } {
  const existing = roles.get(ROLE.config);
  return existing ? { sheet: existing, created: false } : { sheet: createConfigSheet(ss), created: true };
}

/** Every menu item starts here: the set-up sheet is created when it is missing. */
export function ensureConfigSheet(): { sheet: Sheet; created: boolean } {
  const { ss, roles } = loadWorkbookContext();
  return ensureConfig(ss, roles);
}

export function emptyResult(message: string, ok: boolean): SetupResult {
  return {
    ok,
    message,
    created: [],
    refreshed: [],
    kept: [],
    unitsWithoutEmail: [],
    emailsWithoutAccess: [],
    orphanSheets: [],
    problems: [],
    protections: [],
  };
}

/** Tabs in the order: Cấu hình, Tổng hợp, Danh sách tổng hợp, then units grouped by type. */
export function orderTabs(ss: Spreadsheet, wanted: readonly Sheet[]): void {
  const current = ss.getSheets().map((sheet) => sheet.getSheetId());
  wanted.forEach((sheet, index) => {
    if (current[index] === sheet.getSheetId()) return;
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(index + 1);
    const from = current.indexOf(sheet.getSheetId());
    current.splice(from, 1);
    current.splice(index, 0, sheet.getSheetId());
  });
}

/**
 * Menu "Thiết lập đơn vị": opens the progress dialog, which runs the work in steps (setup-steps.ts), each
 * its own execution: 200 units take several minutes of Apps Script time.
 */
export function setupUnits(): void {
  showProgressDialog('setup');
}
