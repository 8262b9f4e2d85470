/**
 * The stand-in's Google Drive: the spreadsheets (each a Workbook) and folders that one session's people
 * own and share, with the rules of Drive that the office's script meets when it reaches the units' files.
 *
 * - A file has an owner, editors and viewers, link sharing ("anyone with the link", none by default),
 *   `writersCanShare` (default true), a trashed flag, parents and a modified time. Folder sharing passes to
 *   everything inside ("permissions on a folder propagate to every child", developers.google.com/drive/api/guides/manage-sharing).
 * - Who may change sharing: "the user must have role=writer or role=owner. If the writersCanShare boolean is
 *   set to False for the file, the user must have role=owner" (same page). Who may trash or delete: the
 *   owner only (developers.google.com/drive/api/guides/delete). "If you're the owner of the file, others can
 *   continue to access it until the file is deleted forever" (support.google.com/drive/answer/14933051).
 * - The acting user is the session's: `Workbook.actAs(email)` sets it for every file of the Drive.
 * - drive.file grants, per user: "File authorization is granted on a per-user basis" (Drive's older scope
 *   table); the creator of a file gets its grant when the app creates it, nobody else (GOOGLE-FACTS 19 §2).
 * - The per-user quotas outlive an execution: they live here, read against the session's clock.
 *
 * The advanced Drive service over it is drive-service.ts; SpreadsheetApp.openById is `openSpreadsheet`.
 */
import { createHash } from 'node:crypto';
import type { Workbook } from './workbook';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

/** Google's messages (sources in the README's stand-in section). */
export const NO_DOCUMENT_ACCESS = 'You do not have permission to access the requested document.';
export const DAILY_SPREADSHEETS_MESSAGE = 'Service invoked too many times for one day: spreadsheets.';
/** Google documents no text for a refused sharing change through SpreadsheetApp: this one is ours. */
export const NO_SHARING_MESSAGE = 'You do not have permission to change the sharing of this spreadsheet.';

/** The thrown error's `details`, as Apps Script's GoogleJsonResponseException carries them. */
export interface DriveErrorDetails {
  code: number;
  message: string;
  errors: { domain: string; reason: string; message: string }[];
}

/**
 * A Drive API failure as the advanced service throws it: "API call to drive.files.get failed with error:
 * <message>" (reported, GOOGLE-FACTS 19 §1), named GoogleJsonResponseException, with Drive's `details`.
 */
export function driveError(call: string, code: number, reason: string, message: string): Error {
  const error = new Error(`API call to ${call} failed with error: ${message}`);
  error.name = 'GoogleJsonResponseException';
  const details: DriveErrorDetails = { code, message, errors: [{ domain: 'global', reason, message }] };
  Object.assign(error, { details });
  return error;
}

export type Role = 'owner' | 'writer' | 'reader';
/** General access: who else may open the file with its link. */
export type LinkAccess = 'none' | 'reader' | 'writer';

const RANK: Record<Role, number> = { reader: 1, writer: 2, owner: 3 };
const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60 * 1000;

export const normalEmail = (email: string): string => String(email).trim().toLowerCase();

function higher(a: Role | null, b: Role | null): Role | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** An email Google sent: an invitation to a file (Spreadsheet.addEditor, Drive.Permissions.create). */
export interface Notification {
  fileId: string;
  to: string;
  from: string;
  role: 'writer' | 'reader';
  /** The custom text (Drive.Permissions.create's emailMessage), or null: Google's standard invitation. */
  message: string | null;
}

export interface FileInit {
  id?: string;
  name: string;
  mimeType: string;
  owner: string;
  parents?: string[];
}

export class DriveFile {
  name: string;
  owner: string;
  /** Everyone shared for editing, apart from the owner (as typed; compared in lower case). */
  editors: string[] = [];
  /** Everyone shared for viewing or commenting, apart from the editors. */
  viewers: string[] = [];
  writersCanShare = true;
  /**
   * Drive's appProperties: "A collection of arbitrary key-value pairs which are private to the requesting
   * app" (v3 File). The stand-in has one app, so whoever the API lets reach the file sees them.
   */
  appProperties: Record<string, string> = {};
  /** "A short description of the file" (v3 File); empty: none (v3 then leaves the field out). */
  description = '';
  trashed = false;
  parents: string[];
  linkAccess: LinkAccess = 'none';
  /**
   * Published to the web (File → Share → Publish to web): Drive keeps it on the file's revisions, "Whether
   * this revision is published" and "Whether subsequent revisions will be automatically republished" (v3
   * Revision.published, publishAuto; developers.google.com/drive/api/guides/manage-revisions). The stand-in
   * has one revision per file, the head.
   */
  published = false;
  publishAuto = false;
  /**
   * Version history (File → Version history), when the Drive keeps it (`keepHistory`): each version's text,
   * every cell's value and formula. "Revisions for Google Docs, Sheets, and Slides can't be downloaded" and
   * "can't be deleted" (developers.google.com/drive/api/guides/manage-revisions, revisions.delete), so the
   * API shows none of it; an editor opens it in Sheets ("writer … can access historical revisions", the
   * roles table, developers.google.com/drive/api/guides/ref-roles). Gone only with the file deleted for ever.
   */
  readonly history: string[] = [];
  /** The spreadsheet's write count when its last version was recorded. */
  historyWrites = -1;
  readonly createdTime: Date;
  modifiedTime: Date;
  /** Who made it with Drive.Files.create (null: it was put into the Drive, as the office's own file is). */
  createdBy: string | null = null;
  /** Users for whom the app holds this file's drive.file grant (lower case). */
  readonly grants = new Set<string>();
  private book: Workbook | null = null;
  private pending: (() => Workbook | null) | null = null;
  deleted = false;

  constructor(
    readonly drive: Drive,
    readonly id: string,
    readonly mimeType: string,
    init: FileInit
  ) {
    this.name = init.name;
    this.owner = init.owner;
    this.parents = [...(init.parents ?? [])];
    this.createdTime = drive.now();
    this.modifiedTime = this.createdTime;
  }

  /** The spreadsheet, for a spreadsheet; null for a folder. One left to load (deferWorkbook) loads now. */
  get workbook(): Workbook | null {
    const load = this.pending;
    if (load) {
      this.pending = null;
      this.book = load();
    }
    return this.book;
  }
  set workbook(book: Workbook | null) {
    this.pending = null;
    this.book = book;
  }

  /** The spreadsheet if it is in memory: one left to load stays unloaded. */
  get loadedWorkbook(): Workbook | null {
    return this.book;
  }

  /**
   * Its spreadsheet is loaded when something first asks for it: the CLI's units' files, read on a worker
   * thread while Tổng hợp already runs (src/cli/unit-folder.ts). `load` may give null (the file turned out
   * unreadable); it should then have taken the file off the Drive, as a file that is not there.
   */
  deferWorkbook(load: () => Workbook | null): void {
    this.pending = load;
  }

  get isFolder(): boolean {
    return this.mimeType === FOLDER_MIME;
  }

  /** What the file's own sharing gives `email`: owner, writer, reader, or null. */
  directRole(email: string): Role | null {
    const e = normalEmail(email);
    if (normalEmail(this.owner) === e) return 'owner';
    if (this.editors.some((x) => normalEmail(x) === e)) return 'writer';
    if (this.viewers.some((x) => normalEmail(x) === e)) return 'reader';
    return null;
  }

  /** What `email` gets from the folders above (a folder's owner, editors and viewers reach every child). */
  inheritedRole(email: string, seen = new Set<string>()): Role | null {
    let role: Role | null = null;
    for (const id of this.parents) {
      const parent = this.drive.file(id);
      if (!parent || seen.has(id)) continue;
      seen.add(id);
      const fromParent = parent.directRole(email) ?? parent.inheritedRole(email, seen);
      // The owner of a folder is an editor of what others put in it.
      role = higher(role, fromParent === 'owner' ? 'writer' : fromParent);
    }
    return role;
  }

  /** Everything `email` may do here: own sharing, the folders' and the link's. */
  role(email: string): Role | null {
    const link: Role | null = this.linkAccess === 'none' ? null : this.linkAccess;
    return higher(higher(this.directRole(email), this.inheritedRole(email)), link);
  }

  canView(email: string): boolean {
    return !this.deleted && this.role(email) !== null;
  }

  canEdit(email: string): boolean {
    const role = this.role(email);
    return !this.deleted && (role === 'owner' || role === 'writer');
  }

  /** Sharing changes: the owner, or an editor (not by link) while writersCanShare is true. */
  canShare(email: string): boolean {
    if (this.deleted) return false;
    const role = higher(this.directRole(email), this.inheritedRole(email));
    return role === 'owner' || (role === 'writer' && this.writersCanShare);
  }

  isOwner(email: string): boolean {
    return normalEmail(this.owner) === normalEmail(email);
  }

  /** The owner, then the editors, the folders' included (Spreadsheet.getEditors). */
  editorEmails(): string[] {
    const out = [this.owner, ...this.editors];
    for (const email of this.inheritedPeople()) if (this.inheritedRole(email) === 'writer') out.push(email);
    return dedupe(out);
  }

  /** Everyone who may open it by name: owner, editors, viewers, the folders' included (Spreadsheet.getViewers). */
  viewerEmails(): string[] {
    return dedupe([...this.editorEmails(), ...this.viewers, ...this.inheritedPeople()]);
  }

  private inheritedPeople(seen = new Set<string>()): string[] {
    const out: string[] = [];
    for (const id of this.parents) {
      const parent = this.drive.file(id);
      if (!parent || seen.has(id)) continue;
      seen.add(id);
      out.push(parent.owner, ...parent.editors, ...parent.viewers, ...parent.inheritedPeople(seen));
    }
    return out;
  }

  /** A change to the contents (any write through SpreadsheetApp). */
  touch(): void {
    this.modifiedTime = this.drive.now();
  }

  url(): string {
    return this.isFolder
      ? `https://drive.google.com/drive/folders/${this.id}`
      : `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  /** Gives `email` a role, as the Share dialog does: an editor is never demoted by being added as a viewer. */
  grantRole(email: string, role: 'writer' | 'reader'): void {
    const e = normalEmail(email);
    if (this.isOwner(e)) return;
    if (role === 'writer') {
      this.viewers = this.viewers.filter((x) => normalEmail(x) !== e);
      if (!this.editors.some((x) => normalEmail(x) === e)) this.editors.push(email.trim());
    } else if (this.directRole(e) === null) {
      this.viewers.push(email.trim());
    }
  }

  /** Takes away `email`'s own access (editor or viewer); the owner stays. */
  revoke(email: string): void {
    const e = normalEmail(email);
    this.editors = this.editors.filter((x) => normalEmail(x) !== e);
    this.viewers = this.viewers.filter((x) => normalEmail(x) !== e);
  }

  // ---- test helpers: what people do in Drive's own screens, not through a script ----------------

  /** Shares the file, as the owner does in the Share dialog. */
  share(role: 'writer' | 'reader', ...emails: string[]): void {
    for (const email of emails.flatMap((e) => e.split(',')).map((e) => e.trim())) {
      if (email !== '') this.grantRole(email, role);
    }
  }

  unshare(...emails: string[]): void {
    for (const email of emails) this.revoke(email);
  }

  /** "Anyone with the link can view / edit", as a careless owner might set it. */
  setLinkAccess(access: LinkAccess): void {
    this.linkAccess = access;
  }

  /**
   * What `as` can open in Version history: every version's text, for an editor; nothing for a reader (no
   * version history), for someone without access, or once the file is deleted for ever. In the trash, an
   * editor it is shared with still opens it (support.google.com/drive/answer/14933051), history included.
   */
  versionHistory(as: string): string[] {
    return this.canEdit(as) ? [...this.history] : [];
  }

  /**
   * File → Share → Publish to web, as the owner (or an editor while writersCanShare is true: "editors can
   * publish only if 'Editors can change permissions and share' is on", support.google.com/drive/answer/114818).
   */
  publishToWeb(as: string = this.owner): void {
    if (!this.canShare(as)) throw new Error('Only people who can share this file can publish it.');
    this.published = true;
    this.publishAuto = true;
  }
}

function dedupe(emails: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const email of emails) {
    const e = normalEmail(email);
    if (e === '' || seen.has(e)) continue;
    seen.add(e);
    out.push(email);
  }
  return out;
}

export interface DriveOptions {
  now?: () => Date;
  actingUser?: string;
  /**
   * Mixed into every new id. Tests leave it out (the same ids each run); the CLI gives each run its own, so
   * that a file made today never takes the id a Cấu hình saved yesterday links to another file.
   */
  idSeed?: string;
}

export class Drive {
  /** Who runs the script now, for every file (`Workbook.actAs`). */
  actingUser: string;
  /** The session's clock: quotas, created and modified times. The runtime points it at its virtual clock. */
  now: () => Date;
  /**
   * The latest moment an earlier session on these files reached (ms; 0 when none is known). Real time only
   * moves forward: a session's clock, which runs ahead of the machine's by each call's modelled cost, starts
   * no earlier, so a later command never stamps a moment before an earlier command's stamps.
   */
  notBefore = 0;
  /**
   * Counted service calls through any of the Drive's spreadsheets and the Drive API, ever: the execution
   * layer prices a call when this moves.
   */
  calls = 0;
  /** Emails Google sent for sharing changes, in order. */
  readonly notifications: Notification[] = [];
  /** Whether spreadsheets keep a version history (issue 25's erasure tests; off at ward scale: it reads every cell). */
  keepHistory = false;
  private readonly byId = new Map<string, DriveFile>();
  private readonly created: DriveFile[] = [];
  private serial = 0;
  private readonly creations = new Map<string, { since: number; count: number }>();
  private readonly requests = new Map<string, number[]>();
  private readonly withoutAccount = new Set<string>();
  private readonly idSeed: string;

  constructor(opts: DriveOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.actingUser = opts.actingUser ?? 'owner@example.com';
    this.idSeed = opts.idSeed ?? '';
  }

  /**
   * A new id shaped like Google's (44 characters of base64url), the same for the same Drive, seed and order,
   * and never one the Drive already holds (a file put in under its own id).
   */
  newId(): string {
    let id: string;
    do {
      this.serial++;
      const digest = createHash('sha256')
        .update(`tonghop-stand-in-${this.idSeed}${this.serial}`)
        .digest('base64url');
      id = `1${digest.slice(0, 43)}`;
    } while (this.byId.has(id));
    return id;
  }

  /** Adds a file under a new id, or the given one (which must be free). */
  addFile(init: FileInit): DriveFile {
    const id = init.id ?? this.newId();
    if (this.byId.has(id)) throw new Error(`The Drive already holds a file with id ${id}.`);
    const file = new DriveFile(this, id, init.mimeType, init);
    this.byId.set(id, file);
    return file;
  }

  /** The file with this id, unless deleted forever (trashed files are still there). */
  file(id: string): DriveFile | undefined {
    const file = this.byId.get(String(id));
    return file && !file.deleted ? file : undefined;
  }

  /** Records a file made through Drive.Files.create: its creator holds its drive.file grant. */
  noteCreated(file: DriveFile, by: string): void {
    file.createdBy = by;
    file.grants.add(normalEmail(by));
    this.created.push(file);
  }

  /**
   * SpreadsheetApp.openById as the acting user: refused without at least view access, and for an id that
   * is no spreadsheet (Google's message for the first, reported; the same for the second, the stricter
   * reading). Someone a trashed file is shared with still opens it.
   */
  openSpreadsheet(id: string): Workbook {
    const file = this.file(id);
    // Access first: a refusal never loads a deferred spreadsheet.
    if (!file || !file.canView(this.actingUser) || !file.workbook) throw new Error(NO_DOCUMENT_ACCESS);
    return file.workbook;
  }

  /** Deletes for ever; a folder takes with it what inside it its owner owns (files.delete reference). */
  deleteForever(file: DriveFile): void {
    file.deleted = true;
    this.byId.delete(file.id);
    if (!file.isFolder) return;
    for (const child of [...this.byId.values()]) {
      if (child.parents.includes(file.id) && child.isOwner(file.owner)) this.deleteForever(child);
    }
  }

  /**
   * Records a version of every spreadsheet written since its last (the runtime calls it as an execution
   * ends; Sheets saves versions as people edit): its cells' values and formulas as text. Uncounted.
   */
  recordVersions(): void {
    if (!this.keepHistory) return;
    for (const file of this.byId.values()) {
      // One never loaded has no new version.
      const book = file.loadedWorkbook;
      if (!book || file.deleted || book.calls.writes === file.historyWrites) continue;
      const calls = { ...book.calls };
      const driveCalls = this.calls;
      const text = book
        .getSheets()
        .map((sheet) => {
          const range = sheet.getDataRange();
          return `${sheet.getName()}\n${JSON.stringify(range.getValues())}\n${JSON.stringify(range.getFormulas())}`;
        })
        .join('\n');
      Object.assign(book.calls, calls);
      this.calls = driveCalls;
      file.historyWrites = book.calls.writes;
      if (file.history.at(-1) !== text) file.history.push(text);
    }
  }

  /** Counts a spreadsheet created by `user`; throws Google's message past the day's quota. */
  countSpreadsheetCreation(user: string, perDay: number): void {
    const key = normalEmail(user);
    const now = this.now().getTime();
    let entry = this.creations.get(key);
    if (!entry || now - entry.since >= DAY_MS) entry = { since: now, count: 0 };
    if (entry.count >= perDay) throw new Error(DAILY_SPREADSHEETS_MESSAGE);
    entry.count++;
    this.creations.set(key, entry);
  }

  /** Counts a Drive API request by `user`; false past the per-minute quota (the request is refused). */
  countDriveRequest(user: string, perMinute: number): boolean {
    const key = normalEmail(user);
    const now = this.now().getTime();
    const recent = (this.requests.get(key) ?? []).filter((t) => now - t < MINUTE_MS);
    if (recent.length >= perMinute) {
      this.requests.set(key, recent);
      return false;
    }
    recent.push(now);
    this.requests.set(key, recent);
    return true;
  }

  /** Whether Google knows a Google account for this address (Spreadsheet.addEditor refuses others). */
  hasGoogleAccount(email: string): boolean {
    return !this.withoutAccount.has(normalEmail(email));
  }

  // ---- what tests and the CLI read and set beyond Apps Script --------------------------------------

  /** Every file, trashed ones included, in the order they came in. */
  files(): DriveFile[] {
    return [...this.byId.values()];
  }

  /** The spreadsheets, trashed ones included. */
  spreadsheets(): DriveFile[] {
    return this.files().filter((f) => f.mimeType === SPREADSHEET_MIME);
  }

  /** Files made through Drive.Files.create, in order (what a run created, for the CLI to save). */
  createdFiles(): DriveFile[] {
    return this.created.filter((f) => !f.deleted);
  }

  /**
   * Puts an existing spreadsheet (one loaded from .xlsx, say) into this Drive under `id` (a new one if
   * absent), owned by `owner` (its current owner if absent). It leaves the Drive it was in.
   */
  adopt(
    workbook: Workbook,
    opts: { id?: string; owner?: string; name?: string; parents?: string[] } = {}
  ): DriveFile {
    return workbook.moveToDrive(this, opts);
  }

  /** The drive.file grant `email` would get by picking the file in a Picker. */
  grantApp(email: string, id: string): void {
    this.file(id)?.grants.add(normalEmail(email));
  }

  /** Spreadsheets `email` created in the current quota window (0 once the day is over). */
  spreadsheetsCreatedToday(email: string): number {
    const entry = this.creations.get(normalEmail(email));
    if (!entry || this.now().getTime() - entry.since >= DAY_MS) return 0;
    return entry.count;
  }

  /** Drive's own Trash button, pressed by the owner (not a script call). */
  trashAsOwner(id: string): void {
    const file = this.file(id);
    if (!file) throw new Error(`No file ${id}.`);
    file.trashed = true;
  }

  /** An address with no Google account behind it: SpreadsheetApp cannot share with it. */
  markWithoutGoogleAccount(...emails: string[]): void {
    for (const email of emails) this.withoutAccount.add(normalEmail(email));
  }
}
