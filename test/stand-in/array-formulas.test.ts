/**
 * Google's ARRAYFORMULA in the stand-in and in .xlsx files: one formula in a column's first data row
 * whose result fills the rows below (https://support.google.com/docs/answer/3093275), read, blocked,
 * cleared, moved with rows, copied, saved as Excel's legacy array formula and read back.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createServices, PROTECTED_MESSAGE, StandInSheet, Workbook } from '../../src/stand-in';
import { arrayFormulaBody } from '../../src/stand-in/document/arrays';
import { LOOSE_MIN_ROWS } from '../../src/stand-in/document/loose';
import { scanSheetData } from '../../src/stand-in/xlsx/sheet-data';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';
import { recomputeWithLibreOffice, soffice } from '../support/libreoffice';

const OWNER = 'owner@example.com';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-arrays-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fresh(opts: ConstructorParameters<typeof Workbook>[0] = {}) {
  const workbook = new Workbook(opts);
  createServices(workbook);
  const sheet = workbook.getSheets()[0] as StandInSheet;
  return { workbook, sheet };
}

const column = (sheet: StandInSheet, a1: string) =>
  sheet
    .getRange(a1)
    .getValues()
    .map((row) => row[0]);

/** A unit-like list: names in B8:B11 and a verdict-like array formula in G8 over B8:B20 (vi_VN). */
const VERDICT = '=ARRAYFORMULA(IF(B8:B20="";"";B8:B20&" #"&ROW(B8:B20)&" lần "&MATCH(B8:B20;B8:B20;0)))';
function listWithArray() {
  const env = fresh();
  env.sheet.getRange('B8:B11').setValues([['An'], ['Bình'], [''], ['An']]);
  env.sheet.getRange('G8').setFormula(VERDICT);
  return env;
}
const VERDICTS = ['An #8 lần 1', 'Bình #9 lần 2', '', 'An #11 lần 1'];

describe('ROW inside ARRAYFORMULA (https://support.google.com/docs/answer/3093316)', () => {
  it('gives every row of a range in an array formula, and only the first row outside one', () => {
    const { sheet } = fresh();
    sheet.getRange('A1').setFormula('=ARRAYFORMULA(ROW(B3:B6))');
    sheet.getRange('B1').setFormula('=ROW(B3:B6)');
    sheet.getRange('C1').setFormula('=ARRAYFORMULA(ROW(B3:C4)*10)');
    sheet.getRange('E1').setFormula('=ROW()');
    sheet.getRange('E5').setFormula('=ARRAYFORMULA(ROW())');
    expect(column(sheet, 'A1:A5')).toEqual([3, 4, 5, 6, '']);
    expect(column(sheet, 'B1:B3')).toEqual([3, '', '']);
    expect(sheet.getRange('C1:D3').getValues()).toEqual([
      [30, 30],
      [40, 40],
      ['', ''],
    ]);
    expect([sheet.getRange('E1').getValue(), sheet.getRange('E5').getValue()]).toEqual([1, 5]);
  });
});

describe('ARRAYFORMULA in the stand-in', () => {
  it('fills the rows below its cell; the formula is only in that cell', () => {
    const { sheet } = listWithArray();
    expect(column(sheet, 'G7:G13')).toEqual(['', ...VERDICTS, '', '']);
    expect(sheet.getRange('G8:G9').getDisplayValues()).toEqual([[VERDICTS[0]], [VERDICTS[1]]]);
    expect(sheet.getRange('G7:G10').getFormulas()).toEqual([[''], [VERDICT], [''], ['']]);
    // The result counts as content down to the last row the array fills, as in Sheets.
    expect(sheet.getLastRow()).toBe(20);
  });

  it('spills the same through setFormulas and setValues', () => {
    const { sheet } = fresh();
    sheet.getRange('B1:B3').setValues([['a'], ['b'], ['c']]);
    sheet.getRange('C1:D1').setFormulas([['=ARRAYFORMULA(UPPER(B1:B3))', '=ARRAYFORMULA(LEN(B1:B3)+1)']]);
    sheet.getRange('E1').setValues([['=ARRAYFORMULA(B1:B3&"!")']]);
    expect(sheet.getRange('C1:E3').getValues()).toEqual([
      ['A', 2, 'a!'],
      ['B', 2, 'b!'],
      ['C', 2, 'c!'],
    ]);
  });

  it('shows #REF! where typed content blocks it, and fills again once that content is cleared', () => {
    const { sheet } = listWithArray();
    sheet.getRange('G10').setValue('gõ tay');
    // Sheets: "Array result was not expanded because it would overwrite data in G10."
    expect(column(sheet, 'G8:G11')).toEqual(['#REF!', '', 'gõ tay', '']);
    expect(sheet.getRange('G8').getDisplayValues()[0][0]).toBe('#REF!');
    expect(sheet.getRange('G8').getFormulas()[0][0]).toBe(VERDICT);
    sheet.getRange('G10').clearContent();
    expect(column(sheet, 'G8:G11')).toEqual(VERDICTS);
  });

  it('clears only typed content: the filled cells stay, the formula cell takes the array away', () => {
    const { sheet } = listWithArray();
    sheet.getRange('G9:G12').clearContent();
    expect(column(sheet, 'G8:G11')).toEqual(VERDICTS);
    sheet.getRange('G8:G20').clearContent();
    expect(column(sheet, 'G8:G11')).toEqual(['', '', '', '']);
    expect(sheet.getLastRow()).toBe(11);
  });

  it('follows inserted and deleted rows inside its ranges, as Sheets moves references', () => {
    const { sheet } = listWithArray();
    sheet.insertRowsAfter(9, 2);
    expect(sheet.getRange('G8').getFormulas()[0][0]).toBe(VERDICT.replace(/B20/g, 'B22'));
    sheet.getRange('B10').setValue('Cường');
    expect(column(sheet, 'G8:G13')).toEqual([
      VERDICTS[0],
      VERDICTS[1],
      'Cường #10 lần 3',
      '',
      '',
      'An #13 lần 1',
    ]);
    sheet.deleteRows(9, 3);
    expect(sheet.getRange('G8').getFormulas()[0][0]).toBe(VERDICT.replace(/B20/g, 'B19'));
    expect(column(sheet, 'G8:G11')).toEqual([VERDICTS[0], '', 'An #10 lần 1', '']);
  });

  it('is copied with a template as its formula, filling the copy (no #REF!)', () => {
    const { workbook, sheet } = listWithArray();
    const copy = workbook.insertSheet('Bản sao', 1, { template: sheet }) as StandInSheet;
    expect(copy.getRange('G8:G9').getFormulas()).toEqual([[VERDICT], ['']]);
    expect(column(copy, 'G8:G11')).toEqual(VERDICTS);
  });

  it('keeps filling after a change of locale, shown in the new syntax', () => {
    const { workbook, sheet } = listWithArray();
    workbook.setSpreadsheetLocale('en_US');
    expect(sheet.getRange('G8').getFormulas()[0][0]).toBe(VERDICT.replace(/;/g, ','));
    expect(column(sheet, 'G8:G11')).toEqual(VERDICTS);
  });

  it('is blocked by a bulk-written column under it as by any typed content (no loose column hides it)', () => {
    const { sheet } = fresh();
    const n = LOOSE_MIN_ROWS + 100;
    sheet.getRange(1, 1, n, 1).setValues(Array.from({ length: n }, (_, i) => [`tên ${i + 1}`]));
    sheet.getRange(1, 3, n, 1).setValues(Array.from({ length: n }, (_, i) => [i === 5 ? 'x' : '']));
    // Reads the bulk column A and fills column C, where one typed cell blocks it.
    sheet.getRange('C1').setFormula(`=ARRAYFORMULA(LEN(A1:A${n}))`);
    expect(sheet.getRange('C1').getValue()).toBe('#REF!');
    sheet.getRange('C6').clearContent();
    expect(column(sheet, 'C1:C3')).toEqual([5, 5, 5]);
    expect(sheet.getRange(n, 3).getValue()).toBe(String(n).length + 4);
    // A later bulk write under the array blocks it too.
    sheet.getRange(2, 3, n - 1, 1).setValues(Array.from({ length: n - 1 }, () => ['y']));
    expect(sheet.getRange('C1:C2').getValues()).toEqual([['#REF!'], ['y']]);
  });

  it('is a write to its own cell only: protected cells it fills need no permission', () => {
    const { workbook, sheet } = listWithArray();
    workbook.share('unit1@example.com');
    sheet.getRange('G8').clearContent();
    const p = sheet.getRange('G9:G20').protect();
    p.removeEditors(p.getEditors().map((u) => u.getEmail()));
    workbook.actAs('unit1@example.com');
    expect(() => sheet.getRange('G9').setValue('x')).toThrow(PROTECTED_MESSAGE);
    sheet.getRange('G8').setFormula(VERDICT);
    expect(column(sheet, 'G8:G11')).toEqual(VERDICTS);
    workbook.actAs(OWNER);
  });
});

const sheetXml = (file: string, n = 1) =>
  strFromU8(unzipSync(fs.readFileSync(file))[`xl/worksheets/sheet${n}.xml`]);

describe('ARRAYFORMULA in .xlsx files (Excel legacy array formulas)', () => {
  const cellXml = (xml: string, a1: string) =>
    new RegExp(`<c r="${a1}"[^>]*?(/>|>.*?</c>)`).exec(xml)?.[0] ?? '';

  it('saves the formula as <f t="array" ref> in Excel syntax, its results as plain cached values', async () => {
    const { workbook, sheet } = listWithArray();
    sheet.getRange('H8').setFormula('=ARRAYFORMULA(B8:B9&"x")');
    sheet.getRange('H9').setValue('chặn');
    // Read: computed (an array formula nobody read is saved without results: below).
    expect(sheet.getRange('G8:H8').getValues()).toEqual([[VERDICTS[0], '#REF!']]);
    const file = path.join(dir, 'save.xlsx');
    await saveXlsx(workbook, file);
    const xml = sheetXml(file);
    expect(cellXml(xml, 'G8')).toBe(
      '<c r="G8" t="str"><f t="array" ref="G8:G20">IF(B8:B20=&quot;&quot;,&quot;&quot;,B8:B20&amp;&quot; #&quot;&amp;ROW(B8:B20)&amp;&quot; lần &quot;&amp;MATCH(B8:B20,B8:B20,0))</f><v>An #8 lần 1</v></c>'
    );
    expect(cellXml(xml, 'G9')).toMatch(/^<c r="G9" t="s"><v>\d+<\/v><\/c>$/);
    // Blank results are not written: an empty cell reads back the same.
    expect([cellXml(xml, 'G10'), cellXml(xml, 'G20')]).toEqual(['', '']);
    // A blocked array: its own cell only, with the error Sheets shows.
    expect(cellXml(xml, 'H8')).toBe(
      '<c r="H8" t="e"><f t="array" ref="H8">B8:B9&amp;&quot;x&quot;</f><v>#REF!</v></c>'
    );
    // ExcelJS, reading it as Excel would, sees an array formula over the same cells.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0].getCell('G8').value).toMatchObject({ shareType: 'array', ref: 'G8:G20' });
    expect(book.worksheets[0].getCell('G9').value).toBe('Bình #9 lần 2');
  });

  it('reads it back as ARRAYFORMULA in the corner cell, the other cells empty, by both readers', async () => {
    const { workbook, sheet } = listWithArray();
    const lean = path.join(dir, 'lean.xlsx');
    await saveXlsx(workbook, lean);
    // The same file with one shared formula, which sends the sheet through ExcelJS's reader.
    const parts = unzipSync(fs.readFileSync(lean));
    const xml = strFromU8(parts['xl/worksheets/sheet1.xml']);
    parts['xl/worksheets/sheet1.xml'] = strToU8(
      xml.replace(
        '<c r="B8" t="s"><v>0</v></c>',
        '<c r="B8" t="str"><f t="shared" ref="B8" si="0">"An"</f><v>An</v></c>'
      )
    );
    const viaExcelJs = path.join(dir, 'exceljs.xlsx');
    fs.writeFileSync(viaExcelJs, zipSync(parts));
    expect(scanSheetData(strFromU8(parts['xl/worksheets/sheet1.xml']))).toBeNull();
    for (const file of [lean, viaExcelJs]) {
      const loaded = (await loadXlsx(file)).workbook.getSheets()[0] as StandInSheet;
      // tonghop's own file, formulas reading only their own sheet: kept out of HyperFormula.
      expect(loaded.detached).not.toBeNull();
      expect(loaded.getRange('G7:G10').getFormulas()).toEqual([[''], [VERDICT], [''], ['']]);
      expect(column(loaded, 'G7:G13')).toEqual(['', ...VERDICTS, '', '']);
      expect(loaded.getLastRow()).toBe(20);
      // The first write moves it into HyperFormula, which fills the cells from the formula alone.
      loaded.getRange('B10').setValue('Cường');
      expect(loaded.detached).toBeNull();
      expect(column(loaded, 'G8:G11')).toEqual([VERDICTS[0], VERDICTS[1], 'Cường #10 lần 3', VERDICTS[3]]);
      expect(loaded.getRange('G9').getFormulas()[0][0]).toBe('');
    }
    expect(column(sheet, 'G8:G11')).toEqual(VERDICTS);
  });

  it('moves a loaded sheet into HyperFormula when an array formula elsewhere reads it', async () => {
    const { workbook } = listWithArray();
    const file = path.join(dir, 'reader.xlsx');
    await saveXlsx(workbook, file);
    const loaded = (await loadXlsx(file)).workbook;
    const list = loaded.getSheets()[0] as StandInSheet;
    expect(list.detached).not.toBeNull();
    const other = loaded.insertSheet('Đọc', 1) as StandInSheet;
    other.getRange('A1').setFormula(`=ARRAYFORMULA(UPPER('${list.getName()}'!G8:G11))`);
    // Deferred until read (pending.ts); reading it brings in the sheet it reads and the array there.
    expect(list.detached).not.toBeNull();
    expect(column(other, 'A1:A4')).toEqual(VERDICTS.map((v) => v.toUpperCase()));
    expect(list.detached).toBeNull();
  });

  it('reads an array formula from another program into HyperFormula, in the locale syntax', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Danh sách');
    ws.getCell('A1').value = 2;
    ws.getCell('A2').value = 3;
    ws.getCell('B1').value = {
      formula: 'A1:A2*1.5',
      result: 1,
      shareType: 'array',
      ref: 'B1:B2',
    } as ExcelJS.CellValue;
    ws.getCell('B2').value = 1; // a stale cached result: Sheets would compute 4,5
    const file = path.join(dir, 'foreign.xlsx');
    await book.xlsx.writeFile(file);
    const loaded = (await loadXlsx(file)).workbook.getSheets()[0] as StandInSheet;
    expect(loaded.detached).toBeNull();
    expect(loaded.getRange('B1:B2').getFormulas()).toEqual([['=ARRAYFORMULA(A1:A2*1,5)'], ['']]);
    expect(column(loaded, 'B1:B2')).toEqual([3, 4.5]);
  });

  it('scans <f t="array"> with its ref and leaves shared formulas to ExcelJS', () => {
    const xml =
      '<row r="1"><c r="A1" t="str"><f t="array" ref="A1:A2" aca="false">UPPER(B1:B2)</f><v>X</v></c></row>' +
      '<row r="2"><c r="A2" t="str"><v>Y</v></c></row>';
    const scanned = scanSheetData(xml);
    expect(scanned?.formulas.get(0)).toBe('UPPER(B1:B2)');
    expect(scanned?.arrays.get(0)).toBe('A1:A2');
    expect(
      scanSheetData('<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1</f><v>1</v></c></row>')
    ).toBeNull();
  });

  it('recognises the wrapper only when it is the whole formula', () => {
    expect(arrayFormulaBody('=ARRAYFORMULA(IF(A1:A3=")";"(";A1:A3))')).toBe('IF(A1:A3=")";"(";A1:A3)');
    expect(arrayFormulaBody('=arrayformula( A1:A3 )')).toBe(' A1:A3 ');
    expect(arrayFormulaBody('=ARRAYFORMULA(A1:A3)&"x"')).toBeNull();
    expect(arrayFormulaBody('=SUM(ARRAYFORMULA(A1:A3))')).toBeNull();
    expect(arrayFormulaBody("=ARRAYFORMULA('Tổ (1)'!A1:A3)")).toBe("'Tổ (1)'!A1:A3");
  });
});

/**
 * A unit-like list with array formulas of every kind the "Kiểm tra" column may use: text functions,
 * MATCH(range;range;0), ROW(range), IF and arithmetic over arrays, concatenation.
 */
const LAST = 40;
const ARRAYS: [string, string][] = [
  ['G8', `=ARRAYFORMULA(IF(B8:B${LAST}="";"";IF(LEN(TRIM(B8:B${LAST}))>12;"dài";"ngắn")))`],
  [
    'H8',
    `=ARRAYFORMULA(IF(B8:B${LAST}="";"";MATCH(LOWER(TRIM(B8:B${LAST}))&"|"&C8:C${LAST};LOWER(TRIM(B8:B${LAST}))&"|"&C8:C${LAST};0)+ROW(B8:B${LAST})-ROW(B8)+7))`,
  ],
  [
    'I8',
    `=ARRAYFORMULA(IF(C8:C${LAST}="";"";IF(ISNUMBER(C8:C${LAST});(C8:C${LAST}>=1900)*(C8:C${LAST}<=2025);"chữ")))`,
  ],
  ['J8', `=ARRAYFORMULA(ROW(B8:B${LAST}))`],
  [
    'K8',
    `=ARRAYFORMULA(IF(B8:B${LAST}="";"";UPPER(LEFT(TRIM(B8:B${LAST});1))&MID(SUBSTITUTE(B8:B${LAST};" ";"");2;4)&"-"&C8:C${LAST}))`,
  ],
  ['L8', `=ARRAYFORMULA(IFERROR(1/(C8:C${LAST}-1985);"không"))`],
];

function arrayWorkbook() {
  const env = fresh();
  env.sheet.getRange('B8:C16').setValues([
    ['Nguyễn Văn An', 1980],
    ['  nguyễn văn   an', 1980],
    ['Trần Thị Bình', '1985'],
    ['', ''],
    ['Lê Cường', 1985],
    ['Nguyễn Văn An', 1981],
    ['Phạm Thị Thu Hương', 2030],
    ['Võ An', 1899],
    ['LÊ CƯỜNG', 1985],
  ]);
  for (const [a1, formula] of ARRAYS) env.sheet.getRange(a1).setFormula(formula);
  return env;
}

describe('array formulas saved to .xlsx', () => {
  it('come back identical after a save, a load and a save', async () => {
    const { workbook, sheet } = arrayWorkbook();
    const first = path.join(dir, 'round-1.xlsx');
    const second = path.join(dir, 'round-2.xlsx');
    await saveXlsx(workbook, first);
    const loaded = (await loadXlsx(first)).workbook;
    const again = loaded.getSheets()[0] as StandInSheet;
    expect(again.getRange(`A1:L${LAST}`).getFormulas()).toEqual(sheet.getRange(`A1:L${LAST}`).getFormulas());
    expect(again.getRange(`A1:L${LAST}`).getValues()).toEqual(sheet.getRange(`A1:L${LAST}`).getValues());
    await saveXlsx(loaded, second);
    const arrayFormulas = (file: string) => sheetXml(file).match(/<f t="array"[^>]*>[^<]*<\/f>/g);
    expect(arrayFormulas(first)).toHaveLength(ARRAYS.length);
    expect(arrayFormulas(second)).toEqual(arrayFormulas(first));
  });
});

if (!soffice)
  console.warn('LibreOffice (soffice) is not installed: the array formula recomputation test is skipped.');

(soffice ? describe : describe.skip)('LibreOffice computes the saved array formulas', () => {
  it('to every value the stand-in shows, over the same cells', async () => {
    const { workbook, sheet } = arrayWorkbook();
    // Read, so that the file carries the results the canary below tampers with.
    sheet.getRange(`G8:L${LAST}`).getValues();
    const file = path.join(dir, 'arrays-lo.xlsx');
    await saveXlsx(workbook, file);
    // A canary proves LibreOffice computes rather than keeping cached results: one result made wrong.
    const parts = unzipSync(fs.readFileSync(file));
    const xml = strFromU8(parts['xl/worksheets/sheet1.xml']);
    const tampered = xml.replace('<c r="J10"><v>10</v></c>', '<c r="J10"><v>999</v></c>');
    expect(tampered).not.toBe(xml);
    parts['xl/worksheets/sheet1.xml'] = strToU8(tampered);
    fs.writeFileSync(file, zipSync(parts));

    const out = recomputeWithLibreOffice(file, path.join(dir, 'arrays-lo-out'), dir);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.worksheets[0];
    const norm = (v: unknown) => (v === undefined || v === null ? '' : v);
    // LibreOffice stores 15 significant digits, HyperFormula the full double.
    const same = (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number'
        ? Math.abs(a - b) <= 1e-13 * Math.max(1, Math.abs(a))
        : norm(a) === norm(b);
    const differ: string[] = [];
    let compared = 0;
    for (const [a1] of ARRAYS) {
      const corner = ws.getCell(a1).value as { shareType?: string; ref?: string };
      // LibreOffice kept it an array formula over the same cells.
      expect([a1, corner.shareType, corner.ref]).toEqual([
        a1,
        'array',
        `${a1}:${a1.replace('8', String(LAST))}`,
      ]);
      const col = a1.charCodeAt(0) - 64;
      const mine = sheet.getRange(8, col, LAST - 7, 1).getValues();
      for (let r = 8; r <= LAST; r++) {
        const cell = ws.getCell(r, col);
        const theirs = r === 8 ? (cell.value as { result?: unknown }).result : cell.value;
        compared++;
        if (!same(theirs, mine[r - 8][0]))
          differ.push(`${cell.address}: stand-in ${String(mine[r - 8][0])}, LibreOffice ${String(theirs)}`);
      }
    }
    expect(ws.getCell('J10').value).toBe(10);
    expect(compared).toBe(ARRAYS.length * (LAST - 7));
    expect(differ).toEqual([]);
  }, 240_000);
});
