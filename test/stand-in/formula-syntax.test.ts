/** Formulas in .xlsx files: Excel's canonical form on disk, the locale's syntax in the stand-in. */
import { CONFIG } from '../../src/core/layout';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import {
  convertFormula,
  EXCEL_SYNTAX,
  fromExcelFormula,
  localeSyntax,
  toExcelFormula,
} from '../../src/stand-in/document/formula-syntax';
import { createServices, Workbook } from '../../src/stand-in';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';
import { typeRows, workbookWithUnits } from '../support/add-on';
import { recomputeWithLibreOffice, soffice } from '../support/libreoffice';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-formula-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('converting formula text', () => {
  const vi = localeSyntax('vi_VN');
  it("turns vi_VN's ';' and decimal ',' into Excel's ',' and '.', and back", () => {
    const cases: [string, string][] = [
      ['=IF(A1>0;1,5;"a,b;c")', '=IF(A1>0,1.5,"a,b;c")'],
      ["=COUNTIF('Tổ ''A'', số 5'!$I$5:$I$9;\"Hợp lệ\")", "=COUNTIF('Tổ ''A'', số 5'!$I$5:$I$9,\"Hợp lệ\")"],
      ['=STDEV.S(A1:A3;2,5E+3)', '=_xlfn.STDEV.S(A1:A3,2.5E+3)'],
      ['=UNICHAR(65)&"UNICHAR(66)"', '=_xlfn.UNICHAR(65)&"UNICHAR(66)"'],
      ["='FILTER(A)'!A1&FILTER(A1:A3;A1:A3>0)", "='FILTER(A)'!A1&_xlfn._xlws.FILTER(A1:A3,A1:A3>0)"],
      ['=SUM({1\\2;3\\4};0,5)', '=SUM({1,2;3,4},0.5)'],
      ['=HYPERLINK("#gid=5&range=A8";"Tổ 1 - dòng 8")', '=HYPERLINK("#gid=5&range=A8","Tổ 1 - dòng 8")'],
      ['=SUM(1:1;TDP_01)', '=SUM(1:1,TDP_01)'],
    ];
    // Functions newer than the file format carry Excel's `_xlfn.` in the file (the readers take it off).
    const unprefixed = (excel: string) => excel.replace(/_xlfn\.(_xlws\.)?/g, '');
    for (const [local, excel] of cases) {
      expect(convertFormula(local, vi, EXCEL_SYNTAX)).toBe(unprefixed(excel));
      expect(toExcelFormula(local, 'vi_VN')).toBe(excel);
      expect(fromExcelFormula(unprefixed(excel), 'vi_VN')).toBe(local);
    }
  });

  it('leaves point-decimal locales as they are', () => {
    expect(toExcelFormula('=IF(A1>0,1.5,"x")', 'en_US')).toBe('=IF(A1>0,1.5,"x")');
    expect(fromExcelFormula('=IF(A1>0,1.5,"x")', 'en_GB')).toBe('=IF(A1>0,1.5,"x")');
  });
});

/** Setup, rows, Tổng hợp and both reports, through the built bundle, in a spreadsheet of `locale`. */
function consolidated(locale: string) {
  const units: DemoUnit[] = demoUnits(3);
  const env = workbookWithUnits(units);
  if (locale !== 'vi_VN') env.workbook.setSpreadsheetLocale(locale);
  const addOn = env.addOn as unknown as Record<string, (...a: unknown[]) => { ok: boolean }>;
  expect(addOn.setupUnits().ok).toBe(true);
  typeRows(env.workbook, units[0], [
    ['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1'],
    ['Lê Văn Cường', 85, '', 'TDP 1'],
  ]);
  typeRows(env.workbook, units[2], [
    ['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1'],
    ['Phạm Thị Dung', 1990, '', 'TDP 3'],
  ]);
  expect(addOn.consolidate().ok).toBe(true);
  expect(addOn.exportWardReport().ok).toBe(true);
  return env.workbook;
}

function formulasAndValues(workbook: Workbook) {
  return workbook.getSheets().map((sheet) => {
    const range = sheet.getDataRange();
    return { name: sheet.getName(), formulas: range.getFormulas(), values: range.getValues() };
  });
}

/** Every formula cell of a .xlsx file: sheet, address, formula and cached result. */
async function formulaCells(file: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const cells: { at: string; formula: string; result: unknown; array: boolean }[] = [];
  book.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.formula) {
          const value = cell.value as { result?: unknown; shareType?: string };
          const array = value.shareType === 'array';
          cells.push({
            at: `${ws.name}!${cell.address}`,
            formula: cell.formula,
            result: value.result,
            array,
          });
        }
      })
    )
  );
  return { book, cells };
}

describe('.xlsx keeps Excel’s form and the spreadsheet’s settings', () => {
  it('saves vi_VN formulas with "," and ".", and reloads them in vi_VN with the same values', async () => {
    const workbook = consolidated('vi_VN');
    workbook.setSpreadsheetTimeZone('Asia/Bangkok');
    const before = formulasAndValues(workbook);
    const file = path.join(dir, 'vi.xlsx');
    await saveXlsx(workbook, file);

    const { book, cells } = await formulaCells(file);
    expect((book as unknown as { language?: string }).language).toBe('vi-VN');
    expect(cells.length).toBeGreaterThan(100);
    const bare = (f: string) => f.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, '""');
    expect(cells.filter((c) => bare(c.formula).includes(';'))).toEqual([]);
    // The birth-year and target rules too.
    const rules = book.worksheets.flatMap((ws) =>
      Object.values(
        (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
          .dataValidations.model
      )
    );
    const custom = rules.filter((r) => r.type === 'custom').map((r) => String(r.formulae[0]));
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.filter((f) => bare(f).includes(';'))).toEqual([]);

    const { workbook: again } = await loadXlsx(file);
    expect(again.getSpreadsheetLocale()).toBe('vi_VN');
    expect(again.getSpreadsheetTimeZone()).toBe('Asia/Bangkok');
    expect(formulasAndValues(again)).toEqual(before);
    // A rule reloaded is in the locale's syntax, so it still parses there.
    const sheet = again.getSheets().find((s) => s.getName() === 'Cấu hình');
    const target = sheet?.getRange(`D${CONFIG.unitsFirstRow}`).getDataValidation()?.getCriteriaValues()[0];
    expect(String(target)).toContain(';');
    const { SpreadsheetApp } = createServices(again);
    expect(SpreadsheetApp.newDataValidation().requireFormulaSatisfied(String(target)).build()).toBeTruthy();
  });

  it('keeps an en_US workbook en_US', async () => {
    const workbook = consolidated('en_US');
    const before = formulasAndValues(workbook);
    const file = path.join(dir, 'en.xlsx');
    await saveXlsx(workbook, file);
    const { workbook: again } = await loadXlsx(file);
    expect(again.getSpreadsheetLocale()).toBe('en_US');
    expect(formulasAndValues(again)).toEqual(before);
  });
});

if (!soffice) {
  console.warn('LibreOffice (soffice) is not installed: the recomputation test is skipped.');
}

(soffice ? describe : describe.skip)('LibreOffice recomputes every saved formula', () => {
  it('to the value tonghop cached, in a vi_VN workbook', async () => {
    const workbook = consolidated('vi_VN');
    const file = path.join(dir, 'lo.xlsx');
    await saveXlsx(workbook, file);
    const saved = await formulaCells(file);
    // A canary proves LibreOffice recomputes rather than keeping cached results: one result made wrong.
    const canary = saved.book.getWorksheet('Tổng hợp')?.getCell('G13');
    if (!canary || typeof canary.value !== 'object') throw new Error('no figure at Tổng hợp!G13');
    const truth = (canary.value as { result?: unknown }).result;
    canary.value = { formula: canary.formula, result: 999 } as ExcelJS.CellFormulaValue;
    const tampered = path.join(dir, 'tampered.xlsx');
    await saved.book.xlsx.writeFile(tampered);

    const out = await formulaCells(recomputeWithLibreOffice(tampered, path.join(dir, 'lo-out'), dir));
    const recomputed = new Map(out.cells.map((c) => [c.at, c.result]));
    expect(recomputed.get('Tổng hợp!G13')).toBe(truth);
    const norm = (v: unknown) =>
      v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v;
    // LibreOffice stores 15 significant digits, HyperFormula the full double.
    const same = (a: unknown, b: unknown) =>
      typeof a === 'number' && typeof b === 'number'
        ? Math.abs(a - b) <= 1e-13 * Math.max(1, Math.abs(a))
        : norm(a) === norm(b);
    // An array formula whose results nothing asked for is saved without them (stand-in/document/pending.ts):
    // LibreOffice's result is compared with what the stand-in reads there.
    const standIn = (at: string) => {
      const [name, a1] = [at.slice(0, at.lastIndexOf('!')), at.slice(at.lastIndexOf('!') + 1)];
      return workbook.getSheetByName(name)?.getRange(a1).getValue();
    };
    const uncalculated = (c: { result: unknown; array: boolean }) => c.array && c.result === undefined;
    expect(saved.cells.filter(uncalculated).length).toBeGreaterThan(0);
    const expected = (c: { at: string; result: unknown; array: boolean }) =>
      uncalculated(c) ? standIn(c.at) : c.result;
    const differ = saved.cells
      .filter((c) => !same(recomputed.get(c.at), expected(c)))
      .map(
        (c) =>
          `${c.at} ${c.formula}: cached ${String(norm(expected(c)))}, LibreOffice ${String(norm(recomputed.get(c.at)))}`
      );
    expect(saved.cells.length).toBeGreaterThan(100);
    expect(differ).toEqual([]);
  }, 240_000);
});
