/**
 * Stand-in workbook → .xlsx, through ExcelJS's streaming writer a sheet at a time (write-sheet.ts), into a
 * temporary file beside the target that replaces it once complete. What a .xlsx cannot hold (protections,
 * developer metadata, charts, script properties) is counted in a note.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { columnLetters, type Rect } from '../document/a1';
import type { DocumentWorkbook } from '../document/workbook';
import { settingsToProperties } from '../document/formula-syntax';
import {
  calculateOnLoad,
  hookExcelJs,
  indexSharedStringsByMap,
  writeDefinedNames,
  type StreamBook,
} from './exceljs-patches';
import { CREATOR, type SheetProgress } from './load';
import { writeSheet } from './write-sheet';

const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;
const absA1 = (r: Rect): string =>
  `$${columnLetters(r.c1)}$${r.r1}` +
  (r.r1 === r.r2 && r.c1 === r.c2 ? '' : `:$${columnLetters(r.c2)}$${r.r2}`);

/**
 * Lets the zip (archiver, compressing on the thread pool, so on the other core) take what was
 * written: without it, every sheet's XML would wait in memory until the workbook's commit. Waits
 * while more than one worksheet is queued ahead of the zip, then for one turn of the event loop.
 */
function zipPacer(book: StreamBook): { pause: () => Promise<void>; sheetDone: () => void } {
  const zip = (book as unknown as { zip: NodeJS.EventEmitter }).zip;
  let zipped = 0;
  let failed = false;
  let wake: (() => void) | null = null;
  zip.on('entry', (entry: { name?: string }) => {
    if (/worksheets\/sheet\d+\.xml$/.test(entry.name ?? '')) zipped++;
    wake?.();
  });
  zip.once('error', () => {
    failed = true;
    wake?.();
  });
  let written = 0;
  return {
    pause: async () => {
      while (!failed && written - zipped > 1) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    sheetDone: () => void written++,
  };
}

/** Saves the workbook as `file`: every sheet, its named ranges, locale and time zone. */
export async function saveXlsx(
  workbook: DocumentWorkbook,
  file: string,
  onProgress?: SheetProgress
): Promise<{ notes: string[] }> {
  hookExcelJs();
  const notes = new Set<string>();
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  // Fails here, before any work, when the folder is missing or not writable.
  await fs.promises.writeFile(tmp, '');
  const out = fs.createWriteStream(tmp);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  indexSharedStringsByMap(book);
  book.creator = CREATOR;
  book.lastModifiedBy = CREATOR;
  Object.assign(book, settingsToProperties({ locale: workbook.locale, timeZone: workbook.timeZone }));
  const sheets = workbook.sheetObjects();

  const names = workbook.namedRangeEntries().map((e) => ({
    name: e.name,
    ranges: [`${quoteSheet(e.sheet.name)}!${absA1(e.rect)}`],
  }));
  writeDefinedNames.set(book.definedNames, names);

  const count = (n: number, what: string, why: string) => {
    if (n > 0) notes.add(`${n} ${what} dropped (${why}).`);
  };
  const beyond = workbook.beyondTheDocument();
  count(beyond.developerMetadata, 'developer metadata entries', '.xlsx cannot hold developer metadata');
  count(beyond.protections, 'protections', '.xlsx cannot hold protection editors');
  count(beyond.charts, 'charts', 'charts are not written');
  count(beyond.documentProperties, 'document properties', '.xlsx cannot hold script properties');

  try {
    const pacer = zipPacer(book);
    let uncalculated = false;
    for (const [i, sheet] of sheets.entries()) {
      onProgress?.(i, sheets.length);
      if ((await writeSheet(book, sheet, notes, pacer.pause)).uncalculated) uncalculated = true;
      pacer.sheetDone();
      await pacer.pause();
    }
    if (uncalculated) calculateOnLoad(book);
    onProgress?.(sheets.length, sheets.length);
    await Promise.race([book.commit(), failed]);
    await new Promise<void>((resolve, reject) => {
      if (out.closed) resolve();
      else out.once('close', () => resolve()).once('error', reject);
    });
    await fs.promises.rename(tmp, file);
  } catch (error) {
    await fs.promises.rm(tmp, { force: true });
    throw error;
  }
  return { notes: [...notes] };
}
