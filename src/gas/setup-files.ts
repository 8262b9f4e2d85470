/**
 * Thiết lập đơn vị where each unit has a file of its own (Cấu hình's "Cách tổ chức": Mỗi đơn vị một tệp),
 * in steps as the shared design's (setup.ts), each its own execution under the clock:
 *
 * 1. The ward's key (TH_WARD_<key> on Cấu hình) and the units' folder: Cấu hình's, or made and linked there,
 *    shared with the office (the editors of Cấu hình's protection), without email: every unit's file in it
 *    is the office's to read and write through the folder.
 * 2. Each unit in Cấu hình's order: a unit without a file gets a copy of the template file (Drive files.copy,
 *    `writersCanShare` false: only the owner shares it), linked from its row at once; then its sheet is
 *    tagged, given its header, its Kiểm tra formulas and its one protection, and shared with the unit's
 *    emails (Google's invitation carries our message); emails no longer listed lose their access. A file
 *    that cannot be opened, is in the trash or is not the unit's is named and left alone. Typed rows are
 *    never read or written.
 * 3. Closing: files of units no longer listed are named (kept), and so is anyone the office's own file is
 *    shared with beyond the office.
 *
 * Stop-safety: the unit whose copy is being made is recorded before files.copy, and a copy carries the unit's
 * code in its appProperties, so the next step finds a copy whose link was not yet written instead of
 * making a second. Everything after the link is safe to repeat. Drive's calls under drive.file reach only
 * files the caller's app made, so this runs for the account that made the folder (its owner) alone.
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { lockDownFile } from './sharing-audit';
import { sharingMessages as shm } from '../core/messages/sharing';
import { filesSetupMessages as fm, setupMessages as sm } from '../core/messages/setup';
import { stepMessages as st } from '../core/messages/steps';
import { verdictMessages } from '../core/messages/verdict';
import { fingerprint, noProgress, unitsProgress, type StepProgress, type StepReply } from '../core/steps';
import { codeIdentity, wardName, type Campaign, type Unit } from '../core/units';
import { folderLink, spreadsheetLink } from '../core/drive-links';
import { formulasFor, type Formulas } from '../core/formulas';
import { staticHeaderBlock, sttFormula, UNIT_SHEET, UNIT_SHEET_COL } from '../core/layout';
import { readSharing, type ProtectionEntry, type Sharing } from './protections';
import { endRun, type Run, type StepClock } from './run';
import { addDocumentMetadata } from './sheet-utils';
import {
  campaignText,
  layOutUnitSheet,
  dropTemplateTags,
  refreshUnitHeader,
  syncCheckColumn,
  TEMPLATE_VERSION_KEY,
  templateVersion,
  type CampaignText,
} from './unit-sheets';
import {
  openUnitFile,
  secureUnitFile,
  tagUnitFile,
  tagWard,
  trashedFiles,
  type UnitFileRef,
} from './unit-files';
import { readConfig, writeConfigCell, type Config } from './config-sheet';
import type { ConfigUpdate, Office, WorkbookContext } from './workbook-context';
import { emptyResult, type SetupResult } from './setup-result';

const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** The ward's time zone, as the manifest's (appsscript.json). */
const WARD_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const RUN_KEY = 'tonghop.run.setup-files';
/** Who made the units' folder (their email, from Drive), named when someone else runs Thiết lập. */
const OWNER_KEY = 'tonghop.files.owner';
/** The template file's id. */
const TEMPLATE_KEY = 'tonghop.files.template';
/** appProperties that Drive keeps on the files Thiết lập makes (private to the app). */
const APP = { ward: 'tonghopWard', role: 'tonghopRole', unit: 'tonghopUnit' } as const;
/** A unit whose rows come within this many of the grid's end gets GROW_BY more. */
const GROW_MARGIN = 100;
const GROW_BY = 500;

interface FilesRun {
  config: string;
  next: number;
  /** The code of the unit whose copy is being made, recorded before files.copy. */
  pending: string | null;
  created: number[];
  refreshed: number[];
  kept: number[];
  unreachable: number[];
  trashed: number[];
  foreign: number[];
  columnTaken: number[];
  grown: number[];
  invited: number;
  invitedUnits: number;
  /** "email (unit)" of each access removed. */
  removed: string[];
  linkSharingRemoved: number[];
  reshared?: number[];
  unpublished?: number[];
  configUpdate: ConfigUpdate;
}

const fresh = (): FilesRun => ({
  config: '',
  next: 0,
  pending: null,
  created: [],
  refreshed: [],
  kept: [],
  unreachable: [],
  trashed: [],
  foreign: [],
  columnTaken: [],
  grown: [],
  invited: 0,
  invitedUnits: 0,
  removed: [],
  linkSharingRemoved: [],
  configUpdate: { rows: [], columns: [], filled: 0 },
});

function progress(run: Run<FilesRun>, total: number, label: string): StepProgress {
  return unitsProgress('setup', run.data.next, total, label, run.step);
}

function properties() {
  const store = services().PropertiesService.getDocumentProperties();
  if (!store) throw new Error('No document properties');
  return store;
}

/** What a Drive error says about itself: Google's HTTP code in `details`, or its text. */
function driveStatus(error: unknown): { code: number; text: string } {
  const e = error as { details?: { code?: unknown }; message?: unknown } | null;
  return {
    code: typeof e?.details?.code === 'number' ? e.details.code : 0,
    text: typeof e?.message === 'string' ? e.message : String(error),
  };
}

/** Over the day's spreadsheets: "Service invoked too many times for one day: spreadsheets." */
function isDailyQuota(error: unknown): boolean {
  return /too many times for one day/i.test(driveStatus(error).text);
}

/** The ward's key on Cấu hình: made once, from the office file's id (a stable, unguessable name). */
function ensureWardKey(workbook: WorkbookContext, configSheet: Sheet): string {
  const known = workbook.wardKey();
  if (known) return known;
  const key = workbook.ss.getId().replace(/[^A-Za-z0-9]/g, '');
  tagWard(workbook.ss, configSheet, key);
  return key;
}

/** The app's files (in `folder`, when given) whose appProperties hold every pair, not in the trash. */
function findByApp(folder: string | null, pairs: Record<string, string>): string[] {
  const terms = Object.entries(pairs).map(
    ([key, value]) => `appProperties has { key='${key}' and value='${value}' }`
  );
  terms.push('trashed = false');
  if (folder) terms.unshift(`'${folder}' in parents`);
  const page = services().Drive.Files.list({ q: terms.join(' and '), fields: 'files(id)', pageSize: 10 });
  return (page.files ?? []).map((file) => file.id ?? '').filter((id) => id !== '');
}

type FolderOutcome = { folder: string } | { message: string };

/**
 * The units' folder: Cấu hình's (checked: still the runner's, not in the trash) or a new one, linked there.
 * One Drive call when it exists.
 */
function ensureFolder(
  config: Config,
  configSheet: Sheet,
  wardKey: string,
  campaign: Campaign
): FolderOutcome {
  const { Drive } = services();
  const owner = () => properties().getProperty(OWNER_KEY) ?? '';
  if (campaign.unitFolder !== '') {
    try {
      const folder = Drive.Files.get(campaign.unitFolder, { fields: 'id,trashed,ownedByMe' });
      if (folder.trashed) return { message: fm.folderTrashed };
      if (folder.ownedByMe === false) return { message: fm.notOwner(owner()) };
      return { folder: campaign.unitFolder };
    } catch (error) {
      // drive.file: a folder this person's app did not make answers 404, as one that is gone does.
      if (driveStatus(error).code === 404) return { message: fm.notOwner(owner()) };
      throw error;
    }
  }
  // A folder a stopped step made but did not link yet is taken up, not doubled.
  const [found] = findByApp(null, { [APP.ward]: wardKey, [APP.role]: 'folder' });
  const id =
    found ??
    Drive.Files.create({
      name: fm.folderName(wardName(campaign.issuer)),
      mimeType: FOLDER_MIME,
      appProperties: { [APP.ward]: wardKey, [APP.role]: 'folder' },
    }).id;
  if (!id) throw new Error('Drive made no folder.');
  const made = Drive.Files.get(id, { fields: 'owners(emailAddress)' });
  properties().setProperty(OWNER_KEY, made.owners?.[0]?.emailAddress ?? '');
  writeConfigCell(configSheet, config.places, { campaign: 'unitFolder' }, folderLink(id));
  return { folder: id };
}

/**
 * The folder shared with the office as writers, without email (they are the office already), and with
 * nobody else: a former clerk's access goes. Two calls and one per change.
 */
export function shareFolder(folder: string, office: readonly string[]): string[] {
  const { Drive } = services();
  const wanted = new Set(office.map((email) => email.toLowerCase()));
  const list = Drive.Permissions.list(folder, { fields: 'permissions(id,type,role,emailAddress)' });
  const have = new Set<string>();
  const removed: string[] = [];
  for (const p of list.permissions ?? []) {
    const email = (p.emailAddress ?? '').toLowerCase();
    if (p.role === 'owner') continue;
    if (p.type === 'user' && wanted.has(email)) {
      have.add(email);
      continue;
    }
    if (p.id) Drive.Permissions.remove(folder, p.id);
    if (email) removed.push(email);
  }
  for (const email of wanted) {
    if (have.has(email)) continue;
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: email }, folder, {
      sendNotificationEmail: false,
    });
  }
  return removed;
}

/**
 * The template file, made once per version in the folder: a unit sheet without its unit's header, tags or
 * protection, in vi_VN and the ward's time zone. Asked only when a unit needs a file. Its id.
 */
function ensureTemplateFile(folder: string, wardKey: string, ward: string, year: number): string {
  const { Drive, SpreadsheetApp } = services();
  const formulas = formulasFor('vi_VN');
  const version = templateVersion(formulas, year);
  const store = properties();
  let id = store.getProperty(TEMPLATE_KEY) ?? '';
  let file: Spreadsheet | null = null;
  if (id !== '') {
    try {
      file = SpreadsheetApp.openById(id);
    } catch {
      file = null;
    }
  }
  if (!file) {
    const made = Drive.Files.create({
      name: fm.templateFileName(ward),
      mimeType: SPREADSHEET_MIME,
      parents: [folder],
      writersCanShare: false,
      appProperties: { [APP.ward]: wardKey, [APP.role]: 'template' },
    });
    id = made.id ?? '';
    store.setProperty(TEMPLATE_KEY, id);
    file = SpreadsheetApp.openById(id);
  }
  const sheet = file.getSheets()[0];
  const metadata = sheet.getDeveloperMetadata();
  const ready = metadata.some((m) => m.getKey() === TEMPLATE_VERSION_KEY && m.getValue() === version);
  if (ready) return id;
  for (const m of metadata) if (m.getKey() === TEMPLATE_VERSION_KEY) m.remove();
  // Google does not say what a new spreadsheet's locale and time zone are: set both.
  file.setSpreadsheetLocale('vi_VN');
  file.setSpreadsheetTimeZone(WARD_TIME_ZONE);
  sheet.setName(fm.templateFileName(ward).slice(0, 100));
  layOutUnitSheet(sheet, formulas, year);
  sheet.getRange(1, 1, UNIT_SHEET.headerRow, UNIT_SHEET.columns).setValues(staticHeaderBlock());
  tagWard(file, sheet, wardKey);
  // Last: a template stopped before this is laid out again.
  addDocumentMetadata(sheet, TEMPLATE_VERSION_KEY, version);
  return id;
}

/** Rows for a unit whose list nears the grid's end: its staff cannot add rows to a protected sheet. */
function growIfFull(ref: UnitFileRef, formulas: Formulas): boolean {
  const { sheet } = ref;
  const maxRows = sheet.getMaxRows();
  // Stt's formulas and Kiểm tra's array fill every row, so getLastRow() says nothing: read what people
  // typed in the last rows (one call, GROW_MARGIN rows).
  const from = Math.max(UNIT_SHEET.firstDataRow, maxRows - GROW_MARGIN + 1);
  const tail = sheet
    .getRange(from, UNIT_SHEET_COL.name, maxRows - from + 1, UNIT_SHEET.columns - 1)
    .getValues();
  if (!tail.some((row) => row.some((cell) => cell !== ''))) return false;
  addUnitRows(sheet, GROW_BY, formulas);
  return true;
}

/** `count` rows after the grid's last, with Stt's formulas and the form's borders (Kiểm tra: syncCheckColumn). */
function addUnitRows(sheet: Sheet, count: number, formulas: Formulas): void {
  const maxRows = sheet.getMaxRows();
  sheet.insertRowsAfter(maxRows, count);
  const first = maxRows + 1;
  sheet
    .getRange(first, UNIT_SHEET_COL.stt, count, 1)
    .setFormulas(Array.from({ length: count }, (_, i) => [sttFormula(formulas, first + i)]));
  sheet.getRange(first, 1, count, UNIT_SHEET.columns).setBorder(true, true, true, true, true, true);
}

/**
 * Room in a unit's file for `rows` data rows and GROW_MARGIN more (Tách thành tệp riêng brings a tab's whole
 * list), in steps of GROW_BY; before finishUnitFile, which then spreads Kiểm tra and the unprotected cells
 * over the new rows. Whether it grew.
 */
export function makeRoom(sheet: Sheet, rows: number): boolean {
  const wanted = UNIT_SHEET.headerRow + rows + GROW_MARGIN;
  const maxRows = sheet.getMaxRows();
  if (maxRows >= wanted) return false;
  addUnitRows(sheet, Math.ceil((wanted - maxRows) / GROW_BY) * GROW_BY, formulasFor('vi_VN'));
  return true;
}

interface UnitOutcome {
  created?: boolean;
  refreshed?: boolean;
  columnTaken?: boolean;
  grown?: boolean;
  invited: number;
  removed: string[];
  linkSharingRemoved: boolean;
  /** writersCanShare was true and is false again; a published revision was unpublished (issue 25). */
  reshared: boolean;
  unpublished: boolean;
  protection: ProtectionEntry | null;
}

/**
 * A unit's file shared with exactly its emails (and its owner; the office reaches it through the folder):
 * a missing email is invited with our message, an email no longer listed loses access, link sharing goes.
 */
export function shareUnitFile(
  fileId: string,
  unit: Unit,
  office: readonly string[],
  invitation: string,
  fresh = false
): {
  invited: number;
  removed: string[];
  linkSharingRemoved: boolean;
  reshared: boolean;
  unpublished: boolean;
} {
  const { Drive } = services();
  const wanted = new Set(unit.emails.map((email) => email.toLowerCase()));
  const keep = new Set([...wanted, ...office.map((email) => email.toLowerCase())]);
  // A copy made in this step has no permission of its own but its owner's (files.copy does not copy sharing,
  // and the template is never shared directly either), was made with writersCanShare false and is not
  // published: nothing to read. Otherwise one files.get gives the permissions and writersCanShare ("The full
  // list of permissions for the file. This is only available if the requesting user can share the file",
  // v3 File), in place of permissions.list.
  const list = fresh
    ? { permissions: [], writersCanShare: false }
    : Drive.Files.get(fileId, {
        fields: 'writersCanShare,permissions(id,type,role,emailAddress,permissionDetails(inherited))',
      });
  // Issue 25: editors who could share on (and publish), or a revision published to the web, undone.
  const locked = fresh ? { reshared: false, unpublished: false } : lockDownFile(fileId, list.writersCanShare);
  const have = new Set<string>();
  const removed: string[] = [];
  let linkSharingRemoved = false;
  for (const p of list.permissions ?? []) {
    if (p.role === 'owner') continue;
    // Inherited from the folder (the office): the folder's to change, not the file's.
    if ((p.permissionDetails ?? []).length > 0 && p.permissionDetails?.every((d) => d.inherited)) continue;
    const email = (p.emailAddress ?? '').toLowerCase();
    if (p.type === 'user' && keep.has(email)) {
      have.add(email);
      continue;
    }
    if (!p.id) continue;
    Drive.Permissions.remove(fileId, p.id);
    if (p.type === 'anyone') linkSharingRemoved = true;
    else if (email) removed.push(fm.removedEntry(email, unit.name));
  }
  let invited = 0;
  for (const email of wanted) {
    if (have.has(email)) continue;
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: email }, fileId, {
      sendNotificationEmail: true,
      emailMessage: invitation,
    });
    invited++;
  }
  return { invited, removed, linkSharingRemoved, ...locked };
}

/** What finishing a unit's file needs besides the unit. */
export interface FinishContext {
  wardKey: string;
  text: CampaignText;
  office: readonly string[];
  year: number;
  /** The invitation Google sends with the file; null: not shared with the unit yet (Tách thành tệp riêng). */
  invitation: string | null;
}

/**
 * Everything of a unit's file after its link: tags, rows, Kiểm tra, header, protection, sharing. `fresh`: a
 * copy of this version's template made in this step, so nobody has typed in it, its Kiểm tra column is
 * current and nobody else has it yet: the reads that check those are skipped (a second a unit, in all).
 */
export function finishUnitFile(
  file: Spreadsheet,
  ref: UnitFileRef | null,
  sheet: Sheet,
  unit: Unit,
  ctx: FinishContext,
  fresh = false
): UnitOutcome & { ref: UnitFileRef } {
  const formulas = formulasFor('vi_VN');
  const unitRef = ref ?? tagUnitFile(file, sheet, unit, ctx.wardKey);
  if (ref) {
    tagWard(file, ref.sheet, ctx.wardKey);
    dropTemplateTags(ref.sheet);
    if (ref.sheet.getName() !== unit.name) ref.sheet.setName(unit.name.slice(0, 100));
  }
  const grown = !fresh && growIfFull(unitRef, formulas);
  const columnTaken = !fresh && !syncCheckColumn(unitRef.sheet, unitRef.headerRow, formulas, ctx.year);
  const refreshed = refreshUnitHeader(unitRef, unit, ctx.text);
  const sharing: Sharing = readSharing(file);
  const protection = secureUnitFile(unitRef, unit, ctx.office, sharing);
  const shared =
    ctx.invitation === null
      ? { invited: 0, removed: [], linkSharingRemoved: false, reshared: false, unpublished: false }
      : shareUnitFile(file.getId(), unit, ctx.office, ctx.invitation, fresh);
  return { ref: unitRef, refreshed, columnTaken, grown, protection, ...shared };
}

/** Where units' files are made: Cấu hình, the ward's key, the folder, the template (made on first ask). */
export interface FilesPlan {
  configSheet: Sheet;
  config: Config;
  wardKey: string;
  folder: string;
  /** "Phường Hải Dương". */
  ward: string;
  text: CampaignText;
  year: number;
  /** The template file's id: made, or checked to be this version's, on first ask in a step. */
  template(): string;
  /** Google's invitation for a unit's staff: what the file is for, the deadline, whom to call. */
  invitation(unit: Unit): string;
}

/**
 * The ward's key and the units' folder (made and linked from Cấu hình when missing; a message when it is
 * someone else's or in the trash), for Thiết lập and Tách thành tệp riêng alike.
 */
export function planFiles(
  workbook: WorkbookContext,
  configSheet: Sheet,
  config: Config
): FilesPlan | { message: string } {
  const { campaign } = config;
  const wardKey = ensureWardKey(workbook, configSheet);
  const outcome = ensureFolder(config, configSheet, wardKey, campaign);
  if ('message' in outcome) return outcome;
  const ward = wardName(campaign.issuer);
  const text = campaignText(campaign);
  const year = workbook.year();
  let template: string | null = null;
  return {
    configSheet,
    config,
    wardKey,
    folder: outcome.folder,
    ward,
    text,
    year,
    template: () => (template ??= ensureTemplateFile(outcome.folder, wardKey, ward, year)),
    invitation: (unit) =>
      fm.invitation({
        ward,
        unit: unit.name,
        title: campaign.title,
        deadline: text.completion,
        contact: campaign.contact,
      }),
  };
}

/**
 * A new file for a unit without one: a copy of the template, linked from the unit's row in Cấu hình at once.
 * `run.pending` holds the unit's code from before files.copy until the link is written (`save` keeps it in
 * the document): a step stopped in between left a copy that carries the unit's code in its appProperties,
 * and the next step finds it instead of making a second. Its id; null when Google's daily quota of new
 * spreadsheets is spent.
 */
export function copyUnitFile(
  unit: Unit,
  plan: FilesPlan,
  run: { pending: string | null },
  save: () => void
): string | null {
  const template = plan.template();
  const resuming = run.pending !== null && codeIdentity(run.pending) === codeIdentity(unit.code);
  run.pending = unit.code;
  save();
  let id = resuming ? (findByApp(plan.folder, { [APP.unit]: codeIdentity(unit.code) })[0] ?? '') : '';
  if (id === '') {
    try {
      id =
        services().Drive.Files.copy(
          {
            name: fm.unitFileName(plan.ward, unit.name),
            parents: [plan.folder],
            writersCanShare: false,
            appProperties: { [APP.ward]: plan.wardKey, [APP.unit]: codeIdentity(unit.code) },
          },
          template
        ).id ?? '';
    } catch (error) {
      if (!isDailyQuota(error)) throw error;
      run.pending = null;
      return null;
    }
  }
  writeConfigCell(plan.configSheet, plan.config.places, { unit, column: 'file' }, spreadsheetLink(id));
  run.pending = null;
  return id;
}

/** One step of Thiết lập where each unit has a file (setup.ts has checked Cấu hình and the office). */
export function filesStep(
  workbook: WorkbookContext,
  office: Office,
  configUpdate: ConfigUpdate,
  clock: StepClock
): StepReply<SetupResult> {
  const end = (result: SetupResult, p = noProgress('setup')): StepReply<SetupResult> => ({
    done: true,
    progress: p,
    result,
  });
  const setup = workbook.setup;
  if (!setup) return end(emptyResult(sm.configCreated, true));
  const configSheet = setup.sheet;
  const config = setup.config();
  const { campaign, units } = config;

  const steps = clock.take(RUN_KEY, fresh, {
    title: sm.title,
    far: (held) => st.unitsSoFar(held.next, units.length),
  });
  if ('busy' in steps) return end(emptyResult(steps.busy, false));
  const run = steps.run;
  // The links this run writes into Cấu hình are not a change of the table.
  const print = fingerprint(
    JSON.stringify([units.map((unit) => ({ ...unit, fileId: '' })), { ...campaign, unitFolder: '' }])
  );
  if (run.data.config !== print) run.data = { ...fresh(), config: print, pending: run.data.pending };
  const done = run.data.configUpdate;
  done.rows.push(...configUpdate.rows);
  done.columns.push(...configUpdate.columns);
  done.filled += configUpdate.filled;

  const sharing = workbook.sharing();
  const { outputSheets } = workbook;
  outputSheets.ensure('summary', office.editors, sharing);
  outputSheets.ensure('master', office.editors, sharing);
  const plan = planFiles(workbook, configSheet, config);
  if ('message' in plan) {
    endRun(RUN_KEY);
    return end(emptyResult(plan.message, false));
  }
  const folder = plan.folder;
  // The office reaches every unit's file through the folder: shared before any file's protection names them.
  const formerClerks = run.data.next === 0 ? shareFolder(folder, office.editors) : [];
  const ctx: FinishContext = {
    wardKey: plan.wardKey,
    text: plan.text,
    office: office.editors,
    year: plan.year,
    invitation: '',
  };
  const trashed = trashedFiles(folder);
  const walked = steps.walk(
    () => run.data.next < units.length,
    (stop) => {
      const i = run.data.next;
      const unit = units[i];
      ctx.invitation = plan.invitation(unit);
      let outcome: UnitOutcome | null = null;
      if (unit.fileId === '') {
        const id = copyUnitFile(unit, plan, run.data, () => steps.save());
        if (id === null) {
          stop();
          return;
        }
        run.data.created.push(i);
        steps.save();
        const file = services().SpreadsheetApp.openById(id);
        outcome = finishUnitFile(file, null, file.getSheets()[0], unit, ctx, true);
      } else {
        const opened = openUnitFile(unit, plan.wardKey, trashed);
        if (opened.state === 'ok')
          outcome = finishUnitFile(opened.ref.file, opened.ref, opened.ref.sheet, unit, ctx);
        else if (opened.state === 'unfinished')
          outcome = finishUnitFile(opened.file, null, opened.sheet, unit, ctx);
        else if (opened.state === 'unreachable') run.data.unreachable.push(i);
        else if (opened.state === 'trashed') run.data.trashed.push(i);
        else run.data.foreign.push(i);
        if (outcome) (outcome.refreshed ? run.data.refreshed : run.data.kept).push(i);
      }
      if (outcome) {
        if (outcome.columnTaken) run.data.columnTaken.push(i);
        if (outcome.grown) run.data.grown.push(i);
        if (outcome.invited > 0) {
          run.data.invited += outcome.invited;
          run.data.invitedUnits++;
        }
        run.data.removed.push(...outcome.removed);
        if (outcome.linkSharingRemoved) run.data.linkSharingRemoved.push(i);
        if (outcome.reshared) (run.data.reshared ??= []).push(i);
        if (outcome.unpublished) (run.data.unpublished ??= []).push(i);
      }
      run.data.next = i + 1;
      steps.save();
    }
  );
  if (walked === 'paused') {
    return {
      done: false,
      progress: progress(run, units.length, st.settingUp(run.data.next, units.length)),
    };
  }
  const quotaHit = walked === 'stopped';
  // A walk stopped by the daily quota closes now: the message says what is left for tomorrow.
  if (!quotaHit && !steps.mayClose()) {
    return { done: false, progress: progress(run, units.length, st.finishing) };
  }

  // Closing: files of units no longer listed, and who else sees the office's file.
  const listed = new Set(units.map((unit) => codeIdentity(unit.code)));
  const orphans = orphanFiles(folder, listed);
  const officeSet = new Set([...office.editors.map((e) => e.toLowerCase()), sharing.owner]);
  const viewers = workbook.ss.getViewers().map((user) => user.getEmail().toLowerCase());
  const outsiders = [...new Set([...sharing.fileEditors, ...viewers])].filter(
    (email) => email !== '' && !officeSet.has(email)
  );

  const nameAt = (i: number) => units[i].name;
  const result = emptyResult('', true);
  result.created = run.data.created.map(nameAt);
  result.refreshed = run.data.refreshed.map(nameAt);
  result.kept = run.data.kept.map(nameAt);
  result.unitsWithoutEmail = units.filter((u) => u.emails.length === 0).map((u) => u.name);
  result.orphanSheets = orphans;
  result.configUpdate = run.data.configUpdate;
  // Cấu hình again: the links of files earlier steps made.
  result.unitFiles = readConfig(configSheet).units.map((unit) => ({ code: unit.code, fileId: unit.fileId }));
  const data = run.data;
  endRun(RUN_KEY);

  const lines = [fm.summary(data.created.length, data.refreshed.length, data.kept.length)];
  if (data.created.length > 0) lines.push(fm.folderCreated);
  const { rows: addedRows, columns: addedColumns, filled } = data.configUpdate;
  if (addedRows.length > 0 || addedColumns.length > 0) lines.push(sm.configUpgraded(addedRows, addedColumns));
  if (filled > 0) lines.push(sm.configFilled(filled));
  if (data.invited > 0) lines.push(fm.invited(data.invited, data.invitedUnits));
  const attention: string[] = [];
  if (quotaHit) {
    const left = result.unitFiles.filter((file) => file.fileId === '').length;
    attention.push(fm.dailyQuota(data.created.length, left));
    result.ok = false;
  }
  if (result.unitsWithoutEmail.length > 0) attention.push(fm.noEmail(result.unitsWithoutEmail));
  if (data.removed.length > 0) attention.push(fm.removed(data.removed));
  if (formerClerks.length > 0) attention.push(fm.removed(formerClerks));
  if (data.linkSharingRemoved.length > 0)
    attention.push(fm.linkSharingRemoved(data.linkSharingRemoved.map(nameAt)));
  const locked = [
    ...(data.reshared ?? []).map((i) =>
      shm.item({ file: 'unit', name: nameAt(i), issue: 'writers-can-share' })
    ),
    ...(data.unpublished ?? []).map((i) => shm.item({ file: 'unit', name: nameAt(i), issue: 'published' })),
  ];
  if (locked.length > 0) attention.push(shm.repaired(locked));
  if (data.unreachable.length > 0) attention.push(fm.unreachable(data.unreachable.map(nameAt)));
  if (data.trashed.length > 0) attention.push(fm.trashed(data.trashed.map(nameAt)));
  if (data.foreign.length > 0) attention.push(fm.foreign(data.foreign.map(nameAt)));
  if (data.grown.length > 0) attention.push(fm.grown(data.grown.map(nameAt)));
  if (data.columnTaken.length > 0) attention.push(verdictMessages.columnTaken(data.columnTaken.map(nameAt)));
  if (orphans.length > 0) attention.push(fm.orphanFiles(orphans));
  if (outsiders.length > 0) attention.push(fm.officeShared(outsiders));
  if (attention.length > 0) lines.push(sm.attentionIntro, ...attention.map((line) => `• ${line}`));
  result.message = lines.join('\n');
  run.data.next = units.length;
  return end(result, { ...progress(run, units.length, st.done), percent: 100 });
}

/** The names of the unit files in the folder whose unit is no longer in Cấu hình. */
function orphanFiles(folder: string, listed: ReadonlySet<string>): string[] {
  const names: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = services().Drive.Files.list({
      q: `'${folder}' in parents and trashed = false`,
      fields: 'nextPageToken,files(id,name,appProperties)',
      pageSize: 1000,
      ...(pageToken ? { pageToken } : {}),
    });
    for (const file of page.files ?? []) {
      const code = file.appProperties?.[APP.unit];
      if (typeof code === 'string' && !listed.has(codeIdentity(code))) names.push(file.name ?? code);
    }
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return names;
}
