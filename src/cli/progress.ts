/**
 * Where a long command is, on stderr: a bar redrawn in place on a terminal (at most 5 redraws a
 * second), plain lines otherwise (one per new label and per 10%), so logs and CI stay readable.
 * stdout is never touched, so `--json` output stays clean. Labels come from src/core/messages.
 */
import { cliMessages as cm } from '../core/messages/cli';

export interface Progress {
  update(label: string, done: number, total: number): void;
  log(line: string): void;
  finish(): void;
}

const REDRAW_MS = 200;
const BAR_WIDTH = 24;

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  opts: { quiet?: boolean; now?: () => number } = {}
): Progress {
  const now = opts.now ?? Date.now;
  const tty = stream.isTTY === true;
  let label = '';
  let done = 0;
  let total = 0;
  let drawn = false;
  let lastDraw = -Infinity;
  let lastTenth = -1;

  const percent = () => (total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 0);
  const barLine = () => {
    const filled = Math.round((BAR_WIDTH * percent()) / 100);
    const line = cm.progressBar(
      label,
      '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled),
      percent(),
      done,
      total
    );
    const width = stream.columns ?? 80;
    return line.length >= width ? line.slice(0, width - 1) : line;
  };
  const clear = () => {
    if (tty && drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };
  const draw = () => {
    stream.write(`\r\x1b[2K${barLine()}`);
    drawn = true;
    lastDraw = now();
  };

  return {
    update(nextLabel, nextDone, nextTotal) {
      if (opts.quiet) return;
      const changed = nextLabel !== label;
      label = nextLabel;
      done = Math.max(0, nextDone);
      total = Math.max(0, nextTotal);
      if (tty) {
        // Always show a new label and the end of a step; in between, a few redraws a second.
        if (changed || done >= total || now() - lastDraw >= REDRAW_MS) draw();
        return;
      }
      // A step with no parts to count (one menu action) is one line: its name.
      if (total <= 1) {
        if (changed) stream.write(`${cm.progressStep(label)}\n`);
        return;
      }
      const tenth = Math.floor(percent() / 10);
      if (changed || tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${cm.progressLine(label, percent(), done, total)}\n`);
      }
      if (changed) lastTenth = tenth;
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
      if (tty && label !== '' && !opts.quiet && done < total) draw();
    },
    finish() {
      clear();
      label = '';
      done = 0;
      total = 0;
      lastTenth = -1;
    },
  };
}
