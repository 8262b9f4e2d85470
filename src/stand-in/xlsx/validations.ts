/**
 * Data validations between the stand-in and .xlsx, both ways, for the rules tonghop writes (checkboxes,
 * lists, number ranges, custom formulas). Any other rule is dropped, with a note.
 */
import type * as ExcelJS from 'exceljs';
import { StandInDataValidation } from '../document/rules';
import { toExcelFormula } from '../document/formula-syntax';

export type ExcelDv = ExcelJS.DataValidation & { prompt?: string; showInputMessage?: boolean };

export function toValidation(dv: ExcelDv, notes: Set<string>): StandInDataValidation | null {
  const allowInvalid = !(dv.showErrorMessage && (dv.errorStyle ?? 'stop') === 'stop');
  const help = dv.showInputMessage && dv.prompt ? dv.prompt : null;
  const [f1, f2] = (dv.formulae ?? []).map(String);
  // Google writes a checkbox into .xlsx as a TRUE/FALSE list; the stand-in reads it back as one.
  if (dv.type === 'list' && (f1 === '"TRUE,FALSE"' || f1 === '"FALSE,TRUE"')) {
    return new StandInDataValidation('CHECKBOX', [], allowInvalid, help);
  }
  if (dv.type === 'list' && f1?.startsWith('"')) {
    return new StandInDataValidation('VALUE_IN_LIST', [f1.slice(1, -1).split(','), true], allowInvalid, help);
  }
  if ((dv.type === 'decimal' || dv.type === 'whole') && (dv.operator ?? 'between') === 'between') {
    return new StandInDataValidation('NUMBER_BETWEEN', [Number(f1), Number(f2)], allowInvalid, help);
  }
  if (dv.type === 'custom' && f1) {
    return new StandInDataValidation('CUSTOM_FORMULA', [`=${f1}`], allowInvalid, help);
  }
  notes.add(`Data validation of type "${dv.type}" is not supported by the stand-in and was dropped.`);
  return null;
}

export function toExcelValidation(
  rule: StandInDataValidation,
  notes: Set<string>,
  locale: string
): ExcelJS.DataValidation | null {
  const base = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    ...(rule.helpText ? { showInputMessage: true, prompt: rule.helpText } : {}),
  };
  const values = rule.values;
  switch (rule.criteria) {
    case 'NUMBER_BETWEEN':
      return {
        ...base,
        type: 'decimal',
        operator: 'between',
        formulae: [values[0], values[1]],
      } as ExcelJS.DataValidation;
    case 'CUSTOM_FORMULA':
      return {
        ...base,
        type: 'custom',
        formulae: [toExcelFormula(String(values[0]), locale).replace(/^=/, '')],
      } as ExcelJS.DataValidation;
    case 'CHECKBOX':
      return { ...base, type: 'list', formulae: ['"TRUE,FALSE"'] } as ExcelJS.DataValidation;
    case 'VALUE_IN_LIST': {
      const list = (values[0] as string[]).map(String);
      if (values[1] === false) notes.add('Hidden drop-down arrows of list validations are not kept.');
      const text = list.join(',');
      if (list.some((v) => v.includes(',') || v.includes('"')) || text.length > 255) {
        notes.add(
          'A list validation with commas, quotes or over 255 characters was dropped (Excel cannot hold it).'
        );
        return null;
      }
      return { ...base, type: 'list', formulae: [`"${text}"`] } as ExcelJS.DataValidation;
    }
  }
  return null;
}
