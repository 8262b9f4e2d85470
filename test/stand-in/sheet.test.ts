/**
 * Sheet: a tab's name, grid, frozen rows, widths, hiding and copying, as the clerk (owner), an office
 * colleague (editor of the file, but not of a sheet the clerk protected), the ward leader (viewer) and
 * another ward's spreadsheet the colleague may only view.
 */
import { NO_EDIT_ACCESS_MESSAGE, PROTECTED_MESSAGE, StandInSheet, Workbook } from '../../src/stand-in';
import { EDITOR, office, OWNER, refusal, VIEWER } from './people';

/** The office with a sheet "Đơn vị 1" protected so that only the owner may change it. */
function protectedUnit() {
  const env = office();
  const unit = env.workbook.insertSheet('Đơn vị 1', 1);
  unit.getRange('A1:B3').setValues([
    ['Họ tên', 'Năm sinh'],
    ['Nguyễn Văn An', 1985],
    ['Trần Thị Bình', 1990],
  ]);
  const p = unit.protect();
  p.removeEditors(p.getEditors().map((u) => u.getEmail()));
  return { ...env, unit, p };
}

describe('names and the grid, as Google refuses them', () => {
  it('refuses an empty, a too long or a taken name (case aside) for a rename', () => {
    const { workbook, sheet } = office();
    workbook.insertSheet('Tổng hợp', 1);
    expect(refusal(() => sheet.setName('  '))).toBe('Sheet names cannot be empty.');
    expect(refusal(() => sheet.setName('x'.repeat(101)))).toBe(
      'The sheet name cannot be longer than 100 characters.'
    );
    expect(refusal(() => sheet.setName('TỔNG HỢP'))).toBe(
      'A sheet with the name "TỔNG HỢP" already exists. Please enter another name.'
    );
    // Its own name in another case is no clash.
    sheet.setName('TRANG TÍNH1');
    expect(workbook.getSheetByName('TRANG TÍNH1')).toBe(sheet);
    expect(workbook.getSheetByName('trang tính1')).toBeNull();
  });

  it('keeps one visible sheet, one unfrozen row and one column', () => {
    const { workbook, sheet } = office();
    expect(refusal(() => sheet.hideSheet())).toBe("You can't hide all the sheets in a document.");
    const other = workbook.insertSheet('Ẩn', 1);
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    sheet.setFrozenRows(3);
    expect(refusal(() => sheet.deleteRows(2, 997))).toBe(
      'Sorry, it is not possible to delete all non-frozen rows.'
    );
    sheet.deleteRows(4, 996);
    expect(sheet.getMaxRows()).toBe(4);
    expect(refusal(() => sheet.deleteColumns(1, 26))).toBe(
      'Sorry, it is not possible to delete all columns.'
    );
    expect(refusal(() => sheet.insertRowsAfter(0, 1))).toBe('Those rows are out of bounds.');
    expect(refusal(() => sheet.setFrozenRows(4))).toBe('Invalid argument: rows');
    expect(refusal(() => workbook.deleteSheet(other))).toBeNull();
    expect(refusal(() => workbook.deleteSheet(sheet))).toBe("You can't remove all the sheets in a document.");
  });

  it('moves content, widths and hidden columns with inserted columns', () => {
    const { sheet } = office();
    sheet.getRange('B1:C1').setValues([['b', '=B1&"!"']]);
    sheet.setColumnWidth(3, 180);
    sheet.hideColumns(3, 1);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange('D1:E1').getValues()).toEqual([['b', 'b!']]);
    expect(sheet.getRange('E1').getFormulas()).toEqual([['=D1&"!"']]);
    expect([sheet.getColumnWidth(5), sheet.isColumnHiddenByUser(5), sheet.isColumnHiddenByUser(3)]).toEqual([
      180,
      true,
      false,
    ]);
  });
});

describe('a sheet the clerk protected for herself alone', () => {
  it('refuses the colleague every change to the sheet itself', () => {
    const { workbook, unit, as } = protectedUnit();
    const attempts: Record<string, () => unknown> = {
      setFrozenRows: () => unit.setFrozenRows(1),
      setColumnWidth: () => unit.setColumnWidth(1, 200),
      hideColumns: () => unit.hideColumns(2, 1),
      hideSheet: () => unit.hideSheet(),
      deleteRows: () => unit.deleteRows(3, 1),
      deleteColumns: () => unit.deleteColumns(2, 1),
      clear: () => unit.clear(),
      deleteSheet: () => workbook.deleteSheet(unit),
    };
    for (const [name, attempt] of Object.entries(attempts)) {
      expect([name, as(EDITOR, () => refusal(attempt))]).toEqual([name, PROTECTED_MESSAGE]);
    }
    expect(unit.getRange('A2:B3').getValues()).toEqual([
      ['Nguyễn Văn An', 1985],
      ['Trần Thị Bình', 1990],
    ]);
    expect([unit.getFrozenRows(), unit.isSheetHidden(), unit.getMaxColumns()]).toEqual([0, false, 26]);
    expect(workbook.getSheetByName('Đơn vị 1')).toBe(unit);
  });

  it('lets the owner do each of them, and the colleague work on the other sheets', () => {
    const { workbook, unit, sheet, as } = protectedUnit();
    as(EDITOR, () => {
      sheet.setFrozenRows(1);
      sheet.setName('Ghi chú');
      workbook.insertSheet('Nháp', 2);
    });
    expect(workbook.getSheets().map((s) => s.getName())).toEqual(['Ghi chú', 'Đơn vị 1', 'Nháp']);
    unit.setFrozenRows(1);
    unit.deleteRows(3, 1);
    unit.hideSheet();
    expect([unit.getFrozenRows(), unit.getLastRow(), unit.isSheetHidden()]).toEqual([1, 2, true]);
    workbook.deleteSheet(unit);
    expect(workbook.getSheetByName('Đơn vị 1')).toBeNull();
  });

  it('the viewer may not even add a sheet or colour a tab', () => {
    const { workbook, sheet, as } = office();
    expect(as(VIEWER, () => refusal(() => workbook.insertSheet('Của tôi', 1)))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(as(VIEWER, () => refusal(() => sheet.setTabColor('#ff0000')))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(workbook.getSheets()).toHaveLength(1);
  });
});

describe('copyTo', () => {
  it('copies to the end of this spreadsheet as "Copy of …", then "Copy of … 2"', () => {
    const { workbook } = protectedUnit();
    const unit = workbook.getSheetByName('Đơn vị 1')!;
    unit.getRange('A1').setBackground('#cfe2f3');
    const first = unit.copyTo(workbook) as StandInSheet;
    const second = unit.copyTo(workbook);
    expect([first.getName(), second.getName()]).toEqual(['Copy of Đơn vị 1', 'Copy of Đơn vị 1 2']);
    expect(workbook.getSheets().at(-1)).toBe(second);
    expect(first.getRange('A2:B2').getValues()).toEqual([['Nguyễn Văn An', 1985]]);
    expect(first.getRange('A1').getBackground()).toBe('#cfe2f3');
    expect(refusal(() => unit.copyTo({} as never))).toBe('Invalid argument: spreadsheet');
  });

  it('needs edit access to the spreadsheet it copies into: the colleague may only view the ward’s', () => {
    const { workbook, as } = protectedUnit();
    const ward = new Workbook({ owner: 'phuong.khac@phuong.example', drive: workbook.drive });
    ward.file.share('reader', EDITOR);
    ward.file.share('writer', OWNER);
    const unit = workbook.getSheetByName('Đơn vị 1')!;
    expect(as(EDITOR, () => refusal(() => unit.copyTo(ward)))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(ward.getSheets()).toHaveLength(1);
    const copy = unit.copyTo(ward) as StandInSheet;
    expect(copy.getParent()).toBe(ward);
    expect(ward.getOwner()?.getEmail()).not.toBe(OWNER);
  });
});
