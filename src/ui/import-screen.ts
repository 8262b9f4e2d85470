/**
 * The sidebar's "Nhập từ tệp" screen: choose the unit and a file, read it here in the browser, see
 * what each row will become, then "Nhập N dòng" or "Hủy". The file never leaves the browser: only the
 * first sheet's cells go to the server, as plain data, packed (src/core/import-wire.ts) so that one
 * request stays under 2 MB.
 */
import { readSheet } from 'read-excel-file/browser';
import type { ImportTable } from '../core/import';
import type { ImportPreview } from '../core/import-api';
import { MAX_PACKED_CHARS, packTable } from '../core/import-wire';
import {
  checkImportFile,
  ImportFileError,
  tableFromCsv,
  tableFromXlsx,
  type ImportFormulaCell,
} from '../shared/import-file';
import { importMessages as im } from '../core/messages/import';
import type { UnitOption } from '../core/sidebar-api';
import { byId, el, replaceChildren } from './dom';
import { columnsView, importCountsView, importRowList } from './import-views';
import type { ServerArg, ServerResult, SidebarName } from './rpc';

/** What the status line can say: a server call, or reading the file. */
export type BusyName = SidebarName | 'readFile';
export type Tone = 'error' | 'info' | 'success';
/** Under a notice: why it failed, and Google's own text folded away for the administrator. */
export interface NoticeMore {
  cause?: string;
  admin?: string;
}

/** What the import screen borrows from the sidebar: one busy state and one notice area per screen. */
export interface Host {
  busyWhile<T>(name: BusyName, work: () => Promise<T>): Promise<T>;
  run<K extends SidebarName>(name: K, arg: ServerArg<K>): Promise<ServerResult<K> | null>;
  showNotice(tone: Tone, text: string, more?: NoticeMore, action?: HTMLElement): void;
  clearNotice(): void;
  focusNotice(): void;
  isBusy(): boolean;
  /** Goes to "Kiểm tra dữ liệu", checking this unit. */
  openCheck(unit: string): void;
  /** Goes back to "Kiểm tra dữ liệu", checking again when rows were imported since. */
  back(changed: boolean): void;
}

interface State {
  options: UnitOption[] | null;
  unit: string;
  /** The file's table, packed as it is sent, and its formula cells (left empty: issue 25). */
  file: { name: string; packed: string; formulaCells: ImportFormulaCell[] } | null;
  preview: ImportPreview | null;
}

/** The screen's markup; ids are prefixed "import-" (the check screen owns the plain ones). */
export function importShell(): HTMLElement {
  return el(
    'div',
    { class: 'shell', id: 'import-screen', hidden: true },
    el(
      'header',
      { class: 'controls' },
      el('button', { type: 'button', id: 'import-back', class: 'link-button back' }, `← ${im.backToCheck}`),
      el('h1', { id: 'import-title', tabindex: -1 }, im.title),
      el('p', { class: 'intro' }, im.intro),
      el('label', { for: 'import-unit', class: 'field-label' }, im.unitLabel),
      el('select', { id: 'import-unit' }),
      el('label', { for: 'import-file', class: 'field-label file-label' }, im.fileLabel),
      el(
        'div',
        { class: 'file-picker' },
        el('input', {
          type: 'file',
          id: 'import-file',
          accept: '.xlsx,.csv',
          class: 'file-input',
          'aria-describedby': 'import-file-name import-file-hint',
        }),
        // A label, so a click opens the same picker; the input keeps the focus for the keyboard.
        el(
          'label',
          { for: 'import-file', class: 'button secondary file-button', 'aria-hidden': 'true' },
          im.chooseFile
        ),
        el('span', { class: 'file-name muted', id: 'import-file-name' }, im.noFileChosen)
      ),
      el('p', { class: 'hint file-hint', id: 'import-file-hint' }, im.fileHint),
      el(
        'div',
        { id: 'import-status', class: 'status', role: 'status', 'aria-live': 'polite', hidden: true },
        el('span', { class: 'spinner', 'aria-hidden': 'true' }),
        el('span', { class: 'status-text' })
      )
    ),
    el(
      'div',
      { id: 'import-results', 'aria-busy': 'true' },
      el('div', { id: 'import-notice', class: 'notice-area' }),
      el('section', {
        id: 'import-preview',
        class: 'import-preview',
        hidden: true,
        'aria-labelledby': 'import-preview-heading',
      })
    )
  );
}

/** 1234567 characters → "1,2" (MB, as the file-size message writes it). */
function megabytes(chars: number): string {
  return (chars / 1024 / 1024).toFixed(1).replace('.', ',');
}

export function createImportScreen(host: Host) {
  const state: State = { options: null, unit: '', file: null, preview: null };
  /** Rows were imported since the check screen was last shown: its figures are stale. */
  let changed = false;
  const dom = {
    unit: byId<HTMLSelectElement>('import-unit'),
    file: byId<HTMLInputElement>('import-file'),
    fileName: byId('import-file-name'),
    preview: byId('import-preview'),
  };

  function showFileName(): void {
    dom.fileName.textContent = dom.file.files?.[0]?.name ?? im.noFileChosen;
  }

  function renderOptions(): void {
    const options = [{ code: '', name: im.chooseUnit }, ...(state.options ?? [])];
    replaceChildren(dom.unit, ...options.map((o) => el('option', { value: o.code }, o.name)));
    dom.unit.value = state.unit;
  }

  /** Shows the screen for `unit` ('' for none); the units come from the check screen when it has them. */
  async function open(unit: string, options: UnitOption[] | null): Promise<void> {
    if (options && options.length > 0) {
      state.options = options;
      state.unit = options.some((o) => o.code === unit) ? unit : '';
      renderOptions();
      return;
    }
    await host.busyWhile('previewImport', async () => {
      const reply = await host.run('previewImport', unit ? { unit } : {});
      if (!reply) return;
      if (!reply.ok) host.showNotice('error', reply.message);
      state.options = reply.options;
      state.unit = reply.selected;
      renderOptions();
    });
  }

  function clearFile(): void {
    state.file = null;
    state.preview = null;
    dom.file.value = '';
    showFileName();
    dom.preview.hidden = true;
    replaceChildren(dom.preview);
  }

  async function readTable(file: File): Promise<{ table: ImportTable; formulaCells: ImportFormulaCell[] }> {
    const kind = checkImportFile(file.name, file.size);
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (kind === 'csv') return { table: tableFromCsv(bytes, file.name), formulaCells: [] };
    try {
      // Checked against a unit's list's limits before read-excel-file unzips anything (issue 25).
      return await tableFromXlsx(bytes, file.name, () => readSheet(file));
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      // Not a zip, not a workbook, or a workbook read-excel-file cannot make sense of.
      throw new ImportFileError(im.unreadable(file.name), 'unreadable');
    }
  }

  async function chooseFile(): Promise<void> {
    const file = dom.file.files?.[0];
    showFileName();
    host.clearNotice();
    state.preview = null;
    dom.preview.hidden = true;
    if (!file) return;
    const read = await host.busyWhile('readFile', async () => {
      try {
        return await readTable(file);
      } catch (error) {
        const message = error instanceof ImportFileError ? error.message : im.unreadable(file.name);
        clearFile();
        host.showNotice('error', message);
        return null;
      }
    });
    if (!read) return host.focusNotice();
    const packed = packTable(read.table);
    if (packed.length > MAX_PACKED_CHARS) {
      clearFile();
      host.showNotice('error', im.tooLargeToSend(megabytes(packed.length), megabytes(MAX_PACKED_CHARS)));
      return host.focusNotice();
    }
    state.file = { name: file.name, packed, formulaCells: read.formulaCells };
    if (!state.unit) {
      host.showNotice('info', im.noUnitChosen);
      dom.unit.focus();
      return;
    }
    await preview();
  }

  async function preview(): Promise<void> {
    const file = state.file;
    if (!file || !state.unit) return;
    const unit = state.unit;
    await host.busyWhile('previewImport', async () => {
      const reply = await host.run('previewImport', { unit, packed: file.packed });
      if (!reply) return;
      if (!reply.ok) {
        // A file the server cannot use (no header, no rows…) is dropped; a workbook problem keeps it.
        if (reply.problem && ['empty', 'no-header', 'no-rows', 'too-many-rows'].includes(reply.problem))
          clearFile();
        host.showNotice('error', reply.message);
        return;
      }
      state.preview = reply;
      render(reply, file.name);
    });
    if (state.preview) byId('import-preview-heading').focus();
    else host.focusNotice();
  }

  /** The file's formula cells, whose cached results were left out (issue 25): named above the preview. */
  function formulaNotice(cells: readonly ImportFormulaCell[]): HTMLElement | false {
    if (cells.length === 0) return false;
    const shown = cells.slice(0, 10).map((c) => (c.function === '' ? c.cell : `${c.cell} (${c.function})`));
    return el(
      'p',
      { class: 'notice warning import-formulas', id: 'import-formulas', role: 'note' },
      im.formulaCells(shown, cells.length - shown.length)
    );
  }

  function render(reply: ImportPreview, fileName: string): void {
    const n = reply.counts.toImport;
    replaceChildren(
      dom.preview,
      el('h2', { id: 'import-preview-heading', tabindex: -1 }, im.previewHeading),
      el('p', { class: 'muted file-name' }, fileName),
      el('p', { class: 'import-summary', id: 'import-summary' }, reply.message),
      formulaNotice(state.file?.formulaCells ?? []),
      importCountsView(reply.counts),
      columnsView(reply),
      importRowList(reply.rows),
      reply.omitted !== undefined &&
        reply.omitted > 0 &&
        el(
          'p',
          { class: 'muted rows-omitted', id: 'import-omitted' },
          im.rowsOmitted(reply.rows.length, reply.rows.length + reply.omitted)
        ),
      el(
        'div',
        { class: 'confirm' },
        n > 0 && reply.counts.errors > 0 && el('p', { class: 'undo-hint' }, im.errorsStillImported),
        el(
          'div',
          { class: 'actions' },
          el('button', { type: 'button', id: 'import-cancel', class: 'button secondary' }, im.cancel),
          el(
            'button',
            // data-empty keeps it disabled when the busy state ends: nothing to import.
            {
              type: 'button',
              id: 'import-apply',
              class: 'button primary',
              disabled: n === 0,
              'data-empty': n === 0,
            },
            im.importButton(n)
          )
        )
      )
    );
    dom.preview.hidden = false;
  }

  async function apply(): Promise<void> {
    const file = state.file;
    const unit = state.unit;
    if (!file || !unit || !state.preview) return;
    await host.busyWhile('importRows', async () => {
      const result = await host.run('importRows', { unit, packed: file.packed, confirmed: true });
      if (!result) return;
      if (!result.ok) {
        host.showNotice('error', result.message, { admin: result.detail });
        return;
      }
      clearFile();
      changed = true;
      const check = el(
        'button',
        { type: 'button', id: 'import-open-check', class: 'button secondary' },
        im.openCheck
      );
      check.addEventListener('click', () => {
        changed = false;
        host.openCheck(unit);
      });
      host.showNotice('success', result.message, {}, check);
    });
    host.focusNotice();
  }

  function cancel(): void {
    clearFile();
    host.showNotice('info', im.cancelled);
    dom.file.focus();
  }

  dom.unit.addEventListener('change', () => {
    state.unit = dom.unit.value;
    host.clearNotice();
    if (state.file) void preview();
    else {
      state.preview = null;
      dom.preview.hidden = true;
    }
  });
  dom.file.addEventListener('change', () => void chooseFile());
  byId('import-back').addEventListener('click', () => {
    host.back(changed);
    changed = false;
  });
  dom.preview.addEventListener('click', (event) => {
    if (!(event.target instanceof Element) || host.isBusy()) return;
    if (event.target.closest('#import-apply')) void apply();
    else if (event.target.closest('#import-cancel')) cancel();
  });

  return {
    open,
    /** Whether the unit selector has anything to offer (it stays disabled until it has). */
    hasUnits: () => (state.options?.length ?? 0) > 0,
    focus: () => byId('import-title').focus(),
  };
}
