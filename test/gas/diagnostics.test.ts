/** "Chẩn đoán (kiểm tra môi trường Google)" on the stand-in, through the built bundle, as the people who use it. */
import { demoUnits } from '../../src/cli/demo-data';
import { StandInRange, StandInSheet, type StandInHtmlOutput, type Workbook } from '../../src/stand-in';
import { TIMING_KEYS, type DiagnosticsReport } from '../../src/core/diagnostics';
import { diagnosticsMessages as dm } from '../../src/core/messages/diagnostics';
import { CLERK, snapshot, workbookWithUnits } from '../support/add-on';

const COLLEAGUE = 'ke.toan@haiduong.example';
const UNITS = demoUnits(2);
const STAFF = UNITS.find((u) => u.emails !== '')?.emails.split(',')[0] as string;

/** A set-up file shared with a colleague of the office and a unit's staff member. */
function setUp() {
  const loaded = workbookWithUnits(UNITS);
  loaded.workbook.setFileEditors([CLERK, COLLEAGUE, STAFF]);
  return loaded;
}

/** What the office sees: the sheets, hidden or not, their protections and metadata. */
function fileState(workbook: Workbook) {
  return workbook.sheetObjects().map((sheet: StandInSheet) => ({
    name: sheet.name,
    hidden: sheet.hidden,
    protections: sheet.protections.length,
    metadata: sheet.metadata.map((m) => m.key),
  }));
}

const unescapeHtml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The dialog's table as [probe, result] pairs, and the JSON in its text box, read back from the HTML. */
function readDialog(output: StandInHtmlOutput) {
  const html = output.getContent();
  const rows = [...html.matchAll(/<tr><th scope="row">(.*?)<\/th><td>(.*?)<\/td><\/tr>/g)].map(
    (m) => [unescapeHtml(m[1]), unescapeHtml(m[2])] as const
  );
  const json = /<textarea id="json"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1] ?? '';
  return { html, rows: new Map(rows), report: JSON.parse(unescapeHtml(json)) as DiagnosticsReport };
}

afterEach(() => jest.restoreAllMocks());

describe('Chẩn đoán', () => {
  it('is in the menu, after the reports', () => {
    const { addOn, ui } = setUp();
    addOn.onOpen();
    const items = ui.menus.at(-1)?.items ?? [];
    // In the last group, after a separator, with Giới thiệu và trợ giúp (issue 21) under it.
    expect(items.at(-3)).toEqual({ separator: true });
    expect(items.at(-2)).toEqual({ caption: dm.menuItem, functionName: 'runDiagnostics' });
    expect(items.at(-1)).toMatchObject({ functionName: 'showAbout' });
  });

  it('shows the office a Vietnamese table and the same results as JSON, and leaves no sheet behind', () => {
    const { workbook, addOn, ui } = setUp();
    const before = fileState(workbook);
    const beforeCells = workbook.cellCount();
    const active = workbook.activeSheetName();

    const result = addOn.runDiagnostics();

    expect(result.ok).toBe(true);
    const report = result.report as DiagnosticsReport;
    expect(report).toMatchObject({
      schema: 1,
      locale: 'vi_VN',
      spreadsheetTimeZone: 'Asia/Ho_Chi_Minh',
      metadataFindsRenamedSheet: true,
      documentLock: true,
    });
    expect(report.failures).toBeUndefined();
    expect(['ok', 'error']).toContain(report.separators?.comma);
    expect(['ok', 'error']).toContain(report.separators?.semicolon);
    // Counts, never emails: the JSON is pasted into issues and committed as a fixture.
    expect(report.protection).toMatchObject({ spreadsheetEditorCount: 3, runnerIsOwner: true });
    expect(JSON.stringify(report)).not.toMatch(/@/);
    for (const key of TIMING_KEYS) expect(report.timingsMs[key]).toBeGreaterThanOrEqual(0);

    expect(ui.dialogs).toHaveLength(1);
    expect(ui.dialogs[0].title).toBe(dm.title);
    const dialog = readDialog(ui.dialogs[0].output as StandInHtmlOutput);
    expect(dialog.report).toEqual(report);
    expect(dialog.html).toContain(dm.allPassed);
    expect(dialog.rows.get(dm.rows.locale)).toBe(dm.vietnamese);
    expect(dialog.rows.get(dm.rows.metadata)).toBe(dm.yes);
    expect(dialog.rows.get(dm.rows.documentLock)).toBe(dm.works);
    expect(dialog.rows.get(dm.rows.setValues100k)).toMatch(/^(dưới 0,1 giây|\d+,\d giây)$/);
    const separatorShown = (verdict: string | undefined) =>
      verdict === 'ok' ? dm.separatorOk : dm.separatorError;
    expect(dialog.rows.get(dm.rows.comma)).toBe(separatorShown(report.separators?.comma));
    expect(dialog.rows.get(dm.rows.freshProtection)).toBe(
      dm.editorsKind[report.protection?.freshEditors ?? 'other']
    );
    expect(result.message).toContain(`${dm.rows.scriptTimeZone}: ${dm.vietnamTime}`);
    // The table speaks plainly: codes, method names and zone names stay in the copy-and-send block.
    const shown = [...dialog.rows].flat().join(' | ');
    expect(shown).not.toMatch(
      /locale|vi_VN|Asia\/|tryLock|hasLock|releaseLock|setValues|getValues|insertSheet|protect\b|siêu dữ liệu|tập lệnh|JSON|\bms\b/
    );
    expect(dialog.html).toContain(dm.jsonLabel);
    expect(dm.jsonLabel).toBe('Mã kết quả – chép gửi người quản trị qua Zalo');

    expect(fileState(workbook)).toEqual(before);
    expect(workbook.cellCount()).toBe(beforeCells);
    expect(workbook.activeSheetName()).toBe(active);
    expect(workbook.lockHolder).toBeNull();
  });

  it('runs for an office colleague who is not the owner', () => {
    const { workbook, addOn } = setUp();
    const config = workbook.sheet('Cấu hình');
    config.protections[0].addEditors([COLLEAGUE]);
    const before = fileState(workbook);
    workbook.actAs(COLLEAGUE);

    const result = addOn.runDiagnostics();

    expect(result.ok).toBe(true);
    expect(result.report?.protection).toMatchObject({
      runnerIsOwner: false,
      afterChangeEditors: 'owner-and-runner',
    });
    expect(fileState(workbook)).toEqual(before);
  });

  it("refuses a unit's staff member and changes nothing", () => {
    const { workbook, addOn, ui } = setUp();
    expect(addOn.setupUnits().ok).toBe(true);
    const before = snapshot(workbook);
    const state = fileState(workbook);
    workbook.actAs(STAFF);

    const result = addOn.runDiagnostics();

    expect(result).toEqual({ ok: false, message: dm.officeOnly, report: null });
    expect(ui.alerts.at(-1)).toMatchObject({ title: dm.title, prompt: dm.officeOnly });
    expect(ui.dialogs).toHaveLength(0);
    workbook.actAs(CLERK);
    expect(snapshot(workbook)).toEqual(before);
    expect(fileState(workbook)).toEqual(state);
  });

  it('reports a probe that throws, runs the others, escapes what it shows and still removes its sheet', () => {
    const { workbook, addOn, ui } = setUp();
    const before = fileState(workbook);
    jest.spyOn(StandInRange.prototype, 'protect').mockImplementation(() => {
      throw new Error('<img src=x onerror=alert(1)> quota');
    });

    const result = addOn.runDiagnostics();

    expect(result.ok).toBe(false);
    const report = result.report as DiagnosticsReport;
    expect(report.failures).toEqual({ protection: '<img src=x onerror=alert(1)> quota' });
    expect(report.protection).toBeNull();
    expect(report.separators).not.toBeNull();
    expect(report.metadataFindsRenamedSheet).toBe(true);
    expect(report.timingsMs.getValues100k).toBeGreaterThanOrEqual(0);
    const dialog = readDialog(ui.dialogs[0].output as StandInHtmlOutput);
    expect(dialog.html).not.toContain('<img');
    expect(dialog.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(dialog.html).toContain(dm.someFailed(1));
    expect(dialog.rows.get(dm.rows.freshProtection)).toBe(dm.failed);
    expect(dialog.report).toEqual(report);
    expect(fileState(workbook)).toEqual(before);
  });

  it('removes its sheet when hiding it fails, before any probe on it ran', () => {
    const { workbook, addOn } = setUp();
    const before = fileState(workbook);
    jest.spyOn(StandInSheet.prototype, 'hideSheet').mockImplementation(() => {
      throw new Error('Service Spreadsheets failed while accessing document');
    });

    const result = addOn.runDiagnostics();

    expect(result.ok).toBe(false);
    expect(result.report?.failures?.scratchSheet).toBe(
      'Service Spreadsheets failed while accessing document'
    );
    expect(result.report?.separators).toBeNull();
    expect(result.report?.documentLock).toBe(true);
    expect(fileState(workbook)).toEqual(before);
  });
});
