import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { InspectedSheet as Sheet } from '../../src/stand-in/google/inspection';
import {
  conditionHolds,
  createServices,
  PROTECTED_MESSAGE,
  StandInSheet,
  Workbook,
  type StandInConditionalFormatRule,
} from '../../src/stand-in';

const OWNER = 'owner@example.com';

function fresh(opts: ConstructorParameters<typeof Workbook>[0] = {}) {
  const workbook = new Workbook(opts);
  const services = createServices(workbook);
  const sheet = workbook.getSheets()[0];
  return { workbook, services, sheet, ...services };
}

describe('a new spreadsheet', () => {
  it('has one 1000 × 26 tab named as in vi_VN', () => {
    const { workbook, sheet } = fresh();
    expect(sheet.getName()).toBe('Trang tính1');
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect(workbook.cellCount()).toBe(26_000);
    expect(workbook.getOwner()?.getEmail()).toBe(OWNER);
  });
});

describe('setValues parses text as typed (USER_ENTERED, vi_VN)', () => {
  const typed = (value: unknown) => {
    const { sheet } = fresh();
    const cell = sheet.getRange('A1');
    cell.setValues([[value]]);
    return {
      value: cell.getValue(),
      formula: cell.getFormulas()[0][0],
      format: cell.getNumberFormats()[0][0],
    };
  };

  it('makes "=1+1" a formula worth 2, but "\'=1+1" the text =1+1', () => {
    expect(typed('=1+1')).toMatchObject({ value: 2, formula: '=1+1' });
    expect(typed("'=1+1")).toMatchObject({ value: '=1+1', formula: '' });
  });

  it('turns numeric text into numbers (leading zeros and + are lost, as in Sheets)', () => {
    expect(typed('1985').value).toBe(1985);
    expect(typed('+84123').value).toBe(84123);
    expect(typed('0912345678').value).toBe(912345678);
    expect(typed('-5').value).toBe(-5);
    expect(typed('1.5').value).toBe(1.5);
    expect(typed('1,5').value).toBe(1.5);
  });

  it('reads a leading + or - before a non-number as a formula (usually an error)', () => {
    expect(typed('+84 912 345 678')).toMatchObject({ value: '#ERROR!', formula: '=+84 912 345 678' });
    expect(typed('- Nguyễn Văn A').value).toMatch(/^#/);
    expect(typed('-').value).toBe('-');
  });

  it('reads booleans, percents and dd/mm/yyyy dates', () => {
    expect(typed('true').value).toBe(true);
    expect(typed('FALSE').value).toBe(false);
    expect(typed('12%')).toMatchObject({ value: 0.12, format: '0%' });
    const d = typed('05/03/1985');
    expect(d.format).toBe('dd/MM/yyyy');
    expect(d.value).toBeInstanceOf(Date);
    // Midnight in Hồ Chí Minh City (UTC+7).
    expect((d.value as Date).toISOString()).toBe('1985-03-04T17:00:00.000Z');
    expect(typed('31/02/2024').value).toBe('31/02/2024');
  });

  it('keeps text in cells formatted as plain text', () => {
    const { sheet } = fresh();
    const cell = sheet.getRange('B2').setNumberFormat('@');
    cell.setValue('0912345678');
    expect(cell.getValue()).toBe('0912345678');
  });

  it('stores JS values as they are, Dates as serials with a date format', () => {
    const { sheet } = fresh();
    const r = sheet.getRange(1, 1, 1, 5);
    const when = new Date('2024-01-02T03:04:05Z');
    r.setValues([[42, true, null, when, new Date('2024-01-01T17:00:00Z')]]);
    const [row] = r.getValues();
    expect(row.slice(0, 3)).toEqual([42, true, '']);
    expect((row[3] as Date).getTime()).toBe(when.getTime());
    expect(r.getNumberFormats()[0].slice(3)).toEqual(['dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy']);
    expect(r.getDisplayValues()[0].slice(3)).toEqual(['02/01/2024 10:04:05', '02/01/2024']);
  });

  it('rejects data whose dimensions do not match the range', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.'
    );
    expect(() => sheet.getRange('A1:B2').setValues([[1], [2]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.'
    );
  });
});

describe('reading', () => {
  it('returns Sheets types, errors as text and display strings in vi_VN style', () => {
    const { sheet } = fresh();
    const r = sheet.getRange('A1:F1');
    r.setValues([['abc', 0.45, 1234, '=FOOBAR(1)', '=1/0', '']]);
    sheet.getRange('B1').setNumberFormat('0.0%');
    sheet.getRange('C1').setNumberFormat('#,##0');
    expect(r.getValues()).toEqual([['abc', 0.45, 1234, '#NAME?', '#DIV/0!', '']]);
    expect(r.getDisplayValues()).toEqual([['abc', '45,0%', '1.234', '#NAME?', '#DIV/0!', '']]);
    expect(sheet.getRange('A1').getValue()).toBe('abc');
  });

  it('compares text case-insensitively but accent-sensitively, with wildcards', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:A4').setValues([['Hợp lệ'], ['hợp lệ'], ['Hop le'], ['Hợp lệ (bổ sung)']]);
    sheet.getRange('B1:B2').setFormulas([['=COUNTIF(A1:A4;"Hợp lệ")'], ['=COUNTIF(A1:A4;"Hợp*")']]);
    expect(sheet.getRange('B1:B2').getValues()).toEqual([[2], [3]]);
  });

  it('follows cross-sheet references through quoted Vietnamese names and renames', () => {
    const { workbook, sheet } = fresh();
    const unit = workbook.insertSheet("Tổ 'A' số 5", 1);
    unit.getRange('A1').setValue(21);
    sheet.getRange('A1').setFormula("='Tổ ''A'' số 5'!A1*2");
    expect(sheet.getRange('A1').getValue()).toBe(42);
    unit.setName('Tổ B');
    expect(sheet.getRange('A1').getFormulas()[0][0]).toBe("='Tổ B'!A1*2");
    unit.getRange('A1').setValue(5);
    expect(sheet.getRange('A1').getValue()).toBe(10);
  });

  it('fills a formula over a range, moving relative references', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:A3').setValues([[1], [2], [3]]);
    sheet.getRange('B1:B3').setFormula('=A1*$A$1*10');
    expect(sheet.getRange('B1:B3').getFormulas()).toEqual([
      ['=A1*$A$1*10'],
      ['=A2*$A$1*10'],
      ['=A3*$A$1*10'],
    ]);
    expect(sheet.getRange('B1:B3').getValues()).toEqual([[10], [20], [30]]);
  });

  it('knows the last row/column with content', () => {
    const { sheet } = fresh();
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('C5').setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C5');
    sheet.getRange('C5').clearContent();
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('grid', () => {
  it('rejects ranges outside the sheet and duplicate or long sheet names', () => {
    const { workbook, sheet } = fresh();
    expect(() => sheet.getRange(1001, 1, 1, 1)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.'
    );
    expect(() => sheet.getRange('AA1')).toThrow('outside the dimensions');
    workbook.insertSheet('Đơn vị', 1);
    expect(() => workbook.insertSheet('đơn vị', 2)).toThrow(
      'A sheet with the name "đơn vị" already exists. Please enter another name.'
    );
    expect(() => workbook.insertSheet('x'.repeat(101), 2)).toThrow();
  });

  it('grows and shrinks with inserted/deleted rows and columns, shifting content and formats', () => {
    const { sheet } = fresh();
    sheet.getRange('A1:A3').setValues([['a'], ['b'], ['c']]);
    sheet.getRange('A3').setBackground('#ff0000');
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['a', '', '', 'b', 'c']);
    expect((sheet as StandInSheet).styleAt(5, 1).background).toBe('#ff0000');
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues().flat()).toEqual(['a', 'b', 'c']);
    sheet.deleteColumns(20, 7);
    expect(sheet.getMaxColumns()).toBe(19);
    expect(() => sheet.getRange('T1')).toThrow('outside the dimensions');
  });

  it('enforces the 10,000,000-cell limit', () => {
    const { workbook, sheet } = fresh();
    expect(() => sheet.insertRowsAfter(1000, 400_000)).toThrow('above the limit of 10000000 cells');
    expect(workbook.cellCount()).toBe(26_000);
  });

  it('holds a 150,000-row sheet written in one call', () => {
    const { workbook } = fresh();
    const master = workbook.insertSheet('Tổng hợp', 1);
    master.insertRowsAfter(1000, 149_000);
    const rows = Array.from({ length: 150_000 }, (_, i) => [`Người ${i}`, i, 'Hợp lệ']);
    master.getRange(1, 1, rows.length, 3).setValues(rows);
    expect(master.getLastRow()).toBe(150_000);
    expect(master.getRange(150_000, 1, 1, 3).getValues()).toEqual([['Người 149999', 149_999, 'Hợp lệ']]);
  });
});

describe('recorded document features', () => {
  it('records validation, conditional formats, charts, merges, frozen rows and widths', () => {
    const { workbook, sheet, SpreadsheetApp, Charts } = fresh();
    const rule = SpreadsheetApp.newDataValidation()
      .requireNumberBetween(1900, 2025)
      .setAllowInvalid(false)
      .setHelpText('Năm sinh')
      .build();
    sheet.getRange('C2:C100').setDataValidation(rule);
    // Validation does not stop scripts.
    sheet.getRange('C2').setValue(1800);
    expect(sheet.getRange('C50').getDataValidation()?.getCriteriaType()).toBe('NUMBER_BETWEEN');
    expect(sheet.getRange('C2').getDataValidation()?.getCriteriaValues()).toEqual([1900, 2025]);
    sheet.getRange('C2:C100').clearDataValidations();
    expect(sheet.getRange('C2').getDataValidation()).toBeNull();

    const cf = SpreadsheetApp.newConditionalFormatRule()
      .whenNumberLessThan(0.5)
      .setBackground('#f4cccc')
      .setRanges([sheet.getRange('D2:D10')])
      .build();
    sheet.setConditionalFormatRules([cf]);
    expect(sheet.getConditionalFormatRules()).toEqual([cf]);

    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange('A1:B5'))
      .setPosition(2, 5, 0, 0)
      .build();
    sheet.insertChart(chart);
    expect(sheet.getCharts()).toHaveLength(1);
    sheet.removeChart(chart);
    expect(sheet.getCharts()).toHaveLength(0);

    sheet.getRange('A1:C1').merge();
    expect((sheet as StandInSheet).mergedRanges().map((r) => r.getA1Notation())).toEqual(['A1:C1']);
    sheet.setFrozenRows(2);
    sheet.setColumnWidth(2, 240);
    expect([sheet.getFrozenRows(), sheet.getColumnWidth(2), sheet.getColumnWidth(3)]).toEqual([2, 240, 100]);
    sheet.getRange('A1').setFontWeight('bold').setFontColor('#ffffff').setBackground('#1155cc').setNote('n');
    expect((sheet as StandInSheet).styleAt(1, 1)).toMatchObject({
      fontWeight: 'bold',
      background: '#1155cc',
      note: 'n',
    });
    expect(workbook.sheetNames()).toEqual(['Trang tính1']);
  });

  it('records the active sheet and range', () => {
    const { workbook } = fresh();
    const unit = workbook.insertSheet('Đơn vị 1', 1);
    unit.getRange('C7').activate();
    expect(workbook.activeRangeA1()).toEqual({ sheet: 'Đơn vị 1', a1: 'C7' });
    workbook.moveActiveSheet(1);
    expect(workbook.getSheets().map((s: Sheet) => s.getName())).toEqual(['Đơn vị 1', 'Trang tính1']);
  });
});

describe('call counter', () => {
  it('counts reads, writes and other calls; navigation is free', () => {
    const { workbook, sheet, SpreadsheetApp } = fresh();
    workbook.resetCalls();
    const r = sheet.getRange('A1:B2');
    r.getA1Notation();
    r.getSheet().getName();
    sheet.getDataRange();
    expect(workbook.calls).toEqual({ reads: 0, writes: 0, other: 0 });
    r.setValues([
      [1, 2],
      [3, 4],
    ]);
    r.setNumberFormat('0');
    r.getValues();
    r.getDisplayValues();
    workbook.getSheets();
    sheet.getLastRow();
    SpreadsheetApp.flush();
    SpreadsheetApp.newDataValidation().requireNumberBetween(1, 2).build();
    expect(workbook.calls).toEqual({ reads: 2, writes: 2, other: 3 });
  });
});

describe('services', () => {
  it('records menus, alerts and sidebars', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stand-in-'));
    fs.writeFileSync(path.join(dir, 'Sidebar.html'), '<p>xin chào</p>');
    const workbook = new Workbook();
    const { ui, HtmlService, SpreadsheetApp } = createServices(workbook, { htmlDir: dir });
    SpreadsheetApp.getUi().createMenu('Tổng hợp').addItem('Chạy', 'run').addSeparator().addToUi();
    expect(ui.menus).toEqual([
      { caption: 'Tổng hợp', items: [{ caption: 'Chạy', functionName: 'run' }, { separator: true }] },
    ]);
    expect(ui.alert('Tiêu đề', 'Nội dung', ui.ButtonSet.OK)).toBe(ui.Button.OK);
    expect(ui.alerts).toEqual([{ title: 'Tiêu đề', prompt: 'Nội dung', buttons: ui.ButtonSet.OK }]);
    ui.showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Kiểm tra'));
    expect(ui.sidebars[0].getTitle()).toBe('Kiểm tra');
    expect(ui.sidebars[0].getContent()).toBe('<p>xin chào</p>');
    expect(() => HtmlService.createHtmlOutputFromFile('Missing')).toThrow();
  });

  it('gives tryLock false while another execution holds the document lock', () => {
    const workbook = new Workbook();
    const a = createServices(workbook).LockService.getDocumentLock()!;
    const b = createServices(workbook).LockService.getDocumentLock()!;
    const release = workbook.holdDocumentLockElsewhere();
    expect(a.tryLock(30_000)).toBe(false);
    release();
    expect(a.tryLock(30_000)).toBe(true);
    expect(a.hasLock()).toBe(true);
    expect(b.tryLock(1)).toBe(false);
    a.releaseLock();
    expect(b.tryLock(1)).toBe(true);
  });

  it('keeps document properties, the session user and dates in the sheet time zone', () => {
    const workbook = new Workbook();
    const s = createServices(workbook);
    s.PropertiesService.getDocumentProperties()!.setProperty('k', 'v');
    expect(createServices(workbook).PropertiesService.getDocumentProperties()!.getProperty('k')).toBe('v');
    expect(s.PropertiesService.getDocumentProperties()!.getProperty('none')).toBeNull();
    expect(() =>
      s.PropertiesService.getDocumentProperties()!.setProperty('big', 'x'.repeat(10_000))
    ).toThrow();
    expect(s.Session.getScriptTimeZone()).toBe('Asia/Ho_Chi_Minh');
    // The script's zone is the manifest's (appsscript.json), not the spreadsheet's.
    workbook.setSpreadsheetTimeZone('Europe/London');
    expect(s.Session.getScriptTimeZone()).toBe('Asia/Ho_Chi_Minh');
    expect(createServices(workbook, { scriptTimeZone: 'UTC' }).Session.getScriptTimeZone()).toBe('UTC');
    const d = new Date('2024-03-05T20:07:09Z');
    expect(s.Utilities.formatDate(d, 'Asia/Ho_Chi_Minh', 'dd/MM/yyyy HH:mm:ss')).toBe('06/03/2024 03:07:09');
    expect(s.Utilities.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm")).toBe('2024-03-05T20:07');
  });
});

describe('columns inserted after the last one, and text conditions (the Kiểm tra column)', () => {
  it('appends columns without moving a cell, counts a write, and refuses someone without rights on the sheet', () => {
    const { workbook, sheet } = fresh({ owner: OWNER });
    sheet.getRange('A1:B1').setValues([['a', '=A1&"!"']]);
    sheet.setColumnWidth(2, 150);
    sheet.deleteColumns(3, 24);
    workbook.resetCalls();
    sheet.insertColumnsAfter(2, 1);
    expect(workbook.calls.writes).toBe(1);
    expect(sheet.getMaxColumns()).toBe(3);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', 'a!', '']]);
    expect(sheet.getColumnWidth(2)).toBe(150);
    expect(() => sheet.insertColumnsAfter(4, 1)).toThrow('out of bounds');
    const p = sheet.protect();
    p.removeEditors(p.getEditors().map((u) => u.getEmail()));
    workbook.share('stranger@example.com');
    workbook.actAs('stranger@example.com');
    expect(() => sheet.insertColumnsAfter(3, 1)).toThrow(PROTECTED_MESSAGE);
    expect(sheet.getMaxColumns()).toBe(3);
  });

  it('builds text rules that match exactly, case included (the stricter reading where Google is silent)', () => {
    const { SpreadsheetApp, sheet } = fresh();
    const cells = [sheet.getRange('G8:G20')];
    const starts = SpreadsheetApp.newConditionalFormatRule()
      .whenTextStartsWith('Lỗi:')
      .setBackground('#f4c7c3')
      .setRanges(cells)
      .build() as StandInConditionalFormatRule;
    const equal = SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo('Hợp lệ')
      .setBackground('#b7e1cd')
      .setRanges(cells)
      .build() as StandInConditionalFormatRule;
    expect(conditionHolds(starts, 'Lỗi: thiếu nơi ở')).toBe(true);
    expect(conditionHolds(starts, 'lỗi: thiếu nơi ở')).toBe(false);
    expect(conditionHolds(starts, 12)).toBe(false);
    expect(conditionHolds(equal, 'Hợp lệ')).toBe(true);
    expect(conditionHolds(equal, 'Hợp lệ ')).toBe(false);
    sheet.setConditionalFormatRules([starts, equal]);
    expect(sheet.getConditionalFormatRules()).toHaveLength(2);
  });
});

describe('exact lookups, as Sheets compares text', () => {
  it('MATCH ignores case but not accents, and a name typed in NFD is not its NFC twin', () => {
    const { sheet } = fresh();
    const nfd = 'Nguye\u0302\u0303n Văn An';
    sheet.getRange('A1:A4').setValues([['Lê Văn Hà'], ['lê văn hạ'], [nfd], ['Nguyễn Văn An']]);
    sheet
      .getRange('B1:B4')
      .setFormulas([
        ['=MATCH("LÊ VĂN HẠ";A1:A4;0)'],
        ['=MATCH("Lê Văn Hà";A1:A4;0)'],
        ['=MATCH("Nguyễn Văn An";A1:A4;0)'],
        [`=IFERROR(MATCH("Lê Văn Hả";A1:A4;0);"không có")`],
      ]);
    expect(sheet.getRange('B1:B4').getValues()).toEqual([[2], [1], [4], ['không có']]);
    // An array of keys looked up in itself (the Kiểm tra column's duplicate test): each row finds itself.
    sheet.getRange('C1').setFormula('=ARRAYFORMULA(MATCH(A1:A4;A1:A4;0))');
    expect(sheet.getRange('C1:C4').getValues()).toEqual([[1], [2], [3], [4]]);
  });

  it('answers the same when the first lookup arrives after other tabs came and went, and follows later edits', () => {
    // The engine keeps no lookup index until a lookup formula arrives, then is built again with one: the
    // tabs numbered afresh (one was deleted), what an array spilled set again, the other tabs' formulas kept.
    const { workbook, sheet } = fresh();
    const gone = workbook.insertSheet('Tạm', 1);
    const list = workbook.insertSheet('Danh sách', 2);
    workbook.deleteSheet(gone);
    sheet.getRange('A1:B1').setValues([[2, 3]]);
    sheet.getRange('C1').setFormula('=ARRAYFORMULA(A1:B1*10)');
    list.getRange('A1:A3').setValues([['Lê Văn Hà'], ['Lê Văn Hạ'], ['Trần Thị Bình']]);
    list.getRange('B1').setFormula('=ARRAYFORMULA(MATCH(A1:A3;A1:A3;0))');
    list.getRange('C1').setFormula('=MATCH("Lê Văn Hạ";A1:A3;0)');
    expect(list.getRange('B1:C3').getValues()).toEqual([
      [1, 2],
      [2, ''],
      [3, ''],
    ]);
    expect(sheet.getRange('C1:D1').getValues()).toEqual([[20, 30]]);
    list.getRange('A1').setValue('Lê Văn Hạ');
    expect(list.getRange('B1:C3').getValues()).toEqual([
      [1, 1],
      [1, ''],
      [3, ''],
    ]);
    sheet.getRange('A1').setValue(5);
    expect(sheet.getRange('C1:D1').getValues()).toEqual([[50, 30]]);
  });
});
