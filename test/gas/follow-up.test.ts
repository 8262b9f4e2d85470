/**
 * Following the units up (issue "the clerk follows up 200 units"), through the built bundle on the
 * stand-in's Drive, as the people who do it: a unit's staff member typing and ticking "done" in the unit's
 * own file, the office colleague who accepts or returns the list, the owner who changes an accepted list,
 * and the summary that shows each unit's status. The shared design is walked too.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import { Workbook, VirtualClock } from '../../src/stand-in';
import { parseConfig } from '../../src/core/config-table';
import { SUMMARY, UNIT_COL } from '../../src/core/report-layout';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import type { ProtectionType } from '../../src/contract/apps-script';
import { CLERK, typeRows, unitSheet, unitTable, workbookWithUnits, scriptAs } from '../support/add-on';

const SHEET = 'SHEET' as unknown as ProtectionType;
const COLLEAGUE = 'ke.toan@haiduong.example';
const PROTECTED = 'You are trying to edit a protected cell or object';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 4, 20, 2, 0, 0);

function someUnits(): DemoUnit[] {
  return demoUnits(4).filter((u) => ['THCS-LTV', 'CA', 'TDP01', 'TDP02'].includes(u.code));
}
const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** A script that wrote without an error (it returns nothing). */
const wrote = (result: unknown) => expect(result ?? {}).not.toHaveProperty('error');
const staffOf = (unit: DemoUnit): string => unit.emails.split(',')[0];

function wardFiles(units: DemoUnit[], options: RuntimeOptions = {}) {
  const workbook = new Workbook({ owner: CLERK, name: 'Tổng hợp Smart Hải Phòng' });
  const clock = new VirtualClock(T0);
  options.clock = clock;
  const loaded = loadAddOn(workbook, undefined, options);
  loaded.addOn.initConfig(unitTable(units));
  dropBlankSheets(workbook);
  workbook.share(COLLEAGUE);
  workbook.sheet('Cấu hình').getProtections(SHEET)[0].addEditors([COLLEAGUE]);
  const as = scriptAs(workbook, loaded.script);
  return { workbook, clock, as, ...loaded };
}

function fileIdOf(workbook: Workbook, code: string): string {
  const { units } = parseConfig(workbook.sheet('Cấu hình').getDataRange().getValues());
  return units.find((u) => u.code === code)!.fileId;
}

function fileSheet(workbook: Workbook, code: string) {
  return workbook.drive.file(fileIdOf(workbook, code))!.workbook!.getSheets()[0];
}

/** Rows as a unit types them: Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay. */
function people(unit: DemoUnit, n: number, bad = 0): unknown[][] {
  const given = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh', 'Nam'];
  return Array.from({ length: n }, (_, r) => [
    `Nguyễn Văn ${given[r % given.length]} ${unit.code}`,
    r < bad ? '19xx' : String(1960 + r),
    '',
    `Tổ dân phố số ${(r % 2) + 1}, phường Hải Dương`,
  ]);
}

/** Each unit's Tình trạng and Ngày đổi tình trạng as the summary shows them. */
function statuses(workbook: Workbook): Record<string, [string, unknown]> {
  const summary = sheetsByRole(sheetTags(workbook)).get('summary')!;
  const rows = summary
    .getDataRange()
    .getValues()
    .slice(SUMMARY.firstUnitRow - 1);
  const out: Record<string, [string, unknown]> = {};
  for (const row of rows) {
    const code = String(row[UNIT_COL.code - 1]);
    if (code === '' || row[0] === '') continue;
    const since = row[UNIT_COL.statusSince - 1];
    // The day is what the summary shows (its format is dd/MM/yyyy): a run's moment within it does not count.
    out[code] = [
      String(row[UNIT_COL.status - 1]),
      since instanceof Date ? since.toISOString().slice(0, 10) : since,
    ];
  }
  return out;
}

describe('a unit’s own file, walked through every status by its staff and the office', () => {
  const units = someUnits();
  const ward = wardFiles(units);
  ward.addOn.setupUnits();
  const [school] = units;
  const staff = staffOf(school);
  const schoolFile = () => fileSheet(ward.workbook, school.code);
  const consolidate = () => {
    ward.workbook.actAs(COLLEAGUE);
    try {
      const result = ward.addOn.consolidate();
      expect(result.ok).toBe(true);
      return statuses(ward.workbook);
    } finally {
      ward.workbook.actAs(CLERK);
    }
  };
  const asStaff = (a1: string, value: unknown) =>
    ward.as(
      staff,
      `SpreadsheetApp.openById(${JSON.stringify(fileIdOf(ward.workbook, school.code))}).getSheets()[0].getRange('${a1}').setValue(${JSON.stringify(value)});`
    );
  const review = (request: unknown) => {
    ward.workbook.actAs(COLLEAGUE);
    try {
      return ward.addOn.reviewUnit(request as never);
    } finally {
      ward.workbook.actAs(CLERK);
    }
  };

  it('puts a native checkbox "done" in the unit’s header, open to its staff, mirrored in a cell they cannot type into', () => {
    const sheet = schoolFile();
    expect(sheet.getRange('G6').getValue()).toBe(false);
    expect(sheet.getRange('G6').getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
    expect(sheet.getRange('F6').getFormulas()[0][0]).toBe('=N(G6)');
    const open = sheet.getProtections(SHEET)[0].getUnprotectedRanges();
    expect(open.map((r) => [r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()])).toContainEqual([
      6, 7, 1, 1,
    ]);
    expect(asStaff('F6', 1)).toEqual({ error: expect.stringContaining(PROTECTED) });
    expect(asStaff('A6', 'Đã duyệt')).toEqual({ error: expect.stringContaining(PROTECTED) });
  });

  it('reads Chưa nhập before any row, then Đang nhập once the staff type', () => {
    expect(consolidate()[school.code][0]).toBe('Chưa nhập');
    ward.clock.advance(DAY);
    ward.workbook.actAs(staff);
    schoolFile()
      .getRange(8, 2, 6, 4)
      .setValues(people(school, 6, 1));
    ward.workbook.actAs(CLERK);
    const seen = consolidate();
    expect(seen[school.code][0]).toBe('Đang nhập');
    expect(seen[school.code][1]).toEqual(day(T0 + DAY));
    // The other units did not move: their day stays the first run's.
    expect(seen.CA).toEqual(['Chưa nhập', day(T0)]);
  });

  it('reads Đơn vị báo xong once the staff tick the box, and only then', () => {
    ward.clock.advance(DAY);
    expect(consolidate()[school.code]).toEqual(['Đang nhập', day(T0 + DAY)]);
    wrote(asStaff('G6', true));
    ward.clock.advance(DAY);
    expect(consolidate()[school.code]).toEqual(['Đơn vị báo xong', day(T0 + 3 * DAY)]);
  });

  it('accepts (Duyệt) only as the office; the list is locked for the unit, and reads Đã duyệt', () => {
    ward.workbook.actAs(staff);
    const refused = ward.addOn.reviewUnit({ unit: school.code, action: 'accept' });
    ward.workbook.actAs(CLERK);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('Chỉ bộ phận tổng hợp') });
    ward.clock.advance(DAY);
    const accepted = review({ unit: school.code, action: 'accept' });
    expect(accepted).toMatchObject({ ok: true, message: expect.stringContaining('6 dòng') });
    expect(asStaff('B9', 'Lê Thị Sửa')).toEqual({ error: expect.stringContaining(PROTECTED) });
    expect(asStaff('G6', false)).toEqual({ error: expect.stringContaining(PROTECTED) });
    expect(String(schoolFile().getRange('A6').getValue())).toContain('đã duyệt');
    expect(consolidate()[school.code]).toEqual(['Đã duyệt', day(T0 + 4 * DAY)]);
    // Thiết lập run again keeps it locked, and the office's note where the unit's staff read it.
    expect(ward.addOn.setupUnits().ok).toBe(true);
    expect(asStaff('B9', 'Lê Thị Sửa')).toEqual({ error: expect.stringContaining(PROTECTED) });
    expect(String(schoolFile().getRange('A6').getValue())).toContain('đã duyệt');
  });

  it('flags a list changed after acceptance (here by the owner) with the rows that changed', () => {
    schoolFile().getRange('B10').setValue('Trần Văn Đổi');
    schoolFile().getRange(14, 2, 1, 4).setValues(people(school, 1));
    ward.clock.advance(DAY);
    const [status] = consolidate()[school.code];
    expect(status).toBe('Đã sửa sau khi duyệt (dòng 10, 14)');
    // Put back as accepted, it reads Đã duyệt again: the fingerprint is the list's, not a cell's.
    schoolFile().getRange('B10').setValue(people(school, 6)[2][0]);
    schoolFile().getRange(14, 2, 1, 4).clearContent();
    expect(consolidate()[school.code][0]).toBe('Đã duyệt');
  });

  it('returns (Trả lại) with a note: the list opens again, the tick clears, the note is in the header; Cần sửa', () => {
    expect(review({ unit: school.code, action: 'return' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('ghi rõ'),
    });
    ward.clock.advance(DAY);
    const returned = review({ unit: school.code, action: 'return', note: 'Dòng 8 thiếu năm sinh.' });
    expect(returned.ok).toBe(true);
    const sheet = schoolFile();
    expect(sheet.getRange('G6').getValue()).toBe(false);
    expect(String(sheet.getRange('A6').getValue())).toContain('Dòng 8 thiếu năm sinh.');
    wrote(asStaff('C8', '1961'));
    expect(consolidate()[school.code]).toEqual(['Cần sửa', day(T0 + 6 * DAY)]);
    // Fixed and ticked again: back to the office.
    wrote(asStaff('G6', true));
    expect(consolidate()[school.code][0]).toBe('Đơn vị báo xong');
  });

  it('trusts nothing the unit could type but its tick: "Đã duyệt" typed into its cells changes nothing', () => {
    wrote(asStaff('G6', false));
    wrote(asStaff('F9', 'Đã duyệt'));
    wrote(asStaff('B20', 'Đã duyệt'));
    // Unticked again after the return: the office's record still says Cần sửa.
    expect(consolidate()[school.code][0]).toBe('Cần sửa');
  });
});

describe('the shared design: a unit’s tab', () => {
  const units = demoUnits(3);
  const clock = new VirtualClock(T0);
  const { workbook, addOn } = workbookWithUnits(units, { clock });
  addOn.setupUnits();
  const [first] = units;
  const staff = first.emails.split(',')[0];
  const status = () => {
    expect(addOn.consolidate().ok).toBe(true);
    return statuses(workbook)[first.code][0];
  };

  it('walks Chưa nhập → Đang nhập → Đơn vị báo xong → Đã duyệt (locked) → Cần sửa', () => {
    expect(status()).toBe('Chưa nhập');
    typeRows(workbook, first, people(first, 3));
    expect(status()).toBe('Đang nhập');
    workbook.actAs(staff);
    unitSheet(workbook, first.code).getRange('G6').setValue(true);
    workbook.actAs(CLERK);
    expect(status()).toBe('Đơn vị báo xong');
    expect(addOn.reviewUnit({ unit: first.code, action: 'accept' }).ok).toBe(true);
    workbook.actAs(staff);
    expect(() => unitSheet(workbook, first.code).getRange('B9').setValue('Lê Văn Sửa')).toThrow(PROTECTED);
    workbook.actAs(CLERK);
    expect(status()).toBe('Đã duyệt');
    expect(addOn.reviewUnit({ unit: first.code, action: 'return', note: 'Thiếu 2 người.' }).ok).toBe(true);
    workbook.actAs(staff);
    unitSheet(workbook, first.code).getRange('B11').setValue('Lê Văn Thêm');
    workbook.actAs(CLERK);
    expect(unitSheet(workbook, first.code).getRange('G6').getValue()).toBe(false);
    expect(status()).toBe('Cần sửa');
  });
});
