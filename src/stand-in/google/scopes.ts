/**
 * The OAuth scopes each Apps Script call needs, as Google's reference lists them, checked against the
 * manifest's `oauthScopes` before the call runs (the execution layer asks `scopeError`).
 *
 * - SpreadsheetApp (developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app): openById,
 *   openByUrl, open and create list spreadsheets only; getActiveSpreadsheet and flush list
 *   spreadsheets.currentonly or spreadsheets; getUi and the new…() builders list none.
 * - Spreadsheet, Sheet, Range and the objects under them (…/spreadsheet/spreadsheet, …/sheet, …/range,
 *   …/protection): every method read lists spreadsheets.currentonly or spreadsheets, except
 *   Spreadsheet.getId and Spreadsheet.createDeveloperMetadataFinder, which list none. currentonly covers
 *   the bound spreadsheet only: on a spreadsheet opened by id every call needs spreadsheets (GOOGLE-FACTS 19 §1).
 * - Ui (…/base/ui): showSidebar, showModalDialog and showModelessDialog need script.container.ui; alert
 *   and createMenu none. HtmlService, PropertiesService, LockService, Session.getScriptTimeZone,
 *   Session.getTemporaryActiveUserKey, Utilities and the Charts enum list none.
 * - The Drive API v3 (developers.google.com/drive/api/reference/rest/v3/…, each method's "Authorization
 *   scopes"; DRIVE_SCOPES below).
 *
 * Messages. Apps Script, when the manifest lacks the scope: "Specified permissions are not sufficient to
 * call Ui.showModalDialog. Required permissions: https://www.googleapis.com/auth/script.container.ui"
 * (reported under an explicit scope list: @OnlyCurrentDoc and Ui.showModalDialog; drive.file and
 * DriveApp.createFolder; Session.getEffectiveUser without userinfo.email). The other reported form, "You do
 * not have permission to call SpreadsheetApp.openById", appears where the user has not authorised the
 * script, which the stand-in does not model. The Drive API: 403 "Request had insufficient authentication
 * scopes." (reason insufficientPermissions; reported, GOOGLE-FACTS 19 §1).
 */
import { driveError } from './drive';

const AUTH = 'https://www.googleapis.com/auth/';

export const SCOPES = {
  spreadsheets: `${AUTH}spreadsheets`,
  currentOnly: `${AUTH}spreadsheets.currentonly`,
  containerUi: `${AUTH}script.container.ui`,
  drive: `${AUTH}drive`,
  driveFile: `${AUTH}drive.file`,
  driveReadonly: `${AUTH}drive.readonly`,
  driveMetadata: `${AUTH}drive.metadata`,
  driveMetadataReadonly: `${AUTH}drive.metadata.readonly`,
  driveAppdata: `${AUTH}drive.appdata`,
  driveScripts: `${AUTH}drive.scripts`,
  drivePhotosReadonly: `${AUTH}drive.photos.readonly`,
} as const;

const S = SCOPES;
const DRIVE_READ = [S.drive, S.driveFile, S.driveReadonly, S.driveMetadata, S.driveMetadataReadonly];

/**
 * Each Drive method's scopes, any one of which will do, and its name in Google's messages. The lists are
 * the reference pages' (files.create, files.delete: drive, drive.appdata, drive.file; files.copy: drive,
 * drive.appdata, drive.file, drive.photos.readonly, developers.google.com/workspace/drive/v3/reference/files/copy,
 * drive.readonly no longer since July 2020, reported by tanaikech.github.io; files.update adds
 * drive.metadata and drive.scripts; permissions.create and .delete: drive, drive.file; files.get,
 * files.list and permissions.list also take the read-only Drive scopes).
 */
const DRIVE_SCOPES: Record<string, { call: string; scopes: readonly string[] }> = {
  'Drive.Files.create': { call: 'drive.files.create', scopes: [S.drive, S.driveAppdata, S.driveFile] },
  'Drive.Files.copy': {
    call: 'drive.files.copy',
    scopes: [S.drive, S.driveAppdata, S.driveFile, S.drivePhotosReadonly],
  },
  'Drive.Files.get': { call: 'drive.files.get', scopes: [...DRIVE_READ, S.driveAppdata] },
  'Drive.Files.list': { call: 'drive.files.list', scopes: [...DRIVE_READ, S.driveAppdata] },
  'Drive.Files.update': {
    call: 'drive.files.update',
    scopes: [S.drive, S.driveAppdata, S.driveFile, S.driveMetadata, S.driveScripts],
  },
  'Drive.Files.remove': { call: 'drive.files.delete', scopes: [S.drive, S.driveAppdata, S.driveFile] },
  // about.get: every Drive scope but drive.scripts (developers.google.com/drive/api/reference/rest/v3/about/get).
  'Drive.About.get': {
    call: 'drive.about.get',
    scopes: [...DRIVE_READ, S.driveAppdata, S.drivePhotosReadonly],
  },
  'Drive.Permissions.create': { call: 'drive.permissions.create', scopes: [S.drive, S.driveFile] },
  'Drive.Permissions.list': { call: 'drive.permissions.list', scopes: DRIVE_READ },
  'Drive.Permissions.remove': { call: 'drive.permissions.delete', scopes: [S.drive, S.driveFile] },
  // revisions.list: the read scopes, drive.appdata, drive.photos.readonly; revisions.update: drive,
  // drive.appdata, drive.file (developers.google.com/drive/api/reference/rest/v3/revisions/…).
  'Drive.Revisions.list': {
    call: 'drive.revisions.list',
    scopes: [...DRIVE_READ, S.driveAppdata, S.drivePhotosReadonly],
  },
  'Drive.Revisions.update': {
    call: 'drive.revisions.update',
    scopes: [S.drive, S.driveAppdata, S.driveFile],
  },
};

/** Classes whose objects belong to one spreadsheet, and whose methods need the Sheets scopes. */
const SPREADSHEET_CLASSES = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'Protection',
  'NamedRange',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'DeveloperMetadataLocation',
  'EmbeddedChart',
  'ConditionalFormatRule',
]);
const NO_SCOPE = new Set(['Spreadsheet.getId', 'Spreadsheet.createDeveloperMetadataFinder']);
const UI_CALLS = new Set(['Ui.showSidebar', 'Ui.showModalDialog', 'Ui.showModelessDialog']);
const OPENING = new Set([
  'SpreadsheetApp.openById',
  'SpreadsheetApp.openByUrl',
  'SpreadsheetApp.open',
  'SpreadsheetApp.create',
]);

/** The scopes that would allow `method`, or null when it needs none. */
function allowing(method: string, onBound: boolean): readonly string[] | null {
  const drive = DRIVE_SCOPES[method];
  if (drive) return drive.scopes;
  if (UI_CALLS.has(method)) return [S.containerUi];
  const [className, name] = [
    method.slice(0, method.lastIndexOf('.')),
    method.slice(method.lastIndexOf('.') + 1),
  ];
  if (className === 'SpreadsheetApp') {
    if (OPENING.has(method)) return [S.spreadsheets];
    if (name === 'getUi' || name.startsWith('new') || /^[A-Z]/.test(name)) return null;
    return [S.currentOnly, S.spreadsheets];
  }
  if (SPREADSHEET_CLASSES.has(className) && !NO_SCOPE.has(method)) {
    return onBound ? [S.currentOnly, S.spreadsheets] : [S.spreadsheets];
  }
  return null;
}

/**
 * The error Google throws for `method` under `granted` scopes, or null when the call may run.
 * `onBound`: the call's object belongs to the spreadsheet the script is bound to (or to no spreadsheet).
 */
export function scopeError(method: string, granted: readonly string[], onBound: boolean): Error | null {
  const needed = allowing(method, onBound);
  if (needed === null || needed.some((scope) => granted.includes(scope))) return null;
  const drive = DRIVE_SCOPES[method];
  if (drive) {
    return driveError(
      drive.call,
      403,
      'insufficientPermissions',
      'Request had insufficient authentication scopes.'
    );
  }
  // Google names the scope the call would need; of two, the one that works everywhere.
  const required = needed.includes(S.spreadsheets) ? S.spreadsheets : needed[0];
  return new Error(
    `Specified permissions are not sufficient to call ${method}. Required permissions: ${required}`
  );
}
