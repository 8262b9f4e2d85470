/**
 * The part of Apps Script that tonghop uses, as narrowed views of `@types/google-apps-script`.
 *
 * The shell only talks to these interfaces, and the local stand-in (src/stand-in) implements
 * them. `services()` assigns Google's real globals to them, so the compiler proves that every method
 * listed here exists in Google's API with a compatible signature: a call Google does not have
 * cannot compile, and the stand-in cannot offer one either.
 *
 * Only what production calls is listed here. What the tests read besides (getDisplayValues,
 * getA1Notation, getDataValidation…) is in src/stand-in/google/inspection.ts, checked against
 * Google's types the same way; the CLI's writers and the README's pictures read the stand-in's
 * document layer (src/stand-in/document), not Apps Script's methods.
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
  /**
   * "Copies the sheet to a given spreadsheet, which can be the same spreadsheet as the source. The
   * copied sheet is named "Copy of [original name]"" (developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet));
   * scope spreadsheets.currentonly or spreadsheets (on a spreadsheet opened by id: spreadsheets). How a unit's
   * file gets the template sheet. Google does not list what the copy carries; the stand-in copies values,
   * formulas (array formulas included), formats, borders, notes, merges, data validation, conditional
   * formats, column widths, hidden columns, frozen rows and the hidden flag, and not protections, developer
   * metadata, named ranges or charts: the stricter reading, as for insertSheet's template.
   */
  copyTo(spreadsheet: Spreadsheet): Sheet;
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

/**
 * Scopes, from Google's reference (developers.google.com/apps-script/reference/spreadsheet/spreadsheet):
 * every method here lists spreadsheets.currentonly or spreadsheets, except getId (none). currentonly covers
 * the bound spreadsheet only, so a spreadsheet opened with SpreadsheetApp.openById needs spreadsheets for
 * every call (GOOGLE-FACTS, issue 19).
 */
export interface Spreadsheet {
  /** Lists no scope (Spreadsheet#getId()). */
  getId(): string;
  /** "Returns the URL for the given spreadsheet" (Spreadsheet#getUrl()). */
  getUrl(): string;
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
  /**
   * "Returns the selected range in the active sheet, or null if there is no active range"
   * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getActiveRange()). Xuất báo cáo
   * đơn vị takes the unit of the row the clerk clicked; null is handled as no choice.
   */
  getActiveRange(): Range | null;
  setActiveSheet(sheet: Sheet): Sheet;
  moveActiveSheet(pos: number): void;
  getNamedRanges(): NamedRange[];
  getRangeByName(name: string): Range | null;
  setNamedRange(name: string, range: Range): void;
  removeNamedRange(name: string): void;
  createDeveloperMetadataFinder(): DeveloperMetadataFinder;
  /** The owner and the editors (Spreadsheet#getEditors()). */
  getEditors(): User[];
  /** "Gets the list of viewers and commenters": everyone who can open it, owner and editors too (gas-fakes' notes). */
  getViewers(): User[];
  getOwner(): User | null;
  /**
   * "Adds the given user to the list of editors for the Spreadsheet. If the user was already on the list of
   * viewers, this method promotes the user out of the list of viewers" (Spreadsheet#addEditor(String)). A
   * change of sharing: the runner needs edit access, and when the file's writersCanShare is false, to be the
   * owner (developers.google.com/drive/api/guides/manage-sharing). Sends Google's standard invitation, with
   * no message of ours (Drive.Permissions.create can add one).
   */
  addEditor(emailAddress: string): Spreadsheet;
  addEditors(emailAddresses: string[]): Spreadsheet;
  /**
   * "Removes the given user from the list of editors … For Drive files, this also removes the user from the
   * list of viewers"; it does not block a user who has general access (link sharing, a shared folder)
   * (Spreadsheet#removeEditor(String)).
   */
  removeEditor(emailAddress: string): Spreadsheet;
  /** "If the user was already on the list of editors, this method has no effect" (Spreadsheet#addViewer(String)). */
  addViewer(emailAddress: string): Spreadsheet;
  addViewers(emailAddresses: string[]): Spreadsheet;
  /**
   * "This method has no effect if the user is an editor, not a viewer or commenter" (Spreadsheet#removeViewer(String));
   * the same entry also says it removes editors "for Drive files": the stand-in takes the first sentence,
   * under which an editor keeps access (remove editors with removeEditor).
   */
  removeViewer(emailAddress: string): Spreadsheet;
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
  /**
   * "Gets the description of the protected range or sheet" (developers.google.com/apps-script/reference/
   * spreadsheet/protection#getDescription()): an accepted unit's lock is told by its description.
   */
  getDescription(): string;
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
  /**
   * "Unprotects the given array of ranges within a protected sheet. Throws an exception if the Protection
   * object corresponds to a protected range instead of a protected sheet or if any of the ranges are not on
   * the protected sheet. To change the unprotected ranges, set a new array of ranges; to re-protect the
   * entire sheet, set an empty array" (developers.google.com/apps-script/reference/spreadsheet/protection#setUnprotectedRanges(Range);
   * scope spreadsheets.currentonly or spreadsheets). A unit's file: one sheet protection for the office,
   * the data cells unprotected. Whether the ranges follow inserted and deleted rows is not said; the
   * stand-in moves them as it moves protections.
   */
  setUnprotectedRanges(ranges: Range[]): Protection;
  /**
   * "Gets an array of unprotected ranges within a protected sheet. If the Protection object corresponds to a
   * protected range instead of a protected sheet, this method returns an empty array" (same page).
   */
  getUnprotectedRanges(): Range[];
}

/** Production only builds a rule and sets it on a range. */
export type DataValidation = object;

export interface DataValidationBuilder {
  requireFormulaSatisfied(formula: string): DataValidationBuilder;
  requireValueInList(values: string[], showDropdown: boolean): DataValidationBuilder;
  /**
   * "Sets the data validation rule to require that the input is a boolean value; this value is rendered as
   * a checkbox" (developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireCheckbox()):
   * the unit's "done" tick, a native checkbox that needs no script.
   */
  requireCheckbox(): DataValidationBuilder;
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

/**
 * "A response to a prompt dialog … The response contains any text the user entered in the dialog's input
 * field and indicates which button the user clicked to dismiss the dialog"; getSelectedButton "returns
 * Button.CLOSE" for the title bar's close button, and the text "is available even if the user closed the
 * dialog" (developers.google.com/apps-script/reference/base/prompt-response).
 */
export interface PromptResponse {
  getResponseText(): string;
  getSelectedButton(): GoogleAppsScript.Base.Button;
}

export interface Ui {
  ButtonSet: { OK: GoogleAppsScript.Base.ButtonSet; OK_CANCEL: GoogleAppsScript.Base.ButtonSet };
  Button: { OK: GoogleAppsScript.Base.Button };
  /**
   * A dialog with a title, a message, an input field and `buttons` (Ui#prompt(String,String,ButtonSet),
   * developers.google.com/apps-script/reference/base/ui#promptTitle,-prompt,-buttons; scope
   * script.container.ui as every Ui call). Kết thúc đợt báo cáo asks the ward's name with it.
   */
  prompt(title: string, prompt: string, buttons: GoogleAppsScript.Base.ButtonSet): PromptResponse;
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
  /**
   * "Opens the spreadsheet with the given ID"; scope spreadsheets only, not spreadsheets.currentonly
   * (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String)). Without access
   * to the file: "You do not have permission to access the requested document." (reported; GOOGLE-FACTS 19 §1).
   */
  openById(id: string): Spreadsheet;
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

/** Drive API v3 resources, as the advanced Drive service takes and returns them (@types/google-apps-script, apis/drive_v3). */
export type DriveFile = GoogleAppsScript.Drive_v3.Drive.V3.Schema.File;
export type DriveFileList = GoogleAppsScript.Drive_v3.Drive.V3.Schema.FileList;
export type DrivePermission = GoogleAppsScript.Drive_v3.Drive.V3.Schema.Permission;
export type DrivePermissionList = GoogleAppsScript.Drive_v3.Drive.V3.Schema.PermissionList;
export type DriveRevision = GoogleAppsScript.Drive_v3.Drive.V3.Schema.Revision;
export type DriveRevisionList = GoogleAppsScript.Drive_v3.Drive.V3.Schema.RevisionList;
/** The query parameters of a Drive API call (fields, q, pageSize, addParents, sendNotificationEmail…). */
export type DriveArgs = Record<string, unknown>;

/**
 * The advanced Drive service, v3 (manifest: dependencies.enabledAdvancedServices, userSymbol "Drive"). Under
 * drive.file a call reaches only files the running user created with the app (or picked): any other answers
 * 404 "File not found: <id>", for every user separately (GOOGLE-FACTS 19 §2). Scopes, from each method's
 * reference page (developers.google.com/drive/api/reference/rest/v3/files/<method>; the lists as Google's
 * discovery document gives them): create and delete accept drive, drive.appdata or drive.file; copy those
 * and drive.photos.readonly; update drive, drive.appdata, drive.file, drive.metadata or drive.scripts; get
 * and list drive.file, drive, drive.readonly, drive.metadata(.readonly) and more. v3 answers only kind, id, name and mimeType unless
 * `fields` asks for more. Errors come as "API call to drive.files.get failed with error: …".
 */
export interface DriveFilesApi {
  /**
   * A folder (mimeType application/vnd.google-apps.folder) or a spreadsheet
   * (application/vnd.google-apps.spreadsheet), in `parents`; the creator owns it and holds its drive.file
   * grant. A spreadsheet counts against its creator's 250 a day (consumer accounts; the stricter reading).
   * Also writersCanShare, description and appProperties ("arbitrary key-value pairs which are private to
   * the requesting app", v3 File; at most 30 per app and 124 bytes of key and value each,
   * developers.google.com/drive/api/v2/reference/properties).
   */
  create(resource: DriveFile): DriveFile;
  /**
   * "Creates a copy of a file and applies any requested updates with patch semantics"
   * (developers.google.com/drive/api/reference/rest/v3/files/copy; scopes drive, drive.appdata, drive.file
   * or drive.photos.readonly). How a unit's file is made from the template spreadsheet. The resource may
   * set name (else "Copy of <name>"), parents (else "the file inherits any discoverable parent of the source
   * file", v3 File.parents), writersCanShare, appProperties and description. The copy belongs to the
   * caller, is shared with nobody (Drive copies no sharing; writersCanShare starts true) and carries the
   * caller's drive.file grant; under drive.file the source must be a file the caller's app created. A
   * spreadsheet copy counts against the caller's 250 spreadsheets a day (the stricter reading, as create).
   * Protections are not copied (the stricter reading of conflicting reports): protect the copy afresh.
   */
  copy(resource: DriveFile, fileId: string): DriveFile;
  copy(resource: DriveFile, fileId: string, optionalArgs: DriveArgs): DriveFile;
  /** `{ fields: 'id,name,trashed,modifiedTime,…' }`: v3 returns kind, id, name and mimeType otherwise. */
  get(fileId: string): DriveFile;
  get(fileId: string, optionalArgs: DriveArgs): DriveFile;
  /**
   * `{ q: "'<folder id>' in parents and trashed = false", pageSize, pageToken, fields }`: "This method returns
   * all files by default, including trashed files" (files.list reference); under drive.file only the files
   * the app can reach. A file's own tag: `appProperties has { key='K' and value='V' }` ("has: A collection
   * contains an element matching the parameters", developers.google.com/drive/api/guides/ref-search-terms;
   * key and value both, googleapis/google-api-nodejs-client#426).
   */
  list(optionalArgs: DriveArgs): DriveFileList;
  /**
   * name, trashed (the owner only: "If you attempt to trash a file you don't own, you receive an
   * insufficientFilePermissions error", developers.google.com/drive/api/guides/delete), writersCanShare (the
   * owner only, the stricter reading), description, appProperties ("Entries with null values are cleared in
   * update and copy requests", v3 File); `addParents` / `removeParents` in the optional arguments, with
   * `null` for the media, as Apps Script samples pass it.
   */
  update(resource: DriveFile, fileId: string): DriveFile;
  update(
    resource: DriveFile,
    fileId: string,
    mediaData: GoogleAppsScript.Base.Blob | null,
    optionalArgs: DriveArgs
  ): DriveFile;
  /** "Permanently deletes a file owned by the user without moving it to the trash" (files.delete). */
  remove(fileId: string): void;
}

/**
 * Sharing through the Drive API: permissions.create and permissions.delete accept drive or drive.file,
 * permissions.list also the read-only Drive scopes (developers.google.com/drive/api/reference/rest/v3/permissions).
 * "To share a file in My Drive, the user must have role=writer or role=owner. If the writersCanShare boolean is
 * set to False for the file, the user must have role=owner" (developers.google.com/drive/api/guides/manage-sharing).
 * "Concurrent permissions operations on the same file are not supported": one file's changes one at a time.
 */
export interface DrivePermissionsApi {
  /**
   * `{ type: 'user', role: 'writer' | 'reader', emailAddress }`, with `{ sendNotificationEmail, emailMessage }`:
   * "A plain text custom message to include in the notification email"; the email "defaults to true for
   * users and groups" (permissions.create reference).
   */
  create(resource: DrivePermission, fileId: string, optionalArgs: DriveArgs): DrivePermission;
  /** `{ fields: 'permissions(id,type,role,emailAddress)' }`: v3 leaves emailAddress out otherwise. */
  list(fileId: string, optionalArgs: DriveArgs): DrivePermissionList;
  remove(fileId: string, permissionId: string): void;
}

/**
 * about.get: "Gets information about the user, the user's Drive, and system capabilities … Required: The
 * fields parameter must be set"; scopes drive, drive.appdata, drive.file, drive.metadata(.readonly),
 * drive.photos.readonly, drive.readonly (developers.google.com/drive/api/reference/rest/v3/about/get).
 * `{ fields: 'user(emailAddress)' }`: which office account ran Kết thúc đợt báo cáo, without the
 * userinfo.email scope.
 */
export interface DriveAboutApi {
  get(optionalArgs: DriveArgs): GoogleAppsScript.Drive_v3.Drive.V3.Schema.About;
}

/**
 * A file's revisions, for whether it is published to the web (issue 25): "To publish a Google Docs, Sheets,
 * and Slides revision, you set the published property for that file in the Revisions property"; published:
 * "Whether this revision is published. This is only applicable to Docs Editors files"
 * (developers.google.com/drive/api/guides/manage-revisions, v3 Revision). revisions.list takes drive,
 * drive.appdata, drive.file, drive.metadata(.readonly), drive.photos.readonly or drive.readonly; revisions.update
 * drive, drive.appdata or drive.file (developers.google.com/drive/api/reference/rest/v3/revisions/update). "To
 * access the revision history, a user must have the role of owner, organizer, fileOrganizer, or writer."
 */
export interface DriveRevisionsApi {
  /** `{ fields: 'revisions(id,published)' }`: v3 answers id, mimeType, kind and modifiedTime otherwise. */
  list(fileId: string, optionalArgs: DriveArgs): DriveRevisionList;
  /** `{ published: false }`: unpublishes that revision ("Updates a revision with patch semantics"). */
  update(resource: DriveRevision, fileId: string, revisionId: string): DriveRevision;
}

export interface DriveApi {
  Files: DriveFilesApi;
  Permissions: DrivePermissionsApi;
  Revisions: DriveRevisionsApi;
  About: DriveAboutApi;
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
  /** The advanced Drive service; `Drive` is undefined where the manifest does not enable it. */
  Drive: DriveApi;
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
    | 'Drive'
  > = globalThis;
  return {
    SpreadsheetApp: g.SpreadsheetApp,
    Charts: g.Charts,
    HtmlService: g.HtmlService,
    LockService: g.LockService,
    PropertiesService: g.PropertiesService,
    Session: g.Session,
    Utilities: g.Utilities,
    // Read when used: an action that never touches Drive runs even where the service is not enabled.
    get Drive(): DriveApi {
      const drive = g.Drive;
      if (drive === undefined) throw new ReferenceError('Drive is not defined');
      return drive;
    },
  };
}
