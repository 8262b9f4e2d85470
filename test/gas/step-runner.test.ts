/**
 * The step runner (src/gas/run.ts: runStep, StepClock, Steps) that Thiết lập, Tổng hợp, Tách thành tệp riêng
 * and Kết thúc đợt báo cáo share, through the built bundle: an execution stopped at any call resumes and ends
 * with every row once; the pacing and the closing reserve keep every execution within its budget; a second
 * clerk is told to wait. Run `npm run build` first.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import { Workbook, GOOGLE_COSTS, VirtualClock } from '../../src/stand-in';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import { MASTER, MASTER_COL } from '../../src/core/report-layout';
import { CLOSING_RESERVE_MS, SETUP_STEP_BUDGET_MS } from '../../src/core/steps';
import { stepMessages as st } from '../../src/core/messages/steps';
import { CLERK, typeRows, unitTable } from '../support/add-on';

const T0 = Date.UTC(2026, 4, 20, 2, 0, 0);
const COLLEAGUE = 'pho.van.phong@haiduong.example';

function ward(units: DemoUnit[]) {
  const workbook = new Workbook({ owner: CLERK });
  const options: RuntimeOptions = { clock: new VirtualClock(T0) };
  const loaded = loadAddOn(workbook, undefined, options);
  loaded.addOn.initConfig(unitTable(units), { organisation: 'shared' });
  dropBlankSheets(workbook);
  workbook.share(...units.map((u) => u.emails));
  return { workbook, options, ...loaded };
}

/** Rows of the live master list, per unit code. */
function masterRowsByUnit(workbook: Workbook): Map<string, number> {
  const master = sheetsByRole(sheetTags(workbook)).get('master')!;
  const counts = new Map<string, number>();
  for (const row of master
    .getDataRange()
    .getValues()
    .slice(MASTER.firstDataRow - 1)) {
    const code = String(row[MASTER_COL.unitCode - 1]);
    if (code !== '') counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

const runKeys = (workbook: Workbook) =>
  [...workbook.documentProperties.keys()].filter((key) => key.startsWith('tonghop.run'));

describe('the step runner', () => {
  it('resumes an execution stopped at any call: every unit’s rows in the master once, none lost', () => {
    const units = demoUnits(2).slice(0, 4);
    const env = ward(units);
    env.addOn.setupUnits();
    const typed = units.map((_, u) => 12 + u * 5);
    units.forEach((unit, u) =>
      typeRows(
        env.workbook,
        unit,
        Array.from({ length: typed[u] }, (_, i) => [
          `Trần Thị ${u} ${'B'.repeat((i % 7) + 1)}`,
          1960 + i,
          '',
          'Tổ 2',
        ])
      )
    );
    const expected = new Map(units.map((unit, u) => [unit.code, typed[u]]));
    // Every step one unit: the most steps, so the most places to stop.
    env.options.stepBudgetMs = 0;
    const calls = () => env.session.executions.reduce((n, e) => n + e.attempts, 0);
    const before = calls();
    const reference = env.addOn.consolidate();
    const perRun = calls() - before;
    expect(reference.totals.rows).toBe(typed.reduce((a, b) => a + b, 0));
    expect(masterRowsByUnit(env.workbook)).toEqual(expected);

    let stopped = 0;
    for (let k = 1; k < perRun; k += Math.max(1, Math.floor(perRun / 25))) {
      env.options.abortAtCall = calls() + k;
      expect(() => env.addOn.consolidate()).toThrow('Exceeded maximum execution time');
      env.options.abortAtCall = undefined;
      stopped++;
      // The same clerk chooses Tổng hợp again: the lease is theirs, the run goes on from its position.
      const resumed = env.addOn.consolidate();
      expect(resumed.message).not.toContain('Một người khác');
      expect(resumed.units).toEqual(reference.units);
      expect(resumed.totals).toEqual(reference.totals);
      expect(masterRowsByUnit(env.workbook)).toEqual(expected);
      expect(runKeys(env.workbook)).toEqual([]);
    }
    expect(stopped).toBeGreaterThanOrEqual(20);
  });

  it('keeps every execution within its budget: it walks while the slowest unit fits, and closes only with the reserve left', () => {
    const units = demoUnits(2).slice(0, 6);
    const closingPaused: number[] = [];
    // Units of 8 to 30 s each (a unit sheet's insertSheet priced so), the closing some 20 s (endRun's
    // deletions priced so): somewhere in the sweep a walk ends in the budget's last 30 s, and the closing
    // must wait for the next step.
    for (let unitSeconds = 8; unitSeconds <= 30; unitSeconds += 2) {
      const env = ward(units);
      env.options.costs = {
        ...GOOGLE_COSTS,
        slowCalls: {
          ...GOOGLE_COSTS.slowCalls,
          'Spreadsheet.insertSheet': unitSeconds * 1000,
          'Properties.deleteProperty': 3000,
        },
      };
      const labels: string[] = [];
      env.options.onStep = (_job, progress) => labels.push(progress.label);
      const first = env.session.executions.length;
      const result = env.addOn.setupUnits();
      expect(result.ok).toBe(true);
      expect(result.created).toHaveLength(units.length);
      const seconds = env.session.executions.slice(first).map((e) => e.elapsedMs / 1000);
      expect({ unitSeconds, seconds: seconds.filter((s) => s > SETUP_STEP_BUDGET_MS / 1000) }).toEqual({
        unitSeconds,
        seconds: [],
      });
      if (labels.slice(0, -1).includes(st.finishing)) closingPaused.push(unitSeconds);
    }
    // The reserve did its work at least once (the check above would catch a closing begun without it).
    expect(closingPaused.length).toBeGreaterThan(0);
    expect(CLOSING_RESERVE_MS).toBeLessThan(SETUP_STEP_BUDGET_MS);
  });

  it('tells a second clerk that the run is someone else’s, and leaves it to its owner', () => {
    const units = demoUnits(2).slice(0, 4);
    const env = ward(units);
    env.workbook.share(COLLEAGUE);
    // The colleague is part of the office (an editor of Cấu hình's protection).
    const config = sheetsByRole(sheetTags(env.workbook)).get('config')!;
    config.getProtections('SHEET' as never)[0].addEditors([COLLEAGUE]);

    expect(env.addOn.setupStep({ budgetMs: 0 }).done).toBe(false);
    env.workbook.actAs(COLLEAGUE);
    const refused = env.addOn.setupStep({ budgetMs: 0 });
    env.workbook.actAs(CLERK);
    expect(refused.done && refused.result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Một người khác đang chạy Thiết lập đơn vị \(đã thiết lập 1\/4 đơn vị\)/
      ),
    });
    // The owner's run goes on where it was, and ends.
    const resumed = env.addOn.setupStep({ budgetMs: 0 });
    expect(resumed.progress.step).toBe(2);
    expect(env.addOn.setupUnits().ok).toBe(true);
    expect(runKeys(env.workbook)).toEqual([]);
  });
});
