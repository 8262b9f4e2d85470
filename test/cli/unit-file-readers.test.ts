/**
 * `tonghop run` over a ward's folder reads the units' files on worker threads while Tổng hợp already runs
 * (unit-file-readers.ts), as a clerk's run over 200 files does: here 30 units' files, plus a zip bomb, a
 * file that is not a workbook, and one unit's file that says whose it is but is too large to read in full,
 * which is found only when Tổng hợp opens it. The figures must be each file's own, in Cấu hình's order,
 * the bad files named as when one thread reads them all first.
 * A preloaded script counts the workers the CLI starts (Node's own Worker, wrapped; nothing of tonghop's).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRows, demoUnits, seededRandom, type TypedRow } from '../../src/cli/demo-data';
import { typeUnitRows, writeUnitsCsv } from '../../src/cli/demo';
import { unitFileName } from '../../src/cli/unit-folder';
import { loadXlsx, saveXlsx } from '../../src/stand-in';
import { patchPart, writeZipBomb } from '../support/crafted-xlsx';
import { BIN, tonghop } from '../support/cli';

const UNITS = demoUnits(13);
/** The unit whose file is too large to read: in the middle, after units Tổng hợp has consolidated. */
const BAD = UNITS[12];
const COUNT_WORKERS = `
const threads = require('node:worker_threads');
if (threads.isMainThread) {
  const Worker = threads.Worker;
  threads.Worker = class extends Worker {
    constructor(...args) { super(...args); process.stderr.write('[worker started]\\n'); }
  };
  // Each file read in full that the main thread receives from a worker, where it comes in the output.
  const receive = threads.receiveMessageOnPort;
  threads.receiveMessageOnPort = (port) => {
    const got = receive(port);
    if (got && got.message && got.message.kind === 'parts') process.stderr.write('[file received]\\n');
    return got;
  };
}
`;

interface RunJson {
  units: { code: string; rows: number; valid: number; errors: number }[];
  unitFolder: {
    used: { code: string }[];
    skipped: { path: string; reason: string; code?: string }[];
    missing: string[];
  };
}

let dir: string;
let typed: Map<string, TypedRow[]>;
let run: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-readers-'));
  const csv = join(dir, 'don-vi.csv');
  writeUnitsCsv(csv, UNITS);
  const book = join(dir, 'phuong.xlsx');
  expect(tonghop('init', book, '--units', csv).code).toBe(0);
  expect(tonghop('setup', book).code).toBe(0);
  const folder = join(dir, 'phuong-don-vi');
  const random = seededRandom(3);
  typed = new Map();
  // Each unit a different number of rows (its position in the table + 1), so a file read for another shows.
  for (const [i, unit] of UNITS.entries()) {
    const rows = demoRows(unit, { rows: i + 1, groups: 13, currentYear: 2026, random, shared: [] });
    typed.set(unit.code, rows);
    const path = join(folder, unitFileName(unit));
    const { workbook } = await loadXlsx(path);
    typeUnitRows(workbook, [unit], () => rows);
    await saveXlsx(workbook, path);
  }
  // Its defined names still say it is BAD's, of this ward; its sheet has a million cells more than a
  // unit's list may (UNIT_FILE_LIMITS), which only reading the sheet finds.
  const far = Array.from({ length: 100 }, (_, c) => `<c r="${String.fromCharCode(65 + (c % 26))}1"/>`).join(
    ''
  );
  patchPart(join(folder, unitFileName(BAD)), 'xl/worksheets/sheet1.xml', (xml) =>
    xml.replace('</sheetData>', `${`<row r="9999">${far}</row>`.repeat(10_001)}</sheetData>`)
  );
  await writeZipBomb(join(folder, 'TDP01 (Zalo).xlsx'), 2 * 2 ** 30, true);
  writeFileSync(join(folder, 'ghi-chu.xlsx'), 'không phải bảng tính');
  const preload = join(dir, 'count-workers.js');
  writeFileSync(preload, COUNT_WORKERS);
  const child = spawnSync(process.execPath, ['--require', preload, BIN, 'run', book, '--json'], {
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 2 ** 20,
    // Not quiet: the progress lines say when Tổng hợp starts.
    env: { ...process.env, TONGHOP_QUIET: '0' },
  });
  run = { code: child.status, stdout: child.stdout, stderr: child.stderr };
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('tonghop run over a folder of 32 files', () => {
  it('reads them on a worker thread per core but one (at most three), beside the main thread', () => {
    const started = run.stderr.split('[worker started]').length - 1;
    expect(started).toBe(Math.min(3, availableParallelism() - 1));
  });

  it('starts Tổng hợp before the files are read: the main thread receives them as Tổng hợp opens them', () => {
    const [before, during = ''] = run.stderr.split('Đang chạy Tổng hợp');
    const received = (text: string) => text.split('[file received]').length - 1;
    // Before: at most the two files whose names alone did not say what they are (the bomb, the note).
    expect(received(before)).toBeLessThanOrEqual(2);
    // During: every unit's file but the first four, which the main thread reads itself.
    expect(received(during)).toBeGreaterThanOrEqual(UNITS.length - 4);
  });

  it("gives every unit its own file's rows, in Cấu hình's order", () => {
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as RunJson;
    expect(json.units.map((u) => u.code)).toEqual(UNITS.map((u) => u.code));
    for (const unit of json.units) {
      expect(unit.rows).toBe(unit.code === BAD.code ? 0 : typed.get(unit.code)?.length);
      expect(unit.valid + unit.errors).toBe(unit.rows);
    }
    const good = UNITS.filter((u) => u !== BAD).map((u) => u.code);
    expect(json.unitFolder.used.map((u) => u.code).sort()).toEqual(good.sort());
  });

  it('names the file found too large only when Tổng hợp opened it, and counts its unit as without a file', () => {
    const json = JSON.parse(run.stdout) as RunJson;
    expect(json.unitFolder.skipped).toContainEqual({
      path: join(dir, 'phuong-don-vi', unitFileName(BAD)),
      reason: 'too-large',
      code: BAD.code,
    });
    expect(json.unitFolder.missing).toEqual([BAD.code]);
    expect(run.stderr).toContain(unitFileName(BAD));
  });

  it('names the zip bomb and the file that is not a workbook, as one thread would', () => {
    const json = JSON.parse(run.stdout) as RunJson;
    const folder = join(dir, 'phuong-don-vi');
    expect(json.unitFolder.skipped).toEqual(
      expect.arrayContaining([
        { path: join(folder, 'TDP01 (Zalo).xlsx'), reason: 'too-large' },
        { path: join(folder, 'ghi-chu.xlsx'), reason: 'unreadable' },
      ])
    );
    expect(json.unitFolder.skipped).toHaveLength(3);
  });
});
