/**
 * Ward-scale benchmark (`npm run bench`; `npm run bench -- --readme` also rewrites the README's table).
 * Measures, on the stand-in running dist/Code.js: Tổng hợp's service calls, the core's time and memory,
 * what the summary's formulas cost HyperFormula, linear growth from 15,000 to 150,000 rows, the cells
 * used against Google's 10M limit, the CLI end to end, and the sidebar's check of a 2,000-row unit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HyperFormula } from 'hyperformula';
import { consolidateUnits } from '../../src/core/consolidate';
import { masterLayout, summaryLayout, MASTER } from '../../src/core/report-layout';
import { CONFIG_SHEET } from '../../src/core/layout';
import { readConfig } from '../../src/gas/config-sheet';
import { readUnits } from '../../src/gas/consolidate';
import { sheetTags } from '../../src/gas/sheet-utils';
import type { Sheet } from '../../src/gas/apps-script';
import { demoRows, demoUnits, seededRandom, type DemoUnit, type TypedRow } from '../../src/local/demo-data';
import { typeUnitRows } from '../../src/local/demo';
import { dropBlankSheets, loadAddOn } from '../../src/local/runtime';
import { hyperFormulaConfig, Workbook } from '../../src/local/stand-in';
import { saveXlsx } from '../../src/local/xlsx';
import { unitTable } from '../support/add-on';

const ROOT = join(__dirname, '..', '..');
const CLERK = 'van.thu@haiduong.example';
const YEAR = new Date().getFullYear();
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

/** A ward of `groups` residential groups plus the 17 offices, each unit typing `rows` rows. */
function ward(unitCount: number, rows: number) {
  const units = demoUnits(unitCount - 17, seededRandom(11));
  for (const unit of units) if (unit.emails === '') unit.emails = 'tdp.moi@haiduong.example';
  const workbook = new Workbook({ owner: CLERK });
  const { addOn } = loadAddOn(workbook);
  addOn.initConfig(unitTable(units));
  dropBlankSheets(workbook);
  const setup = timed(() => addOn.setupUnits());
  if (!setup.result.ok) throw new Error(setup.result.message);
  const random = seededRandom(5);
  const shared: TypedRow[] = [];
  typeUnitRows(workbook, units, (unit: DemoUnit) =>
    demoRows(unit, { rows, groups: unitCount - 17, currentYear: YEAR, random, shared })
  );
  return { units, workbook, addOn, setupMs: setup.ms };
}

function consolidateOn(env: ReturnType<typeof ward>) {
  env.workbook.resetCalls();
  const run = timed(() => env.addOn.consolidate());
  if (!run.result.ok) throw new Error(run.result.message);
  return { ms: run.ms, calls: { ...env.workbook.calls }, result: run.result };
}

/** The core alone (validation, duplicates, layout) on rows already read. */
function coreOn(env: ReturnType<typeof ward>) {
  const config = readConfig(env.workbook.getSheetByName(CONFIG_SHEET) as Sheet);
  const inputs = readUnits(env.workbook, config.units, sheetTags(env.workbook));
  gc();
  const before = process.memoryUsage().heapUsed;
  const run = timed(() => {
    const consolidation = consolidateUnits(inputs, YEAR);
    const master = masterLayout(consolidation);
    const summary = summaryLayout(consolidation, master, {
      title: 't',
      consolidatedAt: 'x',
      deadlineText: 'y',
    });
    return { consolidation, master, summary };
  });
  const heapMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  return { ms: run.ms, heapMb, ...run.result };
}

/** HyperFormula loading the master alone, then master + summary: what the summary's formulas cost. */
function formulaCost(core: ReturnType<typeof coreOn>, env: ReturnType<typeof ward>) {
  const configValues = (env.workbook.getSheetByName(CONFIG_SHEET) as Sheet)
    .getDataRange()
    .getValues() as unknown[][];
  const master = [
    ...Array.from({ length: MASTER.firstDataRow - 1 }, () => Array(MASTER.columns).fill(null)),
    ...core.master.rows,
  ];
  const load = (sheets: Record<string, unknown[][]>) => {
    gc();
    const { ms } = timed(() =>
      HyperFormula.buildFromSheets(sheets as never, hyperFormulaConfig('vi_VN') as never).destroy()
    );
    return ms;
  };
  const best = (sheets: Record<string, unknown[][]>) => Math.min(load(sheets), load(sheets), load(sheets));
  const masterOnly = best({ [CONFIG_SHEET]: configValues, 'Danh sách tổng hợp': master });
  const withSummary = best({
    [CONFIG_SHEET]: configValues,
    'Danh sách tổng hợp': master,
    'Tổng hợp': core.summary.cells,
  });
  return { masterOnly, withSummary, ratio: withSummary / masterOnly };
}

async function cliEndToEnd(env: ReturnType<typeof ward>) {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-bench-'));
  const file = join(dir, 'ward.xlsx');
  await saveXlsx(env.workbook, file);
  const reporter = join(__dirname, 'report-rss.js');
  const start = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--require', reporter, join(ROOT, 'bin', 'tonghop.js'), 'run', file, '--out', join(dir, 'out.xlsx')],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    }
  );
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(run.stderr);
  const rss = Number(/maxRSS=(\d+)/.exec(run.stderr)?.[1] ?? NaN) / 1024;
  return { ms, rssMb: rss };
}

function sidebarCheck() {
  const units = demoUnits(1, seededRandom(3));
  const unit = units.find((u) => u.code === 'TDP01') as DemoUnit;
  const workbook = new Workbook({ owner: CLERK });
  const { addOn } = loadAddOn(workbook);
  addOn.initConfig(unitTable(units));
  dropBlankSheets(workbook);
  addOn.setupUnits();
  const random = seededRandom(9);
  // Every fifth row has a problem, as in a sheet typed in a hurry.
  typeUnitRows(workbook, [unit], () =>
    Array.from({ length: 2000 }, (_, i): TypedRow => [
      i % 5 === 0 ? `  trần  thị hoa ${i}` : `Trần Thị Hoa`,
      i % 10 === 0 ? '85' : 1950 + Math.floor(random() * 60),
      '',
      `Số ${i} Lê Lợi, TDP 1`,
      '',
    ])
  );
  workbook.resetCalls();
  const run = timed(() => addOn.checkData({ unit: 'TDP01' }));
  const bytes = Buffer.byteLength(JSON.stringify(run.result));
  return {
    ms: run.ms,
    reads: workbook.calls.reads,
    bytes,
    problems: run.result.problems.length + run.result.truncated,
    response: run.result,
  };
}

async function sidebarDraw(response: unknown): Promise<number | null> {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return null;
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
    // A bridge that answers checkData at once with the 2,000-row reply and times the drawing.
    await page.addInitScript(`
      window.google = { script: { run: (function make(ok, fail) {
        const target = {};
        return new Proxy(target, { get(_, name) {
          if (name === 'withSuccessHandler') return (f) => make(f, fail);
          if (name === 'withFailureHandler') return (f) => make(ok, f);
          return (arg) => setTimeout(() => { window.__t0 = performance.now(); ok(window.__reply(String(name), arg)); }, 0);
        } });
      })() } };
      window.__reply = (name) => name === 'checkData' ? ${JSON.stringify(response)} : { ok: true, message: '', fixes: [] };
    `);
    await page.setContent(readFileSync(join(ROOT, 'dist', 'Sidebar.html'), 'utf8'));
    const count = (response as { problems: unknown[] }).problems.length;
    await page.waitForFunction((n) => document.querySelectorAll('#problem-list > li').length >= n, count, {
      timeout: 30_000,
    });
    return await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            resolve(performance.now() - (window as unknown as { __t0: number }).__t0)
          )
        )
    );
  } finally {
    await browser.close();
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  log('Building 15,000 rows (20 units × 750)…');
  const small = ward(20, 750);
  const smallRun = consolidateOn(small);
  log('Building 150,000 rows (200 units × 750)…');
  const big = ward(200, 750);
  const bigRun = consolidateOn(big);
  const core = coreOn(big);
  log('Formula cost in HyperFormula…');
  const cost = formulaCost(core, big);
  log('CLI end to end…');
  const cli = await cliEndToEnd(big);
  log('Sidebar check of a 2,000-row unit…');
  const check = sidebarCheck();
  const drawMs = await sidebarDraw(check.response);

  const unitReads = bigRun.calls.reads;
  const rows = bigRun.result.totals.rows;
  const otherCalls = bigRun.calls.writes + bigRun.calls.other;
  const table = [
    '| measure | result | bound |',
    '| --- | --- | --- |',
    `| rows read (150,000 typed; blank rows skipped) | ${fmt(rows)} | |`,
    `| Tổng hợp: service reads | ${fmt(unitReads)} (200 unit sheets + set-up sheet + summary read-back) | ≤ 1 per unit sheet (+2) |`,
    `| Tổng hợp: writes + other service calls | ${fmt(otherCalls)} (${bigRun.calls.writes} writes, ${bigRun.calls.other} other) | ≤ 20 |`,
    `| core (validation, duplicates, layout) | ${fmt(core.ms)} ms, heap +${fmt(core.heapMb)} MB | < 1 s, < 1 GB |`,
    `| HyperFormula: master alone / master + summary | ${fmt(cost.masterOnly)} ms / ${fmt(cost.withSummary)} ms (×${fmt(cost.ratio, 2)}) | ≤ ×1.3 |`,
    `| Tổng hợp on the stand-in: 15,000 / 150,000 rows | ${fmt(smallRun.ms)} ms / ${fmt(bigRun.ms)} ms (×${fmt(bigRun.ms / smallRun.ms, 1)} for ×10 rows) | linear |`,
    `| Thiết lập đơn vị, 200 units | ${fmt(big.setupMs)} ms | |`,
    `| cells used / Google's limit | ${fmt(big.workbook.cellCount())} / 10,000,000 (${fmt((100 * big.workbook.cellCount()) / 1e7, 1)}%) | < 100% |`,
    `| \`tonghop run\` on the 150,000-row .xlsx | ${fmt(cli.ms / 1000, 1)} s, peak RSS ${fmt(cli.rssMb)} MB | |`,
    `| sidebar check, 2,000-row unit | ${check.reads} reads (unit sheet + set-up sheet), ${fmt(check.ms)} ms, reply ${fmt(check.bytes / 1024)} KB (${fmt(check.problems)} problems) | 1 read of the sheet, < 200 KB |`,
    `| sidebar list drawn in Chromium | ${drawMs === null ? 'n/a' : `${fmt(drawMs)} ms`} | < 300 ms |`,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  if (process.argv.includes('--readme')) {
    const readme = join(ROOT, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const stamp = `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, Node ${process.version}.`;
    writeFileSync(
      readme,
      text.replace(
        /<!-- BENCH:START -->[\s\S]*<!-- BENCH:END -->/,
        `<!-- BENCH:START -->\n${stamp}\n\n${table}\n<!-- BENCH:END -->`
      )
    );
    log('README.md updated.');
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
