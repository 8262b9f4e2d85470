/**
 * Runs the built add-on (dist/Code.js) in node:vm with the stand-in services as its only globals, as
 * Apps Script would: no require, process or timers, so the bundle cannot lean on Node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import type * as Main from '../gas/main';
import {
  createServices,
  type Workbook,
  Execution,
  VirtualClock,
  virtualDate,
  type TraceLine,
  SIMPLE_TRIGGER_LIMIT_MS,
  type CostModel,
  type Quotas,
  advancedServices,
  type Manifest,
} from '../stand-in';
import type { StepJob, StepProgress, StepReply } from '../core/steps';
import type { ActionResult } from '../gas/run';
import { consolidateMessages } from '../core/messages/consolidate';
import { setupMessages } from '../core/messages/setup';
import { splitMessages } from '../core/messages/split';

/** What a stepped entry point's last step returns. */
type FinalResult<K extends 'consolidateStep' | 'setupStep' | 'splitStep'> = Extract<
  ReturnType<(typeof Main)[K]>,
  { done: true }
>['result'];

/**
 * The entry points of dist/Code.js, typed from src/gas/main.ts itself (type-only: the bundle is what
 * runs), as the menu and google.script.run call them. The menu's "Tổng hợp" and "Tạo/Cập nhật sheet
 * đơn vị" open the progress dialog in Google Sheets; here they run the steps to the end and return the
 * last step's result.
 */
export type AddOn = Omit<typeof Main, 'consolidate' | 'setupUnits' | 'splitIntoFiles'> & {
  consolidate(): FinalResult<'consolidateStep'>;
  setupUnits(): FinalResult<'setupStep'>;
  /**
   * Tách thành tệp riêng: the steps to the question; called again with the token the question carried
   * (`{ confirm }`), as the dialog's button does, the steps to the end.
   */
  splitIntoFiles(answer?: { confirm: string }): FinalResult<'splitStep'>;
};

/** dist/ of this package, whether this code runs from src/ (tests) or bundled in dist/cli.js. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export const DIST_DIR = join(packageRoot(__dirname), 'dist');

const scripts = new Map<string, vm.Script>();

function compiled(distDir: string): vm.Script {
  const path = join(distDir, 'Code.js');
  let script = scripts.get(path);
  if (!script) {
    script = new vm.Script(readFileSync(path, 'utf8'), { filename: path });
    scripts.set(path, script);
  }
  return script;
}

/** Apps Script has a console; messages go to stderr, and tonghop's own code logs nothing personal. */
const quietConsole = {
  log: (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`),
};

export interface RuntimeOptions {
  /** The session's clock; a test moves it to let a lease expire. */
  clock?: VirtualClock;
  costs?: CostModel;
  /** One line per counted service call (`--trace`). */
  trace?: (line: TraceLine) => void;
  /**
   * Fault injection: the call through the layer, counted across the whole session (1-based), at which
   * the execution running then is stopped as at Google's time limit. Read at each execution, so a test
   * may set it between runs.
   */
  abortAtCall?: number;
  /** false: no 6-minute limit (the bench's reference run). */
  enforceLimit?: boolean;
  /** Passed to every step: the add-on stops a step after this much of its own time (ms). */
  stepBudgetMs?: number;
  /** Told after each step of a stepped action (the CLI prints it on stderr). */
  onStep?: (job: StepJob, progress: StepProgress) => void;
  /**
   * The manifest the script runs under (its scopes, its advanced services); default the built one,
   * `<distDir>/appsscript.json`, as `clasp push` uploads it.
   */
  manifest?: Manifest;
  /** Google's per-user quotas (a test may lower them). */
  quotas?: Quotas;
}

/** Each call of an entry point is one execution, as each menu click and google.script.run call is. */
export interface Session {
  readonly clock: VirtualClock;
  readonly executions: Execution[];
  /** The execution running now, or the last one. */
  current(): Execution | null;
}

const SERVICE_NAMES = [
  'SpreadsheetApp',
  'Charts',
  'HtmlService',
  'LockService',
  'PropertiesService',
  'Session',
  'Utilities',
] as const;

/** The manifest `clasp push` uploads with the bundle. */
function builtManifest(distDir: string): Manifest {
  return JSON.parse(readFileSync(join(distDir, 'appsscript.json'), 'utf8')) as Manifest;
}

const STEPPED: Record<
  'consolidate' | 'setupUnits' | 'splitIntoFiles',
  { job: StepJob; step: string; title: string }
> = {
  consolidate: { job: 'consolidate', step: 'consolidateStep', title: consolidateMessages.title },
  setupUnits: { job: 'setup', step: 'setupStep', title: setupMessages.title },
  splitIntoFiles: { job: 'split', step: 'splitStep', title: splitMessages.title },
};

/** Simple triggers: Google stops them after 30 seconds, not 6 minutes. */
const SIMPLE_TRIGGERS = new Set(['onOpen']);

/**
 * A new V8 context whose global object is an ordinary one, with `globals` set on it. A contextified
 * sandbox object (vm.createContext({...})) routes every global lookup of the bundle — Math, JSON,
 * Object, the services — through interceptors, which made the add-on's own loops tens of times
 * slower than on Apps Script's V8 (the step's row fingerprint: 10 s of a 150,000-row run).
 * vm.constants.DONT_CONTEXTIFY (Node ≥ 20.18 / 22.8) gives the plain global; older Node falls back.
 */
function bareContext(globals: Record<string, unknown>): vm.Context {
  const dontContextify = (vm.constants as unknown as { DONT_CONTEXTIFY?: symbol } | undefined)
    ?.DONT_CONTEXTIFY;
  if (dontContextify === undefined) return vm.createContext(globals);
  const context = vm.createContext(dontContextify as unknown as vm.Context) as Record<string, unknown>;
  Object.assign(context, globals);
  return context;
}

/** A stepped action gives up after this many steps: more means a step made no progress. */
const MAX_STEPS = 500;

export function loadAddOn(workbook: Workbook, distDir = DIST_DIR, options: RuntimeOptions = {}) {
  const manifest = options.manifest ?? builtManifest(distDir);
  const services = createServices(workbook, { htmlDir: distDir, manifest, quotas: options.quotas });
  const { ui, ...globals } = services;
  const clock = options.clock ?? new VirtualClock();
  // The Drive's quotas and file times follow the session's clock, as the bundle's Date does.
  workbook.drive.now = () => new Date(clock.now());
  // An advanced service is a global only where the manifest enables it (userSymbol "Drive").
  const drive = advancedServices(manifest).get('Drive');
  const serviceNames: readonly string[] =
    drive?.serviceId === 'drive' && drive.version === 'v3' ? [...SERVICE_NAMES, 'Drive'] : SERVICE_NAMES;
  const executions: Execution[] = [];
  const context = bareContext({
    console: { ...quietConsole, info: quietConsole.log, warn: quietConsole.log, error: quietConsole.log },
    Date: virtualDate(clock),
  });
  compiled(distDir).runInContext(context);
  // The bundle's exports, as its top-level delegates call them; the delegates themselves are replaced
  // below so that each call from outside is one execution.
  const bundle = ((context as { tonghop?: object }).tonghop ?? {}) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const install = (execution: Execution): void => {
    // A lock belongs to one execution: each gets its own LockService, the rest is shared.
    const fresh: Record<string, unknown> = {
      ...globals,
      LockService: createServices(workbook).LockService,
      ui,
    };
    for (const key of serviceNames) context[key] = execution.service(key, fresh[key] as object);
  };
  const scopes = manifest.oauthScopes ?? [];
  // Services in place before any entry point runs (code evaluated in the context by a test uses them).
  install(new Execution(workbook, { number: 0, clock, costs: options.costs, enforceLimit: false, scopes }));

  /** A fresh execution: its own clock reading, lock identity and limits, then the entry point. */
  const execute = (name: string, args: unknown[], entry = bundle[name]): unknown => {
    // Without a clock of the caller's, each execution starts at the real time (its calls then add
    // their modelled cost), so that what the add-on stamps matches the machine's clock; never before
    // what an earlier command on these files stamped (Drive.notBefore).
    if (options.clock === undefined) clock.set(Math.max(Date.now(), workbook.drive.notBefore));
    const number = executions.length + 1;
    const before = executions.reduce((n, e) => n + e.attempts, 0);
    const abortAt = options.abortAtCall === undefined ? undefined : options.abortAtCall - before;
    const execution = new Execution(workbook, {
      number,
      clock,
      costs: options.costs,
      trace: options.trace,
      abortAtCall: abortAt !== undefined && abortAt > 0 ? abortAt : undefined,
      enforceLimit: options.enforceLimit,
      limitMs: SIMPLE_TRIGGERS.has(name) ? SIMPLE_TRIGGER_LIMIT_MS : undefined,
      scopes,
    });
    executions.push(execution);
    install(execution);
    const lockBefore = workbook.lockHolder;
    try {
      return entry(...args.map((arg) => execution.argument(arg)));
    } finally {
      // Google releases an execution's locks when it ends, even one stopped at its time limit.
      if (lockBefore === null) workbook.lockHolder = null;
      // What the execution (and whatever people typed before it) wrote becomes a version, where kept.
      workbook.drive.recordVersions();
    }
  };

  // The context itself is the add-on, as Code.js's top-level functions are on Google's servers.
  const addOn: Record<string, (...args: unknown[]) => unknown> = context;
  for (const name of Object.keys(bundle)) addOn[name] = (...args: unknown[]) => execute(name, args);
  // The menu opens a progress dialog that calls the next step until the work is done; here the same
  // steps run in a loop, each its own execution, and the last message is shown as the dialog would.
  for (const [name, spec] of Object.entries(STEPPED)) {
    addOn[name] = (answer?: unknown) => {
      for (let i = 0; i < MAX_STEPS; i++) {
        const budget = options.stepBudgetMs === undefined ? {} : { budgetMs: options.stepBudgetMs };
        const reply = execute(spec.step, [
          { ...budget, ...(answer as object | undefined) },
        ]) as StepReply<ActionResult>;
        options.onStep?.(spec.job, reply.progress);
        if (reply.done) {
          ui.alert(spec.title, reply.result.message, ui.ButtonSet.OK);
          return reply.result;
        }
      }
      throw new Error(`${spec.step}: no end after ${MAX_STEPS} steps`);
    };
  }
  const session: Session = {
    clock,
    executions,
    current: () => executions.at(-1) ?? null,
  };
  /** Calls an entry point as it is in the bundle (the menu's `consolidate` opens the dialog). */
  const raw = (name: string, ...args: unknown[]) => execute(name, args);
  /**
   * Runs a function's body written in the script's own terms (`Drive.Files.create(…)`, `return …`) in the
   * bundle's realm as one execution, as the editor's Run button would: priced, timed, scope-checked.
   */
  const script = (body: string): unknown =>
    execute('script', [], vm.runInContext(`(function () {\n${body}\n})`, context) as () => unknown);
  // Each name of the bundle's exports is now a function of that name: the shape of src/gas/main.ts.
  return { addOn: addOn as AddOn, ui, services, session, raw, script };
}

/**
 * A new spreadsheet comes with one empty tab, in Google Sheets as in the stand-in; `tonghop init` drops
 * it once the set-up sheet exists, so that the new workbook holds only the add-on's sheets.
 */
export function dropBlankSheets(workbook: Workbook): void {
  for (const sheet of workbook.getSheets()) {
    if (
      workbook.getSheets().length > 1 &&
      sheet.getLastRow() === 0 &&
      sheet.getDeveloperMetadata().length === 0
    ) {
      workbook.deleteSheet(sheet);
    }
  }
}
