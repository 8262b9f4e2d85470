/**
 * The units' own files on disk (Cấu hình's "Cách tổ chức": Mỗi đơn vị một tệp): `BOOK.xlsx` is the office's
 * file and `BOOK-don-vi/` beside it holds one .xlsx per unit, which the units receive (by Zalo, say), fill
 * in with Excel, WPS Office or Google Sheets, and send back.
 *
 * Before a command runs the bundle, each unit's .xlsx of the folder is put on the office's stand-in Drive
 * under the id Cấu hình's "Tệp của đơn vị" links to for its unit, so that dist/Code.js opens, checks, reads
 * and writes it exactly as it does a unit's spreadsheet on Google Drive (src/gas/unit-files.ts). Its
 * contents are read before the command, or (`lazy`, Tổng hợp) on another core while the command runs, each
 * loaded when the bundle opens it (unit-file-readers.ts).
 *
 * Ids and files: a Drive id lives only in Cấu hình (the link Thiết lập wrote); a file on disk carries no
 * id, only the identity Thiết lập put inside it, the defined names TH_UNIT_<code> and TH_WARD_<ward key>,
 * which survive Excel, LibreOffice, WPS and Google Sheets saving the file again (a document property would
 * not). A file is matched to its unit by that identity, never by its name (`TDP01 (1).xlsx` from Zalo is
 * still TDP01's), and then takes the id Cấu hình gives that unit: Cấu hình decides which units there are and
 * which file the office opens. The bundle checks the identity again when it opens the file.
 */
import { REVIEW_KEY } from '../core/follow-up';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { codeIdentity, wardName, type Unit } from '../core/units';
import { unitFolderMessages as fm } from '../core/messages/cli';
import { filesSetupMessages } from '../core/messages/setup';
import { parseConfig, type ParsedConfig } from '../core/config-table';
import { ROLE_RANGE_PREFIX, UNIT_SHEET, WARD_RANGE_PREFIX } from '../core/layout';
import { lockFile, progress, saveWorkbook, say } from './cli-io';
import { type Workbook, Drive, FOLDER_MIME, SPREADSHEET_MIME, workbookFromParts } from '../stand-in';
import { startUnitFileReads, type UnitFileRead, type UnitFileReads } from './unit-file-readers';
import { UNIT_FILE_LIMITS, XlsxRefused } from '../shared/xlsx-guard';

/** Why a file of the folder was left aside. */
export type SkipReason =
  'duplicate' | 'other-ward' | 'not-tonghop' | 'unreadable' | 'too-large' | 'unlisted' | 'unlinked';

/** A unit's file as read from the folder and put on the Drive. */
export interface UnitFileOnDisk {
  code: string;
  path: string;
  /** Its id on the Drive (Cấu hình's link). */
  fileId: string;
  /**
   * Writes counted on its spreadsheet when it was loaded: more after a command means it changed. Null while
   * it is not loaded (a file the command never opened is not written).
   */
  writesBefore: number | null;
}

export interface UnitFolder {
  dir: string;
  /** One file per unit, the one used. */
  used: UnitFileOnDisk[];
  skipped: { path: string; reason: SkipReason; code?: string }[];
  /** Units Cấu hình links to a file that the folder does not hold (or whose file could not be read). */
  missing: Unit[];
}

/** The office's workbook and, when each unit has a file, its units' folder. */
export interface OfficeBook {
  workbook: Workbook;
  /** Null in the shared design (every unit a tab of the office's file). */
  folder: UnitFolder | null;
  /** Cấu hình's units when each unit has a file (none in the shared design). */
  units: Unit[];
  /** Ends the reading of the units' files, when they load lazily (call it once the command is done). */
  close(): Promise<void>;
}

/** `BOOK-don-vi/` beside `BOOK.xlsx`, or the folder `--units-dir` names. */
export function unitsDirOf(book: string, unitsDir?: string): string {
  return unitsDir ?? join(dirname(book), `${basename(book).replace(/\.xlsx$/i, '')}-don-vi`);
}

/**
 * Cấu hình read from the office's workbook, found by its role's named range (TH_ROLE_CONFIG, as the bundle
 * finds it in a .xlsx, where developer metadata is lost), or null.
 */
export function configOf(workbook: Workbook): ParsedConfig | null {
  const range = workbook.getRangeByName(`${ROLE_RANGE_PREFIX}CONFIG`);
  return range ? parseConfig(range.getSheet().getDataRange().getValues()) : null;
}

/** The .xlsx files of a folder, not the lock files Excel and LibreOffice leave beside an open one. */
function xlsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.xlsx$/i.test(entry.name))
    .map((entry) => entry.name)
    .filter((name) => !name.startsWith('~$') && !name.startsWith('.~lock.') && !name.startsWith('.'))
    .sort((a, b) => a.localeCompare(b, 'vi'))
    .map((name) => join(dir, name));
}

/** What a file says it is, from its defined names (TH_UNIT_…, TH_WARD_…): its unit codes and ward keys. */
function identityOf(names: readonly string[]): { codes: string[]; wards: string[] } {
  const tagged = (prefix: string) =>
    names.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
  return {
    codes: [...new Set(tagged(UNIT_SHEET.namedRangePrefix).map(codeIdentity))],
    wards: tagged(WARD_RANGE_PREFIX),
  };
}

function namesOf(workbook: Workbook): string[] {
  return workbook.namedRangeEntries().map((entry) => entry.name);
}

/** Why a file that could not be read is left aside: beyond a unit file's limits, or unreadable. */
function reasonOf(error: unknown): SkipReason {
  return error instanceof XlsxRefused ? 'too-large' : 'unreadable';
}

/** A loaded unit's file, in a Drive of its own until it is known whose it is. */
function loadedOf(read: UnitFileRead): { workbook: Workbook } | { reason: SkipReason } {
  if ('error' in read) return { reason: reasonOf(read.error) };
  try {
    return {
      workbook: workbookFromParts(read.parts, { drive: new Drive({ idSeed: randomUUID() }) }).workbook,
    };
  } catch (error) {
    return { reason: reasonOf(error) };
  }
}

interface Candidate {
  path: string;
  /** Its place in the folder's list of files (what the readers know it by). */
  index: number;
  mtimeMs: number;
  /** Already read in full (a file whose names alone did not say what it is). */
  workbook: Workbook | null;
}

/**
 * Loads the office's workbook and, when Cấu hình says each unit has a file, puts the units' folder on its
 * Drive: the folder (Cấu hình's "Thư mục tệp đơn vị") and each unit's file under Cấu hình's id, owned by
 * the clerk who runs tonghop and made by tonghop's app (the drive.file grant), shared with the unit's emails
 * as Thiết lập shared it, and saved last when the file on disk was.
 *
 * Which file is whose comes from each file's defined names alone; the files are then read in full in
 * Cấu hình's order. With `lazy`, a command (Tổng hợp) starts at once and each file's spreadsheet loads when
 * the bundle first opens it (DriveFile.deferWorkbook), read meanwhile on another core; a file that then
 * turns out unreadable leaves the Drive, as a file that is not there, and is named with the others once the
 * command is done. Without it, every file is read before this returns.
 */
export async function openOffice(
  path: string,
  open: (path: string) => Promise<Workbook>,
  unitsDir?: string,
  opts: { lazy?: boolean } = {}
): Promise<OfficeBook> {
  // The units' files start reading (on worker threads, for a ward's folder) while the office's book loads;
  // a book that turns out not to have a file per unit stops them.
  const dir = unitsDirOf(path, unitsDir);
  const files = existsSync(dir) ? xlsxFiles(dir) : [];
  const reads = startUnitFileReads(files, UNIT_FILE_LIMITS);
  const close = () => reads.close();
  let workbook: Workbook;
  try {
    workbook = await open(path);
  } catch (error) {
    await close();
    throw error;
  }
  const config = configOf(workbook);
  readOfficeProperties(workbook, path);
  if (config?.campaign.organisation !== 'files') {
    await close();
    return { workbook, folder: null, units: [], close: async () => undefined };
  }
  try {
    const lazy = opts.lazy === true;
    const folder = await placeUnitFiles(workbook, config, dir, reads, lazy);
    if (lazy) return { workbook, folder, units: config.units, close };
    await close();
    return { workbook, folder, units: config.units, close: async () => undefined };
  } catch (error) {
    await close();
    throw error;
  }
}

async function placeUnitFiles(
  workbook: Workbook,
  { campaign, units }: ParsedConfig,
  dir: string,
  reads: UnitFileReads,
  lazy: boolean
): Promise<UnitFolder> {
  const folder: UnitFolder = { dir, used: [], skipped: [], missing: [] };
  const drive = workbook.drive;
  const owner = workbook.owner;
  const ward = wardName(campaign.issuer);
  if (campaign.unitFolder !== '' && !drive.file(campaign.unitFolder)) {
    const made = drive.addFile({
      id: campaign.unitFolder,
      name: filesSetupMessages.folderName(ward),
      mimeType: FOLDER_MIME,
      owner,
    });
    made.createdBy = owner;
    drive.grantApp(owner, made.id);
  }
  const named = await reads.names();
  if (named.length > 0) say(fm.reading(dir, named.length));
  const wardKey = identityOf(namesOf(workbook)).wards[0] ?? null;
  const byCode = new Map(units.map((unit) => [codeIdentity(unit.code), unit]));
  // A file whose names alone do not make it one unit's (an older zip, a damaged file, another workbook) is
  // read in full first: it is then named for what it is (too large, unreadable, not tonghop's).
  const unsure = named.flatMap((read, index) =>
    'names' in read && (read.names === null || identityOf(read.names).codes.length !== 1) ? [index] : []
  );
  await reads.read(unsure, true);
  const candidates = new Map<string, Candidate[]>();
  for (const [index, read] of named.entries()) {
    const file = read.file;
    let names: readonly string[];
    let loaded: Workbook | null = null;
    if ('error' in read) {
      folder.skipped.push({ path: file, reason: reasonOf(read.error) });
      continue;
    }
    if (unsure.includes(index)) {
      const full = loadedOf(reads.take(index));
      if ('reason' in full) {
        folder.skipped.push({ path: file, reason: full.reason });
        continue;
      }
      loaded = full.workbook;
      names = namesOf(loaded);
    } else names = read.names as string[];
    const { codes, wards } = identityOf(names);
    if (codes.length !== 1) {
      folder.skipped.push({ path: file, reason: 'not-tonghop' });
      continue;
    }
    const code = codes[0];
    if (wardKey !== null && !wards.includes(wardKey)) {
      folder.skipped.push({ path: file, reason: 'other-ward', code });
      continue;
    }
    const unit = byCode.get(code);
    if (!unit) {
      folder.skipped.push({ path: file, reason: 'unlisted', code });
      continue;
    }
    if (unit.fileId === '') {
      folder.skipped.push({ path: file, reason: 'unlinked', code: unit.code });
      continue;
    }
    candidates.set(code, [
      ...(candidates.get(code) ?? []),
      { path: file, index, mtimeMs: statSync(file).mtimeMs, workbook: loaded },
    ]);
  }
  const order: number[] = [];
  for (const unit of units) {
    const found = candidates.get(codeIdentity(unit.code));
    if (!found) {
      if (unit.fileId !== '') folder.missing.push(unit);
      continue;
    }
    // The one saved last is the unit's latest; the others are named (and never read in full).
    const [chosen, ...others] = [...found].sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const other of others)
      folder.skipped.push({ path: other.path, reason: 'duplicate', code: unit.code });
    if (drive.file(unit.fileId)) {
      // Two units of Cấu hình link to one id: the bundle finds that file not the second unit's.
      folder.skipped.push({ path: chosen.path, reason: 'unlinked', code: unit.code });
      continue;
    }
    const file = drive.addFile({
      id: unit.fileId,
      name: filesSetupMessages.unitFileName(ward, unit.name),
      mimeType: SPREADSHEET_MIME,
      owner,
      parents: campaign.unitFolder === '' ? [] : [campaign.unitFolder],
    });
    file.createdBy = owner;
    drive.grantApp(owner, file.id);
    file.writersCanShare = false;
    file.share('writer', ...unit.emails);
    file.modifiedTime = new Date(chosen.mtimeMs);
    const entry: UnitFileOnDisk = {
      code: unit.code,
      path: chosen.path,
      fileId: unit.fileId,
      writesBefore: null,
    };
    folder.used.push(entry);
    if (!chosen.workbook) order.push(chosen.index);
    file.deferWorkbook(() => {
      const full = chosen.workbook ? { workbook: chosen.workbook } : loadedOf(reads.take(chosen.index));
      let reason: SkipReason | null = 'reason' in full ? full.reason : null;
      if ('workbook' in full) {
        // Read in full, the file must still say it is this unit's, of this ward.
        const again = identityOf(namesOf(full.workbook));
        const same =
          again.codes.length === 1 &&
          again.codes[0] === codeIdentity(unit.code) &&
          (wardKey === null || again.wards.includes(wardKey));
        if (same) {
          full.workbook.moveInto(file);
          entry.writesBefore = full.workbook.calls.writes;
          return full.workbook;
        }
        reason = 'not-tonghop';
      }
      // Not readable after all: the unit has no file, as when the folder holds none of it.
      folder.used.splice(folder.used.indexOf(entry), 1);
      folder.skipped.push({ path: chosen.path, reason: reason ?? 'unreadable', code: unit.code });
      folder.missing.push(unit);
      folder.missing.sort((a, b) => units.indexOf(a) - units.indexOf(b));
      drive.deleteForever(file);
      return null;
    });
  }
  // Read in Cấu hình's order, the order the bundle opens them in.
  await reads.read(
    order,
    !lazy,
    (done) => progress().update(fm.reading(dir, named.length), done, order.length),
    true
  );
  progress().finish();
  if (!lazy) for (const entry of [...folder.used]) void drive.file(entry.fileId)?.workbook;
  return folder;
}

/** The people's account of the folder: files left aside and units without a file. */
export function folderNotices(folder: UnitFolder, units: readonly Unit[]): string[] {
  const lines: string[] = [];
  const name = (path: string) => basename(path);
  const unitName = (code: string) =>
    units.find((unit) => codeIdentity(unit.code) === codeIdentity(code))?.name ?? code;
  const usedOf = new Map(folder.used.map((file) => [codeIdentity(file.code), file.path]));
  const duplicates = new Map<string, string[]>();
  for (const skip of folder.skipped) {
    if (skip.reason !== 'duplicate' || skip.code === undefined) continue;
    const key = codeIdentity(skip.code);
    duplicates.set(key, [...(duplicates.get(key) ?? []), name(skip.path)]);
  }
  for (const [code, others] of duplicates)
    lines.push(fm.duplicate(unitName(code), name(usedOf.get(code) ?? ''), others));
  const of = (reason: SkipReason) =>
    folder.skipped.filter((skip) => skip.reason === reason).map((skip) => name(skip.path));
  const groups: [SkipReason, (names: string[]) => string][] = [
    ['other-ward', fm.otherWard],
    ['not-tonghop', fm.notTonghop],
    ['unreadable', fm.unreadable],
    ['too-large', fm.tooLarge],
    ['unlisted', fm.unlisted],
    ['unlinked', fm.unlinked],
  ];
  for (const [reason, message] of groups) {
    const names = of(reason);
    if (names.length > 0) lines.push(message(names));
  }
  if (folder.missing.length > 0) {
    const names = folder.missing.map((unit) => unit.name);
    lines.push(existsSync(folder.dir) ? fm.missing(folder.dir, names) : fm.noFolder(folder.dir, names));
  }
  return lines;
}

/** What `--json` says of the folder. */
export function folderJson(folder: UnitFolder) {
  return {
    dir: folder.dir,
    used: folder.used.map(({ code, path }) => ({ code, path })),
    skipped: folder.skipped.map(({ path, reason, code }) => ({ path, reason, ...(code ? { code } : {}) })),
    missing: folder.missing.map((unit) => unit.code),
  };
}

/** Characters Windows, macOS or Linux refuse in a file name (control characters are replaced apart). */
const UNSAFE = /[<>:"/\\|?*]/g;

/** `<Mã> - <Tên đơn vị>.xlsx`, with what a file name cannot hold replaced, and kept short enough. */
export function unitFileName(unit: Pick<Unit, 'code' | 'name'>): string {
  const raw = [...`${unit.code} - ${unit.name}`.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 32 ? '-' : ch))
    .join('')
    .replace(UNSAFE, '-');
  const trimmed = raw
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150)
    .replace(/[. ]+$/, '');
  return `${trimmed || unit.code}.xlsx`;
}

/** A path in `dir` for `name` that no file holds yet: "name (2).xlsx" and so on. */
function freePath(dir: string, name: string, taken: ReadonlySet<string>): string {
  const stem = name.replace(/\.xlsx$/i, '');
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? name : `${stem} (${n}).xlsx`);
    if (!existsSync(path) && !taken.has(path)) return path;
  }
}

/**
 * Locks the units' files a command may write (one that Excel or LibreOffice has open is refused before any
 * work), returning the unlock.
 */
export function lockUnitFiles(files: readonly UnitFileOnDisk[]): () => void {
  const unlocks: (() => void)[] = [];
  try {
    for (const file of files) unlocks.push(lockFile(file.path));
  } catch (error) {
    unlocks.forEach((unlock) => unlock());
    throw error;
  }
  return () => unlocks.forEach((unlock) => unlock());
}

/**
 * Saves what a command changed in the units' files: each file it wrote back to where it was read, and
 * (`created`) each unit's file the bundle made on the Drive, as `<Mã> - <Tên>.xlsx` in the folder (never over
 * a file already there). Returns every unit's file by code, in Cấu hình's order.
 */
export async function saveUnitFiles(
  office: OfficeBook,
  created: boolean
): Promise<{ code: string; path: string }[]> {
  const save = (workbook: Workbook, path: string) => saveWorkbook(workbook, path, true);
  const folder = office.folder;
  if (!folder) return [];
  const config = configOf(office.workbook);
  const known = new Map(folder.used.map((file) => [file.fileId, file]));
  const out: { code: string; path: string }[] = [];
  const taken = new Set<string>();
  let written = 0;
  for (const unit of config?.units ?? []) {
    const onDrive = unit.fileId === '' ? undefined : office.workbook.drive.file(unit.fileId);
    // A unit's file the command never opened is not loaded now: it has nothing new to save.
    const workbook = onDrive?.loadedWorkbook;
    const file = known.get(unit.fileId);
    if (file && onDrive) {
      if (workbook && file.writesBefore !== null && workbook.calls.writes > file.writesBefore) {
        await save(workbook, file.path);
        written++;
      }
      out.push({ code: unit.code, path: file.path });
    } else if (workbook && created) {
      mkdirSync(folder.dir, { recursive: true });
      const path = freePath(folder.dir, unitFileName(unit), taken);
      taken.add(path);
      await save(workbook, path);
      written++;
      out.push({ code: unit.code, path });
    }
  }
  if (written > 0) say(fm.writtenFiles(written, folder.dir));
  return out;
}

/**
 * The office script's document properties (PropertiesService) where each unit has a file (in the shared
 * design, once the office has Duyệt / Trả lại records): what Tổng hợp
 * keeps between runs (the last figures, which Báo cáo phường reads; when it first saw each unit's list as it
 * is, "Cập nhật lần cuối"). A .xlsx has no place for them, so they live beside it, in a hidden file.
 */
export function officePropertiesPath(book: string): string {
  return join(dirname(book), `.${basename(book)}.tonghop.json`);
}

function readOfficeProperties(workbook: Workbook, book: string): void {
  const path = officePropertiesPath(book);
  if (!existsSync(path)) return;
  // Saved with the session's clock as its time (saveOffice): this session starts no earlier.
  workbook.drive.notBefore = Math.max(workbook.drive.notBefore, statSync(path).mtimeMs);
  try {
    const saved = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (saved === null || typeof saved !== 'object') return;
    for (const [key, value] of Object.entries(saved)) {
      if (typeof value === 'string') workbook.documentProperties.set(key, value);
    }
  } catch {
    // Unreadable: as if Tổng hợp had never run (its figures come back at the next run).
  }
}

/** Saves the office's workbook and, where each unit has a file, its document properties beside it. */
export async function saveOffice(office: OfficeBook, path: string): Promise<void> {
  await saveWorkbook(office.workbook, path);
  // The shared design keeps them too once the office has accepted or returned a list (its own records).
  const reviewed = [...office.workbook.documentProperties.keys()].some((k) => k.startsWith(`${REVIEW_KEY}.`));
  if (!office.folder && !reviewed) return;
  const target = officePropertiesPath(path);
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(Object.fromEntries(office.workbook.documentProperties), null, 1));
  // The file's time is the session's clock (ahead of the machine's by the modelled cost of its calls), so
  // that the next command on this book starts after this one's stamps, as it would on Google.
  const end = Math.max(Date.now(), office.workbook.drive.now().getTime()) / 1000;
  utimesSync(partial, end, end);
  renameSync(partial, target);
}
