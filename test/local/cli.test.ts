/** The `tonghop` command as a clerk runs it, on real .xlsx files. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUnits } from '../../src/local/demo-data';
import { writeUnitsCsv } from '../../src/local/demo';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');

function tonghop(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('tonghop CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-cli-'));
  const book = join(dir, 'bao-cao.xlsx');
  const csv = join(dir, 'don-vi.csv');

  beforeAll(() => {
    writeUnitsCsv(csv, demoUnits(2));
  });

  it('creates a workbook with the set-up sheet and the units of a CSV', () => {
    const init = tonghop('init', book, '--units', csv, '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ ok: true, created: true });
    expect(init.stderr).toContain('Đã lưu');
  });

  it('refuses to overwrite an existing workbook with init', () => {
    const again = tonghop('init', book);
    expect(again.code).toBe(2);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('đã có');
  });

  it('sets up the units and consolidates, printing the JSON the summary formulas computed', () => {
    const setup = tonghop('setup', book, '--json');
    expect(setup.code).toBe(0);
    const setupJson = JSON.parse(setup.stdout);
    expect(setupJson.created).toHaveLength(19);
    expect(setup.stderr).toContain('Đã tạo 19 trang đơn vị');
    // Cấu hình, the two output sheets, and per unit its sheet and its header block (A1:F7).
    expect(setupJson.protections).toHaveLength(3 + 19 * 2);
    expect(setupJson.protections[0]).toEqual({
      sheet: 'Cấu hình',
      range: null,
      editors: ['owner@example.com'],
      warningOnly: false,
      effective: true,
    });
    // The one residential group without an email: warning-only, so anyone with edit access can type there.
    expect(setupJson.protections.filter((p: { effective: boolean }) => !p.effective)).toEqual([
      { sheet: 'Tổ dân phố số 2', range: null, editors: [], warningOnly: true, effective: false },
    ]);
    const run = tonghop('run', book, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual([
      'units',
      'totals',
      'ward',
      'problems',
      'protections',
      'formulaErrors',
    ]);
    expect(json.protections.map((p: { sheet: string }) => p.sheet)).toEqual([
      'Cấu hình',
      'Tổng hợp',
      'Danh sách tổng hợp',
    ]);
    expect(json.formulaErrors).toEqual([]);
    expect(json.units).toHaveLength(19);
    expect(Object.keys(json.units[0])).toEqual([
      'code',
      'name',
      'type',
      'sheet',
      'target',
      'rows',
      'valid',
      'errors',
      'warnings',
      'duplicatesWithinUnit',
      'duplicatesOfOtherUnits',
      'coverage',
    ]);
    expect(json.ward).toMatchObject({ uniquePeople: 0, ratio: 0, meetsTarget: false });
    expect(run.stderr).toContain('Tỷ lệ của phường');
  });

  it('writes --out elsewhere and leaves the input as it was', () => {
    const before = digest(book);
    const out = join(dir, 'ket-qua.xlsx');
    expect(tonghop('run', book, '--out', out).code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(digest(book)).toBe(before);
  });

  it('checks with the same shape as Tổng hợp’s problems', () => {
    const check = tonghop('check', book, '--unit', 'TDP01', '--json');
    expect(check.code).toBe(0);
    const json = JSON.parse(check.stdout);
    expect(json.units).toEqual([{ code: 'TDP01', rows: 0, valid: 0, errors: 0, warnings: 0 }]);
    expect(json.problems).toEqual([]);
  });

  it.each([
    ['a missing file', () => join(dir, 'khong-co.xlsx'), 'Không tìm thấy tệp'],
    [
      'a file that is not a workbook',
      () => {
        const path = join(dir, 'hong.xlsx');
        writeFileSync(path, 'đây không phải bảng tính');
        return path;
      },
      'không phải bảng tính .xlsx hợp lệ',
    ],
    [
      'a workbook open in Excel',
      () => {
        writeFileSync(join(dir, '~$bao-cao.xlsx'), '');
        return book;
      },
      'đang được mở',
    ],
  ])(
    'stops on %s with one Vietnamese line and exit code 2, leaving the file as it was',
    (_case, make, message) => {
      const path = make();
      const before = existsSync(path) ? digest(path) : null;
      const run = tonghop('run', path);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n').at(-1)).toContain(message);
      expect(existsSync(path) ? digest(path) : null).toBe(before);
    }
  );

  it('explains its usage and rejects an unknown command', () => {
    expect(tonghop().code).toBe(2);
    const unknown = tonghop('xoa', book);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Lệnh "xoa" không có');
  });
});
