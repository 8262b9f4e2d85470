/**
 * A1 notation and the one builder every formula tonghop writes comes from (cell formulas and the custom
 * formulas of data validation alike). Only functions that Google Sheets, HyperFormula, Excel and
 * LibreOffice all evaluate.
 *
 * Syntax follows the spreadsheet's locale: in comma-decimal locales (vi_VN, which tonghop sets, and
 * de_DE, it_IT, tr_TR…) the Sheets UI separates arguments with ';', and formulas written by scripts
 * with ',' have been reported to show #ERROR! there (see /work/shared/GOOGLE-FACTS.md). Google's
 * reference is silent on whether setFormula parses by locale; ';' in a ';' locale and ',' in a ','
 * locale is right under either reading. No decimal literal and no array literal is ever written:
 * their syntax ("0,5", "{1\2}") changes with the locale too.
 */

export interface FormulaSyntax {
  /** Between function arguments. */
  readonly separator: ',' | ';';
}

const COMMA_SYNTAX: FormulaSyntax = { separator: ',' };
const SEMICOLON_SYNTAX: FormulaSyntax = { separator: ';' };

/**
 * Languages whose locales write decimals with a comma (Unicode CLDR), and the regions of those
 * languages that write a point instead. A locale not listed is taken as point-decimal.
 */
const COMMA_LANGUAGES = new Set(
  (
    'vi de id es it nl pt tr da fr ru pl cs sv nb nn no fi uk el ro hu sk sl hr sr bs bg lt lv et ca gl ' +
    'eu az kk be mk sq is fo ka hy mn uz ky af lb rm'
  ).split(' ')
);
const POINT_REGIONS = new Set(
  'es_mx es_us es_pr es_do es_gt es_hn es_ni es_pa es_sv de_ch de_li it_ch'.split(' ')
);

/** True when the spreadsheet locale ("vi_VN", "de", "en_US"…) writes 1,5 for one and a half. */
export function usesDecimalComma(locale: string): boolean {
  const normal = locale.trim().replace('-', '_').toLowerCase();
  if (POINT_REGIONS.has(normal)) return false;
  return COMMA_LANGUAGES.has(normal.split('_')[0]);
}

/** The argument separator of a spreadsheet locale, as `Spreadsheet.getSpreadsheetLocale()` names it. */
export function formulaSyntax(locale: string): FormulaSyntax {
  return usesDecimalComma(locale) ? SEMICOLON_SYNTAX : COMMA_SYNTAX;
}

export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function a1(row: number, column: number, absolute = false): string {
  const d = absolute ? '$' : '';
  return `${d}${columnLetter(column)}${d}${row}`;
}

/** Always quoted: Vietnamese letters, spaces and apostrophes all need it; '' escapes an apostrophe. */
function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function columnRange(sheet: string, column: number, firstRow: number, lastRow: number): string {
  return `${quoteSheetName(sheet)}!${a1(firstRow, column, true)}:${a1(lastRow, column, true)}`;
}

/** A string literal inside a formula. */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A number inside a formula: whole numbers only, whose spelling no locale changes. */
export function formulaInteger(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`A formula may hold whole numbers only, not ${n}.`);
  return String(n);
}

/**
 * A cell value that Sheets stores as the text given, whatever it looks like: setValues parses input as
 * if typed, so "=…", "+84…", "1985" or "TRUE" would otherwise become formulas, numbers or booleans.
 * The leading apostrophe is Sheets' own marker for literal text and is not part of the value.
 */
export function literalText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

/**
 * What to write into a plain-text cell (the unit sheet's Năm sinh): the text as it is, which such a cell
 * keeps as text. Google does not say whether a plain-text cell keeps the leading apostrophe as part of
 * the text, so it is used only where the cell might not be plain text after all and the text would start
 * a formula or a number there.
 */
export function plainTextEntry(text: string): string {
  return /^[=+\-@]/.test(text) ? literalText(text) : text;
}

/**
 * Writes formulas in one spreadsheet's syntax. Expressions are built from `call` (functions), A1
 * references, `formulaString` and `formulaInteger`; operators (+ - * / & = < > <= >= <>) are the same
 * in every locale.
 */
export class Formulas {
  constructor(readonly syntax: FormulaSyntax) {}

  /** `NAME(a;b;c)` (or with ',' in a point-decimal locale). */
  call(name: string, ...args: readonly string[]): string {
    return `${name}(${args.join(this.syntax.separator)})`;
  }

  /** The cell formula (or custom rule) for an expression. */
  formula(expression: string): string {
    return `=${expression}`;
  }

  /** `=NAME(…)`. */
  callFormula(name: string, ...args: readonly string[]): string {
    return this.formula(this.call(name, ...args));
  }

  hyperlink(url: string, label: string): string {
    return this.callFormula('HYPERLINK', formulaString(url), formulaString(label));
  }
}

export function formulasFor(locale: string): Formulas {
  return new Formulas(formulaSyntax(locale));
}

/** A formula cell that reads back as an error value. */
export interface FormulaError {
  sheet: string;
  /** A1 of the cell. */
  cell: string;
  /** What getValues returned: "#ERROR!", "#REF!", "#NAME?"… */
  value: string;
}

/** The error values of Google Sheets (and Excel): getValues returns them as text. */
const ERROR_VALUE = /^#(ERROR!|REF!|NAME\?|VALUE!|N\/A|DIV\/0!|NUM!|NULL!)$/;

export function isErrorValue(value: unknown): value is string {
  return typeof value === 'string' && ERROR_VALUE.test(value);
}

/**
 * The cells written as formulas (`written`, from A1) whose value read back (`values`, from A1) is an
 * error. Only formula cells count: text a unit typed that happens to read "#REF!" is written as
 * literal text and is no error.
 */
export function formulaErrors(
  sheet: string,
  written: readonly unknown[][],
  values: readonly unknown[][]
): FormulaError[] {
  const out: FormulaError[] = [];
  written.forEach((row, r) =>
    row.forEach((content, c) => {
      const value = values[r]?.[c];
      if (typeof content === 'string' && content.startsWith('=') && isErrorValue(value)) {
        out.push({ sheet, cell: a1(r + 1, c + 1), value });
      }
    })
  );
  return out;
}
