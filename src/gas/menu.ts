/** The "Smart Hải Phòng" menu and the simple triggers. */
import { services, type Range } from './apps-script';
import { menuMessages as m } from '../core/messages/consolidate';
import { diagnosticsMessages } from '../core/messages/diagnostics';
import { onUnitSheetEdit } from './unit-sheets';

/** The menu items, each naming an entry point exported by main.ts. */
export const MENU_ITEMS = [
  { caption: m.setup, functionName: 'setupUnits' },
  { caption: m.consolidate, functionName: 'consolidate' },
  { caption: m.check, functionName: 'showCheckSidebar', separatorBefore: true },
  { caption: m.importFile, functionName: 'showImportSidebar' },
  { caption: m.unitReport, functionName: 'exportUnitReport', separatorBefore: true },
  { caption: m.wardReport, functionName: 'exportWardReport' },
  { caption: diagnosticsMessages.menuItem, functionName: 'runDiagnostics', separatorBefore: true },
] as const;

/** Simple trigger: adds the menu when the spreadsheet opens. */
export function onOpen(): void {
  const menu = services().SpreadsheetApp.getUi().createMenu(m.menu);
  for (const item of MENU_ITEMS) {
    if ('separatorBefore' in item) menu.addSeparator();
    menu.addItem(item.caption, item.functionName);
  }
  menu.addToUi();
}

/**
 * Simple trigger, in a shared workbook: stamps "Cập nhật lần cuối" when a unit's data rows change. It runs
 * as the person typing, so it writes only a cell left outside the office-only blocks. The "Kiểm tra" column
 * needs no trigger: it is formulas.
 */
export function onEdit(e: { range: Range }): void {
  onUnitSheetEdit(e.range);
}
