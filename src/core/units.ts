/** Units of the ward, the campaign settings, and how both are read from the set-up sheet "Cấu hình". */
import { configMessages as m, unitTypeNames } from './messages/setup';
import { normalizeText } from './text';

export const UNIT_TYPES = unitTypeNames;
export type UnitType = (typeof UNIT_TYPES)[number];
/** The type whose targets are households, not people: their sum is the ward's households by default. */
export const RESIDENTIAL_GROUP: UnitType = unitTypeNames[10];

export interface Unit {
  code: string;
  name: string;
  type: UnitType;
  /** Households for a Tổ dân phố, people otherwise. */
  target: number;
  emails: string[];
  manager: string;
  phone: string;
  /** The row of the set-up sheet that holds this unit. */
  configRow: number;
}

export interface Campaign {
  title: string;
  issuer: string;
  place: string;
  completionDeadline: Date | null;
  reportDeadline: Date | null;
  /** Blank on the set-up sheet: the sum of the targets of the Tổ dân phố units. */
  households: number | null;
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

/**
 * Reads the units table (rows below its header, in the column order of UNIT_COLUMNS) and checks every
 * rule at once, so the clerk sees all problems in one message. Fully blank rows are skipped.
 */
export function parseUnits(
  rows: readonly unknown[][],
  firstRow: number
): { units: Unit[]; problems: ConfigProblem[] } {
  const units: Unit[] = [];
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = firstRow + index;
    const [code, name, type, target, emails, manager, phone] = cells.slice(0, 7).map(text);
    if ([code, name, type, text(cells[3]), emails, manager, phone].every((cell) => cell === '')) return;
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
    const parsedTarget = parseTarget(cells[3]);
    // Shown as the Vietnamese locale writes numbers (12,5), as the clerk typed it.
    if (parsedTarget === null) rowProblems.push(m.targetInvalid(target.replace('.', ',')));
    const emailList = splitEmails(emails);
    const badEmails = emailList.filter((email) => !EMAIL_PATTERN.test(email));
    if (badEmails.length > 0) rowProblems.push(m.emailInvalid(badEmails.join(', ')));
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
        configRow: row,
      });
    }
  });
  return { units, problems };
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

/** The campaign block: values of its rows in CAMPAIGN_ROWS order. */
export function parseCampaign(
  values: readonly unknown[],
  firstRow: number
): { campaign: Campaign; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const labels = m.campaignLabels;
  const date = (index: number): Date | null => {
    const parsed = parseDateCell(values[index]);
    if (parsed !== 'invalid') return parsed;
    problems.push({ row: firstRow + index, message: m.deadlineInvalid(labels[index]) });
    return null;
  };
  const completionDeadline = date(3);
  const reportDeadline = date(4);
  const householdsRaw = values[5];
  let households: number | null = null;
  if (text(householdsRaw) !== '') {
    households = parseTarget(householdsRaw);
    if (households === null || households === 0) {
      problems.push({ row: firstRow + 5, message: m.householdsInvalid(text(householdsRaw)) });
      households = null;
    }
  }
  const campaign: Campaign = {
    title: text(values[0]) || m.campaignDefaults.title,
    issuer: text(values[1]) || m.campaignDefaults.issuer,
    place: text(values[2]) || m.campaignDefaults.place,
    completionDeadline,
    reportDeadline,
    households,
  };
  return { campaign, problems };
}
