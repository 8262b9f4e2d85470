/**
 * `tonghop`: the add-on's menu actions on a local .xlsx file, through the same dist/Code.js bundle
 * that `clasp push` uploads. Human output goes to stderr, `--json` results to stdout.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { checkMessages } from '../core/messages/check';
import { PROBLEM_LEVEL_LABELS } from '../core/messages/rows';
import { ALL_UNITS, type CheckResponse, type FixPreview } from '../core/sidebar-api';
import { configMessages } from '../core/messages/setup';
import { normalizeText } from '../core/text';
import { codeIdentity, wardName } from '../core/units';
import { cliMessages as cm, unitFolderMessages as ufm } from '../core/messages/cli';
import { ImportFileError, readCsvRows } from './csv';
import { printJson } from './output';
import {
  CliError,
  lockFile,
  openWorkbook,
  progress,
  saveWorkbook,
  say,
  step,
  type ParsedArgs,
} from './cli-io';
import { menuMessages as menu } from '../core/messages/consolidate';
import { dropBlankSheets, loadAddOn, type AddOn } from './runtime';
import { reportCommand } from './report-command';
import { guideCommand } from './guide-command';
import { attachLeadersBook, saveLeadersBook } from './leaders-book';
import { closeMessages as clm } from '../core/messages/leaders';
import { stepOutput } from './steps-cli';
import { importCommand } from './import-command';
import { remindCommand, reviewCommand } from './follow-up-command';
import { Workbook } from '../stand-in';
import {
  configOf,
  folderJson,
  folderNotices,
  lockUnitFiles,
  openOffice,
  saveOffice,
  saveUnitFiles,
  type OfficeBook,
} from './unit-folder';

const VALUE_OPTIONS = new Set([
  '--units',
  '--out',
  '--unit',
  '--pdf',
  '--from',
  '--trace',
  '--units-dir',
  '--csv',
  '--return',
  '--accept-namesake',
]);
const FLAG_OPTIONS = new Set(['--json', '--fix', '--ward', '--shared', '--yes', '--accept']);

function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = '', ...rest] = argv;
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (VALUE_OPTIONS.has(arg)) {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new CliError(cm.missingOptionValue(arg));
      options.set(arg, value);
    } else if (FLAG_OPTIONS.has(arg)) options.set(arg, true);
    else if (arg.startsWith('--')) throw new CliError(cm.unknownOption(arg));
    else positional.push(arg);
  }
  return { command, file: positional[0] ?? '', options };
}

function option(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** Where a command finds the units' files: `--units-dir`, else `BOOK-don-vi/` beside the workbook. */
function unitsDir(args: ParsedArgs): string | undefined {
  const dir = option(args, '--units-dir');
  return dir === undefined ? undefined : resolve(dir);
}

/**
 * Loads a workbook (and, when each unit has a file, its units' folder: see unit-folder.ts), runs one menu
 * action on it as its owner (the clerk), and saves it. `units`: which units' files the action may write
 * ('none': never one; 'all': those it changed and those it made).
 */
async function withAddOn<T>(
  path: string,
  name: string,
  action: (addOn: AddOn, workbook: Workbook) => T,
  opts: { out?: string; trace?: string; dir?: string; units: 'none' | 'all' }
): Promise<{
  result: T;
  messages: string[];
  office: OfficeBook;
  unitFiles: { code: string; path: string }[];
}> {
  const out = opts.out ?? path;
  const unlock = lockFile(path);
  const unlockOut = out === path ? () => undefined : lockFile(out);
  let unlockUnits = () => undefined as void;
  let closeReads = async () => undefined as void;
  try {
    say(cm.reading(path));
    // The units' files load as the action opens them, read meanwhile on another core.
    const office = await openOffice(path, openWorkbook, opts.dir, { lazy: true });
    closeReads = () => office.close();
    if (office.folder && opts.units === 'all') unlockUnits = lockUnitFiles(office.folder.used);
    const { workbook } = office;
    const leaders = await attachLeadersBook(workbook, path);
    const steps = stepOutput(opts.trace, (label, percent) => progress().update(label, percent, 100));
    const { addOn, ui } = loadAddOn(workbook, undefined, steps.options);
    let result: T;
    try {
      result = step(name, () => action(addOn, workbook));
    } finally {
      steps.close();
    }
    // The units' files first: an office file that links to a file not yet written would name it missing.
    const unitFiles = opts.units === 'all' ? await saveUnitFiles(office, true) : [];
    await saveOffice(office, out);
    // The leaders' file beside the workbook saved: Thiết lập made it, Tổng hợp refreshed it.
    await saveLeadersBook(workbook, out, leaders);
    const notices = office.folder ? folderNotices(office.folder, office.units) : [];
    return { result, messages: [...notices, ...ui.alerts.map((alert) => alert.prompt)], office, unitFiles };
  } finally {
    await closeReads();
    unlockUnits();
    unlockOut();
    unlock();
  }
}

/**
 * `tonghop close BOOK.xlsx --yes`: Kết thúc đợt báo cáo. The lists are erased in the workbook and in the
 * units' files; the files the bundle moved to the trash are removed from the units' folder.
 */
async function closeCommand(args: ParsedArgs): Promise<number> {
  if (!args.options.has('--yes')) throw new CliError(clm.cliConfirm);
  const { result, messages, office } = await withAddOn(
    resolve(args.file),
    clm.title,
    (addOn, workbook) => {
      // --yes stands for the ward's name the menu's dialog asks for.
      const ward = wardName(configOf(workbook)?.campaign.issuer ?? '');
      for (let i = 0; i < 1000; i++) {
        const reply = addOn.closeCampaignStep({ confirm: ward });
        if (reply.done) return reply.result;
      }
      throw new Error('closeCampaignStep: no end');
    },
    { dir: unitsDir(args), units: 'all' }
  );
  // The units' files the bundle deleted for ever (or trashed) go from the folder too: on disk there is no trash.
  const drive = office.workbook.drive;
  const gone = (office.folder?.used ?? []).filter((file) => {
    const unit = office.units.find((u) => codeIdentity(u.code) === codeIdentity(file.code));
    if (!unit) return false;
    const onDrive = drive.file(unit.fileId);
    return !onDrive || onDrive.trashed;
  });
  for (const file of gone) rmSync(file.path, { force: true });
  if (gone.length > 0 && office.folder) messages.push(clm.cliRemoved(gone.length, office.folder.dir));
  // The ward's figures file the bundle made (issue 25), beside the book: figures only.
  const figures = drive.createdFiles().find((f) => f.appProperties.tonghopRole === 'final-figures');
  if (figures?.workbook) {
    const path = join(
      dirname(resolve(args.file)),
      `${basename(args.file).replace(/\.xlsx$/i, '')}-so-lieu.xlsx`
    );
    await saveWorkbook(figures.workbook, path);
  }
  return emit(args, result.ok, [...messages, result.message], result);
}

/** The units CSV's columns, found by their Vietnamese header in any order. */
export function unitRowsFromCsv(bytes: Uint8Array, name = 'don-vi.csv'): string[][] {
  let parsed: string[][];
  try {
    parsed = readCsvRows(bytes, name);
  } catch (error) {
    if (error instanceof ImportFileError) throw new CliError(error.message);
    throw error;
  }
  const [header = [], ...rows] = parsed;
  const wanted = configMessages.unitColumns.map((label) => normalizeText(label).toLocaleLowerCase('vi'));
  const have = header.map((cell) => normalizeText(cell).toLocaleLowerCase('vi'));
  const indexes = wanted.map((label) => have.indexOf(label));
  const missing = configMessages.unitColumns.filter((_, i) => indexes[i] === -1 && i < 4);
  if (missing.length > 0) throw new CliError(cm.csvMissingColumns(missing));
  return rows.map((cells) => indexes.map((index) => (index === -1 ? '' : (cells[index] ?? ''))));
}

async function emit(args: ParsedArgs, ok: boolean, messages: string[], json: unknown): Promise<number> {
  messages.forEach(say);
  if (args.options.has('--json')) await printJson(json);
  return ok ? 0 : 1;
}

async function init(args: ParsedArgs): Promise<number> {
  const path = resolve(args.file);
  if (existsSync(path)) throw new CliError(cm.fileExists(args.file));
  const unitsPath = option(args, '--units');
  let rows: string[][] | undefined;
  if (unitsPath !== undefined) {
    if (!existsSync(unitsPath)) throw new CliError(cm.fileNotFound(unitsPath));
    rows = unitRowsFromCsv(new Uint8Array(readFileSync(unitsPath)), basename(unitsPath));
  }
  const unlock = lockFile(path);
  try {
    const workbook = new Workbook({ name: basename(path, '.xlsx') });
    const { addOn } = loadAddOn(workbook);
    // A file per unit unless `--shared` (every unit a tab of this workbook, the first versions' design).
    const result = addOn.initConfig(rows, {
      organisation: args.options.has('--shared') ? 'shared' : 'files',
    });
    dropBlankSheets(workbook);
    await saveWorkbook(workbook, path);
    return emit(args, result.ok, [result.message], result);
  } finally {
    unlock();
  }
}

/** `tonghop check`: the sidebar's server functions; `--fix` applies the safe fixes and saves in place. */
async function check(args: ParsedArgs): Promise<number> {
  const unit = option(args, '--unit') ?? ALL_UNITS;
  const fix = args.options.has('--fix');
  const path = resolve(args.file);
  const unlock = lockFile(path);
  let unlockUnits = () => undefined as void;
  try {
    say(cm.reading(path));
    const office = await openOffice(path, openWorkbook, unitsDir(args));
    const { workbook, folder } = office;
    if (folder && fix) {
      const wanted = unit === ALL_UNITS ? null : codeIdentity(unit);
      unlockUnits = lockUnitFiles(
        folder.used.filter((f) => wanted === null || codeIdentity(f.code) === wanted)
      );
    }
    if (folder) folderNotices(folder, office.units).forEach(say);
    const { addOn } = loadAddOn(workbook);
    const officeWrites = workbook.calls.writes;
    let preview: FixPreview | null = null;
    if (fix) {
      preview = step(menu.check, () => addOn.previewFixes({ unit }));
      if (!preview.ok) throw new CliError(preview.message, 1);
      say(checkMessages.cliFixCount(preview.fixes.length));
      for (const f of preview.fixes)
        say(checkMessages.cliFix(f.unit, f.row, f.columnLabel, String(f.before), String(f.after)));
      const byUnit = new Map<string, typeof preview.fixes>();
      for (const f of preview.fixes) byUnit.set(f.unit, [...(byUnit.get(f.unit) ?? []), f]);
      for (const [code, fixes] of byUnit) {
        const applied = addOn.applyFixes({ unit: code, fixes, confirmed: true });
        if (!applied.ok) throw new CliError(applied.message, 1);
      }
      if (byUnit.size > 0) {
        // A file per unit: the fixes are in the units' files; the office's is saved only if it changed.
        await saveUnitFiles(office, false);
        if (!folder || workbook.calls.writes > officeWrites) await saveOffice(office, path);
      }
    }
    let result: CheckResponse = step(menu.check, () =>
      addOn.checkData({ unit, maxProblems: Number.MAX_SAFE_INTEGER })
    );
    if (folder && unit === ALL_UNITS && result.units.length === 0 && result.options.length > 0) {
      // Each unit's file is checked on its own, as the sidebar does in this design.
      say(ufm.checkEachUnit);
      const each = result.options.map((o) =>
        step(menu.check, () => addOn.checkData({ unit: o.code, maxProblems: Number.MAX_SAFE_INTEGER }))
      );
      result = {
        ...result,
        ok: each.every((r) => r.ok),
        message: each
          .map((r) => r.message)
          .filter((m) => m !== '')
          .join('\n'),
        units: each.flatMap((r) => r.units),
        problems: each.flatMap((r) => r.problems),
      };
    }
    if (!result.ok && result.units.length === 0) throw new CliError(result.message, 1);
    if (result.message) say(result.message);
    for (const u of result.units) say(checkMessages.cliUnit(u.code, u.rows, u.valid, u.errors, u.warnings));
    for (const p of result.problems)
      say(checkMessages.cliProblem(p.unit, p.row, p.columnLabel, PROBLEM_LEVEL_LABELS[p.level], p.message));
    if (args.options.has('--json')) {
      const json = {
        units: result.units.map(({ code, rows, valid, errors, warnings }) => ({
          code,
          rows,
          valid,
          errors,
          warnings,
        })),
        problems: result.problems.map(({ unit: u, row, column, level, code, message }) => ({
          unit: u,
          row,
          column,
          level,
          code,
          message,
        })),
        ...(preview
          ? {
              fixes: preview.fixes.map(({ unit: u, row, column, before, after }) => ({
                unit: u,
                row,
                column,
                before,
                after,
              })),
            }
          : {}),
      };
      await printJson(json);
    }
    return 0;
  } finally {
    unlockUnits();
    unlock();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.command === '' || args.command === 'help' || args.command === '--help') {
    say(cm.usage);
    return args.command === '' ? 2 : 0;
  }
  const commands: Record<string, () => Promise<number>> = {
    init: () => init(args),
    check: () => check(args),
    report: () => reportCommand(args),
    guide: () => guideCommand(args),
    import: () => importCommand(args),
    remind: () => remindCommand(args),
    review: () => reviewCommand(args),
    setup: async () => {
      const { result, messages, office, unitFiles } = await withAddOn(
        resolve(args.file),
        menu.setup,
        (addOn) => addOn.setupUnits(),
        { trace: option(args, '--trace'), dir: unitsDir(args), units: 'all' }
      );
      // Each unit's file as a path on disk (the bundle names it by its Drive id, which only Cấu hình keeps).
      const json = office.folder ? { ...result, unitFiles } : result;
      return emit(args, result.ok, messages, json);
    },
    run: async () => {
      const out = option(args, '--out');
      const { result, messages, office } = await withAddOn(
        resolve(args.file),
        menu.consolidate,
        (addOn) => addOn.consolidate(),
        {
          out: out ? resolve(out) : undefined,
          trace: option(args, '--trace'),
          dir: unitsDir(args),
          units: 'none',
        }
      );
      const { ok, units, totals, ward, problems, protections, formulaErrors } = result;
      const { formulaCells, otherSheets, suspectedDuplicates, sharing } = result;
      const folder = office.folder ? { unitFolder: folderJson(office.folder) } : {};
      const figures = {
        units,
        totals,
        ward,
        problems,
        protections,
        formulaErrors,
        formulaCells,
        otherSheets,
        suspectedDuplicates,
        sharing,
        ...folder,
      };
      // Failing formulas: the figures come with the cells that failed and ok: false, never alone.
      const failed =
        formulaErrors.length > 0
          ? { ok, error: result.message, ...figures }
          : { error: result.message, ...folder };
      // The failing cells, which the menu folds away for the administrator, are this reader's to see.
      const shown = result.detail ? [...messages, result.detail] : messages;
      return emit(args, ok, shown, ok ? figures : failed);
    },
  };
  commands.close = () => closeCommand(args);
  const command = commands[args.command];
  if (!command) throw new CliError(cm.unknownCommand(args.command));
  if (args.file === '') throw new CliError(cm.missingFile);
  return command();
}
