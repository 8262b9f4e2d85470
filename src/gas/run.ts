/**
 * How a menu action runs: under the document lock, with its closing alert, and for the long ones
 * (Thiết lập đơn vị, Tổng hợp) in steps driven by the progress dialog and held by a lease across
 * executions. The sidebar opens here too.
 *
 * LockService holds only within one execution, so a run of Tổng hợp or Thiết lập đơn vị is held by a
 * lease in the document properties, taken and renewed under the document lock, with an expiry: the same
 * person resumes at once, another is told how far the run is, and a lease abandoned past its expiry can be
 * taken over (the run's position is in the document, so it goes on). The lease's owner is
 * Session.getTemporaryActiveUserKey(): unique to the user, reveals nobody, needs no scope.
 */
import { services } from './apps-script';
import { consolidateMessages } from '../core/messages/consolidate';
import { explainFailure, failureCause, failureMessages } from '../core/messages/failures';
import { stepMessages as st } from '../core/messages/steps';
import { LEASE_MS, type StepJob } from '../core/steps';

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

export type Taken<T> = { run: Run<T>; fresh: boolean } | { busy: Run<T> };

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
export function takeRun<T>(key: string, now: number, start: () => T): Taken<T> {
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
export function saveRun<T>(key: string, run: Run<T>, now: number): void {
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
