/** Test set-up shared by the shell tests: a stand-in workbook running the built bundle. */
import { dropBlankSheets, loadAddOn } from '../../src/cli/runtime';
import { type VirtualClock, Workbook } from '../../src/stand-in';
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { UNIT_SHEET, unitRangeName } from '../../src/core/layout';

export const CLERK = 'van.thu@haiduong.example';

export function unitTable(units: readonly DemoUnit[]): string[][] {
  return units.map((u) => [u.code, u.name, u.type, String(u.target), u.emails, u.manager, u.phone]);
}

/**
 * A workbook owned by the clerk, with the add-on loaded and the set-up sheet filled, in the design of the
 * first versions (a tab per unit, "Một tệp chung") unless `organisation` is 'files'; in the shared design,
 * shared for editing with every unit's email (as the README asks, before Thiết lập) unless `shared` is false.
 */
export function workbookWithUnits(
  units: readonly DemoUnit[] = demoUnits(3),
  {
    shared = true,
    clock,
    organisation = 'shared',
  }: { shared?: boolean; clock?: VirtualClock; organisation?: 'files' | 'shared' } = {}
) {
  const workbook = new Workbook({ owner: CLERK });
  const loaded = loadAddOn(workbook, undefined, clock ? { clock } : {});
  loaded.addOn.initConfig(unitTable(units), { organisation });
  dropBlankSheets(workbook);
  if (shared && organisation === 'shared') workbook.share(...units.map((u) => u.emails));
  return { workbook, ...loaded };
}

export function unitSheet(workbook: Workbook, code: string) {
  const range = workbook.getRangeByName(unitRangeName(code));
  if (!range) throw new Error(`no sheet for ${code}`);
  return range.getSheet();
}

/** Types rows (Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú) as the unit's staff member. */
export function typeRows(
  workbook: Workbook,
  unit: DemoUnit,
  rows: unknown[][],
  firstRow: number = UNIT_SHEET.firstDataRow
): void {
  const sheet = unitSheet(workbook, unit.code);
  workbook.actAs(unit.emails.split(',')[0] || CLERK);
  try {
    const padded = rows.map((r) => [...r, '', '', '', '', ''].slice(0, 5));
    sheet.getRange(firstRow, 2, padded.length, 5).setValues(padded);
  } finally {
    workbook.actAs(CLERK);
  }
}

/** Every sheet's values and formulas, to compare before and after an action. */
export function snapshot(workbook: Workbook, names?: string[]) {
  return workbook
    .getSheets()
    .filter((sheet) => !names || names.includes(sheet.getName()))
    .map((sheet) => {
      const range = sheet.getDataRange();
      return { name: sheet.getName(), values: range.getValues(), formulas: range.getFormulas() };
    });
}

/**
 * The "Cập nhật lần cuối" stamps a unit's staff see: every Date in the header block above the table's
 * header row (wherever in that block the stamp sits).
 */
export function headerStamps(workbook: Workbook, code: string): Date[] {
  const header = workbook.getRangeByName(unitRangeName(code));
  if (!header) throw new Error(`no sheet for ${code}`);
  const sheet = header.getSheet();
  const above = header.getRow() - 1;
  if (above < 1) return [];
  return sheet
    .getRange(1, 1, above, sheet.getLastColumn())
    .getValues()
    .flat()
    .filter((v): v is Date => v instanceof Date);
}

/** Types into Cấu hình as the clerk: the value (column C) of the campaign row labelled `label`. */
export function setCampaign(workbook: Workbook, label: string, value: string): void {
  const sheet = workbook.sheet('Cấu hình');
  const row = sheet
    .getDataRange()
    .getValues()
    .findIndex((r) => r[0] === label);
  if (row < 0) throw new Error(`no row ${label}`);
  sheet.getRange(row + 1, 3).setValue(value);
}

/** dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh, by Node's ICU (not the add-on's own formatter). */
export const shownInVietnam = (ms: number) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value])
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
};

/**
 * One execution of `body` (the script's own terms, run by `script`, loadAddOn's) as `who`, the spreadsheet
 * handed back to `home` after; what it throws comes back as `{ error }`.
 */
export function scriptAs(
  workbook: Workbook,
  script: (body: string) => unknown,
  home = CLERK
): (who: string, body: string) => unknown {
  return (who, body) => {
    workbook.actAs(who);
    try {
      return script(body);
    } catch (error) {
      return { error: (error as Error).message };
    } finally {
      workbook.actAs(home);
    }
  };
}
