/**
 * Protection: protected sheets and ranges, as the clerk (owner), an office colleague (a file editor, on or
 * off a protection's list), a unit's staff member and someone with no access, under Google's documented
 * rules (the protection mirrors the file's sharing until its editor list changes; the owner and the
 * current user stay on it; warning-only protections block no script).
 */
import {
  createServices,
  NO_EDIT_ACCESS_MESSAGE,
  PROTECTED_MESSAGE,
  Workbook,
  type WorkbookOptions,
} from '../../src/stand-in';
import { EDITOR, office, OWNER, refusal, STRANGER, VIEWER } from './people';

function fresh(opts: WorkbookOptions = {}) {
  const workbook = new Workbook({ owner: OWNER, ...opts });
  const services = createServices(workbook);
  return { workbook, sheet: workbook.getSheets()[0], ...services };
}

describe('protections', () => {
  const emails = (p: { getEditors(): { getEmail(): string }[] }) => p.getEditors().map((u) => u.getEmail());

  function protectedSheet() {
    const env = fresh({ owner: OWNER });
    env.workbook.share('unit1@example.com', 'stranger@example.com');
    const unit = env.workbook.insertSheet('Đơn vị 1', 1);
    const p = unit.protect().setDescription('Đơn vị 1');
    p.removeEditors(emails(p));
    p.addEditors(['unit1@example.com']);
    return { ...env, unit, p };
  }

  it('blocks a non-editor and lets editors and the owner write', () => {
    const { workbook, unit, p } = protectedSheet();
    expect(emails(p)).toEqual([OWNER, 'unit1@example.com']);
    workbook.actAs('stranger@example.com');
    expect(() => unit.getRange('A1').setValue('x')).toThrow(PROTECTED_MESSAGE);
    expect(() => unit.getRange('A1').setBackground('#ff0000')).toThrow(PROTECTED_MESSAGE);
    expect(() => unit.setName('Khác')).toThrow(PROTECTED_MESSAGE);
    expect(() => unit.insertRowsAfter(1, 1)).toThrow(PROTECTED_MESSAGE);
    expect(p.canEdit()).toBe(false);
    expect(() => p.addEditors(['stranger@example.com'])).toThrow(PROTECTED_MESSAGE);
    workbook.actAs('unit1@example.com');
    unit.getRange('A1').setValue('x');
    expect(p.canEdit()).toBe(true);
    workbook.actAs(OWNER);
    unit.getRange('A2').setValue('y');
  });

  it('mirrors the file’s sharing until the editor list is changed, as Google documents', () => {
    const { workbook, sheet } = fresh();
    workbook.share('clerk@example.com');
    const p = sheet.protect();
    // "The permissions will mirror those of the spreadsheet itself": every file editor may edit.
    expect(emails(p)).toEqual([OWNER, 'clerk@example.com']);
    workbook.actAs('clerk@example.com');
    sheet.getRange('A1').setValue('x');
    expect(p.canEdit()).toBe(true);
    workbook.actAs(OWNER);
    // Someone the file is shared with later is let in too, and listed.
    workbook.share('late@example.com');
    expect(emails(p)).toEqual([OWNER, 'clerk@example.com', 'late@example.com']);
    workbook.actAs('late@example.com');
    sheet.getRange('A2').setValue('y');
    workbook.actAs(OWNER);
    // Calls that change nothing do not end the mirroring: an empty list, the same domain setting.
    p.addEditors([]).removeEditors([]).setDomainEdit(false);
    workbook.actAs('late@example.com');
    sheet.getRange('A3').setValue('z');
    workbook.actAs(OWNER);
    // Google's sample: remove every listed editor; the owner and the runner stay.
    p.removeEditors(emails(p));
    expect(emails(p)).toEqual([OWNER]);
    workbook.actAs('late@example.com');
    expect(() => sheet.getRange('A4').setValue('w')).toThrow(PROTECTED_MESSAGE);
    workbook.actAs(OWNER);
  });

  it('ends the mirroring even in a file shared with nobody, so that sharing later changes nothing', () => {
    const { workbook, sheet } = fresh();
    const p = sheet.getRange('A1:B2').protect();
    p.removeEditors(emails(p));
    expect(emails(p)).toEqual([OWNER]);
    workbook.share('clerk@example.com');
    workbook.actAs('clerk@example.com');
    expect(() => sheet.getRange('B2').setValue('x')).toThrow(PROTECTED_MESSAGE);
    sheet.getRange('C3').setValue('x');
  });

  it('lets nobody without edit access to the file write anything, protected or not', () => {
    const { workbook, sheet } = fresh();
    const p = sheet.getRange('A1').protect().addEditors(['unit1@example.com']);
    workbook.actAs('unit1@example.com');
    expect(() => sheet.getRange('A1').setValue('x')).toThrow(NO_EDIT_ACCESS_MESSAGE);
    expect(() => sheet.getRange('Z9').setValue('x')).toThrow(NO_EDIT_ACCESS_MESSAGE);
    expect(() => workbook.insertSheet('Mới', 0)).toThrow(NO_EDIT_ACCESS_MESSAGE);
    expect(sheet.getRange('A1').getValue()).toBe('');
    workbook.actAs(OWNER);
    workbook.share('unit1@example.com');
    workbook.actAs('unit1@example.com');
    sheet.getRange('A1').setValue('x');
    expect(p.canEdit()).toBe(true);
    workbook.actAs(OWNER);
  });

  it('covers only the protected range, and warning-only protections never block scripts', () => {
    const { workbook, sheet } = fresh();
    workbook.share('clerk@example.com');
    const header = sheet.getRange('A1:E1').protect();
    header.removeEditors(['clerk@example.com']);
    workbook.actAs('clerk@example.com');
    expect(() => sheet.getRange('A1:A2').setValues([['x'], ['y']])).toThrow(PROTECTED_MESSAGE);
    sheet.getRange('A2').setValue('y');
    workbook.actAs(OWNER);
    header.setWarningOnly(true);
    workbook.actAs('clerk@example.com');
    sheet.getRange('A1').setValue('x');
    expect(sheet.getProtections('RANGE' as never)).toHaveLength(1);
  });

  it('keeps the creator and the owner as editors once the list is changed', () => {
    const { workbook, sheet } = fresh();
    workbook.share('clerk@example.com', 'unit1@example.com');
    workbook.actAs('clerk@example.com');
    const p = sheet.getRange('A1').protect();
    expect(emails(p)).toEqual([OWNER, 'clerk@example.com', 'unit1@example.com']);
    p.removeEditors(emails(p));
    expect(emails(p)).toEqual([OWNER, 'clerk@example.com']);
    expect(p.canDomainEdit()).toBe(false);
  });
});

describe('who may change a protection', () => {
  /** A range protection on the header row, with the colleague taken off its list. */
  function header() {
    const env = office();
    const p = env.sheet.getRange('A1:E1').protect().setDescription('Tiêu đề');
    p.removeEditors([EDITOR]);
    return { ...env, p };
  }

  it('the colleague off the list may not describe, widen, ask about the domain or remove it', () => {
    const { sheet, p, as } = header();
    expect(as(EDITOR, () => refusal(() => p.setDescription('Của tôi')))).toBe(PROTECTED_MESSAGE);
    expect(as(EDITOR, () => refusal(() => p.addEditors([EDITOR])))).toBe(PROTECTED_MESSAGE);
    expect(as(EDITOR, () => refusal(() => p.canDomainEdit()))).toBe(PROTECTED_MESSAGE);
    expect(as(EDITOR, () => refusal(() => p.remove()))).toBe(PROTECTED_MESSAGE);
    expect(as(EDITOR, () => p.canEdit())).toBe(false);
    expect(p.getDescription()).toBe('Tiêu đề');
    expect(sheet.getProtections('RANGE' as never)).toEqual([p]);
  });

  it('once the owner removes it, it is gone for good and the colleague writes there', () => {
    const { sheet, p, as } = header();
    p.remove();
    expect(sheet.getProtections('RANGE' as never)).toEqual([]);
    expect(refusal(() => p.setDescription('lại'))).toBe('This protection has been removed.');
    as(EDITOR, () => sheet.getRange('A1').setValue('Họ tên'));
    expect(sheet.getRange('A1').getValue()).toBe('Họ tên');
  });

  it('an editor on the list cannot take herself or the owner off it', () => {
    const { workbook, sheet, as } = office();
    const p = sheet.protect();
    p.removeEditors(p.getEditors().map((u) => u.getEmail()));
    p.addEditors([EDITOR]);
    as(EDITOR, () => p.removeEditors([EDITOR, OWNER]));
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, EDITOR.toLowerCase()]);
    expect(as(EDITOR, () => p.canEdit())).toBe(true);
    expect(refusal(() => p.addEditors(['không phải email']))).toBe('Invalid email: không phải email');
    expect(workbook.getEditors()).toHaveLength(2);
  });

  it('the viewer cannot protect anything; a second Sheet.protect() is the first one', () => {
    const { sheet, as } = office();
    expect(as(VIEWER, () => refusal(() => sheet.protect()))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(as(VIEWER, () => refusal(() => sheet.getRange('A1').protect()))).toBe(NO_EDIT_ACCESS_MESSAGE);
    const p = sheet.protect();
    expect(sheet.protect()).toBe(p);
    expect(sheet.getProtections('SHEET' as never)).toHaveLength(1);
  });
});

describe('the domain and the grid', () => {
  it('setDomainEdit lets in the owner’s Workspace domain, and nobody from outside it', () => {
    const { workbook, sheet, as } = office();
    workbook.share(STRANGER);
    const p = sheet.protect();
    p.removeEditors([EDITOR, STRANGER]);
    expect(as(EDITOR, () => refusal(() => sheet.getRange('A1').setValue('x')))).toBe(PROTECTED_MESSAGE);
    p.setDomainEdit(true);
    expect(p.canDomainEdit()).toBe(true);
    as(EDITOR, () => sheet.getRange('A1').setValue('x'));
    expect(as(STRANGER, () => refusal(() => sheet.getRange('A2').setValue('y')))).toBe(PROTECTED_MESSAGE);
  });

  it('means nothing for a consumer (gmail.com) owner', () => {
    const workbook = new Workbook({ owner: 'van.thu@gmail.com' });
    workbook.share('ke.toan@gmail.com');
    const sheet = workbook.getSheets()[0];
    const p = sheet.protect();
    p.removeEditors(['ke.toan@gmail.com']).setDomainEdit(true);
    expect(p.canDomainEdit()).toBe(false);
    workbook.actAs('ke.toan@gmail.com');
    expect(refusal(() => sheet.getRange('A1').setValue('x'))).toBe(PROTECTED_MESSAGE);
  });

  it('a range protection moves with rows inserted above it and goes with its rows deleted', () => {
    const { sheet } = office();
    const p = sheet.getRange('A3:C4').protect();
    sheet.insertRowsAfter(1, 2);
    const moved = p.getRange();
    expect([moved.getRow(), moved.getColumn(), moved.getNumRows(), moved.getNumColumns()]).toEqual([
      5, 1, 2, 3,
    ]);
    sheet.deleteRows(5, 2);
    expect(sheet.getProtections('RANGE' as never)).toEqual([]);
  });
});
