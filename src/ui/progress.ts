/**
 * The progress dialog of Tổng hợp and Thiết lập đơn vị: calls the job's next step (each a new server
 * execution) until the work is done, showing units read, rows written and the percent, then the same
 * closing message as the menu used to show. Closed or disconnected mid-run, nothing is lost: the run's
 * position is in the document, and choosing the menu item again goes on from there.
 */
import { stepMessages as st } from '../core/messages/steps';
import type { StepJob, StepProgress, StepReply } from '../core/steps';

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  consolidateStep(options: object): void;
  setupStep(options: object): void;
}

interface ClientGlobals {
  google?: { script?: { run?: ScriptRun; host?: { close(): void } } };
}

const STEP: Record<StepJob, 'consolidateStep' | 'setupStep'> = {
  consolidate: 'consolidateStep',
  setup: 'setupStep',
};

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing`);
  return element;
}

function callStep(job: StepJob): Promise<StepReply<{ ok: boolean; message: string }>> {
  return new Promise((resolve, reject) => {
    const run = (globalThis as ClientGlobals).google?.script?.run;
    if (!run) {
      reject(new Error('google.script.run is not available'));
      return;
    }
    const runner = run
      .withSuccessHandler((value) => resolve(value as StepReply<{ ok: boolean; message: string }>))
      .withFailureHandler((error) =>
        reject(
          new Error(
            error instanceof Error
              ? error.message
              : String((error as { message?: unknown })?.message ?? error)
          )
        )
      );
    runner[STEP[job]]({});
  });
}

function show(progress: StepProgress): void {
  byId('label').textContent = progress.label || st.starting;
  byId('fill').style.width = `${progress.percent}%`;
  byId('fill').parentElement?.setAttribute('aria-valuenow', String(progress.percent));
  const counts: string[] = [];
  if (progress.job === 'consolidate') {
    if (progress.unitsTotal > 0) counts.push(st.readingUnits(progress.unitsRead, progress.unitsTotal));
    if (progress.rowsTotal > 0) counts.push(st.writingRows(progress.rowsWritten, progress.rowsTotal));
  } else if (progress.unitsTotal > 0) {
    counts.push(st.settingUp(progress.unitsRead, progress.unitsTotal));
  }
  counts.push(`${progress.percent}%`);
  byId('counts').textContent = counts.join(' · ');
}

function finish(text: string, failed: boolean): void {
  const message = byId('message');
  message.textContent = text;
  message.classList.toggle('failed', failed);
  byId('hint').hidden = true;
  const close = byId('close');
  close.textContent = st.close;
  close.hidden = false;
  close.focus();
}

async function run(job: StepJob): Promise<void> {
  byId('label').textContent = st.starting;
  byId('hint').textContent = st.keepOpen;
  byId('close').addEventListener('click', () => (globalThis as ClientGlobals).google?.script?.host?.close());
  for (;;) {
    let reply: StepReply<{ ok: boolean; message: string }>;
    try {
      reply = await callStep(job);
    } catch (error) {
      finish(`${st.interrupted}\n(${error instanceof Error ? error.message : String(error)})`, true);
      return;
    }
    show(reply.progress);
    if (reply.done) {
      if (reply.result.ok) byId('fill').style.width = '100%';
      finish(reply.result.message, !reply.result.ok);
      return;
    }
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const job = byId('job').dataset.job === 'setup' ? 'setup' : 'consolidate';
  void run(job);
});
