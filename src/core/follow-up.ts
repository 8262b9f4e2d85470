/**
 * Following the units up: each unit's status, the fingerprint of an accepted list, and whom to remind.
 * Pure: the shell hands in what it read (the unit's rows, its "done" tick) and what the office recorded
 * (acceptance, return), and keeps what comes out.
 *
 * Nothing here trusts a value a unit could type, but its own tick: acceptance and return live in the
 * office's records, and an accepted list is compared with its recorded fingerprint, not with any cell.
 */
import { fingerprint } from './steps';

export type UnitStatus = 'empty' | 'typing' | 'done' | 'accepted' | 'returned' | 'changed';

/** What the office records when it accepts or returns a unit's list (no personal data: counts and hashes). */
export interface ReviewRecord {
  status: 'accepted' | 'returned';
  /** ISO time of the decision. */
  at: string;
  /** Accepted: the list's row count, its hash, and one short hash per row ('' when the list is too long). */
  rows?: number;
  hash?: string;
  rowHashes?: string;
}

/** A list's fingerprint: its filled rows, a hash of them, and a short hash per row up to its last filled row. */
export interface ListPrint {
  rows: number;
  hash: string;
  rowHashes: string;
}

/** Characters of each row's short hash, from a 64-character alphabet: 4,096 values. */
const ROW_HASH = 2;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BLANK_ROW = ALPHABET[0].repeat(ROW_HASH);
/** Beyond this many rows only the whole list's hash is kept (a document property holds 9 kB). */
const MAX_ROW_HASHES = 4_000;
/**
 * What the office's review records may take of the document properties (500 kB in all, shared with Tổng
 * hợp's own records): past it, an acceptance keeps its whole-list hash only, and a later change is flagged
 * without naming its rows.
 */
export const REVIEW_BUDGET_CHARS = 250_000;

/** The typed cells of a row (Họ và tên … Ghi chú: Stt is a formula), as text. */
function typed(cells: readonly unknown[]): string[] {
  return cells.slice(1).map((cell) => String(cell ?? '').trim());
}

function rowHash(cells: readonly unknown[]): string {
  const text = typed(cells);
  if (text.every((t) => t === '')) return BLANK_ROW;
  const n = parseInt(fingerprint(JSON.stringify(text)), 36);
  return ALPHABET[n & 63] + ALPHABET[(n >>> 6) & 63];
}

const filled = (cells: readonly unknown[]): boolean => typed(cells).some((t) => t !== '');

/** The fingerprint of a unit's data rows (cells from Stt on, as read). */
export function listPrint(rows: readonly (readonly unknown[])[]): ListPrint {
  let last = rows.length - 1;
  while (last >= 0 && !filled(rows[last])) last--;
  const kept = rows.slice(0, last + 1);
  const count = kept.filter(filled).length;
  return {
    rows: count,
    hash: fingerprint(JSON.stringify(kept.map(typed))),
    rowHashes: kept.length <= MAX_ROW_HASHES ? kept.map(rowHash).join('') : '',
  };
}

/** The sheet rows whose content differs from the accepted list's, position by position. */
export function changedRows(accepted: ReviewRecord, now: ListPrint, firstDataRow: number): number[] {
  const before = accepted.rowHashes ?? '';
  if (before === '' || now.rowHashes === '') return [];
  const at = (hashes: string, i: number) =>
    hashes.slice(i * ROW_HASH, (i + 1) * ROW_HASH) || '0'.repeat(ROW_HASH);
  const length = Math.max(before.length, now.rowHashes.length) / ROW_HASH;
  const rows: number[] = [];
  for (let i = 0; i < length; i++) if (at(before, i) !== at(now.rowHashes, i)) rows.push(firstDataRow + i);
  return rows;
}

/** A unit's status from its list, its tick and the office's record. */
export function unitStatus(
  print: ListPrint,
  ticked: boolean,
  record: ReviewRecord | null,
  firstDataRow: number
): { status: UnitStatus; changed: number[] } {
  if (record?.status === 'accepted') {
    if (record.hash === print.hash && record.rows === print.rows) return { status: 'accepted', changed: [] };
    return { status: 'changed', changed: changedRows(record, print, firstDataRow) };
  }
  if (print.rows === 0) return { status: 'empty', changed: [] };
  if (ticked) return { status: 'done', changed: [] };
  return { status: record?.status === 'returned' ? 'returned' : 'typing', changed: [] };
}

/** What Tổng hợp keeps of each unit for the reminders and the status dates (no personal data). */
export interface FollowUpFigures {
  status: UnitStatus;
  /** ISO time the status last changed, as far as the office saw. */
  since: string;
  rows: number;
  valid: number;
  errors: number;
  /** The first rows with errors (sheet row numbers). */
  errorRows: number[];
  changedRows: number[];
  ticked: boolean;
  /** Whether the list could be read ('ok'); a unit whose file cannot be read is the office's to fix. */
  readable: boolean;
}

/** Error rows kept per unit: enough for a message, far below a property's 9 kB. */
const KEPT_ERROR_ROWS = 20;

/** The status's date: kept while the status stays; the office's own decision dates its own statuses. */
export function statusSince(
  status: UnitStatus,
  previous: { status?: unknown; since?: unknown } | undefined,
  record: ReviewRecord | null,
  at: Date
): string {
  if ((status === 'accepted' || status === 'returned') && record) return record.at;
  if (previous && previous.status === status && typeof previous.since === 'string') return previous.since;
  return at.toISOString();
}

export type RemindReason = 'no-rows' | 'below-target' | 'errors' | 'not-done' | 'changed-after-acceptance';

/** Most urgent first: the order the reasons are weighed in. */
export const REASON_ORDER: readonly RemindReason[] = [
  'no-rows',
  'below-target',
  'errors',
  'not-done',
  'changed-after-acceptance',
];

/** "As the deadline nears": this many days before it, and after it. */
export const NEAR_DAYS = 7;

export interface RemindInput {
  index: number;
  target: number;
  figures: FollowUpFigures;
}

/**
 * Why a unit needs a call, by the rules (README, "Nhắc đơn vị"): no rows; fewer valid rows than its target
 * within NEAR_DAYS of the completion deadline (or after it); rows with errors; not ticked done once the
 * report deadline is within NEAR_DAYS (or past); its list changed after acceptance. An accepted list that
 * did not change needs no call; a unit whose file cannot be read is the office's to fix, not a call.
 * `daysToCompletion`, `daysToReport`: whole days from today to each deadline, null when there is none.
 */
export function remindReasons(
  input: RemindInput,
  daysToCompletion: number | null,
  daysToReport: number | null
): RemindReason[] {
  const f = input.figures;
  if (!f.readable || f.status === 'accepted') return [];
  if (f.status === 'changed') return ['changed-after-acceptance'];
  const near = (days: number | null) => days !== null && days <= NEAR_DAYS;
  const reasons: RemindReason[] = [];
  if (f.rows === 0) reasons.push('no-rows');
  if (f.rows > 0 && input.target > 0 && f.valid < input.target && near(daysToCompletion))
    reasons.push('below-target');
  if (f.errors > 0) reasons.push('errors');
  if (f.rows > 0 && f.status !== 'done' && near(daysToReport)) reasons.push('not-done');
  return reasons;
}

/**
 * The units to call, most urgent first: by their most urgent reason, then by how many reasons, then by
 * how far below target (no target last), then in set-up order.
 */
export function remindOrder<T extends RemindInput & { reasons: RemindReason[] }>(units: readonly T[]): T[] {
  const rank = (u: T) => Math.min(...u.reasons.map((r) => REASON_ORDER.indexOf(r)));
  const share = (u: T) => (u.target > 0 ? u.figures.valid / u.target : Number.POSITIVE_INFINITY);
  return units
    .filter((u) => u.reasons.length > 0)
    .sort(
      (a, b) =>
        rank(a) - rank(b) || b.reasons.length - a.reasons.length || share(a) - share(b) || a.index - b.index
    );
}

/** Whole days from one calendar day to another ('yyyy-MM-dd', the ward's own dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A unit's phone as a Zalo link: digits only, a +84 or 84 prefix written as 0; '' without a phone. */
export function zaloLink(phone: string): string {
  let digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('84') && digits.length === 11) digits = `0${digits.slice(2)}`;
  digits = digits.replace(/\D/g, '');
  return digits.length >= 9 ? `https://zalo.me/${digits}` : '';
}

/** The document property prefix of the office's review records (`tonghop.review.<CODE>`). */
export const REVIEW_KEY = 'tonghop.review';

/** A review record as kept, or null when the value is not one. */
export function asReviewRecord(value: unknown): ReviewRecord | null {
  if (value === null || typeof value !== 'object') return null;
  const r = value as ReviewRecord;
  return (r.status === 'accepted' || r.status === 'returned') && typeof r.at === 'string' ? r : null;
}

/** Changed rows kept per unit for the summary and the message. */
const KEPT_CHANGED_ROWS = 50;

/**
 * A unit's figures as Tổng hợp reads it: its status from its rows, its tick and the office's record (the
 * list hashed row by row only when the office accepted it).
 */
export function followUpOf(
  input: { state: string; rows: readonly (readonly unknown[])[]; firstDataRow: number; done?: boolean },
  counts: { rows: number; valid: number; errors: number },
  errorRows: readonly number[],
  record: ReviewRecord | null
): Omit<FollowUpFigures, 'since'> {
  const readable = input.state === 'ok';
  const print: ListPrint =
    record?.status === 'accepted' && readable
      ? listPrint(input.rows)
      : { rows: counts.rows, hash: '', rowHashes: '' };
  const ticked = input.done === true;
  const { status, changed } = readable
    ? unitStatus(print, ticked, record, input.firstDataRow)
    : { status: 'empty' as UnitStatus, changed: [] };
  return {
    status,
    rows: counts.rows,
    valid: counts.valid,
    errors: counts.errors,
    errorRows: errorRows.slice(0, KEPT_ERROR_ROWS),
    changedRows: changed.slice(0, KEPT_CHANGED_ROWS),
    ticked,
    readable,
  };
}
