/** "Tổng hợp" on the stand-in, through the built bundle. */
import { demoUnits, type DemoUnit } from '../../src/local/demo-data';
import { consolidateUnits } from '../../src/core/consolidate';
import { readUnits } from '../../src/gas/consolidate';
import { readConfig } from '../../src/gas/config-sheet';
import { sheetTags } from '../../src/gas/sheet-utils';
import type { Sheet } from '../../src/gas/apps-script';
import { CLERK, snapshot, typeRows, unitSheet, unitTable, workbookWithUnits } from '../support/add-on';
import { Workbook } from '../../src/local/stand-in';
import { loadAddOn } from '../../src/local/runtime';

const YEAR = new Date().getFullYear();

function setUp(units: DemoUnit[] = demoUnits(3)) {
  const env = workbookWithUnits(units);
  const setup = env.addOn.setupUnits();
  expect(setup.ok).toBe(true);
  const unit = (code: string) => units.find((u) => u.code === code) as DemoUnit;
  return { ...env, units, unit };
}

function master(workbook: Workbook) {
  const sheet = workbook.getSheetByName('Danh sách tổng hợp');
  if (!sheet) throw new Error('no master');
  const range = sheet.getDataRange();
  return { sheet, values: range.getValues().slice(4), formulas: range.getFormulas().slice(4) };
}

const STATUS = 8;

describe('Tổng hợp', () => {
  it('applies every row rule and lists every non-blank row read', () => {
    const { workbook, addOn, unit } = setUp();
    typeRows(workbook, unit('TDP01'), [
      ['nguyễn  văn AN', 1980, '', 'Tổ dân phố số 1'], // valid, title-cased
      ['Trần Thị Bình', '15/03/1985', '', 'TDP 1'], // a date: year with a warning
      ['Lê Văn Cường', 85, '', 'TDP 1'], // two-digit year: error
      ['Phạm Thị Dung', 3000, '', 'TDP 1'], // future: error
      ['Hoàng Văn Em', 'abc', '', 'TDP 1'], // not a year: error
      ['Vũ Thị Giang', '', '', 'TDP 1'], // blank year: error
      ['Đặng Minh Hải', YEAR - 10, '', 'TDP 1'], // under 14: warning
      ['Bùi Văn Khải', YEAR - 101, '', 'TDP 1'], // over 100: warning
      ['Ngô Lan', 1990, '', ''], // no residence: error
      ['Hà', 1990, '', 'TDP 1'], // one word: error
      ['', 1990, '', 'TDP 1'], // no name: error
      ['', '', '', ''], // blank: skipped
      ['Đỗ Thị Mai', 1991, 'Công ty Điện lực', 'TDP 1'], // organisation kept
      ['nguyễn văn an', 1980, '', 'tổ dân phố số 01'], // same person, same unit: error
    ]);
    // Stt and Ghi chú alone do not make a row.
    unitSheet(workbook, 'TDP01').getRange('F30').setValue('ghi chú lẻ');
    const result = addOn.consolidate();
    expect(result.ok).toBe(true);
    const tdp = result.units.find((u) => u.code === 'TDP01');
    expect(tdp).toMatchObject({ rows: 13, valid: 5, errors: 8, warnings: 3, duplicatesWithinUnit: 1 });
    const { values } = master(workbook);
    const rows = values.filter((r) => r[5] === 'TDP01');
    expect(rows).toHaveLength(13);
    expect(rows[0].slice(1, 5)).toEqual(['Nguyễn Văn An', 1980, 'Tổ dân phố số 1', 'Tổ dân phố số 1']);
    expect(rows[0][STATUS]).toBe('Hợp lệ');
    expect(rows[1][2]).toBe(1985);
    expect(rows[1][9]).toContain('ngày sinh');
    expect(rows[2][2]).toBe('85'); // kept as typed, as text
    expect(String(rows[2][STATUS])).toMatch(/^Lỗi: /);
    expect(rows[6][9]).toContain('chưa đủ 14 tuổi để tự đăng ký tài khoản định danh điện tử');
    expect(rows[11][3]).toBe('Công ty Điện lực');
    expect(rows[12][STATUS]).toBe('Lỗi: Trùng trong đơn vị với dòng 8');
    expect(result.problems.filter((p) => p.unit === 'TDP01' && p.level === 'error')).toHaveLength(8);
  });

  it('counts a person listed by two units once for the ward and once for each unit, NFC or NFD', () => {
    const { workbook, addOn, unit } = setUp();
    const nfd = 'Nguyễn Thị Hương'.normalize('NFD');
    typeRows(workbook, unit('THCS-LTV'), [['Nguyễn Thị Hương', 1985, '', 'Số 5 Trần Hưng Đạo, TDP 5']]);
    typeRows(workbook, unit('TDP01'), [
      [nfd, 1985, '', 'số 5 trần hưng đạo, tổ dân phố số 05'],
      ['Lê Thị Hoa', 1970, '', 'TDP 1', 'Không trùng'],
    ]);
    typeRows(workbook, unit('TDP02'), [['Lê Thị Hoa', 1970, '', 'TDP 1']]);
    const result = addOn.consolidate();
    const byCode = Object.fromEntries(result.units.map((u) => [u.code, u]));
    expect(byCode['THCS-LTV']).toMatchObject({ valid: 1, duplicatesOfOtherUnits: 0 });
    expect(byCode.TDP01).toMatchObject({ valid: 2, duplicatesOfOtherUnits: 1 });
    expect(byCode.TDP02).toMatchObject({ valid: 1, duplicatesOfOtherUnits: 0 });
    expect(result.totals.valid).toBe(4);
    expect(result.ward.uniquePeople).toBe(3);
    const { values } = master(workbook);
    const dup = values.find((r) => r[5] === 'TDP01' && String(r[1]).normalize('NFC') === 'Nguyễn Thị Hương');
    expect(dup?.[1]).toBe('Nguyễn Thị Hương'); // written in NFC
    expect(dup?.[STATUS]).toBe('Trùng với: Trường THCS Lê Thánh Tông, dòng 8');
  });

  it('writes formula-like and HTML-like names as text, never as formulas', () => {
    const { workbook, addOn, unit } = setUp();
    const names = ['=IMPORTXML("http://x","//a")', '+84123', '<b>x</b>', '@SUM(1)', '-1+1'];
    const typed = names.map((name) => [`'${name}`, 1980, '', 'TDP 1']);
    typeRows(workbook, unit('TDP01'), typed);
    expect(unitSheet(workbook, 'TDP01').getRange('B8').getValue()).toBe(names[0]);
    addOn.consolidate();
    const { values, formulas } = master(workbook);
    const rows = values.filter((r) => r[5] === 'TDP01');
    expect(rows.map((r) => r[1])).toEqual(names);
    expect(rows.every((r) => String(r[STATUS]).startsWith('Lỗi: '))).toBe(true);
    const nameFormulas = formulas.map((r) => r[1]).filter((f) => f !== '');
    expect(nameFormulas).toEqual([]);
  });

  it('finds a renamed tab, reports a deleted tab and an altered header, and ignores other tabs', () => {
    const { workbook, addOn, unit, units } = setUp();
    typeRows(workbook, unit('TDP01'), [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
    typeRows(workbook, unit('TDP02'), [['Trần Văn Bình', 1981, '', 'TDP 2']]);
    typeRows(workbook, unit('CA'), [['Lê Văn Công', 1982, '', 'TDP 3']]);
    unitSheet(workbook, 'TDP01').setName('Tổ 1 mới');
    workbook.deleteSheet(unitSheet(workbook, 'TDP02'));
    unitSheet(workbook, 'CA').getRange('C7').setValue('Ngày sinh');
    const other = workbook.insertSheet('Ghi chép riêng', workbook.getSheets().length);
    other.getRange('A7:E8').setValues([
      ['Stt', 'Họ và tên', 'Năm sinh', 'Cơ quan, đơn vị', 'Nơi ở hiện nay'],
      [1, 'Người Ngoài', 1990, '', 'TDP 9'],
    ]);
    const result = addOn.consolidate();
    const byCode = Object.fromEntries(result.units.map((u) => [u.code, u]));
    expect(byCode.TDP01).toMatchObject({ sheet: 'Tổ 1 mới', valid: 1 });
    expect(byCode.TDP02).toMatchObject({ sheet: '', rows: 0 });
    expect(byCode.CA).toMatchObject({ rows: 0 });
    expect(result.units).toHaveLength(units.length);
    expect(result.message).toContain('Đơn vị chưa có trang (chạy Thiết lập đơn vị): Tổ dân phố số 2');
    expect(result.message).toContain('bị sửa tiêu đề cột nên chưa tổng hợp');
    expect(result.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['SHEET_MISSING', 'HEADER_ALTERED'])
    );
    expect(result.totals.rows).toBe(1);
    expect(master(workbook).values.some((r) => r[1] === 'Người Ngoài')).toBe(false);
  });

  it('reads rows below the template’s last row', () => {
    const { workbook, addOn, unit } = setUp();
    const sheet = unitSheet(workbook, 'TDP01');
    const last = sheet.getMaxRows();
    sheet.insertRowsAfter(last, 5);
    typeRows(workbook, unit('TDP01'), [['Nguyễn Văn Xa', 1980, '', 'TDP 1']], last + 3);
    const result = addOn.consolidate();
    expect(result.units.find((u) => u.code === 'TDP01')?.valid).toBe(1);
    expect(master(workbook).values.find((r) => r[1] === 'Nguyễn Văn Xa')?.[7]).toBe(
      `Tổ dân phố số 1 - dòng ${last + 3}`
    );
  });

  it('gives the same result twice and never writes into a unit sheet', () => {
    const { workbook, addOn, units } = setUp();
    const shared: [string, string | number, string, string, string][] = [];
    const random = (() => {
      let x = 1;
      return () => ((x = (x * 16807) % 2147483647) - 1) / 2147483646;
    })();
    for (const u of units) {
      const rows = Array.from({ length: 12 }, (_, i) => [
        i % 5 === 0
          ? 'nguyễn văn  an'
          : `Trần Thị ${['Bình', 'Hoa', 'Lan', 'Mai'][i % 4]} ${u.code.replace(/\W/g, '')}`,
        i % 7 === 0 ? '85' : 1960 + Math.floor(random() * 40),
        '',
        `TDP ${1 + (i % 3)}`,
      ]);
      typeRows(workbook, u, rows);
      shared.push(rows[0] as never);
    }
    const unitNames = units.map((u) => unitSheet(workbook, u.code).getName());
    const before = snapshot(workbook, unitNames);
    const first = addOn.consolidate();
    const masterFirst = master(workbook);
    const summaryFirst = workbook.getSheetByName('Tổng hợp')?.getDataRange().getFormulas();
    const second = addOn.consolidate();
    expect(second).toEqual({ ...first, message: second.message });
    expect(second.message).toBe(first.message);
    expect(master(workbook).values).toEqual(masterFirst.values);
    expect(workbook.getSheetByName('Tổng hợp')?.getDataRange().getFormulas()).toEqual(summaryFirst);
    expect(snapshot(workbook, unitNames)).toEqual(before);
  });

  it('returns the figures the summary formulas computed, equal to the core', () => {
    const { workbook, addOn, unit, units } = setUp();
    typeRows(workbook, unit('TDP01'), [
      ['Nguyễn Văn An', 1980, '', 'TDP 1'],
      ['Nguyễn Văn An', 1980, '', 'TDP 1'],
      ['Trần Bình', '1/2/1990', '', 'TDP 1'],
      ['Lê Cường', 'x', '', 'TDP 1'],
    ]);
    typeRows(workbook, unit('YT'), [['Nguyễn Văn An', 1980, 'Trạm Y tế', 'TDP 1']]);
    const result = addOn.consolidate();
    // The same sheets read by the shell's reader and checked by the core directly, outside the bundle.
    const config = readConfig(workbook.getSheetByName('Cấu hình') as Sheet);
    const core = consolidateUnits(readUnits(config.units, sheetTags(workbook)), YEAR);
    expect(
      result.units.map((u) => ({
        code: u.code,
        rows: u.rows,
        valid: u.valid,
        errors: u.errors,
        warnings: u.warnings,
        duplicatesWithinUnit: u.duplicatesWithinUnit,
        duplicatesOfOtherUnits: u.duplicatesOfOtherUnits,
      }))
    ).toEqual(core.units.map((u) => ({ code: u.unit.code, ...u.counts })));
    expect(result.totals).toEqual({ ...core.totals, units: units.length });
    expect(result.problems).toEqual(core.problems);
    const households = units.filter((u) => u.type === 'Tổ dân phố').reduce((s, u) => s + u.target, 0);
    expect(result.ward).toEqual({
      households,
      uniquePeople: core.totals.uniquePeople,
      ratio: expect.closeTo(core.totals.uniquePeople / households, 10),
      meetsTarget: false,
    });
    const tdp = result.units.find((u) => u.code === 'TDP01');
    expect(tdp?.coverage).toBeCloseTo(2 / unit('TDP01').target, 10);
  });

  it('writes live formulas, colours and a chart that leaders can follow', () => {
    const { workbook, addOn, unit } = setUp();
    typeRows(workbook, unit('TDP01'), [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
    addOn.consolidate();
    const summary = workbook.getSheetByName('Tổng hợp');
    if (!summary) throw new Error('no summary');
    const formulas = summary.getDataRange().getFormulas();
    const values = summary.getDataRange().getValues();
    const unitRow = values.findIndex((r) => r[1] === 'TDP01');
    expect(formulas[unitRow][6]).toMatch(/^=COUNTIF\('Danh sách tổng hợp'!\$I\$\d+:\$I\$\d+;"Hợp lệ"\)/);
    expect(formulas[unitRow][7]).toMatch(/^=IF\(E\d+>0;G\d+\/E\d+;""\)$/);
    expect(values[unitRow][4]).toBe(unit('TDP01').target);
    expect(formulas[7][7]).toMatch(/^=IF\(H6>0;H7\/H6;""\)$/);
    // Bounded ranges only: no whole-column reference such as I:I.
    expect(formulas.flat().filter((f) => /![$]?[A-Z]+:[$]?[A-Z]+[;,)]/.test(f))).toEqual([]);
    expect(summary.getRange(unitRow + 1, 8).getNumberFormats()[0][0]).toBe('0.0%');
    expect(summary.getRange(unitRow + 1, 8).getDisplayValues()[0][0]).toMatch(/^\d+,\d%$/);
    expect(summary.getConditionalFormatRules()).toHaveLength(3);
    expect(summary.getCharts()).toHaveLength(1);
    workbook.actAs(unit('TDP01').emails);
    expect(() => summary.getRange('A1').setValue('x')).toThrow('protected');
    workbook.actAs(CLERK);
  });

  it('keeps its formulas right after the clerk renames the master list’s tab', () => {
    const { workbook, addOn, unit } = setUp();
    typeRows(workbook, unit('TDP01'), [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
    addOn.consolidate();
    workbook.getSheetByName('Danh sách tổng hợp')?.setName('DS toàn phường');
    const result = addOn.consolidate();
    expect(result.units.find((u) => u.code === 'TDP01')).toMatchObject({ rows: 1, valid: 1 });
    expect(workbook.getSheetByName('Danh sách tổng hợp')).toBeNull();
    const formulas = workbook.getSheetByName('Tổng hợp')?.getDataRange().getFormulas().flat() ?? [];
    expect(formulas.some((f) => f.includes("'DS toàn phường'!"))).toBe(true);
  });

  it('never takes the ward’s own tab that happens to be called "Tổng hợp"', () => {
    const units = demoUnits(1);
    const workbook = new Workbook({ owner: CLERK });
    const own = workbook.getSheets()[0];
    own.setName('Tổng hợp');
    own.getRange('A1').setValue('Số liệu riêng của phường');
    const { addOn } = loadAddOn(workbook);
    addOn.initConfig(unitTable(units));
    expect(addOn.initConfig([['X', 'Ghi đè', 'Khác', '1']]).created).toBe(false);
    addOn.setupUnits();
    addOn.consolidate();
    expect(own.getRange('A1').getValue()).toBe('Số liệu riêng của phường');
    expect(workbook.getSheetByName('Tổng hợp (2)')?.getRange('H9').getDisplayValues()[0][0]).toMatch(
      /tiêu chí|^$/
    );
    expect(workbook.getSheetByName('Cấu hình')?.getRange('A13').getValue()).toBe(units[0].code);
  });

  it('is refused, with a Vietnamese message, to someone who is not the office', () => {
    const { workbook, addOn, unit } = setUp();
    workbook.actAs(unit('TDP01').emails);
    const result = addOn.consolidate();
    workbook.actAs(CLERK);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('Chỉ văn phòng');
  });

  it('says "Đạt tiêu chí" when installs exceed households', () => {
    const units: DemoUnit[] = [
      {
        code: 'TDP01',
        name: 'Tổ dân phố số 1',
        type: 'Tổ dân phố',
        target: 2,
        emails: 'tdp01@haiduong.example',
        manager: '',
        phone: '',
      },
    ];
    const { workbook, addOn, unit } = setUp(units);
    typeRows(workbook, unit('TDP01'), [
      ['Nguyễn Văn An', 1980, '', 'TDP 1'],
      ['Nguyễn Thị Bình', 1982, '', 'TDP 1'],
      ['Nguyễn Văn Cường', 2005, '', 'TDP 1'],
    ]);
    const result = addOn.consolidate();
    expect(result.ward).toEqual({ households: 2, uniquePeople: 3, ratio: 1.5, meetsTarget: true });
    expect(result.message).toContain('3 người / 2 hộ = 150,0%, đạt tiêu chí');
    const summary = workbook.getSheetByName('Tổng hợp');
    expect(summary?.getRange('H9').getValue()).toBe('Đạt tiêu chí');
  });

  it('reads each unit sheet once and writes in a fixed number of calls, however many rows', () => {
    const callsFor = (rowsPerUnit: number) => {
      const { workbook, addOn, units } = setUp();
      for (const u of units) {
        typeRows(
          workbook,
          u,
          Array.from({ length: rowsPerUnit }, (_, i) => [
            `Nguyễn Văn An ${'A'.repeat((i % 5) + 1)}`,
            1950 + (i % 50),
            '',
            `TDP ${i}`,
          ])
        );
      }
      addOn.consolidate();
      workbook.resetCalls();
      addOn.consolidate();
      return { units: units.length, ...workbook.calls };
    };
    const few = callsFor(2);
    const many = callsFor(40);
    expect(many).toEqual(few);
    expect(many.reads).toBe(many.units + 2); // each unit sheet, the set-up sheet, the summary read back
    // A fixed cost, not per row: the staging pair is created, formatted, protected and switched in, the
    // previous pair dropped, the run's position saved with its lease (130); the protections it relies on
    // (the file's sharing, Cấu hình, Tổng hợp and Danh sách tổng hợp) checked at the start and listed at
    // the end; the spreadsheet's locale, asked once for the formula syntax.
    expect(many.writes + many.other).toBeLessThanOrEqual(161);
  });

  it('tells a second clerk to try again later while the first one runs', () => {
    const { workbook, addOn } = setUp();
    const release = workbook.holdDocumentLockElsewhere();
    const result = addOn.consolidate();
    release();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'Một người khác đang cập nhật tệp này (Tổng hợp, Thiết lập đơn vị hoặc xuất báo cáo). Vui lòng thử lại sau ít phút.'
    );
    expect(workbook.getSheetByName('Danh sách tổng hợp')?.getRange('A1').getValue()).toContain(
      'Chưa tổng hợp'
    );
  });

  it('tells the time in the script’s zone (the manifest’s), whatever the spreadsheet’s says', () => {
    const { workbook, addOn } = setUp();
    workbook.setSpreadsheetTimeZone('America/New_York');
    const at = (date: Date) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Ho_Chi_Minh',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .format(date)
        .replace(',', '');
    const before = at(new Date());
    addOn.consolidate();
    const after = at(new Date());
    const info = String(master(workbook).sheet.getRange('A2').getValue());
    const when = /lúc (\S+ \S+):/.exec(info)?.[1];
    expect([before, after]).toContain(when);
  });
});
