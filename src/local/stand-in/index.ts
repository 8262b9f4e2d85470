/**
 * Local stand-in for the part of Apps Script that tonghop uses, in two layers: document/ (the workbook,
 * its cells, formulas and formats, what the .xlsx and PDF writers read) and google/ (Apps Script's
 * classes on top: counting, parsing as typed, protections, the acting user, locks, the clock; the Drive
 * that holds many spreadsheets, their sharing and Google's quotas).
 */
export type { SheetSeed } from './document/workbook';
export type { CellStyle } from './document/sheet';
export { conditionHolds } from './document/rules';
export type { RawContent } from './document/detached';
export { formatJavaDate } from './document/dates';
export type { Rect } from './document/a1';
export { Workbook } from './google/workbook';
export {
  DAILY_SPREADSHEETS_MESSAGE,
  FOLDER_MIME,
  NO_DOCUMENT_ACCESS,
  NO_SHARING_MESSAGE,
  SPREADSHEET_MIME,
} from './google/drive';
export type { DriveFile } from './google/drive';
export type { WorkbookOptions } from './google/workbook';
export { StandInSheet } from './google/sheet';
export { StandInRange } from './google/range';
export { PROTECTED_MESSAGE, NO_EDIT_ACCESS_MESSAGE } from './google/protection';
export { StandInConditionalFormatRule } from './google/builders';
export type { StandInChart } from './google/builders';
export { createServices, StandInHtmlOutput } from './google/services';
