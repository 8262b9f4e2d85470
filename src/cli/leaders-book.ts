/**
 * The leaders' file on disk (issue 20): `BOOK-lanh-dao.xlsx` beside `BOOK.xlsx`. On Google it is a
 * spreadsheet Thiết lập made and Tổng hợp refreshes; here, before a command runs the bundle, it is put on the
 * office's stand-in Drive under the id Cấu hình's "Tệp lãnh đạo" links to (the file on disk, or a blank
 * spreadsheet when there is none yet: Tổng hợp rewrites it whole), and after the command it is saved when
 * the bundle wrote it (or made it: `tonghop setup`).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { leadersMessages as lm } from '../core/messages/leaders';
import { wardName } from '../core/units';
import { saveWorkbook } from './cli-io';
import { configOf } from './unit-folder';
import { Workbook, Drive, loadXlsx } from '../stand-in';

/** `BOOK-lanh-dao.xlsx` beside `BOOK.xlsx`. */
function leadersPathOf(book: string): string {
  return join(dirname(book), `${basename(book).replace(/\.xlsx$/i, '')}-lanh-dao.xlsx`);
}

/** What was put on the Drive: its writes then, to tell whether the command wrote it. */
export interface LeadersBook {
  id: string;
  writesBefore: number;
}

/** Puts the leaders' file Cấu hình links to on the office's Drive (null: Cấu hình links to none yet). */
export async function attachLeadersBook(office: Workbook, book: string): Promise<LeadersBook | null> {
  const campaign = configOf(office)?.campaign;
  const id = campaign?.leadersFile ?? '';
  if (!campaign || id === '') return null;
  const drive = office.drive;
  if (!drive.file(id)) {
    const path = leadersPathOf(book);
    const name = lm.fileName(wardName(campaign.issuer));
    let workbook: Workbook;
    try {
      workbook = existsSync(path)
        ? (await loadXlsx(path, { drive: new Drive({ idSeed: randomUUID() }) })).workbook
        : new Workbook({ name, owner: office.owner });
    } catch {
      // Unreadable: Tổng hợp writes it anew.
      workbook = new Workbook({ name, owner: office.owner });
    }
    const file = drive.adopt(workbook, { id, owner: office.owner, name });
    file.createdBy = office.owner;
    drive.grantApp(office.owner, id);
    file.writersCanShare = false;
    file.share('reader', ...campaign.leaders);
  }
  return { id, writesBefore: drive.file(id)?.workbook?.calls.writes ?? 0 };
}

/**
 * Saves the leaders' file if the command wrote it (`attached`) or made it (Cấu hình links to it now and
 * nothing was attached). Its path, or null when nothing was saved.
 */
export async function saveLeadersBook(
  office: Workbook,
  book: string,
  attached: LeadersBook | null
): Promise<string | null> {
  const id = attached?.id ?? configOf(office)?.campaign.leadersFile ?? '';
  const workbook = id === '' ? null : office.drive.file(id)?.workbook;
  if (!workbook) return null;
  if (attached && workbook.calls.writes <= attached.writesBefore) return null;
  const path = leadersPathOf(book);
  await saveWorkbook(workbook, path);
  return path;
}
