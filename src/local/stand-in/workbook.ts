/** The stand-in spreadsheet: HyperFormula holds the cells, this class holds everything else. */
import { ConfigParams, HyperFormula } from 'hyperformula';
import type { DeveloperMetadataFinder, NamedRange, User } from '../../gas/apps-script';
// What this file implements: production's view of Apps Script plus what tests read (inspection.ts).
import type {
  InspectedRange as Range,
  InspectedSheet as Sheet,
  InspectedSpreadsheet as Spreadsheet,
} from './inspection';
import { intersects, Rect, rectA1 } from './a1';
import { StandInMetadataFinder } from './metadata';
import { NO_EDIT_ACCESS_MESSAGE, PROTECTED_MESSAGE, StandInUser } from './protection';
import { StandInRange } from './range';
import { StandInSheet } from './sheet';
import type { EntryContext, RawContent } from './user-entered';
import { mayName, namesIn, readsOtherSheets, type DetachedContents } from './detached';
import {
  addColumns,
  covers,
  formulaReads,
  linkLabel,
  LOOSE_MIN_ROWS,
  looseContent,
  type ColumnSet,
} from './loose';
import { usesDecimalComma } from '../../core/formulas';
import { convertFormula, localeSyntax } from '../formula-syntax';
import { StandInDataValidation } from './builders';

export interface WorkbookOptions {
  /** Default 'owner@example.com'. */
  owner?: string;
  /** Default 'vi_VN'. */
  locale?: string;
  /** Default 'Asia/Ho_Chi_Minh'. */
  timeZone?: string;
  name?: string;
  now?: () => Date;
}

/** A sheet to create when building a workbook from existing contents (used by loadXlsx). */
/** A row of contents with the given (1-based) columns emptied. */
function withoutColumns(row: RawContent[], columns: Map<number, unknown>): RawContent[] {
  const out = row.slice();
  for (const c of columns.keys()) if (c - 1 < out.length) out[c - 1] = null;
  return out;
}

export interface SheetSeed {
  name: string;
  /** HyperFormula raw contents: text with a leading apostrophe, formulas with '='. */
  rows: RawContent[][];
  maxRows: number;
  maxColumns: number;
  /** Keep the contents out of HyperFormula until written (loadXlsx decides; see detached.ts). */
  detached?: DetachedContents;
}

/** Google's limit for a whole spreadsheet. */
export const MAX_CELLS = 10_000_000;
/** A new workbook's locale: tonghop's own (it sets vi_VN on first use). */
export const DEFAULT_LOCALE = 'vi_VN';
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;
const MAX_SHEET_NAME = 100;

/**
 * How formulas are written in a spreadsheet locale, as the Sheets UI writes them: in comma-decimal
 * locales (vi_VN…) ';' between arguments and ',' before decimals, so a formula with ',' between its
 * arguments fails to parse and reads back as #ERROR!. That is what public reports show of formulas
 * that scripts wrote with ',' in such locales (GOOGLE-FACTS.md: OntoMaton #15 and #36,
 * google-api-nodejs-client #1994, advanced-bidding-manager #1); Google's reference is silent, and the
 * other reading (setFormula always parses as en_US) would be kinder, so the stand-in takes this one.
 * Array literals follow the same pairing as in point-decimal locales; tonghop writes none.
 */
function formulaSeparators(
  locale: string
): Pick<
  ConfigParams,
  'functionArgSeparator' | 'decimalSeparator' | 'arrayColumnSeparator' | 'arrayRowSeparator'
> {
  return usesDecimalComma(locale)
    ? { functionArgSeparator: ';', decimalSeparator: ',', arrayColumnSeparator: ';', arrayRowSeparator: '|' }
    : { functionArgSeparator: ',', decimalSeparator: '.', arrayColumnSeparator: ',', arrayRowSeparator: ';' };
}

/** Sheets compares text case-insensitively but accent-sensitively, with wildcards, dates from 1899-12-30. */
export function hyperFormulaConfig(locale: string): Partial<ConfigParams> {
  return {
    licenseKey: 'gpl-v3',
    accentSensitive: true,
    caseSensitive: false,
    useWildcards: true,
    useRegularExpressions: false,
    maxRows: MAX_CELLS,
    evaluateNullToZero: true,
    nullDate: { year: 1899, month: 12, day: 30 },
    leapYear1900: false,
    ...formulaSeparators(locale),
    // No grouping marks inside a formula's numbers, in any locale.
    thousandSeparator: '',
    localeLang: locale.replace('_', '-'),
    dateFormats: ['DD/MM/YYYY', 'DD/MM/YY'],
    timeFormats: ['hh:mm', 'hh:mm:ss.sss'],
    // Sheets hands back the stored double (a date serial must survive to the millisecond).
    smartRounding: false,
    // The stand-in keeps no undo history: it only costs memory.
    undoLimit: 0,
    // Stored text always starts with an apostrophe: skip HyperFormula's costly date sniffing for it.
    parseDateTime: (text, dateFormat, timeFormat) =>
      text.charCodeAt(0) === 39
        ? undefined
        : HyperFormula.defaultConfig.parseDateTime(text, dateFormat, timeFormat),
  };
}

interface NamedEntry {
  name: string;
  sheet: StandInSheet;
  rect: Rect;
}

class StandInNamedRange implements NamedRange {
  constructor(private readonly entry: NamedEntry) {}
  getName(): string {
    return this.entry.name;
  }
  getRange(): Range {
    return this.entry.sheet.rangeOf(this.entry.rect);
  }
}

const NAMED_RANGE_RE = /^[A-Za-z_\u00C0-\u1EF9][A-Za-z0-9_\u00C0-\u1EF9]*$/;

function isValidRangeName(name: string): boolean {
  if (name.length < 1 || name.length > 250 || !NAMED_RANGE_RE.test(name)) return false;
  if (/^(true|false)$/i.test(name)) return false;
  // Not something that reads as A1 or R1C1.
  return !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
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
export class Workbook implements Spreadsheet {
  readonly hf: HyperFormula;
  readonly owner: string;
  actingUser: string;
  locale: string;
  timeZone: string;
  readonly name: string;
  readonly now: () => Date;
  readonly calls = { reads: 0, writes: 0, other: 0 };
  /** Document properties (PropertiesService.getDocumentProperties). */
  readonly documentProperties = new Map<string, string>();
  readonly toasts: { message: string; title: string; timeoutSeconds: number }[] = [];
  /** Who holds the document lock: an execution token, or null. */
  lockHolder: object | null = null;
  private readonly id: string;
  private sheets: StandInSheet[] = [];
  private readonly named = new Map<string, NamedEntry>();
  private fileEditors: string[] = [];
  private active: StandInSheet | null = null;
  private activeRect: { sheet: StandInSheet; rect: Rect } | null = null;
  private nextGid = 0;
  /** What formulas in HyperFormula read (loose.ts): by sheet, or by lower-case name for a sheet not there yet. */
  private readonly reads = new Map<StandInSheet | string, ColumnSet>();
  /** A formula reads what its text cannot tell (INDIRECT, OFFSET): no column may be loose. */
  private readsEverything = false;
  /** Lower-case names that formulas use, so a named range defined later counts as read. */
  private readonly usedNames = new Set<string>();
  private static instances = 0;

  constructor(opts: WorkbookOptions = {}, seed?: SheetSeed[]) {
    this.owner = opts.owner ?? 'owner@example.com';
    this.actingUser = this.owner;
    this.locale = opts.locale ?? DEFAULT_LOCALE;
    this.timeZone = opts.timeZone ?? 'Asia/Ho_Chi_Minh';
    this.name = opts.name ?? 'Tổng hợp';
    this.now = opts.now ?? (() => new Date());
    this.id = `stand-in-${++Workbook.instances}`;
    const config = hyperFormulaConfig(this.locale);
    if (seed && seed.length > 0) {
      // What every loaded formula reads is noted first (by sheet name: no sheet exists yet), so that a
      // loaded column no formula reads stays loose, as if it had been written in bulk (loose.ts): on a
      // re-run, the master list already in the file would otherwise fill HyperFormula beside the new one.
      for (const s of seed) if (!s.detached) this.noteFormulas(s.name.toLowerCase(), s.rows);
      const contents: Record<string, RawContent[][]> = {};
      const looseBySheet = new Map<string, Map<number, RawContent[]>>();
      for (const s of seed) {
        if (s.detached) {
          contents[s.name] = [];
          continue;
        }
        const loose = this.looseColumnsOf(s.name, s.rows);
        looseBySheet.set(s.name, loose);
        contents[s.name] = loose.size === 0 ? s.rows : s.rows.map((row) => withoutColumns(row, loose));
      }
      this.hf = HyperFormula.buildFromSheets(contents, config);
      for (const s of seed) {
        const hfId = this.hf.getSheetId(s.name) as number;
        const sheet = new StandInSheet(this, hfId, this.newGid(), s.name, s.maxRows, s.maxColumns);
        sheet.detached = s.detached ?? null;
        for (const [c, column] of looseBySheet.get(s.name) ?? []) sheet.loose.set(c, column);
        this.sheets.push(sheet);
      }
      // Entries by name become entries by sheet, as noteFormulas makes them once the sheet exists.
      for (const sheet of this.sheets) {
        const lower = sheet.name.toLowerCase();
        const byName = this.reads.get(lower);
        if (byName === undefined) continue;
        this.reads.delete(lower);
        for (const c of byName === 'all' ? ['all' as const] : byName)
          addColumns(this.reads, sheet, c === 'all' ? 'all' : { c1: c, c2: c });
      }
    } else {
      this.hf = HyperFormula.buildEmpty(config);
      this.addSheet(this.locale.startsWith('vi') ? 'Trang tính1' : 'Sheet1', 0);
    }
  }

  // ---- internal plumbing --------------------------------------------------------------------------

  count(kind: 'reads' | 'writes' | 'other'): void {
    this.calls[kind]++;
    if (kind === 'writes') this.requireEditAccess();
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
    const owner = this.owner.toLowerCase();
    return [this.owner, ...this.fileEditors.filter((e) => e.toLowerCase() !== owner)];
  }

  canEditFile(email: string): boolean {
    const e = email.toLowerCase();
    return e === this.owner.toLowerCase() || this.fileEditors.some((x) => x.toLowerCase() === e);
  }

  /** Writes are batched: evaluation resumes lazily before the next read. */
  beginWrite(): void {
    if (!this.hf.isEvaluationSuspended()) this.hf.suspendEvaluation();
  }

  evaluated(): HyperFormula {
    if (this.hf.isEvaluationSuspended()) this.hf.resumeEvaluation();
    return this.hf;
  }

  /** Attaches the detached sheets that formulas about to be written read, by sheet name or range name. */
  attachReadBy(contents: RawContent[][]): void {
    const detached = this.sheets.filter((s) => s.detached);
    if (detached.length === 0) return;
    const separator = this.argumentSeparator();
    for (const row of contents) {
      for (const content of row) {
        if (typeof content !== 'string' || content.charCodeAt(0) !== 61) continue;
        // A plain link (loose.ts) reads no cell and no name.
        if (linkLabel(content, separator) !== null) continue;
        if (readsOtherSheets(content)) {
          const lower = content.toLowerCase();
          for (const s of detached) if (mayName(lower, s.name)) s.attach();
        }
        for (const name of namesIn(content)) this.named.get(name.toLowerCase())?.sheet.attach();
      }
    }
  }

  /**
   * Notes which columns the formulas among `contents` (entering HyperFormula on `sheet`) read, and
   * moves loose columns they read into HyperFormula (loose.ts).
   */
  noteFormulas(sheet: StandInSheet | string, contents: RawContent[][]): void {
    const touched = new Set<StandInSheet | string>();
    const separator = this.argumentSeparator();
    for (const row of contents) {
      for (const content of row) {
        if (typeof content !== 'string' || content.charCodeAt(0) !== 61) continue;
        if (linkLabel(content, separator) !== null) continue;
        const found = formulaReads(content);
        if (found === 'unknowable') {
          this.readsEverything = true;
          for (const s of this.sheets) s.attachLoose();
          continue;
        }
        for (const ref of found.refs) {
          const key = ref.sheetName === null ? sheet : this.sheetKey(ref.sheetName);
          addColumns(this.reads, key, ref.columns);
          touched.add(key);
        }
        for (const name of found.names) {
          const lower = name.toLowerCase();
          this.usedNames.add(lower);
          const entry = this.named.get(lower);
          if (entry) {
            addColumns(this.reads, entry.sheet, { c1: entry.rect.c1, c2: entry.rect.c2 });
            touched.add(entry.sheet);
          }
        }
      }
    }
    for (const s of this.sheets) {
      if (s.loose.size > 0 && (touched.has(s) || touched.has(s.name.toLowerCase())))
        s.attachLoose((c) => this.isRead(s, c));
    }
  }

  /**
   * The columns of a loaded sheet that may stay loose: at least LOOSE_MIN_ROWS rows of loose contents
   * (loose.ts) and no formula reading them. 1-based column → contents by 0-based row.
   */
  private looseColumnsOf(name: string, rows: RawContent[][]): Map<number, RawContent[]> {
    const loose = new Map<number, RawContent[]>();
    if (this.readsEverything || rows.length < LOOSE_MIN_ROWS) return loose;
    const separator = this.argumentSeparator();
    const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
    const key = name.toLowerCase();
    for (let j = 0; j < width; j++) {
      if (covers(this.reads.get(key), j + 1)) continue;
      let filled = 0;
      let plain = true;
      for (let i = 0; i < rows.length && plain; i++) {
        const v = rows[i][j];
        if (v === null || v === undefined) continue;
        filled++;
        plain = looseContent(v, separator);
      }
      if (!plain || filled < LOOSE_MIN_ROWS) continue;
      let end = rows.length;
      while (end > 0 && (rows[end - 1][j] ?? null) === null) end--;
      const column: RawContent[] = new Array<RawContent>(end);
      for (let i = 0; i < end; i++) column[i] = rows[i][j] ?? null;
      loose.set(j + 1, column);
    }
    return loose;
  }

  private sheetKey(name: string): StandInSheet | string {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower) ?? lower;
  }

  /** The argument separator of formulas under the workbook's locale (HyperFormula's, loose links'). */
  argumentSeparator(): ';' | ',' {
    return formulaSeparators(this.locale).functionArgSeparator === ';' ? ';' : ',';
  }

  /** Whether a formula may read this column of this sheet (then it is never loose). */
  isRead(sheet: StandInSheet, column: number): boolean {
    return (
      this.readsEverything ||
      covers(this.reads.get(sheet), column) ||
      covers(this.reads.get(sheet.name.toLowerCase()), column)
    );
  }

  /**
   * After columns move, what formulas read of the sheet is no longer known by column. A sheet that
   * no formula reads yet keeps no entry: every formula that comes later is noted as it enters
   * (noteFormulas), so its columns may still be loose (a new output sheet is sized with
   * insertColumnsAfter/deleteColumns before its rows are written).
   */
  readsAllOf(sheet: StandInSheet): void {
    if (this.reads.has(sheet) || this.reads.has(sheet.name.toLowerCase())) this.reads.set(sheet, 'all');
  }

  entryContext(): EntryContext {
    return { locale: this.locale, timeZone: this.timeZone, now: this.now };
  }

  sheetObjects(): StandInSheet[] {
    return this.sheets;
  }

  private newGid(): number {
    const n = this.nextGid++;
    return n === 0 ? 0 : (n * 1_234_567_891) % 2_147_483_647;
  }

  private addSheet(name: string, index: number): StandInSheet {
    this.beginWrite();
    const hfName = this.hf.addSheet(name);
    const sheet = new StandInSheet(
      this,
      this.hf.getSheetId(hfName) as number,
      this.newGid(),
      name,
      DEFAULT_ROWS,
      DEFAULT_COLUMNS
    );
    this.sheets.splice(index, 0, sheet);
    return sheet;
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

  /** Protection enforcement: the owner always may; warning-only protections never block a script. */
  guardEdit(sheet: StandInSheet, rect: Rect | null): void {
    const user = this.actingUser;
    if (user.toLowerCase() === this.owner.toLowerCase()) return;
    this.requireEditAccess();
    for (const p of sheet.protections) {
      if (p.warningOnly || p.allows(user)) continue;
      if (p.rect === null || (rect !== null && intersects(p.rect, rect))) throw new Error(PROTECTED_MESSAGE);
    }
  }

  activate(sheet: StandInSheet, rect: Rect | null): void {
    this.active = sheet;
    this.activeRect = rect ? { sheet, rect: { ...rect } } : null;
  }

  shiftNamedRanges(sheet: StandInSheet, move: (r: Rect) => Rect | null): void {
    for (const [key, entry] of this.named) {
      if (entry.sheet !== sheet) continue;
      const rect = move(entry.rect);
      if (rect) entry.rect = rect;
      else this.named.delete(key);
    }
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

  /** Sum over sheets of maxRows × maxColumns (Google caps it at 10,000,000). */
  cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
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
    this.beginWrite();
    this.hf.removeSheet(s.hfId);
    this.sheets = this.sheets.filter((x) => x !== s);
    // What formulas read of it now goes by its name (a sheet of that name may come); its arrays go.
    const read = this.reads.get(s);
    if (read === 'all') addColumns(this.reads, s.name.toLowerCase(), 'all');
    else for (const c of read ?? []) addColumns(this.reads, s.name.toLowerCase(), { c1: c, c2: c });
    this.reads.delete(s);
    s.loose.clear();
    for (const [key, entry] of this.named) if (entry.sheet === s) this.named.delete(key);
    if (this.active === s) this.activate(this.sheets[0], null);
  }

  /** Replaces the file's sharing list (edit access) as getEditors reports it (the owner is always included). */
  setFileEditors(emails: string[]): void {
    this.fileEditors = [...emails];
  }

  /** Gives edit access to the file, as the owner does in the Share dialog (not a script call). */
  share(...emails: string[]): void {
    for (const email of emails.flatMap((e) => e.split(',')).map((e) => e.trim())) {
      if (email !== '' && !this.canEditFile(email)) this.fileEditors.push(email);
    }
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

  /** Inspection without counting calls. */
  sheet(name: string): StandInSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named ${name}`);
    return s;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  namedRangeEntries(): { name: string; sheet: StandInSheet; rect: Rect }[] {
    return [...this.named.values()].map((e) => ({ name: e.name, sheet: e.sheet, rect: { ...e.rect } }));
  }

  namedRangeA1s(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.named.values()) out[e.name] = `${e.sheet.name}!${rectA1(e.rect)}`;
    return out;
  }

  // ---- Spreadsheet --------------------------------------------------------------------------------

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
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
    this.removeNamed(n);
    this.named.set(n.toLowerCase(), { name: n, sheet: range.sheet, rect: { ...range.rect } });
    if (this.usedNames.has(n.toLowerCase())) {
      addColumns(this.reads, range.sheet, { c1: range.rect.c1, c2: range.rect.c2 });
      range.sheet.attachLoose((c) => this.isRead(range.sheet, c));
    }
    // Mirror it in HyperFormula so formulas can use the name; it follows renames by sheet id.
    const quoted = `'${range.sheet.name.replace(/'/g, "''")}'`;
    const abs = rectA1(range.rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
    try {
      this.beginWrite();
      this.hf.addNamedExpression(n, `=${quoted}!${abs}`);
    } catch {
      // A name HyperFormula cannot hold stays usable through getRangeByName.
    }
  }
  private removeNamed(name: string): boolean {
    const had = this.named.delete(name.toLowerCase());
    if (had) {
      try {
        this.beginWrite();
        this.hf.removeNamedExpression(name);
      } catch {
        // Not mirrored in HyperFormula.
      }
    }
    return had;
  }
  removeNamedRange(name: string): void {
    this.count('writes');
    const entry = this.named.get(String(name).toLowerCase());
    if (!entry) throw new Error(`Named range ${name} not found.`);
    this.removeNamed(entry.name);
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
    const [from, to] = [localeSyntax(this.locale), localeSyntax(String(locale))];
    // Loose link formulas are written in the old separators: HyperFormula translates them below.
    if (from !== to) for (const sheet of this.sheets) sheet.attachLoose();
    this.locale = String(locale);
    const hf = this.evaluated();
    // HyperFormula re-reads its formulas' text under the new separators: translate that text first.
    // A formula that did not parse stays as typed (Sheets would have nothing to translate either).
    const rewrites: { sheet: StandInSheet; row: number; col: number; formula: string }[] = [];
    if (from !== to) {
      for (const sheet of this.sheets) {
        hf.getSheetFormulas(sheet.hfId).forEach((cells, row) =>
          cells.forEach((formula, col) => {
            if (formula && hf.validateFormula(formula)) {
              rewrites.push({ sheet, row, col, formula: convertFormula(formula, from, to) });
            }
          })
        );
      }
    }
    // Custom rules of data validation are formulas too.
    const rules = new Map<StandInDataValidation, StandInDataValidation>();
    if (from !== to) {
      for (const op of this.sheets.flatMap((sheet) => sheet.validations.ops)) {
        const rule = op.value;
        if (!rule || rule.criteria !== 'CUSTOM_FORMULA' || !hf.validateFormula(String(rule.values[0])))
          continue;
        if (!rules.has(rule)) {
          const formula = convertFormula(String(rule.values[0]), from, to);
          rules.set(
            rule,
            new StandInDataValidation(rule.criteria, [formula], rule.allowInvalid, rule.helpText)
          );
        }
        op.value = rules.get(rule);
      }
    }
    const names = this.sheets.map((sheet) => hf.getSheetName(sheet.hfId) as string);
    hf.updateConfig({ ...formulaSeparators(this.locale), localeLang: this.locale.replace('_', '-') });
    // The rebuilt engine numbers its sheets afresh.
    this.sheets.forEach((sheet, i) => (sheet.hfId = hf.getSheetId(names[i]) as number));
    if (rewrites.length > 0) {
      this.beginWrite();
      for (const { sheet, row, col, formula } of rewrites) {
        hf.setCellContents({ sheet: sheet.hfId, row, col }, formula);
      }
    }
  }

  /** Whether a formula parses in the spreadsheet's locale (custom rules of validation are checked so). */
  formulaParses(formula: string): boolean {
    return formula.startsWith('=') && this.hf.validateFormula(formula);
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
