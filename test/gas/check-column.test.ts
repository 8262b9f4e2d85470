/**
 * The "Kiểm tra" column of unit sheets as a unit's staff member sees it: formulas the spreadsheet computes
 * as rows are typed, pasted, fixed or cleared, with no trigger and no script in the sheet; laid out and
 * repaired by Thiết lập, the office's alone; and always the verdict `tonghop check --json` gives.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { VERDICT_LABELS } from '../../src/core/messages/verdict';
import type { CheckResponse, ProblemItem } from '../../src/core/sidebar-api';
import type { ProblemCode } from '../../src/core/rows';
import {
  saveXlsx,
  PROTECTED_MESSAGE,
  type StandInConditionalFormatRule,
  type StandInSheet,
  type Workbook,
} from '../../src/stand-in';
import { tableFromCsv } from '../../src/shared/import-file';
import { CLERK, unitSheet, workbookWithUnits } from '../support/add-on';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');
const FIRST = 8;
const G = 7;
const YEAR = new Date().getFullYear();

function tonghop(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 180_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Types rows (Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú) as the unit's staff member. */
function typeAs(workbook: Workbook, unit: DemoUnit, first: number, rows: unknown[][]): void {
  const sheet = unitSheet(workbook, unit.code);
  workbook.actAs(unit.emails.split(',')[0]);
  try {
    sheet
      .getRange(first, 2, rows.length, 5)
      .setValues(rows.map((r) => [...r, '', '', '', '', ''].slice(0, 5)));
  } finally {
    workbook.actAs(CLERK);
  }
}

function column(workbook: Workbook, unit: DemoUnit, first: number, count: number): unknown[] {
  return unitSheet(workbook, unit.code)
    .getRange(first, G, count, 1)
    .getValues()
    .map((c) => c[0]);
}

/** What the column should say for a row, from `tonghop check --json`'s problems alone. */
function expectedVerdict(problems: readonly ProblemItem[], blank: boolean): string {
  if (blank) return '';
  const label = (p: ProblemItem) =>
    VERDICT_LABELS[p.code as ProblemCode]
      .replace('{min}', '1900')
      .replace('{max}', String(YEAR))
      .replace('{row}', /dòng (\d+)/.exec(p.message)?.[1] ?? '?');
  const errors = problems.filter((p) => p.level === 'error');
  const warnings = problems.filter((p) => p.level === 'warning');
  if (errors.length > 0) return `Lỗi: ${errors.map(label).join('; ')}`;
  if (warnings.length > 0) return `Cần kiểm tra: ${warnings.map(label).join('; ')}`;
  return 'Hợp lệ';
}

describe('Kiểm tra column', () => {
  it('is laid out after Ghi chú by Thiết lập: header, a note on what only Tổng hợp checks, colours, hidden helpers, the office’s alone', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    expect(addOn.setupUnits().ok).toBe(true);
    const sheet = unitSheet(workbook, unit.code) as StandInSheet;
    expect(sheet.getRange(7, 1, 1, 7).getValues()[0]).toEqual([
      'Stt',
      'Họ và tên',
      'Năm sinh',
      'Cơ quan, đơn vị',
      'Nơi ở hiện nay',
      'Ghi chú',
      'Kiểm tra',
    ]);
    const note = sheet.styleAt(7, G).note ?? '';
    expect(note).toContain('công thức');
    expect(note).toContain('Chỉ Tổng hợp mới phát hiện');
    expect(note).toContain('đơn vị khác');
    // The helpers after it are hidden; the verdict column is not.
    expect([7, 8, 9, 10, 11, 12, 13].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    const rules = sheet.getConditionalFormatRules() as StandInConditionalFormatRule[];
    expect(rules.map((r) => [r.condition, r.values[0], r.background, r.rangesA1()])).toEqual([
      ['TEXT_STARTS_WITH', 'Lỗi:', '#f4c7c3', [`${sheet.getName()}!G8:G1007`]],
      ['TEXT_STARTS_WITH', 'Cần kiểm tra:', '#fce8b2', [`${sheet.getName()}!G8:G1007`]],
      ['TEXT_EQUAL_TO', 'Hợp lệ', '#b7e1cd', [`${sheet.getName()}!G8:G1007`]],
    ]);
    // One array formula per column in the header row (deleting a data row never takes them away),
    // reaching the grid's last row.
    const formulas = sheet.getRange(FIRST - 1, G, 2, 7).getFormulas();
    expect(formulas[0].every((f) => f.startsWith('=ARRAYFORMULA(') && f.includes('1007'))).toBe(true);
    expect(formulas[1]).toEqual(['', '', '', '', '', '', '']);
    // The unit's staff may type data but not the column: a paste that reaches it is refused whole.
    workbook.actAs(unit.emails);
    expect(() => sheet.getRange('G8').setValue('Hợp lệ')).toThrow(PROTECTED_MESSAGE);
    expect(() =>
      sheet.getRange(FIRST, 2, 1, 6).setValues([['Nguyễn Văn An', '1980', '', 'Tổ 1', '', 'Hợp lệ']])
    ).toThrow(PROTECTED_MESSAGE);
    expect(() =>
      sheet.getRange(FIRST, 2, 1, 5).setValues([['Nguyễn Văn An', '1980', '', 'Tổ 1', '']])
    ).not.toThrow();
    workbook.actAs(CLERK);
    expect(sheet.getRange('B8:C8').getValues()).toEqual([['Nguyễn Văn An', '1980']]);
  });

  it('shows each row’s verdict as the unit’s staff types, with no trigger: fixes, repeats, clearing', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    typeAs(workbook, unit, 8, [['Nguyễn Văn An', '1980', '', 'Tổ dân phố số 1']]);
    typeAs(workbook, unit, 9, [[' nguyễn  văn an ', '1980', '', 'tổ dân phố số 1']]);
    typeAs(workbook, unit, 10, [['Hà', '85', '', '']]);
    typeAs(workbook, unit, 11, [['Lê Thị Bình', String(YEAR - 8), '', 'Tổ 2']]);
    typeAs(workbook, unit, 12, [['Phạm Thị Cúc', '15/03/1985', '', 'Tổ 3']]);
    expect(column(workbook, unit, 8, 6)).toEqual([
      'Hợp lệ',
      'Lỗi: trùng dòng 8',
      `Lỗi: họ và tên mới có một chữ; năm sinh phải từ 1900 đến ${YEAR}; thiếu nơi ở`,
      'Cần kiểm tra: dưới 14 tuổi',
      'Cần kiểm tra: năm sinh ghi cả ngày',
      '',
    ]);
    // Row 8 was the mistake: fixing it there makes row 9 the person.
    typeAs(workbook, unit, 8, [['Nguyễn Văn Anh', '1980', '', 'Tổ dân phố số 1']]);
    expect(column(workbook, unit, 8, 2)).toEqual(['Hợp lệ', 'Hợp lệ']);
    // "Không trùng" keeps a real namesake; clearing a row blanks its verdict.
    typeAs(workbook, unit, 13, [['Nguyễn Văn Anh', '1980', '', 'Tổ dân phố số 1', 'Không trùng']]);
    typeAs(workbook, unit, 10, [['', '', '', '', '']]);
    expect(column(workbook, unit, 10, 4)).toEqual([
      '',
      'Cần kiểm tra: dưới 14 tuổi',
      'Cần kiểm tra: năm sinh ghi cả ngày',
      'Hợp lệ',
    ]);
    // Năm sinh is plain text: what was typed stays as typed (Tổng hợp and the column read it alike).
    expect(unitSheet(workbook, unit.code).getRange('C12').getValue()).toBe('15/03/1985');
  });

  it('follows rows the office moves or deletes, and rows typed far below, to the grid’s last row', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code);
    typeAs(workbook, unit, 8, [
      ['Nguyễn Văn An', '1980', '', 'Tổ 1'],
      ['Trần Thị Bình', '1990', '', 'Tổ 2'],
      ['Nguyễn Văn An', '1980', '', 'Tổ 1'],
    ]);
    expect(column(workbook, unit, 8, 3)).toEqual(['Hợp lệ', 'Hợp lệ', 'Lỗi: trùng dòng 8']);
    // The office deletes the first data row, the first copy: the second is the person now, at once.
    sheet.deleteRows(8, 1);
    expect(column(workbook, unit, 8, 2)).toEqual(['Hợp lệ', 'Hợp lệ']);
    // The last row of the grid is covered too.
    const last = sheet.getMaxRows();
    typeAs(workbook, unit, last, [['Lê Văn Cường', 'abc', '', 'Tổ 3']]);
    expect(sheet.getRange(last, G).getValue()).toBe('Lỗi: năm sinh không đúng dạng');
  });

  it('agrees with tonghop check --json for every row, typed row by row and pasted 300 rows at a time', async () => {
    const units = demoUnits(2);
    const typing = units.filter((u) => u.emails !== '');
    const [rowByRow, pasted] = [typing[0], typing.at(-1) as DemoUnit];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const few = typedRows(60, 7);
    few.rows.forEach((row, i) => typeAs(workbook, rowByRow, FIRST + i, [row]));
    const many = typedRows(900, 11);
    for (let start = 0; start < many.rows.length; start += 300)
      typeAs(workbook, pasted, FIRST + start, many.rows.slice(start, start + 300));

    const file = join(mkdtempSync(join(tmpdir(), 'tonghop-check-column-')), 'bao-cao.xlsx');
    await saveXlsx(workbook, file);
    for (const [unit, typed] of [
      [rowByRow, few],
      [pasted, many],
    ] as const) {
      const check = tonghop('check', file, '--unit', unit.code, '--json');
      expect(check.code).toBe(0);
      const json = JSON.parse(check.stdout) as CheckResponse;
      const shown = column(workbook, unit, FIRST, typed.rows.length);
      const expected = shown.map((_, i) =>
        expectedVerdict(
          json.problems.filter((p) => p.row === FIRST + i),
          typed.blank.has(FIRST + i)
        )
      );
      expect(shown).toEqual(expected);
      expect(new Set(shown.map((v) => String(v).split(':')[0]))).toEqual(
        new Set(['', 'Hợp lệ', 'Lỗi', 'Cần kiểm tra'])
      );
    }
  }, 240_000);

  it('is restored by the next Thiết lập when the office pastes over it, and reaches rows an import adds', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code);
    typeAs(workbook, unit, 8, [['Nguyễn Văn An', '15/03/1985', '', 'Tổ 1']]);
    // A value pasted into the column (the office may) is not trusted: the formula shows #REF! above it...
    sheet.getRange('G9').setValue('Hợp lệ');
    expect(sheet.getRange('G7').getValue()).toBe('#REF!');
    // ...and Thiết lập puts the formulas back, with no typed cell changed.
    const typed = sheet.getRange('A8:F9').getValues();
    expect(addOn.setupUnits().ok).toBe(true);
    expect(sheet.getRange('G8:G9').getValues()).toEqual([['Cần kiểm tra: năm sinh ghi cả ngày'], ['']]);
    expect(sheet.getRange('A8:F9').getValues()).toEqual(typed);

    // An import longer than the grid adds rows, and the formulas reach them.
    const lines = Array.from({ length: 1005 }, (_, i) => `Người Thứ ${i},${1950 + (i % 50)},Tổ ${i % 9}`);
    const table = tableFromCsv(
      new TextEncoder().encode(
        `Họ và tên,Năm sinh,Nơi ở hiện nay\n${lines.join('\n')}\nPhạm Thị Dung,85,Tổ 3\n`
      ),
      'ds.csv'
    );
    const result = addOn.importRows({ unit: unit.code, table, confirmed: true });
    expect(result).toMatchObject({ ok: true, imported: 1006 });
    expect(sheet.getMaxRows()).toBeGreaterThan(1007);
    expect(sheet.getRange(result.lastRow, G).getValue()).toBe(`Lỗi: năm sinh phải từ 1900 đến ${YEAR}`);
    expect(sheet.getRange(result.lastRow, 3).getValue()).toBe('85');
  });

  it('replaces an older version’s written verdicts by formulas, without touching a typed cell', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code) as StandInSheet;
    typeAs(workbook, unit, 8, [
      ['Nguyễn Văn An', 1980, '', 'Tổ 1'],
      ['Nguyễn Văn An', 1980, '', 'Tổ 1'],
    ]);
    // As the previous version left it: seven columns, verdicts written as values, a stamp in G6.
    sheet.deleteColumns(8, sheet.getMaxColumns() - 7);
    sheet.getRange('G7:G1007').clearContent();
    sheet.getRange('G7').setValue('Kiểm tra');
    sheet.getRange('G8:G9').setValues([['Hợp lệ'], ['Hợp lệ (cũ)']]);
    sheet.getRange('G6').setValue(new Date(2026, 4, 20, 9, 30));
    // Row 6's F is the tick's mirror (=N(G6)), which follows the stamp giving way; the rest is the form's.
    const form = () => sheet.getRange(7, 2, sheet.getMaxRows() - 6, 5).getValues();
    const before = form();
    expect(addOn.setupUnits().ok).toBe(true);
    expect(sheet.getRange('G8:G9').getValues()).toEqual([['Hợp lệ'], ['Lỗi: trùng dòng 8']]);
    // The old stamp gave way to the unit's "done" checkbox.
    expect(sheet.getRange('G6').getValue()).toBe(false);
    expect(sheet.getMaxColumns()).toBe(13);
    expect(form()).toEqual(before);
  });

  it('leaves a sheet whose columns after Ghi chú hold someone’s typing, and says so', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code);
    sheet.deleteColumns(G, sheet.getMaxColumns() - 6);
    sheet.setConditionalFormatRules([]);
    sheet.insertColumnsAfter(6, 1);
    sheet.getRange('G8').setValue('số điện thoại 0912 345 678');
    const result = addOn.setupUnits();
    expect(result.ok).toBe(true);
    expect(result.message).toContain('Chưa thêm cột Kiểm tra');
    expect(result.message).toContain(unit.name);
    expect(sheet.getRange('G7:G8').getValues()).toEqual([[''], ['số điện thoại 0912 345 678']]);
  });
});

/** A deterministic mix of what people type: good rows, every kind of mistake, repeats and namesakes. */
function typedRows(count: number, seed: number): { rows: unknown[][]; blank: Set<number> } {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
  const middle = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Quang'];
  const given = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Yến'];
  const rows: unknown[][] = [];
  const blank = new Set<number>();
  for (let i = 0; i < count; i++) {
    const roll = random();
    let name = `${pick(family)} ${pick(middle)} ${pick(given)}`;
    let year = String(YEAR - 18 - Math.floor(random() * 60));
    let residence = `Tổ dân phố số ${1 + Math.floor(random() * 12)}`;
    let note = '';
    if (roll < 0.08 && rows.length > 0) {
      const earlier = Math.floor(random() * rows.length);
      rows.push([...rows[earlier]]); // the same person typed again (or a copy of a faulty or blank row)
      if (blank.has(FIRST + earlier)) blank.add(FIRST + i);
      continue;
    }
    if (roll < 0.1) {
      rows.push(['', '', '', '', 'dòng để trống']); // only a note: a blank row
      blank.add(FIRST + i);
      continue;
    }
    if (roll < 0.12) name = pick(given);
    else if (roll < 0.14) name = `${name} 2`;
    else if (roll < 0.15) name = `${name} ${'Nguyễn '.repeat(8)}`.trim();
    else if (roll < 0.17) name = '';
    else if (roll < 0.19) year = year.slice(2);
    else if (roll < 0.21) year = `15/03/${year}`;
    else if (roll < 0.23) year = '';
    else if (roll < 0.24) year = 'không rõ';
    else if (roll < 0.26) year = String(YEAR - 8);
    else if (roll < 0.27) year = String(YEAR - 105);
    else if (roll < 0.3) residence = pick(['', '-']);
    else if (roll < 0.32) note = 'Không trùng';
    else if (roll < 0.33) name = `  ${name.toLocaleLowerCase('vi')}  `;
    rows.push([name, year, '', residence, note]);
  }
  return { rows, blank };
}
