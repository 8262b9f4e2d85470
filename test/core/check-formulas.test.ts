/**
 * The Kiểm tra column's formulas against the core's own verdict (`unitVerdicts`, from checkUnitRows): the
 * formulas are evaluated by HyperFormula in the stand-in, row by row, for every rule and for a large
 * mixed sheet. The only differences allowed are the ones the formulas' header says Tổng hợp decides.
 */
import { checkColumnFormulas } from '../../src/core/check-formulas';
import { UNIT_SHEET, UNIT_SHEET_COL, checkFormulasRow } from '../../src/core/layout';
import { formulasFor } from '../../src/core/formulas';
import { unitVerdicts } from '../../src/core/verdict';
import { Workbook } from '../../src/stand-in';

const YEAR = 2026;
const FIRST = UNIT_SHEET.firstDataRow;
const CLERK = 'van.thu@haiduong.example';

/** Rows as typed (Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú); strings as typed text. */
type Typed = readonly [unknown, unknown, unknown, unknown, unknown];

/** The verdicts the column shows for `rows`, from the formulas alone, on a sheet of `gridRows` data rows. */
function columnFor(rows: readonly Typed[], gridRows = rows.length + 5, locale = 'vi_VN'): unknown[] {
  const workbook = new Workbook({ owner: CLERK, locale });
  const sheet = workbook.getSheets()[0];
  const last = FIRST + gridRows - 1;
  if (last > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), last - sheet.getMaxRows());
  // Năm sinh is a plain-text column: what is typed there stays text, as Thiết lập formats it.
  sheet.getRange(FIRST, UNIT_SHEET_COL.birthYear, gridRows, 1).setNumberFormat('@');
  if (rows.length > 0)
    sheet.getRange(FIRST, UNIT_SHEET_COL.name, rows.length, 5).setValues(rows.map((r) => [...r]));
  // In the table's header row, as Thiết lập writes them: they give the headers there.
  sheet
    .getRange(FIRST - 1, UNIT_SHEET_COL.check, 1, UNIT_SHEET.lastColumn - UNIT_SHEET_COL.check + 1)
    .setFormulas([checkFormulasRow(formulasFor(locale), FIRST - 1, last, YEAR)]);
  expect(sheet.getRange(FIRST - 1, UNIT_SHEET_COL.check).getValue()).toBe('Kiểm tra');
  return sheet
    .getRange(FIRST, UNIT_SHEET_COL.check, rows.length, 1)
    .getValues()
    .map((cells) => cells[0]);
}

/** What the core says of the same rows. */
function coreFor(rows: readonly Typed[]): string[] {
  return unitVerdicts(
    rows.map((r) => ['', ...r]),
    FIRST,
    YEAR
  );
}

const ok = (name: unknown, year: unknown, residence: unknown, note = ''): Typed => [
  name,
  year,
  '',
  residence,
  note,
];

describe('Kiểm tra column formulas', () => {
  it('give the core’s verdict for every rule, in the core’s words', () => {
    const rows: Typed[] = [
      ok('Nguyễn Văn An', '1980', 'Tổ dân phố số 1'),
      ['', '', '', '', 'chỉ có ghi chú'],
      ok('Hà', '12/05/2020', ''),
      ok('Lê Thị Bình', '12/05/1985', 'Tổ 2'),
      ok('nguyễn  văn an', '1980', ' Tổ dân phố số 1 '),
      ok('Nguyễn Văn An', '1980', 'Tổ dân phố số 1', 'Không trùng'),
      ok('Trần Văn Cường', '1920', 'Tổ 3'),
      ok('Nguyễn Văn Bình', '85', 'Tổ 1'),
      ok('Nguyễn\u00a0Văn\u200b An', '1980', 'Tổ dân phố\tsố 1'),
      ok('Nguyễn Văn 2', '1980', 'Tổ 1'),
      ok('Nguyễn Văn A.', '', '-'),
      ok('Nguye\u0302\u0303n Văn Ba', '2015', 'Tổ 4'),
      ok('Nguyễn '.repeat(9), '1990', 'Tổ 4'),
      ['', ' ', '', ' ', ''],
      ok('Phạm Văn Chín', '31/02/1990', 'Tổ 5'),
      ok('Phạm Văn Chín', '29.02.2000', 'Tổ 5'),
      ok('Phạm Văn Dũng', '1-1-1850', 'Tổ 5'),
      ok('Phạm Văn Dũng', 'không rõ', 'Tổ 5'),
      ok('Phạm Văn Phúc', '2027', 'Tổ 5'),
      ok("H'Hen Niê", '1990', 'Buôn Ea Tu'),
      ok('Y-Moan Ê Ban', '1990', 'Buôn Ea Tu'),
      ok('Hà -', '1990', 'Tổ 6'),
      ok('Đỗ Thị Hoa (mẹ)', '1960', 'Tổ 6'),
      ok('Đỗ “Hoa”', '1960', 'Tổ 6'),
      ok('Vũ Văn Khánh', '1926', 'Tổ 7'),
      ok('Vũ Văn Khánh', '1926', 'tổ 7'),
      ok('Vũ Văn Khánh', '1926', 'Tổ 7', 'khong trung'),
      ok('Vũ Văn Khánh', '1926', 'Tổ 7'),
      ok('', '1990', 'Tổ 8'),
      ok('Lò Văn Xuân', '  1990 ', '*'),
      [new Date(0), '1990', '', 'Tổ 8', ''],
      ok('Bùi Thị Lan', '05-11-2013', 'Số 5, ngõ 2\\3'),
    ];
    const formulas = columnFor(rows);
    const core = coreFor(rows);
    expect(formulas).toEqual(core);
    // Every kind of verdict is there, so the comparison means something.
    expect(new Set(core.map((v) => v.split(':')[0]))).toEqual(new Set(['', 'Hợp lệ', 'Lỗi', 'Cần kiểm tra']));
    expect(core).toContain('Lỗi: trùng dòng 32');
  });

  it('read a number typed into Năm sinh before it was plain text as a year, or kindly as a date', () => {
    const rows: Typed[] = [
      ok('Nguyễn Văn An', 1980, 'Tổ 1'),
      ok('Nguyễn Văn Bình', 2020, 'Tổ 1'),
      ok('Nguyễn Văn Cường', 85, 'Tổ 1'),
      ok('Nguyễn Văn Dũng', 3000, 'Tổ 1'),
      ok('Nguyễn Văn Em', 1985.5, 'Tổ 1'),
      ok('Nguyễn Văn Giang', 60000, 'Tổ 1'),
    ];
    const column = columnFor(rows);
    const core = coreFor(rows);
    // A whole year, and a number far past any date of birth, as the core says.
    expect([column[0], column[1], column[5]]).toEqual([core[0], core[1], core[5]]);
    // A number that is not a year could be a date cell (whose format no formula sees): never an error
    // in the column; Tổng hợp calls it one.
    expect([core[2], core[3], core[4]].every((v) => v.startsWith('Lỗi:'))).toBe(true);
    expect([column[2], column[3], column[4]]).toEqual([
      'Cần kiểm tra: năm sinh ghi cả ngày; trên 100 tuổi',
      'Cần kiểm tra: năm sinh ghi cả ngày; trên 100 tuổi',
      'Cần kiểm tra: năm sinh ghi cả ngày; trên 100 tuổi',
    ]);
  });

  it('agree with the core on 2,000 mixed rows, and never call an error what the core counts', () => {
    const rows = mixedRows(2000, 17);
    const column = columnFor(rows, 2000);
    const core = coreFor(rows);
    const differing = column
      .map((verdict, i) => ({ verdict, core: core[i], row: rows[i] }))
      .filter((d) => d.verdict !== d.core);
    // Only the differences the formulas leave to Tổng hợp: residences written two ways and NFD names.
    // (A later row of the same person may then be the first the formulas see.)
    for (const d of differing) {
      expect(d.core).toMatch(/^Lỗi: trùng dòng \d+$/);
      expect(String(d.verdict)).toMatch(/^(Hợp lệ|Cần kiểm tra: .*|Lỗi: trùng dòng \d+)$/);
    }
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.length).toBeLessThan(60);
    expect(core.filter((v) => v.startsWith('Lỗi: trùng dòng')).length).toBeGreaterThan(100);
  });

  it('are written in the spreadsheet locale’s syntax, within Excel’s limits, with no volatile function', () => {
    const place = { header: 7, last: 1007, col: UNIT_SHEET_COL };
    const vi = checkColumnFormulas(formulasFor('vi_VN'), place, YEAR);
    const en = checkColumnFormulas(formulasFor('en_US'), place, YEAR);
    for (const formula of Object.values(vi)) {
      expect(formula.startsWith('=ARRAYFORMULA(')).toBe(true);
      // Excel: at most 8,192 characters and 64 levels of nesting in a formula.
      expect(formula.length).toBeLessThan(8192);
      expect(nesting(formula)).toBeLessThanOrEqual(64);
      expect(formula).not.toMatch(/\b(TODAY|NOW|RAND|RANDBETWEEN|INDIRECT|OFFSET|IMPORT\w*)\(/);
    }
    // The same formula, arguments separated by ';' in vi_VN and ',' in en_US (no other difference).
    expect(vi.check.replace(/;/g, ',')).toBe(en.check.replace(/;/g, ','));
    expect(vi.check.split(';').length).toBeGreaterThan(10);
  });

  it('give the same verdicts in a point-decimal locale', () => {
    const rows: Typed[] = [
      ok('Nguyễn Văn An', '1980', 'Tổ 1'),
      ok('nguyễn văn an', '1980', 'tổ 1'),
      ok('Hà', '15/03/2020', ''),
    ];
    expect(columnFor(rows, 10, 'en_US')).toEqual(coreFor(rows));
  });
});

/** Deepest nesting of parentheses outside strings. */
function nesting(formula: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (const c of formula) {
    if (c === '"') inString = !inString;
    else if (!inString && c === '(') deepest = Math.max(deepest, ++depth);
    else if (!inString && c === ')') depth--;
  }
  return deepest;
}

/** A deterministic mix of good rows, every kind of mistake, repeats (also respaced, recased, reworded) and namesakes. */
function mixedRows(count: number, seed: number): Typed[] {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
  const middle = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc'];
  const given = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Yến'];
  const rows: Typed[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.12 && rows.length > 0) {
      const [n, y, o, r, note] = rows[Math.floor(random() * rows.length)];
      const twist = random();
      // The same person again: as typed, respaced and recased, residence reworded, NFD, or a namesake.
      if (twist < 0.4) rows.push([n, y, o, r, note]);
      else if (twist < 0.6)
        rows.push([`  ${String(n).toLocaleUpperCase('vi')} `, y, o, ` ${String(r)}`, note]);
      else if (twist < 0.7) rows.push([n, y, o, String(r).replace('Tổ dân phố số ', 'TDP '), note]);
      else if (twist < 0.8) rows.push([String(n).normalize('NFD'), y, o, r, note]);
      else rows.push([n, y, o, r, 'Không trùng']);
      continue;
    }
    let name = `${pick(family)} ${pick(middle)} ${pick(given)}`;
    let year = String(YEAR - 18 - Math.floor(random() * 60));
    let residence = `Tổ dân phố số ${1 + Math.floor(random() * 12)}`;
    if (roll < 0.14) name = pick(given);
    else if (roll < 0.16) name = `${name} ${Math.floor(random() * 9)}`;
    else if (roll < 0.17) name = '';
    else if (roll < 0.19) year = year.slice(2);
    else if (roll < 0.21) year = `${1 + Math.floor(random() * 28)}/0${1 + Math.floor(random() * 9)}/${year}`;
    else if (roll < 0.22) year = '';
    else if (roll < 0.23) year = 'không nhớ';
    else if (roll < 0.25) year = String(YEAR - 8);
    else if (roll < 0.26) year = String(YEAR - 104);
    else if (roll < 0.28) residence = pick(['', '-', '.']);
    else if (roll < 0.29) {
      rows.push(['', '', '', '', 'dòng trống']);
      continue;
    }
    rows.push([name, year, '', residence, '']);
  }
  return rows;
}
