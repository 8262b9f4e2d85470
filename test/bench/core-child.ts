/**
 * The core alone, in a fresh process as in an Apps Script execution (whose heap holds only what the
 * script read, not a local spreadsheet engine): validation, duplicates and layout on the rows read.
 * The benchmark bundles this file with esbuild, as the add-on's own code is bundled, and runs it.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { consolidateUnits, type UnitSheetInput } from '../../src/core/consolidate';
import { HyperFormula } from 'hyperformula';
import { MASTER, masterLayout, summaryLayout } from '../../src/core/report-layout';
import { CONFIG_SHEET } from '../../src/core/layout';
import { formulasFor } from '../../src/core/formulas';
import { hyperFormulaConfig } from '../../src/stand-in';

const [file, year, configFile] = process.argv.slice(2);
const inputs = JSON.parse(readFileSync(file, 'utf8'), (_key, value) =>
  value && typeof value === 'object' && typeof value.$date === 'string' ? new Date(value.$date) : value
) as UnitSheetInput[];
const formulas = formulasFor('vi_VN');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const runs: { ms: number; heapMb: number }[] = [];
for (let i = 0; i < 3; i++) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const consolidation = consolidateUnits(inputs, Number(year));
  const master = masterLayout(consolidation, formulas);
  summaryLayout(consolidation, master, {
    title: 't',
    consolidatedAt: 'x',
    deadlineText: 'y',
    households: null,
    masterSheet: 'Danh sách tổng hợp',
    formulas,
  });
  runs.push({ ms: performance.now() - start, heapMb: (process.memoryUsage().heapUsed - before) / 2 ** 20 });
}
const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const peakRssMb = process.resourceUsage().maxRSS / 1024;

// What the summary's formulas cost: HyperFormula loading the master alone, then master + summary.
const consolidation = consolidateUnits(inputs, Number(year));
const master = masterLayout(consolidation, formulas);
const summary = summaryLayout(consolidation, master, {
  title: 't',
  consolidatedAt: 'x',
  deadlineText: 'y',
  households: null,
  masterSheet: 'Danh sách tổng hợp',
  formulas,
});
const config = JSON.parse(readFileSync(configFile, 'utf8')) as unknown[][];
const masterSheet = [
  ...Array.from({ length: MASTER.firstDataRow - 1 }, () => Array(MASTER.columns).fill(null)),
  ...master.rows,
];
const load = (sheets: Record<string, unknown[][]>): number => {
  gc();
  const start = performance.now();
  HyperFormula.buildFromSheets(sheets as never, hyperFormulaConfig('vi_VN') as never).destroy();
  return performance.now() - start;
};
const bestOf = (sheets: Record<string, unknown[][]>) => Math.min(load(sheets), load(sheets), load(sheets));
const masterOnly = bestOf({ [CONFIG_SHEET]: config, 'Danh sách tổng hợp': masterSheet });
const withSummary = bestOf({
  [CONFIG_SHEET]: config,
  'Danh sách tổng hợp': masterSheet,
  'Tổng hợp': summary.cells,
});
process.stdout.write(`${JSON.stringify({ ...best, peakRssMb, masterOnly, withSummary })}\n`);
