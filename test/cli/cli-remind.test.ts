/**
 * `tonghop remind` and `tonghop review` on a corpus of unit files, as a clerk runs them: six units in every
 * state a reminder rule looks at. The deadlines are Cấu hình's defaults (31/05/2026, 05/06/2026), past by
 * the time these tests run, so every "as the deadline nears" rule applies.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUnits, type DemoUnit, type TypedRow } from '../../src/cli/demo-data';
import { typeUnitRows, writeUnitsCsv } from '../../src/cli/demo';
import { officePropertiesPath } from '../../src/cli/unit-folder';
import { loadXlsx, saveXlsx } from '../../src/stand-in';
import { tonghop } from '../support/cli';

const CODES = ['DU', 'HDND', 'P-VHXH', 'P-KT', 'TDP01', 'TDP02'];
const UNITS = demoUnits(2).filter((u) => CODES.includes(u.code));
const unit = (code: string) => UNITS.find((u) => u.code === code) as DemoUnit;

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Minh'];
/** Every name typed, to look for in the messages. */
const typedNames: string[] = [];

/** `n` distinct people for a unit (`salt` keeps units apart); `bad` of them with an unusable year. */
function people(n: number, salt: number, bad = 0): TypedRow[] {
  return Array.from({ length: n }, (_, i) => {
    const k = i + salt * 100;
    const name = `${SURNAMES[k % 8]} Văn ${GIVEN[Math.floor(k / 8) % 9]} ${GIVEN[Math.floor(k / 72) % 9]}`;
    typedNames.push(name);
    return [name, i < bad ? 85 : 1950 + (k % 50), '', `Tổ dân phố số ${(k % 3) + 1}`, ''] as TypedRow;
  });
}

const fileOf = (code: string) => join(unitsDir, `${code} - ${unit(code).name}.xlsx`);

/** What a unit's staff do: open the file they received, type (and perhaps tick "done"), save. */
async function fill(code: string, rows: TypedRow[], tick: boolean): Promise<void> {
  const { workbook } = await loadXlsx(fileOf(code));
  typeUnitRows(workbook, [unit(code)], () => rows);
  if (tick) workbook.getSheets()[0].getRange('G6').setValue(true);
  await saveXlsx(workbook, fileOf(code));
}

let dir: string;
let book: string;
let unitsDir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-remind-'));
  const csv = join(dir, 'don-vi.csv');
  writeUnitsCsv(csv, UNITS);
  book = join(dir, 'bao-cao.xlsx');
  unitsDir = join(dir, 'bao-cao-don-vi');
  expect(tonghop('init', book, '--units', csv).code).toBe(0);
  expect(tonghop('setup', book).code).toBe(0);
  // DU types nothing. HDND: its whole target, ticked done. P-VHXH: its whole target, ticked, then accepted.
  await fill('HDND', people(15, 1), true);
  await fill('P-VHXH', people(12, 2), true);
  // P-KT: 5 of 14, still typing. TDP01: 4 of 68 households, two of them errors. TDP02: its target and one
  // error, ticked done.
  await fill('P-KT', people(5, 3), false);
  await fill('TDP01', people(4, 4, 2), false);
  await fill('TDP02', people(66, 5, 1), true);
  expect(tonghop('run', book).code).toBe(0);
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tonghop review', () => {
  it('refuses without --accept or --return, and returns without a note', () => {
    expect(tonghop('review', book, '--unit', 'P-VHXH').code).toBe(2);
    const empty = tonghop('review', book, '--unit', 'P-VHXH', '--return', ' ');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('ghi rõ');
  });

  it('accepts a list; a row changed afterwards is flagged with its row at the next run', async () => {
    const accepted = tonghop('review', book, '--unit', 'P-VHXH', '--accept', '--json');
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ ok: true });
    // The record is stamped by the session's clock, ahead of the machine's by the calls' modelled cost; the
    // file beside the book carries that moment, so the next run cannot start "before" the acceptance.
    const beside = officePropertiesPath(book);
    const kept = JSON.parse(readFileSync(beside, 'utf8')) as Record<string, string>;
    const key = Object.keys(kept).find((k) => k.startsWith('tonghop.review.'));
    const record = JSON.parse(kept[key!]) as { at: string };
    expect(statSync(beside).mtimeMs).toBeGreaterThanOrEqual(Date.parse(record.at));
    const { workbook } = await loadXlsx(fileOf('P-VHXH'));
    const sheet = workbook.getSheets()[0];
    expect(String(sheet.getRange('A6').getValue())).toContain('đã duyệt');
    sheet.getRange('B10').setValue('Đỗ Thị Thay');
    typedNames.push('Đỗ Thị Thay');
    await saveXlsx(workbook, fileOf('P-VHXH'));
    expect(tonghop('run', book).code).toBe(0);
  }, 300_000);
});

describe('tonghop remind --json', () => {
  let json: {
    units: { code: string; reasons: string[]; message: string; zalo: string }[];
    statuses: { code: string; status: string }[];
  };
  beforeAll(() => {
    const remind = tonghop('remind', book, '--json');
    expect(remind.code).toBe(0);
    json = JSON.parse(remind.stdout);
  }, 120_000);

  it('lists exactly the units a reader of the rules would call, most urgent first', () => {
    expect(json.units.map((u) => [u.code, u.reasons])).toEqual([
      ['DU', ['no-rows']],
      ['TDP01', ['below-target', 'errors', 'not-done']],
      ['P-KT', ['below-target', 'not-done']],
      ['TDP02', ['errors']],
      ['P-VHXH', ['changed-after-acceptance']],
    ]);
    expect(Object.fromEntries(json.statuses.map((s) => [s.code, s.status]))).toEqual({
      DU: 'empty',
      HDND: 'done',
      'P-VHXH': 'changed',
      'P-KT': 'typing',
      TDP01: 'typing',
      TDP02: 'done',
    });
  });

  it('writes each message from the unit’s own figures, with the deadline and its Zalo link', () => {
    const tdp01 = json.units.find((u) => u.code === 'TDP01')!;
    expect(tdp01.message).toContain('Kính gửi Tổ dân phố số 1,');
    expect(tdp01.message).toContain('4 dòng');
    expect(tdp01.message).toContain('2 dòng hợp lệ trên chỉ tiêu 68 hộ (đạt 2,9%)');
    expect(tdp01.message).toContain('Có 2 dòng bị lỗi (dòng 8, 9)');
    expect(tdp01.message).toContain('hạn hoàn thành 31/05/2026, hạn báo cáo 05/06/2026');
    expect(tdp01.zalo).toBe(`https://zalo.me/${unit('TDP01').phone}`);
    expect(json.units.find((u) => u.code === 'P-VHXH')!.message).toContain('dòng 10');
    expect(json.units.find((u) => u.code === 'DU')!.message).toContain('chưa thấy dòng nào');
  });

  it('never puts a resident’s name in a message', () => {
    expect(typedNames.length).toBeGreaterThan(90);
    for (const u of json.units) for (const name of typedNames) expect(u.message).not.toContain(name);
  });
});
