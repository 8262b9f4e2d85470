/**
 * The "Kiểm tra" column of unit sheets, as a unit's staff member on a phone sees it: typed row by row and
 * pasted through onEdit (which runs as the person typing), filled by Thiết lập, and always the verdict
 * that `tonghop check --json` gives for the same row within the unit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { demoUnits, type DemoUnit } from '../../src/local/demo-data';
import { VERDICT_LABELS } from '../../src/core/messages/verdict';
import { unitVerdicts } from '../../src/core/verdict';
import type { CheckResponse, ProblemItem } from '../../src/core/sidebar-api';
import type { ProblemCode } from '../../src/core/rows';
import { loadXlsx, saveXlsx } from '../../src/local/xlsx';
import type { StandInConditionalFormatRule, StandInSheet, Workbook } from '../../src/local/stand-in';
import { loadAddOn, type AddOn } from '../../src/local/runtime';
import { GOOGLE_COSTS } from '../../src/local/stand-in/google/cost-model';
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
    let year: unknown = YEAR - 18 - Math.floor(random() * 60);
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
    if (roll < 0.12)
      name = pick(given); // one word
    else if (roll < 0.14)
      name = `${name} 2`; // a digit
    else if (roll < 0.15)
      name = `${name} ${'Nguyễn '.repeat(8)}`.trim(); // too long
    else if (roll < 0.17) name = '';
    else if (roll < 0.19)
      year = String(year).slice(2); // a two-digit year
    else if (roll < 0.21)
      year = `15/03/${String(year)}`; // a birth date
    else if (roll < 0.23) year = '';
    else if (roll < 0.24) year = 'không rõ';
    else if (roll < 0.26)
      year = YEAR - 8; // a child
    else if (roll < 0.27) year = YEAR - 105;
    else if (roll < 0.3) residence = pick(['', '-']);
    else if (roll < 0.32) note = 'Không trùng';
    else if (roll < 0.33) name = `  ${name.toLocaleLowerCase('vi')}  `;
    rows.push([name, year, '', residence, note]);
  }
  return { rows, blank };
}

function typeAs(workbook: Workbook, unit: DemoUnit, first: number, rows: unknown[][], addOn?: AddOn): void {
  const sheet = unitSheet(workbook, unit.code);
  workbook.actAs(unit.emails.split(',')[0]);
  try {
    const padded = rows.map((r) => [...r, '', '', '', '', ''].slice(0, 5));
    const range = sheet.getRange(first, 2, rows.length, 5).setValues(padded);
    addOn?.onEdit({ range });
  } finally {
    workbook.actAs(CLERK);
  }
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

/** Saves the workbook, runs `tonghop check --unit … --json` on it, and compares every row's verdict. */
async function expectColumnAgreesWithCheck(
  workbook: Workbook,
  unit: DemoUnit,
  rowCount: number,
  blank: ReadonlySet<number>
): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'tonghop-check-column-')), 'bao-cao.xlsx');
  await saveXlsx(workbook, file);
  const check = tonghop('check', file, '--unit', unit.code, '--json');
  expect(check.code).toBe(0);
  const json = JSON.parse(check.stdout) as CheckResponse;
  const column = unitSheet(workbook, unit.code)
    .getRange(FIRST, G, rowCount, 1)
    .getValues()
    .map((cells) => cells[0]);
  const expected = column.map((_, i) =>
    expectedVerdict(
      json.problems.filter((p) => p.row === FIRST + i),
      blank.has(FIRST + i)
    )
  );
  expect(column).toEqual(expected);
  // The workbook is varied enough for the comparison to mean something.
  expect(new Set(column.map((v) => String(v).split(':')[0]))).toEqual(
    new Set(['', 'Hợp lệ', 'Lỗi', 'Cần kiểm tra'])
  );
  expect(json.problems.some((p) => p.code === 'DUPLICATE_IN_UNIT')).toBe(true);
}

describe('Kiểm tra column', () => {
  it('is laid out after Ghi chú by Thiết lập: header, a note that says what it is, colours, no office-only lock', () => {
    const units = demoUnits(1);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, units[0].code) as StandInSheet;
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
    expect(note).toContain('Tổng hợp');
    expect(note).toContain('đơn vị khác');
    expect(note).toContain('không thuộc mẫu báo cáo');
    const rules = sheet.getConditionalFormatRules() as StandInConditionalFormatRule[];
    expect(rules.map((r) => [r.condition, r.values[0], r.background, r.rangesA1()])).toEqual([
      ['TEXT_STARTS_WITH', 'Lỗi:', '#f4c7c3', [`${sheet.getName()}!G8:G1007`]],
      ['TEXT_STARTS_WITH', 'Cần kiểm tra:', '#fce8b2', [`${sheet.getName()}!G8:G1007`]],
      ['TEXT_EQUAL_TO', 'Hợp lệ', '#b7e1cd', [`${sheet.getName()}!G8:G1007`]],
    ]);
    // The unit's staff may write the column's cells: onEdit writes them as the person typing.
    workbook.actAs(units[0].emails);
    expect(() => sheet.getRange('G8').setValue('x')).not.toThrow();
    workbook.actAs(CLERK);
  });

  it('shows each row’s verdict as it is typed on a phone, and re-checks the second copy once the first is fixed', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code);
    const column = () =>
      sheet
        .getRange('G8:G11')
        .getValues()
        .map((c) => c[0]);
    typeAs(workbook, unit, 8, [['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1']], addOn);
    typeAs(workbook, unit, 9, [['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1']], addOn);
    typeAs(workbook, unit, 10, [['Hà', '85', '', '']], addOn);
    typeAs(workbook, unit, 11, [['Lê Thị Bình', YEAR - 8, '', 'Tổ 2']], addOn);
    expect(column()).toEqual([
      'Hợp lệ',
      'Lỗi: trùng dòng 8',
      `Lỗi: họ và tên mới có một chữ; năm sinh phải từ 1900 đến ${YEAR}; thiếu nơi ở`,
      'Cần kiểm tra: dưới 14 tuổi',
    ]);

    // Row 8 was the mistake: fixing it there makes row 9 the person, in one read and one column write.
    workbook.resetCalls();
    typeAs(workbook, unit, 8, [['Nguyễn Văn Anh', 1980, '', 'Tổ dân phố số 1']], addOn);
    // setValues of the typing itself, the timestamp, and the column: 3 writes; onEdit's one read.
    expect(workbook.calls.writes).toBe(3);
    expect(workbook.calls.reads).toBe(1);
    expect(column().slice(0, 2)).toEqual(['Hợp lệ', 'Hợp lệ']);

    // Clearing a row blanks its verdict; typing into the column is put right by the next edit.
    typeAs(workbook, unit, 10, [['', '', '', '']], addOn);
    workbook.actAs(unit.emails);
    sheet.getRange('G11').setValue('tôi sửa rồi');
    addOn.onEdit({ range: sheet.getRange('G11') });
    workbook.actAs(CLERK);
    expect(column().slice(2)).toEqual(['', 'Cần kiểm tra: dưới 14 tuổi']);
  });

  it('agrees with tonghop check --json for every row, typed row by row and pasted 500 rows at a time', async () => {
    const units = demoUnits(2);
    const typing = units.filter((u) => u.emails !== '');
    const [rowByRow, pasted] = [typing[0], typing.at(-1) as DemoUnit];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();

    const typed = typedRows(250, 7);
    typed.rows.forEach((row, i) => typeAs(workbook, rowByRow, FIRST + i, [row], addOn));
    await expectColumnAgreesWithCheck(workbook, rowByRow, typed.rows.length, typed.blank);

    const big = typedRows(1500, 11);
    const sheet = unitSheet(workbook, pasted.code);
    sheet.insertRowsAfter(sheet.getMaxRows(), FIRST + big.rows.length - 1 - sheet.getMaxRows());
    for (let start = 0; start < big.rows.length; start += 500)
      typeAs(workbook, pasted, FIRST + start, big.rows.slice(start, start + 500), addOn);
    await expectColumnAgreesWithCheck(workbook, pasted, big.rows.length, big.blank);
  }, 240_000);

  it('fits a simple trigger at 2,000 rows: one read, one column write, and the core well inside 30 seconds', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn, session } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code);
    const { rows } = typedRows(2000, 3);
    sheet.insertRowsAfter(sheet.getMaxRows(), FIRST + rows.length - 1 - sheet.getMaxRows());
    typeAs(workbook, unit, FIRST, rows, addOn);
    const filled = sheet
      .getRange(FIRST, G, 2000, 1)
      .getValues()
      .filter((c) => c[0] !== '');
    expect(filled.length).toBeGreaterThan(1700);

    // A staff member types a person on the second-last row, then again on the last one: the measured
    // onEdit makes one read of the rows, and writes the timestamp and the column, nothing else.
    const person = [['Trần Minh Hùng', 1970, '', 'Tổ dân phố số 3', '']];
    typeAs(workbook, unit, FIRST + 1998, person, addOn);
    typeAs(workbook, unit, FIRST + 1999, person, undefined);
    workbook.resetCalls();
    const started = Date.now();
    addOn.onEdit({ range: sheet.getRange(FIRST + 1999, 2, 1, 5) });
    const standInMs = Date.now() - started;
    expect(workbook.calls.reads).toBe(1);
    expect(workbook.calls.writes).toBe(2);
    expect(standInMs).toBeLessThan(30_000);
    // Under the stand-in's cost model (which stops a simple trigger at 30 s, as Google does) this
    // onEdit's service calls take a small part of its 30 seconds: one read of 2,007 rows, two writes.
    const execution = session.current()!;
    expect(execution.aborted).toBeNull();
    // Every call of the trigger is priced, those on its event's range too.
    expect(execution.calls).toBeGreaterThanOrEqual(3);
    expect(execution.elapsedMs).toBeLessThan(5_000);
    expect(sheet.getRange(FIRST + 1999, G).getValue()).toMatch(/^Lỗi: trùng dòng \d+$/);

    // The core's share of the 30 seconds (Google's own service times are the clock's to model).
    const cells = sheet.getRange(FIRST, 1, 2000, 6).getValues();
    const coreStarted = Date.now();
    const verdicts = unitVerdicts(cells, FIRST, YEAR);
    const coreMs = Date.now() - coreStarted;
    expect(verdicts).toHaveLength(2000);
    expect(coreMs).toBeLessThan(1_000);

    // The sheet grew past the colours' rows: the next Thiết lập makes them reach its last row again.
    const colouredTo = () =>
      (sheet.getConditionalFormatRules() as StandInConditionalFormatRule[]).map((r) => r.rangesA1());
    expect(colouredTo()).toEqual(Array(3).fill([`${sheet.getName()}!G8:G1007`]));
    addOn.setupUnits();
    expect(colouredTo()).toEqual(Array(3).fill([`${sheet.getName()}!G8:G2007`]));
  });

  it('is stopped at 30 seconds as a simple trigger, not at 6 minutes as a menu action', () => {
    const units = demoUnits(1);
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, units[0].code);
    typeAs(workbook, units[0], FIRST, [['Trần Minh Hùng', 1970, '', 'Tổ dân phố số 3', '']], undefined);
    // Each call priced at 11 s: a menu action would get 32 of them, onEdit gets 3.
    const slow = loadAddOn(workbook, undefined, { costs: { ...GOOGLE_COSTS, callMs: 11_000 } });
    workbook.actAs(units[0].emails.split(',')[0]);
    slow.addOn.onEdit({ range: sheet.getRange(FIRST, 2, 1, 5) });
    workbook.actAs(CLERK);
    const execution = slow.session.current()!;
    expect(execution.aborted).toBe('Exceeded maximum execution time');
    expect(execution.elapsedMs).toBeGreaterThanOrEqual(30_000);
    expect(execution.elapsedMs).toBeLessThan(45_000);
  });

  it('is added by the next Thiết lập to a sheet made before it, without touching a typed cell, and filled', async () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    // A sheet as the previous version made it: six columns, no colours; rows typed (or imported) since.
    const sheet = unitSheet(workbook, unit.code) as StandInSheet;
    sheet.deleteColumns(G, 1);
    sheet.setConditionalFormatRules([]);
    const typed = typedRows(300, 5);
    typeAs(workbook, unit, FIRST, typed.rows, addOn);
    expect(sheet.getMaxColumns()).toBe(6); // onEdit left the old sheet alone
    const before = sheet.getRange(1, 1, sheet.getMaxRows(), 6).getValues();
    const formulas = sheet.getRange(1, 1, sheet.getMaxRows(), 6).getFormulas();

    const file = join(mkdtempSync(join(tmpdir(), 'tonghop-check-column-')), 'bao-cao.xlsx');
    await saveXlsx(workbook, file);
    const setup = tonghop('setup', file, '--json');
    expect(setup.code).toBe(0);
    const { workbook: after } = await loadXlsx(file);
    const again = unitSheet(after, unit.code) as StandInSheet;
    expect(again.getRange(1, 1, again.getMaxRows(), 6).getValues()).toEqual(before);
    expect(again.getRange(1, 1, again.getMaxRows(), 6).getFormulas()).toEqual(formulas);
    expect(again.getRange(7, G).getValue()).toBe('Kiểm tra');
    // Read back from the .xlsx, so that a later command that saves the file (tonghop run) keeps them.
    const rules = again.getConditionalFormatRules() as StandInConditionalFormatRule[];
    expect(rules.map((r) => [r.condition, r.values[0], r.background, r.rangesA1()])).toEqual([
      ['TEXT_STARTS_WITH', 'Lỗi:', '#f4c7c3', [`${again.getName()}!G8:G1007`]],
      ['TEXT_STARTS_WITH', 'Cần kiểm tra:', '#fce8b2', [`${again.getName()}!G8:G1007`]],
      ['TEXT_EQUAL_TO', 'Hợp lệ', '#b7e1cd', [`${again.getName()}!G8:G1007`]],
    ]);
    await expectColumnAgreesWithCheck(after, unit, typed.rows.length, typed.blank);

    // The colours are in the .xlsx, as Excel and LibreOffice read them.
    const excel = new ExcelJS.Workbook();
    await excel.xlsx.readFile(file);
    const ws = excel.getWorksheet(sheet.getName());
    const formats = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }
    ).conditionalFormattings;
    expect(formats.map((f) => [f.ref, f.rules[0].type])).toEqual([
      ['G8:G1007', 'expression'],
      ['G8:G1007', 'expression'],
      ['G8:G1007', 'cellIs'],
    ]);
  }, 240_000);

  it('leaves a sheet whose column after Ghi chú holds someone’s typing, and says so', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code);
    sheet.deleteColumns(G, 1);
    sheet.setConditionalFormatRules([]);
    sheet.insertColumnsAfter(6, 1);
    sheet.getRange('G8').setValue('số điện thoại 0912 345 678');
    const result = addOn.setupUnits();
    expect(result.ok).toBe(true);
    expect(result.message).toContain('Chưa thêm cột Kiểm tra');
    expect(result.message).toContain(unit.name);
    expect(sheet.getRange('G7:G8').getValues()).toEqual([[''], ['số điện thoại 0912 345 678']]);
  });

  it('is brought up to date by the script’s own writes, which fire no onEdit: the import and the sidebar’s fixes', () => {
    const units = demoUnits(1);
    const unit = units[0];
    const { workbook, addOn } = workbookWithUnits(units);
    addOn.setupUnits();
    const sheet = unitSheet(workbook, unit.code);
    typeAs(workbook, unit, 8, [['Nguyễn Văn An', '15/03/1985', '', 'Tổ 1']], addOn);
    expect(sheet.getRange('G8').getValue()).toBe('Cần kiểm tra: năm sinh ghi cả ngày');

    const csv = 'Họ và tên,Năm sinh,Nơi ở hiện nay\nLê Văn Cường,1990,Tổ 2\nPhạm Thị Dung,85,Tổ 3\n';
    const table = tableFromCsv(new TextEncoder().encode(csv), 'ds.csv');
    expect(addOn.importRows({ unit: unit.code, table, confirmed: true })).toMatchObject({
      ok: true,
      imported: 2,
    });
    expect(sheet.getRange('G9:G10').getValues()).toEqual([
      ['Hợp lệ'],
      [`Lỗi: năm sinh phải từ 1900 đến ${YEAR}`],
    ]);

    workbook.actAs(unit.emails);
    const preview = addOn.previewFixes({ unit: unit.code });
    expect(addOn.applyFixes({ unit: unit.code, fixes: preview.fixes, confirmed: true }).ok).toBe(true);
    workbook.actAs(CLERK);
    expect(sheet.getRange('G8').getValue()).toBe('Hợp lệ');
  });
});
