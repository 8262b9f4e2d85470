/** Local stand-in for the part of Apps Script that tonghop uses. */
export {
  Workbook,
  MAX_CELLS,
  DEFAULT_LOCALE,
  DEFAULT_ROWS,
  DEFAULT_COLUMNS,
  hyperFormulaConfig,
} from './workbook';
export type { WorkbookOptions, SheetSeed } from './workbook';
export { StandInSheet, DEFAULT_COLUMN_WIDTH, STYLE_KEYS } from './sheet';
export { shiftFormula } from './a1';
export type { CellStyle, StyleKey, BorderSpec } from './sheet';
export { StandInRange } from './range';
export { StandInProtection, StandInUser, PROTECTED_MESSAGE, NO_EDIT_ACCESS_MESSAGE } from './protection';
export { StandInDeveloperMetadata, METADATA_CHARS_PER_LOCATION } from './metadata';
export {
  StandInDataValidation,
  StandInDataValidationBuilder,
  StandInConditionalFormatRule,
  StandInConditionalFormatRuleBuilder,
  StandInChart,
  StandInChartBuilder,
  CHART_TYPES,
  conditionHolds,
} from './builders';
export type { CriteriaName, ConditionType } from './builders';
export { createServices, RecordingUi, StandInHtmlOutput } from './services';
export type { ServicesOptions, RecordedMenu, MenuItem } from './services';
export { AUTOMATIC_FORMAT, displayValue, isDateFormat, isMinuteToken } from './number-format';
export { DATE_FORMAT, DATE_TIME_FORMAT, parseUserEntered, textContent } from './user-entered';
export type { RawContent } from './user-entered';
export {
  dateToSerial,
  serialToDate,
  serialToUtcDate,
  utcDateToSerial,
  formatJavaDate,
  isDate,
} from './dates';
export { columnLetters, columnNumber, rectA1, parseA1 } from './a1';
export type { Rect } from './a1';
