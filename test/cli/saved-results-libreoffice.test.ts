/**
 * Issue 24, item 5: every formula in a workbook `tonghop run` saves carries its true result. The ward's
 * file is typed into by a script through ExcelJS, which calculates nothing: the rows' Stt formulas (and
 * every formula whose result was empty text, which ExcelJS drops) reach `tonghop run` without a cached
 * result. LibreOffice, told to recalculate everything, then agrees with every result the saved files cache.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { UNIT_SHEET, UNIT_SHEET_COL } from '../../src/core/layout';
import { demoUnits } from '../../src/cli/demo-data';
import { writeUnitsCsv } from '../../src/cli/demo';
import { loadXlsx, parseA1 } from '../../src/stand-in';
import { tonghop } from '../support/cli';
import { recomputeWithLibreOffice, soffice } from '../support/libreoffice';

const FIRST = UNIT_SHEET.firstDataRow;

/** The rows the script types into a unit's sheet (Họ và tên … Nơi ở hiện nay), with a Stt formula each. */
const TYPED = [
  ['Nguyễn Văn An', '1980', '', 'Tổ dân phố số 1'],
  ['Trần Thị Bình', '1985', '', 'Tổ dân phố số 2'],
  ['Lê Văn Cường', '85', '', 'Tổ dân phố số 2'],
];

interface FormulaCell {
  at: string;
  /** What the file caches (undefined: nothing, or empty text: ExcelJS reads both alike). */
  result: unknown;
  /** Part of an array formula saved without its results (the file is then calculated on load). */
  uncalculated: boolean;
}

/**
 * Every cell a formula computes in a .xlsx: each formula's own cell, and each cell an array formula
 * fills (there the file holds a plain value). `cell.result`, not `cell.value.result`: ExcelJS's value
 * getter drops falsy results.
 */
async function formulaCells(file: string): Promise<FormulaCell[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const cells: FormulaCell[] = [];
  for (const ws of book.worksheets) {
    const filled = new Map<string, boolean>();
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (!cell.formula) return;
        const result: unknown = (cell as unknown as { result?: unknown }).result;
        const value = cell.value as { shareType?: string; ref?: string };
        const uncalculated = value.shareType === 'array' && result === undefined;
        cells.push({ at: `${ws.name}!${cell.address}`, result, uncalculated });
        const rect = value.shareType === 'array' ? parseA1(value.ref ?? '', 1, 1) : null;
        if (!rect) return;
        for (let r = rect.r1; r <= rect.r2; r++)
          for (let c = rect.c1; c <= rect.c2; c++)
            if (r !== row.number || c !== cell.fullAddress.col) filled.set(`${r}:${c}`, uncalculated);
      })
    );
    for (const [key, uncalculated] of filled) {
      const [r, c] = key.split(':').map(Number);
      const cell = ws.getCell(r, c);
      cells.push({ at: `${ws.name}!${cell.address}`, result: cell.value ?? undefined, uncalculated });
    }
  }
  return cells;
}

/** What LibreOffice computed in each cell of its copy, by `sheet!A1`. */
async function valuesOf(file: string, at: readonly string[]): Promise<Map<string, unknown>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return new Map(
    at.map((a) => {
      const bang = a.lastIndexOf('!');
      const cell = book.getWorksheet(a.slice(0, bang))?.getCell(a.slice(bang + 1));
      const result: unknown = cell?.formula ? (cell as unknown as { result?: unknown }).result : cell?.value;
      return [a, result];
    })
  );
}

const norm = (v: unknown): unknown =>
  v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v;
/** LibreOffice keeps 15 significant digits, HyperFormula the whole double. */
const same = (a: unknown, b: unknown): boolean =>
  typeof a === 'number' && typeof b === 'number'
    ? Math.abs(a - b) <= 1e-13 * Math.max(1, Math.abs(a))
    : norm(a) === norm(b);

/**
 * The file's own XML: a formula cell with no value and no t="str" (an empty text result) caches
 * nothing. Returns such cells that are not array formulas, and whether the workbook is calculated on load.
 */
function uncachedInXml(file: string): { plain: string[]; calculatesOnLoad: boolean } {
  const parts = unzipSync(readFileSync(file));
  const plain: string[] = [];
  for (const [name, bytes] of Object.entries(parts)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = strFromU8(bytes);
    for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(<f[^>]*>[^<]*<\/f>)<\/c>/g)) {
      if (!m[2].includes('t="str"') && !m[3].startsWith('<f t="array"')) plain.push(`${name}!${m[1]}`);
    }
  }
  const workbookXml = strFromU8(parts['xl/workbook.xml']);
  return { plain, calculatesOnLoad: /<calcPr\b[^>]*fullCalcOnLoad="1"/.test(workbookXml) };
}

(soffice ? describe : describe.skip)('formulas loaded without a cached result', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tonghop-saved-results-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are saved by tonghop run with the results LibreOffice computes', async () => {
    // Units whose names fit Excel's 31 characters: ExcelJS, unhooked, would cut longer sheet names.
    const units = demoUnits(3).filter((u) => u.name.length <= 31);
    const csv = join(dir, 'don-vi.csv');
    writeUnitsCsv(csv, units);
    const book = join(dir, 'phuong.xlsx');
    expect(tonghop('init', book, '--units', csv, '--shared').code).toBe(0);
    expect(tonghop('setup', book).code).toBe(0);

    // A script types rows into two units' sheets through ExcelJS, with the Stt formula ExcelJS cannot compute.
    const typed = join(dir, 'typed.xlsx');
    const script = new ExcelJS.Workbook();
    await script.xlsx.readFile(book);
    const sheets = [units[0].name, units[1].name];
    for (const name of sheets) {
      const ws = script.getWorksheet(name);
      if (!ws) throw new Error(`no sheet ${name}`);
      TYPED.forEach((row, i) => {
        const r = FIRST + i;
        row.forEach((value, j) => (ws.getCell(r, UNIT_SHEET_COL.name + j).value = value));
        const stt = ws.getCell(r, 1);
        stt.value = { formula: String(stt.formula) } as ExcelJS.CellFormulaValue;
      });
    }
    await script.xlsx.writeFile(typed);
    const stt = (name: string, i: number) => `${name}!A${FIRST + i}`;
    // The script's file caches none of them: what tonghop run starts from.
    const before = new Map((await formulaCells(typed)).map((c) => [c.at, c.result]));
    expect(before.has(stt(sheets[0], 0))).toBe(true);
    expect(before.get(stt(sheets[0], 0))).toBeUndefined();

    const out = join(dir, 'tong-hop.xlsx');
    const run = tonghop('run', typed, '--out', out);
    expect([0, 1]).toContain(run.code);

    for (const saved of [out, join(dir, 'tong-hop-lanh-dao.xlsx')]) {
      const ours = await formulaCells(saved);
      // The leaders' file holds figures only: nothing for LibreOffice to compute.
      if (saved === out) expect(ours.length).toBeGreaterThan(50);
      if (ours.length === 0) continue;
      const recomputed = recomputeWithLibreOffice(saved, join(dir, 'lo'), dir);
      const theirs = await valuesOf(
        recomputed,
        ours.map((c) => c.at)
      );
      // Array formulas saved without their results (stand-in/document/pending.ts) cache nothing, and the
      // workbook says so (fullCalcOnLoad); every other formula caches what LibreOffice computes.
      const xml = uncachedInXml(saved);
      expect(xml.plain).toEqual([]);
      if (ours.some((c) => c.uncalculated)) expect(xml.calculatesOnLoad).toBe(true);
      const differ = ours
        .filter((c) => !c.uncalculated && !same(c.result, theirs.get(c.at)))
        .map((c) => `${c.at}: ours ${String(norm(c.result))}, LibreOffice ${String(norm(theirs.get(c.at)))}`);
      expect(differ).toEqual([]);

      if (saved !== out) continue;
      // The typed rows number themselves 1, 2, 3 in both (LibreOffice really recalculated them).
      for (const name of sheets)
        TYPED.forEach((_, i) => {
          expect(ours.find((c) => c.at === stt(name, i))?.result).toBe(i + 1);
          expect(theirs.get(stt(name, i))).toBe(i + 1);
        });
      // What the uncalculated array formulas fill, LibreOffice computes as the stand-in reads it.
      const pending = ours.filter((c) => c.uncalculated);
      if (pending.length > 0) {
        const { workbook } = await loadXlsx(saved);
        const standIn = (at: string) => {
          const bang = at.lastIndexOf('!');
          return workbook
            .getSheetByName(at.slice(0, bang))
            ?.getRange(at.slice(bang + 1))
            .getValue();
        };
        const arrays = pending
          .filter((c) => !same(standIn(c.at), theirs.get(c.at)))
          .map(
            (c) =>
              `${c.at}: stand-in ${String(norm(standIn(c.at)))}, LibreOffice ${String(norm(theirs.get(c.at)))}`
          );
        expect(arrays).toEqual([]);
      }
    }
  }, 600_000);
});
