/**
 * Menu "Giới thiệu và trợ giúp": the version and its date, what each permission is for, the guide, whom
 * to call. Anyone who can open the menu may read it; it writes nothing, and it makes no Cấu hình.
 */
import { aboutHtml, dayMonthYear, type AboutInfo } from '../core/about';
import { aboutMessages as am } from '../core/messages/install';
import { services } from '../contract/apps-script';
import { buildInfo } from './build-info';
import { loadWorkbookContext } from './workbook-context';

export interface AboutResult {
  ok: true;
  message: string;
  about: AboutInfo;
}

/** Menu "Giới thiệu và trợ giúp". */
export function showAbout(): AboutResult {
  const build = buildInfo();
  const { setup } = loadWorkbookContext();
  const about: AboutInfo = {
    version: build.version,
    date: build.date,
    guideUrl: build.homepage,
    // The row is read whatever else Cấu hình holds: a clerk asking for help may have a broken table.
    support: setup?.config().campaign.support ?? '',
    scopes: build.scopes,
  };
  const { HtmlService, SpreadsheetApp } = services();
  try {
    const output = HtmlService.createHtmlOutput(aboutHtml(about)).setWidth(560).setHeight(620);
    SpreadsheetApp.getUi().showModalDialog(output, am.title);
  } catch {
    // No UI in this execution context (a script run): the result is returned instead.
  }
  return { ok: true, message: am.version(build.version, dayMonthYear(build.date)), about };
}
