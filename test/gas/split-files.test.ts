/**
 * "Tách thành tệp riêng": a workbook of the shared design (a tab per unit, "Một tệp chung") converted to a file
 * per unit, through the built bundle on the stand-in's Drive, as the owner of the office's file and as an
 * office colleague who is not; stopped at many calls and run again.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import { NO_DOCUMENT_ACCESS, Workbook, VirtualClock } from '../../src/stand-in';
import { parseConfig } from '../../src/core/config-table';
import { MASTER_COL } from '../../src/core/report-layout';
import { splitMessages as xm } from '../../src/core/messages/split';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import type { ProtectionType } from '../../src/contract/apps-script';
import { CLERK, typeRows, unitSheet, unitTable, scriptAs } from '../support/add-on';

const SHEET = 'SHEET' as unknown as ProtectionType;
const COLLEAGUE = 'ke.toan@haiduong.example';
const T0 = Date.UTC(2026, 4, 20, 2, 0, 0);
const OFFICE_TABS = ['Cấu hình', 'Tổng hợp', 'Danh sách tổng hợp'];

/** A school, the police, two residential groups. */
function someUnits(): DemoUnit[] {
  return demoUnits(4).filter((u) => ['THCS-LTV', 'CA', 'TDP01', 'TDP02'].includes(u.code));
}

const staffOf = (unit: DemoUnit): string => unit.emails.split(',')[0];

/**
 * A few people per unit, one listed by two units, one error, a blank row in between, and text that Sheets
 * would read as something else if it were typed without its apostrophe (a phone number, a date).
 */
function rowsOf(unit: DemoUnit, i: number): unknown[][] {
  const rows: unknown[][] = Array.from({ length: 4 + i }, (_, r) => [
    `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh'][r]} ${unit.code}`,
    String(1960 + r * 3 + i),
    '',
    `Tổ dân phố số ${(r % 2) + 1}, phường Hải Dương`,
  ]);
  rows.push(['', '', '', '', '']);
  rows.push(['Trần Thị Mai', '1978', '', 'Tổ dân phố số 1, phường Hải Dương', "'0912345678"]);
  if (i === 1) rows.push(['Lê Văn Tùng', '19xx', '', 'Tổ dân phố số 2, phường Hải Dương', "'01/02/2026"]);
  return rows;
}

/** The rows as a unit's list holds them: B…F, the apostrophe gone. */
const asHeld = (rows: unknown[][]): unknown[][] =>
  rows.map((r) =>
    [...r, '', '', '', '', ''].slice(0, 5).map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c))
  );

/**
 * The office's file in the shared design, set up (a tab per unit), shared with the units' staff and with the
 * colleague, who is in the office (Cấu hình's protection); each unit has typed its rows.
 */
function sharedWard(units: DemoUnit[], options: RuntimeOptions = {}) {
  const workbook = new Workbook({ owner: CLERK, name: 'Tổng hợp Smart Hải Phòng' });
  options.clock ??= new VirtualClock(T0);
  const loaded = loadAddOn(workbook, undefined, options);
  loaded.addOn.initConfig(unitTable(units), { organisation: 'shared' });
  dropBlankSheets(workbook);
  workbook.share(...units.map((u) => u.emails).filter((e) => e !== ''), COLLEAGUE);
  loaded.addOn.setupUnits();
  workbook.sheet('Cấu hình').getProtections(SHEET)[0].addEditors([COLLEAGUE]);
  units.forEach((unit, i) => typeRows(workbook, unit, rowsOf(unit, i)));
  const as = scriptAs(workbook, loaded.script);
  return { workbook, drive: workbook.drive, options, as, ...loaded };
}
type Ward = ReturnType<typeof sharedWard>;

const config = (workbook: Workbook) => parseConfig(workbook.sheet('Cấu hình').getDataRange().getValues());

/** The unit's own file (linked from Cấu hình), or null. */
function unitFile(workbook: Workbook, code: string): Workbook | null {
  const unit = config(workbook).units.find((u) => u.code === code);
  if (!unit || unit.fileId === '') return null;
  return workbook.drive.file(unit.fileId)?.workbook ?? null;
}

/** B…F of a unit's list from row 8 to the grid's end, trailing blank rows dropped. */
function listOf(sheet: {
  getMaxRows(): number;
  getRange(r: number, c: number, n: number, m: number): { getValues(): unknown[][] };
}) {
  const values = sheet.getRange(8, 2, sheet.getMaxRows() - 7, 5).getValues();
  let end = values.length;
  while (end > 0 && values[end - 1].every((c) => c === '')) end--;
  return values.slice(0, end);
}

const liveRoles = (workbook: Workbook) => sheetsByRole(sheetTags(workbook));

/** A live sheet's values with every moment blanked, and the master list without its source column. */
function pair(workbook: Workbook): unknown[][][] {
  const moment = /\d{1,2}:\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/g;
  return ['summary', 'master'].map((role) =>
    liveRoles(workbook)
      .get(role)!
      .getDataRange()
      .getValues()
      .map((row) =>
        row
          .filter((_, c) => role !== 'master' || c !== MASTER_COL.source - 1)
          .map((cell) =>
            cell instanceof Date ? '' : typeof cell === 'string' ? cell.replace(moment, '…') : cell
          )
      )
  );
}

/** The whole conversion as the clerk does it: the question, then "Xóa các trang đơn vị". */
function convert(ward: Ward) {
  const asked = ward.addOn.splitIntoFiles();
  if (!asked.confirm) return asked;
  return ward.addOn.splitIntoFiles({ confirm: asked.confirm.token });
}

describe('the owner converts the office’s file', () => {
  const units = someUnits();
  const ward = sharedWard(units);
  ward.addOn.consolidate();
  const before = pair(ward.workbook);
  // The master list holds every unit's rows (the comparisons below are not of empty sheets).
  expect(before[1].length).toBeGreaterThan(27);
  const asked = ward.addOn.splitIntoFiles();

  it('copies every tab’s rows into the unit’s own file, checks them, and asks with the rows of each unit', () => {
    expect(asked.ok).toBe(true);
    expect(asked.confirm?.token).toMatch(/\w+/);
    expect(asked.message).toContain('khớp hết, 27 dòng');
    expect(asked.message).toContain('• Trường THCS Lê Thánh Tông: 5 dòng');
    expect(asked.message).toContain('• Công an phường: 7 dòng');
    expect(asked.message).toContain(xm.question);
    expect(asked.units).toEqual(units.map((u, i) => ({ code: u.code, rows: rowsOf(u, i).length - 1 })));
    units.forEach((unit, i) => {
      const file = unitFile(ward.workbook, unit.code);
      expect(file).not.toBeNull();
      expect(listOf(file!.getSheets()[0])).toEqual(asHeld(rowsOf(unit, i)));
    });
    // Text stays text: the phone number and the date as typed.
    const police = unitFile(ward.workbook, 'CA')!.getSheets()[0];
    expect(police.getRange('F15').getValue()).toBe('01/02/2026');
    expect(police.getRange('F14').getValue()).toBe('0912345678');
  });

  it('removes nothing and shares no file with a unit before the clerk confirms', () => {
    expect(
      ward.workbook
        .getSheets()
        .filter((s) => !s.isSheetHidden())
        .map((s) => s.getName())
    ).toEqual([...OFFICE_TABS, ...units.map((u) => unitSheet(ward.workbook, u.code).getName())]);
    expect(config(ward.workbook).campaign.organisation).toBe('shared');
    expect(ward.drive.notifications).toHaveLength(0);
    for (const unit of units)
      expect(
        ward.drive.file(config(ward.workbook).units.find((u) => u.code === unit.code)!.fileId)?.editors
      ).toEqual([]);
    // The tabs still work as before: Tổng hợp reads them.
    expect(ward.addOn.consolidate().ok).toBe(true);
    expect(pair(ward.workbook)).toEqual(before);
  });

  it('asked again, copies nothing twice and asks the same', () => {
    const again = ward.addOn.splitIntoFiles();
    expect(again.confirm?.token).toBe(asked.confirm?.token);
    units.forEach((unit, i) =>
      expect(listOf(unitFile(ward.workbook, unit.code)!.getSheets()[0])).toEqual(asHeld(rowsOf(unit, i)))
    );
  });

  it('on “Xóa các trang đơn vị”: the mode changes, each unit is invited to its file, the tabs go', () => {
    const done = ward.addOn.splitIntoFiles({ confirm: asked.confirm!.token });
    expect(done.ok).toBe(true);
    expect(done.message).toContain('Đã tách xong: 4 đơn vị nhập vào tệp riêng; đã xóa 4 trang đơn vị');
    expect(ward.workbook.getSheets().map((s) => s.getName())).toEqual(OFFICE_TABS);
    expect(config(ward.workbook).campaign.organisation).toBe('files');
    for (const unit of units) {
      const invitations = ward.drive.notifications.filter((n) => n.to === staffOf(unit));
      expect(invitations).toHaveLength(1);
      expect(invitations[0].message).toContain(`gửi ${unit.name} bảng tính`);
    }
  });

  it('leaves the office’s file to the office: a unit’s staff no longer opens it, the colleague does', () => {
    for (const unit of units) {
      expect(
        ward.as(staffOf(unit), `SpreadsheetApp.openById(${JSON.stringify(ward.workbook.getId())});`)
      ).toEqual({
        error: NO_DOCUMENT_ACCESS,
      });
      // Their own file they open.
      const id = config(ward.workbook).units.find((u) => u.code === unit.code)!.fileId;
      expect(ward.as(staffOf(unit), `return SpreadsheetApp.openById(${JSON.stringify(id)}).getId();`)).toBe(
        id
      );
    }
    expect(
      ward.as(COLLEAGUE, `return SpreadsheetApp.openById(${JSON.stringify(ward.workbook.getId())}).getId();`)
    ).toBe(ward.workbook.getId());
  });

  it('Tổng hợp then gives the same master list and figures, read from the files', () => {
    const result = ward.addOn.consolidate();
    expect(result.ok).toBe(true);
    expect(pair(ward.workbook)).toEqual(before);
  });

  it('a second conversion is refused, and Thiết lập goes on with the files', () => {
    const again = ward.addOn.splitIntoFiles();
    expect(again.ok).toBe(false);
    expect(again.message).toBe(xm.alreadyFiles);
    const setup = ward.addOn.setupUnits();
    expect(setup.ok).toBe(true);
    expect(setup.message).toContain('Đã tạo 0 tệp đơn vị');
  });
});

describe('an office colleague who does not own the file', () => {
  it('is refused, and nothing changes', () => {
    const units = someUnits().slice(0, 2);
    const ward = sharedWard(units);
    const sheets = ward.workbook.getSheets().map((s) => [s.getName(), s.getDataRange().getValues()]);
    const files = ward.drive.spreadsheets().length;
    ward.workbook.actAs(COLLEAGUE);
    const result = ward.addOn.splitIntoFiles();
    ward.workbook.actAs(CLERK);
    expect(result.ok).toBe(false);
    expect(result.message).toBe(xm.notOwner(CLERK));
    expect(ward.drive.spreadsheets()).toHaveLength(files);
    expect(ward.workbook.getSheets().map((s) => [s.getName(), s.getDataRange().getValues()])).toEqual(sheets);
    // No probe left behind on Cấu hình.
    expect(ward.workbook.sheet('Cấu hình').getProtections('RANGE' as unknown as ProtectionType)).toHaveLength(
      0
    );
  });
});

describe('refusals and changes on the way', () => {
  it('refuses a workbook whose unit tab’s header was altered, naming the unit, making nothing', () => {
    const units = someUnits().slice(0, 3);
    const ward = sharedWard(units);
    unitSheet(ward.workbook, 'CA').getRange('C7').setValue('Năm');
    const files = ward.drive.spreadsheets().length;
    const result = ward.addOn.splitIntoFiles();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(xm.headerAltered(['Công an phường']));
    expect(ward.drive.spreadsheets()).toHaveLength(files);
  });

  it('refuses a workbook that is a file per unit from the start', () => {
    const workbook = new Workbook({ owner: CLERK });
    const { addOn } = loadAddOn(workbook, undefined, { clock: new VirtualClock(T0) });
    addOn.initConfig(unitTable(someUnits()));
    expect(addOn.splitIntoFiles()).toMatchObject({ ok: false, message: xm.alreadyFiles });
  });

  it('copies the rows typed after the question before removing a tab, once', () => {
    const units = someUnits().slice(0, 2);
    const ward = sharedWard(units);
    const asked = ward.addOn.splitIntoFiles();
    const [school] = units;
    const more = [['Phạm Thị Lan', '1990', '', 'Tổ dân phố số 3, phường Hải Dương', '']];
    typeRows(ward.workbook, school, more, 8 + rowsOf(school, 0).length);
    const done = ward.addOn.splitIntoFiles({ confirm: asked.confirm!.token });
    expect(done.ok).toBe(true);
    expect(listOf(unitFile(ward.workbook, school.code)!.getSheets()[0])).toEqual(
      asHeld([...rowsOf(school, 0), ...more])
    );
    expect(ward.workbook.getSheets().map((s) => s.getName())).toEqual(OFFICE_TABS);
  });

  it('asks again when the question went unanswered and the tabs changed, and an old answer removes nothing', () => {
    const units = someUnits().slice(0, 2);
    const ward = sharedWard(units);
    const first = ward.addOn.splitIntoFiles();
    const [, police] = units;
    typeRows(ward.workbook, police, [['Đỗ Văn Nam', '1985', '', 'Tổ dân phố số 1, phường Hải Dương']], 20);
    const second = ward.addOn.splitIntoFiles();
    expect(second.confirm?.token).not.toBe(first.confirm?.token);
    expect(second.message).toContain('• Công an phường: 8 dòng');
    // The first dialog's button, pressed late: the steps walk again and ask again.
    const late = ward.addOn.splitIntoFiles({ confirm: first.confirm!.token });
    expect(late.confirm).toBeDefined();
    expect(ward.workbook.getSheets().map((s) => s.getName())).toContain(
      unitSheet(ward.workbook, 'CA').getName()
    );
    expect(config(ward.workbook).campaign.organisation).toBe('shared');
    expect(listOf(unitFile(ward.workbook, 'CA')!.getSheets()[0])).toEqual(
      listOf(unitSheet(ward.workbook, 'CA'))
    );
  });

  it('names a unit whose file holds something else where its rows go, and removes nothing', () => {
    const units = someUnits().slice(0, 2);
    const ward = sharedWard(units);
    ward.addOn.splitIntoFiles();
    // Someone of the office types over a copied row of the police's file before the clerk answers.
    unitFile(ward.workbook, 'CA')!.getSheets()[0].getRange('B9').setValue("'Người khác");
    const result = ward.addOn.splitIntoFiles();
    expect(result.ok).toBe(false);
    expect(result.confirm).toBeUndefined();
    expect(result.message).toContain(xm.conflicts(['Công an phường']));
    expect(result.message).toContain('Chưa xóa trang đơn vị nào');
    expect(unitSheet(ward.workbook, 'CA').getRange('B9').getValue()).toBe(rowsOf(units[1], 1)[1][0]);
    expect(config(ward.workbook).campaign.organisation).toBe('shared');
  });
});

describe('Tách thành tệp riêng stopped at any call', () => {
  it('keeps the tabs until confirmed, and a re-run finishes with no row lost or doubled', () => {
    const units = someUnits().slice(0, 3);
    const attempts = (w: Ward) => w.session.executions.reduce((n, e) => n + e.attempts, 0);
    const reference = sharedWard(units, { stepBudgetMs: 0 });
    reference.addOn.consolidate();
    const expected = pair(reference.workbook);
    const start = attempts(reference);
    expect(convert(reference).ok).toBe(true);
    const calls = attempts(reference) - start;
    expect(calls).toBeGreaterThan(80);
    let runs = 0;
    // Where the stops fell: before the mode changed (tabs all there), or after (the removal under way).
    const stoppedIn = { copy: 0, removal: 0 };
    for (let k = 1; k < calls; k += Math.max(1, Math.floor(calls / 24))) {
      const ward = sharedWard(units, { stepBudgetMs: 0 });
      ward.addOn.consolidate();
      ward.options.abortAtCall = attempts(ward) + k;
      expect(() => convert(ward)).toThrow('Exceeded maximum execution time');
      ward.options.abortAtCall = undefined;
      // Stopped: while the mode is still the shared one, every tab is there with every row.
      if (config(ward.workbook).campaign.organisation === 'shared') {
        stoppedIn.copy++;
        units.forEach((unit, i) =>
          expect(listOf(unitSheet(ward.workbook, unit.code))).toEqual(asHeld(rowsOf(unit, i)))
        );
      } else stoppedIn.removal++;
      const done = convert(ward);
      expect(done.ok).toBe(true);
      expect(ward.workbook.getSheets().map((s) => s.getName())).toEqual(OFFICE_TABS);
      const { campaign, units: linked } = config(ward.workbook);
      expect(campaign.organisation).toBe('files');
      // One file each (and the template) in the folder, each holding its unit's rows once.
      const inFolder = ward.drive
        .spreadsheets()
        .filter((f) => f.parents.includes(campaign.unitFolder) && !f.trashed);
      expect(inFolder).toHaveLength(units.length + 1);
      units.forEach((unit, i) => {
        const id = linked.find((u) => u.code === unit.code)!.fileId;
        expect(listOf(ward.drive.file(id)!.workbook!.getSheets()[0])).toEqual(asHeld(rowsOf(unit, i)));
        expect(ward.drive.notifications.filter((n) => n.to === staffOf(unit))).toHaveLength(1);
      });
      expect(ward.addOn.consolidate().ok).toBe(true);
      expect(pair(ward.workbook)).toEqual(expected);
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(20);
    expect(stoppedIn.copy).toBeGreaterThanOrEqual(10);
    expect(stoppedIn.removal).toBeGreaterThanOrEqual(3);
  }, 900_000);
});
