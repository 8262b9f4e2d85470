/**
 * `tonghop` where each unit has a file of its own (the default of `tonghop init`), as a clerk runs it on
 * real .xlsx files: setup writes one file per unit into BOOK-don-vi/, the units fill them in (here, through
 * the stand-in as their staff; one of them through LibreOffice) and send them back, and run reads the folder.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseConfig } from '../../src/core/config-table';
import { MASTER_COL } from '../../src/core/report-layout';
import { demoUnits, type DemoUnit, type TypedRow } from '../../src/cli/demo-data';
import { typeUnitRows, writeUnitsCsv } from '../../src/cli/demo';
import { Workbook, loadXlsx, saveXlsx } from '../../src/stand-in';
import { unitFileName } from '../../src/cli/unit-folder';
import { recomputeWithDefaultLibreOffice, soffice } from '../support/libreoffice';
import { tonghop } from '../support/cli';

const UNITS = demoUnits(2).filter((u) => ['DU', 'HDND', 'TDP01', 'TDP02'].includes(u.code));
const unit = (code: string) => UNITS.find((u) => u.code === code) as DemoUnit;

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The rows the units' staff type: HĐND's Nguyễn Văn An is also in TDP01's list; TDP01 has two errors. */
const ROWS: Record<string, TypedRow[]> = {
  HDND: [
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
    ['Ngô Quang Sơn', 1970, '', 'Tổ dân phố số 2', ''],
  ],
  TDP01: [
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1', ''],
    ['Trần Thị Bình', 1985, '', 'TDP 1', ''],
    ['Lê Văn Cường', 85, '', 'TDP 2', ''],
    ['Trần Thị Bình', 1985, '', 'TDP 1', ''],
  ],
};

/** What a unit's staff do with the file they received: open it, type their rows, save it. */
async function typeIntoFile(path: string, code: string, rows = ROWS[code] ?? []): Promise<void> {
  const { workbook } = await loadXlsx(path);
  typeUnitRows(workbook, [unit(code)], () => rows);
  await saveXlsx(workbook, path);
}

/** A sheet's values (formulas where there are), with the source-link column and every moment blanked. */
function comparable(workbook: Workbook, name: string): unknown[][] {
  const moment = /\d{1,2}:\d{2}|\d{1,2}\/\d{1,2}\/\d{4}/g;
  const sheet = workbook.getSheetByName(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const range = sheet.getDataRange();
  const formulas = range.getFormulas();
  return range.getValues().map((row, r) =>
    row.map((cell, c) => {
      // The link to the row's source: a tab of the office's file in one design, the unit's file in the other.
      if (name === 'Danh sách tổng hợp' && c + 1 === MASTER_COL.source && r >= 4) return String(cell);
      const shown = formulas[r][c] || cell;
      return shown instanceof Date ? '' : typeof shown === 'string' ? shown.replace(moment, '…') : shown;
    })
  );
}

interface Figures {
  units: { code: string; rows: number; valid: number; errors: number }[];
  totals: unknown;
  ward: unknown;
  unitFolder?: {
    used: { code: string; path: string }[];
    skipped: { path: string; reason: string; code?: string }[];
    missing: string[];
  };
}

const rowsOf = (json: Figures) => Object.fromEntries(json.units.map((u) => [u.code, u.rows]));

/** Every file of a folder: its bytes' digest and modified time. */
function stamp(dir: string): Record<string, [string, number]> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [name, [digest(join(dir, name)), statSync(join(dir, name)).mtimeMs]])
  );
}

let dir: string;
let csv: string;
let book: string;
let unitsDir: string;
let setup: { code: number | null; stdout: string; stderr: string };
/** TDP01's file as setup wrote it, before its staff typed anything. */
let blankTdp01: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-files-'));
  csv = join(dir, 'don-vi.csv');
  writeUnitsCsv(csv, UNITS);
  book = join(dir, 'bao-cao.xlsx');
  unitsDir = join(dir, 'bao-cao-don-vi');
  expect(tonghop('init', book, '--units', csv).code).toBe(0);
  setup = tonghop('setup', book, '--json');
  expect(setup.code).toBe(0);
  blankTdp01 = join(dir, 'blank-TDP01.xlsx');
  copyFileSync(join(unitsDir, 'TDP01 - Tổ dân phố số 1.xlsx'), blankTdp01);
  await typeIntoFile(join(unitsDir, 'HDND - Thường trực HĐND phường.xlsx'), 'HDND');
  await typeIntoFile(join(unitsDir, 'TDP01 - Tổ dân phố số 1.xlsx'), 'TDP01');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tonghop setup, a file per unit', () => {
  it('writes one file per unit into BOOK-don-vi/, named <Mã> - <Tên>, each carrying its unit and the ward', async () => {
    const json = JSON.parse(setup.stdout) as { ok: boolean; unitFiles: { code: string; path: string }[] };
    expect(json.ok).toBe(true);
    expect(json.unitFiles).toEqual(
      UNITS.map((u) => ({ code: u.code, path: join(unitsDir, `${u.code} - ${u.name}.xlsx`) }))
    );
    expect(readdirSync(unitsDir).sort()).toEqual(UNITS.map((u) => `${u.code} - ${u.name}.xlsx`).sort());
    // Nothing left beside the workbook but the office's script properties (hidden) and the folder.
    expect(readdirSync(dir).filter((n) => n.includes('lock'))).toEqual([]);
    expect(existsSync(join(dir, '.bao-cao.xlsx.tonghop.json'))).toBe(true);

    // The office's file keeps Cấu hình's links: one Drive id per unit, all different.
    const office = (await loadXlsx(book)).workbook;
    const config = parseConfig(office.getSheetByName('Cấu hình')!.getDataRange().getValues());
    expect(config.campaign.organisation).toBe('files');
    const ids = config.units.map((u) => u.fileId);
    expect(ids.every((id) => /^[A-Za-z0-9_-]{30,}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(UNITS.length);
    const ward = office.namedRangeEntries().find((e) => e.name.startsWith('TH_WARD_'))?.name;
    expect(ward).toBeDefined();
    // Each unit's file: one sheet, the unit's tag and the ward's, no office sheet.
    for (const { code, path } of json.unitFiles) {
      const { workbook } = await loadXlsx(path);
      expect(workbook.getSheets()).toHaveLength(1);
      const names = workbook.namedRangeEntries().map((e) => e.name);
      expect(names).toEqual(expect.arrayContaining([`TH_UNIT_${code}`, ward]));
      // Its header names the unit (in capitals, as the form prints it).
      expect(workbook.getSheets()[0].getRange('A1:F7').getValues().flat().join(' ')).toContain(
        unit(code).name.toLocaleUpperCase('vi')
      );
    }
  });

  it('run again, makes no second file and leaves every typed row as it was', async () => {
    const again = join(dir, 'thiet-lap-lai');
    cpSync(unitsDir, again, { recursive: true });
    const file = join(again, 'TDP01 - Tổ dân phố số 1.xlsx');
    const rows = async () => (await loadXlsx(file)).workbook.getSheets()[0].getRange('B8:F12').getValues();
    const before = await rows();
    const run = tonghop('setup', book, '--units-dir', again, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { created: string[]; unitFiles: { code: string; path: string }[] };
    expect(json.created).toEqual([]);
    expect(readdirSync(again)).toHaveLength(UNITS.length);
    expect(json.unitFiles.find((f) => f.code === 'TDP01')?.path).toBe(file);
    expect(await rows()).toEqual(before);
    expect(before[3]).toEqual(['Trần Thị Bình', 1985, '', 'TDP 1', '']);
  });

  it('names files with what a file name can hold', () => {
    expect(unitFileName({ code: 'TDP01', name: 'Tổ dân phố số 1' })).toBe('TDP01 - Tổ dân phố số 1.xlsx');
    expect(unitFileName({ code: 'A/B', name: 'Chi bộ: "Khu 1" | 2?' })).toBe(
      'A-B - Chi bộ- -Khu 1- - 2-.xlsx'
    );
    expect(unitFileName({ code: 'X', name: 'Tên…  ' })).toBe('X - Tên….xlsx');
  });
});

describe('tonghop run over the folder', () => {
  it('gives the shared design’s master list and figures, cell for cell, and writes no unit file', async () => {
    // The same units and rows, every unit a tab of one file.
    const sharedBook = join(dir, 'chung.xlsx');
    expect(tonghop('init', sharedBook, '--units', csv, '--shared').code).toBe(0);
    expect(tonghop('setup', sharedBook).code).toBe(0);
    const { workbook } = await loadXlsx(sharedBook);
    typeUnitRows(workbook, UNITS, (u) => ROWS[u.code] ?? []);
    await saveXlsx(workbook, sharedBook);

    const before = stamp(unitsDir);
    const files = tonghop('run', book, '--json');
    expect(files.code).toBe(0);
    expect(stamp(unitsDir)).toEqual(before);
    const shared = tonghop('run', sharedBook, '--json');
    expect(shared.code).toBe(0);

    const perUnit = JSON.parse(files.stdout) as Figures;
    expect(perUnit.unitFolder).toMatchObject({ skipped: [], missing: [] });
    expect(perUnit.unitFolder?.used.map((u) => u.code)).toEqual(UNITS.map((u) => u.code));
    const { unitFolder, ...figures } = perUnit;
    expect(unitFolder).toBeDefined();
    expect(figures).toEqual(JSON.parse(shared.stdout));
    expect(rowsOf(perUnit)).toEqual({ DU: 0, HDND: 2, TDP01: 4, TDP02: 0 });

    const a = (await loadXlsx(book)).workbook;
    const b = (await loadXlsx(sharedBook)).workbook;
    for (const name of ['Tổng hợp', 'Danh sách tổng hợp'])
      expect(comparable(a, name)).toEqual(comparable(b, name));
    // The master list has the people, and its link column points at the unit's own file.
    const master = a.getSheetByName('Danh sách tổng hợp')!;
    expect(master.getRange(5, MASTER_COL.source).getFormulas()[0][0]).toMatch(
      /^=HYPERLINK\("https:\/\/docs\.google\.com/
    );
  });

  it('recognises a unit’s file by what it holds: renamed by Zalo, or opened and saved again by LibreOffice', async () => {
    const other = join(dir, 'nhan-lai');
    mkdirSync(other);
    copyFileSync(join(unitsDir, 'TDP01 - Tổ dân phố số 1.xlsx'), join(other, 'TDP01 (1).xlsx'));
    copyFileSync(join(unitsDir, 'DU - Đảng ủy phường.xlsx'), join(other, 'du.xlsx'));
    copyFileSync(join(unitsDir, 'TDP02 - Tổ dân phố số 2.xlsx'), join(other, 'tdp02.xlsx'));
    const hdnd = join(unitsDir, 'HDND - Thường trực HĐND phường.xlsx');
    if (soffice) {
      // HĐND's staff opened it in LibreOffice and saved it: LibreOffice's own .xlsx, under its own name.
      const resaved = recomputeWithDefaultLibreOffice(hdnd, join(dir, 'lo-out'), dir);
      expect(digest(resaved)).not.toBe(digest(hdnd));
      renameSync(resaved, join(other, 'Danh sach HDND.xlsx'));
    } else {
      copyFileSync(hdnd, join(other, 'Danh sach HDND.xlsx'));
    }
    const run = tonghop('run', book, '--units-dir', other, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Figures;
    expect(json.unitFolder?.used.map((u) => [u.code, basename(u.path)])).toEqual([
      ['DU', 'du.xlsx'],
      ['HDND', 'Danh sach HDND.xlsx'],
      ['TDP01', 'TDP01 (1).xlsx'],
      ['TDP02', 'tdp02.xlsx'],
    ]);
    expect(json.unitFolder?.skipped).toEqual([]);
    expect(rowsOf(json)).toEqual({ DU: 0, HDND: 2, TDP01: 4, TDP02: 0 });
    expect(soffice).toBeDefined();
  });

  it('names two files of one unit (the one saved last is used), a file of another ward, a stranger’s file, and a unit without a file', async () => {
    const other = join(dir, 'lan-lon');
    cpSync(unitsDir, other, { recursive: true });
    rmSync(join(other, 'TDP02 - Tổ dân phố số 2.xlsx'));
    // TDP01 sent its file twice: the blank one it received, and the one it filled in.
    const typed = join(other, 'TDP01 - Tổ dân phố số 1.xlsx');
    const blank = join(other, 'TDP01 (1).xlsx');
    copyFileSync(blankTdp01, blank);
    // Another ward's TDP02 file, in this folder by mistake.
    const { workbook: foreign } = await loadXlsx(join(unitsDir, 'TDP02 - Tổ dân phố số 2.xlsx'));
    const wardName = foreign.namedRangeEntries().find((e) => e.name.startsWith('TH_WARD_'))!.name;
    const at = foreign.getRangeByName(wardName)!;
    foreign.removeNamedRange(wardName);
    foreign.setNamedRange('TH_WARD_phuongkhac', at);
    typeUnitRows(foreign, [unit('TDP02')], () => [['Người Phường Khác', 1990, '', 'Nơi khác', '']]);
    await saveXlsx(foreign, join(other, 'TDP02 - phuong khac.xlsx'));
    // A list someone made by hand.
    const stranger = new Workbook({ name: 'Bảng kê' });
    stranger
      .getSheets()[0]
      .getRange('A1:B2')
      .setValues([
        ['Họ và tên', 'Năm sinh'],
        ['Người Lạ', 1990],
      ]);
    await saveXlsx(stranger, join(other, 'bang-ke.xlsx'));
    writeFileSync(join(other, 'ghi-chu.txt'), 'không phải bảng tính');

    const old = new Date(Date.now() - 3600_000);
    utimesSync(blank, old, old);
    const before = stamp(other);
    const run = tonghop('run', book, '--units-dir', other, '--json');
    expect(run.code).toBe(0);
    expect(stamp(other)).toEqual(before);
    const json = JSON.parse(run.stdout) as Figures;
    expect(rowsOf(json)).toEqual({ DU: 0, HDND: 2, TDP01: 4, TDP02: 0 });
    expect(json.unitFolder?.missing).toEqual(['TDP02']);
    expect(
      json.unitFolder?.skipped
        .map((s) => [basename(s.path), s.reason])
        .sort((x, y) => x[0].localeCompare(y[0]))
    ).toEqual([
      ['bang-ke.xlsx', 'not-tonghop'],
      ['TDP01 (1).xlsx', 'duplicate'],
      ['TDP02 - phuong khac.xlsx', 'other-ward'],
    ]);
    const said = run.stderr.normalize('NFC');
    expect(said).toContain(
      'Có 2 tệp của Tổ dân phố số 1: dùng "TDP01 - Tổ dân phố số 1.xlsx" (lưu sau cùng), bỏ qua "TDP01 (1).xlsx".'
    );
    expect(said).toContain('Tệp của phường khác, bỏ qua: "TDP02 - phuong khac.xlsx".');
    expect(said).toContain(
      'Tệp không do tonghop tạo (trong tệp không có mã đơn vị), bỏ qua: "bang-ke.xlsx".'
    );
    expect(said).toContain(`Thư mục "${other}" không có tệp của: Tổ dân phố số 2.`);

    // The blank copy saved last: it is the one used, and TDP01 counts nothing.
    const later = new Date(Date.now() + 60_000);
    utimesSync(blank, later, later);
    utimesSync(typed, old, old);
    const again = JSON.parse(tonghop('run', book, '--units-dir', other, '--json').stdout) as Figures;
    expect(rowsOf(again)).toMatchObject({ TDP01: 0 });
    expect(again.unitFolder?.used.find((u) => u.code === 'TDP01')?.path).toBe(blank);
  });
});

describe('check, import and report on a unit’s own file', () => {
  it('check reads the unit’s file and changes nothing; --fix writes the fixes into that file only', async () => {
    const tdp01 = join(unitsDir, 'TDP01 - Tổ dân phố số 1.xlsx');
    const before = stamp(unitsDir);
    const officeBefore = digest(book);
    const check = tonghop('check', book, '--unit', 'TDP01', '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout).units).toEqual([
      { code: 'TDP01', rows: 4, valid: 2, errors: 2, warnings: 0 },
    ]);
    expect(stamp(unitsDir)).toEqual(before);
    expect(digest(book)).toBe(officeBefore);

    // Without --unit: each unit's file in turn.
    const all = tonghop('check', book, '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout).units.map((u: { code: string; rows: number }) => [u.code, u.rows])).toEqual(
      [
        ['DU', 0],
        ['HDND', 2],
        ['TDP01', 4],
        ['TDP02', 0],
      ]
    );

    const messy = join(dir, 'messy');
    cpSync(unitsDir, messy, { recursive: true });
    const file = join(messy, basename(tdp01));
    const { workbook } = await loadXlsx(file);
    workbook
      .getSheets()[0]
      .getRange('B9:C9')
      .setValues([['  trần  thị BÌNH ', '15/03/1985']]);
    await saveXlsx(workbook, file);
    const others = Object.fromEntries(Object.entries(stamp(messy)).filter(([n]) => n !== basename(tdp01)));
    const fix = tonghop('check', book, '--unit', 'TDP01', '--fix', '--units-dir', messy, '--json');
    expect(fix.code).toBe(0);
    expect(
      JSON.parse(fix.stdout).fixes.map((f: { row: number; after: unknown }) => [f.row, f.after])
    ).toEqual([
      [9, 'Trần Thị Bình'],
      [9, 1985],
    ]);
    const fixed = (await loadXlsx(file)).workbook.getSheets()[0].getRange('B9:C9').getValues();
    expect(fixed).toEqual([['Trần Thị Bình', 1985]]);
    expect(Object.fromEntries(Object.entries(stamp(messy)).filter(([n]) => n !== basename(tdp01)))).toEqual(
      others
    );
    expect(digest(book)).toBe(officeBefore);
  });

  it('import writes the rows into the unit’s file; report --unit reads it', async () => {
    const folder = join(dir, 'nhap');
    cpSync(unitsDir, folder, { recursive: true });
    const from = join(dir, 'tdp02.csv');
    writeFileSync(
      from,
      '\uFEFFHọ và tên,Năm sinh,Nơi ở hiện nay\nPhạm Văn Nam,1975,Tổ dân phố số 2\nĐỗ Thị Lan,1990,Tổ dân phố số 2\n'
    );
    const imported = tonghop(
      'import',
      book,
      '--unit',
      'TDP02',
      '--from',
      from,
      '--units-dir',
      folder,
      '--json'
    );
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, imported: 2 });
    const sheet = (await loadXlsx(join(folder, 'TDP02 - Tổ dân phố số 2.xlsx'))).workbook.getSheets()[0];
    // Năm sinh goes into its plain-text column as text, as the unit's staff would type it.
    expect(sheet.getRange('B8:C9').getValues()).toEqual([
      ['Phạm Văn Nam', '1975'],
      ['Đỗ Thị Lan', '1990'],
    ]);

    const report = tonghop('report', book, '--unit', 'TDP02', '--units-dir', folder, '--json');
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ unit: 'TDP02', valid: 2 });
    const missing = join(dir, 'rong');
    mkdirSync(missing);
    const none = tonghop('report', book, '--unit', 'TDP02', '--units-dir', missing);
    expect(none.code).toBe(1);
    expect(none.stderr.normalize('NFC')).toContain('không có tệp của: ');
  });
});
