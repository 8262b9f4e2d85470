/**
 * The progress dialog of Tổng hợp, Thiết lập đơn vị and Tách thành tệp riêng: calls the job's next step (each
 * a new server execution) until the work is done, showing units read, rows written and the percent, then the
 * same closing message as the menu used to show. Closed or disconnected mid-run, nothing is lost: the run's
 * position is in the document, and choosing the menu item again goes on from there. Tách thành tệp riêng
 * stops at a question; the clerk's "yes" sends the token it carried with the next steps.
 */
import { explainFailure } from '../core/messages/failures';
import { stepMessages as st } from '../core/messages/steps';
import { splitMessages as xm } from '../core/messages/split';
import type { StepJob, StepProgress, StepReply } from '../core/steps';
import { adminInfo } from './admin-info';
import { call, closeDialog, type StepName } from './rpc';

/** Each job's step on the server, by the name src/gas/main.ts exports (a rename there fails to compile). */
const STEP = {
  consolidate: 'consolidateStep',
  setup: 'setupStep',
  split: 'splitStep',
  close: 'closeCampaignStep',
} as const satisfies Record<StepJob, StepName>;

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing`);
  return element;
}

/** What a step ends with: the menu's message, and for the administrator the error's own text. */
interface StepResult {
  ok: boolean;
  message: string;
  detail?: string;
  /** Tách thành tệp riêng: everything is copied and checked, and the message asks the clerk. */
  confirm?: { token: string };
}

/** The job's next step; every step's reply is checked against what this page reads of it. */
function callStep(job: StepJob, options: object = {}): Promise<StepReply<StepResult>> {
  return call(STEP[job], options);
}

function show(progress: StepProgress): void {
  byId('label').textContent = progress.label || st.starting;
  byId('fill').style.width = `${progress.percent}%`;
  byId('fill').parentElement?.setAttribute('aria-valuenow', String(progress.percent));
  const counts: string[] = [];
  if (progress.job === 'consolidate') {
    if (progress.unitsTotal > 0) counts.push(st.readingUnits(progress.unitsRead, progress.unitsTotal));
    if (progress.rowsTotal > 0) counts.push(st.writingRows(progress.rowsWritten, progress.rowsTotal));
  } else if (progress.job === 'setup' && progress.unitsTotal > 0) {
    counts.push(st.settingUp(progress.unitsRead, progress.unitsTotal));
  }
  counts.push(`${progress.percent}%`);
  byId('counts').textContent = counts.join(' · ');
}

/** The closing message; Google's own text of an error, if any, folded away under it. */
function finish(text: string, failed: boolean, detail?: string): void {
  const message = byId('message');
  message.textContent = text;
  message.classList.toggle('failed', failed);
  const admin = byId('admin');
  admin.replaceChildren(...(detail ? [adminInfo(detail)] : []));
  admin.hidden = !detail;
  byId('hint').hidden = true;
  const close = byId('close');
  close.textContent = st.close;
  close.hidden = false;
  close.focus();
}

/** The question of Tách thành tệp riêng: yes runs the rest with `token`; later closes, changing nothing. */
function ask(text: string, token: string): void {
  finish(`${text}\n\n${xm.laterNote}`, false);
  const close = byId('close');
  close.textContent = xm.later;
  const confirm = byId('confirm');
  confirm.textContent = xm.confirm;
  confirm.hidden = false;
  confirm.focus();
  confirm.addEventListener(
    'click',
    () => {
      confirm.hidden = true;
      close.hidden = true;
      byId('message').textContent = '';
      byId('hint').hidden = false;
      void run('split', { confirm: token });
    },
    { once: true }
  );
}

async function run(job: StepJob, options: object = {}): Promise<void> {
  byId('label').textContent = st.starting;
  byId('hint').textContent = st.keepOpen;
  for (;;) {
    let reply: StepReply<StepResult>;
    try {
      reply = await callStep(job, options);
    } catch (error) {
      // The step never answered (Google stopped it, or the connection dropped): nothing half-kept.
      const detail = error instanceof Error ? error.message : String(error);
      finish(st.interrupted(explainFailure(detail), st.dialogTitle[job]), true, detail);
      return;
    }
    show(reply.progress);
    if (reply.done) {
      const { confirm } = reply.result;
      if (confirm) {
        ask(reply.result.message, confirm.token);
        return;
      }
      if (reply.result.ok) byId('fill').style.width = '100%';
      finish(reply.result.message, !reply.result.ok, reply.result.detail);
      return;
    }
  }
}

const JOBS: readonly StepJob[] = ['consolidate', 'setup', 'split', 'close'];

document.addEventListener('DOMContentLoaded', () => {
  const asked = byId('job').dataset.job;
  const job = JOBS.find((j) => j === asked) ?? 'consolidate';
  byId('close').addEventListener('click', closeDialog);
  void run(job);
});
