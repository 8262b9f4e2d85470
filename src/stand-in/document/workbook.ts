/**
 * The document: a workbook of sheets whose cells and formulas live in one HyperFormula, its named
 * ranges, and what its formulas read (which decides the loose and detached storage, loose.ts and
 * detached.ts). No call counting, no acting user, no protections: that is the Google layer
 * (../google/workbook.ts), which extends this class and makes the sheets (`createSheet`).
 */
import { ConfigParams, HyperFormula } from 'hyperformula';
import { rectA1, type Rect } from './a1';
import { registerArrayFunctions } from './array-functions';
import { arraysOf, blockedArrays, maySpill } from './arrays';
import { exactLookups } from './lookups';
import type { DocumentSheet } from './sheet';
import { mayName, namesIn, readsOtherSheets, type DetachedContents, type RawContent } from './detached';
import { movedBy, predictArray, reachesColumns, reachesRows, type PendingArray } from './pending';
import {
  addColumns,
  covers,
  formulaReads,
  linkLabel,
  LOOSE_MIN_ROWS,
  looseContent,
  type ColumnSet,
} from './loose';
import { StandInDataValidation } from './rules';
import { usesDecimalComma } from '../../core/formulas';
import { convertFormula, localeSyntax } from './formula-syntax';

export interface DocumentOptions {
  /** Default 'vi_VN'. */
  locale?: string;
  /** Default 'Asia/Ho_Chi_Minh'. */
  timeZone?: string;
  name?: string;
  /**
   * Keep `=ARRAYFORMULA(…)` out of HyperFormula until something needs what it fills (pending.ts).
   * Default true; false evaluates each one as it is written (tests compare the two).
   */
  deferArrays?: boolean;
}

/** A row of contents with the given (1-based) columns emptied. */
function withoutColumns(row: RawContent[], columns: Map<number, unknown>): RawContent[] {
  const out = row.slice();
  for (const c of columns.keys()) if (c - 1 < out.length) out[c - 1] = null;
  return out;
}

/** A sheet to create when building a workbook from existing contents (used by loadXlsx). */
export interface SheetSeed {
  name: string;
  /** HyperFormula raw contents: text with a leading apostrophe, formulas with '='. */
  rows: RawContent[][];
  maxRows: number;
  maxColumns: number;
  /** Keep the contents out of HyperFormula until written (loadXlsx decides; see detached.ts). */
  detached?: DetachedContents;
  /** Array formulas to defer (pending.ts), not in `rows`: corner cell (1-based) and formula. */
  arrays?: { row: number; column: number; formula: string }[];
}

/** Google's limit for a whole spreadsheet. */
export const MAX_CELLS = 10_000_000;
/** A new workbook's locale: tonghop's own (it sets vi_VN on first use). */
export const DEFAULT_LOCALE = 'vi_VN';
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLUMNS = 26;

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

/** Locales whose dates are typed month first (M/d/yyyy); the others tonghop meets (vi_VN) day first. */
const MONTH_FIRST_LOCALES = new Set(['en_US']);

export function monthFirst(locale: string): boolean {
  return MONTH_FIRST_LOCALES.has(locale);
}

/** Sheets compares text case-insensitively but accent-sensitively, with wildcards, dates from 1899-12-30. */
export function hyperFormulaConfig(locale: string): Partial<ConfigParams> {
  // Every HyperFormula the stand-in builds takes this config: Sheets' ROW in arrays first.
  registerArrayFunctions();
  return {
    licenseKey: 'gpl-v3',
    accentSensitive: true,
    caseSensitive: false,
    useWildcards: true,
    useRegularExpressions: false,
    // The index's answers are checked cell by cell (lookups.ts: it folds accents away); the linear search
    // would collate and take a name typed in NFD for its NFC twin, which Sheets does not. Where deleted
    // rows moved arrays the index is rebuilt (rebuildArrayIndex). A workbook turns it on with its first
    // lookup formula (DocumentWorkbook.indexLookups): until then, keeping it costs for every value written.
    useColumnIndex: true,
    maxRows: MAX_CELLS,
    evaluateNullToZero: true,
    nullDate: { year: 1899, month: 12, day: 30 },
    leapYear1900: false,
    ...formulaSeparators(locale),
    // No grouping marks inside a formula's numbers, in any locale.
    thousandSeparator: '',
    localeLang: locale.replace('_', '-'),
    // Text typed as a date is read in the locale's order: month first in en_US ("5/3/2024" is 3 May there,
    // as in the US's M/d/yyyy), day first in vi_VN and the others tonghop meets.
    dateFormats: monthFirst(locale) ? ['MM/DD/YYYY', 'MM/DD/YY'] : ['DD/MM/YYYY', 'DD/MM/YY'],
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

/** A named range as the document keeps it. */
export interface NamedEntry<S extends DocumentSheet = DocumentSheet> {
  name: string;
  sheet: S;
  rect: Rect;
}

/** A call of a function that searches with HyperFormula's column index (LookupPlugin's four). */
const LOOKUP_CALL = /\b(?:MATCH|VLOOKUP|HLOOKUP|XLOOKUP)\s*\(/i;

const NAMED_RANGE_RE = /^[A-Za-z_\u00C0-\u1EF9][A-Za-z0-9_\u00C0-\u1EF9]*$/;

/** Whether Sheets accepts `name` as a range name. */
export function isValidRangeName(name: string): boolean {
  if (name.length < 1 || name.length > 250 || !NAMED_RANGE_RE.test(name)) return false;
  if (/^(true|false)$/i.test(name)) return false;
  // Not something that reads as A1 or R1C1.
  return !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
}

/** How many of the parts the Google layer keeps beyond the document (a writer says what it drops). */
export interface BeyondTheDocument {
  developerMetadata: number;
  protections: number;
  charts: number;
  documentProperties: number;
}

export abstract class DocumentWorkbook<S extends DocumentSheet = DocumentSheet> {
  /** The formula engine; null until first asked when every loaded sheet is detached (see `hf`). */
  private engine: HyperFormula | null = null;
  /** How to build the engine when it was left unbuilt. */
  private buildEngine: (() => HyperFormula) | null = null;
  locale: string;
  timeZone: string;
  readonly name: string;
  /** Whether array formulas are deferred (pending.ts). */
  readonly defersArrays: boolean;
  protected sheets: S[] = [];
  protected readonly named = new Map<string, NamedEntry<S>>();
  private nextGid = 0;
  /** What formulas in HyperFormula read (loose.ts): by sheet, or by lower-case name for a sheet not there yet. */
  private readonly reads = new Map<S | string, ColumnSet>();
  /**
   * The rows those reads reach, per sheet (keyed as `reads`) and per column span ("c1:c2"): the union of
   * the rows of every reference to that span (1…Infinity for whole columns). A pending array below what
   * formulas read of its columns stays pending (a unit's done-tick mirror =N(G6) over its Kiểm tra arrays).
   */
  private readonly readRows = new Map<
    S | string,
    Map<string, { c1: number; c2: number; r1: number; r2: number }>
  >();
  /** A formula reads what its text cannot tell (INDIRECT, OFFSET): no column may be loose. */
  private readsEverything = false;
  /**
   * Whether HyperFormula keeps its column index: from the first lookup formula (MATCH, VLOOKUP, HLOOKUP,
   * XLOOKUP, the only functions that search with it). Writing a value costs an index update per cell; a
   * ward's master list is a million of them in a workbook where no formula looks anything up.
   */
  private indexed = false;
  /** Lower-case names that formulas use, so a named range defined later counts as read. */
  private readonly usedNames = new Set<string>();
  /** Sheets (or names of sheets not there yet) holding a formula whose result may spill (arrays.ts). */
  private readonly spilling = new Set<S | string>();
  /** HyperFormula sheets changed since the last read: a blocked array there may expand again. */
  private readonly changedSheets = new Set<number>();

  constructor(opts: DocumentOptions = {}, seed?: SheetSeed[]) {
    this.locale = opts.locale ?? DEFAULT_LOCALE;
    this.timeZone = opts.timeZone ?? 'Asia/Ho_Chi_Minh';
    this.name = opts.name ?? 'Tổng hợp';
    this.defersArrays = opts.deferArrays ?? true;
    const config = hyperFormulaConfig(this.locale);
    if (seed && seed.length > 0) {
      // What every loaded formula reads is noted first (by sheet name: no sheet exists yet), so that a
      // loaded column no formula reads stays loose, as if it had been written in bulk (loose.ts): on a
      // re-run, the master list already in the file would otherwise fill HyperFormula beside the new one.
      for (const s of seed) if (!s.detached) this.noteFormulas(s.name.toLowerCase(), s.rows);
      // A detached sheet's formulas are noted when it attaches (and a lookup among them turns the index on).
      config.useColumnIndex = this.indexed;
      // A sheet with deferred array formulas keeps no loose column, as if they were in.
      for (const s of seed) if (s.arrays?.length) this.spilling.add(s.name.toLowerCase());
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
      const build = () => {
        const hf = HyperFormula.buildFromSheets(contents, config);
        exactLookups(hf);
        return hf;
      };
      // A workbook whose every sheet is detached (a unit's own file, read by Tổng hợp) needs no engine
      // until something writes, evaluates or parses in it: building one costs tens of milliseconds, 200
      // times over for a ward's folder. Its sheets are numbered as HyperFormula numbers them then, in order
      // (a name that reads as an array index would be ordered first by the object: built at once then).
      const lazy = seed.every((s) => s.detached) && seed.every((s) => !/^(0|[1-9]\d*)$/.test(s.name));
      if (lazy) this.buildEngine = build;
      else this.engine = build();
      for (const [i, s] of seed.entries()) {
        const hfId = lazy ? i : (this.hf.getSheetId(s.name) as number);
        const sheet = this.createSheet(hfId, this.newGid(), s.name, s.maxRows, s.maxColumns);
        sheet.detached = s.detached ?? null;
        for (const [c, column] of looseBySheet.get(s.name) ?? []) sheet.loose.set(c, column);
        this.sheets.push(sheet);
      }
      // Entries by name become entries by sheet, as noteFormulas makes them once the sheet exists (no
      // sheet existed while the seed was noted, so every entry so far is by name).
      for (const sheet of this.sheets) {
        const lower = sheet.name.toLowerCase();
        const rowsByName = this.readRows.get(lower);
        if (rowsByName !== undefined) {
          this.readRows.delete(lower);
          this.readRows.set(sheet, rowsByName);
        }
        const byName = this.reads.get(lower);
        if (byName === undefined) continue;
        this.reads.delete(lower);
        this.reads.set(sheet, byName);
      }
      for (const sheet of this.sheets) {
        if (this.spilling.delete(sheet.name.toLowerCase())) this.spilling.add(sheet);
      }
      // Loaded array formulas are deferred once every sheet is there (one may name another).
      seed.forEach((s, i) => {
        if (s.arrays?.length) this.sheets[i].deferLoaded(s.arrays);
      });
    } else {
      this.engine = HyperFormula.buildEmpty({ ...config, useColumnIndex: false });
      exactLookups(this.engine);
      this.addSheet(this.locale.startsWith('vi') ? 'Trang tính1' : 'Sheet1', 0);
    }
  }

  /**
   * Makes a sheet object (called from this constructor too, before a subclass's own fields are set:
   * an implementation may use only its arguments and `this` as a reference).
   */
  protected abstract createSheet(
    hfId: number,
    sheetId: number,
    name: string,
    maxRows: number,
    maxColumns: number
  ): S;

  /** What the Google layer holds beyond the document, counted. */
  abstract beyondTheDocument(): BeyondTheDocument;

  /** The formula engine, built on first ask where loading left it unbuilt (the named ranges mirrored then). */
  get hf(): HyperFormula {
    if (this.engine !== null) return this.engine;
    const build = this.buildEngine;
    if (build === null) throw new Error('stand-in: no formula engine');
    const hf = build();
    this.engine = hf;
    this.buildEngine = null;
    for (const sheet of this.sheets) {
      if (hf.getSheetId(sheet.name) !== sheet.hfId)
        throw new Error(`stand-in: sheet ${sheet.hfId} renumbered`);
    }
    for (const entry of this.named.values()) this.mirrorName(entry.name, entry.sheet, entry.rect);
    return hf;
  }

  /** Writes are batched: evaluation resumes lazily before the next read. */
  beginWrite(): void {
    if (!this.hf.isEvaluationSuspended()) this.hf.suspendEvaluation();
  }

  evaluated(): HyperFormula {
    if (this.hf.isEvaluationSuspended()) this.hf.resumeEvaluation();
    if (this.changedSheets.size > 0) this.respill();
    if (this.staleIndex.size > 0) this.rebuildArrayIndex();
    return this.hf;
  }

  /** Sheets whose arrays' columns need HyperFormula's column index rebuilt (rows were deleted under them). */
  private readonly staleIndex = new Set<number>();

  /** Rows were deleted on a sheet: its arrays' columns get their exact-match index rebuilt on the next read. */
  reindexArrays(hfSheet: number): void {
    this.staleIndex.add(hfSheet);
  }

  /**
   * HyperFormula's column index (the exact matches of MATCH, COUNTIF…) kept the values an array had
   * before rows were deleted under it, at rows that no longer held them: a key was found where it no longer
   * was ("Lỗi: trùng dòng 8" after row 8 went, where Sheets recomputes). The columns that arrays fill are
   * indexed afresh from their values, then the arrays are set again to be computed with that index.
   */
  private rebuildArrayIndex(): void {
    const hf = this.hf;
    const index = hf.columnSearch as unknown as {
      index?: Map<number, (Map<unknown, unknown> | undefined)[]>;
      add(value: unknown, address: { sheet: number; row: number; col: number }): void;
    };
    const sheets = [...this.staleIndex];
    this.staleIndex.clear();
    if (!index.index) return;
    for (const sheet of sheets) {
      const columns = new Set<number>();
      const corners: { sheet: number; row: number; col: number }[] = [];
      for (const vertex of hf.arrayMapping.arrayMapping.values()) {
        if (vertex.leftCorner.sheet !== sheet) continue;
        corners.push({ ...vertex.leftCorner });
        const range = vertex.getRangeOrUndef();
        const [c1, c2] = range
          ? [range.start.col, range.end.col]
          : [vertex.leftCorner.col, vertex.leftCorner.col];
        for (let c = c1; c <= c2; c++) columns.add(c);
      }
      const maps = index.index.get(sheet);
      if (!maps || columns.size === 0) continue;
      const { height } = hf.getSheetDimensions(sheet);
      for (const col of columns) {
        maps[col] = undefined;
        if (height === 0) continue;
        const values = hf.getRangeValues({
          start: { sheet, row: 0, col },
          end: { sheet, row: height - 1, col },
        });
        values.forEach(([value], row) => {
          if (value === null || value === '' || typeof value === 'object') return;
          index.add(value, { sheet, row, col });
        });
      }
      for (const corner of corners) {
        const formula = hf.getCellFormula(corner);
        if (formula !== undefined) hf.setCellContents(corner, formula);
      }
    }
  }

  /** A sheet's cells changed (DocumentSheet.touched): its blocked arrays are tried again on the next read. */
  changed(hfSheet: number): void {
    this.changedSheets.add(hfSheet);
  }

  /**
   * Sheets expands an array again once the content that blocked it is gone; HyperFormula shrinks a
   * blocked array to its corner for good. Each blocked array of a changed sheet is set again: it
   * spills if it now can, and stays #REF! otherwise.
   */
  private respill(): void {
    const hf = this.hf;
    const blocked = blockedArrays(hf, this.changedSheets);
    this.changedSheets.clear();
    for (const corner of blocked) {
      const formula = hf.getCellFormula(corner);
      if (formula !== undefined) hf.setCellContents(corner, formula);
    }
  }

  /** Whether a formula whose result may spill was written to the sheet (none of its columns is loose then). */
  maySpillOn(sheet: S): boolean {
    return this.spilling.has(sheet) || this.spilling.has(sheet.name.toLowerCase());
  }

  /** A sheet holds a formula whose result may spill: none of its columns may be loose from now on. */
  noteSpill(sheet: S): void {
    if (this.spilling.has(sheet)) return;
    this.spilling.add(sheet);
    sheet.attachLoose();
  }

  /** Whether a formula in HyperFormula may read some column from c1 to c2 of the sheet. */
  readsColumns(sheet: S, c1: number, c2: number, rows?: { r1: number; r2: number }): boolean {
    if (this.readsEverything) return true;
    for (const key of [sheet, sheet.name.toLowerCase()]) {
      const set = this.reads.get(key);
      if (set === 'all') return true;
      if (!set || ![...set].some((c) => c >= c1 && c <= c2)) continue;
      if (rows === undefined) return true;
      for (const span of this.readRows.get(key)?.values() ?? [])
        if (span.c1 <= c2 && span.c2 >= c1 && span.r1 <= rows.r2 && span.r2 >= rows.r1) return true;
    }
    return false;
  }

  /** Notes the rows a reference reaches in columns c1..c2 of `key` (undefined: every row). */
  private noteRows(
    key: S | string,
    c1: number,
    c2: number,
    rows: { r1: number; r2: number } | undefined
  ): void {
    let spans = this.readRows.get(key);
    if (!spans) this.readRows.set(key, (spans = new Map()));
    const id = `${c1}:${c2}`;
    const r1 = rows?.r1 ?? 1;
    const r2 = rows?.r2 ?? Number.POSITIVE_INFINITY;
    const had = spans.get(id);
    if (!had) spans.set(id, { c1, c2, r1, r2 });
    else if (r1 < had.r1 || r2 > had.r2)
      spans.set(id, { c1, c2, r1: Math.min(r1, had.r1), r2: Math.max(r2, had.r2) });
  }

  /**
   * Attaches the pending array formulas whose references a change to `sheet` rewrites (HyperFormula then
   * rewrites them as its own): those whose text may name it, on any sheet; with `moved` (rows or columns
   * moving from `from` on), only those the move reaches (pending.ts movedBy), its own unnamed ones too.
   */
  attachPendingNaming(sheet: S, moved?: { axis: 'row' | 'column'; from: number }): void {
    const name = sheet.name;
    for (const s of this.sheets) {
      if (s.pending.size === 0) continue;
      const names = (p: PendingArray) => mayName(p.formula.toLowerCase(), name);
      s.attachPending(moved ? (p) => (s === sheet || names(p)) && movedBy(p, moved.axis, moved.from) : names);
    }
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
  noteFormulas(sheet: S | string, contents: RawContent[][]): void {
    const touched = new Set<S | string>();
    const separator = this.argumentSeparator();
    for (const row of contents) {
      for (const content of row) {
        if (typeof content !== 'string' || content.charCodeAt(0) !== 61) continue;
        if (linkLabel(content, separator) !== null) continue;
        if (!this.indexed && LOOKUP_CALL.test(content)) this.indexed = true;
        // An array's result covers cells HyperFormula must hold (a loose value there would hide the
        // #REF! of a blocked spill): the sheet keeps no loose column from now on.
        if (!this.spilling.has(sheet) && maySpill(content)) {
          this.spilling.add(sheet);
          if (typeof sheet !== 'string') sheet.attachLoose();
        }
        const found = formulaReads(content);
        if (found === 'unknowable') {
          this.readsEverything = true;
          for (const s of this.sheets) s.attachLoose();
          // It may read what any array fills: every pending one comes in (and later ones at once).
          for (const s of this.sheets) s.attachPending();
          continue;
        }
        for (const ref of found.refs) {
          const key = ref.sheetName === null ? sheet : this.sheetKey(ref.sheetName);
          addColumns(this.reads, key, ref.columns);
          if (ref.columns !== 'all') this.noteRows(key, ref.columns.c1, ref.columns.c2, ref.rows);
          touched.add(key);
          // A pending array formula filling what it reads comes in first (pending.ts).
          // A unit's done-tick mirror =N(G6) reads above the Kiểm tra arrays in G8…: they stay pending.
          if (typeof key !== 'string' && key.pending.size > 0)
            key.attachPending((p) => reachesColumns(p, ref.columns) && reachesRows(p, ref.rows));
        }
        for (const name of found.names) {
          const lower = name.toLowerCase();
          this.usedNames.add(lower);
          const entry = this.named.get(lower);
          if (entry) {
            const columns = { c1: entry.rect.c1, c2: entry.rect.c2 };
            addColumns(this.reads, entry.sheet, columns);
            this.noteRows(entry.sheet, columns.c1, columns.c2, { r1: entry.rect.r1, r2: entry.rect.r2 });
            touched.add(entry.sheet);
            if (entry.sheet.pending.size > 0) entry.sheet.attachPending((p) => reachesColumns(p, columns));
          }
        }
      }
    }
    for (const s of this.sheets) {
      if (s.loose.size > 0 && (touched.has(s) || touched.has(s.name.toLowerCase())))
        s.attachLoose((c) => this.isRead(s, c));
    }
    if (this.indexed && this.engine !== null && !this.engine.getConfig().useColumnIndex)
      this.rebuild({ useColumnIndex: true });
  }

  /**
   * The columns of a loaded sheet that may stay loose: at least LOOSE_MIN_ROWS rows of loose contents
   * (loose.ts) and no formula reading them. 1-based column → contents by 0-based row.
   */
  private looseColumnsOf(name: string, rows: RawContent[][]): Map<number, RawContent[]> {
    const loose = new Map<number, RawContent[]>();
    if (this.readsEverything || rows.length < LOOSE_MIN_ROWS || this.spilling.has(name.toLowerCase()))
      return loose;
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

  private sheetKey(name: string): S | string {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower) ?? lower;
  }

  /** The argument separator of formulas under the workbook's locale (HyperFormula's, loose links'). */
  argumentSeparator(): ';' | ',' {
    return formulaSeparators(this.locale).functionArgSeparator === ';' ? ';' : ',';
  }

  /** Whether a formula may read this column of this sheet (then it is never loose). */
  isRead(sheet: S, column: number): boolean {
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
  readsAllOf(sheet: S): void {
    if (this.reads.has(sheet) || this.reads.has(sheet.name.toLowerCase())) this.reads.set(sheet, 'all');
  }

  /** The sheets in tab order. */
  sheetObjects(): S[] {
    return this.sheets;
  }

  private newGid(): number {
    const n = this.nextGid++;
    return n === 0 ? 0 : (n * 1_234_567_891) % 2_147_483_647;
  }

  /** A new empty sheet of Sheets' default size at `index` (0-based). */
  protected addSheet(name: string, index: number): S {
    this.beginWrite();
    const hfName = this.hf.addSheet(name);
    const sheet = this.createSheet(
      this.hf.getSheetId(hfName) as number,
      this.newGid(),
      name,
      DEFAULT_ROWS,
      DEFAULT_COLUMNS
    );
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  /** Drops a sheet, its cells and its named ranges; what formulas read of it goes by its name. */
  protected removeSheet(s: S): void {
    this.beginWrite();
    // Pending formulas elsewhere that name it: into HyperFormula first, which turns those references to #REF!.
    s.pending.clear();
    this.attachPendingNaming(s);
    this.hf.removeSheet(s.hfId);
    this.sheets = this.sheets.filter((x) => x !== s);
    // What formulas read of it now goes by its name (a sheet of that name may come); its arrays go.
    const read = this.reads.get(s);
    if (read === 'all') addColumns(this.reads, s.name.toLowerCase(), 'all');
    else for (const c of read ?? []) addColumns(this.reads, s.name.toLowerCase(), { c1: c, c2: c });
    this.reads.delete(s);
    if (this.spilling.delete(s)) this.spilling.add(s.name.toLowerCase());
    s.loose.clear();
    for (const [key, entry] of this.named) if (entry.sheet === s) this.named.delete(key);
  }

  shiftNamedRanges(sheet: S, move: (r: Rect) => Rect | null): void {
    for (const [key, entry] of this.named) {
      if (entry.sheet !== sheet) continue;
      const rect = move(entry.rect);
      if (rect) entry.rect = rect;
      else this.named.delete(key);
    }
  }

  /** Names a block of `sheet` (replacing a range of that name); throws on a name Sheets refuses. */
  defineName(name: string, sheet: S, rect: Rect): void {
    if (!isValidRangeName(name)) throw new Error(`Invalid name: ${name}`);
    this.removeName(name);
    this.named.set(name.toLowerCase(), { name, sheet, rect: { ...rect } });
    if (this.usedNames.has(name.toLowerCase())) {
      const columns = { c1: rect.c1, c2: rect.c2 };
      addColumns(this.reads, sheet, columns);
      sheet.attachLoose((c) => this.isRead(sheet, c));
      // A formula already in reads the name: what arrays fill there must be computed.
      sheet.attachPending((p) => reachesColumns(p, columns));
    }
    // An engine not built yet gets every name when it is (get hf).
    if (this.engine !== null) this.mirrorName(name, sheet, rect);
  }

  /** Mirrors a named range in HyperFormula so formulas can use the name; it follows renames by sheet id. */
  private mirrorName(name: string, sheet: S, rect: Rect): void {
    const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
    const abs = rectA1(rect).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
    try {
      this.beginWrite();
      this.hf.addNamedExpression(name, `=${quoted}!${abs}`);
    } catch {
      // A name HyperFormula cannot hold stays usable through getRangeByName.
    }
  }

  /** Removes a named range (any case); whether there was one. */
  removeName(name: string): boolean {
    const had = this.named.delete(name.toLowerCase());
    if (had && this.engine !== null) {
      try {
        this.beginWrite();
        this.hf.removeNamedExpression(name);
      } catch {
        // Not mirrored in HyperFormula.
      }
    }
    return had;
  }

  /**
   * A new locale: the formulas already in the document keep their meaning and are shown in the new
   * locale's syntax (HyperFormula rebuilds them from its parsed form); new ones parse by the new locale.
   */
  /**
   * Cell contents and validation rules written in `source`'s locale syntax, in this workbook's (a sheet
   * copied from another spreadsheet: Sheets keeps a formula's meaning, not its text).
   */
  inOwnSyntax(source: DocumentWorkbook, rows: RawContent[][]): RawContent[][] {
    const [from, to] = [localeSyntax(source.locale), localeSyntax(this.locale)];
    if (from === to) return rows;
    return rows.map((row) =>
      row.map((cell) =>
        typeof cell === 'string' && cell.startsWith('=') ? convertFormula(cell, from, to) : cell
      )
    );
  }

  ruleInOwnSyntax(
    source: DocumentWorkbook,
    rule: StandInDataValidation | undefined
  ): StandInDataValidation | undefined {
    const [from, to] = [localeSyntax(source.locale), localeSyntax(this.locale)];
    if (from === to || !rule || rule.criteria !== 'CUSTOM_FORMULA') return rule;
    const formula = convertFormula(String(rule.values[0]), from, to);
    return new StandInDataValidation(rule.criteria, [formula], rule.allowInvalid, rule.helpText);
  }

  relocale(locale: string): void {
    const [from, to] = [localeSyntax(this.locale), localeSyntax(locale)];
    // Loose link formulas are written in the old separators: HyperFormula translates them below.
    if (from !== to) for (const sheet of this.sheets) sheet.attachLoose();
    this.locale = locale;
    const hf = this.evaluated();
    // HyperFormula re-reads its formulas' text under the new separators: translate that text first.
    // A formula that did not parse stays as typed (Sheets would have nothing to translate either).
    const rewrites: { sheet: S; row: number; col: number; formula: string }[] = [];
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
    this.rebuild({ ...formulaSeparators(this.locale), localeLang: this.locale.replace('_', '-') });
    if (rewrites.length > 0) {
      this.beginWrite();
      for (const { sheet, row, col, formula } of rewrites) {
        hf.setCellContents({ sheet: sheet.hfId, row, col }, formula);
      }
    }
    // Pending array formulas (pending.ts) are translated as HyperFormula's own, then put in its normal form.
    if (from !== to) {
      for (const sheet of this.sheets) {
        for (const p of sheet.pending.values()) {
          const address = { sheet: sheet.hfId, row: p.row - 1, col: p.column - 1 };
          const converted = convertFormula(p.formula, from, to);
          p.formula = predictArray(() => hf, converted, address, this.locale)?.formula ?? converted;
        }
      }
    }
  }

  /**
   * HyperFormula built again under `params` (updateConfig): its sheets renumbered afresh, what arrays
   * spilled set again as arrays, exact lookups checked again.
   */
  private rebuild(params: Partial<ConfigParams>): void {
    const hf = this.evaluated();
    const names = this.sheets.map((sheet) => hf.getSheetName(sheet.hfId) as string);
    // HyperFormula rebuilds itself from its serialized cells, which hold what arrays spilled as if typed.
    const spills = this.sheets.map((sheet) => [...arraysOf(hf, sheet.hfId).values()]);
    hf.updateConfig(params);
    // updateConfig builds a new engine, column index included.
    exactLookups(hf);
    // The rebuilt engine numbers its sheets afresh.
    this.sheets.forEach((sheet, i) => (sheet.hfId = hf.getSheetId(names[i]) as number));
    this.sheets.forEach((sheet, i) => {
      for (const rect of spills[i]) {
        if (rect.r1 === rect.r2 && rect.c1 === rect.c2) continue;
        this.beginWrite();
        const corner = { sheet: sheet.hfId, row: rect.r1 - 1, col: rect.c1 - 1 };
        const formula = hf.getCellFormula(corner);
        const empty = Array.from({ length: rect.r2 - rect.r1 + 1 }, () =>
          new Array<null>(rect.c2 - rect.c1 + 1).fill(null)
        );
        hf.setCellContents(corner, empty);
        if (formula !== undefined) hf.setCellContents(corner, formula);
      }
    });
  }

  /** Whether a formula parses in the spreadsheet's locale (custom rules of validation are checked so). */
  formulaParses(formula: string): boolean {
    return formula.startsWith('=') && this.hf.validateFormula(formula);
  }

  /** Sum over sheets of maxRows × maxColumns (Google caps it at 10,000,000). */
  cellCount(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxColumns, 0);
  }

  /** The sheet of that exact name. */
  sheet(name: string): S {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named ${name}`);
    return s;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  namedRangeEntries(): NamedEntry<S>[] {
    return [...this.named.values()].map((e) => ({ name: e.name, sheet: e.sheet, rect: { ...e.rect } }));
  }

  namedRangeA1s(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.named.values()) out[e.name] = `${e.sheet.name}!${rectA1(e.rect)}`;
    return out;
  }
}
