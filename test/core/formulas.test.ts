import { formulaErrors, formulaInteger, formulasFor, formulaSyntax } from '../../src/core/formulas';
import { birthYearRule, sttFormula, targetRule } from '../../src/core/layout';

describe('the formula builder', () => {
  it("separates arguments with ';' in comma-decimal locales and ',' elsewhere", () => {
    // getSpreadsheetLocale answers "en", "fil" or "en_US" (an ISO 639 code, with or without a country).
    const semicolon = ['vi_VN', 'vi', 'de', 'de_DE', 'it_IT', 'tr_TR', 'pt_BR', 'fr_FR', 'ru_RU', 'es_ES'];
    const comma = ['en_US', 'en', 'en_GB', 'ja_JP', 'zh_CN', 'fil', 'es_MX', 'de_CH', 'th_TH', 'ko_KR'];
    expect(semicolon.filter((l) => formulaSyntax(l).separator !== ';')).toEqual([]);
    expect(comma.filter((l) => formulaSyntax(l).separator !== ',')).toEqual([]);
  });

  it('writes the same formulas in either syntax', () => {
    const vi = formulasFor('vi_VN');
    const en = formulasFor('en_US');
    expect(sttFormula(vi, 8)).toBe('=IF(COUNTA(B8:E8)>0;ROW()-7;"")');
    expect(sttFormula(en, 8)).toBe('=IF(COUNTA(B8:E8)>0,ROW()-7,"")');
    expect(birthYearRule(vi, 'C', 8, 2026)).toBe(
      '=OR(AND(ISNUMBER(C8);C8=INT(C8);C8>=1900;C8<=2026);' +
        'AND(ISTEXT(C8);LEN(C8)=4;LEN(SUBSTITUTE(C8;".";""))=4;ISNUMBER(VALUE(C8));' +
        'IFERROR(VALUE(C8);0)>=1900;IFERROR(VALUE(C8);0)<=2026))'
    );
    expect(targetRule(en, 'D13')).toBe('=AND(ISNUMBER(D13),D13>=0,D13=INT(D13))');
    expect(vi.hyperlink('#gid=1&range=A8', 'Tổ "1"; dòng 8')).toBe(
      '=HYPERLINK("#gid=1&range=A8";"Tổ ""1""; dòng 8")'
    );
  });

  it('writes no decimal literal', () => {
    expect(formulaInteger(1900)).toBe('1900');
    expect(() => formulaInteger(0.5)).toThrow(/whole numbers/);
  });

  it('finds the formula cells that read back as errors, not text that looks like one', () => {
    const written = [
      ['=SUM(A1)', "'#REF!", '=1'],
      ['x', '=A0', '=B1'],
    ];
    const values = [
      ['#ERROR!', '#REF!', 1],
      ['x', '#REF!', '#N/A'],
    ];
    expect(formulaErrors('Tổng hợp', written, values)).toEqual([
      { sheet: 'Tổng hợp', cell: 'A1', value: '#ERROR!' },
      { sheet: 'Tổng hợp', cell: 'B2', value: '#REF!' },
      { sheet: 'Tổng hợp', cell: 'C2', value: '#N/A' },
    ]);
  });
});
