/** Formulas in the spreadsheet's own syntax: the stand-in's parsing by locale, and every formula tonghop writes. */
import { demoUnits, type DemoUnit } from '../../src/cli/demo-data';
import type { ConsolidateResult } from '../../src/gas/consolidate';
import type { UnitReportResult, WardReportResult } from '../../src/gas/reports';
import { isErrorValue } from '../../src/core/formulas';
import { CONFIG } from '../../src/core/layout';
import { createServices, Workbook } from '../../src/stand-in';
import { CLERK, typeRows, unitSheet, workbookWithUnits } from '../support/add-on';

interface EntryPoints {
  setupUnits(): { ok: boolean };
  consolidate(): ConsolidateResult;
  exportUnitReport(code?: string): UnitReportResult;
  exportWardReport(): WardReportResult;
}

/** Every error value in every cell of every sheet, as "Sheet!A1: #ERROR!". */
function errorCells(workbook: Workbook): string[] {
  const found: string[] = [];
  for (const sheet of workbook.getSheets()) {
    const values = sheet.getDataRange().getValues();
    values.forEach((row, r) =>
      row.forEach((value, c) => {
        if (isErrorValue(value)) found.push(`${sheet.getName()}!R${r + 1}C${c + 1}: ${value}`);
      })
    );
  }
  return found;
}

/** Every formula of every sheet. */
function allFormulas(workbook: Workbook): string[] {
  return workbook
    .getSheets()
    .flatMap((sheet) => sheet.getDataRange().getFormulas().flat())
    .filter((f) => f !== '');
}

/** A formula with its string literals and quoted sheet names taken out. */
const bare = (formula: string): string => formula.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, '""');

/** Setup, rows in every unit (valid, errors, a duplicate across units), Tổng hợp and both reports. */
function runEverything(locale: 'vi_VN' | 'en_US') {
  const units: DemoUnit[] = demoUnits(3);
  const env = workbookWithUnits(units);
  // The owner may change the locale in File → Settings after tonghop set vi_VN.
  if (locale !== 'vi_VN') env.workbook.setSpreadsheetLocale(locale);
  const addOn = env.addOn as unknown as EntryPoints;
  expect(addOn.setupUnits().ok).toBe(true);
  typeRows(env.workbook, units[0], [
    ['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1'],
    ['Trần Thị Bình', '15/03/1985', '', 'TDP 1'],
    ['Lê Văn Cường', 85, '', 'TDP 1'],
  ]);
  typeRows(env.workbook, units.at(-1) as DemoUnit, [
    ['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1'],
    ['Phạm Thị Dung', 1990, '', 'TDP 3'],
  ]);
  const consolidated = addOn.consolidate();
  const unitReport = addOn.exportUnitReport(units[0].code);
  const wardReport = addOn.exportWardReport();
  return { ...env, units, consolidated, unitReport, wardReport };
}

describe('the stand-in parses formulas in the spreadsheet locale', () => {
  it("vi_VN: ';' between arguments works, ',' fails as #ERROR!", () => {
    const workbook = new Workbook({ locale: 'vi_VN' });
    const sheet = workbook.getSheets()[0];
    sheet.getRange('A1').setValue(5);
    sheet
      .getRange('B1:E1')
      .setValues([['=IF(A1>0;1;0)', '=IF(A1>0,1,0)', '=HYPERLINK("#a";"b")', '=SUM(A1;2)']]);
    sheet.getRange('F1').setFormula('=HYPERLINK("#a","b")');
    expect(sheet.getRange('B1:F1').getValues()).toEqual([[1, '#ERROR!', 'b', 7, '#ERROR!']]);
    // A comma inside a string literal is only text.
    sheet.getRange('G1').setFormula('=IF(A1>0;"1,5";"x")');
    expect(sheet.getRange('G1').getValue()).toBe('1,5');
  });

  it("en_US: ',' works, and ';' too (a 2019 report on Sheets), shown with ','", () => {
    const workbook = new Workbook({ locale: 'en_US' });
    const sheet = workbook.getSheets()[0];
    sheet.getRange('A1').setValue(5);
    sheet.getRange('B1:D1').setValues([['=IF(A1>0,1,0)', '=IF(A1>0;1;0)', '=HYPERLINK("#a;b";"c")']]);
    expect(sheet.getRange('B1:D1').getValues()).toEqual([[1, 1, 'c']]);
    expect(sheet.getRange('C1:D1').getFormulas()).toEqual([['=IF(A1>0,1,0)', '=HYPERLINK("#a;b","c")']]);
  });

  it('changing the locale shows existing formulas in the new syntax and keeps their values', () => {
    const workbook = new Workbook({ locale: 'en_US' });
    const sheet = workbook.getSheets()[0];
    sheet.getRange('A1').setValue(5);
    sheet.getRange('B1').setFormula('=IF(A1>0,"a,b",0)');
    workbook.setSpreadsheetLocale('vi_VN');
    expect(sheet.getRange('B1').getFormulas()[0][0]).toBe('=IF(A1>0;"a,b";0)');
    expect(sheet.getRange('B1').getValue()).toBe('a,b');
    sheet.getRange('C1').setFormula('=IF(A1>0,1,0)');
    expect(sheet.getRange('C1').getValue()).toBe('#ERROR!');
    workbook.setSpreadsheetLocale('en_US');
    expect(sheet.getRange('B1').getFormulas()[0][0]).toBe('=IF(A1>0,"a,b",0)');
    expect(sheet.getRange('B1').getValue()).toBe('a,b');
  });

  it('refuses a validation rule whose formula does not parse in the locale', () => {
    const workbook = new Workbook({ locale: 'vi_VN' });
    const { SpreadsheetApp } = createServices(workbook);
    const rule = () => SpreadsheetApp.newDataValidation();
    expect(() => rule().requireFormulaSatisfied('=AND(ISNUMBER(D13),D13>=0)').build()).toThrow(
      /Invalid formula/
    );
    expect(rule().requireFormulaSatisfied('=AND(ISNUMBER(D13);D13>=0)').build()).toBeTruthy();
  });
});

describe.each(['vi_VN', 'en_US'] as const)('every formula tonghop writes in a %s spreadsheet', (locale) => {
  it('evaluates: no error value anywhere after Thiết lập, Tổng hợp and both reports', () => {
    const { workbook, consolidated, unitReport, wardReport, units } = runEverything(locale);
    expect(consolidated.ok).toBe(true);
    expect(consolidated.formulaErrors).toEqual([]);
    expect(unitReport.ok).toBe(true);
    expect(wardReport.ok).toBe(true);
    expect(workbook.getSpreadsheetLocale()).toBe(locale);
    expect(errorCells(workbook)).toEqual([]);
    // The figures the formulas computed, not zeros: 4 valid rows, one of them a duplicate across units.
    expect(consolidated.totals).toMatchObject({ rows: 5, valid: 4, errors: 1, uniquePeople: 3 });
    // Stt numbers the typed rows, HYPERLINK labels the master rows.
    expect(unitSheet(workbook, units[0].code).getRange('A8:A11').getValues()).toEqual([[1], [2], [3], ['']]);
    const master = workbook.getSheetByName('Danh sách tổng hợp');
    expect(master?.getRange('H5').getValue()).toMatch(/ - dòng 8$/);
  });

  it(`writes its formulas with ${locale === 'vi_VN' ? "';'" : "','"} between arguments`, () => {
    const { workbook, units } = runEverything(locale);
    const formulas = allFormulas(workbook);
    const withArguments = formulas.filter((f) => /[;,]/.test(bare(f)));
    expect(withArguments.length).toBeGreaterThan(30);
    const separator = locale === 'vi_VN' ? ';' : ',';
    const other = locale === 'vi_VN' ? ',' : ';';
    expect(withArguments.filter((f) => bare(f).includes(other))).toEqual([]);
    expect(withArguments.every((f) => bare(f).includes(separator))).toBe(true);
    // No decimal literal (its mark is the locale's: ',' in vi_VN, '.' in en_US, where "3,999" is two
    // arguments), no array literal.
    const decimal = locale === 'vi_VN' ? /\d,\d|\{/ : /\d\.\d|\{/;
    expect(formulas.filter((f) => decimal.test(bare(f)))).toEqual([]);
    // The custom rules of data validation: Cấu hình's target rule (written when the file was still
    // vi_VN, translated when the locale changed) and a unit sheet's birth-year rule.
    const rules = [
      workbook.getSheetByName('Cấu hình')?.getRange(CONFIG.unitsFirstRow, 4).getDataValidation(),
      unitSheet(workbook, units[0].code).getRange('C8').getDataValidation(),
    ].map((rule) => String(rule?.getCriteriaValues()[0]));
    expect(rules.every((f) => bare(f).includes(separator) && !bare(f).includes(other))).toBe(true);
    expect(rules.every((f) => workbook.formulaParses(f))).toBe(true);
  });
});

describe('a formula that fails is never read as a zero', () => {
  it('Tổng hợp names the failing cells, says to run Chẩn đoán, and reports them in the JSON', () => {
    const units = demoUnits(2);
    const { workbook, addOn, ui } = workbookWithUnits(units);
    const entry = addOn as unknown as EntryPoints;
    expect(entry.setupUnits().ok).toBe(true);
    typeRows(workbook, units[0], [['Nguyễn Văn An', 1980, '', 'Tổ dân phố số 1']]);
    // Google answers "en_US" but parses as vi_VN: tonghop writes ',' where ';' was needed.
    workbook.getSpreadsheetLocale = () => 'en_US';
    const result = entry.consolidate();
    expect(result.ok).toBe(false);
    expect(result.formulaErrors.length).toBeGreaterThan(10);
    expect(result.formulaErrors).toContainEqual({ sheet: 'Tổng hợp', cell: 'G13', value: '#ERROR!' });
    // The clerk reads what to do; which cells failed, and how, is for the administrator.
    expect(result.message).toContain('Chẩn đoán lỗi (gửi người quản trị)');
    expect(result.message).not.toContain('#ERROR!');
    expect(result.detail).toContain('G13 (#ERROR!)');
    expect(ui.alerts.at(-1)?.prompt).toContain('Số liệu chưa dùng được');
    expect(workbook.actingUser).toBe(CLERK);
  });
});
