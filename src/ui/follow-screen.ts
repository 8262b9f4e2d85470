/**
 * The sidebar's "Theo dõi đơn vị" screen (menu "Theo dõi và nhắc đơn vị"): Nhắc đơn vị, the units to
 * call with a message ready to copy and a link that opens Zalo on the unit's contact, then each unit's
 * status with Duyệt / Trả lại for the office. Every value lands as text (dom.ts).
 */
import type { FollowUpResponse, PendingNamesake, Reminder, UnitFollowUp } from '../core/follow-up-api';
import { followUpMessages as fm } from '../core/messages/follow-up';
import { copyText } from './admin-info';
import { byId, el, replaceChildren } from './dom';
import type { BusyName, NoticeMore, Tone } from './import-screen';
import type { ServerArg, ServerResult, SidebarName } from './rpc';

export interface FollowHost {
  busyWhile<T>(name: BusyName, work: () => Promise<T>): Promise<T>;
  run<K extends SidebarName>(name: K, arg: ServerArg<K>): Promise<ServerResult<K> | null>;
  showNotice(tone: Tone, text: string, more?: NoticeMore): void;
  clearNotice(): void;
}

export function followShell(): HTMLElement {
  return el(
    'div',
    { class: 'shell', id: 'follow-screen', hidden: true },
    el(
      'header',
      { class: 'controls' },
      el('h1', { id: 'follow-title', tabindex: -1 }, fm.title),
      el('p', { class: 'intro', id: 'follow-intro' }),
      el(
        'div',
        { class: 'actions' },
        el('button', { type: 'button', id: 'follow-refresh', class: 'button secondary' }, fm.refresh)
      ),
      el(
        'div',
        { id: 'follow-status', class: 'status', role: 'status', 'aria-live': 'polite', hidden: true },
        el('span', { class: 'spinner', 'aria-hidden': 'true' }),
        el('span', { class: 'status-text' })
      )
    ),
    el(
      'div',
      { id: 'follow-results', 'aria-busy': 'false' },
      el('div', { id: 'follow-notice' }),
      el('section', { id: 'reminders', class: 'reminders', 'aria-labelledby': 'reminders-heading' }),
      el('section', {
        id: 'namesakes',
        class: 'namesakes',
        'aria-labelledby': 'namesakes-heading',
        hidden: true,
      }),
      el('section', { id: 'unit-statuses', class: 'unit-statuses', 'aria-labelledby': 'statuses-heading' })
    )
  );
}

function reminderCard(r: Reminder, i: number): HTMLElement {
  const area = el(
    'textarea',
    { class: 'remind-text', readonly: true, rows: 7, id: `remind-text-${i}`, 'aria-label': r.name },
    r.message
  );
  const copied = el('span', { class: 'admin-copied', role: 'status' });
  const copy = el('button', { type: 'button', class: 'button secondary remind-copy' }, fm.copy);
  copy.addEventListener('click', () => {
    void copyText(area).then((ok) => (copied.textContent = ok ? fm.copied : ''));
  });
  const zalo = r.zalo
    ? el(
        'a',
        { class: 'button primary remind-zalo', href: r.zalo, target: '_blank', rel: 'noopener noreferrer' },
        `${fm.openZalo} (${r.phone})`
      )
    : el('span', { class: 'muted remind-no-phone' }, fm.noPhone);
  return el(
    'li',
    { class: 'reminder', 'data-unit': r.code },
    el('h3', { class: 'remind-unit' }, `${r.name} (${r.code})`),
    el('p', { class: 'remind-reasons' }, r.reasonText),
    area,
    el('div', { class: 'actions' }, copy, zalo, copied)
  );
}

export function createFollowScreen(host: FollowHost) {
  let data: FollowUpResponse | null = null;

  function drawStatuses(units: readonly UnitFollowUp[], isOffice: boolean): void {
    const rows = units.map((u) =>
      el(
        'li',
        { class: `unit-status status-${u.status}`, 'data-unit': u.code },
        el('span', { class: 'unit-name' }, u.name),
        el('span', { class: 'unit-state' }, u.statusText),
        el('span', { class: 'muted unit-since' }, u.since ? fm.since(u.since) : ''),
        isOffice && u.status !== 'empty'
          ? el(
              'span',
              { class: 'unit-actions' },
              u.status === 'accepted'
                ? null
                : el(
                    'button',
                    { type: 'button', class: 'link-button review-accept', 'data-unit': u.code },
                    fm.accept
                  ),
              el(
                'button',
                { type: 'button', class: 'link-button review-return', 'data-unit': u.code },
                fm.return
              )
            )
          : null
      )
    );
    replaceChildren(
      byId('unit-statuses'),
      el('h2', { id: 'statuses-heading' }, fm.statusHeading),
      el('ul', { class: 'status-list' }, ...rows)
    );
  }

  /**
   * Issue 25: "Không trùng" rows another unit listed first, each with the office's "Chấp nhận" (the section
   * stays hidden when there are none, and for anyone but the office, to whom the server sends none).
   */
  function drawNamesakes(pending: readonly PendingNamesake[]): void {
    const section = byId('namesakes');
    section.hidden = pending.length === 0;
    if (pending.length === 0) return replaceChildren(section);
    replaceChildren(
      section,
      el('h2', { id: 'namesakes-heading' }, fm.namesakesHeading),
      el('p', { class: 'muted' }, fm.namesakesIntro),
      el(
        'ul',
        { class: 'namesake-list' },
        ...pending.map((p) =>
          el(
            'li',
            { class: 'namesake', 'data-unit': p.code, 'data-row': String(p.row) },
            el('span', { class: 'namesake-pair' }, fm.namesakePair(p.name, p.row, p.otherName, p.otherRow)),
            el(
              'button',
              {
                type: 'button',
                class: 'link-button namesake-accept',
                'data-unit': p.code,
                'data-row': String(p.row),
              },
              fm.acceptNamesake
            )
          )
        )
      )
    );
  }

  function draw(response: FollowUpResponse): void {
    data = response;
    byId('follow-intro').textContent = response.message;
    replaceChildren(
      byId('reminders'),
      el('h2', { id: 'reminders-heading' }, fm.remindHeading),
      response.reminders.length === 0
        ? el('p', { class: 'muted' }, fm.nobodyToRemind)
        : el('ol', { class: 'reminder-list' }, ...response.reminders.map(reminderCard))
    );
    drawNamesakes(response.namesakes ?? []);
    drawStatuses(response.units, response.isOffice);
  }

  function load(): Promise<void> {
    return host.busyWhile('followUp', async () => {
      const response = await host.run('followUp', undefined as never);
      if (!response) return;
      if (!response.ok) {
        byId('follow-intro').textContent = '';
        replaceChildren(byId('reminders'));
        replaceChildren(byId('unit-statuses'));
        host.showNotice('info', response.message);
        return;
      }
      draw(response);
    });
  }

  function review(unit: string, action: 'accept' | 'return', note?: string): Promise<void> {
    return host.busyWhile('reviewUnit', async () => {
      const result = await host.run(
        'reviewUnit',
        note === undefined ? { unit, action } : { unit, action, note }
      );
      if (!result) return;
      host.showNotice(result.ok ? 'success' : 'error', result.message, { admin: result.detail });
    });
  }

  /** Trả lại asks for the note in place, under the unit's line. */
  function askNote(item: HTMLElement, unit: string): void {
    item.querySelector('.return-form')?.remove();
    const area = el('textarea', { class: 'return-note', rows: 3, id: `return-note-${unit}`, maxlength: 300 });
    const confirm = el(
      'button',
      { type: 'button', class: 'button primary return-confirm' },
      fm.returnConfirm
    );
    const cancel = el('button', { type: 'button', class: 'button secondary return-cancel' }, fm.cancel);
    const form = el(
      'div',
      { class: 'return-form' },
      el('label', { for: `return-note-${unit}`, class: 'field-label' }, fm.returnNoteLabel),
      area,
      el('div', { class: 'actions' }, confirm, cancel)
    );
    cancel.addEventListener('click', () => form.remove());
    confirm.addEventListener('click', () => {
      const note = area.value.trim();
      if (note === '') {
        host.showNotice('error', fm.noteRequired);
        area.focus();
        return;
      }
      void review(unit, 'return', note).then(load);
    });
    item.append(form);
    area.focus();
  }

  let accepted = false;
  function acceptNamesake(unit: string, row: number): Promise<void> {
    return host.busyWhile('acceptNamesake', async () => {
      const result = await host.run('acceptNamesake', { unit, row });
      if (!result) return;
      host.showNotice(result.ok ? 'success' : 'error', result.message, { admin: result.detail });
      if (result.ok) accepted = true;
    });
  }

  function wire(): void {
    byId('namesakes').addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLElement>('button') : null;
      const { unit, row } = button?.dataset ?? {};
      if (!button || !unit || !row) return;
      host.clearNotice();
      accepted = false;
      void acceptNamesake(unit, Number(row)).then(() => {
        if (accepted) button.closest('li')?.remove();
      });
    });
    byId('follow-refresh').addEventListener('click', () => {
      host.clearNotice();
      void load();
    });
    byId('unit-statuses').addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLElement>('button') : null;
      const unit = button?.dataset.unit;
      if (!button || !unit) return;
      host.clearNotice();
      if (button.classList.contains('review-accept')) void review(unit, 'accept').then(load);
      else if (button.classList.contains('review-return')) {
        const item = button.closest<HTMLElement>('li');
        if (item) askNote(item, unit);
      }
    });
  }

  return { wire, open: load, data: () => data };
}
