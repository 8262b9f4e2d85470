/**
 * The official report sheets, laid out as the dispatch's "Mẫu báo cáo": the unit's report
 * ("Báo cáo - <đơn vị>") and the ward's report to the city ("Báo cáo phường"). Pure builders: they
 * return the grid of values, the merged areas, the formats and the column widths; the shell writes them.
 *
 * Layout rules follow Nghị định 30/2020/NĐ-CP on administrative documents: letterhead on the left,
 * national title and motto on the right, place and date in italics, title in bold capitals, "Nơi nhận"
 * bottom left and the signer bottom right.
 */
import { formatPercent } from './messages/format';
import type { CheckedEntry, Consolidation } from './consolidate';
import { literalText } from './formulas';
import { officialDate, reportMessages as rm } from './messages/reports';
import { defaultHouseholds, type Campaign, type Unit } from './units';

export const REPORT_FONT = 'Times New Roman';
export const REPORT_FONT_SIZE = 13;
/** Developer metadata on a report sheet: its value says which report it is (see reportKey). */
export const REPORT_METADATA_KEY = 'tonghop.report';
/** Named ranges carry the same identity through .xlsx, where developer metadata is lost. */
const REPORT_RANGE_PREFIX = 'TH_BC_';

/**
 * Column widths in pixels. Each report is about 655 px wide: Sheets prints 1 px as 0.75 pt, and A4
 * portrait with Sheets' normal margins leaves 487 pt, so the form fits the page at 100 %.
 */
export const UNIT_REPORT_WIDTHS = [40, 170, 85, 150, 210];
export const WARD_REPORT_WIDTHS = [35, 230, 140, 70, 90, 90];

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
  wrap?: boolean;
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
  return `${REPORT_RANGE_PREFIX}DV_${key
    .replace(/^unit:/, '')
    .toUpperCase()
    .replace(/-/g, '_')}`;
}

/** "85,3%": one decimal, the Vietnamese decimal comma, as the menu's messages write ratios. */
export const percentText = formatPercent;

/** Builds a form row by row; every text goes in as literal text. */
class FormBuilder {
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

interface HeaderText {
  /** Left block: the body above, the organisation below (bold). */
  left: [string, string];
  leftTopBold: boolean;
  recipient: string;
  place: string;
  date: ReportDate;
  title: string;
}

/** Rows 1–12: letterhead, number and date, title, recipient (the same for both reports). */
function letterhead(form: FormBuilder, leftSpan: number, text: HeaderText): void {
  const rightSpan = form.columns - leftSpan;
  const right = leftSpan + 1;
  const r1 = form.row();
  form.put(r1, 1, text.left[0], leftSpan, { align: 'center', bold: text.leftTopBold, size: 13 });
  form.put(r1, right, rm.nationalTitle, rightSpan, { align: 'center', bold: true, size: 12 });
  const r2 = form.row();
  form.put(r2, 1, text.left[1], leftSpan, { align: 'center', bold: true, size: 13, wrap: true });
  form.put(r2, right, rm.motto, rightSpan, { align: 'center', bold: true, size: 13 });
  form.blank();
  const r4 = form.row();
  form.put(r4, 1, rm.number, leftSpan, { align: 'center' });
  form.put(r4, right, officialDate(text.place, text.date.day, text.date.month, text.date.year), rightSpan, {
    align: 'center',
    italic: true,
  });
  form.blank();
  form.line(rm.reportHeading, { align: 'center', bold: true, size: 14 });
  form.line(rm.about(text.title), { align: 'center', bold: true, wrap: true });
  form.blank();
  form.line(rm.to(text.recipient), { align: 'center' });
  form.blank();
}

/** "Nơi nhận" on the left, the signer on the right. */
function signature(
  form: FormBuilder,
  leftSpan: number,
  recipients: readonly string[],
  signer: [string, string]
): void {
  const rightSpan = form.columns - leftSpan;
  form.blank();
  const first = form.row();
  form.put(first, 1, rm.recipientsHeading, leftSpan, { align: 'left', bold: true, italic: true, size: 12 });
  form.put(first, leftSpan + 1, signer[0], rightSpan, { align: 'center', bold: true });
  recipients.forEach((line, i) => {
    const row = form.row();
    form.put(row, 1, line, leftSpan, { align: 'left', size: 11 });
    if (i === 0)
      form.put(row, leftSpan + 1, signer[1], rightSpan, {
        align: 'center',
        bold: !signer[1].startsWith('('),
        italic: signer[1].startsWith('('),
      });
  });
}

function finish(
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
  letterhead(form, leftSpan, {
    left: [rm.managingBody(campaign.issuer), unit.name.toLocaleUpperCase('vi')],
    leftTopBold: false,
    recipient: campaign.issuer,
    place: campaign.place,
    date: input.date,
    title: campaign.title,
  });
  form.line(rm.unitCites(campaign.issuer, campaign.title), { align: 'left', wrap: true });
  const percent = unit.target > 0 ? percentText(valid.length / unit.target) : '';
  form.line(rm.unitResult(unit.name, campaign.title, valid.length, unit.target, percent), {
    align: 'left',
    wrap: true,
  });
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
  signature(form, leftSpan, rm.unitRecipients, [rm.unitSigner, rm.unitSignNote]);
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
  state: 'ok' | 'missing' | 'header-altered';
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
  if (line.state === 'missing') return rm.missingSheet;
  if (line.state === 'header-altered') return rm.headerAltered;
  return line.coverage === null ? rm.noTarget : percentText(line.coverage);
}

/** The ward's report to the city: the same form, the issuer as the body, one line per unit. */
export function wardReportForm(input: WardReportInput): ReportForm {
  const { campaign, figures } = input;
  const form = new FormBuilder(WARD_REPORT_WIDTHS.length);
  const leftSpan = 2;
  letterhead(form, leftSpan, {
    left: rm.issuerLines(campaign.issuer),
    leftTopBold: true,
    recipient: rm.wardRecipient,
    place: campaign.place,
    date: input.date,
    title: campaign.title,
  });
  form.line(rm.wardCites(campaign.issuer, campaign.title), { align: 'left', wrap: true });
  const percent = figures.ratio === null ? null : percentText(figures.ratio);
  form.line(rm.wardResult(figures.uniquePeople, figures.households, percent, figures.meetsTarget), {
    align: 'left',
    wrap: true,
  });
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
  form.put(
    total,
    6,
    figures.totals.target > 0 ? percentText(figures.totals.valid / figures.totals.target) : ''
  );
  form.format({ row: total, column: 4, rows: 1, columns: 3 }, { bold: true });
  const body = { row: first, column: 1, rows: total - first + 1, columns: form.columns };
  form.format(body, { size: 12, wrap: true });
  if (figures.units.length > 0) {
    const units = { ...body, rows: total - first };
    form.format({ ...units, columns: 1 }, { align: 'center' });
  }
  form.format({ ...body, column: 4, columns: 3 }, { align: 'center' });
  form.format({ row: header, column: 1, rows: total - header + 1, columns: form.columns }, { borders: true });
  if (figures.totals.duplicatesOfOtherUnits > 0) {
    form.line(rm.wardDuplicatesNote(figures.totals.duplicatesOfOtherUnits), {
      italic: true,
      size: 11,
      wrap: true,
    });
  }
  signature(form, leftSpan, rm.wardRecipients, [
    rm.wardSigner(campaign.issuer),
    rm.wardSignerRole(campaign.issuer),
  ]);
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
