/**
 * A workbook made by the previous version (test/fixtures/previous-version), opened by this one: Cấu hình
 * is read by its labels, and Thiết lập đơn vị adds its new row and columns without losing a typed value.
 */
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadXlsx, saveXlsx, type StandInSheet, type Workbook } from '../../src/stand-in';
import { loadAddOn } from '../../src/cli/runtime';
import { unitRangeName } from '../../src/core/layout';
import { snapshot } from '../support/add-on';

const FIXTURE = join(__dirname, '..', 'fixtures', 'previous-version', 'bao-cao-cea7db6.xlsx');

async function open(path = FIXTURE) {
  const { workbook } = await loadXlsx(path);
  return { workbook, ...loadAddOn(workbook) };
}

/** The row of Cấu hình whose column A reads `label`. */
function rowOf(sheet: StandInSheet, label: string): number {
  const index = sheet
    .getDataRange()
    .getValues()
    .findIndex((row) => row[0] === label);
  if (index < 0) throw new Error(`no row ${label}`);
  return index + 1;
}

/** The units table as records by header, every cell as it is (types included). */
function unitRecords(sheet: StandInSheet): Record<string, unknown>[] {
  const values = sheet.getDataRange().getValues();
  const header = values.findIndex((row) => row[0] === 'Mã');
  const labels = values[header].map(String);
  return values
    .slice(header + 1)
    .filter((row) => row[0] !== '')
    .map((row) => Object.fromEntries(labels.flatMap((label, i) => (label === '' ? [] : [[label, row[i]]]))));
}

function unitSheetOf(workbook: Workbook, code: string): StandInSheet {
  const range = workbook.getRangeByName(unitRangeName(code));
  if (!range) throw new Error(`no sheet for ${code}`);
  return workbook.sheet(range.getSheet().getName());
}

describe('a workbook of the previous version', () => {
  it('is consolidated and reported as it is, with the defaults, and nothing is written to Cấu hình', async () => {
    const { workbook, addOn } = await open();
    const config = workbook.sheet('Cấu hình');
    const before = snapshot(workbook, ['Cấu hình']);
    const run = addOn.consolidate();
    expect(run.ok).toBe(true);
    expect(run.units.map((u) => [u.code, u.valid])).toEqual([
      ['THCS-LTV', 1],
      ['TDP01', 2],
      ['CA', 0],
      ['DU', 0],
    ]);
    // The clerk's figure, read from the row its label names.
    expect(run.ward.households).toBe(1050);
    const report = addOn.exportUnitReport('TDP01');
    expect(report.ok).toBe(true);
    const text = workbook.sheet(report.sheet).getDataRange().getDisplayValues();
    expect(text[0][0]).toBe('UBND PHƯỜNG HẢI DƯƠNG');
    expect(text[6][0]).toBe('Về việc cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng) đợt 2');
    expect(snapshot(workbook, ['Cấu hình'])).toEqual(before);
    expect(config.getRange('A5').getValue()).toBe('Cơ quan ban hành');
  });

  it('gets the new row and columns from Thiết lập đơn vị, every typed value kept', async () => {
    const { workbook, addOn } = await open();
    const config = workbook.sheet('Cấu hình');
    const unitsBefore = unitRecords(config);
    const campaignBefore = [
      'Nội dung báo cáo',
      'Địa danh (ghi ngày tháng)',
      'Hạn hoàn thành',
      'Hạn báo cáo',
    ].map((label) => config.getRange(rowOf(config, label), 3).getValue());
    const typedBefore = ['TDP01', 'THCS-LTV'].map((code) =>
      unitSheetOf(workbook, code).getRange('A8:F12').getValues()
    );

    const result = addOn.setupUnits();
    expect(result.ok).toBe(true);
    expect(result.configUpdate).toEqual({
      rows: [
        'Công văn (số, ngày)',
        'Cách tổ chức',
        'Thư mục tệp đơn vị',
        'Liên hệ của bộ phận tổng hợp',
        'Liên hệ hỗ trợ',
        'Lãnh đạo xem',
        'Tệp lãnh đạo',
        'Mục đích thu thập',
        'Kết thúc đợt báo cáo',
      ],
      columns: ['Cơ quan chủ quản', 'Chức danh người ký', 'Tệp của đơn vị'],
      filled: 6,
    });
    expect(result.message).toContain(
      'Trang Cấu hình được thêm dòng "Công văn (số, ngày)", "Cách tổ chức", "Thư mục tệp đơn vị", "Liên hệ của bộ phận tổng hợp", "Liên hệ hỗ trợ", "Lãnh đạo xem", "Tệp lãnh đạo", "Mục đích thu thập", "Kết thúc đợt báo cáo" và cột "Cơ quan chủ quản", "Chức danh người ký", "Tệp của đơn vị"'
    );

    // The campaign block: the old label renamed, the new row right after it, every value where it was.
    const values = config.getDataRange().getValues();
    expect(values.slice(3, 19).map((row) => [row[0], row[2]])).toEqual([
      ['Nội dung báo cáo', 'Cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng) đợt 2'],
      ['Cơ quan nhận báo cáo (Kính gửi)', 'Ủy ban nhân dân phường Hải Dương'],
      ['Công văn (số, ngày)', ''],
      ['Địa danh (ghi ngày tháng)', 'Hải Dương'],
      ['Hạn hoàn thành', campaignBefore[2]],
      ['Hạn báo cáo', campaignBefore[3]],
      ['Số hộ gia đình của phường', 1050],
      // A workbook of before keeps its design: one shared file.
      ['Cách tổ chức', 'Một tệp chung'],
      ['Thư mục tệp đơn vị', ''],
      ['Liên hệ của bộ phận tổng hợp', ''],
      // Issue 21's: whom the office calls about the add-on.
      ['Liên hệ hỗ trợ', ''],
      // Issue 20's rows: who sees the leaders' file, its link, what the data serve, when it all ended.
      ['Lãnh đạo xem', ''],
      // Thiết lập made the leaders' file and linked it.
      ['Tệp lãnh đạo', expect.stringMatching(/^https:\/\/docs\.google\.com\/spreadsheets\/d\//)],
      ['Mục đích thu thập', expect.stringContaining('chỉ dùng để báo cáo kết quả cài đặt')],
      ['Kết thúc đợt báo cáo', ''],
      // The clerk's note, moved down with the rows under it.
      ['Số hộ theo danh sách của Công an phường ngày 02/5/2026', ''],
    ]);
    expect(campaignBefore[2]).toBeInstanceOf(Date);
    expect(config.styleAt(6, 3).note).toContain('125/UBND-VHXH');
    expect(config.styleAt(10, 3).note).toContain('tổng chỉ tiêu');
    expect(config.styleAt(6, 3).note).not.toContain('tổng chỉ tiêu');

    // The units table: moved down nine rows, three columns added after its last, filled by type; the rest as typed.
    expect(values[20].slice(0, 10)).toEqual([
      'Mã',
      'Tên đơn vị',
      'Loại',
      'Chỉ tiêu',
      'Email người nhập',
      'Người phụ trách',
      'Số điện thoại',
      'Cơ quan chủ quản',
      'Chức danh người ký',
      'Tệp của đơn vị',
    ]);
    const units = unitRecords(config);
    const without = (record: Record<string, unknown>, ...labels: string[]) =>
      Object.fromEntries(Object.entries(record).filter(([label]) => !labels.includes(label)));
    expect(units.map((u) => without(u, 'Cơ quan chủ quản', 'Chức danh người ký', 'Tệp của đơn vị'))).toEqual(
      unitsBefore
    );
    expect(units.map((u) => [u['Mã'], u['Cơ quan chủ quản'], u['Chức danh người ký']])).toEqual([
      ['THCS-LTV', 'UBND PHƯỜNG HẢI DƯƠNG', 'HIỆU TRƯỞNG'],
      ['TDP01', 'UBND PHƯỜNG HẢI DƯƠNG', 'TỔ TRƯỞNG'],
      ['CA', '', 'TRƯỞNG CÔNG AN PHƯỜNG'],
      ['DU', '', 'T/M ĐẢNG ỦY\nBÍ THƯ'],
    ]);
    // A phone number typed as text stays text.
    expect(units[0]['Số điện thoại']).toBe('0912000001');
    expect(config.styleAt(21, 8).note).toContain('Để trống thì không in gì');
    expect(config.styleAt(21, 8)).toMatchObject({ fontWeight: 'bold', background: '#dbe7f5' });
    expect(config.getColumnWidth(8)).toBe(220);
    expect(config.getFrozenRows()).toBe(21);
    // The instructions moved right with the inserted columns and speak of the new ones.
    expect(values[0][11]).toBe('HƯỚNG DẪN');
    expect(values.map((row) => String(row[11])).join('\n')).toContain('7. Cơ quan chủ quản');
    expect(values.map((row) => String(row[8])).join('')).toBe(
      'Chức danh người kýHIỆU TRƯỞNGTỔ TRƯỞNGTRƯỞNG CÔNG AN PHƯỜNGT/M ĐẢNG ỦY\nBÍ THƯ'
    );

    // Unit sheets: the parent body above the name, nothing where there is none; typed rows untouched.
    expect(unitSheetOf(workbook, 'THCS-LTV').getRange('A1').getValue()).toBe('UBND PHƯỜNG HẢI DƯƠNG');
    expect(unitSheetOf(workbook, 'TDP01').getRange('A1').getValue()).toBe('UBND PHƯỜNG HẢI DƯƠNG');
    expect(unitSheetOf(workbook, 'CA').getRange('A1').getValue()).toBe('');
    expect(unitSheetOf(workbook, 'DU').getRange('A1').getValue()).toBe('');
    expect(
      ['TDP01', 'THCS-LTV'].map((code) => unitSheetOf(workbook, code).getRange('A8:F12').getValues())
    ).toEqual(typedBefore);

    // Again: nothing left to add or fill, no value changed.
    const after = snapshot(workbook);
    const again = addOn.setupUnits();
    expect(again.configUpdate).toEqual({ rows: [], columns: [], filled: 0 });
    expect(again.message).not.toContain('Trang Cấu hình được thêm');
    expect(snapshot(workbook)).toEqual(after);
  });

  it('prints what the clerk then types, and keeps it through a save to .xlsx', async () => {
    const { workbook, addOn } = await open();
    addOn.setupUnits();
    const config = workbook.sheet('Cấu hình');
    config.getRange(rowOf(config, 'Công văn (số, ngày)'), 3).setValue('125/UBND-VHXH ngày 12/5/2026');
    const police = unitRecords(config).findIndex((u) => u['Mã'] === 'CA');
    const policeRow = rowOf(config, 'Mã') + 1 + police;
    config.getRange(policeRow, 8).setValue('CÔNG AN THÀNH PHỐ HẢI PHÒNG');
    const path = join(mkdtempSync(join(tmpdir(), 'tonghop-upgrade-')), 'bao-cao.xlsx');
    await saveXlsx(workbook, path);

    const reopened = await open(path);
    const result = reopened.addOn.exportUnitReport('CA');
    expect(result.ok).toBe(true);
    const text = reopened.workbook.sheet(result.sheet).getDataRange().getDisplayValues();
    expect(text[0][0]).toBe('CÔNG AN THÀNH PHỐ HẢI PHÒNG');
    expect(text[1][0]).toBe('CÔNG AN PHƯỜNG');
    expect(text.map((row) => row[0]).join('\n')).toContain(
      'Thực hiện Công văn số 125/UBND-VHXH ngày 12/5/2026 của Ủy ban nhân dân phường Hải Dương'
    );
    expect(text.find((row) => row[0] === 'Nơi nhận:')?.[3]).toBe('TRƯỞNG CÔNG AN PHƯỜNG');
    // Thiết lập then carries the parent body to the unit's sheet.
    reopened.addOn.setupUnits();
    expect(unitSheetOf(reopened.workbook, 'CA').getRange('A1').getValue()).toBe(
      'CÔNG AN THÀNH PHỐ HẢI PHÒNG'
    );
  });
});
