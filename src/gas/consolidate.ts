/**
 * Menu "Tổng hợp", the whole action: it reads every unit sheet once per step, writes the master list and
 * the summary through the workbook context's `outputSheets` (output-sheets.ts, which holds the staging
 * pair and its switch), never a unit sheet; the closing figures are read back from the summary.
 *
 * It runs in steps, each its own execution, each stopping itself well before Google's 6 minutes.
 *
 * Every step reads all unit sheets again (one batched read each: seconds even at 150,000 rows) and
 * recomputes the consolidation, so nothing but a small position has to live between executions. The
 * new master list and summary are written into staging sheets ("… (đang lập)"); the summary that
 * leaders see, and the master it counts, stay the previous complete pair until the last step switches
 * both. The summary's formulas name the master by tab; Sheets rewrites them when a tab is renamed, so
 * each summary keeps counting its own master through the switch.
 *
 * Rule when a unit's data changes between steps: the run starts over (staging sheets dropped) and the
 * closing message says which units changed. Each unit's rows are fingerprinted at the first step.
 */
import { consolidateUnits, type ProblemEntry, type UnitSheetInput } from '../core/consolidate';
import { codeIdentity } from '../core/units';
import {
  consolidateMessages as cm,
  masterMessages as mm,
  summaryMessages as sum,
} from '../core/messages/consolidate';
import { formatPercent, shareDecimals } from '../core/messages/format';
import { protectionMessages } from '../core/messages/setup';
import { stepMessages as st } from '../core/messages/steps';
import {
  deadlineText,
  masterLayout,
  MASTER,
  MASTER_COLUMNS,
  SUMMARY,
  summaryLayout,
  UNIT_COL,
  type SummaryLayout,
} from '../core/report-layout';
import {
  fingerprint,
  noProgress,
  percentOf,
  stepBudget,
  type StepProgress,
  type StepReply,
} from '../core/steps';
import { formulaErrors, formulasFor, type FormulaError } from '../core/formulas';
import {
  endRun,
  keepAllBeside,
  readBeside,
  saveRun,
  showProgressDialog,
  takeRun,
  underDocumentLock,
  withDetail,
  type ActionResult,
  type Run,
} from './run';
import {
  configProblemsMessage,
  loadWorkbookContext,
  type Config,
  type ProtectionEntry,
  type Sheet,
} from './workbook-context';

export interface UnitFigures {
  code: string;
  name: string;
  type: string;
  sheet: string;
  target: number;
  rows: number;
  valid: number;
  errors: number;
  warnings: number;
  duplicatesWithinUnit: number;
  duplicatesOfOtherUnits: number;
  coverage: number | null;
}

export interface ConsolidateResult extends ActionResult {
  units: UnitFigures[];
  totals: { units: number; rows: number; valid: number; errors: number; uniquePeople: number };
  ward: { households: number; uniquePeople: number; ratio: number | null; meetsTarget: boolean };
  problems: ProblemEntry[];
  /** Summary figures whose formula failed (ok is then false): an error is never read as a zero. */
  formulaErrors: FormulaError[];
  /** The protections Tổng hợp checks and repairs on every run: Cấu hình and the two sheets it writes. */
  protections: ProtectionEntry[];
}

function failed(message: string): ConsolidateResult {
  return {
    ok: false,
    message,
    units: [],
    totals: { units: 0, rows: 0, valid: 0, errors: 0, uniquePeople: 0 },
    ward: { households: 0, uniquePeople: 0, ratio: null, meetsTarget: false },
    problems: [],
    formulaErrors: [],
    protections: [],
  };
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const ratio = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The figures as the summary's formulas computed them: what leaders see is what the JSON says. */
function readBack(sheet: Sheet, layout: SummaryLayout, config: Config, inputs: readonly UnitSheetInput[]) {
  const values = sheet.getRange(1, 1, layout.cells.length, SUMMARY.columns).getValues();
  const cell = (row: number, column: number): unknown => values[row - 1][column - 1];
  const errors = formulaErrors(sheet.getName(), layout.cells, values);
  const units = inputs.map((input, i): UnitFigures => {
    const r = layout.unitRows.first + i;
    return {
      code: input.unit.code,
      name: input.unit.name,
      type: input.unit.type,
      sheet: input.tab,
      target: num(cell(r, UNIT_COL.target)),
      rows: num(cell(r, UNIT_COL.rows)),
      valid: num(cell(r, UNIT_COL.valid)),
      errors: num(cell(r, UNIT_COL.errors)),
      warnings: num(cell(r, UNIT_COL.warnings)),
      duplicatesWithinUnit: num(cell(r, UNIT_COL.duplicatesWithinUnit)),
      duplicatesOfOtherUnits: num(cell(r, UNIT_COL.duplicatesOfOtherUnits)),
      coverage: ratio(cell(r, UNIT_COL.coverage)),
    };
  });
  const w = layout.ward;
  const v = SUMMARY.wardValueColumn;
  const wardRatio = ratio(cell(w.ratio, v));
  const uniquePeople = num(cell(w.uniquePeople, v));
  return {
    units,
    totals: {
      units: config.units.length,
      rows: num(cell(layout.totalRow, UNIT_COL.rows)),
      valid: num(cell(layout.totalRow, UNIT_COL.valid)),
      errors: num(cell(layout.totalRow, UNIT_COL.errors)),
      uniquePeople,
    },
    ward: {
      households: num(cell(w.households, v)),
      uniquePeople,
      ratio: wardRatio,
      meetsTarget: wardRatio !== null && wardRatio > 1,
    },
    formulaErrors: errors,
  };
}

/** The closing message and figures, read back from the summary that leaders see. */
function closingResult(
  inputs: readonly UnitSheetInput[],
  figures: ReturnType<typeof readBack>,
  problems: ProblemEntry[],
  protections: ProtectionEntry[],
  summaryName: string
): ConsolidateResult {
  const lines = [cm.report(figures.totals.rows, figures.totals.valid, figures.totals.errors)];
  const missing = inputs.filter((input) => input.state === 'missing').map((input) => input.unit.name);
  const altered = inputs.filter((input) => input.state === 'header-altered').map((input) => input.unit.name);
  if (missing.length > 0) lines.push(cm.missingUnits(missing));
  if (altered.length > 0) lines.push(cm.alteredUnits(altered));
  const failedCells = figures.formulaErrors;
  if (failedCells.length > 0) lines.unshift(cm.formulaErrors(summaryName, failedCells.length));
  const { ward } = figures;
  lines.push(
    ward.ratio === null
      ? cm.wardNoHouseholds(ward.uniquePeople)
      : cm.ward(
          ward.uniquePeople,
          ward.households,
          formatPercent(ward.ratio, shareDecimals(ward.uniquePeople, ward.households)),
          ward.meetsTarget
        )
  );
  return {
    ok: failedCells.length === 0,
    message: lines.join('\n'),
    ...(failedCells.length > 0 ? { detail: cm.formulaErrorsDetail(summaryName, failedCells) } : {}),
    ...figures,
    problems,
    protections,
  };
}

const RUN_KEY = 'tonghop.run.consolidate';

/** Time kept for the summary and the switch, which run together in the last step. */
const CLOSING_RESERVE_MS = 30_000;

interface ConsolidateRun {
  phase: 'write' | 'summary' | 'switch';
  /** Rows of the master sheet (head included) already written into the staging master. */
  written: number;
  /** One fingerprint per unit in set-up order, and one of the set-up table. */
  units: string[];
  config: string;
  /** Rows the master will hold (for a second clerk's "how far"). */
  rows: number;
  /** Why an earlier attempt started over, for the closing message. */
  restartedFor: string[];
  /** The live tabs' names when the switch began: the new pair takes them (a clerk may have renamed them). */
  names?: { master: string; summary: string };
  /** The master's columns the staging master was begun with (absent: a run begun by an earlier version). */
  layout?: string;
}

/** A run whose staging master has other columns than this version writes starts over. */
const MASTER_LAYOUT = MASTER_COLUMNS.keys.join(',');

const fresh = (): ConsolidateRun => ({
  phase: 'write',
  written: 0,
  units: [],
  config: '',
  rows: 0,
  restartedFor: [],
  layout: MASTER_LAYOUT,
});

/**
 * Dates come out as their ISO text through Date.prototype.toJSON. (A replacer that turned Dates
 * into toISOString() never saw one: JSON.stringify applies toJSON before the replacer, ECMA-262
 * SerializeJSONProperty. It only cost a function call per value, for every row of every step.)
 */
function jsonOf(value: unknown): string {
  return JSON.stringify(value);
}

function unitFingerprint(input: UnitSheetInput): string {
  return fingerprint(jsonOf([input.state, input.tab, input.sheetId, input.firstDataRow, input.rows]));
}

/** Per unit code: the fingerprint of its list and when a Tổng hợp first saw it so (ISO time). */
const SEEN_KEY = 'tonghop.seen';

/**
 * Each unit's "Cập nhật lần cuối": when a Tổng hợp first saw its list as it is now. No script runs where
 * units type (a unit's own file carries none), so the moment of typing is nowhere to be read; what Tổng
 * hợp keeps is one small record per unit in the document's properties, compared at every run. Units
 * whose list changed since get this run's moment, kept when the run completes (`changed`).
 */
function lastChanges(inputs: readonly UnitSheetInput[], at: Date) {
  const seen = readBeside(SEEN_KEY);
  const changed = new Map<string, [string, string]>();
  const times = inputs.map((input): Date | '' => {
    const rows = input.rows.filter((cells) => cells.some((cell, c) => c > 0 && String(cell).trim() !== ''));
    if (rows.length === 0) return '';
    const print = fingerprint(jsonOf(rows));
    const code = codeIdentity(input.unit.code);
    const known = seen.get(code);
    if (Array.isArray(known) && known[0] === print && typeof known[1] === 'string') return new Date(known[1]);
    changed.set(code, [print, at.toISOString()]);
    return at;
  });
  return { times, changed };
}

function progress(run: Run<ConsolidateRun>, units: number, rowsTotal: number, label: string): StepProgress {
  const rows = Math.max(0, run.data.written - (MASTER.firstDataRow - 1));
  // Reading is a tenth of the bar, writing the master most of it, the summary and switch the rest.
  const share = run.data.phase === 'write' ? 10 + 80 * (rows / Math.max(rowsTotal, 1)) : 95;
  return {
    job: 'consolidate',
    unitsRead: units,
    unitsTotal: units,
    rowsWritten: Math.min(rows, rowsTotal),
    rowsTotal,
    percent: percentOf(share, 100),
    label,
    step: run.step,
  };
}

function restartReasons(
  run: ConsolidateRun,
  config: string,
  units: string[],
  inputs: UnitSheetInput[]
): string[] {
  if (run.units.length === 0) return [];
  if (run.config !== config) return [st.configChanged];
  return inputs.filter((_input, i) => run.units[i] !== units[i]).map((input) => input.unit.name);
}

function closingLabel(done: boolean): string {
  return done ? st.done : st.writingSummary;
}

function step(options: unknown): StepReply<ConsolidateResult> {
  const started = Date.now();
  const budget = stepBudget(options);
  const elapsed = () => Date.now() - started;
  const workbook = loadWorkbookContext();
  const { ss, setup, outputSheets } = workbook;
  const none = noProgress('consolidate', 1);
  const end = (result: ConsolidateResult, p = none): StepReply<ConsolidateResult> => ({
    done: true,
    progress: p,
    result,
  });
  if (!setup) {
    workbook.createSetUp();
    return end(failed(cm.noConfig));
  }
  const configSheet = setup.sheet;
  const office = setup.office();
  if (!office.isOffice) return end(failed(cm.officeOnly));
  const config: Config = setup.config();
  const problems = configProblemsMessage(config);
  if (problems) return end(failed(problems));

  // The protections Tổng hợp relies on, checked and repaired at every step; nothing is written when the
  // runner could not change the live pair (it is renamed and dropped at the switch).
  const sharing = workbook.sharing();
  const secured = [
    { sheet: configSheet, entry: setup.secure() },
    ...(['summary', 'master'] as const).flatMap((role) => {
      const sheet = workbook.roles.get(role);
      return sheet ? [{ sheet, entry: outputSheets.secure(sheet, role, office.editors, sharing) }] : [];
    }),
  ];
  const notYours = secured.filter(({ entry }) => !entry).map(({ sheet }) => sheet.getName());
  if (notYours.length > 0) return end(failed(protectionMessages.notYours(notYours)));

  const taken = takeRun<ConsolidateRun>(RUN_KEY, started, fresh);
  if ('busy' in taken) {
    const b = taken.busy;
    const rowsDone = Math.max(0, b.data.written - (MASTER.firstDataRow - 1));
    const minutes = Math.max(1, Math.ceil((b.expires - started) / 60_000));
    const far = st.rowsSoFar(Math.min(rowsDone, b.data.rows), b.data.rows);
    return end(failed(st.busy(cm.title, far, minutes)));
  }
  const run = taken.run;
  if (taken.fresh) outputSheets.dropStaging(true);

  const inputs = workbook.unitSheets.readAll(config.units);
  const unitPrints = inputs.map(unitFingerprint);
  const configPrint = fingerprint(jsonOf([config.units, config.campaign]));
  const changed =
    run.data.phase === 'switch' ? [] : restartReasons(run.data, configPrint, unitPrints, inputs);
  // A run an earlier version left half-written (other master columns) starts over; its complete pair,
  // once in the switch, is switched in as it is (that summary counts that master).
  const otherLayout = run.data.phase !== 'switch' && run.data.layout !== MASTER_LAYOUT;
  if (changed.length > 0 || otherLayout) {
    outputSheets.dropStaging(false);
    run.data = { ...fresh(), restartedFor: changed };
    run.startedAt = started;
  }
  if (run.data.units.length === 0) {
    run.data.units = unitPrints;
    run.data.config = configPrint;
    saveRun(RUN_KEY, run, Date.now());
  }

  // The same moment for every step: the master's info line and the summary's date agree.
  const at = new Date(run.startedAt);
  const changes = lastChanges(inputs, at);
  inputs.forEach((input, i) => (input.lastUpdated = changes.times[i]));
  const consolidation = consolidateUnits(inputs, workbook.year(at));
  // The spreadsheet's formula syntax (';' in vi_VN), asked once per step.
  const formulas = formulasFor(ss.getSpreadsheetLocale());
  const master = masterLayout(consolidation, formulas);
  const consolidatedAt = workbook.formatDate(at, 'dd/MM/yyyy HH:mm');
  const units = inputs.length;
  const rowsTotal = master.rows.length;
  run.data.rows = rowsTotal;
  let didWork = false;

  if (run.data.phase === 'write') {
    const sheet = outputSheets.staging('master', office.editors, sharing);
    const all = outputSheets.masterGrid(
      master,
      mm.info(consolidatedAt, rowsTotal, consolidation.units.length)
    );
    const head = MASTER.firstDataRow - 1;
    outputSheets.fitMasterRows(sheet, all.length);
    let slowest = 0;
    while (run.data.written < all.length) {
      if (slowest > 0 && elapsed() + slowest * 1.25 > budget) {
        return {
          done: false,
          progress: progress(run, units, rowsTotal, st.writingRows(run.data.written - head, rowsTotal)),
        };
      }
      const chunkStart = Date.now();
      run.data.written += outputSheets.writeMasterChunk(sheet, all, run.data.written);
      didWork = true;
      if (run.data.written >= all.length) run.data.phase = 'summary';
      saveRun(RUN_KEY, run, Date.now());
      slowest = Math.max(slowest, Date.now() - chunkStart);
    }
  }

  if (run.data.phase === 'summary') {
    // The summary and the switch go together; a step that already wrote rows leaves them to the next.
    if (didWork && elapsed() + CLOSING_RESERVE_MS > budget) {
      return { done: false, progress: progress(run, units, rowsTotal, closingLabel(false)) };
    }
    const stagingMaster = outputSheets.staging('master', office.editors, sharing);
    const summarySheet = outputSheets.staging('summary', office.editors, sharing);
    const deadline = config.campaign.completionDeadline;
    const summary = summaryLayout(consolidation, master, {
      households: config.campaign.households,
      masterSheet: stagingMaster.getName(),
      formulas,
      title: config.campaign.title,
      consolidatedAt,
      deadlineText: deadlineText(
        workbook.formatDate(at, 'yyyy-MM-dd'),
        deadline ? workbook.formatDate(deadline, 'yyyy-MM-dd') : null,
        deadline ? workbook.formatDate(deadline, 'dd/MM/yyyy') : ''
      ),
    });
    outputSheets.writeSummary(summarySheet, summary);
    const live = outputSheets.live();
    run.data.names = {
      master: live.master?.getName() ?? mm.sheetName,
      summary: live.summary?.getName() ?? sum.sheetName,
    };
    run.data.phase = 'switch';
    saveRun(RUN_KEY, run, Date.now());
  }

  outputSheets.switchPair(run.data.names ?? { master: mm.sheetName, summary: sum.sheetName });
  const live = outputSheets.live();
  const summarySheet = live.summary as Sheet;
  const liveMaster = live.master as Sheet;
  const summary = summaryLayout(consolidation, master, {
    households: config.campaign.households,
    masterSheet: liveMaster.getName(),
    formulas,
    title: config.campaign.title,
    consolidatedAt,
    deadlineText: '',
  });
  const figures = readBack(summarySheet, summary, config, inputs);
  summarySheet.activate();
  keepAllBeside(SEEN_KEY, changes.changed);
  endRun(RUN_KEY);
  const protections = [
    setup.secure(),
    outputSheets.secure(summarySheet, 'summary', office.editors, sharing),
    outputSheets.secure(liveMaster, 'master', office.editors, sharing),
  ].flatMap((entry) => (entry ? [entry] : []));
  const result = closingResult(inputs, figures, consolidation.problems, protections, summarySheet.getName());
  if (run.data.restartedFor.length > 0)
    result.message = `${st.restarted(run.data.restartedFor)}\n${result.message}`;
  run.data.written = rowsTotal + MASTER.firstDataRow - 1;
  return end(result, { ...progress(run, units, rowsTotal, closingLabel(true)), percent: 100 });
}

/** One step of Tổng hợp (google.script.run from the progress dialog), under the document lock. */
export function consolidateStep(options?: unknown): StepReply<ConsolidateResult> {
  return underDocumentLock(
    () => ({ done: true, progress: noProgress('consolidate'), result: failed(cm.busy) }),
    () => step(options),
    (message, detail) => ({
      done: true,
      progress: noProgress('consolidate'),
      result: withDetail(failed(message), detail),
    })
  );
}

/**
 * Menu "Tổng hợp": opens the progress dialog, which runs the work in steps (consolidateStep below), each
 * its own execution, so that a ward of 150,000 rows stays inside Apps Script's 6 minutes.
 */
export function consolidate(): void {
  showProgressDialog('consolidate');
}
