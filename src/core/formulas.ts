/** A1 notation and the formulas tonghop writes. Only functions that Google Sheets and HyperFormula both evaluate. */

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
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function columnRange(sheet: string, column: number, firstRow: number, lastRow: number): string {
  return `${quoteSheetName(sheet)}!${a1(firstRow, column, true)}:${a1(lastRow, column, true)}`;
}

/** A string literal inside a formula. */
export function formulaString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A cell value that Sheets stores as the text given, whatever it looks like: setValues parses input as
 * if typed, so "=…", "+84…", "1985" or "TRUE" would otherwise become formulas, numbers or booleans.
 * The leading apostrophe is Sheets' own marker for literal text and is not part of the value.
 */
export function literalText(text: string): string {
  return text === '' ? '' : `'${text}`;
}

export function hyperlinkFormula(url: string, label: string): string {
  return `=HYPERLINK(${formulaString(url)},${formulaString(label)})`;
}
