/**
 * The `tonghop` command as a clerk runs it, on real .xlsx files. Each test works in its own temporary
 * folder, on a workbook with rows in it, and checks that nothing is left next to the file (no lock).
 */
import { CONFIG } from '../../src/core/layout';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { writeUnitsCsv } from '../../src/cli/demo';
import { type Workbook, loadXlsx, saveXlsx } from '../../src/stand-in';
import { typeRows, unitSheet, workbookWithUnits } from '../support/add-on';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');
/** Four of the demo ward's units (fewer sheets: each test reads and writes its own file). */
const UNITS = demoUnits(2).filter((u) => ['DU', 'HDND', 'TDP01', 'TDP02'].includes(u.code));
const unit = (code: string) => UNITS.find((u) => u.code === code) as DemoUnit;
const TDP01 = unit('TDP01');
const HDND = unit('HDND');

function tonghop(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, TONGHOP_QUIET: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let dir: string;
/** Files a test made on purpose (the workbook, --out, a unit CSV…); anything else is left behind. */
let expected: Set<string>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-cli-'));
  expected = new Set();
});

afterEach(() => {
  const left = readdirSync(dir).filter((name) => !expected.has(name));
  rmSync(dir, { recursive: true, force: true });
  expect(left).toEqual([]);
});

function file(name: string): string {
  expected.add(name);
  return join(dir, name);
}

/**
 * Rows the units' staff typed. HĐND is above TDP01 in the units table, so its Nguyễn Văn An is the
 * one the ward counts; TDP01's is a duplicate of another unit's row.
 */
const HDND_ROWS = [
  ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1'],
  ['Ngô Quang Sơn', 1970, '', 'Tổ dân phố số 2'],
];
const TDP01_ROWS = [
  ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1'], // 8: also in HĐND's list
  ['Trần Thị Bình', 1985, '', 'TDP 1'], // 9
  ['Lê Văn Cường', 85, '', 'TDP 2'], // 10: two-digit year, an error
  ['Trần Thị Bình', 1985, '', 'TDP 1'], // 11: row 9 again, an error
];

/** A set-up workbook saved as .xlsx, with `rows` typed into the units' sheets. */
async function bookWithRows(
  rows: [DemoUnit, unknown[][]][] = [
    [HDND, HDND_ROWS],
    [TDP01, TDP01_ROWS],
  ]
): Promise<string> {
  const { workbook, addOn } = workbookWithUnits(UNITS);
  expect(addOn.setupUnits().ok).toBe(true);
  for (const [u, typed] of rows) typeRows(workbook, u, typed);
  const path = file('bao-cao.xlsx');
  await saveXlsx(workbook, path);
  return path;
}

/** Every cell of every sheet (value, or formula where there is one), keyed "sheet!R,C". */
function cells(workbook: Workbook): Map<string, unknown> {
  const all = new Map<string, unknown>();
  for (const sheet of workbook.getSheets()) {
    const range = sheet.getDataRange();
    const values = range.getValues();
    const formulas = range.getFormulas();
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        const shown = formulas[r][c] || (value instanceof Date ? value.toISOString() : value);
        if (shown !== '') all.set(`${sheet.getName()}!${r + 1},${c + 1}`, shown);
      })
    );
  }
  return all;
}

function changed(before: Map<string, unknown>, after: Map<string, unknown>): Record<string, unknown> {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const diff: Record<string, unknown> = {};
  for (const key of keys) {
    if (before.get(key) !== after.get(key)) diff[key] = after.get(key) ?? '';
  }
  return diff;
}

describe('tonghop init and setup', () => {
  it('creates a workbook with the set-up sheet and the units of a CSV, and refuses to overwrite it', async () => {
    const book = file('bao-cao.xlsx');
    const csv = file('don-vi.csv');
    writeUnitsCsv(csv, UNITS);
    const init = tonghop('init', book, '--units', csv, '--shared', '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, created: true });
    const { workbook } = await loadXlsx(book);
    const config = workbook.getSheetByName('Cấu hình');
    const table = config
      ?.getRange(CONFIG.unitsFirstRow, 1, UNITS.length + 1, 4)
      .getValues()
      .map((r) => [String(r[0]), String(r[1]), String(r[2]), r[3]]);
    expect(table?.slice(0, UNITS.length)).toEqual(UNITS.map((u) => [u.code, u.name, u.type, u.target]));
    expect(table?.[UNITS.length]).toEqual(['', '', '', '']);

    const before = digest(book);
    const again = tonghop('init', book, '--units', csv, '--shared');
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('đã có');
    expect(digest(book)).toBe(before);
  });

  it('sets up one sheet per unit and lists the protections, one of them warning-only', () => {
    const book = file('bao-cao.xlsx');
    const csv = file('don-vi.csv');
    writeUnitsCsv(csv, UNITS);
    expect(tonghop('init', book, '--units', csv, '--shared').code).toBe(0);
    const setup = tonghop('setup', book, '--json');
    expect(setup.code).toBe(0);
    // Thiết lập made the leaders' file (figures only), saved beside the workbook.
    expect(existsSync(file('bao-cao-lanh-dao.xlsx'))).toBe(true);
    const json = JSON.parse(setup.stdout);
    expect(json.created).toHaveLength(UNITS.length);
    expect(setup.stderr).toContain(`Đã tạo ${UNITS.length} trang đơn vị`);
    // Cấu hình, the two output sheets, and per unit its sheet, its header block (A1:F7) and the Kiểm tra
    // column with its helpers (G7:M1007).
    expect(json.protections).toHaveLength(3 + UNITS.length * 3);
    expect(json.protections[0]).toEqual({
      sheet: 'Cấu hình',
      range: null,
      editors: ['owner@example.com'],
      warningOnly: false,
      effective: true,
    });
    // The one residential group without an email: warning-only, so anyone with edit access can type there.
    expect(json.protections.filter((p: { effective: boolean }) => !p.effective)).toEqual([
      { sheet: 'Tổ dân phố số 2', range: null, editors: [], warningOnly: true, effective: false },
    ]);
  });
});

describe('tonghop run', () => {
  it('prints the figures the summary’s formulas computed from the typed rows', async () => {
    const book = await bookWithRows();
    const run = tonghop('run', book, '--json');
    expect(run.code).toBe(0);
    // Tổng hợp refreshed the leaders' file, beside the workbook.
    expect(existsSync(file('bao-cao-lanh-dao.xlsx'))).toBe(true);
    const json = JSON.parse(run.stdout);
    expect(json.formulaErrors).toEqual([]);
    expect(json.units).toHaveLength(UNITS.length);
    const figures = (code: string) => json.units.find((u: { code: string }) => u.code === code);
    expect(figures('HDND')).toMatchObject({
      target: 15,
      rows: 2,
      valid: 2,
      errors: 0,
      duplicatesWithinUnit: 0,
      duplicatesOfOtherUnits: 0,
    });
    expect(figures('HDND').coverage).toBeCloseTo(2 / 15, 6);
    // TDP01: row 8 counts for the unit (it is also HĐND's), rows 10 and 11 are errors.
    expect(figures('TDP01')).toMatchObject({
      target: 68,
      rows: 4,
      valid: 2,
      errors: 2,
      duplicatesWithinUnit: 1,
      duplicatesOfOtherUnits: 1,
    });
    expect(figures('TDP01').coverage).toBeCloseTo(2 / 68, 6);
    expect(figures('DU')).toMatchObject({ rows: 0, valid: 0 });
    // Three different people; households: the two residential groups' targets, 68 + 65.
    expect(json.ward).toMatchObject({ uniquePeople: 3, meetsTarget: false });
    expect(json.ward.ratio).toBeCloseTo(3 / 133, 6);
    expect(json.protections.map((p: { sheet: string }) => p.sheet)).toEqual([
      'Cấu hình',
      'Tổng hợp',
      'Danh sách tổng hợp',
    ]);
    expect(run.stderr).toContain('Tỷ lệ của phường');

    // Saved in place: the master list has the six rows read.
    const { workbook } = await loadXlsx(book);
    const master = workbook.getSheetByName('Danh sách tổng hợp');
    const names = master
      ?.getDataRange()
      .getValues()
      .flat()
      .filter(
        (v) => typeof v === 'string' && /^(Nguyễn Văn An|Ngô Quang Sơn|Trần Thị Bình|Lê Văn Cường)$/.test(v)
      );
    expect(names).toHaveLength(6);
  });

  it('writes --out elsewhere and leaves the input as it was', async () => {
    const book = await bookWithRows();
    const before = digest(book);
    const out = file('ket-qua.xlsx');
    expect(tonghop('run', book, '--out', out).code).toBe(0);
    expect(digest(book)).toBe(before);
    // The leaders' file goes beside the workbook written.
    expect(existsSync(file('ket-qua-lanh-dao.xlsx'))).toBe(true);
    const { workbook } = await loadXlsx(out);
    expect(workbook.getSheetByName('Danh sách tổng hợp')?.getDataRange().getValues().flat()).toContain(
      'Ngô Quang Sơn'
    );
    expect(
      (await loadXlsx(book)).workbook.getSheetByName('Danh sách tổng hợp')?.getDataRange().getValues().flat()
    ).not.toContain('Ngô Quang Sơn');
  });
});

describe('tonghop check', () => {
  it('counts and lists the problems of one unit, changing nothing', async () => {
    const book = await bookWithRows();
    const before = digest(book);
    const check = tonghop('check', book, '--unit', 'TDP01', '--json');
    expect(check.code).toBe(0);
    const json = JSON.parse(check.stdout);
    // Within the unit only: row 8 is valid here (the other unit's copy is Tổng hợp's business).
    expect(json.units).toEqual([{ code: 'TDP01', rows: 4, valid: 2, errors: 2, warnings: 0 }]);
    expect(json.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual([
      [10, 'YEAR_OUT_OF_RANGE'],
      [11, 'DUPLICATE_IN_UNIT'],
    ]);
    expect(check.stderr).toContain('dòng 9');
    expect(digest(book)).toBe(before);
  });

  it('--fix applies the safe fixes, saves, and changes nothing else', async () => {
    const book = await bookWithRows([
      [
        TDP01,
        [
          ['  nguyễn  văn AN ', 1980, '', 'Số 3 Lê Lợi, TDP 1'], // 8: spaces and case
          ['Trần Thị Bình', '15/03/1985', '', ' TDP  1 '], // 9: a birth date, spaces
          ['Lê Văn Cường', 85, '', 'TDP 2'], // 10: not fixable (never guessed)
          ['Phạm Thu Hà', 1992, '', 'TDP 3'], // 11: nothing to fix
        ],
      ],
    ]);
    const before = cells((await loadXlsx(book)).workbook);
    const fix = tonghop('check', book, '--unit', 'TDP01', '--fix', '--json');
    expect(fix.code).toBe(0);
    const json = JSON.parse(fix.stdout);
    expect(
      json.fixes.map((f: { row: number; column: string; before: unknown; after: unknown }) => [
        f.row,
        f.column,
        f.before,
        f.after,
      ])
    ).toEqual([
      [8, 'name', '  nguyễn  văn AN ', 'Nguyễn Văn An'],
      [9, 'birthYear', '15/03/1985', 1985],
      [9, 'residence', ' TDP  1 ', 'TDP 1'],
    ]);
    expect(fix.stderr).toContain('Sửa tự động: 3 ô.');
    // After the fixes, only row 10 is still wrong.
    expect(json.units).toEqual([{ code: 'TDP01', rows: 4, valid: 3, errors: 1, warnings: 0 }]);

    const { workbook } = await loadXlsx(book);
    const sheet = unitSheet(workbook, 'TDP01');
    expect(sheet.getRange('B8:E11').getValues()).toEqual([
      ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1'],
      ['Trần Thị Bình', 1985, '', 'TDP 1'],
      ['Lê Văn Cường', 85, '', 'TDP 2'],
      ['Phạm Thu Hà', 1992, '', 'TDP 3'],
    ]);
    // The Kiểm tra column's formulas show each row's verdict after the fixes. Row 10's 85 is a number here
    // (written through the API, not typed into the plain-text column): the column cannot tell it from a date
    // cell of 1900 and asks for a check; tonghop check calls it an error (the README's "Chỉ khi bộ phận tổng
    // hợp chạy Tổng hợp mới biết được").
    expect(
      sheet
        .getRange('G8:G11')
        .getValues()
        .map((r) => r[0])
    ).toEqual(['Hợp lệ', 'Hợp lệ', 'Cần kiểm tra: năm sinh ghi cả ngày; trên 100 tuổi', 'Hợp lệ']);
    // Nothing else in the file changed, but for what the Kiểm tra column's formulas compute (columns G on).
    const tab = sheet.getName();
    const diff = changed(before, cells(workbook));
    const fixed = [`${tab}!8,2`, `${tab}!9,3`, `${tab}!9,5`];
    expect(fixed.every((key) => key in diff)).toBe(true);
    const computed = (key: string) => key.startsWith(`${tab}!`) && Number(key.split(',')[1]) >= 7;
    expect(Object.keys(diff).filter((key) => !fixed.includes(key) && !computed(key))).toEqual([]);
  });
});

describe('tonghop errors', () => {
  it.each([
    ['a missing file', () => join(dir, 'khong-co.xlsx'), 'Không tìm thấy tệp'],
    [
      'a file that is not a workbook',
      () => {
        const path = file('hong.xlsx');
        writeFileSync(path, 'đây không phải bảng tính');
        return path;
      },
      'không phải bảng tính .xlsx hợp lệ',
    ],
    [
      'a workbook open in Excel',
      async () => {
        const path = await bookWithRows();
        writeFileSync(file('~$bao-cao.xlsx'), '');
        return path;
      },
      'đang được mở',
    ],
  ])(
    'stops on %s with one Vietnamese line and exit code 2, leaving the file as it was',
    async (_case, make, message) => {
      const path = await make();
      const before = existsSync(path) ? digest(path) : null;
      const run = tonghop('run', path);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n').at(-1)).toContain(message);
      expect(existsSync(path) ? digest(path) : null).toBe(before);
    }
  );

  it('explains its usage and rejects an unknown command', () => {
    const usage = tonghop();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Cách dùng: tonghop <lệnh> <tệp.xlsx>');
    const unknown = tonghop('xoa', join(dir, 'bao-cao.xlsx'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Lệnh "xoa" không có');
  });

  it('answers demo --help with the usage, and makes no folder named after the option', () => {
    const help = spawnSync(process.execPath, [BIN, 'demo', '--help'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, TONGHOP_QUIET: '1' },
    });
    expect(help.status).toBe(0);
    expect(help.stderr).toContain('demo [thư mục]');
    expect(existsSync(join(dir, '--help'))).toBe(false);
  });
});
