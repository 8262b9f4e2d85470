/** Creates the set-up sheet of a new workbook (the CLI's `tonghop init`). */
import { services } from './apps-script';
import { writeUnitsTable } from './config-sheet';
import { ensureConfig } from './setup';
import { SHEET_NAMES } from './config-sheet';
import { sheetTags, sheetsByRole } from './sheet-utils';
import { setupMessages } from '../core/messages/setup';

export interface InitResult {
  ok: boolean;
  message: string;
  created: boolean;
}

/** `tonghop init`: the set-up sheet, optionally filled with a units table; other tabs are left alone. */
export function initConfig(unitRows?: string[][]): InitResult {
  const ss = services().SpreadsheetApp.getActiveSpreadsheet();
  ss.setSpreadsheetLocale('vi_VN');
  const roles = sheetsByRole(ss.getSheets(), sheetTags(ss), SHEET_NAMES);
  const { sheet, created } = ensureConfig(ss, roles);
  if (Array.isArray(unitRows) && unitRows.length > 0) {
    writeUnitsTable(
      sheet,
      unitRows.map((row) => row.map((cell) => String(cell ?? '')))
    );
  }
  return { ok: true, message: setupMessages.configCreated, created };
}
