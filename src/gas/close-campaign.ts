/**
 * Menu "Kết thúc đợt báo cáo" (issue 20, hardened by issue 25): once the campaign is over, the residents'
 * names, birth years and addresses go, the figures stay.
 *
 * The menu item shows what will be erased and asks for the ward's name (Ui.prompt); typed right, it keeps the
 * confirmation in a document property and opens the progress dialog, whose steps (`closeCampaignStep`, each
 * its own execution, under a lease as Tổng hợp's) do, in this order:
 *
 * 1. freeze: the summary's values written over its formulas, and the same values written into a new
 *    spreadsheet, the ward's figures file (Drive files.create: no version history holds a name there),
 *    shared with the office; the leaders' file holds values already, from the last Tổng hợp. The run's phase
 *    moves on only when this is done, so nothing is erased before;
 * 2. erase the office's file: the master list's name, birth year, residence and warnings columns cleared,
 *    the unit report sheets (lists of people) deleted, the lists' fingerprints and accepted namesakes dropped;
 * 3. each unit in turn: its data rows (B–F from row 8) cleared, and with a file per unit the file's sharing
 *    removed and the file deleted for ever (Drive files.delete: "Permanently deletes a file owned by the user
 *    without moving it to the trash", drive.file suffices for files the app made; a trashed file stays open to
 *    the people it is shared with, support.google.com/drive/answer/14933051, and Sheets' version history
 *    keeps every row, revisions.delete refuses Sheets); the units' folder last, with the template in it;
 * 4. the office's file: its sharing removed but for its owner and the account running this (its version
 *    history still holds the lists, and the add-on, which did not make the file, may not delete it: the
 *    message asks the clerk to delete it for ever once the figures file is checked);
 * 5. record in Cấu hình's "Kết thúc đợt báo cáo" when and by which office account (Drive about.get).
 *
 * Stopped at any call, the next step resumes at its phase (each action of a phase is safe to repeat).
 * Tổng hợp refuses to run on a closed campaign: its lists are gone.
 */
import { services } from '../contract/apps-script';
import { closeMessages as clm } from '../core/messages/leaders';
import { stepMessages as st } from '../core/messages/steps';
import { literalText } from '../core/formulas';
import { MASTER, MASTER_COL } from '../core/report-layout';
import { REPORT_METADATA_KEY } from '../core/report-form';
import { UNIT_SHEET } from '../core/layout';
import { normalizeText } from '../core/text';
import { wardName } from '../core/units';
import { spreadsheetLink } from '../core/drive-links';
import { noProgress, unitsProgress, type StepReply } from '../core/steps';
import { endRun, runStep, showProgressDialog, StepClock, type ActionResult } from './run';
import { loadWorkbookContext, type WorkbookContext } from './workbook-context';
import { writeConfigCell } from './config-sheet';

export interface CloseResult extends ActionResult {
  /** Master rows whose personal columns were cleared. */
  rows: number;
  /** Units whose lists were cleared. */
  units: number;
  /** Unit files whose sharing was removed and which were deleted for ever (not only trashed). */
  deleted: number;
  /** Unit report sheets deleted. */
  reports: number;
  /** The link of the ward's figures file, a new spreadsheet of the summary's values ('' before it exists). */
  figuresFile: string;
  /** People whose access to the office's file was removed. */
  unshared: number;
}

const failed = (message: string): CloseResult => ({
  ok: false,
  message,
  rows: 0,
  units: 0,
  deleted: 0,
  reports: 0,
  figuresFile: '',
  unshared: 0,
});

const RUN_KEY = 'tonghop.run.close';
/** The confirmation the menu's dialog keeps for the steps (the ward's name, as typed). */
const CONFIRM_KEY = 'tonghop.close.confirmed';
/** Tổng hợp's run: while one is in progress the summary is not final. */
const CONSOLIDATE_RUN_KEY = 'tonghop.run.consolidate';
/** What Tổng hợp keeps of each unit's list (a fingerprint): dropped with the lists. */
const SEEN_KEY = 'tonghop.seen';

interface CloseRun {
  phase: 'freeze' | 'erase' | 'units' | 'office' | 'record';
  next: number;
  rows: number;
  units: number;
  deleted: number;
  reports: number;
  notDeleted: string[];
  unreadable: string[];
  /** The figures file's id ('' until made). */
  figures: string;
  unshared: number;
  /** People who could not be removed from the office's file. */
  kept: string[];
}

const fresh = (): CloseRun => ({
  phase: 'freeze',
  next: 0,
  rows: 0,
  units: 0,
  deleted: 0,
  reports: 0,
  notDeleted: [],
  unreadable: [],
  figures: '',
  unshared: 0,
  kept: [],
});

/** Issue 25's accepted "Không trùng" rows: fingerprints of people's keys, dropped with the lists. */
const NAMESAKE_KEY = 'tonghop.namesake';
const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
/** appProperties of the figures file: the office file it belongs to, and its role (found again after a stop). */
const APP = { office: 'tonghopOffice', role: 'tonghopRole' } as const;
const FIGURES_ROLE = 'final-figures';
const WARD_TIME_ZONE = 'Asia/Ho_Chi_Minh';

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

/** Phase 1: the summary's formulas replaced by their values (one read, one write); the values, as written. */
function freeze(workbook: WorkbookContext): unknown[][] {
  const summary = workbook.roles.get('summary');
  if (!summary) return [];
  const range = summary.getDataRange();
  const values = range
    .getValues()
    .map((row) => row.map((cell) => (typeof cell === 'string' ? literalText(cell) : cell)));
  range.setValues(values);
  return values;
}

/**
 * Phase 1 too: the figures in a spreadsheet of their own, which no version history of a list reaches. Made
 * once (tagged in its appProperties, so a stopped step finds it), written in one call, shared with the office
 * without email. Its id; '' when Google's 250 new spreadsheets a day are spent (nothing is erased then).
 */
function figuresFile(
  workbook: WorkbookContext,
  data: CloseRun,
  values: unknown[][],
  office: readonly string[],
  ward: string
): string {
  const { Drive, SpreadsheetApp } = services();
  const key = workbook.ss.getId().replace(/[^A-Za-z0-9_-]/g, '');
  let id = data.figures;
  if (id === '') {
    id =
      Drive.Files.list({
        q: `appProperties has { key='${APP.office}' and value='${key}' } and appProperties has { key='${APP.role}' and value='${FIGURES_ROLE}' } and trashed = false`,
        fields: 'files(id)',
        pageSize: 10,
      }).files?.[0]?.id ?? '';
  }
  if (id === '') {
    try {
      id =
        Drive.Files.create({
          name: clm.figuresFileName(ward),
          mimeType: SPREADSHEET_MIME,
          writersCanShare: false,
          appProperties: { [APP.office]: key, [APP.role]: FIGURES_ROLE },
        }).id ?? '';
    } catch (error) {
      if (/too many times for one day/i.test(String((error as Error)?.message))) return '';
      throw error;
    }
  }
  data.figures = id;
  const file = SpreadsheetApp.openById(id);
  // Google does not say what a new spreadsheet's locale and time zone are: set both.
  file.setSpreadsheetLocale('vi_VN');
  file.setSpreadsheetTimeZone(WARD_TIME_ZONE);
  const sheet = file.getSheets()[0];
  if (sheet.getName() !== clm.figuresSheet) sheet.setName(clm.figuresSheet);
  if (values.length > 0) {
    const width = values[0].length;
    if (sheet.getMaxColumns() < width)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    if (sheet.getMaxRows() < values.length)
      sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());
    sheet.getRange(1, 1, values.length, width).setValues(values);
  }
  const have = new Set(
    (Drive.Permissions.list(id, { fields: 'permissions(emailAddress)' }).permissions ?? []).map((p) =>
      (p.emailAddress ?? '').toLowerCase()
    )
  );
  for (const email of office) {
    if (have.has(email.toLowerCase())) continue;
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: email }, id, {
      sendNotificationEmail: false,
    });
  }
  return id;
}

/**
 * Phase 3, a unit's own file: every permission but the owner's removed, then deleted for ever (files.delete).
 * True when it is gone (already gone included); false when the runner may not (not its owner).
 */
function deleteUnitFile(fileId: string): boolean {
  const { Drive } = services();
  try {
    const permissions = Drive.Files.get(fileId, { fields: 'permissions(id,role)' }).permissions ?? [];
    for (const p of permissions) if (p.role !== 'owner' && p.id) Drive.Permissions.remove(fileId, p.id);
    Drive.Files.remove(fileId);
    return true;
  } catch (error) {
    const code = (error as { details?: { code?: unknown } } | null)?.details?.code;
    // 404: deleted already by a step stopped after it, or not this person's app's file (then not theirs to delete).
    if (code === 404) return !stillOpens(fileId);
    return false;
  }
}

/** Whether the runner can still open a spreadsheet (a file not theirs to delete, still there). */
function stillOpens(fileId: string): boolean {
  try {
    services().SpreadsheetApp.openById(fileId);
    return true;
  } catch {
    return false;
  }
}

/**
 * Phase 4: the office's file shared with its owner and the runner alone (Spreadsheet.removeEditor takes an
 * editor's and a viewer's access, "For Drive files, this also removes the user from the list of viewers").
 */
function unshareOffice(workbook: WorkbookContext, data: CloseRun, runner: string): void {
  const { ss } = workbook;
  const owner = workbook.sharing().owner;
  const people = new Set(
    [...ss.getEditors(), ...ss.getViewers()]
      .map((user) => user.getEmail().toLowerCase())
      .filter((e) => e !== '')
  );
  for (const email of people) {
    if (email === owner || email === runner.toLowerCase()) continue;
    try {
      ss.removeEditor(email);
      data.unshared++;
    } catch {
      if (!data.kept.includes(email)) data.kept.push(email);
    }
  }
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
  const store = properties();
  for (const key of Object.keys(store.getProperties()))
    if (key.startsWith(`${NAMESAKE_KEY}.`)) store.deleteProperty(key);
}

function step(options: unknown): StepReply<CloseResult> {
  const clock = new StepClock(options);
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

  const steps = clock.take(RUN_KEY, fresh, {
    title: clm.title,
    far: (held) => clm.closedSoFar(held.phase, held.next, config.units.length),
  });
  if ('busy' in steps) return end(failed(steps.busy));
  const run = steps.run;
  const save = () => steps.save();
  const units = config.units;
  const lists = workbook.lists();
  const perUnitFiles = lists.perUnitFiles;
  const progress = (label: string) => unitsProgress('close', run.data.next, units.length, label, run.step);

  if (run.data.phase === 'freeze') {
    // An older Cấu hình gets its "Kết thúc đợt báo cáo" row now, before anything is erased.
    setup.update();
    const values = freeze(workbook);
    save();
    if (figuresFile(workbook, run.data, values, setup.office().editors, ward) === '') {
      save();
      return end({ ...failed(clm.figuresQuota), rows: 0 });
    }
    run.data.phase = 'erase';
    save();
  }
  if (run.data.phase === 'erase') {
    eraseOffice(workbook, run.data);
    run.data.phase = 'units';
    save();
  }
  if (run.data.phase === 'units') {
    const walked = steps.walk(
      () => run.data.next < units.length,
      () => {
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
          // A file a stopped step already deleted was cleared first: done, not unreadable (deleteUnitFile
          // below tells a file that is gone from one the runner cannot reach).
        } else if (!perUnitFiles) {
          run.data.unreadable.push(unit.name);
        }
        if (perUnitFiles && unit.fileId !== '') {
          // Its sharing removed, then deleted for ever: the owner's to do (drive.file: the app's own files).
          if (deleteUnitFile(unit.fileId)) run.data.deleted++;
          else if (!run.data.notDeleted.includes(unit.name)) run.data.notDeleted.push(unit.name);
        }
        run.data.next++;
        save();
      }
    );
    const erasing = progress(clm.erasingUnits(run.data.next, units.length));
    if (walked === 'paused') return { done: false, progress: erasing };
    // The folder, the office file's sharing and Cấu hình's record are the closing.
    if (!steps.mayClose()) return { done: false, progress: erasing };
    if (perUnitFiles && config.campaign.unitFolder !== '') {
      try {
        // The folder, deleted for ever with what its owner owns in it (the template): files.delete "If the
        // target is a folder, all descendants owned by the user are also deleted".
        services().Drive.Files.remove(config.campaign.unitFolder);
      } catch {
        // Someone else's folder, or gone already: its files were handled one by one above.
      }
    }
    run.data.phase = 'office';
    save();
  }

  // Which office account runs this: kept by phase 4, recorded by phase 5.
  let account = '';
  try {
    account = services().Drive.About.get({ fields: 'user(emailAddress)' }).user?.emailAddress ?? '';
  } catch {
    account = '';
  }
  if (run.data.phase === 'office') {
    unshareOffice(workbook, run.data, account);
    run.data.phase = 'record';
    save();
  }
  const at = workbook.formatDate(new Date(), 'dd/MM/yyyy HH:mm');
  const fresher = setup.config();
  writeConfigCell(setup.sheet, fresher.places, { campaign: 'closed' }, clm.record(at, account));
  properties().deleteProperty(CONFIRM_KEY);
  const data = run.data;
  endRun(RUN_KEY);
  const link = data.figures === '' ? '' : spreadsheetLink(data.figures);
  const lines = [
    clm.done({
      rows: data.rows,
      units: data.units,
      files: perUnitFiles,
      deleted: data.deleted,
      reports: data.reports,
      figures: link,
      unshared: data.unshared,
    }),
  ];
  if (data.notDeleted.length > 0) lines.push(clm.notDeleted(data.notDeleted));
  if (data.unreadable.length > 0) lines.push(clm.unreadable(data.unreadable));
  if (data.kept.length > 0) lines.push(clm.officeKept(data.kept));
  lines.push(clm.deleteOfficeFile);
  return {
    done: true,
    progress: { ...progress(st.done), percent: 100 },
    result: {
      ok: data.notDeleted.length === 0 && data.unreadable.length === 0,
      message: lines.join('\n'),
      rows: data.rows,
      units: data.units,
      deleted: data.deleted,
      reports: data.reports,
      figuresFile: link,
      unshared: data.unshared,
    },
  };
}

/** One step of Kết thúc đợt báo cáo (the progress dialog; `{ confirm: ward }` from the CLI), under the lock. */
export function closeCampaignStep(options?: unknown): StepReply<CloseResult> {
  // While another execution holds the document lock the message is the action's name alone, as it was.
  return runStep('close', () => step(options), failed);
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
