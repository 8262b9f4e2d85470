/**
 * Spreadsheet: its sharing through SpreadsheetApp (addEditor, addViewer, removeEditor, removeViewer), its
 * sheets, its locale and time zone, as the clerk (owner), an office colleague (editor), the ward leader
 * (viewer) and people it is not shared with.
 */
import { NO_EDIT_ACCESS_MESSAGE, NO_SHARING_MESSAGE, Workbook } from '../../src/stand-in';
import { EDITOR, office, OWNER, refusal, STRANGER, VIEWER } from './people';

const NEW_STAFF = 'tdp05@phuong.example';
const emails = (users: { getEmail(): string }[]) => users.map((u) => u.getEmail());

describe('sharing the spreadsheet', () => {
  it('lists the owner first among editors, and editors among viewers', () => {
    const { workbook } = office();
    expect(workbook.getOwner()?.getEmail()).toBe(OWNER);
    expect(emails(workbook.getEditors())).toEqual([OWNER, EDITOR]);
    expect(emails(workbook.getViewers())).toEqual([OWNER, EDITOR, VIEWER]);
  });

  it('the owner adds an editor, and Google sends its standard invitation in her name', () => {
    const { workbook } = office();
    workbook.addEditor(NEW_STAFF);
    expect(emails(workbook.getEditors())).toContain(NEW_STAFF);
    expect(workbook.drive.notifications).toEqual([
      { fileId: workbook.getId(), to: NEW_STAFF, from: OWNER, role: 'writer', message: null },
    ]);
    // Adding an editor as a viewer demotes nobody and sends nothing.
    workbook.addViewer(NEW_STAFF);
    expect(emails(workbook.getEditors())).toContain(NEW_STAFF);
    expect(workbook.drive.notifications).toHaveLength(1);
  });

  it('an editor may share while editors may share, and not once the owner turns it off', () => {
    const { workbook, as } = office();
    as(EDITOR, () => workbook.addViewer(NEW_STAFF));
    expect(workbook.drive.notifications.at(-1)).toMatchObject({
      to: NEW_STAFF,
      from: EDITOR,
      role: 'reader',
    });
    workbook.file.writersCanShare = false;
    expect(as(EDITOR, () => refusal(() => workbook.addEditor(STRANGER)))).toBe(NO_SHARING_MESSAGE);
    expect(as(EDITOR, () => refusal(() => workbook.removeViewer(NEW_STAFF)))).toBe(NO_SHARING_MESSAGE);
    expect(emails(workbook.getViewers())).toContain(NEW_STAFF);
    expect(emails(workbook.getViewers())).not.toContain(STRANGER);
    // The owner still may.
    workbook.addEditor(STRANGER);
    expect(emails(workbook.getEditors())).toContain(STRANGER);
  });

  it('the viewer and a stranger may share nothing', () => {
    const { workbook, as } = office();
    expect(as(VIEWER, () => refusal(() => workbook.addViewer(NEW_STAFF)))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(as(STRANGER, () => refusal(() => workbook.addEditors([STRANGER])))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(workbook.drive.notifications).toEqual([]);
  });

  it('refuses an address that is not one, or has no Google account, naming it', () => {
    const { workbook } = office();
    expect(refusal(() => workbook.addEditor('tdp05 phuong.example'))).toBe(
      'Invalid email: tdp05 phuong.example'
    );
    workbook.drive.markWithoutGoogleAccount('khong.co@example.com');
    expect(refusal(() => workbook.addViewers(['ok@example.com', 'khong.co@example.com']))).toBe(
      'Invalid email: khong.co@example.com'
    );
    // All or nothing: the good address of the refused call was not added either.
    expect(emails(workbook.getViewers())).not.toContain('ok@example.com');
  });

  it('removeEditor takes a viewer’s access too, but never the owner’s; removeViewer leaves an editor be', () => {
    const { workbook, as } = office();
    expect(refusal(() => workbook.removeEditor(OWNER))).toBe('The owner of a spreadsheet cannot be removed.');
    workbook.removeViewer(EDITOR);
    expect(emails(workbook.getEditors())).toContain(EDITOR);
    workbook.removeEditor(VIEWER);
    expect(emails(workbook.getViewers())).not.toContain(VIEWER);
    expect(workbook.file.canView(VIEWER)).toBe(false);
    // An editor may remove another while editors may share.
    workbook.addEditor(NEW_STAFF);
    as(EDITOR, () => workbook.removeEditor(NEW_STAFF));
    expect(emails(workbook.getEditors())).toEqual([OWNER, EDITOR]);
  });
});

describe('sheets of a spreadsheet', () => {
  it('inserts at an index, from a template of its own only', () => {
    const { workbook, sheet } = office();
    sheet.getRange('A1').setValue('Mẫu').setBackground('#d9ead3');
    const copy = workbook.insertSheet('Đơn vị 1', 0, { template: sheet });
    expect(workbook.getSheets().map((s) => s.getName())).toEqual(['Đơn vị 1', 'Trang tính1']);
    expect([copy.getRange('A1').getValue(), copy.getRange('A1').getBackground()]).toEqual(['Mẫu', '#d9ead3']);
    expect(workbook.getActiveSheet()).toBe(copy);
    const elsewhere = new Workbook().getSheets()[0];
    expect(refusal(() => workbook.insertSheet('Lạ', 1, { template: elsewhere }))).toBe(
      'Invalid argument: template'
    );
    expect(refusal(() => workbook.insertSheet('Âm', -1))).toBe('Invalid argument: sheetIndex');
  });

  it('has no active range until one is activated, and moves the active sheet', () => {
    const { workbook } = office();
    const unit = workbook.insertSheet('Đơn vị 1', 1);
    expect(workbook.getActiveRange()).toBeNull();
    unit.getRange('B3:C4').activate();
    expect(workbook.getActiveRange()?.getA1Notation()).toBe('B3:C4');
    workbook.setActiveSheet(workbook.getSheets()[0]);
    expect(workbook.getActiveRange()).toBeNull();
    workbook.setActiveSheet(unit);
    workbook.moveActiveSheet(1);
    expect(workbook.getSheets()[0]).toBe(unit);
    expect(refusal(() => workbook.moveActiveSheet(3))).toBe('Invalid argument: pos');
  });
});

describe('locale and time zone', () => {
  it('a locale change shows the formulas in the new syntax, with the same results', () => {
    const { workbook, sheet } = office();
    sheet.getRange('A1:D1').setValues([[1, 2, '=SUM(A1;B1)', '=IF(A1>0;1,5;2)']]);
    workbook.setSpreadsheetLocale('en_US');
    expect(workbook.getSpreadsheetLocale()).toBe('en_US');
    expect(sheet.getRange('C1:D1').getFormulas()).toEqual([['=SUM(A1,B1)', '=IF(A1>0,1.5,2)']]);
    expect(sheet.getRange('C1:D1').getValues()).toEqual([[3, 1.5]]);
  });

  it('a time zone change keeps each date’s wall clock', () => {
    const { workbook, sheet } = office();
    sheet.getRange('A1').setValue('05/03/2024 08:30');
    workbook.setSpreadsheetTimeZone('Europe/London');
    expect(sheet.getRange('A1').getDisplayValues()).toEqual([['05/03/2024 08:30:00']]);
    expect((sheet.getRange('A1').getValue() as Date).toISOString()).toBe('2024-03-05T08:30:00.000Z');
  });

  it('only someone who may edit changes them', () => {
    const { workbook, as } = office();
    expect(as(VIEWER, () => refusal(() => workbook.setSpreadsheetLocale('en_US')))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    expect(as(VIEWER, () => refusal(() => workbook.setSpreadsheetTimeZone('UTC')))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    as(EDITOR, () => workbook.setSpreadsheetTimeZone('Asia/Bangkok'));
    expect([workbook.getSpreadsheetLocale(), workbook.getSpreadsheetTimeZone()]).toEqual([
      'vi_VN',
      'Asia/Bangkok',
    ]);
  });
});
