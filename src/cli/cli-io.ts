/**
 * What every `tonghop` command shares: its error with an exit code, the progress and messages on
 * stderr, the lock beside the workbook, and opening and saving the workbook. Apart from src/cli/cli.ts
 * so that the commands in their own files (import, report) and the dispatcher do not import each other.
 */
import { closeSync, existsSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cliMessages as cm } from '../core/messages/cli';
import { createProgress, type Progress } from './progress';
import { randomUUID } from 'node:crypto';
import { type Workbook, Drive, loadXlsx, saveXlsx } from '../stand-in';
import { XlsxRefused } from '../shared/xlsx-guard';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2
  ) {
    super(message);
  }
}

export interface ParsedArgs {
  command: string;
  file: string;
  options: Map<string, string | true>;
}

let current: Progress | null = null;

/** The command's progress printer on stderr (TONGHOP_QUIET=1 hides the bar and progress lines). */
export function progress(): Progress {
  current ??= createProgress(process.stderr, { quiet: process.env.TONGHOP_QUIET === '1' });
  return current;
}

/** Progress and messages for people: stderr, so stdout stays clean for --json. */
export function say(line: string): void {
  progress().log(line);
}

/** A synchronous step of the bundle (a menu action) shown as one step of progress. */
export function step<T>(action: string, run: () => T): T {
  const label = cm.progressAction(action);
  progress().update(label, 0, 1);
  try {
    return run();
  } finally {
    progress().update(label, 1, 1);
    progress().finish();
  }
}

/**
 * A lock beside the file, so that two runs cannot write it at once; Excel's and LibreOffice's own lock
 * files mean the file is open there and would be overwritten under the user's feet.
 */
export function lockFile(path: string): () => void {
  const dir = dirname(path);
  const name = basename(path);
  const officeLocks = [join(dir, `~$${name}`), join(dir, `.~lock.${name}#`)];
  if (officeLocks.some((lock) => existsSync(lock))) throw new CliError(cm.fileLocked(path));
  const lockPath = `${path}.tonghop-lock`;
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(cm.fileLocked(path));
    throw new CliError(cm.cannotWrite(path));
  }
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => {
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
  };
}

/**
 * A workbook from .xlsx, in a Drive of its own whose new ids are this run's (a unit's file made by this run
 * never takes an id an earlier run's Cấu hình links to).
 */
export async function openWorkbook(path: string): Promise<Workbook> {
  if (!existsSync(path)) throw new CliError(cm.fileNotFound(path));
  try {
    const drive = new Drive({ idSeed: randomUUID() });
    const { workbook } = await loadXlsx(path, { drive }, (done, total) =>
      progress().update(cm.progressReading, done, total)
    );
    return workbook;
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_A_WORKBOOK') throw new CliError(cm.notAWorkbook(path));
    if (error instanceof XlsxRefused) throw new CliError(cm.beyondLimits(path), 2);
    throw error;
  } finally {
    progress().finish();
  }
}

/** Saves as .xlsx; `quiet`: no line of its own (a command that writes many files says it once). */
export async function saveWorkbook(workbook: Workbook, path: string, quiet = false): Promise<void> {
  if (!quiet) say(cm.saving(path));
  let notes: string[];
  try {
    ({ notes } = await saveXlsx(workbook, path, (done, total) =>
      progress().update(cm.progressSaving, done, total)
    ));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'ENOENT' || code === 'EPERM' || code === 'EBUSY')
      throw new CliError(cm.cannotWrite(path));
    throw error;
  } finally {
    progress().finish();
  }
  if (notes.length > 0 && process.env.TONGHOP_VERBOSE)
    say([cm.notes, ...notes.map((note) => `  ${note}`)].join('\n'));
  if (!quiet) say(cm.saved(path));
}
