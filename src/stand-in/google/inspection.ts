/**
 * What the tests read from the stand-in beyond what production calls: src/contract/apps-script.ts lists
 * only the latter (the .xlsx and PDF writers and the README's pictures read the document layer,
 * ../document/, and no Apps Script method). Each interface here
 * extends the production view, and every method it adds is still Google's own: `GoogleCovers` below
 * fails to compile if @types/google-apps-script lacks one or types it otherwise, so the stand-in
 * cannot offer a method that Apps Script does not have. What tests read of the Drive beyond Apps Script
 * (its files, a file's sharing, the quota counts, Google's emails) is no Apps Script method: it is the
 * Drive's own test API (drive.ts), as `Workbook.actAs` and `Workbook.share` are the workbook's.
 */
import type {
  DataValidation,
  DataValidationBuilder,
  HtmlOutput,
  HtmlServiceApi,
  Protection,
  Range,
  Services,
  Sheet,
  Spreadsheet,
  SpreadsheetAppApi,
} from '../../contract/apps-script';

export interface InspectedRange extends Range {
  getA1Notation(): string;
  getLastColumn(): number;
  getDisplayValues(): string[][];
  getNumberFormats(): string[][];
  getBackground(): string;
  getWrap(): boolean;
  getSheet(): InspectedSheet;
  getDataValidation(): InspectedDataValidation | null;
  setFormula(formula: string): InspectedRange;
  setNumberFormats(numberFormats: string[][]): InspectedRange;
  clearDataValidations(): InspectedRange;
}

export interface InspectedSheet extends Sheet {
  getParent(): InspectedSpreadsheet;
  getRange(a1Notation: string): InspectedRange;
  getRange(row: number, column: number): InspectedRange;
  getRange(row: number, column: number, numRows: number, numColumns: number): InspectedRange;
  getDataRange(): InspectedRange;
  getLastColumn(): number;
  getFrozenRows(): number;
  getColumnWidth(columnPosition: number): number;
  isColumnHiddenByUser(columnPosition: number): boolean;
  setTabColor(color: string | null): InspectedSheet;
  clearConditionalFormatRules(): void;
}

export interface InspectedSpreadsheet extends Spreadsheet {
  getSheets(): InspectedSheet[];
  getSheetByName(name: string): InspectedSheet | null;
  getActiveSheet(): InspectedSheet;
  insertSheet(sheetName: string, sheetIndex: number): InspectedSheet;
  getRangeByName(name: string): InspectedRange | null;
  toast(msg: string, title: string, timeoutSeconds: number): void;
}

export interface InspectedProtection extends Protection {
  getDescription(): string;
  getRange(): InspectedRange;
  getUnprotectedRanges(): InspectedRange[];
}

export interface InspectedDataValidation extends DataValidation {
  getCriteriaType(): GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  getCriteriaValues(): unknown[];
  getHelpText(): string | null;
  getAllowInvalid(): boolean;
}

export interface InspectedDataValidationBuilder extends DataValidationBuilder {
  requireNumberBetween(start: number, end: number): InspectedDataValidationBuilder;
  build(): InspectedDataValidation;
}

export interface InspectedHtmlOutput extends HtmlOutput {
  getContent(): string;
  getTitle(): string;
  setTitle(title: string): InspectedHtmlOutput;
}

export interface InspectedSpreadsheetApp extends SpreadsheetAppApi {
  getActiveSpreadsheet(): InspectedSpreadsheet;
  newDataValidation(): InspectedDataValidationBuilder;
  flush(): void;
}

export interface InspectedHtmlService extends HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): InspectedHtmlOutput;
  createHtmlOutput(html: string): InspectedHtmlOutput;
}

/** The stand-in's services, as the tests and the CLI see them. */
export type InspectedServices = Omit<Services, 'SpreadsheetApp' | 'HtmlService'> & {
  SpreadsheetApp: InspectedSpreadsheetApp;
  HtmlService: InspectedHtmlService;
};

/** Compiles only when Google's type `Real` has every method of `Ours`, with a compatible signature. */
type Covered<Real extends Ours, Ours> = [Real, Ours];

/**
 * Read by the compiler only, never imported: the proof that Google's own types have every method
 * added above (apps-script.ts proves the same of the production views, in `services()`).
 * @public
 */
export type GoogleCovers = [
  Covered<GoogleAppsScript.Spreadsheet.Range, InspectedRange>,
  Covered<GoogleAppsScript.Spreadsheet.Sheet, InspectedSheet>,
  Covered<GoogleAppsScript.Spreadsheet.Spreadsheet, InspectedSpreadsheet>,
  Covered<GoogleAppsScript.Spreadsheet.Protection, InspectedProtection>,
  Covered<GoogleAppsScript.Spreadsheet.DataValidation, InspectedDataValidation>,
  Covered<GoogleAppsScript.Spreadsheet.DataValidationBuilder, InspectedDataValidationBuilder>,
  Covered<GoogleAppsScript.HTML.HtmlOutput, InspectedHtmlOutput>,
  Covered<GoogleAppsScript.Spreadsheet.SpreadsheetApp, InspectedSpreadsheetApp>,
  Covered<GoogleAppsScript.HTML.HtmlService, InspectedHtmlService>,
];
