/**
 * What a clerk sees of a long command: the whole JSON through a pipe, however large, and progress on
 * stderr (never on stdout).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { demoUnits } from '../../src/cli/demo-data';
import { writeJson } from '../../src/cli/output';
import { createProgress } from '../../src/cli/progress';
import { saveXlsx } from '../../src/stand-in';
import { typeUnitRows } from '../../src/cli/demo';
import { workbookWithUnits } from '../support/add-on';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');

/** `tonghop …` with stdout piped into a reader that waits a second first, so the pipe fills up. */
function throughSlowPipe(...args: string[]) {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const run = spawnSync('sh', ['-c', `${quoted} | (sleep 1; cat)`], {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
    timeout: 180_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('tonghop output through a pipe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-pipe-'));
  const book = join(dir, 'lon.xlsx');

  beforeAll(async () => {
    // Three units whose staff typed 2,500 rows each, most of them with a problem.
    const units = demoUnits(2).slice(0, 3);
    const { workbook, addOn } = workbookWithUnits(units);
    expect(addOn.setupUnits().ok).toBe(true);
    // One unit at a time: each typist grows their own sheet.
    for (const unit of units)
      typeUnitRows(workbook, [unit], () =>
        Array.from({ length: 2500 }, (_, i) => [
          `nguyễn  văn ${i % 7 === 0 ? 'x1' : 'an'}`,
          i % 3 ? '85' : 1990,
          '',
          i % 2 ? '' : 'TDP 5',
          '',
        ])
      );
    await saveXlsx(workbook, book);
  }, 120_000);

  it('delivers the whole run --json, which parses: the figures; each row’s problems are check’s', () => {
    const run = throughSlowPipe('run', book, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.totals.rows).toBe(7500);
    expect(json.totals.errors).toBeGreaterThan(5000);
    // Tổng hợp's problems are the units it could not read (none here); the rows' go through check below.
    expect(json.problems).toEqual([]);
    // Progress went to stderr, in Vietnamese; stdout is the JSON alone.
    expect(run.stderr).toContain('Đang chạy Tổng hợp');
    expect(run.stdout.trimStart().startsWith('{')).toBe(true);
  }, 180_000);

  it('delivers the whole check --json of over 1 MB, which parses', () => {
    const check = throughSlowPipe('check', book, '--json');
    expect(check.code).toBe(0);
    expect(Buffer.byteLength(check.stdout)).toBeGreaterThan(2 ** 20);
    const json = JSON.parse(check.stdout);
    expect(json.units.map((u: { rows: number }) => u.rows)).toEqual([2500, 2500, 2500]);
    expect(json.problems.length).toBeGreaterThan(5000);
  }, 180_000);
});

describe('writeJson', () => {
  it('writes exactly what JSON.stringify(value, null, 2) gives', async () => {
    const value = {
      a: [1, 'two', null, undefined, { b: [], c: {}, d: undefined, e: new Date(0) }],
      nested: { list: Array.from({ length: 3000 }, (_, i) => ({ row: i, text: `dòng ${i}\n"x"` })) },
      empty: [],
    };
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    await writeJson(stream, value);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});

describe('progress printer', () => {
  function sink(isTTY: boolean) {
    let text = '';
    const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
    stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
    return { stream, text: () => text };
  }

  it('prints plain lines when stderr is not a terminal: one per label and per 10%', () => {
    const out = sink(false);
    const progress = createProgress(out.stream);
    for (let i = 0; i <= 200; i++) progress.update('Đọc tệp .xlsx, trang tính', i, 200);
    progress.log('Đã lưu tệp.');
    progress.finish();
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('Đọc tệp .xlsx, trang tính: 0% (0/200)');
    expect(lines).toContain('Đọc tệp .xlsx, trang tính: 50% (100/200)');
    expect(lines.at(-2)).toBe('Đọc tệp .xlsx, trang tính: 100% (200/200)');
    expect(lines.at(-1)).toBe('Đã lưu tệp.');
    expect(lines).toHaveLength(12);
    expect(out.text()).not.toContain('\r');
  });

  it('redraws one bar in place on a terminal, a few times a second at most', () => {
    const out = sink(true);
    let clock = 0;
    const progress = createProgress(out.stream, { now: () => clock });
    for (let i = 0; i <= 1000; i++) {
      clock += 1; // 1 ms per step: one second in all
      progress.update('Lưu tệp .xlsx, trang tính', i, 1000);
    }
    progress.finish();
    const redraws = out
      .text()
      .split('\r\x1b[2K')
      .filter((s) => s !== '');
    expect(redraws.length).toBeGreaterThanOrEqual(3);
    expect(redraws.length).toBeLessThanOrEqual(8);
    expect(redraws.at(-1)).toContain('100% (1000/1000)');
    expect(redraws.at(-1)).toContain('█'.repeat(24));
    expect(out.text()).not.toContain('\n');
  });

  it('names a step with nothing to count once, on one line', () => {
    const out = sink(false);
    const progress = createProgress(out.stream);
    progress.update('Đang chạy Tổng hợp', 0, 1);
    progress.update('Đang chạy Tổng hợp', 1, 1);
    progress.finish();
    expect(out.text()).toBe('Đang chạy Tổng hợp…\n');
  });

  it('says nothing when quiet', () => {
    const out = sink(true);
    const progress = createProgress(out.stream, { quiet: true });
    progress.update('Tổng hợp', 1, 2);
    progress.finish();
    expect(out.text()).toBe('');
  });
});
