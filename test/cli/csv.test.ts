/**
 * Every CSV a ward sends, through the one reader of `tonghop init --units`, `tonghop import` and the
 * sidebar: the fixtures are written here, in each encoding and with each separator Excel uses.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { configMessages } from '../../src/core/messages/setup';
import { importMessages as im } from '../../src/core/messages/import';
import { CONFIG_SHEET } from '../../src/core/layout';
import { unitRowsFromCsv } from '../../src/cli/cli';
import { iconvCsv, readCsvRows } from '../../src/cli/csv';
import { readUnitFile } from '../../src/cli/import-command';
import { loadXlsx } from '../../src/stand-in';
import { decodeCsv, detectCsvEncoding, tableFromCsv, textDecoderCsv } from '../../src/shared/import-file';

const BIN = join(__dirname, '..', '..', 'bin', 'tonghop.js');
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Windows' Vietnamese form: base letters precomposed (ê, ơ, ă…), tone marks as combining characters. */
function windows1258(text: string): Buffer {
  const windowsForm = [...text.normalize('NFC')]
    .map((ch) => {
      const parts = ch.normalize('NFD');
      const tones = parts.match(TONES)?.join('') ?? '';
      return parts.replace(TONES, '').normalize('NFC') + tones;
    })
    .join('');
  return iconv.encode(windowsForm, 'windows1258');
}

const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);
const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16();

/** The units list, as a clerk would type it in Excel (names with every tone mark), without the columns
 * Thiết lập fills in by unit type. */
const UNITS = [
  configMessages.unitColumns.slice(0, 7),
  ['TDP01', 'Tổ dân phố số 1', 'Tổ dân phố', '120', 'to1@haiduong.example', 'Nguyễn Thị Hảo', '0912 345 678'],
  ['THCS-LTV', 'Trường THCS Lê Thánh Tông', 'Trường học', '45', '', 'Đặng Quốc Việt', ''],
  ['UBND', 'Ủy ban nhân dân phường; Văn phòng', 'UBND', '30', 'vp@haiduong.example', 'Phạm Ngọc Ánh', ''],
];

/** A unit's list of people, one address with a line break inside its quotes. */
const PEOPLE = [
  ['Stt', 'Họ và tên', 'Năm sinh', 'Cơ quan, đơn vị', 'Nơi ở hiện nay'],
  ['1', 'Nguyễn Văn Hưởng', '1985', '', 'Số 3, Lê Lợi'],
  ['2', 'Trần Thị Mỹ Dung', '1990', 'Công an phường', 'Ngõ 5\nTDP 1'],
  ['3', 'Lê Hoàng Yến', '1978', '', 'Khu Ủy Ban'],
];

function csvText(rows: string[][], delimiter: string, eol = '\r\n'): string {
  const field = (v: string) =>
    v.includes(delimiter) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  return rows.map((r) => r.map(field).join(delimiter)).join(eol) + eol;
}

/** What Excel and friends write: [label, bytes]. */
function variants(rows: string[][]): [string, Buffer][] {
  return [
    ['UTF-8, comma', Buffer.from(csvText(rows, ','), 'utf8')],
    ['UTF-8 with BOM, semicolon', withBom([0xef, 0xbb, 0xbf], Buffer.from(csvText(rows, ';'), 'utf8'))],
    ['UTF-8, tab, LF', Buffer.from(csvText(rows, '\t', '\n'), 'utf8')],
    ['UTF-16 LE with BOM, tab', withBom([0xff, 0xfe], Buffer.from(csvText(rows, '\t'), 'utf16le'))],
    ['UTF-16 BE with BOM, tab', withBom([0xfe, 0xff], utf16be(csvText(rows, '\t')))],
    ['UTF-16 LE with BOM, semicolon', withBom([0xff, 0xfe], Buffer.from(csvText(rows, ';'), 'utf16le'))],
    ['Windows-1258, semicolon', windows1258(csvText(rows, ';'))],
    ['Windows-1258, comma', windows1258(csvText(rows, ','))],
  ];
}

describe('one CSV reader for every file a ward sends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tonghop-csv-'));

  it('writes Windows-1258 fixtures whose tone marks are combining characters', () => {
    const bytes = windows1258('Nguyễn Hưởng Ánh');
    // ễ = ê (0xEA) + combining tilde (0xDE); ở = ơ (0xF5) + combining hook (0xD2); Á = A + acute (0xEC).
    expect([...bytes]).toEqual(expect.arrayContaining([0xea, 0xde, 0xf5, 0xd2, 0xec]));
    expect(bytes.includes(0x3f)).toBe(false); // no '?' for a character the code page lacks
    expect(detectCsvEncoding(new Uint8Array(bytes)).encoding).toBe('windows-1258');
  });

  it.each(variants(UNITS))('reads the units list (%s) to the same units, in NFC', (_label, bytes) => {
    const rows = unitRowsFromCsv(new Uint8Array(bytes), 'don-vi.csv');
    // One cell for each of Cấu hình's columns: Cơ quan chủ quản, Chức danh người ký and Tệp của đơn vị
    // left blank.
    expect(rows).toEqual(UNITS.slice(1).map((row) => [...row, '', '', '']));
    for (const row of rows) for (const cell of row) expect(cell).toBe(cell.normalize('NFC'));
  });

  it.each(variants(PEOPLE))(
    'reads a unit’s list (%s) to the same rows, the quoted line break kept',
    (_label, bytes) => {
      expect(tableFromCsv(new Uint8Array(bytes), 'ds.csv', iconvCsv)).toEqual(PEOPLE);
    }
  );

  it.each(variants(PEOPLE))(
    'decodes (%s) the same in the sidebar (TextDecoder) as in tonghop (iconv-lite)',
    (_label, bytes) => {
      const data = new Uint8Array(bytes);
      expect(decodeCsv(data, 'ds.csv', textDecoderCsv)).toBe(decodeCsv(data, 'ds.csv', iconvCsv));
    }
  );

  it('gives the same workbook from a Windows-1258 and a UTF-8 units file (tonghop init)', async () => {
    const made: string[][][] = [];
    for (const [name, bytes] of [
      ['utf8.csv', Buffer.from(csvText(UNITS, ','), 'utf8')],
      ['ansi.csv', windows1258(csvText(UNITS, ';'))],
    ] as const) {
      const csv = join(dir, name);
      writeFileSync(csv, bytes);
      const book = join(dir, `${name}.xlsx`);
      const run = spawnSync(process.execPath, [BIN, 'init', book, '--units', csv, '--shared'], {
        encoding: 'utf8',
      });
      expect(run.stderr).toContain('Đã lưu');
      expect(run.status).toBe(0);
      const { workbook } = await loadXlsx(book);
      made.push(workbook.sheet(CONFIG_SHEET).getDataRange().getDisplayValues());
    }
    expect(made[1]).toEqual(made[0]);
    expect(made[0].flat()).toContain('Nguyễn Thị Hảo');
  }, 60_000);

  it('imports the same rows from a Windows-1258 and a UTF-8 unit file (tonghop import)', async () => {
    const utf8 = join(dir, 'ds-utf8.csv');
    const ansi = join(dir, 'ds-ansi.csv');
    writeFileSync(utf8, Buffer.from(csvText(PEOPLE, ','), 'utf8'));
    writeFileSync(ansi, windows1258(csvText(PEOPLE, ';')));
    const [a, b] = [(await readUnitFile(utf8)).table, (await readUnitFile(ansi)).table];
    expect(b).toEqual(a);
    expect(a[1][1]).toBe('Nguyễn Văn Hưởng');
  });

  it.each([
    ['ds.xls', im.oldExcel('ds.xls')],
    ['ds.ods', im.openDocument('ds.ods')],
  ])('refuses %s with how to save it as .xlsx', async (name, message) => {
    expect(message).toContain('.xlsx');
    expect(message).toContain('Lưu thành');
    const path = join(dir, name);
    writeFileSync(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]));
    await expect(readUnitFile(path)).rejects.toThrow(message);
    expect(() => readCsvRows(new Uint8Array([1, 2, 3]), name)).toThrow(message);
    const book = join(dir, `init-${name}.xlsx`);
    const run = spawnSync(process.execPath, [BIN, 'init', book, '--units', path, '--shared'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(message);
  });

  it('refuses a binary file named .csv instead of importing noise', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    expect(() => unitRowsFromCsv(zip, 'don-vi.csv')).toThrow(im.unreadable('don-vi.csv'));
  });
});
