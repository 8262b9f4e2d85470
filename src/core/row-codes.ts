/**
 * The codes of the row rules: a unit row's columns, the problem levels and the problems. Types only,
 * shared by the rules (rows.ts) and their Vietnamese text (messages/rows.ts), which therefore need
 * not import each other both ways.
 */
export type RowColumn = 'stt' | 'name' | 'birthYear' | 'organisation' | 'residence' | 'note';
export type ProblemLevel = 'error' | 'warning' | 'info';
export type ProblemCode =
  | 'NAME_REQUIRED'
  | 'NAME_ONE_WORD'
  | 'NAME_INVALID_CHARS'
  | 'NAME_TOO_LONG'
  | 'NAME_MIXED_SCRIPT'
  | 'YEAR_REQUIRED'
  | 'YEAR_INVALID'
  | 'YEAR_OUT_OF_RANGE'
  | 'YEAR_FROM_DATE'
  | 'AGE_UNDER_14'
  | 'AGE_OVER_100'
  | 'RESIDENCE_REQUIRED'
  | 'DUPLICATE_IN_UNIT'
  | 'DUPLICATE_OTHER_UNIT'
  | 'FORMULA_CELL'
  | 'FORMULA_FILLED';
