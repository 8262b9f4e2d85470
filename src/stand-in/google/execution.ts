/**
 * One Apps Script execution around the stand-in: a Proxy layer over the services handed to the bundle
 * sees every call as `<Apps Script class>.<method>`, prices it with the cost model, advances a virtual
 * clock, enforces Google's limits and writes the trace. The stand-in objects themselves stay unaware.
 *
 * A call counts when the stand-in counts it (the Drive's `calls` moves: any of its spreadsheets, or the
 * Drive API); navigation and builders are free. Before it runs, a call is checked against the manifest's
 * scopes (./scopes.ts), with the bound spreadsheet (the one the script runs in) telling
 * spreadsheets.currentonly's reach.
 * At the execution limit the call throws "Exceeded maximum execution time", and so does every later
 * call of that execution, so no catch or finally block can tidy up through the services, as in Google.
 */
import {
  callCost,
  EXCEEDED_TIME,
  GOOGLE_COSTS,
  PAYLOAD_TOO_LARGE,
  PER_ADDRESS_CALLS,
  templateCopyExtraMs,
  type CostModel,
} from './cost-model';
import { scopeError } from './scopes';
import type { StandInSheet } from './sheet';
import type { Workbook } from './workbook';

/** A clock shared by the executions of one session; tests may move it (a lease's expiry). */
export class VirtualClock {
  private ms: number;
  constructor(start = Date.now()) {
    this.ms = start;
  }
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

/** One line of `--trace`: `t` in virtual seconds since the execution began. */
export interface TraceLine {
  execution: number;
  t: number;
  method: string;
  sheet: string;
  range: string;
  cells: number;
  bytes: number;
}

export interface ExecutionOptions {
  number: number;
  clock: VirtualClock;
  costs?: CostModel;
  trace?: (line: TraceLine) => void;
  /**
   * Fault injection: the n-th call through the layer (1-based, counted or not: navigation and builders
   * included) aborts the execution before it runs, as Google's limit would at that moment.
   */
  abortAtCall?: number;
  /** Whether the execution limit applies (a bench "no limit" run turns it off). */
  enforceLimit?: boolean;
  /** This execution's own limit (ms), when it is not the model's: 30 s for a simple trigger. */
  limitMs?: number;
  /** The manifest's oauthScopes: every call is checked against them (undefined: no check). */
  scopes?: readonly string[];
}

const CLASS_NAMES: Record<string, string> = {
  Workbook: 'Spreadsheet',
  StandInSheet: 'Sheet',
  StandInRange: 'Range',
  StandInProtection: 'Protection',
  StandInUser: 'User',
  StandInNamedRange: 'NamedRange',
  StandInDeveloperMetadata: 'DeveloperMetadata',
  StandInMetadataFinder: 'DeveloperMetadataFinder',
  StandInChart: 'EmbeddedChart',
  StandInChartBuilder: 'EmbeddedChartBuilder',
  StandInDataValidation: 'DataValidation',
  StandInDataValidationBuilder: 'DataValidationBuilder',
  StandInConditionalFormatRule: 'ConditionalFormatRule',
  StandInConditionalFormatRuleBuilder: 'ConditionalFormatRuleBuilder',
  RecordingUi: 'Ui',
  RecordingMenu: 'Menu',
  StandInHtmlOutput: 'HtmlOutput',
  DocumentProperties: 'Properties',
  DocumentLock: 'Lock',
};

/** Services whose calls go to Google's servers although the stand-in's workbook does not count them. */
const ALWAYS_COUNTED = new Set(['Properties', 'Lock']);

/** Plain objects with methods that the stand-in returns, by the call that returns them. */
const RESULT_CLASSES: Record<string, string> = {
  'DeveloperMetadata.getLocation': 'DeveloperMetadataLocation',
};

/** Calls whose 2-D argument is the cells they write. */
const GRID_WRITES = new Set([
  'Range.setValues',
  'Range.setFormulas',
  'Range.setNumberFormats',
  'Range.setFontWeights',
  'Range.setBackgrounds',
]);
/** Calls that write every cell of their range. */
const AREA_WRITES = new Set(['Range.clearContent', 'Range.clear']);
const SINGLE_WRITES = new Set(['Range.setValue', 'Range.setFormula']);

type Target = object & { constructor: { name: string } };

const gridCells = (grid: unknown): number =>
  Array.isArray(grid) ? grid.reduce((n: number, row) => n + (Array.isArray(row) ? row.length : 1), 0) : 0;

/**
 * A stand-in object to wrap: a class instance, or a plain object with methods (DeveloperMetadata's
 * location), so that no service object reaches the bundle unwrapped and uncounted.
 */
function isInstance(value: unknown): value is Target {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
    return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === null) return false;
  if (proto !== Object.prototype) return true;
  return Object.values(value).some((v) => typeof v === 'function');
}

interface RangeLike {
  getA1Notation(): string;
  getNumRows(): number;
  getNumColumns(): number;
  getSheet(): { getName(): string };
}

export class Execution {
  readonly number: number;
  /** Virtual ms since this execution began. */
  elapsedMs = 0;
  /** Counted service calls. */
  calls = 0;
  /** Every call through the layer, the clock of fault injection. */
  attempts = 0;
  largestPayload = { bytes: 0, method: '' };
  aborted: string | null = null;
  private readonly costs: CostModel;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  /** The spreadsheet an object came from, for objects that do not say (a chart, a metadata location). */
  private readonly owners = new WeakMap<object, Workbook>();

  constructor(
    private readonly workbook: Workbook,
    private readonly options: ExecutionOptions
  ) {
    this.number = options.number;
    this.costs = options.costs ?? GOOGLE_COSTS;
  }

  /**
   * Wraps a services object (SpreadsheetApp, LockService…) under its Apps Script name; a collection inside
   * it (Drive.Files) under its dotted name.
   */
  service<T extends object>(name: string, api: T): T {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(api)) {
      if (typeof value === 'function') out[key] = this.method(name, key, api, value as Fn);
      else if (isCollection(value)) out[key] = this.service(`${name}.${key}`, value);
      else out[key] = value;
    }
    return out as T;
  }

  /** The spreadsheet `target` belongs to, if any. */
  private spreadsheetOf(target: object): Workbook | null {
    const t = target as {
      receiveCopy?: unknown;
      workbook?: { receiveCopy?: unknown };
      sheet?: { workbook?: { receiveCopy?: unknown } };
    };
    if (typeof t.receiveCopy === 'function') return target as Workbook;
    if (typeof t.workbook?.receiveCopy === 'function') return t.workbook as Workbook;
    if (typeof t.sheet?.workbook?.receiveCopy === 'function') return t.sheet.workbook as Workbook;
    return this.owners.get(target) ?? null;
  }

  /**
   * An entry point's arguments as this execution hands them over: a trigger's event object carries
   * service objects (onEdit's `e.range`), whose calls are this execution's and are priced like any other.
   */
  argument(value: unknown): unknown {
    if (isInstance(value)) return this.wrap(value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, this.wrap(v)]));
  }

  /**
   * `from`: the Apps Script class of a plain object with methods, named by the call that returned it;
   * `owner`: the spreadsheet of the object that returned it.
   */
  private wrap(value: unknown, from?: string, owner?: Workbook | null): unknown {
    if (Array.isArray(value))
      return value.length > 0 && isInstance(value[0]) ? value.map((v) => this.wrap(v, from, owner)) : value;
    if (!isInstance(value)) return value;
    if (this.targets.has(value)) return value;
    if (owner && !this.owners.has(value)) this.owners.set(value, owner);
    let proxy = this.proxies.get(value);
    if (!proxy) {
      // A bundler may rename classes (_Workbook, StandInRange2): the source name is what is mapped.
      const source = value.constructor.name.replace(/^_+/, '').replace(/\d+$/, '');
      const className = source === 'Object' ? (from ?? 'Object') : (CLASS_NAMES[source] ?? source);
      const methods = new Map<PropertyKey, Fn>();
      proxy = new Proxy(value, {
        get: (target, prop) => {
          const member = Reflect.get(target, prop, target) as unknown;
          if (typeof member !== 'function' || prop === 'constructor') return member;
          let bound = methods.get(prop);
          if (!bound) {
            bound = this.method(className, String(prop), target, member as Fn);
            methods.set(prop, bound);
          }
          return bound;
        },
      });
      this.proxies.set(value, proxy);
      this.targets.set(proxy, value);
    }
    return proxy;
  }

  private unwrap(value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.length > 0 &&
        typeof value[0] === 'object' &&
        value[0] !== null &&
        this.targets.has(value[0])
        ? value.map((v) => this.unwrap(v))
        : value;
    }
    if (typeof value !== 'object' || value === null) return value;
    const target = this.targets.get(value);
    if (target) return target;
    // Advanced arguments ({ template: sheet }): a plain object whose values may be service objects.
    if (
      (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name ===
      'Object'
    ) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.some(([, v]) => typeof v === 'object' && v !== null && this.targets.has(v))) {
        return Object.fromEntries(entries.map(([k, v]) => [k, this.unwrap(v)]));
      }
    }
    return value;
  }

  private counted(): number {
    return this.workbook.drive.calls;
  }

  private method(className: string, name: string, target: object, fn: Fn): Fn {
    const methodName = `${className}.${name}`;
    return (...args: unknown[]) => {
      if (this.aborted) throw new Error(this.aborted);
      const real = args.map((a) => this.unwrap(a));
      const owner = this.spreadsheetOf(target);
      if (this.options.scopes) {
        const refused = scopeError(
          methodName,
          this.options.scopes,
          owner === null || owner === this.workbook
        );
        if (refused) throw refused;
      }
      const before = this.counted();
      if (isServiceCall(className)) {
        this.attempts++;
        if (this.options.abortAtCall === this.attempts) {
          // Fault injection: Google stops the execution at this call; it does not run.
          this.aborted = EXCEEDED_TIME;
          throw new Error(EXCEEDED_TIME);
        }
      }
      const bytes = payloadBytes(real);
      if (bytes > this.costs.maxPayloadBytes) throw new Error(PAYLOAD_TOO_LARGE);
      const result = fn.apply(target, real) as unknown;
      const resultClass = RESULT_CLASSES[methodName];
      if (this.counted() === before && !ALWAYS_COUNTED.has(className))
        return this.wrap(result, resultClass, owner);
      this.calls++;
      const cells = this.cells(methodName, target, real, result);
      const template =
        methodName === 'Spreadsheet.insertSheet'
          ? templateOf(real)
          : methodName === 'Sheet.copyTo'
            ? (target as StandInSheet)
            : null;
      const addresses = PER_ADDRESS_CALLS.has(methodName) && Array.isArray(real[0]) ? real[0].length : 1;
      // Drive.Files.copy of a spreadsheet: each sheet priced as a template copy (its rules and validation).
      const templates: StandInSheet[] = template
        ? [template]
        : methodName === 'Drive.Files.copy'
          ? this.copySource(real)
          : [];
      const cost = callCost(
        this.costs,
        methodName,
        cells,
        templates.reduce(
          (ms, sheet) =>
            ms +
            templateCopyExtraMs(this.costs, {
              conditionalFormatRules: sheet.conditionalFormatRules.length,
              validations: sheet.validations.ops.filter((op) => op.value !== undefined).length,
            }),
          0
        ) +
          Math.max(0, addresses - 1) * (this.costs.slowCalls[methodName] ?? 0)
      );
      this.elapsedMs += cost;
      this.options.clock.advance(cost);
      if (bytes > this.largestPayload.bytes) this.largestPayload = { bytes, method: methodName };
      this.options.trace?.({
        execution: this.number,
        t: Math.round(this.elapsedMs / 10) / 100,
        method: methodName,
        ...where(className, target),
        cells: cells.read + cells.written,
        bytes,
      });
      if (
        this.options.enforceLimit !== false &&
        this.elapsedMs >= (this.options.limitMs ?? this.costs.executionLimitMs)
      ) {
        this.aborted = EXCEEDED_TIME;
        throw new Error(EXCEEDED_TIME);
      }
      return this.wrap(result, resultClass, owner);
    };
  }

  /** The sheets Drive.Files.copy(resource, fileId) copied: the source spreadsheet's (none for a folder). */
  private copySource(args: unknown[]): StandInSheet[] {
    return this.workbook.drive.file(String(args[1]))?.workbook?.sheetObjects() ?? [];
  }

  private cells(method: string, target: object, args: unknown[], result: unknown) {
    if (Array.isArray(result) && Array.isArray(result[0])) return { read: gridCells(result), written: 0 };
    // A file copy writes every filled cell of the source, as a template copy does.
    if (method === 'Drive.Files.copy')
      return { read: 0, written: this.copySource(args).reduce((n, s) => n + s.filledCells(), 0) };
    if (method === 'Range.getValue') return { read: 1, written: 0 };
    if (method === 'Spreadsheet.insertSheet')
      return { read: 0, written: templateOf(args)?.filledCells() ?? 0 };
    if (method === 'Sheet.copyTo') return { read: 0, written: (target as StandInSheet).filledCells() };
    if (GRID_WRITES.has(method)) return { read: 0, written: gridCells(args[0]) };
    if (SINGLE_WRITES.has(method)) return { read: 0, written: 1 };
    if (AREA_WRITES.has(method)) {
      const range = target as RangeLike;
      return { read: 0, written: range.getNumRows() * range.getNumColumns() };
    }
    return { read: 0, written: 0 };
  }
}

type Fn = (...args: unknown[]) => unknown;

/** A collection of an advanced service (Drive.Files): a plain object of methods. */
function isCollection(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(value).some((v) => typeof v === 'function')
  );
}

/** Ui, menus and HTML outputs are the user's screen, not the document: they cost nothing here. */
const isServiceCall = (className: string): boolean => !['Ui', 'Menu', 'HtmlOutput'].includes(className);

/** insertSheet's `options.template`, when given. */
function templateOf(args: unknown[]): StandInSheet | null {
  const options = args[2] as { template?: StandInSheet } | undefined;
  return options?.template ?? null;
}

/** Whether `value` is a grid of plain values (setValues' argument): no service object can be inside it. */
function plainGrid(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const row of value as unknown[]) {
    if (!Array.isArray(row)) return false;
    for (const cell of row as unknown[]) {
      if (typeof cell === 'object' && cell !== null && !(cell instanceof Date)) return false;
    }
  }
  return true;
}

function payloadBytes(args: unknown[]): number {
  if (args.length === 0) return 0;
  try {
    // A grid of values (most of the bytes a run sends) takes JSON's own path: a replacer called for each of
    // a master list's million cells cost a second per run, for the same count.
    if (args.length === 1 && plainGrid(args[0])) return Buffer.byteLength(JSON.stringify(args));
    // A service object passed as an argument (a template sheet, a rule) travels as a reference.
    const reference = (_key: string, value: unknown) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name !==
        'Object'
        ? '{}'
        : value;
    return Buffer.byteLength(JSON.stringify(args, reference) ?? '');
  } catch {
    return 0;
  }
}

function where(className: string, target: object): { sheet: string; range: string } {
  if (className === 'Range') {
    const range = target as RangeLike;
    return { sheet: range.getSheet().getName(), range: range.getA1Notation() };
  }
  if (className === 'Sheet') return { sheet: (target as { getName(): string }).getName(), range: '' };
  return { sheet: '', range: '' };
}

/** A `Date` for the bundle whose "now" is the virtual clock, as `new Date()` and `Date.now()` read it. */
export function virtualDate(clock: VirtualClock): DateConstructor {
  class VirtualDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now());
      else super(...(args as [string | number | Date]));
    }
    static now(): number {
      return clock.now();
    }
  }
  return VirtualDate as unknown as DateConstructor;
}
