/** The sidebar's server functions through the bundle, as google.script.run calls them. */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import { typeRows, unitSheet, workbookWithUnits } from '../support/add-on';

function setUp() {
  const units = demoUnits(2);
  const env = workbookWithUnits(units);
  env.addOn.setupUnits();
  const tdp = units.find((u) => u.code === 'TDP01') as DemoUnit;
  typeRows(env.workbook, tdp, [
    ['  nguyễn  văn AN ', 1980, '', 'TDP 1'],
    ['Trần Thị Bình', '15/03/1985', '', 'TDP 1'],
    ['Lê Văn Cường', 85, '', 'TDP 1'],
  ]);
  return { ...env, tdp };
}

describe('sidebar server', () => {
  it('checks the unit whose sheet is open, with counts and cell addresses', () => {
    const { workbook, addOn } = setUp();
    unitSheet(workbook, 'TDP01').activate();
    const result = addOn.checkData({});
    expect(result.selected).toBe('TDP01');
    expect(result.units).toEqual([
      expect.objectContaining({ code: 'TDP01', rows: 3, valid: 2, errors: 1, warnings: 1 }),
    ]);
    expect(result.problems.map((p) => [p.a1, p.level, p.code])).toEqual([
      ['C9', 'warning', 'YEAR_FROM_DATE'],
      ['C10', 'error', 'YEAR_OUT_OF_RANGE'],
    ]);
    expect(result.options.length).toBe(19);
  });

  it('rejects malformed requests with a Vietnamese message instead of failing', () => {
    const { addOn } = setUp();
    expect(addOn.checkData({ unit: 42 } as never)).toMatchObject({
      ok: false,
      message: expect.stringContaining('Yêu cầu không hợp lệ'),
    });
    expect(addOn.applyFixes({ unit: 'TDP01' } as never)).toMatchObject({ ok: false, applied: 0 });
    expect(addOn.checkData({ unit: 'KHONGCO' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('KHONGCO'),
    });
  });

  it('selects the cell of a problem', () => {
    const { workbook, addOn } = setUp();
    expect(addOn.selectProblemCell({ unit: 'TDP01', row: 10, column: 'birthYear' }).ok).toBe(true);
    expect(workbook.activeRangeA1()).toEqual({ sheet: 'Tổ dân phố số 1', a1: 'C10' });
  });

  it('fixes only what needs no guess, after confirmation, keeping a fixed year a year', () => {
    const { workbook, addOn, tdp } = setUp();
    const preview = addOn.previewFixes({ unit: 'TDP01' });
    expect(preview.fixes.map((f) => [f.a1, f.before, f.after])).toEqual([
      ['B8', '  nguyễn  văn AN ', 'Nguyễn Văn An'],
      ['C9', '15/03/1985', 1985],
    ]);
    expect(addOn.applyFixes({ unit: 'TDP01', fixes: preview.fixes, confirmed: false }).applied).toBe(0);
    const sheet = unitSheet(workbook, 'TDP01');
    expect(sheet.getRange('B8').getValue()).toBe('  nguyễn  văn AN ');
    // Another unit's staff member cannot apply fixes to this sheet.
    workbook.actAs('ca@haiduong.example');
    expect(addOn.applyFixes({ unit: 'TDP01', fixes: preview.fixes, confirmed: true })).toMatchObject({
      ok: false,
      applied: 0,
    });
    workbook.actAs(tdp.emails);
    const applied = addOn.applyFixes({ unit: 'TDP01', fixes: preview.fixes, confirmed: true });
    expect(applied).toMatchObject({ ok: true, applied: 2, skipped: 0 });
    expect(applied.message).toContain('Lịch sử phiên bản');
    expect(sheet.getRange('B8:E10').getValues()).toEqual([
      ['Nguyễn Văn An', 1980, '', 'TDP 1'],
      ['Trần Thị Bình', 1985, '', 'TDP 1'],
      ['Lê Văn Cường', 85, '', 'TDP 1'],
    ]);
    expect(sheet.getRange('A8:A10').getFormulas()[0][0]).toMatch(/^=IF\(/);
    // Applying the same preview again changes nothing: the cells no longer hold the "before" values.
    expect(addOn.applyFixes({ unit: 'TDP01', fixes: preview.fixes, confirmed: true })).toMatchObject({
      applied: 0,
      skipped: 2,
    });
  });
});
