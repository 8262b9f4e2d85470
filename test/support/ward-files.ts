/**
 * A ward where each unit has a file of its own, on the stand-in's Drive through the built bundle, and the
 * people of issue 25's tests: the clerk who owns every file, an office colleague, each unit's staff, a
 * stranger. Each `as(who, body)` is one execution of the script's own terms as that person.
 */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { dropBlankSheets, loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import { Workbook, VirtualClock } from '../../src/stand-in';
import { parseConfig } from '../../src/core/config-table';
import type { ProtectionType } from '../../src/contract/apps-script';
import { CLERK, setCampaign as setCampaignOf, unitTable, scriptAs } from './add-on';

export const COLLEAGUE = 'ke.toan@haiduong.example';
const SHEET = 'SHEET' as unknown as ProtectionType;
const T0 = Date.UTC(2026, 4, 20, 2, 0, 0);

/** Two residential groups and a school, each with one staff email. */
export function threeUnits(): DemoUnit[] {
  return demoUnits(3).filter((u) => ['THCS-LTV', 'TDP01', 'TDP02'].includes(u.code));
}

export const staffOf = (unit: DemoUnit): string => unit.emails.split(',')[0];

/** The office's file, the colleague in the office (Cấu hình's protection), Thiết lập run by the clerk. */
export function wardOfFiles(units: DemoUnit[] = threeUnits(), options: RuntimeOptions = {}) {
  const workbook = new Workbook({ owner: CLERK, name: 'Tổng hợp Smart Hải Phòng' });
  options.clock ??= new VirtualClock(T0);
  const loaded = loadAddOn(workbook, undefined, options);
  loaded.addOn.initConfig(unitTable(units));
  dropBlankSheets(workbook);
  workbook.share(COLLEAGUE);
  workbook.sheet('Cấu hình').getProtections(SHEET)[0].addEditors([COLLEAGUE]);
  const as = scriptAs(workbook, loaded.script);
  const config = () => parseConfig(workbook.sheet('Cấu hình').getDataRange().getValues());
  const fileId = (code: string): string => {
    const unit = config().units.find((u) => u.code === code);
    if (!unit || unit.fileId === '') throw new Error(`no file for ${code}`);
    return unit.fileId;
  };
  const unitFile = (code: string): Workbook => {
    const file = workbook.drive.file(fileId(code));
    if (!file?.workbook) throw new Error(`no spreadsheet for ${code}`);
    return file.workbook;
  };
  /** `body` run on the unit's file as its staff member (what they do in their own browser tab). */
  const asStaff = <T>(unit: DemoUnit, body: (file: Workbook) => T): T => {
    workbook.actAs(staffOf(unit));
    try {
      return body(unitFile(unit.code));
    } finally {
      workbook.actAs(CLERK);
    }
  };
  /** Types cells (Họ và tên, Năm sinh, Cơ quan đơn vị, Nơi ở hiện nay, Ghi chú) into the unit's file as its staff. */
  const typeInto = (unit: DemoUnit, rows: unknown[][], firstRow = 8): void =>
    asStaff(unit, (file) => {
      const padded = rows.map((r) => [...r, '', '', '', '', ''].slice(0, 5));
      file.getSheets()[0].getRange(firstRow, 2, padded.length, 5).setValues(padded);
    });
  /** Types into Cấu hình as the clerk: a campaign row's value (by its label). */
  const setCampaign = (label: string, value: string): void => setCampaignOf(workbook, label, value);
  /** Types into Cấu hình as the clerk: a unit's cell (its row by code, the column by its header). */
  const setUnitCell = (code: string, header: string, value: string): void => {
    const sheet = workbook.sheet('Cấu hình');
    const values = sheet.getDataRange().getValues();
    const headerRow = values.findIndex((r) => r.includes('Mã') && r.includes(header));
    const column = values[headerRow].indexOf(header);
    const row = values.findIndex((r, i) => i > headerRow && r[0] === code);
    if (headerRow < 0 || row < 0) throw new Error(`no cell ${code} ${header}`);
    sheet.getRange(row + 1, column + 1).setValue(value);
  };
  return {
    workbook,
    drive: workbook.drive,
    setCampaign,
    setUnitCell,
    clock: options.clock,
    as,
    config,
    fileId,
    unitFile,
    asStaff,
    typeInto,
    ...loaded,
  };
}
