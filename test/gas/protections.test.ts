/**
 * Protections as Google documents them, tried by three people: the owner (the clerk), an office
 * colleague who is an editor of Cấu hình's protection but not the owner, and a unit's staff member.
 * A protection Google has just made blocks nobody until its editor list is changed; the stand-in does
 * the same, so these tests fail if tonghop leaves any protection as Google made it.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import type { ProtectionEntry } from '../../src/gas/protections';
import { NO_EDIT_ACCESS_MESSAGE, PROTECTED_MESSAGE, Workbook, VirtualClock } from '../../src/stand-in';
import { UNIT_COL } from '../../src/core/report-layout';
import { CLERK, snapshot, typeRows, unitSheet, workbookWithUnits } from '../support/add-on';

const COLLEAGUE = 'ke.toan@haiduong.example';

const all = demoUnits(2);
const pick = (code: string) => all.find((u) => u.code === code) as DemoUnit;
const SCHOOL = pick('THCS-LTV');
const POLICE = pick('CA');
/** No email yet: its sheet is protected only with a warning. */
const LONELY = pick('TDP02');
const UNITS = [SCHOOL, POLICE, pick('TDP01'), LONELY];
const staffOf = (unit: DemoUnit) => unit.emails.split(',')[0];

function configSheet(workbook: Workbook) {
  const sheet = workbook.getSheetByName('Cấu hình');
  if (!sheet) throw new Error('no Cấu hình');
  return sheet;
}

/** The owner adds a colleague in Data → Protected sheets and ranges → Cấu hình. */
function addToOffice(workbook: Workbook, email: string): void {
  workbook.actAs(CLERK);
  configSheet(workbook)
    .getProtections('SHEET' as never)[0]
    .addEditors([email]);
}

/** As `email`: does writing `value` into `a1` of `sheet` go through? The error text when it does not. */
function tryWrite(workbook: Workbook, email: string, sheetName: string, a1: string): string {
  workbook.actAs(email);
  try {
    workbook.sheet(sheetName).getRange(a1).setValue('Nguyễn Văn An');
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  } finally {
    workbook.actAs(CLERK);
  }
}

/** Every protection in the workbook that still mirrors the file's sharing (blocks nobody). */
function mirroring(workbook: Workbook): string[] {
  return workbook
    .sheetObjects()
    .flatMap((sheet) => sheet.protections)
    .filter((p) => p.mirrorsSpreadsheet && !p.warningOnly)
    .map((p) => `${p.sheet.getName()} ${p.rect ? 'range' : 'sheet'}`);
}

/** What a staff member of `unit` can and cannot do once the file is shared with them. */
function expectStaffConfined(workbook: Workbook, unit: DemoUnit): void {
  const staff = staffOf(unit);
  const own = unitSheet(workbook, unit.code).getName();
  const other = unitSheet(workbook, POLICE.code).getName();
  expect(tryWrite(workbook, staff, own, 'B8')).toBe('ok');
  expect(tryWrite(workbook, staff, own, 'E30')).toBe('ok');
  expect(tryWrite(workbook, staff, own, 'A4')).toBe(PROTECTED_MESSAGE); // header block
  expect(tryWrite(workbook, staff, own, 'B7')).toBe(PROTECTED_MESSAGE); // table header
  expect(tryWrite(workbook, staff, own, 'F6')).toBe(PROTECTED_MESSAGE); // the header block
  expect(tryWrite(workbook, staff, own, 'G8')).toBe(PROTECTED_MESSAGE); // the Kiểm tra column's formulas
  expect(tryWrite(workbook, staff, other, 'B8')).toBe(PROTECTED_MESSAGE);
  expect(tryWrite(workbook, staff, 'Tổng hợp', 'A1')).toBe(PROTECTED_MESSAGE);
  expect(tryWrite(workbook, staff, 'Danh sách tổng hợp', 'A10')).toBe(PROTECTED_MESSAGE);
  expect(tryWrite(workbook, staff, 'Cấu hình', 'E13')).toBe(PROTECTED_MESSAGE);
}

function expectEveryEntryEffective(entries: readonly ProtectionEntry[], workbook: Workbook): void {
  // Cấu hình, Tổng hợp, Danh sách tổng hợp, and per unit: the sheet, its header block and the Kiểm tra
  // column with its helpers.
  expect(entries).toHaveLength(3 + 3 * UNITS.length);
  for (const entry of entries) {
    const warned = entry.sheet === unitSheet(workbook, LONELY.code).getName() && entry.range === null;
    expect(entry).toMatchObject({ warningOnly: warned, effective: !warned });
    if (!warned) expect(entry.editors[0]).toBe(CLERK);
  }
}

describe('protections as Google documents them', () => {
  it('from an owner-only file: Thiết lập, then share; each person can do just their part', () => {
    const { workbook, addOn } = workbookWithUnits(UNITS, { shared: false });
    addToOffice(workbook, COLLEAGUE);
    const setup = addOn.setupUnits();
    expect(setup.ok).toBe(true);
    expect(mirroring(workbook)).toEqual([]);
    expectEveryEntryEffective(setup.protections, workbook);
    const school = unitSheet(workbook, SCHOOL.code).getName();
    expect(setup.protections).toContainEqual({
      sheet: school,
      range: null,
      editors: [CLERK, COLLEAGUE, staffOf(SCHOOL)],
      warningOnly: false,
      effective: true,
    });
    expect(setup.protections).toContainEqual({
      sheet: school,
      range: 'A1:F7',
      editors: [CLERK, COLLEAGUE],
      warningOnly: false,
      effective: true,
    });
    expect(setup.emailsWithoutAccess).toEqual([SCHOOL, POLICE, pick('TDP01')].map(staffOf));

    // The owner shares the file, as in the Share dialog, after Thiết lập.
    workbook.share(COLLEAGUE, ...UNITS.map((u) => u.emails));
    expectStaffConfined(workbook, SCHOOL);
    // Anyone with edit access may type in the warning-only sheet, but not its header.
    const lonely = unitSheet(workbook, LONELY.code).getName();
    expect(tryWrite(workbook, staffOf(POLICE), lonely, 'B8')).toBe('ok');
    expect(tryWrite(workbook, staffOf(POLICE), lonely, 'A2')).toBe(PROTECTED_MESSAGE);

    // The colleague runs Tổng hợp and sees the school's row; the staff member is refused both actions.
    typeRows(workbook, SCHOOL, [['Trần Thị Bình', 1985, '', 'Tổ dân phố số 1']]);
    workbook.actAs(COLLEAGUE);
    const run = addOn.consolidate();
    workbook.actAs(staffOf(SCHOOL));
    const staffRun = addOn.consolidate();
    const staffSetup = addOn.setupUnits();
    workbook.actAs(CLERK);
    expect(run.ok).toBe(true);
    expect(run.units.find((u) => u.code === SCHOOL.code)?.valid).toBe(1);
    expect(run.protections.map((p) => [p.sheet, p.effective])).toEqual([
      ['Cấu hình', true],
      ['Tổng hợp', true],
      ['Danh sách tổng hợp', true],
    ]);
    expect(staffRun).toMatchObject({ ok: false, message: expect.stringContaining('Chỉ bộ phận tổng hợp') });
    expect(staffSetup).toMatchObject({ ok: false, message: expect.stringContaining('Chỉ bộ phận tổng hợp') });
    expect(mirroring(workbook)).toEqual([]);
  });

  it('from an owner-only file whose office is the owner alone: sharing later opens nothing', () => {
    const { workbook, addOn } = workbookWithUnits(UNITS, { shared: false });
    const setup = addOn.setupUnits();
    expect(mirroring(workbook)).toEqual([]);
    expectEveryEntryEffective(setup.protections, workbook);
    expect(setup.protections.find((p) => p.sheet === 'Tổng hợp')?.editors).toEqual([CLERK]);
    workbook.share(...UNITS.map((u) => u.emails));
    expectStaffConfined(workbook, SCHOOL);
    // Nor does sharing make anyone the office.
    workbook.actAs(staffOf(SCHOOL));
    expect(addOn.consolidate().ok).toBe(false);
    workbook.actAs(CLERK);
    expect(addOn.consolidate().ok).toBe(true);
  });

  it('in a file shared before Thiết lập: the same, and nobody outside the file writes anything', () => {
    const { workbook, addOn } = workbookWithUnits(UNITS);
    addToOffice(workbook, COLLEAGUE);
    workbook.share(COLLEAGUE);
    const setup = addOn.setupUnits();
    expect(setup.emailsWithoutAccess).toEqual([]);
    expect(mirroring(workbook)).toEqual([]);
    expectEveryEntryEffective(setup.protections, workbook);
    expectStaffConfined(workbook, SCHOOL);
    expectStaffConfined(workbook, pick('TDP01'));
    const school = unitSheet(workbook, SCHOOL.code).getName();
    expect(tryWrite(workbook, 'nguoi.ngoai@example.com', school, 'B8')).toBe(NO_EDIT_ACCESS_MESSAGE);
    // The office message names the sheet anyone with edit access can still change.
    expect(setup.message).toContain('trang mà mọi người có quyền sửa tệp vẫn sửa được');
    expect(setup.message).toContain(unitSheet(workbook, LONELY.code).getName());
    workbook.actAs(COLLEAGUE);
    expect(addOn.consolidate().ok).toBe(true);
    workbook.actAs(CLERK);
  });

  it('repairs on a re-run a protection left as Google made it (by an older version, say)', () => {
    const { workbook, addOn } = workbookWithUnits(UNITS);
    addOn.setupUnits();
    const school = unitSheet(workbook, SCHOOL.code);
    // An older version only protected, without changing the lists: header block, Kiểm tra block and
    // output sheets.
    for (const p of [
      ...school.getProtections('RANGE' as never),
      ...workbook.sheet('Tổng hợp').getProtections('SHEET' as never),
      ...workbook.sheet('Danh sách tổng hợp').getProtections('SHEET' as never),
    ]) {
      const range = p.getRange();
      p.remove();
      if (range.getNumRows() === range.getSheet().getMaxRows()) range.getSheet().protect();
      else range.protect();
    }
    expect(mirroring(workbook)).toHaveLength(4);
    // The hole, as a ward would meet it: the school's staff can rewrite the header and the summary.
    expect(tryWrite(workbook, staffOf(SCHOOL), school.getName(), 'A4')).toBe('ok');
    expect(tryWrite(workbook, staffOf(SCHOOL), 'Tổng hợp', 'A1')).toBe('ok');
    const again = addOn.setupUnits();
    expect(mirroring(workbook)).toEqual([]);
    expectEveryEntryEffective(again.protections, workbook);
    expectStaffConfined(workbook, SCHOOL);
  });

  it('tells a colleague added after Thiết lập to have it re-run, and writes nothing meanwhile', () => {
    const { workbook, addOn } = workbookWithUnits(UNITS);
    addOn.setupUnits();
    addToOffice(workbook, COLLEAGUE);
    workbook.share(COLLEAGUE);
    const before = snapshot(workbook);
    workbook.actAs(COLLEAGUE);
    const early = addOn.consolidate();
    workbook.actAs(CLERK);
    expect(early.ok).toBe(false);
    expect(early.message).toContain('Bạn chưa có quyền sửa phần bảo vệ của 2 trang');
    expect(early.message).toContain('chạy lại Thiết lập đơn vị');
    expect(snapshot(workbook)).toEqual(before);
    // The owner re-runs Thiết lập: the colleague is now an editor of every sheet tonghop protects.
    const again = addOn.setupUnits();
    expect(again.protections.filter((p) => !p.warningOnly).every((p) => p.editors.includes(COLLEAGUE))).toBe(
      true
    );
    workbook.actAs(COLLEAGUE);
    expect(addOn.consolidate().ok).toBe(true);
    workbook.actAs(CLERK);
  });

  it('re-runs with a few protection calls where the lists might be the mirror, and none once shared', () => {
    const { workbook, addOn } = workbookWithUnits(UNITS, { shared: false });
    addOn.setupUnits();
    const before = snapshot(workbook);
    workbook.resetCalls();
    const ownerOnly = addOn.setupUnits();
    expect(snapshot(workbook)).toEqual(before);
    // In a file shared with nobody a list cannot be told from the mirror: each is set again, at
    // most removeEditors + addEditors per protection, and nothing else is written.
    expect(workbook.calls.writes).toBeGreaterThan(0);
    expect(workbook.calls.writes).toBeLessThanOrEqual(2 * ownerOnly.protections.length);
    workbook.share(...UNITS.map((u) => u.emails));
    addOn.setupUnits();
    workbook.resetCalls();
    addOn.setupUnits();
    expect(workbook.calls.writes).toBe(0);
    expect(snapshot(workbook)).toEqual(before);
  });

  it('warns when every editor of the file counts as the office', () => {
    const { workbook, addOn } = workbookWithUnits(UNITS);
    addOn.setupUnits();
    const config = configSheet(workbook).getProtections('SHEET' as never)[0];
    config.addEditors(workbook.getEditors().map((u) => u.getEmail()));
    const again = addOn.setupUnits();
    expect(again.message).toContain('Mọi người có quyền sửa tệp đều đang được sửa trang Cấu hình');
  });
});

describe('a unit sheet made by the version with the stamp in C6', () => {
  /** Turns a fresh sheet back into the old layout, as that version left it: stamp in C6, two header protections. */
  function toOldLayout(workbook: Workbook, name: string, stamp: Date): void {
    const sheet = workbook.sheet(name);
    for (const p of sheet.getProtections('RANGE' as never)) p.remove();
    sheet.deleteColumns(8, sheet.getMaxColumns() - 7);
    sheet.getRange('G7:G1007').clearContent();
    sheet.getRange('A6').setValue('Cập nhật lần cuối:');
    sheet.getRange('C6').setValue(stamp);
    sheet.getRange('A6:B6').merge();
    sheet.getRange('C6:D6').merge();
    for (const a1 of ['A1:F5', 'A7:F7']) {
      const p = sheet.getRange(a1).protect();
      p.removeEditors([CLERK]);
      p.addEditors([COLLEAGUE]);
    }
  }
  const rangeProtections = (workbook: Workbook, name: string) =>
    workbook
      .sheet(name)
      .getProtections('RANGE' as never)
      .map((p) => p.getRange().getA1Notation());
  /** Tổng hợp's "Cập nhật lần cuối" for the school, after a run (which must succeed). */
  const stampOf = (workbook: Workbook, run: { ok: boolean }) => {
    expect(run.ok).toBe(true);
    // As the summary shows it.
    const row = workbook
      .sheet('Tổng hợp')
      .getDataRange()
      .getDisplayValues()
      .find((cells) => cells.includes(SCHOOL.name));
    return row?.[UNIT_COL.lastUpdated - 1];
  };

  it('is migrated by Thiết lập: one header protection and the Kiểm tra column’s, row 6 tidied; Tổng hợp dates each change', () => {
    const clock = new VirtualClock(Date.UTC(2026, 4, 20, 2, 0));
    const { workbook, addOn } = workbookWithUnits(UNITS, { clock });
    addToOffice(workbook, COLLEAGUE);
    workbook.share(COLLEAGUE);
    addOn.setupUnits();
    const name = unitSheet(workbook, SCHOOL.code).getName();
    toOldLayout(workbook, name, new Date(Date.UTC(2026, 4, 10, 1, 30)));
    expect(rangeProtections(workbook, name)).toEqual(['A1:F5', 'A7:F7']);
    typeRows(workbook, SCHOOL, [['Trần Thị Bình', 1985, '', 'Tổ dân phố số 1']], 8);

    const again = addOn.setupUnits();
    expect(again.ok).toBe(true);
    expect(again.refreshed).toContain(SCHOOL.name);
    const sheet = workbook.sheet(name);
    // Row 6 tidied: no old label, stamp or merges, the "done" checkbox and its mirror; the typed row is as typed.
    expect(sheet.getRange('A6:G6').getValues()).toEqual([['', '', '', '', '', 0, false]]);
    expect(sheet.merges.filter((m) => m.r1 === 6)).toEqual([]);
    expect(sheet.getRange('B8:E8').getValues()).toEqual([['Trần Thị Bình', 1985, '', 'Tổ dân phố số 1']]);
    // One header protection and the Kiểm tra column's, for the office alone, enforced.
    expect(rangeProtections(workbook, name)).toEqual(['A1:F7', 'G7:M1007']);
    expect(mirroring(workbook)).toEqual([]);
    expectEveryEntryEffective(again.protections, workbook);
    expect(tryWrite(workbook, staffOf(SCHOOL), name, 'E30')).toBe('ok');
    expect(tryWrite(workbook, staffOf(POLICE), name, 'B8')).toBe(PROTECTED_MESSAGE);
    for (const a1 of ['A4', 'A6', 'C6', 'F6', 'B7', 'G8', 'K20'])
      expect(tryWrite(workbook, staffOf(SCHOOL), name, a1)).toBe(PROTECTED_MESSAGE);
    expect(tryWrite(workbook, COLLEAGUE, name, 'A4')).toBe('ok');
    expect(tryWrite(workbook, CLERK, name, 'A6')).toBe('ok');
    sheet.getRange('A6').setValue('');

    // "Cập nhật lần cuối" is when a Tổng hợp first saw the list as it is: unchanged lists keep their date.
    const first = stampOf(workbook, addOn.consolidate());
    expect(first).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    clock.advance(3 * 3_600_000);
    expect(stampOf(workbook, addOn.consolidate())).toBe(first);
    typeRows(workbook, SCHOOL, [['Lê Văn Cường', 1990, '', 'Tổ dân phố số 2']], 9);
    clock.advance(3 * 3_600_000);
    const later = stampOf(workbook, addOn.consolidate());
    expect(later).not.toBe(first);

    // A further run puts back the header the colleague typed over.
    const third = addOn.setupUnits();
    expect(third.refreshed).toEqual([SCHOOL.name]);
    expect(sheet.getRange('A4').getValue()).toMatch(/^DANH SÁCH /);
    expect(rangeProtections(workbook, name)).toEqual(['A1:F7', 'G7:M1007']);
  });
});
