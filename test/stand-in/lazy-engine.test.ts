/**
 * A workbook loaded from tonghop's own .xlsx whose every sheet stays out of the formula engine (a unit's
 * file read by Tổng hợp, src/stand-in/document/detached.ts) builds no engine until something needs
 * one (DocumentWorkbook.hf). Whenever it comes, every read, name and formula must be what it would have
 * been with the engine built at load.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Workbook } from '../../src/stand-in';
import { LOOSE_MIN_ROWS } from '../../src/stand-in/document/loose';
import { loadXlsx, saveXlsx } from '../../src/stand-in/xlsx';

const ROWS = LOOSE_MIN_ROWS + 20;

/** Whether the workbook's formula engine has been built (a private field: what the laziness saves). */
const engineBuilt = (wb: Workbook) => (wb as unknown as { engine: unknown }).engine !== null;

describe('a loaded workbook that needs no formula engine yet', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonghop-lazy-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function unitLikeFile(): Promise<string> {
    const wb = new Workbook();
    const sheet = wb.getSheets()[0];
    sheet.setName('Tổ dân phố 1');
    // Stt formulas that read only their own row, names typed in B, blanks among them.
    sheet
      .getRange(1, 1, ROWS, 2)
      .setValues(
        Array.from({ length: ROWS }, (_, i) => [
          `=IF(B${i + 1}="";"";ROW()-0)`,
          i % 5 === 0 ? '' : `Người ${i + 1}`,
        ])
      );
    wb.setNamedRange('TH_UNIT_TDP01', sheet.getRange(1, 2, ROWS, 1));
    const file = path.join(dir, `unit-${Date.now()}.xlsx`);
    await saveXlsx(wb, file);
    return file;
  }

  it('reads values and formulas with no engine, as the file holds them', async () => {
    const file = await unitLikeFile();
    const wb = (await loadXlsx(file)).workbook;
    const sheet = wb.getSheets()[0];
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      [2, 'Người 2'],
    ]);
    expect(sheet.getRange('A2').getFormulas()).toEqual([['=IF(B2="";"";ROW()-0)']]);
    expect(wb.getRangeByName('TH_UNIT_TDP01')?.getA1Notation()).toBe(`B1:B${ROWS}`);
    expect(engineBuilt(wb)).toBe(false);
  });

  it('builds the engine on the first write, with the names made before it and the blanks as blanks', async () => {
    const file = await unitLikeFile();
    const wb = (await loadXlsx(file)).workbook;
    const sheet = wb.getSheets()[0];
    sheet.getRange('C1').setFormula('=COUNTA(TH_UNIT_TDP01)');
    sheet.getRange('C2').setFormula(`=COUNTBLANK(B1:B${ROWS})`);
    sheet.getRange('B1').setValue('Người 1');
    expect(engineBuilt(wb)).toBe(true);
    const blanks = Math.ceil(ROWS / 5) - 1;
    expect(sheet.getRange('C1:C2').getValues()).toEqual([[ROWS - blanks], [blanks]]);
    // Stt of the row just typed is computed again.
    expect(sheet.getRange('A1').getValue()).toBe(1);
  });
});
