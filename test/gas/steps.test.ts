/**
 * Tổng hợp and Thiết lập đơn vị in steps: executions stopped at many different calls leave every sheet
 * consistent, resuming gives the same result as an uninterrupted run, a tiny budget gives the same
 * figures cell for cell, and a run is held across its steps by a lease.
 */
import { demoRows, demoUnits, seededRandom, type DemoUnit, type TypedRow } from '../../src/cli/demo-data';
import { typeUnitRows } from '../../src/cli/demo';
import { dropBlankSheets, loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import {
  createServices,
  Workbook,
  GOOGLE_COSTS,
  PAYLOAD_TOO_LARGE,
  Execution,
  VirtualClock,
  type TraceLine,
} from '../../src/stand-in';
import { sheetTags, sheetsByRole, ROLE_KEY, UNIT_RANGE_KEY } from '../../src/gas/sheet-utils';
import { MASTER, MASTER_COL, SUMMARY, UNIT_COL } from '../../src/core/report-layout';
import { UNIT_SHEET } from '../../src/core/layout';
import { CLERK, snapshot, typeRows, unitTable } from '../support/add-on';
import type { ProtectionType } from '../../src/contract/apps-script';
import { LEASE_MS } from '../../src/core/steps';

const SHEET = 'SHEET' as unknown as ProtectionType;
const RANGE = 'RANGE' as unknown as ProtectionType;
const T0 = Date.UTC(2026, 4, 20, 2, 0, 0);
const COLLEAGUE = 'pho.van.phong@haiduong.example';

function ward(units: DemoUnit[], options: RuntimeOptions = {}) {
  const workbook = new Workbook({ owner: CLERK });
  const clock = new VirtualClock(T0);
  options.clock = clock;
  const loaded = loadAddOn(workbook, undefined, options);
  loaded.addOn.initConfig(unitTable(units), { organisation: 'shared' });
  dropBlankSheets(workbook);
  // The clerk shares the file with every unit's email, as the README asks before Thiết lập.
  workbook.share(...units.map((u) => u.emails));
  return { workbook, clock, options, ...loaded };
}

function fewUnits(): DemoUnit[] {
  return demoUnits(2).slice(15, 19);
}

function typeSome(workbook: Workbook, units: DemoUnit[]): void {
  units.forEach((unit, u) =>
    typeRows(
      workbook,
      unit,
      Array.from({ length: 30 + u * 7 }, (_, i) => [
        `Nguyễn Văn ${['An', 'Bình', 'Cường', 'Dũng'][i % 4]} ${'A'.repeat((i % 6) + 1)}`,
        i % 9 === 0 ? 85 : 1950 + (i % 50),
        '',
        `Tổ ${i % 3}`,
      ])
    )
  );
}

/** The live pair's values and formulas (by role, as the add-on finds them). */
function livePair(workbook: Workbook) {
  const roles = sheetsByRole(sheetTags(workbook));
  return [roles.get('summary'), roles.get('master')].map((sheet) => {
    const range = sheet!.getDataRange();
    return { name: sheet!.getName(), values: range.getValues(), formulas: range.getFormulas() };
  });
}

/** Every figure on the summary leaders see agrees with the master list its formulas count. */
function expectSummaryAgreesWithMaster(workbook: Workbook): void {
  const summary = sheetsByRole(sheetTags(workbook)).get('summary');
  const tab = workbook.getSheetByName('Tổng hợp');
  for (const sheet of [summary, tab]) {
    if (!sheet) continue;
    const formulas = sheet.getDataRange().getFormulas();
    const values = sheet.getDataRange().getValues();
    const formula = formulas[SUMMARY.firstUnitRow - 1]?.[UNIT_COL.rows - 1] ?? '';
    const named = /'((?:[^']|'')+)'!/.exec(formula);
    if (!named) {
      // Not yet consolidated: no figure to disagree with.
      expect(formulas.flat().some((f) => f.includes('!'))).toBe(false);
      continue;
    }
    const master = workbook.getSheetByName(named[1].replace(/''/g, "'"));
    expect(master).not.toBeNull();
    const rows = master!
      .getDataRange()
      .getValues()
      .slice(MASTER.firstDataRow - 1);
    const count = new Map<string, { rows: number; valid: number }>();
    for (const row of rows) {
      const code = String(row[MASTER_COL.unitCode - 1]);
      if (code === '') continue;
      const c = count.get(code) ?? { rows: 0, valid: 0 };
      c.rows++;
      // Valid rows: "Hợp lệ", and a person also listed by another unit ("Trùng với: …") who still counts.
      if (!String(row[MASTER_COL.status - 1]).startsWith('Lỗi')) c.valid++;
      count.set(code, c);
    }
    let checked = 0;
    for (let r = SUMMARY.firstUnitRow - 1; r < values.length; r++) {
      const code = values[r][UNIT_COL.code - 1];
      if (typeof code !== 'string' || code === '' || !formulas[r][UNIT_COL.rows - 1]) continue;
      const expected = count.get(code) ?? { rows: 0, valid: 0 };
      expect([code, values[r][UNIT_COL.rows - 1], values[r][UNIT_COL.valid - 1]]).toEqual([
        code,
        expected.rows,
        expected.valid,
      ]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }
}

/** No unit has two tabs; untagged tabs are at most the one the run recorded before insertSheet. */
function unitTabs(workbook: Workbook, units: DemoUnit[]) {
  const tags = sheetTags(workbook);
  const byCode = new Map<string, Set<number>>();
  const tagged = new Set<number>();
  for (const tag of tags) {
    tagged.add(tag.sheet.getSheetId());
    if (tag.key === UNIT_RANGE_KEY || tag.key === UNIT_SHEET.metadataKey) {
      const set = byCode.get(tag.value.toUpperCase()) ?? new Set<number>();
      set.add(tag.sheet.getSheetId());
      byCode.set(tag.value.toUpperCase(), set);
    }
  }
  for (const unit of units) expect(byCode.get(unit.code.toUpperCase())?.size ?? 0).toBeLessThanOrEqual(1);
  const untagged = workbook
    .getSheets()
    .filter((s) => !tagged.has(s.getSheetId()))
    .map((s) => s.getName());
  return { byCode, untagged, roles: tags.filter((t) => t.key === ROLE_KEY).length };
}

describe('Tổng hợp in steps', () => {
  it('gives the same figures, cell for cell, with a budget so small that every step does one thing', () => {
    const units = fewUnits();
    const env = ward(units);
    env.addOn.setupUnits();
    typeSome(env.workbook, units);
    const at = env.clock.now();
    const whole = env.addOn.consolidate();
    const reference = livePair(env.workbook);
    const executions = env.session.executions.length;

    env.clock.set(at);
    env.options.stepBudgetMs = 0;
    const stepped = env.addOn.consolidate();
    env.options.stepBudgetMs = undefined;
    expect(env.session.executions.length - executions).toBeGreaterThanOrEqual(2);
    expect(stepped.message).toBe(whole.message);
    expect(stepped.units).toEqual(whole.units);
    expect(livePair(env.workbook)).toEqual(reference);
    expectSummaryAgreesWithMaster(env.workbook);
    expect(env.workbook.getSheets().map((s) => s.getName())).not.toContain('Danh sách tổng hợp (đang lập)');
  });

  it('writes a master of several chunks across executions, every call priced, the same as in one execution', () => {
    const units = demoUnits(3, seededRandom(11));
    const env = ward(units);
    env.addOn.setupUnits();
    const random = seededRandom(5);
    const shared: TypedRow[] = [];
    typeUnitRows(env.workbook, units, (unit: DemoUnit) =>
      demoRows(unit, { rows: 400, groups: 3, currentYear: 2026, random, shared })
    );
    const at = env.clock.now();
    const lines: TraceLine[] = [];
    env.options.trace = (line) => lines.push(line);
    env.options.stepBudgetMs = 0;
    const first = env.session.executions.length;
    const stepped = env.addOn.consolidate();
    const steppedPair = livePair(env.workbook);
    const writes = lines.filter(
      (l) => l.method === 'Range.setValues' && l.range.startsWith('A') && l.cells > 1000
    );
    // Each chunk in its own execution, each under 2 MB, together every row of the master.
    expect(writes.length).toBeGreaterThanOrEqual(2);
    expect(new Set(writes.map((l) => l.execution)).size).toBe(writes.length);
    expect(Math.max(...writes.map((l) => l.bytes))).toBeLessThan(2 * 1024 * 1024);
    // The data rows (the head, a few cells, is written with the summary).
    expect(writes.reduce((n, l) => n + l.cells, 0)).toBe(stepped.totals.rows * MASTER.columns);
    expect(env.session.executions.length - first).toBeGreaterThan(writes.length);
    env.options.trace = undefined;
    env.options.stepBudgetMs = undefined;
    env.clock.set(at);
    const whole = env.addOn.consolidate();
    expect(whole.units).toEqual(stepped.units);
    expect(livePair(env.workbook)).toEqual(steppedPair);
    expectSummaryAgreesWithMaster(env.workbook);
  });

  it('after an execution stopped at any k-th call, readers see a consistent pair, and resuming gives the same result', () => {
    const units = fewUnits();
    const env = ward(units);
    env.addOn.setupUnits();
    typeSome(env.workbook, units);
    const at = env.clock.now();
    env.addOn.consolidate();
    const reference = livePair(env.workbook);
    // Change a unit after the reference, then measure one whole run's calls.
    const first = env.session.executions.length;
    env.clock.set(at);
    env.options.stepBudgetMs = 0;
    env.addOn.consolidate();
    const calls = env.session.executions.slice(first).reduce((n, e) => n + e.attempts, 0);
    expect(calls).toBeGreaterThan(100);
    const done = () => env.session.executions.reduce((n, e) => n + e.attempts, 0);

    let aborted = 0;
    for (let k = 1; k < calls; k += Math.max(1, Math.floor(calls / 40))) {
      env.clock.set(at);
      env.options.abortAtCall = done() + k;
      expect(() => env.addOn.consolidate()).toThrow('Exceeded maximum execution time');
      aborted++;
      env.options.abortAtCall = undefined;
      expectSummaryAgreesWithMaster(env.workbook);
      // At most a staging tab stopped between insertSheet and its tag; the next step takes it up.
      expect(unitTabs(env.workbook, units).untagged.length).toBeLessThanOrEqual(1);
      // The clerk chooses Tổng hợp again: the run resumes (same person) and ends as an uninterrupted one.
      env.clock.set(at);
      const resumed = env.addOn.consolidate();
      expect(resumed.ok).toBe(true);
      expect(livePair(env.workbook)).toEqual(reference);
      expect(unitTabs(env.workbook, units).untagged).toEqual([]);
      expect([...env.workbook.documentProperties.keys()].filter((k) => k.startsWith('tonghop.run'))).toEqual(
        []
      );
    }
    env.options.stepBudgetMs = undefined;
    expect(aborted).toBeGreaterThanOrEqual(35);
  });

  it('holds a run for its clerk: a colleague is told how far it is, and may take it over once the lease expires', () => {
    const units = fewUnits();
    const env = ward(units);
    env.workbook.share(COLLEAGUE);
    // The owner makes a colleague part of the office (an editor of the set-up sheet's protection).
    const config = sheetsByRole(sheetTags(env.workbook)).get('config')!;
    config.getProtections(SHEET)[0].addEditors([COLLEAGUE]);
    env.addOn.setupUnits();
    typeSome(env.workbook, units);
    expect(env.addOn.consolidateStep({ budgetMs: 0 }).done).toBe(false);
    env.workbook.actAs(COLLEAGUE);
    const other = env.addOn.consolidateStep({ budgetMs: 0 });
    expect(other.done).toBe(true);
    expect(other.done && other.result.message).toMatch(
      /Một người khác đang chạy Tổng hợp \(đã đọc \d+\/\d+ đơn vị/
    );
    // The clerk's dialog was closed and nobody came back: past the lease, the colleague takes the run over.
    env.clock.advance(LEASE_MS + 1000);
    const takeOver = env.addOn.consolidate();
    env.workbook.actAs(CLERK);
    expect(takeOver.ok).toBe(true);
    expect(takeOver.message).not.toContain('Một người khác');
    expectSummaryAgreesWithMaster(env.workbook);
    // The clerk closes a dialog and chooses Tổng hợp again: the same person resumes at once.
    expect(env.addOn.consolidateStep({ budgetMs: 0 }).done).toBe(false);
    expect(env.addOn.consolidate().ok).toBe(true);
  });

  it('reads each unit once: a list changed after it was read waits for the next run; a new units table starts over', () => {
    const units = fewUnits();
    const env = ward(units);
    env.addOn.setupUnits();
    typeSome(env.workbook, units);
    expect(env.addOn.consolidateStep({ budgetMs: 0 }).done).toBe(false);
    // The first unit was read by that step: a row typed now is for the next run, and nothing restarts.
    typeRows(env.workbook, units[0], [['Trần Thị Mới', 1990, '', 'Tổ 9']], 200);
    const result = env.addOn.consolidate();
    expect(result.message).not.toContain('tổng hợp lại từ đầu');
    expect(result.units.find((u) => u.code === units[0].code)?.rows).toBe(30);
    expectSummaryAgreesWithMaster(env.workbook);
    expect(env.addOn.consolidate().units.find((u) => u.code === units[0].code)?.rows).toBe(31);

    // A changed units table between steps: the run starts over, and says so.
    expect(env.addOn.consolidateStep({ budgetMs: 0 }).done).toBe(false);
    const config = sheetsByRole(sheetTags(env.workbook)).get('config')!;
    const cells = config.getDataRange().getValues();
    const row = cells.findIndex((r) => r[0] === units[1].code);
    config.getRange(row + 1, 4).setValue(Number(cells[row][3]) + 5);
    const again = env.addOn.consolidate();
    expect(again.message).toContain('tổng hợp lại từ đầu');
    expect(again.message).toContain('bảng đơn vị');
    expectSummaryAgreesWithMaster(env.workbook);
  });

  it('stops an execution at 360 s of modelled time, and every later call of it throws too', () => {
    const units = fewUnits();
    // Budget the steps past Google's limit by pricing every call at a minute.
    const slow = ward(units);
    slow.options.costs = {
      callMs: 60_000,
      readCellMs: 0,
      writeCellMs: 0,
      slowCalls: {},
      executionLimitMs: 360_000,
      maxPayloadBytes: 10_485_760,
    };
    expect(() => slow.addOn.setupUnits()).toThrow('Exceeded maximum execution time');
    const execution = slow.session.current()!;
    expect(execution.elapsedMs).toBeGreaterThanOrEqual(360_000);
    expect(execution.aborted).toBe('Exceeded maximum execution time');
  });
});

describe('the execution layer', () => {
  it('refuses one call over 10 MB with Google’s text, and writes nothing', () => {
    const workbook = new Workbook({ owner: CLERK });
    const execution = new Execution(workbook, { number: 1, clock: new VirtualClock(T0) });
    const app = execution.service('SpreadsheetApp', createServices(workbook).SpreadsheetApp);
    const sheet = app.getActiveSpreadsheet().getSheets()[0];
    sheet.insertRowsAfter(sheet.getMaxRows(), 20_000);
    const big = Array.from({ length: 20_000 }, (_, i) => [`${'x'.repeat(520)}${i}`]);
    expect(() => sheet.getRange(1, 1, big.length, 1).setValues(big)).toThrow(PAYLOAD_TOO_LARGE);
    expect(PAYLOAD_TOO_LARGE).toBe('Request payload size exceeds the limit: 10485760 bytes.');
    expect(sheet.getRange(1, 1).getValue()).toBe('');
    // Under the limit the same call goes through, priced by its cells.
    const before = execution.elapsedMs;
    sheet.getRange(1, 1, 1000, 1).setValues(big.slice(0, 1000));
    expect(execution.elapsedMs - before).toBeGreaterThanOrEqual(1000 * GOOGLE_COSTS.writeCellMs);
  });
});

describe('Thiết lập đơn vị in steps', () => {
  it('after an execution stopped at any k-th call, no unit has two tabs, and resuming leaves every tab tagged and protected', () => {
    const units = fewUnits();
    const probe = ward(units, { stepBudgetMs: 0 });
    const attempts = () => probe.session.executions.reduce((n, e) => n + e.attempts, 0);
    const initCalls = attempts();
    probe.addOn.setupUnits();
    const calls = attempts() - initCalls;
    const expectedTabs = probe.workbook.getSheets().map((s) => s.getName());
    // The unit sheets and their template (the output sheets' placeholder text is another matter).
    expect(expectedTabs.slice(0, 3)).toEqual(['Cấu hình', 'Tổng hợp', 'Danh sách tổng hợp']);
    const madeHere = expectedTabs.slice(3);
    const expectedCells = snapshot(probe.workbook, madeHere);
    const hidden = (workbook: Workbook) =>
      workbook
        .getSheets()
        .filter((s) => s.isSheetHidden())
        .map((s) => s.getName());
    // The hidden template new unit sheets are copied from, and nothing else hidden.
    expect(hidden(probe.workbook)).toEqual(['Mẫu trang đơn vị']);
    expect(calls).toBeGreaterThan(100);

    let runs = 0;
    for (let k = 1; k < calls; k += Math.max(1, Math.floor(calls / 30))) {
      const env = ward(units, { stepBudgetMs: 0 });
      const before = env.session.executions.reduce((n, e) => n + e.attempts, 0);
      env.options.abortAtCall = before + k;
      expect(() => env.addOn.setupUnits()).toThrow('Exceeded maximum execution time');
      env.options.abortAtCall = undefined;
      // At most the one tab recorded before insertSheet is still untagged; no unit has two tabs.
      expect(unitTabs(env.workbook, units).untagged.length).toBeLessThanOrEqual(1);
      const result = env.addOn.setupUnits();
      expect(result.ok).toBe(true);
      const tabs = unitTabs(env.workbook, units);
      expect(tabs.untagged).toEqual([]);
      for (const unit of units) expect(tabs.byCode.get(unit.code.toUpperCase())?.size).toBe(1);
      expect(env.workbook.getSheets().map((s) => s.getName())).toEqual(expectedTabs);
      // The finished run leaves nothing in the document's properties.
      expect([...env.workbook.documentProperties.keys()].filter((k) => k.startsWith('tonghop.run'))).toEqual(
        []
      );
      // Every unit sheet as an uninterrupted run leaves it (header, Stt formulas, Kiểm tra header, F6's
      // label), shown, with its header rows 1–7 and its Kiểm tra block protected for the office alone.
      expect(snapshot(env.workbook, madeHere)).toEqual(expectedCells);
      expect(hidden(env.workbook)).toEqual(['Mẫu trang đơn vị']);
      for (const unit of units) {
        const sheet = env.workbook.getRangeByName(`TH_UNIT_${unit.code}`)!.getSheet();
        expect(sheet.getProtections(SHEET).length).toBe(1);
        const header = sheet.getProtections(RANGE);
        expect(
          header.map((p) => {
            const r = p.getRange();
            return [r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns()];
          })
        ).toEqual([
          [1, 1, 7, 6], // A1:F7
          [7, 7, 1001, 7], // G7:M1007, the Kiểm tra formulas and what they fill
        ]);
        for (const p of header) expect(p.getEditors().map((u) => u.getEmail())).toEqual([CLERK]);
      }
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(25);
  });
});
