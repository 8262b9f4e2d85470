/** The small progress dialog that Tổng hợp and Thiết lập đơn vị open: it calls the next step until done. */
import { services } from './apps-script';
import { stepMessages as st } from '../core/messages/steps';
import type { StepJob } from '../core/steps';

/** dist/Progress.html (src/ui/progress.html with its script inlined). */
const PROGRESS_FILE = 'Progress';

export function showProgressDialog(job: StepJob): void {
  const { HtmlService, SpreadsheetApp } = services();
  // The job rides in a data attribute appended to the page; the page reads it once loaded.
  const html = HtmlService.createHtmlOutputFromFile(PROGRESS_FILE).append(
    `<div id="job" data-job="${job}" hidden></div>`
  );
  SpreadsheetApp.getUi().showModalDialog(html, st.dialogTitle[job]);
}
