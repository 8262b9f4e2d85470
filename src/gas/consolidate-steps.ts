/**
 * Tổng hợp in steps, each its own execution, each stopping itself well before Google's 6 minutes.
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
import { services, type Sheet, type Spreadsheet } from './apps-script';
import { consolidateUnits, type UnitSheetInput } from '../core/consolidate';
import {
  consolidateMessages as cm,
  masterMessages as mm,
  summaryMessages as sum,
} from '../core/messages/consolidate';
import { stepMessages as st } from '../core/messages/steps';
import { deadlineText, masterLayout, MASTER, MASTER_COLUMNS, summaryLayout } from '../core/report-layout';
import {
  fingerprint,
  noProgress,
  percentOf,
  stepBudget,
  type StepProgress,
  type StepReply,
} from '../core/steps';
import { safeTabName } from '../core/units';
import { formulasFor } from '../core/formulas';
import { underDocumentLock } from './action';
import { closingResult, failed, readBack, readUnits, type ConsolidateResult } from './consolidate';
import {
  createConfigSheet,
  officeOf,
  problemLines,
  readConfig,
  ROLE,
  secureConfigSheet,
  type Config,
} from './config-sheet';
import { endRun, saveRun, takeRun, type Run } from './lease';
import { ensureOutputSheet, masterGrid, secureOutputSheet, writeSummary } from './output-sheets';
import { readSharing, type Sharing } from './protections';
import { protectionMessages } from '../core/messages/setup';
import { currentYear, formatDate, ROLE_KEY, roleRangeName, sheetTags, sheetsByRole } from './sheet-utils';

const RUN_KEY = 'tonghop.run.consolidate';

/** Roles of the pair being written and of the pair being dropped, in the same tag as the live roles. */
const STAGING = { master: 'staging_master', summary: 'staging_summary' } as const;
const RETIRED = 'retired';

/** Google recommends at most 2 MB per request; a chunk of the master stays well under it. */
const CHUNK_BYTES = 1_500_000;
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
  return fingerprint(
    jsonOf([input.state, input.tab, input.sheetId, input.firstDataRow, input.rows, input.lastUpdated])
  );
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

/** Sheets by role tag (metadata or named range), each sheet once per role. */
function roleSheets(ss: Spreadsheet): Map<string, Sheet[]> {
  const out = new Map<string, Sheet[]>();
  for (const tag of sheetTags(ss)) {
    if (tag.key !== ROLE_KEY) continue;
    const list = out.get(tag.value) ?? [];
    if (!list.some((s) => s.getSheetId() === tag.sheet.getSheetId())) list.push(tag.sheet);
    out.set(tag.value, list);
  }
  return out;
}

const LIVE_ROLES: readonly string[] = [ROLE.config, ROLE.master, ROLE.summary];

/** Drops staging and retired sheets left by an earlier run, never a sheet that also carries a live role. */
function dropLeftovers(ss: Spreadsheet, roles: readonly string[]): void {
  const tagged = roleSheets(ss);
  const live = new Set(LIVE_ROLES.flatMap((role) => (tagged.get(role) ?? []).map((s) => s.getSheetId())));
  const seen = new Set<number>();
  for (const role of roles) {
    for (const sheet of tagged.get(role) ?? []) {
      if (live.has(sheet.getSheetId()) || seen.has(sheet.getSheetId())) continue;
      seen.add(sheet.getSheetId());
      ss.deleteSheet(sheet);
    }
  }
}

function stagingSheet(
  ss: Spreadsheet,
  role: 'master' | 'summary',
  office: readonly string[],
  sharing: Sharing
): Sheet {
  const staging = STAGING[role];
  const existing = roleSheets(ss).get(staging)?.[0];
  if (existing) return existing;
  const name = role === 'master' ? st.stagingMaster : st.stagingSummary;
  const live = role === 'master' ? ROLE.master : ROLE.summary;
  return ensureOutputSheet(ss, new Map(), live, office, sharing, {
    role: staging,
    name,
    index: ss.getSheets().length,
  });
}

/** The next rows of the master, as many as fit in one request of CHUNK_BYTES. */
function nextChunk(all: readonly unknown[][], from: number): unknown[][] {
  let bytes = 0;
  let to = from;
  while (to < all.length) {
    bytes += jsonOf(all[to]).length * 1.2 + 1;
    if (bytes > CHUNK_BYTES && to > from) break;
    to++;
  }
  return all.slice(from, to);
}

/**
 * Switches the staging pair in for the live one. Each move is checked against the document, so a
 * switch cut short is finished by the next step; at every point each summary counts its own master.
 */
function switchPair(ss: Spreadsheet, names: { master: string; summary: string }): void {
  const { SpreadsheetApp } = services();
  const tagged = roleSheets(ss);
  const id = (sheet: Sheet) => sheet.getSheetId();
  const pairs = [
    { live: ROLE.master, staging: STAGING.master, name: names.master, retired: st.retiredMaster },
    { live: ROLE.summary, staging: STAGING.summary, name: names.summary, retired: st.retiredSummary },
  ].map((pair) => {
    const neu = tagged.get(pair.staging)?.[0];
    const olds = neu ? (tagged.get(pair.live) ?? []).filter((s) => id(s) !== id(neu)) : [];
    return { ...pair, neu, olds };
  });
  const tabs = () => ss.getSheets().map((s) => s.getName());
  for (const { neu, olds, name, retired } of pairs) {
    if (!neu) continue;
    // The new sheet takes the live tab's name, whatever the clerk renamed it to; the old one steps aside.
    for (const old of olds) if (old.getName() === name) old.setName(safeTabName(retired, tabs()));
    if (neu.getName() !== name)
      neu.setName(
        safeTabName(
          name,
          tabs().filter((n) => n !== neu.getName())
        )
      );
  }
  // Tags move once both tabs carry their new names: master first, then summary.
  const roleMetadata = (sheet: Sheet) => sheet.getDeveloperMetadata().find((m) => m.getKey() === ROLE_KEY);
  const retag = (sheet: Sheet, role: string) => {
    const metadata = roleMetadata(sheet);
    if (metadata) {
      if (metadata.getValue() !== role) metadata.setValue(role);
    } else {
      sheet.addDeveloperMetadata(ROLE_KEY, role, SpreadsheetApp.DeveloperMetadataVisibility.DOCUMENT);
    }
  };
  for (const { neu, olds, live } of pairs) {
    if (!neu) continue;
    ss.setNamedRange(roleRangeName(live), neu.getRange(1, 1));
    for (const old of olds) retag(old, RETIRED);
    retag(neu, live);
  }
  dropLeftovers(ss, [RETIRED]);
  for (const { staging } of pairs) {
    if (ss.getRangeByName(roleRangeName(staging))) ss.removeNamedRange(roleRangeName(staging));
  }
  const now = sheetsByRole(sheetTags(ss));
  [now.get(ROLE.summary), now.get(ROLE.master)].forEach((sheet, i) => {
    if (!sheet || sheet.getIndex() === i + 2) return;
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(i + 2);
  });
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
  const ss = services().SpreadsheetApp.getActiveSpreadsheet();
  const tags = sheetTags(ss);
  const configSheet = sheetsByRole(tags).get(ROLE.config);
  const none = noProgress('consolidate', 1);
  const end = (result: ConsolidateResult, p = none): StepReply<ConsolidateResult> => ({
    done: true,
    progress: p,
    result,
  });
  if (!configSheet) {
    createConfigSheet(ss);
    return end(failed(cm.noConfig));
  }
  const office = officeOf(configSheet);
  if (!office.isOffice) return end(failed(cm.officeOnly));
  const config: Config = readConfig(configSheet);
  if (config.problems.length > 0) {
    return end(
      failed([cm.configProblems(config.problems.length), ...problemLines(config.problems)].join('\n'))
    );
  }

  // The protections Tổng hợp relies on, checked and repaired at every step; nothing is written when the
  // runner could not change the live pair (it is renamed and dropped at the switch).
  const sharing = readSharing(ss);
  const roles = sheetsByRole(tags);
  const secured = [
    { sheet: configSheet, entry: secureConfigSheet(configSheet, office, sharing) },
    ...[ROLE.summary, ROLE.master].flatMap((role) => {
      const sheet = roles.get(role);
      return sheet ? [{ sheet, entry: secureOutputSheet(sheet, role, office.editors, sharing) }] : [];
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
  if (taken.fresh) dropLeftovers(ss, [STAGING.master, STAGING.summary, RETIRED]);

  const inputs = readUnits(config.units, tags);
  const unitPrints = inputs.map(unitFingerprint);
  const configPrint = fingerprint(jsonOf([config.units, config.campaign]));
  const changed =
    run.data.phase === 'switch' ? [] : restartReasons(run.data, configPrint, unitPrints, inputs);
  // A run an earlier version left half-written (other master columns) starts over; its complete pair,
  // once in the switch, is switched in as it is (that summary counts that master).
  const otherLayout = run.data.phase !== 'switch' && run.data.layout !== MASTER_LAYOUT;
  if (changed.length > 0 || otherLayout) {
    dropLeftovers(ss, [STAGING.master, STAGING.summary]);
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
  const consolidation = consolidateUnits(inputs, currentYear(at));
  // The spreadsheet's formula syntax (';' in vi_VN), asked once per step.
  const formulas = formulasFor(ss.getSpreadsheetLocale());
  const master = masterLayout(consolidation, formulas);
  const consolidatedAt = formatDate(at, 'dd/MM/yyyy HH:mm');
  const units = inputs.length;
  const rowsTotal = master.rows.length;
  run.data.rows = rowsTotal;
  let didWork = false;

  if (run.data.phase === 'write') {
    const sheet = stagingSheet(ss, 'master', office.editors, sharing);
    const all = masterGrid(master, mm.info(consolidatedAt, rowsTotal, consolidation.units.length));
    const head = MASTER.firstDataRow - 1;
    const maxRows = sheet.getMaxRows();
    if (maxRows < all.length) sheet.insertRowsAfter(maxRows, all.length - maxRows);
    else if (maxRows > all.length) sheet.deleteRows(all.length + 1, maxRows - all.length);
    let slowest = 0;
    while (run.data.written < all.length) {
      if (slowest > 0 && elapsed() + slowest * 1.25 > budget) {
        return {
          done: false,
          progress: progress(run, units, rowsTotal, st.writingRows(run.data.written - head, rowsTotal)),
        };
      }
      const chunkStart = Date.now();
      const chunk = nextChunk(all, run.data.written);
      sheet.getRange(run.data.written + 1, 1, chunk.length, MASTER.columns).setValues(chunk);
      run.data.written += chunk.length;
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
    const stagingMaster = stagingSheet(ss, 'master', office.editors, sharing);
    const summarySheet = stagingSheet(ss, 'summary', office.editors, sharing);
    const deadline = config.campaign.completionDeadline;
    const summary = summaryLayout(consolidation, master, {
      households: config.campaign.households,
      masterSheet: stagingMaster.getName(),
      formulas,
      title: config.campaign.title,
      consolidatedAt,
      deadlineText: deadlineText(
        formatDate(at, 'yyyy-MM-dd'),
        deadline ? formatDate(deadline, 'yyyy-MM-dd') : null,
        deadline ? formatDate(deadline, 'dd/MM/yyyy') : ''
      ),
    });
    writeSummary(summarySheet, summary);
    const live = sheetsByRole(sheetTags(ss));
    run.data.names = {
      master: live.get(ROLE.master)?.getName() ?? mm.sheetName,
      summary: live.get(ROLE.summary)?.getName() ?? sum.sheetName,
    };
    run.data.phase = 'switch';
    saveRun(RUN_KEY, run, Date.now());
  }

  switchPair(ss, run.data.names ?? { master: mm.sheetName, summary: sum.sheetName });
  const live = sheetsByRole(sheetTags(ss));
  const summarySheet = live.get(ROLE.summary) as Sheet;
  const liveMaster = live.get(ROLE.master) as Sheet;
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
  endRun(RUN_KEY);
  const protections = [
    secureConfigSheet(configSheet, office, sharing),
    secureOutputSheet(summarySheet, ROLE.summary, office.editors, sharing),
    secureOutputSheet(liveMaster, ROLE.master, office.editors, sharing),
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
    (message) => ({ done: true, progress: noProgress('consolidate'), result: failed(message) })
  );
}
