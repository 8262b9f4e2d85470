/** The sheets Tổng hợp writes, "Tổng hợp" and "Danh sách tổng hợp": a handful of batched calls each. */
import { services, type Sheet, type Spreadsheet } from './apps-script';
import {
  COVERAGE_BANDS,
  MASTER,
  MASTER_COLUMNS,
  SUMMARY,
  type MasterLayout,
  type SummaryLayout,
} from '../core/report-layout';
import { masterMessages as mm, menuMessages, summaryMessages as sm } from '../core/messages/consolidate';
import { literalText } from '../core/formulas';
import { ROLE } from './config-sheet';
import { ensureRows, insertRoleSheet, resizeGrid, setColumnWidths } from './sheet-utils';
import { readSharing, secureSheet, type ProtectionEntry, type Sharing } from './protections';

const CHART_COLUMNS = 8;
/** The shade of header rows on both sheets. */
const HEADER_SHADE = '#dbe7f5';

const OUTPUT = {
  [ROLE.summary]: {
    name: sm.sheetName,
    index: 1,
    rows: 300,
    // Room on the right for the chart: Sheets anchors a chart only inside the grid.
    columns: SUMMARY.columns + CHART_COLUMNS,
    widths: SUMMARY.columnWidths,
    frozen: 0,
    protection: sm.protection,
  },
  [ROLE.master]: {
    name: mm.sheetName,
    index: 2,
    rows: 1000,
    columns: MASTER.columns,
    widths: MASTER.columnWidths,
    frozen: MASTER.headerRow,
    protection: mm.protection,
  },
} as const;

type OutputRole = keyof typeof OUTPUT;

/**
 * Creates an output sheet on first use, formatted and protected so that only the office edits it;
 * `as` makes a staging copy for Tổng hợp's steps (tagged with another role, under another name).
 */
export function ensureOutputSheet(
  ss: Spreadsheet,
  roles: Map<string, Sheet>,
  role: OutputRole,
  office: readonly string[],
  sharing?: Sharing,
  as?: { role: string; name: string; index: number }
): Sheet {
  const existing = roles.get(as?.role ?? role);
  if (existing) return existing;
  const spec = OUTPUT[role];
  const sheet = insertRoleSheet(ss, as?.role ?? role, as?.name ?? spec.name, as?.index ?? spec.index);
  resizeGrid(sheet, spec.rows, spec.columns);
  setColumnWidths(sheet, spec.widths);
  sheet.getRange(1, 1, spec.rows, spec.columns).setFontFamily('Times New Roman').setFontSize(11);
  if (spec.frozen > 0) sheet.setFrozenRows(spec.frozen);
  if (role === ROLE.master) {
    sheet.getRange(MASTER.titleRow, 1).setFontWeight('bold').setFontSize(13);
    sheet.getRange(MASTER.infoRow, 1).setFontStyle('italic');
    sheet
      .getRange(MASTER.headerRow, 1, 1, MASTER.columns)
      .setFontWeight('bold')
      .setBackground(HEADER_SHADE)
      .setHorizontalAlignment('center')
      .setWrap(true);
  }
  sheet.getRange(1, 1).setValue(literalText(menuMessages.notYetConsolidated));
  secureSheet(sheet, spec.protection, office, sharing ?? readSharing(ss));
  roles.set(as?.role ?? role, sheet);
  return sheet;
}

/** Keeps an output sheet's protection enforced for the office (null: the runner may not change it). */
export function secureOutputSheet(
  sheet: Sheet,
  role: OutputRole,
  office: readonly string[],
  sharing: Sharing
): ProtectionEntry | null {
  return secureSheet(sheet, OUTPUT[role].protection, office, sharing);
}

/**
 * The master list's cells from row 1: title, info line, header, then one row per row read. Tổng hợp's
 * steps write it in chunks into a staging sheet (consolidate-steps.ts).
 */
export function masterGrid(layout: MasterLayout, info: string): unknown[][] {
  const head: unknown[][] = Array.from({ length: MASTER.firstDataRow - 1 }, () =>
    Array<unknown>(MASTER.columns).fill('')
  );
  head[MASTER.titleRow - 1][0] = mm.title;
  head[MASTER.infoRow - 1][0] = literalText(info);
  head[MASTER.headerRow - 1] = [...MASTER_COLUMNS.headers];
  const body = layout.rows.length > 0 ? layout.rows : [Array<unknown>(MASTER.columns).fill('')];
  return [...head, ...body];
}

/** Bold and shaded rows of the summary, as whole grids so that each is one call. */
function summaryStyles(layout: SummaryLayout): {
  weights: (string | null)[][];
  backgrounds: (string | null)[][];
} {
  const height = layout.cells.length;
  const weights = Array.from({ length: height }, () => Array<string | null>(SUMMARY.columns).fill('normal'));
  const backgrounds = Array.from({ length: height }, () => Array<string | null>(SUMMARY.columns).fill(null));
  const boldRow = (row: number, shade: boolean): void => {
    weights[row - 1].fill('bold');
    if (shade) backgrounds[row - 1].fill(HEADER_SHADE);
  };
  [SUMMARY.titleRow, SUMMARY.wardHeadingRow, SUMMARY.unitsHeadingRow, layout.byType.headerRow - 1].forEach(
    (row) => boldRow(row, false)
  );
  [SUMMARY.unitHeaderRow, layout.byType.headerRow, layout.totalRow].forEach((row) => boldRow(row, true));
  weights[layout.ward.ratio - 1][SUMMARY.wardValueColumn - 1] = 'bold';
  weights[layout.ward.verdict - 1][SUMMARY.wardValueColumn - 1] = 'bold';
  return { weights, backgrounds };
}

/** Writes the summary: values and formulas in one call, then formats, colours and the chart. */
export function writeSummary(sheet: Sheet, layout: SummaryLayout): void {
  const { SpreadsheetApp, Charts } = services();
  const height = layout.cells.length;
  sheet.clear();
  ensureRows(sheet, height);
  const grid = sheet.getRange(1, 1, height, SUMMARY.columns);
  grid.setValues(layout.cells);
  const { weights, backgrounds } = summaryStyles(layout);
  grid.setFontWeights(weights);
  grid.setBackgrounds(backgrounds);
  for (const { range, format } of layout.numberFormats) sheet.getRange(range).setNumberFormat(format);
  const ranges = layout.coverageRanges.map((range) => sheet.getRange(range));
  const rule = () => SpreadsheetApp.newConditionalFormatRule().setRanges(ranges);
  const { red, amber, green } = COVERAGE_BANDS;
  sheet.setConditionalFormatRules([
    rule().whenNumberLessThan(red.below).setBackground(red.colour).build(),
    rule().whenNumberLessThan(amber.below).setBackground(amber.colour).build(),
    rule().whenNumberGreaterThanOrEqualTo(green.atLeast).setBackground(green.colour).build(),
  ]);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  if (layout.chartRanges.length > 0) {
    const builder = sheet.newChart().setChartType(Charts.ChartType.BAR);
    layout.chartRanges.forEach((range) => builder.addRange(sheet.getRange(range)));
    sheet.insertChart(
      builder
        .setPosition(SUMMARY.unitsHeadingRow, SUMMARY.columns + 2, 0, 0)
        .setOption('title', sm.chartTitle)
        .setOption('legend', { position: 'none' })
        .setOption('hAxis', { format: 'percent', minValue: 0 })
        .build()
    );
  }
}
