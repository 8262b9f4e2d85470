/**
 * Reading .xlsx cells without ExcelJS's object per cell (src/stand-in/xlsx/sheet-data.ts), and keeping the
 * loaded columns no formula reads out of HyperFormula (loose.ts): what a user sees after opening a file
 * must not depend on which path read it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { StandInSheet, Workbook } from '../../src/stand-in';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';
import { LOOSE_MIN_ROWS } from '../../src/stand-in/document/loose';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-xlsx-cells-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** One workbook as another program writes it: every kind of cell the lean reader handles. */
function foreignBook(): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Danh sách');
  ws.getCell('A1').value = 'Họ & tên <chính> "đủ" \'ký tự\'';
  ws.getCell('B1').value = 1985;
  ws.getCell('C1').value = true;
  ws.getCell('D1').value = { error: '#N/A' };
  ws.getCell('E1').value = new Date(Date.UTC(2024, 2, 5));
  ws.getCell('E1').numFmt = 'dd/mm/yyyy';
  ws.getCell('F1').value = { richText: [{ text: 'Tổ ', font: { bold: true } }, { text: 'dân phố 3' }] };
  ws.getCell('A2').value = { formula: 'B1+1', result: 1986 };
  ws.getCell('B2').value = { formula: 'IF(C1,"có & <không>","x")', result: 'có & <không>' };
  ws.getCell('C2').value = { formula: 'NOT(C1)', result: false };
  ws.getCell('D2').value = { formula: 'D1', result: { error: '#N/A' } };
  ws.getCell('E2').value = { formula: 'E1+1', result: new Date(Date.UTC(2024, 2, 6)) };
  ws.getCell('E2').numFmt = 'dd/mm/yyyy';
  ws.getCell('A3').value = 'ghi chú ở đây';
  ws.getCell('A3').note = 'Một ghi chú';
  ws.getCell('A3').font = { bold: true, color: { argb: 'FFCC0000' } };
  ws.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1155CC' } };
  ws.getCell('C3').alignment = { horizontal: 'center', wrapText: true };
  ws.mergeCells('D3:E3');
  ws.getCell('D3').value = 'gộp';
  ws.getCell('A5').value = 0;
  ws.getCell('B5').value = '';
  return book;
}

function seen(sheet: StandInSheet) {
  const range = sheet.getRange(1, 1, 5, 6);
  return {
    values: range.getValues(),
    display: range.getDisplayValues(),
    formulas: range.getFormulas(),
    styles: Array.from({ length: 5 }, (_, r) =>
      Array.from({ length: 6 }, (_, c) => sheet.styleAt(r + 1, c + 1))
    ),
    merges: sheet.merges.map((m) => [m.r1, m.c1, m.r2, m.c2]),
  };
}

describe('reading cells without ExcelJS cell objects', () => {
  it('gives the same cells, formats and notes as ExcelJS’s own reader', async () => {
    // The same file twice: as ExcelJS writes it, which sheet-data.ts reads, and with one formula
    // stored as Excel stores a shared formula (which it leaves to ExcelJS, so the whole sheet goes
    // through ExcelJS's reader). The two must open the same.
    const lean = path.join(dir, 'lean.xlsx');
    const shared = path.join(dir, 'shared.xlsx');
    await foreignBook().xlsx.writeFile(lean);
    const parts = unzipSync(fs.readFileSync(lean));
    const xml = strFromU8(parts['xl/worksheets/sheet1.xml']);
    const withShared = xml.replace('<f>B1+1</f>', '<f t="shared" ref="A2" si="0">B1+1</f>');
    expect(withShared).not.toBe(xml);
    parts['xl/worksheets/sheet1.xml'] = strToU8(withShared);
    fs.writeFileSync(shared, zipSync(parts));
    const a = seen((await loadXlsx(lean)).workbook.getSheets()[0] as StandInSheet);
    const b = seen((await loadXlsx(shared)).workbook.getSheets()[0] as StandInSheet);
    expect(a).toEqual(b);
    // And what that is, as a person reads it.
    expect(a.values[0].slice(0, 4)).toEqual(['Họ & tên <chính> "đủ" \'ký tự\'', 1985, true, '#N/A']);
    expect(a.display[0][4]).toBe('05/03/2024');
    expect(a.values[0][5]).toBe('Tổ dân phố 3');
    expect(a.formulas[1].slice(0, 3)).toEqual(['=B1+1', '=IF(C1;"có & <không>";"x")', '=NOT(C1)']);
    expect(a.values[1].slice(0, 3)).toEqual([1986, 'có & <không>', false]);
    expect(a.display[1][4]).toBe('06/03/2024');
    expect(a.styles[2][0]).toMatchObject({ note: 'Một ghi chú', fontWeight: 'bold', fontColor: '#cc0000' });
    expect(a.styles[2][1]).toMatchObject({ background: '#1155cc' });
    expect(a.styles[2][2]).toMatchObject({ horizontalAlignment: 'center', wrap: true });
    expect(a.merges).toEqual([[3, 4, 3, 5]]);
    expect(a.values[4][0]).toBe(0);
  });

  it('reads tonghop’s own file back with the cached results of a sheet no other formula reads', async () => {
    const workbook = new Workbook();
    const sheet = workbook.getSheets()[0];
    sheet.getRange('A1:B3').setValues([
      ['Stt', 'Tên'],
      ['=ROW()-1', 'An'],
      ['=ROW()-1', 'Bình'],
    ]);
    const file = path.join(dir, 'own.xlsx');
    await saveXlsx(workbook, file);
    const got = (await loadXlsx(file)).workbook.getSheets()[0] as StandInSheet;
    expect(got.detached).not.toBeNull();
    expect(got.getRange('A1:B3').getValues()).toEqual([
      ['Stt', 'Tên'],
      [1, 'An'],
      [2, 'Bình'],
    ]);
  });
});

describe('loaded columns that no formula reads', () => {
  it('stay out of HyperFormula, and a formula that reads them later still sees every row', async () => {
    const rows = LOOSE_MIN_ROWS + 100;
    const workbook = new Workbook();
    const list = workbook.getSheets()[0];
    list.setName('Danh sách');
    list.insertRowsAfter(1, rows);
    list
      .getRange(1, 1, rows, 3)
      .setValues(
        Array.from({ length: rows }, (_, i) => [`Người ${i}`, 1950 + (i % 50), i % 3 === 0 ? 'ERR' : 'OK'])
      );
    const summary = workbook.insertSheet('Tổng hợp', 1);
    summary.getRange('A1').setFormula(`=COUNTIF('Danh sách'!C1:C${rows};"OK")`);
    const file = path.join(dir, 'ward.xlsx');
    await saveXlsx(workbook, file);

    const loaded = (await loadXlsx(file)).workbook;
    const got = loaded.getSheets()[0] as StandInSheet;
    // Names and years are loose; the status column, which the summary counts, is in HyperFormula.
    expect([...got.loose.keys()].sort()).toEqual([1, 2]);
    const ok = Array.from({ length: rows }, (_, i) => i).filter((i) => i % 3 !== 0).length;
    expect(loaded.getSheets()[1].getRange('A1').getValue()).toBe(ok);
    expect(got.getRange(rows, 1, 1, 3).getValues()).toEqual([
      [`Người ${rows - 1}`, 1950 + ((rows - 1) % 50), (rows - 1) % 3 === 0 ? 'ERR' : 'OK'],
    ]);
    // A new formula over the names moves them into HyperFormula and counts every row.
    loaded.getSheets()[1].getRange('B1').setFormula(`=COUNTA('Danh sách'!A1:A${rows})`);
    expect(loaded.getSheets()[1].getRange('B1').getValue()).toBe(rows);
    expect(got.loose.has(1)).toBe(false);
  });
});
