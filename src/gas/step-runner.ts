/**
 * The step runner of the four long menu actions: Thiết lập đơn vị, Tổng hợp, Tách thành tệp riêng and Kết
 * thúc đợt báo cáo. Each step is one execution (google.script.run from the progress dialog), under the
 * document lock, on a clock of its own. The runner holds the action's run across steps by its lease (run.ts:
 * another clerk is told how far it is), paces the walk over units (before each piece of work, the slowest so
 * far with a quarter to spare must fit the budget; a step always does one) and keeps the closing reserve
 * (CLOSING_RESERVE_MS). What a piece and the closing do, what they save and when, and how far the bar is,
 * stay the action's: the order of its writes is what makes it safe to stop at any call.
 */
import { consolidateMessages as cm } from '../core/messages/consolidate';
import { stepMessages as st } from '../core/messages/steps';
import {
  minutesUntil,
  noProgress,
  noRoomFor,
  noRoomToClose,
  stepBudget,
  type StepJob,
  type StepReply,
} from '../core/steps';
import { saveRun, takeRun, underDocumentLock, withDetail, type ActionResult, type Run } from './run';

/**
 * A step's entry point: `step` under the document lock. While another execution holds the lock, or when
 * the step throws, a done reply with `failed`'s result (the error's own text as the administrator's detail).
 */
export function runStep<R extends ActionResult>(
  job: StepJob,
  step: () => StepReply<R>,
  failed: (message: string) => R,
  lockBusy: string = cm.busy
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
