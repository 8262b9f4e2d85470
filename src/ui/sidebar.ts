/**
 * Browser entry of the sidebar (bundled and inlined into dist/Sidebar.html): the "Kiểm tra dữ liệu"
 * screen, and the "Nhập từ tệp" screen (src/ui/import-screen.ts), which the menu can open directly.
 *
 * One server call at a time: while it runs the controls are disabled and the page says what it waits
 * for, so a click cannot act on a list that is about to change.
 */
import { explainFailure } from '../core/messages/failures';
import { importMessages as im } from '../core/messages/import';
import { sidebarMessages as m } from '../core/messages/sidebar';
import type {
  ALL_UNITS as ContractAllUnits,
  ApplyFixesResponse,
  CheckResponse,
  FixItem,
  ProblemItem,
} from '../core/sidebar-api';
import { adminInfo } from './admin-info';
import { byId, el, replaceChildren } from './dom';
import { createImportScreen, importShell, type BusyName, type NoticeMore, type Tone } from './import-screen';
import { createFollowScreen, followShell } from './follow-screen';
import { followUpMessages as fum } from '../core/messages/follow-up';
import { call, type ServerArg, type ServerResult, type SidebarName } from './rpc';
import { emptyState, fixEntry, problemList, summaryView } from './views';

/**
 * The contract's ALL_UNITS, checked against it at compile time: importing the value would pull the
 * module's zod schemas into the page.
 */
const ALL_UNITS: typeof ContractAllUnits = '*';

interface State {
  /** The unit to check; undefined until the first reply says which sheet is open. */
  unit: string | undefined;
  response: CheckResponse | null;
  /** The fixes on screen waiting for confirmation. */
  preview: FixItem[] | null;
  busy: BusyName | null;
  screen: 'check' | 'import' | 'follow';
}

const state: State = { unit: undefined, response: null, preview: null, busy: null, screen: 'check' };

const BUSY_TEXT: Record<BusyName, string> = { ...m.busy, ...im.busyStatus, ...fum.busy };
const FAILURE_TEXT: Record<SidebarName, string> = { ...m.failure, ...im.failure, ...fum.failure };

function ui() {
  return {
    app: byId('app'),
    results: byId('results'),
    unit: byId<HTMLSelectElement>('unit'),
    recheck: byId<HTMLButtonElement>('recheck'),
    autofix: byId<HTMLButtonElement>('autofix'),
    status: byId('status'),
    notice: byId('notice'),
    summary: byId('summary'),
    fixes: byId('fixes'),
    problems: byId('problems'),
    checkScreen: byId('check-screen'),
    importScreen: byId('import-screen'),
    importResults: byId('import-results'),
    importNotice: byId('import-notice'),
    importStatus: byId('import-status'),
    switchBar: byId('switch-bar'),
    followScreen: byId('follow-screen'),
    followResults: byId('follow-results'),
    followNotice: byId('follow-notice'),
    followStatus: byId('follow-status'),
  };
}
type Ui = ReturnType<typeof ui>;
let dom: Ui;

function shell(): HTMLElement {
  return el(
    'div',
    { class: 'shell', id: 'check-screen' },
    el(
      'header',
      { class: 'controls' },
      el('h1', {}, m.title),
      el('p', { class: 'intro' }, m.intro),
      el('label', { for: 'unit', class: 'field-label' }, m.unitLabel),
      el('select', { id: 'unit' }),
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', id: 'recheck', class: 'button secondary' }, m.recheck),
        el('button', { type: 'button', id: 'autofix', class: 'button primary' }, m.autoFix)
      ),
      el(
        'div',
        { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite', hidden: true },
        el('span', { class: 'spinner', 'aria-hidden': 'true' }),
        el('span', { class: 'status-text' })
      )
    ),
    // aria-busy goes here, not on the page: on an ancestor it would also mute the status line.
    el(
      'div',
      { id: 'results', 'aria-busy': 'true' },
      el('div', { id: 'notice' }),
      el('section', { id: 'summary', class: 'summary', 'aria-label': m.summaryLabel }),
      el('section', { id: 'fixes', class: 'fixes', hidden: true, 'aria-labelledby': 'fixes-heading' }),
      el('section', { id: 'problems', class: 'problems', 'aria-labelledby': 'problems-heading' })
    ),
    // Last in the tab order (after the list), kept in view at the bottom of the sidebar.
    el(
      'footer',
      { class: 'switch-bar', id: 'switch-bar' },
      el('button', { type: 'button', id: 'open-import', class: 'link-button' }, `${im.openImport} →`)
    )
  );
}

// ---------------------------------------------------------------------------------------------
// Server calls

/** The operations running, innermost last: "Áp dụng" re-checks inside its own busy state. */
const running: BusyName[] = [];

/**
 * Keeps the busy state on (controls disabled, aria-busy, the status line) until `work` has finished
 * drawing, so nothing can be clicked in a list that is about to change.
 */
async function busyWhile<T>(name: BusyName, work: () => Promise<T>): Promise<T> {
  const focused =
    running.length === 0 && document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  running.push(name);
  setBusy(name);
  try {
    return await work();
  } finally {
    running.pop();
    setBusy(running.length > 0 ? running[running.length - 1] : null);
    // Disabling a focused control drops focus to <body>; give it back so keyboard users keep their place.
    const again = focused ? document.getElementById(focused) : null;
    if (again && document.activeElement === document.body && !(again as HTMLButtonElement).disabled)
      again.focus();
  }
}

/**
 * One server call. Resolves to null after showing a Vietnamese error when the call fails: what failed
 * and what to do, then why; the server's own (often English) text folds away for the administrator.
 */
async function run<K extends SidebarName>(name: K, arg: ServerArg<K>): Promise<ServerResult<K> | null> {
  try {
    return await call(name, arg);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    showNotice('error', FAILURE_TEXT[name], { cause: explainFailure(detail), admin: detail });
    return null;
  }
}

function setBusy(name: BusyName | null): void {
  state.busy = name;
  const busy = name !== null;
  dom.results.setAttribute('aria-busy', String(busy));
  dom.importResults.setAttribute('aria-busy', String(busy));
  dom.followResults.setAttribute('aria-busy', String(busy));
  dom.app.classList.toggle('is-busy', busy);
  for (const control of dom.app.querySelectorAll<HTMLButtonElement | HTMLSelectElement | HTMLInputElement>(
    '.controls select, .controls button, .controls input, .fixes button, .import-preview button, .switch-bar button, #follow-results button'
  )) {
    control.disabled =
      busy ||
      (control === dom.autofix && !canFix()) ||
      (control === dom.unit && !hasUnits()) ||
      (control.id === 'import-unit' && !importer.hasUnits()) ||
      (control.id === 'import-apply' && control.dataset.empty !== undefined);
  }
  for (const status of [dom.status, dom.importStatus, dom.followStatus]) {
    status.hidden = !busy;
    const text = status.querySelector('.status-text');
    if (text) text.textContent = name ? BUSY_TEXT[name] : '';
  }
}

function hasUnits(): boolean {
  return (state.response?.options.length ?? 0) > 0;
}

function canFix(): boolean {
  return state.response !== null && state.response.ok && state.response.units.some((u) => u.rows > 0);
}

function check(unit: string | undefined): Promise<void> {
  return busyWhile('checkData', async () => {
    const response = await run('checkData', unit === undefined ? {} : { unit });
    if (!response) {
      dom.unit.value = state.unit ?? ALL_UNITS; // the selector shows what the page shows
      return;
    }
    state.response = response;
    state.unit = response.selected || unit;
    state.preview = null;
    render(response);
  });
}

function selectProblem(problem: ProblemItem, entry: HTMLElement): Promise<void> {
  return busyWhile('selectProblemCell', async () => {
    const result = await run('selectProblemCell', {
      unit: problem.unit,
      row: problem.row,
      column: problem.column,
    });
    if (!result) return;
    if (!result.ok) {
      showNotice('error', result.message);
      return;
    }
    for (const current of dom.problems.querySelectorAll('[aria-current]'))
      current.removeAttribute('aria-current');
    entry.setAttribute('aria-current', 'true');
  });
}

function previewFixes(): Promise<void> {
  const unit = state.unit;
  if (unit === undefined) return Promise.resolve();
  clearNotice();
  return busyWhile('previewFixes', async () => {
    const preview = await run('previewFixes', { unit });
    if (!preview) return;
    if (!preview.ok) showNotice('error', preview.message);
    else if (preview.fixes.length === 0) showNotice('info', preview.message || m.nothingToFix);
    else {
      state.preview = preview.fixes;
      renderFixes(preview.fixes);
    }
  });
}

/** Applies the confirmed preview, one call per unit (the contract's request names one unit). */
function applyFixes(): Promise<void> {
  const fixes = state.preview;
  if (!fixes) return Promise.resolve();
  return busyWhile('applyFixes', async () => {
    const byUnit = new Map<string, FixItem[]>();
    for (const fix of fixes) {
      const items = byUnit.get(fix.unit);
      if (items) items.push(fix);
      else byUnit.set(fix.unit, [fix]);
    }
    const results: ApplyFixesResponse[] = [];
    for (const [unit, items] of byUnit) {
      const result = await run('applyFixes', {
        unit,
        fixes: items.map(({ row, column, before, after }) => ({ row, column, before, after })),
        confirmed: true,
      });
      if (!result) break;
      results.push(result);
      if (!result.ok) break;
    }
    closeFixes(false);
    const failed = results.find((r) => !r.ok);
    if (results.length > 0) {
      const applied = results.reduce((n, r) => n + r.applied, 0);
      const skipped = results.reduce((n, r) => n + r.skipped, 0);
      const single = results.length === 1 ? results[0].message : '';
      showNotice(
        failed ? 'error' : 'success',
        (failed ? failed.message : single) || m.appliedSummary(applied, skipped),
        { admin: failed?.detail }
      );
    }
    await check(state.unit);
  }).then(focusNotice);
}

// ---------------------------------------------------------------------------------------------
// Drawing

function render(response: CheckResponse): void {
  renderOptions(response);
  // ok with a message: all units were checked but some sheets could not be (missing, header altered).
  if (response.message) showNotice(response.ok ? 'info' : 'error', response.message, {}, response.ok);
  const checked = response.units.some((unit) => unit.state === 'ok');
  replaceChildren(dom.summary, checked && summaryView(response.units));
  dom.summary.hidden = !checked;
  closeFixes(false);
  renderProblems(response);
}

function renderOptions(response: CheckResponse): void {
  // Where each unit has a file of its own, no "all units": the first line asks for one.
  const first = response.allUnits ? { code: ALL_UNITS, name: m.allUnits } : { code: '', name: m.chooseUnit };
  const options = [first, ...response.options];
  replaceChildren(dom.unit, ...options.map((option) => el('option', { value: option.code }, option.name)));
  dom.unit.value = state.unit ?? first.code;
}

function renderProblems(response: CheckResponse): void {
  performance.mark('tonghop:problems-start');
  const hasRows = response.units.some((unit) => unit.rows > 0);
  const count = response.problems.length + response.truncated;
  if (!response.units.some((unit) => unit.state === 'ok')) {
    replaceChildren(dom.problems);
  } else if (count === 0) {
    replaceChildren(dom.problems, emptyState(hasRows));
  } else {
    replaceChildren(
      dom.problems,
      el(
        'h2',
        { id: 'problems-heading' },
        m.problemsHeading,
        ' ',
        el('span', { class: 'count-pill' }, String(count))
      ),
      el(
        'p',
        { class: 'hint', id: 'problems-hint' },
        response.problems.some((p) => p.link !== '') ? m.problemsLinkHint : m.problemsHint
      ),
      problemList(response.problems, state.unit === ALL_UNITS),
      response.truncated > 0 &&
        el('p', { class: 'truncated', id: 'truncated' }, m.truncated(response.truncated))
    );
  }
  performance.measure('tonghop:problems', 'tonghop:problems-start');
}

function renderFixes(fixes: FixItem[]): void {
  const names = new Map((state.response?.options ?? []).map((o) => [o.code, o.name]));
  const several = new Set(fixes.map((f) => f.unit)).size > 1;
  const list = el('ol', { class: 'fix-list' });
  const fragment = document.createDocumentFragment();
  for (const fix of fixes)
    fragment.appendChild(fixEntry(fix, several ? (names.get(fix.unit) ?? fix.unit) : undefined));
  list.appendChild(fragment);
  replaceChildren(
    dom.fixes,
    el('h2', { id: 'fixes-heading', tabindex: -1 }, m.fixesHeading),
    el('p', {}, m.fixesIntro(fixes.length)),
    list,
    el(
      'div',
      { class: 'confirm' },
      el('p', { class: 'undo-hint' }, m.undoHint),
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', id: 'fix-cancel', class: 'button secondary' }, m.cancel),
        el('button', { type: 'button', id: 'fix-apply', class: 'button primary' }, m.apply(fixes.length))
      )
    )
  );
  dom.fixes.hidden = false;
  dom.problems.hidden = true;
  dom.switchBar.hidden = true; // the confirm bar takes the bottom of the sidebar
  byId('fixes-heading').focus();
}

function closeFixes(focus = true): void {
  state.preview = null;
  const wasOpen = !dom.fixes.hidden;
  dom.fixes.hidden = true;
  replaceChildren(dom.fixes);
  dom.problems.hidden = false;
  dom.switchBar.hidden = false;
  if (focus && wasOpen) dom.autofix.focus();
}

/** The notice area of the screen on show. */
function noticeArea(): HTMLElement {
  if (state.screen === 'follow') return dom.followNotice;
  return state.screen === 'import' ? dom.importNotice : dom.notice;
}

/**
 * `more`: why it failed, under the message, and Google's own text for the administrator, folded away;
 * `closable` false for a message that explains an empty page (nothing could be checked); `action` a
 * button to put under the message.
 */
function showNotice(
  tone: Tone,
  text: string,
  more: NoticeMore = {},
  closable = true,
  action?: HTMLElement
): void {
  replaceChildren(
    noticeArea(),
    el(
      'div',
      { class: `notice ${tone}`, role: tone === 'error' ? 'alert' : 'status', tabindex: -1 },
      el('p', { class: 'notice-text' }, text),
      more.cause && el('p', { class: 'notice-detail' }, more.cause),
      more.admin && adminInfo(more.admin),
      action && el('div', { class: 'notice-action' }, action),
      closable &&
        el(
          'button',
          { type: 'button', class: 'notice-close', 'aria-label': m.closeLabel, title: m.close },
          '×'
        )
    )
  );
}

function clearNotice(): void {
  replaceChildren(noticeArea());
}

function focusNotice(): void {
  const notice = noticeArea().querySelector<HTMLElement>('.notice');
  if (notice) notice.focus();
}

// ---------------------------------------------------------------------------------------------
// Screens

function showScreen(screen: State['screen']): void {
  state.screen = screen;
  dom.checkScreen.hidden = screen !== 'check';
  dom.importScreen.hidden = screen !== 'import';
  dom.followScreen.hidden = screen !== 'follow';
  window.scrollTo(0, 0);
}

function openImport(): void {
  showScreen('import');
  importer.focus();
  const unit = state.unit === ALL_UNITS ? '' : (state.unit ?? '');
  void importer.open(unit, state.response?.options ?? null);
}

/** Back to the check screen, checking `unit` again (the open sheet's the first time) when its figures are stale. */
function backToCheck(stale: boolean, unit = state.unit): void {
  showScreen('check');
  byId<HTMLElement>('recheck').focus();
  if (stale || state.response === null) {
    clearNotice();
    void check(unit);
  }
}

let importer: ReturnType<typeof createImportScreen>;

// ---------------------------------------------------------------------------------------------
// Events

function problemFor(target: EventTarget | null): { problem: ProblemItem; entry: HTMLElement } | null {
  const entry = target instanceof Element ? target.closest<HTMLElement>('button.problem') : null;
  const problem = entry ? state.response?.problems[Number(entry.dataset.index)] : undefined;
  return entry && problem ? { problem, entry } : null;
}

function wire(): void {
  dom.unit.addEventListener('change', () => {
    clearNotice();
    void check(dom.unit.value);
  });
  dom.recheck.addEventListener('click', () => {
    clearNotice();
    void check(state.unit);
  });
  dom.autofix.addEventListener('click', () => void previewFixes());
  // <button> entries already turn Enter and Space into clicks.
  dom.problems.addEventListener('click', (event) => {
    const hit = problemFor(event.target);
    if (hit && state.busy === null) void selectProblem(hit.problem, hit.entry);
  });
  dom.fixes.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || state.busy !== null) return;
    if (event.target.closest('#fix-apply')) void applyFixes();
    else if (event.target.closest('#fix-cancel')) {
      closeFixes();
      showNotice('info', m.fixesCancelled);
    }
  });
  for (const area of [dom.notice, dom.importNotice, dom.followNotice]) {
    area.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('.notice-close')) clearNotice();
    });
  }
  byId('open-import').addEventListener('click', openImport);
}

function start(): void {
  const app = byId('app');
  replaceChildren(app, shell(), importShell(), followShell());
  dom = ui();
  const follow = createFollowScreen({
    busyWhile,
    run,
    showNotice: (tone, text, more) => showNotice(tone, text, more, true),
    clearNotice,
  });
  follow.wire();
  importer = createImportScreen({
    busyWhile,
    run,
    showNotice: (tone, text, more, action) => showNotice(tone, text, more, true, action),
    clearNotice,
    focusNotice,
    isBusy: () => state.busy !== null,
    openCheck: (unit) => backToCheck(true, unit),
    back: (changed) => backToCheck(changed),
  });
  wire();
  // Menu "Nhập từ tệp" appends a line that sets this, after this script: hence DOMContentLoaded.
  const screen = (window as { tonghopScreen?: string }).tonghopScreen;
  if (screen === 'import') {
    showScreen('import');
    void importer.open('', null);
  } else if (screen === 'follow') {
    // Menu "Theo dõi và nhắc đơn vị".
    showScreen('follow');
    void follow.open();
  } else void check(undefined);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
