/**
 * The stand-in for the part of Google that tonghop uses: the one surface everything outside src/stand-in
 * imports (lint:deps). It implements the Apps Script contract (src/contract/apps-script.ts) in layers:
 * document/ (the workbook, its cells, formulas and formats, in HyperFormula), google/ (Apps Script's classes
 * on top: counting, parsing as typed, protections, the acting user, locks, the clock and its cost model; the
 * Drive that holds many spreadsheets, their sharing and Google's quotas), xlsx/ (a spreadsheet read from and
 * saved to .xlsx) and pdf.ts (a sheet printed, as Google's PDF export).
 */

// The document: what the .xlsx and PDF writers read.
export type { Rect } from './document/a1';
export { parseA1 } from './document/a1';
export { formatJavaDate } from './document/dates';
export type { RawContent } from './document/detached';
export { conditionHolds } from './document/rules';
export type { CellStyle, DocumentSheet } from './document/sheet';
export type { SheetSeed } from './document/workbook';
export { hyperFormulaConfig } from './document/workbook';

// Apps Script's classes over it.
export { Workbook } from './google/workbook';
export type { WorkbookOptions } from './google/workbook';
export { StandInSheet } from './google/sheet';
export { StandInRange } from './google/range';
export { PROTECTED_MESSAGE, NO_EDIT_ACCESS_MESSAGE } from './google/protection';
export { StandInConditionalFormatRule } from './google/builders';
export type { StandInChart } from './google/builders';
export { advancedServices, createServices, StandInHtmlOutput } from './google/services';
export type { Manifest } from './google/services';

// The Drive.
export {
  DAILY_SPREADSHEETS_MESSAGE,
  Drive,
  FOLDER_MIME,
  NO_DOCUMENT_ACCESS,
  NO_SHARING_MESSAGE,
  SPREADSHEET_MIME,
} from './google/drive';
export type { DriveFile } from './google/drive';

// An execution: the clock, Google's costs and limits, the trace.
export { Execution, VirtualClock, virtualDate } from './google/execution';
export type { TraceLine } from './google/execution';
export {
  callCost,
  GOOGLE_COSTS,
  GOOGLE_QUOTAS,
  PAYLOAD_TOO_LARGE,
  SIMPLE_TRIGGER_LIMIT_MS,
} from './google/cost-model';
export type { CostModel, Quotas } from './google/cost-model';

// Files: .xlsx in and out (whole, or a worker thread's parts), and PDF.
export {
  loadXlsx,
  prepareParts,
  readXlsxNames,
  readXlsxParts,
  rehydrateParts,
  saveXlsx,
  workbookFromParts,
} from './xlsx';
export type { SheetProgress, XlsxParts } from './xlsx';
export { sheetToPdf } from './pdf';
