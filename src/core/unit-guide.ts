/**
 * Issue 21: the one-page guide for a unit's staff, ready to send over Zalo: the unit's own file link,
 * the deadlines and whom to call, from Cấu hình; then how to open the file from Google's e-mail on a
 * phone, how to type rows and how to read "Kiểm tra". A form like the reports (report-form.ts), so that
 * the shell writes it as a sheet (downloaded as PDF from Google Sheets) and the CLI renders it with the
 * same PDF path as the reports.
 */
import { FormBuilder, finish, type ReportForm } from './report-form';
import { guideMessages as gm } from './messages/install';
import type { Campaign, Unit } from './units';

/** Two columns, 620 px like the reports: the page's width within Decree 30's margins at 100 %. */
const GUIDE_WIDTHS = [170, 450];
const TEXT_SIZE = 11;

function unitGuideKey(code: string): string {
  return `guide:${code}`;
}

export interface UnitGuideInput {
  unit: Unit;
  campaign: Campaign;
  /** "Phường Hải Dương". */
  ward: string;
  /** The unit's file as Cấu hình links it ('' when it has none yet); in the shared design, its tab's. */
  link: string;
  /** True where the link is a tab of the shared file, not a file of the unit's own. */
  sharedFile: boolean;
  /** The deadlines as the ward writes dates (31/05/2026), '' when Cấu hình leaves them blank. */
  completionDeadline: string;
  reportDeadline: string;
}

export function unitGuideForm(input: UnitGuideInput): ReportForm {
  const { unit, campaign } = input;
  const form = new FormBuilder(GUIDE_WIDTHS.length);
  form.line(gm.heading, { align: 'center', bold: true, size: 16 });
  form.line(campaign.title, { align: 'center', bold: true, size: 13, wrap: true });
  form.line(gm.forUnit(unit.name), { align: 'center', italic: true, size: 13, wrap: true });
  form.blank();
  const f = gm.facts;
  const link = input.link === '' ? f.noLink : input.sharedFile ? f.sharedLink(input.link) : input.link;
  const facts: [string, string][] = [
    [f.link, link],
    [f.who, unit.emails.length > 0 ? unit.emails.join(', ') : f.noEmail],
    [f.deadline, input.completionDeadline || f.noDeadline],
    [f.reportDeadline, input.reportDeadline || f.noDeadline],
    [f.contact, campaign.contact || f.noContact],
  ];
  const first = form.lastRow + 1;
  for (const [label, value] of facts) {
    const row = form.row();
    form.put(row, 1, label, 1, { bold: true, align: 'left', wrap: true, size: TEXT_SIZE });
    form.put(row, 2, value, 1, { align: 'left', wrap: true, size: TEXT_SIZE, bold: label === f.link });
  }
  form.format(
    { row: first, column: 1, rows: facts.length, columns: GUIDE_WIDTHS.length },
    { borders: true, valign: 'middle' }
  );
  const section = (heading: string, lines: readonly string[]): void => {
    form.blank();
    form.line(heading, { align: 'left', bold: true, size: 12 });
    for (const line of lines) form.line(line, { align: 'left', wrap: true, size: TEXT_SIZE });
  };
  section(gm.openHeading, gm.open);
  section(gm.typeHeading, gm.type);
  section(gm.checkHeading, gm.check);
  section(gm.doneHeading, gm.done);
  form.blank();
  // What the data serve (Cấu hình's "Mục đích thu thập"), then who sent the guide: one italic note.
  const note = [campaign.purpose, gm.footer(input.ward)].filter((t) => t !== '').join(' ');
  form.line(note, { align: 'left', italic: true, size: 10, wrap: true });
  const last = form.lastRow;
  // No table to repeat on a next page: nothing frozen.
  return finish(form, unitGuideKey(unit.code), GUIDE_WIDTHS, { header: 0, first: 1, last });
}
