/** Units of the ward, the campaign settings, and how both are read from the set-up sheet "Cấu hình". */
import { reportMessages } from './messages/reports';
import {
  campaignLabels,
  configMessages as m,
  organisationNames,
  signerTitles,
  unitColumnLabels,
  unitTypeNames,
} from './messages/setup';
import { driveIdOf } from './drive-links';
import { leadersMessages } from './messages/leaders';
import { normalizeText } from './text';

export const UNIT_TYPES = unitTypeNames;
/** A row of Cấu hình's campaign block, named by its label (see config-table.ts). */
export type CampaignKey = keyof typeof campaignLabels;
/** A column of Cấu hình's units table, named by its header. */
export type UnitColumnKey = keyof typeof unitColumnLabels;

/** A campaign value and the row it was read from. */
export interface CampaignCell {
  value: unknown;
  row: number;
}
export type UnitType = (typeof UNIT_TYPES)[number];
/** The type whose targets are households, not people: their sum is the ward's households by default. */
export const RESIDENTIAL_GROUP: UnitType = unitTypeNames[10];
/** Units that sit under the ward's People's Committee: "Cơ quan chủ quản" defaults to it. */
const UNDER_COMMITTEE: readonly UnitType[] = [
  'UBND',
  'Phòng/ban',
  'Trung tâm',
  'Trường học',
  'Y tế',
  'Tổ dân phố',
];
/** Units with no seal of their own: they sign "(Ký, ghi rõ họ tên)" instead of "(Ký tên, đóng dấu)". */
const NO_SEAL: readonly UnitType[] = ['Tổ dân phố', 'Khác'];

/** How a unit's report is signed. */
export interface Signer {
  /** The title, one line each (in capitals on the report); empty when none is known. */
  title: string[];
  /** The line under it: "(Ký tên, đóng dấu)", or "(Ký, ghi rõ họ tên)" where there is no seal. */
  note: string;
}

export interface Unit {
  code: string;
  name: string;
  type: UnitType;
  /** Households for a Tổ dân phố, people otherwise. */
  target: number;
  emails: string[];
  manager: string;
  phone: string;
  /**
   * "Cơ quan chủ quản", printed above the unit's name: Cấu hình's cell, else the default of the unit's
   * type; '' prints nothing.
   */
  parentBody: string;
  /** "Chức danh người ký": Cấu hình's cell, else the default of the unit's type. */
  signer: Signer;
  /** The row of the set-up sheet that holds this unit. */
  configRow: number;
  /** The id of the unit's own spreadsheet ("Tệp của đơn vị"), '' while it has none. */
  fileId: string;
}

/** Where units type their lists: a file each, or a tab each in the office's file. */
export type Organisation = keyof typeof organisationNames;

export interface Campaign {
  title: string;
  /**
   * The ward's People's Committee: it issued the dispatch, the units' reports are sent to it (Cấu hình's
   * "Cơ quan nhận báo cáo (Kính gửi)") and it writes the ward's report.
   */
  issuer: string;
  /** The dispatch answered, "125/UBND-VHXH ngày 12/5/2026" as typed ('' when not given). */
  dispatch: string;
  place: string;
  completionDeadline: Date | null;
  reportDeadline: Date | null;
  /** Blank on the set-up sheet: the sum of the targets of the Tổ dân phố units. */
  households: number | null;
  /** "Cách tổ chức": 'shared' when Cấu hình has no such row (it was made before there was a choice). */
  organisation: Organisation;
  /** The id of the units' folder ("Thư mục tệp đơn vị"), '' while there is none. */
  unitFolder: string;
  /** Whom units call for help (the invitation names them), as typed; '' when not given. */
  contact: string;
  /** "Liên hệ hỗ trợ": whom the office calls about the add-on itself, as typed; '' when not given. */
  support: string;
  /** "Lãnh đạo xem": who may view the leaders' file (figures only), lower case. */
  leaders: string[];
  /** The id of the leaders' file ("Tệp lãnh đạo"), '' while there is none. */
  leadersFile: string;
  /** "Mục đích thu thập": what the data serve, printed under the title of every unit sheet and report. */
  purpose: string;
  /** "Kết thúc đợt báo cáo": when and by whom the lists were erased, as recorded; '' while open. */
  closed: string;
}

export interface ConfigProblem {
  row: number;
  message: string;
}

const MAX_UNIT_CODE_LENGTH = 20;
/** Google Sheets allows 100 characters; Excel 31. Tabs stay within Excel's limit so that a download as
 * .xlsx (and the local runner) keeps every tab name; the header block keeps the full name. */
export const MAX_TAB_NAME_LENGTH = 31;
const MAX_UNIT_NAME_LENGTH = 100;

const CODE_PATTERN = /^[A-Za-z0-9_-]+$/;
const EMAIL_PATTERN = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Two codes that differ only in case or in '-' against '_' would share a named range: treat them as one. */
export function codeIdentity(code: string): string {
  return code.toUpperCase().replace(/-/g, '_');
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') return '';
  return normalizeText(String(value));
}

function splitEmails(value: string): string[] {
  return value
    .split(/[,;\s]+/)
    .map((email) => email.trim().toLowerCase())
    .filter((email) => email !== '');
}

function parseTarget(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const raw = text(value).replace(/[.\s]/g, '');
  if (!/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function matchUnitType(value: string): UnitType | null {
  const lower = value.toLocaleLowerCase('vi');
  return UNIT_TYPES.find((type) => type.toLocaleLowerCase('vi') === lower) ?? null;
}

/** The cell's lines, each tidied, blank ones dropped (a title may take two lines: "KT. …" then the office). */
function lines(value: unknown): string[] {
  if (typeof value !== 'string') return text(value) === '' ? [] : [text(value)];
  return value
    .split(/\r?\n/)
    .map(text)
    .filter((line) => line !== '');
}

/** Cấu hình's defaults for a unit of this type (what Thiết lập đơn vị fills in and a blank cell means). */
export function unitDefaults(type: UnitType, issuer: string): { parentBody: string; signer: string } {
  return {
    parentBody: UNDER_COMMITTEE.includes(type) ? reportMessages.managingBody(issuer) : '',
    signer: signerTitles[type],
  };
}

/**
 * The signer from the cell (blank: the type's default). A last line in brackets is the line under the
 * title, as typed; otherwise it follows from whether units of the type have a seal.
 */
function signerOf(cell: unknown, type: UnitType): Signer {
  const typed = lines(cell);
  const title = typed.length > 0 ? typed : lines(signerTitles[type]);
  const last = title[title.length - 1] ?? '';
  if (title.length > 1 && /^\(.*\)$/.test(last)) return { title: title.slice(0, -1), note: last };
  return { title, note: NO_SEAL.includes(type) ? reportMessages.signNoSeal : reportMessages.signSealed };
}

/** A unit row: its cells found by their headers (a column the sheet lacks is left out). */
export interface UnitRecord {
  row: number;
  cells: Partial<Record<UnitColumnKey, unknown>>;
}

/**
 * Reads the units table and checks every rule at once, so the clerk sees all problems in one message.
 * Fully blank rows are skipped. `issuer` gives the default parent body of the ward's own units.
 */
export function parseUnits(
  records: readonly UnitRecord[],
  issuer: string = m.campaignDefaults.issuer
): { units: Unit[]; problems: ConfigProblem[] } {
  const units: Unit[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  const files = new Map<string, number>();
  for (const { row, cells } of records) {
    const [code, name, type, target, emails, manager, phone, parentBody] = (
      ['code', 'name', 'type', 'target', 'emails', 'manager', 'phone', 'parentBody'] as const
    ).map((key) => text(cells[key]));
    if ([code, name, type, target, emails, manager, phone].every((cell) => cell === '')) continue;
    const rowProblems: string[] = [];
    if (code === '') rowProblems.push(m.codeBlank);
    else if (!CODE_PATTERN.test(code) || code.length > MAX_UNIT_CODE_LENGTH)
      rowProblems.push(m.codeInvalid(code));
    else {
      const firstSeen = seen.get(codeIdentity(code));
      if (firstSeen !== undefined) rowProblems.push(m.codeDuplicate(code, firstSeen));
      else seen.set(codeIdentity(code), row);
    }
    if (name === '') rowProblems.push(m.nameBlank);
    else if (name.length > MAX_UNIT_NAME_LENGTH) rowProblems.push(m.nameTooLong(MAX_UNIT_NAME_LENGTH));
    const unitType = matchUnitType(type);
    if (unitType === null) rowProblems.push(type === '' ? m.typeBlank : m.typeInvalid(type));
    const parsedTarget = parseTarget(cells.target);
    // Shown as the Vietnamese locale writes numbers (12,5), as the clerk typed it.
    if (parsedTarget === null) rowProblems.push(m.targetInvalid(target.replace('.', ',')));
    const emailList = splitEmails(emails);
    const badEmails = emailList.filter((email) => !EMAIL_PATTERN.test(email));
    if (badEmails.length > 0) rowProblems.push(m.emailInvalid(badEmails.join(', ')));
    const fileId = driveIdOf(text(cells.file), 'spreadsheet');
    if (fileId === null) rowProblems.push(m.fileInvalid(text(cells.file)));
    else if (fileId !== '') {
      const firstRow = files.get(fileId);
      if (firstRow !== undefined) rowProblems.push(m.fileDuplicate(firstRow));
      else files.set(fileId, row);
    }
    rowProblems.forEach((message) => problems.push({ row, message }));
    if (rowProblems.length === 0 && unitType !== null && parsedTarget !== null) {
      units.push({
        code,
        name,
        type: unitType,
        target: parsedTarget,
        emails: emailList,
        manager,
        phone,
        parentBody: parentBody || unitDefaults(unitType, issuer).parentBody,
        signer: signerOf(cells.signer, unitType),
        configRow: row,
        fileId: fileId ?? '',
      });
    }
  }
  return { units, problems };
}

/**
 * The ward as Drive names carry it: "Ủy ban nhân dân phường Hải Dương" → "Phường Hải Dương" (the issuer as
 * written when it does not start with the committee's name).
 */
export function wardName(issuer: string): string {
  const ward = normalizeText(issuer).replace(/^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+/iu, '');
  return ward.charAt(0).toLocaleUpperCase('vi') + ward.slice(1);
}

/** Units grouped by type in the order of UNIT_TYPES, set-up order within a type: the tab order. */
export function unitsInTabOrder(units: readonly Unit[]): Unit[] {
  return [...units].sort(
    (a, b) => UNIT_TYPES.indexOf(a.type) - UNIT_TYPES.indexOf(b.type) || a.configRow - b.configRow
  );
}

export function defaultHouseholds(units: readonly Unit[]): number {
  return units.filter((unit) => unit.type === RESIDENTIAL_GROUP).reduce((sum, unit) => sum + unit.target, 0);
}

/**
 * A tab name Sheets and Excel both accept, unique among `taken` (compared case-insensitively, as
 * Sheets does). Excel forbids : \ / ? * [ ] and a leading or trailing apostrophe.
 */
export function safeTabName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((tab) => tab.toLocaleLowerCase('vi')));
  const cleaned =
    normalizeText(name.replace(/[:\\/?*[\]]/g, '-')).replace(/^'+|'+$/g, '') || m.defaultTabName;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const base = cleaned.slice(0, MAX_TAB_NAME_LENGTH - suffix.length).replace(/[\s']+$/, '');
    const candidate = base + suffix;
    if (!used.has(candidate.toLocaleLowerCase('vi'))) return candidate;
  }
}

function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** A date cell, or dd/mm/yyyy text (a cell Sheets did not recognise as a date). */
function parseDateCell(value: unknown): Date | null | 'invalid' {
  if (isDateValue(value)) return value;
  const raw = text(value);
  if (raw === '') return null;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (!match) return 'invalid';
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getMonth() === month - 1 && date.getDate() === day ? date : 'invalid';
}

/** The campaign block: the cells found by their labels; a row the sheet lacks takes its default. */
export function parseCampaign(cells: Partial<Record<CampaignKey, CampaignCell>>): {
  campaign: Campaign;
  problems: ConfigProblem[];
} {
  const problems: ConfigProblem[] = [];
  const date = (key: 'completionDeadline' | 'reportDeadline'): Date | null => {
    const cell = cells[key];
    if (!cell) return null;
    const parsed = parseDateCell(cell.value);
    if (parsed !== 'invalid') return parsed;
    problems.push({ row: cell.row, message: m.deadlineInvalid(m.campaignLabels[key]) });
    return null;
  };
  const completionDeadline = date('completionDeadline');
  const reportDeadline = date('reportDeadline');
  let households: number | null = null;
  const householdsCell = cells.households;
  if (householdsCell && text(householdsCell.value) !== '') {
    households = parseTarget(householdsCell.value);
    if (households === null || households === 0) {
      problems.push({ row: householdsCell.row, message: m.householdsInvalid(text(householdsCell.value)) });
      households = null;
    }
  }
  const value = (key: CampaignKey): string => text(cells[key]?.value);
  let organisation: Organisation = 'shared';
  const organisationCell = cells.organisation;
  if (organisationCell) {
    const typed = value('organisation');
    const lower = typed.toLocaleLowerCase('vi');
    const found = (Object.keys(organisationNames) as Organisation[]).find(
      (key) => organisationNames[key].toLocaleLowerCase('vi') === lower
    );
    if (found) organisation = found;
    else
      problems.push({
        row: organisationCell.row,
        message: typed === '' ? m.organisationBlank : m.organisationInvalid(typed),
      });
  }
  let unitFolder = '';
  const folderCell = cells.unitFolder;
  if (folderCell) {
    const id = driveIdOf(value('unitFolder'), 'folder');
    if (id === null) problems.push({ row: folderCell.row, message: m.folderInvalid(value('unitFolder')) });
    else unitFolder = id;
  }
  const leaders = splitEmails(value('leaders'));
  const badLeaders = leaders.filter((email) => !EMAIL_PATTERN.test(email));
  if (badLeaders.length > 0 && cells.leaders)
    problems.push({ row: cells.leaders.row, message: m.emailInvalid(badLeaders.join(', ')) });
  let leadersFile = '';
  const leadersFileCell = cells.leadersFile;
  if (leadersFileCell) {
    const id = driveIdOf(value('leadersFile'), 'spreadsheet');
    if (id === null)
      problems.push({
        row: leadersFileCell.row,
        message: leadersMessages.leadersFileInvalid(value('leadersFile')),
      });
    else leadersFile = id;
  }
  const campaign: Campaign = {
    title: value('title') || m.campaignDefaults.title,
    issuer: value('issuer') || m.campaignDefaults.issuer,
    dispatch: value('dispatch'),
    place: value('place') || m.campaignDefaults.place,
    completionDeadline,
    reportDeadline,
    households,
    organisation,
    unitFolder,
    contact: value('contact'),
    support: value('support'),
    leaders: badLeaders.length > 0 ? [] : leaders,
    leadersFile,
    // A row the clerk emptied means the default: people are always told what their data serve.
    purpose: value('purpose') || leadersMessages.purposeDefault,
    closed: value('closed'),
  };
  return { campaign, problems };
}
