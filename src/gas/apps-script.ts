/**
 * The part of Apps Script that tonghop uses, as narrowed views of `@types/google-apps-script`.
 *
 * The shell only talks to these interfaces, and the local stand-in (src/local/stand-in) implements
 * them. `services()` assigns Google's real globals to them, so the compiler proves that every method
 * listed here exists in Google's API with a compatible signature: a call Google does not have
 * cannot compile, and the stand-in cannot offer one either.
 *
 * Only what production calls is listed here. What the tests read besides (getDisplayValues,
 * getA1Notation, getDataValidation…) is in src/local/stand-in/google/inspection.ts, checked against
 * Google's types the same way; the CLI's writers and the README's pictures read the stand-in's
 * document layer (src/local/stand-in/document), not Apps Script's methods.
 */

export type ProtectionType = GoogleAppsScript.Spreadsheet.ProtectionType;
export type DeveloperMetadataVisibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;
export type ChartType = GoogleAppsScript.Charts.ChartType;

export interface User {
  getEmail(): string;
}

export interface Range {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getLastRow(): number;
  getSheet(): Sheet;
  getValue(): unknown;
  getValues(): unknown[][];
  getFormulas(): string[][];
  setValue(value: unknown): Range;
  setValues(values: unknown[][]): Range;
  setFormulas(formulas: string[][]): Range;
  setNumberFormat(numberFormat: string): Range;
  /**
   * "Sets a rectangular grid of number or date formats (must match dimensions of this range)"
   * (developers.google.com/apps-script/reference/spreadsheet/range#setnumberformatsnumberformats).
   */
  setNumberFormats(numberFormats: string[][]): Range;
  setFontFamily(fontFamily: string | null): Range;
  setFontSize(size: number): Range;
  setFontWeight(fontWeight: string | null): Range;
  setFontWeights(fontWeights: (string | null)[][]): Range;
  setFontStyle(fontStyle: string | null): Range;
  setFontColor(color: string | null): Range;
  setBackground(color: string | null): Range;
  setBackgrounds(color: (string | null)[][]): Range;
  setHorizontalAlignment(alignment: string | null): Range;
  setVerticalAlignment(alignment: string | null): Range;
  setWrap(isWrapEnabled: boolean): Range;
  setNote(note: string | null): Range;
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null
  ): Range;
  merge(): Range;
  breakApart(): Range;
  clear(): Range;
  clearContent(): Range;
  setDataValidation(rule: DataValidation | null): Range;
  protect(): Protection;
  activate(): Range;
}

export interface Sheet {
  getName(): string;
  setName(name: string): Sheet;
  getSheetId(): number;
  getIndex(): number;
  getRange(a1Notation: string): Range;
  getRange(row: number, column: number): Range;
  getRange(row: number, column: number, numRows: number, numColumns: number): Range;
  getDataRange(): Range;
  getLastRow(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): Sheet;
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet;
  deleteRows(rowPosition: number, howMany: number): void;
  deleteColumns(columnPosition: number, howMany: number): void;
  setFrozenRows(rows: number): void;
  setColumnWidth(columnPosition: number, width: number): Sheet;
  /**
   * "Hides one or more consecutive columns starting at the given index. Use 1-index for this method";
   * scope spreadsheets.currentonly (developers.google.com/apps-script/reference/spreadsheet/sheet#hidecolumnscolumnindex,-numcolumns).
   */
  hideColumns(columnIndex: number, numColumns: number): void;
  clear(): Sheet;
  protect(): Protection;
  hideSheet(): Sheet;
  /** Makes a hidden sheet visible (no effect on a visible one). */
  showSheet(): Sheet;
  isSheetHidden(): boolean;
  getProtections(type: ProtectionType): Protection[];
  getNamedRanges(): NamedRange[];
  addDeveloperMetadata(key: string, value: string, visibility: DeveloperMetadataVisibility): Sheet;
  getDeveloperMetadata(): DeveloperMetadata[];
  getConditionalFormatRules(): ConditionalFormatRule[];
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void;
  newChart(): EmbeddedChartBuilder;
  insertChart(chart: EmbeddedChart): void;
  removeChart(chart: EmbeddedChart): void;
  getCharts(): EmbeddedChart[];
  activate(): Sheet;
}

export interface Spreadsheet {
  getName(): string;
  getSheets(): Sheet[];
  getSheetByName(name: string): Sheet | null;
  /**
   * With `options.template`: "all data from the template sheet object is copied to the new sheet" (Google's
   * reference for insertSheet's advanced arguments); the template must be a sheet of this spreadsheet.
   */
  insertSheet(sheetName: string, sheetIndex: number, options?: { template?: Sheet }): Sheet;
  deleteSheet(sheet: Sheet): void;
  getActiveSheet(): Sheet;
  setActiveSheet(sheet: Sheet): Sheet;
  moveActiveSheet(pos: number): void;
  getNamedRanges(): NamedRange[];
  getRangeByName(name: string): Range | null;
  setNamedRange(name: string, range: Range): void;
  removeNamedRange(name: string): void;
  createDeveloperMetadataFinder(): DeveloperMetadataFinder;
  getEditors(): User[];
  getOwner(): User | null;
  getSpreadsheetLocale(): string;
  setSpreadsheetLocale(locale: string): void;
  getSpreadsheetTimeZone(): string;
  setSpreadsheetTimeZone(timezone: string): void;
}

export interface NamedRange {
  getName(): string;
  getRange(): Range;
}

export interface DeveloperMetadata {
  getKey(): string;
  getValue(): string | null;
  getLocation(): DeveloperMetadataLocation;
  setValue(value: string): DeveloperMetadata;
  remove(): void;
}

export interface DeveloperMetadataLocation {
  getSheet(): Sheet | null;
}

export interface DeveloperMetadataFinder {
  withKey(key: string): DeveloperMetadataFinder;
  withValue(value: string): DeveloperMetadataFinder;
  find(): DeveloperMetadata[];
}

export interface Protection {
  setDescription(description: string): Protection;
  getRange(): Range;
  getEditors(): User[];
  addEditors(emailAddresses: string[]): Protection;
  removeEditors(emailAddresses: string[]): Protection;
  canDomainEdit(): boolean;
  setDomainEdit(editable: boolean): Protection;
  setWarningOnly(warningOnly: boolean): Protection;
  isWarningOnly(): boolean;
  canEdit(): boolean;
  remove(): void;
}

/** Production only builds a rule and sets it on a range. */
export type DataValidation = object;

export interface DataValidationBuilder {
  requireFormulaSatisfied(formula: string): DataValidationBuilder;
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder;
  setHelpText(helpText: string): DataValidationBuilder;
  build(): DataValidation;
}

export interface ConditionalFormatRule {
  getRanges(): Range[];
}

export interface ConditionalFormatRuleBuilder {
  whenNumberLessThan(number: number): ConditionalFormatRuleBuilder;
  whenNumberGreaterThanOrEqualTo(number: number): ConditionalFormatRuleBuilder;
  /**
   * "Sets the conditional format rule to trigger when a number falls between, or is either of, two
   * specified values" (developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder#whennumberbetweenstart,-end).
   */
  whenNumberBetween(start: number, end: number): ConditionalFormatRuleBuilder;
  whenTextStartsWith(text: string): ConditionalFormatRuleBuilder;
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder;
  setBackground(color: string | null): ConditionalFormatRuleBuilder;
  setFontColor(color: string | null): ConditionalFormatRuleBuilder;
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder;
  build(): ConditionalFormatRule;
}

export type EmbeddedChart = object;

export interface EmbeddedChartBuilder {
  setChartType(type: ChartType): EmbeddedChartBuilder;
  addRange(range: Range): EmbeddedChartBuilder;
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number
  ): EmbeddedChartBuilder;
  setOption(option: string, value: unknown): EmbeddedChartBuilder;
  build(): EmbeddedChart;
}

export interface Menu {
  addItem(caption: string, functionName: string): Menu;
  addSeparator(): Menu;
  addToUi(): void;
}

export interface Ui {
  ButtonSet: { OK: GoogleAppsScript.Base.ButtonSet };
  alert(
    title: string,
    prompt: string,
    buttons: GoogleAppsScript.Base.ButtonSet
  ): GoogleAppsScript.Base.Button;
  createMenu(caption: string): Menu;
  showSidebar(userInterface: HtmlOutput): void;
  showModalDialog(userInterface: HtmlOutput, title: string): void;
}

export interface HtmlOutput {
  append(addedContent: string): HtmlOutput;
  setTitle(title: string): HtmlOutput;
  setWidth(width: number): HtmlOutput;
  setHeight(height: number): HtmlOutput;
}

export interface SpreadsheetAppApi {
  ProtectionType: { RANGE: ProtectionType; SHEET: ProtectionType };
  DeveloperMetadataVisibility: {
    DOCUMENT: DeveloperMetadataVisibility;
    PROJECT: DeveloperMetadataVisibility;
  };
  getActiveSpreadsheet(): Spreadsheet;
  getUi(): Ui;
  newDataValidation(): DataValidationBuilder;
  newConditionalFormatRule(): ConditionalFormatRuleBuilder;
}

export interface ChartsApi {
  ChartType: { BAR: ChartType };
}

export interface HtmlServiceApi {
  createHtmlOutputFromFile(filename: string): HtmlOutput;
  createHtmlOutput(html: string): HtmlOutput;
}

export interface Lock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
  hasLock(): boolean;
}

export interface LockServiceApi {
  getDocumentLock(): Lock | null;
}

export interface Properties {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): Properties;
  /** developers.google.com/apps-script/reference/properties/properties#setProperties(Object) */
  setProperties(properties: { [key: string]: string }): Properties;
  /** A copy of every pair in the store, in one call. */
  getProperties(): { [key: string]: string };
  deleteProperty(key: string): Properties;
}

export interface PropertiesServiceApi {
  getDocumentProperties(): Properties | null;
}

export interface SessionApi {
  // No getEffectiveUser()/getActiveUser(): their getEmail() needs the userinfo.email scope, which the
  // add-on does not ask for. Protections keep the person running an action by themselves.
  getScriptTimeZone(): string;
  /** Unique to the user, reveals no identity, needs no scope: the owner of a run's lease. */
  getTemporaryActiveUserKey(): string;
}

export interface UtilitiesApi {
  formatDate(date: Date, timeZone: string, format: string): string;
}

/** Every Apps Script service that tonghop touches. */
export interface Services {
  SpreadsheetApp: SpreadsheetAppApi;
  Charts: ChartsApi;
  HtmlService: HtmlServiceApi;
  LockService: LockServiceApi;
  PropertiesService: PropertiesServiceApi;
  Session: SessionApi;
  Utilities: UtilitiesApi;
}

/** The globals of the running script, typed as the narrowed views above. */
export function services(): Services {
  // Through globalThis, so that the callers' local names (`const { SpreadsheetApp } = services()`)
  // shadow nothing; read at each call, since each execution of the local runtime installs its own.
  const g: Pick<
    typeof globalThis,
    | 'SpreadsheetApp'
    | 'Charts'
    | 'HtmlService'
    | 'LockService'
    | 'PropertiesService'
    | 'Session'
    | 'Utilities'
  > = globalThis;
  return {
    SpreadsheetApp: g.SpreadsheetApp,
    Charts: g.Charts,
    HtmlService: g.HtmlService,
    LockService: g.LockService,
    PropertiesService: g.PropertiesService,
    Session: g.Session,
    Utilities: g.Utilities,
  };
}
