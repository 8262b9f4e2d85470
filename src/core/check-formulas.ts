/**
 * The "Kiểm tra" column of a unit sheet as formulas: the row rules of `checkRow` / `checkUnitRows`
 * (src/core/rows.ts), with the same short Vietnamese labels, computed by the spreadsheet itself as people
 * type, in Google Sheets, Excel 2016 and later, LibreOffice 7 and the stand-in's HyperFormula alike. No
 * script runs in the sheet: a unit's own file carries none.
 *
 * Shape: one array formula per column, in the table's header row, giving the column's header there and
 * each data row's result below it, down to the grid's last row (`=ARRAYFORMULA(…)` in Google Sheets; a
 * multi-cell array formula in .xlsx). In the header row, not the first data row: deleting that row would
 * delete the formulas with it. A column of per-row formulas
 * would repeat several kilobytes of text in every row (200 units × 1,000 rows in a shared workbook);
 * an array formula is written, stored and read once. The visible verdict column leans on five hidden
 * helper columns, each one array formula, so that no formula exceeds Excel's 8,192 characters or 64
 * nesting levels:
 *
 *   name, yearText, residence  the cells as normalizeText makes them (NFC aside): zero-width characters
 *                              removed, every white space Unicode's `\s` knows made a space, trimmed,
 *                              runs collapsed (TRIM); in the year's, "." and "-" made "/";
 *   year                       the birth year read as parseBirthYear reads it: the year (a number), its
 *                              negative when it came from a full date (a warning), or 1 missing, 2 not a
 *                              year, 3 out of range;
 *   codes                      "" for a blank row, "!" for a row with no error, "!" and one letter per
 *                              error otherwise (ERROR_CODES), in checkRow's order;
 *   key                        the person key of a row with no error ("=" for a "Không trùng" row).
 *
 * The verdict column adds the within-unit duplicate (MATCH of each row's person key against every row's,
 * first occurrence first: "trùng dòng N" names the first row) and the warnings.
 *
 * Only functions that Google Sheets, Excel 2016+, LibreOffice 7 and HyperFormula all have; nothing
 * volatile (the campaign's year is a literal, written by Thiết lập); no decimal or array literal. Where
 * a formula cannot match the core, it is kinder and Tổng hợp decides (never "Lỗi" where the core counts
 * the row): names are not NFC-normalised (a name typed in NFD compares unequal to its NFC twin), the
 * residence is compared as typed (the core's aliases "TDP 5" = "Tổ dân phố số 05" are Tổng hợp's),
 * only a listed set of characters is refused in names (the core refuses every non-letter), a number in
 * Năm sinh that is not a year is read as a date (the core tells a typed number from a date cell by its
 * format, which no formula sees), a "Không trùng" note is recognised loosely, and other units' rows are
 * Tổng hợp's to compare.
 */
import { columnLetter, formulaInteger, formulaString, type Formulas } from './formulas';
import { VERDICT_LABELS, verdictMessages as vm } from './messages/verdict';
import { MIN_BIRTH_YEAR, NAME_MAX_LENGTH, MAX_PLAUSIBLE_AGE, MIN_SELF_REGISTRATION_AGE } from './rows';
import type { ProblemCode } from './row-codes';

/** Where the form's cells and the column's own columns are (1-based), and the data rows the formulas cover. */
export interface CheckColumnsPlace {
  /** The table's header row, where the formulas stand (their results start below it). */
  header: number;
  last: number;
  col: {
    name: number;
    birthYear: number;
    organisation: number;
    residence: number;
    note: number;
    check: number;
    checkName: number;
    checkYearText: number;
    checkResidence: number;
    checkYear: number;
    checkCodes: number;
    checkKey: number;
  };
}

/** The formulas of the header row, by column key: each `=ARRAYFORMULA(…)`. */
export type CheckColumnFormulas = Record<
  'check' | 'checkName' | 'checkYearText' | 'checkResidence' | 'checkYear' | 'checkCodes' | 'checkKey',
  string
>;

/** The error letters of the codes column, one per error rule, in checkRow's order. */
const ERROR_CODES: readonly (readonly [string, ProblemCode])[] = [
  ['a', 'NAME_REQUIRED'],
  ['b', 'NAME_INVALID_CHARS'],
  ['c', 'NAME_TOO_LONG'],
  ['d', 'NAME_ONE_WORD'],
  ['e', 'YEAR_REQUIRED'],
  ['f', 'YEAR_INVALID'],
  ['g', 'YEAR_OUT_OF_RANGE'],
  ['h', 'RESIDENCE_REQUIRED'],
];

/** The year column's codes of a year it cannot use: small numbers, where a year is 1900 or more (or its negative). */
const YEAR_MISSING = '1';
const YEAR_INVALID = '2';
const YEAR_OUT_OF_RANGE = '3';

/** Zero-width characters normalizeText removes (text.ts ZERO_WIDTH). */
const ZERO_WIDTH = [0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
/** Every white space of JavaScript's `\s` but the plain space (text.ts WHITE_SPACE_RUN); 0xfeff is removed above. */
const WHITE_SPACE = [
  9, 10, 11, 12, 13, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];
/** The combining marks of Vietnamese typed in NFD: five tones, circumflex, breve, horn. */
const VIETNAMESE_MARKS = [0x300, 0x301, 0x303, 0x309, 0x323, 0x302, 0x306, 0x31b];
/**
 * Characters a name may not hold that the formula looks for (the core refuses every character that is
 * not a letter, a mark, a space, "'", "’" or "-"): ASCII digits and punctuation, and the punctuation that
 * word processors and phone keyboards put in.
 */
const NAME_REFUSED = [...'0123456789!"#$%&()*+,./:;<=>?@[\\]^_`{|}~', ...'‘“”–—…•·¦«»°№'];
/**
 * What a residence of no letter and no digit is made of, for "thiếu nơi ở" (the core: no letter or digit
 * at all); a residence of other symbols only is left to Tổng hợp.
 */
const RESIDENCE_FILLERS = [...' -.,/\\_?*()"\':;!#+=~', ...'–—…•·’‘“”'];
/** Characters that MATCH reads as wildcards in some programs; the core's residence key ignores them anyway. */
const WILDCARDS = ['*', '?', '~'];

/**
 * A one-character string in a formula. A backslash and a double quote are written as CHAR(92) and
 * CHAR(34): HyperFormula reads a backslash in a string as an escape and does not take the doubled quote
 * that Google Sheets, Excel and LibreOffice read as one quote, so those literals would not parse there.
 */
function literalChar(f: Formulas, c: string): string {
  return c === '\\' || c === '"' ? char(f, c.charCodeAt(0)) : formulaString(c);
}

function char(f: Formulas, code: number): string {
  return code < 128 ? f.call('CHAR', formulaInteger(code)) : f.call('UNICHAR', formulaInteger(code));
}

/** SUBSTITUTE(…(text; a; to)…; z; to) over `targets`. */
function substituteAll(f: Formulas, text: string, targets: readonly string[], to: string): string {
  return targets.reduce((inner, target) => f.call('SUBSTITUTE', inner, target, to), text);
}

/** `a*b*…`: a logical AND that works element by element inside an array formula (AND() would not). */
const all = (...terms: readonly string[]): string => terms.map((t) => `(${t})`).join('*');

/**
 * Builds the column's formulas for one sheet: `f` writes the spreadsheet's locale syntax, `place` says where
 * the cells are, `year` is the campaign's year (the last accepted birth year and the age reference).
 */
export function checkColumnFormulas(
  f: Formulas,
  place: CheckColumnsPlace,
  year: number
): CheckColumnFormulas {
  const { col, header, last } = place;
  const range = (column: number) => `${columnLetter(column)}${header}:${columnLetter(column)}${last}`;
  const Y = formulaInteger(year);
  const MIN = formulaInteger(MIN_BIRTH_YEAR);
  const q = formulaString;
  const isNum = (x: string) => f.call('ISNUMBER', x);
  const find = (needle: string, hay: string) => isNum(f.call('FIND', needle, hay));
  const iff = (c: string, a: string, b: string) => f.call('IF', c, a, b);
  const len = (x: string) => f.call('LEN', x);
  const array = (expression: string) => f.callFormula('ARRAYFORMULA', expression);
  /** The column's header in the header row, its results below. */
  const headed = (key: keyof CheckColumnFormulas, expression: string) =>
    iff(
      `${f.call('ROW', range(col[key]))}=${f.call('ROW', `${columnLetter(col[key])}${header}`)}`,
      q(vm.columnHeaders[key]),
      expression
    );

  /** A cell as normalizeText makes it (NFC aside); an error value reads as "#N/A". */
  const normal = (cells: string) => {
    const text = f.call('IFERROR', `${cells}&""`, q('#N/A'));
    const visible = substituteAll(
      f,
      text,
      ZERO_WIDTH.map((c) => char(f, c)),
      '""'
    );
    return f.call(
      'TRIM',
      substituteAll(
        f,
        visible,
        WHITE_SPACE.map((c) => char(f, c)),
        q(' ')
      )
    );
  };

  const name = range(col.checkName);
  const yearText = range(col.checkYearText);
  const residence = range(col.checkResidence);
  const yearCode = range(col.checkYear);
  const codes = range(col.checkCodes);
  const keys = range(col.checkKey);
  const rawYear = range(col.birthYear);
  // Text is tested by its length, never compared with "=": comparing text follows the locale's collation,
  // which costs far more than a length in every engine (HyperFormula: ten times the whole formula).
  const empty = (x: string) => `${len(x)}=0`;

  // The year, as parseBirthYear reads it. The year-text helper has "." and "-" made "/" already.
  const digitsOnly = (text: string) => empty(substituteAll(f, text, [...'0123456789'].map(q), '""'));
  const inRange = (y: string) => all(`${y}>=${MIN}`, `${y}<=${Y}`);
  const slash1 = f.call('FIND', q('/'), yearText);
  const slash2 = f.call('FIND', q('/'), yearText, `${slash1}+1`);
  const day = f.call('VALUE', f.call('LEFT', yearText, `${slash1}-1`));
  const month = f.call('VALUE', f.call('MID', yearText, `${slash1}+1`, `${slash2}-${slash1}-1`));
  const dateYear = f.call('VALUE', f.call('RIGHT', yearText, formulaInteger(4)));
  const leap = `(${f.call('MOD', dateYear, '4')}=0)*(${f.call('MOD', dateYear, '100')}<>0)+(${f.call('MOD', dateYear, '400')}=0)`;
  const daysInMonth = f.call('DAY', `${f.call('DATE', `2001-(${leap})`, `${month}+1`, '1')}-1`);
  // d/m/yyyy (also with "." or "-"): two separators, digits between, 1–2 + 1–2 + 4 digits, a real date.
  const isDateText = f.call(
    'IFERROR',
    all(
      `${len(yearText)}-${len(f.call('SUBSTITUTE', yearText, q('/'), '""'))}=2`,
      digitsOnly(f.call('SUBSTITUTE', yearText, q('/'), '""')),
      `${slash1}>=2`,
      `${slash1}<=3`,
      `${slash2}-${slash1}>=2`,
      `${slash2}-${slash1}<=3`,
      `${len(yearText)}-${slash2}=4`,
      `${month}>=1`,
      `${month}<=12`,
      `${day}>=1`,
      `${day}<=${daysInMonth}`
    ),
    '0'
  );
  const typedYear = f.call('VALUE', yearText);
  // A number cell: a whole year in range as it is; otherwise read as a date (from 1 March 1900, where
  // every program agrees on the calendar), the kinder reading (see the file's comment).
  const dateCell = f.call('IFERROR', all(`${rawYear}>=61`, inRange(f.call('YEAR', rawYear))), '0');
  const yearFormula = iff(
    empty(yearText),
    YEAR_MISSING,
    iff(
      isNum(rawYear),
      iff(
        all(`${rawYear}=${f.call('INT', rawYear)}`, inRange(rawYear)),
        rawYear,
        iff(
          dateCell,
          `-${f.call('YEAR', rawYear)}`,
          iff(`${rawYear}=${f.call('INT', rawYear)}`, YEAR_OUT_OF_RANGE, YEAR_INVALID)
        )
      ),
      iff(
        digitsOnly(yearText),
        iff(inRange(typedYear), typedYear, YEAR_OUT_OF_RANGE),
        iff(isDateText, iff(inRange(dateYear), `-${dateYear}`, YEAR_OUT_OF_RANGE), YEAR_INVALID)
      )
    )
  );
  /** The year column holds a usable year (the code numbers are below 1900). */
  const usableYear = `${f.call('ABS', yearCode)}>=${MIN}`;

  // The codes of the errors, as checkRow finds them: the name's first problem, the year's, the residence's.
  const marks = VIETNAMESE_MARKS.map((c) => char(f, c));
  const nameLetters = substituteAll(f, name, [q(' '), q("'"), q('’'), q('-'), ...marks], '""');
  const refused = substituteAll(
    f,
    name,
    NAME_REFUSED.map((c) => literalChar(f, c)),
    '""'
  );
  const nameLength = len(substituteAll(f, name, marks, '""'));
  const words = f.call('TRIM', substituteAll(f, name, [q('-'), q("'"), q('’')], '""'));
  const nameCode = iff(
    empty(nameLetters),
    q('a'),
    iff(
      `${len(refused)}<${len(name)}`,
      q('b'),
      iff(
        `${nameLength}>${formulaInteger(NAME_MAX_LENGTH)}`,
        q('c'),
        iff(f.call('ISERROR', f.call('FIND', q(' '), words)), q('d'), '""')
      )
    )
  );
  // "e", "f" or "g" for the year codes 1, 2, 3 (missing, not a year, out of range); "" for a year.
  const yearErrorCode = f.call('MID', q('efg'), iff(usableYear, '4', yearCode), '1');
  const residenceCode = iff(
    empty(
      substituteAll(
        f,
        residence,
        RESIDENCE_FILLERS.map((c) => literalChar(f, c)),
        '""'
      )
    ),
    q('h'),
    '""'
  );
  const blank = `${len(name)}+${len(yearText)}+${len(residence)}+${len(normal(range(col.organisation)))}=0`;
  const codesFormula = iff(blank, '""', `${q('!')}&${nameCode}&${yearErrorCode}&${residenceCode}`);

  // The person key of a row with no error ("=" for a declared namesake, "" otherwise), which the verdict
  // looks up: errors, else a duplicate of an earlier row of the unit, else warnings, else "Hợp lệ".
  const note = range(col.note);
  const namesake = all(...['kh', 'tr', 'ng'].map((part) => isNum(f.call('SEARCH', q(part), note))));
  const keyName = f.call('LOWER', substituteAll(f, name, [q('’'), q('ʼ')], q("'")));
  const keyResidence = f.call('LOWER', substituteAll(f, residence, WILDCARDS.map(q), '""'));
  const keyFormula = iff(
    `${len(codes)}=1`,
    iff(namesake, q('='), `${keyName}&${q('|')}&${f.call('ABS', yearCode)}&${q('|')}&${keyResidence}`),
    '""'
  );
  const check = range(col.check);
  const top = f.call('ROW', `${columnLetter(col.check)}${header}`);
  const position = `${f.call('ROW', check)}-${top}+1`;
  const firstOfKey = f.call('MATCH', keys, keys, '0');
  const duplicate = all(`${len(keys)}>1`, `${f.call('IFERROR', firstOfKey, position)}<${position}`);
  const firstRow = `${firstOfKey}+${top}-1`;
  const label = (code: ProblemCode) =>
    VERDICT_LABELS[code].replace('{min}', String(MIN_BIRTH_YEAR)).replace('{max}', String(year));
  const errorList = ERROR_CODES.map(([letter, code]) =>
    iff(find(q(letter), codes), q(vm.separator + label(code)), '""')
  ).join('&');
  const listAfter = (list: string) => f.call('MID', list, formulaInteger(vm.separator.length + 1), '999');
  const age = `${Y}-${f.call('ABS', yearCode)}`;
  const warningList = iff(
    usableYear,
    `${iff(`${yearCode}<0`, q(vm.separator + label('YEAR_FROM_DATE')), '""')}&${iff(
      `${age}<${formulaInteger(MIN_SELF_REGISTRATION_AGE)}`,
      q(vm.separator + label('AGE_UNDER_14')),
      iff(`${age}>${formulaInteger(MAX_PLAUSIBLE_AGE)}`, q(vm.separator + label('AGE_OVER_100')), '""')
    )}`,
    '""'
  );
  const [beforeRow, afterRow] = VERDICT_LABELS.DUPLICATE_IN_UNIT.split('{row}');
  const checkFormula = iff(
    empty(codes),
    '""',
    iff(
      `${len(codes)}>1`,
      `${q(vm.errorPrefix)}&${listAfter(errorList)}`,
      iff(
        duplicate,
        `${q(vm.errorPrefix + beforeRow)}&(${firstRow})${afterRow ? `&${q(afterRow)}` : ''}`,
        iff(empty(warningList), q(vm.valid), `${q(vm.warningPrefix)}&${listAfter(warningList)}`)
      )
    )
  );

  return {
    check: array(headed('check', checkFormula)),
    checkName: array(headed('checkName', normal(range(col.name)))),
    checkYearText: array(
      headed('checkYearText', substituteAll(f, normal(rawYear), [q('.'), q('-')], q('/')))
    ),
    checkResidence: array(headed('checkResidence', normal(range(col.residence)))),
    checkYear: array(headed('checkYear', yearFormula)),
    checkCodes: array(headed('checkCodes', codesFormula)),
    checkKey: array(headed('checkKey', keyFormula)),
  };
}
