/** A saved cell's formula and value as the file holds them (Excel's syntax, Sheets' error texts). */
import type * as ExcelJS from 'exceljs';
import { DetailedCellError } from 'hyperformula';
import { rectA1, type Rect } from '../document/a1';
import { arrayFormulaBody, sheetsErrorText } from '../document/arrays';
import { toExcelFormula } from '../document/formula-syntax';

/**
 * A formula as a .xlsx holds it: in Excel's syntax, and an array formula (Google's ARRAYFORMULA, or
 * any formula whose result spilled) as Excel's legacy array formula, `<f t="array" ref="G8:G1007">`
 * with the wrapper taken off: Excel 2016 and LibreOffice compute it over the same cells.
 */
export interface ExcelFormula {
  /** With its '='. */
  formula: string;
  ref?: string;
}

export function excelFormula(
  f: string,
  locale: string,
  spill: Rect | undefined,
  r: number,
  c: number
): ExcelFormula {
  const body = arrayFormulaBody(f);
  if (body === null && !spill) return { formula: toExcelFormula(f, locale) };
  const rect = spill ?? { r1: r, c1: c, r2: r, c2: c };
  return { formula: toExcelFormula(body === null ? f : `=${body}`, locale), ref: rectA1(rect) };
}

/** A cell's error as Google Sheets shows it (a blocked array is #REF!). */
export function errorOf(v: DetailedCellError): ExcelJS.CellErrorValue['error'] {
  return sheetsErrorText(v) as ExcelJS.CellErrorValue['error'];
}

export function excelValue(v: unknown, formula: ExcelFormula | undefined): ExcelJS.CellValue {
  const result = (): ExcelJS.CellFormulaValue['result'] => {
    if (v instanceof DetailedCellError) return { error: errorOf(v) };
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
    return undefined;
  };
  if (formula?.ref)
    return {
      formula: formula.formula.slice(1),
      result: result(),
      shareType: 'array',
      ref: formula.ref,
    } as ExcelJS.CellValue;
  if (formula) return { formula: formula.formula.slice(1), result: result(), date1904: false };
  if (v instanceof DetailedCellError) return { error: errorOf(v) };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return null;
}
