/**
 * Kết thúc đợt báo cáo (issue 20, hardened by issue 25) on the stand-in's Drive through the built bundle: the
 * clerk types the ward's name, the figures are frozen (and copied into a new figures file), every resident's
 * name, birth year and address goes from the office's file and every unit's file (its sharing removed, then
 * deleted for ever), and Cấu hình records when and by whom. Acted out afterwards by each unit's staff and a
 * former office editor, with the stand-in keeping version history. Stopped at any call, nothing is erased
 * before the freeze, and a re-run completes it.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import { NO_DOCUMENT_ACCESS, Workbook, VirtualClock } from '../../src/stand-in';
import { parseConfig } from '../../src/core/config-table';
import { SUMMARY } from '../../src/core/report-layout';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import type { ProtectionType } from '../../src/contract/apps-script';
import { CLERK, setCampaign, unitTable } from '../support/add-on';
import { formulasIn, personalDataIn } from '../support/personal-data';

const SHEET = 'SHEET' as unknown as ProtectionType;
const COLLEAGUE = 'ke.toan@haiduong.example';
const LEADER = 'chu.tich@haiduong.example';
const T0 = Date.UTC(2026, 5, 10, 2, 0, 0);

function someUnits(): DemoUnit[] {
  return demoUnits(4).filter((u) => ['THCS-LTV', 'CA', 'TDP01', 'TDP02'].includes(u.code));
}

function rowsOf(unit: DemoUnit, i: number): unknown[][] {
  return [
    [`Vũ Đình Toàn ${unit.code}`, String(1970 + i), '', `Số ${i + 2} phố Hàng Bè`],
    [`Hoàng Thị Yến ${unit.code}`, String(1980 + i), '', `Số ${i + 4} phố Hàng Bè`],
    ['Đặng Quốc Bảo', '1966', '', 'Số 1 phố Hàng Bè'],
  ];
}
const corpus = (units: DemoUnit[]) => [
  ...new Set(units.flatMap((u, i) => rowsOf(u, i).map((r) => String(r[0])))),
  'phố Hàng Bè',
];

function ward(
  units: DemoUnit[],
  organisation: 'files' | 'shared',
  options: RuntimeOptions = {},
  history = false
) {
  const workbook = new Workbook({ owner: CLERK, name: 'Tổng hợp Smart Hải Phòng' });
  // Version history kept, as Sheets keeps it: what each execution (and the typing before it) wrote.
  workbook.drive.keepHistory = history;
  options.clock ??= new VirtualClock(T0);
  const loaded = loadAddOn(workbook, undefined, options);
  loaded.addOn.initConfig(unitTable(units), { organisation });
  dropBlankSheets(workbook);
  workbook.share(COLLEAGUE);
  // One shared file: shared with every unit's staff, as the README asks before Thiết lập.
  if (organisation === 'shared') workbook.share(...units.flatMap((u) => u.emails.split(',')).filter(Boolean));
  workbook.sheet('Cấu hình').getProtections(SHEET)[0].addEditors([COLLEAGUE]);
  setCampaign(workbook, 'Lãnh đạo xem', LEADER);
  loaded.addOn.setupUnits();
  // Each unit's staff types its rows (in its file, or its tab).
  units.forEach((unit, i) => {
    const sheet =
      organisation === 'files'
        ? workbook.drive.file(config(workbook).units[i].fileId)!.workbook!.getSheets()[0]
        : workbook.getRangeByName(`TH_UNIT_${unit.code.replace(/-/g, '_')}`)!.getSheet();
    workbook.actAs(unit.emails.split(',')[0] || CLERK);
    try {
      sheet.getRange(8, 2, 3, 4).setValues(rowsOf(unit, i));
    } finally {
      workbook.actAs(CLERK);
    }
  });
  loaded.addOn.consolidate();
  // A unit's report: a sheet of names in the office's file.
  loaded.addOn.exportUnitReport(units[0].code);
  return { workbook, drive: workbook.drive, options, ...loaded };
}
type Ward = ReturnType<typeof ward>;

const config = (workbook: Workbook) => parseConfig(workbook.sheet('Cấu hình').getDataRange().getValues());

/** Every spreadsheet of the ward: the office's, the units', the leaders', the template; trashed ones too. */
function everySpreadsheet(w: Ward): Workbook[] {
  return w.drive.spreadsheets().map((f) => f.workbook!);
}

const summaryOf = (w: Ward) => sheetsByRole(sheetTags(w.workbook)).get('summary')!;
const figures = (sheet: {
  getRange(r: number, c: number, h: number, w: number): { getValues(): unknown[][] };
}) => sheet.getRange(SUMMARY.wardFirstRow, 1, 30, SUMMARY.columns).getValues();

/** The menu item as the clerk uses it: the dialog answered, then the progress dialog's steps. */
function close(w: Ward, typed: string, button: 'OK' | 'CANCEL' = 'OK') {
  w.ui.promptAnswers.push({ text: typed, button });
  w.raw('closeCampaign');
  const opened = w.ui.dialogs.length;
  return { opened, steps: () => runSteps(w) };
}

function runSteps(w: Ward) {
  for (let i = 0; i < 100; i++) {
    const reply = w.addOn.closeCampaignStep({});
    if (reply.done) return reply.result;
  }
  throw new Error('no end');
}

describe('Kết thúc đợt báo cáo, a file per unit', () => {
  const units = someUnits();
  const w = ward(units, 'files', {}, true);
  const officeId = w.workbook.getId();
  const unitIds = config(w.workbook).units.map((u) => u.fileId);
  const folderId = config(w.workbook).campaign.unitFolder;
  const names = corpus(units);
  const summaryBefore = figures(summaryOf(w));
  const leadersId = config(w.workbook).campaign.leadersFile;
  const leadersBefore = figures(w.drive.file(leadersId)!.workbook!.sheet('Tổng hợp'));

  it('shows what will be erased and erases nothing when the ward’s name is not typed right', () => {
    expect(personalDataIn(w.workbook, names).length).toBeGreaterThan(0);
    const dialogs = w.ui.dialogs.length;
    close(w, 'Phường Hải Phòng');
    const asked = w.ui.prompts.at(-1)!;
    expect(asked.title).toBe('Kết thúc đợt báo cáo');
    expect(asked.prompt).toContain('12 dòng của trang Danh sách tổng hợp');
    expect(asked.prompt).toContain('tệp của 4 đơn vị');
    expect(asked.prompt).toContain('1 trang báo cáo đơn vị');
    expect(asked.prompt).toContain('gõ tên phường: Phường Hải Dương');
    expect(w.ui.alerts.at(-1)!.prompt).toContain('không khớp');
    expect(w.ui.dialogs.length).toBe(dialogs);
    // Nor does a step called without the confirmation.
    expect(runSteps(w)).toMatchObject({ ok: false });
    expect(personalDataIn(w.workbook, names).length).toBeGreaterThan(0);
  });

  it('with the name typed, leaves no resident’s name in any spreadsheet of the ward', () => {
    // Before: each unit's file holds its names, in its cells and its version history.
    for (const id of unitIds) expect(w.drive.file(id)!.versionHistory(CLERK).join()).toContain('Hàng Bè');
    const { opened } = close(w, '  phường hải dương ');
    expect(opened).toBeGreaterThan(0);
    const result = runSteps(w);
    expect(result.ok).toBe(true);
    expect(result.message).toContain('Đã bỏ chia sẻ và xóa vĩnh viễn 4 tệp đơn vị (không qua thùng rác)');
    expect(result.message).toContain('chủ tệp hãy xóa vĩnh viễn tệp này');
    for (const book of everySpreadsheet(w)) expect(personalDataIn(book, names)).toEqual([]);
    // Deleted for ever, not trashed: the units' files, their folder and the template in it.
    for (const id of [...unitIds, folderId]) expect(w.drive.file(id)).toBeUndefined();
    expect(w.drive.spreadsheets().filter((f) => f.name.includes('Mẫu'))).toEqual([]);
    // The unit report sheet (a list of names) is gone.
    expect(w.workbook.getSheets().map((s) => s.getName())).not.toContain(`Báo cáo - ${units[0].name}`);
  });

  it('leaves each unit’s staff nothing to open, not even a version of its old file', () => {
    units.forEach((unit, i) => {
      const staff = unit.emails.split(',')[0];
      if (!staff) return;
      w.workbook.actAs(staff);
      try {
        expect(() => w.script(`SpreadsheetApp.openById(${JSON.stringify(unitIds[i])});`)).toThrow(
          NO_DOCUMENT_ACCESS
        );
      } finally {
        w.workbook.actAs(CLERK);
      }
      expect(w.drive.file(unitIds[i])?.versionHistory(staff) ?? []).toEqual([]);
    });
  });

  it('moves the figures into a new file with no list in its history, and closes the old file to a former editor', () => {
    const figuresFile = w.drive.spreadsheets().find((f) => f.name.includes('Số liệu đợt báo cáo'))!;
    expect(figuresFile).toBeDefined();
    expect(figures(figuresFile.workbook!.sheet('Tổng hợp'))).toEqual(summaryBefore);
    expect(figuresFile.history.join()).not.toContain('Hàng Bè');
    expect(figuresFile.canEdit(COLLEAGUE)).toBe(true);
    // The office's old file: the colleague (a former editor) can no longer open it, nor its history.
    expect(w.drive.file(officeId)!.canView(COLLEAGUE)).toBe(false);
    expect(w.drive.file(officeId)!.versionHistory(COLLEAGUE)).toEqual([]);
    // Its owner still sees the lists in its history: the message (and the README) ask to delete it for ever.
    expect(w.drive.file(officeId)!.versionHistory(CLERK).join()).toContain('Hàng Bè');
  });

  it('keeps the figures: the summary as values, equal to before, and the leaders’ file as it was', () => {
    const summary = summaryOf(w);
    expect(figures(summary)).toEqual(summaryBefore);
    expect(formulasIn(w.workbook).filter((f) => f.startsWith(summary.getName()))).toEqual([]);
    expect(figures(w.drive.file(leadersId)!.workbook!.sheet('Tổng hợp'))).toEqual(leadersBefore);
    expect(w.drive.file(leadersId)!.trashed).toBe(false);
  });

  it('records when and by which account in Cấu hình, and Tổng hợp then refuses', () => {
    expect(config(w.workbook).campaign.closed).toMatch(
      new RegExp(`^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}, do ${CLERK}$`)
    );
    const again = w.addOn.consolidate();
    expect(again.ok).toBe(false);
    expect(again.message).toContain('Đợt báo cáo đã kết thúc');
    expect(figures(summaryOf(w))).toEqual(summaryBefore);
    close(w, 'Phường Hải Dương');
    expect(w.ui.alerts.at(-1)!.prompt).toContain('Đợt báo cáo đã kết thúc');
  });
});

describe('Kết thúc đợt báo cáo, one shared file', () => {
  it('clears every unit tab’s rows and the master’s personal columns, and keeps the figures', () => {
    const units = someUnits();
    const w = ward(units, 'shared');
    const before = figures(summaryOf(w));
    close(w, 'Phường Hải Dương');
    const result = runSteps(w);
    expect(result.ok).toBe(true);
    expect(personalDataIn(w.workbook, corpus(units))).toEqual([]);
    expect(figures(summaryOf(w))).toEqual(before);
  });

  it('tells a colleague who opens it meanwhile how far the clerk’s run is, and lets the clerk finish it', () => {
    const units = someUnits();
    const w = ward(units, 'shared');
    close(w, 'Phường Hải Dương');
    // The clerk's run pauses after its first unit (a step with no time to spare).
    let reply = w.addOn.closeCampaignStep({ budgetMs: 0 });
    while (!reply.done && !/^Đã xóa danh sách của [1-3]\//.test(reply.progress.label))
      reply = w.addOn.closeCampaignStep({ budgetMs: 0 });
    expect(reply.done).toBe(false);
    w.workbook.actAs(COLLEAGUE);
    const refused = w.addOn.closeCampaignStep({});
    w.workbook.actAs(CLERK);
    expect(refused.done && refused.result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Một người khác đang chạy Kết thúc đợt báo cáo \(đã xóa danh sách của [1-3]\/4 đơn vị\)/
      ),
    });
    expect(runSteps(w).ok).toBe(true);
    expect(personalDataIn(w.workbook, corpus(units))).toEqual([]);
  });
});

describe('Kết thúc đợt báo cáo stopped at any call', () => {
  it('erases nothing before the freeze is complete, and a re-run completes it', () => {
    const units = someUnits().slice(0, 2);
    const probe = ward(units, 'files');
    const done = () => probe.session.executions.reduce((n, e) => n + e.attempts, 0);
    close(probe, 'Phường Hải Dương');
    const before = done();
    runSteps(probe);
    const calls = done() - before;
    expect(calls).toBeGreaterThan(10);

    let aborted = 0;
    for (let k = 1; k < calls; k += Math.max(1, Math.floor(calls / 10))) {
      const w = ward(units, 'files');
      const names = corpus(units);
      const summaryBefore = figures(summaryOf(w));
      close(w, 'Phường Hải Dương');
      const at = w.session.executions.reduce((n, e) => n + e.attempts, 0);
      w.options.abortAtCall = at + k;
      let threw = false;
      try {
        runSteps(w);
      } catch {
        threw = true;
      }
      w.options.abortAtCall = undefined;
      if (!threw) continue;
      aborted++;
      const summary = summaryOf(w);
      const frozen = formulasIn(w.workbook).filter((f) => f.startsWith(summary.getName())).length === 0;
      // Nothing is erased while the summary still counts with formulas.
      if (!frozen) expect(personalDataIn(w.workbook, names).length).toBeGreaterThan(0);
      expect(figures(summary)).toEqual(summaryBefore);
      const result = runSteps(w);
      expect(result.ok).toBe(true);
      for (const book of everySpreadsheet(w)) expect(personalDataIn(book, names)).toEqual([]);
      expect(figures(summaryOf(w))).toEqual(summaryBefore);
      expect(config(w.workbook).campaign.closed).not.toBe('');
    }
    expect(aborted).toBeGreaterThan(5);
  });
});
