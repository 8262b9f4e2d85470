/**
 * Menu "Thiết lập đơn vị", the whole action: one sheet per unit, created from the template, safe to re-run.
 *
 * It runs in steps, each its own execution, each stopping itself well before Google's 6 minutes. The
 * position (next unit, and the tab being created) is kept in the document with the lease.
 *
 * A unit's tab is recorded before insertSheet: if the execution stops between insertSheet and tagging,
 * the next step finds that tab by its recorded name, untagged, and finishes it instead of adding a second.
 * Set-up is safe to repeat, so a run whose units table changed between steps simply walks it again.
 */
import { protectionMessages, setupMessages as sm } from '../core/messages/setup';
import { stepMessages as st } from '../core/messages/steps';
import {
  fingerprint,
  noProgress,
  unitsProgress,
  SETUP_STEP_BUDGET_MS,
  type StepProgress,
  type StepReply,
} from '../core/steps';
import { codeIdentity, safeTabName, unitsInTabOrder, type Unit } from '../core/units';
import { formulasFor, type Formulas } from '../core/formulas';
import { verdictMessages } from '../core/messages/verdict';
import { mayMirrorSharing, openSheets } from './protections';
import { filesStep } from './setup-files';
import { emptyResult, type SetupResult } from './setup-result';
import { endRun, keepBeside, readBeside, runStep, showProgressDialog, StepClock, type Run } from './run';
import {
  configProblemsMessage,
  loadWorkbookContext,
  type ConfigUpdate,
  type ProtectionEntry,
  type Sheet,
  type Spreadsheet,
} from './workbook-context';

/** Tabs in the order: Cấu hình, Tổng hợp, Danh sách tổng hợp, then units grouped by type. */
function orderTabs(ss: Spreadsheet, wanted: readonly Sheet[]): void {
  const current = ss.getSheets().map((sheet) => sheet.getSheetId());
  wanted.forEach((sheet, index) => {
    if (current[index] === sheet.getSheetId()) return;
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(index + 1);
    const from = current.indexOf(sheet.getSheetId());
    current.splice(from, 1);
    current.splice(index, 0, sheet.getSheetId());
  });
}

const RUN_KEY = 'tonghop.run.setup';

interface SetupRun {
  config: string;
  /** Index in tab order of the next unit to handle. */
  next: number;
  /** The tab being created: recorded before insertSheet. */
  pending: { code: string; tab: string } | null;
  /** Indexes (tab order) of the units created, refreshed, kept. */
  created: number[];
  refreshed: number[];
  kept: number[];
  /** Units whose Kiểm tra column is taken by something of the unit's own (indexes, tab order). */
  columnTaken: number[];
  /** What the run's steps added to Cấu hình. */
  configUpdate: ConfigUpdate;
}

const fresh = (): SetupRun => ({
  config: '',
  next: 0,
  pending: null,
  created: [],
  refreshed: [],
  kept: [],
  columnTaken: [],
  configUpdate: { rows: [], columns: [], filled: 0 },
});

function progress(run: Run<SetupRun>, total: number, label: string): StepProgress {
  return unitsProgress('setup', run.data.next, total, label, run.step);
}

const NONE = noProgress('setup');

function step(options: unknown): StepReply<SetupResult> {
  const clock = new StepClock(options, SETUP_STEP_BUDGET_MS);
  const end = (result: SetupResult, p = NONE): StepReply<SetupResult> => ({
    done: true,
    progress: p,
    result,
  });
  const workbook = loadWorkbookContext();
  const { ss, setup, unitSheets, outputSheets } = workbook;
  if (!setup) {
    workbook.createSetUp();
    return end(emptyResult(sm.configCreated, true));
  }
  const configSheet = setup.sheet;
  const checked = setup.config();
  const problemsMessage = configProblemsMessage(checked, sm.problemsIntro);
  if (problemsMessage) {
    const result = emptyResult(problemsMessage, false);
    result.problems = checked.problems;
    return end(result);
  }
  const office = setup.office();
  if (!office.isOffice) return end(emptyResult(sm.officeOnly, false));
  // Cấu hình of an earlier version: its new rows and columns, before anything reads its units (each
  // step runs it; after the first it finds nothing to add). Rows may have moved: read it again.
  const configUpdate = setup.update();
  const { campaign, units } = setup.config();
  // A file per unit (Cấu hình's "Cách tổ chức"): its own walk (setup-files.ts).
  if (campaign.organisation === 'files') return filesStep(workbook, office, configUpdate, clock);

  const steps = clock.take(RUN_KEY, fresh, {
    title: sm.title,
    far: (held) => st.unitsSoFar(held.next, units.length),
  });
  if ('busy' in steps) return end(emptyResult(steps.busy, false));
  const run = steps.run;
  const print = fingerprint(JSON.stringify([units, campaign]));
  if (run.data.config !== print) {
    // A new run, or the units table changed since the run began: walk it again from the start.
    run.data = { ...fresh(), config: print, pending: run.data.pending };
  }
  const done = run.data.configUpdate;
  done.rows.push(...configUpdate.rows);
  done.columns.push(...configUpdate.columns);
  done.filled += configUpdate.filled;

  const text = unitSheets.campaignText(campaign);
  // The campaign's year: the last birth year the Kiểm tra column accepts, and its age reference.
  const year = workbook.year();
  const sharing = workbook.sharing();
  const summary = outputSheets.ensure('summary', office.editors, sharing);
  const master = outputSheets.ensure('master', office.editors, sharing);
  // The spreadsheet's formula syntax, asked once per step and only when a unit sheet is made or checked.
  let formulas: Formulas | undefined;
  // Protections as this step left them, by unit index; the closing step lists every unit's.
  const entries = new Map<number, ProtectionEntry[] | null>();
  const ordered = unitsInTabOrder(units);
  // A copy: the step adds the sheets it creates.
  const found = new Map(unitSheets.all());
  /** The template for new unit sheets, looked up (or made) when the first one is needed. */
  let template: Sheet | null | undefined;

  // A tab a stopped execution was creating (recorded before insertSheet): finish it, tagged or not yet.
  const pending = run.data.pending;
  const next = ordered[run.data.next] as Unit | undefined;
  if (pending && next && codeIdentity(next.code) === codeIdentity(pending.code)) {
    const byName = ss.getSheetByName(pending.tab);
    // Untagged: no unit's metadata (a copy of the template may carry the template's, which is dropped).
    const sheet =
      found.get(codeIdentity(next.code))?.sheet ?? (byName && !unitSheets.isTagged(byName) ? byName : null);
    if (sheet) {
      formulas ??= formulasFor(ss.getSpreadsheetLocale());
      const done = unitSheets.complete(sheet, next, text, office.editors, sharing, formulas, year);
      found.set(codeIdentity(next.code), done);
      entries.set(run.data.next, done.protections);
      keepBeside(RUN_KEY, String(run.data.next), done.protections);
      run.data.created.push(run.data.next);
      run.data.next++;
    }
  }
  run.data.pending = null;

  const walked = steps.walk(
    () => run.data.next < ordered.length,
    () => {
      const i = run.data.next;
      const unit: Unit = ordered[i];
      const known = found.get(codeIdentity(unit.code));
      if (!known && template === undefined) {
        // Made once, before the first unit sheet it serves: its time is not a unit's.
        template = steps.untimed(() => {
          formulas ??= formulasFor(ss.getSpreadsheetLocale());
          return unitSheets.ensureTemplate(formulas, year, office.editors, sharing);
        });
      }
      if (known) {
        unitSheets.tag(known, unit);
        // The column first: a sheet of the old layout moves its stamp into it.
        formulas ??= formulasFor(ss.getSpreadsheetLocale());
        if (!unitSheets.syncCheckColumn(known, formulas, year)) run.data.columnTaken.push(i);
        if (unitSheets.refreshHeader(known, unit, text)) run.data.refreshed.push(i);
        else run.data.kept.push(i);
        entries.set(i, unitSheets.secure(known, unit, office.editors, sharing));
      } else {
        const sheets = ss.getSheets();
        const taken = sheets.map((sheet) => sheet.getName());
        const tab = safeTabName(unit.name, taken);
        run.data.pending = { code: unit.code, tab };
        steps.save();
        formulas ??= formulasFor(ss.getSpreadsheetLocale());
        // Before the template when it is the last tab, so that the closing tab order moves nothing.
        const last = sheets[sheets.length - 1];
        const index =
          template && last.getSheetId() === template.getSheetId() ? sheets.length - 1 : sheets.length;
        const ref = unitSheets.create(
          unit,
          tab,
          index,
          text,
          office.editors,
          sharing,
          formulas,
          year,
          template ?? null
        );
        found.set(codeIdentity(unit.code), ref);
        entries.set(i, ref.protections);
        run.data.pending = null;
        run.data.created.push(i);
      }
      run.data.next = i + 1;
      // The unit's protections as left, for the closing report (the run's own value stays small).
      keepBeside(RUN_KEY, String(i), entries.get(i) ?? null);
      steps.save();
    }
  );
  if (walked === 'paused') {
    return {
      done: false,
      progress: progress(run, ordered.length, st.settingUp(run.data.next, ordered.length)),
    };
  }
  if (!steps.mayClose()) return { done: false, progress: progress(run, ordered.length, st.finishing) };
  const result = emptyResult('', true);
  const notYours: string[] = [];
  const keep = (list: ProtectionEntry | ProtectionEntry[] | null, sheet: Sheet): void => {
    if (list) result.protections.push(...[list].flat());
    else notYours.push(sheet.getName());
  };
  keep(setup.secure(), configSheet);
  keep(outputSheets.secure(summary, 'summary', office.editors, sharing), summary);
  keep(outputSheets.secure(master, 'master', office.editors, sharing), master);
  // Each unit's protections as its step left them (kept beside the run), checked again only if missing.
  const beside = readBeside(RUN_KEY);
  ordered.forEach((unit, i) => {
    const ref = found.get(codeIdentity(unit.code));
    if (!ref) return;
    const kept = entries.has(i)
      ? entries.get(i)
      : (beside.get(String(i)) as ProtectionEntry[] | null | undefined);
    keep(kept === undefined ? unitSheets.secure(ref, unit, office.editors, sharing) : kept, ref.sheet);
  });
  const nameAt = (i: number) => ordered[i].name;
  result.created = run.data.created.map(nameAt);
  result.refreshed = run.data.refreshed.map(nameAt);
  result.kept = run.data.kept.map(nameAt);
  result.unitsWithoutEmail = ordered.filter((u) => u.emails.length === 0).map((u) => u.name);
  const listed = new Set(units.map((unit) => codeIdentity(unit.code)));
  const unitTabs: Sheet[] = ordered.map((u) => (found.get(codeIdentity(u.code)) as { sheet: Sheet }).sheet);
  // The tags as they are now: this run created sheets.
  for (const [identity, ref] of loadWorkbookContext(ss).unitSheets.all())
    if (!listed.has(identity)) result.orphanSheets.push(ref.sheet.getName());

  result.emailsWithoutAccess = [...new Set(units.flatMap((unit) => unit.emails))].filter(
    (email) => !sharing.fileEditors.has(email)
  );

  const templateSheet = unitSheets.template();
  orderTabs(ss, [configSheet, summary, master, ...unitTabs, ...(templateSheet ? [templateSheet] : [])]);
  ss.setActiveSheet(configSheet);
  endRun(
    RUN_KEY,
    [...beside.keys()].map((name) => `${RUN_KEY}.${name}`)
  );

  const lines = [sm.summary(result.created.length, result.refreshed.length, result.kept.length)];
  result.configUpdate = run.data.configUpdate;
  const { rows: addedRows, columns: addedColumns, filled } = run.data.configUpdate;
  if (addedRows.length > 0 || addedColumns.length > 0) lines.push(sm.configUpgraded(addedRows, addedColumns));
  if (filled > 0) lines.push(sm.configFilled(filled));
  const attention: string[] = [];
  if (result.unitsWithoutEmail.length > 0) attention.push(sm.noEmail(result.unitsWithoutEmail));
  if (result.emailsWithoutAccess.length > 0) attention.push(sm.notShared(result.emailsWithoutAccess));
  if (result.orphanSheets.length > 0) attention.push(sm.orphanSheets(result.orphanSheets));
  const open = openSheets(result.protections);
  if (open.length > 0) attention.push(sm.openSheets(open));
  if (notYours.length > 0) attention.push(protectionMessages.notYours(notYours));
  if (office.editors.length > 1 && mayMirrorSharing(office.editors, sharing)) {
    attention.push(sm.officeIsEveryone(office.editors));
  }
  if (run.data.columnTaken.length > 0) {
    attention.push(verdictMessages.columnTaken(run.data.columnTaken.map(nameAt)));
  }
  if (attention.length > 0) lines.push(sm.attentionIntro, ...attention.map((line) => `• ${line}`));
  result.message = lines.join('\n');
  run.data.next = ordered.length;
  return end(result, { ...progress(run, ordered.length, st.done), percent: 100 });
}

/**
 * After a complete walk (either design): the leaders' file made, linked and shared (issue 20). Safe to
 * repeat; its lines join the closing message.
 */
function withLeadersFile(reply: StepReply<SetupResult>): StepReply<SetupResult> {
  if (!reply.done || !reply.result.ok || reply.progress.percent !== 100) return reply;
  const workbook = loadWorkbookContext();
  const office = workbook.setup?.office();
  if (!office?.isOffice) return reply;
  const { lines, attention } = workbook.leadersFile.ensure(office.editors);
  const result = reply.result;
  const message = [result.message, ...lines];
  if (attention.length > 0) {
    if (!result.message.includes(sm.attentionIntro)) message.push(sm.attentionIntro);
    message.push(...attention.map((line) => `• ${line}`));
  }
  return { ...reply, result: { ...result, message: message.join('\n') } };
}

/** One step of Thiết lập đơn vị (google.script.run from the progress dialog), under the document lock. */
export function setupStep(options?: unknown): StepReply<SetupResult> {
  return runStep(
    'setup',
    () => withLeadersFile(step(options)),
    (message) => emptyResult(message, false)
  );
}

/**
 * Menu "Thiết lập đơn vị": opens the progress dialog, which runs the work in steps (setupStep below), each
 * its own execution: 200 units take several minutes of Apps Script time.
 */
export function setupUnits(): void {
  showProgressDialog('setup');
}
