/**
 * The local `tonghop run` at ward scale, beside LibreOffice recalculating the workbook it wrote
 * (`soffice --headless --convert-to xlsx`). Called from bench.ts; also runs alone:
 *   npx tsx test/bench/local-run.ts make <ward.xlsx>     write the 200 × 750 workbook
 *   npx tsx test/bench/local-run.ts <ward.xlsx>          measure on it
 * Bounds: peak RSS ≤ 1.5 GB, time ≤ LibreOffice's on the same output. A broken bound makes the bench fail.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = join(__dirname, '..', '..');
const SOFFICE = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'];
const MAX_RSS_MB = 1536;

export interface LocalRunFigures {
  ms: number;
  /** Peak RSS of the process that did the work (GNU time reports the largest of the tree). */
  rssMb: number;
  /**
   * Peak RSS of the launcher that waits for it: on a large file bin/tonghop.js runs the CLI again
   * with a capped heap, and both processes are alive at once.
   */
  launcherMb: number;
  jsonBytes: number;
  office: { ms: number; rssMb: number } | null;
  /** What is wrong, in words; empty when both bounds hold. */
  broken: string[];
}

/** Runs a command, reading stdout through a real pipe; peak RSS from GNU time when present. */
function timedRun(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env
): Promise<{
  ms: number;
  rssMb: number;
  stdoutBytes: number;
  stdout: Buffer;
  stderr: string;
  code: number | null;
}> {
  const gnuTime = existsSync('/usr/bin/time');
  const [cmd, argv] = gnuTime ? ['/usr/bin/time', ['-f', 'maxRSS=%M', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const matches = [...err.matchAll(/maxRSS=(\d+)/g)];
      const kb = Number(matches[matches.length - 1]?.[1] ?? NaN);
      const stdout = Buffer.concat(out);
      resolve({ ms, rssMb: kb / 1024, stdoutBytes: stdout.length, stdout, stderr: err, code });
    });
  });
}

function findSoffice(): string | null {
  for (const path of SOFFICE) if (existsSync(path)) return path;
  const which = spawnSync('which', ['soffice'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** `tonghop run <file> --out <out> --json` then LibreOffice on <out>, one after the other. */
export async function measureLocalRun(file: string, log: (line: string) => void): Promise<LocalRunFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-local-run-'));
  const out = join(dir, 'out.xlsx');
  log('  tonghop run --json (stdout read through a pipe)…');
  const run = await timedRun(process.execPath, [
    join(ROOT, 'bin', 'tonghop.js'),
    'run',
    file,
    '--out',
    out,
    '--json',
  ]);
  if (run.code !== 0 && run.code !== 1) throw new Error(run.stderr);
  const json = JSON.parse(run.stdout.toString('utf8')) as { problems?: unknown[] };
  log(
    `  tonghop run: ${Math.round(run.ms)} ms, peak RSS ${Math.round(run.rssMb)} MB, JSON ${run.stdoutBytes} bytes (${json.problems?.length ?? 0} problems)`
  );
  // What the waiting launcher costs: a bare Node process that runs a child.
  const launcher = await timedRun(process.execPath, [
    '-e',
    'require("node:child_process").spawnSync("true")',
  ]);
  const launcherMb = launcher.rssMb;
  log(`  launcher (bare Node waiting for the child): peak RSS ${Math.round(launcherMb)} MB`);
  const broken: string[] = [];
  if (!(run.rssMb + launcherMb <= MAX_RSS_MB))
    broken.push(
      `tonghop run peak RSS ${Math.round(run.rssMb)} MB + launcher ${Math.round(launcherMb)} MB > ${MAX_RSS_MB} MB`
    );
  let office: LocalRunFigures['office'] = null;
  const soffice = findSoffice();
  if (soffice) {
    log('  LibreOffice: open the output, recalculate, save as .xlsx…');
    const profile = join(dir, 'lo-profile');
    // A fresh profile set to recalculate every formula of an .xlsx on load (OOXMLRecalcMode 0 =
    // always; LibreOffice's default trusts the cached results and would skip the work).
    mkdirSync(join(profile, 'user'), { recursive: true });
    writeFileSync(
      join(profile, 'user', 'registrymodifications.xcu'),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>',
        '</oor:items>',
        '',
      ].join('\n')
    );
    const convertDir = join(dir, 'lo');
    const lo = await timedRun(soffice, [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'xlsx',
      '--outdir',
      convertDir,
      out,
    ]);
    if (lo.code !== 0 || !existsSync(join(convertDir, 'out.xlsx')))
      throw new Error(`soffice failed: ${lo.stderr}`);
    office = { ms: lo.ms, rssMb: lo.rssMb };
    log(`  LibreOffice: ${Math.round(lo.ms)} ms, peak RSS ${Math.round(lo.rssMb)} MB`);
    if (run.ms > lo.ms)
      broken.push(`tonghop run ${Math.round(run.ms)} ms > LibreOffice ${Math.round(lo.ms)} ms`);
  } else {
    log('  soffice is not installed: the time bound (≤ LibreOffice) is not checked.');
  }
  rmSync(dir, { recursive: true, force: true });
  return { ms: run.ms, rssMb: run.rssMb, launcherMb, jsonBytes: run.stdoutBytes, office, broken };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The README table's rows for these figures; `what` names what `tonghop run` read. */
export function localRunRows(f: LocalRunFigures, what = 'the 150,000-row .xlsx'): string[] {
  const office = f.office
    ? `${fmt(f.office.ms / 1000, 1)} s, peak RSS ${fmt(f.office.rssMb)} MB`
    : 'not measured (soffice not installed)';
  return [
    `| \`tonghop run --json\` on ${what} (stdout through a pipe: ${fmt(f.jsonBytes / 2 ** 20, 1)} MB of JSON) | ${fmt(f.ms / 1000, 1)} s, peak RSS ${fmt(f.rssMb)} MB + ${fmt(f.launcherMb)} MB launcher | ≤ LibreOffice's time, ≤ ${fmt(MAX_RSS_MB)} MB |`,
    `| LibreOffice on the workbook \`tonghop run\` wrote (open, recalculate, save as .xlsx) | ${office} | |`,
  ];
}

/**
 * A file per unit on disk (issue 19): the office's BOOK.xlsx from `tonghop init` and `setup`, and in
 * BOOK-don-vi/ the 200 units' files, each opened, typed into (750 rows) and saved as its staff would.
 * Returns BOOK.xlsx's path.
 */
export async function makeFilesWard(dir: string, log: (line: string) => void): Promise<string> {
  const { demoRows, demoUnits, seededRandom } = await import('../../src/cli/demo-data');
  const { typeUnitRows, writeUnitsCsv } = await import('../../src/cli/demo');
  const { main } = await import('../../src/cli/cli');
  const { openWorkbook, saveWorkbook } = await import('../../src/cli/cli-io');
  const { unitFileName, unitsDirOf } = await import('../../src/cli/unit-folder');
  const unitCount = 200;
  const units = demoUnits(unitCount - 17, seededRandom(11));
  for (const unit of units) if (unit.emails === '') unit.emails = 'tdp.moi@haiduong.example';
  const book = join(dir, 'phuong.xlsx');
  const csv = join(dir, 'don-vi.csv');
  writeUnitsCsv(csv, units);
  if ((await main(['init', book, '--units', csv])) !== 0) throw new Error('tonghop init failed');
  if ((await main(['setup', book])) !== 0) throw new Error('tonghop setup failed');
  const unitsDir = unitsDirOf(book);
  const random = seededRandom(5);
  const shared: import('../../src/cli/demo-data').TypedRow[] = [];
  const currentYear = new Date().getFullYear();
  for (const unit of units) {
    const path = join(unitsDir, unitFileName(unit));
    const file = await openWorkbook(path);
    typeUnitRows(file, [unit], (u) =>
      demoRows(u, { rows: 750, groups: unitCount - 17, currentYear, random, shared })
    );
    await saveWorkbook(file, path, true);
  }
  log(`Wrote ${book} and ${units.length} unit files in ${unitsDir}`);
  return book;
}

/** The bench's ward (200 units × 750 rows, set up and typed) saved as .xlsx, for measuring alone. */
async function makeWardXlsx(file: string, log: (line: string) => void): Promise<void> {
  const { demoRows, demoUnits, seededRandom } = await import('../../src/cli/demo-data');
  const { typeUnitRows } = await import('../../src/cli/demo');
  const { dropBlankSheets, loadAddOn } = await import('../../src/cli/runtime');
  const { Workbook } = await import('../../src/stand-in');
  const { saveXlsx } = await import('../../src/stand-in');
  const { unitTable } = await import('../support/add-on');
  const unitCount = 200;
  const units = demoUnits(unitCount - 17, seededRandom(11));
  for (const unit of units) if (unit.emails === '') unit.emails = 'tdp.moi@haiduong.example';
  const workbook = new Workbook({ owner: 'van.thu@haiduong.example' });
  const { addOn } = loadAddOn(workbook);
  addOn.initConfig(unitTable(units), { organisation: 'shared' });
  dropBlankSheets(workbook);
  addOn.setupUnits();
  const random = seededRandom(5);
  const shared: import('../../src/cli/demo-data').TypedRow[] = [];
  const year = new Date().getFullYear();
  typeUnitRows(workbook, units, (unit) =>
    demoRows(unit, { rows: 750, groups: unitCount - 17, currentYear: year, random, shared })
  );
  await saveXlsx(workbook, file);
  log(`Wrote ${file}`);
}

async function standalone(argv: string[]): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (argv[0] === 'make') {
    await makeWardXlsx(argv[1], log);
    return;
  }
  const figures = await measureLocalRun(argv[0], log);
  process.stdout.write(`${localRunRows(figures).join('\n')}\n`);
  if (figures.broken.length > 0) {
    log(`Bounds broken: ${figures.broken.join('; ')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  standalone(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
