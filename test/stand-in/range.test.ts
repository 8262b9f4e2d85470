/**
 * Range: what a person's script writes and reads in cells, as the clerk (owner), an office colleague
 * (editor), the ward leader (viewer) and someone the file is not shared with. Values are parsed as typed in
 * the spreadsheet's locale (vi_VN unless said), as Google's setValue does.
 */
import { NO_DOCUMENT_ACCESS, NO_EDIT_ACCESS_MESSAGE, Workbook } from '../../src/stand-in';
import { EDITOR, office, OWNER, refusal, STRANGER, VIEWER } from './people';

/** What a fresh cell of a fresh spreadsheet holds once `typed` is written into it. */
function typed(value: unknown, locale = 'vi_VN') {
  const cell = new Workbook({ locale }).getSheets()[0].getRange('B2');
  cell.setValue(value);
  return {
    value: cell.getValue(),
    formula: cell.getFormulas()[0][0],
    format: cell.getNumberFormats()[0][0],
    shown: cell.getDisplayValues()[0][0],
  };
}

describe('values typed in vi_VN', () => {
  it('reads a decimal comma in a percent, and shows it back with a comma', () => {
    expect(typed('12,5%')).toMatchObject({ value: 0.125, format: '0.00%', shown: '12,50%' });
  });

  it('reads a day-first date with a time, and an ISO date, as dates in the spreadsheet’s zone', () => {
    const withTime = typed('05/03/2024 08:30');
    expect(withTime.format).toBe('dd/MM/yyyy HH:mm:ss');
    expect(withTime.shown).toBe('05/03/2024 08:30:00');
    // 08:30 in Hồ Chí Minh City is 01:30 UTC.
    expect((withTime.value as Date).toISOString()).toBe('2024-03-05T01:30:00.000Z');
    const iso = typed('2024-03-05');
    expect([iso.format, iso.shown]).toEqual(['dd/MM/yyyy', '05/03/2024']);
  });

  it('reads a date typed in en_US month first, as Google does there (M/d/yyyy), and day first in vi_VN', () => {
    const us = typed('05/03/2024', 'en_US');
    expect((us.value as Date).getTime()).toBe(Date.UTC(2024, 4, 2, 17, 0, 0));
    const vn = typed('05/03/2024');
    expect((vn.value as Date).getTime()).toBe(Date.UTC(2024, 2, 4, 17, 0, 0));
  });

  it('takes a comma inside a formula as the decimal point: =SUM(1,2) is 1,2, =SUM(1;2) is 3', () => {
    expect(typed('=SUM(1,2)')).toMatchObject({ value: 1.2, formula: '=SUM(1,2)' });
    expect(typed('=SUM(1;2)')).toMatchObject({ value: 3, formula: '=SUM(1;2)' });
  });

  it('in en_US, takes either separator in a formula and keeps a decimal comma as text', () => {
    expect(typed('=SUM(1,2)', 'en_US')).toMatchObject({ value: 3, formula: '=SUM(1,2)' });
    expect(typed('=SUM(1;2)', 'en_US')).toMatchObject({ value: 3, formula: '=SUM(1,2)' });
    expect(typed('1,5', 'en_US').value).toBe('1,5');
  });

  it('empties a cell written with null or an empty string', () => {
    const { sheet } = office();
    const cell = sheet.getRange('C3');
    cell.setValue('Nguyễn Văn An');
    cell.setValue(null);
    expect(cell.getValue()).toBe('');
    cell.setValue('x');
    cell.setValues([['']]);
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe('who may write a cell', () => {
  it('the owner and an editor write; the viewer is refused and the cell keeps its value', () => {
    const { sheet, as } = office();
    const cell = sheet.getRange('A2');
    cell.setValue('chủ tệp');
    as(EDITOR, () => cell.setValue('đồng nghiệp'));
    expect(cell.getValue()).toBe('đồng nghiệp');
    expect(as(VIEWER, () => refusal(() => cell.setValue('lãnh đạo')))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(as(VIEWER, () => refusal(() => cell.setBackground('#ff0000')))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(as(VIEWER, () => refusal(() => cell.clearContent()))).toBe(NO_EDIT_ACCESS_MESSAGE);
    // Reading is what viewing is.
    expect(as(VIEWER, () => cell.getValue())).toBe('đồng nghiệp');
    expect(cell.getBackground()).toBe('#ffffff');
  });

  it('someone without access cannot open the spreadsheet by id; the viewer opens it and cannot write', () => {
    const { workbook, SpreadsheetApp, as } = office();
    workbook.getSheets()[0].getRange('A1').setValue('Danh sách');
    expect(as(STRANGER, () => refusal(() => SpreadsheetApp.openById(workbook.getId())))).toBe(
      NO_DOCUMENT_ACCESS
    );
    const seen = as(VIEWER, () => SpreadsheetApp.openById(workbook.getId()));
    expect(as(VIEWER, () => seen.getSheets()[0].getRange('A1').getValue())).toBe('Danh sách');
    expect(as(VIEWER, () => refusal(() => seen.getSheets()[0].getRange('A1').setValue('x')))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
  });

  it('an editor the owner removes is refused at the next write', () => {
    const { workbook, sheet, as } = office();
    as(EDITOR, () => sheet.getRange('A1').setValue('trước'));
    workbook.removeEditor(EDITOR);
    expect(as(EDITOR, () => refusal(() => sheet.getRange('A1').setValue('sau')))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    expect(sheet.getRange('A1').getValue()).toBe('trước');
  });
});

describe('Google’s refusals of a range', () => {
  it('words a range that starts before the sheet or has no rows as Google does', () => {
    const { sheet } = office();
    expect(refusal(() => sheet.getRange(0, 1))).toBe('The starting row of the range is too small.');
    expect(refusal(() => sheet.getRange(1, 0))).toBe('The starting column of the range is too small.');
    expect(refusal(() => sheet.getRange(1, 1, 0, 1))).toBe(
      'The number of rows in the range must be at least 1.'
    );
    expect(refusal(() => sheet.getRange(1, 1, 1, 0))).toBe(
      'The number of columns in the range must be at least 1.'
    );
    expect(refusal(() => sheet.getRange('Trang tính1!A1'))).toBe('Range not found');
    expect(refusal(() => sheet.getRange('không phải ô'))).toBe('Range not found');
  });

  it('merges keep the top-left value, and a merge across a merged area is refused', () => {
    const { sheet } = office();
    sheet.getRange('A1:B2').setValues([
      ['Tổ 1', 'x'],
      ['y', 'z'],
    ]);
    sheet.getRange('A1:B2').merge();
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['Tổ 1', ''],
      ['', ''],
    ]);
    expect(refusal(() => sheet.getRange('B2:C3').merge())).toBe(
      'You must select all cells in a merged range to merge or unmerge them.'
    );
    expect(refusal(() => sheet.getRange('A1:C3').breakApart())).toBeNull();
  });

  it('clear() takes contents, formats, notes and validation; clearContent() only the contents', () => {
    const { sheet, SpreadsheetApp } = office();
    const rule = SpreadsheetApp.newDataValidation().requireNumberBetween(1, 9).build();
    for (const a1 of ['A1', 'B1']) {
      sheet.getRange(a1).setValue(5).setBackground('#fce5cd').setNote('ghi chú').setDataValidation(rule);
    }
    sheet.getRange('A1').clear();
    sheet.getRange('B1').clearContent();
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect([sheet.getRange('A1').getBackground(), sheet.getRange('B1').getBackground()]).toEqual([
      '#ffffff',
      '#fce5cd',
    ]);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
    expect(sheet.getRange('B1').getDataValidation()?.getCriteriaValues()).toEqual([1, 9]);
  });

  it('the owner’s writes move the file’s modified time; a refused write does not', () => {
    let now = Date.UTC(2026, 4, 4, 1, 0);
    const { workbook, sheet, as } = office({ now: () => new Date(now) });
    const before = workbook.file.modifiedTime.getTime();
    now += 60_000;
    as(VIEWER, () => refusal(() => sheet.getRange('A1').setValue('x')));
    expect(workbook.file.modifiedTime.getTime()).toBe(before);
    sheet.getRange('A1').setValue('x');
    expect(workbook.file.modifiedTime.getTime()).toBe(before + 60_000);
    expect(workbook.owner).toBe(OWNER);
  });
});
