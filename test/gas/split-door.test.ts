/**
 * Issue 25, part 3: "Tách thành tệp riêng" reports success only once no unit's email can open the old office
 * file (its master list, Cấu hình, its script and a version history holding every unit's rows). Acted out by
 * each unit's staff after the conversion, and by one whose access comes through a folder the office file
 * sits in: Spreadsheet.removeEditor cannot take that away, so the conversion names them and is not done.
 */
import { demoUnits } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn } from '../../src/cli/runtime';
import { NO_DOCUMENT_ACCESS, Workbook, FOLDER_MIME, VirtualClock } from '../../src/stand-in';
import { CLERK, typeRows, unitTable } from '../support/add-on';

const units = demoUnits(2).filter((u) => ['THCS-LTV', 'TDP01', 'TDP02'].includes(u.code));
const staff = (code: string) => units.find((u) => u.code === code)!.emails.split(',')[0];

function sharedBook(folderSharedWith: string | null) {
  const workbook = new Workbook({ owner: CLERK, name: 'Tổng hợp Smart Hải Phòng' });
  const loaded = loadAddOn(workbook, undefined, { clock: new VirtualClock(Date.UTC(2026, 4, 20, 2)) });
  loaded.addOn.initConfig(unitTable(units), { organisation: 'shared' });
  dropBlankSheets(workbook);
  workbook.share(...units.map((u) => u.emails).filter((e) => e !== ''));
  loaded.addOn.setupUnits();
  units.forEach((unit, i) => typeRows(workbook, unit, [[`Nguyễn Văn An ${i}`, 1980 + i, '', 'TDP 1']]));
  if (folderSharedWith) {
    // The clerk keeps the office's file in a Drive folder once shared with a unit "to make it easy".
    const folder = workbook.drive.addFile({ name: 'Báo cáo Smart', mimeType: FOLDER_MIME, owner: CLERK });
    folder.share('reader', folderSharedWith);
    workbook.file.parents = [folder.id];
  }
  const opens = (who: string): unknown => {
    workbook.actAs(who);
    try {
      return loaded.script(`return SpreadsheetApp.openById(${JSON.stringify(workbook.getId())}).getName();`);
    } catch (error) {
      return { error: (error as Error).message };
    } finally {
      workbook.actAs(CLERK);
    }
  };
  const convert = () => {
    const asked = loaded.addOn.splitIntoFiles();
    if (!asked.confirm) throw new Error(asked.message);
    return loaded.addOn.splitIntoFiles({ confirm: asked.confirm.token });
  };
  return { workbook, opens, convert };
}

describe('the old door after Tách thành tệp riêng', () => {
  it('is closed to every unit before success is reported', () => {
    const book = sharedBook(null);
    const staffed = units.filter((u) => u.emails !== '');
    expect(staffed.length).toBe(2);
    for (const unit of staffed) expect(book.opens(staff(unit.code))).toBe(book.workbook.getName());
    const done = book.convert();
    expect(done.ok).toBe(true);
    for (const unit of staffed) expect(book.opens(staff(unit.code))).toEqual({ error: NO_DOCUMENT_ACCESS });
    expect(done.message).toContain('Quyền truy cập chung');
  });

  it('carries a formula over as its text, never its result as typed data', () => {
    const book = sharedBook(null);
    // The school's staff typed one person, then a formula that computes a name, a year and a residence.
    const tab = book.workbook.getRangeByName('TH_UNIT_THCS_LTV')!.getSheet();
    book.workbook.actAs(staff('THCS-LTV'));
    tab.getRange('B9:E9').setValues([['=UPPER("trần văn bê")', '=1980+5', '', '="TDP "&"1"']]);
    book.workbook.actAs(CLERK);
    expect(book.convert().ok).toBe(true);
    const file = book.workbook.drive.file(
      book.workbook
        .sheet('Cấu hình')
        .getDataRange()
        .getValues()
        .find((r) => r[0] === 'THCS-LTV')!
        .find((c) => String(c).includes('docs.google.com'))!
        .toString()
        .split('/d/')[1]
        .split('/')[0]
    )!.workbook!;
    const row = file.getSheets()[0].getRange('B9:E9').getValues()[0];
    expect(row[0]).toBe('=UPPER("trần văn bê")');
    expect(JSON.stringify(row)).not.toContain('TRẦN VĂN BÊ');
  });

  it('is not reported closed while a unit still reaches the file through a shared folder', () => {
    const book = sharedBook(staff('TDP01'));
    const done = book.convert();
    expect(done.ok).toBe(false);
    expect(done.message).toContain('Chưa xong: 1 email đơn vị vẫn mở được tệp này');
    expect(done.message).toContain(staff('TDP01'));
    expect(book.opens(staff('TDP01'))).toBe(book.workbook.getName());
    expect(book.opens(staff('THCS-LTV'))).toEqual({ error: NO_DOCUMENT_ACCESS });
  });
});
