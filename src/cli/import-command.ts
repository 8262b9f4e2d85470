/**
 * `tonghop import <tệp.xlsx> --unit MÃ --from <tệp của đơn vị>`: "Nhập từ tệp" on a local workbook.
 * The unit's file is read here with the sidebar's libraries (read-excel-file's Node entry, papaparse),
 * then the bundle's previewImport and importRows do the rest, as from the sidebar.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import type { ImportTable } from '../core/import';
import type { ImportFailure } from '../core/import-api';
import {
  checkImportFile,
  ImportFileError,
  tableFromCsv,
  tableFromXlsx,
  type ImportFormulaCell,
} from '../shared/import-file';
import { cliMessages as cm } from '../core/messages/cli';
import { importMessages as im } from '../core/messages/import';
import { CliError, lockFile, openWorkbook, say, step, type ParsedArgs } from './cli-io';
import { menuMessages as menu } from '../core/messages/consolidate';
import { printJson } from './output';
import { iconvCsv } from './csv';
import { loadAddOn } from './runtime';
import { codeIdentity } from '../core/units';
import { folderNotices, lockUnitFiles, openOffice, saveOffice, saveUnitFiles } from './unit-folder';

/** Failures that mean the unit's file is unusable: exit code 2, like any bad input file. */
const BAD_FILE: readonly (ImportFailure | null)[] = ['empty', 'no-header', 'no-rows', 'too-many-rows'];

function required(args: ParsedArgs, name: string, message: string): string {
  const value = args.options.get(name);
  if (typeof value !== 'string' || value === '') throw new CliError(message);
  return value;
}

/**
 * The unit's file as the table the sidebar would send, and its formula cells (left empty, issue 25); a bad
 * file is a CliError with exit code 2.
 */
export async function readUnitFile(
  path: string
): Promise<{ table: ImportTable; formulaCells: ImportFormulaCell[] }> {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliError(im.unreadable(name));
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(cm.fileNotFound(path));
  }
  try {
    const kind = checkImportFile(name, size);
    const bytes = readFileSync(path);
    if (kind === 'csv')
      return { table: tableFromCsv(new Uint8Array(bytes), name, iconvCsv), formulaCells: [] };
    try {
      // Checked against a unit's list's limits before read-excel-file unzips anything (issue 25).
      return await tableFromXlsx(new Uint8Array(bytes), name, () => readSheet(bytes));
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw new ImportFileError(im.unreadable(name), 'unreadable');
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw new CliError(error.message, 2);
    throw error;
  }
}

export async function importCommand(args: ParsedArgs): Promise<number> {
  const unit = required(args, '--unit', im.cliMissingUnit);
  const from = required(args, '--from', im.cliMissingFrom);
  // Read the unit's file before locking the workbook: a bad file leaves nothing behind.
  const { table, formulaCells } = await readUnitFile(resolve(from));
  if (formulaCells.length > 0) {
    const shown = formulaCells
      .slice(0, 10)
      .map((c) => (c.function === '' ? c.cell : `${c.cell} (${c.function})`));
    say(im.formulaCells(shown, formulaCells.length - shown.length));
  }
  const path = resolve(args.file);
  const unlock = lockFile(path);
  let unlockUnit = () => undefined as void;
  try {
    say(cm.reading(path));
    const dir = args.options.get('--units-dir');
    const office = await openOffice(path, openWorkbook, typeof dir === 'string' ? resolve(dir) : undefined);
    const { workbook, folder } = office;
    if (folder) {
      // A file per unit: the rows go into the unit's own file, which must not be open elsewhere.
      const mine = folder.used.filter((file) => codeIdentity(file.code) === codeIdentity(unit));
      unlockUnit = lockUnitFiles(mine);
      folderNotices(folder, office.units).forEach(say);
    }
    const { addOn } = loadAddOn(workbook);
    const officeWrites = workbook.calls.writes;
    // Every row: a terminal or a JSON file has no request limit to keep under.
    const preview = step(menu.importFile, () => addOn.previewImport({ unit, table, allRows: true }));
    if (!preview.ok) throw new CliError(preview.message, BAD_FILE.includes(preview.problem) ? 2 : 1);
    say(im.cliPreview(preview.selected, preview.counts));
    for (const row of preview.rows) {
      for (const p of row.problems) {
        const message = row.status === 'present' ? p.message : `${p.columnLabel}: ${p.message}`;
        say(im.cliRow(row.fileRow, row.sheetRow, im.status[row.status], message));
      }
    }
    const result = step(menu.importFile, () => addOn.importRows({ unit, table, confirmed: true }));
    if (!result.ok) throw new CliError(result.message, 1);
    if (result.imported > 0) {
      await saveUnitFiles(office, false);
      if (!folder || workbook.calls.writes > officeWrites) await saveOffice(office, path);
    }
    say(result.message);
    if (args.options.has('--json')) {
      const json = {
        ...result,
        formulaCells,
        rows: preview.rows.map(({ fileRow, sheetRow, status, values, problems }) => ({
          fileRow,
          sheetRow,
          status,
          values,
          problems: problems.map(({ column, level, code, message }) => ({ column, level, code, message })),
        })),
      };
      await printJson(json);
    }
    return 0;
  } finally {
    unlockUnit();
    unlock();
  }
}
