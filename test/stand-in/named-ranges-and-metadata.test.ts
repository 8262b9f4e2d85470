/**
 * NamedRange and DeveloperMetadata: the names and tags by which the add-on finds a unit's rows and sheets
 * again, as the clerk (owner), an office colleague (editor) and the ward leader (viewer) meet them.
 */
import { NO_EDIT_ACCESS_MESSAGE } from '../../src/stand-in';
import { EDITOR, office, refusal, VIEWER } from './people';

describe('named ranges', () => {
  it('keeps named ranges pointing at their sheet through renames', () => {
    const { workbook } = office();
    const unit = workbook.insertSheet('Đơn vị 1', 1);
    workbook.setNamedRange('DV_001', unit.getRange('A2:E10'));
    expect(() => workbook.setNamedRange('1abc', unit.getRange('A1'))).toThrow();
    unit.setName('Đơn vị mới');
    const r = workbook.getRangeByName('DV_001')!;
    expect([r.getSheet().getName(), r.getA1Notation()]).toEqual(['Đơn vị mới', 'A2:E10']);
    expect(workbook.getNamedRanges().map((n) => n.getName())).toEqual(['DV_001']);
    workbook.removeNamedRange('DV_001');
    expect(workbook.getRangeByName('DV_001')).toBeNull();
  });

  it('refuses a name that reads as a cell or a boolean, and names what it refuses or misses', () => {
    const { workbook, sheet } = office();
    for (const name of ['1abc', 'A1', 'R1C1', 'TRUE', 'có dấu cách']) {
      expect(refusal(() => workbook.setNamedRange(name, sheet.getRange('A1')))).toBe(`Invalid name: ${name}`);
    }
    expect(refusal(() => workbook.setNamedRange('DV_001', 'A1' as never))).toBe('Invalid argument: range');
    expect(refusal(() => workbook.removeNamedRange('DV_009'))).toBe('Named range DV_009 not found.');
    expect(workbook.getNamedRanges()).toEqual([]);
  });

  it('finds a name in any case, lists it on its own sheet only, and moves it with inserted rows', () => {
    const { workbook, sheet } = office();
    const unit = workbook.insertSheet('Đơn vị 1', 1);
    workbook.setNamedRange('DV_001', unit.getRange('A2:E10'));
    expect(workbook.getRangeByName('dv_001')?.getA1Notation()).toBe('A2:E10');
    expect(unit.getNamedRanges().map((n) => n.getName())).toEqual(['DV_001']);
    expect(sheet.getNamedRanges()).toEqual([]);
    unit.insertRowsAfter(1, 3);
    expect(workbook.getRangeByName('DV_001')?.getA1Notation()).toBe('A5:E13');
  });

  it('the colleague names and unnames ranges; the viewer can only read them', () => {
    const { workbook, sheet, as } = office();
    as(EDITOR, () => workbook.setNamedRange('Ghi_chu', sheet.getRange('F1:F9')));
    expect(as(VIEWER, () => workbook.getRangeByName('Ghi_chu')?.getA1Notation())).toBe('F1:F9');
    expect(as(VIEWER, () => refusal(() => workbook.removeNamedRange('Ghi_chu')))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    expect(as(VIEWER, () => refusal(() => workbook.setNamedRange('Cua_toi', sheet.getRange('A1'))))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    as(EDITOR, () => workbook.removeNamedRange('Ghi_chu'));
    expect(workbook.getNamedRanges()).toEqual([]);
  });
});

describe('developer metadata', () => {
  it('finds developer metadata by key and value', () => {
    const { workbook, SpreadsheetApp } = office();
    const unit = workbook.insertSheet('Đơn vị 1', 1);
    unit.addDeveloperMetadata('tonghop.unit', 'DV001', SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
    const found = workbook.createDeveloperMetadataFinder().withKey('tonghop.unit').withValue('DV001').find();
    expect(found).toHaveLength(1);
    expect(found[0].getLocation().getSheet()).toBe(unit);
    expect(workbook.createDeveloperMetadataFinder().withValue('DV002').find()).toHaveLength(0);
  });

  it('holds at most 30,000 characters on one sheet, in Google’s words, values rewritten included', () => {
    const { sheet, SpreadsheetApp } = office();
    const visibility = SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT;
    sheet.addDeveloperMetadata('k', 'x'.repeat(29_990), visibility);
    const over = 'Adding this developer metadata would exceed the 30000 character limit for the sheet.';
    expect(refusal(() => sheet.addDeveloperMetadata('khóa', '0123456789', visibility))).toBe(over);
    const [tag] = sheet.getDeveloperMetadata();
    expect(refusal(() => tag.setValue('x'.repeat(30_000)))).toBe(over);
    tag.setValue('ngắn');
    sheet.addDeveloperMetadata('khóa', '0123456789', visibility);
    expect(sheet.getDeveloperMetadata().map((m) => m.getValue())).toEqual(['ngắn', '0123456789']);
  });

  it('goes with its sheet, and follows a renamed one', () => {
    const { workbook, SpreadsheetApp } = office();
    const visibility = SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT;
    const a = workbook.insertSheet('Đơn vị 1', 1);
    const b = workbook.insertSheet('Đơn vị 2', 2);
    a.addDeveloperMetadata('tonghop.unit', 'DV001', visibility);
    b.addDeveloperMetadata('tonghop.unit', 'DV002', visibility);
    a.setName('Tổ 1');
    const finder = () => workbook.createDeveloperMetadataFinder().withKey('tonghop.unit').find();
    expect(finder().map((m) => m.getLocation().getSheet()?.getName())).toEqual(['Tổ 1', 'Đơn vị 2']);
    workbook.deleteSheet(b);
    expect(finder().map((m) => m.getValue())).toEqual(['DV001']);
    finder()[0].remove();
    expect(finder()).toEqual([]);
  });

  it('the colleague tags a sheet; the viewer may neither tag nor change a tag', () => {
    const { sheet, SpreadsheetApp, as } = office();
    const visibility = SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT;
    as(EDITOR, () => sheet.addDeveloperMetadata('tonghop.role', 'master', visibility));
    const [tag] = sheet.getDeveloperMetadata();
    expect(as(VIEWER, () => refusal(() => sheet.addDeveloperMetadata('x', 'y', visibility)))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    expect(as(VIEWER, () => refusal(() => tag.setValue('khác')))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(as(VIEWER, () => refusal(() => tag.remove()))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(sheet.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([
      ['tonghop.role', 'master'],
    ]);
  });
});
