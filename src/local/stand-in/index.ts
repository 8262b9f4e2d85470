/** Local stand-in for the part of Apps Script that tonghop uses. */
export { Workbook, MAX_CELLS, DEFAULT_LOCALE, DEFAULT_ROWS, DEFAULT_COLUMNS } from './workbook';
export type { WorkbookOptions, SheetSeed } from './workbook';
export { StandInSheet, STYLE_KEYS } from './sheet';
export type { CellStyle } from './sheet';
export { StandInRange } from './range';
export { PROTECTED_MESSAGE, NO_EDIT_ACCESS_MESSAGE } from './protection';
export { StandInDataValidation, StandInConditionalFormatRule, conditionHolds } from './builders';
export type { StandInChart } from './builders';
export { createServices, StandInHtmlOutput } from './services';
export { isDateFormat, isMinuteToken } from './number-format';
export type { RawContent } from './user-entered';
export { utcDateToSerial, formatJavaDate } from './dates';
export { columnLetters, parseA1 } from './a1';
export type { Rect } from './a1';
