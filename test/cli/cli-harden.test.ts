/**
 * Issue 25 on the command line, as a clerk runs `tonghop run` over the folder of unit files the units sent
 * back: one unit plants formula cells whose cached results are names, another copies a neighbour's list
 * with the tone marks moved, a Cyrillic letter swapped in, addresses reworded and "Không trùng" added, and a
 * crafted 2 GB zip bomb lands in the folder. The bomb is named and the rest consolidated within 1.5 GB; no
 * formula row counts; Hòa and Hoà are one person; the copied rows are listed as suspected.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUnits, type DemoUnit, type TypedRow } from '../../src/cli/demo-data';
import { typeUnitRows, writeUnitsCsv } from '../../src/cli/demo';
import { loadXlsx, saveXlsx } from '../../src/stand-in';
import { patchPart, writeZipBomb } from '../support/crafted-xlsx';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');
const UNITS = demoUnits(3).filter((u) => ['TDP01', 'TDP02', 'TDP03'].includes(u.code));
const unit = (code: string) => UNITS.find((u) => u.code === code) as DemoUnit;
const CYRILLIC_A = '\u0430';

function tonghop(...args: string[]) {
  // GNU time reports the peak RSS of the largest process of the tree (bin/tonghop.js may run a child).
  const run = spawnSync('/usr/bin/time', ['-f', 'maxRSS=%M', process.execPath, BIN, ...args], {
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 2 ** 20,
    env: { ...process.env, TONGHOP_QUIET: '1' },
  });
  const rss = [...run.stderr.matchAll(/maxRSS=(\d+)/g)].map((m) => Number(m[1]) / 1024);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, rssMb: Math.max(0, ...rss) };
}

async function typeIntoFile(path: string, code: string, rows: TypedRow[]): Promise<void> {
  const { workbook } = await loadXlsx(path);
  typeUnitRows(workbook, [unit(code)], () => rows);
  await saveXlsx(workbook, path);
}

/** A blank data cell of the unit's sheet (as tonghop saved it) given a formula and a cached result. */
function plant(text: string, cell: string, formula: string, cached: string | number): string {
  const blank = new RegExp(`<c r="${cell}"( s="\\d+")?/>`);
  const escaped = formula.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const value =
    typeof cached === 'number'
      ? `><f>${escaped}</f><v>${cached}</v></c>`
      : ` t="str"><f>${escaped}</f><v>${cached}</v></c>`;
  if (!blank.test(text)) throw new Error(`no blank ${cell}`);
  return text.replace(blank, (_, style: string | undefined) => `<c r="${cell}"${style ?? ''}${value}`);
}

interface RunJson {
  ok: boolean;
  units: { code: string; rows: number; valid: number; errors: number }[];
  ward: { uniquePeople: number };
  formulaCells: { unit: string; sheet: string; cell: string; function: string }[];
  suspectedDuplicates: { unit: string; row: number; otherUnit: string; otherRow: number; reason: string }[];
  unitFolder: { skipped: { path: string; reason: string }[] };
}

let dir: string;
let book: string;
let first: ReturnType<typeof tonghop>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-harden-'));
  const csv = join(dir, 'don-vi.csv');
  writeUnitsCsv(csv, UNITS);
  book = join(dir, 'bao-cao.xlsx');
  expect(tonghop('init', book, '--units', csv).code).toBe(0);
  expect(tonghop('setup', book).code).toBe(0);
  const file = (code: string) => join(dir, 'bao-cao-don-vi', `${code} - ${unit(code).name}.xlsx`);
  await typeIntoFile(file('TDP01'), 'TDP01', [
    ['Lê Thị Hòa', 1980, '', 'Tổ dân phố số 1', ''],
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
    ['Trần Thị Bình', 1985, '', 'TDP 1', ''],
    ['Phạm Văn Cường', 1970, '', 'TDP 2', ''],
  ]);
  // TDP02's list is TDP01's, dressed up.
  await typeIntoFile(file('TDP02'), 'TDP02', [
    ['Lê Thị Hoà', 1980, '', 'TDP 1', ''],
    [`Nguyễn Văn ${CYRILLIC_A}n`, 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
    ['Trần Thị Bình', 1985, '', 'TDP 1', 'Không trùng'],
    ['Phạm Văn Cường', 1970, '', 'Số 12 ngõ 4 Trần Hưng Đạo', ''],
  ]);
  // TDP03 typed one person; then formula cells with cached names were planted into its file by hand.
  await typeIntoFile(file('TDP03'), 'TDP03', [['Đỗ Văn Hải', 1990, '', 'TDP 3', '']]);
  patchPart(file('TDP03'), 'xl/worksheets/sheet1.xml', (xml) => {
    let out = plant(xml, 'B9', 'IMPORTRANGE("1AbCdEfG","Danh sách tổng hợp!B5")', 'Vũ Văn Em');
    out = plant(out, 'C9', '1975+0', 1975);
    out = plant(out, 'E9', '"TDP "&"3"', 'TDP 3');
    out = plant(out, 'B10', 'B8&""', 'Đỗ Văn Hải');
    out = plant(out, 'C10', 'C8+1', 1991);
    return plant(out, 'E10', 'E8&""', 'TDP 3');
  });
  // And a 2 GB zip bomb "from Zalo", its size a lie.
  await writeZipBomb(join(dir, 'bao-cao-don-vi', 'TDP01 (Zalo).xlsx'), 2 * 2 ** 30, true);
  first = tonghop('run', book, '--json');
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tonghop run over a folder with crafted files', () => {
  it('names the zip bomb, consolidates the rest and stays under 1.5 GB', () => {
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout) as RunJson;
    expect(json.unitFolder.skipped).toEqual([
      { path: join(dir, 'bao-cao-don-vi', 'TDP01 (Zalo).xlsx'), reason: 'too-large' },
    ]);
    expect(first.stderr).toContain('Tệp quá lớn so với danh sách của một đơn vị');
    expect(first.stderr).toContain('TDP01 (Zalo).xlsx');
    expect(json.units.map((u) => u.code)).toEqual(['TDP01', 'TDP02', 'TDP03']);
    expect(first.rssMb).toBeGreaterThan(0);
    expect(first.rssMb).toBeLessThan(1536);
  });

  it('counts no formula row, names each formula cell, and prints none of their cached names', () => {
    const json = JSON.parse(first.stdout) as RunJson;
    const tdp03 = json.units.find((u) => u.code === 'TDP03');
    expect(tdp03).toMatchObject({ rows: 3, valid: 1, errors: 2 });
    expect(json.formulaCells).toEqual([
      { unit: 'TDP03', sheet: unit('TDP03').name, cell: 'B9', function: 'IMPORTRANGE' },
      { unit: 'TDP03', sheet: unit('TDP03').name, cell: 'C9', function: '' },
      { unit: 'TDP03', sheet: unit('TDP03').name, cell: 'E9', function: '' },
      { unit: 'TDP03', sheet: unit('TDP03').name, cell: 'B10', function: '' },
      { unit: 'TDP03', sheet: unit('TDP03').name, cell: 'C10', function: '' },
      { unit: 'TDP03', sheet: unit('TDP03').name, cell: 'E10', function: '' },
    ]);
    expect(first.stdout).not.toContain('Vũ Văn Em');
    expect(first.stderr).toContain('B9 (IMPORTRANGE)');
  });

  it('takes Hòa and Hoà for one person, refuses the Cyrillic look-alike, and lists the dressed-up copies', () => {
    const json = JSON.parse(first.stdout) as RunJson;
    const tdp02 = json.units.find((u) => u.code === 'TDP02');
    // Hoà, Bình (Không trùng) and Cường (another address) count for TDP02; the Cyrillic An does not.
    expect(tdp02).toMatchObject({ rows: 4, valid: 3, errors: 1 });
    // The ward: TDP01's four, TDP02's Cường (listed as suspected, not removed), TDP03's one.
    expect(json.ward.uniquePeople).toBe(6);
    expect(json.suspectedDuplicates).toEqual([
      { unit: 'TDP02', row: 10, otherUnit: 'TDP01', otherRow: 10, reason: 'namesake' },
      { unit: 'TDP02', row: 11, otherUnit: 'TDP01', otherRow: 11, reason: 'residence' },
    ]);
  });

  it('counts the Không trùng row once the office accepts it', () => {
    const accepted = tonghop('review', book, '--unit', 'TDP02', '--accept-namesake', '10', '--json');
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toContain('Đã chấp nhận dòng 10 của Tổ dân phố số 2');
    const again = tonghop('run', book, '--json');
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout) as RunJson;
    expect(json.ward.uniquePeople).toBe(7);
    expect(json.suspectedDuplicates).toEqual([
      { unit: 'TDP02', row: 11, otherUnit: 'TDP01', otherRow: 11, reason: 'residence' },
    ]);
  });
});
