/**
 * Moving to a newer version (issue 21): an office file set up and filled by version N (a file per unit, a
 * leaders' file, rows typed by the units' staff, a list accepted) hands over with "Chuyển sang phiên bản
 * mới"; a new copy of the template, the same menu item and the old file's link, takes over. Every figure,
 * status and "since" day is the same in the new file, each unit's file is the same file with the same
 * content (nobody is sent anything again), and the leaders' file is the same one, refreshed.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn } from '../../src/cli/runtime';
import { Workbook, VirtualClock } from '../../src/stand-in';
import { parseConfig } from '../../src/core/config-table';
import { CLERK, snapshot, unitTable, workbookWithUnits } from '../support/add-on';

const T0 = Date.UTC(2026, 4, 20, 2, 0, 0);
const UNITS = demoUnits(2).filter((u) => ['THCS-LTV', 'CA', 'TDP01', 'TDP02'].includes(u.code));
const staffOf = (unit: DemoUnit): string => unit.emails.split(',')[0];

function configOf(workbook: Workbook) {
  return parseConfig(workbook.sheet('Cấu hình').getDataRange().getValues());
}

/** Version N's office file: set up, typed into by two units, consolidated, one list accepted. */
function officeOfVersionN(clock: VirtualClock) {
  const workbook = new Workbook({ owner: CLERK, name: 'Phường Hải Dương - Tổng hợp' });
  const old = loadAddOn(workbook, undefined, { clock });
  old.addOn.initConfig(unitTable(UNITS));
  dropBlankSheets(workbook);
  expect(old.addOn.setupUnits().ok).toBe(true);
  const fileOf = (code: string) => {
    const id = configOf(workbook).units.find((u) => u.code === code)?.fileId ?? '';
    const file = workbook.drive.file(id)?.workbook;
    if (!file) throw new Error(`no file for ${code}`);
    return file;
  };
  const type = (code: string, rows: string[][]) => {
    const unit = UNITS.find((u) => u.code === code) as DemoUnit;
    const file = fileOf(code);
    file.actAs(staffOf(unit));
    try {
      file.getSheets()[0].getRange(8, 2, rows.length, 4).setValues(rows);
      file.getSheets()[0].getRange('G6').setValue(true);
    } finally {
      file.actAs(CLERK);
    }
  };
  type('TDP01', [
    ['Nguyễn Thị Hường', '1985', '', 'Tổ dân phố số 1'],
    ['Đặng Văn Ngữ', '1990', '', 'Tổ dân phố số 1'],
    ['Lê Thị Ỷ', '85', '', 'Tổ dân phố số 1'],
  ]);
  type('THCS-LTV', [['Trương Quốc Việt', '1979', '', 'Tổ dân phố số 2']]);
  expect(old.addOn.consolidate().ok).toBe(true);
  clock.advance(3 * 24 * 3600 * 1000);
  expect(old.addOn.reviewUnit({ unit: 'THCS-LTV', action: 'accept' }).ok).toBe(true);
  clock.advance(24 * 3600 * 1000);
  // Version N's Cấu hình lacks what N+1 added (issue 21's "Liên hệ hỗ trợ"): N+1 must add it on adoption.
  const config = workbook.sheet('Cấu hình');
  config.deleteRows(
    config
      .getDataRange()
      .getValues()
      .findIndex((row) => row[0] === 'Liên hệ hỗ trợ') + 1,
    1
  );
  return { workbook, fileOf, ...old };
}

/** A new copy of the template in the same Drive: a spreadsheet with the new version's script, unused. */
function newCopy(drive: Workbook['drive'], clock: VirtualClock) {
  const workbook = new Workbook({ owner: CLERK, name: 'Bản sao của Tổng hợp Smart Hải Phòng' });
  drive.adopt(workbook, { owner: CLERK });
  return { workbook, ...loadAddOn(workbook, undefined, { clock }) };
}

/** The leaders' file's sheets with every moment blanked (the figures, not when they were counted). */
function leadersFigures(office: Workbook, id: string) {
  const leaders = office.drive.file(id)?.workbook;
  if (!leaders) throw new Error('no leaders file');
  const moment = /\d{1,2}:\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/g;
  return leaders.getSheets().map((sheet) => [
    sheet.getName(),
    sheet
      .getDataRange()
      .getDisplayValues()
      .map((row) => row.map((cell) => cell.replace(moment, '…'))),
  ]);
}

const leadersModified = (office: Workbook, id: string) => office.drive.file(id)?.modifiedTime.getTime() ?? 0;

/** Each unit file's every sheet, values and formulas. */
function unitFiles(fileOf: (code: string) => Workbook) {
  return Object.fromEntries(UNITS.map((u) => [u.code, snapshot(fileOf(u.code))]));
}

describe('from version N to N+1', () => {
  it('keeps every figure, status and file: the new copy takes over Cấu hình and the records', () => {
    const clock = new VirtualClock(T0);
    const old = officeOfVersionN(clock);
    const before = old.addOn.consolidate();
    expect(before.ok).toBe(true);
    const statusesBefore = old.addOn.followUp().units;
    expect(statusesBefore.find((u) => u.code === 'THCS-LTV')?.status).toBe('accepted');
    const configBefore = configOf(old.workbook);
    const filesBefore = unitFiles(old.fileOf);
    const leadersId = configBefore.campaign.leadersFile;
    expect(leadersId).not.toBe('');
    const leadersBefore = leadersFigures(old.workbook, leadersId);
    const leadersModifiedBefore = leadersModified(old.workbook, leadersId);

    // In the old file: the records are handed over; its own sheets are not touched.
    const oldSheets = snapshot(old.workbook, ['Cấu hình', 'Tổng hợp', 'Danh sách tổng hợp']);
    const handed = old.addOn.upgradeVersion();
    expect(handed).toMatchObject({ ok: true, step: 'handed-over', units: UNITS.length });
    expect(handed.records).toBeGreaterThan(UNITS.length);
    expect(handed.message).toContain(old.workbook.getUrl());
    expect(snapshot(old.workbook, ['Cấu hình', 'Tổng hợp', 'Danh sách tổng hợp'])).toEqual(oldSheets);
    const handOver = old.workbook.getSheets().find((s) => s.getName() === 'Chuyển phiên bản');
    expect(handOver?.isSheetHidden()).toBe(true);

    // In the new copy: the clerk pastes the old file's link.
    const fresh = newCopy(old.workbook.drive, clock);
    fresh.ui.promptAnswers.push({ text: old.workbook.getUrl(), button: 'OK' });
    const adopted = fresh.addOn.upgradeVersion();
    expect(adopted).toMatchObject({
      ok: true,
      step: 'adopted',
      units: UNITS.length,
      records: handed.records,
    });
    expect(fresh.ui.prompts[0].prompt).toContain('Dán đường dẫn của tệp tổng hợp cũ');

    // Cấu hình: the same units, links, folder, leaders' file and campaign, one row more (this version's).
    const configAfter = configOf(fresh.workbook);
    expect(configBefore.places.campaign.has('support')).toBe(false);
    expect(configAfter.places.campaign.has('support')).toBe(true);
    expect(configAfter.problems).toEqual([]);
    const rowless = (units: typeof configBefore.units) => units.map((unit) => ({ ...unit, configRow: 0 }));
    expect(rowless(configAfter.units)).toEqual(rowless(configBefore.units));
    expect(configAfter.units.map((u) => u.configRow)).toEqual(configBefore.units.map((u) => u.configRow + 1));
    expect(configAfter.campaign).toEqual(configBefore.campaign);

    // Tổng hợp in the new file: the same figures; the statuses and their days carried over.
    const after = fresh.addOn.consolidate();
    expect(after.ok).toBe(true);
    expect(after.units).toEqual(before.units);
    expect(after.totals).toEqual(before.totals);
    expect(after.ward).toEqual(before.ward);
    expect(fresh.addOn.followUp().units).toEqual(statusesBefore);
    // "Cập nhật lần cuối" of each unit: the day the old file first saw its list, not today.
    const lastUpdated = (workbook: Workbook) =>
      workbook
        .sheet('Tổng hợp')
        .getDataRange()
        .getDisplayValues()
        .filter((row) => UNITS.some((u) => u.code === row[0]))
        .map((row) => row.join('|').replace(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/, ''));
    expect(lastUpdated(fresh.workbook)).toEqual(lastUpdated(old.workbook));

    // The units' files: the same files, their content unchanged; nobody was invited again.
    expect(unitFiles(old.fileOf)).toEqual(filesBefore);
    // The leaders' file: the same one, refreshed by the new file's Tổng hợp.
    expect(configOf(fresh.workbook).campaign.leadersFile).toBe(leadersId);
    expect(leadersFigures(old.workbook, leadersId)).toEqual(leadersBefore);
    expect(leadersModified(old.workbook, leadersId)).toBeGreaterThan(leadersModifiedBefore);
    // Thiết lập in the new file finds every unit's file as the ward's: nothing to create.
    const setup = fresh.addOn.setupUnits();
    expect(setup.ok).toBe(true);
    expect(setup.message).toContain('Đã tạo 0 tệp đơn vị');
  });

  it('changes nothing when the old file has not handed over, is of the shared design, or is not named', () => {
    const clock = new VirtualClock(T0);
    const old = officeOfVersionN(clock);
    const fresh = newCopy(old.workbook.drive, clock);
    const untouched = snapshot(fresh.workbook);
    const answer = (text: string, button: 'OK' | 'CANCEL' = 'OK') => {
      fresh.ui.promptAnswers.push({ text, button });
      return fresh.addOn.upgradeVersion();
    };
    expect(answer(old.workbook.getUrl()).message).toContain('Tệp cũ chưa chọn Chuyển sang phiên bản mới');
    expect(answer('', 'CANCEL').message).toContain('Đã hủy');
    expect(answer('không phải đường dẫn').message).toContain('không phải đường dẫn một bảng tính Google');
    const shared = workbookWithUnits(UNITS.slice(0, 1));
    shared.workbook.moveToDrive(old.workbook.drive, { owner: CLERK });
    shared.addOn.setupUnits();
    expect(shared.addOn.upgradeVersion().ok).toBe(true);
    expect(answer(shared.workbook.getUrl()).message).toContain('Tách thành tệp riêng');
    expect(snapshot(fresh.workbook)).toEqual(untouched);
    expect(fresh.workbook.documentProperties.size).toBe(0);
  });
});
