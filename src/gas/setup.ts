/** "Thiết lập đơn vị": one sheet per unit, created from the template, safe to re-run. */
import { services, type Sheet, type Spreadsheet } from './apps-script';
import { protectionMessages, setupMessages as sm } from '../core/messages/setup';
import { formulasFor, type Formulas } from '../core/formulas';
import { codeIdentity, safeTabName, unitsInTabOrder, type Unit } from '../core/units';
import {
  createConfigSheet,
  officeOf,
  problemLines,
  readConfig,
  ROLE,
  secureConfigSheet,
} from './config-sheet';
import { ensureOutputSheet, secureOutputSheet } from './output-sheets';
import { mayMirrorSharing, openSheets, readSharing, type ProtectionEntry } from './protections';
import { sheetTags, sheetsByRole } from './sheet-utils';
import {
  campaignText,
  createUnitSheet,
  findUnitSheets,
  refreshUnitHeader,
  secureUnitSheet,
  tagUnitSheet,
  type UnitSheetRef,
} from './unit-sheets';
import { withDocumentLock, type ActionResult } from './action';
import { syncCheckColumn } from './check-column';
import { verdictMessages } from '../core/messages/verdict';

export interface SetupResult extends ActionResult {
  created: string[];
  refreshed: string[];
  kept: string[];
  unitsWithoutEmail: string[];
  emailsWithoutAccess: string[];
  orphanSheets: string[];
  problems: { row: number; message: string }[];
  /** Every protection tonghop owns, as this run left it. */
  protections: ProtectionEntry[];
}

/** The set-up sheet, created on first use by any menu item. */
export function ensureConfig(ss: Spreadsheet, roles: Map<string, Sheet>): { sheet: Sheet; created: boolean } {
  const existing = roles.get(ROLE.config);
  return existing ? { sheet: existing, created: false } : { sheet: createConfigSheet(ss), created: true };
}

/** Every menu item starts here: the set-up sheet is created when it is missing. */
export function ensureConfigSheet(): { sheet: Sheet; created: boolean } {
  const ss = services().SpreadsheetApp.getActiveSpreadsheet();
  return ensureConfig(ss, sheetsByRole(sheetTags(ss)));
}

function emptyResult(message: string, ok: boolean): SetupResult {
  return {
    ok,
    message,
    created: [],
    refreshed: [],
    kept: [],
    unitsWithoutEmail: [],
    emailsWithoutAccess: [],
    orphanSheets: [],
    problems: [],
    protections: [],
  };
}

/** Tabs in the order: Cấu hình, Tổng hợp, Danh sách tổng hợp, then units grouped by type. */
function orderTabs(ss: Spreadsheet, wanted: readonly Sheet[]): void {
  const current = ss.getSheets().map((sheet) => sheet.getSheetId());
  wanted.forEach((sheet, index) => {
    if (current[index] === sheet.getSheetId()) return;
    ss.setActiveSheet(sheet);
    ss.moveActiveSheet(index + 1);
    const from = current.indexOf(sheet.getSheetId());
    current.splice(from, 1);
    current.splice(index, 0, sheet.getSheetId());
  });
}

export function runSetup(): SetupResult {
  const ss = services().SpreadsheetApp.getActiveSpreadsheet();
  const tags = sheetTags(ss);
  const roles = sheetsByRole(tags);
  const config = ensureConfig(ss, roles);
  if (config.created) return emptyResult(sm.configCreated, true);

  const { campaign, units, problems } = readConfig(config.sheet);
  if (problems.length > 0) {
    const result = emptyResult(
      [sm.problemsIntro(problems.length), ...problemLines(problems)].join('\n'),
      false
    );
    result.problems = problems;
    return result;
  }

  const office = officeOf(config.sheet);
  if (!office.isOffice) return emptyResult(sm.officeOnly, false);
  const text = campaignText(campaign);
  const result = emptyResult('', true);
  const sharing = readSharing(ss);
  // Sheets the runner may not re-protect (protected before they joined the office).
  const notYours: string[] = [];
  const keep = (entries: ProtectionEntry | ProtectionEntry[] | null, sheet: Sheet): void => {
    if (entries) result.protections.push(...[entries].flat());
    else notYours.push(sheet.getName());
  };
  keep(secureConfigSheet(config.sheet, office, sharing), config.sheet);
  const summary = ensureOutputSheet(ss, roles, ROLE.summary, office.editors, sharing);
  const master = ensureOutputSheet(ss, roles, ROLE.master, office.editors, sharing);
  keep(secureOutputSheet(summary, ROLE.summary, office.editors, sharing), summary);
  keep(secureOutputSheet(master, ROLE.master, office.editors, sharing), master);

  // The spreadsheet's formula syntax, asked once and only when a unit sheet is created.
  let formulas: Formulas | undefined;
  const found = findUnitSheets(tags);
  const taken = ss.getSheets().map((sheet) => sheet.getName());
  const ordered = unitsInTabOrder(units);
  const unitSheets: Sheet[] = [];
  const checkColumnTaken: string[] = [];
  ordered.forEach((unit: Unit) => {
    const known = found.get(codeIdentity(unit.code));
    let ref: UnitSheetRef;
    if (known) {
      ref = known;
      tagUnitSheet(ss, ref, unit);
      if (refreshUnitHeader(ref, unit, text)) result.refreshed.push(unit.name);
      else result.kept.push(unit.name);
      keep(secureUnitSheet(ref, unit, office.editors, sharing), ref.sheet);
      if (!syncCheckColumn(ref.sheet, ref.headerRow)) checkColumnTaken.push(unit.name);
    } else {
      const tab = safeTabName(unit.name, taken);
      taken.push(tab);
      formulas ??= formulasFor(ss.getSpreadsheetLocale());
      const created = createUnitSheet(
        ss,
        unit,
        tab,
        taken.length - 1,
        text,
        office.editors,
        sharing,
        formulas
      );
      keep(created.protections, created.sheet);
      ref = created;
      result.created.push(unit.name);
    }
    unitSheets.push(ref.sheet);
    if (unit.emails.length === 0) result.unitsWithoutEmail.push(unit.name);
  });

  const listed = new Set(units.map((unit) => codeIdentity(unit.code)));
  for (const [identity, ref] of found)
    if (!listed.has(identity)) result.orphanSheets.push(ref.sheet.getName());

  result.emailsWithoutAccess = [...new Set(units.flatMap((unit) => unit.emails))].filter(
    (email) => !sharing.fileEditors.has(email)
  );

  orderTabs(ss, [config.sheet, summary, master, ...unitSheets]);
  ss.setActiveSheet(config.sheet);

  const lines = [sm.summary(result.created.length, result.refreshed.length, result.kept.length)];
  const attention: string[] = [];
  if (result.unitsWithoutEmail.length > 0) attention.push(sm.noEmail(result.unitsWithoutEmail));
  if (result.emailsWithoutAccess.length > 0) attention.push(sm.notShared(result.emailsWithoutAccess));
  if (result.orphanSheets.length > 0) attention.push(sm.orphanSheets(result.orphanSheets));
  const open = openSheets(result.protections);
  if (open.length > 0) attention.push(sm.openSheets(open));
  if (notYours.length > 0) attention.push(protectionMessages.notYours(notYours));
  if (office.editors.length > 1 && mayMirrorSharing(office.editors, sharing)) {
    attention.push(sm.officeIsEveryone(office.editors));
  }
  if (checkColumnTaken.length > 0) attention.push(verdictMessages.columnTaken(checkColumnTaken));
  if (attention.length > 0) lines.push(sm.attentionIntro, ...attention.map((line) => `• ${line}`));
  result.message = lines.join('\n');
  return result;
}

/** Menu "Thiết lập đơn vị". */
export function setupUnits(): SetupResult {
  return withDocumentLock(sm.title, runSetup, (message) => emptyResult(message, false));
}
