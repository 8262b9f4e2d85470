/**
 * `tonghop import`: the unit's file read in Node, the bundle's previewImport/importRows, the workbook
 * saved in place. Through `importCommand` directly, and through bin/tonghop.js.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sttFormula } from '../../src/core/layout';
import { formulasFor } from '../../src/core/formulas';

const stt = (row: number): string => sttFormula(formulasFor('vi_VN'), row);
import { importMessages as im } from '../../src/core/messages/import';
import { CliError, type ParsedArgs } from '../../src/cli/cli-io';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { importCommand } from '../../src/cli/import-command';
import { loadXlsx, saveXlsx } from '../../src/stand-in';
import { typeRows, unitSheet, workbookWithUnits } from '../support/add-on';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');
const UNITS = demoUnits(2);
const TDP = UNITS.find((u) => u.code === 'TDP01') as DemoUnit;

const dir = mkdtempSync(join(tmpdir(), 'tonghop-import-'));
let n = 0;

afterAll(() => {
  // No lock or half-written file left next to the workbooks.
  expect(readdirSync(dir).filter((name) => !/\.(xlsx|csv|xls|jpg)$/.test(name))).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});

/** A set-up workbook whose TDP01 sheet has two rows. */
async function book(): Promise<string> {
  const { workbook, addOn } = workbookWithUnits(UNITS);
  addOn.setupUnits();
  typeRows(workbook, TDP, [
    ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1'],
    ['Trần Thị Bình', 1985, '', 'TDP 1'],
  ]);
  const path = join(dir, `bao-cao-${++n}.xlsx`);
  await saveXlsx(workbook, path);
  return path;
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function unitXlsx(name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('DS');
  ws.addRow(['DANH SÁCH CÀI ĐẶT SMART HẢI PHÒNG']);
  ws.addRow(['Stt', 'Dia chi', 'HO TEN', 'Nam sinh']);
  ws.addRow([1, 'TDP 1', 'Lê Văn Cường', 1990]);
  ws.addRow([2, 'Số 3 Lê Lợi, TDP 1', 'Nguyễn Văn An', 1980]);
  ws.addRow([3, 'TDP 2', 'Phạm Thị Dung', 85]);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const args = (file: string, options: Record<string, string | true>): ParsedArgs => ({
  command: 'import',
  file,
  options: new Map(Object.entries(options)),
});

/** Runs importCommand, capturing stdout and stderr. */
async function run(parsed: ParsedArgs) {
  const out: string[] = [];
  const err: string[] = [];
  // As a real stream does, call the write's callback: the CLI awaits it before exiting.
  const capture =
    (into: string[]) =>
    (chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      into.push(String(chunk));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') (done as () => void)();
      return true;
    };
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture(out));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture(err));
  try {
    const code = await importCommand(parsed).catch((error: unknown) => {
      if (error instanceof CliError) {
        err.push(error.message);
        return error.exitCode;
      }
      throw error;
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

async function sheetOf(path: string) {
  const { workbook } = await loadXlsx(path);
  return unitSheet(workbook, TDP.code);
}

describe('tonghop import', () => {
  it('imports a unit’s .xlsx into its sheet, below its rows, and saves in place', async () => {
    const path = await book();
    const from = await unitXlsx('ds-tdp1.xlsx');
    const result = await run(args(path, { '--unit': 'TDP01', '--from': from, '--json': true }));
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      ok: true,
      unit: 'TDP01',
      imported: 2,
      present: 1,
      withErrors: 1,
      firstRow: 10,
      lastRow: 11,
    });
    expect(json.rows.map((r: { fileRow: number; status: string }) => [r.fileRow, r.status])).toEqual([
      [3, 'valid'],
      [4, 'present'],
      [5, 'error'],
    ]);
    expect(result.stderr).toContain('TDP01: tệp có 3 dòng; nhập 2, bỏ qua 1 dòng đã có');
    expect(result.stderr).toContain('Đã nhập 2 dòng');
    expect(result.stderr).toContain('Đã lưu');
    expect(existsSync(`${path}.tonghop-lock`)).toBe(false);

    const sheet = await sheetOf(path);
    expect(sheet.getRange('B8:E11').getValues()).toEqual([
      ['Nguyễn Văn An', 1980, '', 'Số 3 Lê Lợi, TDP 1'],
      ['Trần Thị Bình', 1985, '', 'TDP 1'],
      // Imported: Năm sinh as text in its plain-text column, as typed.
      ['Lê Văn Cường', '1990', '', 'TDP 1'],
      ['Phạm Thị Dung', '85', '', 'TDP 2'],
    ]);
    expect(
      sheet
        .getRange('A10:A11')
        .getFormulas()
        .map((r) => r[0])
    ).toEqual([stt(10), stt(11)]);

    // The same file again: nothing new, nothing saved.
    const again = await run(args(path, { '--unit': 'TDP01', '--from': from }));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      'Không có dòng mới nào để nhập: 3 người trong tệp đã có trong trang của đơn vị.'
    );
    expect(again.stderr).not.toContain('Đã lưu');
  });

  it('imports a CSV with a BOM and semicolons', async () => {
    const path = await book();
    const from = write(
      'ds.csv',
      '\uFEFFHo va ten;Nam sinh;Noi o hien nay\r\nĐỗ Thu Hà;1992;"Số 12; Nguyễn Du"\r\n'
    );
    const result = await run(args(path, { '--unit': 'tdp01', '--from': from }));
    expect(result.code).toBe(0);
    expect((await sheetOf(path)).getRange('B10:E10').getValues()).toEqual([
      ['Đỗ Thu Hà', '1992', '', 'Số 12; Nguyễn Du'],
    ]);
  });

  it.each([
    ['a file that is not .xlsx or .csv', 'anh.jpg', 'xx', im.wrongType('anh.jpg')],
    ['an Excel 97–2003 file', 'ds.xls', 'xx', im.oldExcel('ds.xls')],
    ['an empty file', 'rong.csv', '', im.emptyFile('rong.csv')],
    ['a file with only blank lines', 'trang.csv', '\r\n;;\r\n\r\n', im.emptyFile('trang.csv')],
    ['an .xlsx that is not one', 'hong.xlsx', 'not a zip file', im.unreadable('hong.xlsx')],
    ['a file without a recognisable header', 'khong-tieu-de.csv', 'Tên,Tuổi\nAn,40\n', im.noHeader],
    ['a header without anybody under it', 'chi-tieu-de.csv', 'Họ và tên,Năm sinh\n', im.noRows(1)],
  ])('refuses %s with exit code 2, leaving the workbook as it was', async (_, name, content, message) => {
    const path = await book();
    const before = readFileSync(path);
    const result = await run(args(path, { '--unit': 'TDP01', '--from': write(name, content) }));
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(message);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}.tonghop-lock`)).toBe(false);
  });

  it('refuses a file over 10 MB, a missing file and missing options', async () => {
    const path = await book();
    const big = write('to.csv', Buffer.alloc(10 * 1024 * 1024 + 1, 0x41));
    expect(await run(args(path, { '--unit': 'TDP01', '--from': big }))).toMatchObject({
      code: 2,
      stderr: im.tooLarge('10,0'),
    });
    expect(await run(args(path, { '--unit': 'TDP01', '--from': join(dir, 'khong-co.csv') }))).toMatchObject({
      code: 2,
    });
    expect(await run(args(path, { '--from': big }))).toMatchObject({ code: 2, stderr: im.cliMissingUnit });
    expect(await run(args(path, { '--unit': 'TDP01' }))).toMatchObject({
      code: 2,
      stderr: im.cliMissingFrom,
    });
    const unknown = await run(args(path, { '--unit': 'KHONGCO', '--from': await unitXlsx('ds2.xlsx') }));
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain('KHONGCO');
  });

  it('runs as `tonghop import` from the command line', async () => {
    const path = await book();
    const from = await unitXlsx('ds-cli.xlsx');
    const cli = spawnSync(
      process.execPath,
      [BIN, 'import', path, '--unit', 'TDP01', '--from', from, '--json'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      }
    );
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, imported: 2, present: 1, firstRow: 10 });
    expect(cli.stderr).toContain(
      'TDP01: tệp có 3 dòng; nhập 2, bỏ qua 1 dòng đã có; 1 có lỗi, 0 cần kiểm tra.'
    );
    expect((await sheetOf(path)).getRange('B10:B12').getValues()).toEqual([
      ['Lê Văn Cường'],
      ['Phạm Thị Dung'],
      [''],
    ]);
    const bad = spawnSync(
      process.execPath,
      [BIN, 'import', path, '--unit', 'TDP01', '--from', write('x.xls', 'x')],
      {
        encoding: 'utf8',
      }
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe(im.oldExcel('x.xls'));
  });
});
