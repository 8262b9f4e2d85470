/** "Tổng hợp" on the stand-in, through the built bundle. */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { consolidateUnits } from '../../src/core/consolidate';
import { findUnitSheets, readUnits } from '../../src/gas/unit-sheets';
import { readConfig } from '../../src/gas/config-sheet';
import { CONFIG } from '../../src/core/layout';
import { sheetTags } from '../../src/gas/sheet-utils';
import type { Sheet } from '../../src/contract/apps-script';
import {
  CLERK,
  shownInVietnam,
  snapshot,
  typeRows,
  unitSheet,
  unitTable,
  workbookWithUnits,
} from '../support/add-on';
import {
  Workbook,
  type StandInChart,
  type StandInConditionalFormatRule,
  type StandInSheet,
  conditionHolds,
} from '../../src/stand-in';
import { loadAddOn } from '../../src/cli/runtime';
import { MASTER_COL } from '../../src/core/report-layout';

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

const STATUS = MASTER_COL.status - 1;
const UNIT_CODE = MASTER_COL.unitCode - 1;
const CODE = MASTER_COL.statusCode - 1;

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
    const rows = values.filter((r) => r[UNIT_CODE] === 'TDP01');
    expect(rows).toHaveLength(13);
    expect(rows[0].slice(1, 5)).toEqual(['Nguyễn Văn An', 1980, 'Tổ dân phố số 1', 'Tổ dân phố số 1']);
    expect(rows[0][STATUS]).toBe('Hợp lệ');
    expect(rows[1][2]).toBe(1985);
    expect(rows[1][MASTER_COL.warnings - 1]).toContain('ngày sinh');
    expect(rows[2][2]).toBe('85'); // kept as typed, as text
    expect(String(rows[2][STATUS])).toMatch(/^Lỗi: /);
    expect(rows[6][MASTER_COL.warnings - 1]).toContain(
      'chưa đủ 14 tuổi để tự đăng ký tài khoản định danh điện tử'
    );
    expect(rows[11][3]).toBe('Công ty Điện lực');
    expect(rows[12][STATUS]).toBe('Lỗi: trùng dòng 8');
    // The code beside each status: what the summary counts. Warnings do not change a row's code.
    expect(rows.map((r) => r[CODE])).toEqual([
      ...['OK', 'OK', 'ERR', 'ERR', 'ERR', 'ERR', 'OK', 'OK', 'ERR', 'ERR', 'ERR', 'OK'],
      'DUP_UNIT',
    ]);
    // Each row's problems are Kiểm tra dữ liệu's (`tonghop check`); Tổng hợp names the units it could not read.
    expect(result.problems).toEqual([]);
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
    const dup = values.find(
      (r) => r[UNIT_CODE] === 'TDP01' && String(r[1]).normalize('NFC') === 'Nguyễn Thị Hương'
    );
    expect(dup?.[1]).toBe('Nguyễn Thị Hương'); // written in NFC
    expect(dup?.[STATUS]).toBe('Đã có ở Trường THCS Lê Thánh Tông (dòng 8)');
    expect(dup?.[CODE]).toBe('DUP');
  });

  it('writes formula-like and HTML-like names as text, never as formulas', () => {
    const { workbook, addOn, unit } = setUp();
    const names = ['=IMPORTXML("http://x","//a")', '+84123', '<b>x</b>', '@SUM(1)', '-1+1'];
    const typed = names.map((name) => [`'${name}`, 1980, '', 'TDP 1']);
    typeRows(workbook, unit('TDP01'), typed);
    expect(unitSheet(workbook, 'TDP01').getRange('B8').getValue()).toBe(names[0]);
    addOn.consolidate();
    const { values, formulas } = master(workbook);
    const rows = values.filter((r) => r[UNIT_CODE] === 'TDP01');
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
    expect(master(workbook).values.find((r) => r[1] === 'Nguyễn Văn Xa')?.[MASTER_COL.source - 1]).toBe(
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
    const core = consolidateUnits(readUnits(config.units, findUnitSheets(sheetTags(workbook))), YEAR);
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
    // The figures themselves: Trạm Y tế comes first in Cấu hình, so it keeps Nguyễn Văn An.
    expect(result.units.find((u) => u.code === 'TDP01')).toMatchObject({
      rows: 4,
      valid: 2,
      errors: 2,
      warnings: 1,
      duplicatesWithinUnit: 1,
      duplicatesOfOtherUnits: 1,
    });
    expect(result.units.find((u) => u.code === 'YT')).toMatchObject({ rows: 1, valid: 1, errors: 0 });
    expect(result.totals).toMatchObject({ rows: 5, valid: 3, errors: 2, uniquePeople: 2 });
    // The master says what the core says of each row: Trạm Y tế listed Nguyễn Văn An first.
    const statuses = master(workbook)
      .values.filter((r) => r[UNIT_CODE] === 'TDP01')
      .map((r) => [r[CODE], r[STATUS]]);
    expect(statuses).toEqual([
      ['DUP', 'Đã có ở Trạm Y tế phường (dòng 8)'],
      ['DUP_UNIT', 'Lỗi: trùng dòng 8'],
      ['OK', 'Hợp lệ'],
      ['ERR', expect.stringMatching(/^Lỗi: Năm sinh “x” không hợp lệ/)],
    ]);
    expect(core.problems.filter((p) => p.row !== null).map((p) => p.code)).toEqual([
      'DUPLICATE_OTHER_UNIT',
      'DUPLICATE_IN_UNIT',
      'YEAR_FROM_DATE',
      'YEAR_INVALID',
    ]);
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

  it('writes live formulas over the status codes, and only office staff may change them', () => {
    const { workbook, addOn, unit } = setUp();
    typeRows(workbook, unit('TDP01'), [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
    addOn.consolidate();
    const summary = workbook.getSheetByName('Tổng hợp');
    if (!summary) throw new Error('no summary');
    const formulas = summary.getDataRange().getFormulas();
    const values = summary.getDataRange().getValues();
    const unitRow = values.findIndex((r) => r[1] === 'TDP01');
    const block = /'Danh sách tổng hợp'!\$K\$(\d+):\$K\$(\d+)/.exec(formulas[unitRow][6]);
    expect(formulas[unitRow][6]).toBe(
      `=COUNTIF('Danh sách tổng hợp'!$K$${block?.[1]}:$K$${block?.[2]};"OK")+COUNTIF('Danh sách tổng hợp'!$K$${block?.[1]}:$K$${block?.[2]};"DUP")`
    );
    // TDP01's block is its one row, and that row is TDP01's.
    expect(block?.[1]).toBe(block?.[2]);
    expect(master(workbook).sheet.getRange(`F${block?.[1]}`).getValue()).toBe('TDP01');
    expect(formulas[unitRow][7]).toMatch(/^=IF\(E\d+>0;G\d+\/E\d+;""\)$/);
    expect(values[unitRow][4]).toBe(unit('TDP01').target);
    expect(formulas[7][7]).toBe('=IF(H6>0;H7/H6;"")');
    // Bounded ranges only: no whole-column reference such as K:K.
    expect(formulas.flat().filter((f) => /![$]?[A-Z]+:[$]?[A-Z]+[;,)]/.test(f))).toEqual([]);
    expect(summary.getRange(unitRow + 1, 8).getNumberFormats()[0][0]).toBe('0.0%');
    expect(summary.getRange(unitRow + 1, 8).getDisplayValues()[0][0]).toMatch(/^\d+,\d%$/);
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
    addOn.initConfig(unitTable(units), { organisation: 'shared' });
    expect(addOn.initConfig([['X', 'Ghi đè', 'Khác', '1']]).created).toBe(false);
    addOn.setupUnits();
    addOn.consolidate();
    expect(own.getRange('A1').getValue()).toBe('Số liệu riêng của phường');
    // The summary went to a tab of its own: one Tổ dân phố with nobody installed yet.
    const summary = workbook.getSheetByName('Tổng hợp (2)');
    expect(summary?.getRange('H6:H9').getValues()).toEqual([
      [units.at(-1)?.target],
      [0],
      [0],
      ['Chưa đạt tiêu chí'],
    ]);
    expect(workbook.getSheetByName('Cấu hình')?.getRange(CONFIG.unitsFirstRow, 1).getValue()).toBe(
      units[0].code
    );
  });

  it('is refused, with a Vietnamese message, to someone who is not the office', () => {
    const { workbook, addOn, unit } = setUp();
    workbook.actAs(unit('TDP01').emails);
    const result = addOn.consolidate();
    workbook.actAs(CLERK);
    expect(result.ok).toBe(false);
    expect(result.message).toContain('Chỉ bộ phận tổng hợp');
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
    // Each unit sheet's values and its data cells' formulas (issue 25: a formula is not data), the set-up
    // sheet, the summary read back.
    expect(many.reads).toBe(2 * many.units + 2);
    // A fixed cost, not per row: the staging pair is created, formatted, protected and switched in, the
    // previous pair dropped, the run's position saved with its lease (130); the protections it relies on
    // (the file's sharing, Cấu hình, Tổng hợp and Danh sách tổng hợp) checked at the start and listed at
    // the end; the spreadsheet's locale, asked once for the formula syntax; the summary's two wrapped
    // header rows, its number formats (one call per table) and the master's hidden code column; the
    // units' records kept beside the run (one call per batch of units written) and the record of when
    // each list last changed, read once and kept once; the summary's column widths, one call each (two more
    // since the units' Tình trạng and Ngày đổi tình trạng).
    expect(many.writes + many.other).toBeLessThanOrEqual(168);
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
    const at = (date: Date) => shownInVietnam(date.getTime());
    const before = at(new Date());
    addOn.consolidate();
    const after = at(new Date());
    const info = String(master(workbook).sheet.getRange('A2').getValue());
    const when = /lúc (\S+ \S+):/.exec(info)?.[1];
    expect([before, after]).toContain(when);
  });
});

/** A small ward whose every figure can be worked out by hand; QS never got its sheet. */
const SMALL: DemoUnit[] = [
  ['TDP01', 'Tổ dân phố số 1', 'Tổ dân phố', 2],
  ['TDP02', 'Tổ dân phố số 2', 'Tổ dân phố', 4],
  ['CA', 'Công an phường', 'Công an', 0],
  ['YT', 'Trạm Y tế phường', 'Y tế', 3],
  ['QS', 'Ban chỉ huy Quân sự phường', 'Quân sự', 5],
].map(([code, name, type, target]) => ({
  code: code as string,
  name: name as string,
  type: type as string,
  target: target as number,
  emails: `${String(code).toLowerCase()}@haiduong.example`,
  manager: '',
  phone: '',
}));

function smallWard(locale: 'vi_VN' | 'en_US' = 'vi_VN') {
  const env = workbookWithUnits(SMALL);
  if (locale !== 'vi_VN') env.workbook.setSpreadsheetLocale(locale);
  expect(env.addOn.setupUnits().ok).toBe(true);
  const unit = (code: string) => SMALL.find((u) => u.code === code) as DemoUnit;
  const { workbook } = env;
  typeRows(workbook, unit('TDP01'), [
    ['Nguyễn Văn An', 1980, '', 'TDP 1'],
    ['Trần Thị Bình', 1982, '', 'TDP 1'],
  ]);
  typeRows(workbook, unit('TDP02'), [
    ['Lê Văn Cường', 1975, '', 'TDP 2'],
    ['Lê Văn Cường', 1975, '', 'TDP 2'], // the same person again: an error
    ['Phạm Dung', 'x', '', 'TDP 2'], // no year: an error
  ]);
  typeRows(workbook, unit('CA'), [['Nguyễn Văn An', 1980, 'Công an phường', 'TDP 1']]); // TDP01 has him
  typeRows(workbook, unit('YT'), [
    ['Hoàng Văn Em', 1990, '', 'TDP 3'],
    ['Trần Văn Phúc', '15/03/1985', '', 'TDP 3'], // a date: counted, with a warning
  ]);
  workbook.deleteSheet(unitSheet(workbook, 'QS'));
  const result = env.addOn.consolidate();
  const summary = workbook.getSheetByName('Tổng hợp') as StandInSheet;
  return { ...env, unit, result, summary };
}

/** The shade a leader sees on a cell: the first conditional rule over it whose condition holds. */
function shadeOf(sheet: Sheet, a1: string): string | null {
  const cell = sheet.getRange(a1);
  const value = cell.getValue();
  const rules = sheet.getConditionalFormatRules() as unknown as StandInConditionalFormatRule[];
  const over = (r: StandInConditionalFormatRule) =>
    r
      .getRanges()
      .some(
        (range) =>
          cell.getRow() >= range.getRow() &&
          cell.getRow() < range.getRow() + range.getNumRows() &&
          cell.getColumn() >= range.getColumn() &&
          cell.getColumn() < range.getColumn() + range.getNumColumns()
      );
  return rules.find((r) => over(r) && conditionHolds(r, value))?.background ?? null;
}

describe('Tổng hợp: what leaders read on the summary', () => {
  it('gives each unit its figures and Đạt, Chưa đạt, Chưa giao chỉ tiêu or Không có trang', () => {
    const { summary, result } = smallWard();
    expect(result.ok).toBe(true);
    const table = summary.getRange('A13:L18').getValues();
    // Stt, Mã, Đơn vị, Loại, Chỉ tiêu, Số dòng, Hợp lệ, Tỷ lệ đạt, Lỗi, Cần kiểm tra, Trùng trong đơn vị,
    // Trùng đơn vị khác. The totals add counts only: targets mix households and people.
    expect(table).toEqual([
      [1, 'TDP01', 'Tổ dân phố số 1', 'Tổ dân phố', 2, 2, 2, 1, 0, 0, 0, 0],
      [2, 'TDP02', 'Tổ dân phố số 2', 'Tổ dân phố', 4, 3, 1, 0.25, 2, 0, 1, 0],
      [3, 'CA', 'Công an phường', 'Công an', 0, 1, 1, '', 0, 0, 0, 1],
      [4, 'YT', 'Trạm Y tế phường', 'Y tế', 3, 2, 2, 2 / 3, 0, 1, 0, 0],
      [5, 'QS', 'Ban chỉ huy Quân sự phường', 'Quân sự', 5, 0, 0, 0, 0, 0, 0, 0],
      ['', '', 'Tổng cộng', '', '', 8, 6, '', 2, 1, 1, 1],
    ]);
    // Each target says what it counts.
    expect(summary.getRange('E13:E17').getDisplayValues().flat()).toEqual([
      '2 hộ',
      '4 hộ',
      '0 người',
      '3 người',
      '5 người',
    ]);
    expect(summary.getRange('E12').getValue()).toBe('Chỉ tiêu (hộ hoặc người)');
    expect(summary.getRange('N13:N18').getValues().flat()).toEqual([
      'Đạt',
      'Chưa đạt',
      'Chưa giao chỉ tiêu',
      'Chưa đạt',
      'Không có trang',
      '',
    ]);
    expect(summary.getRange('H13:H18').getDisplayValues().flat()).toEqual([
      '100,0%',
      '25,0%',
      '',
      '66,7%',
      '0,0%',
      '',
    ]);
    // The ward: 6 valid rows, one of them a person Tổ dân phố số 1 listed first; 6 households (the Tổ dân phố targets).
    expect(summary.getRange('A5').getValue()).toBe(
      'TIÊU CHÍ CỦA PHƯỜNG: SỐ NGƯỜI CÀI ĐẶT ÷ SỐ HỘ GIA ĐÌNH PHẢI LỚN HƠN 100%'
    );
    expect(summary.getRange('A6:A9').getValues().flat()).toEqual([
      'Số hộ gia đình',
      'Số người đã cài đặt (mỗi người tính một lần)',
      'Tỷ lệ (số người ÷ số hộ)',
      'Đánh giá',
    ]);
    expect(summary.getRange('H6:H9').getDisplayValues().flat()).toEqual([
      '6',
      '5',
      '83,3%',
      'Chưa đạt tiêu chí',
    ]);
    // Beside each figure: where it comes from, and the ward's own rule beside its ratio.
    expect(summary.getRange('I6:I8').getValues().flat()).toEqual([
      'tổng chỉ tiêu của các Tổ dân phố',
      '= tổng cột Hợp lệ − tổng cột Trùng đơn vị khác (bảng dưới)',
      'đạt khi lớn hơn 100%',
    ]);
    expect(result.ward).toEqual({ households: 6, uniquePeople: 5, ratio: 5 / 6, meetsTarget: false });
    expect(result.message).toContain('5 người / 6 hộ = 83,3%, chưa đạt tiêu chí (cần lớn hơn 100%)');
  });

  it('totals each type of unit in the by-type table, under the matching columns', () => {
    const { summary } = smallWard();
    expect(summary.getRange('A20').getValue()).toBe('THEO LOẠI ĐƠN VỊ');
    expect(summary.getRange('C21:I21').getValues()[0]).toEqual([
      'Loại',
      'Số đơn vị',
      'Chỉ tiêu',
      'Số dòng',
      'Hợp lệ',
      'Tỷ lệ đạt',
      'Lỗi',
    ]);
    // In the order of the unit types, only the types the ward has.
    expect(summary.getRange('C22:I26').getValues()).toEqual([
      ['Công an', 1, 0, 1, 1, '', 0],
      ['Quân sự', 1, 5, 0, 0, 0, 0],
      ['Y tế', 1, 3, 2, 2, 2 / 3, 0],
      ['Tổ dân phố', 2, 6, 5, 3, 0.5, 2],
      ['', '', '', '', '', '', ''],
    ]);
    expect(summary.getRange('H25').getDisplayValues()[0][0]).toBe('50,0%');
    // With no households on Cấu hình, the ward's households are the Tổ dân phố row's target.
    expect(summary.getRange('H6').getFormulas()[0][0]).toBe('=E25');
  });

  it('shades each share by its own rule (a unit from 100%, the ward above it), with a legend, and charts the units', () => {
    const { summary } = smallWard();
    const rules = summary.getConditionalFormatRules() as unknown as StandInConditionalFormatRule[];
    const ranges = ['Tổng hợp!H13:H17', 'Tổng hợp!H22:H25'];
    expect(rules.map((r) => [r.condition, r.values, r.background, r.rangesA1()])).toEqual([
      ['NUMBER_LESS_THAN', [0.5], '#f4c7c3', ranges],
      ['NUMBER_LESS_THAN', [1], '#fce8b2', ranges],
      ['NUMBER_GREATER_THAN_OR_EQUAL_TO', [1], '#b7e1cd', ranges],
      ['NUMBER_LESS_THAN', [0.5], '#f4c7c3', ['Tổng hợp!H8']],
      ['NUMBER_BETWEEN', [0.5, 1], '#fce8b2', ['Tổng hợp!H8']],
      ['NUMBER_GREATER_THAN_OR_EQUAL_TO', [1], '#b7e1cd', ['Tổng hợp!H8']],
    ]);
    // The legend, one line under the deadline, each shade written in a cell of that shade.
    expect(summary.getRange('A4:D4').getValues()[0]).toEqual(['Màu:', 'dưới 50%', 'từ 50%, chưa đạt', 'đạt']);
    expect(['B4', 'C4', 'D4'].map((a1) => summary.getRange(a1).getBackground())).toEqual([
      '#f4c7c3',
      '#fce8b2',
      '#b7e1cd',
    ]);
    const shades = Object.fromEntries(
      ['H8', 'H13', 'H14', 'H15', 'H16', 'H17', 'H18', 'H22', 'H23', 'H25'].map((a1) => [
        a1,
        shadeOf(summary, a1),
      ])
    );
    expect(shades).toEqual({
      H8: '#fce8b2', // the ward, 83,3%
      H13: '#b7e1cd', // 100%
      H14: '#f4c7c3', // 25%
      H15: null, // no target: no share
      H16: '#fce8b2', // 66,7%
      H17: '#f4c7c3', // 0%
      H18: null, // the totals: no ratio
      H22: null,
      H23: '#f4c7c3',
      H25: '#fce8b2', // exactly 50%: not below it
    });
    const charts = summary.getCharts() as unknown as StandInChart[];
    expect(charts).toHaveLength(1);
    expect(charts[0].type).toBe('BAR');
    expect(charts[0].rangesA1()).toEqual(['Tổng hợp!C12:C17', 'Tổng hợp!H12:H17']);
    expect(charts[0].position).toEqual({ row: 11, column: 18, offsetX: 0, offsetY: 0 });
    expect(charts[0].options).toMatchObject({
      title: 'Tỷ lệ đạt của từng đơn vị',
      hAxis: { format: 'percent' },
    });
  });

  it('lists the master in Cấu hình order, rows in sheet order, each linked to its unit sheet and row', () => {
    const { workbook } = smallWard();
    const { values, formulas } = master(workbook);
    const C = MASTER_COL;
    expect(
      values.map((r) => [
        r[C.stt - 1],
        r[C.name - 1],
        r[C.unitCode - 1],
        r[C.status - 1],
        r[C.statusCode - 1],
      ])
    ).toEqual([
      [1, 'Nguyễn Văn An', 'TDP01', 'Hợp lệ', 'OK'],
      [2, 'Trần Thị Bình', 'TDP01', 'Hợp lệ', 'OK'],
      [3, 'Lê Văn Cường', 'TDP02', 'Hợp lệ', 'OK'],
      [4, 'Lê Văn Cường', 'TDP02', 'Lỗi: trùng dòng 8', 'DUP_UNIT'],
      [5, 'Phạm Dung', 'TDP02', expect.stringMatching(/^Lỗi: /), 'ERR'],
      [6, 'Nguyễn Văn An', 'CA', 'Đã có ở Tổ dân phố số 1 (dòng 8)', 'DUP'],
      [7, 'Hoàng Văn Em', 'YT', 'Hợp lệ', 'OK'],
      [8, 'Trần Văn Phúc', 'YT', 'Hợp lệ', 'OK'],
    ]);
    // The tabs are in type order (Công an first), the master is not.
    expect(workbook.getSheets().findIndex((s) => s.getName() === 'Công an phường')).toBeLessThan(
      workbook.getSheets().findIndex((s) => s.getName() === 'Tổ dân phố số 1')
    );
    // Each link opens the unit's sheet at the row typed there.
    values.forEach((row, i) => {
      const sheet = unitSheet(workbook, String(row[C.unitCode - 1]));
      const link = /^=HYPERLINK\("#gid=(\d+)&range=A(\d+)";"(.*)"\)$/.exec(formulas[i][C.source - 1]);
      expect(link).not.toBeNull();
      const [, gid, sourceRow, label] = link as RegExpExecArray;
      expect(Number(gid)).toBe(sheet.getSheetId());
      expect(label).toBe(`${sheet.getName()} - dòng ${sourceRow}`);
      expect(row[C.source - 1]).toBe(label);
      expect(sheet.getRange(`B${sourceRow}`).getValue()).toBe(row[C.name - 1]);
    });
    expect(values.map((r) => formulas[values.indexOf(r)][C.source - 1].match(/range=A(\d+)/)?.[1])).toEqual([
      '8',
      '9',
      '8',
      '9',
      '10',
      '8',
      '8',
      '9',
    ]);
    // The code column is the last, narrow, with a header of its own; people's columns keep their places.
    const sheet = master(workbook).sheet;
    expect(sheet.getRange('A4:K4').getValues()[0]).toEqual([
      'Stt',
      'Họ và tên',
      'Năm sinh',
      'Cơ quan, đơn vị',
      'Nơi ở hiện nay',
      'Mã đơn vị',
      'Đơn vị báo cáo',
      'Dòng gốc',
      'Trạng thái',
      'Cần kiểm tra',
      'Mã trạng thái',
    ]);
    expect(sheet.getMaxColumns()).toBe(11);
    expect(sheet.getColumnWidth(11)).toBeLessThan(sheet.getColumnWidth(9));
    // The codes are what the summary counts, not what people read: hidden, the other columns in view.
    expect([...Array(11).keys()].map((i) => sheet.isColumnHiddenByUser(i + 1))).toEqual([
      ...Array(10).fill(false),
      true,
    ]);
  });
});

describe.each(['vi_VN', 'en_US'] as const)('the summary’s formulas in a %s spreadsheet', (locale) => {
  it('count status codes and hold no Vietnamese word and no other text', () => {
    const { summary, result } = smallWard(locale);
    expect(result.totals).toMatchObject({ rows: 8, valid: 6, errors: 2, uniquePeople: 5 });
    const formulas = summary
      .getDataRange()
      .getFormulas()
      .flat()
      .filter((f) => f !== '');
    expect(formulas.length).toBeGreaterThan(60);
    // The master is named by its tab (Sheets rewrites the name when the tab is renamed): the one part
    // of a formula that is the workbook's own words, not the formula's.
    const withoutMasterTab = formulas.map((f) => f.split("'Danh sách tổng hợp'!").join(''));
    expect(withoutMasterTab.filter((f) => /[^\x20-\x7e]/.test(f))).toEqual([]);
    const literals = new Set(withoutMasterTab.flatMap((f) => f.match(/"(?:[^"]|"")*"/g) ?? []));
    expect([...literals].sort()).toEqual(['""', '"DUP"', '"DUP_UNIT"', '"ERR"', '"OK"']);
    // Every unit with rows counts its block of the master's code column, K.
    const counting = formulas.filter((f) => f.startsWith('=COUNTA('));
    expect(counting.filter((f) => f.includes('!$K$'))).toHaveLength(4);
    expect(counting.filter((f) => f.includes('!$J$'))).toHaveLength(4); // warnings: non-blank cells
  });
});

describe('Tổng hợp on a workbook an earlier version wrote', () => {
  it('starts over a run left half-way with a master of other columns, and gives the right figures', () => {
    const units = SMALL.slice(0, 2);
    const { workbook, addOn, raw } = workbookWithUnits(units);
    expect(addOn.setupUnits().ok).toBe(true);
    typeRows(workbook, units[0], [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
    typeRows(workbook, units[1], [
      ['Lê Văn Cường', 1975, '', 'TDP 2'],
      ['Lê Văn Cường', 1975, '', 'TDP 2'],
    ]);
    // One step with no time to spare: the staging master is written, the summary is left to the next step.
    const first = raw('consolidateStep', { budgetMs: 0 }) as { done: boolean };
    expect(first.done).toBe(false);
    const staging = workbook.getSheetByName('Danh sách tổng hợp (đang lập)');
    expect(staging).not.toBeNull();
    // What the previous version had left: ten columns, and a run that does not name its columns.
    staging?.deleteColumns(11, 1);
    const run = JSON.parse(workbook.documentProperties.get('tonghop.run.consolidate') ?? '{}') as {
      data: Record<string, unknown>;
    };
    expect(run.data.layout).toBeDefined();
    delete run.data.layout;
    workbook.documentProperties.set('tonghop.run.consolidate', JSON.stringify(run));
    const result = addOn.consolidate();
    expect(result.ok).toBe(true);
    expect(result.units.map((u) => [u.code, u.rows, u.valid, u.errors, u.duplicatesWithinUnit])).toEqual([
      ['TDP01', 1, 1, 0, 0],
      ['TDP02', 2, 1, 1, 1],
    ]);
    const sheet = master(workbook).sheet;
    expect(sheet.getRange('K4:K7').getValues().flat()).toEqual(['Mã trạng thái', 'OK', 'OK', 'DUP_UNIT']);
  });
});

describe('Tổng hợp over a complete pair an earlier version wrote', () => {
  it('replaces the ten-column master and its summary, with the right figures', () => {
    const units = SMALL.slice(0, 2);
    const { workbook, addOn } = workbookWithUnits(units);
    expect(addOn.setupUnits().ok).toBe(true);
    typeRows(workbook, units[1], [
      ['Lê Văn Cường', 1975, '', 'TDP 2'],
      ['Lê Văn Cường', 1975, '', 'TDP 2'],
    ]);
    addOn.consolidate();
    // The earlier master had ten columns, no status code.
    const old = master(workbook).sheet;
    old.deleteColumns(11, 1);
    typeRows(workbook, units[0], [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
    const result = addOn.consolidate();
    expect(result.units.map((u) => [u.code, u.rows, u.valid, u.errors])).toEqual([
      ['TDP01', 1, 1, 0],
      ['TDP02', 2, 1, 1],
    ]);
    const now = master(workbook).sheet;
    expect(now.getMaxColumns()).toBe(11);
    expect(now.getRange('K5:K7').getValues().flat()).toEqual(['OK', 'OK', 'DUP_UNIT']);
    expect(workbook.getSheetByName('Tổng hợp')?.getRange('F13:G14').getValues()).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });
});
