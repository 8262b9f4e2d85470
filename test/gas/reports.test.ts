/** "Xuất báo cáo đơn vị" and "Báo cáo phường" on the stand-in, through the built bundle. */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { type Workbook, type StandInSheet, formatJavaDate } from '../../src/stand-in';
import { CLERK, snapshot, typeRows, unitSheet, workbookWithUnits } from '../support/add-on';

function setUp(units: DemoUnit[] = demoUnits(3)) {
  const env = workbookWithUnits(units);
  expect(env.addOn.setupUnits().ok).toBe(true);
  const unit = (code: string) => units.find((u) => u.code === code) as DemoUnit;
  const reports = env.addOn;
  return { ...env, units, unit, reports };
}

function reportSheet(workbook: Workbook, name: string): StandInSheet {
  return workbook.sheet(name);
}

function lines(sheet: StandInSheet): string[][] {
  return sheet.getDataRange().getDisplayValues();
}

/** A body paragraph's first-line indent in the sheet: eleven no-break spaces. */
const INDENT = '\u00a0'.repeat(11);

const todayText = () => {
  const [day, month, year] = formatJavaDate(new Date(), 'Asia/Ho_Chi_Minh', 'd/M/yyyy')
    .split('/')
    .map(Number);
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `Hải Dương, ngày ${dd} tháng ${mm} năm ${year}`;
};

describe('Xuất báo cáo đơn vị', () => {
  it('writes the Mẫu báo cáo with the unit’s valid rows and figures', () => {
    const { workbook, reports, unit, ui } = setUp();
    typeRows(workbook, unit('THCS-LTV'), [
      ['nguyễn thị  hường', 1985, '', 'Số 5 Trần Hưng Đạo'],
      ['Đặng Văn Ngữ', 85, '', 'TDP 2'], // an error: not in the report
      // Typed with Sheets' apostrophe, as a clerk must to keep such text as text in the unit sheet.
      ['Lê Thị Ỷ', 1990, 'Công ty Điện lực', "'+84 phố Ẫn"],
      ['Phạm Thị Ẫn', 1970, '', "'=1+1"],
    ]);
    const result = reports.exportUnitReport('THCS-LTV');
    expect(result).toMatchObject({
      ok: true,
      sheet: 'Báo cáo - Trường THCS Lê Thánh', // safeTabName: ≤ 31 characters
      unit: 'THCS-LTV',
      valid: 3,
      skipped: 1,
    });
    expect(ui.alerts.at(-1)?.prompt).toBe(result.message);
    const sheet = reportSheet(workbook, result.sheet);
    const text = lines(sheet);
    expect(text[0].slice(0, 4)).toEqual([
      'UBND PHƯỜNG HẢI DƯƠNG',
      '',
      '',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ]);
    expect(text[1][0]).toBe('TRƯỜNG THCS LÊ THÁNH TÔNG');
    expect(text[1][3]).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(text[3][3]).toBe(todayText());
    expect(text[2][0]).toMatch(/^─+$/);
    expect(text[2][3]).toMatch(/^─+$/);
    expect(text[5][0]).toBe('BÁO CÁO');
    expect(text[6][0]).toBe('Về việc cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng)');
    expect(text[7][0]).toMatch(/^─+$/);
    expect(text[8][0]).toBe('Kính gửi: Ủy ban nhân dân phường Hải Dương');
    // No dispatch number on Cấu hình yet: cited without one, never with the form's "…".
    expect(text[10][0]).toBe(
      INDENT +
        'Thực hiện Công văn của Ủy ban nhân dân phường Hải Dương về việc tuyên truyền cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng).'
    );
    const target = unit('THCS-LTV').target;
    const percent = `${(Math.round((3 / target) * 1000) / 10).toFixed(1).replace('.', ',')}%`;
    expect(text[11][0]).toBe(
      INDENT +
        'Trường THCS Lê Thánh Tông đã tích cực triển khai cài đặt và sử dụng ứng dụng Công dân số (Smart Hải Phòng), kết quả cụ thể như sau:'
    );
    expect(text[12][0]).toBe(
      `${INDENT}Tổng số 3 người đã cài đặt và đăng nhập (chỉ tiêu ${target} người, đạt ${percent}). Danh sách cụ thể:`
    );
    expect(text.slice(14, 18)).toEqual([
      ['Stt', 'Họ và tên', 'Năm sinh', 'Cơ quan, đơn vị', 'Nơi ở hiện nay'],
      ['1', 'Nguyễn Thị Hường', '1985', 'Trường THCS Lê Thánh Tông', 'Số 5 Trần Hưng Đạo'],
      ['2', 'Lê Thị Ỷ', '1990', 'Công ty Điện lực', '+84 phố Ẫn'],
      ['3', 'Phạm Thị Ẫn', '1970', 'Trường THCS Lê Thánh Tông', '=1+1'],
    ]);
    expect(text.slice(19).map((row) => [row[0], row[3]])).toEqual([
      ['Nơi nhận:', 'HIỆU TRƯỞNG'],
      ['- Như trên;', '(Ký tên, đóng dấu)'],
      ['- Lưu: VT.', ''],
    ]);
    // Nothing typed became a formula or a number.
    expect(
      sheet
        .getDataRange()
        .getFormulas()
        .flat()
        .filter((f) => f !== '')
    ).toEqual([]);
    expect(sheet.getRange('E17').getValue()).toBe('+84 phố Ẫn');
  });

  it('formats the sheet for printing: Times New Roman, bold, merges, widths, frozen header', () => {
    const { workbook, reports, unit } = setUp();
    typeRows(workbook, unit('TDP01'), [['Nguyễn Văn An', 1980, '', 'TDP 1']]);
    const sheet = reportSheet(workbook, reports.exportUnitReport('TDP01').sheet);
    expect(sheet.getFrozenRows()).toBe(15);
    expect(sheet.getMaxRows()).toBe(sheet.getLastRow());
    expect(sheet.getMaxColumns()).toBe(5);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getColumnWidth(c))).toEqual([40, 160, 70, 150, 200]);
    expect(sheet.mergedRanges().map((r) => r.getA1Notation())).toEqual(
      expect.arrayContaining([
        'A1:C1',
        'D1:E1',
        'A2:C2',
        'D2:E2',
        'A4:C4',
        'D4:E4',
        'A3:C3',
        'D3:E3',
        'A6:E6',
        'A7:E7',
        'A8:E8',
        'A11:E11',
        'A12:E12',
        'A13:E13',
      ])
    );
    expect(sheet.styleAt(1, 1)).toMatchObject({
      fontFamily: 'Times New Roman',
      horizontalAlignment: 'center',
    });
    expect(sheet.styleAt(1, 1).fontWeight).toBeUndefined();
    expect(sheet.styleAt(2, 1).fontWeight).toBe('bold');
    expect(sheet.styleAt(1, 4).fontWeight).toBe('bold');
    expect(sheet.styleAt(4, 4).fontStyle).toBe('italic');
    expect(sheet.styleAt(6, 1)).toMatchObject({ fontWeight: 'bold', fontSize: 14 });
    // The rules: small, centred, at the top of the row under their text.
    expect(sheet.styleAt(3, 4)).toMatchObject({
      fontSize: 8,
      horizontalAlignment: 'center',
      verticalAlignment: 'top',
    });
    // Body paragraphs: wrapped, left-aligned (Sheets cannot justify), indented with no-break spaces.
    expect(sheet.styleAt(11, 1)).toMatchObject({ wrap: true, horizontalAlignment: 'left' });
    expect(sheet.styleAt(15, 2)).toMatchObject({ fontWeight: 'bold', horizontalAlignment: 'center' });
    expect(sheet.styleAt(16, 2).fontWeight).toBeUndefined();
    expect(sheet.styleAt(18, 1)).toMatchObject({ fontWeight: 'bold', fontStyle: 'italic' }); // Nơi nhận:
    expect(sheet.borders).toEqual([expect.objectContaining({ rect: { r1: 15, c1: 1, r2: 16, c2: 5 } })]);
  });

  it('refreshes the same sheet on every run, even renamed, and never touches unit sheets', () => {
    const { workbook, reports, unit, units } = setUp();
    typeRows(workbook, unit('TDP01'), [
      ['Nguyễn Văn An', 1980, '', 'TDP 1'],
      ['Trần Thị Bình', 1982, '', 'TDP 1'],
    ]);
    const unitNames = units.map((u) => unitSheet(workbook, u.code).getName());
    const before = snapshot(workbook, unitNames);
    const first = reports.exportUnitReport('TDP01');
    const sheetCount = workbook.getSheets().length;
    reportSheet(workbook, first.sheet).setName('BC tổ 1');
    typeRows(workbook, unit('TDP01'), [['Lê Văn Cường', 1990, '', 'TDP 1']], 10);
    const second = reports.exportUnitReport('TDP01');
    expect(second.sheet).toBe('BC tổ 1');
    expect(workbook.getSheets()).toHaveLength(sheetCount);
    const text = lines(reportSheet(workbook, 'BC tổ 1'));
    expect(text.slice(15, 18).map((row) => row[1])).toEqual([
      'Nguyễn Văn An',
      'Trần Thị Bình',
      'Lê Văn Cường',
    ]);
    expect(text.filter((row) => row[0] === 'Nơi nhận:')).toHaveLength(1);
    expect(snapshot(workbook, unitNames).filter((s) => s.name !== 'Tổ dân phố số 1')).toEqual(
      before.filter((s) => s.name !== 'Tổ dân phố số 1')
    );
    // A shorter list leaves no trace of the longer one.
    workbook.actAs(CLERK);
    unitSheet(workbook, 'TDP01').getRange('B8:E10').clearContent();
    const third = reports.exportUnitReport('TDP01');
    expect(third.valid).toBe(0);
    const after = lines(reportSheet(workbook, 'BC tổ 1'));
    expect(after[15][0]).toBe('Chưa có người nào trong danh sách hợp lệ của đơn vị.');
    expect(after.flat()).not.toContain('Nguyễn Văn An');
    expect(
      reportSheet(workbook, 'BC tổ 1')
        .mergedRanges()
        .map((r) => r.getA1Notation())
    ).toContain('A16:E16');
  });

  it('writes in a few calls, whatever the number of rows', () => {
    const writes = (rows: number) => {
      const { workbook, reports, unit } = setUp();
      typeRows(
        workbook,
        unit('TDP01'),
        Array.from({ length: rows }, (_, i) => [
          `Nguyễn Văn Số${'ABCDEFGHIJ'[i % 10]}`,
          1950 + (i % 50),
          '',
          `Nhà ${i + 1}, TDP 1`,
        ])
      );
      workbook.resetCalls();
      reports.exportUnitReport('TDP01');
      return workbook.calls;
    };
    const few = writes(3);
    const many = writes(400);
    expect(many).toEqual(few);
    expect(few.writes).toBeLessThan(100);
    expect(few.reads).toBeLessThanOrEqual(3);
  });

  it('counts a person also reported by another unit for the unit itself', () => {
    const { workbook, reports, unit } = setUp();
    typeRows(workbook, unit('THCS-LTV'), [['Nguyễn Thị Hương', 1985, '', 'TDP 5']]);
    typeRows(workbook, unit('TDP01'), [['Nguyễn Thị Hương', 1985, '', 'tổ dân phố số 05']]);
    expect(reports.exportUnitReport('TDP01')).toMatchObject({ ok: true, valid: 1 });
  });

  it('reports the unit whose sheet is open, and says what to do when none is', () => {
    const { workbook, reports, unit, ui } = setUp();
    typeRows(workbook, unit('TDP02'), [['Nguyễn Văn An', 1980, '', 'TDP 2']]);
    unitSheet(workbook, 'TDP02').activate();
    const result = reports.exportUnitReport();
    expect(result).toMatchObject({ ok: true, unit: 'TDP02', sheet: 'Báo cáo - Tổ dân phố số 2' });
    // From the report sheet itself (now active), the same unit again.
    expect(workbook.activeSheetName()).toBe('Báo cáo - Tổ dân phố số 2');
    expect(reports.exportUnitReport()).toMatchObject({ ok: true, unit: 'TDP02' });
    workbook.getSheetByName('Cấu hình')?.activate();
    const none = reports.exportUnitReport();
    expect(none.ok).toBe(false);
    expect(ui.alerts.at(-1)).toMatchObject({ title: 'Xuất báo cáo đơn vị' });
    expect(ui.alerts.at(-1)?.prompt).toContain('Hãy bấm vào dòng của đơn vị cần xuất báo cáo');
    expect(reports.exportUnitReport('KHONG-CO')).toMatchObject({ ok: false });
    expect(ui.alerts.at(-1)?.prompt).toContain('Không có đơn vị mã "KHONG-CO"');
  });

  it('explains a missing unit sheet and waits when someone else holds the lock', () => {
    const { workbook, reports } = setUp();
    workbook.deleteSheet(unitSheet(workbook, 'TDP01'));
    const missing = reports.exportUnitReport('TDP01');
    expect(missing.ok).toBe(false);
    expect(missing.message).toContain('chưa có trang');
    const release = workbook.holdDocumentLockElsewhere();
    try {
      expect(reports.exportUnitReport('TDP02')).toMatchObject({ ok: false, sheet: '' });
    } finally {
      release();
    }
    expect(workbook.getSheetByName('Báo cáo - Tổ dân phố số 2')).toBeNull();
  });
});

describe('Báo cáo phường', () => {
  it('reports the same figures as Tổng hợp, in the same form', () => {
    const { workbook, reports, addOn, unit, units, ui } = setUp();
    typeRows(workbook, unit('THCS-LTV'), [
      ['Nguyễn Thị Hương', 1985, '', 'Số 5 Trần Hưng Đạo, TDP 5'],
      ['Lê Văn', 'x', '', 'TDP 1'],
    ]);
    typeRows(workbook, unit('TDP01'), [
      ['Nguyễn Thị Hương', 1985, '', 'số 5 trần hưng đạo, tổ dân phố số 05'],
      ['Trần Văn Bình', 1990, '', 'TDP 1'],
    ]);
    typeRows(workbook, unit('YT'), [['Phạm Thị Ẫn', 1970, 'Trạm Y tế', 'TDP 3']]);
    const result = reports.exportWardReport();
    expect(result.ok).toBe(true);
    expect(result.sheet).toBe('Báo cáo phường');
    expect(ui.alerts.at(-1)?.prompt).toBe(result.message);
    const summary = addOn.consolidate();
    const figures = result.figures;
    expect(figures?.units.map((u) => [u.code, u.target, u.valid])).toEqual(
      summary.units.map((u) => [u.code, u.target, u.valid])
    );
    expect(figures?.units.map((u) => u.coverage)).toEqual(summary.units.map((u) => u.coverage));
    expect({
      households: figures?.households,
      uniquePeople: figures?.uniquePeople,
      ratio: figures?.ratio,
      meetsTarget: figures?.meetsTarget,
    }).toEqual(summary.ward);

    const text = lines(reportSheet(workbook, 'Báo cáo phường'));
    expect(text[0][0]).toBe('ỦY BAN NHÂN DÂN');
    expect(text[1][0]).toBe('PHƯỜNG HẢI DƯƠNG');
    expect(text[5][0]).toBe('BÁO CÁO');
    const households = summary.ward.households;
    const ratio = `${(Math.round((3 / households) * 1000) / 10).toFixed(1).replace('.', ',')}%`;
    expect(text[11][0]).toContain(
      `Các cơ quan, đơn vị đã báo cáo 3 người cài đặt và đăng nhập ứng dụng (mỗi người tính một lần), trên tổng số ${households} hộ gia đình, đạt tỷ lệ ${ratio}: chưa đạt tiêu chí`
    );
    expect(text[13]).toEqual(['Stt', 'Đơn vị', 'Loại', 'Chỉ tiêu', 'Số người đã cài đặt', 'Tỷ lệ đạt']);
    const tdp = text.find((row) => row[1] === 'Tổ dân phố số 1');
    const pct = (n: number, d: number) =>
      `${(Math.round((n / d) * 1000) / 10).toFixed(1).replace('.', ',')}%`;
    const target = unit('TDP01').target;
    expect(tdp?.slice(2)).toEqual(['Tổ dân phố', String(target), '2', pct(2, target)]);
    expect(text.filter((row) => /^\d+$/.test(row[0]) && row[1] !== '')).toHaveLength(units.length);
    const total = text.find((row) => row[0] === 'Tổng cộng');
    expect(total?.[4]).toBe('4');
    expect(reportSheet(workbook, 'Báo cáo phường').getFrozenRows()).toBe(14);
    // Run again: the same sheet.
    const count = workbook.getSheets().length;
    expect(reports.exportWardReport().sheet).toBe('Báo cáo phường');
    expect(workbook.getSheets()).toHaveLength(count);
  });

  it('groups thousands in the table and the sentences, and cites the dispatch typed on Cấu hình', () => {
    const { workbook, reports, units } = setUp();
    const config = workbook.sheet('Cấu hình');
    const values = config.getDataRange().getValues();
    const row = (label: string) => values.findIndex((r) => r[0] === label) + 1;
    config.getRange(row('Công văn (số, ngày)'), 3).setValue('125/UBND-VHXH ngày 12/5/2026');
    config.getRange(row('Số hộ gia đình của phường'), 3).setValue(2157);
    const tdp2 = row('TDP02');
    config.getRange(tdp2, 4).setValue(1200);
    expect(reports.exportWardReport().ok).toBe(true);
    const text = lines(reportSheet(workbook, 'Báo cáo phường'));
    expect(text[10][0]).toContain(
      'đã ban hành Công văn số 125/UBND-VHXH ngày 12/5/2026 về việc tuyên truyền'
    );
    expect(text[11][0]).toContain('trên tổng số 2.157 hộ gia đình');
    expect(text.find((r) => r[1] === 'Tổ dân phố số 2')?.[3]).toBe('1.200');
    const total = units.reduce((sum, u) => sum + (u.code === 'TDP02' ? 1200 : u.target), 0);
    expect(text.find((r) => r[0] === 'Tổng cộng')?.slice(3)).toEqual([
      String(total).replace(/\B(?=(\d{3})+(?!\d))/g, '.'),
      '0',
      '',
    ]);
  });

  it('counts a unit without a sheet as 0 and says so', () => {
    const { workbook, reports } = setUp();
    workbook.deleteSheet(unitSheet(workbook, 'TDP02'));
    const result = reports.exportWardReport();
    expect(result.ok).toBe(true);
    expect(result.message).toContain('Chưa đọc được trang của các đơn vị (tính là 0): Tổ dân phố số 2');
    const row = lines(reportSheet(workbook, result.sheet)).find((r) => r[1] === 'Tổ dân phố số 2');
    expect(row?.[5]).toBe('Không có trang');
  });
});
