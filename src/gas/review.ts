/**
 * "Theo dõi và nhắc đơn vị": the sidebar screen (and `tonghop remind`, `tonghop review`) that follows the
 * units up: each unit's status, Duyệt / Trả lại (the office only), and Nhắc đơn vị, the units to call
 * with a message ready to send over Zalo.
 *
 * The figures are the last complete Tổng hợp's, kept in the document's properties (consolidate.ts): the
 * reminders open no unit's file. Duyệt and Trả lại open the one unit's list they act on. What a status
 * rests on is the office's own record (REVIEW_KEY, in the document's properties, which no unit can reach)
 * and the unit's tick; nothing a unit could type elsewhere counts.
 */
import {
  asReviewRecord,
  daysBetween,
  listPrint,
  remindOrder,
  remindReasons,
  REVIEW_BUDGET_CHARS,
  REVIEW_KEY,
  zaloLink,
  type FollowUpFigures,
  type ReviewRecord,
} from '../core/follow-up';
import {
  namesakeRequestSchema,
  reviewRequestSchema,
  type FollowUpResponse,
  type Reminder,
  type ReviewResponse,
  type UnitFollowUp,
} from '../core/follow-up-api';
import { consolidateMessages as cm, summaryMessages as sm } from '../core/messages/consolidate';
import { followUpMessages as fm, statusLabels } from '../core/messages/follow-up';
import { codeIdentity, RESIDENTIAL_GROUP } from '../core/units';
import { checkUnitSheet } from '../core/consolidate';
import { fingerprint } from '../core/steps';
import { lastFollowUp, NAMESAKE_KEY, pendingNamesakes } from './consolidate';
import { keepBeside, readBeside, showSidebar, underDocumentLock, withDetail } from './run';
import { loadWorkbookContext } from './workbook-context';

/** A note the unit's header can hold on a line or two. */
const MAX_NOTE = 300;

function emptyFollowUp(message: string): FollowUpResponse {
  return { ok: false, message, figuresAt: '', isOffice: false, units: [], reminders: [], namesakes: [] };
}

/** Sidebar "Theo dõi đơn vị" (and its "Làm mới"); `tonghop remind`. */
export function followUp(): FollowUpResponse {
  const workbook = loadWorkbookContext();
  if (!workbook.setup) return emptyFollowUp(cm.noConfig);
  const config = workbook.setup.config();
  const isOffice = workbook.setup.office().isOffice;
  const last = lastFollowUp(config);
  if (!last) return { ...emptyFollowUp(fm.noConsolidation), isOffice };
  const reviews = readBeside(REVIEW_KEY);
  const now = new Date();
  const day = (date: Date) => workbook.formatDate(date, 'yyyy-MM-dd');
  const shown = (date: Date | null) => (date ? workbook.formatDate(date, 'dd/MM/yyyy') : '');
  const today = day(now);
  const { completionDeadline, reportDeadline, contact } = config.campaign;
  const toCompletion = completionDeadline ? daysBetween(today, day(completionDeadline)) : null;
  const toReport = reportDeadline ? daysBetween(today, day(reportDeadline)) : null;

  const units: UnitFollowUp[] = [];
  const candidates: {
    index: number;
    target: number;
    figures: FollowUpFigures;
    reasons: Reminder['reasons'];
  }[] = [];
  config.units.forEach((unit, index) => {
    let figures = last.units[index];
    if (!figures) return;
    // A decision the office made after those figures were counted is the newer word.
    const record: ReviewRecord | null = asReviewRecord(reviews.get(codeIdentity(unit.code)));
    if (record && Date.parse(record.at) > last.at.getTime()) {
      figures = {
        ...figures,
        status: record.status,
        since: record.at,
        changedRows: [],
        ticked: record.status === 'returned' ? false : figures.ticked,
      };
    }
    units.push({
      code: unit.code,
      name: unit.name,
      status: figures.status,
      statusText: !figures.readable
        ? fm.unreadable
        : figures.status === 'changed'
          ? fm.changedRows(figures.changedRows)
          : statusLabels[figures.status],
      since: shown(new Date(figures.since)),
    });
    const input = { index, target: unit.target, figures };
    candidates.push({ ...input, reasons: remindReasons(input, toCompletion, toReport) });
  });
  const reminders = remindOrder(candidates).map(({ index, figures, reasons }): Reminder => {
    const unit = config.units[index];
    return {
      code: unit.code,
      name: unit.name,
      reasons,
      reasonText: reasons.map((r) => fm.reasons[r]).join('; '),
      message: fm.message({
        unitName: unit.name,
        rows: figures.rows,
        valid: figures.valid,
        target: unit.target,
        targetUnit: unit.type === RESIDENTIAL_GROUP ? sm.targetUnit.households : sm.targetUnit.people,
        ratio: unit.target > 0 ? figures.valid / unit.target : null,
        errors: figures.errors,
        errorRows: figures.errorRows,
        changedRows: figures.changedRows,
        reasons,
        ticked: figures.ticked,
        completion: shown(completionDeadline),
        report: shown(reportDeadline),
        contact,
      }),
      zalo: zaloLink(unit.phone),
      phone: unit.phone,
    };
  });
  const at = workbook.formatDate(last.at, 'dd/MM/yyyy HH:mm');
  const lines = [fm.figuresAt(at)];
  if (!last.current) lines.push(fm.staleConsolidation);
  lines.push(reminders.length === 0 ? fm.nobodyToRemind : fm.remindCount(reminders.length));
  const namesakes = isOffice ? pendingNamesakes(config) : [];
  return { ok: true, message: lines.join('\n'), figuresAt: at, isOffice, units, reminders, namesakes };
}

function review(request: unknown): ReviewResponse {
  const parsed = reviewRequestSchema.safeParse(request ?? {});
  if (!parsed.success) return { ok: false, message: fm.badRequest };
  const { unit: code, action } = parsed.data;
  const note = (parsed.data.note ?? '').normalize('NFC').trim();
  const accept = action === 'accept';
  if (!accept && note === '') return { ok: false, message: fm.noteRequired };
  if (note.length > MAX_NOTE) return { ok: false, message: fm.noteTooLong(MAX_NOTE) };
  const workbook = loadWorkbookContext();
  if (!workbook.setup) return { ok: false, message: cm.noConfig };
  const office = workbook.setup.office();
  if (!office.isOffice) return { ok: false, message: fm.officeOnly };
  const config = workbook.setup.config();
  const unit = config.units.find((u) => codeIdentity(u.code) === codeIdentity(code));
  if (!unit) return { ok: false, message: fm.unknownUnit(code) };
  const lists = workbook.lists();
  const input = lists.read(unit);
  const ref = lists.of(unit);
  if (input.state !== 'ok' || !ref) return { ok: false, message: fm.cannotRead(unit.name) };
  const at = new Date();
  const date = workbook.formatDate(at, 'dd/MM/yyyy');
  let record: ReviewRecord;
  if (accept) {
    const print = listPrint(input.rows);
    if (print.rows === 0) return { ok: false, message: fm.noRowsToAccept(unit.name) };
    // Within the office's budget of properties, the row hashes that name a later change's rows.
    const used = [...readBeside(REVIEW_KEY)]
      .filter(([key]) => key !== codeIdentity(unit.code))
      .reduce((n, [, value]) => n + JSON.stringify(value).length, 0);
    const rowHashes = used + print.rowHashes.length <= REVIEW_BUDGET_CHARS ? print.rowHashes : '';
    record = { status: 'accepted', at: at.toISOString(), ...print, rowHashes };
  } else record = { status: 'returned', at: at.toISOString() };
  const header = accept ? fm.acceptedNote(date) : fm.returnedNote(date, note);
  if (!lists.review(ref, unit, accept, header, office.editors, workbook.sharing()))
    return { ok: false, message: fm.notYours(unit.name) };
  keepBeside(REVIEW_KEY, codeIdentity(unit.code), record);
  return {
    ok: true,
    message: accept ? fm.accepted(unit.name, record.rows ?? 0) : fm.returned(unit.name),
  };
}

/** Sidebar "Duyệt" / "Trả lại" (the office only); `tonghop review --accept | --return "ghi chú"`. */
export function reviewUnit(request?: unknown): ReviewResponse {
  return underDocumentLock<ReviewResponse>(
    () => ({ ok: false, message: cm.busy }),
    () => review(request),
    (message, detail) => withDetail({ ok: false, message }, detail)
  );
}

function acceptOne(request: unknown): ReviewResponse {
  const parsed = namesakeRequestSchema.safeParse(request ?? {});
  if (!parsed.success) return { ok: false, message: fm.badRequest };
  const { unit: code, row } = parsed.data;
  const workbook = loadWorkbookContext();
  if (!workbook.setup) return { ok: false, message: cm.noConfig };
  if (!workbook.setup.office().isOffice) return { ok: false, message: fm.acceptOfficeOnly };
  const config = workbook.setup.config();
  const unit = config.units.find((u) => codeIdentity(u.code) === codeIdentity(code));
  if (!unit) return { ok: false, message: fm.unknownUnit(code) };
  // The row as it is now (one read of the unit's list): what is accepted is this person's key, so a row
  // edited afterwards is no longer the one accepted.
  const input = workbook.lists().read(unit);
  if (input.state !== 'ok') return { ok: false, message: fm.cannotRead(unit.name) };
  const entry = checkUnitSheet(input, workbook.year()).find((e) => e.checked.sheetRow === row);
  const key = entry?.checked.personKey;
  if (!entry || !entry.checked.valid || !entry.checked.namesake || !key)
    return { ok: false, message: fm.notANamesake(unit.name, row) };
  const kept = readBeside(NAMESAKE_KEY).get(codeIdentity(unit.code));
  const accepted = Array.isArray(kept) ? (kept as string[]) : [];
  const print = fingerprint(key);
  if (!accepted.includes(print)) keepBeside(NAMESAKE_KEY, codeIdentity(unit.code), [...accepted, print]);
  return { ok: true, message: fm.namesakeAccepted(unit.name, row) };
}

/**
 * Sidebar "Chấp nhận: hai người khác nhau" on a "Không trùng" row another unit listed first (issue 25; the
 * office only); `tonghop review --unit MÃ --accept-namesake DÒNG`. Counted as its own person from the next
 * Tổng hợp.
 */
export function acceptNamesake(request?: unknown): ReviewResponse {
  return underDocumentLock<ReviewResponse>(
    () => ({ ok: false, message: cm.busy }),
    () => acceptOne(request),
    (message, detail) => withDetail({ ok: false, message }, detail)
  );
}

/** Menu "Theo dõi và nhắc đơn vị": the sidebar on its follow-up screen. */
export function showFollowSidebar(): void {
  // The page reads this once it has loaded (the line lands after the page's own script).
  showSidebar(fm.title, '<script>window.tonghopScreen = "follow";</script>');
}
