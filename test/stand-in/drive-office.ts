/**
 * The people of the Drive tests and the office's spreadsheet they start from: the clerk who owns the files,
 * an office colleague, a unit's staff member and a stranger; each `run(who, body)` is one execution of code in
 * the bundle's realm under the built manifest, as that person.
 */
import { loadAddOn, type RuntimeOptions } from '../../src/cli/runtime';
import { VirtualClock, Workbook } from '../../src/stand-in';
import { scriptAs } from '../support/add-on';

export const OWNER = 'van.thu@haiduong.example';
export const COLLEAGUE = 'ke.toan@haiduong.example';
export const STAFF_A = 'tdp01@haiduong.example';
export const STRANGER = 'nguoi.la@example.com';

/** The office's spreadsheet (the bound one), owned by the clerk and shared with a colleague. */
export function office(options: RuntimeOptions = {}) {
  const clock = new VirtualClock(Date.UTC(2026, 4, 4, 1, 0));
  const workbook = new Workbook({ owner: OWNER, name: 'Phường Hải Dương - Tổng hợp' });
  workbook.share(COLLEAGUE);
  const loaded = loadAddOn(workbook, undefined, { clock, ...options });
  /** One execution as `who`; what it throws is returned as `{ error }`. */
  const run = scriptAs(workbook, loaded.script, OWNER);
  return { workbook, drive: workbook.drive, clock, run, ...loaded };
}

export type Office = ReturnType<typeof office>;
