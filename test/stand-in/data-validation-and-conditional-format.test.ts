/**
 * DataValidation and ConditionalFormatRule: the rules Thiết lập puts on a unit's columns, built as Google's
 * builders build them (and refuse them), and applied by the clerk (owner), an office colleague (editor) and
 * the ward leader (viewer).
 */
import {
  conditionHolds,
  NO_EDIT_ACCESS_MESSAGE,
  PROTECTED_MESSAGE,
  type StandInConditionalFormatRule,
} from '../../src/stand-in';
import { EDITOR, office, refusal, VIEWER } from './people';

describe('data validation rules', () => {
  it('a rule needs a criterion', () => {
    const { SpreadsheetApp } = office();
    expect(refusal(() => SpreadsheetApp.newDataValidation().setHelpText('Năm sinh').build())).toBe(
      'You must specify a criteria type for data validation rules.'
    );
  });

  it('a custom formula is a formula of the spreadsheet’s locale: in vi_VN, “;” between arguments', () => {
    const { SpreadsheetApp, sheet } = office();
    expect(
      refusal(() => SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=AND(A1>1,A1<5)').build())
    ).toBe('Invalid formula in the data validation rule: =AND(A1>1,A1<5)');
    const rule = SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=AND(A1>1;A1<5)').build();
    sheet.getRange('A1').setDataValidation(rule);
    expect(sheet.getRange('A1').getDataValidation()?.getCriteriaType()).toBe('CUSTOM_FORMULA');
    const en = office({ locale: 'en_US' });
    expect(
      refusal(() => en.SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=AND(A1>1,A1<5)').build())
    ).toBeNull();
  });

  it('a checkbox rejects anything else; a list keeps its items as text and takes only an array', () => {
    const { SpreadsheetApp, sheet } = office();
    /** A rule as the range it is set on reads it back. */
    const applied = (rule: unknown) => {
      sheet.getRange('B2').setDataValidation(rule as never);
      return sheet.getRange('B2').getDataValidation()!;
    };
    const checkbox = applied(SpreadsheetApp.newDataValidation().requireCheckbox().build());
    expect([checkbox.getCriteriaType(), checkbox.getAllowInvalid()]).toEqual(['CHECKBOX', false]);
    const list = applied(
      SpreadsheetApp.newDataValidation()
        .requireValueInList(['Có', 'Không', 2026] as never, true)
        .setHelpText('Chọn Có hoặc Không')
        .build()
    );
    expect(list.getCriteriaValues()).toEqual([['Có', 'Không', '2026'], true]);
    expect([list.getHelpText(), list.getAllowInvalid()]).toEqual(['Chọn Có hoặc Không', true]);
    expect(
      refusal(() => SpreadsheetApp.newDataValidation().requireValueInList('Có,Không' as never, true))
    ).toBe('Invalid argument: values');
  });

  it('only a rule from the builder goes on a range', () => {
    const { sheet } = office();
    expect(refusal(() => sheet.getRange('C2:C9').setDataValidation({} as never))).toBe(
      'Invalid argument: rule'
    );
    expect(sheet.getRange('C2').getDataValidation()).toBeNull();
  });

  it('the colleague sets rules where she may write; not on a range protected from her; the viewer nowhere', () => {
    const { sheet, SpreadsheetApp, as } = office();
    const rule = SpreadsheetApp.newDataValidation().requireNumberBetween(1900, 2026).build();
    as(EDITOR, () => sheet.getRange('C2:C9').setDataValidation(rule));
    expect(sheet.getRange('C9').getDataValidation()?.getCriteriaValues()).toEqual([1900, 2026]);
    sheet.getRange('D1:D9').protect().removeEditors([EDITOR]);
    expect(as(EDITOR, () => refusal(() => sheet.getRange('D2:D9').setDataValidation(rule)))).toBe(
      PROTECTED_MESSAGE
    );
    expect(as(EDITOR, () => refusal(() => sheet.getRange('C2:C9').clearDataValidations()))).toBeNull();
    expect(as(VIEWER, () => refusal(() => sheet.getRange('E2').setDataValidation(rule)))).toBe(
      NO_EDIT_ACCESS_MESSAGE
    );
    expect([sheet.getRange('D2').getDataValidation(), sheet.getRange('E2').getDataValidation()]).toEqual([
      null,
      null,
    ]);
  });
});

describe('conditional format rules', () => {
  it('a rule needs a condition and a format', () => {
    const { SpreadsheetApp, sheet } = office();
    const cells = [sheet.getRange('G2:G9')];
    expect(refusal(() => SpreadsheetApp.newConditionalFormatRule().setBackground('#f4cccc').build())).toBe(
      'Conditional format rule must have a condition.'
    );
    expect(
      refusal(() => SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(1).setRanges(cells).build())
    ).toBe('Conditional format rule must have a format.');
    expect(refusal(() => sheet.setConditionalFormatRules([{}] as never))).toBe('Invalid argument: rules');
  });

  it('number conditions: between takes both ends, less-than and at-least split at their number', () => {
    const { SpreadsheetApp, sheet } = office();
    const build = (b: ReturnType<typeof SpreadsheetApp.newConditionalFormatRule>) =>
      b
        .setFontColor('#cc0000')
        .setRanges([sheet.getRange('H2:H9')])
        .build() as StandInConditionalFormatRule;
    const between = build(SpreadsheetApp.newConditionalFormatRule().whenNumberBetween(0.5, 0.8));
    const below = build(SpreadsheetApp.newConditionalFormatRule().whenNumberLessThan(0.5));
    const atLeast = build(SpreadsheetApp.newConditionalFormatRule().whenNumberGreaterThanOrEqualTo(0.8));
    expect([0.49, 0.5, 0.8, 0.81].map((v) => conditionHolds(between, v))).toEqual([false, true, true, false]);
    expect([0.49, 0.5].map((v) => conditionHolds(below, v))).toEqual([true, false]);
    expect([0.79, 0.8].map((v) => conditionHolds(atLeast, v))).toEqual([false, true]);
    expect(between.rangesA1()).toEqual(['Trang tính1!H2:H9']);
  });

  it('the colleague replaces a sheet’s rules; the viewer may not', () => {
    const { SpreadsheetApp, sheet, as } = office();
    const rule = SpreadsheetApp.newConditionalFormatRule()
      .whenTextEqualTo('Hợp lệ')
      .setBackground('#b7e1cd')
      .setRanges([sheet.getRange('G2:G9')])
      .build();
    as(EDITOR, () => sheet.setConditionalFormatRules([rule]));
    expect(as(VIEWER, () => refusal(() => sheet.setConditionalFormatRules([])))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(as(VIEWER, () => refusal(() => sheet.clearConditionalFormatRules()))).toBe(NO_EDIT_ACCESS_MESSAGE);
    expect(sheet.getConditionalFormatRules()).toEqual([rule]);
  });
});
