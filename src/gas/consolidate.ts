/**
 * Menu "Tổng hợp", the whole action: it reads every unit's list once, writes the master list and the summary
 * through the workbook context's `outputSheets` (output-sheets.ts, which holds the staging pair and its
 * switch), never a unit's list; the closing figures are read back from the summary.
 *
 * It runs in steps, each its own execution, each stopping itself well before Google's 6 minutes. A step
 * reads the next units in set-up order (one batched read each, a file opened first when a unit has a file of
 * its own), checks them, marks the people earlier units listed (cross-unit duplicates: the first listing
 * wins), and appends their rows to a staging master ("… (đang lập)"); what a unit's rows add to the
 * summary is kept beside the run. A later step remembers who is listed from the staging master itself (one
 * read), so no unit is read twice, however many steps. The last step writes the staging summary and switches
 * the pair in; until then the summary that leaders see, and the master it counts, stay the previous
 * complete pair. The summary's formulas name the master by tab; Sheets rewrites them when a tab is renamed,
 * so each summary keeps counting its own master through the switch.
 *
 * Each unit is read at one moment of the run: a list changed after it was read is seen by the next run. A
 * change of the units table starts the run over, and the closing message says so.
 */
import {
  consolidateUnit,
  consolidationOfCounts,
  unitStateProblem,
  type ProblemEntry,
  type UnitCounts,
  type UnitResult,
  type UnitSheetInput,
  type UnitSheetState,
} from '../core/consolidate';
import { PeopleSeen, type NamesakeAccepted } from '../core/duplicates';
import { cityTable } from '../core/city-export';
import { closeMessages as clm, leadersMessages as lm } from '../core/messages/leaders';
import { asReviewRecord, followUpOf, REVIEW_KEY, statusSince, type FollowUpFigures } from '../core/follow-up';
import { followUpMessages as fum, statusLabels } from '../core/messages/follow-up';
import { createRowMemo } from '../core/rows';
import { codeIdentity, type Unit } from '../core/units';
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
  MASTER,
  MASTER_COLUMNS,
  masterRowsOf,
  rememberMasterRows,
  SUMMARY,
  summaryLayout,
  UNIT_COL,
  type SummaryLayout,
  type UnitBlock,
} from '../core/report-layout';
import { fingerprint, noProgress, percentOf, type StepProgress, type StepReply } from '../core/steps';
import { a1, formulaErrors, formulasFor, type FormulaError } from '../core/formulas';
import { formulaFunction } from '../core/formula-cells';
import {
  endRun,
  keepAllBeside,
  readBeside,
  readBesideEach,
  runStep,
  showProgressDialog,
  StepClock,
  type ActionResult,
  type Run,
} from './run';
import {
  configProblemsMessage,
  loadWorkbookContext,
  type Config,
  type ProtectionEntry,
  type SharingAudit,
  type Sheet,
} from './workbook-context';
import { sharedFileName, sharingMessages as shm } from '../core/messages/sharing';

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
  /**
   * Formulas found in the units' data cells (issue 25): their rows are not counted. At most
   * FORMULAS_KEPT a unit (the master list's Trạng thái names every row).
   */
  formulaCells: { unit: string; sheet: string; cell: string; function: string }[];
  /** Tabs of a unit's own file other than its list. */
  otherSheets: { unit: string; sheet: string }[];
  /**
   * The sharing audit (issue 25): every unit's file, the folder, the leaders' file and this one against
   * Cấu hình; `checked` false when the runner is not the files' creator (only this file was checked).
   */
  sharing: SharingAudit;
  /**
   * "Nghi trùng giữa đơn vị" (issue 25): a row whose name and birth year an earlier unit listed at another
   * residence ('residence'), or whose "Không trùng" note the office has not accepted ('namesake'). At most
   * SUSPECTS_KEPT a unit; the master list's Cần kiểm tra and Trạng thái columns name every row.
   */
  suspectedDuplicates: {
    unit: string;
    row: number;
    otherUnit: string;
    otherRow: number;
    reason: 'residence' | 'namesake';
  }[];
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
    formulaCells: [],
    otherSheets: [],
    suspectedDuplicates: [],
    sharing: { checked: true, findings: [] },
  };
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
const ratio = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** What the closing report says of each unit besides its figures: whether its list could be read. */
interface UnitState {
  unit: Config['units'][number];
  state: UnitSheetInput['state'];
  tab: string;
}

/** The figures as the summary's formulas computed them: what leaders see is what the JSON says. */
function readBack(sheet: Sheet, layout: SummaryLayout, config: Config, inputs: readonly UnitState[]) {
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
    /** The summary as read (what the leaders' file is given as values). */
    values,
  };
}

/** The closing message and figures, read back from the summary that leaders see. */
function closingResult(
  inputs: readonly UnitState[],
  figures: Omit<ReturnType<typeof readBack>, 'values'>,
  problems: ProblemEntry[],
  protections: ProtectionEntry[],
  summaryName: string
): ConsolidateResult {
  const lines = [cm.report(figures.totals.rows, figures.totals.valid, figures.totals.errors)];
  for (const state of Object.keys(cm.unreadUnits) as (keyof typeof cm.unreadUnits)[]) {
    const names = inputs.filter((input) => input.state === state).map((input) => input.unit.name);
    if (names.length > 0) lines.push(cm.unreadUnits[state](names));
  }
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
    formulaCells: [],
    otherSheets: [],
    suspectedDuplicates: [],
    sharing: { checked: true, findings: [] },
  };
}

const RUN_KEY = 'tonghop.run.consolidate';

interface ConsolidateRun {
  phase: 'units' | 'summary' | 'switch';
  /** Index (set-up order) of the next unit to read. */
  next: number;
  /** Data rows of the staging master already written (its head is written with the summary). */
  rows: number;
  /**
   * Units whose rows were being written when the step stopped: `rows` is where their rows began. A step that
   * finds it clears the master from there and reads those units again, so nothing is doubled.
   */
  writing: { from: number; rows: number } | null;
  /** A fingerprint of the units table and campaign: a change starts the run over. */
  config: string;
  /** Why an earlier attempt started over, for the closing message. */
  restartedFor: string[];
  /** The live tabs' names when the switch began: the new pair takes them (a clerk may have renamed them). */
  names?: { master: string; summary: string };
  /** The master's columns the staging master was begun with (absent: a run begun by an earlier version). */
  layout?: string;
  /** The sharing audit, made with the summary (issue 25), its first SHARING_KEPT findings. */
  sharing?: SharingAudit;
}

/** Findings kept in the run's property (9 kB): the closing message names at most 15 anyway. */
const SHARING_KEPT = 40;

/** A run whose staging master has other columns than this version writes starts over. */
const MASTER_LAYOUT = MASTER_COLUMNS.keys.join(',');

const fresh = (): ConsolidateRun => ({
  phase: 'units',
  next: 0,
  rows: 0,
  writing: null,
  config: '',
  restartedFor: [],
  layout: MASTER_LAYOUT,
});

/** What a step keeps of each unit it read, beside the run, for the summary and the closing report. */
interface UnitRecord {
  state: UnitSheetInput['state'];
  tab: string;
  counts: UnitCounts;
  block: UnitBlock | null;
  /** "Cập nhật lần cuối" (ISO time) or ''. */
  lastUpdated: string;
  /** The fingerprint of its list and when a run first saw it so, to keep when the run completes. */
  change: [string, string] | null;
  /** Its status and the figures Nhắc đơn vị builds its message from (absent: a run begun by an earlier version). */
  follow?: Omit<FollowUpFigures, 'since'>;
  /** Formula cells in its data cells: [row, column, function], the first FORMULAS_KEPT, and how many in all. */
  formulas?: [number, number, string][];
  formulaCount?: number;
  /** Other tabs of its file. */
  otherSheets?: string[];
  /** Its rows suspected of repeating another unit's: [row, other unit's code, its row, reason], and how many. */
  suspects?: [number, string, number, 'residence' | 'namesake'][];
  suspectCount?: number;
}

/** Suspected pairs kept per unit beside the run (same reason as FORMULAS_KEPT). */
const SUSPECTS_KEPT = 30;

/** Formula cells kept per unit beside the run (a property holds 9 kB): the master list names every row. */
const FORMULAS_KEPT = 20;

/**
 * Dates come out as their ISO text through Date.prototype.toJSON. (A replacer that turned Dates
 * into toISOString() never saw one: JSON.stringify applies toJSON before the replacer, ECMA-262
 * SerializeJSONProperty. It only cost a function call per value, for every row of every step.)
 */
function jsonOf(value: unknown): string {
  return JSON.stringify(value);
}

/** Per unit code: the fingerprint of its list and when a Tổng hợp first saw it so (ISO time). */
const SEEN_KEY = 'tonghop.seen';

/**
 * Per unit code: the "Không trùng" rows the office accepted (issue 25), each the fingerprint of the row's
 * person key, so that an edited row is no longer the one accepted. Written by acceptNamesake (review.ts).
 */
export const NAMESAKE_KEY = 'tonghop.namesake';

/**
 * What the last complete Tổng hợp counted, per unit (`unit.<CODE>`: state, rows, valid rows, valid rows
 * another unit listed first) and for the run (`run`: its moment and the units table it read). Where each unit has a
 * file of its own, Báo cáo phường takes its figures from here: reading every file again would take most of
 * an execution. Figures only, no personal data.
 */
const LAST_KEY = 'tonghop.last';

export interface LastConsolidation {
  at: Date;
  units: { unit: Unit; state: UnitSheetState; counts: UnitCounts }[];
}

/** The fingerprint of a units table and campaign as Tổng hợp compares them. */
function configFingerprint(config: Config): string {
  return fingerprint(jsonOf([config.units, config.campaign]));
}

/** The last complete Tổng hợp's figures, if it read this units table; null otherwise. */
export function lastConsolidation(config: Config): LastConsolidation | null {
  const kept = readBeside(LAST_KEY);
  const run = kept.get('run') as { at?: unknown; config?: unknown } | undefined;
  if (!run || run.config !== configFingerprint(config) || typeof run.at !== 'string') return null;
  const units = config.units.map((unit) => {
    const [state, rows, valid, duplicates] = (kept.get(`unit.${codeIdentity(unit.code)}`) ?? []) as [
      UnitSheetState?,
      number?,
      number?,
      number?,
    ];
    const counts: UnitCounts = {
      rows: rows ?? 0,
      valid: valid ?? 0,
      errors: 0,
      warnings: 0,
      duplicatesWithinUnit: 0,
      duplicatesOfOtherUnits: duplicates ?? 0,
    };
    return { unit, state: state ?? 'no-file', counts };
  });
  return { at: new Date(run.at), units };
}

/** Beside LAST_KEY, per unit: its "Không trùng" rows another unit listed first, not yet accepted. */
const SUSPECT_PREFIX = 'namesake.';

/**
 * The "Không trùng" rows the last complete Tổng hợp found awaiting the office's word: the unit, its row, the
 * unit that listed the person first and that row (row numbers only, no names).
 */
export function pendingNamesakes(
  config: Config
): { code: string; name: string; row: number; otherCode: string; otherName: string; otherRow: number }[] {
  const kept = readBeside(LAST_KEY);
  const nameOf = new Map(config.units.map((unit) => [codeIdentity(unit.code), unit.name]));
  return config.units.flatMap((unit) => {
    const pairs = kept.get(`${SUSPECT_PREFIX}${codeIdentity(unit.code)}`);
    if (!Array.isArray(pairs)) return [];
    return (pairs as [number, string, number, string][]).map(([row, otherCode, otherRow]) => ({
      code: unit.code,
      name: unit.name,
      row,
      otherCode,
      otherName: nameOf.get(codeIdentity(otherCode)) ?? otherCode,
      otherRow,
    }));
  });
}

/**
 * What the last complete Tổng hợp kept for following the units up (Nhắc đơn vị): its moment, whether it
 * read this units table, and each unit's figures (null: that run did not keep them). Null before any run.
 */
export function lastFollowUp(
  config: Config
): { at: Date; current: boolean; units: (FollowUpFigures | null)[] } | null {
  const kept = readBeside(LAST_KEY);
  const run = kept.get('run') as { at?: unknown; config?: unknown } | undefined;
  if (!run || typeof run.at !== 'string') return null;
  return {
    at: new Date(run.at),
    current: run.config === configFingerprint(config),
    units: config.units.map(
      (unit) => (kept.get(`follow.${codeIdentity(unit.code)}`) as FollowUpFigures | undefined) ?? null
    ),
  };
}

/**
 * A unit's "Cập nhật lần cuối": when a Tổng hợp first saw its list as it is now. No script runs where units
 * type (a unit's own file carries none), so the moment of typing is nowhere to be read; what Tổng hợp keeps
 * is one small record per unit in the document's properties, compared at every run. A list that changed
 * gets this run's moment, kept when the run completes (`change`).
 */
function lastChange(
  input: UnitSheetInput,
  seen: ReadonlyMap<string, unknown>,
  at: Date
): { time: Date | ''; change: [string, string] | null } {
  const rows = input.rows.filter((cells) => cells.some((cell, c) => c > 0 && String(cell).trim() !== ''));
  if (rows.length === 0) return { time: '', change: null };
  const print = fingerprint(jsonOf(rows));
  const known = seen.get(codeIdentity(input.unit.code));
  if (Array.isArray(known) && known[0] === print && typeof known[1] === 'string')
    return { time: new Date(known[1]), change: null };
  return { time: at, change: [print, at.toISOString()] };
}

function progress(run: Run<ConsolidateRun>, units: number, label: string): StepProgress {
  // Reading and writing the units is most of the bar, the summary and switch the rest.
  const share = run.data.phase === 'units' ? 90 * (run.data.next / Math.max(units, 1)) : 95;
  return {
    job: 'consolidate',
    unitsRead: run.data.next,
    unitsTotal: units,
    rowsWritten: run.data.rows,
    rowsTotal: 0,
    percent: percentOf(share, 100),
    label,
    step: run.step,
  };
}

function closingLabel(done: boolean): string {
  return done ? st.done : st.writingSummary;
}

/**
 * Each unit's status with the moment it last changed: kept from the last complete Tổng hợp while the
 * status stays, the office's decision's own moment for Đã duyệt and Cần sửa. Two reads per run, none per unit.
 */
function followUps(config: Config, records: readonly UnitRecord[], at: Date): (FollowUpFigures | null)[] {
  const [previous, reviews] = readBesideEach([LAST_KEY, REVIEW_KEY]);
  return config.units.map((unit, i) => {
    const follow = records[i].follow;
    if (!follow) return null;
    const code = codeIdentity(unit.code);
    const before = previous.get(`follow.${code}`) as { status?: unknown; since?: unknown } | undefined;
    const record = asReviewRecord(reviews.get(code));
    return { ...follow, since: statusSince(follow.status, before, record, at) };
  });
}

function followUpText(follow: FollowUpFigures | null): { text: string; since: Date | '' } | undefined {
  if (!follow) return undefined;
  // A list that could not be read has no status: Đánh giá says why.
  if (!follow.readable) return { text: '', since: '' };
  const text =
    follow.status === 'changed' ? fum.changedRows(follow.changedRows) : statusLabels[follow.status];
  return { text, since: new Date(follow.since) };
}

/** The units' records as the summary's layout takes them (their rows are in the master already). */
function summaryInput(
  config: Config,
  records: readonly UnitRecord[],
  follows: readonly (FollowUpFigures | null)[] = []
) {
  const units: UnitResult[] = config.units.map((unit, i) => {
    const r = records[i];
    const followUp = followUpText(follows[i] ?? null);
    return {
      ...(followUp ? { followUp } : {}),
      unit,
      state: r.state,
      tab: r.tab,
      sheetId: 0,
      url: '',
      lastUpdated: r.lastUpdated === '' ? '' : new Date(r.lastUpdated),
      entries: [],
      counts: r.counts,
    };
  });
  const consolidation = consolidationOfCounts(units);
  const rows = consolidation.totals.rows;
  return {
    consolidation,
    master: { rows: [], blocks: records.map((r) => r.block), lastRow: MASTER.firstDataRow + rows - 1 },
  };
}

function step(options: unknown): StepReply<ConsolidateResult> {
  const clock = new StepClock(options);
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
  // After Kết thúc đợt báo cáo the lists are gone: a run would replace the kept figures with zeros.
  if (config.campaign.closed !== '') return end(failed(clm.closedForConsolidation));

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

  const steps = clock.take(RUN_KEY, fresh, {
    title: cm.title,
    far: (held) => st.unitsReadSoFar(held.next, config.units.length),
  });
  if ('busy' in steps) return end(failed(steps.busy));
  const run = steps.run;
  if (steps.fresh) outputSheets.dropStaging(true);

  const configPrint = configFingerprint(config);
  // A run begun on another units table, or by an earlier version (another master, other run data), starts
  // over; its complete pair, once in the switch, is switched in as it is (that summary counts that master).
  const stale =
    run.data.phase !== 'switch' &&
    ((run.data.config !== '' && run.data.config !== configPrint) ||
      run.data.layout !== MASTER_LAYOUT ||
      typeof run.data.next !== 'number');
  if (stale) {
    const changed = run.data.config !== '' && run.data.config !== configPrint;
    outputSheets.dropStaging(false);
    run.data = { ...fresh(), restartedFor: changed ? [st.configChanged] : [] };
    run.startedAt = clock.started;
  }
  if (run.data.config === '') {
    run.data.config = configPrint;
    steps.save();
  }

  // The same moment for every step: the master's info line and the summary's date agree.
  const at = new Date(run.startedAt);
  const year = workbook.year(at);
  // The spreadsheet's formula syntax (';' in vi_VN), asked once per step.
  const formulas = formulasFor(ss.getSpreadsheetLocale());
  const units = config.units.length;
  const records = (): UnitRecord[] => {
    const kept = readBeside(RUN_KEY);
    return config.units.map((_, i) => kept.get(String(i)) as UnitRecord);
  };

  if (run.data.phase === 'units') {
    const sheet = outputSheets.staging('master', office.editors, sharing);
    // Units whose rows a stopped step was writing: their rows go, and they are read again.
    if (run.data.writing) {
      run.data.next = run.data.writing.from;
      run.data.rows = run.data.writing.rows;
      run.data.writing = null;
      outputSheets.clearMasterRowsFrom(sheet, run.data.rows);
    }
    // With the office's Duyệt / Trả lại records and its accepted "Không trùng" rows, in the same read.
    const [changes, reviews, namesakes] = readBesideEach([SEEN_KEY, REVIEW_KEY, NAMESAKE_KEY]);
    // The people the master already lists, from the units earlier steps read.
    const seen = new PeopleSeen(namesakeAccepted(namesakes));
    const indexOf = new Map(config.units.map((unit, i) => [codeIdentity(unit.code), i]));
    if (run.data.rows > 0) {
      rememberMasterRows(
        seen,
        outputSheets.readMasterRows(sheet, run.data.rows),
        (code) => indexOf.get(codeIdentity(code)) ?? -1
      );
    }
    const memo = createRowMemo();
    // The units' tabs, or their own files (each opened as it is read).
    const lists = workbook.lists();
    const walked = steps.walk(
      () => run.data.next < units,
      () => {
        // A batch of units read and checked in turn, written in one request of at most CHUNK_BYTES.
        const from = run.data.next;
        const batch: unknown[][] = [];
        const sizes: number[] = [];
        const kept = new Map<string, UnitRecord>();
        let bytes = 0;
        let i = from;
        do {
          const input = lists.read(config.units[i]);
          const change = lastChange(input, changes, at);
          input.lastUpdated = change.time;
          const result = consolidateUnit(input, i, year, seen, memo);
          const rows = masterRowsOf(result, formulas, run.data.rows + batch.length);
          const first = MASTER.firstDataRow + run.data.rows + batch.length;
          for (const row of rows) {
            const size = outputSheets.rowBytes(row);
            batch.push(row);
            sizes.push(size);
            bytes += size;
          }
          kept.set(String(i), {
            state: input.state,
            tab: input.tab,
            counts: result.counts,
            block: rows.length > 0 ? { first, last: first + rows.length - 1 } : null,
            lastUpdated: change.time === '' ? '' : change.time.toISOString(),
            change: change.change,
            follow: followUpOf(
              input,
              result.counts,
              result.entries.filter((e) => !e.checked.valid).map((e) => e.checked.sheetRow),
              asReviewRecord(reviews.get(codeIdentity(config.units[i].code)))
            ),
            ...formulaRecord(input),
            ...suspectRecord(result),
          });
          i++;
        } while (i < units && bytes < outputSheets.chunkBytes && clock.elapsed() < clock.budget);
        run.data.writing = { from, rows: run.data.rows };
        steps.save();
        outputSheets.writeMasterRows(sheet, run.data.rows, batch, sizes);
        keepAllBeside(RUN_KEY, kept);
        run.data.rows += batch.length;
        run.data.next = i;
        run.data.writing = null;
        if (run.data.next >= units) run.data.phase = 'summary';
        steps.save();
      }
    );
    if (walked === 'paused')
      return { done: false, progress: progress(run, units, st.readingUnits(run.data.next, units)) };
  }

  const consolidatedAt = workbook.formatDate(at, 'dd/MM/yyyy HH:mm');
  let follows: (FollowUpFigures | null)[] | undefined;
  if (run.data.phase === 'summary') {
    // The summary and the switch go together; a step short of time for them leaves them to the next.
    if (!steps.mayClose()) return { done: false, progress: progress(run, units, closingLabel(false)) };
    const kept = records();
    follows = followUps(config, kept, at);
    const { consolidation, master } = summaryInput(config, kept, follows);
    const stagingMaster = outputSheets.staging('master', office.editors, sharing);
    outputSheets.finishMaster(stagingMaster, run.data.rows, mm.info(consolidatedAt, run.data.rows, units));
    const summarySheet = outputSheets.staging('summary', office.editors, sharing);
    const deadline = config.campaign.completionDeadline;
    // Every file's sharing against Cấu hình, once a run: named on the summary (files only) and in the result.
    const audit = workbook.auditSharing();
    run.data.sharing = { checked: audit.checked, findings: audit.findings.slice(0, SHARING_KEPT) };
    const places = [...new Set(audit.findings.map((f) => sharedFileName(f)))];
    const summary = summaryLayout(consolidation, master, {
      ...(places.length > 0 ? { notice: shm.summaryNote(places) } : {}),
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
    steps.save();
  }

  outputSheets.switchPair(run.data.names ?? { master: mm.sheetName, summary: sum.sheetName });
  const live = outputSheets.live();
  const summarySheet = live.summary as Sheet;
  const liveMaster = live.master as Sheet;
  const kept = records();
  // Computed with the summary when it was written in this execution; else read again (the same records). The
  // layout carries them: the leaders' file takes its formats (the status date's among them) from it.
  follows ??= followUps(config, kept, at);
  const { consolidation, master } = summaryInput(config, kept, follows);
  const summary = summaryLayout(consolidation, master, {
    households: config.campaign.households,
    masterSheet: liveMaster.getName(),
    formulas,
    title: config.campaign.title,
    consolidatedAt,
    deadlineText: '',
  });
  const inputs = config.units.map((unit, i) => ({ unit, state: kept[i].state, tab: kept[i].tab }));
  const { values: summaryValues, ...figures } = readBack(summarySheet, summary, config, inputs);
  summarySheet.activate();
  // The leaders' file, refreshed as values before the run ends (a step stopped here switches again, a no-op,
  // and refreshes again). Its own time is kept: a step short of it leaves it to the next.
  if (!steps.mayClose()) return { done: false, progress: progress(run, units, closingLabel(false)) };
  const leaders = workbook.leadersFile.refresh({
    values: summaryValues,
    layout: summary,
    city: cityTable(consolidation, config.campaign),
    consolidatedAt,
    title: config.campaign.title,
  });
  keepAllBeside(
    SEEN_KEY,
    new Map(
      config.units.flatMap((unit, i) =>
        kept[i].change ? [[codeIdentity(unit.code), kept[i].change] as const] : []
      )
    )
  );
  keepAllBeside(
    LAST_KEY,
    new Map<string, unknown>([
      ['run', { at: at.toISOString(), config: run.data.config }],
      ...config.units.map((unit, i) => {
        const { counts } = kept[i];
        return [
          `unit.${codeIdentity(unit.code)}`,
          [kept[i].state, counts.rows, counts.valid, counts.duplicatesOfOtherUnits],
        ] as const;
      }),
      // Each unit's status and the figures Nhắc đơn vị writes its message from (no personal data).
      ...config.units.flatMap((unit, i) =>
        follows[i] ? [[`follow.${codeIdentity(unit.code)}`, follows[i]] as const] : []
      ),
      // Its "Không trùng" rows awaiting the office's word (row numbers only), for Theo dõi và nhắc đơn vị.
      ...config.units.map(
        (unit, i) =>
          [
            `${SUSPECT_PREFIX}${codeIdentity(unit.code)}`,
            (kept[i].suspects ?? []).filter((pair) => pair[3] === 'namesake'),
          ] as const
      ),
    ])
  );
  endRun(
    RUN_KEY,
    config.units.map((_, i) => `${RUN_KEY}.${i}`)
  );
  const protections = [
    setup.secure(),
    outputSheets.secure(summarySheet, 'summary', office.editors, sharing),
    outputSheets.secure(liveMaster, 'master', office.editors, sharing),
  ].flatMap((entry) => (entry ? [entry] : []));
  const result = closingResult(inputs, figures, unitProblems(inputs), protections, summarySheet.getName());
  const findings = formulaFindings(config, kept);
  result.formulaCells = findings.formulaCells;
  result.otherSheets = findings.otherSheets;
  if (findings.lines.length > 0) result.message += `\n${findings.lines.join('\n')}`;
  const audit = run.data.sharing;
  if (audit) {
    result.sharing = audit;
    if (audit.findings.length > 0) result.message += `\n${shm.report(audit.findings)}`;
    if (!audit.checked) result.message += `\n${shm.notChecked}`;
  }
  const suspected = suspectFindings(config, kept);
  result.suspectedDuplicates = suspected.pairs;
  if (suspected.line) result.message += `\n${suspected.line}`;
  if (run.data.restartedFor.length > 0)
    result.message = `${st.restarted(run.data.restartedFor)}\n${result.message}`;
  if (leaders === 'none') result.message += `\n${lm.notYetCreated}`;
  else if (leaders === 'unreachable') result.message += `\n${lm.notRefreshed}`;
  return end(result, { ...progress(run, units, closingLabel(true)), percent: 100 });
}

/** What a unit's record keeps of the formulas in its data cells and of its file's other tabs. */
function formulaRecord(input: UnitSheetInput): Pick<UnitRecord, 'formulas' | 'formulaCount' | 'otherSheets'> {
  const cells = input.formulas ?? [];
  return {
    ...(cells.length > 0
      ? {
          formulas: cells
            .slice(0, FORMULAS_KEPT)
            .map((c): [number, number, string] => [c.row, c.column, formulaFunction(c.formula)]),
          formulaCount: cells.length,
        }
      : {}),
    ...(input.otherSheets && input.otherSheets.length > 0 ? { otherSheets: input.otherSheets } : {}),
  };
}

/** The office's accepted "Không trùng" rows (NAMESAKE_KEY): a unit's code and the row's person key. */
function namesakeAccepted(kept: ReadonlyMap<string, unknown>): NamesakeAccepted {
  return (unitCode, personKey) => {
    const accepted = kept.get(codeIdentity(unitCode));
    return Array.isArray(accepted) && accepted.includes(fingerprint(personKey));
  };
}

/** What a unit's record keeps of its rows suspected of repeating another unit's. */
function suspectRecord(result: UnitResult): Pick<UnitRecord, 'suspects' | 'suspectCount'> {
  const suspects = result.entries.flatMap(({ checked }) =>
    checked.suspectedOf
      ? [
          [
            checked.sheetRow,
            checked.suspectedOf.unitCode,
            checked.suspectedOf.sheetRow,
            checked.suspectedOf.reason,
          ] as [number, string, number, 'residence' | 'namesake'],
        ]
      : []
  );
  return suspects.length > 0
    ? { suspects: suspects.slice(0, SUSPECTS_KEPT), suspectCount: suspects.length }
    : {};
}

/** The suspected pairs the units' records hold, for the result and its message. */
function suspectFindings(
  config: Config,
  records: readonly UnitRecord[]
): { pairs: ConsolidateResult['suspectedDuplicates']; line: string | null } {
  const pairs: ConsolidateResult['suspectedDuplicates'] = [];
  const byUnit: { unit: string; count: number; pending: number }[] = [];
  config.units.forEach((unit, i) => {
    const record = records[i];
    const kept = record.suspects ?? [];
    for (const [row, otherUnit, otherRow, reason] of kept)
      pairs.push({ unit: unit.code, row, otherUnit, otherRow, reason });
    if (kept.length > 0) {
      byUnit.push({
        unit: unit.name,
        count: record.suspectCount ?? kept.length,
        pending: kept.filter((p) => p[3] === 'namesake').length,
      });
    }
  });
  return { pairs, line: byUnit.length > 0 ? cm.suspected(byUnit) : null };
}

/** The formula cells and other tabs the units' records hold, for the result and its message. */
function formulaFindings(
  config: Config,
  records: readonly UnitRecord[]
): Pick<ConsolidateResult, 'formulaCells' | 'otherSheets'> & { lines: string[] } {
  const formulaCells: ConsolidateResult['formulaCells'] = [];
  const otherSheets: ConsolidateResult['otherSheets'] = [];
  const byUnit: { unit: string; cells: string[]; count: number }[] = [];
  const tabsByUnit: { unit: string; sheets: string[] }[] = [];
  config.units.forEach((unit, i) => {
    const record = records[i];
    const cells = (record.formulas ?? []).map(([row, column, fn]) => {
      formulaCells.push({ unit: unit.code, sheet: record.tab, cell: a1(row, column), function: fn });
      return fn === '' ? a1(row, column) : `${a1(row, column)} (${fn})`;
    });
    if (cells.length > 0) byUnit.push({ unit: unit.name, cells, count: record.formulaCount ?? cells.length });
    for (const sheet of record.otherSheets ?? []) otherSheets.push({ unit: unit.code, sheet });
    if (record.otherSheets?.length) tabsByUnit.push({ unit: unit.name, sheets: record.otherSheets });
  });
  const lines: string[] = [];
  if (byUnit.length > 0) lines.push(cm.formulaCells(byUnit));
  if (tabsByUnit.length > 0) lines.push(cm.otherSheets(tabsByUnit));
  return { formulaCells, otherSheets, lines };
}

/** The units Tổng hợp could not read, as problems (each row's are Kiểm tra dữ liệu's: `tonghop check`). */
function unitProblems(inputs: readonly UnitState[]): ProblemEntry[] {
  return inputs.flatMap((input) => unitStateProblem(input) ?? []);
}

/** One step of Tổng hợp (google.script.run from the progress dialog), under the document lock. */
export function consolidateStep(options?: unknown): StepReply<ConsolidateResult> {
  return runStep('consolidate', () => step(options), failed);
}

/**
 * Menu "Tổng hợp": opens the progress dialog, which runs the work in steps (consolidateStep below), each
 * its own execution, so that a ward of 150,000 rows stays inside Apps Script's 6 minutes.
 */
export function consolidate(): void {
  showProgressDialog('consolidate');
}
