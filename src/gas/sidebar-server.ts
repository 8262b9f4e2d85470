/** Server side of the "Kiểm tra dữ liệu" sidebar. */
import { services } from './apps-script';
import { menuMessages } from '../core/messages/consolidate';

/** Menu "Kiểm tra dữ liệu": opens the sidebar. */
export function showCheckSidebar(): void {
  const { SpreadsheetApp, HtmlService } = services();
  const output = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle(menuMessages.check);
  SpreadsheetApp.getUi().showSidebar(output);
}
