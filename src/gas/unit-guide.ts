/**
 * Menu "Hướng dẫn cho đơn vị (PDF)": the open unit's one-page guide (or the unit whose code is given),
 * written as a sheet "Hướng dẫn - <đơn vị>" laid out for A4 like the reports; the clerk downloads it as PDF
 * (File → Download → PDF) and sends it over Zalo. No file is made in Drive and no new scope is needed.
 */
import { guideMessages as gm } from '../core/messages/install';
import { spreadsheetLink } from '../core/drive-links';
import { unitGuideForm } from '../core/unit-guide';
import { codeIdentity, wardName } from '../core/units';
import { withDocumentLock, type ActionResult } from './run';
import { loadConfig, pickUnit, writeReportSheet } from './reports';
import { formatDate } from './sheet-utils';
import { loadWorkbookContext } from './workbook-context';

export interface UnitGuideResult extends ActionResult {
  /** The guide's tab ('' when nothing was written). */
  sheet: string;
  unit: string;
}

function failed(message: string): UnitGuideResult {
  return { ok: false, message, sheet: '', unit: '' };
}

function runUnitGuide(code?: string): UnitGuideResult {
  const workbook = loadWorkbookContext();
  const { ss, tags } = workbook;
  const config = loadConfig(workbook);
  if (typeof config === 'string') return failed(config);
  const tabs = workbook.unitSheets.all();
  const unit = pickUnit(ss, tags, workbook.roles, config.units, tabs, code);
  if (typeof unit === 'string') return failed(unit);
  const { campaign } = config;
  const shared = campaign.organisation !== 'files';
  // A file of its own: the link Cấu hình holds (no file is opened). Shared: the unit's tab in this file.
  const tab = shared ? tabs.get(codeIdentity(unit.code))?.sheet : undefined;
  const link = shared
    ? tab
      ? `${ss.getUrl()}#gid=${tab.getSheetId()}`
      : ''
    : unit.fileId === ''
      ? ''
      : spreadsheetLink(unit.fileId);
  const day = (date: Date | null) => (date ? formatDate(date, 'dd/MM/yyyy') : '');
  const form = unitGuideForm({
    unit,
    campaign,
    ward: wardName(campaign.issuer),
    link,
    sharedFile: shared,
    completionDeadline: day(campaign.completionDeadline),
    reportDeadline: day(campaign.reportDeadline),
  });
  const sheet = writeReportSheet(ss, tags, form, gm.tabName(unit.name));
  const name = sheet.getName();
  return { ok: true, message: gm.ready(name), sheet: name, unit: unit.code };
}

/** Menu "Hướng dẫn cho đơn vị (PDF)". */
export function exportUnitGuide(code?: string): UnitGuideResult {
  // A menu may call its function with an event object: only a non-blank string is a code.
  const wanted = typeof code === 'string' && code.trim() !== '' ? code.trim() : undefined;
  return withDocumentLock(gm.menuItem, () => runUnitGuide(wanted), failed);
}
