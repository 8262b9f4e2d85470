/**
 * A unit's file as the lead's design protects it: ONE sheet protection whose editors are the office, with
 * the data cells B8:F1007 left unprotected (Protection.setUnprotectedRanges), so that the unit's staff type
 * only there. Acted out by the clerk who owns the file, an office colleague (a protection editor), the
 * unit's staff member (a file editor, not a protection editor) and a stranger.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NO_DOCUMENT_ACCESS, PROTECTED_MESSAGE, Workbook } from '../../src/stand-in';
import { NOT_A_SHEET_PROTECTION, NOT_ON_THE_SHEET } from '../../src/stand-in/google/protection';
import { saveXlsx } from '../../src/stand-in/xlsx';
import { COLLEAGUE, office, OWNER, STAFF_A, STRANGER, type Office } from './drive-office';

const q = JSON.stringify;

/** The unit's file in the office's Drive, shared for editing with the unit and the colleague, protected by the clerk. */
function unitFile(o: Office): string {
  const unit = new Workbook({ drive: o.drive, owner: OWNER, name: 'Phường Hải Dương - TDP01' });
  unit.file.share('writer', STAFF_A, COLLEAGUE);
  // The form's 7 header rows above 1,000 data rows, as a unit's sheet has them, and a few rows below.
  unit.getSheets()[0].insertRowsAfter(1000, 20);
  const id = unit.getId();
  const unprotected = o.run(
    OWNER,
    `const sheet = SpreadsheetApp.openById(${q(id)}).getSheets()[0];
     const protection = sheet.protect().setDescription('Chỉ bộ phận tổng hợp');
     protection.removeEditors(protection.getEditors().map(u => u.getEmail()));
     protection.addEditors([${q(COLLEAGUE)}]);
     protection.setUnprotectedRanges([sheet.getRange('B8:F1007')]);
     return protection.getUnprotectedRanges().map(r => r.getA1Notation());`
  );
  expect(unprotected).toEqual(['B8:F1007']);
  return id;
}

/** One write by `who` to `a1` of the unit's sheet: undefined, or what it threw. */
const write = (o: Office, who: string, id: string, a1: string) =>
  o.run(
    who,
    `const range = SpreadsheetApp.openById(${q(id)}).getSheets()[0].getRange(${q(a1)});
     range.setValues(range.getValues().map(row => row.map(() => 'x')));`
  );

const unprotectedNow = (o: Office, id: string) =>
  o.run(
    OWNER,
    `return SpreadsheetApp.openById(${q(id)}).getSheets()[0]
       .getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]
       .getUnprotectedRanges().map(r => r.getA1Notation());`
  );

const refused = { error: PROTECTED_MESSAGE };

describe('a unit’s staff member (a file editor, not a protection editor)', () => {
  it('types in the data cells and nowhere else', () => {
    const o = office();
    const id = unitFile(o);
    expect(write(o, STAFF_A, id, 'B8:F20')).toBeUndefined();
    expect(write(o, STAFF_A, id, 'F1007')).toBeUndefined();
    expect(
      o.run(OWNER, `return SpreadsheetApp.openById(${q(id)}).getSheets()[0].getRange('B20:F20').getValues();`)
    ).toEqual([['x', 'x', 'x', 'x', 'x']]);
    // The header, the columns either side, a block across the border, the row below.
    for (const a1 of ['A8', 'G8', 'A1:F7', 'B7:F8', 'A8:F8', 'B1007:B1008']) {
      expect(write(o, STAFF_A, id, a1)).toEqual(refused);
    }
    // Changes to the sheet itself are never inside the data cells.
    expect(
      o.run(STAFF_A, `SpreadsheetApp.openById(${q(id)}).getSheets()[0].insertRowsAfter(10, 1);`)
    ).toEqual(refused);
    expect(o.run(STAFF_A, `SpreadsheetApp.openById(${q(id)}).getSheets()[0].setFrozenRows(0);`)).toEqual(
      refused
    );
    // Nor can they widen their own area: setting the ranges takes edit rights on the protection.
    expect(
      o.run(
        STAFF_A,
        `const sheet = SpreadsheetApp.openById(${q(id)}).getSheets()[0];
         sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].setUnprotectedRanges([sheet.getRange('A1:Z1000')]);`
      )
    ).toEqual(refused);
    expect(unprotectedNow(o, id)).toEqual(['B8:F1007']);
  });

  it('keeps typing where the data moved when the office inserts or deletes rows', () => {
    const o = office();
    const id = unitFile(o);
    const sheetCall = (who: string, call: string) =>
      o.run(who, `SpreadsheetApp.openById(${q(id)}).getSheets()[0].${call};`);
    // Two rows inserted inside the data: the unprotected block grows with it.
    expect(sheetCall(COLLEAGUE, 'insertRowsAfter(10, 2)')).toBeUndefined();
    expect(unprotectedNow(o, id)).toEqual(['B8:F1009']);
    expect(write(o, STAFF_A, id, 'B11:F12')).toBeUndefined();
    expect(write(o, STAFF_A, id, 'F1009')).toBeUndefined();
    expect(write(o, STAFF_A, id, 'F1010')).toEqual(refused);
    // A row inserted in the header moves the block down: row 8 is the header's now.
    expect(sheetCall(COLLEAGUE, 'insertRowsAfter(3, 1)')).toBeUndefined();
    expect(unprotectedNow(o, id)).toEqual(['B9:F1010']);
    expect(write(o, STAFF_A, id, 'B8')).toEqual(refused);
    expect(write(o, STAFF_A, id, 'B9')).toBeUndefined();
    // Rows deleted above it move it up.
    expect(sheetCall(OWNER, 'deleteRows(1, 2)')).toBeUndefined();
    expect(unprotectedNow(o, id)).toEqual(['B7:F1008']);
    expect(write(o, STAFF_A, id, 'B7')).toBeUndefined();
    expect(write(o, STAFF_A, id, 'B6')).toEqual(refused);
  });

  it('types nowhere once the office sets no unprotected range; a stranger cannot open the file', () => {
    const o = office();
    const id = unitFile(o);
    expect(
      o.run(
        COLLEAGUE,
        `SpreadsheetApp.openById(${q(id)}).getSheets()[0].getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].setUnprotectedRanges([]);`
      )
    ).toBeUndefined();
    expect(unprotectedNow(o, id)).toEqual([]);
    expect(write(o, STAFF_A, id, 'B8')).toEqual(refused);
    expect(write(o, STRANGER, id, 'B8')).toEqual({ error: NO_DOCUMENT_ACCESS });
  });
});

describe('the office (editors of the protection) and the clerk who owns the file', () => {
  it('write anywhere, the data cells included', () => {
    const o = office();
    const id = unitFile(o);
    for (const who of [COLLEAGUE, OWNER]) {
      for (const a1 of ['A1:F7', 'A8', 'G8', 'B8:F20', 'A1:Z1000'])
        expect(write(o, who, id, a1)).toBeUndefined();
    }
  });

  it('are told unprotected ranges belong to a sheet protection, on this sheet', () => {
    const o = office();
    const id = unitFile(o);
    const result = o.run(
      OWNER,
      `const book = SpreadsheetApp.openById(${q(id)});
       const sheet = book.getSheets()[0];
       const header = sheet.getRange('A1:F7').protect();
       const other = book.insertSheet('Khác', 1);
       const out = { rangeUnprotected: header.getUnprotectedRanges().length };
       try { header.setUnprotectedRanges([sheet.getRange('B2')]); } catch (e) { out.onRange = e.message; }
       try {
         sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].setUnprotectedRanges([other.getRange('B8')]);
       } catch (e) { out.otherSheet = e.message; }
       return out;`
    );
    expect(result).toEqual({
      rangeUnprotected: 0,
      onRange: NOT_A_SHEET_PROTECTION,
      otherSheet: NOT_ON_THE_SHEET,
    });
    expect(unprotectedNow(o, id)).toEqual(['B8:F1007']);
  });
});

describe('the unit’s file saved as .xlsx (the CLI)', () => {
  it('saves, and says the protection (and so its unprotected ranges) was dropped', async () => {
    const o = office();
    const id = unitFile(o);
    const book = o.drive.file(id)?.workbook;
    if (!book) throw new Error('no unit file');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-unprotected-'));
    try {
      const { notes } = await saveXlsx(book, path.join(dir, 'TDP01.xlsx'));
      expect(notes).toContain('1 protections dropped (.xlsx cannot hold protection editors).');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
