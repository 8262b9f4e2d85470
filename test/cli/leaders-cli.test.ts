/**
 * Issue 20 on the command line, as a clerk runs it on real .xlsx files: `tonghop setup` makes
 * BOOK-lanh-dao.xlsx, `tonghop run` refreshes it (figures only), `tonghop report --ward --csv` writes the
 * city's table (UTF-8 with a BOM). Both are scanned for every name the units typed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUMMARY } from '../../src/core/report-layout';
import { demoUnits, type DemoUnit, type TypedRow } from '../../src/cli/demo-data';
import { typeUnitRows, writeUnitsCsv } from '../../src/cli/demo';
import { readCsvRows } from '../../src/cli/csv';
import { unitFileName } from '../../src/cli/unit-folder';
import { loadXlsx, saveXlsx } from '../../src/stand-in';
import { formulasIn, personalDataIn } from '../support/personal-data';
import { BIN, tonghop } from '../support/cli';

const UNITS = demoUnits(2).filter((u) => ['DU', 'HDND', 'TDP01', 'TDP02'].includes(u.code));
const LEADER = 'chu.tich@haiduong.example';

const ROWS: Record<string, TypedRow[]> = {
  HDND: [
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
    ['Ngô Quang Sơn', 1970, '', 'Số 12 Trần Hưng Đạo', ''],
  ],
  TDP01: [
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
    ['Trần Thị Bình', 1985, '', 'Số 5 Bạch Đằng', ''],
    ['Lê Văn Cường', 85, '', 'Số 8 Bạch Đằng', ''],
  ],
};
const CORPUS = [...new Set(Object.values(ROWS).flatMap((rows) => rows.map((r) => r[0])))];

async function typeIntoFile(path: string, unit: DemoUnit): Promise<void> {
  const { workbook } = await loadXlsx(path);
  typeUnitRows(workbook, [unit], () => ROWS[unit.code] ?? []);
  await saveXlsx(workbook, path);
}

let dir: string;
let book: string;
let leaders: string;
let setup: ReturnType<typeof tonghop>;
let run: ReturnType<typeof tonghop>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-leaders-'));
  const csv = join(dir, 'don-vi.csv');
  writeUnitsCsv(csv, UNITS);
  book = join(dir, 'bao-cao.xlsx');
  leaders = join(dir, 'bao-cao-lanh-dao.xlsx');
  expect(tonghop('init', book, '--units', csv).code).toBe(0);
  // The clerk names a leader in Cấu hình.
  const { workbook } = await loadXlsx(book);
  const config = workbook.sheet('Cấu hình');
  const row = config
    .getDataRange()
    .getValues()
    .findIndex((r) => r[0] === 'Lãnh đạo xem');
  config.getRange(row + 1, 3).setValue(LEADER);
  await saveXlsx(workbook, book);
  setup = tonghop('setup', book);
  for (const code of ['HDND', 'TDP01']) {
    const unit = UNITS.find((u) => u.code === code)!;
    await typeIntoFile(join(dir, 'bao-cao-don-vi', unitFileName(unit)), unit);
  }
  run = tonghop('run', book, '--json');
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tonghop setup and run: the leaders’ file beside the workbook', () => {
  it('is made by setup and refreshed by run', () => {
    expect(setup.code).toBe(0);
    expect(setup.stderr).toContain('Đã tạo tệp lãnh đạo');
    expect(run.code).toBe(0);
    expect(existsSync(leaders)).toBe(true);
  });

  it('holds the figures and no resident’s name, formula or defined name', async () => {
    const { workbook } = await loadXlsx(leaders);
    expect(workbook.getSheets().map((s) => s.getName())).toEqual(['Tổng hợp', 'Số liệu gửi thành phố']);
    expect(personalDataIn(workbook, CORPUS)).toEqual([]);
    expect(formulasIn(workbook)).toEqual([]);
    expect(workbook.namedRangeEntries()).toEqual([]);
    // The names are in the office's workbook: the scan would find them.
    const office = (await loadXlsx(book)).workbook;
    expect(personalDataIn(office, CORPUS).length).toBeGreaterThan(0);
    // The same figures as the office's summary.
    const json = JSON.parse(run.stdout) as { ward: { uniquePeople: number; households: number } };
    const summary = workbook.sheet('Tổng hợp');
    const v = SUMMARY.wardValueColumn;
    expect(summary.getRange(SUMMARY.wardFirstRow, v).getValue()).toBe(json.ward.households);
    expect(summary.getRange(SUMMARY.wardFirstRow + 1, v).getValue()).toBe(json.ward.uniquePeople);
    const officeSummary = office.sheet('Tổng hợp');
    const rows = SUMMARY.firstUnitRow + UNITS.length;
    expect(summary.getRange(1, 1, rows, SUMMARY.columns).getDisplayValues()).toEqual(
      officeSummary.getRange(1, 1, rows, SUMMARY.columns).getDisplayValues()
    );
  });
});

describe('no personal data where it does not belong', () => {
  it('is in neither --trace, the progress lines, the messages nor the JSON of run', () => {
    const trace = join(dir, 'trace.jsonl');
    const again = spawnSync(process.execPath, [BIN, 'run', book, '--json', '--trace', trace], {
      encoding: 'utf8',
      timeout: 180_000,
      // Progress on: the lines a log would keep.
      env: { ...process.env, TONGHOP_QUIET: '' },
    });
    expect(again.status).toBe(0);
    const traced = readFileSync(trace, 'utf8');
    expect(traced.split('\n').length).toBeGreaterThan(50);
    for (const text of [traced, again.stderr, again.stdout])
      for (const person of CORPUS) expect(text).not.toContain(person);
  });
});

describe('tonghop report --ward --csv', () => {
  it('writes the city’s table: UTF-8 with a BOM, one row per unit and the ward’s line, no name', () => {
    const out = join(dir, 'so-lieu-thanh-pho.csv');
    const report = tonghop('report', book, '--ward', '--csv', out);
    expect(report.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    for (const name of CORPUS) expect(text).not.toContain(name);
    const rows = readCsvRows(new Uint8Array(bytes), 'so-lieu.csv');
    expect(rows[0]).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Loại',
      'Chỉ tiêu',
      'Số dòng',
      'Hợp lệ',
      'Tính cho phường (mỗi người một lần)',
      'Tỷ lệ',
      'Đánh giá',
    ]);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(UNITS.map((u) => u.code));
    const byCode = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    // HĐND: 2 rows, 2 valid, both counted; TDP01: Nguyễn Văn An already counted by HĐND.
    expect(byCode.HDND.slice(4, 7)).toEqual(['2', '2', '2']);
    expect(byCode.TDP01[4]).toBe('3');
    expect(Number(byCode.TDP01[6])).toBe(Number(byCode.TDP01[5]) - 1);
    const ward = rows[rows.length - 1];
    expect(ward.slice(0, 3)).toEqual(['PHƯỜNG', 'Phường Hải Dương', 'Toàn phường']);
    const json = JSON.parse(run.stdout) as { ward: { uniquePeople: number; households: number } };
    expect(Number(ward[3])).toBe(json.ward.households);
    expect(Number(ward[6])).toBe(json.ward.uniquePeople);
  });

  it('is refused without --ward, or for a file that is not .csv', () => {
    expect(tonghop('report', book, '--unit', 'HDND', '--csv', join(dir, 'x.csv')).stderr).toContain(
      '--csv chỉ dùng với --ward'
    );
    expect(tonghop('report', book, '--ward', '--csv', join(dir, 'x.txt')).stderr).toContain('đuôi .csv');
  });
});

describe('tonghop close', () => {
  it('asks for --yes, then erases every list, keeps the figures and removes the units’ files', async () => {
    const refused = tonghop('close', book);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('--yes');
    const before = (await loadXlsx(book)).workbook;
    const figuresBefore = before
      .sheet('Tổng hợp')
      .getRange(1, 1, SUMMARY.firstUnitRow + UNITS.length, SUMMARY.columns)
      .getDisplayValues();
    expect(personalDataIn(before, CORPUS).length).toBeGreaterThan(0);

    const closed = tonghop('close', book, '--yes');
    expect(closed.code).toBe(0);
    expect(closed.stderr).toContain('Đã kết thúc đợt báo cáo');
    expect(closed.stderr).toContain('Đã xóa 4 tệp đơn vị');
    const after = (await loadXlsx(book)).workbook;
    expect(personalDataIn(after, CORPUS)).toEqual([]);
    expect(
      after
        .sheet('Tổng hợp')
        .getRange(1, 1, SUMMARY.firstUnitRow + UNITS.length, SUMMARY.columns)
        .getDisplayValues()
    ).toEqual(figuresBefore);
    // Nothing of the ward's left on disk holds a name: the units' folder is empty of their files.
    const unitsDir = join(dir, 'bao-cao-don-vi');
    const left = existsSync(unitsDir) ? readdirSync(unitsDir).filter((n) => n.endsWith('.xlsx')) : [];
    expect(left).toEqual([]);
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name.endsWith('.xlsx')) expect(personalDataIn((await loadXlsx(path)).workbook, CORPUS)).toEqual([]);
      else if (statSync(path).isFile()) {
        const text = readFileSync(path, 'utf8');
        for (const person of CORPUS) expect(text).not.toContain(person);
      }
    }
    // A later run refuses: the figures stay as they were.
    expect(tonghop('run', book).stderr).toContain('Đợt báo cáo đã kết thúc');
  });
});
