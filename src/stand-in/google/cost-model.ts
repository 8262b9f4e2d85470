/**
 * What a service call costs in Apps Script time, so that the stand-in can run a virtual clock and stop
 * an execution where Google would. Every figure is pessimistic where sources disagree; the "Chẩn đoán"
 * timings recorded on a real spreadsheet (test/fixtures/google-observed) are checked against it.
 */

export interface CostModel {
  /** Fixed cost of any counted service call, in ms. */
  callMs: number;
  /** Per cell fetched (getValues, getFormulas, getDisplayValues…), in ms. */
  readCellMs: number;
  /** Per cell written (setValues, setFormulas, clearContent…), in ms. */
  writeCellMs: number;
  /** Extra fixed costs of calls known to be slow, by `<Apps Script class>.<method>`, in ms. */
  slowCalls: Readonly<Record<string, number>>;
  /** Google ends an execution after this much time (ms). */
  executionLimitMs: number;
  /** One call's payload above this many bytes fails on Google's front end. */
  maxPayloadBytes: number;
}

/** Google's per-user quotas that span executions (kept by the Drive, ./drive.ts). */
export interface Quotas {
  /** Spreadsheets one user may create in a day (the window starts at the first, as Google's quotas do). */
  spreadsheetsPerDay: number;
  /** Drive API requests one user may make in 60 seconds. */
  driveRequestsPerMinute: number;
}

/**
 * Google's batching example (developers.google.com/apps-script/guides/support/best-practices): 10,000
 * single-cell calls took about 70 s, 7 ms each; rounded up to 10 ms.
 */
const CALL_MS = 10;

/**
 * Tanaike's benchmark (2022): 10 M cells read with getValues in about 85 s, 118 k cells/s; taken as
 * 100 k cells/s.
 */
const READ_CELL_MS = 1 / 100;

/**
 * Large setValues writes: 3,000–6,500 cells/s in older reports; Tanaike's 10 M-cell setValues did not end
 * within 6 minutes (under 28 k cells/s). The slowest figure, 3,000 cells/s, is used.
 */
const WRITE_CELL_MS = 1 / 3;

/**
 * No public measurement was found for these; each is a guess on the slow side of what users report
 * ("insertSheet takes about a second", editor changes go through Drive's sharing), to be replaced by the
 * "Chẩn đoán" timings once recorded. The stricter reading is taken: slower than any report seen.
 */
const SLOW_CALLS: Record<string, number> = {
  'Spreadsheet.insertSheet': 1000,
  'Spreadsheet.deleteSheet': 500,
  'Sheet.protect': 400,
  'Range.protect': 400,
  'Protection.addEditors': 400,
  'Protection.removeEditors': 400,
  'Protection.setDomainEdit': 200,
  'Protection.setWarningOnly': 200,
  'Protection.setUnprotectedRanges': 200,
  'Sheet.insertChart': 500,
  'Sheet.removeChart': 200,
  'Sheet.setConditionalFormatRules': 200,
  'Range.setDataValidation': 100,
  'Spreadsheet.moveActiveSheet': 100,
  'Sheet.setName': 100,
  // Issue 19, the office's script reaching the units' files. No public timing was found for any of these:
  // each is a guess on the slow side, to be replaced by Chẩn đoán's figures once recorded.
  // Opening another spreadsheet by id loads it on Google's side before the first call: a second.
  'SpreadsheetApp.openById': 1000,
  // Copying a sheet into another spreadsheet: as insertSheet with a template (plus its cells, below).
  'Sheet.copyTo': 1000,
  // A change of sharing goes through Drive and may send an email: a second per address.
  'Spreadsheet.addEditor': 1000,
  'Spreadsheet.addEditors': 1000,
  'Spreadsheet.removeEditor': 1000,
  'Spreadsheet.addViewer': 1000,
  'Spreadsheet.addViewers': 1000,
  'Spreadsheet.removeViewer': 1000,
  // Each Drive API call is a network round trip from Apps Script: 300 ms; creating a file (a spreadsheet
  // made on Google's side) 1.5 s; a permission (with its email) a second.
  'Drive.Files.create': 1500,
  // A copy is made on Google's side as a new file is; its cells are priced on top, as insertSheet's
  // template copy is (templateCopyExtraMs and the execution layer).
  'Drive.Files.copy': 1500,
  'Drive.Files.get': 300,
  'Drive.About.get': 300,
  'Drive.Files.list': 300,
  'Drive.Files.update': 300,
  'Drive.Files.remove': 300,
  'Drive.Permissions.create': 1000,
  'Drive.Permissions.list': 300,
  'Drive.Permissions.remove': 300,
  // Issue 25: a file's published state (one revisions.list), and its undoing.
  'Drive.Revisions.list': 300,
  'Drive.Revisions.update': 300,
};

/**
 * The sharing calls that take a list: each address is priced as one call of its own (the slow call's extra
 * fixed cost once per address).
 */
export const PER_ADDRESS_CALLS = new Set(['Spreadsheet.addEditors', 'Spreadsheet.addViewers']);

/**
 * "Spreadsheets created: 250 / day" for consumer accounts (3,200 for Google Workspace), "Quotas are per user
 * and reset 24 hours after the first request" (developers.google.com/apps-script/guides/services/quotas).
 * Whether a spreadsheet made with Drive.Files.create counts is not said: the stricter reading, it does.
 */
const SPREADSHEETS_PER_DAY = 250;

/**
 * Drive API, "Queries per 60 seconds per user: 12,000" (developers.google.com/workspace/drive/api/guides/limits,
 * as projects that used the API before May 2026 keep it). The page's newer form counts 325,000 "quota units"
 * per minute per user without a published cost per method, so the request count is the figure taken.
 */
const DRIVE_REQUESTS_PER_MINUTE = 12_000;

/** developers.google.com/apps-script/guides/services/quotas: "Script runtime: 6 min / execution". */
const EXECUTION_LIMIT_MS = 360_000;

/**
 * Same page: "Simple triggers … 30 seconds / execution" (onOpen, onEdit). They are stopped as any
 * execution is, with no catch or finally.
 */
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;

/**
 * Google's API front end refuses a request over 10,485,760 bytes ("Request payload size exceeds the
 * limit: 10485760 bytes.", googleworkspace/dotnet-samples #23, jlolling/talendcomp_tGoogleSheet #1).
 */
const MAX_PAYLOAD_BYTES = 10_485_760;

export const GOOGLE_COSTS: CostModel = {
  callMs: CALL_MS,
  readCellMs: READ_CELL_MS,
  writeCellMs: WRITE_CELL_MS,
  slowCalls: SLOW_CALLS,
  executionLimitMs: EXECUTION_LIMIT_MS,
  maxPayloadBytes: MAX_PAYLOAD_BYTES,
};

export const GOOGLE_QUOTAS: Quotas = {
  spreadsheetsPerDay: SPREADSHEETS_PER_DAY,
  driveRequestsPerMinute: DRIVE_REQUESTS_PER_MINUTE,
};

/** Google's messages, word for word. */
export const EXCEEDED_TIME = 'Exceeded maximum execution time';
export const PAYLOAD_TOO_LARGE = `Request payload size exceeds the limit: ${MAX_PAYLOAD_BYTES} bytes.`;

/**
 * insertSheet(name, index, { template }) copies the template in one call, and no public timing of it was
 * found (nor of Drive.Files.copy, whose every sheet the execution layer prices the same way). The guess, on the slow side: the plain insertSheet's fixed cost (SLOW_CALLS), plus the copy priced
 * as if the script wrote it itself, call by call: every filled cell of the template counts as a written
 * cell (WRITE_CELL_MS, the execution layer counts them), and the fixed extras of
 * Sheet.setConditionalFormatRules and Range.setDataValidation are added when the template has rules or
 * validation. Formats, merges and widths add nothing of their own: one batched request, where Google's
 * batching example puts 10,000 single changes at about 1 s. Chẩn đoán's figures replace this once recorded.
 */
export function templateCopyExtraMs(
  model: CostModel,
  template: { conditionalFormatRules: number; validations: number }
): number {
  const extra = (method: string) => model.callMs + (model.slowCalls[method] ?? 0);
  return (
    (template.conditionalFormatRules > 0 ? extra('Sheet.setConditionalFormatRules') : 0) +
    (template.validations > 0 ? extra('Range.setDataValidation') : 0)
  );
}

/** The modelled time of one call (`extraMs`: what the call's arguments add, e.g. a template's copy). */
export function callCost(
  model: CostModel,
  method: string,
  cells: { read: number; written: number },
  extraMs = 0
): number {
  return (
    extraMs +
    model.callMs +
    (model.slowCalls[method] ?? 0) +
    cells.read * model.readCellMs +
    cells.written * model.writeCellMs
  );
}
