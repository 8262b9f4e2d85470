/** What every menu action shares: the document lock, the closing message, and no half-done surprises. */
import { services } from './apps-script';
import { consolidateMessages, menuMessages } from '../core/messages/consolidate';

export interface ActionResult {
  ok: boolean;
  /** The Vietnamese message the menu shows. */
  message: string;
}

/** Shows a message in a dialog; outside a UI (a trigger, a script run) there is nobody to show it to. */
export function showAlert(title: string, message: string): void {
  try {
    const ui = services().SpreadsheetApp.getUi();
    ui.alert(title, message, ui.ButtonSet.OK);
  } catch {
    // No UI in this execution context.
  }
}

/**
 * Runs an action under the document lock, so that two clerks at once cannot interleave their writes;
 * the second one is told to try again later. The result's message is shown in a dialog.
 */
export function withDocumentLock<T extends ActionResult>(
  title: string,
  action: () => T,
  failed: (message: string) => T
): T {
  const result = underDocumentLock(() => failed(consolidateMessages.busy), action, failed);
  showAlert(title, result.message);
  return result;
}

/**
 * The document lock without a dialog, for the sidebar's writes (the sidebar shows the outcome itself):
 * `busy` when another execution holds it, `failed` with a Vietnamese message on an unexpected error.
 */
export function underDocumentLock<T>(busy: () => T, action: () => T, failed: (message: string) => T): T {
  const lock = services().LockService.getDocumentLock();
  if (lock && !lock.tryLock(10_000)) return busy();
  try {
    return action();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return failed(menuMessages.unexpected(detail));
  } finally {
    lock?.releaseLock();
  }
}
