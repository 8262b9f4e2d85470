/** The set-up sheet "Cấu hình": created when missing, read in one batch. */
import { services, type Protection, type Sheet, type Spreadsheet } from './apps-script';
import { CONFIG, CONFIG_SHEET, configSheetTemplate, isUnitsHeader, targetRule } from '../core/layout';
import { configMessages as cfg } from '../core/messages/setup';
import { formulasFor, literalText } from '../core/formulas';
import {
  parseCampaign,
  parseUnits,
  UNIT_TYPES,
  type Campaign,
  type ConfigProblem,
  type Unit,
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
}

export function createConfigSheet(ss: Spreadsheet): Sheet {
  const { SpreadsheetApp } = services();
  // Vietnamese number and date formats (45,0%; 31/05/2026), and dates read in the ward's time zone, the
  // manifest's too: a date typed in a cell and the script's clock then agree.
  ss.setSpreadsheetLocale('vi_VN');
  ss.setSpreadsheetTimeZone(WARD_TIME_ZONE);
  const sheet = insertRoleSheet(ss, ROLE.config, CONFIG_SHEET, 0);
  const rows = CONFIG.unitsFirstRow - 1 + CONFIG.unitRows;
  resizeGrid(sheet, rows, CONFIG.columns);
  const template = configSheetTemplate();
  sheet.getRange(1, 1, template.length, CONFIG.columns).setValues(template);
  const all = sheet.getRange(1, 1, rows, CONFIG.columns);
  all.setFontFamily('Times New Roman').setFontSize(11).setVerticalAlignment('middle');
  setColumnWidths(sheet, CONFIG.columnWidths);
  sheet.getRange(CONFIG.titleRow, 1).setFontSize(14).setFontWeight('bold').setFontColor('#1a4f8b');
  sheet.getRange(CONFIG.hintRow, 1).setFontStyle('italic');
  for (const row of [CONFIG.campaignHeadingRow, CONFIG.unitsHeadingRow]) {
    sheet.getRange(row, 1).setFontWeight('bold').setFontColor('#1a4f8b');
  }
  sheet.getRange(CONFIG.campaignFirstRow, CONFIG.campaignValueColumn, 2, 1).setWrap(false);
  sheet
    .getRange(CONFIG.campaignFirstRow + 3, CONFIG.campaignValueColumn, 2, 1)
    .setNumberFormat('dd/MM/yyyy')
    .setHorizontalAlignment('left');
  sheet.getRange(CONFIG.campaignFirstRow + 5, CONFIG.campaignValueColumn).setNote(cfg.householdsNote);
  sheet
    .getRange(CONFIG.unitsHeaderRow, 1, 1, CONFIG.unitColumns)
    .setFontWeight('bold')
    .setBackground('#dbe7f5')
    .setHorizontalAlignment('center')
    .setWrap(true);
  sheet.getRange(1, CONFIG.instructionsColumn, cfg.instructions.length + 1, 1).setWrap(true);
  sheet.getRange(1, CONFIG.instructionsColumn).setFontWeight('bold');
  sheet.setFrozenRows(CONFIG.unitsHeaderRow);
  const units = sheet.getRange(CONFIG.unitsFirstRow, 1, CONFIG.unitRows, CONFIG.unitColumns);
  units.setBorder(true, true, true, true, true, true);
  sheet.getRange(CONFIG.unitsFirstRow, 3, CONFIG.unitRows, 1).setDataValidation(
    SpreadsheetApp.newDataValidation()
      .requireValueInList([...UNIT_TYPES], true)
      .setAllowInvalid(false)
      .setHelpText(cfg.typeHelp)
      .build()
  );
  sheet.getRange(CONFIG.unitsFirstRow, 4, CONFIG.unitRows, 1).setDataValidation(
    SpreadsheetApp.newDataValidation()
      // The locale was set to vi_VN above: its syntax, without asking the spreadsheet again.
      .requireFormulaSatisfied(targetRule(formulasFor('vi_VN'), `D${CONFIG.unitsFirstRow}`))
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

/** Writes the units table (rows of Mã, Tên, Loại, Chỉ tiêu, Email, Người phụ trách, SĐT) as text, targets as numbers. */
export function writeUnitsTable(sheet: Sheet, rows: readonly string[][]): void {
  if (rows.length === 0) return;
  const needed = CONFIG.unitsFirstRow - 1 + rows.length;
  ensureRows(sheet, needed);
  const values = rows.map((cells) =>
    Array.from({ length: CONFIG.unitColumns }, (_, i) => {
      const value = cells[i] ?? '';
      return i === 3 && /^\d+$/.test(value.trim()) ? Number(value.trim()) : literalText(value);
    })
  );
  sheet.getRange(CONFIG.unitsFirstRow, 1, values.length, CONFIG.unitColumns).setValues(values);
}

/** Reads the whole set-up sheet with one call and checks it. */
export function readConfig(sheet: Sheet): Config {
  const values = sheet.getDataRange().getValues();
  const row = (n: number): unknown[] => values[n - 1] ?? [];
  const campaignCells = Array.from(
    { length: 6 },
    (_, i) => row(CONFIG.campaignFirstRow + i)[CONFIG.campaignValueColumn - 1]
  );
  const { campaign, problems } = parseCampaign(campaignCells, CONFIG.campaignFirstRow);
  if (!isUnitsHeader(row(CONFIG.unitsHeaderRow))) {
    return {
      campaign,
      units: [],
      problems: [...problems, { row: CONFIG.unitsHeaderRow, message: cfg.headerChanged }],
    };
  }
  const unitRows = values.slice(CONFIG.unitsFirstRow - 1);
  const parsed = parseUnits(unitRows, CONFIG.unitsFirstRow);
  const all = [...problems, ...parsed.problems];
  if (parsed.units.length === 0 && parsed.problems.length === 0)
    all.push({ row: CONFIG.unitsFirstRow, message: cfg.noUnits });
  return { campaign, units: parsed.units, problems: all };
}

export function problemLines(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${cfg.rowPrefix(p.row)}: ${p.message}`);
}
