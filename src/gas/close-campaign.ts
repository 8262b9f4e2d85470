/**
 * Menu "Kết thúc đợt báo cáo" (issue 20): once the campaign is over, the residents' names, birth years and
 * addresses go, the figures stay.
 *
 * The menu item shows what will be erased and asks for the ward's name (Ui.prompt); typed right, it keeps the
 * confirmation in a document property and opens the progress dialog, whose steps (`closeCampaignStep`, each
 * its own execution, under a lease as Tổng hợp's) do, in this order:
 *
 * 1. freeze: the summary's values written over its formulas (the leaders' file holds values already, from
 *    the last Tổng hợp); the run's phase moves on only when this is done, so nothing is erased before;
 * 2. erase the office's file: the master list's name, birth year, residence and warnings columns cleared,
 *    the unit report sheets (lists of people) deleted, the lists' fingerprints dropped;
 * 3. each unit in turn: its data rows (B–F from row 8) cleared, and with a file per unit the file moved to
 *    the trash (its owner only); the units' folder last;
 * 4. record in Cấu hình's "Kết thúc đợt báo cáo" when and by which office account (Drive about.get).
 *
 * Stopped at any call, the next step resumes at its phase (each action of a phase is safe to repeat).
 * Tổng hợp refuses to run on a closed campaign: its lists are gone.
 */
import { services } from './apps-script';
import { closeMessages as clm } from '../core/messages/leaders';
import { stepMessages as st } from '../core/messages/steps';
import { literalText } from '../core/formulas';
import { MASTER, MASTER_COL } from '../core/report-layout';
import { REPORT_METADATA_KEY } from '../core/report-form';
import { UNIT_SHEET } from '../core/layout';
import { normalizeText } from '../core/text';
import { wardName } from '../core/units';
import {
  minutesUntil,
  noProgress,
  noRoomFor,
  stepBudget,
  unitsProgress,
  type StepReply,
} from '../core/steps';
import {
  endRun,
  saveRun,
  showProgressDialog,
  takeRun,
  underDocumentLock,
  withDetail,
  type ActionResult,
  type Run,
} from './run';
import { loadWorkbookContext, type WorkbookContext } from './workbook-context';
import { writeConfigCell } from './config-sheet';

export interface CloseResult extends ActionResult {
  /** Master rows whose personal columns were cleared. */
  rows: number;
  /** Units whose lists were cleared. */
  units: number;
  /** Unit files moved to the trash. */
  trashed: number;
  /** Unit report sheets deleted. */
  reports: number;
}

const failed = (message: string): CloseResult => ({
  ok: false,
  message,
  rows: 0,
  units: 0,
  trashed: 0,
  reports: 0,
});

const RUN_KEY = 'tonghop.run.close';
/** The confirmation the menu's dialog keeps for the steps (the ward's name, as typed). */
const CONFIRM_KEY = 'tonghop.close.confirmed';
/** Tổng hợp's run: while one is in progress the summary is not final. */
const CONSOLIDATE_RUN_KEY = 'tonghop.run.consolidate';
/** What Tổng hợp keeps of each unit's list (a fingerprint): dropped with the lists. */
const SEEN_KEY = 'tonghop.seen';

interface CloseRun {
  phase: 'freeze' | 'erase' | 'units' | 'record';
  next: number;
  rows: number;
  units: number;
  trashed: number;
  reports: number;
  notTrashed: string[];
  unreadable: string[];
}

const fresh = (): CloseRun => ({
  phase: 'freeze',
  next: 0,
  rows: 0,
  units: 0,
  trashed: 0,
  reports: 0,
  notTrashed: [],
  unreadable: [],
});

function properties() {
  const store = services().PropertiesService.getDocumentProperties();
  if (!store) throw new Error('No document properties');
  return store;
}

const sameWard = (typed: string, ward: string): boolean =>
  normalizeText(typed).toLocaleLowerCase('vi') === normalizeText(ward).toLocaleLowerCase('vi');

/** Why the campaign cannot be closed now (a message), or null. */
function notReady(workbook: WorkbookContext): string | null {
  const setup = workbook.setup;
  if (!setup) return clm.noConfig;
  if (!setup.office().isOffice) return clm.officeOnly;
  const closed = setup.config().campaign.closed;
  if (closed !== '' && properties().getProperty(RUN_KEY) === null) return clm.alreadyClosed(closed);
  const summary = workbook.roles.get('summary');
  const master = workbook.roles.get('master');
  const pending = properties().getProperty(CONSOLIDATE_RUN_KEY) !== null;
  if (!summary || !master || pending || master.getLastRow() < MASTER.headerRow) return clm.needsConsolidation;
  return null;
}

function unitReportSheets(workbook: WorkbookContext) {
  return workbook.tags.filter((t) => t.key === REPORT_METADATA_KEY && t.value.startsWith('unit:'));
}

/** Phase 1: the summary's formulas replaced by their values (one read, one write). */
function freeze(workbook: WorkbookContext): void {
  const summary = workbook.roles.get('summary');
  if (!summary) return;
  const range = summary.getDataRange();
  const values = range.getValues();
  range.setValues(
    values.map((row) => row.map((cell) => (typeof cell === 'string' ? literalText(cell) : cell)))
  );
}

/** Phase 2: the office's own copies of the lists. */
function eraseOffice(workbook: WorkbookContext, data: CloseRun): void {
  const master = workbook.roles.get('master');
  if (master) {
    const rows = Math.max(0, master.getLastRow() - MASTER.firstDataRow + 1);
    if (rows > 0) {
      for (const column of [MASTER_COL.name, MASTER_COL.birthYear, MASTER_COL.residence, MASTER_COL.warnings])
        master.getRange(MASTER.firstDataRow, column, rows, 1).clearContent();
    }
    data.rows = rows;
  }
  const reports = unitReportSheets(workbook);
  const seen = new Set<number>();
  for (const tag of reports) {
    if (seen.has(tag.sheet.getSheetId())) continue;
    seen.add(tag.sheet.getSheetId());
    workbook.ss.deleteSheet(tag.sheet);
  }
  data.reports += seen.size;
  properties().deleteProperty(SEEN_KEY);
}

function step(options: unknown): StepReply<CloseResult> {
  const started = Date.now();
  const budget = stepBudget(options);
  const elapsed = () => Date.now() - started;
  const end = (result: CloseResult): StepReply<CloseResult> => ({
    done: true,
    progress: noProgress('close'),
    result,
  });
  const workbook = loadWorkbookContext();
  const problem = notReady(workbook);
  if (problem) return end(failed(problem));
  const setup = workbook.setup!;
  const config = setup.config();
  const ward = wardName(config.campaign.issuer);
  const typed = (options as { confirm?: unknown } | null)?.confirm;
  const confirmed =
    properties().getProperty(RUN_KEY) !== null ||
    sameWard(properties().getProperty(CONFIRM_KEY) ?? '', ward) ||
    (typeof typed === 'string' && sameWard(typed, ward));
  if (!confirmed) return end(failed(clm.notConfirmed(ward)));

  const taken = takeRun<CloseRun>(RUN_KEY, started, fresh);
  if ('busy' in taken) {
    const minutes = minutesUntil(taken.busy.expires, started);
    return end(failed(st.busy(clm.title, '', minutes)));
  }
  const run: Run<CloseRun> = taken.run;
  const save = () => saveRun(RUN_KEY, run, Date.now());
  const units = config.units;
  const lists = workbook.lists();
  const perUnitFiles = lists.perUnitFiles;
  const progress = (label: string) => unitsProgress('close', run.data.next, units.length, label, run.step);

  if (run.data.phase === 'freeze') {
    // An older Cấu hình gets its "Kết thúc đợt báo cáo" row now, before anything is erased.
    setup.update();
    freeze(workbook);
    run.data.phase = 'erase';
    save();
  }
  if (run.data.phase === 'erase') {
    eraseOffice(workbook, run.data);
    run.data.phase = 'units';
    save();
  }
  if (run.data.phase === 'units') {
    let slowest = 0;
    let did = 0;
    while (run.data.next < units.length) {
      if (did > 0 && noRoomFor(slowest, elapsed(), budget)) {
        return { done: false, progress: progress(clm.erasingUnits(run.data.next, units.length)) };
      }
      const began = Date.now();
      const unit = units[run.data.next];
      const ref = lists.of(unit);
      if (ref) {
        const sheet = ref.sheet;
        const first = ref.headerRow + 1;
        const rows = sheet.getMaxRows() - first + 1;
        // Họ và tên … Ghi chú: what the unit typed (Stt and Kiểm tra are formulas over them).
        if (rows > 0) sheet.getRange(first, 2, rows, UNIT_SHEET.columns - 1).clearContent();
        run.data.units++;
      } else if (unit.fileId !== '' && perUnitFiles) {
        // A file trashed by a step stopped before it moved on was cleared first: done, not unreadable.
        let trashed = false;
        try {
          trashed = services().Drive.Files.get(unit.fileId, { fields: 'trashed' }).trashed === true;
        } catch {
          trashed = false;
        }
        if (!trashed) run.data.unreadable.push(unit.name);
      } else if (!perUnitFiles) {
        run.data.unreadable.push(unit.name);
      }
      if (perUnitFiles && unit.fileId !== '') {
        try {
          services().Drive.Files.update({ trashed: true }, unit.fileId);
          run.data.trashed++;
        } catch {
          // Not the owner (only the owner trashes a file), or gone already.
          if (ref) run.data.notTrashed.push(unit.name);
        }
      }
      run.data.next++;
      save();
      did++;
      slowest = Math.max(slowest, Date.now() - began);
    }
    if (perUnitFiles && config.campaign.unitFolder !== '') {
      try {
        // The folder (and the template file in it) follows its files.
        services().Drive.Files.update({ trashed: true }, config.campaign.unitFolder);
      } catch {
        // Someone else's folder: its files were handled one by one above.
      }
    }
    run.data.phase = 'record';
    save();
  }

  // Phase 4: when, and by which office account.
  let account = '';
  try {
    account = services().Drive.About.get({ fields: 'user(emailAddress)' }).user?.emailAddress ?? '';
  } catch {
    account = '';
  }
  const at = workbook.formatDate(new Date(), 'dd/MM/yyyy HH:mm');
  const fresher = setup.config();
  writeConfigCell(setup.sheet, fresher.places, { campaign: 'closed' }, clm.record(at, account));
  properties().deleteProperty(CONFIRM_KEY);
  const data = run.data;
  endRun(RUN_KEY);
  const lines = [
    clm.done({
      rows: data.rows,
      units: data.units,
      files: perUnitFiles,
      trashed: data.trashed,
      reports: data.reports,
    }),
  ];
  if (data.notTrashed.length > 0) lines.push(clm.notTrashed(data.notTrashed));
  if (data.unreadable.length > 0) lines.push(clm.unreadable(data.unreadable));
  return {
    done: true,
    progress: { ...progress(st.done), percent: 100 },
    result: {
      ok: data.notTrashed.length === 0 && data.unreadable.length === 0,
      message: lines.join('\n'),
      rows: data.rows,
      units: data.units,
      trashed: data.trashed,
      reports: data.reports,
    },
  };
}

/** One step of Kết thúc đợt báo cáo (the progress dialog; `{ confirm: ward }` from the CLI), under the lock. */
export function closeCampaignStep(options?: unknown): StepReply<CloseResult> {
  return underDocumentLock(
    () => ({ done: true, progress: noProgress('close'), result: failed(clm.title) }),
    () => step(options),
    (message, detail) => ({
      done: true,
      progress: noProgress('close'),
      result: withDetail(failed(message), detail),
    })
  );
}

/**
 * Menu "Kết thúc đợt báo cáo": shows what will be erased, asks for the ward's name, and, typed right, opens
 * the progress dialog that runs closeCampaignStep.
 */
export function closeCampaign(): void {
  const { SpreadsheetApp } = services();
  const ui = SpreadsheetApp.getUi();
  const workbook = loadWorkbookContext();
  const problem = notReady(workbook);
  if (problem) {
    ui.alert(clm.title, problem, ui.ButtonSet.OK);
    return;
  }
  const config = workbook.setup!.config();
  const ward = wardName(config.campaign.issuer);
  const master = workbook.roles.get('master')!;
  const answer = ui.prompt(
    clm.title,
    clm.prompt({
      ward,
      units: config.units.length,
      files: config.campaign.organisation === 'files',
      rows: Math.max(0, master.getLastRow() - MASTER.firstDataRow + 1),
      reports: new Set(unitReportSheets(workbook).map((t) => t.sheet.getSheetId())).size,
    }),
    ui.ButtonSet.OK_CANCEL
  );
  if (answer.getSelectedButton() !== ui.Button.OK) {
    ui.alert(clm.title, clm.cancelled, ui.ButtonSet.OK);
    return;
  }
  if (!sameWard(answer.getResponseText(), ward)) {
    ui.alert(clm.title, clm.notConfirmed(ward), ui.ButtonSet.OK);
    return;
  }
  properties().setProperty(CONFIRM_KEY, ward);
  showProgressDialog('close');
}
