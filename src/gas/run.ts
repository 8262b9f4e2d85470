/**
 * How a menu action runs: under the document lock, with its closing alert, and for the long ones
 * (Thiết lập đơn vị, Tổng hợp, Tách thành tệp riêng, Kết thúc đợt báo cáo) in steps driven by the progress
 * dialog, held by a lease across executions and paced by the one step runner (below). The sidebar opens
 * here too.
 *
 * LockService holds only within one execution, so a run of a long action is held by a
 * lease in the document properties, taken and renewed under the document lock, with an expiry: the same
 * person resumes at once, another is told how far the run is, and a lease abandoned past its expiry can be
 * taken over (the run's position is in the document, so it goes on). The lease's owner is
 * Session.getTemporaryActiveUserKey(): unique to the user, reveals nobody, needs no scope.
 */
import { services } from '../contract/apps-script';
import { consolidateMessages } from '../core/messages/consolidate';
import { explainFailure, failureCause, failureMessages } from '../core/messages/failures';
import { stepMessages as st } from '../core/messages/steps';
import {
  LEASE_MS,
  minutesUntil,
  noProgress,
  noRoomFor,
  noRoomToClose,
  stepBudget,
  type StepJob,
  type StepReply,
} from '../core/steps';

export interface ActionResult {
  ok: boolean;
  /** The Vietnamese message the menu shows: what happened and what to do. */
  message: string;
  /**
   * For the administrator: Google's own error text, or which cells failed. The pages fold it under
   * "Thông tin cho người quản trị"; an alert shows it only when nothing in `message` explains it.
   */
  detail?: string;
}

/** `result` with the administrator's detail, when there is one. */
export function withDetail<T extends object>(result: T, detail?: string): T & { detail?: string } {
  return detail ? { ...result, detail } : result;
}

// The document lock and the closing alert.

/** Shows a message in a dialog; outside a UI (a trigger, a script run) there is nobody to show it to. */
export function showAlert(title: string, message: string): void {
  try {
    const ui = services().SpreadsheetApp.getUi();
    ui.alert(title, message, ui.ButtonSet.OK);
  } catch {
    // No UI in this execution context.
  }
}

/**
 * Runs an action under the document lock, so that two clerks at once cannot interleave their writes;
 * the second one is told to try again later. The result's message is shown in a dialog.
 */
export function withDocumentLock<T extends ActionResult>(
  title: string,
  action: () => T,
  failed: (message: string) => T
): T {
  const result = underDocumentLock(
    () => failed(consolidateMessages.busy),
    action,
    (message, detail) => withDetail(failed(message), detail)
  );
  const { detail } = result;
  // Google's text in an alert only when nothing explains it (it cannot fold there).
  const unexplained = detail !== undefined && failureCause(detail) === 'unknown';
  showAlert(title, unexplained ? result.message + failureMessages.alertDetail(detail) : result.message);
  return result;
}

/**
 * The document lock without a dialog, for the sidebar's writes (the sidebar shows the outcome itself):
 * `busy` when another execution holds it; on an error, `failed` with a Vietnamese message (what
 * happened, then `advice`: what to do) and Google's own text as the administrator's detail.
 */
export function underDocumentLock<T>(
  busy: () => T,
  action: () => T,
  failed: (message: string, detail: string) => T,
  advice: string = failureMessages.retryMenu
): T {
  const lock = services().LockService.getDocumentLock();
  if (lock && !lock.tryLock(10_000)) return busy();
  try {
    return action();
  } catch (error) {
    // Duck-typed: an error from another realm (the local runtime's services) is no `instanceof Error`.
    const message = (error as { message?: unknown } | null)?.message;
    const detail = typeof message === 'string' ? message : String(error);
    return failed(`${explainFailure(detail)} ${failureMessages.unchanged} ${advice}`, detail);
  } finally {
    lock?.releaseLock();
  }
}

// The dialogs and the sidebar.

/** dist/Progress.html (src/ui/progress.html with its script inlined). */
const PROGRESS_FILE = 'Progress';
/** dist/Sidebar.html (src/ui/sidebar.html with its script inlined). */
const SIDEBAR_FILE = 'Sidebar';

/** The small progress dialog that Tổng hợp and Thiết lập đơn vị open: it calls the next step until done. */
export function showProgressDialog(job: StepJob): void {
  const { HtmlService, SpreadsheetApp } = services();
  // The job rides in a data attribute appended to the page; the page reads it once loaded.
  const html = HtmlService.createHtmlOutputFromFile(PROGRESS_FILE).append(
    `<div id="job" data-job="${job}" hidden></div>`
  );
  SpreadsheetApp.getUi().showModalDialog(html, st.dialogTitle[job]);
}

/** Opens the sidebar under `title`; `appended` (a script line) lands after the page's own script. */
export function showSidebar(title: string, appended?: string): void {
  const { SpreadsheetApp, HtmlService } = services();
  const output = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(title);
  SpreadsheetApp.getUi().showSidebar(appended === undefined ? output : output.append(appended));
}

// The lease of a run across executions.

export interface Run<T> {
  owner: string;
  /** Epoch ms after which anyone may take the run over. */
  expires: number;
  /** Executions this run has taken so far. */
  step: number;
  startedAt: number;
  data: T;
}

type Taken<T> = { run: Run<T>; fresh: boolean } | { busy: Run<T> };

function store() {
  const properties = services().PropertiesService.getDocumentProperties();
  if (!properties) throw new Error('No document properties');
  return properties;
}

function readRun<T>(key: string): Run<T> | null {
  const text = store().getProperty(key);
  if (!text) return null;
  try {
    return JSON.parse(text) as Run<T>;
  } catch {
    return null;
  }
}

/** Takes the run at `key` for the active user (call under the document lock). */
function takeRun<T>(key: string, now: number, start: () => T): Taken<T> {
  const me = services().Session.getTemporaryActiveUserKey();
  const existing = readRun<T>(key);
  if (existing && existing.owner !== me && existing.expires > now) return { busy: existing };
  const run: Run<T> = existing
    ? { ...existing, owner: me, expires: now + LEASE_MS, step: existing.step + 1 }
    : { owner: me, expires: now + LEASE_MS, step: 1, startedAt: now, data: start() };
  saveRun(key, run, now);
  return { run, fresh: !existing };
}

/** Saves the run's position and renews its lease; a value stays far below the 9 kB a property holds. */
function saveRun<T>(key: string, run: Run<T>, now: number): void {
  run.expires = now + LEASE_MS;
  store().setProperty(key, JSON.stringify(run));
}

/** Ends the run: its position, and every value kept beside it under `<key>.`, are deleted. */
export function endRun(key: string, kept: readonly string[] = []): void {
  const properties = store();
  // The run first: stopped in between, what is left beside it is rewritten by the next run, whereas a
  // run left without its records could not finish (issue 20's fault injection found it).
  properties.deleteProperty(key);
  for (const k of kept) properties.deleteProperty(k);
}

/** Values kept beside a run (one per unit, say), each far below 9 kB, all read back in one call. */
export function keepBeside(key: string, name: string, value: unknown): void {
  store().setProperty(`${key}.${name}`, JSON.stringify(value));
}

/** Several values under `<key>.<name>`, in one call (each far below 9 kB). */
export function keepAllBeside(key: string, values: ReadonlyMap<string, unknown>): void {
  if (values.size === 0) return;
  const pairs: { [k: string]: string } = {};
  for (const [name, value] of values) pairs[`${key}.${name}`] = JSON.stringify(value);
  store().setProperties(pairs);
}

export function readBeside(key: string): Map<string, unknown> {
  return readBesideEach([key])[0];
}

/** The values kept beside each of `keys` (as readBeside), all read in one call. */
export function readBesideEach(keys: readonly string[]): Map<string, unknown>[] {
  const outs = keys.map(() => new Map<string, unknown>());
  for (const [k, v] of Object.entries(store().getProperties())) {
    const i = keys.findIndex((key) => k.startsWith(`${key}.`));
    if (i < 0) continue;
    try {
      outs[i].set(k.slice(keys[i].length + 1), JSON.parse(v) as unknown);
    } catch {
      // A value that is not ours is left alone.
    }
  }
  return outs;
}

// The step runner of the four long actions: Thiết lập đơn vị, Tổng hợp, Tách thành tệp riêng, Kết thúc đợt
// báo cáo. Each step is one execution (google.script.run from the progress dialog) under the document lock,
// on a clock of its own. The runner holds the action's run across steps by its lease (above: another clerk
// is told how far it is), paces the walk over units (before each piece of work, the slowest so far with a
// quarter to spare must fit the budget; a step always does one) and keeps the closing reserve
// (CLOSING_RESERVE_MS). What a piece and the closing do, what they save and when, and how far the bar is,
// stay the action's: the order of its writes is what makes it safe to stop at any call.

/**
 * A step's entry point: `step` under the document lock. While another execution holds the lock, or when
 * the step throws, a done reply with `failed`'s result (the error's own text as the administrator's detail).
 */
export function runStep<R extends ActionResult>(
  job: StepJob,
  step: () => StepReply<R>,
  failed: (message: string) => R,
  lockBusy: string = consolidateMessages.busy
): StepReply<R> {
  return underDocumentLock(
    () => ({ done: true, progress: noProgress(job), result: failed(lockBusy) }),
    step,
    (message, detail) => ({
      done: true,
      progress: noProgress(job),
      result: withDetail(failed(message), detail),
    })
  );
}

/** How a busy run is described to the clerk who finds it: the action's name, and how far the run is. */
export interface BusyText<T> {
  title: string;
  far: (held: T) => string;
}

/** A step's clock, from the start of its execution, with the budget its options allow (tests ask less). */
export class StepClock {
  readonly started = Date.now();
  readonly budget: number;

  constructor(options: unknown, ceiling?: number) {
    this.budget = stepBudget(options, ceiling);
  }

  elapsed(): number {
    return Date.now() - this.started;
  }

  /**
   * Takes the run at `key` for the person running this (under the document lock): theirs or new, its
   * steps; held by someone else whose lease has not ended, the message telling them to wait.
   */
  take<T>(key: string, fresh: () => T, busy: BusyText<T>): Steps<T> | { busy: string } {
    const taken = takeRun<T>(key, this.started, fresh);
    if ('busy' in taken) {
      const held = taken.busy;
      return { busy: st.busy(busy.title, busy.far(held.data), minutesUntil(held.expires, this.started)) };
    }
    return new Steps(this, key, taken.run, taken.fresh);
  }
}

/** The run a step holds, and the pacing of its work. */
export class Steps<T> {
  /** The longest piece of this step so far, and how many it did. */
  private slowest = 0;
  private pieces = 0;
  /** Time of the running piece spent on work done once a step (see `untimed`). */
  private aside = 0;

  constructor(
    readonly clock: StepClock,
    private readonly key: string,
    readonly run: Run<T>,
    /** Whether this step began the run (no earlier step's position). */
    readonly fresh: boolean
  ) {}

  /** Keeps the run's position in the document and renews its lease. */
  save(): void {
    saveRun(this.key, this.run, Date.now());
  }

  /**
   * Does pieces of work while `more()` holds, each timed, the first whatever the clock says; a piece may
   * end the walk by calling `stop` (Google's daily quota spent, say). 'paused' when it stopped for time (the
   * run saved: the next step goes on from its position), 'stopped' when a piece stopped it, else 'done'.
   */
  walk(more: () => boolean, piece: (stop: () => void) => void): 'done' | 'paused' | 'stopped' {
    let stopped = false;
    const stop = () => {
      stopped = true;
    };
    while (more()) {
      if (this.pieces > 0 && noRoomFor(this.slowest, this.clock.elapsed(), this.clock.budget)) {
        this.save();
        return 'paused';
      }
      const began = Date.now();
      this.aside = 0;
      piece(stop);
      this.pieces++;
      this.slowest = Math.max(this.slowest, Date.now() - began - this.aside);
      if (stopped) return 'stopped';
    }
    return 'done';
  }

  /**
   * Work a piece does once a step, before its own (Thiết lập's template sheet): not counted in the piece's
   * time, so that it does not make every later piece look slow.
   */
  untimed<R>(work: () => R): R {
    const began = Date.now();
    try {
      return work();
    } finally {
      this.aside += Date.now() - began;
    }
  }

  /**
   * Whether a closing part may run in this step: always when the step did no piece (a step with nothing
   * left but the closing must make progress), else with CLOSING_RESERVE_MS of its budget left. When not,
   * the run is saved and the next step closes.
   */
  mayClose(): boolean {
    if (this.pieces === 0 || !noRoomToClose(this.clock.elapsed(), this.clock.budget)) return true;
    this.save();
    return false;
  }
}
