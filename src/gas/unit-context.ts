/** The units of the set-up sheet and their sheets, as the sidebar's server functions need them. */
import { services, type Spreadsheet } from './apps-script';
import { checkMessages } from '../core/messages/check';
import { codeIdentity, type Unit } from '../core/units';
import { readConfig, ROLE } from './config-sheet';
import { sheetTags, sheetsByRole } from './sheet-utils';
import { findUnitSheets, type UnitSheetRef } from './unit-sheets';

export interface UnitContext {
  ss: Spreadsheet;
  units: Unit[];
  refs: Map<string, UnitSheetRef>;
}

/** The units and their sheets, or the Vietnamese message that says why there are none. */
export function loadUnitContext(): UnitContext | string {
  const ss = services().SpreadsheetApp.getActiveSpreadsheet();
  const tags = sheetTags(ss);
  const config = sheetsByRole(tags).get(ROLE.config);
  if (!config) return checkMessages.noConfig;
  const { units, problems } = readConfig(config);
  if (units.length === 0) return problems.length > 0 ? checkMessages.configProblems : checkMessages.noConfig;
  return { ss, units, refs: findUnitSheets(tags) };
}

export function findUnit(ctx: UnitContext, code: string): Unit | undefined {
  return ctx.units.find((unit) => codeIdentity(unit.code) === codeIdentity(code));
}

/** The unit whose sheet is open, if any. */
export function activeUnit(ctx: UnitContext): Unit | undefined {
  const activeId = ctx.ss.getActiveSheet().getSheetId();
  return ctx.units.find((unit) => ctx.refs.get(codeIdentity(unit.code))?.sheet.getSheetId() === activeId);
}
