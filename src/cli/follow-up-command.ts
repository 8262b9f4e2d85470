/**
 * `tonghop remind BOOK.xlsx [--json]`: Nhắc đơn vị, the units to call from the last `run`'s figures, each
 * with its message and Zalo link (nothing is written). `tonghop review BOOK.xlsx --unit CODE --accept |
 * --return "ghi chú"`: Duyệt / Trả lại as the clerk, recorded beside the workbook (its hidden
 * `.BOOK.xlsx.tonghop.json`), the note written into the unit's header. A .xlsx holds no protection
 * editors, so the lock itself lives on Google only; the recorded fingerprint still flags a later change.
 */
import { resolve } from 'node:path';
import { cliMessages as cm } from '../core/messages/cli';
import { followUpCliMessages as fcm, followUpMessages as fm } from '../core/messages/follow-up';
import { codeIdentity } from '../core/units';
import { CliError, lockFile, openWorkbook, say, step, type ParsedArgs } from './cli-io';
import { printJson } from './output';
import { loadAddOn } from './runtime';
import { folderNotices, lockUnitFiles, openOffice, saveOffice, saveUnitFiles } from './unit-folder';

const unitsDir = (args: ParsedArgs): string | undefined => {
  const dir = args.options.get('--units-dir');
  return typeof dir === 'string' ? resolve(dir) : undefined;
};

export async function remindCommand(args: ParsedArgs): Promise<number> {
  const path = resolve(args.file);
  say(cm.reading(path));
  const office = await openOffice(path, openWorkbook, unitsDir(args));
  const { addOn } = loadAddOn(office.workbook);
  const result = step(fm.remindHeading, () => addOn.followUp());
  say(result.message);
  for (const r of result.reminders) say(fcm.remindLine(r.code, r.name, r.reasonText));
  if (args.options.has('--json')) {
    await printJson(
      result.ok
        ? {
            figuresAt: result.figuresAt,
            units: result.reminders.map(({ code, reasons, message, zalo }) => ({
              code,
              reasons,
              message,
              zalo,
            })),
            statuses: result.units.map(({ code, status, since }) => ({ code, status, since })),
          }
        : { error: result.message }
    );
  }
  return result.ok ? 0 : 1;
}

export async function reviewCommand(args: ParsedArgs): Promise<number> {
  const unit = args.options.get('--unit');
  const accept = args.options.has('--accept');
  const note = args.options.get('--return');
  const namesake = args.options.get('--accept-namesake');
  if (typeof namesake === 'string') return acceptNamesakeCommand(args, unit, namesake);
  if (typeof unit !== 'string' || accept === (typeof note === 'string')) throw new CliError(fcm.reviewUsage);
  const path = resolve(args.file);
  const unlock = lockFile(path);
  let unlockUnits = () => undefined as void;
  try {
    say(cm.reading(path));
    const office = await openOffice(path, openWorkbook, unitsDir(args));
    const { folder } = office;
    if (folder) {
      unlockUnits = lockUnitFiles(folder.used.filter((f) => codeIdentity(f.code) === codeIdentity(unit)));
      folderNotices(folder, office.units).forEach(say);
    }
    const { addOn } = loadAddOn(office.workbook);
    const result = step(accept ? fm.accept : fm.return, () =>
      addOn.reviewUnit(accept ? { unit, action: 'accept' } : { unit, action: 'return', note: String(note) })
    );
    say(result.message);
    if (result.ok) {
      // The note and the cleared tick are in the unit's own file; the record is the office's.
      if (folder) await saveUnitFiles(office, false);
      await saveOffice(office, path);
    }
    if (args.options.has('--json')) await printJson(result.ok ? result : { error: result.message });
    return result.ok ? 0 : 1;
  } finally {
    unlockUnits();
    unlock();
  }
}

/**
 * `tonghop review BOOK.xlsx --unit MÃ --accept-namesake DÒNG` (issue 25): the office accepts the unit's
 * "Không trùng" row as a person of its own; recorded beside the workbook, counted from the next `run`.
 */
async function acceptNamesakeCommand(args: ParsedArgs, unit: unknown, rowText: string): Promise<number> {
  const row = Number(rowText);
  if (typeof unit !== 'string' || !Number.isInteger(row) || row < 1) throw new CliError(fcm.reviewUsage);
  const path = resolve(args.file);
  const unlock = lockFile(path);
  try {
    say(cm.reading(path));
    const office = await openOffice(path, openWorkbook, unitsDir(args));
    if (office.folder) folderNotices(office.folder, office.units).forEach(say);
    const { addOn } = loadAddOn(office.workbook);
    const result = step(fm.acceptNamesake, () => addOn.acceptNamesake({ unit, row }));
    say(result.message);
    if (result.ok) await saveOffice(office, path);
    if (args.options.has('--json')) await printJson(result.ok ? result : { error: result.message });
    return result.ok ? 0 : 1;
  } finally {
    unlock();
  }
}
