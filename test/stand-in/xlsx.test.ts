import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { createServices, StandInSheet, Workbook } from '../../src/stand-in';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-xlsx-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function roundTrip(workbook: Workbook) {
  const file = path.join(dir, `wb-${Math.random().toString(36).slice(2)}.xlsx`);
  const saved = await saveXlsx(workbook, file);
  const loaded = await loadXlsx(file);
  return { file, saved, ...loaded };
}

describe('xlsx round trip', () => {
  it('keeps values, formulas, formats, widths, frozen rows, validation, order and names', async () => {
    const workbook = new Workbook();
    const { SpreadsheetApp } = createServices(workbook);
    const first = workbook.getSheets()[0];
    const unit = workbook.insertSheet("Tổ 'A' số 5", 0);
    unit.getRange('A1:E2').setValues([
      ['Họ và tên', 'Năm sinh', 'Ngày', 'Tỷ lệ', 'Công thức'],
      ['Nguyễn Văn A', '1985', '05/03/2024', 0.456, '=B2+1'],
    ]);
    unit.getRange('A3').setValue("'=1+1");
    unit.getRange('D2').setNumberFormat('0.0%');
    unit.getRange('A1:E1').setFontWeight('bold').setBackground('#1155cc').setFontColor('#ffffff');
    unit.getRange('A2').setWrap(true).setHorizontalAlignment('center').setNote('ghi chú');
    unit.setColumnWidth(1, 210);
    unit.setFrozenRows(1);
    unit
      .getRange('B2:B200')
      .setDataValidation(
        SpreadsheetApp.newDataValidation()
          .requireNumberBetween(1900, 2025)
          .setAllowInvalid(false)
          .setHelpText('Năm')
          .build()
      );
    unit
      .getRange('C2:C50')
      .setDataValidation(
        SpreadsheetApp.newDataValidation().requireValueInList(['Có', 'Không'], true).build()
      );
    unit.getRange('A10:B10').merge();
    first.getRange('A1').setFormula("=SUM('Tổ ''A'' số 5'!B2:B3)");
    workbook.setNamedRange('DV_001', unit.getRange('A2:E200'));

    const { workbook: back, notes } = await roundTrip(workbook);
    expect(notes).toEqual([]);
    expect(back.sheetNames()).toEqual(["Tổ 'A' số 5", 'Trang tính1']);
    const u = back.sheet("Tổ 'A' số 5");
    const values = u.getRange('A2:E3').getValues();
    expect(values[0][0]).toBe('Nguyễn Văn A');
    expect(values[0][1]).toBe(1985);
    expect((values[0][2] as Date).toISOString()).toBe('2024-03-04T17:00:00.000Z');
    expect(values[0][3]).toBe(0.456);
    expect(values[0][4]).toBe(1986);
    expect(values[1][0]).toBe('=1+1');
    expect(u.getRange('A3').getFormulas()).toEqual([['']]);
    expect(u.getRange('E2').getFormulas()).toEqual([['=B2+1']]);
    expect(u.getRange('C2:D2').getNumberFormats()).toEqual([['dd/MM/yyyy', '0.0%']]);
    expect(u.getRange('D2').getDisplayValues()).toEqual([['45,6%']]);
    expect(u.styleAt(1, 3)).toMatchObject({
      fontWeight: 'bold',
      background: '#1155cc',
      fontColor: '#ffffff',
    });
    expect(u.styleAt(2, 1)).toMatchObject({ wrap: true, horizontalAlignment: 'center', note: 'ghi chú' });
    expect(u.getColumnWidth(1)).toBe(210);
    expect(u.getFrozenRows()).toBe(1);
    const dv = u.getRange('B150').getDataValidation();
    expect([
      dv?.getCriteriaType(),
      dv?.getCriteriaValues(),
      dv?.getAllowInvalid(),
      dv?.getHelpText(),
    ]).toEqual(['NUMBER_BETWEEN', [1900, 2025], false, 'Năm']);
    expect(u.getRange('C50').getDataValidation()?.getCriteriaValues()).toEqual([['Có', 'Không'], true]);
    expect(u.getRange('C51').getDataValidation()).toBeNull();
    expect(u.mergedRanges().map((r) => r.getA1Notation())).toEqual(['A10:B10']);
    expect([u.getMaxRows(), u.getMaxColumns()]).toEqual([1000, 26]);
    expect(back.namedRangeA1s()).toEqual({ DV_001: "Tổ 'A' số 5!A2:E200" });
    expect(back.sheet('Trang tính1').getRange('A1').getValue()).toBe(1985);
  });

  it('keeps every row in its place around merged rows, notes and blank rows between them', async () => {
    const workbook = new Workbook();
    const sheet = workbook.getSheets()[0];
    const grid = Array.from({ length: 12 }, (_, i) => [`dòng ${i + 1}`, i + 1, i % 2 === 0, `=B${i + 1}*2`]);
    grid[5] = ['', '', '', ''];
    sheet.getRange(1, 1, 12, 4).setValues(grid);
    sheet.getRange('A3:C3').merge();
    sheet.getRange('A9:B10').merge();
    sheet.getRange('D7').setNote('ghi chú');
    sheet.getRange('A4:D5').setBackground('#ffeeaa').setFontWeight('bold');
    const { workbook: back } = await roundTrip(workbook);
    const got = back.getSheets()[0];
    expect(got.getRange(1, 1, 12, 4).getValues()).toEqual(sheet.getRange(1, 1, 12, 4).getValues());
    expect(got.getRange(1, 1, 12, 4).getFormulas()).toEqual(sheet.getRange(1, 1, 12, 4).getFormulas());
    const notes = (got as StandInSheet).styles.note.lookupWithin({ r1: 7, c1: 4, r2: 7, c2: 4 });
    expect(notes?.(7, 4)).toBe('ghi chú');
    const styles = (got as StandInSheet).styles;
    const all = { r1: 1, c1: 1, r2: 12, c2: 4 };
    const background = styles.background.lookupWithin(all);
    const weight = styles.fontWeight.lookupWithin(all);
    expect(
      [
        [4, 1],
        [5, 4],
        [6, 1],
        [3, 1],
      ].map(([r, c]) => background?.(r, c) ?? null)
    ).toEqual(['#ffeeaa', '#ffeeaa', null, null]);
    expect(weight?.(5, 2)).toBe('bold');
    expect((got as StandInSheet).mergedRanges().map((r) => r.getA1Notation())).toEqual(['A3:C3', 'A9:B10']);
  });

  it('keeps the style of cells that are still empty, such as a template awaiting rows', async () => {
    const wb = new Workbook();
    const sheet = wb.getSheets()[0] as StandInSheet;
    sheet.getRange(1, 1, 20, 3).setFontFamily('Times New Roman');
    sheet.getRange(5, 2, 10, 1).setHorizontalAlignment('center');
    sheet.getRange('A1').setValue('x');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-style-')), 'styles.xlsx');
    await saveXlsx(wb, file);
    const loaded = (await loadXlsx(file)).workbook.getSheets()[0] as StandInSheet;
    expect(loaded.styleAt(20, 3).fontFamily).toBe('Times New Roman');
    expect(loaded.styleAt(9, 2)).toEqual({ fontFamily: 'Times New Roman', horizontalAlignment: 'center' });
  });

  it('writes conditional colours so Excel and LibreOffice show them', async () => {
    const wb = new Workbook();
    const { SpreadsheetApp } = createServices(wb);
    const sheet = wb.getSheets()[0] as StandInSheet;
    sheet.getRange('A1:A3').setValues([[0.2], [0.7], [1.2]]);
    const range = sheet.getRange('A1:A3');
    sheet.setConditionalFormatRules([
      SpreadsheetApp.newConditionalFormatRule()
        .setRanges([range])
        .whenNumberLessThan(0.5)
        .setBackground('#f4c7c3')
        .build(),
      SpreadsheetApp.newConditionalFormatRule()
        .setRanges([range])
        .whenNumberGreaterThanOrEqualTo(1)
        .setBackground('#b7e1cd')
        .build(),
    ]);
    const { file, saved } = await roundTrip(wb);
    expect(saved.notes.join(' ')).not.toMatch(/conditional/i);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rules = (
      book.worksheets[0] as unknown as {
        conditionalFormattings: { ref: string; rules: { operator: string; formulae: string[] }[] }[];
      }
    ).conditionalFormattings;
    expect(rules.map((cf) => [cf.ref, cf.rules[0].operator, cf.rules[0].formulae[0]])).toEqual([
      ['A1:A3', 'lessThan', '0.5'],
      ['A1:A3', 'greaterThanOrEqual', '1'],
    ]);
  });

  it('writes cached formula results so other apps show them', async () => {
    const workbook = new Workbook();
    workbook
      .getSheets()[0]
      .getRange('A1:B1')
      .setValues([[20, '=A1*2']]);
    const file = path.join(dir, 'cached.xlsx');
    await saveXlsx(workbook, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0].getCell('B1').value).toMatchObject({ formula: 'A1*2', result: 40 });
  });

  it('escapes markup in formulas and their text results, and drops what XML cannot hold', async () => {
    const workbook = new Workbook();
    workbook
      .getSheets()[0]
      .getRange('A1:B1')
      .setValues([['="<a&b> "&CHAR(34)&CHAR(39)', '="a"&CHAR(1)&"b"']]);
    const file = path.join(dir, 'escaped.xlsx');
    await saveXlsx(workbook, file);
    const xml = strFromU8(unzipSync(fs.readFileSync(file))['xl/worksheets/sheet1.xml']);
    expect(xml).toContain(
      '<f>&quot;&lt;a&amp;b&gt; &quot;&amp;CHAR(34)&amp;CHAR(39)</f><v>&lt;a&amp;b&gt; &quot;&apos;</v>'
    );
    // U+0001 may not appear in XML 1.0: the cached text leaves it out, as ExcelJS's own writer would.
    expect(xml).toContain('<v>ab</v>');
    const { workbook: back } = await loadXlsx(file);
    const sheet = back.getSheets()[0];
    expect(sheet.getRange('A1').getFormulas()).toEqual([['="<a&b> "&CHAR(34)&CHAR(39)']]);
    expect(sheet.getRange('A1').getValue()).toBe('<a&b> "\'');
  });

  it('leaves the rows below the last styled row unstyled', async () => {
    const workbook = new Workbook();
    const sheet = workbook.getSheets()[0];
    sheet.getRange('A1:B2').setBackground('#ff0000');
    sheet.getRange('A1:C4').setValues([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11, 12],
    ]);
    const file = path.join(dir, 'styled-rows.xlsx');
    await saveXlsx(workbook, file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.worksheets[0];
    const red = (a1: string) =>
      (ws.getCell(a1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFF0000';
    expect(['A1', 'B2', 'A3', 'B4', 'C1'].map(red)).toEqual([true, true, false, false, false]);
  });

  it('keeps the grid size, and a text starting with = in a foreign file stays text', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Nhập');
    ws.getCell('A1').value = '=1+1';
    ws.getCell('B1').value = { formula: 'A2*3', result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell('A2').value = 7;
    const file = path.join(dir, 'foreign.xlsx');
    await book.xlsx.writeFile(file);
    const { workbook } = await loadXlsx(file);
    const sheet = workbook.sheet('Nhập');
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['=1+1', 21]]);
    expect(sheet.getRange('A1').getFormulas()).toEqual([['']]);
    // A foreign file gets Google's import minimum of 1000 × 26.
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);

    sheet.deleteRows(101, 900);
    sheet.deleteColumns(9, 18);
    const { workbook: back } = await roundTrip(workbook);
    expect([back.sheet('Nhập').getMaxRows(), back.sheet('Nhập').getMaxColumns()]).toEqual([100, 8]);
  });

  it('notes what .xlsx cannot hold instead of failing', async () => {
    const workbook = new Workbook();
    const s = createServices(workbook);
    const sheet = workbook.getSheets()[0];
    sheet.addDeveloperMetadata('k', 'v', s.SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
    sheet.protect().setDescription('khóa');
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(s.Charts.ChartType.BAR)
        .addRange(sheet.getRange('A1:B2'))
        .setPosition(1, 1, 0, 0)
        .build()
    );
    s.PropertiesService.getDocumentProperties()!.setProperty('x', '1');
    const { saved, workbook: back } = await roundTrip(workbook);
    expect(saved.notes).toHaveLength(4);
    expect(saved.notes.join('\n')).toMatch(/developer metadata/);
    expect(saved.notes.join('\n')).toMatch(/protections/);
    expect(back.sheet('Trang tính1').getProtections('SHEET' as never)).toHaveLength(0);
  });

  it('keeps sheet names longer than Excel allows', async () => {
    const workbook = new Workbook();
    const long = 'Trường Trung học cơ sở Nguyễn Bỉnh Khiêm phường Hải Dương';
    workbook.insertSheet(long, 1).getRange('A1').setValue('x');
    workbook.insertSheet('Tổ 1/2: [mới]', 2);
    const { workbook: back, saved } = await roundTrip(workbook);
    expect(back.sheetNames()).toEqual(['Trang tính1', long, 'Tổ 1/2: [mới]']);
    expect(saved.notes).toHaveLength(1);
    expect(back.sheet(long).getRange('A1').getValue()).toBe('x');
  });

  it('rejects a file that is not a workbook with code NOT_A_WORKBOOK', async () => {
    const file = path.join(dir, 'not.xlsx');
    fs.writeFileSync(file, 'this is not a zip');
    await expect(loadXlsx(file)).rejects.toMatchObject({ code: 'NOT_A_WORKBOOK' });
  });

  it('writes atomically, leaving no temp file behind', async () => {
    const workbook = new Workbook();
    const file = path.join(dir, 'atomic', 'out.xlsx');
    fs.mkdirSync(path.dirname(file));
    await saveXlsx(workbook, file);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['out.xlsx']);
    expect((workbook.getSheets()[0] as StandInSheet).getName()).toBe('Trang tính1');
  });
});

describe('sheets that no formula reads stay out of the formula engine until written', () => {
  it('reads the file’s results, and computes again once the sheet is written or read by a new formula', async () => {
    const workbook = new Workbook();
    const unit = workbook.insertSheet('Tổ 1', 0);
    unit.getRange('A1:C3').setValues([
      ['Stt', 'Tên', 'Năm'],
      ['=COUNTA(B2:C2)', 'An', 1980],
      ['=COUNTA(B3:C3)', '', ''],
    ]);
    const source = workbook.insertSheet('Nguồn', 1);
    source.getRange('A1:A2').setValues([[5], [7]]);
    const reader = workbook.insertSheet('Đọc', 2);
    reader.getRange('A1').setFormula("=SUM('Nguồn'!A1:A2)");

    const { workbook: back } = await roundTrip(workbook);
    const u = back.sheet('Tổ 1');
    expect(u.detached).not.toBeNull();
    // Read by a formula of another sheet, or reading another sheet: in the engine.
    expect(back.sheet('Nguồn').detached).toBeNull();
    expect(back.sheet('Đọc').detached).toBeNull();
    expect(u.getRange('A1:C3').getValues()).toEqual([
      ['Stt', 'Tên', 'Năm'],
      [2, 'An', 1980],
      [0, '', ''],
    ]);
    expect(u.getRange('A2:A3').getFormulas()).toEqual([['=COUNTA(B2:C2)'], ['=COUNTA(B3:C3)']]);
    expect(u.getLastRow()).toBe(3);
    expect(back.sheet('Đọc').getRange('A1').getValue()).toBe(12);

    // Saved again untouched, the detached sheet keeps its formulas and their results.
    const { workbook: again } = await roundTrip(back);
    expect(again.sheet('Tổ 1').getRange('A2:A3').getValues()).toEqual([[2], [0]]);

    // A unit's staff member types a name: the sheet joins the engine and its Stt formula follows.
    u.getRange('B3').setValue('Bình');
    expect(u.detached).toBeNull();
    expect(u.getRange('A3').getValue()).toBe(1);

    // A formula written elsewhere that reads a detached sheet sees what it holds.
    const later = again.sheet('Tổ 1');
    expect(later.detached).not.toBeNull();
    again.sheet('Đọc').getRange('B1').setFormula("=COUNTA('Tổ 1'!B1:B3)");
    expect(later.detached).toBeNull();
    expect(again.sheet('Đọc').getRange('B1').getValue()).toBe(2);
  });

  it('evaluates a foreign file’s formula that comes without a cached result', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Danh sách');
    ws.getCell('B1').value = 3;
    ws.getCell('A1').value = { formula: 'B1*2' } as ExcelJS.CellFormulaValue;
    const file = path.join(dir, 'foreign-formula.xlsx');
    await book.xlsx.writeFile(file);
    const { workbook } = await loadXlsx(file);
    const sheet = workbook.sheet('Danh sách');
    expect(sheet.detached).toBeNull();
    expect(sheet.getRange('A1').getValue()).toBe(6);
  });
});
