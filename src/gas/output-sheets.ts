/**
 * The sheets Tổng hợp writes, "Tổng hợp" and "Danh sách tổng hợp": created, written, protected, and the
 * staging pair Tổng hợp's steps write before switching it in for the live pair. A handful of batched
 * calls each; an action reaches them through the workbook context's `outputSheets`.
 */
import { services, type Sheet, type Spreadsheet } from '../contract/apps-script';
import { stepMessages as st } from '../core/messages/steps';
import { safeTabName } from '../core/units';
import {
  MASTER,
  MASTER_COL,
  MASTER_COLUMNS,
  SUMMARY,
  type ShadeRule,
  type SummaryLayout,
} from '../core/report-layout';
import { masterMessages as mm, menuMessages, summaryMessages as sm } from '../core/messages/consolidate';
import { literalText } from '../core/formulas';
import { ROLE } from './config-sheet';
import {
  addDocumentMetadata,
  ensureRows,
  insertRoleSheet,
  resizeGrid,
  ROLE_KEY,
  roleRangeName,
  setColumnWidths,
  sheetsByRole,
  sheetTags,
} from './sheet-utils';
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

export type OutputRole = keyof typeof OUTPUT;

/**
 * Creates an output sheet on first use, formatted and protected so that only the office edits it;
 * `as` makes a staging copy for Tổng hợp's steps (tagged with another role, under another name).
 */
function ensureOutputSheet(
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
    // The status codes are what the summary counts, not what people read: out of sight, still counted.
    sheet.hideColumns(MASTER_COL.statusCode, 1);
  }
  sheet.getRange(1, 1).setValue(literalText(menuMessages.notYetConsolidated));
  secureSheet(sheet, spec.protection, office, sharing ?? readSharing(ss));
  roles.set(as?.role ?? role, sheet);
  return sheet;
}

/** Keeps an output sheet's protection enforced for the office (null: the runner may not change it). */
function secureOutputSheet(
  sheet: Sheet,
  role: OutputRole,
  office: readonly string[],
  sharing: Sharing
): ProtectionEntry | null {
  return secureSheet(sheet, OUTPUT[role].protection, office, sharing);
}

/** The master list's head: title, info line, header (the rows above its first data row). */
function masterHead(info: string): unknown[][] {
  const head: unknown[][] = Array.from({ length: MASTER.firstDataRow - 1 }, () =>
    Array<unknown>(MASTER.columns).fill('')
  );
  head[MASTER.titleRow - 1][0] = mm.title;
  head[MASTER.infoRow - 1][0] = literalText(info);
  head[MASTER.headerRow - 1] = [...MASTER_COLUMNS.headers];
  return head;
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
  for (const { column, colour } of layout.legend) backgrounds[SUMMARY.legendRow - 1][column - 1] = colour;
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
  for (const { range, formats } of layout.numberFormats) sheet.getRange(range).setNumberFormats(formats);
  for (const row of layout.wrappedRows) sheet.getRange(row, 1, 1, SUMMARY.columns).setWrap(true);
  const rule = ({ ranges, when, values, colour }: ShadeRule) => {
    const builder = SpreadsheetApp.newConditionalFormatRule().setRanges(
      ranges.map((range) => sheet.getRange(range))
    );
    const [a, b] = values;
    const condition =
      when === 'lessThan'
        ? builder.whenNumberLessThan(a)
        : when === 'between'
          ? builder.whenNumberBetween(a, b)
          : builder.whenNumberGreaterThanOrEqualTo(a);
    return condition.setBackground(colour).build();
  };
  sheet.setConditionalFormatRules(layout.shades.filter((shade) => shade.ranges.length > 0).map(rule));
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

// The staging pair: Tổng hợp's steps write a new master and summary beside the live ones, then switch.

/** Roles of the pair being written and of the pair being dropped, in the same tag as the live roles. */
const STAGING = { master: 'staging_master', summary: 'staging_summary' } as const;
const RETIRED = 'retired';
const LIVE_ROLES: readonly string[] = [ROLE.config, ROLE.master, ROLE.summary];

/** Google recommends at most 2 MB per request; a chunk of the master stays well under it. */
const CHUNK_BYTES = 1_500_000;

/** Sheets by role tag (metadata or named range), each sheet once per role. */
function roleSheets(ss: Spreadsheet): Map<string, Sheet[]> {
  const out = new Map<string, Sheet[]>();
  for (const tag of sheetTags(ss)) {
    if (tag.key !== ROLE_KEY) continue;
    const list = out.get(tag.value) ?? [];
    if (!list.some((s) => s.getSheetId() === tag.sheet.getSheetId())) list.push(tag.sheet);
    out.set(tag.value, list);
  }
  return out;
}

/** Drops staging and retired sheets left by an earlier run, never a sheet that also carries a live role. */
function dropLeftovers(ss: Spreadsheet, roles: readonly string[]): void {
  const tagged = roleSheets(ss);
  const live = new Set(LIVE_ROLES.flatMap((role) => (tagged.get(role) ?? []).map((s) => s.getSheetId())));
  const seen = new Set<number>();
  for (const role of roles) {
    for (const sheet of tagged.get(role) ?? []) {
      if (live.has(sheet.getSheetId()) || seen.has(sheet.getSheetId())) continue;
      seen.add(sheet.getSheetId());
      ss.deleteSheet(sheet);
    }
  }
}

function stagingSheet(ss: Spreadsheet, role: OutputRole, office: readonly string[], sharing: Sharing): Sheet {
  const staging = STAGING[role];
  const existing = roleSheets(ss).get(staging)?.[0];
  if (existing) return existing;
  const name = role === ROLE.master ? st.stagingMaster : st.stagingSummary;
  return ensureOutputSheet(ss, new Map(), role, office, sharing, {
    role: staging,
    name,
    index: ss.getSheets().length,
  });
}

/** The size of one row in a request, as Google counts it (Dates go as their ISO text, as in the request). */
function rowBytes(row: readonly unknown[]): number {
  return JSON.stringify(row).length * 1.2 + 1;
}

/** Rows the master's grid grows by at a time, so that growing is a call every few thousand rows. */
const GROWTH = 10_000;

/**
 * Writes `rows` into the staging master after its first `written` data rows, in requests of at most
 * CHUNK_BYTES, growing the grid first when needed. `sizes`: each row's rowBytes, when the caller has them.
 */
function writeMasterRows(
  sheet: Sheet,
  written: number,
  rows: readonly unknown[][],
  sizes?: readonly number[]
): void {
  const first = MASTER.firstDataRow + written;
  const needed = first + rows.length - 1;
  const maxRows = sheet.getMaxRows();
  if (maxRows < needed) sheet.insertRowsAfter(maxRows, needed - maxRows + GROWTH);
  let from = 0;
  while (from < rows.length) {
    let bytes = 0;
    let to = from;
    while (to < rows.length) {
      bytes += sizes?.[to] ?? rowBytes(rows[to]);
      if (bytes > CHUNK_BYTES && to > from) break;
      to++;
    }
    sheet.getRange(first + from, 1, to - from, MASTER.columns).setValues(rows.slice(from, to));
    from = to;
  }
}

/** The staging master's first `rows` data rows, as values (one read): what Tổng hợp has written so far. */
function readMasterRows(sheet: Sheet, rows: number): unknown[][] {
  return sheet.getRange(MASTER.firstDataRow, 1, rows, MASTER.columns).getValues();
}

/** Clears the staging master's data rows after its first `rows` (what a stopped step left half written). */
function clearMasterRowsFrom(sheet: Sheet, rows: number): void {
  const first = MASTER.firstDataRow + rows;
  const maxRows = sheet.getMaxRows();
  if (maxRows >= first) sheet.getRange(first, 1, maxRows - first + 1, MASTER.columns).clearContent();
}

/**
 * The staging master's head (title, the info line with the run's totals, header), and a grid of exactly its
 * rows (one blank data row when there is none).
 */
function finishMaster(sheet: Sheet, rows: number, info: string): void {
  sheet.getRange(1, 1, MASTER.firstDataRow - 1, MASTER.columns).setValues(masterHead(info));
  const wanted = MASTER.firstDataRow - 1 + Math.max(rows, 1);
  const maxRows = sheet.getMaxRows();
  if (maxRows > wanted) sheet.deleteRows(wanted + 1, maxRows - wanted);
  else if (maxRows < wanted) sheet.insertRowsAfter(maxRows, wanted - maxRows);
}

/**
 * Switches the staging pair in for the live one. Each move is checked against the document, so a
 * switch cut short is finished by the next step; at every point each summary counts its own master.
 */
function switchPair(ss: Spreadsheet, names: { master: string; summary: string }): void {
  const tagged = roleSheets(ss);
  const id = (sheet: Sheet) => sheet.getSheetId();
  const pairs = [
    { live: ROLE.master, staging: STAGING.master, name: names.master, retired: st.retiredMaster },
    { live: ROLE.summary, staging: STAGING.summary, name: names.summary, retired: st.retiredSummary },
  ].map((pair) => {
    const neu = tagged.get(pair.staging)?.[0];
    const olds = neu ? (tagged.get(pair.live) ?? []).filter((s) => id(s) !== id(neu)) : [];
    return { ...pair, neu, olds };
  });
  const tabs = () => ss.getSheets().map((s) => s.getName());
  for (const { neu, olds, name, retired } of pairs) {
    if (!neu) continue;
    // The new sheet takes the live tab's name, whatever the clerk renamed it to; the old one steps aside.
    for (const old of olds) if (old.getName() === name) old.setName(safeTabName(retired, tabs()));
    if (neu.getName() !== name)
      neu.setName(
        safeTabName(
          name,
          tabs().filter((n) => n !== neu.getName())
        )
      );
  }
  // Tags move once both tabs carry their new names: master first, then summary.
  const roleMetadata = (sheet: Sheet) => sheet.getDeveloperMetadata().find((m) => m.getKey() === ROLE_KEY);
  const retag = (sheet: Sheet, role: string) => {
    const metadata = roleMetadata(sheet);
    if (metadata) {
      if (metadata.getValue() !== role) metadata.setValue(role);
    } else {
      addDocumentMetadata(sheet, ROLE_KEY, role);
    }
  };
  for (const { neu, olds, live } of pairs) {
    if (!neu) continue;
    ss.setNamedRange(roleRangeName(live), neu.getRange(1, 1));
    for (const old of olds) retag(old, RETIRED);
    retag(neu, live);
  }
  dropLeftovers(ss, [RETIRED]);
  for (const { staging } of pairs) {
    if (ss.getRangeByName(roleRangeName(staging))) ss.removeNamedRange(roleRangeName(staging));
  }
  const now = sheetsByRole(sheetTags(ss));
  [now.get(ROLE.summary), now.get(ROLE.master)].forEach((sheet, i) => {
    if (!sheet || sheet.getIndex() === i + 2) return;
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(i + 2);
  });
}

/** The live pair as the tags say now (two calls: an action that switched or created sheets asks again). */
function livePair(ss: Spreadsheet): { master?: Sheet; summary?: Sheet } {
  const now = sheetsByRole(sheetTags(ss));
  return { master: now.get(ROLE.master), summary: now.get(ROLE.summary) };
}

/**
 * The workbook's output sheets as one model (the workbook context's `outputSheets`): `roles` are the
 * context's sheets by role, which a sheet created here joins.
 */
export function outputSheetsOf(ss: Spreadsheet, roles: Map<string, Sheet>) {
  return {
    /** The live sheet of `role`, created, formatted and protected for the office on first use. */
    ensure: (role: OutputRole, office: readonly string[], sharing: Sharing): Sheet =>
      ensureOutputSheet(ss, roles, role, office, sharing),
    secure: secureOutputSheet,
    /** The staging sheet of `role` (Tổng hợp's steps), found by its tag or created at the end. */
    staging: (role: OutputRole, office: readonly string[], sharing: Sharing): Sheet =>
      stagingSheet(ss, role, office, sharing),
    /** Drops the staging pair left by an earlier run; `retired` too: what a switch cut short left. */
    dropStaging: (retired: boolean): void =>
      dropLeftovers(
        ss,
        retired ? [STAGING.master, STAGING.summary, RETIRED] : [STAGING.master, STAGING.summary]
      ),
    switchPair: (names: { master: string; summary: string }): void => switchPair(ss, names),
    live: (): { master?: Sheet; summary?: Sheet } => livePair(ss),
    /** The size of one row in a request, and the most a request should carry (Google recommends ≤ 2 MB). */
    rowBytes,
    chunkBytes: CHUNK_BYTES,
    writeMasterRows,
    readMasterRows,
    clearMasterRowsFrom,
    finishMaster,
    writeSummary,
  };
}

export type OutputSheets = ReturnType<typeof outputSheetsOf>;
