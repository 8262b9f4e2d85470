/**
 * Cấu hình read by its labels, so that a version which adds a campaign row or a unit column reads the
 * sheets earlier versions made: a campaign row is found by its label in column A (its value is in
 * column C), the units table by its header row and each column by its header. Pure: it takes the
 * sheet's values (row 1 first) and says where things are, what they hold and what an older sheet lacks.
 */
import { campaignLabels, configMessages as cfg, organisationNames, unitColumnLabels } from './messages/setup';
import { CONFIG } from './layout';
import { leadersMessages } from './messages/leaders';
import { normalizeText } from './text';
import {
  parseCampaign,
  parseUnits,
  type Campaign,
  type CampaignCell,
  type CampaignKey,
  type ConfigProblem,
  type Unit,
  type UnitColumnKey,
  type UnitRecord,
} from './units';

/** The campaign rows in the order of a new Cấu hình. */
export const CAMPAIGN_KEYS = Object.keys(campaignLabels) as CampaignKey[];
/** The unit columns in the order of a new Cấu hình. */
export const UNIT_COLUMN_KEYS = Object.keys(unitColumnLabels) as UnitColumnKey[];
/**
 * The columns the first version's table had: a table is recognised by all of them (a header someone
 * renamed is an error, as before, rather than a column silently read as blank). Later columns are
 * optional: without them the defaults apply, and Thiết lập đơn vị adds them.
 */
const REQUIRED_UNIT_COLUMNS: readonly UnitColumnKey[] = [
  'code',
  'name',
  'type',
  'target',
  'emails',
  'manager',
  'phone',
];

/** Where the campaign's labels are and where their values are, on every version of the sheet. */
const CAMPAIGN_LABEL_COLUMN = CONFIG.campaignLabelColumn;
const CAMPAIGN_VALUE_COLUMN = CONFIG.campaignValueColumn;

export interface ConfigPlaces {
  /** Row of each campaign label found (1-based), above the units table. */
  campaign: Map<CampaignKey, number>;
  /** Labels of an earlier version found (to be rewritten), by row. */
  oldLabels: Map<number, CampaignKey>;
  /** The units table's header row, null when no row holds every required header. */
  headerRow: number | null;
  /** Column of each unit header found (1-based). */
  columns: Map<UnitColumnKey, number>;
  /** The row of the "DANH SÁCH ĐƠN VỊ" heading, null when not found. */
  unitsHeadingRow: number | null;
  /** The column of the "HƯỚNG DẪN" heading in row 1, null when not found. */
  instructionsColumn: number | null;
}

/** A label as compared: NFC, spaces tidied, lower case, a trailing colon dropped. */
function labelKey(cell: unknown): string {
  if (typeof cell !== 'string') return '';
  return normalizeText(cell).replace(/\s*:$/, '').toLocaleLowerCase('vi');
}

const CAMPAIGN_BY_LABEL = new Map<string, { key: CampaignKey; old: boolean }>();
for (const key of CAMPAIGN_KEYS) {
  CAMPAIGN_BY_LABEL.set(labelKey(campaignLabels[key]), { key, old: false });
  for (const old of cfg.campaignOldLabels[key] ?? [])
    CAMPAIGN_BY_LABEL.set(labelKey(old), { key, old: true });
}
const UNIT_COLUMN_BY_LABEL = new Map(UNIT_COLUMN_KEYS.map((key) => [labelKey(unitColumnLabels[key]), key]));

/** The units header: the first row holding every required header (each once). */
function findHeader(values: readonly (readonly unknown[])[]): {
  row: number | null;
  columns: Map<UnitColumnKey, number>;
} {
  for (let r = 0; r < values.length; r++) {
    const columns = new Map<UnitColumnKey, number>();
    values[r].forEach((cell, c) => {
      const key = UNIT_COLUMN_BY_LABEL.get(labelKey(cell));
      if (key !== undefined && !columns.has(key)) columns.set(key, c + 1);
    });
    if (REQUIRED_UNIT_COLUMNS.every((key) => columns.has(key))) return { row: r + 1, columns };
  }
  return { row: null, columns: new Map() };
}

export function locateConfig(values: readonly (readonly unknown[])[]): ConfigPlaces {
  const header = findHeader(values);
  const campaign = new Map<CampaignKey, number>();
  const oldLabels = new Map<number, CampaignKey>();
  let unitsHeadingRow: number | null = null;
  const heading = labelKey(cfg.unitsHeading);
  const above = header.row === null ? values.length : header.row - 1;
  for (let r = 0; r < above; r++) {
    const label = labelKey(values[r][CAMPAIGN_LABEL_COLUMN - 1]);
    if (label === heading && unitsHeadingRow === null) unitsHeadingRow = r + 1;
    const found = CAMPAIGN_BY_LABEL.get(label);
    // The first row with a label wins: a copy further down is the clerk's, not ours.
    if (!found || campaign.has(found.key)) continue;
    campaign.set(found.key, r + 1);
    if (found.old) oldLabels.set(r + 1, found.key);
  }
  const instructions = labelKey(cfg.instructionsHeading);
  const instructionsIndex = (values[0] ?? []).findIndex((cell) => labelKey(cell) === instructions);
  return {
    campaign,
    oldLabels,
    headerRow: header.row,
    columns: header.columns,
    unitsHeadingRow,
    instructionsColumn: instructionsIndex < 0 ? null : instructionsIndex + 1,
  };
}

function campaignCells(
  values: readonly (readonly unknown[])[],
  places: ConfigPlaces
): Partial<Record<CampaignKey, CampaignCell>> {
  const cells: Partial<Record<CampaignKey, CampaignCell>> = {};
  for (const [key, row] of places.campaign)
    cells[key] = { value: values[row - 1]?.[CAMPAIGN_VALUE_COLUMN - 1] ?? '', row };
  return cells;
}

/**
 * The unit rows below the header, each as an object of the cells found by their headers (a missing
 * column is left out, so its default applies).
 */
function unitRecords(values: readonly (readonly unknown[])[], places: ConfigPlaces): UnitRecord[] {
  if (places.headerRow === null) return [];
  const records: UnitRecord[] = [];
  for (let r = places.headerRow; r < values.length; r++) {
    const cells: Partial<Record<UnitColumnKey, unknown>> = {};
    for (const [key, column] of places.columns) cells[key] = values[r][column - 1] ?? '';
    records.push({ row: r + 1, cells });
  }
  return records;
}

/** What a Cấu hình made by an earlier version lacks, and where Thiết lập đơn vị puts it. */
export interface ConfigUpgrade {
  /**
   * Campaign rows to add, each inserted after a row (in the order given, each insertion counted in the
   * rows after it): after the row of the key before it in CAMPAIGN_KEYS, or the last campaign row.
   */
  rows: { key: CampaignKey; after: number }[];
  /** Unit columns to add, inserted together after this column (the last of the table's). */
  columns: UnitColumnKey[];
  afterColumn: number;
}

/**
 * The campaign rows and unit columns a sheet lacks. Nothing when the sheet has no campaign label or
 * no units header at all: that is not a sheet tonghop made, and reading it reports the problem.
 */
export function configUpgrade(places: ConfigPlaces): ConfigUpgrade {
  const upgrade: ConfigUpgrade = { rows: [], columns: [], afterColumn: 0 };
  if (places.campaign.size > 0) {
    const rows = new Map(places.campaign);
    for (const [index, key] of CAMPAIGN_KEYS.entries()) {
      if (rows.has(key)) continue;
      const before = CAMPAIGN_KEYS.slice(0, index)
        .map((k) => rows.get(k))
        .filter((row): row is number => row !== undefined);
      const after = before.length > 0 ? Math.max(...before) : Math.max(...rows.values());
      upgrade.rows.push({ key, after });
      // The rows below move down by one.
      for (const [k, row] of rows) if (row > after) rows.set(k, row + 1);
      rows.set(key, after + 1);
    }
  }
  if (places.headerRow !== null) {
    upgrade.columns = UNIT_COLUMN_KEYS.filter((key) => !places.columns.has(key));
    upgrade.afterColumn = Math.max(...places.columns.values());
  }
  return upgrade;
}

export interface ParsedConfig {
  campaign: Campaign;
  units: Unit[];
  problems: ConfigProblem[];
  places: ConfigPlaces;
}

/** The whole of Cấu hình read and checked, from its values (row 1 first). */
export function parseConfig(values: readonly (readonly unknown[])[]): ParsedConfig {
  const places = locateConfig(values);
  const { campaign, problems } = parseCampaign(campaignCells(values, places));
  if (places.headerRow === null) {
    // Where the header should be: under the heading, else where a new Cấu hình has it.
    const row = places.unitsHeadingRow === null ? CONFIG.unitsHeaderRow : places.unitsHeadingRow + 1;
    return { campaign, units: [], problems: [...problems, { row, message: cfg.headerChanged }], places };
  }
  const parsed = parseUnits(unitRecords(values, places), campaign.issuer);
  const all = [...problems, ...parsed.problems];
  if (parsed.units.length === 0 && parsed.problems.length === 0)
    all.push({ row: places.headerRow + 1, message: cfg.noUnits });
  return { campaign, units: parsed.units, problems: all, places };
}

/**
 * What a new Cấu hình holds in each campaign row (dates as dd/mm/yyyy text, as a person types them).
 * `upgrade`: the row is added to a sheet an earlier version made, whose workbook keeps its design.
 */
function campaignDefault(key: CampaignKey, upgrade: boolean): string {
  const d = cfg.campaignDefaults;
  const defaults: Record<CampaignKey, string> = {
    title: d.title,
    issuer: d.issuer,
    dispatch: '',
    place: d.place,
    completionDeadline: d.completionDeadline,
    reportDeadline: d.reportDeadline,
    households: '',
    organisation: upgrade ? organisationNames.shared : organisationNames.files,
    unitFolder: '',
    contact: '',
    support: '',
    leaders: '',
    leadersFile: '',
    purpose: leadersMessages.purposeDefault,
    closed: '',
  };
  return defaults[key];
}

/**
 * A campaign row as a new sheet holds it (`upgrade` false) or as Thiết lập adds it to an earlier
 * version's: the label in A, the value in C.
 */
export function campaignRow(key: CampaignKey, width: number, upgrade = false): string[] {
  const row = Array<string>(width).fill('');
  row[CAMPAIGN_LABEL_COLUMN - 1] = campaignLabels[key];
  row[CAMPAIGN_VALUE_COLUMN - 1] = campaignDefault(key, upgrade);
  return row;
}

/** The first rows of a new set-up sheet, down to the units header. */
export function configSheetTemplate(): string[][] {
  const rows: string[][] = Array.from({ length: CONFIG.unitsHeaderRow }, () =>
    Array<string>(CONFIG.columns).fill('')
  );
  const set = (row: number, column: number, value: string): void => {
    rows[row - 1][column - 1] = value;
  };
  set(CONFIG.titleRow, 1, cfg.sheetTitle);
  set(CONFIG.hintRow, 1, cfg.sheetHint);
  set(CONFIG.campaignHeadingRow, 1, cfg.campaignHeading);
  CAMPAIGN_KEYS.forEach(
    (key, i) => (rows[CONFIG.campaignFirstRow - 1 + i] = campaignRow(key, CONFIG.columns))
  );
  set(CONFIG.unitsHeadingRow, 1, cfg.unitsHeading);
  cfg.unitColumns.forEach((label, i) => set(CONFIG.unitsHeaderRow, 1 + i, label));
  instructionsColumnCells().forEach((line, i) => set(1 + i, CONFIG.instructionsColumn, line));
  return rows;
}

/** The instructions column from row 1: its heading, then one line each. */
export function instructionsColumnCells(): string[] {
  return [cfg.instructionsHeading, ...cfg.instructions];
}

/** The row of a campaign key on a new sheet. */
export function newSheetCampaignRow(key: CampaignKey): number {
  return CONFIG.campaignFirstRow + CAMPAIGN_KEYS.indexOf(key);
}
