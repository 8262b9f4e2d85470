/**
 * A spreadsheet whose contents load when first opened (DriveFile.deferWorkbook): how the CLI puts a unit's
 * .xlsx on the office's Drive while another core is still reading it. Opening it is the moment it loads,
 * for the clerk or the colleague it is shared with; sharing, listing and Drive's metadata never load it;
 * a file that cannot be read is, for everyone, a file that is not there. And readXlsxNames: what a file
 * says it is, from its defined names alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { NO_DOCUMENT_ACCESS, readXlsxNames, saveXlsx, SPREADSHEET_MIME, Workbook } from '../../src/stand-in';
import { UNIT_FILE_LIMITS, XlsxRefused } from '../../src/shared/xlsx-guard';
import { EDITOR, office, OWNER, refusal, STRANGER } from './people';

/** The office, and a unit's file on its Drive whose contents `load` gives when first asked for. */
function withDeferred(load: (file: ReturnType<typeof place>) => Workbook | null) {
  const env = office();
  const drive = env.workbook.drive;
  function place() {
    const file = drive.addFile({
      id: 'unit-file-1',
      name: 'TDP 01',
      mimeType: SPREADSHEET_MIME,
      owner: OWNER,
    });
    file.share('writer', EDITOR);
    // Made by the app for the clerk (drive.file's grant), as Thiết lập made it.
    drive.grantApp(OWNER, file.id);
    file.modifiedTime = new Date('2026-11-30T08:00:00Z');
    return file;
  }
  const file = place();
  let loads = 0;
  file.deferWorkbook(() => {
    loads++;
    return load(file);
  });
  return { ...env, file, loads: () => loads };
}

/** A unit's list loaded elsewhere (its own Drive, as from .xlsx): three typed rows. */
function unitBook(): Workbook {
  const book = new Workbook({ owner: 'someone@elsewhere.example', name: 'TDP 01' });
  book
    .getSheets()[0]
    .getRange(1, 1, 3, 2)
    .setValues([
      ['Nguyễn Văn A', 1980],
      ['Trần Thị B', 1975],
      ['Lê Văn C', 1990],
    ]);
  return book;
}

describe('a spreadsheet whose contents load when first opened', () => {
  it('loads once, when the clerk opens it, keeping the sharing and times the Drive gave it', () => {
    const env = withDeferred((file) => {
      const book = unitBook();
      book.moveInto(file);
      return book;
    });
    const { Drive } = env.services;
    // Drive's metadata, the sharing and the listing leave it unloaded.
    expect(Drive.Files.get('unit-file-1', { fields: 'name,modifiedTime' })).toEqual({
      name: 'TDP 01',
      modifiedTime: '2026-11-30T08:00:00.000Z',
    });
    expect(env.workbook.drive.spreadsheets().map((f) => f.id)).toContain('unit-file-1');
    expect(env.file.loadedWorkbook).toBeNull();
    expect(env.loads()).toBe(0);

    const opened = env.SpreadsheetApp.openById('unit-file-1');
    expect(opened.getSheets()[0].getRange(1, 1, 3, 2).getValues()).toEqual([
      ['Nguyễn Văn A', 1980],
      ['Trần Thị B', 1975],
      ['Lê Văn C', 1990],
    ]);
    expect(opened.getOwner()?.getEmail()).toBe(OWNER);
    expect(opened.getEditors().map((u) => u.getEmail())).toContain(EDITOR);
    env.SpreadsheetApp.openById('unit-file-1');
    expect(env.loads()).toBe(1);
  });

  it('opens for the colleague it is shared with, not for a stranger', () => {
    const env = withDeferred((file) => {
      const book = unitBook();
      book.moveInto(file);
      return book;
    });
    expect(refusal(() => env.as(STRANGER, () => env.SpreadsheetApp.openById('unit-file-1')))).toBe(
      NO_DOCUMENT_ACCESS
    );
    // The stranger's refusal did not load it; the colleague's opening does.
    expect(env.loads()).toBe(0);
    const values = env.as(EDITOR, () =>
      env.SpreadsheetApp.openById('unit-file-1').getSheets()[0].getRange(2, 1).getValue()
    );
    expect(values).toBe('Trần Thị B');
  });

  it('one that cannot be read is, for everyone, a file that is not there', () => {
    const env = withDeferred((file) => {
      file.drive.deleteForever(file);
      return null;
    });
    expect(refusal(() => env.SpreadsheetApp.openById('unit-file-1'))).toBe(NO_DOCUMENT_ACCESS);
    expect(refusal(() => env.as(EDITOR, () => env.SpreadsheetApp.openById('unit-file-1')))).toBe(
      NO_DOCUMENT_ACCESS
    );
    expect(env.workbook.drive.file('unit-file-1')).toBeUndefined();
    expect(env.loads()).toBe(1);
  });

  it('a version of every spreadsheet written is recorded without loading one never opened', () => {
    const env = withDeferred(() => unitBook());
    env.workbook.drive.keepHistory = true;
    env.sheet.getRange('A1').setValue('Cấu hình');
    env.workbook.drive.recordVersions();
    expect(env.loads()).toBe(0);
    expect(env.workbook.file.history).toHaveLength(1);
  });
});

describe('readXlsxNames: what a file says it is, from xl/workbook.xml alone', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tonghop-names-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the defined names a saved workbook carries', async () => {
    const book = unitBook();
    book.setNamedRange('TH_UNIT_TDP01', book.getSheets()[0].getRange('A1:B3'));
    book.setNamedRange('TH_WARD_haiduong', book.getSheets()[0].getRange('A1'));
    const path = join(dir, 'TDP01 (1).xlsx');
    await saveXlsx(book, path);
    expect((await readXlsxNames(path, UNIT_FILE_LIMITS))?.sort()).toEqual([
      'TH_UNIT_TDP01',
      'TH_WARD_haiduong',
    ]);
  });

  it('cannot tell for a file that is not a zip: only a full read can', async () => {
    const path = join(dir, 'ghi-chu.xlsx');
    writeFileSync(path, 'không phải bảng tính');
    expect(await readXlsxNames(path, UNIT_FILE_LIMITS)).toBeNull();
  });

  it('refuses a zip of more parts than a unit’s file may hold, as a full read would', async () => {
    const path = join(dir, 'nhieu-phan.xlsx');
    const parts: Record<string, Uint8Array> = {};
    for (let i = 0; i <= UNIT_FILE_LIMITS.parts; i++) parts[`xl/media/p${i}.bin`] = new Uint8Array([i % 256]);
    writeFileSync(path, zipSync(parts));
    await expect(readXlsxNames(path, UNIT_FILE_LIMITS)).rejects.toBeInstanceOf(XlsxRefused);
  });
});
