/**
 * A large file makes `tonghop` run itself again with a capped heap (bin/tonghop.js): what the clerk
 * sees — the message, the exit code, output through a pipe — is what a small file gives.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');

function tonghop(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('tonghop on a large file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-large-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same message and exit code as on a small one', () => {
    const small = join(dir, 'nho.xlsx');
    const large = join(dir, 'lon.xlsx');
    writeFileSync(small, 'đây không phải bảng tính');
    writeFileSync(large, Buffer.alloc(5 * 2 ** 20, 'x'));
    const a = tonghop('check', small, '--json');
    const b = tonghop('check', large, '--json');
    expect(a.code).toBe(2);
    expect(b.code).toBe(a.code);
    expect(b.stderr).toBe(a.stderr.split(small).join(large));
    expect(b.stderr).toContain('không phải bảng tính .xlsx hợp lệ');
    expect(b.stdout).toBe(a.stdout);
  });

  it('counts the units’ folder beside a small workbook, and still says the same', () => {
    const book = join(dir, 'phuong.xlsx');
    const folder = join(dir, 'phuong-don-vi');
    mkdirSync(folder);
    writeFileSync(book, 'đây không phải bảng tính');
    writeFileSync(join(folder, 'TDP01 - Tổ dân phố số 1.xlsx'), Buffer.alloc(5 * 2 ** 20, 'x'));
    const alone = join(dir, 'rieng.xlsx');
    writeFileSync(alone, 'đây không phải bảng tính');
    const a = tonghop('run', alone, '--json');
    const b = tonghop('run', book, '--json');
    expect(b.code).toBe(a.code);
    expect(b.stderr).toBe(a.stderr.split(alone).join(book));
    expect(b.stderr).toContain('không phải bảng tính .xlsx hợp lệ');
  });
});
