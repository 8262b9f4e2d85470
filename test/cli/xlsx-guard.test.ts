/**
 * Issue 25, parts 2 and 6: a unit's .xlsx sent over Zalo, read by Nhập từ tệp (the sidebar and `tonghop
 * import`) and by `tonghop run` over the units' folder. A zip bomb, with its sizes told or lied about, too
 * many cells or parts: refused with the reason, having inflated no more than the limit. A formula cell whose
 * cached result is a name: named, its result never taken as typed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { readSheet } from 'read-excel-file/node';
import { inspectXlsx, UNIT_FILE_LIMITS, XlsxRefused } from '../../src/shared/xlsx-guard';
import { ImportFileError, tableFromXlsx } from '../../src/shared/import-file';
import { loadXlsx } from '../../src/stand-in';
import { readUnitFile } from '../../src/cli/import-command';
import { writeManyCells, writeZipBomb } from '../support/crafted-xlsx';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tonghop-guard-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A unit's list as Excel would save it, with a formula cell whose cached result is a name. */
async function listWithFormulas(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(['Stt', 'Họ và tên', 'Năm sinh', 'Cơ quan, đơn vị', 'Nơi ở hiện nay']);
  sheet.addRow([1, 'Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1']);
  sheet.addRow([
    2,
    { formula: 'IMPORTRANGE("1AbCdE","Danh sách tổng hợp!B5")', result: 'Vũ Văn Em' },
    { formula: '1975+0', result: 1975 },
    '',
    'Tổ dân phố số 2',
  ]);
  sheet.addRow([3, 'Trần Thị Bình', 1982, '', { formula: '"Tổ "&"1"', result: 'Tổ 1' }]);
  await book.xlsx.writeFile(path);
}

// What a refusal keeps alive is measured after a full collection: buffers it merely let go of would
// otherwise count until the collector happens to run.
setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;
/** V8 frees array buffers' memory on a background sweeper: collect, let it run, collect again. */
const gc = async (): Promise<void> => {
  fullGc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  fullGc();
};

const refusal = (fn: () => unknown): XlsxRefused => {
  try {
    fn();
  } catch (error) {
    if (error instanceof XlsxRefused) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('the guard every unit .xlsx passes first', () => {
  it('names the formula cells of the sheet read, with their formulas', async () => {
    const path = join(dir, 'cong-thuc.xlsx');
    await listWithFormulas(path);
    const found = inspectXlsx(readFileSync(path));
    expect(found.sheet).toBe('Danh sách');
    expect(found.formulaCells.map((c) => [c.cell, c.row, c.column, c.formula])).toEqual([
      ['B3', 2, 1, '=IMPORTRANGE("1AbCdE","Danh sách tổng hợp!B5")'],
      ['C3', 2, 2, '=1975+0'],
      ['E4', 3, 4, '="Tổ "&"1"'],
    ]);
  });

  it('refuses a zip bomb whose size is told, and one whose size is a lie, inflating no more than the limit', async () => {
    for (const lie of [false, true]) {
      const path = join(dir, `bom-${lie}.xlsx`);
      const size = await writeZipBomb(path, 200 * 2 ** 20, lie);
      expect(size).toBeLessThan(2 * 2 ** 20);
      await gc();
      const before = process.memoryUsage().arrayBuffers;
      const refused = refusal(() => inspectXlsx(readFileSync(path)));
      await gc();
      expect(refused.reason).toBe('bytes');
      expect(refused.limit).toBe(UNIT_FILE_LIMITS.bytes);
      // What the refusal kept alive is far below the 200 MB the worksheet would inflate to.
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(100 * 2 ** 20);
    }
  });

  it('refuses a sheet of more cells than a unit’s list can have', () => {
    const path = join(dir, 'nhieu-o.xlsx');
    writeManyCells(path, UNIT_FILE_LIMITS.cells + 100);
    expect(refusal(() => inspectXlsx(readFileSync(path))).reason).toBe('cells');
  });
});

describe('Nhập từ tệp reads a crafted file', () => {
  it('leaves a formula cell empty and lists it, never its cached name', async () => {
    const path = join(dir, 'cong-thuc-nhap.xlsx');
    await listWithFormulas(path);
    const bytes = new Uint8Array(readFileSync(path));
    const { table, formulaCells } = await tableFromXlsx(bytes, 'ds.xlsx', () =>
      readSheet(Buffer.from(bytes))
    );
    expect(JSON.stringify(table)).not.toContain('Vũ Văn Em');
    expect(table[2]).toEqual([2, null, null, null, 'Tổ dân phố số 2']);
    expect(table[3]).toEqual([3, 'Trần Thị Bình', 1982]);
    expect(formulaCells).toEqual([
      { cell: 'B3', function: 'IMPORTRANGE' },
      { cell: 'C3', function: '' },
      { cell: 'E4', function: '' },
    ]);
  });

  it('refuses a zip bomb with a message in Vietnamese, before read-excel-file unzips it (tonghop import)', async () => {
    const path = join(dir, 'ds-don-vi.xlsx');
    await writeZipBomb(path, 300 * 2 ** 20, true);
    const read = jest.fn();
    await expect(tableFromXlsx(new Uint8Array(readFileSync(path)), 'ds-don-vi.xlsx', read)).rejects.toThrow(
      ImportFileError
    );
    expect(read).not.toHaveBeenCalled();
    await expect(readUnitFile(path)).rejects.toThrow(
      'Tệp “ds-don-vi.xlsx” không được đọc: khi giải nén lớn hơn 64 MB'
    );
  });
});

describe('tonghop reading a unit’s file from the folder', () => {
  it('refuses a zip bomb held to a unit’s limits', async () => {
    const path = join(dir, 'bom-don-vi.xlsx');
    await writeZipBomb(path, 200 * 2 ** 20, true);
    await expect(loadXlsx(path, { limits: UNIT_FILE_LIMITS })).rejects.toBeInstanceOf(XlsxRefused);
  });
});
