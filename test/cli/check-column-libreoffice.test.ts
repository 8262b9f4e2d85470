/**
 * Issue #18's proof: a workbook `tonghop setup` wrote, with rows of every kind typed into a unit's sheet by
 * its staff, recomputed by LibreOffice (forced recalculation) and by HyperFormula (the stand-in): for every
 * typed row, the "Kiểm tra" column's class (blank / Hợp lệ / Lỗi / Cần kiểm tra) is the one
 * `tonghop check --json` gives, but for the differences the column leaves to Tổng hợp (NFD names,
 * residences written another way), where the column is kinder, never stricter.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { demoUnits } from '../../src/cli/demo-data';
import type { CheckResponse } from '../../src/core/sidebar-api';
import { loadXlsx, saveXlsx } from '../../src/stand-in';
import { UNIT_SHEET } from '../../src/core/layout';
import { unitSheet, unitTable } from '../support/add-on';
import { recomputeWithLibreOffice, soffice } from '../support/libreoffice';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');
const YEAR = new Date().getFullYear();
const FIRST = UNIT_SHEET.firstDataRow;
const G = UNIT_SHEET.checkColumn;

function tonghop(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`tonghop ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

type Klass = '' | 'Hợp lệ' | 'Lỗi' | 'Cần kiểm tra';
const classOf = (verdict: unknown): Klass => (String(verdict ?? '').split(':')[0] as Klass) ?? '';

/** Where the staff pastes a date cell (its date format comes with it) rather than typing text. */
const DATE_CELL = new Date(1985, 2, 15);

/** What the unit's staff types, row by row (Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú). */
const TYPED: { row: unknown[]; leftToTongHop?: true }[] = [
  { row: ['Nguyễn Văn An', '1980', '', 'Tổ dân phố số 1', ''] },
  { row: ['', '', '', '', 'chỉ có ghi chú: dòng trống'] },
  { row: ['', '1990', '', 'Tổ 2', ''] }, // no name
  { row: ['Hà', '1990', '', 'Tổ 2', ''] }, // one word
  { row: ['Trần Văn 2', '1990', '', 'Tổ 2', ''] }, // a digit
  { row: ['Lê Thị (Bình)', '1990', '', 'Tổ 2', ''] }, // brackets
  { row: ['Nguyễn '.repeat(9).trim(), '1990', '', 'Tổ 2', ''] }, // too long
  { row: ['Phạm Văn Cường', '', '', 'Tổ 3', ''] }, // no year
  { row: ['Phạm Văn Dũng', '85', '', 'Tổ 3', ''] }, // two digits
  { row: ['Phạm Văn Em', '3000', '', 'Tổ 3', ''] }, // out of range
  { row: ['Phạm Văn Giang', 'không nhớ', '', 'Tổ 3', ''] }, // not a year
  { row: ['Phạm Văn Hải', '31/02/1990', '', 'Tổ 3', ''] }, // not a date
  { row: ['Vũ Thị Hoa', '15/03/1985', '', 'Tổ 4', ''] }, // a date as text
  { row: ['Vũ Thị Hồng', '15.03.1985', '', 'Tổ 4', ''] },
  { row: ['Vũ Thị Huệ', DATE_CELL, '', 'Tổ 4', ''] }, // a date as a date (pasted with its format)
  { row: ['Đỗ Minh Khang', String(YEAR - 9), '', 'Tổ 4', ''] }, // under 14
  { row: ['Đỗ Minh Khôi', String(YEAR - 104), '', 'Tổ 4', ''] }, // over 100
  { row: ['Bùi Văn Lâm', '1970', '', '', ''] }, // no residence
  { row: ['Bùi Văn Long', '1970', '', '-', ''] },
  { row: ['  nguyễn   VĂN an ', '1980', '', ' tổ dân phố số 1', ''] }, // row 8 again, spaced and cased
  { row: ['Nguyễn Văn An', '1980', '', 'Tổ dân phố số 1', 'Không trùng'] }, // a real namesake
  { row: ['Nguye\u0302\u0303n Văn An', '1980', '', 'Tổ dân phố số 1', ''], leftToTongHop: true }, // NFD
  { row: ['Nguyễn Văn An', '1980', '', 'TDP 1', ''], leftToTongHop: true }, // the residence another way
  { row: ['Lò Thị Mai', '1995', 'Trường THCS', 'Tổ 5', ''] },
];

(soffice ? describe : describe.skip)('the Kiểm tra column recomputed by LibreOffice', () => {
  it('gives every typed row the class tonghop check gives it, in LibreOffice and in HyperFormula', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tonghop-check-lo-'));
    const book = join(dir, 'bao-cao.xlsx');
    const units = demoUnits(1);
    const unit = units.find((u) => u.emails !== '')!;
    const csv = join(dir, 'don-vi.csv');
    writeFileSync(
      csv,
      [
        'Mã,Tên đơn vị,Loại,Chỉ tiêu,Email người nhập,Người phụ trách,Số điện thoại',
        ...unitTable(units).map((r) => r.map((c) => `"${c}"`).join(',')),
      ].join('\n')
    );
    tonghop('init', book, '--units', csv, '--shared');
    tonghop('setup', book);

    // The unit's staff types the rows, and one more on the grid's last row (far below the template's rows).
    const { workbook } = await loadXlsx(book);
    const sheet = unitSheet(workbook, unit.code);
    const last = sheet.getMaxRows();
    workbook.share(unit.emails);
    workbook.actAs(unit.emails.split(',')[0]);
    sheet
      .getRange(FIRST, 2, TYPED.length, 5)
      .setValues(TYPED.map((t) => t.row.map((c) => (c === DATE_CELL ? '' : c))));
    const dateRow = FIRST + TYPED.findIndex((t) => t.row.includes(DATE_CELL));
    sheet.getRange(dateRow, 3).setNumberFormat('dd/MM/yyyy').setValue(DATE_CELL);
    sheet.getRange(last, 2, 1, 5).setValues([['Hoàng Thị Ngọc', 'abc', '', '', '']]);
    workbook.actAs(workbook.getOwner()!.getEmail());
    const rows = [...TYPED.map((_, i) => FIRST + i), last];
    const hyperFormula = new Map(rows.map((r) => [r, sheet.getRange(r, G).getValue()]));
    await saveXlsx(workbook, book);

    // The rules' own reading of every row.
    const check = JSON.parse(tonghop('check', book, '--unit', unit.code, '--json')) as CheckResponse;
    const expected = (row: number): Klass => {
      const problems = check.problems.filter((p) => p.row === row);
      const blank = row === FIRST + 1;
      if (blank) return '';
      if (problems.some((p) => p.level === 'error')) return 'Lỗi';
      if (problems.some((p) => p.level === 'warning')) return 'Cần kiểm tra';
      return 'Hợp lệ';
    };

    const out = recomputeWithLibreOffice(book, join(dir, 'lo'), dir);
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(out);
    const ws = excel.getWorksheet(sheet.getName())!;
    const libreOffice = (row: number): unknown => {
      const value = ws.getCell(row, G).value;
      return value && typeof value === 'object' && 'result' in value ? value.result : value;
    };

    for (const row of rows) {
      const typed = TYPED[row - FIRST];
      const lo = classOf(libreOffice(row));
      // LibreOffice and HyperFormula say the same words.
      expect({ row, words: String(libreOffice(row) ?? '') }).toEqual({
        row,
        words: String(hyperFormula.get(row)),
      });
      if (typed?.leftToTongHop) {
        // Tổng hợp calls it a repeat; the column, not seeing it, counts it: kinder, never stricter.
        expect({ row, check: expected(row), column: lo }).toEqual({ row, check: 'Lỗi', column: 'Hợp lệ' });
      } else {
        expect({ row, column: lo }).toEqual({ row, column: expected(row) });
      }
    }
    // Every kind of verdict was there.
    expect(new Set(rows.map((r) => classOf(libreOffice(r))))).toEqual(
      new Set(['', 'Hợp lệ', 'Lỗi', 'Cần kiểm tra'])
    );
  }, 600_000);
});
