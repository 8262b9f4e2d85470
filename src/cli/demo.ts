/**
 * `npm start`: a demo ward, end to end, through the same commands a clerk runs. Unit staff "type" their
 * rows into their own files (as themselves), then the clerk consolidates the folder of files.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { campaignLabels, configMessages, unitColumnLabels as columns } from '../core/messages/setup';

/** A dispatch number and date as a clerk types them (the copy the ward received left both blank). */
const DEMO_DISPATCH = '125/UBND-VHXH ngày 12/5/2026';
import { demoMessages as dm } from '../core/messages/cli';
import { menuMessages as menu } from '../core/messages/consolidate';
import { UNIT_SHEET, UNIT_SHEET_COL, unitRangeName } from '../core/layout';
import { demoRows, demoUnits, seededRandom, type TypedRow } from './demo-data';
import { main } from './cli';
import { openWorkbook, saveWorkbook, say } from './cli-io';
import type { Workbook } from '../stand-in';
import { officePropertiesPath, unitFileName, unitsDirOf } from './unit-folder';

export interface DemoOptions {
  dir: string;
  groups: number;
  /** Each unit reports between these fractions of its target, so some reach it and some do not. */
  coverage: [number, number];
  seed: number;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function writeUnitsCsv(path: string, units: ReturnType<typeof demoUnits>): void {
  // Without "Cơ quan chủ quản" and "Chức danh người ký": Thiết lập đơn vị fills them in by unit type.
  const header = [
    columns.code,
    columns.name,
    columns.type,
    columns.target,
    columns.emails,
    columns.manager,
    columns.phone,
  ];
  const lines = [header.join(',')];
  for (const u of units)
    lines.push([u.code, u.name, u.type, u.target, u.emails, u.manager, u.phone].map(csvField).join(','));
  writeFileSync(path, `\uFEFF${lines.join('\n')}\n`);
}

/** Each unit's staff member types their rows into their own sheet, as a person would. */
export function typeUnitRows(
  workbook: Workbook,
  units: ReturnType<typeof demoUnits>,
  rowsFor: (unit: ReturnType<typeof demoUnits>[number]) => TypedRow[]
): number {
  let total = 0;
  for (const unit of units) {
    const range = workbook.getRangeByName(unitRangeName(unit.code));
    if (!range) continue;
    const rows = rowsFor(unit);
    if (rows.length === 0) continue;
    const sheet = range.getSheet();
    const first = range.getRow() + 1;
    if (sheet.getMaxRows() < first + rows.length - 1)
      sheet.insertRowsAfter(sheet.getMaxRows(), first + rows.length - 1 - sheet.getMaxRows());
    // Staff need edit access to the file itself: the owner shares it with them, as in the Share dialog.
    workbook.share(unit.emails);
    workbook.actAs(unit.emails.split(',')[0]?.trim() || workbook.getOwner()?.getEmail() || '');
    const from = UNIT_SHEET_COL.name;
    // As the person typing: the Kiểm tra column's formulas follow by themselves.
    sheet.getRange(first, from, rows.length, UNIT_SHEET.columns - from + 1).setValues(rows);
    total += rows.length;
  }
  workbook.actAs(workbook.getOwner()?.getEmail() ?? '');
  return total;
}

export async function runDemo(options: Partial<DemoOptions> = {}): Promise<number> {
  const { dir, groups, coverage, seed } = {
    dir: 'demo',
    groups: 12,
    coverage: [0.4, 1.4],
    seed: 2026,
    ...options,
  } as DemoOptions;
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'don-vi-demo.csv');
  const xlsx = join(dir, 'bao-cao-demo.xlsx');
  // Each unit's list in a file of its own, beside the office's workbook (the default of `tonghop init`).
  const unitsDir = unitsDirOf(resolve(xlsx));
  rmSync(xlsx, { force: true });
  rmSync(unitsDir, { recursive: true, force: true });
  rmSync(officePropertiesPath(resolve(xlsx)), { force: true });
  const random = seededRandom(seed);
  const units = demoUnits(groups, random);
  writeUnitsCsv(csv, units);

  say(dm.step(`tonghop init ${xlsx} --units ${csv}`));
  if ((await main(['init', xlsx, '--units', csv])) !== 0) return 1;
  say(dm.step(`tonghop setup ${xlsx}`, menu.setup));
  if ((await main(['setup', xlsx])) !== 0) return 1;

  // The clerk writes the dispatch's number and date on Cấu hình, which the reports cite.
  const workbook = await openWorkbook(resolve(xlsx));
  const config = workbook.getSheetByName(configMessages.sheetName);
  const dispatchRow = (config?.getDataRange().getValues() ?? []).findIndex(
    (row) => row[0] === campaignLabels.dispatch
  );
  if (config && dispatchRow >= 0) config.getRange(dispatchRow + 1, 3).setValue(DEMO_DISPATCH);
  await saveWorkbook(workbook, resolve(xlsx));

  // Each unit's staff open the file they received, type their rows and send it back.
  say(dm.step(dm.typing));
  const shared: TypedRow[] = [];
  const currentYear = new Date().getFullYear();
  let typed = 0;
  for (const unit of units) {
    const path = join(unitsDir, unitFileName(unit));
    if (!existsSync(path)) continue;
    const file = await openWorkbook(path);
    typed += typeUnitRows(file, [unit], (u) =>
      demoRows(u, {
        rows: Math.round(u.target * (coverage[0] + random() * (coverage[1] - coverage[0]))),
        groups,
        currentYear,
        random,
        shared,
      })
    );
    await saveWorkbook(file, path, true);
  }
  say(dm.typed(typed, units.length));

  say(dm.step(`tonghop run ${xlsx}`, menu.consolidate));
  if ((await main(['run', xlsx])) !== 0) return 1;

  const unitPdf = join(dir, 'bao-cao-TDP01.pdf');
  const wardPdf = join(dir, 'bao-cao-phuong.pdf');
  say(dm.step(`tonghop report ${xlsx} --unit TDP01 --pdf ${unitPdf}`, menu.unitReport));
  if ((await main(['report', xlsx, '--unit', 'TDP01', '--pdf', unitPdf])) !== 0) return 1;
  say(dm.step(`tonghop report ${xlsx} --ward --pdf ${wardPdf}`, menu.wardReport));
  if ((await main(['report', xlsx, '--ward', '--pdf', wardPdf])) !== 0) return 1;

  const shown = relative(process.cwd(), resolve(xlsx));
  const pdfs = [unitPdf, wardPdf].map((pdf) => relative(process.cwd(), resolve(pdf)));
  say(dm.done(shown, pdfs, relative(process.cwd(), unitsDir)));
  return 0;
}
