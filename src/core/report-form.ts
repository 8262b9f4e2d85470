/**
 * The official report sheets, laid out as the dispatch's "Mẫu báo cáo": the unit's report
 * ("Báo cáo - <đơn vị>") and the ward's report to the city ("Báo cáo phường"). Pure builders: they
 * return the grid of values, the merged areas, the formats and the column widths; the shell writes them.
 *
 * Layout rules follow Nghị định 30/2020/NĐ-CP on administrative documents (Phụ lục I): the parent body
 * (upright) and the issuing body (bold) on the left with a rule under it a third to a half as long,
 * centred; the national title and the motto on the right with a rule as long as the motto; place and
 * date in italics; the document's kind in bold capitals and its summary in bold with a rule under it;
 * body paragraphs with a first-line indent of 1,27 cm; "Nơi nhận" bottom left and the signer's title
 * bottom right, in bold capitals.
 *
 * A sheet cell cannot hold a drawn line narrower than the cell, and the columns are the table's: a rule
 * is a centred run of "─" (U+2500 BOX DRAWINGS LIGHT HORIZONTAL, in Times New Roman and its metric
 * twins), in the row under its text, so that Sheets' print and the PDF both place it exactly. Sheets has
 * no justified alignment (Range.setHorizontalAlignment takes "left", "center" or "normal", and "right":
 * developers.google.com/apps-script/reference/spreadsheet/range#sethorizontalalignmentalignment and
 * @types/google-apps-script's signature; the Sheets API's HorizontalAlign is LEFT, CENTER or RIGHT), and
 * no indent, so a body paragraph is left-aligned and wrapped, its first-line indent made of no-break
 * spaces; the PDF (src/stand-in/pdf.ts) sets such a paragraph justified.
 */
import { formatPercent } from './messages/format';
import type { CheckedEntry, Consolidation, UnitSheetState } from './consolidate';
import { literalText } from './formulas';
import { officialDate, reportMessages as rm } from './messages/reports';
import { defaultHouseholds, RESIDENTIAL_GROUP, type Campaign, type Unit } from './units';

export const REPORT_FONT = 'Times New Roman';
export const REPORT_FONT_SIZE = 13;
/**
 * A body paragraph's first-line indent: eleven no-break spaces, 11 × 0,25 em of 13 pt = 35,75 pt =
 * 1,26 cm in Times New Roman (Decree 30: 1 to 1,27 cm). The PDF recognises a paragraph by it.
 */
export const PARAGRAPH_INDENT = '\u00a0'.repeat(11);
/** The rule's character and size: at 8 pt a "─" is 5,67 pt long and 0,57 pt thick. */
const RULE_CHARACTER = '\u2500';
const RULE_SIZE = 8;
const RULE_CHARACTER_WIDTH = (1451 / 2048) * RULE_SIZE;
/** Counts are grouped by thousands (2.157), as in the report's sentences. */
const COUNT_FORMAT = '#,##0';
/** Developer metadata on a report sheet: its value says which report it is (see reportKey). */
export const REPORT_METADATA_KEY = 'tonghop.report';
/** Named ranges carry the same identity through .xlsx, where developer metadata is lost. */
const REPORT_RANGE_PREFIX = 'TH_BC_';

/**
 * Column widths in pixels. Each report is 620 px wide: Sheets prints 1 px as 0.75 pt, and A4 portrait
 * with Decree 30's margins (left 30 mm, right 15 mm) leaves 165 mm = 467 pt, so the form fits the page
 * at 100 %. The right block (the national title in 12 pt bold is 249 pt) is 350 px.
 */
export const UNIT_REPORT_WIDTHS = [40, 160, 70, 150, 200];
export const WARD_REPORT_WIDTHS = [35, 215, 130, 70, 85, 85];

export interface FormRect {
  /** 1-based. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

export type HorizontalAlign = 'left' | 'center' | 'right';

export interface FormFormat extends FormRect {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: HorizontalAlign;
  /** 'top' for a rule, which hugs the text above it. */
  valign?: 'top' | 'middle';
  wrap?: boolean;
  numberFormat?: string;
  /** Thin borders on every edge of every cell: the table. */
  borders?: boolean;
}

export interface ReportForm {
  /** The identity of the sheet (developer metadata value): 'unit:<code>' or 'ward'. */
  key: string;
  /** The whole sheet from A1: numbers, and text as literal text (nothing typed can become a formula). */
  values: unknown[][];
  columns: number;
  widths: number[];
  merges: FormRect[];
  /** Applied in order; later ones win. */
  formats: FormFormat[];
  /** The table's header row: rows 1 to this one are frozen, so that print repeats them. */
  tableHeaderRow: number;
  firstTableRow: number;
  lastTableRow: number;
}

export interface ReportDate {
  day: number;
  month: number;
  year: number;
}

export function unitReportKey(code: string): string {
  return `unit:${code}`;
}

export const WARD_REPORT_KEY = 'ward';

/** The named range of a report: TH_BC_DV_<CODE> or TH_BC_PHUONG (codes made safe as for unit sheets). */
export function reportRangeName(key: string): string {
  if (key === WARD_REPORT_KEY) return `${REPORT_RANGE_PREFIX}PHUONG`;
  // Issue 21: a unit staff's guide (unit-guide.ts), TH_HD_<CODE>.
  if (key.startsWith('guide:')) return `TH_HD_${key.slice(6).toUpperCase().replace(/-/g, '_')}`;
  return `${REPORT_RANGE_PREFIX}DV_${key
    .replace(/^unit:/, '')
    .toUpperCase()
    .replace(/-/g, '_')}`;
}

/** "85,3%": one decimal, the Vietnamese decimal comma, as the menu's messages write ratios. */
export const percentText = formatPercent;

/** Builds a form row by row; every text goes in as literal text. */
export class FormBuilder {
  readonly values: unknown[][] = [];
  readonly merges: FormRect[] = [];
  readonly formats: FormFormat[] = [];

  constructor(readonly columns: number) {}

  get lastRow(): number {
    return this.values.length;
  }

  row(): number {
    this.values.push(Array<unknown>(this.columns).fill(''));
    return this.values.length;
  }

  blank(): void {
    this.row();
  }

  /** A value in `row`, spanning `span` columns from `column` (merged when wider than one). */
  put(
    row: number,
    column: number,
    value: string | number,
    span = 1,
    format: Omit<FormFormat, keyof FormRect> = {}
  ): void {
    this.values[row - 1][column - 1] = typeof value === 'string' ? literalText(value) : value;
    const rect = { row, column, rows: 1, columns: span };
    if (span > 1) this.merges.push(rect);
    if (Object.keys(format).length > 0) this.formats.push({ ...rect, ...format });
  }

  /** A line across the whole width. */
  line(value: string, format: Omit<FormFormat, keyof FormRect> = {}): number {
    const row = this.row();
    this.put(row, 1, value, this.columns, format);
    return row;
  }

  format(rect: FormRect, format: Omit<FormFormat, keyof FormRect>): void {
    this.formats.push({ ...rect, ...format });
  }

  /** A body paragraph across the whole width: first-line indent, wrapped (justified in the PDF). */
  paragraph(value: string): number {
    return this.line(PARAGRAPH_INDENT + value, { align: 'left', wrap: true });
  }

  /** A rule of about `length` points, centred in `span` columns from `column`, hugging the row above. */
  rule(row: number, column: number, span: number, length: number): void {
    const count = Math.max(3, Math.round(length / RULE_CHARACTER_WIDTH));
    this.put(row, column, RULE_CHARACTER.repeat(count), span, {
      align: 'center',
      valign: 'top',
      size: RULE_SIZE,
      bold: false,
    });
  }

  /** The table's header row, bold and centred; returns its row. */
  tableHeader(labels: readonly string[]): number {
    const header = this.row();
    labels.forEach((label, i) => this.put(header, i + 1, label));
    this.format(
      { row: header, column: 1, rows: 1, columns: this.columns },
      { bold: true, align: 'center', wrap: true }
    );
    return header;
  }
}

/**
 * How long a line of text is, in points, estimated from its characters (Times New Roman: capitals in
 * bold about 0,62 em, mixed text about 0,45 em), and never more than the block it wraps in. A rule's
 * length is a fraction of it, so an estimate within a few per cent serves.
 */
function lineLength(text: string, size: number, capitals: boolean, blockPx: number): number {
  const estimate = [...text].length * size * (capitals ? 0.62 : 0.45);
  return Math.min(estimate, blockPx * PT_PER_PX - 6);
}

const PT_PER_PX = 0.75;
/** Decree 30: the rule under a body's name or a summary is a third to a half of its line. */
const RULE_FRACTION = 0.4;
const MOTTO_SIZE = 13;
const NAME_SIZE = 13;
const SUMMARY_SIZE = 13;

function blockWidth(widths: readonly number[], from: number, span: number): number {
  return widths.slice(from - 1, from - 1 + span).reduce((a, b) => a + b, 0);
}

interface HeaderText {
  /** The parent body (upright; '' when none) and the issuing body, one or two lines (bold). */
  parent: string;
  body: string[];
  recipient: string;
  place: string;
  date: ReportDate;
  title: string;
  /** Cấu hình's "Mục đích thu thập" (issue 20), in italics under the recipient; '' prints nothing. */
  purpose?: string;
}

/**
 * The letterhead, number and date, kind and summary, recipient. The issuing body starts on row 1 when it
 * has no parent body; each rule sits in the row under its text.
 */
function letterhead(form: FormBuilder, widths: readonly number[], leftSpan: number, text: HeaderText): void {
  const rightSpan = form.columns - leftSpan;
  const right = leftSpan + 1;
  const left = [...(text.parent === '' ? [] : [text.parent]), ...text.body];
  const rows = Math.max(left.length + 1, 3);
  const first = form.lastRow + 1;
  for (let i = 0; i < rows; i++) form.row();
  // Top-aligned: where a name wraps to two lines, the right block stays level with its first line.
  left.forEach((line, i) => {
    const isParent = text.parent !== '' && i === 0;
    form.put(first + i, 1, line, leftSpan, {
      align: 'center',
      valign: 'top',
      bold: !isParent,
      size: NAME_SIZE,
      wrap: true,
    });
  });
  const lastBodyLine = text.body[text.body.length - 1] ?? '';
  const leftPx = blockWidth(widths, 1, leftSpan);
  form.rule(
    first + left.length,
    1,
    leftSpan,
    RULE_FRACTION * lineLength(lastBodyLine, NAME_SIZE, true, leftPx)
  );
  form.put(first, right, rm.nationalTitle, rightSpan, {
    align: 'center',
    valign: 'top',
    bold: true,
    size: 12,
  });
  form.put(first + 1, right, rm.motto, rightSpan, {
    align: 'center',
    valign: 'top',
    bold: true,
    size: MOTTO_SIZE,
  });
  // As long as the motto (158,9 pt in Times New Roman bold 13 pt).
  form.rule(first + 2, right, rightSpan, 158.9);
  const number = form.row();
  form.put(number, 1, rm.number, leftSpan, { align: 'center' });
  form.put(
    number,
    right,
    officialDate(text.place, text.date.day, text.date.month, text.date.year),
    rightSpan,
    {
      align: 'center',
      italic: true,
    }
  );
  form.blank();
  form.line(rm.reportHeading, { align: 'center', bold: true, size: 14 });
  const summary = rm.about(text.title);
  form.line(summary, { align: 'center', bold: true, size: SUMMARY_SIZE, wrap: true });
  const fullPx = blockWidth(widths, 1, form.columns);
  form.rule(form.row(), 1, form.columns, RULE_FRACTION * lineLength(summary, SUMMARY_SIZE, false, fullPx));
  form.line(rm.to(text.recipient), { align: 'center' });
  // The row that parts the recipient from the text carries the notice, so the form keeps its rows.
  if (text.purpose) form.line(text.purpose, { align: 'left', italic: true, size: 11, wrap: true });
  else form.blank();
}

/** "Nơi nhận" on the left; on the right the signer's title (bold capitals) and the line under it. */
function signature(
  form: FormBuilder,
  leftSpan: number,
  recipients: readonly string[],
  title: readonly string[],
  note: string
): void {
  const rightSpan = form.columns - leftSpan;
  form.blank();
  const lines = [
    ...title.map((line) => ({ text: line.toLocaleUpperCase('vi'), note: false })),
    ...(note === '' ? [] : [{ text: note, note: true }]),
  ];
  const left = [rm.recipientsHeading, ...recipients];
  const first = form.lastRow + 1;
  for (let i = 0; i < Math.max(left.length, lines.length); i++) form.row();
  left.forEach((line, i) =>
    form.put(
      first + i,
      1,
      line,
      leftSpan,
      i === 0 ? { align: 'left', bold: true, italic: true, size: 12 } : { align: 'left', size: 11 }
    )
  );
  lines.forEach((line, i) =>
    form.put(first + i, leftSpan + 1, line.text, rightSpan, {
      align: 'center',
      bold: !line.note,
      italic: line.note,
    })
  );
}

export function finish(
  form: FormBuilder,
  key: string,
  widths: number[],
  table: { header: number; first: number; last: number }
): ReportForm {
  return {
    key,
    values: form.values,
    columns: form.columns,
    widths,
    merges: form.merges,
    formats: form.formats,
    tableHeaderRow: table.header,
    firstTableRow: table.first,
    lastTableRow: table.last,
  };
}

export interface UnitReportInput {
  unit: Unit;
  campaign: Campaign;
  /** The unit's rows as checked by checkUnitSheet (all of them: only the valid ones are reported). */
  entries: readonly CheckedEntry[];
  date: ReportDate;
}

export interface UnitReport extends ReportForm {
  valid: number;
  /** Rows left out because of an error. */
  skipped: number;
}

/** The unit's report: the Mẫu báo cáo filled with the unit's VALID rows, normalised as Tổng hợp lists them. */
export function unitReportForm(input: UnitReportInput): UnitReport {
  const { unit, campaign } = input;
  const valid = input.entries.filter((entry) => entry.checked.valid);
  const form = new FormBuilder(UNIT_REPORT_WIDTHS.length);
  const leftSpan = 3;
  letterhead(form, UNIT_REPORT_WIDTHS, leftSpan, {
    parent: unit.parentBody.toLocaleUpperCase('vi'),
    body: [unit.name.toLocaleUpperCase('vi')],
    recipient: campaign.issuer,
    place: campaign.place,
    date: input.date,
    title: campaign.title,
    purpose: campaign.purpose,
  });
  form.paragraph(rm.unitCites(campaign.issuer, campaign.title, campaign.dispatch));
  form.paragraph(rm.unitIntro(unit.name, campaign.title));
  const percent = unit.target > 0 ? percentText(valid.length / unit.target) : '';
  form.paragraph(rm.unitTotal(valid.length, unit.target, percent, unit.type === RESIDENTIAL_GROUP));
  form.blank();

  const header = form.tableHeader(rm.unitTableHeader);
  const first = form.lastRow + 1;
  if (valid.length === 0) {
    form.line(rm.noPeople, { italic: true, align: 'center' });
  }
  valid.forEach(({ checked }, i) => {
    const row = form.row();
    form.put(row, 1, i + 1);
    form.put(row, 2, checked.name);
    form.put(row, 3, checked.birthYear ?? '');
    form.put(row, 4, checked.organisation);
    form.put(row, 5, checked.residence);
  });
  const last = form.lastRow;
  const body = { row: first, column: 1, rows: last - first + 1, columns: form.columns };
  form.format(body, { size: 12, wrap: true });
  if (valid.length > 0) {
    form.format({ ...body, columns: 1 }, { align: 'center' });
    form.format({ ...body, column: 3, columns: 1 }, { align: 'center' });
  }
  form.format({ row: header, column: 1, rows: last - header + 1, columns: form.columns }, { borders: true });
  signature(form, leftSpan, rm.unitRecipients, unit.signer.title, unit.signer.note);
  return {
    ...finish(form, unitReportKey(unit.code), UNIT_REPORT_WIDTHS, { header, first, last }),
    valid: valid.length,
    skipped: input.entries.length - valid.length,
  };
}

export interface WardUnitLine {
  code: string;
  name: string;
  type: string;
  target: number;
  valid: number;
  /** null without a target. */
  coverage: number | null;
  state: UnitSheetState;
}

/** The ward's figures, computed as the "Tổng hợp" summary computes them (see report-layout.ts). */
export interface WardFigures {
  units: WardUnitLine[];
  totals: { target: number; valid: number; duplicatesOfOtherUnits: number };
  households: number;
  uniquePeople: number;
  ratio: number | null;
  meetsTarget: boolean;
}

export function wardFigures(consolidation: Consolidation, campaign: Campaign): WardFigures {
  const units = consolidation.units.map((u): WardUnitLine => ({
    code: u.unit.code,
    name: u.unit.name,
    type: u.unit.type,
    target: u.unit.target,
    valid: u.counts.valid,
    coverage: u.unit.target > 0 ? u.counts.valid / u.unit.target : null,
    state: u.state,
  }));
  // The summary's households: Cấu hình's figure, else the sum of the Tổ dân phố targets.
  const households = campaign.households ?? defaultHouseholds(consolidation.units.map((u) => u.unit));
  const uniquePeople = consolidation.totals.uniquePeople;
  const ratio = households > 0 ? uniquePeople / households : null;
  return {
    units,
    totals: {
      target: units.reduce((sum, u) => sum + u.target, 0),
      valid: units.reduce((sum, u) => sum + u.valid, 0),
      duplicatesOfOtherUnits: consolidation.units.reduce(
        (sum, u) => sum + u.counts.duplicatesOfOtherUnits,
        0
      ),
    },
    households,
    uniquePeople,
    ratio,
    meetsTarget: ratio !== null && ratio > 1,
  };
}

export interface WardReportInput {
  campaign: Campaign;
  figures: WardFigures;
  date: ReportDate;
}

function coverageCell(line: WardUnitLine): string {
  if (line.state !== 'ok') return rm.unread[line.state];
  return line.coverage === null ? rm.noTarget : percentText(line.coverage);
}

/** The ward's report to the city: the same form, the issuer as the body, one line per unit. */
export function wardReportForm(input: WardReportInput): ReportForm {
  const { campaign, figures } = input;
  const form = new FormBuilder(WARD_REPORT_WIDTHS.length);
  const leftSpan = 2;
  letterhead(form, WARD_REPORT_WIDTHS, leftSpan, {
    parent: '',
    body: rm.issuerLines(campaign.issuer).filter((line) => line !== ''),
    recipient: rm.wardRecipient,
    place: campaign.place,
    date: input.date,
    title: campaign.title,
    purpose: campaign.purpose,
  });
  form.paragraph(rm.wardCites(campaign.issuer, campaign.title, campaign.dispatch));
  const percent = figures.ratio === null ? null : percentText(figures.ratio);
  form.paragraph(rm.wardResult(figures.uniquePeople, figures.households, percent, figures.meetsTarget));
  form.blank();

  const header = form.tableHeader(rm.wardTableHeader);
  const first = form.lastRow + 1;
  figures.units.forEach((line, i) => {
    const row = form.row();
    form.put(row, 1, i + 1);
    form.put(row, 2, line.name);
    form.put(row, 3, line.type);
    form.put(row, 4, line.target);
    form.put(row, 5, line.valid);
    form.put(row, 6, coverageCell(line));
  });
  const total = form.row();
  form.put(total, 1, rm.wardTotal, 3, { bold: true, align: 'center' });
  form.put(total, 4, figures.totals.target);
  form.put(total, 5, figures.totals.valid);
  // No ratio in the totals row: its targets mix households (Tổ dân phố) and people (other units).
  form.format({ row: total, column: 4, rows: 1, columns: 3 }, { bold: true });
  const body = { row: first, column: 1, rows: total - first + 1, columns: form.columns };
  form.format(body, { size: 12, wrap: true });
  if (figures.units.length > 0) {
    const units = { ...body, rows: total - first };
    form.format({ ...units, columns: 1 }, { align: 'center' });
  }
  form.format({ ...body, column: 4, columns: 3 }, { align: 'center' });
  form.format({ ...body, column: 4, columns: 2 }, { numberFormat: COUNT_FORMAT });
  form.format({ row: header, column: 1, rows: total - header + 1, columns: form.columns }, { borders: true });
  if (figures.totals.duplicatesOfOtherUnits > 0) {
    form.line(rm.wardDuplicatesNote(figures.totals.duplicatesOfOtherUnits), {
      italic: true,
      size: 11,
      wrap: true,
    });
  }
  signature(form, leftSpan, rm.wardRecipients, rm.wardSigner(campaign.issuer), '');
  return finish(form, WARD_REPORT_KEY, WARD_REPORT_WIDTHS, { header, first, last: total });
}

/** Bold or normal for every cell, from the formats: one setFontWeights call. */
export function fontWeights(form: ReportForm): string[][] {
  const weights = form.values.map(() => Array<string>(form.columns).fill('normal'));
  for (const f of form.formats) {
    if (f.bold === undefined) continue;
    for (let r = f.row; r < f.row + f.rows; r++)
      for (let c = f.column; c < f.column + f.columns; c++)
        weights[r - 1][c - 1] = f.bold ? 'bold' : 'normal';
  }
  return weights;
}
