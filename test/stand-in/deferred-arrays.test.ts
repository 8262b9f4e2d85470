/**
 * Deferred array formulas (src/stand-in/document/pending.ts): an `=ARRAYFORMULA(…)` waits outside
 * HyperFormula until something could observe what it fills. Whatever waits, every read, formula, saved
 * and reloaded file must be what it is when each array formula is evaluated as it is written: each test
 * does the same on a twin workbook that defers nothing (`deferArrays: false`) and compares, after checking
 * that the deferred one really had its formulas waiting (else the comparison proves nothing).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import * as ExcelJS from 'exceljs';
import { createServices, PROTECTED_MESSAGE, StandInSheet, Workbook } from '../../src/stand-in';
import { LOOSE_MIN_ROWS } from '../../src/stand-in/document/loose';
import { sheetToPdf } from '../../src/stand-in/pdf';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';
import { recomputeWithDefaultLibreOffice, soffice } from '../support/libreoffice';

const OWNER = 'owner@example.com';
const STAFF = 'to1@example.com';
const LAST = 30;

/**
 * A unit-like list (vi_VN): names in B, years in C, a verdict-like array in G that reads a helper array
 * in H (pending formulas reading pending ones, as the Kiểm tra column's G8 reads H8:M1007), and a date
 * array in I whose results Sheets formats as dates.
 */
const HELPER = `=ARRAYFORMULA(IF(LEN(TRIM(B8:B${LAST}))=0;"";LOWER(TRIM(B8:B${LAST}))&"|"&C8:C${LAST}))`;
const VERDICT = `=ARRAYFORMULA(IF(LEN(H8:H${LAST})=0;"";IF(MATCH(H8:H${LAST};H8:H${LAST};0)<ROW(H8:H${LAST})-7;"trùng dòng "&(MATCH(H8:H${LAST};H8:H${LAST};0)+7);"Hợp lệ")))`;
const DATES = `=ARRAYFORMULA(IF(ISNUMBER(C8:C${LAST});DATE(C8:C${LAST};1;1);""))`;
const ROWS: unknown[][] = [
  ['Nguyễn Văn An', 1980],
  ['Trần Thị Bình', 1985],
  ['  nguyễn văn  an ', 1980],
  ['', ''],
  ['Lê Cường', 1990],
];

function list(wb: Workbook): StandInSheet {
  return wb.getSheets()[0] as StandInSheet;
}

function build(deferArrays: boolean): Workbook {
  const wb = new Workbook({ deferArrays });
  createServices(wb);
  const sheet = list(wb);
  sheet.getRange(8, 2, ROWS.length, 2).setValues(ROWS);
  sheet.getRange('G8:I8').setFormulas([[VERDICT, HELPER, DATES]]);
  return wb;
}

/** The two workbooks, written alike; only the first defers its array formulas. */
function pair(): { deferred: Workbook; eager: Workbook } {
  return { deferred: build(true), eager: build(false) };
}

function both(wbs: { deferred: Workbook; eager: Workbook }, act: (wb: Workbook) => void): void {
  act(wbs.deferred);
  act(wbs.eager);
}

const pendingCount = (wb: Workbook) => wb.sheetObjects().reduce((n, sheet) => n + sheet.pending.size, 0);

/** What a user reads of every sheet: last row and column, values, display values, formulas, formats. */
function snapshot(wb: Workbook) {
  return wb.getSheets().map((sheet) => {
    const range = sheet.getDataRange();
    return {
      name: sheet.getName(),
      lastRow: sheet.getLastRow(),
      lastColumn: sheet.getLastColumn(),
      values: range.getValues(),
      display: range.getDisplayValues(),
      formulas: range.getFormulas(),
      formats: range.getNumberFormats(),
    };
  });
}

describe('an ARRAYFORMULA waits outside HyperFormula', () => {
  it('until read: its formula is known, a read elsewhere leaves it waiting, a read of what it fills does not', () => {
    const wbs = pair();
    expect(pendingCount(wbs.deferred)).toBe(3);
    expect(pendingCount(wbs.eager)).toBe(0);
    for (const wb of [wbs.deferred, wbs.eager]) {
      expect(list(wb).getRange('G7:I9').getFormulas()).toEqual([
        ['', '', ''],
        [VERDICT, HELPER, DATES],
        ['', '', ''],
      ]);
      // The form's columns, as Tổng hợp reads them.
      expect(list(wb).getRange(`A1:F${LAST}`).getValues()[9]).toEqual(['', ...ROWS[2], '', '', '']);
    }
    expect(pendingCount(wbs.deferred)).toBe(3);
    // One cell of the verdicts: G needs H (it reads H8:H30), not I.
    const g10 = (wb: Workbook) => list(wb).getRange('G10').getValues();
    expect(g10(wbs.deferred)).toEqual([['trùng dòng 8']]);
    expect(g10(wbs.deferred)).toEqual(g10(wbs.eager));
    expect([...list(wbs.deferred).pending.values()].map((p) => p.column)).toEqual([9]);
    // The dates: what Sheets infers for them (a date format) is an observation too.
    const formats = (wb: Workbook) => list(wb).getRange('I8:I9').getNumberFormats();
    expect(formats(wbs.deferred)).toEqual(formats(wbs.eager));
    expect(pendingCount(wbs.deferred)).toBe(0);
    expect(snapshot(wbs.deferred)).toEqual(snapshot(wbs.eager));
  });

  it('until the sheet’s last row or column is asked: its blank results count, as Sheets counts them', () => {
    const wbs = pair();
    const extent = (wb: Workbook) => [list(wb).getLastRow(), list(wb).getLastColumn()];
    expect(extent(wbs.deferred)).toEqual([LAST, 9]);
    expect(extent(wbs.deferred)).toEqual(extent(wbs.eager));
    expect(pendingCount(wbs.deferred)).toBe(0);
  });

  it('until a formula comes that reads what it fills: on its sheet, on another, or by a named range', () => {
    const wbs = pair();
    // A cell of their columns above what they fill (the unit's done tick, G6, mirrored in F6) is not theirs.
    both(wbs, (wb) => list(wb).getRange('F6').setFormula('=N(G6)'));
    expect(pendingCount(wbs.deferred)).toBe(3);
    expect(list(wbs.deferred).getRange('F6').getValue()).toBe(0);
    both(wbs, (wb) => {
      list(wb).getRange('K1').setFormula(`=COUNTIF(G8:G${LAST};"trùng*")`);
    });
    // G came in, and H with it; I is read by nothing.
    expect([...list(wbs.deferred).pending.values()].map((p) => p.column)).toEqual([9]);
    both(wbs, (wb) => {
      const other = wb.insertSheet('Đọc', 1);
      other.getRange('A1').setFormula(`=COUNT('Trang tính1'!I8:I${LAST})`);
    });
    expect(pendingCount(wbs.deferred)).toBe(0);
    for (const wb of [wbs.deferred, wbs.eager]) {
      expect(list(wb).getRange('K1').getValue()).toBe(1);
      expect(wb.getSheetByName('Đọc')?.getRange('A1').getValue()).toBe(4);
    }
    expect(snapshot(wbs.deferred)).toEqual(snapshot(wbs.eager));

    // A named range over what an array fills, defined after the formula that uses it.
    const named = pair();
    both(named, (wb) => {
      list(wb).getRange('K1').setFormula('=COUNTIF(KiemTra;"Hợp lệ")');
    });
    expect(pendingCount(named.deferred)).toBe(3);
    both(named, (wb) => wb.setNamedRange('KiemTra', list(wb).getRange(`G8:G${LAST}`)));
    expect([...list(named.deferred).pending.values()].map((p) => p.column)).toEqual([9]);
    expect(list(named.deferred).getRange('K1').getValue()).toBe(3);
    expect(snapshot(named.deferred)).toEqual(snapshot(named.eager));
  });

  it('is written into HyperFormula at once where a formula already reads its columns, or reads what no text tells', () => {
    const wbs = pair();
    both(wbs, (wb) => {
      list(wb).getRange('K1').setFormula(`=COUNTA(J8:J${LAST})`);
      list(wb).getRange('J8').setFormula(`=ARRAYFORMULA(B8:B${LAST}&"")`);
    });
    expect([...list(wbs.deferred).pending.values()].map((p) => p.column).sort()).toEqual([7, 8, 9]);
    // A formula reading the rows of its column above an array leaves the array waiting; one reading the rows
    // it fills takes it in as it is written.
    both(wbs, (wb) => {
      list(wb).getRange('K2').setFormula('=N(L6)');
      list(wb).getRange('K3').setFormula('=N(M9)');
      list(wb).getRange('L8').setFormula(`=ARRAYFORMULA(LEN(B8:B${LAST}))`);
      list(wb).getRange('M8').setFormula(`=ARRAYFORMULA(LEN(C8:C${LAST}))`);
    });
    expect([...list(wbs.deferred).pending.values()].map((p) => p.column).sort((a, b) => a - b)).toEqual([
      7, 8, 9, 12,
    ]);
    const indirect = pair();
    both(indirect, (wb) => wb.insertSheet('Gián tiếp', 1).getRange('A1').setFormula('=INDIRECT("A2")'));
    expect(pendingCount(indirect.deferred)).toBe(0);
    both(indirect, (wb) => list(wb).getRange('L8').setFormula(`=ARRAYFORMULA(LEN(B8:B${LAST}))`));
    expect(pendingCount(indirect.deferred)).toBe(0);
    expect(snapshot(wbs.deferred)).toEqual(snapshot(wbs.eager));
    expect(snapshot(indirect.deferred)).toEqual(snapshot(indirect.eager));
  });

  it('is blocked by what is typed under it, and fills again once it is cleared, as when it was in', () => {
    const wbs = pair();
    both(wbs, (wb) => list(wb).getRange('G11').setValue('gõ tay'));
    expect(pendingCount(wbs.deferred)).toBe(3);
    const g = (wb: Workbook) => list(wb).getRange('G8:G12').getValues();
    expect(g(wbs.deferred)).toEqual([['#REF!'], [''], [''], ['gõ tay'], ['']]);
    expect(g(wbs.deferred)).toEqual(g(wbs.eager));
    both(wbs, (wb) => list(wb).getRange('G11').clearContent());
    expect(g(wbs.deferred)).toEqual(g(wbs.eager));
    expect(g(wbs.deferred)[2][0]).toBe('trùng dòng 8');
    // Clearing the cells it fills changes nothing; clearing its own cell takes it away.
    const cleared = pair();
    both(cleared, (wb) => list(wb).getRange(`H9:H${LAST}`).clearContent());
    expect(pendingCount(cleared.deferred)).toBe(3);
    both(cleared, (wb) => list(wb).getRange('I8').clearContent());
    expect(pendingCount(cleared.deferred)).toBe(2);
    expect(snapshot(cleared.deferred)).toEqual(snapshot(cleared.eager));
  });

  it('keeps a bulk write under it out of the loose columns, so its block shows', () => {
    const n = LOOSE_MIN_ROWS + 50;
    const wbs = pair();
    both(wbs, (wb) => {
      const sheet = list(wb);
      sheet.insertRowsAfter(1000, n);
      sheet.getRange(2, 4, n, 1).setValues(Array.from({ length: n }, (_, i) => [`dòng ${i}`]));
      sheet.getRange('D1').setFormula(`=ARRAYFORMULA(B1:B${n}&"")`);
    });
    expect(list(wbs.deferred).loose.size).toBe(0);
    // Rows added at the grid's foot move nothing the arrays fill or read: they kept waiting.
    expect(pendingCount(wbs.deferred)).toBe(4);
    expect(list(wbs.deferred).getRange('D1:D2').getValues()).toEqual([['#REF!'], ['dòng 0']]);
    expect(snapshot(wbs.deferred)).toEqual(snapshot(wbs.eager));
  });

  it('comes in before rows or columns move, and before a sheet it names is renamed or deleted', () => {
    // Rows inserted above (everything moves) and inside the list, deleted inside it.
    const rows = pair();
    both(rows, (wb) => list(wb).insertRowsAfter(3, 2));
    expect(pendingCount(rows.deferred)).toBe(0);
    expect(list(rows.deferred).getRange('H10').getFormulas()[0][0]).toBe(
      HELPER.replace(/(\D)8:/g, '$110:').replace(new RegExp(`${LAST}`, 'g'), String(LAST + 2))
    );
    both(rows, (wb) => {
      list(wb).deleteRows(13, 1);
      list(wb).getRange('B12').setValue('Nguyễn Văn An');
    });
    expect(snapshot(rows.deferred)).toEqual(snapshot(rows.eager));
    // Inside an array no other array reads (HyperFormula cannot insert inside one that another reads: below).
    const inside = pair();
    both(inside, (wb) => {
      list(wb).getRange('G8:H8').clearContent();
      list(wb).insertRowsAfter(9, 2);
    });
    expect(list(inside.deferred).getRange('I8').getFormulas()[0][0]).toBe(
      DATES.replace(new RegExp(`${LAST}`, 'g'), String(LAST + 2))
    );
    expect(snapshot(inside.deferred)).toEqual(snapshot(inside.eager));

    const columns = pair();
    both(columns, (wb) => {
      list(wb).insertColumnsAfter(1, 1);
      list(wb).deleteColumns(11, 1);
    });
    expect(list(columns.deferred).getRange('H8').getFormulas()[0][0]).toBe(VERDICT.replace(/H(\d)/g, 'I$1'));
    expect(snapshot(columns.deferred)).toEqual(snapshot(columns.eager));

    const names = pair();
    both(names, (wb) => {
      const other = wb.insertSheet('Nguồn', 1);
      other.getRange('A1:A3').setValues([[1], [2], [3]]);
      const gone = wb.insertSheet('Tạm', 2);
      gone.getRange('A1').setValue(5);
      list(wb)
        .getRange('K1:L1')
        .setFormulas([["=ARRAYFORMULA('Nguồn'!A1:A3*2)", "=ARRAYFORMULA('Tạm'!A1:A2+1)"]]);
    });
    expect(pendingCount(names.deferred)).toBe(5);
    both(names, (wb) => {
      wb.getSheetByName('Nguồn')?.setName('Nguồn mới');
      wb.deleteSheet(wb.getSheetByName('Tạm') as StandInSheet);
    });
    const kl = (wb: Workbook) => list(wb).getRange('K1:L2').getFormulas();
    expect(kl(names.deferred)[0][0]).toBe("=ARRAYFORMULA('Nguồn mới'!A1:A3*2)");
    expect(kl(names.deferred)).toEqual(kl(names.eager));
    expect(pendingCount(names.deferred)).toBe(3);
    expect(snapshot(names.deferred)).toEqual(snapshot(names.eager));
  });

  it('fails, as HyperFormula 3 does, to insert rows inside an array that another array reads', () => {
    // HyperFormula's own limit (fixArraysAfterAddingRow meets the empty cells it made for the reading
    // range): the same with or without deferral. Sheets inserts the rows; the stand-in is stricter here.
    const wbs = pair();
    for (const wb of [wbs.deferred, wbs.eager])
      expect(() => list(wb).insertRowsAfter(9, 2)).toThrow('Cannot move cell. Destination already occupied.');
  });

  it('stays waiting in a copy of its sheet, and through a change of locale', () => {
    const wbs = pair();
    both(wbs, (wb) => {
      // The template's done-tick mirror reads its columns above what they fill: the copy's arrays wait too.
      list(wb).getRange('F6').setFormula('=N(G6)');
      wb.insertSheet('Bản sao', 1, { template: list(wb) });
      wb.setSpreadsheetLocale('en_US');
    });
    expect(pendingCount(wbs.deferred)).toBe(6);
    const copy = (wb: Workbook) => wb.getSheetByName('Bản sao') as StandInSheet;
    expect(copy(wbs.deferred).getRange('G8').getFormulas()[0][0]).toBe(VERDICT.replace(/;/g, ','));
    expect(copy(wbs.deferred).getRange('G8:I8').getFormulas()).toEqual(
      copy(wbs.eager).getRange('G8:I8').getFormulas()
    );
    expect(snapshot(wbs.deferred)).toEqual(snapshot(wbs.eager));
  });

  it('guards the cells it fills as the eager twin does: a protected block refuses a staff member', () => {
    const wbs = pair();
    const attempts: string[][] = [];
    both(wbs, (wb) => {
      wb.share(STAFF);
      const p = list(wb).getRange(`G8:I${LAST}`).protect();
      p.removeEditors(p.getEditors().map((u) => u.getEmail()));
      wb.actAs(STAFF);
      const tried: string[] = [];
      for (const act of [
        () => list(wb).getRange('G9').setValue('x'),
        () => list(wb).getRange('B13').setValue('Phạm Dung'),
      ]) {
        try {
          act();
          tried.push('ok');
        } catch (error) {
          tried.push(error instanceof Error ? error.message : String(error));
        }
      }
      wb.actAs(OWNER);
      attempts.push(tried);
    });
    expect(attempts[0]).toEqual([PROTECTED_MESSAGE, 'ok']);
    expect(attempts[1]).toEqual(attempts[0]);
    expect(pendingCount(wbs.deferred)).toBe(3);
    expect(snapshot(wbs.deferred)).toEqual(snapshot(wbs.eager));
  });

  it('is printed as computed: the PDF of a sheet is the eager twin’s, byte for byte', async () => {
    const wbs = pair();
    const creationDate = new Date('2026-01-02T03:04:05Z');
    const deferred = await sheetToPdf(list(wbs.deferred), { creationDate });
    const eager = await sheetToPdf(list(wbs.eager), { creationDate });
    expect(pendingCount(wbs.deferred)).toBe(0);
    expect(deferred.bytes.equals(eager.bytes)).toBe(true);
  });
});

describe('deferred array formulas in .xlsx files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-deferred-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const part = (file: string, name: string) => strFromU8(unzipSync(fs.readFileSync(file))[name]);

  it('are saved without results, the workbook marked for a full calculation on load, and read back alike', async () => {
    const wbs = pair();
    const files = { deferred: path.join(dir, 'deferred.xlsx'), eager: path.join(dir, 'eager.xlsx') };
    await saveXlsx(wbs.deferred, files.deferred);
    await saveXlsx(wbs.eager, files.eager);
    // Saving computed nothing.
    expect(pendingCount(wbs.deferred)).toBe(3);
    const sheet = part(files.deferred, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain(`<c r="G8"><f t="array" ref="G8:G${LAST}">`);
    expect(sheet).not.toMatch(/<c r="G8"[^>]*>(?:(?!<\/c>).)*<v>/);
    expect(sheet).not.toContain('r="G10"');
    expect(part(files.deferred, 'xl/workbook.xml')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    // The eager twin's file carries every result and asks for nothing.
    expect(part(files.eager, 'xl/worksheets/sheet1.xml')).toMatch(/<c r="G10" t="s"><v>\d+<\/v>/);
    expect(part(files.eager, 'xl/workbook.xml')).not.toContain('fullCalcOnLoad');
    // ExcelJS reads it as Excel would: an array formula over the same cells, no result yet.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.deferred);
    expect(book.worksheets[0].getCell('H8').value).toMatchObject({ shareType: 'array', ref: `H8:H${LAST}` });

    // Either file, read either way, reads as the workbooks did.
    const truth = snapshot(wbs.eager);
    for (const file of [files.deferred, files.eager]) {
      const deferred = (await loadXlsx(file)).workbook;
      const eager = (await loadXlsx(file, { deferArrays: false })).workbook;
      expect(pendingCount(deferred)).toBe(3);
      expect(list(deferred).detached).not.toBeNull();
      expect(pendingCount(eager)).toBe(0);
      expect(list(deferred).getRange(`A1:F${LAST}`).getValues()).toEqual(
        list(eager).getRange(`A1:F${LAST}`).getValues()
      );
      expect(list(deferred).detached).not.toBeNull();
      expect(snapshot(deferred)).toEqual(truth);
      expect(snapshot(eager)).toEqual(truth);
    }
    expect(snapshot(wbs.deferred)).toEqual(truth);
  });

  it('keep a blocked array to its own cell in the file', async () => {
    const wb = build(true);
    list(wb).getRange('H12').setValue('chặn');
    const file = path.join(dir, 'blocked.xlsx');
    await saveXlsx(wb, file);
    expect(part(file, 'xl/worksheets/sheet1.xml')).toContain('<f t="array" ref="H8">');
    const back = (await loadXlsx(file)).workbook;
    expect(list(back).getRange('H8').getValue()).toBe('#REF!');
    expect(list(wb).getRange('H8').getValue()).toBe('#REF!');
  });
});

if (!soffice) console.warn('LibreOffice (soffice) is not installed: the default-settings test is skipped.');

(soffice ? describe : describe.skip)('LibreOffice, with its default settings', () => {
  it('computes the array formulas saved without results to the values the stand-in reads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-deferred-lo-'));
    try {
      const wb = build(true);
      list(wb).getRange('K1').setFormula('=LEN(B8)');
      const file = path.join(dir, 'pending.xlsx');
      await saveXlsx(wb, file);
      expect(pendingCount(wb)).toBe(3);
      // A plain formula's cached result made wrong: LibreOffice's defaults trust cached results (the file's
      // fullCalcOnLoad does not change that), and compute the formulas that come without one.
      const parts = unzipSync(fs.readFileSync(file));
      const xml = strFromU8(parts['xl/worksheets/sheet1.xml']);
      const tampered = xml.replace(/(<c r="K1"[^>]*><f>LEN\(B8\)<\/f><v>)13</, '$1999<');
      expect(tampered).not.toBe(xml);
      parts['xl/worksheets/sheet1.xml'] = strToU8(tampered);
      fs.writeFileSync(file, zipSync(parts));
      const out = recomputeWithDefaultLibreOffice(file, path.join(dir, 'out'), dir);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      const ws = book.worksheets[0];
      const theirs = (r: number, c: number) => {
        const v = ws.getCell(r, c).value as { result?: unknown } | string | number | null;
        return (v !== null && typeof v === 'object' && 'result' in v ? v.result : v) ?? '';
      };
      // The verdicts and the helper they read (the dates' column shows as LibreOffice formats it).
      const mine = list(wb)
        .getRange(8, 7, LAST - 7, 2)
        .getValues();
      const differ: string[] = [];
      for (let r = 8; r <= LAST; r++)
        for (let c = 7; c <= 8; c++)
          if (theirs(r, c) !== mine[r - 8][c - 7])
            differ.push(
              `${ws.getCell(r, c).address}: ${String(mine[r - 8][c - 7])} / ${String(theirs(r, c))}`
            );
      expect(differ).toEqual([]);
      expect(mine[2][0]).toBe('trùng dòng 8');
      expect(theirs(1, 11)).toBe(999);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
