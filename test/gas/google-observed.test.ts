/**
 * Replays every file of test/fixtures/google-observed/ against the stand-in: Chẩn đoán runs in a stand-in
 * workbook set up as the recorded spreadsheet was (its locale and time zone, as many editors, run by
 * the owner or by someone else), and each behaviour the file records must be the stand-in's.
 * Timings feed the stand-in's cost model; they are not compared here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAddOn } from '../../src/cli/runtime';
import { Workbook } from '../../src/stand-in';
import type { DiagnosticsReport } from '../../src/core/diagnostics';

const DIR = join(__dirname, '..', 'fixtures', 'google-observed');
const OWNER = 'chu.tep@haiduong.example';

const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

function fixture(name: string): DiagnosticsReport {
  return JSON.parse(readFileSync(join(DIR, name), 'utf8')) as DiagnosticsReport;
}

/** The recorded behaviours, by name: an entry the run could not observe (null, or a failed probe) is left out. */
function behaviours(report: DiagnosticsReport): Record<string, unknown> {
  const failed = report.failures ?? {};
  // The locale and the spreadsheet's time zone are the conditions the stand-in is set up with, not
  // behaviours; the script's time zone is the manifest's whatever the spreadsheet's.
  const out: Record<string, unknown> = { scriptTimeZone: report.scriptTimeZone };
  if (report.separators && !failed.separators) {
    out['separators.comma'] = report.separators.comma;
    out['separators.semicolon'] = report.separators.semicolon;
  }
  if (report.protection && !failed.protection) {
    out['protection.freshBlocksNobody'] = report.protection.freshBlocksNobody;
    out['protection.freshEditors'] = report.protection.freshEditors;
    out['protection.afterChangeEditors'] = report.protection.afterChangeEditors;
  }
  if (report.metadataFindsRenamedSheet !== null && !failed.metadata) {
    out.metadataFindsRenamedSheet = report.metadataFindsRenamedSheet;
  }
  if (report.documentLock !== null && !failed.documentLock) out.documentLock = report.documentLock;
  return out;
}

/** Chẩn đoán on a stand-in spreadsheet like the recorded one; one run per file. */
const standInRuns = new Map<string, Record<string, unknown>>();
function standInRun(name: string): Record<string, unknown> {
  const cached = standInRuns.get(name);
  if (cached) return cached;
  const recorded = fixture(name);
  const workbook = new Workbook({
    owner: OWNER,
    locale: recorded.locale,
    timeZone: recorded.spreadsheetTimeZone,
  });
  const editorCount = Math.max(1, recorded.protection?.spreadsheetEditorCount ?? 1);
  const editors = [
    OWNER,
    ...Array.from({ length: editorCount - 1 }, (_, i) => `can.bo${i + 1}@haiduong.example`),
  ];
  workbook.setFileEditors(editors);
  // Run by an editor who is not the owner when the recording says so (then at least two editors).
  if (recorded.protection?.runnerIsOwner === false)
    workbook.actAs(editors[1] ?? 'dong.nghiep@haiduong.example');
  const { addOn } = loadAddOn(workbook);
  const report = addOn.runDiagnostics().report;
  if (!report) throw new Error(`Chẩn đoán was refused in the stand-in replaying ${name}`);
  const observed = behaviours(report);
  standInRuns.set(name, observed);
  return observed;
}

describe.each(files)('google-observed/%s, replayed on the stand-in', (name) => {
  const recorded = fixture(name);

  it('is a Chẩn đoán report of schema 1 that names its source', () => {
    expect(recorded.schema).toBe(1);
    expect(typeof recorded.source).toBe('string');
    expect(recorded.source.length).toBeGreaterThan(0);
    expect(recorded).toHaveProperty('separators');
    expect(recorded).toHaveProperty('protection');
    expect(recorded).toHaveProperty('timingsMs');
  });

  it.each(Object.entries(behaviours(recorded)))('the stand-in agrees: %s', (behaviour, expected) => {
    expect(standInRun(name)[behaviour]).toEqual(expected);
  });
});

it('finds at least one recorded file', () => {
  expect(files.length).toBeGreaterThan(0);
});
