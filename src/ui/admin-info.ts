/**
 * "Thông tin cho người quản trị": Google's own text of an error (often English), closed by default so
 * that the person reads the Vietnamese explanation first, and copyable to send to the administrator.
 * Used by the sidebar, the import screen and the progress dialog.
 */
import { failureMessages as fm } from '../core/messages/failures';
import { el } from './dom';

/**
 * Copies the text of `area`. The page runs in Google's sandboxed frame, where the Clipboard API may be
 * refused: then the older copy command, and failing that the text is left selected for Ctrl+C.
 */
export async function copyText(area: HTMLTextAreaElement): Promise<boolean> {
  area.focus();
  area.select();
  try {
    await navigator.clipboard.writeText(area.value);
    return true;
  } catch {
    // Not allowed in this frame: try the copy command on the selection.
  }
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function adminInfo(detail: string): HTMLDetailsElement {
  const area = el(
    'textarea',
    { class: 'admin-text', readonly: true, rows: 3, spellcheck: 'false', 'aria-label': fm.adminHeading },
    detail
  );
  const copied = el('span', { class: 'admin-copied', role: 'status' });
  const copy = el('button', { type: 'button', class: 'link-button admin-copy' }, fm.copy);
  copy.addEventListener('click', () => {
    void copyText(area).then((ok) => (copied.textContent = ok ? fm.copied : fm.copyByHand));
  });
  return el(
    'details',
    { class: 'admin-info' },
    el('summary', {}, fm.adminHeading),
    el('p', { class: 'admin-hint' }, fm.adminHint),
    area,
    el('div', { class: 'admin-actions' }, copy, ' ', copied)
  );
}
