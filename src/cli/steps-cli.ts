/**
 * What `tonghop setup` and `tonghop run` add to the runtime: each step's progress (the dialog's text and
 * percent, for the CLI's progress printer on stderr) and, with `--trace FILE`, one JSON line per service
 * call of every execution.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { stepMessages } from '../core/messages/steps';
import type { RuntimeOptions } from './runtime';
import type { TraceLine } from '../stand-in';

export interface StepOutput {
  options: RuntimeOptions;
  close(): void;
}

export function stepOutput(
  tracePath: string | undefined,
  show: (label: string, percent: number) => void
): StepOutput {
  const fd = tracePath === undefined ? null : openSync(tracePath, 'w');
  let pending: string[] = [];
  const flush = () => {
    if (fd !== null && pending.length > 0) writeSync(fd, pending.join(''));
    pending = [];
  };
  const trace =
    fd === null
      ? undefined
      : (line: TraceLine) => {
          pending.push(`${JSON.stringify(line)}\n`);
          if (pending.length >= 1000) flush();
        };
  return {
    options: {
      trace,
      onStep: (job, progress) => {
        if (progress.label === '') return;
        show(
          stepMessages.cliStep(
            stepMessages.dialogTitle[job],
            progress.step,
            progress.label,
            progress.percent
          ),
          progress.percent
        );
      },
    },
    close: () => {
      flush();
      if (fd !== null) closeSync(fd);
    },
  };
}
