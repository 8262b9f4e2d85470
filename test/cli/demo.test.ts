/**
 * `npm start` itself: the command it runs after the build (`node bin/tonghop.js demo`), in a fresh
 * folder as its working directory, at the demo's own size. The workbook and both PDFs must exist and
 * open, and the summary's ward figures must be numbers that agree with what the demo printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadXlsx } from '../../src/stand-in';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tonghop.js');

/** The text of each page, by pdf-parse in a plain Node process (Jest's sandbox refuses pdf.js's worker). */
function pdfPages(path: string): string[] {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const parser = new PDFParse({ data: new Uint8Array(require('fs').readFileSync(process.argv[1])) });
    parser.getText().then(async (result) => {
      await parser.destroy();
      process.stdout.write(JSON.stringify(result.pages.map((p) => p.text)));
    });`;
  const run = spawnSync(process.execPath, ['-e', script, path], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as string[]).map((text) => text.normalize('NFC'));
}

/** Runs the demo; resolves with its exit code and stderr (spawn, not spawnSync: the test keeps its timer). */
function runDemo(cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'demo'], {
      cwd,
      env: { ...process.env, TONGHOP_QUIET: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

let dir: string;
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('builds the demo ward: a workbook and two PDFs that open, with the ward’s figures', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tonghop-demo-'));
    const { code, stderr } = await runDemo(dir);
    expect({ code, tail: stderr.split('\n').slice(-8).join('\n') }).toMatchObject({ code: 0 });

    const demo = join(dir, 'demo');
    const xlsx = join(demo, 'bao-cao-demo.xlsx');
    const unitPdf = join(demo, 'bao-cao-TDP01.pdf');
    const wardPdf = join(demo, 'bao-cao-phuong.pdf');
    for (const path of [xlsx, unitPdf, wardPdf, join(demo, 'don-vi-demo.csv')]) {
      expect(existsSync(path)).toBe(true);
    }
    expect(existsSync(`${xlsx}.tonghop-lock`)).toBe(false);

    // The workbook opens, with tonghop's sheets.
    const { workbook } = await loadXlsx(xlsx);
    const names = workbook.getSheets().map((s) => s.getName());
    expect(names.slice(0, 3)).toEqual(['Cấu hình', 'Tổng hợp', 'Danh sách tổng hợp']);
    expect(names).toContain('Báo cáo phường');

    // The ward's figures on Tổng hợp: numbers, from the formulas, in each labelled row.
    const summary = workbook.getSheetByName('Tổng hợp');
    const rows = summary?.getRange(1, 1, 12, summary.getLastColumn()).getValues() ?? [];
    const figure = (label: string): unknown =>
      rows.find((r) => r[0] === label)?.find((v, i) => i > 0 && v !== '');
    const households = figure('Số hộ gia đình');
    const people = figure('Số người đã cài đặt (mỗi người tính một lần)');
    const ratio = figure('Tỷ lệ (số người ÷ số hộ)');
    expect(typeof households).toBe('number');
    expect(typeof people).toBe('number');
    expect(typeof ratio).toBe('number');
    expect(households as number).toBeGreaterThan(0);
    expect(people as number).toBeGreaterThan(0);
    expect(ratio as number).toBeCloseTo((people as number) / (households as number), 9);

    // The same figures as the demo printed after Báo cáo phường ("2157 người / 1052 hộ = 205,0%").
    const printed = /(\d[\d.]*) người \/ (\d[\d.]*) hộ = ([\d.,]+)%/.exec(stderr);
    expect(printed).not.toBeNull();
    const number = (text: string) => Number(text.replace(/\./g, '').replace(',', '.'));
    expect(number(printed?.[1] ?? '')).toBe(people);
    expect(number(printed?.[2] ?? '')).toBe(households);
    expect(number(printed?.[3] ?? '')).toBeCloseTo((ratio as number) * 100, 1);

    // Both PDFs open and hold the form's text.
    const unitPages = pdfPages(unitPdf);
    expect(unitPages.length).toBeGreaterThan(0);
    expect(unitPages[0]).toContain('Tổ dân phố số 1');
    // Cấu hình's signer of a Tổ dân phố and the dispatch the clerk typed.
    expect(unitPages.join('\n')).toContain('TỔ TRƯỞNG');
    expect(unitPages.join('\n')).toContain('Công văn số 125/UBND-VHXH ngày 12/5/2026');
    const wardPages = pdfPages(wardPdf);
    expect(wardPages.length).toBeGreaterThan(0);
    expect(wardPages[0]).toContain('XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(wardPages[0]).toContain('BÁO CÁO');
    expect(readFileSync(wardPdf).subarray(0, 5).toString()).toBe('%PDF-');
    // The demo's own size: about a minute on a loaded 2-core machine.
  }, 300_000);
});
