/** The "Smart Hải Phòng" menu and the simple trigger that adds it. */
import { services } from './apps-script';
import { menuMessages as m } from '../core/messages/consolidate';
import { diagnosticsMessages } from '../core/messages/diagnostics';
import { splitMessages } from '../core/messages/split';
import { closeMessages } from '../core/messages/leaders';
import { followUpMessages } from '../core/messages/follow-up';

/** The menu items, each naming an entry point exported by main.ts. */
export const MENU_ITEMS = [
  { caption: m.setup, functionName: 'setupUnits' },
  { caption: m.consolidate, functionName: 'consolidate' },
  { caption: m.check, functionName: 'showCheckSidebar', separatorBefore: true },
  { caption: m.importFile, functionName: 'showImportSidebar' },
  { caption: followUpMessages.menuItem, functionName: 'showFollowSidebar' },
  { caption: m.unitReport, functionName: 'exportUnitReport', separatorBefore: true },
  { caption: m.wardReport, functionName: 'exportWardReport' },
  // Once per workbook of the shared design: a group of its own, apart from the daily work.
  { caption: splitMessages.title, functionName: 'splitIntoFiles', separatorBefore: true },
  // Once, when the campaign is over: the lists erased, the figures kept (issue 20).
  { caption: closeMessages.title, functionName: 'closeCampaign' },
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
