/**
 * Formula text between a spreadsheet locale's syntax and Excel's canonical one.
 *
 * A .xlsx file always holds formulas as Excel stores them: ',' between arguments, '.' before decimals,
 * ',' between the columns of an array literal and ';' between its rows (ECMA-376 Part 1, §18.17).
 * Google Sheets and the stand-in show them in the spreadsheet's locale: in a comma-decimal locale
 * such as vi_VN, ';' between arguments, ',' before decimals and '\' between array columns. So
 * formulas are converted on save and on load, and a workbook reopened in Excel or LibreOffice
 * evaluates each formula to the value tonghop cached.
 *
 * The conversion is lexical: string literals ("…"), quoted sheet names ('…') and names (functions
 * such as STDEV.S, references, named ranges) are copied as they are; only separators and the
 * decimal marks of numbers change, and functions newer than the file format get Excel's `_xlfn.`.
 */
import { usesDecimalComma } from '../../core/formulas';
import { StandInDataValidation } from './rules';

export interface LocaleSyntax {
  argument: ',' | ';';
  decimal: '.' | ',';
  arrayColumn: ',' | '\\';
}

export const EXCEL_SYNTAX: LocaleSyntax = { argument: ',', decimal: '.', arrayColumn: ',' };
const COMMA_DECIMAL_SYNTAX: LocaleSyntax = { argument: ';', decimal: ',', arrayColumn: '\\' };

/** The formula syntax of a spreadsheet locale ("vi_VN", "en_US"…), as the Sheets UI writes it. */
export function localeSyntax(locale: string): LocaleSyntax {
  // Asked once per formula when a workbook is read or saved: remembered per locale.
  let syntax = syntaxByLocale.get(locale);
  if (syntax === undefined) {
    syntax = usesDecimalComma(locale) ? COMMA_DECIMAL_SYNTAX : EXCEL_SYNTAX;
    if (syntaxByLocale.size > 100) syntaxByLocale.clear();
    syntaxByLocale.set(locale, syntax);
  }
  return syntax;
}

const syntaxByLocale = new Map<string, LocaleSyntax>();

// Character classes by UTF-16 code unit, as the regexes /[A-Za-z_$\u00C0-\u1EF9]/ (a name's start),
// /[A-Za-z0-9_.$\u00C0-\u1EF9]/ (the rest of a name) and /[0-9]/ tested one character would.
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isNameStartCode = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || (c >= 0xc0 && c <= 0x1ef9);
const isNamePartCode = (c: number): boolean => isNameStartCode(c) || isDigitCode(c) || c === 46;
/** For a possibly missing character (past the end: false). */
const DIGIT = {
  test: (ch: string | undefined): boolean => ch !== undefined && isDigitCode(ch.charCodeAt(0)),
};
const NAME_START = { test: (ch: string): boolean => isNameStartCode(ch.charCodeAt(0)) };
const NAME_PART = {
  test: (ch: string | undefined): boolean => ch !== undefined && isNamePartCode(ch.charCodeAt(0)),
};

/** The length of an exponent ([eE][+-]?[0-9]+) starting at `j`, or 0. */
function exponentLength(formula: string, j: number): number {
  const e = formula.charCodeAt(j);
  if (e !== 101 && e !== 69) return 0;
  let k = j + 1;
  const sign = formula.charCodeAt(k);
  if (sign === 43 || sign === 45) k++;
  const digits = k;
  while (k < formula.length && isDigitCode(formula.charCodeAt(k))) k++;
  return k > digits ? k - j : 0;
}

/**
 * Where a string literal ("…") or a quoted sheet name ('…') that opens at `start` ends: the index after its
 * closing quote, a doubled quote being an escaped one (the end of the formula if it never closes).
 */
function literalEnd(formula: string, start: number): number {
  const quote = formula[start];
  let j = start + 1;
  for (; j < formula.length; j++) {
    if (formula[j] === quote) {
      if (formula[j + 1] === quote) j++;
      else break;
    }
  }
  return j + 1;
}

/** Where a name (a function, a reference, a named range) that starts at `start` ends. */
function nameEnd(formula: string, start: number): number {
  let j = start + 1;
  while (j < formula.length && NAME_PART.test(formula[j])) j++;
  return j;
}

/**
 * Rewrites `formula` (with or without its leading '=') from one syntax to another. With `from` and `to`
 * equal it returns the text unchanged.
 */
export function convertFormula(formula: string, from: LocaleSyntax, to: LocaleSyntax): string {
  if (from === to || (from.argument === to.argument && from.decimal === to.decimal)) return formula;
  // Only separators and decimal marks change: the text between them is copied in runs, not by character.
  let out = '';
  let copied = 0;
  const put = (at: number, text: string) => {
    out += formula.slice(copied, at) + text;
    copied = at + 1;
  };
  let depth = 0; // inside {…}
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A literal: copied to its closing quote.
      i = literalEnd(formula, i);
    } else if (NAME_START.test(ch)) {
      i = nameEnd(formula, i);
    } else if (DIGIT.test(ch) || (ch === from.decimal && DIGIT.test(formula[i + 1]))) {
      // A number: digits, the decimal mark, digits, an exponent. A1-style row numbers go through
      // here too ("1:1") and come out unchanged.
      let j = i;
      while (j < n && DIGIT.test(formula[j])) j++;
      if (formula[j] === from.decimal && DIGIT.test(formula[j + 1])) {
        put(j, to.decimal);
        let k = j + 1;
        while (k < n && DIGIT.test(formula[k])) k++;
        j = k;
      }
      const exponent = exponentLength(formula, j);
      if (exponent > 0 && !NAME_PART.test(formula[j + exponent])) j += exponent;
      i = j;
    } else if (ch === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (depth > 0 && ch === from.arrayColumn) {
      put(i, to.arrayColumn);
      i++;
    } else if (depth === 0 && ch === from.argument) {
      put(i, to.argument);
      i++;
    } else i++;
  }
  return copied === 0 ? formula : out + formula.slice(copied);
}

/**
 * Functions Excel added after the file format was set (Excel 2010 and later: "future functions"). A
 * .xlsx file names them with the prefix `_xlfn.` (`_xlfn._xlws.` for FILTER and SORT), which Excel writes
 * and reads ([MS-XLSX] 2.2.2 Formulas; Microsoft's "Issue: An _xlfn. prefix is displayed in front of a
 * formula"); without it Excel and LibreOffice read an unknown name and show #NAME? (LibreOffice 7 does,
 * for UNICHAR, checked). The readers take the prefix off again (xlsx/load-cells.ts).
 */
const FUTURE_FUNCTIONS = new Set(
  (
    'ACOT ACOTH AGGREGATE ARABIC BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV BITAND ' +
    'BITLSHIFT BITOR BITRSHIFT BITXOR CEILING.MATH CEILING.PRECISE CHISQ.DIST CHISQ.DIST.RT CHISQ.INV ' +
    'CHISQ.INV.RT CHISQ.TEST CHOOSECOLS CHOOSEROWS COMBINA CONCAT CONFIDENCE.NORM CONFIDENCE.T COT COTH ' +
    'COVARIANCE.P COVARIANCE.S CSC CSCH DAYS DECIMAL DROP ERF.PRECISE ERFC.PRECISE EXPAND EXPON.DIST F.DIST ' +
    'F.DIST.RT F.INV F.INV.RT F.TEST FILTERXML FLOOR.MATH FLOOR.PRECISE FORMULATEXT GAMMA GAMMA.DIST ' +
    'GAMMA.INV GAMMALN.PRECISE GAUSS HSTACK HYPGEOM.DIST IFNA IFS IMCOSH IMCOT IMCSC IMCSCH IMSEC IMSECH ' +
    'IMSINH IMTAN ISFORMULA ISOWEEKNUM LAMBDA LET LOGNORM.DIST LOGNORM.INV MAXIFS MINIFS MODE.MULT ' +
    'MODE.SNGL MUNIT NEGBINOM.DIST NETWORKDAYS.INTL NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE ' +
    'PDURATION PERCENTILE.EXC PERCENTILE.INC PERCENTRANK.EXC PERCENTRANK.INC PERMUTATIONA PHI POISSON.DIST ' +
    'QUARTILE.EXC QUARTILE.INC RANDARRAY RANK.AVG RANK.EQ RRI SEC SECH SEQUENCE SHEET SHEETS SKEW.P SORTBY ' +
    'STDEV.P STDEV.S SWITCH T.DIST T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TAKE TEXTAFTER TEXTBEFORE ' +
    'TEXTJOIN TEXTSPLIT TOCOL TOROW UNICHAR UNICODE UNIQUE VAR.P VAR.S VSTACK WEBSERVICE WEIBULL.DIST ' +
    'WORKDAY.INTL WRAPCOLS WRAPROWS XLOOKUP XMATCH XOR Z.TEST'
  ).split(' ')
);
const WORKSHEET_FUTURE_FUNCTIONS = new Set(['FILTER', 'SORT']);
/** A name followed by '(' that may be one of them: a cheap test before the lexical pass. */
const MAY_CALL_FUTURE = /[A-Za-z][A-Za-z0-9.]*\s*\(/;

/** The formula with `_xlfn.` before every future function it calls (strings and sheet names left alone). */
function withFuturePrefixes(formula: string): string {
  if (!MAY_CALL_FUTURE.test(formula)) return formula;
  let out = '';
  let copied = 0;
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      i = literalEnd(formula, i);
    } else if (NAME_START.test(ch)) {
      const j = nameEnd(formula, i);
      let k = j;
      while (formula[k] === ' ') k++;
      if (formula[k] === '(') {
        const name = formula.slice(i, j).toUpperCase();
        const prefix = WORKSHEET_FUTURE_FUNCTIONS.has(name)
          ? '_xlfn._xlws.'
          : FUTURE_FUNCTIONS.has(name)
            ? '_xlfn.'
            : '';
        if (prefix) {
          out += formula.slice(copied, i) + prefix;
          copied = i;
        }
      }
      i = j;
    } else i++;
  }
  return copied === 0 ? formula : out + formula.slice(copied);
}

/** A formula as the stand-in shows it, in Excel's form for a .xlsx file. */
export function toExcelFormula(formula: string, locale: string): string {
  return withFuturePrefixes(convertFormula(formula, localeSyntax(locale), EXCEL_SYNTAX));
}

/** A formula read from a .xlsx file, in the syntax of the spreadsheet's locale. */
export function fromExcelFormula(formula: string, locale: string): string {
  return convertFormula(formula, EXCEL_SYNTAX, localeSyntax(locale));
}

/**
 * What the document properties of a .xlsx hold of the spreadsheet's settings: the locale as the
 * core property dc:language (a language tag, "vi-VN"), the time zone in the keywords
 * ("timeZone=Asia/Ho_Chi_Minh"), since Office Open XML has no property for a time zone.
 */
export interface SpreadsheetSettings {
  locale?: string;
  timeZone?: string;
}

const TIME_ZONE_KEY = 'timeZone=';

export function settingsToProperties(settings: Required<SpreadsheetSettings>): {
  language: string;
  keywords: string;
} {
  return { language: settings.locale.replace('_', '-'), keywords: `${TIME_ZONE_KEY}${settings.timeZone}` };
}

export function settingsFromProperties(props: { language?: string; keywords?: string }): SpreadsheetSettings {
  const out: SpreadsheetSettings = {};
  const language = (props.language ?? '').trim();
  if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(language)) out.locale = language.replace('-', '_');
  const zone = (props.keywords ?? '')
    .split(/[;,\s]+/)
    .find((k) => k.startsWith(TIME_ZONE_KEY))
    ?.slice(TIME_ZONE_KEY.length);
  if (zone && /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) out.timeZone = zone;
  return out;
}

/**
 * Cell contents read from a .xlsx (HyperFormula raw content, formulas starting with '='), rewritten in
 * place into the locale's syntax. Text always carries its leading apostrophe, so only formulas change.
 */
export function localiseContents(rows: unknown[][], locale: string): void {
  if (localeSyntax(locale) === EXCEL_SYNTAX) return;
  for (const row of rows) {
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'string' && v.charCodeAt(0) === 61) row[c] = fromExcelFormula(v, locale);
    }
  }
}

/** A validation rule read from a .xlsx, its custom formula in the locale's syntax. */
export function localiseValidation<T extends StandInDataValidation | undefined>(rule: T, locale: string): T {
  if (!rule || rule.criteria !== 'CUSTOM_FORMULA' || localeSyntax(locale) === EXCEL_SYNTAX) return rule;
  const formula = fromExcelFormula(String(rule.values[0]), locale);
  return new StandInDataValidation('CUSTOM_FORMULA', [formula], rule.allowInvalid, rule.helpText) as T;
}
