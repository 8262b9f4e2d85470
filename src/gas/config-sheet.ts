/**
 * The set-up sheet "Cấu hình": created when missing, read in one batch by its labels (config-table.ts),
 * and brought up to date by Thiết lập đơn vị when an earlier version made it.
 */
import { leadersMessages } from '../core/messages/leaders';
import { services, type Protection, type Sheet, type Spreadsheet } from '../contract/apps-script';
import {
  CAMPAIGN_KEYS,
  campaignRow,
  configSheetTemplate,
  configUpgrade,
  instructionsColumnCells,
  locateConfig,
  newSheetCampaignRow,
  parseConfig,
  UNIT_COLUMN_KEYS,
  type ConfigPlaces,
} from '../core/config-table';
import { CONFIG, CONFIG_SHEET, targetRule } from '../core/layout';
import { configMessages as cfg, organisationNames } from '../core/messages/setup';
import { a1, formulasFor, literalText } from '../core/formulas';
import {
  unitDefaults,
  UNIT_TYPES,
  type Campaign,
  type ConfigProblem,
  type Organisation,
  type Unit,
  type UnitColumnKey,
} from '../core/units';
import { ensureRows, insertRoleSheet, resizeGrid, setColumnWidths } from './sheet-utils';
import { readSharing, restrictEditors, secureSheet, type ProtectionEntry, type Sharing } from './protections';

/** The time zone of appsscript.json. */
const WARD_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const ROLE = { config: 'config', summary: 'summary', master: 'master' } as const;

export interface Config {
  campaign: Campaign;
  units: Unit[];
  problems: ConfigProblem[];
  /** Where each campaign row and unit column stands, for the cells Thiết lập writes. */
  places: ConfigPlaces;
}

export function createConfigSheet(ss: Spreadsheet, organisation: Organisation = 'files'): Sheet {
  const { SpreadsheetApp } = services();
  // Vietnamese number and date formats (45,0%; 31/05/2026), and dates read in the ward's time zone, the
  // manifest's too: a date typed in a cell and the script's clock then agree.
  ss.setSpreadsheetLocale('vi_VN');
  ss.setSpreadsheetTimeZone(WARD_TIME_ZONE);
  const sheet = insertRoleSheet(ss, ROLE.config, CONFIG_SHEET, 0);
  const rows = CONFIG.unitsFirstRow - 1 + CONFIG.unitRows;
  resizeGrid(sheet, rows, CONFIG.columns);
  const template = configSheetTemplate();
  if (organisation !== 'files')
    template[newSheetCampaignRow('organisation') - 1][CONFIG.campaignValueColumn - 1] =
      organisationNames[organisation];
  sheet.getRange(1, 1, template.length, CONFIG.columns).setValues(template);
  const all = sheet.getRange(1, 1, rows, CONFIG.columns);
  all.setFontFamily('Times New Roman').setFontSize(11).setVerticalAlignment('middle');
  setColumnWidths(sheet, CONFIG.columnWidths);
  sheet.getRange(CONFIG.titleRow, 1).setFontSize(14).setFontWeight('bold').setFontColor('#1a4f8b');
  sheet.getRange(CONFIG.hintRow, 1).setFontStyle('italic');
  for (const row of [CONFIG.campaignHeadingRow, CONFIG.unitsHeadingRow]) {
    sheet.getRange(row, 1).setFontWeight('bold').setFontColor('#1a4f8b');
  }
  const value = (key: (typeof CAMPAIGN_KEYS)[number]) =>
    sheet.getRange(newSheetCampaignRow(key), CONFIG.campaignValueColumn);
  sheet.getRange(CONFIG.campaignFirstRow, CONFIG.campaignValueColumn, CAMPAIGN_KEYS.length, 1).setWrap(false);
  for (const key of ['completionDeadline', 'reportDeadline'] as const)
    value(key).setNumberFormat('dd/MM/yyyy').setHorizontalAlignment('left');
  for (const key of CAMPAIGN_KEYS) {
    const note = campaignNote(key);
    if (note) value(key).setNote(note);
  }
  value('organisation').setDataValidation(organisationRule());
  layOutUnitHeaders(sheet, CONFIG.unitsHeaderRow, 1, CONFIG.unitColumns);
  sheet.getRange(1, CONFIG.instructionsColumn, cfg.instructions.length + 1, 1).setWrap(true);
  sheet.getRange(1, CONFIG.instructionsColumn).setFontWeight('bold');
  sheet.setFrozenRows(CONFIG.unitsHeaderRow);
  const units = sheet.getRange(CONFIG.unitsFirstRow, 1, CONFIG.unitRows, CONFIG.unitColumns);
  units.setBorder(true, true, true, true, true, true);
  const column = (key: UnitColumnKey) => 1 + UNIT_COLUMN_KEYS.indexOf(key);
  sheet.getRange(CONFIG.unitsFirstRow, column('type'), CONFIG.unitRows, 1).setDataValidation(
    SpreadsheetApp.newDataValidation()
      .requireValueInList([...UNIT_TYPES], true)
      .setAllowInvalid(false)
      .setHelpText(cfg.typeHelp)
      .build()
  );
  const target = a1(CONFIG.unitsFirstRow, column('target'));
  sheet.getRange(CONFIG.unitsFirstRow, column('target'), CONFIG.unitRows, 1).setDataValidation(
    SpreadsheetApp.newDataValidation()
      // The locale was set to vi_VN above: its syntax, without asking the spreadsheet again.
      .requireFormulaSatisfied(targetRule(formulasFor('vi_VN'), target))
      .setAllowInvalid(false)
      .setHelpText(cfg.targetHelp)
      .build()
  );
  // The table holds staff emails and phone numbers: only the office edits it (whoever creates it, at
  // first; the owner adds colleagues in Data → Protected sheets). Its editors are "the office", so the
  // list is set at once: a protection left as Google makes it would let every editor of the file in.
  restrictEditors(sheet.protect().setDescription(cfg.sheetTitle), [], readSharing(ss), true);
  return sheet;
}

/** What a campaign row's note says (a row without a note: null). */
function campaignNote(key: (typeof CAMPAIGN_KEYS)[number]): string | null {
  const notes: Partial<Record<(typeof CAMPAIGN_KEYS)[number], string>> = {
    dispatch: cfg.dispatchNote,
    households: cfg.householdsNote,
    organisation: cfg.organisationNote,
    unitFolder: cfg.unitFolderNote,
    contact: cfg.contactNote,
    support: cfg.supportNote,
    leaders: leadersMessages.leadersNote,
    leadersFile: leadersMessages.leadersFileNote,
    purpose: leadersMessages.purposeNote,
    closed: leadersMessages.closedNote,
  };
  return notes[key] ?? null;
}

/** "Cách tổ chức": a dropdown of the two designs. */
function organisationRule() {
  return services()
    .SpreadsheetApp.newDataValidation()
    .requireValueInList(Object.values(organisationNames), true)
    .setAllowInvalid(false)
    .setHelpText(cfg.organisationHelp)
    .build();
}

/**
 * The office: the editors of the set-up sheet's protection. Only they run Thiết lập đơn vị and Tổng hợp,
 * and they are kept as editors of every sheet tonghop protects.
 */
export function officeOf(configSheet: Sheet): {
  editors: string[];
  isOffice: boolean;
  protection: Protection | null;
} {
  const protection = configSheet.getProtections(services().SpreadsheetApp.ProtectionType.SHEET)[0] ?? null;
  if (!protection) return { editors: [], isOffice: true, protection };
  // Asked first: Sheets may refuse to list a protection's editors to someone who is not one of them.
  if (!protection.canEdit()) return { editors: [], isOffice: false, protection };
  const editors = protection
    .getEditors()
    .map((user) => user.getEmail().toLowerCase())
    .filter((email) => email !== '');
  return { editors, isOffice: true, protection };
}

/**
 * Keeps the set-up sheet's protection enforced with the office it lists now (created for the owner and
 * the person running the action when someone removed it), so that sharing the file later adds nobody.
 */
export function secureConfigSheet(
  configSheet: Sheet,
  office: { editors: string[]; protection: Protection | null },
  sharing: Sharing
): ProtectionEntry | null {
  return secureSheet(configSheet, cfg.sheetTitle, office.editors, sharing, office.protection);
}

/** The units table's header cells (and the notes of the columns that say what a blank means). */
function layOutUnitHeaders(sheet: Sheet, row: number, column: number, count: number): void {
  sheet
    .getRange(row, column, 1, count)
    .setFontWeight('bold')
    .setBackground('#dbe7f5')
    .setHorizontalAlignment('center')
    .setWrap(true);
  const first = UNIT_COLUMN_KEYS.length - count;
  const notes: Partial<Record<UnitColumnKey, string>> = {
    parentBody: cfg.parentBodyNote,
    signer: cfg.signerNote,
    file: cfg.fileNote,
  };
  UNIT_COLUMN_KEYS.slice(first).forEach((key, i) => {
    const note = notes[key];
    if (note) sheet.getRange(row, column + i).setNote(note);
  });
}

/** Writes the units table (rows of Mã, Tên, Loại, Chỉ tiêu, Email, …, in the order of a new sheet). */
export function writeUnitsTable(sheet: Sheet, rows: readonly string[][]): void {
  if (rows.length === 0) return;
  const needed = CONFIG.unitsFirstRow - 1 + rows.length;
  ensureRows(sheet, needed);
  const targetIndex = UNIT_COLUMN_KEYS.indexOf('target');
  const values = rows.map((cells) =>
    Array.from({ length: CONFIG.unitColumns }, (_, i) => {
      const value = cells[i] ?? '';
      return i === targetIndex && /^\d+$/.test(value.trim()) ? Number(value.trim()) : literalText(value);
    })
  );
  sheet.getRange(CONFIG.unitsFirstRow, 1, values.length, CONFIG.unitColumns).setValues(values);
}

/** Reads the whole set-up sheet with one call and checks it. */
export function readConfig(sheet: Sheet): Config {
  return parseConfig(sheet.getDataRange().getValues());
}

/** What Thiết lập đơn vị changed on Cấu hình: labels of the rows and columns it added, cells it filled. */
export interface ConfigUpdate {
  rows: string[];
  columns: string[];
  filled: number;
}

/**
 * Brings a Cấu hình made by an earlier version up to date, keeping every value typed into it: rows
 * the campaign block lacks are inserted (the units table moves down with them), unit columns it lacks
 * are inserted after the table's last one (the instructions move right), an old label is renamed, and
 * the instructions are rewritten where they are tonghop's own. Then the blank "Cơ quan chủ quản" and
 * "Chức danh người ký" cells of units whose type has a default are filled in, so that the clerk sees
 * what the papers print. Safe to repeat: a sheet that lacks nothing is only read (one call).
 */
export function updateConfigSheet(sheet: Sheet): ConfigUpdate {
  const update: ConfigUpdate = { rows: [], columns: [], filled: 0 };
  let values = sheet.getDataRange().getValues();
  let places = locateConfig(values);
  if (places.headerRow === null) return update;
  const plan = configUpgrade(places);
  const changed = places.oldLabels.size > 0 || plan.rows.length > 0 || plan.columns.length > 0;
  for (const [row, key] of places.oldLabels)
    sheet.getRange(row, CONFIG.campaignLabelColumn).setValue(literalText(cfg.campaignLabels[key]));
  for (const { key, after } of plan.rows) {
    // Inserted rows take the formats of the row above (a label and a value, as every campaign row).
    sheet.insertRowsAfter(after, 1);
    sheet
      .getRange(after + 1, 1, 1, CONFIG.campaignValueColumn)
      .setValues([campaignRow(key, CONFIG.campaignValueColumn, true).map(literalText)]);
    const cell = sheet.getRange(after + 1, CONFIG.campaignValueColumn);
    cell.setNote(campaignNote(key));
    // The row above's format came with the insertion; a dropdown only where the row is the mode's.
    cell.setDataValidation(key === 'organisation' ? organisationRule() : null);
    update.rows.push(cfg.campaignLabels[key]);
  }
  if (plan.rows.length > 0) {
    values = sheet.getDataRange().getValues();
    places = locateConfig(values);
  }
  const headerRow = places.headerRow as number;
  if (plan.columns.length > 0) {
    const first = plan.afterColumn + 1;
    const count = plan.columns.length;
    sheet.insertColumnsAfter(plan.afterColumn, count);
    sheet
      .getRange(headerRow, first, 1, count)
      .setValues([plan.columns.map((key) => cfg.unitColumnLabels[key])]);
    layOutUnitHeaders(sheet, headerRow, first, count);
    const tableRows = sheet.getMaxRows() - headerRow;
    if (tableRows > 0)
      sheet.getRange(headerRow + 1, first, tableRows, count).setBorder(true, true, true, true, true, true);
    plan.columns.forEach((key, i) =>
      sheet.setColumnWidth(first + i, CONFIG.columnWidths[UNIT_COLUMN_KEYS.indexOf(key)])
    );
    update.columns = plan.columns.map((key) => cfg.unitColumnLabels[key]);
  }
  if (plan.columns.length > 0 || plan.rows.length > 0) {
    values = sheet.getDataRange().getValues();
    places = locateConfig(values);
  }
  if (changed) {
    rewriteInstructions(sheet, values, places);
    if (places.headerRow !== null) sheet.setFrozenRows(places.headerRow);
  }
  update.filled = fillDefaults(sheet, values, places);
  return update;
}

/**
 * The instructions column rewritten for this version, if every cell it takes holds tonghop's own text
 * (the heading, a numbered line) or nothing: a note the clerk typed there is never overwritten.
 */
function rewriteInstructions(sheet: Sheet, values: unknown[][], places: ConfigPlaces): void {
  const column = places.instructionsColumn;
  if (column === null) return;
  const lines = instructionsColumnCells();
  const end = Math.max(
    lines.length,
    ...values.map((row, r) => (/^\d+\.\s/.test(String(row[column - 1] ?? '')) ? r + 1 : 0))
  );
  const current = Array.from({ length: end }, (_, r) => String(values[r]?.[column - 1] ?? ''));
  const ours = current.every(
    (cell, r) => cell === '' || (r === 0 ? cell === lines[0] : /^\d+\.\s/.test(cell))
  );
  if (!ours || places.headerRow === null || end >= places.headerRow) return;
  sheet
    .getRange(1, column, end, 1)
    .setValues(Array.from({ length: end }, (_, r) => [literalText(lines[r] ?? '')]))
    .setWrap(true);
}

/**
 * Fills the blank "Cơ quan chủ quản" and "Chức danh người ký" cells of the units whose type has a
 * default (what a blank means when the papers are made), in one write per column. Every other cell of
 * the column is written back as it was: a formula as its formula, text as literal text.
 */
function fillDefaults(sheet: Sheet, values: unknown[][], places: ConfigPlaces): number {
  const headerRow = places.headerRow;
  if (headerRow === null) return 0;
  const issuer = parseConfig(values).campaign.issuer;
  const typeColumn = places.columns.get('type') as number;
  const codeColumn = places.columns.get('code') as number;
  const nameColumn = places.columns.get('name') as number;
  let filled = 0;
  for (const key of ['parentBody', 'signer'] as const) {
    const column = places.columns.get(key);
    if (column === undefined) continue;
    const rows: number[] = [];
    for (let r = headerRow; r < values.length; r++) {
      const cells = values[r];
      const type = UNIT_TYPES.find((t) => t === String(cells[typeColumn - 1] ?? '').trim());
      const isUnit =
        String(cells[codeColumn - 1] ?? '').trim() !== '' ||
        String(cells[nameColumn - 1] ?? '').trim() !== '';
      if (!type || !isUnit || String(cells[column - 1] ?? '').trim() !== '') continue;
      if (unitDefaults(type, issuer)[key] !== '') rows.push(r);
    }
    if (rows.length === 0) continue;
    const from = rows[0];
    const to = rows[rows.length - 1];
    const range = sheet.getRange(from + 1, column, to - from + 1, 1);
    const formulas = range.getFormulas();
    const written = Array.from({ length: to - from + 1 }, (_, i): unknown[] => {
      const r = from + i;
      if (rows.includes(r)) {
        const type = String(values[r][typeColumn - 1]).trim() as (typeof UNIT_TYPES)[number];
        return [literalText(unitDefaults(type, issuer)[key])];
      }
      if (formulas[i][0] !== '') return [formulas[i][0]];
      const cell = values[r][column - 1];
      return [typeof cell === 'string' ? literalText(cell) : cell];
    });
    range.setValues(written);
    filled += rows.length;
  }
  return filled;
}

/**
 * Writes what Thiết lập made into Cấu hình (a link: the units' folder, a unit's file), as literal text,
 * one call. The row or column must exist (Thiết lập brings an older sheet up to date first).
 */
export function writeConfigCell(
  sheet: Sheet,
  places: ConfigPlaces,
  at: { campaign: (typeof CAMPAIGN_KEYS)[number] } | { unit: Unit; column: UnitColumnKey },
  value: string
): void {
  const [row, column] =
    'campaign' in at
      ? [places.campaign.get(at.campaign), CONFIG.campaignValueColumn]
      : [at.unit.configRow, places.columns.get(at.column)];
  if (row === undefined || column === undefined) throw new Error('Cấu hình lacks the cell Thiết lập writes.');
  sheet.getRange(row, column).setValue(literalText(value));
}

export function problemLines(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${cfg.rowPrefix(p.row)}: ${p.message}`);
}
