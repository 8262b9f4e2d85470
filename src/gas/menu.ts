/** The "Smart Hải Phòng" menu and the simple trigger that adds it. */
import { services } from '../contract/apps-script';
import { menuMessages as m } from '../core/messages/consolidate';
import { diagnosticsMessages } from '../core/messages/diagnostics';
import { splitMessages } from '../core/messages/split';
import { closeMessages } from '../core/messages/leaders';
import { followUpMessages } from '../core/messages/follow-up';
import { aboutMessages, guideMessages, upgradeMessages } from '../core/messages/install';

/** The menu items, each naming an entry point exported by main.ts. */
export const MENU_ITEMS = [
  { caption: m.setup, functionName: 'setupUnits' },
  { caption: m.consolidate, functionName: 'consolidate' },
  { caption: m.check, functionName: 'showCheckSidebar', separatorBefore: true },
  { caption: m.importFile, functionName: 'showImportSidebar' },
  { caption: followUpMessages.menuItem, functionName: 'showFollowSidebar' },
  { caption: m.unitReport, functionName: 'exportUnitReport', separatorBefore: true },
  { caption: m.wardReport, functionName: 'exportWardReport' },
  // Issue 21: a page per unit for its staff, downloaded as PDF and sent over Zalo.
  { caption: guideMessages.menuItem, functionName: 'exportUnitGuide' },
  // Once per workbook of the shared design: a group of its own, apart from the daily work.
  { caption: splitMessages.title, functionName: 'splitIntoFiles', separatorBefore: true },
  // Once, when the campaign is over: the lists erased, the figures kept (issue 20).
  { caption: closeMessages.title, functionName: 'closeCampaign' },
  // Issue 21: the old file hands over, a new copy of the template takes over (one item for both).
  { caption: upgradeMessages.menuItem, functionName: 'upgradeVersion' },
  { caption: diagnosticsMessages.menuItem, functionName: 'runDiagnostics', separatorBefore: true },
  { caption: aboutMessages.menuItem, functionName: 'showAbout' },
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
