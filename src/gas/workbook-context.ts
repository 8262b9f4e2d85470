/**
 * The workbook's context, loaded the same way by every action: the tags (two calls, whatever their
 * number), tonghop's own sheets by role, and, each read at most once and only when first asked for,
 * Cấu hình parsed (one call), the office (the editors of its protection: a few calls), the file's
 * sharing (a few calls) and the unit sheets found by their tags.
 *
 * A context describes the workbook as it was when loaded: an action that adds, renames or retags
 * sheets loads a new one (or reads the tags again) to see its own changes.
 */
import { services, type Sheet, type Spreadsheet } from './apps-script';
import { checkMessages } from '../core/messages/check';
import { consolidateMessages as cm } from '../core/messages/consolidate';
import { codeIdentity, type Unit } from '../core/units';
import { ensureConfig, officeOf, problemLines, readConfig, ROLE, type Config } from './config-sheet';
import { readSharing, type Sharing } from './protections';
import { sheetTags, sheetsByRole, type SheetTag } from './sheet-utils';
import { findUnitSheets, type UnitSheetRef } from './unit-sheets';

export type Office = ReturnType<typeof officeOf>;

/** Cấu hình and what is read from it, each on first ask. */
export interface SetUpSheet {
  readonly sheet: Sheet;
  /** The set-up sheet read and checked (one call). */
  config(): Config;
  /** The office, as the set-up sheet's protection lists it. */
  office(): Office;
}

export interface WorkbookContext {
  readonly ss: Spreadsheet;
  readonly tags: readonly SheetTag[];
  /** tonghop's own sheets (Cấu hình, Tổng hợp, Danh sách tổng hợp) found by their role tags. */
  readonly roles: Map<string, Sheet>;
  /** Cấu hình, null when the workbook has none yet. */
  readonly setup: SetUpSheet | null;
  sharing(): Sharing;
  /** The unit sheets by code identity. Shared: a caller that adds to it copies it first. */
  unitSheets(): ReadonlyMap<string, UnitSheetRef>;
}

function once<T>(load: () => T): () => T {
  let loaded = false;
  let value: T;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value;
  };
}

export function loadWorkbookContext(
  ss: Spreadsheet = services().SpreadsheetApp.getActiveSpreadsheet()
): WorkbookContext {
  const tags = sheetTags(ss);
  const roles = sheetsByRole(tags);
  const configSheet = roles.get(ROLE.config);
  return {
    ss,
    tags,
    roles,
    setup: configSheet
      ? {
          sheet: configSheet,
          config: once(() => readConfig(configSheet)),
          office: once(() => officeOf(configSheet)),
        }
      : null,
    sharing: once(() => readSharing(ss)),
    unitSheets: once(() => findUnitSheets(tags)),
  };
}

/** The message for a set-up table with problems (Tổng hợp, the reports), null when it has none. */
export function configProblemsMessage(config: Config): string | null {
  if (config.problems.length === 0) return null;
  return [cm.configProblems(config.problems.length), ...problemLines(config.problems)].join('\n');
}

/** What the sidebar's server functions (check, import) need: the units and their sheets. */
export interface UnitContext {
  ss: Spreadsheet;
  units: Unit[];
  refs: ReadonlyMap<string, UnitSheetRef>;
}

/** The units and their sheets, or the Vietnamese message that says why there are none. */
export function loadUnitContext(): UnitContext | string {
  const workbook = loadWorkbookContext();
  if (!workbook.setup) return checkMessages.noConfig;
  const { units, problems } = workbook.setup.config();
  if (units.length === 0) return problems.length > 0 ? checkMessages.configProblems : checkMessages.noConfig;
  return { ss: workbook.ss, units, refs: workbook.unitSheets() };
}

export function findUnit(ctx: UnitContext, code: string): Unit | undefined {
  return ctx.units.find((unit) => codeIdentity(unit.code) === codeIdentity(code));
}

/** The unit whose sheet is open, if any. */
export function activeUnit(ctx: UnitContext): Unit | undefined {
  const activeId = ctx.ss.getActiveSheet().getSheetId();
  return ctx.units.find((unit) => ctx.refs.get(codeIdentity(unit.code))?.sheet.getSheetId() === activeId);
}

/** Every menu item starts here: the set-up sheet is created when it is missing. */
export function ensureConfigSheet(): { sheet: Sheet; created: boolean } {
  const { ss, roles } = loadWorkbookContext();
  return ensureConfig(ss, roles);
}
