/**
 * Pure text helpers for the row rules: normalisation, Vietnamese title case, accent folding, the
 * comparison keys of a person (name and residence) and the conversion of any cell value to text.
 *
 * No Apps Script globals and no Node APIs: this file runs inside Apps Script (V8) too.
 */

/** Zero-width characters that keyboards and copy-paste leave in cells: removed, not turned into spaces. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
/** Every run of white space (`\s` covers tabs, newlines, NBSP, the U+2000 spaces, U+3000, …). */
const WHITE_SPACE_RUN = /\s+/g;
/** Apostrophe look-alikes that are accepted as an apostrophe in names. */
const APOSTROPHE_LIKE = /[\u2019\u2018\u02BC]/g;
const COMBINING_MARKS = /\p{M}/gu;

/**
 * Unicode NFC, zero-width characters removed, every run of white space collapsed into one space,
 * trimmed. NFC makes a name typed with decomposed accents (NFD, e.g. "Nguye\u0302\u0303n") equal
 * to the same name typed composed ("Nguyễn").
 */
export function normalizeText(value: string): string {
  const text = typeof value === 'string' ? value : cellText(value);
  // Most cells are already clean: skip the replacements (ward scale is 150,000 rows of five cells),
  // and NFC too when the text is ASCII (always NFC).
  const state = spacingState(text);
  if (state === CLEAN_ASCII) return text;
  if (state === CLEAN) return text.normalize('NFC');
  return text.replace(ZERO_WIDTH, '').replace(WHITE_SPACE_RUN, ' ').trim().normalize('NFC');
}

const CLEAN_ASCII = 0;
const CLEAN = 1;
const NEEDS_SPACING = 2;

/**
 * NEEDS_SPACING when normalizeText would change anything besides NFC: zero-width characters, doubled,
 * odd or outer white space; else CLEAN_ASCII or CLEAN (some non-ASCII). A character loop: a regex here
 * cost more than the rest of normalisation at ward scale.
 */
function spacingState(text: string): number {
  let afterSpace = true; // a leading space counts as doubled
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (afterSpace) return NEEDS_SPACING;
      afterSpace = true;
    } else if (c < 32) {
      return NEEDS_SPACING;
    } else if (c >= 0x80) {
      if (isOddSpace(c)) return NEEDS_SPACING;
      ascii = false;
      afterSpace = false;
    } else {
      afterSpace = false;
    }
  }
  if (afterSpace && text.length > 0) return NEEDS_SPACING; // a trailing space
  return ascii ? CLEAN_ASCII : CLEAN;
}

/** White space other than " " (what `\s` matches) and the zero-width characters removed by ZERO_WIDTH. */
function isOddSpace(c: number): boolean {
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0xad ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A small memo for the hot key functions: the words of residences repeat across thousands of rows.
 * Bounded, so that a long-running script never grows it without limit.
 */
function memo(fn: (text: string) => string, limit = 50_000): (text: string) => string {
  let cache = new Map<string, string>();
  return (text: string) => {
    let result = cache.get(text);
    if (result === undefined) {
      if (cache.size >= limit) cache = new Map();
      result = fn(text);
      cache.set(text, result);
    }
    return result;
  };
}

/** Upper-cases the first code point of a word part and lower-cases the rest (already lower case). */
function capitalise(part: string): string {
  if (part === '') return part;
  const first = String.fromCodePoint(part.codePointAt(0) as number);
  return first.toUpperCase() + part.slice(first.length);
}

/**
 * Vietnamese title case: "nguyễn  văn AN" → "Nguyễn Văn An". Each part after a space, a hyphen or an
 * apostrophe starts with a capital ("h'hen niê" → "H'Hen Niê", "y-moan" → "Y-Moan"); typographic
 * apostrophes become "'". The text is normalised first.
 */
export function toTitleCaseName(name: string): string {
  const lower = normalizeText(name).replace(APOSTROPHE_LIKE, "'").toLowerCase();
  // One pass: the character after a separator (or at the start) is upper-cased.
  let out = '';
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const c = lower[i];
    if (i === lower.length || c === ' ' || c === '-' || c === "'") {
      out += capitalise(lower.slice(start, i)) + (i < lower.length ? c : '');
      start = i + 1;
    }
  }
  return out.normalize('NFC');
}

/** Removes the accents: "Hồ Chí Minh, Đông" → "Ho Chi Minh, Dong" (đ → d, Đ → D). Does not normalise spaces. */
export function foldDiacritics(value: string): string {
  return isAscii(value) ? value : foldCached(value);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

const foldCached = memo((value: string) =>
  value.normalize('NFD').replace(COMBINING_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC')
);

/**
 * The comparison key of a name: normalised and lower case, apostrophe look-alikes unified. Accents
 * are kept on purpose: "Hương" and "Hướng" are different names.
 */
export function nameKey(name: string): string {
  return normalizeText(name).replace(APOSTROPHE_LIKE, "'").toLowerCase().normalize('NFC');
}

/** The five tone marks of Vietnamese, as combining characters (NFD): grave, acute, tilde, hook above, dot below. */
const TONE_MARKS = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

/**
 * A lower-case name with the tone marks' placement folded: each word's tone mark is taken off the vowel it
 * sits on and written as a digit after the word, so that old and new placement, both NFC ("hòa" and
 * "hoà", "thủy" and "thuỷ", "khóa" and "khoá"), give one key, while a different tone ("hòa", "hóa") or
 * vowel ("hoa", "hôa") gives another. Names hold no digits (the name rule), so the digit is unambiguous.
 */
export function foldTonePlacement(lowerName: string): string {
  return isAscii(lowerName) ? lowerName : toneFoldCached(lowerName);
}

const toneFoldCached = memo((name: string) =>
  name
    .split(' ')
    .map((word) => {
      const letters = word.normalize('NFD');
      let tone = '';
      let base = '';
      for (const ch of letters) {
        const index = TONE_MARKS.indexOf(ch);
        if (index >= 0) tone = String(index + 1);
        else base += ch;
      }
      return base.normalize('NFC') + tone;
    })
    .join(' ')
);

/** A Latin letter; and a letter of any other script (Cyrillic, Greek…: the look-alikes of a Latin one). */
const LATIN_LETTER = /\p{Script=Latin}/u;
const OTHER_SCRIPT_LETTER = /(?!\p{Script=Latin})\p{L}/u;

/**
 * Whether a name mixes Latin letters (every Vietnamese letter is one, đ ư ơ included) with letters of
 * another script: a Cyrillic "а" or a Greek "ο" looks like the Latin one but is another string, so a copied
 * name with one of them swapped in would escape the duplicate check.
 */
export function mixesScripts(name: string): boolean {
  return !isAscii(name) && LATIN_LETTER.test(name) && OTHER_SCRIPT_LETTER.test(name);
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/**
 * A token of residenceTokens is either a run of ASCII digits or a run of letters and marks, so its
 * first character tells which (`/^[0-9]+$/.test(token)`; false for a missing token).
 */
function isDigitToken(token: string | undefined): boolean {
  return token !== undefined && token.length > 0 && isDigitCode(token.charCodeAt(0));
}

/** A run of digits without its leading zeros ("0" for zeros only). */
function withoutLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length && digits.charCodeAt(start) === 48) start++;
  return start === 0 ? digits : start === digits.length ? '0' : digits.slice(start);
}

/** The token at `index` without accents ('' past the end); only the keywords need it. */
function foldedAt(tokens: string[], index: number): string {
  return index < tokens.length ? foldDiacritics(tokens[index]) : '';
}

/**
 * If the tokens at `start` name a residential group ("tổ dân phố 5", "TDP 5", "tổ DP số 05", "tổ 5",
 * "to dan pho 5"), returns the index after its number (its digits are the token before), else -1.
 */
function residentialGroupEnd(tokens: string[], start: number): number {
  let next: number;
  const token = tokens[start];
  if (token === 'tổ' || token === 'to') {
    const second = foldedAt(tokens, start + 1);
    if (second === 'dan' && foldedAt(tokens, start + 2) === 'pho') next = start + 3;
    else if (second === 'dp') next = start + 2;
    else next = start + 1;
  } else if (foldedAt(tokens, start) === 'tdp') {
    next = start + 1;
  } else {
    return -1;
  }
  if (isDigitToken(tokens[next + 1]) && foldedAt(tokens, next) === 'so') next += 1;
  return isDigitToken(tokens[next]) ? next + 1 : -1;
}

/**
 * The comparison key of a "Nơi ở hiện nay". The rules, applied in this order:
 *
 * 1. The text is normalised (NFC, spaces) and lower-cased; then it is cut into words and numbers, and
 *    everything else (spaces, commas, dots, slashes, hyphens, brackets, …) is ignored.
 * 2. A residential group is recognised whatever way it is written, with or without accents:
 *    "Tổ dân phố số 05", "TDP 5", "TDP5", "tổ 5", "Tổ DP 5", "to dan pho 5" all become "tdp5".
 * 3. Numbers compare without leading zeros ("05" = "5"), and the word "số"/"so" right before a number
 *    is dropped ("Ngõ số 5" = "ngõ 5").
 * 4. Apart from those keywords, accents are KEPT: "Trần Hưng Đạo" and "tran hung dao" give different
 *    keys. This is consistent with {@link nameKey}, which keeps accents too: a row typed without
 *    accents never matches a row typed with them anyway, because the names differ, so folding the
 *    residence would gain nothing and could only merge places that really differ.
 * 5. The parts are joined without spaces ("Lê Lợi" = "lê lợi" = "Lê-Lợi"), except that two numbers
 *    in a row stay apart ("12/3" gives "12.3", not "123").
 */
export function residenceKey(residence: string): string {
  return normalResidenceKey(normalizeText(residence));
}

/**
 * residenceKey of a text normalizeText already returned (checkRow's residences). Not memoised:
 * checkRow's per-call memo computes it once per distinct residence (a ward has more distinct
 * residences than a bounded memo here could hold, which then only cost lookups).
 */
export function normalResidenceKey(residence: string): string {
  const tokens = residenceTokens(residence.toLowerCase().normalize('NFC'));
  let key = '';
  let i = 0;
  while (i < tokens.length) {
    let part: string;
    const groupEnd = residentialGroupEnd(tokens, i);
    if (groupEnd >= 0) {
      part = 'tdp' + withoutLeadingZeros(tokens[groupEnd - 1]);
      i = groupEnd;
    } else {
      const token = tokens[i];
      i += 1;
      if (isDigitToken(token)) part = withoutLeadingZeros(token);
      else if (isDigitToken(tokens[i]) && foldDiacritics(token) === 'so') continue;
      else part = token;
    }
    if (key !== '' && isDigitCode(key.charCodeAt(key.length - 1)) && isDigitCode(part.charCodeAt(0)))
      key += '.';
    key += part;
  }
  return key;
}

/**
 * Whether a non-ASCII code point is a letter or a mark (`[\p{L}\p{M}]`), remembered per code point:
 * in a table for the BMP (0 = not yet known, 1 = no, 2 = yes), in a Map beyond it.
 */
const bmpLetterOrMark = new Uint8Array(0x10000);
const astralLetterOrMark = new Map<number, boolean>();
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;

function isLetterOrMark(cp: number): boolean {
  if (cp < 0x80) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90);
  if (cp <= 0xffff) {
    let known = bmpLetterOrMark[cp];
    if (known === 0) {
      known = LETTER_OR_MARK.test(String.fromCodePoint(cp)) ? 2 : 1;
      bmpLetterOrMark[cp] = known;
    }
    return known === 2;
  }
  let known = astralLetterOrMark.get(cp);
  if (known === undefined) {
    known = LETTER_OR_MARK.test(String.fromCodePoint(cp));
    astralLetterOrMark.set(cp, known);
  }
  return known;
}

/**
 * `text.match(RESIDENCE_TOKEN) ?? []` as a scan by code point: runs of letters and marks, and runs
 * of ASCII digits (everything else separates them). The regex with Unicode classes was the hottest
 * part of the residence key at ward scale.
 */
function residenceTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  let digits = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const kind = cp >= 48 && cp <= 57 ? 1 : isLetterOrMark(cp) ? 2 : 0;
    if (start >= 0 && (kind === 0 || (kind === 1) !== digits)) {
      tokens.push(text.slice(start, i));
      start = -1;
    }
    if (kind !== 0 && start < 0) {
      start = i;
      digits = kind === 1;
    }
    i += width;
  }
  if (start >= 0) tokens.push(text.slice(start));
  return tokens;
}

/** True for a Date, also one made in another JavaScript realm (as Apps Script's `getValues` may return). */
export function isDateValue(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function pad(value: number, width: number): string {
  let text = String(value);
  while (text.length < width) text = '0' + text;
  return text;
}

/**
 * A Date as "dd/mm/yyyy" in the local time zone of the script ('' for an invalid Date). In Apps Script,
 * the script's time zone should be the spreadsheet's (Asia/Ho_Chi_Minh), as a date cell is midnight there.
 */
export function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getDate(), 2)}/${pad(date.getMonth() + 1, 2)}/${pad(date.getFullYear(), 4)}`;
}

/** Writes "1.5e-7" or "1e+21" out in plain digits. */
function expandExponent(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = '', exponentText] = match;
  const exponent = Number(exponentText);
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let result: string;
  if (point <= 0) result = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = digits.slice(0, point) + '.' + digits.slice(point);
  result = result.replace(/^0+(?=\d)/, '');
  if (result.indexOf('.') >= 0) result = result.replace(/0+$/, '').replace(/\.$/, '');
  return sign + result;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  // 15 significant digits drop the binary noise (0.1 + 0.2 → "0.3"), as Sheets shows it.
  const rounded = Number(value.toPrecision(15));
  return expandExponent(String(rounded));
}

/**
 * Any cell value as text: '' for null/undefined, strings unchanged, numbers in plain digits without
 * exponent or binary noise (1e21 → "1000000000000000000000", 0.1 + 0.2 → "0.3"), booleans as Sheets
 * shows them ("TRUE"/"FALSE"), dates as "dd/mm/yyyy".
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (isDateValue(value)) return formatDate(value);
  return String(value);
}
