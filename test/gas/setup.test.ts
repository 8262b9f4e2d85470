/** "Thiết lập đơn vị" on the stand-in, through the built bundle. */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { CONFIG } from '../../src/core/layout';
import { CLERK, snapshot, typeRows, unitSheet, unitTable, workbookWithUnits } from '../support/add-on';
import { loadAddOn } from '../../src/cli/runtime';
import { NO_EDIT_ACCESS_MESSAGE, Workbook, type StandInConditionalFormatRule } from '../../src/stand-in';

const PROTECTED = 'You are trying to edit a protected cell or object';

function fortyUnits(): DemoUnit[] {
  return demoUnits(23); // 17 offices, schools and organisations + 23 residential groups
}

describe('Thiết lập đơn vị', () => {
  it('creates the set-up sheet on first use of any menu item', () => {
    const workbook = new Workbook({ owner: CLERK });
    const { addOn, ui } = loadAddOn(workbook);
    const result = addOn.setupUnits();
    expect(result.ok).toBe(true);
    expect(workbook.getSheetByName('Cấu hình')).not.toBeNull();
    expect(ui.alerts.at(-1)?.prompt).toContain('Đã tạo trang "Cấu hình"');
  });

  it('creates one templated sheet per unit for 40 units of mixed types, in tab order', () => {
    const units = fortyUnits();
    expect(units).toHaveLength(40);
    const { workbook, addOn } = workbookWithUnits(units);
    const result = addOn.setupUnits();
    expect(result.ok).toBe(true);
    expect(result.created).toHaveLength(40);
    expect(result.message).toContain('Đã tạo 40 trang đơn vị');
    const tabs = workbook.getSheets().map((s) => s.getName());
    expect(tabs.slice(0, 3)).toEqual(['Cấu hình', 'Tổng hợp', 'Danh sách tổng hợp']);
    expect(tabs.slice(3)).toEqual(
      ['Đảng ủy phường', 'Thường trực HĐND phường', 'Văn phòng HĐND và UBND phường'].concat(tabs.slice(6))
    );
    // The last unit, then the hidden template new unit sheets are copied from.
    expect(tabs.slice(-2)).toEqual(['Tổ dân phố số 23', 'Mẫu trang đơn vị']);
    expect(workbook.sheet('Mẫu trang đơn vị').isSheetHidden()).toBe(true);
    const sheet = unitSheet(workbook, 'THCS-LTV');
    const header = sheet.getRange(1, 1, 7, 6).getValues();
    // Cấu hình's parent body, filled in by type: the ward's committee above a school.
    expect(header[0][0]).toBe('UBND PHƯỜNG HẢI DƯƠNG');
    expect(header[0][3]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(header[1][0]).toBe('TRƯỜNG THCS LÊ THÁNH TÔNG');
    expect(header[1][3]).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(header[4][0]).toContain('thcs-ltv@haiduong.example');
    expect(header[4][0]).toContain('31/05/2026');
    // Under who may type: what the data serve (Cấu hình's "Mục đích thu thập").
    expect(header[4][0]).toContain('\nMục đích thu thập: họ tên, năm sinh, nơi ở');
    // Row 6 holds only the unit's "done" checkbox (G6) and its mirror (F6): no script stamps anything there.
    expect(header[5]).toEqual(['', '', '', '', '', 0]);
    expect(sheet.getRange('G6').getValue()).toBe(false);
    expect(header[6]).toEqual([
      'Stt',
      'Họ và tên',
      'Năm sinh',
      'Cơ quan, đơn vị',
      'Nơi ở hiện nay',
      'Ghi chú',
    ]);
    expect(sheet.getFrozenRows()).toBe(7);
    // Nothing assumed above the police or the Party, and no form placeholder either.
    expect(unitSheet(workbook, 'CA').getRange('A1').getValue()).toBe('');
    expect(unitSheet(workbook, 'DU').getRange('A1').getValue()).toBe('');
    expect(workbook.sheet('Mẫu trang đơn vị').getRange('A1').getValue()).toBe('');
    // Trimmed grid: 1,007 rows × 13 columns, 2.6 M cells for 200 units, far below Google's 10 million.
    expect(sheet.getMaxRows() * sheet.getMaxColumns()).toBeLessThanOrEqual(14_000);
    // The official form's 6 columns, Kiểm tra and its six hidden helpers.
    expect(sheet.getMaxColumns()).toBe(13);
    const rule = sheet.getRange('C8').getDataValidation();
    expect(rule?.getHelpText()).toContain('từ 1900 đến');
    expect(String(rule?.getCriteriaType())).toBe('CUSTOM_FORMULA');
  });

  it('numbers Stt for filled rows, and runs no script when a unit’s staff types', () => {
    const units = demoUnits(1);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const unit = units[0];
    const sheet = unitSheet(workbook, unit.code);
    typeRows(workbook, unit, [['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1']], 9);
    expect(sheet.getRange('A8:A10').getValues()).toEqual([[''], [2], ['']]);
    // No trigger: the bundle exports no onEdit, and nothing is stamped into the unit's sheet.
    expect('onEdit' in addOn).toBe(false);
    expect(sheet.getRange('A6:G6').getValues()).toEqual([['', '', '', '', '', 0, false]]);
  });

  it('protects each sheet for its unit and the clerk, the header block for the clerk only', () => {
    const units = demoUnits(2);
    const { workbook, addOn } = workbookWithUnits(units);
    const result = addOn.setupUnits();
    const school = units.find((u) => u.code === 'THCS-LTV') as DemoUnit;
    const police = units.find((u) => u.code === 'CA') as DemoUnit;
    const sheet = unitSheet(workbook, school.code);
    const typeAs = (email: string, a1: string) => {
      workbook.actAs(email);
      try {
        sheet.getRange(a1).setValue('Nguyễn Văn An');
      } finally {
        workbook.actAs(CLERK);
      }
    };
    expect(() => typeAs(school.emails, 'B8')).not.toThrow();
    expect(() => typeAs(school.emails, 'A4')).toThrow(PROTECTED);
    expect(() => typeAs(school.emails, 'B7')).toThrow(PROTECTED);
    expect(() => typeAs(police.emails, 'B8')).toThrow(PROTECTED);
    expect(() => typeAs(CLERK, 'A4')).not.toThrow();
    // One header protection, rows 1–7 of the form; the Kiểm tra column and its helpers are the office's too.
    expect(() => typeAs(school.emails, 'A6')).toThrow(PROTECTED);
    expect(() => typeAs(school.emails, 'F6')).toThrow(PROTECTED);
    expect(() => typeAs(school.emails, 'G8')).toThrow(PROTECTED);
    expect(() => typeAs(school.emails, 'M500')).toThrow(PROTECTED);
    // The last residential group has no email yet: warning-only, and reported.
    const lonely = units.at(-1) as DemoUnit;
    expect(lonely.emails).toBe('');
    expect(result.unitsWithoutEmail).toEqual([lonely.name]);
    expect(result.message).toContain('chưa có email người nhập');
    // Someone the file is not shared with can write nowhere, not even where a protection would let them.
    expect(() => typeAs('passer.by@example.com', 'B8')).toThrow(NO_EDIT_ACCESS_MESSAGE);
    // Anyone the file is shared with (another unit's staff here) may type in the warning-only sheet.
    const lonelySheet = unitSheet(workbook, lonely.code);
    workbook.actAs(police.emails);
    expect(() => lonelySheet.getRange('B8').setValue('Lê Thị Hoa')).not.toThrow();
    expect(() => lonelySheet.getRange('A4').setValue('x')).toThrow(PROTECTED);
    workbook.actAs(CLERK);
    expect(result.message).toContain('trang mà mọi người có quyền sửa tệp vẫn sửa được');
    expect(result.message).toContain(lonelySheet.getName());
  });

  it('reports unit emails that have no edit access to the file', () => {
    const units = demoUnits(2);
    const { workbook, addOn } = workbookWithUnits(units);
    workbook.setFileEditors([CLERK, 'ca@haiduong.example']);
    const result = addOn.setupUnits();
    expect(result.emailsWithoutAccess).toContain('tdp01@haiduong.example');
    expect(result.emailsWithoutAccess).not.toContain('ca@haiduong.example');
    expect(result.message).toContain('chưa có quyền chỉnh sửa tệp');
  });

  it.each([
    ['a duplicate code', ['TDP01', 'Tổ trùng mã', 'Tổ dân phố', '10', '', '', ''], 'trùng với mã ở dòng'],
    ['a blank code', ['', 'Tổ không mã', 'Tổ dân phố', '10', '', '', ''], 'Mã đơn vị đang để trống'],
    ['a blank name', ['X1', '', 'Khác', '10', '', '', ''], 'Tên đơn vị đang để trống'],
    [
      'a target that is not a whole number',
      ['X2', 'Đơn vị X2', 'Khác', '12,5', '', '', ''],
      'Chỉ tiêu "12,5" không hợp lệ',
    ],
    ['a negative target', ['X3', 'Đơn vị X3', 'Khác', '-1', '', '', ''], 'Chỉ tiêu "-1"'],
    ['a malformed email', ['X4', 'Đơn vị X4', 'Khác', '5', 'ai đó@', '', ''], 'Email không đúng dạng'],
    ['a name too long for a sheet', ['X5', 'Đ'.repeat(101), 'Khác', '5', '', '', ''], 'dài quá 100 ký tự'],
  ])('lists %s with its row and changes nothing', (_case, badRow, message) => {
    const units = demoUnits(2);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const config = workbook.getSheetByName('Cấu hình');
    const badRowNumber = CONFIG.unitsFirstRow + units.length;
    config?.getRange(badRowNumber, 1, 1, 7).setValues([badRow]);
    const before = snapshot(workbook);
    const sheetsBefore = workbook.getSheets().length;
    const result = addOn.setupUnits();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('Chưa có gì bị thay đổi');
    expect(result.message).toContain(`Dòng ${badRowNumber}:`);
    expect(result.message).toContain(message);
    expect(workbook.getSheets()).toHaveLength(sheetsBefore);
    expect(snapshot(workbook)).toEqual(before);
  });

  it('refuses a unit’s staff member, leaving the office as the editors of every sheet', () => {
    const units = demoUnits(1);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const before = snapshot(workbook);
    workbook.actAs(units[0].emails);
    const result = addOn.setupUnits();
    workbook.actAs(CLERK);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('Chỉ bộ phận tổng hợp') });
    expect(snapshot(workbook)).toEqual(before);
  });

  it('is safe to re-run: nothing changes the second time', () => {
    const { workbook, addOn } = workbookWithUnits(demoUnits(4));
    addOn.setupUnits();
    const before = snapshot(workbook);
    workbook.resetCalls();
    const again = addOn.setupUnits();
    expect(again.created).toEqual([]);
    expect(again.refreshed).toEqual([]);
    expect(again.kept).toHaveLength(21);
    expect(snapshot(workbook)).toEqual(before);
    expect(workbook.calls.writes).toBe(0);
  });

  it('still recognises a renamed unit tab, refreshes a renamed unit, and never touches data rows', () => {
    const units = demoUnits(3);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const tdp2 = units.find((u) => u.code === 'TDP02') as DemoUnit;
    typeRows(workbook, tdp2, [['Trần Thị Bình', 1975, '', 'TDP 2']]);
    const sheet = unitSheet(workbook, 'TDP02');
    sheet.setName('Tổ 2 (đã đổi tên)');
    // The clerk renames the unit on the set-up sheet.
    const config = workbook.getSheetByName('Cấu hình');
    const row = CONFIG.unitsFirstRow + units.indexOf(tdp2);
    config?.getRange(row, 2).setValue('Tổ dân phố số 2 - khu Bắc');
    const dataBefore = sheet.getRange('A8:F20').getValues();
    const result = addOn.setupUnits();
    expect(result.created).toEqual([]);
    expect(result.refreshed).toEqual(['Tổ dân phố số 2 - khu Bắc']);
    expect(sheet.getName()).toBe('Tổ 2 (đã đổi tên)');
    expect(sheet.getRange('A2').getValue()).toBe('TỔ DÂN PHỐ SỐ 2 - KHU BẮC');
    expect(sheet.getRange('A8:F20').getValues()).toEqual(dataBefore);
  });

  it('keeps the sheet of a unit removed from the table, and says so', () => {
    const units = demoUnits(2);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const config = workbook.getSheetByName('Cấu hình');
    const last = CONFIG.unitsFirstRow + units.length - 1;
    config?.getRange(last, 1, 1, 7).setValues([['', '', '', '', '', '', '']]);
    const result = addOn.setupUnits();
    expect(result.orphanSheets).toEqual(['Tổ dân phố số 2']);
    expect(result.message).toContain('được giữ nguyên, không xóa');
    expect(workbook.getSheetByName('Tổ dân phố số 2')).not.toBeNull();
  });

  it('handles a unit name with an apostrophe and full Vietnamese diacritics in formulas', () => {
    const units: DemoUnit[] = [
      {
        code: 'TDP-HB',
        name: "Tổ dân phố 'Hoà Bình' - Ấp Đông Ưng",
        type: 'Tổ dân phố',
        target: 3,
        emails: 'hb@haiduong.example',
        manager: '',
        phone: '',
      },
    ];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, 'TDP-HB');
    expect(sheet.getName()).toBe(units[0].name.slice(0, 31));
    typeRows(workbook, units[0], [['Phạm Thị Ưng', 1990, '', "Tổ dân phố 'Hoà Bình'"]]);
    const probe = workbook.getSheetByName('Cấu hình')?.getRange('H1');
    probe?.setValue(`='${sheet.getName().replace(/'/g, "''")}'!B8`);
    expect(probe?.getValue()).toBe('Phạm Thị Ưng');
    const run = addOn.consolidate();
    expect(run.units[0]).toMatchObject({ sheet: sheet.getName(), valid: 1 });
  });

  it('reads units from the table as typed, including the CSV columns written by init', () => {
    const { workbook } = workbookWithUnits(demoUnits(1));
    const table = workbook.getSheetByName('Cấu hình')?.getRange(CONFIG.unitsFirstRow, 1, 1, 7).getValues();
    expect(table?.[0]).toEqual(
      unitTable(demoUnits(1)).map((r) => [r[0], r[1], r[2], Number(r[3]), r[4], r[5], r[6]])[0]
    );
  });
});

describe('new unit sheets copied from the hidden template', () => {
  it('look as if made cell by cell, are shown, carry only their own tags, and the template stays the office’s', () => {
    const units = demoUnits(2).slice(0, 3);
    const { workbook, addOn } = workbookWithUnits(units);
    const result = addOn.setupUnits();
    expect(result.ok).toBe(true);
    const template = workbook.sheet('Mẫu trang đơn vị');
    expect(template.isSheetHidden()).toBe(true);
    // Last tab, after the units; the clerk's tabs first.
    expect(workbook.getSheets().at(-1)?.getName()).toBe('Mẫu trang đơn vị');
    for (const unit of units) {
      const sheet = workbook.sheet(unitSheet(workbook, unit.code).getName());
      expect(sheet.isSheetHidden()).toBe(false);
      // Its own header over the template's blanks.
      expect(sheet.getRange('A2').getValue()).toBe(unit.name.toLocaleUpperCase('vi'));
      expect(sheet.getRange('A5').getValue()).toContain(unit.emails.split(',')[0]);
      expect(sheet.getRange('G7').getValue()).toBe('Kiểm tra');
      // What the copy carries: formulas, merges, widths, frozen rows, validation, colours of Kiểm tra.
      expect(sheet.getRange('A8').getFormulas()[0][0]).toBe(template.getRange('A8').getFormulas()[0][0]);
      expect(sheet.getRange('A8').getFormulas()[0][0]).not.toBe('');
      expect(sheet.mergedRanges().map((r) => r.getA1Notation())).toEqual(
        template.mergedRanges().map((r) => r.getA1Notation())
      );
      // Rows 1 and 2 in two halves, rows 4 and 5 (who may type, then the notice) across the form.
      expect(sheet.mergedRanges()).toHaveLength(6);
      expect([1, 2, 3, 4, 5, 6, 7].map((c) => sheet.getColumnWidth(c))).toEqual([
        45, 200, 80, 200, 230, 140, 250,
      ]);
      expect(sheet.getFrozenRows()).toBe(7);
      expect(sheet.getMaxRows()).toBe(1007);
      expect(sheet.getRange('C8').getDataValidation()?.getHelpText()).toContain('từ 1900 đến');
      expect(sheet.styleAt(4, 1)).toEqual(template.styleAt(4, 1));
      expect(sheet.styleAt(4, 1).fontWeight).toBe('bold');
      // No stamp above Kiểm tra any more (no script writes one), the unit's "done" checkbox instead; its
      // formulas come with the copy.
      expect(sheet.getRange('G6').getValue()).toBe(false);
      expect(sheet.getRange('G7').getFormulas()[0][0]).toMatch(/^=ARRAYFORMULA\(/);
      const colours = sheet.getConditionalFormatRules() as StandInConditionalFormatRule[];
      expect(colours).toHaveLength(3);
      for (const rule of colours) expect(rule.rangesA1()).toEqual([`${sheet.getName()}!G8:G1007`]);
      // Its own tags only, and its own protections (a copy carries none of the template's).
      expect(sheet.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([
        ['tonghop.unit', unit.code],
      ]);
      // The header block, and the Kiểm tra column with its hidden helpers.
      expect(sheet.getProtections('RANGE' as never).map((p) => p.getRange().getA1Notation())).toEqual([
        'A1:F7',
        'G7:M1007',
      ]);
    }
    // A unit's staff member can change neither the template nor, through it, the next unit sheet.
    const staff = units.find((u) => u.emails !== '')!.emails.split(',')[0];
    workbook.actAs(staff);
    expect(() => template.getRange('A8').setValue('x')).toThrow(PROTECTED);
    workbook.actAs(CLERK);
    // A re-run makes no second template and no new tab.
    const tabs = workbook.getSheets().map((s) => s.getName());
    expect(addOn.setupUnits().ok).toBe(true);
    expect(workbook.getSheets().map((s) => s.getName())).toEqual(tabs);
  });
});
