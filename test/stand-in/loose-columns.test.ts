/**
 * Loose columns (src/stand-in/document/loose.ts): bulk plain columns that no formula reads stay out of
 * HyperFormula. Whatever is kept where, every read, formula and saved file must be what it would be
 * with every cell in HyperFormula: each test does the same on a workbook where nothing can be loose
 * (a formula reading everything through INDIRECT) and compares.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StandInSheet, Workbook } from '../../src/stand-in';
import { formulaReads, LOOSE_MIN_ROWS } from '../../src/stand-in/document/loose';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';

const ROWS = LOOSE_MIN_ROWS + 100;

/** A master-list-like block: Stt, name, birth year, a link formula, a status. */
function masterRows(from = 1): unknown[][] {
  return Array.from({ length: ROWS }, (_, i) => [
    from + i,
    i % 3 === 0 ? 'An' : `Người ${i}`,
    i % 7 === 0 ? '' : 1950 + (i % 50),
    `=HYPERLINK("#gid=1&range=A${i + 5}";"Tổ 1 - dòng ${i + 5}")`,
    i % 4 === 0 ? 'Lỗi: thiếu năm sinh' : 'Hợp lệ',
  ]);
}

/** Two workbooks, written alike; in the second a formula reads every sheet, so nothing is loose. */
function pair(): { loose: Workbook; plain: Workbook } {
  const loose = new Workbook();
  const plain = new Workbook();
  const ref = plain.insertSheet('Ref', 1);
  ref.getRange('A1').setFormula('=INDIRECT("A2")');
  return { loose, plain };
}

function both(wbs: { loose: Workbook; plain: Workbook }, act: (wb: Workbook) => void): void {
  act(wbs.loose);
  act(wbs.plain);
}

function master(wb: Workbook): StandInSheet {
  return wb.getSheets()[0] as StandInSheet;
}

function snapshot(wb: Workbook) {
  const sheet = master(wb);
  const range = sheet.getDataRange();
  return {
    lastRow: sheet.getLastRow(),
    lastColumn: sheet.getLastColumn(),
    values: range.getValues(),
    display: range.getDisplayValues(),
    formulas: range.getFormulas(),
  };
}

describe('loose columns of a bulk write', () => {
  it('keeps plain columns no formula reads out of the engine, and reads them back as written', () => {
    const wbs = pair();
    both(wbs, (wb) => {
      const sheet = master(wb);
      sheet.insertRowsAfter(1000, 1000);
      sheet.getRange('A1:E1').setValues([['Stt', 'Họ và tên', 'Năm sinh', 'Nguồn', 'Trạng thái']]);
      sheet.getRange(2, 1, ROWS, 5).setValues(masterRows());
    });
    // The plain columns (Stt, name, year, status) and the plain link formulas are loose.
    expect([...master(wbs.loose).loose.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(master(wbs.plain).loose.size).toBe(0);
    const got = snapshot(wbs.loose);
    expect(got).toEqual(snapshot(wbs.plain));
    expect(got.values[1]).toEqual([1, 'An', '', 'Tổ 1 - dòng 5', 'Lỗi: thiếu năm sinh']);
    expect(got.lastRow).toBe(ROWS + 1);
  });

  it('keeps a loose column loose for the small last chunk of a list written in chunks, not for a formula', () => {
    const wbs = pair();
    both(wbs, (wb) => {
      const sheet = master(wb);
      sheet.getRange(1, 1, ROWS, 5).setValues(masterRows());
      // The tail: fewer rows than a bulk write, plain contents but a computed year in one row.
      const tail = masterRows(ROWS + 1).slice(0, 40);
      tail[5][2] = '=1900+86';
      sheet.getRange(ROWS + 1, 1, tail.length, 5).setValues(tail);
    });
    // Every column stays loose; the year's tail, holding a formula, went to the engine, computed there.
    expect([...master(wbs.loose).loose.keys()].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(master(wbs.loose).loose.get(1)).toHaveLength(ROWS + 40);
    expect(master(wbs.loose).loose.get(3)).toHaveLength(ROWS);
    const got = snapshot(wbs.loose);
    expect(got).toEqual(snapshot(wbs.plain));
    expect(got.lastRow).toBe(ROWS + 40);
    expect(got.values[ROWS + 5]).toEqual([ROWS + 6, 'Người 5', 1986, 'Tổ 1 - dòng 10', 'Hợp lệ']);
  });

  it('moves a column into the engine when a formula comes to read it, by reference or by name', () => {
    const wbs = pair();
    both(wbs, (wb) => {
      master(wb).getRange(1, 1, ROWS, 5).setValues(masterRows());
      const summary = wb.insertSheet('Tổng hợp', 1);
      summary.getRange('A1:B1').setFormulas([[`=COUNTIF('Trang tính1'!E1:E${ROWS};"Lỗi*")`, '=SUM(Năm)']]);
      wb.setNamedRange('Năm', master(wb).getRange(`C1:C${ROWS}`));
      // A formula of the same sheet, unqualified.
      master(wb).getRange(`F1`).setFormula(`=COUNTA(B1:B${ROWS})`);
    });
    const sheet = master(wbs.loose);
    expect([...sheet.loose.keys()].sort()).toEqual([1, 4]);
    for (const wb of [wbs.loose, wbs.plain]) {
      const summary = wb.getSheetByName('Tổng hợp') as StandInSheet;
      expect(summary.getRange('A1:B1').getValues()).toEqual([
        [Math.ceil(ROWS / 4), masterRows().reduce((n, r) => n + (typeof r[2] === 'number' ? r[2] : 0), 0)],
      ]);
      expect(master(wb).getRange('F1').getValue()).toBe(ROWS);
    }
    // Later changes to a column now in the engine reach the formulas that read it.
    both(wbs, (wb) =>
      master(wb)
        .getRange(1, 1, ROWS, 5)
        .setValues(masterRows().map((r) => [...r.slice(0, 4), 'Lỗi']))
    );
    for (const wb of [wbs.loose, wbs.plain])
      expect((wb.getSheetByName('Tổng hợp') as StandInSheet).getRange('A1').getValue()).toBe(ROWS);
  });

  it('keeps a link out of the engine only when its text is plain and in the locale’s separators', () => {
    const wbs = pair();
    const links = (label: (i: number) => string) =>
      Array.from({ length: ROWS }, (_, i) => [`=HYPERLINK("#gid=1&range=A${i + 1}";"${label(i)}")`]);
    both(wbs, (wb) => {
      const sheet = master(wb);
      sheet.getRange(1, 1, ROWS, 1).setValues(links((i) => `Tổ 1 - dòng ${i + 1}`));
      // A quote inside the label, and ',' between the arguments in a ';' locale: the engine decides.
      sheet.getRange(1, 2, ROWS, 1).setValues(links((i) => (i === 7 ? 'Tổ ""A"" - dòng 8' : `dòng ${i}`)));
      sheet
        .getRange(1, 3, ROWS, 1)
        .setValues(links((i) => `dòng ${i}`).map(([f], i) => [i === 3 ? f.replace(';', ',') : f]));
    });
    expect([...master(wbs.loose).loose.keys()]).toEqual([1]);
    const got = snapshot(wbs.loose);
    expect(got).toEqual(snapshot(wbs.plain));
    expect(got.values[0][0]).toBe('Tổ 1 - dòng 1');
    expect(got.formulas[0][0]).toBe('=HYPERLINK("#gid=1&range=A1";"Tổ 1 - dòng 1")');
  });

  it('keeps columns loose on a sheet sized by column inserts and deletes before any formula reads it', () => {
    const wbs = pair();
    both(wbs, (wb) => {
      const sheet = master(wb);
      sheet.deleteColumns(6, 20);
      sheet.insertColumnsAfter(5, 2);
      sheet.getRange(1, 1, ROWS, 5).setValues(masterRows());
      const summary = wb.insertSheet('Tổng hợp', 1);
      summary.getRange('A1').setFormula(`=COUNTIF('Trang tính1'!E1:E${ROWS};"Lỗi*")`);
    });
    expect([...master(wbs.loose).loose.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(snapshot(wbs.loose)).toEqual(snapshot(wbs.plain));
    for (const wb of [wbs.loose, wbs.plain])
      expect((wb.getSheetByName('Tổng hợp') as StandInSheet).getRange('A1').getValue()).toBe(
        Math.ceil(ROWS / 4)
      );
    // Once a formula reads the sheet, moving columns again keeps nothing loose that it might read.
    both(wbs, (wb) => master(wb).insertColumnsAfter(1, 1));
    expect(master(wbs.loose).loose.size).toBe(0);
    expect(snapshot(wbs.loose)).toEqual(snapshot(wbs.plain));
  });

  it('follows small edits, clearing, inserted and deleted rows and columns as the engine would', () => {
    const wbs = pair();
    both(wbs, (wb) => {
      const sheet = master(wb);
      sheet.getRange(1, 1, ROWS, 5).setValues(masterRows());
      sheet.getRange('B3').setValue('Bình');
      sheet.getRange('C10:C12').setValues([['=1+1'], [1999], ['']]);
      sheet.getRange('A20:E25').clearContent();
      sheet.insertRowsAfter(30, 5);
      sheet.deleteRows(2, 3);
      sheet.getRange(`A${ROWS - 50}:E${ROWS + 10}`).clearContent();
    });
    expect(snapshot(wbs.loose)).toEqual(snapshot(wbs.plain));
    expect(master(wbs.loose).loose.size).toBeGreaterThan(0);
    both(wbs, (wb) => master(wb).insertColumnsAfter(1, 2));
    expect(master(wbs.loose).loose.size).toBe(0);
    expect(snapshot(wbs.loose)).toEqual(snapshot(wbs.plain));
  });

  it('saves and loads loose contents in the .xlsx as the engine’s', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-loose-'));
    try {
      const wbs = pair();
      both(wbs, (wb) => {
        master(wb).getRange(1, 1, ROWS, 5).setValues(masterRows());
        master(wb).getRange('A1').setValue("'=không phải công thức");
      });
      const files = { loose: path.join(dir, 'loose.xlsx'), plain: path.join(dir, 'plain.xlsx') };
      await saveXlsx(wbs.loose, files.loose);
      await saveXlsx(wbs.plain, files.plain);
      const back = {
        loose: (await loadXlsx(files.loose)).workbook,
        plain: (await loadXlsx(files.plain)).workbook,
      };
      expect(snapshot(back.loose)).toEqual(snapshot(back.plain));
      expect(snapshot(back.loose)).toEqual(snapshot(wbs.loose));
      expect(master(back.loose).getRange('A1:B2').getValues()).toEqual([
        ['=không phải công thức', 'An'],
        [2, 'Người 1'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('formulaReads', () => {
  it('finds every column a formula may read, and gives up on INDIRECT and OFFSET', () => {
    expect(formulaReads(`=COUNTIF('Danh sách tổng hợp'!$I$5:$I$754;"Hợp lệ")+SUM(A1:B2)`)).toEqual({
      refs: [
        { sheetName: 'Danh sách tổng hợp', columns: { c1: 9, c2: 9 }, rows: { r1: 5, r2: 754 } },
        { sheetName: null, columns: { c1: 1, c2: 2 }, rows: { r1: 1, r2: 2 } },
      ],
      names: [],
    });
    expect(formulaReads(`=HYPERLINK("#gid=1&range=A8";"Tổ 'A' - dòng 8")`)).toEqual({ refs: [], names: [] });
    expect(formulaReads('=SUM(Sheet1!C:D)+COUNTA(5:5)+Năm')).toEqual({
      refs: [
        { sheetName: 'Sheet1', columns: { c1: 3, c2: 4 } },
        { sheetName: null, columns: 'all', rows: { r1: 5, r2: 5 } },
      ],
      names: ['Năm'],
    });
    // A range open at one end (rows 5 to the sheet's end) reads every row, as far as the stand-in tells.
    expect(formulaReads('=SUM(A5:B)')).toEqual({
      refs: [{ sheetName: null, columns: { c1: 1, c2: 2 } }],
      names: [],
    });
    expect(formulaReads('=SUM(INDIRECT("A1"))')).toBe('unknowable');
    expect(formulaReads('=OFFSET(A1;1;1)')).toBe('unknowable');
  });
});

describe('a deleted sheet', () => {
  it('lets its loose columns go, and what formulas read of it passes to a new sheet of its name', () => {
    const wb = new Workbook();
    const old = wb.insertSheet('Danh sách', 1);
    old.getRange(1, 1, ROWS, 5).setValues(masterRows());
    const reader = wb.insertSheet('Đọc', 2);
    reader.getRange('A1').setFormula(`=COUNTA('Danh sách'!B1:B${ROWS})`);
    expect(reader.getRange('A1').getValue()).toBe(ROWS);
    expect((old as StandInSheet).loose.size).toBeGreaterThan(0);
    wb.deleteSheet(old);
    expect((old as StandInSheet).loose.size).toBe(0);
    const again = wb.insertSheet('Danh sách', 1) as StandInSheet;
    again.getRange(1, 1, ROWS, 5).setValues(masterRows());
    // Column B may be read by the formula written before: it is not loose.
    expect(again.loose.has(2)).toBe(false);
    expect(again.loose.has(1)).toBe(true);
  });
});
