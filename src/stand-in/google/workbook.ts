/**
 * The stand-in spreadsheet: the document (../document/workbook.ts) with Google's behaviour on top:
 * call counting, protections enforced, the document lock's holder, the active sheet, toasts, document
 * properties; and, through its file in a Drive (./drive.ts), the owner, the acting user, editors and
 * viewers and the sharing calls.
 */
import type { DeveloperMetadataFinder, NamedRange, User } from '../../contract/apps-script';
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type {
  InspectedRange as Range,
  InspectedSheet as Sheet,
  InspectedSpreadsheet as Spreadsheet,
} from './inspection';
import { contains, intersects, rectA1, type Rect } from '../document/a1';
import {
  DEFAULT_COLUMNS,
  DEFAULT_ROWS,
  DocumentWorkbook,
  isValidRangeName,
  MAX_CELLS,
  type BeyondTheDocument,
  type DocumentOptions,
  type NamedEntry,
  type SheetSeed,
} from '../document/workbook';
import { Drive, DriveFile, NO_SHARING_MESSAGE, SPREADSHEET_MIME } from './drive';
import { StandInChart } from './builders';
import { StandInDeveloperMetadata, StandInMetadataFinder } from './metadata';
import { NO_EDIT_ACCESS_MESSAGE, PROTECTED_MESSAGE, StandInUser } from './protection';
import { StandInRange } from './range';
import { StandInSheet } from './sheet';
import type { EntryContext } from './user-entered';

export interface WorkbookOptions extends DocumentOptions {
  /** Default 'owner@example.com'. */
  owner?: string;
  now?: () => Date;
  /** The Drive it is in: by default a Drive of its own, whose acting user is the owner. */
  drive?: Drive;
  /** Its id there (default: a new one, shaped like Google's). */
  id?: string;
}

/** Something an address is read from: an email, or a User (the sharing calls take either). */
function emailOf(user: unknown): string {
  if (typeof user === 'object' && user !== null && typeof (user as User).getEmail === 'function') {
    return String((user as User).getEmail());
  }
  return String(user);
}

const MAX_SHEET_NAME = 100;

class StandInNamedRange implements NamedRange {
  constructor(private readonly entry: NamedEntry<StandInSheet>) {}
  getName(): string {
    return this.entry.name;
  }
  getRange(): Range {
    return this.entry.sheet.rangeOf(this.entry.rect);
  }
}

/**
 * Call counting (`calls`): `reads` fetch cell data (getValues, getValue, getDisplayValues, getFormulas,
 * getNumberFormats, getDataValidation); `writes` are every call that changes the document (setters,
 * merge, clear*, insert/delete, protect and protection setters, metadata, named ranges, charts,
 * moveActiveSheet...); `other` is any other call that asks the document something (getSheets,
 * getSheetByName, getLastRow, getMaxRows, getProtections, finder.find(), flush, toast...). Navigation
 * on objects already in hand (getRange, getDataRange, getSheet, getParent, getName, getSheetId,
 * getIndex, getA1Notation, getRow/getColumn/getNumRows/getNumColumns, metadata getters) and the
 * builders are free.
 */
export class Workbook extends DocumentWorkbook<StandInSheet> implements Spreadsheet {
  readonly now: () => Date;
  /** The Drive it is in, and its file there (owner, sharing, trash, parents, modified time). */
  drive: Drive;
  file: DriveFile;
  readonly calls = { reads: 0, writes: 0, other: 0 };
  /** Document properties (PropertiesService.getDocumentProperties). */
  readonly documentProperties = new Map<string, string>();
  readonly toasts: { message: string; title: string; timeoutSeconds: number }[] = [];
  /** Who holds the document lock: an execution token, or null. */
  lockHolder: object | null = null;
  private active: StandInSheet | null = null;
  private activeRect: { sheet: StandInSheet; rect: Rect } | null = null;

  constructor(opts: WorkbookOptions = {}, seed?: SheetSeed[]) {
    super(opts, seed);
    const owner = opts.owner ?? 'owner@example.com';
    this.now = opts.now ?? (() => new Date());
    this.drive = opts.drive ?? new Drive({ now: this.now, actingUser: owner });
    this.file = this.drive.addFile({ id: opts.id, name: this.name, mimeType: SPREADSHEET_MIME, owner });
    this.file.workbook = this;
  }

  /** The file's owner. */
  get owner(): string {
    return this.file.owner;
  }

  /** Who runs the script (the Drive's acting user: the same for every spreadsheet of the session). */
  get actingUser(): string {
    return this.drive.actingUser;
  }
  set actingUser(email: string) {
    this.drive.actingUser = email;
  }

  /** Drive.adopt: leaves its Drive for `drive`, under `opts.id`, keeping its sharing. */
  moveToDrive(
    drive: Drive,
    opts: { id?: string; owner?: string; name?: string; parents?: string[] } = {}
  ): DriveFile {
    const old = this.file;
    if (drive === this.drive && (opts.id === undefined || opts.id === old.id)) return old;
    const file = drive.addFile({
      id: opts.id,
      name: opts.name ?? old.name,
      mimeType: SPREADSHEET_MIME,
      owner: opts.owner ?? old.owner,
      parents: opts.parents,
    });
    file.editors = old.editors.filter((e) => !file.isOwner(e));
    file.viewers = [...old.viewers];
    file.writersCanShare = old.writersCanShare;
    file.linkAccess = old.linkAccess;
    file.appProperties = { ...old.appProperties };
    file.description = old.description;
    file.workbook = this;
    old.workbook = null;
    this.drive.deleteForever(old);
    this.drive = drive;
    this.file = file;
    return file;
  }

  /**
   * Fills `file`, a spreadsheet of another Drive whose contents were deferred (DriveFile.deferWorkbook), with
   * this workbook, which leaves its own Drive: the file keeps the sharing and times it was given.
   */
  moveInto(file: DriveFile): void {
    const old = this.file;
    old.workbook = null;
    this.drive.deleteForever(old);
    this.drive = file.drive;
    this.file = file;
    file.workbook = this;
  }

  protected createSheet(
    hfId: number,
    sheetId: number,
    name: string,
    maxRows: number,
    maxColumns: number
  ): StandInSheet {
    return new StandInSheet(this, hfId, sheetId, name, maxRows, maxColumns);
  }

  beyondTheDocument(): BeyondTheDocument {
    const sheets = this.sheetObjects();
    return {
      developerMetadata: sheets.reduce((n, s) => n + s.metadata.length, 0),
      protections: sheets.reduce((n, s) => n + s.protections.length, 0),
      charts: sheets.reduce((n, s) => n + s.charts.length, 0),
      documentProperties: this.documentProperties.size,
    };
  }

  // ---- internal plumbing --------------------------------------------------------------------------

  count(kind: 'reads' | 'writes' | 'other'): void {
    this.calls[kind]++;
    this.drive.calls++;
    if (kind === 'writes') {
      this.requireEditAccess();
      this.file.touch();
    }
  }

  /**
   * Every change needs edit access to the file itself: Protection.addEditor does not share the file
   * (Google's reference), and a viewer's script cannot write. Google documents no message for this;
   * the text is ours.
   */
  requireEditAccess(): void {
    if (!this.canEditFile(this.actingUser)) throw new Error(NO_EDIT_ACCESS_MESSAGE);
  }

  /** The owner, then everyone the file is shared with for editing (as Spreadsheet.getEditors lists them). */
  fileEditorEmails(): string[] {
    return this.file.editorEmails();
  }

  canEditFile(email: string): boolean {
    return this.file.canEdit(email);
  }

  /**
   * A sharing change needs edit access, and the owner's role once writersCanShare is false
   * (developers.google.com/drive/api/guides/manage-sharing).
   */
  private requireShareAccess(): void {
    if (!this.file.canEdit(this.actingUser)) throw new Error(NO_EDIT_ACCESS_MESSAGE);
    if (!this.file.canShare(this.actingUser)) throw new Error(NO_SHARING_MESSAGE);
  }

  /**
   * An address Google can share with: "Invalid email: <address>" otherwise, which Apps Script also answers
   * for a well-formed address with no Google account behind it (reported of Spreadsheet.addViewer).
   */
  private shareableEmail(user: unknown): string {
    const email = emailOf(user).trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) || !this.drive.hasGoogleAccount(email)) {
      throw new Error(`Invalid email: ${email}`);
    }
    return email;
  }

  private addPeople(users: unknown[], role: 'writer' | 'reader'): void {
    this.requireShareAccess();
    const emails = users.map((u) => this.shareableEmail(u));
    for (const email of emails) {
      const before = this.file.directRole(email);
      this.file.grantRole(email, role);
      const after = this.file.directRole(email);
      // Google's standard invitation, with no message of the script's (facts 19 §4).
      if (after !== before && after !== 'owner') {
        this.drive.notifications.push({
          fileId: this.file.id,
          to: email,
          from: this.actingUser,
          role,
          message: null,
        });
      }
    }
  }

  entryContext(): EntryContext {
    return { locale: this.locale, timeZone: this.timeZone, now: this.now };
  }

  /** Throws unless `name` can name a sheet (other than `self`); returns it as a string. */
  checkSheetName(name: unknown, self?: StandInSheet): string {
    const n = String(name);
    if (n.trim() === '') throw new Error('Sheet names cannot be empty.');
    if (n.length > MAX_SHEET_NAME) {
      throw new Error(`The sheet name cannot be longer than ${MAX_SHEET_NAME} characters.`);
    }
    const clash = this.sheets.find((s) => s !== self && s.name.toLowerCase() === n.toLowerCase());
    if (clash) throw new Error(`A sheet with the name "${n}" already exists. Please enter another name.`);
    return n;
  }

  checkCellLimit(extra: number): void {
    if (this.cellCount() + extra > MAX_CELLS) {
      throw new Error(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`
      );
    }
  }

  /**
   * Protection enforcement: the owner always may; warning-only protections never block a script. A sheet
   * protection lets through a write that lies wholly inside one of its unprotected ranges
   * (Protection.setUnprotectedRanges); Google does not say how a write across two adjacent unprotected
   * ranges is judged, so the stricter reading refuses it, and a change to the sheet itself (rect null:
   * rename, frozen rows, a whole row inserted) is never inside one.
   */
  guardEdit(sheet: StandInSheet, rect: Rect | null): void {
    const user = this.actingUser;
    if (user.toLowerCase() === this.owner.toLowerCase()) return;
    this.requireEditAccess();
    for (const p of sheet.protections) {
      if (p.warningOnly || p.allows(user)) continue;
      if (p.rect === null) {
        if (rect !== null && p.unprotected.some((u) => contains(u, rect))) continue;
        throw new Error(PROTECTED_MESSAGE);
      }
      if (rect !== null && intersects(p.rect, rect)) throw new Error(PROTECTED_MESSAGE);
    }
  }

  activate(sheet: StandInSheet, rect: Rect | null): void {
    this.active = sheet;
    this.activeRect = rect ? { sheet, rect: { ...rect } } : null;
  }

  // ---- test helpers -------------------------------------------------------------------------------

  /** Who is running the script from now on (Session user); the owner by default. */
  actAs(email: string): void {
    this.actingUser = email;
  }

  resetCalls(): void {
    this.calls.reads = 0;
    this.calls.writes = 0;
    this.calls.other = 0;
  }

  /** Spreadsheet.deleteSheet: Tổng hợp drops the previous pair once the new one is in place; Chẩn đoán its scratch sheet. */
  deleteSheet(sheet: Sheet): void {
    this.count('writes');
    const s = this.sheets.find((x) => x === sheet);
    if (!s) throw new Error('Sheet not found.');
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    // Deleting a protected sheet takes edit rights on its protection, as editing it does (the reference is
    // silent on it: the stricter reading).
    this.guardEdit(s, null);
    this.removeSheet(s);
    if (this.active === s) this.activate(this.sheets[0], null);
  }

  /** Replaces the file's sharing list (edit access) as getEditors reports it (the owner is always included). */
  setFileEditors(emails: string[]): void {
    this.file.editors = emails.filter((e) => !this.file.isOwner(e));
  }

  /** Gives edit access to the file, as the owner does in the Share dialog (not a script call). */
  share(...emails: string[]): void {
    this.file.share('writer', ...emails);
  }

  /** Simulates another execution holding the document lock; call the result to release it. */
  holdDocumentLockElsewhere(): () => void {
    const token = {};
    if (this.lockHolder) throw new Error('The document lock is already held.');
    this.lockHolder = token;
    return () => {
      if (this.lockHolder === token) this.lockHolder = null;
    };
  }

  /** Sheet name and A1 of the active range (after Range.activate), else null. */
  activeRangeA1(): { sheet: string; a1: string } | null {
    return this.activeRect ? { sheet: this.activeRect.sheet.name, a1: rectA1(this.activeRect.rect) } : null;
  }

  activeSheetName(): string {
    return (this.active ?? this.sheets[0]).name;
  }

  // ---- Spreadsheet --------------------------------------------------------------------------------

  getId(): string {
    return this.file.id;
  }
  getUrl(): string {
    return this.file.url();
  }
  /** The file's name in Drive (Drive.Files.update may rename it). */
  getName(): string {
    return this.file.name;
  }
  getSheets(): Sheet[] {
    this.count('other');
    return [...this.sheets];
  }
  getSheetByName(name: string): Sheet | null {
    this.count('other');
    // Sheets matches sheet names exactly here.
    return this.sheets.find((s) => s.name === String(name)) ?? null;
  }
  insertSheet(sheetName: string, sheetIndex: number, options?: { template?: Sheet }): Sheet {
    this.count('writes');
    const name = this.checkSheetName(sheetName);
    if (typeof sheetIndex !== 'number' || !Number.isInteger(sheetIndex) || sheetIndex < 0) {
      throw new Error('Invalid argument: sheetIndex');
    }
    const template = options?.template;
    // "The sheet template must be one of the sheets of the Spreadsheet object" (Google's reference).
    if (template !== undefined && !this.sheets.some((s) => s === template)) {
      throw new Error('Invalid argument: template');
    }
    const from = template as StandInSheet | undefined;
    this.checkCellLimit(from ? from.maxRows * from.maxColumns : DEFAULT_ROWS * DEFAULT_COLUMNS);
    const sheet = this.addSheet(name, Math.min(sheetIndex, this.sheets.length));
    if (from) sheet.copyFrom(from);
    this.activate(sheet, null);
    return sheet;
  }
  getActiveSheet(): Sheet {
    this.count('other');
    return this.active ?? this.sheets[0];
  }
  /** The range last activated on the active sheet (Range.activate, as a click); else null, the stricter reading. */
  getActiveRange(): Range | null {
    this.count('other');
    const active = this.active ?? this.sheets[0];
    if (!this.activeRect || this.activeRect.sheet !== active) return null;
    const { r1, c1, r2, c2 } = this.activeRect.rect;
    return active.getRange(r1, c1, r2 - r1 + 1, c2 - c1 + 1);
  }
  setActiveSheet(sheet: Sheet): Sheet {
    this.count('other');
    const s = this.sheets.find((x) => x === sheet);
    if (!s) throw new Error('Invalid argument: sheet');
    this.activate(s, null);
    return s;
  }
  moveActiveSheet(pos: number): void {
    this.count('writes');
    const sheet = this.active ?? this.sheets[0];
    if (typeof pos !== 'number' || !Number.isInteger(pos) || pos < 1 || pos > this.sheets.length) {
      throw new Error('Invalid argument: pos');
    }
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.sheets.splice(pos - 1, 0, sheet);
  }
  getNamedRanges(): NamedRange[] {
    this.count('other');
    return [...this.named.values()].map((e) => new StandInNamedRange(e));
  }
  /** Sheet.getNamedRanges: the named ranges on one sheet (not counted here; the sheet counts the call). */
  namedRangesOf(sheet: StandInSheet): NamedRange[] {
    return [...this.named.values()].filter((e) => e.sheet === sheet).map((e) => new StandInNamedRange(e));
  }
  getRangeByName(name: string): Range | null {
    this.count('other');
    const e = this.named.get(String(name).toLowerCase());
    return e ? e.sheet.rangeOf(e.rect) : null;
  }
  setNamedRange(name: string, range: Range): void {
    this.count('writes');
    const n = String(name);
    if (!isValidRangeName(n)) throw new Error(`Invalid name: ${n}`);
    if (!(range instanceof StandInRange)) throw new Error('Invalid argument: range');
    this.defineName(n, range.sheet, range.rect);
  }
  removeNamedRange(name: string): void {
    this.count('writes');
    const entry = this.named.get(String(name).toLowerCase());
    if (!entry) throw new Error(`Named range ${name} not found.`);
    this.removeName(entry.name);
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new StandInMetadataFinder(this);
  }
  getEditors(): User[] {
    this.count('other');
    return this.fileEditorEmails().map((e) => new StandInUser(e));
  }
  getOwner(): User | null {
    this.count('other');
    return new StandInUser(this.owner);
  }
  getViewers(): User[] {
    this.count('other');
    return this.file.viewerEmails().map((e) => new StandInUser(e));
  }
  addEditor(emailAddress: string): Spreadsheet {
    this.count('other');
    this.addPeople([emailAddress], 'writer');
    return this;
  }
  addEditors(emailAddresses: string[]): Spreadsheet {
    this.count('other');
    if (!Array.isArray(emailAddresses)) throw new Error('Invalid argument: emailAddresses');
    this.addPeople(emailAddresses, 'writer');
    return this;
  }
  addViewer(emailAddress: string): Spreadsheet {
    this.count('other');
    this.addPeople([emailAddress], 'reader');
    return this;
  }
  addViewers(emailAddresses: string[]): Spreadsheet {
    this.count('other');
    if (!Array.isArray(emailAddresses)) throw new Error('Invalid argument: emailAddresses');
    this.addPeople(emailAddresses, 'reader');
    return this;
  }
  /** Editors and viewers alike lose their own access; the owner cannot be removed (our text). */
  removeEditor(emailAddress: string): Spreadsheet {
    this.count('other');
    this.requireShareAccess();
    const email = emailOf(emailAddress);
    if (this.file.isOwner(email)) throw new Error('The owner of a spreadsheet cannot be removed.');
    this.file.revoke(email);
    return this;
  }
  /** No effect on an editor (Google's first sentence; see the contract). */
  removeViewer(emailAddress: string): Spreadsheet {
    this.count('other');
    this.requireShareAccess();
    const email = emailOf(emailAddress);
    if (this.file.directRole(email) === 'reader') this.file.revoke(email);
    return this;
  }

  /**
   * Drive.Files.copy of this spreadsheet: a new spreadsheet in the same Drive, owned by `owner`, with every
   * sheet as it is here (what DocumentSheet.copyFrom carries: values, formulas, array formulas, formats,
   * notes, borders, merges, validation, conditional formats, widths, hidden columns, frozen rows, tab colour,
   * the hidden flag, the grid size), in the same order and under the same names, the named ranges (on the
   * copy's sheets), the sheets' developer metadata and charts, the locale and the time zone. Not copied:
   * protections (the stricter reading of conflicting reports, see Drive.Files.copy in drive-service.ts),
   * document properties (they belong to a script, and a unit's file has none), the active sheet, sharing.
   * Every sheet exists before any content is written, so formulas across sheets find theirs.
   */
  copyForDrive(owner: string, name: string): Workbook {
    const seed = this.sheets.map((s) => ({
      name: s.name,
      rows: [],
      maxRows: s.maxRows,
      maxColumns: s.maxColumns,
    }));
    const copy = new Workbook(
      { drive: this.drive, owner, name, locale: this.locale, timeZone: this.timeZone, now: this.now },
      seed
    );
    const twin = new Map(this.sheets.map((s, i) => [s, copy.sheets[i]] as const));
    // A chart's ranges are this spreadsheet's: the copy's chart reads the copy.
    const aimed = <R>(range: R): R => {
      const r = range as { sheet?: StandInSheet; rect?: Rect };
      const to = r.sheet ? twin.get(r.sheet) : undefined;
      return to && r.rect ? (to.rangeOf(r.rect) as R) : range;
    };
    for (const [from, to] of twin) {
      to.copyFrom(from);
      to.metadata = from.metadata.map((m) => new StandInDeveloperMetadata(to, m.key, m.value, m.visibility));
      to.charts = from.charts.map(
        (c) =>
          new StandInChart(
            c.type,
            c.ranges.map((r) => aimed(r)),
            c.position,
            c.options,
            to.sheetId
          )
      );
    }
    for (const entry of this.named.values()) {
      const to = twin.get(entry.sheet);
      if (to) copy.defineName(entry.name, to, entry.rect);
    }
    return copy;
  }

  /** Sheet.copyTo's other half: a copy of `source` (a sheet of any spreadsheet) as this one's last sheet. */
  receiveCopy(source: StandInSheet): StandInSheet {
    this.count('writes');
    const base = `Copy of ${source.name}`;
    const taken = (n: string) => this.sheets.some((s) => s.name.toLowerCase() === n.toLowerCase());
    let name = base;
    for (let n = 2; taken(name); n++) name = `${base} ${n}`;
    this.checkCellLimit(source.maxRows * source.maxColumns);
    const sheet = this.addSheet(name, this.sheets.length);
    sheet.copyFrom(source);
    return sheet;
  }
  getSpreadsheetLocale(): string {
    this.count('other');
    return this.locale;
  }
  /**
   * As in Sheets, the formulas already in the document keep their meaning and are shown in the new
   * locale's syntax (HyperFormula rebuilds them from its parsed form); new ones parse by the new locale.
   */
  setSpreadsheetLocale(locale: string): void {
    this.count('writes');
    this.relocale(String(locale));
  }

  getSpreadsheetTimeZone(): string {
    this.count('other');
    return this.timeZone;
  }
  /** As in Sheets, stored date serials keep their wall-clock meaning in the new zone. */
  setSpreadsheetTimeZone(timezone: string): void {
    this.count('writes');
    this.timeZone = String(timezone);
  }
  toast(msg: string, title: string, timeoutSeconds: number): void {
    this.count('other');
    this.toasts.push({ message: String(msg), title: String(title ?? ''), timeoutSeconds });
  }
}
