/**
 * The leaders' file "… - Tổng hợp (lãnh đạo)" (issue 20): a spreadsheet of figures only, shared view-only
 * with Cấu hình's "Lãnh đạo xem" and for editing with the office, so that leaders no longer open the
 * office's file (which holds the master list of names).
 *
 * - Thiết lập makes it (Drive files.create, `writersCanShare` false, tagged in its appProperties with the
 *   office file's id so that a step stopped before the link was written finds it instead of making a
 *   second), links it from Cấu hình's "Tệp lãnh đạo" and keeps its sharing: the office writers without
 *   email, the leaders readers with Google's invitation, anyone else removed.
 * - Every completed Tổng hợp ends by refreshing it (SpreadsheetApp.openById, the `spreadsheets` scope, so
 *   any office member can): the summary as the office's summary shows it, as values (text as literal text,
 *   numbers, dates) with its formats, colours and chart, and the city's table. Both are written into hidden
 *   staging sheets, then switched in (old renamed aside, new shown and renamed, old deleted): a leader never
 *   sees a half-written sheet. No formula is written, so nothing in it reaches the office's file.
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { leadersMessages as lm } from '../core/messages/leaders';
import { SUMMARY, type SummaryLayout } from '../core/report-layout';
import { literalText } from '../core/formulas';
import { spreadsheetLink } from '../core/drive-links';
import { wardName } from '../core/units';
import type { CityTable } from '../core/city-export';
import { writeConfigCell, type Config } from './config-sheet';
import { writeSummary } from './output-sheets';
import { setColumnWidths } from './sheet-utils';
import { lockDownFile } from './sharing-audit';
import { sharingMessages as shm } from '../core/messages/sharing';

const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
/** The ward's time zone, as the manifest's (appsscript.json). */
const WARD_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** appProperties of the leaders' file: the office file it belongs to, and its role. */
const APP = { office: 'tonghopOffice', role: 'tonghopRole' } as const;
const ROLE = 'leaders';
/** Room on the right of the summary for the chart (as the office's summary has). */
const CHART_COLUMNS = 8;
const CITY_WIDTHS = [90, 260, 150, 80, 80, 80, 150, 80, 160];

/** What a Drive error says about itself: Google's HTTP code in `details`. */
function driveCode(error: unknown): number {
  const e = error as { details?: { code?: unknown } } | null;
  return typeof e?.details?.code === 'number' ? e.details.code : 0;
}

/** The office file's id as an appProperties value (≤ 124 bytes with its key; Drive ids are ~44). */
function officeKey(ss: Spreadsheet): string {
  return ss.getId().replace(/[^A-Za-z0-9_-]/g, '');
}

export interface LeadersSetup {
  /** Lines for Thiết lập's closing message. */
  lines: string[];
  /** Lines that need the clerk's attention. */
  attention: string[];
}

/**
 * Thiết lập's part: the leaders' file made (once) and linked from Cấu hình, then its sharing kept. Drive
 * calls: 1 (get) or 2–3 (list, create) to find it, 1 to list its permissions, 1 per change.
 */
export function ensureLeadersFile(
  ss: Spreadsheet,
  configSheet: Sheet,
  config: Config,
  office: readonly string[]
): LeadersSetup {
  const { Drive, SpreadsheetApp } = services();
  const out: LeadersSetup = { lines: [], attention: [] };
  const { campaign } = config;
  let id = campaign.leadersFile;
  if (id !== '') {
    try {
      const file = Drive.Files.get(id, { fields: 'id,trashed,ownedByMe' });
      if (file.trashed) {
        out.attention.push(lm.unreachable);
        return out;
      }
      if (file.ownedByMe === false) {
        out.attention.push(lm.notOwner);
        return out;
      }
    } catch (error) {
      // drive.file: a file this person's app did not make answers 404, as one that is gone does.
      if (driveCode(error) === 404) {
        out.attention.push(lm.unreachable);
        return out;
      }
      throw error;
    }
  } else {
    const key = officeKey(ss);
    const found = Drive.Files.list({
      q: `appProperties has { key='${APP.office}' and value='${key}' } and appProperties has { key='${APP.role}' and value='${ROLE}' } and trashed = false`,
      fields: 'files(id)',
      pageSize: 10,
    }).files?.[0]?.id;
    try {
      id =
        found ??
        Drive.Files.create({
          name: lm.fileName(wardName(campaign.issuer)),
          mimeType: SPREADSHEET_MIME,
          writersCanShare: false,
          appProperties: { [APP.office]: key, [APP.role]: ROLE },
        }).id ??
        '';
    } catch (error) {
      // Google's 250 new spreadsheets a day: tomorrow's Thiết lập makes it.
      if (!/too many times for one day/i.test(String((error as Error)?.message))) throw error;
      out.attention.push(lm.dailyQuota);
      return out;
    }
    if (id === '') throw new Error('Drive made no leaders’ file.');
    if (!found) {
      // Google does not say what a new spreadsheet's locale and time zone are: set both.
      const file = SpreadsheetApp.openById(id);
      file.setSpreadsheetLocale('vi_VN');
      file.setSpreadsheetTimeZone(WARD_TIME_ZONE);
      const sheet = file.getSheets()[0];
      sheet.setName(lm.summarySheet);
      sheet.getRange(1, 1).setValue(literalText(lm.notYetConsolidated));
    }
    writeConfigCell(configSheet, config.places, { campaign: 'leadersFile' }, spreadsheetLink(id));
    out.lines.push(lm.created);
  }
  const shared = shareLeadersFile(
    id,
    office,
    campaign.leaders,
    lm.invitation(wardName(campaign.issuer), campaign.title)
  );
  if (shared.invited > 0) out.lines.push(lm.sharedWith(shared.invited));
  if (shared.removed.length > 0) out.attention.push(lm.leadersRemoved(shared.removed));
  const repaired = [
    ...(shared.locked.reshared ? [shm.item({ file: 'leaders', name: '', issue: 'writers-can-share' })] : []),
    ...(shared.locked.unpublished ? [shm.item({ file: 'leaders', name: '', issue: 'published' })] : []),
  ];
  if (repaired.length > 0) out.attention.push(shm.repaired(repaired));
  if (campaign.leaders.length === 0) out.attention.push(lm.noLeaders);
  return out;
}

/**
 * The file shared with exactly the office (writers, no email: Tổng hợp, run by any of them, refreshes it)
 * and the leaders (readers, invited by Google with our message); link sharing and anyone else removed.
 * An office member listed as a leader stays a writer.
 */
function shareLeadersFile(
  fileId: string,
  office: readonly string[],
  leaders: readonly string[],
  invitation: string
): { invited: number; removed: string[]; locked: { reshared: boolean; unpublished: boolean } } {
  const { Drive } = services();
  const writers = new Set(office.map((email) => email.toLowerCase()));
  const readers = new Set(leaders.map((email) => email.toLowerCase()).filter((email) => !writers.has(email)));
  // One files.get for the permissions and writersCanShare (issue 25: both kept, and nothing published).
  const list = Drive.Files.get(fileId, { fields: 'writersCanShare,permissions(id,type,role,emailAddress)' });
  const locked = lockDownFile(fileId, list.writersCanShare);
  const have = new Set<string>();
  const removed: string[] = [];
  for (const p of list.permissions ?? []) {
    if (p.role === 'owner') continue;
    const email = (p.emailAddress ?? '').toLowerCase();
    const wanted =
      p.type === 'user' && (writers.has(email) ? 'writer' : readers.has(email) ? 'reader' : null);
    if (wanted && p.role === wanted) {
      have.add(email);
      continue;
    }
    // Someone no longer listed, link sharing, or the wrong role (recreated below with the right one).
    if (p.id) Drive.Permissions.remove(fileId, p.id);
    if (email && !wanted) removed.push(email);
  }
  for (const email of writers) {
    if (have.has(email)) continue;
    Drive.Permissions.create({ type: 'user', role: 'writer', emailAddress: email }, fileId, {
      sendNotificationEmail: false,
    });
  }
  let invited = 0;
  for (const email of readers) {
    if (have.has(email)) continue;
    Drive.Permissions.create({ type: 'user', role: 'reader', emailAddress: email }, fileId, {
      sendNotificationEmail: true,
      emailMessage: invitation,
    });
    invited++;
  }
  return { invited, removed, locked };
}

/** What Tổng hợp gives the leaders' file: the office summary's values and layout, and the city's table. */
export interface LeadersFigures {
  /** The office's summary as Sheets computed it (getValues of its whole layout). */
  values: unknown[][];
  layout: SummaryLayout;
  city: CityTable;
  /** "dd/MM/yyyy HH:mm" of the run. */
  consolidatedAt: string;
  title: string;
}

/** A value as written into the leaders' file: text as literal text, so that nothing becomes a formula. */
function asValue(cell: unknown): unknown {
  return typeof cell === 'string' ? literalText(cell) : cell;
}

/** Tabs by name: the live, staging and retired sheets of each of the two. */
const PAIRS = [
  { live: lm.summarySheet, staging: lm.stagingSummary, retired: lm.retiredSummary },
  { live: lm.citySheet, staging: lm.stagingCity, retired: lm.retiredCity },
] as const;

function writeCity(sheet: Sheet, figures: LeadersFigures): void {
  const { header, rows } = figures.city;
  const width = header.length;
  const head: unknown[][] = [
    [literalText(lm.cityTitle(figures.title)), ...Array<unknown>(width - 1).fill('')],
    [literalText(lm.cityAt(figures.consolidatedAt)), ...Array<unknown>(width - 1).fill('')],
    header.map(literalText),
  ];
  const body = rows.map((row) => row.map(asValue));
  const all = [...head, ...body];
  const grid = sheet.getRange(1, 1, all.length, width);
  grid.setValues(all);
  grid.setFontFamily('Times New Roman');
  sheet.getRange(1, 1, 1, width).setFontWeight('bold');
  sheet.getRange(3, 1, 1, width).setFontWeight('bold').setBackground('#dbe7f5').setWrap(true);
  sheet.getRange(all.length, 1, 1, width).setFontWeight('bold');
  sheet
    .getRange(4, 1, body.length, width)
    .setNumberFormats(body.map(() => ['@', '@', '@', '#,##0', '#,##0', '#,##0', '#,##0', '0.0%', '@']));
  setColumnWidths(sheet, CITY_WIDTHS);
}

/**
 * Tổng hợp's last part: the leaders' file refreshed, each sheet written hidden and then switched in.
 * Safe to repeat: a sheet left by a stopped refresh is dropped or finished. 'unreachable' when the file
 * cannot be opened (deleted, or no longer shared with the person running Tổng hợp).
 */
export function refreshLeadersFile(id: string, figures: LeadersFigures): 'refreshed' | 'unreachable' {
  let file: Spreadsheet;
  try {
    file = services().SpreadsheetApp.openById(id);
  } catch {
    return 'unreachable';
  }
  try {
    return writeLeadersFile(file, figures);
  } catch (error) {
    // Google's stop at 6 minutes goes on (the next step refreshes again); anything else, a colleague who
    // may view but not edit the file say, is said in Tổng hợp's message and does not block Tổng hợp.
    if (/exceeded maximum execution time/i.test(String((error as Error)?.message))) throw error;
    return 'unreachable';
  }
}

function writeLeadersFile(file: Spreadsheet, figures: LeadersFigures): 'refreshed' {
  const byName = () => new Map(file.getSheets().map((sheet) => [sheet.getName(), sheet]));
  let sheets = byName();
  // A staging sheet a stopped refresh left may be half written: it goes.
  for (const pair of PAIRS) {
    const staging = sheets.get(pair.staging);
    if (staging) file.deleteSheet(staging);
  }
  const count = file.getSheets().length;
  // Visible and blank for the one call between insertSheet and hideSheet; hidden while it is written.
  const summary = file.insertSheet(lm.stagingSummary, count);
  summary.hideSheet();
  const layout: SummaryLayout = { ...figures.layout, cells: figures.values.map((row) => row.map(asValue)) };
  const columns = SUMMARY.columns + CHART_COLUMNS;
  if (summary.getMaxColumns() < columns)
    summary.insertColumnsAfter(summary.getMaxColumns(), columns - summary.getMaxColumns());
  summary.getRange(1, 1, Math.max(layout.cells.length, 1), SUMMARY.columns).setFontFamily('Times New Roman');
  setColumnWidths(summary, SUMMARY.columnWidths);
  writeSummary(summary, layout);
  const city = file.insertSheet(lm.stagingCity, count + 1);
  city.hideSheet();
  writeCity(city, figures);

  // The switch: the old sheets step aside, the new ones are shown and take the live names, the old go.
  sheets = byName();
  const fresh = [summary, city];
  PAIRS.forEach((pair, i) => {
    const old = sheets.get(pair.live);
    if (old) old.setName(sheets.has(pair.retired) ? `${pair.retired} ${Date.now()}` : pair.retired);
    // Named first, shown last: a visible sheet is always a whole one (the old until this call).
    fresh[i].setName(pair.live);
    fresh[i].showSheet();
  });
  for (const sheet of file.getSheets()) {
    const name = sheet.getName();
    if (PAIRS.some((pair) => name.startsWith(pair.retired))) file.deleteSheet(sheet);
  }
  return 'refreshed';
}
