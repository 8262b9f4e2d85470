/**
 * Thiết lập đơn vị, Tổng hợp, Tách thành tệp riêng and Kết thúc đợt báo cáo run as a sequence of server
 * calls, each its own Apps Script execution (6 minutes at most), driven by the progress dialog or by the
 * local runner; the step runner in src/gas/run.ts paces them. These are the replies, and the runner's pure
 * decisions.
 */
export type StepJob = 'consolidate' | 'setup' | 'split' | 'close';

export interface StepProgress {
  job: StepJob;
  unitsRead: number;
  unitsTotal: number;
  rowsWritten: number;
  rowsTotal: number;
  /** 0–100, for the bar. */
  percent: number;
  /** What the dialog shows under the bar (Vietnamese). */
  label: string;
  /** The step count of this run so far (1 for the first execution). */
  step: number;
}

export type StepReply<R> =
  { done: false; progress: StepProgress } | { done: true; progress: StepProgress; result: R };

/** A step stops itself by its own clock, well before Google's 6 minutes (360 s). */
const STEP_BUDGET_MS = 240_000;

/** How long a run is held for its clerk after its last step: past this, anyone may take it over. */
export const LEASE_MS = 7 * 60_000;

/**
 * Thiết lập's steps may run a little longer: a unit costs it a few seconds at most, and the step checks its
 * clock before each unit with room for 1.25 of the slowest, so an execution ends by 250 s, still 110 s
 * before Google's limit (and each execution stays within the bench's 255 s ceiling for it). Under the cost
 * model 200 units take 4 executions in one shared file (3 until each unit sheet got its third protection,
 * issue 18) and 5 with a file per unit: the bench's bounds.
 */
export const SETUP_STEP_BUDGET_MS = 250_000;

/**
 * Time a step keeps for its closing work (Thiết lập's tab order and sharing, Tổng hợp's summary and switch
 * and then the leaders' file, Tách thành tệp riêng's last sharing checks, Kết thúc đợt báo cáo's folder and
 * the office file's sharing): a step that did any unit of work closes only with this much of its budget
 * left, else the next step closes. One value for all four, from Google's limit: an execution is stopped at
 * 360 s and a step's budget is 240 s or 250 s, so a closing starts by 220 s at the latest. Taking its
 * 30 s, it ends within the budget; taking 140 s, more than four times as long, it still ends before Google
 * stops it. 30 s is the largest of the reserves the actions used to keep each on their own (Tổng hợp's, for
 * its summary and switch); for the others it costs at most one short step more, and only when a walk ends
 * in its budget's last half-minute.
 */
export const CLOSING_RESERVE_MS = 30_000;

/** What a caller may ask of a step: a shorter budget (tests force many steps), never a longer one. */
export function stepBudget(options: unknown, ceiling: number = STEP_BUDGET_MS): number {
  const asked =
    typeof options === 'object' && options !== null
      ? (options as { budgetMs?: unknown }).budgetMs
      : undefined;
  return typeof asked === 'number' && Number.isFinite(asked) && asked >= 0
    ? Math.min(asked, ceiling)
    : ceiling;
}

/** The progress of a step that did nothing countable yet (a refusal, the first reply). */
export function noProgress(job: StepJob, step = 0): StepProgress {
  return { job, unitsRead: 0, unitsTotal: 0, rowsWritten: 0, rowsTotal: 0, percent: 0, label: '', step };
}

export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)));
}

/**
 * Whether a step should stop before its next piece of work: the slowest piece so far, with a quarter to
 * spare, would end past the step's budget (a step always does one piece, whatever it costs).
 */
export function noRoomFor(slowestMs: number, elapsedMs: number, budgetMs: number): boolean {
  return elapsedMs + slowestMs * 1.25 > budgetMs;
}

/** Whether a step that did some work should leave its closing to the next step (see CLOSING_RESERVE_MS). */
export function noRoomToClose(elapsedMs: number, budgetMs: number): boolean {
  return elapsedMs + CLOSING_RESERVE_MS > budgetMs;
}

/** Whole minutes, at least one, until a busy run's lease ends (the "try again in N minutes" of a clash). */
export function minutesUntil(expires: number, now: number): number {
  return Math.max(1, Math.ceil((expires - now) / 60_000));
}

/** A step's progress counted in units (Thiết lập's steps: one unit at a time, the closing as one more). */
export function unitsProgress(
  job: StepJob,
  done: number,
  total: number,
  label: string,
  step: number
): StepProgress {
  return {
    job,
    unitsRead: done,
    unitsTotal: total,
    rowsWritten: 0,
    rowsTotal: 0,
    percent: percentOf(done, total + 1),
    label,
    step,
  };
}

/** A short, stable fingerprint of a text (FNV-1a, 32 bits): whether a unit's rows changed between steps. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
