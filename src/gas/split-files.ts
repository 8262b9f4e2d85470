/**
 * Menu "Tách thành tệp riêng": a workbook of the shared design (Cách tổ chức "Một tệp chung", a tab per unit
 * in the office's file) converted to a file per unit, in steps under the clock as Thiết lập runs:
 *
 * 1. Copy, unit by unit in Cấu hình's order: the unit's file made as Thiết lập makes it (setup-files.ts:
 *    copyUnitFile, makeRoom, finishUnitFile) but not yet shared with the unit, so that nobody types into it
 *    while the tab is still theirs; the tab's typed rows (Họ và tên … Ghi chú) written into the same rows of
 *    the file in one write, then read back and compared cell by cell. A file that already holds a row at its
 *    place is not written there again (a re-run after a stop, or after the clerk waited): rows are compared,
 *    never appended, so none is doubled. A file holding something else where a row goes is named and left.
 * 2. All copied and checked: the dialog asks the clerk, with the rows of each unit, and nothing more happens
 *    until they confirm (the confirmation carries a token of what was checked; a changed Cấu hình asks again).
 * 3. Confirmed: Cấu hình's "Cách tổ chức" becomes "Mỗi đơn vị một tệp" first; then per unit the tab is read
 *    once more (rows typed since the check are copied and checked too), the file is shared with the unit's
 *    emails (Google's invitation), the tab is deleted, and the unit's emails lose their access to the office's
 *    file once no remaining tab needs them. Last, the hidden template tab goes.
 *
 * Refused, with nothing changed: to anyone but the owner of the office's file (the units' files will be the
 * runner's, and only their Drive grant lets Thiết lập share them later), on a workbook already a file per
 * unit, and when a unit tab's header was altered. Stopped at any call, a re-run goes on from the run's
 * position, kept in the document with the lease (run.ts).
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { splitMessages as xm } from '../core/messages/split';
import { filesSetupMessages as fm, organisationNames, setupMessages as sm } from '../core/messages/setup';
import { stepMessages as st } from '../core/messages/steps';
import {
  fingerprint,
  noProgress,
  percentOf,
  SETUP_STEP_BUDGET_MS,
  type StepProgress,
  type StepReply,
} from '../core/steps';
import { codeIdentity, type Unit } from '../core/units';
import { UNIT_SHEET, UNIT_SHEET_COL, isUnitTableHeader } from '../core/layout';
import { literalText, plainTextEntry } from '../core/formulas';
import { isDateValue } from '../core/text';
import { rowsWithoutFormulaValues } from '../core/consolidate';
import { writeConfigCell } from './config-sheet';
import {
  copyUnitFile,
  finishUnitFile,
  makeRoom,
  planFiles,
  shareFolder,
  shareUnitFile,
  type FinishContext,
  type FilesPlan,
} from './setup-files';
import { openUnitFile, trashedFiles, type UnitFileRef } from './unit-files';
import {
  endRun,
  runStep,
  showProgressDialog,
  StepClock,
  type ActionResult,
  type Run,
  type Steps,
} from './run';
import {
  configProblemsMessage,
  loadWorkbookContext,
  type UnitSheetRef,
  type WorkbookContext,
} from './workbook-context';

const RUN_KEY = 'tonghop.run.split';
/** Họ và tên … Ghi chú: what the unit types, B…F. */
const TYPED_COLUMNS = UNIT_SHEET.columns - UNIT_SHEET_COL.name + 1;
const YEAR_INDEX = UNIT_SHEET_COL.birthYear - UNIT_SHEET_COL.name;

export interface SplitResult extends ActionResult {
  /** Everything is copied and checked: the question the dialog asks, and the token its answer carries. */
  confirm?: { token: string };
  /** Rows copied and checked, per unit (Cấu hình's order), once every unit is. */
  units: { code: string; rows: number }[];
}

interface SplitRun {
  /** Cấu hình's units and campaign, without what this run writes there (links, the mode). */
  config: string;
  phase: 'copy' | 'confirm' | 'remove';
  next: number;
  /** The code of the unit whose file is being copied from the template (copyUnitFile). */
  pending: string | null;
  /** Per unit index: "<rows>:<fingerprint of the tab's typed rows>" once copied and checked. */
  checked: (string | null)[];
  /** What the clerk is asked to confirm (phase confirm). */
  token: string;
  headerAltered: number[];
  conflicts: number[];
  mismatched: number[];
  unreachable: number[];
  trashed: number[];
  foreign: number[];
  quota: boolean;
  /** Phase remove: tabs deleted, tabs kept (rows typed since that clash with the file), invitations. */
  removed: number[];
  kept: number[];
  invited: number;
  invitedUnits: number;
  unshared: number;
}

const fresh = (): SplitRun => ({
  config: '',
  phase: 'copy',
  next: 0,
  pending: null,
  checked: [],
  token: '',
  headerAltered: [],
  conflicts: [],
  mismatched: [],
  unreachable: [],
  trashed: [],
  foreign: [],
  quota: false,
  removed: [],
  kept: [],
  invited: 0,
  invitedUnits: 0,
  unshared: 0,
});

const result = (message: string, ok: boolean, extra: Partial<SplitResult> = {}): SplitResult => ({
  ok,
  message,
  units: [],
  ...extra,
});

function progress(run: Run<SplitRun>, total: number): StepProgress {
  const removing = run.data.phase === 'remove';
  const done = run.data.next;
  return {
    job: 'split',
    unitsRead: done,
    unitsTotal: total,
    rowsWritten: 0,
    rowsTotal: 0,
    // Copying is most of the work; removing, the last fifth.
    percent: removing
      ? 80 + Math.floor(percentOf(done, total) / 5)
      : Math.floor((percentOf(done, total) * 4) / 5),
    label: removing ? xm.removing(done, total) : xm.copying(done, total),
    step: run.step,
  };
}

/**
 * Whether the person running this owns the office's file. Without the userinfo.email scope Apps Script tells
 * nobody's email, but a protection never loses the owner or the person running the script ("Neither the owner
 * of the spreadsheet nor the current user can be removed", developers.google.com/apps-script/reference/
 * spreadsheet/protection#removeEditors(String)): a throwaway one stripped of everyone lists the owner alone
 * exactly when they are one person. Six calls; a probe a stopped step left (on Cấu hình's A1) goes first.
 */
function runByOwner(sheet: Sheet, owner: string): boolean {
  // A file in a shared drive has no owner (Spreadsheet#getOwner): the folder's check is then the only one.
  if (owner === '') return true;
  const { SpreadsheetApp } = services();
  for (const left of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    const range = left.getRange();
    if (
      range.getRow() === 1 &&
      range.getColumn() === 1 &&
      range.getNumRows() === 1 &&
      range.getNumColumns() === 1
    )
      left.remove();
  }
  const probe = sheet.getRange(1, 1).protect();
  try {
    probe.removeEditors([owner, ...probe.getEditors().map((user) => user.getEmail())]);
    return probe.getEditors().every((user) => user.getEmail().toLowerCase() === owner);
  } finally {
    probe.remove();
  }
}

const isBlank = (row: readonly unknown[]): boolean => row.every((cell) => cell === '' || cell === null);

function sameCell(a: unknown, b: unknown): boolean {
  if (isDateValue(a) || isDateValue(b))
    return isDateValue(a) && isDateValue(b) && a.getTime() === b.getTime();
  return a === b;
}

const sameRow = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.every((cell, c) => sameCell(cell, b[c]));

/** A tab's typed rows (B…F under its header), down to the last that holds anything. */
function typedRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  const typed = rows.map((row) =>
    Array.from({ length: TYPED_COLUMNS }, (_, c) => row[UNIT_SHEET_COL.name - 1 + c] ?? '')
  );
  let end = typed.length;
  while (end > 0 && isBlank(typed[end - 1])) end--;
  return typed.slice(0, end);
}

/** The rows' count and fingerprint, as kept in the run once checked. */
const rowsPrint = (rows: readonly (readonly unknown[])[]): string =>
  `${rows.filter((row) => !isBlank(row)).length}:${fingerprint(JSON.stringify(rows))}`;

/** A cell as written so that it reads back as it was: text stays text ("=…", "0912…", "01/02"). */
function entry(cell: unknown, column: number): unknown {
  if (typeof cell !== 'string') return cell;
  return column === YEAR_INDEX ? plainTextEntry(cell) : literalText(cell);
}

type CopyOutcome = { state: 'copied'; rows: number } | { state: 'conflict' } | { state: 'mismatch' };

/**
 * The tab's rows into the same rows of the unit's file (under its header), then read back and compared cell
 * by cell. One read, and when a row is missing one write and one more read. A row already there is not
 * written again; a blank row of the tab keeps what the file holds; a file holding something else where a
 * row goes is a conflict, and nothing is written.
 */
function copyRows(ref: UnitFileRef, rows: readonly (readonly unknown[])[]): CopyOutcome {
  const count = rows.filter((row) => !isBlank(row)).length;
  if (rows.length === 0) return { state: 'copied', rows: 0 };
  const range = ref.sheet.getRange(ref.headerRow + 1, UNIT_SHEET_COL.name, rows.length, TYPED_COLUMNS);
  const current = range.getValues();
  let missing = false;
  for (let r = 0; r < rows.length; r++) {
    if (isBlank(rows[r]) || sameRow(rows[r], current[r])) continue;
    if (!isBlank(current[r])) return { state: 'conflict' };
    missing = true;
  }
  if (!missing) return { state: 'copied', rows: count };
  range.setValues(rows.map((row, r) => (isBlank(row) ? current[r] : row).map(entry)));
  const back = range.getValues();
  const same = rows.every((row, r) => isBlank(row) || sameRow(row, back[r]));
  return same ? { state: 'copied', rows: count } : { state: 'mismatch' };
}

/** The unit's file, made or opened, with room for `rows` and finished as Thiết lập finishes it, unshared. */
function fileFor(
  unit: Unit,
  rows: number,
  plan: FilesPlan,
  ctx: FinishContext,
  trashed: ReadonlySet<string>,
  steps: Steps<SplitRun>
): UnitFileRef | 'quota' | 'unreachable' | 'trashed' | 'foreign' {
  let file: Spreadsheet;
  let ref: UnitFileRef | null = null;
  let sheet: Sheet;
  if (unit.fileId === '') {
    const id = copyUnitFile(unit, plan, steps.run.data, () => steps.save());
    if (id === null) return 'quota';
    file = services().SpreadsheetApp.openById(id);
    sheet = file.getSheets()[0];
  } else {
    const opened = openUnitFile(unit, plan.wardKey, trashed);
    if (opened.state === 'ok') {
      ({ file, sheet } = opened.ref);
      ref = opened.ref;
    } else if (opened.state === 'unfinished') {
      ({ file, sheet } = opened);
    } else if (opened.state === 'no-file') {
      return 'unreachable';
    } else {
      return opened.state;
    }
  }
  makeRoom(sheet, rows);
  return finishUnitFile(file, ref, sheet, unit, ctx).ref;
}

type Reply = StepReply<SplitResult>;

function step(options: unknown): Reply {
  const clock = new StepClock(options, SETUP_STEP_BUDGET_MS);
  const end = (r: SplitResult, p: StepProgress = noProgress('split')): Reply => ({
    done: true,
    progress: p,
    result: r,
  });
  const asked =
    typeof options === 'object' && options !== null ? (options as { confirm?: unknown }).confirm : undefined;

  const workbook = loadWorkbookContext();
  const setup = workbook.setup;
  if (!setup) return end(result(xm.noConfig, false));
  const problems = configProblemsMessage(setup.config(), xm.problemsIntro);
  if (problems) return end(result(problems, false));
  const office = setup.office();
  if (!office.isOffice) return end(result(xm.officeOnly, false));
  const sharing = workbook.sharing();
  if (!runByOwner(setup.sheet, sharing.owner)) return end(result(xm.notOwner(sharing.owner), false));
  // Cấu hình of an earlier version lacks the rows and the column the files are linked from.
  setup.update();
  const config = setup.config();
  const { campaign, units } = config;

  const steps = clock.take(RUN_KEY, fresh, {
    title: xm.title,
    far: (held) => xm.copying(held.next, units.length),
  });
  if ('busy' in steps) return end(result(steps.busy, false));
  const run = steps.run;
  const print = fingerprint(
    JSON.stringify([
      units.map((unit) => ({ ...unit, fileId: '' })),
      { ...campaign, unitFolder: '', organisation: '' },
    ])
  );
  const confirming =
    run.data.phase === 'confirm' && asked === run.data.token && run.data.config === print && asked !== '';
  if (campaign.organisation === 'files' && run.data.phase !== 'remove' && !confirming) {
    endRun(RUN_KEY);
    return end(result(xm.alreadyFiles, false));
  }
  if (confirming) {
    run.data.phase = 'remove';
    run.data.next = 0;
    steps.save();
  } else if (run.data.phase === 'confirm' || run.data.config !== print) {
    // A new run, a run whose question went unanswered (the tabs may have changed since), or a changed Cấu hình.
    if (run.data.phase !== 'remove') run.data = { ...fresh(), config: print, pending: run.data.pending };
  }
  const tabs = workbook.unitSheets.all();
  if (run.data.phase === 'remove') return removeStep(workbook, steps, end);

  // Copy phase. At the start of a walk: every tab's header, before anything is made.
  if (run.data.next === 0) {
    const altered = units.filter((unit) => {
      const tab = tabs.get(codeIdentity(unit.code));
      return (
        tab !== undefined &&
        !isUnitTableHeader(tab.sheet.getRange(tab.headerRow, 1, 1, UNIT_SHEET.columns).getValues()[0])
      );
    });
    if (altered.length > 0) {
      endRun(RUN_KEY);
      return end(result(xm.headerAltered(altered.map((unit) => unit.name)), false));
    }
  }
  const plan = planFiles(workbook, setup.sheet, config);
  if ('message' in plan) {
    endRun(RUN_KEY);
    return end(result(plan.message, false));
  }
  if (run.data.next === 0) shareFolder(plan.folder, office.editors);
  const ctx: FinishContext = {
    wardKey: plan.wardKey,
    text: plan.text,
    office: office.editors,
    year: plan.year,
    invitation: null,
  };
  const trashed = trashedFiles(plan.folder);

  const walked = steps.walk(
    () => run.data.next < units.length,
    (stop) => {
      const i = run.data.next;
      const unit = units[i];
      const tab = tabs.get(codeIdentity(unit.code));
      const source = tab ? workbook.unitSheets.read(unit) : null;
      if (source && source.state !== 'ok') {
        run.data.headerAltered.push(i);
      } else {
        // What formulas computed is not copied as typed data (issue 25): a formula cell goes as its text.
        const rows = source ? typedRows(rowsWithoutFormulaValues(source)) : [];
        const made = fileFor(unit, rows.length, plan, ctx, trashed, steps);
        if (made === 'quota') {
          run.data.quota = true;
          stop();
          return;
        }
        if (typeof made === 'string') run.data[made].push(i);
        else {
          const copied = copyRows(made, rows);
          if (copied.state === 'copied') run.data.checked[i] = rowsPrint(rows);
          else if (copied.state === 'conflict') run.data.conflicts.push(i);
          else run.data.mismatched.push(i);
        }
      }
      run.data.next = i + 1;
      steps.save();
    }
  );
  if (walked === 'paused') return { done: false, progress: progress(run, units.length) };

  const data = run.data;
  const names = (list: number[]) => list.map((i) => units[i].name);
  const attention: string[] = [];
  if (data.headerAltered.length > 0) attention.push(xm.headerAltered(names(data.headerAltered)));
  if (data.conflicts.length > 0) attention.push(xm.conflicts(names(data.conflicts)));
  if (data.mismatched.length > 0) attention.push(xm.mismatched(names(data.mismatched)));
  if (data.unreachable.length > 0) attention.push(fm.unreachable(names(data.unreachable)));
  if (data.trashed.length > 0) attention.push(fm.trashed(names(data.trashed)));
  if (data.foreign.length > 0) attention.push(fm.foreign(names(data.foreign)));
  if (data.quota) attention.push(xm.dailyQuota(units.length - data.next));
  if (attention.length > 0) {
    // A re-run walks every unit again: what is in place is compared, not written twice.
    endRun(RUN_KEY);
    return end(
      result([xm.stoppedIntro, ...attention.map((line) => `• ${line}`), xm.stoppedAfter].join('\n'), false)
    );
  }
  const counts = units.map((unit, i) => ({
    code: unit.code,
    rows: Number((data.checked[i] ?? '0').split(':')[0]),
  }));
  data.phase = 'confirm';
  data.token = fingerprint(JSON.stringify([print, data.checked]));
  steps.save();
  const total = counts.reduce((sum, unit) => sum + unit.rows, 0);
  const lines = [
    xm.checked(units.length, total),
    ...units.map((unit, i) => `• ${xm.unitRows(unit.name, counts[i].rows)}`),
    '',
    xm.question,
  ];
  return end(
    result(lines.join('\n'), true, {
      units: counts,
      confirm: { token: data.token },
    }),
    { ...progress(run, units.length), percent: 80 }
  );
}

/** Phase 3, after the clerk confirmed: the mode, then per unit its invitation and its tab gone. */
function removeStep(
  workbook: WorkbookContext,
  steps: Steps<SplitRun>,
  end: (r: SplitResult, p?: StepProgress) => Reply
): Reply {
  const run = steps.run;
  const setup = workbook.setup;
  if (!setup) return end(result(xm.noConfig, false));
  const config = setup.config();
  const { campaign, units } = config;
  // The commit point: from here on Tổng hợp reads the units' files.
  if (campaign.organisation !== 'files')
    writeConfigCell(setup.sheet, config.places, { campaign: 'organisation' }, organisationNames.files);
  const office = setup.office();
  const plan = planFiles(workbook, setup.sheet, config);
  if ('message' in plan) return end(result(plan.message, false));
  const ctx: FinishContext = {
    wardKey: plan.wardKey,
    text: plan.text,
    office: office.editors,
    year: plan.year,
    invitation: null,
  };
  const tabs = new Map<string, UnitSheetRef>(workbook.unitSheets.all());
  const officeSet = new Set(office.editors.map((email) => email.toLowerCase()));
  const access = new Set(workbook.sharing().fileEditors);
  for (const user of workbook.ss.getViewers()) access.add(user.getEmail().toLowerCase());
  // Which units list each email: it leaves the office's file once every one of them has its own file.
  const listing = new Map<string, number[]>();
  units.forEach((unit, i) => {
    for (const email of unit.emails) listing.set(email, [...(listing.get(email) ?? []), i]);
  });

  const walked = steps.walk(
    () => run.data.next < units.length,
    () => {
      const i = run.data.next;
      const unit = units[i];
      const tab = tabs.get(codeIdentity(unit.code));
      let keep = unit.fileId === '';
      if (tab && !keep) {
        const source = workbook.unitSheets.read(unit);
        const rows = source.state === 'ok' ? typedRows(rowsWithoutFormulaValues(source)) : null;
        if (!rows) keep = true;
        else if (rowsPrint(rows) !== run.data.checked[i]) {
          // Typed into since the check: the new rows go to the file as the copy did, or the tab stays.
          const made = fileFor(unit, rows.length, plan, ctx, new Set(), steps);
          keep = typeof made === 'string' || copyRows(made, rows).state !== 'copied';
          if (!keep) run.data.checked[i] = rowsPrint(rows);
        }
      }
      if (keep) {
        if (!run.data.kept.includes(i)) run.data.kept.push(i);
      } else {
        const shared = shareUnitFile(unit.fileId, unit, office.editors, plan.invitation(unit));
        if (shared.invited > 0) {
          run.data.invited += shared.invited;
          run.data.invitedUnits++;
        }
        if (tab) {
          workbook.ss.deleteSheet(tab.sheet);
          tabs.delete(codeIdentity(unit.code));
        }
        if (!run.data.removed.includes(i)) run.data.removed.push(i);
        for (const email of unit.emails) {
          const all = listing.get(email) ?? [];
          const done = all.every((j) => j <= i && !run.data.kept.includes(j));
          if (done && access.has(email) && !officeSet.has(email)) {
            workbook.ss.removeEditor(email);
            access.delete(email);
            run.data.unshared++;
          }
        }
      }
      run.data.next = i + 1;
      steps.save();
    }
  );
  if (walked === 'paused' || !steps.mayClose()) return { done: false, progress: progress(run, units.length) };
  // The shared design's hidden template tab is of no use now.
  const template = workbook.unitSheets.template();
  if (template) workbook.ss.deleteSheet(template);
  // Issue 25: the door is closed only once no unit's email can open this file (its master list, Cấu hình,
  // its script, its version history with every unit's rows). Read again (Spreadsheet.getEditors and
  // getViewers: everyone who can open it by name, a shared folder's people included), one more removeEditor
  // for a unit's email still there, then read again: whoever is left is named, and the conversion is not done.
  const unitEmails = new Set(units.flatMap((unit) => unit.emails.map((email) => email.toLowerCase())));
  const openers = () =>
    new Set(
      [...workbook.ss.getEditors(), ...workbook.ss.getViewers()].map((user) => user.getEmail().toLowerCase())
    );
  const owner = workbook.sharing().owner;
  for (const email of openers()) {
    if (unitEmails.has(email) && !officeSet.has(email) && email !== owner) {
      try {
        workbook.ss.removeEditor(email);
        run.data.unshared++;
      } catch {
        // Named below if it stays.
      }
    }
  }
  const left = [...openers()].filter((email) => email !== owner && !officeSet.has(email));
  const unitsLeft = left.filter((email) => unitEmails.has(email));
  const othersLeft = left.filter((email) => !unitEmails.has(email));
  const listed = new Set(units.map((unit) => codeIdentity(unit.code)));
  const orphans = [...tabs].filter(([code]) => !listed.has(code)).map(([, ref]) => ref.sheet.getName());
  const data = run.data;
  endRun(RUN_KEY);
  const names = (list: number[]) => list.map((i) => units[i].name);
  const lines = [xm.done(units.length - data.kept.length, data.removed.length)];
  if (data.invited > 0) lines.push(xm.invited(data.invited, data.invitedUnits));
  if (data.unshared > 0) lines.push(xm.unshared(data.unshared));
  const attention: string[] = [];
  if (data.kept.length > 0) attention.push(xm.keptTabs(names(data.kept)));
  if (unitsLeft.length > 0) attention.push(xm.unitsKeepAccess(unitsLeft));
  if (othersLeft.length > 0) attention.push(xm.othersKeepAccess(othersLeft));
  const noEmail = units.filter((unit) => unit.emails.length === 0).map((unit) => unit.name);
  if (noEmail.length > 0) attention.push(fm.noEmail(noEmail));
  if (orphans.length > 0) attention.push(xm.orphanTabs(orphans));
  if (attention.length > 0) lines.push(sm.attentionIntro, ...attention.map((line) => `• ${line}`));
  const counts = units.map((unit, i) => ({
    code: unit.code,
    rows: Number((data.checked[i] ?? '0').split(':')[0]),
  }));
  // What Google does not let the add-on see (the app did not make this file): link sharing, publishing.
  if (data.kept.length === 0 && unitsLeft.length === 0) lines.push(xm.checkLinkSharing);
  const done = data.kept.length === 0 && unitsLeft.length === 0;
  return end(result(lines.join('\n'), done, { units: counts }), {
    ...progress(run, units.length),
    percent: 100,
    label: st.done,
  });
}

/** One step of Tách thành tệp riêng (google.script.run from the progress dialog), under the document lock. */
export function splitStep(options?: unknown): StepReply<SplitResult> {
  return runStep(
    'split',
    () => step(options),
    (message) => result(message, false)
  );
}

/**
 * Menu "Tách thành tệp riêng": opens the progress dialog, which runs the copy in steps (splitStep), asks the
 * clerk, and on their answer runs the rest.
 */
export function splitIntoFiles(): void {
  showProgressDialog('split');
}
