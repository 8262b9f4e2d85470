/**
 * Each unit's list in a file of its own (Cấu hình's "Cách tổ chức": Mỗi đơn vị một tệp), on the stand-in's
 * Drive through the built bundle, as the people who use it: the owner (the clerk who runs Thiết lập and so
 * makes the files), an office colleague who did not, a unit's staff member, someone removed from a unit's
 * emails, and a stranger.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import { NO_DOCUMENT_ACCESS, Workbook, VirtualClock } from '../../src/stand-in';
import { parseConfig } from '../../src/core/config-table';
import { tableFromCsv } from '../../src/shared/import-file';
import { MASTER, MASTER_COL, SUMMARY, UNIT_COL } from '../../src/core/report-layout';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import type { ProtectionType } from '../../src/contract/apps-script';
import { CLERK, typeRows, unitTable, workbookWithUnits, scriptAs } from '../support/add-on';

const SHEET = 'SHEET' as unknown as ProtectionType;
const COLLEAGUE = 'ke.toan@haiduong.example';
const STRANGER = 'nguoi.la@example.com';
const PROTECTED = 'You are trying to edit a protected cell or object';
const T0 = Date.UTC(2026, 4, 20, 2, 0, 0);

/** Four units: a school, the police, two residential groups. */
function someUnits(): DemoUnit[] {
  return demoUnits(4).filter((u) => ['THCS-LTV', 'CA', 'TDP01', 'TDP02'].includes(u.code));
}

const staffOf = (unit: DemoUnit): string => unit.emails.split(',')[0];

/** The office's file, a file per unit, the colleague in the office (Cấu hình's protection) and sharing. */
function wardFiles(units: DemoUnit[], options: RuntimeOptions = {}) {
  const workbook = new Workbook({ owner: CLERK, name: 'Tổng hợp Smart Hải Phòng' });
  options.clock ??= new VirtualClock(T0);
  const loaded = loadAddOn(workbook, undefined, options);
  loaded.addOn.initConfig(unitTable(units));
  dropBlankSheets(workbook);
  workbook.share(COLLEAGUE);
  workbook.sheet('Cấu hình').getProtections(SHEET)[0].addEditors([COLLEAGUE]);
  /** One execution of `body` (the script's own terms) as `who`; what it throws comes back as `{ error }`. */
  const as = scriptAs(workbook, loaded.script);
  return { workbook, drive: workbook.drive, clock: options.clock, options, as, ...loaded };
}
type Ward = ReturnType<typeof wardFiles>;

function config(workbook: Workbook) {
  return parseConfig(workbook.sheet('Cấu hình').getDataRange().getValues());
}

function fileId(workbook: Workbook, code: string): string {
  const unit = config(workbook).units.find((u) => u.code === code);
  if (!unit || unit.fileId === '') throw new Error(`no file for ${code}`);
  return unit.fileId;
}

function unitFile(workbook: Workbook, code: string): Workbook {
  const file = workbook.drive.file(fileId(workbook, code));
  if (!file?.workbook) throw new Error(`no spreadsheet for ${code}`);
  return file.workbook;
}

/**
 * Types rows (Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay) into the unit's own file, as its staff
 * (as the office, for a unit with no email yet).
 */
function typeIntoFile(workbook: Workbook, unit: DemoUnit, rows: unknown[][]): void {
  workbook.actAs(staffOf(unit) || CLERK);
  try {
    const padded = rows.map((r) => [...r, '', '', '', '', ''].slice(0, 5));
    unitFile(workbook, unit.code).getSheets()[0].getRange(8, 2, padded.length, 5).setValues(padded);
  } finally {
    workbook.actAs(CLERK);
  }
}

/** The same rows for every test: a few people per unit, one of them listed by two units, one error. */
function rowsOf(unit: DemoUnit, i: number): unknown[][] {
  const rows: unknown[][] = Array.from({ length: 5 + i }, (_, r) => [
    `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh'][r]} ${unit.code}`,
    String(1960 + r * 3 + i),
    '',
    `Tổ dân phố số ${(r % 2) + 1}, phường Hải Dương`,
  ]);
  rows.push(['Trần Thị Mai', '1978', '', 'Tổ dân phố số 1, phường Hải Dương']);
  if (i === 1) rows.push(['Lê Văn Tùng', '19xx', '', 'Tổ dân phố số 2, phường Hải Dương']);
  return rows;
}

const liveRoles = (workbook: Workbook) => sheetsByRole(sheetTags(workbook));

/** A live sheet's values with every moment (a Date, a written date or time) blanked: runs at other times compare. */
function timeless(workbook: Workbook, role: string): unknown[][] {
  const moment = /\d{1,2}:\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/g;
  return liveRoles(workbook)
    .get(role)!
    .getDataRange()
    .getValues()
    .map((row) =>
      row.map((cell) =>
        cell instanceof Date ? '' : typeof cell === 'string' ? cell.replace(moment, '…') : cell
      )
    );
}

describe('the owner sets up a file per unit', () => {
  const units = someUnits();
  const ward = wardFiles(units);
  const first = ward.addOn.setupUnits();

  it('makes one spreadsheet per unit in one folder, linked from Cấu hình, and nothing of the units in the office’s file', () => {
    expect(first.ok).toBe(true);
    expect(first.message).toContain('Đã tạo 4 tệp đơn vị');
    // The office's file holds the office's sheets only.
    expect(ward.workbook.getSheets().map((s) => s.getName())).toEqual([
      'Cấu hình',
      'Tổng hợp',
      'Danh sách tổng hợp',
    ]);
    const { campaign, units: linked } = config(ward.workbook);
    expect(campaign.organisation).toBe('files');
    const folder = ward.drive.file(campaign.unitFolder);
    expect(folder?.isFolder).toBe(true);
    expect(folder?.name).toBe('Tệp các đơn vị - Phường Hải Dương');
    for (const unit of linked) {
      const file = ward.drive.file(unit.fileId);
      expect(file?.parents).toEqual([campaign.unitFolder]);
      expect(file?.name).toBe(`Phường Hải Dương - ${unit.name}`);
      expect(file?.owner).toBe(CLERK);
      // Its editors cannot share it further.
      expect(file?.writersCanShare).toBe(false);
    }
    // The four files and the template they were copied from, nothing else.
    expect(ward.drive.spreadsheets().filter((f) => f.parents.includes(campaign.unitFolder))).toHaveLength(5);
  });

  it('lays each file out as a unit sheet: the form, its header, Năm sinh’s rule, the Kiểm tra formulas, vi_VN', () => {
    const school = unitFile(ward.workbook, 'THCS-LTV');
    expect(school.getSheets().map((s) => s.getName())).toEqual(['Trường THCS Lê Thánh Tông']);
    expect(school.getSpreadsheetLocale()).toBe('vi_VN');
    expect(school.getSpreadsheetTimeZone()).toBe('Asia/Ho_Chi_Minh');
    const sheet = school.getSheets()[0];
    const header = sheet.getRange(1, 1, 7, 6).getValues();
    expect(header[1][0]).toBe('TRƯỜNG THCS LÊ THÁNH TÔNG');
    expect(header[4][0]).toContain('thcs-ltv@haiduong.example');
    expect(header[6]).toEqual([
      'Stt',
      'Họ và tên',
      'Năm sinh',
      'Cơ quan, đơn vị',
      'Nơi ở hiện nay',
      'Ghi chú',
    ]);
    expect(sheet.getRange('G7').getFormulas()[0][0]).toMatch(/^=ARRAYFORMULA\(/);
    expect(sheet.getRange('G7').getValue()).toBe('Kiểm tra');
    expect(sheet.getRange('C8').getDataValidation()?.getHelpText()).toContain('từ 1900 đến');
  });

  it('shares each file with its unit’s staff, with our message, and the folder with the colleague, without one', () => {
    for (const unit of units) {
      const file = ward.drive.file(fileId(ward.workbook, unit.code));
      // Shared with its staff alone (the office edits through the folder).
      expect(file?.editors).toEqual([staffOf(unit)]);
      const invitation = ward.drive.notifications.filter((n) => n.fileId === file?.id);
      expect(invitation).toHaveLength(1);
      expect(invitation[0]).toMatchObject({ to: staffOf(unit), from: CLERK, role: 'writer' });
      expect(invitation[0].message).toContain(`gửi ${unit.name} bảng tính để nhập danh sách`);
      expect(invitation[0].message).toContain('Hạn hoàn thành: 31/05/2026');
    }
    const folder = ward.drive.file(config(ward.workbook).campaign.unitFolder);
    expect(folder?.editors).toEqual([COLLEAGUE]);
    expect(ward.drive.notifications.some((n) => n.to === COLLEAGUE)).toBe(false);
  });

  it('protects the header, Stt and Kiểm tra for the office and leaves the data cells to the unit', () => {
    const sheet = unitFile(ward.workbook, 'CA').getSheets()[0];
    const protections = sheet.getProtections(SHEET);
    expect(protections).toHaveLength(1);
    expect(protections[0].getEditors().map((u) => u.getEmail())).toEqual([CLERK, COLLEAGUE]);
    const open = protections[0].getUnprotectedRanges();
    // The data cells, and the "done" checkbox in the header.
    expect(open.map((r) => [r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()])).toEqual([
      [8, 2, sheet.getMaxRows() - 7, 5],
      [6, 7, 1, 1],
    ]);
  });

  it('a re-run makes nothing, invites nobody twice and keeps every file', () => {
    const before = ward.drive.spreadsheets().length;
    const notified = ward.drive.notifications.length;
    const again = ward.addOn.setupUnits();
    expect(again.ok).toBe(true);
    expect(again.message).toContain('Đã tạo 0 tệp đơn vị');
    expect(ward.drive.spreadsheets()).toHaveLength(before);
    expect(ward.drive.notifications).toHaveLength(notified);
  });
});

describe('a unit’s staff member', () => {
  const units = someUnits();
  const ward = wardFiles(units);
  ward.addOn.setupUnits();
  const [school, police] = units;

  it('types into the data cells of their own file, and not into its header, Stt or Kiểm tra', () => {
    typeIntoFile(ward.workbook, school, rowsOf(school, 0));
    const sheet = unitFile(ward.workbook, school.code).getSheets()[0];
    expect(sheet.getRange('B8').getValue()).toBe('Nguyễn Văn An THCS-LTV');
    // The formulas answer at once, with no script in the file.
    expect(sheet.getRange('G8').getValue()).toBe('Hợp lệ');
    for (const a1 of ['B2', 'A8', 'G9', 'H8']) {
      const result = ward.as(
        staffOf(school),
        `SpreadsheetApp.openById(${JSON.stringify(fileId(ward.workbook, school.code))}).getSheets()[0].getRange('${a1}').setValue('x');`
      );
      expect(result).toEqual({ error: expect.stringContaining(PROTECTED) });
    }
  });

  it('cannot open another unit’s file, nor the office’s', () => {
    const other = ward.as(
      staffOf(school),
      `SpreadsheetApp.openById(${JSON.stringify(fileId(ward.workbook, police.code))});`
    );
    expect(other).toEqual({ error: NO_DOCUMENT_ACCESS });
    const office = ward.as(
      staffOf(school),
      `SpreadsheetApp.openById(${JSON.stringify(ward.workbook.getId())});`
    );
    expect(office).toEqual({ error: NO_DOCUMENT_ACCESS });
  });

  it('a stranger opens no file at all', () => {
    for (const unit of units) {
      expect(
        ward.as(STRANGER, `SpreadsheetApp.openById(${JSON.stringify(fileId(ward.workbook, unit.code))});`)
      ).toEqual({
        error: NO_DOCUMENT_ACCESS,
      });
    }
  });
});

describe('an office colleague who did not run Thiết lập', () => {
  const units = someUnits();
  const ward = wardFiles(units);
  ward.addOn.setupUnits();
  units.forEach((unit, i) => typeIntoFile(ward.workbook, unit, rowsOf(unit, i)));

  it('runs Tổng hợp on every unit’s file, reading them and writing none', () => {
    const files = units.map((u) => unitFile(ward.workbook, u.code));
    const before = files.map((f) => f.getSheets()[0].getDataRange().getValues());
    ward.workbook.actAs(COLLEAGUE);
    const result = ward.addOn.consolidate();
    ward.workbook.actAs(CLERK);
    expect(result.ok).toBe(true);
    expect(result.message).not.toContain('Không mở được');
    const master = liveRoles(ward.workbook).get('master')!;
    const rows = master
      .getDataRange()
      .getValues()
      .slice(MASTER.firstDataRow - 1);
    const codes = new Set(rows.map((r) => r[MASTER_COL.unitCode - 1]));
    expect([...codes].sort()).toEqual(units.map((u) => u.code).sort());
    // A row's source is its cell in the unit's own file.
    const source = master.getRange(MASTER.firstDataRow, MASTER_COL.source).getFormulas()[0][0];
    expect(source).toContain(
      `https://docs.google.com/spreadsheets/d/${fileId(ward.workbook, units[0].code)}/edit#gid=`
    );
    expect(files.map((f) => f.getSheets()[0].getDataRange().getValues())).toEqual(before);
  });

  it('is told that only the files’ owner runs Thiết lập, and nothing changes', () => {
    const files = ward.drive.spreadsheets().length;
    ward.workbook.actAs(COLLEAGUE);
    const result = ward.addOn.setupUnits();
    ward.workbook.actAs(CLERK);
    expect(result.ok).toBe(false);
    expect(result.message).toContain(`Các tệp đơn vị do ${CLERK} tạo`);
    expect(ward.drive.spreadsheets()).toHaveLength(files);
  });

  it('exports a unit’s report from the row clicked on Tổng hợp or on Cấu hình, read from the unit’s file', () => {
    ward.workbook.actAs(COLLEAGUE);
    try {
      const summary = liveRoles(ward.workbook).get('summary')!;
      const codes = summary.getRange(SUMMARY.firstUnitRow, UNIT_COL.code, units.length, 1).getValues();
      const row = SUMMARY.firstUnitRow + codes.findIndex(([code]) => code === 'CA');
      summary.getRange(row, UNIT_COL.name).activate();
      const report = ward.addOn.exportUnitReport();
      expect(report).toMatchObject({ ok: true, unit: 'CA', sheet: 'Báo cáo - Công an phường', valid: 7 });
      const { units: linked } = config(ward.workbook);
      const group = linked.find((u) => u.code === 'TDP01')!;
      ward.workbook.sheet('Cấu hình').getRange(group.configRow, 2).activate();
      expect(ward.addOn.exportUnitReport()).toMatchObject({ ok: true, unit: 'TDP01' });
      // A row that is no unit's: what to do.
      ward.workbook.sheet('Cấu hình').getRange(1, 1).activate();
      const none = ward.addOn.exportUnitReport();
      expect(none.ok).toBe(false);
      expect(none.message).toContain('Hãy bấm vào dòng của đơn vị cần xuất báo cáo trên trang Tổng hợp');
    } finally {
      ward.workbook.actAs(CLERK);
    }
  });

  it('imports a unit’s list from a file into that unit’s own file, below its rows, and nowhere else', () => {
    const group = units.find((u) => u.code === 'TDP02')!;
    const file = unitFile(ward.workbook, group.code).getSheets()[0];
    const typed = rowsOf(group, units.indexOf(group)).length;
    const office = ward.workbook.getSheets().map((s) => [s.getName(), s.getDataRange().getValues()]);
    const table = tableFromCsv(
      new TextEncoder().encode(
        'Họ và tên,Năm sinh,Nơi ở hiện nay\nVũ Thị Lan,1987,Tổ dân phố số 2\nĐỗ Văn Nam,85,Tổ dân phố số 2\n'
      ),
      'ds.csv'
    );
    ward.workbook.actAs(COLLEAGUE);
    const result = ward.addOn.importRows({ unit: group.code, table, confirmed: true });
    ward.workbook.actAs(CLERK);
    expect(result).toMatchObject({ ok: true, imported: 2, firstRow: 8 + typed, lastRow: 9 + typed });
    expect(file.getRange(8 + typed, 2, 2, 4).getValues()).toEqual([
      ['Vũ Thị Lan', '1987', '', 'Tổ dân phố số 2'],
      ['Đỗ Văn Nam', '85', '', 'Tổ dân phố số 2'],
    ]);
    // The file's own formulas judge the imported rows at once.
    expect(file.getRange(9 + typed, 7).getValue()).toBe(
      `Lỗi: năm sinh phải từ 1900 đến ${new Date().getFullYear()}`
    );
    expect(ward.workbook.getSheets().map((s) => [s.getName(), s.getDataRange().getValues()])).toEqual(office);
  });

  it('checks one unit’s file in the sidebar (no “all units”), each problem a link to its cell', () => {
    ward.workbook.actAs(COLLEAGUE);
    try {
      const opened = ward.addOn.checkData({});
      expect(opened).toMatchObject({ ok: true, allUnits: false, units: [] });
      expect(opened.message).toContain('Chọn đơn vị cần kiểm tra');
      expect(ward.addOn.checkData({ unit: '*' })).toMatchObject({ ok: false, allUnits: false });
      const checked = ward.addOn.checkData({ unit: 'CA' });
      expect(checked.ok).toBe(true);
      expect(checked.units[0]).toMatchObject({ code: 'CA', state: 'ok', rows: 8 });
      const bad = checked.problems.find((p) => p.column === 'birthYear');
      expect(bad?.link).toBe(
        `https://docs.google.com/spreadsheets/d/${fileId(ward.workbook, 'CA')}/edit#gid=${unitFile(ward.workbook, 'CA').getSheets()[0].getSheetId()}&range=C${bad?.row}`
      );
    } finally {
      ward.workbook.actAs(CLERK);
    }
  });
});

describe('someone removed from a unit’s emails', () => {
  const units = someUnits();
  const ward = wardFiles(units);
  ward.addOn.setupUnits();
  const group = units.find((u) => u.code === 'TDP01')!;
  const removed = staffOf(group);
  const added = 'to.truong.moi@haiduong.example';

  it('loses access on the re-run, which says whom, and the new email is invited', () => {
    const { places, units: linked } = config(ward.workbook);
    const row = linked.find((u) => u.code === 'TDP01')!.configRow;
    ward.workbook.sheet('Cấu hình').getRange(row, places.columns.get('emails')!).setValue(added);
    const result = ward.addOn.setupUnits();
    expect(result.ok).toBe(true);
    expect(result.message).toContain(`${removed} (Tổ dân phố số 1)`);
    const id = fileId(ward.workbook, 'TDP01');
    expect(ward.as(removed, `SpreadsheetApp.openById(${JSON.stringify(id)});`)).toEqual({
      error: NO_DOCUMENT_ACCESS,
    });
    expect(ward.drive.file(id)?.editors).toEqual([added]);
    expect(ward.drive.notifications.at(-1)).toMatchObject({ to: added, fileId: id });
  });
});

describe('files Tổng hợp cannot read', () => {
  it('names each (in the trash, deleted, not the unit’s, header altered) and consolidates every other unit', () => {
    const units = demoUnits(4).filter((u) => u.code.startsWith('TDP') || u.code === 'CA');
    const ward = wardFiles(units);
    ward.addOn.setupUnits();
    units.forEach((unit, i) => typeIntoFile(ward.workbook, unit, rowsOf(unit, i)));
    const [police, group1, group2, group3, group4] = units;
    ward.drive.trashAsOwner(fileId(ward.workbook, group1.code));
    ward.as(CLERK, `Drive.Files.remove(${JSON.stringify(fileId(ward.workbook, group2.code))});`);
    // The owner changes a header cell of the third group's file.
    unitFile(ward.workbook, group3.code).getSheets()[0].getRange('C7').setValue('Năm');
    // The police's link now leads to a spreadsheet that is no unit's (the office's own).
    const { places, units: linked } = config(ward.workbook);
    ward.workbook
      .sheet('Cấu hình')
      .getRange(linked.find((u) => u.code === police.code)!.configRow, places.columns.get('file')!)
      .setValue(ward.workbook.getId());
    const result = ward.addOn.consolidate();
    expect(result.ok).toBe(true);
    expect(result.message).toContain(`Tệp của đơn vị đang ở thùng rác nên chưa tổng hợp`);
    expect(result.message).toContain(group1.name);
    expect(result.message).toContain(`Không mở được tệp của đơn vị`);
    expect(result.message).toContain(group2.name);
    expect(result.message).toContain('dẫn tới tệp không phải của đơn vị');
    expect(result.message).toContain('bị sửa tiêu đề cột');
    const rows = liveRoles(ward.workbook)
      .get('master')!
      .getDataRange()
      .getValues()
      .slice(MASTER.firstDataRow - 1);
    const codes = new Set(rows.map((r) => r[MASTER_COL.unitCode - 1]).filter((c) => c !== ''));
    expect([...codes]).toEqual([group4.code]);
  });
});

describe('the same rows, either design', () => {
  it('give the same master list and the same figures, cell for cell', () => {
    const units = someUnits();
    const files = wardFiles(units);
    files.addOn.setupUnits();
    units.forEach((unit, i) => typeIntoFile(files.workbook, unit, rowsOf(unit, i)));
    files.addOn.consolidate();
    const shared = workbookWithUnits(units, { clock: new VirtualClock(files.clock!.now()) });
    shared.addOn.setupUnits();
    units.forEach((unit, i) => typeRows(shared.workbook, unit, rowsOf(unit, i)));
    shared.addOn.consolidate();
    // The master list but for its source column (a cell of a tab here, of a file there).
    const withoutSource = (rows: unknown[][]) =>
      rows.map((r) => r.filter((_, c) => c !== MASTER_COL.source - 1));
    expect(withoutSource(timeless(files.workbook, 'master'))).toEqual(
      withoutSource(timeless(shared.workbook, 'master'))
    );
    expect(timeless(files.workbook, 'summary')).toEqual(timeless(shared.workbook, 'summary'));
    expect(timeless(files.workbook, 'master').length).toBeGreaterThan(MASTER.firstDataRow + 20);
  });
});

describe('Google’s daily quota of new spreadsheets', () => {
  it('stops Thiết lập cleanly; the next day a re-run makes the rest', () => {
    const units = someUnits();
    const ward = wardFiles(units, { quotas: { spreadsheetsPerDay: 3, driveRequestsPerMinute: 12_000 } });
    const first = ward.addOn.setupUnits();
    expect(first.ok).toBe(false);
    // The template and two units' files: three spreadsheets.
    expect(first.message).toContain('lần này đã tạo 2 tệp, còn 2 đơn vị chưa có tệp');
    expect(first.message).toContain('Ngày mai');
    expect(config(ward.workbook).units.filter((u) => u.fileId !== '')).toHaveLength(2);
    ward.clock!.advance(24 * 3600 * 1000);
    const next = ward.addOn.setupUnits();
    expect(next.ok).toBe(true);
    expect(next.message).toContain('Đã tạo 2 tệp đơn vị');
    expect(config(ward.workbook).units.every((u) => u.fileId !== '')).toBe(true);
    expectOneFileEach(ward, units);
  });
});

/** Every unit has exactly one file in the folder, linked from Cấu hình, tagged, protected and shared. */
function expectOneFileEach(ward: Ward, units: DemoUnit[]): void {
  const { campaign, units: linked } = config(ward.workbook);
  const inFolder = ward.drive
    .spreadsheets()
    .filter((f) => f.parents.includes(campaign.unitFolder) && !f.trashed);
  // The units' files and the template.
  expect(inFolder).toHaveLength(units.length + 1);
  for (const unit of linked) {
    const file = ward.drive.file(unit.fileId);
    expect(file?.workbook).toBeTruthy();
    const sheet = file!.workbook!.getSheets()[0];
    expect(file!.workbook!.getSheets()).toHaveLength(1);
    expect(sheet.getName()).toBe(unit.name);
    // The header names the unit.
    expect(sheet.getRange('A2').getValue()).toBe(unit.name.toUpperCase());
    expect(sheet.getProtections(SHEET)).toHaveLength(1);
    expect(file!.editors).toEqual(unit.emails);
  }
}

describe('Thiết lập stopped at any call', () => {
  it('leaves no unit with two files, and a re-run finishes every file', () => {
    const units = someUnits().slice(0, 3);
    const probe = wardFiles(units, { stepBudgetMs: 0 });
    const attempts = (w: Ward) => w.session.executions.reduce((n, e) => n + e.attempts, 0);
    const start = attempts(probe);
    probe.addOn.setupUnits();
    const calls = attempts(probe) - start;
    expect(calls).toBeGreaterThan(60);
    let runs = 0;
    for (let k = 1; k < calls; k += Math.max(1, Math.floor(calls / 25))) {
      const ward = wardFiles(units, { stepBudgetMs: 0 });
      ward.options.abortAtCall = attempts(ward) + k;
      expect(() => ward.addOn.setupUnits()).toThrow('Exceeded maximum execution time');
      ward.options.abortAtCall = undefined;
      const result = ward.addOn.setupUnits();
      expect(result.ok).toBe(true);
      expectOneFileEach(ward, units);
      // Invited once each, however many runs it took.
      for (const unit of units)
        expect(ward.drive.notifications.filter((n) => n.to === staffOf(unit))).toHaveLength(1);
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(20);
  }, 600_000);
});

describe('Tổng hợp stopped at any call', () => {
  it('leaves the live pair whole, and a re-run gives what an uninterrupted run gives', () => {
    const units = someUnits().slice(0, 3);
    const reference = wardFiles(units, { stepBudgetMs: 0 });
    reference.addOn.setupUnits();
    units.forEach((unit, i) => typeIntoFile(reference.workbook, unit, rowsOf(unit, i)));
    const attempts = (w: Ward) => w.session.executions.reduce((n, e) => n + e.attempts, 0);
    const start = attempts(reference);
    reference.addOn.consolidate();
    const calls = attempts(reference) - start;
    // The moment of each run aside, the same pair.
    const pair = (w: Ward) => ['summary', 'master'].map((role) => timeless(w.workbook, role));
    const expected = pair(reference);
    let runs = 0;
    for (let k = 1; k < calls; k += Math.max(1, Math.floor(calls / 20))) {
      const ward = wardFiles(units, { stepBudgetMs: 0 });
      ward.addOn.setupUnits();
      units.forEach((unit, i) => typeIntoFile(ward.workbook, unit, rowsOf(unit, i)));
      const files = units.map((u) =>
        unitFile(ward.workbook, u.code).getSheets()[0].getDataRange().getValues()
      );
      ward.options.abortAtCall = attempts(ward) + k;
      expect(() => ward.addOn.consolidate()).toThrow('Exceeded maximum execution time');
      ward.options.abortAtCall = undefined;
      expect(ward.addOn.consolidate().ok).toBe(true);
      expect(pair(ward)).toEqual(expected);
      // No unit's file was written.
      expect(
        units.map((u) => unitFile(ward.workbook, u.code).getSheets()[0].getDataRange().getValues())
      ).toEqual(files);
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(15);
  }, 600_000);
});
