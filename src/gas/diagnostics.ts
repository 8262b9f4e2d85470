/**
 * "Chẩn đoán (kiểm tra môi trường Google)": probes, on the real spreadsheet, what tonghop relies on and
 * the stand-in models (argument separator, fresh protections, metadata after a rename, the document
 * lock, time zones, the cost of big reads and writes), in a temporary hidden sheet that is always
 * removed. The report's shape and classification live in src/core/diagnostics.ts.
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { loadWorkbookContext } from './workbook-context';
import { showAlert } from './run';
import {
  classifyProtection,
  DIAGNOSTICS_SOURCE,
  diagnosticsHtml,
  diagnosticsMessage,
  failureCount,
  SEPARATOR_PROBES,
  separatorVerdict,
  type DiagnosticsReport,
  type ProbeName,
} from '../core/diagnostics';
import { diagnosticsMessages as dm } from '../core/messages/diagnostics';

export interface DiagnosticsResult {
  ok: boolean;
  message: string;
  /** Null when the runner was refused. */
  report: DiagnosticsReport | null;
}

const METADATA_KEY = 'tonghop.diagnostics';
/** Columns of the timing block: 1,000 × 10 and 10,000 × 10 cells. */
const TIMING_COLUMNS = 10;

/** The message of what a probe threw (duck-typed: an error from another realm is no `instanceof Error`). */
function errorText(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Milliseconds that `work` took, by the script's clock (Date.now, as a real run measures it). */
function timed<T>(work: () => T): { value: T; ms: number } {
  const start = Date.now();
  const value = work();
  return { value, ms: Date.now() - start };
}

/** Rows like a unit's: text and numbers, nothing that parses as a date or a formula. */
function sampleRows(rows: number): (string | number)[][] {
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: TIMING_COLUMNS }, (_, j) =>
      j % 2 === 0 ? `Tổ ${i + 1} ô ${j + 1}` : i * TIMING_COLUMNS + j
    )
  );
}

function probeSeparators(sheet: Sheet): DiagnosticsReport['separators'] {
  const range = sheet.getRange(1, 1, 1, 2);
  // setFormulas, as tonghop writes its formulas; one write and one read for both forms.
  range.setFormulas([[SEPARATOR_PROBES.comma, SEPARATOR_PROBES.semicolon]]);
  const [comma, semicolon] = range.getValues()[0] ?? [];
  range.clearContent();
  return {
    comma: separatorVerdict(comma),
    semicolon: separatorVerdict(semicolon),
    readBack: { comma: String(comma ?? ''), semicolon: String(semicolon ?? '') },
  };
}

function probeProtection(ss: Spreadsheet, sheet: Sheet, timings: DiagnosticsReport['timingsMs']) {
  const emails = (users: { getEmail(): string }[]) => users.map((user) => user.getEmail());
  const made = timed(() => sheet.getRange(3, 1, 2, 2).protect());
  timings.protect = made.ms;
  const protection = made.value;
  try {
    const fresh = emails(protection.getEditors());
    // An explicit change, as Google's sample makes it: the owner and the runner stay whatever is asked.
    protection.removeEditors(fresh);
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
    const afterChange = emails(protection.getEditors());
    return classifyProtection({
      owner: ss.getOwner()?.getEmail() ?? '',
      spreadsheetEditors: emails(ss.getEditors()),
      fresh,
      afterChange,
    });
  } finally {
    protection.remove();
  }
}

function probeMetadata(ss: Spreadsheet, sheet: Sheet, stamp: string): boolean {
  const { SpreadsheetApp } = services();
  sheet.addDeveloperMetadata(METADATA_KEY, stamp, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
  const renamed = `${sheet.getName()} *`;
  sheet.setName(renamed);
  const found = ss.createDeveloperMetadataFinder().withKey(METADATA_KEY).withValue(stamp).find();
  return found.some((metadata) => {
    const at = metadata.getLocation().getSheet();
    return at !== null && at.getSheetId() === sheet.getSheetId() && at.getName() === renamed;
  });
}

function probeDocumentLock(): boolean {
  const lock = services().LockService.getDocumentLock();
  if (!lock) return false;
  const acquired = lock.tryLock(10_000);
  const held = lock.hasLock();
  lock.releaseLock();
  return acquired && held && !lock.hasLock();
}

function probeTimings(sheet: Sheet, timings: DiagnosticsReport['timingsMs']): void {
  const grid = (rows: number) => sheet.getRange(1, 1, rows, TIMING_COLUMNS);
  // 10,000 rows × 10 columns: no more cells than a new tab's 1,000 × 26 needs for the big block.
  if (sheet.getMaxColumns() > TIMING_COLUMNS) {
    sheet.deleteColumns(TIMING_COLUMNS + 1, sheet.getMaxColumns() - TIMING_COLUMNS);
  }
  if (sheet.getMaxRows() < 10_000) sheet.insertRowsAfter(sheet.getMaxRows(), 10_000 - sheet.getMaxRows());
  for (const [rows, set, get] of [
    [1_000, 'setValues10k', 'getValues10k'],
    [10_000, 'setValues100k', 'getValues100k'],
  ] as const) {
    const values = sampleRows(rows);
    timings[set] = timed(() => grid(rows).setValues(values)).ms;
    timings[get] = timed(() => grid(rows).getValues()).ms;
  }
}

/** Runs every probe; a probe that throws is reported and the others still run. */
function collectDiagnostics(now = new Date()): DiagnosticsReport {
  const { SpreadsheetApp, Session } = services();
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const failures: Partial<Record<ProbeName, string>> = {};
  const attempt = <T>(probe: ProbeName, work: () => T): T | null => {
    try {
      return work();
    } catch (error) {
      failures[probe] = errorText(error);
      return null;
    }
  };
  const report: DiagnosticsReport = {
    schema: 1,
    source: DIAGNOSTICS_SOURCE,
    recordedAt: now.toISOString(),
    locale: ss.getSpreadsheetLocale(),
    spreadsheetTimeZone: ss.getSpreadsheetTimeZone(),
    scriptTimeZone: Session.getScriptTimeZone(),
    separators: null,
    protection: null,
    metadataFindsRenamedSheet: null,
    documentLock: null,
    timingsMs: {},
  };
  report.documentLock = attempt('documentLock', probeDocumentLock);

  const stamp = now.getTime().toString(36);
  const active = ss.getActiveSheet();
  let scratch: Sheet | null = null;
  try {
    const inserted = timed(() => ss.insertSheet(dm.scratchSheetName(stamp), ss.getSheets().length));
    scratch = inserted.value;
    report.timingsMs.insertSheet = inserted.ms;
    const sheet = scratch;
    sheet.hideSheet();
    report.separators = attempt('separators', () => probeSeparators(sheet));
    report.protection = attempt('protection', () => probeProtection(ss, sheet, report.timingsMs));
    report.metadataFindsRenamedSheet = attempt('metadata', () => probeMetadata(ss, sheet, stamp));
    attempt('timings', () => probeTimings(sheet, report.timingsMs));
  } catch (error) {
    // The scratch sheet could not be made or hidden: the probes that need it did not run.
    failures.scratchSheet = errorText(error);
  } finally {
    if (scratch) {
      const made = scratch;
      attempt('cleanup', () => ss.deleteSheet(made));
    }
    attempt('cleanup', () => ss.setActiveSheet(active));
  }
  if (Object.keys(failures).length > 0) report.failures = failures;
  return report;
}

/**
 * Menu "Chẩn đoán (kiểm tra môi trường Google)": for the office (the editors of Cấu hình's protection);
 * in a spreadsheet without Cấu hình nobody is the office yet, so whoever can edit it may run it, and
 * its locale is left as it is (a maintainer can record another locale on a scratch file).
 */
export function runDiagnostics(): DiagnosticsResult {
  const { setup } = loadWorkbookContext();
  if (setup && !setup.office().isOffice) {
    showAlert(dm.title, dm.officeOnly);
    return { ok: false, message: dm.officeOnly, report: null };
  }
  const report = collectDiagnostics();
  const message = diagnosticsMessage(report);
  showDialog(report);
  return { ok: failureCount(report) === 0, message, report };
}

function showDialog(report: DiagnosticsReport): void {
  const { HtmlService, SpreadsheetApp } = services();
  try {
    const output = HtmlService.createHtmlOutput(diagnosticsHtml(report)).setWidth(640).setHeight(600);
    SpreadsheetApp.getUi().showModalDialog(output, dm.title);
  } catch {
    // No UI in this execution context (a script run): the result is returned instead.
  }
}
